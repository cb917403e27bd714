"""Every edit of a deck's XML that python-pptx has no public API for, one small function each.

The rest of the deck goes through python-pptx's public objects; what reaches below them (its `_element`s,
private attributes, `qn`, `parse_xml`, lxml) is here, to read against the OOXML schema in one place and to
check in one place when python-pptx changes.
"""
from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from lxml import etree
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn

if TYPE_CHECKING:
    from pptx import presentation
    from pptx.chart.datalabel import DataLabels
    from pptx.dml.line import LineFormat
    from pptx.opc.package import Part, XmlPart
    from pptx.shapes.autoshape import Shape
    from pptx.shapes.base import BaseShape
    from pptx.slide import Slide, SlideLayout, SlideMaster
    from pptx.text.text import _Paragraph, _Run

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"

Box = tuple[int, int, int, int]   # left, top, width, height (EMU)


def hex_of(color: str) -> str:
    return color.lstrip("#").upper()


def _solid(color: str) -> str:
    return f'<a:solidFill {nsdecls("a")}><a:srgbClr val="{hex_of(color)}"/></a:solidFill>'


# Text

def set_language(run: _Run, lang: str) -> None:
    """A run's language, any BCP 47 tag (python-pptx's language_id takes only the tags of its enumeration)."""
    run.font._rPr.set("lang", lang)


def tag_language(part: XmlPart, lang: str) -> None:
    """Every run property and default run property of a part's text in a language."""
    for found in part._element.iter(*(qn(f"a:{name}") for name in ("rPr", "defRPr", "endParaRPr"))):
        found.set("lang", lang)


def no_bullet(paragraph: _Paragraph) -> None:
    """A paragraph without bullet or indent."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", "0")
    ppr.set("indent", "0")
    spacing = [ppr.find(qn(f"a:{tag}")) for tag in ("lnSpc", "spcBef", "spcAft")]   # the schema's order: these first
    ppr.insert(sum(e is not None for e in spacing), ppr.makeelement(qn("a:buNone"), {}))


def labels_on_one_line(labels: DataLabels) -> None:
    """A chart's data labels unwrapped ('12 jours' on one line)."""
    labels._element.get_or_add_txPr().find(qn("a:bodyPr")).set("wrap", "none")


def value_axis_at_far_end(chart: Any) -> None:
    """The value axis crossing the category axis at its last category: under the bars of a bar chart whose first
    category is on top (its category axis reversed), where a reader looks for it (python-pptx's setter for
    it writes nothing on some charts)."""
    for crosses in chart._chartSpace.xpath("//c:valAx/c:crosses"):
        crosses.set("val", "max")


# Shapes

def set_alt(shape: BaseShape, text: str) -> None:
    """A shape's alt text: the cNvPr descr attribute."""
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", text)


def tile_fill(shape: Shape, rel: str) -> None:
    """An autoshape filled with a tiled picture (the image part `rel` of its slide), instead of its fill."""
    sp_pr = shape._element.spPr
    for old in sp_pr.findall(qn("a:solidFill")) + sp_pr.findall(qn("a:pattFill")) + sp_pr.findall(qn("a:noFill")):
        sp_pr.remove(old)
    fill = parse_xml(f'<a:blipFill {nsdecls("a", "r")} rotWithShape="0"><a:blip r:embed="{rel}"/>'
                     '<a:tile tx="0" ty="0" sx="40000" sy="40000" flip="none" algn="tl"/></a:blipFill>')
    line = sp_pr.find(qn("a:ln"))
    line.addprevious(fill) if line is not None else sp_pr.append(fill)


def double_line(line: LineFormat) -> None:
    """An outline drawn as two thin lines."""
    line._get_or_add_ln().set("cmpd", "dbl")


def renumber_axis_ids(part: XmlPart) -> None:
    """A chart part's axis ids unsigned, as the schema wants them: each the order it first appears in."""
    ids: dict[str, str] = {}
    for found in part._element.iter(qn("c:axId"), qn("c:crossAx")):
        found.set("val", ids.setdefault(found.get("val", ""), str(len(ids) + 1)))


def copy_footer(slide: Slide, holder: BaseShape, text: str | None, lang: str, size_pt: int) -> None:
    """A copy on the slide of a layout's footer placeholder, at the layout's position, holding `text`
    (None: the slide number, a field that counts itself)."""
    element: Any = copy.deepcopy(holder._element)
    element.nvSpPr.cNvPr.set("id", str(slide.shapes._next_shape_id))
    sp_pr = element.spPr
    for child in list(sp_pr):   # the position is the layout's: an association moves it there
        sp_pr.remove(child)
    body = element.txBody
    for child in list(body):
        if child.tag != qn("a:bodyPr"):
            body.remove(child)
    body.append(body.makeelement(qn("a:lstStyle"), {}))
    para = body.makeelement(qn("a:p"), {})
    body.append(para)
    rpr = f'<a:rPr lang="{lang}" sz="{size_pt * 100}"/>'
    if text is None:
        para.append(parse_xml(f'<a:fld {nsdecls("a")} id="{SLIDE_NUMBER_FIELD}" type="slidenum">{rpr}<a:t>‹#›</a:t>'
                              '</a:fld>'))
    else:
        run = parse_xml(f'<a:r {nsdecls("a")}>{rpr}<a:t></a:t></a:r>')
        run.find(qn("a:t")).text = text
        para.append(run)
    slide.shapes._spTree.append(element)


# The template's masters and layouts

def set_slide_size_type(prs: presentation.Presentation, kind: str) -> None:
    """The slide size's named type ('screen16x9'), beside its width and height."""
    size: Any = prs.part._element.find(qn("p:sldSz"))
    size.set("type", kind)


def set_placeholder_type(holder: BaseShape, kind: str) -> None:
    ph: Any = holder._element.ph
    ph.set("type", kind)


def hide_master_shapes(layout: SlideLayout) -> None:
    """A layout that does not show its master's drawn shapes."""
    layout._element.set("showMasterSp", "0")


def text_style(holder: BaseShape, size: int, color: str, bold: bool, align: str, anchor: str | None,
               insets: bool) -> None:
    """A placeholder's own first-level style: size, colour, weight, alignment, and no auto-fit."""
    body: Any = holder._element.txBody
    body_pr = body.find(qn("a:bodyPr"))
    for child in list(body_pr):
        body_pr.remove(child)
    body_pr.append(body_pr.makeelement(qn("a:noAutofit"), {}))
    if anchor:
        body_pr.set("anchor", anchor)
    if not insets:
        body_pr.set("tIns", "0")
        body_pr.set("bIns", "0")
    if anchor == "b":   # a title set on its foot: room for its last line's descenders
        body_pr.set("bIns", "91440")
    lst = body.find(qn("a:lstStyle"))
    for child in list(lst):
        lst.remove(child)
    lst.append(parse_xml(f'<a:lvl1pPr {nsdecls("a")} algn="{align}"><a:defRPr sz="{size * 100}" b="{int(bold)}">'
                         f'<a:solidFill><a:srgbClr val="{hex_of(color)}"/></a:solidFill></a:defRPr></a:lvl1pPr>'))


def master_text_style(master: SlideMaster, style: str, size: int, color: str, bold: bool,
                      align: str | None = None) -> None:
    """The first level of a master's text style ('titleStyle', 'bodyStyle'): size, weight, colour, alignment."""
    styles: Any = master._element.find(qn("p:txStyles"))
    level = styles.find(qn(f"p:{style}")).find(qn("a:lvl1pPr"))
    if align is not None:
        level.set("algn", align)
    rpr = level.find(qn("a:defRPr"))
    rpr.set("sz", str(size * 100))
    rpr.set("b", str(int(bold)))
    for old in rpr.findall(qn("a:solidFill")):
        rpr.remove(old)
    rpr.insert(0, parse_xml(_solid(color)))


def add_rectangle(owner: SlideLayout | SlideMaster, at: int, shape_id: int, name: str, box: Box, fill: str,
                  inset: int, text: str = "", size: int = 0, color: str = "#FFFFFF", bold: bool = True) -> None:
    """A drawn rectangle (not a placeholder), the `at`-th child of the shape tree, with a line of text or none:
    a master or a layout shows it on every slide that uses it."""
    x, y, cx, cy = box
    run = (f'<a:r><a:rPr lang="en-US" sz="{size * 100}" b="{int(bold)}"><a:solidFill><a:srgbClr val="{hex_of(color)}"/>'
           f'</a:solidFill></a:rPr><a:t>{escape(text)}</a:t></a:r>') if text else '<a:endParaRPr lang="en-US"/>'
    owner.shapes._spTree.insert(at, parse_xml(
        f'<p:sp {nsdecls("p", "a")}><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(name)}/><p:cNvSpPr/>'
        f'<p:nvPr userDrawn="1"/>'
        f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="{hex_of(fill)}"/></a:solidFill>'
        f'<a:ln><a:noFill/></a:ln></p:spPr><p:txBody><a:bodyPr wrap="square" lIns="{inset}" anchor="ctr">'
        f'<a:noAutofit/></a:bodyPr><a:lstStyle/><a:p><a:pPr algn="l"/>{run}</a:p></p:txBody></p:sp>'))


def add_drawn_picture(layout: SlideLayout, shape_id: int, name: str, descr: str, rel: str, box: Box) -> None:
    """A drawn picture (not a placeholder) of the layout's image part `rel` (python-pptx adds pictures to slides only)."""
    x, y, cx, cy = box
    layout.shapes._spTree.append(parse_xml(
        f'<p:pic {nsdecls("p", "a", "r")}><p:nvPicPr><p:cNvPr id="{shape_id}" name={quoteattr(name)} descr={quoteattr(descr)}/>'
        '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr userDrawn="1"/></p:nvPicPr>'
        f'<p:blipFill><a:blip r:embed="{rel}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
        f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'))


def set_theme(part: Part, family: str, scheme: dict[str, str]) -> None:
    """The Office theme part: `family` as the typeface of headings and body, and the colour scheme's slots
    ('dk1', 'accent1', ...) in the given colours."""
    theme: Any = etree.fromstring(part.blob)
    for latin in theme.iter(f"{{{A}}}latin"):
        parent = latin.getparent()
        if parent is not None and parent.tag in (f"{{{A}}}majorFont", f"{{{A}}}minorFont"):
            latin.set("typeface", family)
            latin.set("pitchFamily", "34")   # variable pitch, swiss: a missing typeface gives way to a sans-serif
            latin.set("charset", "0")
    for slot, color in scheme.items():
        element: Any = theme.find(f".//{{{A}}}clrScheme/{{{A}}}{slot}")
        for child in list(element):
            element.remove(child)
        etree.SubElement(element, f"{{{A}}}srgbClr", val=hex_of(color))
    part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)
