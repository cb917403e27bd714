"""What a renderer makes: the file's bytes and the facts about it that the build reports, so that nothing
reopens a finished file to learn its page count or its talk's length."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rendered:
    data: bytes
    pages: int | None = None          # a PDF's pages, a deck's slides
    seconds: int | None = None        # a talk's length, from its slides' speaking times
    notes: tuple[str, ...] = ()       # report lines about the file (a talk outside its settings): not warnings
