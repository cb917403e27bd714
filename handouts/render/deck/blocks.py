"""Pictures and tables of the content on slides: a picture at its aspect ratio with its alt text
and caption, a table as a native PowerPoint table that a speaker can restyle, split over slides."""
from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from handouts.checks import pictures
from handouts.content.model import Picture, Table
from handouts.errors import LayoutError
from handouts.render import drawing, fit
from handouts.render.deck.figures import rgb
from handouts.render.deck.oxml import set_alt, set_language

if TYPE_CHECKING:
    from collections.abc import Callable

    from pptx.dml.color import RGBColor
    from pptx.slide import Slide

AREA = (Inches(0.67), Inches(1.85), Inches(12.0), Inches(4.85))  # below the title: left, top, width, height
CAPTION_PT = 24
TABLE_PT = 20
FOOTNOTE_PT = 18     # the legend under a table: the smallest type a slide may carry (STANDARDS S4)
CELL_MARGIN_X, CELL_MARGIN_Y = Inches(0.1), Inches(0.05)    # python-pptx's (and PowerPoint's) cell insets


@dataclass(frozen=True)
class TableLayout:
    """Column widths and row heights in points, and the rows of each slide."""

    widths: tuple[float, ...]
    header_height: float
    pages: tuple[tuple[int, ...], ...]     # row numbers of the table (0-based), per slide
    heights: tuple[float, ...]             # each row's height


def picture_size(path: Path) -> tuple[float, float]:
    """The picture's own width and height in pixels (an SVG's in CSS pixels, as resvg sizes it), read
    from its header or its root, never by drawing it."""
    return pictures.size(path)


def picture_bytes(path: Path) -> bytes:
    """The picture as placed on a slide: PNG and JPEG as they are, an SVG as the PNG every output shows
    (checked first, drawn once with a time and memory budget)."""
    return drawing.shown(path).data


def caption_height(caption: str | None) -> float:
    """Room in points for a picture's caption under it (nothing without a caption)."""
    return fit.height([caption], CAPTION_PT, Emu(AREA[2]).pt - 14.4, fallback=True) + 7.2 + 6 if caption else 0.0


def place_picture(slide: Slide, path: Path, figure: Picture, lang: str, color: RGBColor, fill: Callable[..., None],
                  output: str) -> None:
    """The picture as large as the area allows at its own aspect ratio, centred, its caption below it."""
    px_w, px_h = picture_size(path)
    left, top, width, height = AREA
    caption = figure.caption
    room = Pt(caption_height(caption))
    if room > height // 2:
        raise LayoutError(f"{output}: picture {figure.image!r}: its caption needs {Emu(room).pt:.0f} pt, more than "
                          f"half the slide's {Emu(height).pt:.0f} pt: shorten the caption")
    scale = min(width / px_w, (height - room) / px_h)
    w, h = int(px_w * scale), int(px_h * scale)
    data = picture_bytes(path)
    picture = slide.shapes.add_picture(BytesIO(data), Emu(left + (width - w) // 2), top, Emu(w), Emu(h))
    set_alt(picture, figure.alt)
    if caption:
        box = slide.shapes.add_textbox(left, Emu(top + h + Pt(6)), width, Emu(room - Pt(6)))
        fill(box.text_frame, [caption], CAPTION_PT, lang, color, bullets=False)
        box.text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER  # under the centred picture


def layout_table(table: Table, cells: list[list[str]], output: str, footnote: str = "",
                 shares: tuple[float, ...] = ()) -> TableLayout:
    """Widths that give each column room for its longest word and share the rest by its text;
    rows measured with the typeface's metrics and spread over as many slides as they need (under
    each, room for the `footnote`). `shares` sets the columns' shares of the width instead."""
    inset = Emu(CELL_MARGIN_X).pt * 2
    available = Emu(AREA[2]).pt
    columns = list(zip(*cells))
    # the header row and the first column (each row's header) are drawn bold: measured bold
    least = [max(fit.text_width(word, TABLE_PT, bold=r == 0 or c == 0, fallback=True)
                 for r, cell in enumerate(col) for word in cell.split()) + inset + 1 for c, col in enumerate(columns)]
    natural = [max(fit.text_width(cell, TABLE_PT, bold=r == 0 or c == 0, fallback=True) for r, cell in enumerate(col))
               + inset + 1 for c, col in enumerate(columns)]
    if sum(least) > available:
        raise LayoutError(f"{output}: table «{table.caption}»: its longest words need {sum(least):.0f} pt, "
                          f"the slide has {available:.0f} pt: shorten the words of its cells or use fewer columns")
    if shares and all(s * available >= m for s, m in zip(shares, least)):   # the columns' shares, given
        widths = tuple(s * available / sum(shares) for s in shares)
    elif sum(natural) <= available:   # every cell on one line: the columns widened in proportion
        widths = tuple(n * available / sum(natural) for n in natural)
    else:                           # the room beyond the longest words goes to the columns with most text
        extra = [n - m for n, m in zip(natural, least)]
        widths = tuple(m + (available - sum(least)) * e / sum(extra) for m, e in zip(least, extra))
    heights = tuple(_row_height(row, widths, bold=r == 0) for r, row in enumerate(cells))
    below = footnote_height(footnote)
    return TableLayout(widths, heights[0], _pages(table, heights[0] + below, heights[1:], output), heights[1:])


def footnote_height(footnote: str) -> float:
    inset = Emu(CELL_MARGIN_Y).pt * 2
    return fit.height(footnote.split("\n"), FOOTNOTE_PT, Emu(AREA[2]).pt - 14.4, fallback=True) + inset + 6 if footnote else 0.0


def place_footnote(slide: Slide, footnote: str, lang: str, color: RGBColor,
                   fill: Callable[..., None]) -> None:
    """The footnote (a table's legend) at the foot of the area, in the smallest type a slide may carry."""
    left, top, width, height = AREA
    tall = Pt(footnote_height(footnote))
    box = slide.shapes.add_textbox(left, Emu(top + height - tall), width, tall)
    box.name = "Footnote"   # a legend, as a caption: the smallest type a slide may carry (S4), not body type
    fill(box.text_frame, footnote.split("\n"), FOOTNOTE_PT, lang, color, bullets=False)


def _row_height(row: list[str], widths: tuple[float, ...], bold: bool) -> float:
    inset_x, inset_y = Emu(CELL_MARGIN_X).pt * 2, Emu(CELL_MARGIN_Y).pt * 2
    return max(fit.height([cell], TABLE_PT, w - inset_x, bold or c == 0, fallback=True)
               for c, (cell, w) in enumerate(zip(row, widths))) + inset_y + 2


def _pages(table: Table, header: float, heights: tuple[float, ...], output: str) -> tuple[tuple[int, ...], ...]:
    room = Emu(AREA[3]).pt - header
    pages: list[list[int]] = [[]]
    used = 0.0
    for number, row in enumerate(heights):
        if row > room:
            raise LayoutError(f"{output}: table «{table.caption}»: row {number + 1} is {row - room:.0f} pt too tall "
                              f"for a slide under its header row: shorten the cells of that row")
        if pages[-1] and used + row > room:
            pages.append([])
            used = 0.0
        pages[-1].append(number)
        used += row
    return tuple(tuple(page) for page in pages)


def place_table(slide: Slide, cells: list[list[str]], widths: tuple[float, ...], heights: tuple[float, ...],
                lang: str, palette: dict[str, str], caption: str) -> None:
    """A native table: the header row and the first column marked as headers, every run sized and tagged,
    coloured from the theme (not left to a table style that LibreOffice and PowerPoint draw apart)."""
    left, top, _, _ = AREA
    frame = slide.shapes.add_table(len(cells), len(widths), left, top, Pt(sum(widths)), Pt(sum(heights)))
    set_alt(frame, caption)  # the Accessibility Checker asks tables for a description too
    table = frame.table
    table.first_row, table.first_col = True, True
    for j, width in enumerate(widths):
        table.columns[j].width = Pt(width)
    for i, row in enumerate(cells):
        table.rows[i].height = Pt(heights[i])
        for j, text in enumerate(row):
            cell = table.cell(i, j)
            cell.margin_left = cell.margin_right = CELL_MARGIN_X
            cell.margin_top = cell.margin_bottom = CELL_MARGIN_Y
            cell.fill.solid()
            cell.fill.fore_color.rgb = rgb(palette["brand" if i == 0 else "panel" if i % 2 == 0 else "paper"])
            cell.text_frame.word_wrap = True
            run = cell.text_frame.paragraphs[0].add_run()
            run.text = text
            run.font.size = Pt(TABLE_PT)
            run.font.bold = i == 0 or j == 0
            run.font.color.rgb = rgb(palette["on_brand" if i == 0 else "ink"])
            set_language(run, lang)
