"""The talk a deck makes: its length, read back from the speaking times in its notes, and the build's
report of a talk outside the deck's settings (talk_minutes)."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from handouts.render.deck.notes import TIME

NOTES = re.compile(r"ppt/notesSlides/notesSlide\d+\.xml")
SLIDES = re.compile(r"ppt/slides/slide\d+\.xml")
TEXT = re.compile(r"<a:t>([^<]*)</a:t>")


def talk_length(deck: Path) -> tuple[int, int]:
    """(seconds, slides) of a deck: the sum of the speaking time each slide's notes end with."""
    with zipfile.ZipFile(deck) as package:
        names = package.namelist()
        seconds = 0
        for name in filter(NOTES.fullmatch, names):
            times = TIME.findall("".join(TEXT.findall(package.read(name).decode("utf-8"))))
            if times:
                minutes, secs = times[-1]
                seconds += int(minutes) * 60 + int(secs)
        return seconds, sum(1 for name in names if SLIDES.fullmatch(name))


def minutes(seconds: int) -> str:
    return f"{seconds / 60:.0f} min"


def length_note(output: str, seconds: int, slides: int, talk_minutes: tuple[int, int]) -> str:
    """The report's line for a talk outside talk_minutes (a report, not an error: --strict keeps it one), or ''."""
    low, high = talk_minutes
    if low * 60 <= seconds <= high * 60:
        return ""
    return (f"{output}: the talk runs about {minutes(seconds)} ({slides} slides), outside the {low}-{high} minutes "
            "of the deck's settings (talk_minutes in handouts/pipeline/outputs.py)")
