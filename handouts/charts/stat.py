"""A single number that is not a study's result (that is a `result` chart): one number or range, in a ring
when it is a percentage, with its study beside it."""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from handouts.charts.base import Captions, Paint, Problems, SlideTools, no_sites, one_value, percentages, sentence
from handouts.charts.base import svg as wrap
from handouts.content.model import KeyFigure
from handouts.render.outlines import text_path, text_width
from handouts.typography import typeset

if TYPE_CHECKING:
    from pptx.shapes.graphfrm import GraphicFrame
    from pptx.slide import Slide

    from handouts.render.figures import Words

SIZE, RADIUS, CENTRE = 72, 30, 36


def validate(figure: KeyFigure) -> Problems:
    problems = no_sites(figure) + one_value(figure) + percentages(figure)
    if figure.evidence is not None:
        problems.append((("evidence",), "is not shown by a stat chart (a result of a study is a result chart: "
                                        "write chart: result)"))
    return problems


def caption(figure: KeyFigure, words: Words) -> str:
    q = figure.values[0]
    return f"{words.amount(q, figure.unit)} {q.label}"


def alt(figure: KeyFigure, words: Words) -> str:
    return sentence(figure, caption(figure, words), words)


def shown(figure: KeyFigure, words: Words) -> str:
    """The number in the middle: the whole range, never only its first number."""
    q = figure.values[0]
    if q.high is None:
        return words.measure(q.value, figure.unit)
    return words._("%(low)s to %(high)s") % {"low": words.measure(q.value, figure.unit),
                                              "low_number": words.number(q.value),
                                              "high": words.measure(q.high, figure.unit)}


def _arc(start: float, end: float) -> str:
    """An arc of the ring from `start` to `end` percent, clockwise from the top."""
    def point(p: float) -> tuple[float, float]:
        angle = 2 * math.pi * min(p, 99.99) / 100
        return CENTRE + RADIUS * math.sin(angle), CENTRE - RADIUS * math.cos(angle)
    (x0, y0), (x1, y1) = point(start), point(end)
    large = 1 if end - start > 50 else 0
    return f"M{x0:.2f} {y0:.2f} A{RADIUS} {RADIUS} 0 {large} 1 {x1:.2f} {y1:.2f}"


def svg(figure: KeyFigure, words: Words, paint: Paint) -> str:
    """A ring filled to the number (dashed up to the top of a range), or a frame for other units."""
    from handouts.typography import typeset
    q = figure.values[0]
    text = typeset(shown(figure, words), words.locale)
    size = min(16.0, 16.0 * 48 / max(text_width(text, 16, bold=True), 1))
    label = text_path(text, size, CENTRE, CENTRE + size * 0.36, "middle", bold=True, fill=paint.ink)
    if figure.unit != "%":
        frame = (f'<rect x="3" y="3" width="{SIZE - 6}" height="{SIZE - 6}" rx="10" fill="none" '
                 f'stroke="{paint.mark}" stroke-width="5"/>')
        return wrap(SIZE, SIZE, frame + label)
    body = f'<circle cx="{CENTRE}" cy="{CENTRE}" r="{RADIUS}" fill="none" stroke="{paint.light}" stroke-width="10"/>'
    body += f'<path d="{_arc(0, q.value)}" fill="none" stroke="{paint.mark}" stroke-width="10"/>'
    if q.high is not None:
        body += (f'<path d="{_arc(q.value, q.high)}" fill="none" stroke="{paint.mark}" stroke-width="10" '
                 f'stroke-dasharray="2.5 2.5"/>')
    return wrap(SIZE, SIZE, body + label)


def draw_deck(slide: Slide, figure: KeyFigure, words: Words, palette: dict[str, str], lang: str,
              deck: SlideTools) -> Captions:
    """A native doughnut for a percentage (solid, striped rest of a range, light), the number beside it."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches, Pt

    from handouts.typography import typeset

    q = figure.values[0]
    if figure.unit == "%":
        parts = [(q.value, "solid")] + ([(q.high - q.value, "maybe")] if q.high is not None else [])
        parts.append((100 - (q.high or q.value), "rest"))
        data = CategoryChartData()
        data.categories = [" " * i for i in range(len(parts))]
        data.add_series(figure.title, [value for value, _ in parts])
        # python-pptx annotates add_chart() as taking a ChartData and returning a Chart: it takes any chart data
        # and returns the graphic frame that holds the chart.
        frame: GraphicFrame = slide.shapes.add_chart(  # type: ignore[assignment]
            XL_CHART_TYPE.DOUGHNUT, Inches(0.8), Inches(1.7), Inches(3.6), Inches(3.6), data)  # type: ignore[arg-type]
        chart = frame.chart
        chart.has_legend = chart.has_title = False
        chart.font.size = Pt(deck.CHART_PT)
        for point, (_, state) in zip(chart.plots[0].series[0].points, parts):
            deck.paint(point.format.fill, state, palette)
            point.format.line.color.rgb = deck.rgb(palette["ink"])
        deck.set_alt(frame, alt(figure, words))
    lines = [(words.amount(q, figure.unit), 54, True), (typeset(q.label, words.locale), deck.CAPTION_PT, False)]
    if figure.study:
        lines.append((typeset(figure.study, words.locale), 24, False))
    return deck.caption(slide, lines, (Inches(4.8), Inches(1.7), Inches(7.8), Inches(5.0)), palette, lang)


def drawing(figure: KeyFigure, words: Words) -> str:
    """What the picture shows, in other words than its caption (which states the number): the leaflet's alt."""
    if figure.unit == "%":
        return typeset(words._("A ring filled to %(value)s.") % {"value": shown(figure, words)}, words.locale)
    return typeset(words._("The number %(value)s in large type.") % {"value": shown(figure, words)}, words.locale)
