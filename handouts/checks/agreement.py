"""The editions of a topic agree: the same sections in the same order, the same key figures, references,
pictures and tables, and the same numbers in each section's text, whatever the language writes them.
A difference is an error on the edition that differs, naming the other file, line and value."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from handouts.content.derived import sentences
from handouts.content.meaning import numbers
from handouts.content.model import Edition, Picture, Section, Table
from handouts.errors import Problem
from handouts.errors import dotted as _dotted

if TYPE_CHECKING:
    from handouts.pipeline.load import Read

Path_ = tuple[Any, ...]
Compared = tuple[Path_, tuple[object, ...]]   # where a thing stands, and what of it must agree
ROMAN = re.compile(r"\b(?=[IVX]{2,5}\b)(X{0,3})(IX|IV|V?I{0,3})\b")   # II to XXXIX, as in "polymerase III"
RULES = {
    "sections": "every edition has the same sections and subsections, in the same order",
    "figures": "every edition has the same key figures: ids, kinds, values and qualifiers",
    "references": "every edition cites the same references, in the same order",
    "pictures": "every edition shows the same pictures in the same sections",
    "tables": "every edition has the same tables, of as many rows and columns",
    "glossary": "every edition explains as many terms in its glossary",
    "callouts": "every edition has the same call-outs in the same sections, of as many items",
    "options": "every edition has the same options in the same sections, with as many results and harms, "
               "and the same evidence design and size",
}


def disagreements(reads: list[Read]) -> list[Problem]:
    """Every way an edition differs from the topic's first edition (its source, when it is a translation)."""
    if len(reads) < 2:
        return []
    from handouts.content.translations import source_of
    base = source_of(reads)
    return [problem for other in reads if other is not base for problem in compare(base, other)]


def compare(a: Read, b: Read) -> list[Problem]:
    assert a.edition is not None and b.edition is not None  # the reads of valid content only
    problems = []
    for rule, items in (("sections", _sections), ("figures", _figures), ("references", _references),
                        ("pictures", _pictures), ("tables", _tables), ("glossary", _glossary),
                       ("callouts", _callouts), ("options", _options)):
        problems += _first_difference(a, b, list(items(a.edition)), list(items(b.edition)), rule)
    return problems + _numbers(a, b)


def _first_difference(a: Read, b: Read, left: list[Compared], right: list[Compared], rule: str) -> list[Problem]:
    """The first place where two lists of (path, value) differ, as one problem on b naming a's place."""
    for i in range(max(len(left), len(right))):
        mine = right[i] if i < len(right) else None
        theirs = left[i] if i < len(left) else None
        if mine is not None and theirs is not None and mine[1] == theirs[1]:
            continue
        at = mine[0] if mine else (right[-1][0] if right else ())
        here = _shown_value(mine[1]) if mine else "nothing"
        there = (f"{_shown_value(theirs[1])} in {a.shown}:{':'.join(map(str, a.where(theirs[0])))}" if theirs
                 else f"nothing in {a.shown}")
        line, col = b.where(at)
        return [Problem(b.shown, line, col, _dotted(at), f"{here} here, {there} ({RULES[rule]})")]
    return []


def _shown_value(value: Any) -> str:
    return repr(value[0]) if isinstance(value, tuple) and len(value) == 1 else repr(value)


def _all(edition: Edition) -> Iterator[tuple[Path_, Section]]:
    for i, section in enumerate(edition.sections):
        yield ("sections", i), section
        for j, sub in enumerate(section.subsections):
            yield ("sections", i, "subsections", j), sub


def _sections(edition: Edition) -> Iterator[Compared]:
    for at, section in _all(edition):
        yield at + ("id",), (section.id,)


def _figures(edition: Edition) -> Iterator[Compared]:
    for i, f in enumerate(edition.key_figures):
        values = tuple((q.value, q.high, q.more_than, q.up_to) for q in f.values)
        evidence = f.evidence.model_dump() if f.evidence else None
        yield ("key_figures", i), (f.id, f.section, f.chart, f.unit, values, f.sites, repr(evidence))


def _references(edition: Edition) -> Iterator[Compared]:
    for i, ref in enumerate(edition.references):
        yield ("references", i, "doi" if ref.doi else "url" if ref.url else "title"), (ref.identity,)


def _blocks(edition: Edition, kind: type) -> Iterator[tuple[Path_, Section, Any]]:
    for at, section in _all(edition):
        for k, block in enumerate(section.body):
            if isinstance(block, kind):
                yield at + ("body", k), section, block


def _pictures(edition: Edition) -> Iterator[Compared]:
    for at, section, block in _blocks(edition, Picture):
        yield at + ("image",), (section.id, block.image)


def _tables(edition: Edition) -> Iterator[Compared]:
    for at, section, block in _blocks(edition, Table):
        yield at, (section.id, f"{len(block.rows)} rows", f"{len(block.header)} columns")


def _glossary(edition: Edition) -> Iterator[tuple[Path_, tuple[str, ...]]]:
    for i, _ in enumerate(edition.glossary):
        yield ("glossary", i), ("a term",)


def _callouts(edition: Edition) -> Iterator[tuple[Path_, tuple[str, ...]]]:
    for at, section in _all(edition):
        for k, callout in enumerate(section.callouts):
            yield at + ("callouts", k), (section.id, callout.kind, f"{len(callout.items)} items")


def section_numbers(section: Section) -> Counter[str]:
    """The numbers written in a section's own text (its paragraphs, lists and tables), however written:
    '20-40 %' and '20-40%', '3 à 5' and '3 to 5', '1,5' and '1.5', 'III' and '3'."""
    found: Counter[str] = Counter()
    for sentence in sentences(section.body):
        found.update(_normal_number(n) for n in numbers(sentence))
        found.update(str(_roman(m.group())) for m in ROMAN.finditer(sentence) if m.group())
    return found


def _options(edition: Edition) -> Iterator[Compared]:
    for i, o in enumerate(edition.options):
        evidence = o.evidence if isinstance(o.evidence, str) else (o.evidence.design, o.evidence.studies,
                                                                   o.evidence.patients)
        harms = o.harms if isinstance(o.harms, str) else len(o.harms)
        yield ("options", i), (o.id, o.section, len(o.results), harms, evidence)


def _normal_number(text: str) -> str:
    value = float(text)
    return f"{value:g}"


def _roman(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for ch, nxt in zip(text, text[1:] + " "):
        total += -values[ch] if nxt in values and values[nxt] > values[ch] else values[ch]
    return total


def _numbers(a: Read, b: Read) -> list[Problem]:
    assert a.edition is not None and b.edition is not None  # the reads of valid content only
    theirs = {section.id: (at, section) for at, section in _all(a.edition)}
    problems = []
    for at, section in _all(b.edition):
        if section.id not in theirs:
            continue
        other_at, other = theirs[section.id]
        mine, their = section_numbers(section), section_numbers(other)
        if mine == their:
            continue
        extra, missing = sorted((mine - their).elements()), sorted((their - mine).elements())
        here = _with_sentences(section, extra) or "none of them"
        there = _with_sentences(other, missing) or "none of them"
        line, col = b.where(at + ("body",))
        problems.append(Problem(b.shown, line, col, _dotted(at + ("body",)),
                                f"the numbers of section {section.id!r} differ: {', '.join(extra) or '-'} here "
                                f"({here}), {', '.join(missing) or '-'} in {a.shown}:{_place(a, other_at + ('body',))} "
                                f"({there}) (every edition states the same numbers)"))
    return problems


def _place(read: Read, at: Path_) -> str:
    return ":".join(map(str, read.where(at)))


def _with_sentences(section: Section, wanted: list[str]) -> str:
    """The sentences of the section that hold the given numbers, quoted."""
    quoted = [s for s in sentences(section.body) if any(_normal_number(n) in wanted for n in numbers(s))]
    return " ".join(f"«{s}»" for s in dict.fromkeys(quoted))


