"""The glossary: the words of the text explained in plain words, in the edition's language.

Every output marks a term where its reader first meets it, in that output's own reading order: a
renderer makes one `FirstUses` and passes every running text through it in the order it lays them
out. `FirstUses.html` typesets a text as HTML with the first uses marked (any template can use it,
with the tag it wants: the leaflet a styled <span>, a web page <dfn>); `FirstUses.take` gives the
spans of plain text, for the deck. Checks: a term the text never uses, and a term (or form) defined
twice, are errors located at the glossary entry.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from babel import Locale
from markupsafe import Markup

from handouts.content.model import Edition, GlossaryEntry, ListBlock, Table
from handouts.typography import nobreak_html, typeset

Path_ = tuple[Any, ...]


def pattern(entry: GlossaryEntry) -> re.Pattern[str]:
    """The term and its forms, whole words, in any case, whatever the apostrophes and spaces."""
    phrases = sorted({entry.term, *entry.forms}, key=len, reverse=True)
    parts = []
    for phrase in phrases:
        words = [re.sub(r"['’]", "['’]", re.escape(w)) for w in phrase.split()]
        parts.append(r"[\s\u00a0\u202f]+".join(words))
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])", re.IGNORECASE)


def running_texts(edition: Edition) -> Iterator[tuple[Path_, str]]:
    """Every text a reader reads as running text, with its field: lead, sections' paragraphs, lists,
    tables and key points, call-outs, and the summary."""
    if edition.lead:
        yield ("lead",), edition.lead
    for i, section in enumerate(edition.sections):
        yield from _section_texts(("sections", i), section)
        for j, sub in enumerate(section.subsections):
            yield from _section_texts(("sections", i, "subsections", j), sub)
    yield from _section_texts(("summary",), edition.summary)


def _section_texts(at: Path_, part: Any) -> Iterator[tuple[Path_, str]]:
    for k, block in enumerate(part.body):
        if isinstance(block, str):
            yield at + ("body", k), block
        elif isinstance(block, ListBlock):
            yield from ((at + ("body", k, "items", n), item) for n, item in enumerate(block.items))
        elif isinstance(block, Table):
            yield from ((at + ("body", k, "rows", r), " ".join(row)) for r, row in enumerate(block.rows))
    for k, point in enumerate(part.key_points):
        yield at + ("key_points", k), point.text
    for k, callout in enumerate(getattr(part, "callouts", ())):
        yield from ((at + ("callouts", k, "items", n), item.text) for n, item in enumerate(callout.items))


def check(edition: Edition) -> list[tuple[Path_, str]]:
    """(where, what) for each term defined twice and each term the text never uses."""
    problems: list[tuple[Path_, str]] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(edition.glossary):
        for phrase in (entry.term, *entry.forms):
            key = " ".join(phrase.replace("’", "'").lower().split())
            if key in seen and seen[key] != i:
                problems.append((("glossary", i, "term"), f"«{phrase}» is defined twice: also by glossary[{seen[key]}] "
                                                          "(define each term once)"))
                break
            seen.setdefault(key, i)
    texts = [text for _, text in running_texts(edition)]
    for i, entry in enumerate(edition.glossary):
        found = pattern(entry)
        if not any(found.search(text) for text in texts):
            forms = f" nor its forms ({', '.join(entry.forms)})" if entry.forms else ""
            problems.append((("glossary", i, "term"), f"«{entry.term}»{forms} is not used by the text (a term of the "
                                                      "text, as written; add forms: for its other spellings)"))
    return problems


class FirstUses:
    """The terms not met yet in one output: each text passed through it, in reading order, has the first
    use of each of them marked."""

    def __init__(self, entries: tuple[GlossaryEntry, ...]) -> None:
        self.entries = entries
        self.pending = list(entries)
        self.found: list[GlossaryEntry] = []   # in the order the reader meets them

    def take(self, text: str) -> list[tuple[int, int, GlossaryEntry]]:
        """The spans (start, end, entry) of the terms first used in text, in order, which are now met."""
        spans: list[tuple[int, int, GlossaryEntry]] = []
        for entry in list(self.pending):
            match = pattern(entry).search(text)
            if match and not any(s < match.end() and match.start() < e for s, e, _ in spans):
                spans.append((match.start(), match.end(), entry))
                self.pending.remove(entry)
                self.found.append(entry)
        return sorted(spans, key=lambda s: s[0])

    def html(self, text: str, locale: Locale, tag: str = "span", css: str = "term") -> Markup:
        """The text typeset as HTML (as typeset_html makes it) with each first use in <tag class=css>;
        with tag "a", a link to the term's <dfn> in the list of terms_html(..., anchors=True)."""
        shown = typeset(text, locale)
        out, at = [], 0
        for start, end, entry in self.take(shown):
            out.append(nobreak_html(shown[at:start]))
            if tag == "a":
                out.append(Markup('<a class="{}" href="#{}">{}</a>').format(
                    css, anchor(self.entries, entry), nobreak_html(shown[start:end])))
            else:
                out.append(Markup('<{0} class="{1}" title="{2}">{3}</{0}>').format(
                    Markup(tag), css, typeset(entry.definition, locale), nobreak_html(shown[start:end])))
            at = end
        out.append(nobreak_html(shown[at:]))
        return Markup("").join(out)


def anchor(entries: tuple[GlossaryEntry, ...], entry: GlossaryEntry) -> str:
    """The id of a term's defining instance in the list of terms (a page's own ids have an underscore)."""
    return f"_term{entries.index(entry) + 1}"


def terms_html(entries: tuple[GlossaryEntry, ...], locale: Locale, anchors: bool = False) -> Markup:
    """The glossary as a list, in the order given: each term in bold, then its definition (a list, which
    the PDFs tag L/LI, rather than a <dl> that they would not tag). With anchors (the web page), each term
    is the defining instance, <dfn id=...>, that the marked first uses link to."""
    colon = "\u00a0: " if locale.language == "fr" else ": "
    def term(entry: GlossaryEntry) -> Markup:
        shown = nobreak_html(typeset(entry.term, locale))
        return Markup('<dfn id="{}">{}</dfn>').format(anchor(entries, entry), shown) if anchors else shown

    items = Markup("").join(Markup("<li><strong>{}</strong>{}{}</li>").format(
        term(e), colon, nobreak_html(typeset(e.definition, locale))) for e in entries)
    return Markup('<ul class="glossary">{}</ul>').format(items) if entries else Markup("")

