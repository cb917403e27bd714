"""Spelling: every text of an edition checked in its language by Hunspell (its Debian dictionaries), plus
the project's word lists of real terms and names. An unknown word is a warning located at its line and
column in the content file (an error with --strict); the text itself is never changed.

Word lists, one word a line (# starts a comment): content/words.txt and content/words.<language>.txt
for every topic, content/<topic>/words.txt and content/<topic>/words.<language>.txt for one topic. A
word written in lower case also accepts its capitalised form (Diltiazem at the start of a sentence).
"""
from __future__ import annotations

import bisect
import re
import shutil
import subprocess
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from handouts.content import todos
from handouts.errors import Problem, dotted

Location = tuple[int, int]
Path_ = tuple[Any, ...]
DICTIONARY_DIRS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"))
# The dictionary of each language, most specific first: the edition's region (fr-CA: fr_CA), then these.
FALLBACKS = {"fr": ("fr_FR", "fr"), "en": ("en_CA", "en_US", "en_GB")}
# Fields that hold no prose: identifiers, codes, addresses, quotes of the body (checked where they stand),
# and references, whose titles and names are quoted as published.
NOT_PROSE = frozenset({"lang", "id", "section", "chart", "sites", "unit", "design", "strength", "image", "published",
                       "reviewed", "next_review", "version", "code", "card", "references", "association", "source",
                       "sentence", "kind"})
IDS = frozenset({"option", "options"})   # ids of options where they are named (not the top-level list)
ELISION = re.compile(r"^(?:[a-zA-Z]{1,4})['’](?=\w)")
PLACEHOLDER = re.compile(r"\[[^\[\]]*\]")   # a skeleton's "[Title of the article]", to be replaced (--new)
POSSESSIVE = re.compile(r"['’]s$")
EDGE_PUNCTUATION = ".,;:!?()[]«»\"“”‘’'"


def check(data: Any, text: str, path: Path, shown: str, marks: dict[Path_, Location], lang: str) -> list[Problem]:
    """A located warning for each use of each word that neither the dictionary nor a word list knows."""
    values = list(prose(data))
    if not values:
        return []
    dictionary = dictionary_for(lang)
    if dictionary is None:
        return []   # said once per edition by unchecked(), a notice: the content is not at fault
    unknown = hunspell_unknown([value for _, value in values], dictionary)
    known = word_list(path.parent, lang.split("-")[0])
    flagged = {word for word in (clean(w) for w in unknown) if word and not accepted(word, known)}
    if not flagged:
        return []
    offsets = line_offsets(text)
    problems = []
    for at, value in values:
        for word in sorted(flagged):
            for match in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])", value):
                line, col = place(text, offsets, nearest(marks, at), word, match.start(), value)
                problems.append(Problem(shown, line, col, dotted(at),
                                        f"unknown word «{word}» (correct it if misspelled; add a real term or name "
                                        "to a word list, such as content/words.txt)", warning=True))
    return problems


def unchecked(lang: str, shown: str, where: Location) -> list[Problem]:
    """A notice (never an error, even with --strict) for an edition whose language has no dictionary here."""
    if dictionary_for(lang) is not None:
        return []
    return [Problem(shown, *where, "lang", f"spelling not checked: no Hunspell dictionary for {lang!r} (install "
                                           f"hunspell and hunspell-{lang.split('-')[0]})")]


def prose(data: Any, at: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """(field, text) of every text of the content that a reader reads."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in NOT_PROSE and not (key in IDS and at):   # a point's options: ids, not the list
                yield from prose(value, at + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from prose(value, at + (i,))
    elif isinstance(data, str) and not PLACEHOLDER.fullmatch(data.strip()) and not todos.is_placeholder(data):
        yield at, data


def clean(word: str) -> str:
    """A token as Hunspell reports it, without an elided article (l', d'), a possessive 's or surrounding
    punctuation."""
    word = ELISION.sub("", word.strip(EDGE_PUNCTUATION))
    return POSSESSIVE.sub("", word).strip(EDGE_PUNCTUATION)


def nearest(marks: dict[Path_, Location], at: Path_) -> Location:
    """Where a field stands, or the nearest enclosing field that the file marks."""
    while at and at not in marks:
        at = at[:-1]
    return marks.get(at, (1, 1))


def accepted(word: str, known: frozenset[str]) -> bool:
    if word in known or word.lower() in known and word[:1].isupper() and word[1:] == word[1:].lower():
        return True
    return "-" in word and all(accepted(part, known) for part in word.split("-") if part)


@cache
def dictionary_for(lang: str) -> str | None:
    """The path (without suffix) of the Hunspell dictionary of a language tag, or None."""
    primary = lang.split("-")[0]
    names = ([lang.replace("-", "_")] if "-" in lang else []) + list(FALLBACKS.get(primary, (primary,)))
    for name in names:
        for folder in DICTIONARY_DIRS:
            if (folder / f"{name}.dic").is_file() and (folder / f"{name}.aff").is_file():
                return str(folder / name)
    return None


def hunspell_unknown(texts: list[str], dictionary: str) -> set[str]:
    """The words of the texts that Hunspell does not know, with one run of `hunspell -l`."""
    binary = shutil.which("hunspell")
    if binary is None:
        raise FileNotFoundError("hunspell")
    result = subprocess.run([binary, "-i", "utf-8", "-d", dictionary, "-l"], input="\n".join(
        " ".join(t.split()) for t in texts).encode(), capture_output=True, check=True, timeout=60)
    return set(result.stdout.decode("utf-8").split())


def word_list(topic_dir: Path, language: str) -> frozenset[str]:
    """The words of the project's and the topic's word lists (each file read once per change)."""
    content_dir = topic_dir.parent
    files = [folder / name for folder in (content_dir, topic_dir) for name in ("words.txt", f"words.{language}.txt")]
    words: set[str] = set()
    for file in files:
        if file.is_file():
            words |= _read_list(file, file.stat().st_mtime_ns)
    return frozenset(words)


@cache
def _read_list(file: Path, mtime: int) -> frozenset[str]:
    lines = file.read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines for w in line.split("#", 1)[0].split())


def line_offsets(text: str) -> list[int]:
    offsets = [0]
    for match in re.finditer("\n", text):
        offsets.append(match.end())
    return offsets


def place(text: str, offsets: list[int], mark: Location, word: str, start: int, value: str) -> Location:
    """The line and column of the word in the file: its nth use in the value found from the value's mark
    (a folded paragraph keeps its words whole on its lines)."""
    line, col = mark
    begin = offsets[line - 1] + col - 1 if line - 1 < len(offsets) else 0
    nth = len(re.findall(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])", value[:start]))
    pattern = re.compile(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])")
    found = None
    for i, match in enumerate(pattern.finditer(text, begin)):
        found = match.start()
        if i == nth:
            break
    if found is None:
        return mark
    at_line = bisect.bisect_right(offsets, found) - 1
    return at_line + 1, found - offsets[at_line] + 1
