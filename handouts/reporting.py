"""Warnings of the libraries under the build (Python `warnings`, and `logging` records of WARNING and above
from Pillow, WeasyPrint, fontTools ...), caught while an output renders, in its worker or in the build's own
process, and handed to the build's report: one line each, named by the output, never printed raw (so `-q`
silences them like every other warning). The warning filters in force apply (`python -W error` makes one
an error, as the tests do); a deprecation concerns this code's developers, not its users: it is dropped."""
from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from handouts.terminal import say

SOURCES = {"weasyprint": "WeasyPrint", "PIL": "Pillow", "fontTools": "fontTools", "pptx": "python-pptx"}
_collecting: list[list[str]] = []   # the lines of each caught() block under way, innermost last


@contextmanager
def caught(where: str = "") -> Iterator[list[str]]:
    """Collect the warnings raised inside the block into the list it yields, as 'where: Source: message'."""
    lines: list[str] = []
    handler = _Collector(lines, where)
    root = logging.getLogger()
    root.addHandler(handler)
    _collecting.append(lines)
    try:
        with warnings.catch_warnings(record=True) as records:
            try:
                yield lines
            finally:
                lines += [one_line(where, w.category.__name__, str(w.message)) for w in records
                          if not issubclass(w.category, (DeprecationWarning, PendingDeprecationWarning))]
    finally:
        _collecting.pop()
        root.removeHandler(handler)


def report(line: str) -> None:
    """A warning line for the build's report: to the innermost caught() block, else printed as a warning."""
    if _collecting:
        _collecting[-1].append(one_line("", "", line))
    else:
        say(f"warning: {one_line('', '', line)}", error=True)


def one_line(where: str, source: str, message: str) -> str:
    return ": ".join(part for part in (where, source, " ".join(message.split())) if part)


class _Collector(logging.Handler):
    """Keeps the records of WARNING and above as lines, when its block is the innermost under way."""

    def __init__(self, lines: list[str], where: str) -> None:
        super().__init__(logging.WARNING)
        self.lines, self.where = lines, where

    def emit(self, record: logging.LogRecord) -> None:
        if _collecting and _collecting[-1] is self.lines:
            source = record.name.split(".")[0]
            self.lines.append(one_line(self.where, SOURCES.get(source, source), record.getMessage()))
