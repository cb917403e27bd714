"""Measure wrapped text with the typeface's own metrics, since only PowerPoint applies auto-fit.

`fallback=True` (the deck's measures) takes the wider of the typeface and its installed fallback, so
that a slide laid out here fits on a laptop without the typeface (fonts.FALLBACKS)."""
from __future__ import annotations

import re
from functools import cache

from PIL import ImageFont

from handouts.fonts import fallback_file, font_file

_BREAKING_SPACE = re.compile(r"[ \t\n\r]+")
LINE_SPACING = 1.2      # PowerPoint's single spacing for this typeface, as a multiple of the size
SPACE_BEFORE = 0.2      # the template's paragraph spacing before, as a multiple of the size


@cache
def _font(size_pt: float, bold: bool, fallback: bool = False) -> ImageFont.FreeTypeFont:
    # Measured at 10x so that rounding to whole pixels does not matter.
    weight = "bold" if bold else "normal"
    return ImageFont.truetype(str(fallback_file(weight) if fallback else font_file(weight)), int(size_pt * 10))


def text_width(text: str, size_pt: float, bold: bool = False, fallback: bool = False) -> float:
    width = _font(size_pt, bold).getlength(text) / 10
    return max(width, _font(size_pt, bold, True).getlength(text) / 10) if fallback else width


def wrap(text: str, size_pt: float, width_pt: float, bold: bool = False, fallback: bool = False) -> list[str]:
    """Greedy word wrap, as PowerPoint does it; a word wider than the line stands alone. Words are
    separated by breaking spaces only: a no-break space (45 %, a title's last two words) holds."""
    lines: list[str] = []
    current = ""
    for word in _BREAKING_SPACE.split(text.strip(" \t\n\r")):
        if not word:
            continue
        trial = f"{current} {word}" if current else word
        if current and text_width(trial, size_pt, bold, fallback) > width_pt:
            lines.append(current)
            current = word
        else:
            current = trial
    return lines + ([current] if current else [])


def height(paragraphs: list[str], size_pt: float, width_pt: float, bold: bool = False,
           fallback: bool = False, space_before: float = SPACE_BEFORE) -> float:
    """Height in points of paragraphs wrapped to width_pt at size_pt, `space_before` (a multiple of the size)
    between them."""
    lines = sum(max(1, len(wrap(p, size_pt, width_pt, bold, fallback))) for p in paragraphs)
    return lines * size_pt * LINE_SPACING + max(0, len(paragraphs) - 1) * size_pt * space_before
