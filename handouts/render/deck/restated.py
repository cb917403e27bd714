"""A key point that a key figure's slide shows whole: said and shown once, on the figure's slide.

A section's point such as "Complications of surgery, out of 100 cases: recurrence 15, ..." restates the sentence a
bar chart of the same section draws; shown as a bullet too, the talk said it twice in a row (the section's slide,
then the chart's). Where every number of the point and three in four of its words (but short ones) are the figure's
own (its title, sentence, study note and labels), the point is left to the figure's slide, and so is the sentence it
restates: the section's notes leave it, the figure's slide says it whole. A point that says more than its figure
("..., even though blood calcium is normal") stays a bullet.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from handouts.content.derived import SENTENCE_END
from handouts.content.meaning import normal
from handouts.content.model import Block, KeyFigure, Point
from handouts.content.options import source_sentences

WORD = re.compile(r"\w+")
KEPT = 2     # points a section's slide keeps at least
SHORT = 3    # words of this length or less (articles, "of", "cas") need not be the figure's
SHARE = 0.75  # of the longer words at least: a verb conjugated otherwise than in the sentence ("reçoivent", "a reçu")
              # leaves the point the figure's, in every language alike; more than one word in four of its own does not


def _words(text: str) -> set[str]:
    return set(WORD.findall(normal(text)))


def figure_words(figure: KeyFigure) -> set[str]:
    """What a figure's slide says in words and numbers: its title, sentence, study note, labels and values."""
    found = _words(" ".join([figure.title, figure.sentence, figure.study or "", *figure.sites,
                             *(q.label for q in figure.values)]))
    for q in figure.values:
        found |= {_number(v) for v in (q.value, q.high) if v is not None}
    return found


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def shown_by(point: Point, figure: KeyFigure, every: Sequence[str]) -> bool:
    """Whether the figure's slide shows all the point says: the point restates the sentence the figure comes from,
    speaks for no option (its side effects stand beside it), and has no word or number the figure lacks."""
    if point.options:
        return False
    found = source_sentences(point, list(every))
    if not found or not all(normal(figure.sentence) in normal(s) for s in found):
        return False
    own = figure_words(figure)
    numbers = [w for w in _words(point.text) if w.isdigit()]
    words = [w for w in _words(point.text) if not w.isdigit() and len(w) > SHORT]
    return all(n in own for n in numbers) and sum(w in own for w in words) >= SHARE * len(words)


def left_to_figures(points: tuple[Point, ...], figures: Sequence[KeyFigure],
                    every: Sequence[str]) -> dict[int, KeyFigure]:
    """The points (by number) whose figure's slide shows them whole, as long as the section's slide keeps KEPT
    points: a section left one point would become a statement on the divider layout, a dark slide in the middle
    of its part of the talk."""
    moved: dict[int, KeyFigure] = {}
    for n, point in enumerate(points):
        figure = next((f for f in figures if shown_by(point, f, every)), None)
        if figure is not None and len(points) - len(moved) > KEPT:
            moved[n] = figure
    return moved


def figure_sentences(figure: KeyFigure, every: Sequence[str]) -> list[str]:
    """The whole sentences of the section that hold the figure's sentence, in order (once each)."""
    return list(dict.fromkeys(s for s in every if normal(figure.sentence) in normal(s)))


def without(body: tuple[Block, ...], left: set[str]) -> tuple[Block, ...]:
    """The section's text but the sentences (normalized in `left`) that the figures' slides say."""
    out: list[Block] = []
    for block in body:
        if not isinstance(block, str):
            out.append(block)
            continue
        kept = [s for s in SENTENCE_END.split(" ".join(block.split())) if s and normal(s) not in left]
        if kept:
            out.append(" ".join(kept))
    return tuple(out)
