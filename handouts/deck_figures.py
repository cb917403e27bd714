"""Key figures on slides as native PowerPoint charts and shapes, editable by a speaker."""
from __future__ import annotations

from io import BytesIO

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.enum.dml import MSO_PATTERN
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Emu, Inches, Pt

from . import charts, figures, fit
from .fonts import FAMILY
from .model import KeyFigure
from .typography import typeset

CHART_PT = 20
CAPTION_PT = 26


def rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#"))


def set_alt(shape, text: str) -> None:
    """python-pptx has no setter for alt text: write the cNvPr descr attribute (S2)."""
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", text)


def draw(slide, figure: KeyFigure, words: figures.Words, palette: dict, lang: str) -> list[tuple[str, float, float]]:
    """Draw one key figure below the slide's title; return its caption frames' (text, needed, available) heights."""
    lines, box = DRAWERS[figure.chart](slide, figure, words, palette)
    if not lines:
        return []
    frame = slide.shapes.add_textbox(*box).text_frame
    frame.word_wrap, frame.auto_size = True, MSO_AUTO_SIZE.NONE
    for i, (text, size, bold) in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = text
        run.font.size, run.font.bold = Pt(size), bold
        run.font.color.rgb = rgb(palette["brand"] if bold else palette["ink"])
        run.font._rPr.set("lang", lang)
    width_pt = Emu(box[2]).pt - 14.4
    needed = sum(fit.height([text], size, width_pt, bold) for text, size, bold in lines)
    return [(lines[0][0], needed, Emu(box[3]).pt - 7.2)]


def _icons(slide, figure, words, palette) -> list[str]:
    q = figure.values[0]
    low, high = round(q.value * figures.ICON_TOTAL / 100), round((q.high or q.value) * figures.ICON_TOTAL / 100)
    group = slide.shapes.add_group_shape()
    for i in range(figures.ICON_TOTAL):
        left = Inches(1.2 + i * 1.1)
        head = group.shapes.add_shape(MSO_SHAPE.OVAL, left + Inches(0.2), Inches(1.8), Inches(0.5), Inches(0.5))
        body = group.shapes.add_shape(MSO_SHAPE.ROUND_2_SAME_RECTANGLE, left, Inches(2.4), Inches(0.9), Inches(1.9))
        for part in (head, body):
            _paint(part, "solid" if i < low else ("maybe" if i < high else "rest"), palette)
    set_alt(group, words.alt(figure))
    caption = typeset(f"{words.amount(q)} {q.label}: {words.people(q)}", words.locale)
    return [(caption, CAPTION_PT, False)], (Inches(1.0), Inches(4.6), Inches(11.3), Inches(1.6))


def _paint(shape, kind: str, palette: dict) -> None:
    shape.line.color.rgb = rgb(palette["ink"])
    shape.line.width = Pt(1.5)
    if kind == "maybe":  # hatched: still tells apart in greyscale
        shape.fill.patterned()
        shape.fill.pattern = MSO_PATTERN.WIDE_UPWARD_DIAGONAL
        shape.fill.fore_color.rgb = rgb(palette["brand"])
        shape.fill.back_color.rgb = rgb(palette["light"])
    else:
        shape.fill.solid()
        shape.fill.fore_color.rgb = rgb(palette["brand"] if kind == "solid" else palette["light"])


def _bars(slide, figure, words, palette) -> list[str]:
    data = CategoryChartData(number_format=_percent_format(words))
    data.categories = [q.label for q in figure.values]
    data.add_series(figure.title, [q.value for q in figure.values])
    frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, Inches(1.0), Inches(1.6), Inches(11.3), Inches(3.5), data)
    chart = frame.chart
    chart.has_legend = chart.has_title = False
    chart.font.size = Pt(CHART_PT)
    chart.font.name = FAMILY
    axis = chart.value_axis
    axis.minimum_scale, axis.maximum_scale, axis.major_unit = 0, 100, 25  # an honest 0-100 % scale
    axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = _percent_format(words), False
    chart.category_axis.reverse_order = True
    plot = chart.plots[0]
    plot.has_data_labels = True
    plot.data_labels.number_format, plot.data_labels.number_format_is_linked = _percent_format(words), False
    plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    plot.series[0].format.fill.solid()
    plot.series[0].format.fill.fore_color.rgb = rgb(palette["brand"])
    set_alt(frame, words.alt(figure))
    return [], None


def _stat(slide, figure, words, palette) -> list[str]:
    q = figure.values[0]
    data = CategoryChartData()
    data.categories = ["", " "]
    data.add_series(figure.title, (q.value, 100 - q.value))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.DOUGHNUT, Inches(0.8), Inches(1.5), Inches(3.6), Inches(3.6), data)
    chart = frame.chart
    chart.has_legend = chart.has_title = False
    chart.font.size = Pt(CHART_PT)
    for point, colour in zip(chart.plots[0].series[0].points, (palette["brand"], palette["light"])):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = rgb(colour)
    set_alt(frame, words.alt(figure))
    lines = [(words.amount(q), 54, True), (typeset(q.label, words.locale), CAPTION_PT, False)]
    if figure.study:
        lines.append((typeset(figure.study, words.locale), 24, False))
    return lines, (Inches(4.8), Inches(1.6), Inches(7.8), Inches(4.4))


def _body_sites(slide, figure, words, palette) -> list[str]:
    png = charts.body_sites_png(palette["brand"], palette["ink"], palette["light"])
    picture = slide.shapes.add_picture(BytesIO(png), Inches(1.2), Inches(1.5), height=Inches(3.6))
    set_alt(picture, typeset(f"{figure.title} {figure.sentence}", words.locale))
    return [(typeset(figure.sentence, words.locale) + ".", CAPTION_PT, False)], (Inches(4.2), Inches(2.2), Inches(8.3), Inches(2.6))


DRAWERS = {"icons": _icons, "bars": _bars, "stat": _stat, "body-sites": _body_sites}


def _percent_format(words: figures.Words) -> str:
    """A number format that shows 15 as the locale writes 15 % (the % sign quoted: no scaling)."""
    sample = words.percent(15)
    return "0" + '"' + sample.removeprefix("15") + '"' 
