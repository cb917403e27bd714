"""What the chart kinds share on a slide: colours, alt text, fills, number formats and the caption box."""
from __future__ import annotations

from functools import lru_cache
from io import BytesIO
from typing import TYPE_CHECKING

from PIL import Image
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_PATTERN
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Emu, Length, Pt

from handouts.charts.base import Captions, Line
from handouts.fonts import FAMILY as FAMILY
from handouts.render import fit
from handouts.render.deck.oxml import labels_on_one_line as labels_on_one_line
from handouts.render.deck.oxml import set_alt as set_alt
from handouts.render.deck.oxml import set_language as set_language
from handouts.render.deck.oxml import tile_fill
from handouts.render.deck.oxml import value_axis_at_far_end as value_axis_at_far_end

if TYPE_CHECKING:
    from pptx.dml.fill import FillFormat
    from pptx.shapes.autoshape import Shape
    from pptx.slide import Slide

    from handouts.render.figures import Words

CHART_PT = 20
CHART_LARGE_PT = 24   # a chart of a few values: its labels as large as the body
CAPTION_PT = 26


def rgb(hex_color: str) -> RGBColor:
    color: RGBColor = RGBColor.from_string(hex_color.lstrip("#"))
    return color


def paint(fill: FillFormat, kind: str, palette: dict[str, str]) -> None:
    """A fill: 'solid' (brand), 'maybe' (thick brand stripes on white, kept by a photocopier) or 'rest'."""
    if kind == "maybe":
        fill.patterned()
        fill.pattern = MSO_PATTERN.DARK_UPWARD_DIAGONAL
        fill.fore_color.rgb = rgb(palette["brand"])
        fill.back_color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    else:
        fill.solid()
        fill.fore_color.rgb = rgb(palette["brand"] if kind == "solid" else palette["light"])


def paint_shape(slide: Slide, shape: Shape, kind: str, palette: dict[str, str]) -> None:
    """An autoshape's fill; the uncertain kind as thick stripes, a tiled picture that no printer thins."""
    if kind != "maybe":
        paint(shape.fill, kind, palette)
        return
    _, rel = slide.part.get_or_add_image_part(BytesIO(_stripe_tile(palette["brand"])))
    tile_fill(shape, rel)


@lru_cache(maxsize=8)
def _stripe_tile(brand: str, size: int = 32) -> bytes:
    """A seamless tile of diagonal stripes, half brand colour and half white."""
    image = Image.new("RGB", (size, size), "white")
    colour = tuple(int(brand.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    image.putdata([colour if (x + y) % size < size // 2 else (255, 255, 255) for y in range(size) for x in range(size)])
    out = BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def outline(shape: Shape, palette: dict[str, str], width: float = 1.5) -> None:
    shape.line.color.rgb = rgb(palette["ink"])
    shape.line.width = Pt(width)


def number_format(words: Words, unit: str) -> str:
    """An Excel number format that writes a value as the locale and unit do ('15 %', '3 jours')."""
    if unit == "count":
        return "General"
    one, many = words.measure(1, unit), words.measure(7, unit)
    many_suffix = many.removeprefix(words.number(7))
    if unit == "%":
        return "0" + '"' + many_suffix + '"'
    return f'[=1]0"{one.removeprefix(words.number(1))}";0"{many_suffix}"'


def caption(slide: Slide, lines: list[Line], box: tuple[Length, Length, Length, Length], palette: dict[str, str],
            lang: str) -> Captions:
    """A text box of caption lines; returns its (first line, needed, available) heights in points."""
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
        set_language(run, lang)
    width_pt = Emu(box[2]).pt - 14.4
    needed = sum(fit.height([text], size, width_pt, bold, fallback=True) for text, size, bold in lines)
    return [(lines[0][0], needed, Emu(box[3]).pt - 7.2)]
