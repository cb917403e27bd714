"""Text that no author wrote word for word (key points, short headings, figure titles and captions) is
checked against the sentences it restates: a number or a qualifier of the source that the derived text
drops is a warning naming both texts (an error with --strict)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .model import Block, Edition, KeyFigure, ListBlock, Point, Section, Table

Path_ = tuple[Any, ...]

# Each qualifier of a source, and the words that keep it in a restatement (kept in the code, per language).
QUALIFIERS: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {
        "peut": ("peut", "peuvent", "pourrait", "pourraient", "possible", "possibles", "possiblement"),
        "pourrait": ("pourrait", "pourraient", "peut", "peuvent", "possiblement"),
        "possiblement": ("possiblement", "possible", "possibles", "peut", "pourrait"),
        "jusqu'à": ("jusqu'à",),
        "environ": ("environ", "près de", "approximativement"),
        "plus de": ("plus de", "plus d'"),
        "moins de": ("moins de", "moins d'"),
        "de manière significative": ("de manière significative", "significativement", "de façon significative"),
        "habituellement": ("habituellement", "généralement", "en général"),
        "parfois": ("parfois", "quelquefois"),
        "souvent": ("souvent", "fréquemment"),
        "probablement": ("probablement",),
    },
    "en": {
        "may": ("may", "might", "could", "can", "possibly", "possible"),
        "can": ("can", "may", "might", "could", "possibly"),
        "might": ("might", "may", "could", "possibly"),
        "could": ("could", "may", "might", "possibly"),
        "possibly": ("possibly", "possible", "may", "might", "could"),
        "up to": ("up to",),
        "about": ("about", "around", "approximately", "nearly"),
        "more than": ("more than",),
        "fewer than": ("fewer than", "less than"),
        "less than": ("less than", "fewer than"),
        "significantly": ("significantly",),
        "usually": ("usually", "generally", "typically"),
        "sometimes": ("sometimes", "occasionally"),
        "often": ("often", "frequently"),
        "probably": ("probably", "likely"),
    },
}
# Other spellings of a qualifier that also mark it in a source (its key is one of them).
INFLECTIONS = {"peut": ("peuvent",), "pourrait": ("pourraient",), "plus de": ("plus d'",), "moins de": ("moins d'",)}
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ«\"(])")


def normal(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ").lower().split())


def sentences(blocks: tuple[Block, ...]) -> list[str]:
    """The sentences of a body: its paragraphs cut at sentence ends, its list items, its table cells."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, str):
            out += SENTENCE_END.split(" ".join(block.split()))
        elif isinstance(block, ListBlock):
            out += list(block.items)
        elif isinstance(block, Table):
            out += [" ".join(row) for row in block.rows]
    return out


def numbers(text: str) -> list[str]:
    return [n.replace(",", ".") for n in NUMBER.findall(text)]


def qualifiers(text: str, language: str) -> list[str]:
    """The qualifiers a text uses (the keys of QUALIFIERS, in any of their spellings)."""
    words = normal(text)
    return [q for q in QUALIFIERS.get(language, {}) if any(_has(words, w) for w in (q, *INFLECTIONS.get(q, ())))]


def _has(words: str, phrase: str) -> bool:
    return re.search(rf"(?<![\w']){re.escape(phrase)}(?!\w)", words) is not None


def dropped(derived: str, source: str, language: str, kept: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    """The numbers and qualifiers of `source` that `derived` (and the `kept` words) does not keep."""
    shown = normal(" ".join((derived, *kept)))
    lost_numbers = [n for n in dict.fromkeys(numbers(source)) if n not in numbers(shown)]
    lost = [q for q in qualifiers(source, language)
            if not any(_has(shown, word) for word in QUALIFIERS[language][q])]
    return lost_numbers, lost


def describe(lost_numbers: list[str], lost: list[str], derived: str, source: str) -> str:
    items = [*lost_numbers, *(f'"{q}"' for q in lost)]
    return f"drops {', '.join(items)} of its source: «{derived}» restates «{source}»"




@dataclass(frozen=True)
class Comparison:
    """One derived text beside the source it restates, and what of the source it does not keep."""

    at: Path_              # the derived text's field in the content file
    kind: str              # key point, short heading, key figure
    derived: str
    source: str
    lost_numbers: tuple[str, ...] = ()
    lost: tuple[str, ...] = ()
    problem: str = ""      # the source cannot be found: no comparison was possible
    problem_at: Path_ = ()

    @property
    def faithful(self) -> bool:
        return not (self.problem or self.lost_numbers or self.lost)


def check(edition: Edition) -> Iterator[tuple[Path_, str]]:
    """(where, what) for every derived text of the edition that names no source or drops part of it."""
    for c in comparisons(edition):
        if c.problem:
            yield c.problem_at or c.at, c.problem
        elif c.lost_numbers or c.lost:
            yield c.at, describe(list(c.lost_numbers), list(c.lost), c.derived, c.source)


def comparisons(edition: Edition) -> Iterator[Comparison]:
    """Every derived text of the edition beside its source, in reading order: what a clinician reads."""
    language = edition.language
    for at, section in _sections(edition):
        if isinstance(section, Section) and section.short_heading:
            yield _compare(at + ("short_heading",), "short heading", section.short_heading, section.heading, language)
        body = sentences(section.body)
        for i, point in enumerate(section.key_points):
            yield from _point(at + ("key_points", i), point, body, language)
        for k, callout in enumerate(getattr(section, "callouts", ())):
            for i, item in enumerate(callout.items):
                yield from _point(at + ("callouts", k, "items", i), item, body, language, f"call-out ({callout.kind})")
    for i, figure in enumerate(edition.key_figures):
        yield _figure(("key_figures", i), figure, language)
    yield from _options(edition, language)
    yield from _definitions(edition, language)


def _options(edition: Edition, language: str) -> Iterator[Comparison]:
    """Each text of an option beside the sentence of its section it restates. An option is read as one row
    (its name, how, for whom, results, harms and evidence side by side in every output), so a number or
    qualifier of the source kept by any of its texts is kept."""
    bodies = {s.id: sentences(s.body) for s in edition.all_sections()}
    for i, option in enumerate(edition.options):
        body = bodies.get(option.section, [])
        row = (option.name, *(p.text for _, p in option.points()))
        for field, point in option.points():
            kind = f"option ({option.name}): {OPTION_FIELDS[str(field[0])]}"
            yield from _point(("options", i, *field), point, body, language, kind, row)


OPTION_FIELDS = {"how": "how, by whom", "for_whom": "for whom", "results": "result", "harms": "harm",
                 "evidence": "evidence"}


def _definitions(edition: Edition, language: str) -> Iterator[Comparison]:
    """A glossary definition that names its source is weighed against it (a sentence anywhere in the
    text); a plain definition without one is listed for the clinician, beside no sentence."""
    every = [s for _, part in _sections(edition) for s in sentences(part.body)]
    for i, entry in enumerate(getattr(edition, "glossary", ())):
        at = ("glossary", i, "definition")
        if entry.source:
            point = Point.model_construct(text=entry.definition, source=entry.source)
            yield from _point(at, point, every, language, f"glossary definition ({entry.term})")
        else:
            yield Comparison(at, f"glossary definition ({entry.term})", entry.definition,
                             "(a plain definition: no sentence of the text; the clinician checks it)")


def _compare(at: Path_, kind: str, derived: str, source: str, language: str, kept: tuple[str, ...] = ()) -> Comparison:
    lost_numbers, lost = dropped(derived, source, language, kept)
    return Comparison(at, kind, derived, source, tuple(lost_numbers), tuple(lost))


def _sections(edition: Edition) -> Iterator[tuple[Path_, Any]]:
    for i, section in enumerate(edition.sections):
        yield ("sections", i), section
        for j, sub in enumerate(section.subsections):
            yield ("sections", i, "subsections", j), sub
    yield ("summary",), edition.summary


def _point(at: Path_, point: Point, body: list[str], language: str, kind: str = "key point",
           kept: tuple[str, ...] = ()) -> Iterator[Comparison]:
    if not point.source:
        yield Comparison(at, kind, point.text, "", problem=(
            "names no source (add source: a few words, exactly as written, of the sentence of its section "
            "that it restates)"))
        return
    found = []
    for j, words in enumerate(point.source):
        hits = [s for s in body if normal(words) in normal(s)]
        if len(hits) == 1:
            found.append(hits[0])
        else:
            where = "in no sentence of its section" if not hits else f"in {len(hits)} sentences of its section"
            yield Comparison(at, kind, point.text, "", problem_at=at + ("source", j),
                             problem=f"{words!r} is {where} (words of one sentence, exactly as written)")
    if found:
        yield _compare(at, kind, point.text, " ".join(dict.fromkeys(found)), language, kept)


def _figure(at: Path_, figure: KeyFigure, language: str) -> Comparison:
    """A figure shows its numbers through its values and evidence, its qualifiers through their flags
    (more_than, up_to) or its words (title, labels, note)."""
    shown = [f"{n:g}" for q in figure.values for n in (q.value, q.high) if n is not None]
    if figure.evidence:
        e = figure.evidence
        shown += [f"{n:g}" for n in (e.studies, e.patients, e.duration.value if e.duration else None) if n is not None]
    flags = {"jusqu'à": "up_to", "up to": "up_to", "plus de": "more_than", "more than": "more_than"}
    kept = [figure.study or "", *(q.label for q in figure.values), " ".join(shown)]
    kept += [q for q, flag in flags.items() if any(getattr(v, flag) for v in figure.values)]
    return _compare(at, f"key figure ({figure.chart})", figure.title, figure.sentence, language, tuple(kept))
