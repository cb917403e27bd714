"""The page geometry of the leaflet and the card: page margins, columns and body type, in one place.

The stylesheets print it (`margin: {{ geometry.leaflet.margin }}` in templates/leaflet.css.j2, ...), and the
check that refuses text before rendering (handouts/render/budget.py) computes each output's text area from
it: the paper's size less the margins, less the gaps between columns, shared among them. Change a margin
here and both follow."""
from __future__ import annotations

from dataclasses import dataclass, replace

from handouts.render.budget import TextArea

MM_PER_IN = 25.4
PAPER_IN = {"letter": (8.5, 11.0), "a4": (210 / MM_PER_IN, 297 / MM_PER_IN)}   # --paper name: (width, height)


def css(value: float, unit: str = "") -> str:
    """A number as the stylesheets write it: 0.6in, 13pt, 12.5pt, 1.3."""
    return f"{value:g}{unit}"


@dataclass(frozen=True)
class Margins:
    """A page's margins in inches; printed as CSS's `margin` (two values when top and bottom, and the sides,
    are equal)."""

    top: float
    right: float
    bottom: float
    left: float

    def __str__(self) -> str:
        sides = (self.top, self.right) if (self.top, self.right) == (self.bottom, self.left) else (
            self.top, self.right, self.bottom, self.left)
        return " ".join(css(side, "in") for side in sides)


@dataclass(frozen=True)
class Geometry:
    """Where a document's running text goes: its page margins, columns and body type."""

    margin: Margins
    size_pt: float           # the body's type size
    leading: float           # the body's line height, a multiple of the size
    columns: int = 1
    gap_in: float = 0.0      # between two columns

    @property
    def font_size(self) -> str:
        return css(self.size_pt, "pt")

    @property
    def line_height(self) -> str:
        return css(self.leading)

    @property
    def column_gap(self) -> str:
        return css(self.gap_in, "in")

    def area(self) -> TextArea:
        """The text area of a page of each paper size: a column's width and height, in inches."""
        papers = {}
        for paper, (width, height) in PAPER_IN.items():
            across = width - self.margin.left - self.margin.right - self.gap_in * (self.columns - 1)
            papers[paper] = (self.columns, across / self.columns, height - self.margin.top - self.margin.bottom)
        return TextArea(self.size_pt, self.leading, papers)


# The leaflet: two columns of at most ~50 characters; the footer's room in the bottom margin.
LEAFLET = Geometry(Margins(0.6, 0.6, 0.85, 0.6), size_pt=13, leading=1.3, columns=2, gap_in=0.3)
# The large print: the leaflet's side margins, a top margin for a draft's band (the same whether or not the
# edition is approved, so that approving it moves no line), a bottom margin for its larger footer, one column of
# larger type.
LARGE = Geometry(replace(LEAFLET.margin, top=0.9, bottom=0.9), size_pt=18, leading=1.5)
# The card: one page, one column.
CARD = Geometry(Margins(0.5, 0.6, 0.5, 0.6), size_pt=12.5, leading=1.3)

GEOMETRY = {"leaflet": LEAFLET, "large": LARGE, "card": CARD}   # the stylesheets' `geometry`
