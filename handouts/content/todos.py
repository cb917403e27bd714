"""What only an editor can write, left to write: the word TODO (in capitals) in a content file, in a text
(`text: "TODO: a key point of this section"`) or in a comment (`# TODO: key_figures`). The file still
validates, so it builds: each TODO is a warning naming its file and line, and `--release` refuses the file
while one is left. The importer (python build.py import) writes them; an editor may write them too."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from handouts.errors import Problem

MARK = "TODO"
FOUND = re.compile(rf"\b{MARK}\b")


def todo(say: Callable[[str], str], message: str, **values: object) -> str:
    """A TODO and what is left to write, in the edition's language (`say`: its catalog's gettext; the message
    an English id marked N_ where it is written)."""
    said = say(message)
    return f"{MARK}: {said % values if values else said}"


def is_placeholder(text: str) -> bool:
    """A text that stands for one an editor has still to write (no check weighs it against its source)."""
    return text.lstrip().startswith(MARK)


def left(text: str, shown: str) -> list[Problem]:
    """A warning for each line of the file that holds a TODO, at its column, with what is left to do."""
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        if match := FOUND.search(line):
            what = line[match.start():].strip().strip("\"'").rstrip(":")
            problems.append(Problem(shown, number, match.start() + 1, "(left to write)",
                                    f"{_shortened(what)} (write it, then remove the {MARK}; --release refuses it)",
                                    warning=True))
    return problems


def _shortened(text: str, most: int = 100) -> str:
    """The text, or its first words within `most` characters and an ellipsis (never a word cut)."""
    return text if len(text) <= most else text[:most].rsplit(" ", 1)[0].rstrip(" ,;:(") + " …"


def in_file(path: Path, shown: str) -> list[str]:
    """The TODOs of one content file, one located line each (what a release refuses)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []   # said by the loader, which read it first
    return [str(problem) for problem in left(text, shown)]
