"""Make templates/edition-reference.docx from templates/theme.yaml: `python -m handouts.render.word.reference [templates_dir]`.

The reference document carries the Word edition's look as styles that an association restyles in Word
without touching code (Home > Styles > Modify): the build looks them up BY NAME (edition.STYLES), so
changing a style's font, colour, spacing or border changes every edition, and deleting or renaming one is
a clear error. Word's own styles (Title, Heading 1-3, List Bullet, Caption, Header, Hyperlink) keep their
names, so that the navigation pane, a table of contents and a newsletter's own styles meet them; the
others are the article's: Author, Lead, Note, Draft Mark, Figure, Callout Do/Call/Ask (and their Title),
Glossary Entry, Glossary Term, Reference (numbered), Legend, Contact, Governance, and the table style
Handout Table (its first row and column in bold, the header row shaded).

Built from python-docx's default template, so that running it again gives the same document.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Inches, Pt, RGBColor

from handouts.fonts import FAMILY
from handouts.render.stable import saved
from handouts.render.templating import load_theme
from handouts.render.word import oxml

STAMP = dt.date(2024, 1, 1)   # the document's zip entries' date
# each kind of call-out: its colour (a theme colour) and its rule on the left, which tells it apart without colour
CALLOUT_RULES = {"Do": ("do", "single", 36), "Call": ("call", "double", 18), "Ask": ("ask", "dashed", 36)}


def hex_of(color: str) -> str:
    return color.lstrip("#").upper()


def paragraph_style(document: Any, name: str, colors: dict[str, str], base: str = "Normal", size: float | None = None,
                    bold: bool | None = None, italic: bool | None = None, color: str = "ink",
                    before: float | None = None, after: float | None = None, line: float | None = None,
                    keep: bool = False, border: str = "") -> Any:
    """A paragraph style, made or restyled: the typeface, size, weight, colour, spacing and border."""
    styles = document.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.quick_style = True
    style.hidden = style.unhide_when_used = False
    oxml.set_style_font(style, FAMILY)
    font, spacing = style.font, style.paragraph_format
    font.color.rgb = RGBColor.from_string(hex_of(colors[color]))
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    if before is not None:
        spacing.space_before = Pt(before)
    if after is not None:
        spacing.space_after = Pt(after)
    if line is not None:
        spacing.line_spacing = line
    if keep:
        spacing.keep_with_next = True
    oxml.set_style_border(style, border)
    return style


def character_style(document: Any, name: str, colors: dict[str, str], bold: bool | None = None,
                    color: str | None = None, underline: bool | None = None) -> None:
    styles = document.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        style.base_style = styles["Default Paragraph Font"]
    style.hidden = style.unhide_when_used = False
    if bold is not None:
        style.font.bold = bold
    if color is not None:
        style.font.color.rgb = RGBColor.from_string(hex_of(colors[color]))
    if underline is not None:
        style.font.underline = underline


def rule(sides: tuple[str, ...], kind: str, size: int, color: str, space: int = 4) -> str:
    """A paragraph border's sides, as WordprocessingML."""
    return "".join(f'<w:{side} w:val="{kind}" w:sz="{size}" w:space="{space}" w:color="{hex_of(color)}"/>'
                   for side in sides)


def style_document(document: Any, colors: dict[str, str]) -> None:
    oxml.set_defaults(document, FAMILY, half_points=24, after_twips=160, line_240ths=312, color=hex_of(colors["ink"]))
    def style(name: str, **settings: Any) -> Any:
        return paragraph_style(document, name, colors, **settings)

    style("Normal")
    style("Title", size=26, bold=True, color="brand", after=8, line=1.1,
          border=rule(("bottom",), "single", 12, colors["brand"]))
    for level, size, before in ((1, 17, 20), (2, 14.5, 14), (3, 13, 10)):
        style(f"Heading {level}", size=size, bold=True, color="brand", before=before, after=4, keep=True, line=1.15)
    style("Author", size=11, color="muted", after=6, line=1.15)
    style("Note", size=10, italic=True, color="muted", after=6)
    style("Lead", size=13, before=6, after=10)
    style("Draft Mark", size=13, bold=True, color="call", after=10,
          border=rule(("top", "left", "bottom", "right"), "single", 12, colors["call"]))
    style("Caption", size=10, bold=False, color="muted", after=10, line=1.15)
    style("Figure", after=2, keep=True, line=1.0)
    style("List Bullet", after=4)
    style("List Number", after=4)
    for kind, (color, line_kind, size) in CALLOUT_RULES.items():
        border = rule(("left",), line_kind, size, colors[color], space=8)
        title = style(f"Callout {kind} Title", size=13, bold=True, color=color, before=8, after=2, keep=True, border=border)
        items = style(f"Callout {kind}", base="List Bullet", after=2, border=border)
        for each in (title, items):   # the items' indents, which their list's numbering sets too
            each.paragraph_format.left_indent, each.paragraph_format.first_line_indent = Inches(0.25), Inches(-0.25)
    style("Glossary Entry", after=6)
    style("Reference", base="List Number", size=10, color="muted", after=4, line=1.15)
    style("Legend", size=10, color="muted", after=8, line=1.15)
    style("Governance", size=10, color="muted", after=2, line=1.15)
    style("Contact", base="Governance", size=10, color="muted", before=14, after=2,
          border=rule(("top",), "single", 6, colors["rule"], space=6))
    character_style(document, "Glossary Term", colors, bold=True)
    character_style(document, "Hyperlink", colors, color="brand", underline=True)
    character_style(document, "Draft Mark Char", colors, bold=True, color="call")
    oxml.add_table_style(document, "Handout Table", hex_of(colors["muted"]), hex_of(colors["brand"]), hex_of(colors["panel"]))


def make_reference(templates_dir: Path, target: Path) -> None:
    theme = load_theme(templates_dir)
    document = Document()
    style_document(document, theme.colors)
    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Inches(1)
    oxml.drop_extras(document)
    oxml.clear_body(document)
    core = document.core_properties
    core.title, core.author, core.last_modified_by, core.revision = "Word edition reference", theme.contact.name, "", 1
    core.comments = core.subject = core.keywords = ""
    target.write_bytes(saved(document, STAMP))   # the same bytes each time it is made


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("templates")
    make_reference(folder, folder / "edition-reference.docx")
    print(f"wrote {folder / 'edition-reference.docx'}")
