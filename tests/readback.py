"""Read a finished output back with independent readers: its visible text and its alt texts.

PDFs: poppler's pdftotext for the text, pikepdf for the /Alt of the structure tree. Decks:
python-pptx reopened from disk (every shape, group and table) for the text, `descr` for the alt, the
slides' notes for the speaker's notes.
Web pages: lxml's HTML parser (libxml2) for the body's text, the alt of each <img> and the accessible
name (aria-label) of each SVG drawn in the page; tests/test_web.py reads them in Chromium too.
Word documents: python-docx reopened from disk (the body's paragraphs and tables in order, the headers) for the
text, each picture's description (`wp:docPr/@descr`) for the alt; tests/test_word.py reads them with
LibreOffice too.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import lxml.html
import pikepdf
from docx.table import Table
from pptx import Presentation

from handouts.checks.requirements import Required


def normal(text: str) -> str:
    """Compared without any whitespace (line breaks, no-break spaces), with one kind of quote and the
    range's en dash as the hyphen authors type (typography is tested on its own, in test_typography)."""
    return re.sub(r"\s+", "", text).translate(str.maketrans("’‘“”«»–", "''\"\"\"\"-"))


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def pdf_alts(path: Path) -> list[str]:
    alts: list[str] = []
    with pikepdf.open(path) as pdf:
        if "/StructTreeRoot" not in pdf.Root:
            return alts
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Dictionary):
                if "/Alt" in node:
                    alts.append(str(node.Alt))
                kids = node.get("/K")
                stack += list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    return alts


def _shape_texts(shapes) -> list[str]:
    out = []
    for shape in shapes:
        if shape.shape_type is not None and shape.shape_type == 6:  # a group: its shapes
            out += _shape_texts(shape.shapes)
        if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
            out.append(shape.text_frame.text)
        if getattr(shape, "has_table", False) and shape.has_table:
            out += [cell.text for row in shape.table.rows for cell in row.cells]
    return out


def deck_text(path: Path) -> str:
    return "\n".join(t for slide in Presentation(str(path)).slides for t in _shape_texts(slide.shapes))


def deck_alts(path: Path) -> list[str]:
    alts = []
    for slide in Presentation(str(path)).slides:
        alts += [str(v) for v in slide.shapes._spTree.xpath(".//p:cNvPr/@descr")]
    return alts


def pdf_drawn_text(path: Path) -> str:
    """The text in the order it is drawn (pdftotext -raw): a draft's diagonal mark, drawn first as the
    page's background, stays apart instead of falling letter by letter among the lines it crosses."""
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True).stdout


def html_tree(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(path.read_bytes())


def html_text(path: Path) -> str:
    body = html_tree(path).body
    for hidden in body.xpath(".//style | .//script"):
        hidden.drop_tree()
    return body.text_content()


def html_alts(path: Path) -> list[str]:
    tree = html_tree(path)
    return [str(a) for a in tree.xpath("//img/@alt")] + [str(a) for a in tree.xpath("//*[local-name()='svg']/@aria-label")]


def deck_notes(path: Path) -> str:
    return "\n".join(slide.notes_slide.notes_text_frame.text for slide in Presentation(str(path)).slides
                     if slide.has_notes_slide)


def docx_blocks(path: Path) -> list[str]:
    """The Word document's text, a paragraph or a table cell a line, in reading order: the headers of its
    sections (where a draft says so on every page), then the body's paragraphs and tables."""
    document = docx.Document(str(path))
    out = [p.text for section in document.sections for p in section.header.paragraphs]
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            out += [cell.text for row in block.rows for cell in row.cells]
        else:
            out.append(block.text)
    return out


def docx_text(path: Path) -> str:
    return "\n".join(docx_blocks(path))


def docx_alts(path: Path) -> list[str]:
    """The description of every picture of the document (Word's alt text)."""
    body = docx.Document(str(path)).element.body
    return [str(d) for d in body.xpath(".//wp:docPr/@descr")]


def visible_text(path: Path, fmt: str) -> str:
    """The file's text as its reader shows it; fmt is the registry entry's format (pdf, deck, html or docx)."""
    return {"deck": deck_text, "html": html_text, "docx": docx_text}.get(fmt, pdf_drawn_text)(path)


def alt_texts(path: Path, fmt: str) -> list[str]:
    return {"deck": deck_alts, "html": html_alts, "docx": docx_alts}.get(fmt, pdf_alts)(path)


def in_order(cell: str, words: list[str], window: int = 12) -> bool:
    """The cell's words in the text's words, in order, within a few words of each other: poppler reads a
    row whose cells wrap line by line across the row ("cell cell cell / 4.2 winter 4.3 morning ...")."""
    wanted = [normal(w) for w in cell.split()]
    for start, word in enumerate(words):
        if word != wanted[0]:
            continue
        at, ok = start, True
        for part in wanted[1:]:
            following = words[at + 1:at + 1 + window]
            if part not in following:
                ok = False
                break
            at = at + 1 + following.index(part)
        if ok:
            return True
    return False


def said(item: Required, heard: str) -> bool:
    """A point on a slide or in the notes, or the source sentence it restates said instead (all its quoted words)."""
    return normal(item.text) in heard or bool(item.quotes) and all(normal(q) in heard for q in item.quotes)


def missing(path: Path, required: list[Required], fmt: str) -> list[str]:
    """Each required text the finished file does not show, as 'what: text'."""
    text = normal(visible_text(path, fmt))
    alts = [normal(a) for a in alt_texts(path, fmt)]
    notes = normal(deck_notes(path)) if fmt == "deck" and any(r.where in ("notes", "said") for r in required) else ""
    words = [normal(w) for w in visible_text(path, fmt).split()]
    out = []
    for item in required:
        wanted = normal(item.text)
        found = (wanted in text if item.where == "text" else wanted in notes if item.where == "notes"
                 else said(item, f"{text} {notes}") if item.where == "said"
                 else wanted in text or in_order(item.text, words) if item.where == "cell"
                 else any(wanted in alt for alt in alts))
        if not found:
            out.append(f"{item.what}: {item.text}")
    return out
