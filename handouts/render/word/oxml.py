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
    trpr.append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))


def full_width(table: Table) -> None:
    """The table across the text's width, its columns sharing it by their content."""
    tblpr: Any = table._tbl.tblPr
    for old in tblpr.findall(qn("w:tblW")):
        tblpr.remove(old)
    tblpr.append(parse_xml(f'<w:tblW {nsdecls("w")} w:w="5000" w:type="pct"/>'))


def clear_body(document: Document) -> None:
    """The reference document's body emptied (its section properties kept): only its styles, numbering,
    page setup, headers and footers are the edition's."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
