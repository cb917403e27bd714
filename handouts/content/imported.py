"""An article's parts (handouts/content/pandoc_tree.py) arranged into the fields of a content file: title,
authors, lead, sections from the top headings and subsections from the next level, paragraphs, lists,
tables, pictures, the references section as structured references. Every text is copied as written; what
only an editor can write (key points, the summary's points, key figures, the card, the glossary, a missing
alt text) is a TODO (handouts/content/todos.py), and what has no place is kept in comments, never dropped.

The project's own Word edition (edition.docx) is read back too: its summary, glossary and paragraph
styles say where each part goes; what the build drew or wrote itself (key figures, the options table,
governance lines) is left out, noted in comments."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from handouts.content import citations
from handouts.content.pandoc_tree import Part
from handouts.content.todos import MARK

# Headings that open the references section or the authors' summary, compared without case, accents or
# punctuation: the common words of the languages the project's catalogs have, and a few more.
REFERENCE_HEADINGS = {"references", "reference", "bibliography", "bibliographie", "literature", "literatur",
                      "literaturverzeichnis", "works cited", "sources", "referencias", "bibliografia", "riferimenti"}
SUMMARY_HEADINGS = {"summary", "in summary", "in short", "en resume", "resume", "en bref", "sommaire",
                    "zusammenfassung", "resumen", "en resumen", "riassunto", "in sintesi"}
# The project's own Word edition: styles of what the build writes itself (left out), and of the editor's
# texts that have no field to go in (kept in comments).
GENERATED_STYLES = {"Draft Mark", "Contact", "Governance", "Legend"}
NOTE_STYLES = {"Note", "Callout Do", "Callout Call", "Callout Ask", "Callout Do Title", "Callout Call Title",
               "Callout Ask Title"}
KEY_POINT = f"{MARK}: a key point, with its source (words of the sentence it restates)"
OWN_EDITION_STYLE = "Governance"   # only the project's Word edition has it
LONG_HEADING = 60   # characters: a longer heading gets a short_heading to write, for its slide's title


@dataclass
class Picture:
    """A picture of the document and the file name it gets in the topic's folder."""

    target: str
    name: str


@dataclass
class Imported:
    data: dict[str, Any]
    unplaced: list[str] = field(default_factory=list)     # texts kept in comments
    pictures: list[Picture] = field(default_factory=list)
    todos: list[str] = field(default_factory=list)        # comments before a top-level key: key -> its TODO lines
    found: dict[str, bool] = field(default_factory=dict)  # which fields the document gave (published, association)


def plain(value: str) -> str:
    """A heading compared without case, accents and punctuation."""
    folded = unicodedata.normalize("NFKD", value.casefold())
    letters = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w\s]", " ", letters).split())


def slug(value: str, taken: set[str], fallback: str) -> str:
    words = plain(value).encode("ascii", "ignore").decode().split()
    base = "-".join(re.sub(r"[^a-z0-9]", "", w) for w in words[:5] if re.sub(r"[^a-z0-9]", "", w)) or fallback
    name, number = base, 2
    while name in taken:
        name, number = f"{base}-{number}", number + 1
    taken.add(name)
    return name


@dataclass
class Heading:
    text: str
    level: int
    parts: list[Part] = field(default_factory=list)


def arrange(parts: list[Part], lang: str, title_hint: str = "", authors_hint: str = "") -> Imported:
    """The content file's data from the document's parts (title and authors hints: the document's properties)."""
    own = any(p.style == OWN_EDITION_STYLE for p in parts)
    result = Imported({})
    kept: list[Part] = []
    for part in parts:
        if part.style in GENERATED_STYLES:
            continue
        if part.style in NOTE_STYLES and part.kind == "paragraph":
            result.unplaced.append(part.text)
            continue
        kept.append(part)
    title, kept = _title(kept, title_hint)
    kept = [p for p in kept if not (p.kind == "heading" and plain(p.text) == plain(title))]   # running heads
    front = []
    while kept and kept[0].kind != "heading":
        front.append(kept.pop(0))
    authors, lead, rest = _front(front, authors_hint)
    headings = _headings(kept)
    data: dict[str, Any] = {"lang": lang, "title": title or f"{MARK}: the title", "published": None,
                            "association": None, "authors": authors}
    if lead:
        data["lead"] = lead
    summary, references, glossary = None, None, []
    taken: set[str] = set()
    sections: list[dict[str, Any]] = []
    if rest:
        sections.append(_section(Heading(f"{MARK}: a heading for these paragraphs", 0, rest), [], taken, result))
    level = _section_level(headings)
    first = True
    for heading in headings:
        key = plain(heading.text)
        is_first, first = first, False
        if key in REFERENCE_HEADINGS or (own and references is None and _all_lists(heading) and heading is headings[-1]):
            references = _references(heading, result, lang)
            continue
        if key in SUMMARY_HEADINGS or (own and is_first):
            summary = {"heading": heading.text, "body": _body(heading.parts, result) or [f"{MARK}: the summary"],
                       "key_points": [{"text": KEY_POINT}]}
            continue
        if own and heading.parts and all(p.glossary_term for p in heading.parts):
            glossary = [_entry(p) for p in heading.parts]
            continue
        if own and heading.parts and all(p.kind == "table" for p in heading.parts):
            result.unplaced.append(f"{heading.text}: the options table the build drew (write options:)")
            continue
        if heading.level <= level or not sections:
            sections.append(_section(heading, [], taken, result))
        else:
            sections[-1].setdefault("subsections", []).append(_section(heading, [], taken, result))
    if references is None and sections:
        references = _trailing_list(sections, lang)
    data["sections"] = sections or [_section(Heading(f"{MARK}: a heading", 0, []), [], taken, result)]
    data["summary"] = summary or {"heading": f"{MARK}: the summary's heading",
                                  "body": [f"{MARK}: the summary, in the authors' words"], "key_points": [{"text": KEY_POINT}]}
    data["references"] = references or [{"type": "report", "title": f"{MARK}: the article's references",
                                         "publisher": f"{MARK}: (each reference's fields)", "year": dt.date.today().year}]
    if glossary:
        data["glossary"] = glossary
    result.data = data
    return result


def _title(parts: list[Part], hint: str) -> tuple[str, list[Part]]:
    """The title: a paragraph in Word's Title style, else a heading that opens the document, a level above all the
    others, else the document's own (its properties)."""
    for i, part in enumerate(parts):
        if part.style == "Title" and part.kind in ("paragraph", "heading"):
            return part.text, parts[:i] + parts[i + 1:]
    levels = [p.level for p in parts[1:] if p.kind == "heading"]
    if parts and parts[0].kind == "heading" and all(level > parts[0].level for level in levels):
        return parts[0].text, parts[1:]   # a heading above all the others: the title
    return hint, parts


def _front(front: list[Part], hint: str) -> tuple[list[dict[str, Any]], str, list[Part]]:
    """Authors (a paragraph that opens in bold, or in Word's Author style: name, degrees after a comma; the
    lines after it, or the short paragraphs that follow, their positions), the lead (a paragraph in the
    Lead style, else the first other paragraph) and the paragraphs left before the first heading."""
    authors: list[dict[str, Any]] = []
    rest: list[Part] = []
    lead = ""
    open_author = False
    for part in front:
        if part.kind == "paragraph" and (part.style == "Author" or (part.bold_start and not lead)):
            authors.append(_author(part.lines[0] if part.lines else part.text))
            authors[-1]["positions"] = _positions(part.lines[1:])
            open_author = True
        elif part.kind == "paragraph" and part.style == "Lead":
            lead, open_author = part.text, False
        elif open_author and part.kind == "paragraph" and len(part.text.split()) <= 15 and not lead:
            authors[-1]["positions"] += _positions(part.lines)
        elif part.kind == "paragraph" and not lead and not rest:
            lead, open_author = part.text, False
        else:
            rest.append(part)
            open_author = False
    if not authors:
        names = [n.strip() for n in re.split(r";|,| and | et ", hint) if n.strip()]
        authors = [{"name": name} for name in names] or [{"name": f"{MARK}: the author's name"}]
    for author in authors:
        author["positions"] = author.get("positions") or [f"{MARK}: the author's position"]
    return authors, lead, rest


def _author(signature: str) -> dict[str, Any]:
    name, _, degrees = signature.partition(", ")
    if degrees and all(re.fullmatch(r"[A-Z][A-Za-z().]{0,8}", word) for word in degrees.split()):
        return {"name": name.strip(), "degrees": degrees.strip()}
    return {"name": signature.strip()}


def _positions(lines: list[str]) -> list[str]:
    """A position a line, a line that opens in lower case continuing the one before (a line broken by layout)."""
    out: list[str] = []
    for line in lines:
        if out and line[:1].islower():
            out[-1] = f"{out[-1]} {line}"
        elif line:
            out.append(line)
    return out


def _headings(parts: list[Part]) -> list[Heading]:
    headings: list[Heading] = []
    for part in parts:
        if part.kind == "heading":
            headings.append(Heading(part.text, part.level))
        else:
            headings[-1].parts.append(part)
    return headings


def _section_level(headings: list[Heading]) -> int:
    """The level of the sections: the highest level that two headings or more have (a lone heading above
    them, like a running head's level, is a section too)."""
    levels = [h.level for h in headings if plain(h.text) not in REFERENCE_HEADINGS | SUMMARY_HEADINGS]
    repeated = sorted(level for level in set(levels) if levels.count(level) >= 2)
    return repeated[0] if repeated else min(levels, default=1)


def _section(heading: Heading, subsections: list[dict[str, Any]], taken: set[str], result: Imported) -> dict[str, Any]:
    name = heading.text if not heading.text.startswith(MARK) else "introduction"
    section: dict[str, Any] = {"id": slug(name, taken, f"section-{len(taken) + 1}"), "heading": heading.text}
    if len(heading.text) > LONG_HEADING:
        section["short_heading"] = f"{MARK}: short title"
    section["body"] = _body(heading.parts, result) or [f"{MARK}: this section's text"]
    section["key_points"] = [{"text": KEY_POINT}]
    if subsections:
        section["subsections"] = subsections
    return section


def _body(parts: list[Part], result: Imported) -> list[Any]:
    body: list[Any] = []
    caption = ""
    for part in parts:
        if part.kind == "paragraph" and part.style == "Caption":
            if caption:
                body.append(caption)
            caption = part.text   # a table's caption, above it in Word
            continue
        if caption and part.kind != "table":
            body.append(caption)
            caption = ""
        if part.kind == "paragraph" and part.text:
            body.append(part.text)
        elif part.kind == "list" and part.items:
            body.append({"items": part.items})
        elif part.kind == "table" and part.header:
            body.append(_table(part, caption or part.text))
            caption = ""
        elif part.kind == "picture":
            if part.bold_start and part.style == "Figure":   # a key figure the project's Word edition drew
                result.unplaced.append(f"a key figure the build drew (write it in key_figures:): {part.text}")
                continue
            body.append(_picture(part, result))
    if caption:
        body.append(caption)
    return body


def _table(part: Part, caption: str) -> dict[str, Any]:
    width = len(part.header)

    def cells(row: list[str]) -> list[str]:
        row = (row + [""] * width)[:width]
        return [cell or f"{MARK}: an empty cell" for cell in row]

    rows = [cells(row) for row in part.rows] or [[f"{MARK}: a row" for _ in range(width)]]
    return {"caption": caption or f"{MARK}: the table's caption", "header": cells(part.header), "rows": rows}


def _picture(part: Part, result: Imported) -> dict[str, Any]:
    stem = re.sub(r"[^\w.-]+", "-", part.image.replace("\\", "/").rsplit("/", 1)[-1]).lower()
    names = {p.name for p in result.pictures}
    name, number = stem, 2
    while name in names:
        base, dot, ext = stem.rpartition(".")
        name, number = f"{base}-{number}{dot}{ext}", number + 1
    result.pictures.append(Picture(part.image, name))
    block = {"image": name, "alt": part.alt or f"{MARK}: what this picture shows, for a reader who cannot see it"}
    if part.text and part.text != part.alt:   # Markdown's figure: its caption is its alt text
        block["caption"] = part.text
    return block


def _entry(part: Part) -> dict[str, str]:
    definition = part.text[len(part.glossary_term):].lstrip("\u00a0\u202f :").strip()
    return {"term": part.glossary_term, "definition": definition or f"{MARK}: its definition"}


def _all_lists(heading: Heading) -> bool:
    return bool(heading.parts) and all(p.kind == "list" for p in heading.parts)


def _references(heading: Heading, result: Imported, lang: str) -> list[dict[str, Any]]:
    """The references section: the items of its lists, else each of its paragraphs; its other paragraphs kept
    in comments."""
    lists = [p for p in heading.parts if p.kind == "list"]
    texts = [item for p in lists for item in p.items] if lists else [p.text for p in heading.parts if p.kind == "paragraph"]
    if lists:
        result.unplaced += [p.text for p in heading.parts if p.kind == "paragraph" and p.text]
    return [citations.parsed(text, lang) for text in texts]


def _trailing_list(sections: list[dict[str, Any]], lang: str) -> list[dict[str, Any]] | None:
    """A numbered list that ends the article, each item with a year, is its references."""
    last = sections[-1].get("subsections", [sections[-1]])[-1]
    block = last["body"][-1]
    if isinstance(block, dict) and "items" in block and len(last["body"]) > 1 and all(
            re.search(r"\b(1[89]|2[01])\d{2}\b", item) for item in block["items"]):
        last["body"].pop()
        return [citations.parsed(item, lang) for item in block["items"]]
    return None
