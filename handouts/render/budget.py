"""Text that no output could hold is refused before anything is rendered: the paragraphs alone, measured
with the typeface's metrics in the output's text area, already need more room than its page budget.

This is a lower bound (headings, figures, tables and spacing come on top), so it refuses only what can
never fit; what fits here may still overflow, which the rendering then reports by how much."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from handouts.errors import LayoutError

if TYPE_CHECKING:
    from handouts.content.model import Edition
    from handouts.pipeline.outputs import Output

PT_PER_IN = 72


@dataclass(frozen=True)
class TextArea:
    """Where an output's body text goes on one page, per paper size: (columns, width, height) in inches."""

    size_pt: float
    leading: float
    papers: dict[str, tuple[int, float, float]]

    def capacity(self, paper: str, pages: int) -> float:
        columns, _, height = self.papers[paper]
        return pages * columns * height * PT_PER_IN

    def width(self, paper: str) -> float:
        return self.papers[paper][1] * PT_PER_IN


def over_budget(outputs: tuple[Output, ...], editions: dict[str, Edition], paper: str) -> list[str]:
    """A line per output and edition whose paragraphs alone cannot fit its pages."""
    lines = []
    for name, edition in editions.items():
        for output in outputs:
            if output.area is None or output.budget is None:
                continue
            fields = list(_texts(edition, output.carries))
            needed = {at: _height(texts, output.area, paper) for at, texts in fields}
            total, room = sum(needed.values()), output.area.capacity(paper, output.budget)
            if total > room:
                largest = max(needed, key=lambda at: needed[at])
                lines.append(f"{name}: {output.filename}: its paragraphs alone need about {total / PT_PER_IN * 25.4:.0f} mm "
                             f"of column, {(total - room) / PT_PER_IN * 25.4:.0f} mm more than its {output.budget} "
                             f"page(s) hold, before any heading or figure: shorten {largest} (about "
                             f"{needed[largest] / PT_PER_IN * 25.4:.0f} mm), found before rendering anything")
    return lines


def _height(texts: list[str], area: TextArea, paper: str) -> float:
    from handouts.render.fit import wrap
    width = area.width(paper)
    return sum(max(1, len(wrap(text, area.size_pt, width))) for text in texts) * area.size_pt * area.leading


def _texts(edition: Edition, carries: tuple[str, ...]) -> Iterator[tuple[str, list[str]]]:
    """(field, its texts) of what the output shows as running text."""
    from handouts.content.model import ListBlock
    yield "summary", [b if isinstance(b, str) else " ".join(b.items) for b in edition.summary.body
                      if isinstance(b, (str, ListBlock))]
    if "headings" in carries:
        for i, section in enumerate(edition.sections):
            for j, part in enumerate((section, *section.subsections)):
                at = f"sections[{i}]" + (f".subsections[{j - 1}]" if j else "")
                yield at, [b for b in part.body if isinstance(b, str)] + [
                    item for b in part.body if isinstance(b, ListBlock) for item in b.items]
    if "card-points" in carries:
        for section, points in edition.card_groups():
            yield f"the card's points of {section.id}", [p.text for p in points]


def check(outputs: tuple[Output, ...], editions: dict[str, Edition], paper: str) -> None:
    if lines := over_budget(outputs, editions, paper):
        raise LayoutError("\n".join(lines))
