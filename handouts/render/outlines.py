"""Text as vector outlines of Atkinson Hyperlegible, so that pictures carry no font of their own.

A figure's words are read from its alt text; inside the picture they are shapes, drawn the same
by every viewer and printer.
"""
from __future__ import annotations

from functools import cache

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont

from handouts.fonts import font_file


@cache
def _font(bold: bool) -> TTFont:
    return TTFont(font_file("bold" if bold else "normal"))


def text_width(text: str, size: float, bold: bool = False) -> float:
    font = _font(bold)
    cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
    scale = size / font["head"].unitsPerEm
    width: float = sum(metrics[cmap.get(ord(ch), cmap[ord(" ")])][0] for ch in text) * scale
    return width


def text_path(text: str, size: float, x: float, y: float, anchor: str = "start", bold: bool = False,
              fill: str = "#000") -> str:
    """An SVG <path> of the text's glyphs, baseline at y; anchor is start, middle or end."""
    font = _font(bold)
    cmap, glyphs, metrics = font.getBestCmap(), font.getGlyphSet(), font["hmtx"].metrics
    scale = size / font["head"].unitsPerEm
    x -= {"start": 0, "middle": 0.5, "end": 1}[anchor] * text_width(text, size, bold)
    pen = SVGPathPen(glyphs)
    for ch in text:
        name = cmap.get(ord(ch), cmap[ord(" ")])
        glyphs[name].draw(TransformPen(pen, (scale, 0, 0, -scale, x, y)))
        x += metrics[name][0] * scale
    return f'<path d="{pen.getCommands()}" fill="{fill}"/>'
