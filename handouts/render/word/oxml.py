"""Every edit of a Word document's XML that python-docx has no public API for, one small function each.

The rest of the document goes through python-docx's public objects; what reaches below them (`_element`s,
`qn`, `parse_xml`) is here, to read against the OOXML schema in one place and to check in one place when
python-docx changes.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

if TYPE_CHECKING:
    from docx.document import Document
    from docx.shape import InlineShape
    from docx.table import Table, _Row
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run


def set_language(document: Document, lang: str) -> None:
    """The document's language: the default run properties of its styles (what every run inherits), each
    style that names a language of its own, and the language Word checks spelling and theme fonts in."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = parse_xml(f"<w:docDefaults {nsdecls('w')}/>")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = parse_xml(f"<w:rPrDefault {nsdecls('w')}><w:rPr/></w:rPrDefault>")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = parse_xml(f"<w:rPr {nsdecls('w')}/>")
        rpr_default.append(rpr)
    if rpr.find(qn("w:lang")) is None:
        rpr.append(parse_xml(f"<w:lang {nsdecls('w')}/>"))
    for found in styles.iter(qn("w:lang")):
        found.set(qn("w:val"), lang)
    for found in document.settings.element.iter(qn("w:themeFontLang")):
        found.set(qn("w:val"), lang)


def set_run_language(run: Run, lang: str) -> None:
    """A run in another language than the document's (a reference's title): a screen reader switches voice."""
    rpr: Any = run._r.get_or_add_rPr()
    rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="{lang}"/>'))


def add_hyperlink(paragraph: Paragraph, url: str, text: str, style_id: str) -> None:
    """A live link to `url` showing `text`, in the character style of links (by its id)."""
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link: Any = parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{r_id}"><w:r><w:rPr>'
                          f'<w:rStyle w:val="{style_id}"/></w:rPr><w:t xml:space="preserve"/></w:r></w:hyperlink>')
    link.find(qn("w:r")).find(qn("w:t")).text = text
    p: Any = paragraph._p
    p.append(link)


def describe(shape: InlineShape, text: str, number: int) -> None:
    """A picture's description (its alt text, what Word's Alt Text pane and screen readers read) and a name
    of its own: python-docx names every picture after its file and leaves the description empty."""
    doc_pr = shape._inline.docPr
    doc_pr.set("id", str(number))
    doc_pr.set("name", f"Picture {number}")
    doc_pr.set("descr", text)
    for pic in shape._inline.iter(qn("pic:cNvPr")):
        pic.set("name", f"Picture {number}")
        pic.set("descr", text)


def repeat_header(row: _Row) -> None:
    """The row repeats at the top of each page the table runs over, and is the table's header for
    assistive technology."""
    trpr: Any = row._tr.get_or_add_trPr()
    trpr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))


def keep_row_together(row: _Row) -> None:
    """A row is not split between two pages (the table breaks between rows)."""
    trpr: Any = row._tr.get_or_add_trPr()
    trpr.insert(0, parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))


def first_column(table: Table, headers: bool) -> None:
    """Whether the table style's first-column formatting applies: the first cell of each row is its header."""
    for look in table._tbl.tblPr.iter(qn("w:tblLook")):
        look.set(qn("w:firstColumn"), "1" if headers else "0")
        value = int(look.get(qn("w:val"), "04A0"), 16)
        look.set(qn("w:val"), f"{(value | 0x80) if headers else (value & ~0x80):04X}")


def full_width(table: Table) -> None:
    """The table across the text's width, its columns sharing it by their content."""
    for width in table._tbl.tblPr.iter(qn("w:tblW")):   # python-docx writes one, in its place in the schema's order
        width.set(qn("w:type"), "pct")
        width.set(qn("w:w"), "5000")


# The reference document's styles (handouts.render.word.reference)

PBDR_SUCCESSORS = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
                   "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
                   "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                   "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
                   "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def fonts_of(rpr: Any, family: str) -> None:
    """Run properties in one typeface for every script (no theme font, which a restyled theme would change)."""
    rpr._remove_rFonts()
    fonts = rpr._add_rFonts()
    for script in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{script}"), family)


def set_style_font(style: Any, family: str) -> None:
    fonts_of(style.element.get_or_add_rPr(), family)


def set_style_border(style: Any, sides: str) -> None:
    """A paragraph style's border (`sides`: WordprocessingML of its sides; empty: none)."""
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:pBdr")):
        ppr.remove(old)
    if sides:
        ppr.insert_element_before(parse_xml(f'<w:pBdr {nsdecls("w")}>{sides}</w:pBdr>'), *PBDR_SUCCESSORS)


def set_defaults(document: Document, family: str, half_points: int, after_twips: int, line_240ths: int,
                 color: str) -> None:
    """What every style inherits: the typeface, size, colour, space after a paragraph and line height."""
    defaults: Any = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts_of(rpr, family)
    for name in ("w:sz", "w:szCs"):
        rpr.find(qn(name)).set(qn("w:val"), str(half_points))
    lang = rpr.find(qn("w:lang"))
    lang.attrib.clear()
    lang.set(qn("w:val"), "en-CA")   # the build sets each edition's
    for old in rpr.findall(qn("w:color")):
        rpr.remove(old)
    rpr.insert_element_before(parse_xml(f'<w:color {nsdecls("w")} w:val="{color}"/>'),
                              "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), str(after_twips))
    spacing.set(qn("w:line"), str(line_240ths))
    spacing.set(qn("w:lineRule"), "auto")


def add_table_style(document: Document, name: str, rule: str, head: str, shade: str) -> None:
    """A table style: thin rules, compact cells, the first row bold on a shade and the first column bold
    (the header row and each row's header cell)."""
    from docx.enum.style import WD_STYLE_TYPE
    style: Any = document.styles.add_style(name, WD_STYLE_TYPE.TABLE)
    style.base_style = document.styles["Normal Table"]
    style.hidden = False
    sides = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{rule}"/>'
                    for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    margins = "".join(f'<w:{side} w:w="{w}" w:type="dxa"/>' for side, w in
                      (("top", 57), ("left", 100), ("bottom", 57), ("right", 100)))
    for xml in (f'<w:pPr {nsdecls("w")}><w:spacing w:before="40" w:after="40" w:line="264" w:lineRule="auto"/></w:pPr>',
                f'<w:rPr {nsdecls("w")}><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr>',
                f'<w:tblPr {nsdecls("w")}><w:tblBorders>{sides}</w:tblBorders><w:tblCellMar>{margins}</w:tblCellMar></w:tblPr>',
                f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr><w:b/><w:bCs/><w:color w:val="{head}"/></w:rPr>'
                f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{shade}"/></w:tcPr></w:tblStylePr>',
                f'<w:tblStylePr {nsdecls("w")} w:type="firstCol"><w:rPr><w:b/><w:bCs/></w:rPr></w:tblStylePr>'):
        style.element.append(parse_xml(xml))


def drop_extras(document: Document) -> None:
    """Without python-docx's thumbnail of its own template, nor the parts an older Word kept (stylesWithEffects,
    customXml): styles, numbering, settings, fonts and theme are all a reference document needs."""
    package = document.part.package
    for rel in list(package.rels.values()):
        if rel.reltype.endswith("/thumbnail"):
            package.rels.pop(rel.rId)
    for rel in list(document.part.rels.values()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
            document.part.rels.pop(rel.rId)


def clear_body(document: Document) -> None:
    """The reference document's body emptied (its section properties kept): only its styles, numbering,
    page setup, headers and footers are the edition's."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
