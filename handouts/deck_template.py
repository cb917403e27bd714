"""Make templates/deck.pptx: python-pptx's default deck turned 16:9, in Atkinson Hyperlegible.

The committed template is what associations restyle in PowerPoint; this module only
documents and reproduces how the first version was made: `python -m handouts.deck_template`.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu

from .fonts import FAMILY

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pptx import presentation
    from pptx.shapes.base import BaseShape

WIDE = Emu(12192000)
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def widen(shapes: Iterable[BaseShape], factor: float) -> None:
    """Stretch placeholders horizontally so that a 4:3 layout fills a 16:9 slide."""
    for shape in shapes:
        left, top, width, height = shape.left, shape.top, shape.width, shape.height
        shape.left, shape.width = Emu(int(left * factor)), Emu(int(width * factor))
        shape.top, shape.height = top, height


def set_theme_fonts(prs: presentation.Presentation) -> None:
    theme_part = prs.slide_master.part.part_related_by(RT.THEME)
    theme = etree.fromstring(theme_part.blob)
    for latin in theme.iter(f"{{{A}}}latin"):
        parent = latin.getparent()
        if parent is not None and parent.tag in (f"{{{A}}}majorFont", f"{{{A}}}minorFont"):
            latin.set("typeface", FAMILY)
    theme_part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def make_template(target: Path) -> None:
    prs = Presentation()
    factor = WIDE / prs.slide_width
    prs.slide_width = WIDE
    for layout in prs.slide_layouts:  # layouts first: they may inherit the master's geometry
        widen(layout.placeholders, factor)
    widen(prs.slide_master.placeholders, factor)
    title_slide = prs.slide_layouts[0].placeholders
    title_slide[0].top, title_slide[0].height = Emu(640080), Emu(1737360)     # 0.7 in, 1.9 in
    title_slide[1].top, title_slide[1].height = Emu(2560320), Emu(3474720)    # 2.8 in, 3.8 in
    title_slide[1].left, title_slide[1].width = title_slide[0].left, title_slide[0].width
    set_theme_fonts(prs)
    prs.save(str(target))


if __name__ == "__main__":
    make_template(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("templates/deck.pptx"))
