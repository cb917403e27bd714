"""What every chart kind shares: colours, the SVG wrapper, the hatch of uncertain parts, common checks."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from handouts.content.model import KeyFigure
from handouts.typography import typeset

if TYPE_CHECKING:
    from markupsafe import Markup
    from pptx.chart.chart import Chart
    from pptx.chart.datalabel import DataLabels
    from pptx.dml.color import RGBColor
    from pptx.dml.fill import FillFormat
    from pptx.shapes.autoshape import Shape
    from pptx.shapes.base import BaseShape
    from pptx.slide import Slide
    from pptx.text.text import _Run
    from pptx.util import Length

    from handouts.render.figures import Words

Problems = list[tuple[tuple[str | int, ...], str]]
Captions = list[tuple[str, float, float]]  # a slide's caption boxes: first line, needed and available heights (pt)
Line = tuple[str, int, bool]  # a caption line on a slide: text, size in points, bold


class SlideTools(Protocol):
    """The deck's shared helpers a kind draws its slide with, passed to draw_deck by the deck (the module
    handouts.render.deck.figures), so that no chart kind imports the deck."""

    CHART_PT: int     # a native chart's text
    CHART_LARGE_PT: int   # a native chart of a few values: its text
    CAPTION_PT: int   # a caption's first line
    FAMILY: str       # the typeface

    def rgb(self, hex_color: str) -> RGBColor: ...

    def set_alt(self, shape: BaseShape, text: str) -> None: ...

    def set_language(self, run: _Run, lang: str) -> None: ...

    def paint(self, fill: FillFormat, kind: str, palette: dict[str, str]) -> None: ...

    def paint_shape(self, slide: Slide, shape: Shape, kind: str, palette: dict[str, str]) -> None: ...

    def outline(self, shape: Shape, palette: dict[str, str], width: float = 1.5) -> None: ...

    def number_format(self, words: Words, unit: str) -> str: ...

    def caption(self, slide: Slide, lines: list[Line], box: tuple[Length, Length, Length, Length],
                palette: dict[str, str], lang: str) -> Captions: ...

    def labels_on_one_line(self, labels: DataLabels) -> None: ...

    def value_axis_at_far_end(self, chart: Chart) -> None: ...


class ChartKind(Protocol):
    """What every chart kind module provides (handouts.charts.kind returns one; tests/test_charts.py checks each)."""

    def validate(self, figure: KeyFigure) -> Problems:
        """Problems, each a field path relative to the figure and a message."""
        ...

    def svg(self, figure: KeyFigure, words: Words, paint: Paint) -> str:
        """The vector picture of the PDFs."""
        ...

    def caption(self, figure: KeyFigure, words: Words) -> str:
        """The visible caption, lines separated by newlines."""
        ...

    def alt(self, figure: KeyFigure, words: Words) -> str:
        """Alt text stating every number with its qualifier."""
        ...

    def drawing(self, figure: KeyFigure, words: Words) -> str:
        """What the picture shows, in other words than its caption: the leaflet picture's alt text."""
        ...

    def draw_deck(self, slide: Slide, figure: KeyFigure, words: Words, palette: dict[str, str], lang: str,
                  deck: SlideTools) -> Captions:
        """The figure as native shapes on a slide, drawn with the deck's helpers; returns its caption frames."""
        ...


@runtime_checkable
class ComposesFigure(Protocol):
    """A kind that writes the whole leaflet figure itself, to place its picture among the caption's words."""

    def figure_html(self, figure: KeyFigure, words: Words, picture: Markup) -> Markup: ...


@dataclass(frozen=True)
class Paint:
    """The colours a picture uses, already in the rendition's colour syntax."""

    mark: str       # highlighted: the brand colour
    ink: str        # outlines and text
    light: str      # the rest
    paper: str = "#ffffff"  # between the stripes of uncertain marks


def svg(width: float, height: float, body: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" '
            f'viewBox="0 0 {width:g} {height:g}">{body}</svg>')


def hatch(paint: Paint, name: str = "maybe", period: float = 8) -> str:
    """Thick stripes of the mark colour on white: still plainly striped on a greyscale photocopy."""
    return (f'<defs><pattern id="{name}" width="{period:g}" height="{period:g}" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="{period:g}" height="{period:g}" fill="{paint.paper}"/>'
            f'<rect width="{period * 0.55:g}" height="{period:g}" fill="{paint.mark}"/></pattern></defs>')


def headed(title: str, text: str) -> str:
    """'Title: text', without a colon after a title that ends with its own punctuation."""
    title = title.strip()
    return f"{title} {text}" if title.endswith(("?", "!", ".", ":")) else f"{title}: {text}"


def sentence(figure: KeyFigure, text: str, words: Words) -> str:
    """Alt text: the title, the text, and the study when there is one, typeset for the locale."""
    out = headed(figure.title, text).rstrip(".") + "."
    if figure.study:
        out += f" {figure.study.rstrip('.')}."
    return typeset(out, words.locale)


def a_chart(figure: KeyFigure) -> str:
    """'a stat chart', 'an icons chart'."""
    return f"{'an' if figure.chart[:1] in 'aeiou' else 'a'} {figure.chart} chart"


def no_sites(figure: KeyFigure) -> Problems:
    if figure.sites:
        return [(("sites",), f"is not used by {a_chart(figure)} (sites belong to a body-sites chart)")]
    return []


def one_value(figure: KeyFigure) -> Problems:
    if not figure.values:
        return [(("values",), f"is missing ({a_chart(figure)} needs its number)")]
    if len(figure.values) > 1:
        return [(("values",), f"has {len(figure.values)} values ({a_chart(figure)} shows exactly one; "
                              "use bars for several)")]
    return []


def percentages(figure: KeyFigure) -> Problems:
    """A percentage of people is at most 100."""
    if figure.unit != "%":
        return []
    return [(("values", j, field), f"{number:g} % is above 100 (a percentage, at most 100)")
            for j, q in enumerate(figure.values) for field, number in (("value", q.value), ("high", q.high))
            if number is not None and number > 100]
