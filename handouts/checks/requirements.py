"""What an output must carry, as texts its finished file must show: the tests read them back.

Each aspect names one kind of content; a registry entry of handouts.pipeline.outputs lists the aspects its
output carries. A text is found in the file's visible text ("text"), in its alt texts ("alt") or, in a deck, in its speaker
notes ("notes") or in either ("said": a key point a figure's slide draws may be said as its source sentence);
a table cell ("cell") in the visible text, its words in order (a text extractor may
interleave the lines of a row's wrapped cells).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the model is imported by what calls these, not by a build that finds all up to date
    from handouts.content.model import Edition


@dataclass(frozen=True)
class Required:
    what: str       # where it comes from, for a test's message: "section first-steps", "reference 2"
    text: str
    where: str = "text"
    quotes: tuple[str, ...] = ()   # "said": the words of the source sentence it restates, said instead of it


def _headings(edition: Edition, alt: bool) -> Iterator[Required]:
    for section in edition.all_sections():
        yield Required(f"section {section.id}", section.heading)


def _slide_titles(edition: Edition, alt: bool) -> Iterator[Required]:
    for section in edition.all_sections():
        yield Required(f"section {section.id}", section.slide_title)
    yield Required("summary", edition.summary.heading)


def _key_points(edition: Edition, alt: bool) -> Iterator[Required]:
    for section in edition.all_sections():
        for number, point in enumerate(section.point_texts, 1):
            yield Required(f"key point {section.id}/{number}", point)
    yield from _summary_points(edition)


def _said_points(edition: Edition, alt: bool) -> Iterator[Required]:
    """A key point shown or said, or its source sentence said in its stead (a figure's slide that draws the point
    says the sentence it restates, in the authors' words); the summary's points shown."""
    for section in edition.all_sections():
        for number, point in enumerate(section.key_points, 1):
            yield Required(f"key point {section.id}/{number}", point.text, "said", tuple(point.source))
    yield from _summary_points(edition)


def _summary_points(edition: Edition) -> Iterator[Required]:
    for number, point in enumerate(edition.summary.point_texts, 1):
        yield Required(f"key point summary/{number}", point)


def _card_points(edition: Edition, alt: bool) -> Iterator[Required]:
    for section, points in edition.card_groups():
        yield Required(f"section {section.id}", section.slide_title)
        for point in points:
            yield Required(f"key point of {section.id}", point.text)


def _summary(edition: Edition, alt: bool) -> Iterator[Required]:
    yield Required("summary", edition.summary.heading)


def _figures(edition: Edition, alt: bool) -> Iterator[Required]:
    for figure in edition.key_figures:
        yield Required(f"key figure {figure.id}", figure.title)


def _blocks(edition: Edition) -> Iterator[tuple[str, object]]:
    for section in edition.all_sections():
        for block in section.body:
            yield section.id, block


def _pictures(edition: Edition, alt: bool) -> Iterator[Required]:
    from handouts.content.model import Picture
    for section_id, block in _blocks(edition):
        if isinstance(block, Picture):
            if block.caption:
                yield Required(f"picture {block.image} of {section_id}", block.caption)
            if alt:
                yield Required(f"picture {block.image} of {section_id}", block.alt, "alt")


def _tables(edition: Edition, alt: bool) -> Iterator[Required]:
    from handouts.content.model import Table
    for section_id, block in _blocks(edition):
        if isinstance(block, Table):
            yield Required(f"table of {section_id}", block.caption)
            for cell in (*block.header, *(cell for row in block.rows for cell in row)):
                yield Required(f"table cell of {section_id}", cell, "cell")


def _references(edition: Edition, alt: bool) -> Iterator[Required]:
    for number, ref in enumerate(edition.references, 1):
        yield Required(f"reference {number}", ref.doi or ref.url or ref.title)


def _glossary(edition: Edition, alt: bool) -> Iterator[Required]:
    for entry in edition.glossary:
        yield Required(f"glossary term {entry.term}", entry.term)
        yield Required(f"glossary definition of {entry.term}", entry.definition)


def _glossary_notes(edition: Edition, alt: bool) -> Iterator[Required]:
    for entry in edition.glossary:
        yield Required(f"glossary definition of {entry.term}, in the notes", entry.definition, "notes")


def _callout_items(section_id: str, callout: Any) -> Iterator[Required]:
    for number, item in enumerate(callout.items, 1):
        yield Required(f"call-out {callout.kind} of {section_id}, item {number}", item.text)


def _callouts(edition: Edition, alt: bool) -> Iterator[Required]:
    for section in edition.all_sections():
        for callout in section.callouts:
            yield from _callout_items(section.id, callout)


def _card_callouts(edition: Edition, alt: bool) -> Iterator[Required]:
    for section in edition.all_sections():
        if edition.card and section.id in edition.card.callouts:
            for callout in section.callouts:
                yield from _callout_items(section.id, callout)


ASPECTS: dict[str, Callable[[Edition, bool], Iterator[Required]]] = {
    "headings": _headings, "slide-titles": _slide_titles, "key-points": _key_points, "said-points": _said_points,
    "card-points": _card_points, "summary": _summary, "figures": _figures, "pictures": _pictures,
    "tables": _tables, "references": _references, "glossary": _glossary, "glossary-notes": _glossary_notes,
    "callouts": _callouts, "card-callouts": _card_callouts,
}


def requirements(edition: Edition, aspects: tuple[str, ...], alt: bool = True) -> list[Required]:
    """Every text the aspects ask for, in content order; alt texts only where the file keeps them."""
    out: list[Required] = []
    for aspect in aspects:
        out += ASPECTS[aspect](edition, alt)
    return out
