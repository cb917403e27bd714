"""Text that no author wrote word for word (key points, call-out items, short headings, figure titles,
glossary definitions) is checked against the sentences it restates: a number, a qualifier, a condition,
a population or a study design of the source that the derived text drops (handouts/content/meaning.py), and an
action of the care team that it gives to the reader (handouts/content/voice.py), is a warning naming both texts
(an error with --strict)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from handouts.content import meaning, todos, voice
from handouts.content.meaning import Loss, normal, numbers
from handouts.content.model import Block, Edition, KeyFigure, ListBlock, Point, Section, Table

Path_ = tuple[Any, ...]

# a sentence ends at . ! or ? before a capital, but not after a title or a saint's abbreviation (St. John's wort)
SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\bSt\.)(?<!\bSte\.)(?<!\bDr\.)(?<!\bDre\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)"
                          r"\s+(?=[A-ZÀ-ÖØ-Þ«\"(])")


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


def dropped(derived: str, source: str, language: str, kept: tuple[str, ...] = (), context: str = "",
            designs: tuple[str, ...] = (), amounts: bool = True) -> tuple[list[str], list[Loss]]:
    """The numbers (amounts) and the meaning (qualifiers, conditions, populations, designs) of `source` that
    `derived`, with the `kept` words, the `context` and the `designs` shown beside it, does not keep."""
    shown = normal(" ".join((derived, *kept)))
    said = meaning.amounts(source, language) if amounts else []
    lost_numbers = [n for n in dict.fromkeys(said) if float(n) not in {float(x) for x in numbers(shown)}]
    return lost_numbers, meaning.losses(source, language, shown, context, designs)


def describe(lost_numbers: list[str], lost: list[Loss], derived: str, source: str) -> str:
    items = [*lost_numbers, *(str(loss) for loss in lost)]
    return f"drops {', '.join(items)} of its source: «{derived}» restates «{source}»"


def describe_action(action: str, derived: str, source: str) -> str:
    return (f"gives the reader an action its source gives to the care team («{action}»): «{derived}» restates "
            f"«{source}» (say who does it, as the source does)")


@dataclass(frozen=True)
class Comparison:
    """One derived text beside the source it restates, and what of the source it does not keep."""

    at: Path_              # the derived text's field in the content file
    kind: str              # key point, short heading, key figure
    derived: str
    source: str
    lost_numbers: tuple[str, ...] = ()
    lost: tuple[Loss, ...] = ()
    problem: str = ""      # the source cannot be found: no comparison was possible
    problem_at: Path_ = ()
    moved_action: str = ""  # the source's care-team action that the derived text gives to the reader

    @property
    def faithful(self) -> bool:
        return not (self.problem or self.lost_numbers or self.lost or self.moved_action)


def check(edition: Edition) -> Iterator[tuple[Path_, str]]:
    """(where, what) for every derived text of the edition that names no source, drops part of it, or gives
    the reader an action of the care team."""
    for c in comparisons(edition):
        if todos.is_placeholder(c.derived):   # left to write: the TODO is the warning
            continue
        if c.problem:
            yield c.problem_at or c.at, c.problem
            continue
        if c.lost_numbers or c.lost:
            yield c.at, describe(list(c.lost_numbers), list(c.lost), c.derived, c.source)
        if c.moved_action:
            yield c.at, describe_action(c.moved_action, c.derived, c.source)


def comparisons(edition: Edition) -> Iterator[Comparison]:
    """Every derived text of the edition beside its source, in reading order: what a clinician reads."""
    weigh = Weighing(edition.language, edition.title)
    for at, section in _sections(edition):
        if isinstance(section, Section) and section.short_heading:
            yield weigh.compare(at + ("short_heading",), "short heading", section.short_heading, section.heading)
        body = sentences(section.body)
        for i, point in enumerate(section.key_points):
            yield from weigh.point(at + ("key_points", i), point, body)
        for k, callout in enumerate(getattr(section, "callouts", ())):
            for i, item in enumerate(callout.items):
                yield from weigh.point(at + ("callouts", k, "items", i), item, body, f"call-out ({callout.kind})",
                                       instruction=callout.kind == "do")
    for i, figure in enumerate(edition.key_figures):
        yield weigh.figure(("key_figures", i), figure)
    yield from _options(edition, weigh)
    yield from _definitions(edition, weigh)


def _options(edition: Edition, weigh: Weighing) -> Iterator[Comparison]:
    """Each text of an option beside the sentence of its section it restates. An option is read as one row
    (its name, how, for whom, results, harms and evidence side by side in every output), so a number or
    qualifier of the source kept by any of its texts is kept."""
    bodies = {s.id: sentences(s.body) for s in edition.all_sections()}
    for i, option in enumerate(edition.options):
        body = bodies.get(option.section, [])
        row = (option.name, *(p.text for _, p in option.points()))
        for field, point in option.points():
            kind = f"option ({option.name}): {OPTION_FIELDS[str(field[0])]}"
            yield from weigh.point(("options", i, *field), point, body, kind, kept=row)


OPTION_FIELDS = {"how": "how, by whom", "for_whom": "for whom", "results": "result", "harms": "harm",
                 "evidence": "evidence"}


def _definitions(edition: Edition, weigh: Weighing) -> Iterator[Comparison]:
    """A glossary definition that names its source is weighed against it (a sentence anywhere in the
    text); a plain definition without one is listed for the clinician, beside no sentence."""
    every = [s for _, part in _sections(edition) for s in sentences(part.body)]
    for i, entry in enumerate(getattr(edition, "glossary", ())):
        at = ("glossary", i, "definition")
        if entry.source:
            point = Point.model_construct(text=entry.definition, source=entry.source)
            yield from weigh.point(at, point, every, f"glossary definition ({entry.term})")
        else:
            yield Comparison(at, f"glossary definition ({entry.term})", entry.definition,
                             "(a plain definition: no sentence of the text; the clinician checks it)")


def _sections(edition: Edition) -> Iterator[tuple[Path_, Any]]:
    for i, section in enumerate(edition.sections):
        yield ("sections", i), section
        for j, sub in enumerate(section.subsections):
            yield ("sections", i, "subsections", j), sub
    yield ("summary",), edition.summary


@dataclass(frozen=True)
class Weighing:
    """Derived texts of one edition weighed against their sources: in its language, its title as the
    context that keeps the article's own subject."""

    language: str
    title: str

    def compare(self, at: Path_, kind: str, derived: str, source: str, kept: tuple[str, ...] = (),
                designs: tuple[str, ...] = (), amounts: bool = True, action: bool = False,
                instruction: bool = False) -> Comparison:
        lost_numbers, lost = dropped(derived, source, self.language, kept, self.title, designs, amounts)
        moved = voice.moved_action(derived, source, self.language, instruction) if action else ""
        return Comparison(at, kind, derived, source, tuple(lost_numbers), tuple(lost), moved_action=moved)

    def point(self, at: Path_, point: Point, body: list[str], kind: str = "key point",
              instruction: bool = False, kept: tuple[str, ...] = ()) -> Iterator[Comparison]:
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
            yield self.compare(at, kind, point.text, " ".join(dict.fromkeys(found)), kept,
                               action=not kind.startswith("glossary"), instruction=instruction)

    def figure(self, at: Path_, figure: KeyFigure) -> Comparison:
        """A figure shows its numbers through its values and evidence (its title may state fewer of them than
        its sentence), its qualifiers through their flags (more_than, up_to) or its words (title, labels,
        note), its design through its evidence."""
        flags = {"jusqu'à": "up_to", "up to": "up_to", "plus de": "more_than", "more than": "more_than"}
        kept = [figure.study or "", *(q.label for q in figure.values)]
        kept += [q for q, flag in flags.items() if any(getattr(v, flag) for v in figure.values)]
        designs = (figure.evidence.design,) if figure.evidence else ()
        return self.compare(at, f"key figure ({figure.chart})", figure.title, figure.sentence, tuple(kept),
                            designs, amounts=False)
