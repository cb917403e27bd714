"""A reference as an article prints it (Vancouver, as Citing Medicine and the CSL Vancouver style write it)
read back into the fields of a content file's reference: authors, title, journal, year, volume, issue,
pages, DOI, web address, and the notes in brackets. Every field is copied as written; a reference whose
fields cannot all be told is kept whole, marked TODO (handouts/content/todos.py), for an editor to split."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from handouts.content.todos import todo
from handouts.messages import N_

DOI = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|\bdoi:\s*)?(10\.\d{4,9}/[^\s\]]+)", re.I)
URL = re.compile(r"(?:Available from:\s*)?(https?://[^\s\]]+)", re.I)
BRACKETED = re.compile(r"\[([^\[\]]*)\]")
# YEAR[ Mon[ day]];VOLUME(ISSUE):PAGES, the issue and the date's month optional
SOURCE = re.compile(r"(?P<year>(?:1[89]|2[01])\d{2})(?: [A-Z][a-z]{2}(?: \d{1,2})?)?;\s*(?P<volume>[^():;\s]+)?"
                    r"(?:\s*\((?P<issue>[^()]+)\))?:\s*(?P<pages>[A-Za-z]?\d+(?:[-–][A-Za-z]?\d+)?)")
ONLINE_DAY = re.compile(r"\b((?:19|20)\d{2})(\d{2})(\d{2})\b")   # 20210624, as the seed's notes write it


def parsed(text: str, lang: str = "en", say: Callable[[str], str] = str) -> dict[str, Any]:
    """The fields of one journal article's reference, or the whole text kept as a report's title with a TODO
    (its words translated by `say`, the edition's catalog)."""
    text = " ".join(text.split()).removeprefix("•").strip()
    text = re.sub(r"^\d{1,3}[.)]\s+", "", text)   # a number typed before it
    rest = text
    doi = DOI.search(rest)
    if doi:
        rest = rest[:doi.start()] + rest[doi.end():]
    url = None if doi else URL.search(rest)
    if url:
        rest = rest[:url.start()] + rest[url.end():]
    notes = [note.strip() for note in BRACKETED.findall(rest)]
    rest = BRACKETED.sub("", rest).strip().rstrip(". ")
    source = SOURCE.search(rest)
    fields = _article(rest, source) if source else None
    if fields is None or doi is None:   # an article of the model needs its DOI: another kind, an editor types
        return whole(text, say)
    fields["doi"] = doi.group(1).rstrip(".,;")
    for note in notes:
        if day := ONLINE_DAY.search(note):
            fields["online_first"] = dt.date(*(int(part) for part in day.groups())).isoformat()
        elif written := written_date(note, lang):
            fields["online_first"] = written.isoformat()
        elif any(ch.isdigit() for ch in note):
            return whole(text, say)   # a dated note this reader does not know: not guessed
        else:
            fields["language_note"] = note
    return fields


def written_date(note: str, lang: str) -> dt.date | None:
    """A day written in words in the article's language or in English ("March 15, 2020", "24 juin 2021")."""
    from babel.dates import get_month_names
    words = re.findall(r"[^\W\d_]+", note.casefold())
    numbers = [int(n) for n in re.findall(r"\b\d{1,4}\b", note)]
    years = [n for n in numbers if 1800 <= n <= 2200]
    days = [n for n in numbers if 1 <= n <= 31]
    for locale in dict.fromkeys((lang.replace("-", "_"), "en")):
        months = {name.casefold(): number for number, name in get_month_names("wide", locale=locale).items()}
        found = [months[word] for word in words if word in months]
        if len(found) == 1 and len(years) == 1 and len(days) == 1:
            try:
                return dt.date(years[0], found[0], days[0])
            except ValueError:
                return None
    return None


def _article(rest: str, source: re.Match[str]) -> dict[str, Any] | None:
    head = rest[:source.start()].strip()
    authors_end = head.find(". ")
    if authors_end < 1:
        return None
    authors = [a.strip() for a in head[:authors_end].split(",") if a.strip()]
    title_and_journal = head[authors_end + 2:].strip().rstrip(".")
    cut = max(title_and_journal.rfind(". "), title_and_journal.rfind("? "), title_and_journal.rfind("! "))
    if cut < 1 or not source.group("volume"):
        return None
    title = title_and_journal[:cut + (0 if title_and_journal[cut] == "." else 1)].strip()
    journal = title_and_journal[cut + 2:].strip().rstrip(".")
    if not (authors and title and journal):
        return None
    fields: dict[str, Any] = {"authors": authors, "title": title, "journal": journal, "year": int(source.group("year")),
                              "volume": source.group("volume")}
    if source.group("issue"):
        fields["issue"] = source.group("issue")
    fields["pages"] = source.group("pages")
    return fields


SPLIT_IT = N_("split into its fields (type, authors, journal ...): %(text)s")
ITS_PUBLISHER = N_("the publisher or journal")


def whole(text: str, say: Callable[[str], str] = str) -> dict[str, Any]:
    """A reference kept as written: a report whose title is the whole text, for an editor to split into fields."""
    year = re.search(r"\b(1[89]\d{2}|2[01]\d{2})\b", text)
    return {"type": "report", "title": todo(say, SPLIT_IT, text=text), "publisher": todo(say, ITS_PUBLISHER),
            "year": int(year.group(1)) if year else dt.date.today().year}
