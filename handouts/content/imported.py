"""An article's parts (handouts/content/pandoc_tree.py) arranged into the fields of a content file: title,
authors, lead, sections from the top headings and subsections from the next level, paragraphs, lists,
tables, pictures, the references section as structured references. Every text is copied as written; what
only an editor can write (key points, the summary's points, key figures, the card, the glossary, a missing
alt text) is a TODO (handouts/content/todos.py), and what has no place is kept in comments, never dropped.

The project's own Word edition (edition.docx) is read back too: its summary, glossary and paragraph
styles say where each part goes; what the build drew or wrote itself (key figures, the options table,
governance lines) is left out, noted in comments."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from handouts.content import casing, citations
from handouts.content.pandoc_tree import Part
from handouts.content.todos import MARK, todo
from handouts.messages import N_

# Headings that open the references section or the authors' summary, compared without case, accents or
# punctuation: the common words of the languages the project's catalogs have, and a few more.
REFERENCE_HEADINGS = {"references", "reference", "bibliography", "bibliographie", "literature", "literatur",
                      "literaturverzeichnis", "works cited", "sources", "referencias", "bibliografia", "riferimenti"}
SUMMARY_HEADINGS = {"summary", "in summary", "in short", "en resume", "resume", "en bref", "sommaire",
                    "zusammenfassung", "resumen", "en resumen", "riassunto", "in sintesi"}
# The project's own Word edition: styles of what the build writes itself (left out), and of the editor's
# texts that have no field to go in (kept in comments).
GENERATED_STYLES = {"Draft Mark", "Contact", "Governance", "Legend"}
NOTE_STYLES = {"Note", "Callout Do", "Callout Call", "Callout Ask", "Callout Do Title", "Callout Call Title",
               "Callout Ask Title"}
KEY_POINT = N_("a key point, with its source (words of the sentence it restates)")
OWN_EDITION_STYLE = "Governance"   # only the project's Word edition has it
LONG_HEADING = 60   # characters: a longer heading gets a short_heading to write, for its slide's title


@dataclass
class Picture:
    """A picture of the document and the file name it gets in the topic's folder."""

    target: str
    name: str


@dataclass
class Imported:
    data: dict[str, Any]
    unplaced: list[str] = field(default_factory=list)     # texts kept in comments
    pictures: list[Picture] = field(default_factory=list)
    notes: dict[str, list[str]] = field(default_factory=dict)   # comments above a top-level key or a section's id
    recased: int = 0                                      # titles and headings in capitals put in sentence case
    say: Callable[[str], str] = str                       # the edition's catalog: its language's words for a TODO

    def todo(self, message: str, **values: object) -> str:
        return todo(self.say, message, **values)

    def note(self, key: str, message: str, left: bool = False, **values: object) -> None:
        """A comment for the editor above the key (a top-level key or a section's id), in the edition's language;
        `left`: a TODO, something left to do."""
        said = self.say(message)
        said = said % values if values else said
        self.notes.setdefault(key, []).append(f"{MARK}: {said}" if left else said)


def plain(value: str) -> str:
    """A heading compared without case, accents and punctuation."""
    folded = unicodedata.normalize("NFKD", value.casefold())
    letters = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w\s]", " ", letters).split())


def slug(value: str, taken: set[str], fallback: str) -> str:
    words = plain(value).encode("ascii", "ignore").decode().split()
    base = "-".join(re.sub(r"[^a-z0-9]", "", w) for w in words[:5] if re.sub(r"[^a-z0-9]", "", w)) or fallback
    name, number = base, 2
    while name in taken:
        name, number = f"{base}-{number}", number + 1
    taken.add(name)
    return name


@dataclass
class Heading:
    text: str
    level: int
    parts: list[Part] = field(default_factory=list)


def arrange(parts: list[Part], lang: str, title_hint: str = "", authors_hint: str = "",
            say: Callable[[str], str] = str) -> Imported:
    """The content file's data from the document's parts (title and authors hints: the document's properties;
    `say`: the edition's catalog, for what is left to write)."""
    own = any(p.style == OWN_EDITION_STYLE for p in parts)
    result = Imported({}, say=say)
    kept: list[Part] = []
    for part in parts:
        if part.style in GENERATED_STYLES:
            continue
        if part.style in NOTE_STYLES and part.kind == "paragraph":
            result.unplaced.append(part.text)
            continue
        kept.append(part)
    title, kept = _title(kept, title_hint)
    kept = [p for p in kept if not (p.kind == "heading" and plain(p.text) == plain(title))]   # running heads
    front = []
    while kept and kept[0].kind != "heading":
        front.append(kept.pop(0))
    authors, lead, rest = _front(front, authors_hint, result)
    headings = _headings(kept)
    data: dict[str, Any] = {"lang": lang, "title": title or result.todo(N_("the title")), "published": None,
                            "association": None, "authors": authors}
    if lead:
        data["lead"] = lead
    summary, references, glossary = None, None, []
    taken: set[str] = set()
    sections: list[dict[str, Any]] = []
    if rest:
        sections.append(_section(Heading(result.todo(N_("a heading for these paragraphs")), 0, rest), [], taken, result))
    level = _section_level(headings)
    first = True
    previous: Heading | None = None
    for heading in headings:
        key = plain(heading.text)
        is_first, first = first, False
        before, previous = previous, heading
        if key in REFERENCE_HEADINGS or (own and references is None and _all_lists(heading) and heading is headings[-1]):
            references = _references(heading, result, lang)
            continue
        if key in SUMMARY_HEADINGS or (own and is_first):
            summary = {"heading": heading.text, "body": _body(heading.parts, result) or [result.todo(N_("the summary"))],
                       "key_points": [{"text": result.todo(KEY_POINT)}]}
            continue
        if own and heading.parts and all(p.glossary_term for p in heading.parts):
            glossary = [_entry(p, result) for p in heading.parts]
            continue
        if own and heading.parts and all(p.kind == "table" for p in heading.parts):
            result.unplaced.append(result.say(N_("%(heading)s: the options table the build drew (write options:)"))
                                   % {"heading": heading.text})
            continue
        if heading.level <= level or not sections:
            sections.append(_section(heading, [], taken, result))
        else:
            sections[-1].setdefault("subsections", []).append(_section(heading, [], taken, result))
        _check_level(heading, before, level, sections, result)
    if references is None and sections:
        references = _trailing_list(sections, lang, result)
    data["sections"] = sections or [_section(Heading(result.todo(N_("a heading")), 0, []), [], taken, result)]
    data["summary"] = summary or {"heading": result.todo(N_("the summary's heading")),
                                  "body": [result.todo(N_("the summary, in the authors' words"))],
                                  "key_points": [{"text": result.todo(KEY_POINT)}]}
    data["references"] = references or [{"type": "report", "title": result.todo(N_("the article's references")),
                                         "publisher": result.todo(N_("(each reference's fields)")),
                                         "year": dt.date.today().year}]
    if glossary:
        data["glossary"] = glossary
    result.data = data
    _sentence_case(result)
    return result


SKIPPED_SECTION = N_("the article skips a heading level here: this heading is of level %(level)s, right after one "
                     "of level %(previous)s. Made a section: check its place.")
SKIPPED_SUBSECTION = N_("the article skips a heading level here: this heading is of level %(level)s, right after one "
                        "of level %(previous)s. Made a subsection of “%(parent)s”: check its place.")
DEEPER = N_("this heading is of level %(level)s, below a subsection: made a subsection too (the file has two "
            "levels). Check its place.")
RECASED = N_("in capitals in the article: “%(text)s” (put in sentence case: check it)")


def _check_level(heading: Heading, before: Heading | None, level: int, sections: list[dict[str, Any]],
                 result: Imported) -> None:
    """A TODO above the section made of a heading that skips a level (a level 3 right after a level 1; the
    sections' level is the document's top level, found from its headings), or that is deeper than a subsection."""
    subsection = heading.level > level and "subsections" in sections[-1]
    made = sections[-1]["subsections"][-1] if subsection else sections[-1]
    previous = before.level if before else level - 1
    if heading.level > previous + 1:
        if subsection:
            result.note(made["id"], SKIPPED_SUBSECTION, True, level=heading.level, previous=previous,
                        parent=sections[-1]["heading"])
        else:
            result.note(made["id"], SKIPPED_SECTION, True, level=heading.level, previous=previous)
    elif heading.level > level + 1:
        result.note(made["id"], DEEPER, True, level=heading.level)


def _sentence_case(result: Imported) -> None:
    """The title and the headings written all in capitals put in sentence case, the words the running text shows
    in capitals (acronyms) or capitalised (names) kept so; each noted with the text as written."""
    data = result.data
    forms = casing.shown_forms(_running_text(data))
    places: list[tuple[dict[str, Any], str, str]] = [(data, "title", "title"), (data["summary"], "heading", "summary")]
    places += [(part, "heading", part["id"]) for section in data["sections"]
               for part in (section, *section.get("subsections", ()))]
    for holder, key, note in places:
        written = holder[key]
        if written.startswith(MARK):
            continue
        cased = casing.sentence_case(written, forms, data["lang"])
        if cased != written:
            assert cased.lower() == written.lower()   # only the letters' case changes, never a letter
            holder[key] = cased
            result.recased += 1
            result.note(note, RECASED, text=written)


def _running_text(data: dict[str, Any]) -> list[str]:
    """The article's running text: its lead, paragraphs, list items, tables and captions (not its headings)."""
    texts = [data.get("lead", "")]
    for part in (data["summary"], *(p for s in data["sections"] for p in (s, *s.get("subsections", ())))):
        for block in part["body"]:
            if isinstance(block, str):
                texts.append(block)
            elif isinstance(block, dict):
                texts += block.get("items", []) + block.get("header", []) + [c for row in block.get("rows", []) for c in row]
                texts += [block[k] for k in ("caption", "alt") if isinstance(block.get(k), str)]
    return [text for text in texts if text and not text.startswith(MARK)]


def _title(parts: list[Part], hint: str) -> tuple[str, list[Part]]:
    """The title: a paragraph in Word's Title style, else a heading that opens the document, a level above all the
    others, else the document's own (its properties)."""
    for i, part in enumerate(parts):
        if part.style == "Title" and part.kind in ("paragraph", "heading"):
            return part.text, parts[:i] + parts[i + 1:]
    levels = [p.level for p in parts[1:] if p.kind == "heading"]
    if parts and parts[0].kind == "heading" and all(level > parts[0].level for level in levels):
        return parts[0].text, parts[1:]   # a heading above all the others: the title
    return hint, parts


def _front(front: list[Part], hint: str, result: Imported) -> tuple[list[dict[str, Any]], str, list[Part]]:
    """Authors (a paragraph that opens in bold, or in Word's Author style: name, degrees after a comma; the
    lines after it, or the short paragraphs that follow, their positions), the lead (a paragraph in the
    Lead style, else the first other paragraph) and the paragraphs left before the first heading."""
    authors: list[dict[str, Any]] = []
    rest: list[Part] = []
    lead = ""
    open_author = False
    for part in front:
        if part.kind == "paragraph" and (part.style == "Author" or (part.bold_start and not lead)):
            authors.append(_author(part.lines[0] if part.lines else part.text))
            authors[-1]["positions"] = _positions(part.lines[1:])
            open_author = True
        elif part.kind == "paragraph" and part.style == "Lead":
            lead, open_author = part.text, False
        elif open_author and part.kind == "paragraph" and len(part.text.split()) <= 15 and not lead:
            authors[-1]["positions"] += _positions(part.lines)
        elif part.kind == "paragraph" and not lead and not rest:
            lead, open_author = part.text, False
        else:
            rest.append(part)
            open_author = False
    if not authors:
        names = [n.strip() for n in re.split(r";|,| and | et ", hint) if n.strip()]
        authors = [{"name": name} for name in names] or [{"name": result.todo(N_("the author's name"))}]
    for author in authors:
        author["positions"] = author.get("positions") or [result.todo(N_("the author's position"))]
    return authors, lead, rest


def _author(signature: str) -> dict[str, Any]:
    name, _, degrees = signature.partition(", ")
    if degrees and all(re.fullmatch(r"[A-Z][A-Za-z().]{0,8}", word) for word in degrees.split()):
        return {"name": name.strip(), "degrees": degrees.strip()}
    return {"name": signature.strip()}


def _positions(lines: list[str]) -> list[str]:
    """A position a line, a line that opens in lower case continuing the one before (a line broken by layout)."""
    out: list[str] = []
    for line in lines:
        if out and line[:1].islower():
            out[-1] = f"{out[-1]} {line}"
        elif line:
            out.append(line)
    return out


def _headings(parts: list[Part]) -> list[Heading]:
    headings: list[Heading] = []
    for part in parts:
        if part.kind == "heading":
            headings.append(Heading(part.text, part.level))
        else:
            headings[-1].parts.append(part)
    return headings


def _section_level(headings: list[Heading]) -> int:
    """The level of the sections: the highest level that two headings or more have (a lone heading above
    them, like a running head's level, is a section too)."""
    levels = [h.level for h in headings if plain(h.text) not in REFERENCE_HEADINGS | SUMMARY_HEADINGS]
    repeated = sorted(level for level in set(levels) if levels.count(level) >= 2)
    return repeated[0] if repeated else min(levels, default=1)


def _section(heading: Heading, subsections: list[dict[str, Any]], taken: set[str], result: Imported) -> dict[str, Any]:
    name = heading.text if not heading.text.startswith(MARK) else "introduction"
    section: dict[str, Any] = {"id": slug(name, taken, f"section-{len(taken) + 1}"), "heading": heading.text}
    if len(heading.text) > LONG_HEADING:
        section["short_heading"] = result.todo(N_("short title"))
    section["body"] = _body(heading.parts, result) or [result.todo(N_("this section's text"))]
    section["key_points"] = [{"text": result.todo(KEY_POINT)}]
    if subsections:
        section["subsections"] = subsections
    return section


def _body(parts: list[Part], result: Imported) -> list[Any]:
    body: list[Any] = []
    caption = ""
    for part in parts:
        if part.kind == "paragraph" and part.style == "Caption":
            if caption:
                body.append(caption)
            caption = part.text   # a table's caption, above it in Word
            continue
        if caption and part.kind != "table":
            body.append(caption)
            caption = ""
        if part.kind == "paragraph" and part.text:
            body.append(part.text)
        elif part.kind == "list" and part.items:
            body.append({"items": part.items})
        elif part.kind == "table" and part.header:
            body.append(_table(part, caption or part.text, result))
            caption = ""
        elif part.kind == "picture":
            if part.bold_start and part.style == "Figure":   # a key figure the project's Word edition drew
                result.unplaced.append(result.say(N_("a key figure the build drew (write it in key_figures:): %(text)s"))
                                       % {"text": part.text})
                continue
            body.append(_picture(part, result))
    if caption:
        body.append(caption)
    return body


def _table(part: Part, caption: str, result: Imported) -> dict[str, Any]:
    width = len(part.header)

    def cells(row: list[str]) -> list[str]:
        row = (row + [""] * width)[:width]
        return [cell or result.todo(N_("an empty cell")) for cell in row]

    rows = [cells(row) for row in part.rows] or [[result.todo(N_("a row")) for _ in range(width)]]
    return {"caption": caption or result.todo(N_("the table's caption")), "header": cells(part.header), "rows": rows}


def _picture(part: Part, result: Imported) -> dict[str, Any]:
    stem = re.sub(r"[^\w.-]+", "-", part.image.replace("\\", "/").rsplit("/", 1)[-1]).lower()
    names = {p.name for p in result.pictures}
    name, number = stem, 2
    while name in names:
        base, dot, ext = stem.rpartition(".")
        name, number = f"{base}-{number}{dot}{ext}", number + 1
    result.pictures.append(Picture(part.image, name))
    block = {"image": name, "alt": part.alt or result.todo(N_("what this picture shows, for a reader who cannot see it"))}
    if part.text and part.text != part.alt:   # Markdown's figure: its caption is its alt text
        block["caption"] = part.text
    return block


def _entry(part: Part, result: Imported) -> dict[str, str]:
    definition = part.text[len(part.glossary_term):].lstrip("\u00a0\u202f :").strip()
    return {"term": part.glossary_term, "definition": definition or result.todo(N_("its definition"))}


def _all_lists(heading: Heading) -> bool:
    return bool(heading.parts) and all(p.kind == "list" for p in heading.parts)


def _references(heading: Heading, result: Imported, lang: str) -> list[dict[str, Any]]:
    """The references section: the items of its lists, else each of its paragraphs; its other paragraphs kept
    in comments."""
    lists = [p for p in heading.parts if p.kind == "list"]
    texts = [item for p in lists for item in p.items] if lists else [p.text for p in heading.parts if p.kind == "paragraph"]
    if lists:
        result.unplaced += [p.text for p in heading.parts if p.kind == "paragraph" and p.text]
    return [citations.parsed(text, lang, result.say) for text in texts]


def _trailing_list(sections: list[dict[str, Any]], lang: str, result: Imported) -> list[dict[str, Any]] | None:
    """A numbered list that ends the article, each item with a year, is its references."""
    last = sections[-1].get("subsections", [sections[-1]])[-1]
    block = last["body"][-1]
    if isinstance(block, dict) and "items" in block and len(last["body"]) > 1 and all(
            re.search(r"\b(1[89]|2[01])\d{2}\b", item) for item in block["items"]):
        last["body"].pop()
        return [citations.parsed(item, lang, result.say) for item in block["items"]]
    return None
