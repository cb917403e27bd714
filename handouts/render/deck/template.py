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
from io import BytesIO
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.slide import SlideLayout
from pptx.util import Emu, Inches

from handouts.fonts import FAMILY
from handouts.render.stable import stable_zip
from handouts.render.templating import Theme, load_theme

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)          # 13.333 in x 7.5 in, typed 16:9
SIZE_TYPE = "screen16x9"
STAMP = dt.date(2024, 1, 1)                          # the template's zip entries' date

# The build's names for the layouts it uses, and the name each has in the template.
LAYOUTS = {"cover": "Cover", "section": "Section", "content": "Content", "figure": "Figure", "closing": "Closing"}

MARGIN = Inches(0.67)
TEXT_WIDTH = Inches(12.0)
TITLE_BOX = (MARGIN, Inches(0.45), TEXT_WIDTH, Inches(1.17))   # two lines of a 32 pt title, no insets, above 1.7 in
BODY_BOX = (MARGIN, Inches(1.65), TEXT_WIDTH, Inches(5.1))
FOOTER_TOP, FOOTER_HEIGHT = Inches(6.9), Inches(0.45)
FOOTER_BOXES = {"dt": (MARGIN, Inches(3.2)), "ftr": (Inches(4.0), Inches(5.33)), "sldNum": (Inches(9.47), Inches(3.2))}
BAND_HEIGHT = Inches(1.5)                                         # the cover's brand band
COVER_TITLE_BOX = (MARGIN, Inches(1.65), TEXT_WIDTH, Inches(1.8))
COVER_BODY_BOX = (MARGIN, Inches(3.55), TEXT_WIDTH, Inches(3.8))
CLOSING_TEXT_BOX = (MARGIN, Inches(1.65), Inches(8.2), Inches(5.1))
QR_BOX = (Inches(9.5), Inches(1.9), Inches(3.2), Inches(3.2))
TITLE_PT, BODY_PT, FOOTER_PT, COVER_TITLE_PT, BAND_PT = 32, 26, 18, 40, 28

# python-pptx's default layouts kept (by their default name), and what each becomes.
KEPT = {"Title Slide": "Cover", "Title and Content": "Content", "Section Header": "Section", "Title Only": "Figure",
        "Two Content": "Closing"}


def hex_of(color: str) -> str:
    return color.lstrip("#").upper()


def _solid(color: str) -> str:
    return f'<a:solidFill {nsdecls("a")}><a:srgbClr val="{hex_of(color)}"/></a:solidFill>'


def place(shape: Any, box: tuple[int, int, int, int]) -> None:
    shape.left, shape.top, shape.width, shape.height = (Emu(v) for v in box)


def text_style(holder: Any, size: int, color: str, bold: bool = False, align: str = "l", anchor: str | None = None,
               insets: bool = True) -> None:
    """A placeholder's own first-level style: size, colour, weight, alignment, and no auto-fit."""
    body = holder._element.txBody
    body_pr = body.find(qn("a:bodyPr"))
    for child in list(body_pr):
        body_pr.remove(child)
    body_pr.append(body_pr.makeelement(qn("a:noAutofit"), {}))
    if anchor:
        body_pr.set("anchor", anchor)
    if not insets:
        body_pr.set("tIns", "0")
        body_pr.set("bIns", "0")
    lst = body.find(qn("a:lstStyle"))
    for child in list(lst):
        lst.remove(child)
    lst.append(parse_xml(f'<a:lvl1pPr {nsdecls("a")} algn="{align}"><a:defRPr sz="{size * 100}" b="{int(bold)}">'
                         f'<a:solidFill><a:srgbClr val="{hex_of(color)}"/></a:solidFill></a:defRPr></a:lvl1pPr>'))


def rectangle(shape_id: int, name: str, box: tuple[int, int, int, int], fill: str, text: str = "",
              size: int = BAND_PT, color: str = "#FFFFFF", bold: bool = True) -> Any:
    """A drawn rectangle (not a placeholder): the layout shows it on every slide that uses it."""
    x, y, cx, cy = box
    run = (f'<a:r><a:rPr lang="en-US" sz="{size * 100}" b="{int(bold)}"><a:solidFill><a:srgbClr val="{hex_of(color)}"/>'
           f'</a:solidFill></a:rPr><a:t>{text}</a:t></a:r>') if text else '<a:endParaRPr lang="en-US"/>'
    return parse_xml(
        f'<p:sp {nsdecls("p", "a")}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr/><p:nvPr userDrawn="1"/>'
        f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="{hex_of(fill)}"/></a:solidFill>'
        f'<a:ln><a:noFill/></a:ln></p:spPr><p:txBody><a:bodyPr wrap="square" lIns="{MARGIN}" anchor="ctr">'
        f'<a:noAutofit/></a:bodyPr><a:lstStyle/><a:p><a:pPr algn="l"/>{run}</a:p></p:txBody></p:sp>')


def add_logo(layout: SlideLayout, logo: Path, shape_id: int) -> None:
    """The association's PNG logo at the right end of the cover's band (python-pptx cannot place SVG)."""
    from PIL import Image

    _, rel = layout.part.get_or_add_image_part(str(logo))
    with Image.open(logo) as image:
        w, h = image.size
    cy = int(BAND_HEIGHT * 0.6)
    cx = int(cy * w / h)
    x, y = int(WIDTH - MARGIN - cx), int((BAND_HEIGHT - cy) // 2)
    layout.shapes._spTree.append(parse_xml(
        f'<p:pic {nsdecls("p", "a", "r")}><p:nvPicPr><p:cNvPr id="{shape_id}" name="Logo" descr="{logo.stem}"/>'
        '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr userDrawn="1"/></p:nvPicPr>'
        f'<p:blipFill><a:blip r:embed="{rel}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
        f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'))


def _holders(layout: Any) -> dict[str, Any]:
    """A layout's placeholders by role: title, body (idx 1), second (idx 2), dt, ftr, sldNum."""
    out = {}
    for holder in layout.placeholders:
        ph = holder._element.ph
        kind = ph.get("type", "obj")
        role = kind if kind in ("title", "ctrTitle", "dt", "ftr", "sldNum") else {"1": "body", "2": "second"}.get(
            ph.get("idx", ""), kind)
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
    element = master._element
    bg = element.cSld.find(qn("p:bg"))
    bg.getparent().replace(bg, parse_xml(f'<p:bg {nsdecls("p", "a")}><p:bgPr>{_solid(colors["paper"])}'
                                         '<a:effectLst/></p:bgPr></p:bg>'))
    styles = element.find(qn("p:txStyles"))
    for style, size, color, bold in (("p:titleStyle", TITLE_PT, "brand", True), ("p:bodyStyle", BODY_PT, "ink", False)):
        level = styles.find(qn(style)).find(qn("a:lvl1pPr"))
        if style == "p:titleStyle":
            level.set("algn", "l")
        rpr = level.find(qn("a:defRPr"))
        rpr.set("sz", str(size * 100))
        rpr.set("b", str(int(bold)))
        for old in rpr.findall(qn("a:solidFill")):
            rpr.remove(old)
        rpr.insert(0, parse_xml(_solid(colors[color])))
    master.shapes._spTree.insert(2, rectangle(90, "Brand strip", (0, 0, Inches(0.22), HEIGHT), colors["brand"]))


def style_layouts(prs: Any, theme: Theme) -> None:
    colors = theme.colors
    for layout in list(prs.slide_layouts):
        if layout.name not in KEPT:
            prs.slide_layouts.remove(layout)
            continue
        name = KEPT[layout.name]
        layout._element.cSld.set("name", name)
        holders = _holders(layout)
        style_footer(holders, colors)
        tree = layout.shapes._spTree
        if name in ("Content", "Figure", "Closing"):
            place(holders["title"], TITLE_BOX)
            text_style(holders["title"], TITLE_PT, colors["brand"], bold=True, anchor="ctr", insets=False)
        if name == "Content":
            place(holders["body"], BODY_BOX)
        elif name == "Closing":
            place(holders["body"], CLOSING_TEXT_BOX)
            place(holders["second"], QR_BOX)
            holders["second"]._element.ph.set("type", "pic")   # the QR code goes in as a picture
        elif name == "Cover":
            layout._element.set("showMasterSp", "0")
            place(holders["title"], COVER_TITLE_BOX)
            text_style(holders["title"], COVER_TITLE_PT, colors["brand"], bold=True, anchor="b")
            place(holders["subTitle"] if "subTitle" in holders else holders["body"], COVER_BODY_BOX)
            subtitle = holders.get("subTitle", holders.get("body"))
            text_style(subtitle, 24, colors["ink"], anchor="t")
            tree.insert(2, rectangle(91, "Brand band", (0, 0, WIDTH, BAND_HEIGHT), colors["brand"],
                                     theme.contact.name, color=colors["on_brand"]))
            if theme.logo is not None and theme.logo.suffix.lower() == ".png":
                add_logo(layout, theme.logo, 92)
        elif name == "Section":
            layout._element.set("showMasterSp", "0")
            bg = parse_xml(f'<p:bg {nsdecls("p", "a")}><p:bgPr>{_solid(colors["brand"])}<a:effectLst/></p:bgPr></p:bg>')
            layout._element.cSld.insert(0, bg)
            place(holders["title"], (MARGIN, Inches(2.2), TEXT_WIDTH, Inches(2.0)))
            text_style(holders["title"], COVER_TITLE_PT, colors["on_brand"], bold=True, anchor="b")
            place(holders["body"], (MARGIN, Inches(4.4), TEXT_WIDTH, Inches(1.6)))
            text_style(holders["body"], BODY_PT, colors["on_brand"], anchor="t")
            style_footer(holders, colors, "on_brand")


def set_theme(prs: Any, colors: dict[str, str]) -> None:
    """The Office theme: the typeface for headings and body, the theme's colours as the scheme's."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    theme: Any = etree.fromstring(part.blob)
    for latin in theme.iter(f"{{{A}}}latin"):
        parent = latin.getparent()
        if parent is not None and parent.tag in (f"{{{A}}}majorFont", f"{{{A}}}minorFont"):
            latin.set("typeface", FAMILY)
            latin.set("pitchFamily", "34")   # variable pitch, swiss: a missing typeface gives way to a sans-serif
            latin.set("charset", "0")
    scheme = {"dk1": "ink", "lt1": "paper", "dk2": "brand", "lt2": "panel", "accent1": "brand", "accent2": "muted"}
    for slot, name in scheme.items():
        element: Any = theme.find(f".//{{{A}}}clrScheme/{{{A}}}{slot}")
        for child in list(element):
            element.remove(child)
        etree.SubElement(element, f"{{{A}}}srgbClr", val=hex_of(colors[name]))
    part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def make_template(templates_dir: Path, target: Path) -> None:
    theme = load_theme(templates_dir)
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    size: Any = prs.part._element.find(qn("p:sldSz"))
    size.set("type", SIZE_TYPE)
    style_master(prs, theme.colors)
    style_layouts(prs, theme)
    set_theme(prs, theme.colors)
    core = prs.core_properties
    core.title, core.author, core.last_modified_by, core.revision = "Deck template", theme.contact.name, "", 1
    buffer = BytesIO()
    prs.save(buffer)
    target.write_bytes(stable_zip(buffer.getvalue(), STAMP))  # the same bytes each time it is made


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("templates")
    make_template(folder, folder / "deck.pptx")
    print(f"wrote {folder / 'deck.pptx'}: layouts {', '.join(LAYOUTS.values())}")
