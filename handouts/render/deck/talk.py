"""The talk a deck makes: its length, read back from the speaking times in its notes, and the build's
report of a talk outside the deck's settings (talk_minutes) or of a plan that one language's text set."""
from __future__ import annotations

import re
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from handouts.render.deck.notes import TIME

if TYPE_CHECKING:
    from handouts.content.model import Edition

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


def length_warnings(decks: list[Path], output_dir: Path, talk_minutes: tuple[int, int]) -> list[str]:
    """A line for each deck whose talk runs outside talk_minutes: a report, not an error (--strict keeps it one)."""
    low, high = talk_minutes
    lines = []
    for deck in sorted(decks):
        seconds, slides = talk_length(deck)
        if not low * 60 <= seconds <= high * 60:
            lines.append(f"{deck.relative_to(output_dir).as_posix()}: the talk runs about {minutes(seconds)} "
                         f"({slides} slides), outside the {low}-{high} minutes of the deck's settings "
                         "(talk_minutes in handouts/pipeline/outputs.py)")
    return lines


def plan_notices(editions: dict[str, Edition], topics: set[str], templates_dir: Path) -> list[str]:
    """Where a translation's length sets the slide plan of every language of a topic."""
    from pptx import Presentation

    from handouts.render.deck.slides import forced_splits
    from handouts.render.templating import load_theme

    by_topic: dict[str, list[Edition]] = defaultdict(list)
    for name, edition in sorted(editions.items()):
        by_topic[name.split("/")[1]].append(edition)
    prs = Presentation(str(templates_dir / "deck.pptx"))
    theme = load_theme(templates_dir)
    return [f"{topic}: {line}" for topic in sorted(topics & by_topic.keys())
            for line in forced_splits(by_topic[topic], prs, theme, templates_dir)]
