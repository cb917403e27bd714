"""Make templates/deck.pptx from templates/theme.yaml: `python -m handouts.render.deck.template [templates_dir]`.

The template carries the deck's design as masters and layouts that an association can restyle in
PowerPoint without touching code: the build looks its layouts up BY NAME (LAYOUTS), so moving,
recolouring or resizing their placeholders changes every deck, and renaming one is a clear error.

- Cover: a brand band across the top with the association's name (and its PNG logo), the title below;
- Section: a divider on the brand colour;
- Content: title, bullets, and a footer row (date, association, slide number);
- Figure: title and footer, the area under the title left to a picture, a chart or a table;
- Closing: title, contact text on the left, a picture placeholder for the QR code on the right.

Built from python-pptx's default template, so that running it again gives the same template.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.slide import SlideLayout, SlideMaster
from pptx.util import Emu, Inches

from handouts.fonts import FAMILY
from handouts.render.deck import oxml
from handouts.render.stable import saved
from handouts.render.templating import Theme, load_theme

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)          # 13.333 in x 7.5 in, typed 16:9
SIZE_TYPE = "screen16x9"
STAMP = dt.date(2024, 1, 1)                          # the template's zip entries' date

# The build's names for the layouts it uses, and the name each has in the template.
LAYOUTS = {"cover": "Cover", "section": "Section", "content": "Content", "figure": "Figure", "closing": "Closing"}

MARGIN = Inches(0.67)
TEXT_WIDTH = Inches(12.0)
TITLE_BOX = (MARGIN, Inches(0.3), TEXT_WIDTH, Inches(1.3))     # two lines of a 36 pt title, no insets, on its foot
BODY_BOX = (MARGIN, Inches(1.85), TEXT_WIDTH, Inches(4.85))   # the body, in the middle of its room
FOOTER_TOP, FOOTER_HEIGHT = Inches(6.9), Inches(0.45)
FOOTER_BOXES = {"dt": (MARGIN, Inches(3.2)), "ftr": (Inches(4.0), Inches(5.33)), "sldNum": (Inches(9.47), Inches(3.2))}
BAND_HEIGHT = Inches(1.5)                                         # the cover's brand band
COVER_TITLE_BOX = (MARGIN, Inches(1.9), TEXT_WIDTH, Inches(2.3))    # three lines of a 44 pt title, on its foot
COVER_RULE = (MARGIN, Inches(4.42), Inches(1.6), Inches(0.08))      # a short brand rule under the title
COVER_BODY_BOX = (MARGIN, Inches(4.7), TEXT_WIDTH, Inches(2.4))
CLOSING_TEXT_BOX = (MARGIN, Inches(1.85), Inches(8.3), Inches(4.85))
QR_BOX = (Inches(9.7), Inches(1.95), Inches(2.9), Inches(2.9))
TITLE_PT, BODY_PT, FOOTER_PT, COVER_TITLE_PT, BAND_PT = 36, 28, 18, 44, 28

# python-pptx's default layouts kept (by their default name), and what each becomes.
KEPT = {"Title Slide": "Cover", "Title and Content": "Content", "Section Header": "Section", "Title Only": "Figure",
        "Two Content": "Closing"}


def place(shape: Any, box: tuple[int, int, int, int]) -> None:
    shape.left, shape.top, shape.width, shape.height = (Emu(v) for v in box)


def background(owner: SlideLayout | SlideMaster, color: str) -> None:
    """A master's or a layout's background: one solid colour, in place of any it had."""
    fill = owner.background.fill
    fill.solid()
    fill.fore_color.rgb = RGBColor.from_string(color.lstrip("#").upper())


def text_style(holder: Any, size: int, color: str, bold: bool = False, align: str = "l", anchor: str | None = None,
               insets: bool = True) -> None:
    """A placeholder's own first-level style: size, colour, weight, alignment, and no auto-fit."""
    oxml.text_style(holder, size, color, bold, align, anchor, insets)


def rectangle(owner: Any, at: int, shape_id: int, name: str, box: tuple[int, int, int, int], fill: str,
              text: str = "", color: str = "#FFFFFF") -> None:
    """A drawn rectangle (not a placeholder): the master or layout shows it on every slide that uses it."""
    oxml.add_rectangle(owner, at, shape_id, name, box, fill, MARGIN, text, BAND_PT, color)


def add_logo(layout: SlideLayout, logo: Path, shape_id: int) -> None:
    """The association's PNG logo at the right end of the cover's band (python-pptx cannot place SVG)."""
    from PIL import Image

    _, rel = layout.part.get_or_add_image_part(str(logo))
    with Image.open(logo) as image:
        w, h = image.size
    cy = int(BAND_HEIGHT * 0.6)
    cx = int(cy * w / h)
    x, y = int(WIDTH - MARGIN - cx), int((BAND_HEIGHT - cy) // 2)
    oxml.add_drawn_picture(layout, shape_id, "Logo", logo.stem, rel, (x, y, cx, cy))


def _holders(layout: Any) -> dict[str, Any]:
    """A layout's placeholders by role: title, body (idx 1), second (idx 2), dt, ftr, sldNum."""
    out = {}
    for holder in layout.placeholders:
        kind = holder.placeholder_format.type.xml_value
        role = kind if kind in ("title", "ctrTitle", "dt", "ftr", "sldNum") else {1: "body", 2: "second"}.get(
            holder.placeholder_format.idx, kind)
        out["title" if role == "ctrTitle" else role] = holder
    return out


def style_footer(holders: dict[str, Any], colors: dict[str, str], color: str = "muted") -> None:
    for role, (left, width) in FOOTER_BOXES.items():
        if role in holders:
            place(holders[role], (left, FOOTER_TOP, width, FOOTER_HEIGHT))
            text_style(holders[role], FOOTER_PT, colors[color], align={"dt": "l", "ftr": "ctr", "sldNum": "r"}[role],
                       anchor="ctr")


def style_master(prs: Any, colors: dict[str, str]) -> None:
    """The master: paper background, brand titles, ink bullets, the footer row, a brand strip on the left."""
    master = prs.slide_master
    holders = _holders(master)
    place(holders["title"], TITLE_BOX)
    place(holders["body"], BODY_BOX)
    style_footer(holders, colors)
    background(master, colors["paper"])
    oxml.master_text_style(master, "titleStyle", TITLE_PT, colors["brand"], True, align="l")
    oxml.master_text_style(master, "bodyStyle", BODY_PT, colors["ink"], False)
    rectangle(master, 2, 90, "Brand strip", (0, 0, Inches(0.22), HEIGHT), colors["brand"])


def style_layouts(prs: Any, theme: Theme) -> None:
    colors = theme.colors
    for layout in list(prs.slide_layouts):
        if layout.name not in KEPT:
            prs.slide_layouts.remove(layout)
            continue
        name = KEPT[layout.name]
        layout.name = name
        holders = _holders(layout)
        style_footer(holders, colors)
        if name in ("Content", "Figure", "Closing"):
            place(holders["title"], TITLE_BOX)
            text_style(holders["title"], TITLE_PT, colors["brand"], bold=True, anchor="b", insets=False)
        if name == "Content":
            place(holders["body"], BODY_BOX)
            text_style(holders["body"], BODY_PT, colors["ink"], anchor="ctr")
        elif name == "Closing":
            place(holders["body"], CLOSING_TEXT_BOX)
            text_style(holders["body"], BODY_PT, colors["ink"], anchor="t")
            place(holders["second"], QR_BOX)
            oxml.set_placeholder_type(holders["second"], "pic")   # the QR code goes in as a picture
        elif name == "Cover":
            oxml.hide_master_shapes(layout)
            place(holders["title"], COVER_TITLE_BOX)
            text_style(holders["title"], COVER_TITLE_PT, colors["brand"], bold=True, anchor="b")
            place(holders["subTitle"] if "subTitle" in holders else holders["body"], COVER_BODY_BOX)
            subtitle = holders.get("subTitle", holders.get("body"))
            text_style(subtitle, BODY_PT, colors["ink"], anchor="t")
            rectangle(layout, 2, 91, "Brand band", (0, 0, WIDTH, BAND_HEIGHT), colors["brand"], theme.contact.name,
                      color=colors["on_brand"])
            rectangle(layout, 3, 93, "Brand rule", COVER_RULE, colors["brand"])
            if theme.logo is not None and theme.logo.suffix.lower() == ".png":
                add_logo(layout, theme.logo, 92)
        elif name == "Section":
            oxml.hide_master_shapes(layout)
            background(layout, colors["brand"])
            place(holders["title"], (MARGIN, Inches(2.2), TEXT_WIDTH, Inches(2.0)))
            text_style(holders["title"], COVER_TITLE_PT, colors["on_brand"], bold=True, anchor="b")
            place(holders["body"], (MARGIN, Inches(4.4), TEXT_WIDTH, Inches(1.6)))
            text_style(holders["body"], BODY_PT, colors["on_brand"], anchor="t")
            style_footer(holders, colors, "on_brand")


def set_theme(prs: Any, colors: dict[str, str]) -> None:
    """The Office theme: the typeface for headings and body, the theme's colours as the scheme's."""
    scheme = {"dk1": "ink", "lt1": "paper", "dk2": "brand", "lt2": "panel", "accent1": "brand", "accent2": "muted"}
    oxml.set_theme(prs.slide_master.part.part_related_by(RT.THEME), FAMILY,
                   {slot: colors[name] for slot, name in scheme.items()})


def make_template(templates_dir: Path, target: Path) -> None:
    theme = load_theme(templates_dir)
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    oxml.set_slide_size_type(prs, SIZE_TYPE)
    style_master(prs, theme.colors)
    style_layouts(prs, theme)
    set_theme(prs, theme.colors)
    core = prs.core_properties
    core.title, core.author, core.last_modified_by, core.revision = "Deck template", theme.contact.name, "", 1
    target.write_bytes(saved(prs, STAMP))  # the same bytes each time it is made


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("templates")
    make_template(folder, folder / "deck.pptx")
    print(f"wrote {folder / 'deck.pptx'}: layouts {', '.join(LAYOUTS.values())}")
