"""Pandoc's JSON document tree (what `pandoc -t json` writes for a DOCX, ODT, Markdown, HTML or text file)
read into a flat run of the parts an article is made of: headings, paragraphs, lists, tables, pictures,
each with the text exactly as the document holds it, and the Word style it carries (`docx+styles`)."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

Node = dict[str, Any]


@dataclass
class Part:
    """One part of the document: kind is heading, paragraph, list, table or picture."""

    kind: str
    text: str = ""                       # a heading's or paragraph's text; a picture's caption
    level: int = 0                       # a heading's level
    style: str = ""                      # the Word style of the paragraph, when the document names one
    items: list[str] = field(default_factory=list)     # a list's items
    ordered: bool = False
    header: list[str] = field(default_factory=list)    # a table's header row
    rows: list[list[str]] = field(default_factory=list)
    image: str = ""                      # a picture's file, as the document names it
    alt: str = ""
    bold_start: bool = False             # a paragraph (or caption) that opens in bold: an author's name, a chart's title
    lines: list[str] = field(default_factory=list)    # a paragraph's lines (at its line breaks)
    glossary_term: str = ""              # a paragraph that opens with a span in the style Glossary Term


def text(nodes: Any) -> str:
    """The text of inline nodes: spaces as one space, a line break as a newline, quotes with their marks."""
    if isinstance(nodes, list):
        return "".join(text(node) for node in nodes)
    if not isinstance(nodes, dict):
        return ""
    kind, content = nodes.get("t"), nodes.get("c", [])
    if kind == "Str":
        return str(content)
    if kind in ("Space", "SoftBreak"):
        return " "
    if kind == "LineBreak":
        return "\n"
    if kind == "Quoted":
        marks = ("“", "”") if content[0]["t"] == "DoubleQuote" else ("‘", "’")
        return marks[0] + text(content[1]) + marks[1]
    if kind in ("Code", "Math"):
        return str(content[1])
    if kind in ("Link", "Span"):
        return text(content[1])
    if kind == "Image":
        return ""
    if kind == "Note":
        return ""    # a footnote: said apart (notes())
    if kind == "Cite":
        return text(content[1])
    if kind in ("Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps"):
        return text(content)
    return ""


def flat(nodes: Any) -> str:
    """Text on one line: spaces of any run folded to one."""
    return " ".join(text(nodes).split())


def blocks_text(blocks: list[Node]) -> str:
    """The text of a cell or a list item: its paragraphs joined by a space."""
    parts = []
    for block in blocks:
        if block["t"] in ("Para", "Plain"):
            parts.append(flat(block["c"]))
        elif block["t"] == "Div":
            parts.append(blocks_text(block["c"][1]))
    return " ".join(p for p in parts if p)


def parts(blocks: list[Node], style: str = "") -> Iterator[Part]:
    """The document's parts in reading order (a Div's blocks are read in place, with its Word style)."""
    for block in blocks:
        kind, content = block["t"], block.get("c", [])
        if kind == "Header":
            yield Part("heading", flat(content[2]), level=content[0], style=style)
        elif kind in ("Para", "Plain"):
            yield from paragraph(content, style)
        elif kind == "Div":
            named = dict(content[0][2]).get("custom-style", style)
            yield from parts(content[1], named)
        elif kind in ("BulletList", "OrderedList"):
            entries = content if kind == "BulletList" else content[1]
            yield Part("list", items=list(items(entries)), ordered=kind == "OrderedList", style=style)
        elif kind == "Table":
            yield table(content, style)
        elif kind == "Figure":
            yield figure(content, style)
        elif kind == "BlockQuote":
            yield from parts(content, style)
        elif kind == "LineBlock":
            yield Part("paragraph", "\n".join(flat(line) for line in content), style=style,
                       lines=[flat(line) for line in content])


def items(entries: list[list[Node]]) -> Iterator[str]:
    """A list's items, a nested list's after the item that holds it."""
    for entry in entries:
        own = [b for b in entry if b["t"] not in ("BulletList", "OrderedList")]
        if value := blocks_text(own):
            yield value
        for nested in (b for b in entry if b["t"] in ("BulletList", "OrderedList")):
            yield from items(nested["c"] if nested["t"] == "BulletList" else nested["c"][1])


def paragraph(inlines: list[Node], style: str) -> Iterator[Part]:
    """A paragraph, or the picture it holds alone."""
    images = [node for node in inlines if node.get("t") == "Image"]
    if images and not flat(inlines):
        for image in images:
            yield picture(image, "", style)
        return
    lines = [" ".join(line.split()) for line in text(inlines).split("\n")]
    first = next((node for node in inlines if node.get("t") not in ("Space", "SoftBreak")), {})
    term = first.get("t") == "Span" and dict(first["c"][0][2]).get("custom-style") == "Glossary Term"
    yield Part("paragraph", flat(inlines), style=style, bold_start=first.get("t") == "Strong",
               lines=[line for line in lines if line], glossary_term=flat(first["c"][1]) if term else "")


def picture(image: Node, caption: str, style: str, bold: bool = False) -> Part:
    attributes, alt, (target, _title) = image["c"]
    return Part("picture", caption, image=target, alt=flat(alt), style=style, bold_start=bold)


def figure(content: list[Any], style: str) -> Part:
    """A picture with its caption (pandoc's Figure: Word's picture followed by a Caption paragraph)."""
    (_attr, (_short, caption_blocks), body) = content
    found: list[Node] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("t") == "Image":
                found.append(node)
            walk(node.get("c"))
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(body)
    caption_inlines = first_inlines(caption_blocks)
    bold = bool(caption_inlines) and caption_inlines[0].get("t") == "Strong"
    if not found:
        return Part("paragraph", blocks_text(body), style=style)
    return picture(found[0], blocks_text(caption_blocks), style or dict(content[0][2]).get("custom-style", ""), bold)


def first_inlines(blocks: list[Node]) -> list[Node]:
    for block in blocks:
        if block["t"] in ("Para", "Plain"):
            return list(block["c"])
        if block["t"] == "Div":
            return first_inlines(block["c"][1])
    return []


def table(content: list[Any], style: str) -> Part:
    """A table: its caption, its header row (the first row when the document marks none) and its rows."""
    _attr, (_short, caption_blocks), _specs, head, bodies, _foot = content

    def row_texts(row: list[Any]) -> list[str]:
        return [blocks_text(cell[4]) for cell in row[1]]

    head_rows = [row_texts(row) for row in head[1]]
    body_rows = [row_texts(row) for body in bodies for row in (*body[2], *body[3])]
    if not head_rows and body_rows:
        head_rows, body_rows = [body_rows[0]], body_rows[1:]
    return Part("table", blocks_text(caption_blocks), style=style, header=head_rows[0] if head_rows else [],
                rows=body_rows)


def notes(blocks: Any) -> Iterator[str]:
    """The text of every footnote of the document, in order."""
    if isinstance(blocks, dict):
        if blocks.get("t") == "Note":
            yield blocks_text(blocks["c"])
            return
        yield from notes(blocks.get("c"))
    elif isinstance(blocks, list):
        for node in blocks:
            yield from notes(node)
