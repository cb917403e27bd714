"""Bar charts: one horizontal bar per value, on 0-100 % or on 0 to a round maximum of the unit."""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from handouts.charts.base import Captions, Paint, Problems, SlideTools, no_sites, percentages, sentence
from handouts.charts.base import svg as wrap
from handouts.content.model import KeyFigure
from handouts.render.outlines import text_path

if TYPE_CHECKING:
    from pptx.shapes.graphfrm import GraphicFrame
    from pptx.slide import Slide

    from handouts.render.figures import Words

WIDTH, BAR_W, ROW, TEXT = 300, 220, 52, 15   # a narrow column's width: words on their own line, then the bar


def validate(figure: KeyFigure) -> Problems:
    problems = no_sites(figure)
    if not figure.values:
        problems.append((("values",), "is missing (a bars chart needs at least one number)"))
    problems += [(("values", j, "high"), "is a range (a bar shows one number: use a stat or icons for a range)")
                 for j, q in enumerate(figure.values) if q.high is not None]
    return problems + percentages(figure)


def scale(figure: KeyFigure) -> tuple[float, float]:
    """(maximum, step) of the value axis: the honest 0-100 for percentages, else a round number above the largest."""
    if figure.unit == "%":
        return 100, 25
    largest = max(q.value for q in figure.values) or 1
    raw = largest / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return step * (math.floor(largest / step) + 1), step


def caption(figure: KeyFigure, words: Words) -> str:
    return ""


def alt(figure: KeyFigure, words: Words) -> str:
    return sentence(figure, words.items([f"{q.label} {words.amount(q, figure.unit)}" for q in figure.values]), words)


def svg(figure: KeyFigure, words: Words, paint: Paint) -> str:
    """A row per value: its words on a line of their own, then its bar with its number at the end; the
    scale under the last row. Sized for a column, so that its words print near the body text's size."""
    from handouts.render.outlines import text_width
    from handouts.typography import typeset
    top, step = scale(figure)
    rows = []
    for i, q in enumerate(figure.values):
        y, length = i * ROW, BAR_W * q.value / top
        label = typeset(q.label, words.locale)
        size = min(TEXT, TEXT * WIDTH / max(text_width(label, TEXT), 1))
        rows.append(
            text_path(label, size, 0, y + 15, fill=paint.ink) +
            f'<rect x="0" y="{y + 21}" width="{BAR_W}" height="20" fill="{paint.light}" stroke="{paint.ink}" '
            f'stroke-width="0.75"/><rect x="0" y="{y + 21}" width="{length:.1f}" height="20" fill="{paint.mark}"/>'
            + text_path(words.amount(q, figure.unit), TEXT, BAR_W + 6, y + 37, bold=True, fill=paint.ink))
    axis_y = len(figure.values) * ROW
    ticks = [f'<line x1="0" y1="{axis_y}" x2="{BAR_W}" y2="{axis_y}" stroke="{paint.ink}" stroke-width="0.75"/>']
    for k in range(int(round(top / step)) + 1):
        x = BAR_W * k * step / top
        shown = words.measure(k * step, figure.unit) if k in (0, round(top / step)) else words.number(k * step)
        anchor = "start" if k == 0 else "end" if k == round(top / step) else "middle"
        ticks.append(f'<line x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{axis_y + 4}" stroke="{paint.ink}" '
                     'stroke-width="0.75"/>' + text_path(typeset(shown, words.locale), 12, x, axis_y + 17, anchor,
                                                        fill=paint.ink))
    return wrap(WIDTH, axis_y + 22, "".join(rows + ticks))


def draw_deck(slide: Slide, figure: KeyFigure, words: Words, palette: dict[str, str], lang: str,
              deck: SlideTools) -> Captions:
    """A native clustered bar chart with every value, on the same scale as the leaflet's."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
    from pptx.util import Inches, Pt


    form = deck.number_format(words, figure.unit)
    data = CategoryChartData(number_format=form)
    data.categories = [q.label for q in figure.values]
    data.add_series(figure.title, [q.value for q in figure.values])
    height = 4.8   # the whole area under the title, down to the footer row
    # python-pptx annotates add_chart() as taking a ChartData and returning a Chart: it takes any chart data
    # and returns the graphic frame that holds the chart.
    frame: GraphicFrame = slide.shapes.add_chart(  # type: ignore[assignment]
        XL_CHART_TYPE.BAR_CLUSTERED, Inches(1.0), Inches(1.85), Inches(11.3), Inches(height), data)  # type: ignore[arg-type]
    chart = frame.chart
    chart.has_legend = chart.has_title = False
    size = deck.CHART_LARGE_PT if len(figure.values) <= 4 else deck.CHART_PT if len(figure.values) <= 6 else 18
    chart.font.size = Pt(size)
    chart.font.name = deck.FAMILY
    axis = chart.value_axis
    axis.minimum_scale, (axis.maximum_scale, axis.major_unit) = 0, scale(figure)
    axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = form, False
    chart.category_axis.reverse_order = True   # the first value on top...
    deck.value_axis_at_far_end(chart)   # ...and the value axis at the bottom, under the last
    plot = chart.plots[0]
    plot.has_data_labels = True
    plot.data_labels.number_format, plot.data_labels.number_format_is_linked = form, False
    plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    plot.data_labels.font.size = Pt(size)
    plot.gap_width = 60
    deck.labels_on_one_line(plot.data_labels)  # '12 jours' on one line
    deck.paint(plot.series[0].format.fill, "solid", palette)
    deck.set_alt(frame, alt(figure, words))
    return []


def drawing(figure: KeyFigure, words: Words) -> str:
    """What the picture shows (its caption is the title alone): a bar per value, with the values."""
    from handouts.typography import typeset
    values = words.items([f"{q.label} {words.amount(q, figure.unit)}" for q in figure.values])
    return typeset(words._("Bars of %(values)s.") % {"values": values}, words.locale)
