"""A topic's references file, exported by a reference manager (Zotero, Mendeley, EndNote): CSL-JSON (.json),
BibTeX (.bib) or RIS (.ris), read into the fields of the model's Reference, each entry and field with the line
it stands on, so that a problem is located like every content error (file:line:col field: what)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handouts.content.located import Location, position
from handouts.content.model import REFERENCE_TYPES
from handouts.errors import Problem

REFERENCE_SUFFIXES = (".json", ".bib", ".ris")
MAX_REFERENCES_BYTES = 1_000_000   # a few hundred references; an article cites a dozen


@dataclass
class Entry:
    """One reference of the file: its fields under the model's names, where it starts, where each field is."""

    name: str                      # its id or key in the file (shown in problems), else its number
    data: dict[str, Any]
    at: Location
    fields: dict[str, Location] = field(default_factory=dict)

    def where(self, name: str) -> Location:
        return self.fields.get(name, self.at)


def read_references(path: Path, shown: str) -> tuple[list[Entry], list[Problem]]:
    """The references of a file, or the located problems of its reading (its syntax, an unknown type)."""
    if path.suffix not in REFERENCE_SUFFIXES:
        return [], [Problem(shown, 1, 1, "(file)", f"is not a references file ({', '.join(REFERENCE_SUFFIXES)})")]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return [], [Problem(shown, 1, 1, "(file)", f"cannot be read ({exc.__class__.__name__})")]
    if len(raw) > MAX_REFERENCES_BYTES:
        return [], [Problem(shown, 1, 1, "(file)", f"is {len(raw):,} bytes (at most {MAX_REFERENCES_BYTES:,})")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = position(raw, exc.start)
        return [], [Problem(shown, line, col, "(file)", f"byte 0x{raw[exc.start]:02X} is not UTF-8 (export as UTF-8)")]
    reader = {".json": _csl_json, ".bib": _bibtex, ".ris": _ris}[path.suffix]
    entries, problems = reader(text, shown)
    if not entries and not problems:
        problems.append(Problem(shown, 1, 1, "(file)", "holds no reference"))
    return entries, problems


def _unknown_type(shown: str, entry: Entry, kind: str, known: str) -> Problem:
    return Problem(shown, *entry.where("type"), f"{entry.name}.type",
                   f"unknown type {kind!r} (one of {known}: {', '.join(REFERENCE_TYPES)})")


def _date(parts: list[Any]) -> str | None:
    """A full date from CSL date-parts ([2024, 5, 3]); a month or year alone reads as its first day."""
    numbers = [int(p) for p in parts[:3] if str(p).strip().isdigit()]
    if not numbers:
        return None
    year, month, day = (numbers + [1, 1])[:3]
    return f"{year:04d}-{month:02d}-{day:02d}"


def _year(text: str) -> int | None:
    match = re.search(r"\b(1[89]\d\d|2[01]\d\d)\b", text)
    return int(match.group()) if match else None


def _language(value: str) -> str | None:
    """A language field that is a tag (en, fr-CA); a name of a language (English) is left out."""
    value = value.strip().replace("_", "-")
    return value if re.fullmatch(r"[a-z]{2,3}(-[A-Z]{2})?", value) else None


def _doi(value: str) -> str:
    return re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", value.strip(), flags=re.IGNORECASE)


# --- CSL-JSON (Zotero's and Mendeley's "CSL JSON" export) ---

CSL_TYPES = {kind: kind for kind in REFERENCE_TYPES} | {"post-weblog": "webpage", "standard": "guideline"}
CSL_FIELDS = {"title": "title", "volume": "volume", "issue": "issue", "page": "pages", "publisher": "publisher",
              "publisher-place": "place", "edition": "edition", "number": "number", "genre": "genre", "URL": "url"}


def _csl_name(name: Any) -> Any:
    if not isinstance(name, dict):
        return name
    if "literal" in name:
        return name["literal"]
    family = " ".join(str(name[key]) for key in ("non-dropping-particle", "family") if name.get(key))
    given = " ".join(str(name[key]) for key in ("given", "dropping-particle") if name.get(key))
    return {"family": family, "given": given} if given else {"family": family}


def _json_items(text: str) -> list[tuple[int, int]]:
    """Where each item of the top-level array starts and ends (offsets)."""
    decoder, spans, i = json.JSONDecoder(), [], 0
    ws = re.compile(r"[ \t\n\r,]*")
    i = ws.match(text, 0).end()  # type: ignore[union-attr]  # it matches the empty string
    if text[i:i + 1] != "[":
        return []
    i = ws.match(text, i + 1).end()  # type: ignore[union-attr]
    while i < len(text) and text[i] != "]":
        _, end = decoder.raw_decode(text, i)
        spans.append((i, end))
        i = ws.match(text, end).end()  # type: ignore[union-attr]
    return spans


def _csl_json(text: str, shown: str) -> tuple[list[Entry], list[Problem]]:
    try:
        items = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [Problem(shown, exc.lineno, exc.colno, "(file)", f"is not JSON: {exc.msg}")]
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        return [], [Problem(shown, 1, 1, "(file)", "is not a CSL-JSON list of references ([{\"type\": ...}, ...])")]
    entries, problems = [], []
    for number, (item, (start, end)) in enumerate(zip(items, _json_items(text)), 1):
        name = str(item.get("id") or f"[{number}]")
        fields = {key: position(text, text.index(f'"{key}"', start))
                  for key in item if f'"{key}"' in text[start:end]}
        entry = Entry(name, {}, position(text, start))
        kind = str(item.get("type", ""))
        if kind not in CSL_TYPES:
            entry.fields["type"] = fields.get("type", entry.at)
            problems.append(_unknown_type(shown, entry, kind, "CSL types"))
            continue
        data: dict[str, Any] = {"type": CSL_TYPES[kind]}
        located = {"type": "type", "author": "authors", "editor": "editors", "issued": "year", "accessed": "accessed",
                   "DOI": "doi", "language": "lang", "container-title": "journal" if kind == "article-journal"
                   else "container_title"} | CSL_FIELDS
        for key, value in item.items():
            if key in CSL_FIELDS:
                data[CSL_FIELDS[key]] = str(value)
        if item.get("author"):
            data["authors"] = [_csl_name(n) for n in item["author"]]
        if item.get("editor"):
            data["editors"] = [_csl_name(n) for n in item["editor"]]
        container = item.get("container-title-short") or item.get("journalAbbreviation") or item.get("container-title")
        if container and kind == "article-journal":
            data["journal"] = container
        elif item.get("container-title"):
            data["container_title"] = item["container-title"]
        for key, target in (("issued", "year"), ("accessed", "accessed")):
            date = item.get(key)
            if isinstance(date, dict):
                parts = (date.get("date-parts") or [[]])[0]
                full = _date(parts) if parts else None
                if full is None and (date.get("raw") or date.get("literal")):
                    year = _year(str(date.get("raw") or date.get("literal")))
                    full = f"{year}-01-01" if year else None
                if full:
                    data[target] = int(full[:4]) if target == "year" else full
        if item.get("DOI"):
            data["doi"] = _doi(str(item["DOI"]))
        if item.get("language") and (lang := _language(str(item["language"]))):
            data["lang"] = lang
        entry.data = data
        entry.fields = {located[key]: at for key, at in fields.items() if key in located}
        entries.append(entry)
    return entries, problems


# --- BibTeX (and BibLaTeX): Zotero's, Mendeley's, EndNote's and JabRef's export ---

BIBTEX_TYPES = {"article": "article-journal", "book": "book", "incollection": "chapter", "inbook": "chapter",
                "techreport": "report", "report": "report", "online": "webpage", "www": "webpage",
                "webpage": "webpage", "electronic": "webpage", "manual": "guideline"}
BIBTEX_FIELDS = {"title": "title", "journal": "journal", "journaltitle": "journal", "booktitle": "container_title",
                 "volume": "volume", "pages": "pages", "doi": "doi", "url": "url", "urldate": "accessed",
                 "publisher": "publisher", "institution": "publisher", "organization": "publisher", "address": "place",
                 "location": "place", "edition": "edition", "type": "genre", "year": "year", "date": "year",
                 "author": "authors", "editor": "editors", "langid": "lang", "language": "lang"}


def _bibtex(text: str, shown: str) -> tuple[list[Entry], list[Problem]]:
    import bibtexparser
    from bibtexparser import middlewares
    from pylatexenc.latex2text import LatexNodes2Text

    latex = LatexNodes2Text()

    def plain(value: str) -> str:
        return " ".join(latex.latex_to_text(value).split())

    def name(parts: Any) -> Any:
        family = " ".join([*parts.von, *parts.last])
        if not parts.first and family.startswith("{") and family.endswith("}"):
            return plain(family)    # {World Health Organization}: a name as printed
        given = plain(" ".join(parts.first))
        return {"family": plain(family), "given": given} if given else {"family": plain(family)}

    parse = bibtexparser.parse_string  # type: ignore[attr-defined]  # exported, though not in its __all__
    library = parse(text, append_middleware=[middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()])
    problems = [Problem(shown, (block.start_line or 0) + 1, 1, "(file)", "is not BibTeX here: "
                        + str(getattr(block, "error", "a syntax error")).split("\n")[0])
                for block in library.failed_blocks]
    entries = []
    for bib in library.entries:
        entry = Entry(bib.key, {}, ((bib.start_line or 0) + 1, 1))
        kind = bib.entry_type.lower()
        values = {f.key.lower(): f for f in bib.fields}
        if kind == "misc" and "url" in values:
            kind = "online"
        if kind not in BIBTEX_TYPES:
            entry.fields["type"] = entry.at
            problems.append(_unknown_type(shown, entry, f"@{bib.entry_type}", "@article, @book, @incollection, "
                                          "@techreport, @online, @manual: read as"))
            continue
        data: dict[str, Any] = {"type": BIBTEX_TYPES[kind]}
        for key, f in values.items():
            target = "issue" if key == "number" and kind == "article" else "number" if key == "number" else \
                BIBTEX_FIELDS.get(key)
            if target is None:
                continue
            entry.fields[target] = ((f.start_line or 0) + 1, 1)
            if target in ("authors", "editors"):
                data[target] = [name(n) for n in f.value]
            elif target in ("doi", "url"):
                data[target] = _doi(f.value) if target == "doi" else f.value.strip()
            elif target == "year":
                data.setdefault("year", _year(f.value) or f.value)
            elif target == "accessed":
                data[target] = f.value.strip()[:10]
            elif target == "lang":
                if lang := _language(f.value):
                    data[target] = lang
            elif target == "pages":
                data[target] = plain(f.value.replace("--", "-"))
            else:
                data[target] = plain(f.value)
        entry.data = data
        entries.append(entry)
    return entries, problems


# --- RIS (EndNote's, Zotero's and Mendeley's export): one tag a line, "TY  - " opens a reference, "ER  - " ends it ---

RIS_TYPES = {"JOUR": "article-journal", "JFULL": "article-journal", "EJOUR": "article-journal", "BOOK": "book",
             "EBOOK": "book", "CHAP": "chapter", "ECHAP": "chapter", "RPRT": "report", "GOVDOC": "report",
             "STAND": "guideline", "ELEC": "webpage", "WEB": "webpage", "BLOG": "webpage"}
RIS_LISTS = {"AU": "authors", "A1": "authors", "ED": "editors", "A2": "editors", "A3": "editors"}
RIS_FIELDS = {"TI": "title", "T1": "title", "VL": "volume", "IS": "issue", "PB": "publisher", "CY": "place",
              "ET": "edition", "M1": "number", "UR": "url", "DO": "doi", "M3": "genre", "LA": "lang", "PY": "year", "Y1": "year",
              "DA": "year", "Y2": "accessed", "SP": "pages", "EP": "pages", "T2": "container_title",
              "JO": "journal", "JF": "journal", "JA": "journal", "J2": "journal", "BT": "container_title"}
RIS_LINE = re.compile(r"([A-Z][A-Z0-9])  -(?: (.*))?$")


def _ris_name(value: str) -> Any:
    family, _, given = value.partition(",")
    return {"family": family.strip(), "given": given.strip()} if given.strip() else family.strip()


def _ris(text: str, shown: str) -> tuple[list[Entry], list[Problem]]:
    entries, problems = [], []
    records: list[tuple[int, list[tuple[int, str, str]]]] = []
    current: list[tuple[int, str, str]] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = RIS_LINE.match(line.rstrip())
        if match is None:
            if current is not None and current:   # a value continued on the next line
                at, tag, value = current[-1]
                current[-1] = (at, tag, f"{value} {line.strip()}")
                continue
            problems.append(Problem(shown, number, 1, "(file)", "is not RIS here (lines like 'TY  - JOUR')"))
            continue
        tag, value = match.group(1), (match.group(2) or "").strip()
        if tag == "TY":
            current = [(number, tag, value)]
            records.append((number, current))
        elif current is None:
            problems.append(Problem(shown, number, 1, "(file)", f"{tag} before the first 'TY  - ' (a reference opens with TY)"))
        elif tag == "ER":
            current = None
        else:
            current.append((number, tag, value))
    for index, (start, lines) in enumerate(records, 1):
        ids = [value for _, tag, value in lines if tag == "ID"]
        entry = Entry(ids[0] if ids else f"[{index}]", {}, (start, 1), {"type": (start, 1)})
        kind = lines[0][2]
        if kind not in RIS_TYPES:
            problems.append(_unknown_type(shown, entry, kind, "RIS types JOUR, BOOK, CHAP, RPRT, STAND, ELEC: read as"))
            continue
        data: dict[str, Any] = {"type": RIS_TYPES[kind]}
        first_page = last_page = ""
        journals: dict[str, str] = {}
        for at, tag, value in lines[1:]:
            if tag in RIS_LISTS:
                data.setdefault(RIS_LISTS[tag], []).append(_ris_name(value))
                entry.fields.setdefault(RIS_LISTS[tag], (at, 1))
                continue
            target = RIS_FIELDS.get(tag)
            if tag == "T2" and data["type"] == "article-journal":
                target = "journal"
            if target is None or not value:
                continue
            entry.fields.setdefault(target, (at, 1))
            if target == "journal":
                journals[tag] = value
            elif target == "pages":
                first_page, last_page = (value, last_page) if tag == "SP" else (first_page, value)
            elif target == "year":
                data.setdefault("year", _year(value) or value)
            elif target == "accessed":
                parts = re.findall(r"\d+", value)
                data[target] = _date(parts) if parts else value
            elif target == "doi":
                data[target] = _doi(value)
            elif target == "lang":
                if lang := _language(value):
                    data[target] = lang
            else:
                data.setdefault(target, value)
        for tag in ("JA", "J2", "JO", "T2", "JF"):   # the abbreviation first, as Vancouver prints it
            if tag in journals:
                data["journal"] = journals[tag]
                break
        if first_page:
            data["pages"] = f"{first_page}-{last_page}" if last_page and last_page != first_page else first_page
        entry.data = data
        entries.append(entry)
    return entries, problems
