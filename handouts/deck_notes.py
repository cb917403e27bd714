"""Speaker notes written to be spoken: each slide says the part of the source text it covers, once,
and how long that takes to say.

A section's text is cut into its sentences (and list items); each sentence goes to the slide that
shows the key point restating it (the point's `source` words), a sentence no point restates to the
slide of the sentence before it. So the notes of the slides of a split section follow the text in
order, and the whole text is said exactly once across the deck. Pictures and tables carry their own
notes on their own slides: what the picture shows (its alt text), the table read out row by row.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .derived import SENTENCE_END, normal
from .model import Block, ListBlock, Point

WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
TIME = re.compile(r"(\d+) min (\d{2}) s")       # how a slide's speaking time is written in its notes
LOOK_SECONDS = 10                                # a slide is shown at least this long, however short its notes


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def units(body: Sequence[Block]) -> list[tuple[int, str]]:
    """(block number, text) of every sentence of the body's paragraphs and every item of its lists;
    pictures and tables are left to their own slides."""
    out: list[tuple[int, str]] = []
    for number, block in enumerate(body):
        if isinstance(block, str):
            out += [(number, s) for s in SENTENCE_END.split(" ".join(block.split())) if s]
        elif isinstance(block, ListBlock):
            out += [(number, f"• {' '.join(item.split())}") for item in block.items]
    return out


def split(heading: str, body: Sequence[Block], points: Sequence[Point], pages: Sequence[Sequence[int]],
          t: Callable[[str], str] = str) -> list[str]:
    """The notes of each page of a section: its heading on the first, then each sentence on the page
    of the point that restates it (or of the sentence before it), in the order of the text."""
    sentences = units(body)
    owner: list[int | None] = [None] * len(sentences)
    for page, indices in enumerate(pages):
        for i in indices:
            for words in points[i].source if i < len(points) else ():
                for k, (_, sentence) in enumerate(sentences):
                    if owner[k] is None and normal(words) in normal(sentence):
                        owner[k] = page
    chunks: list[list[tuple[int, str]]] = [[] for _ in pages] or [[]]
    current = 0
    for k, unit in enumerate(sentences):
        current = max(current, owner[k] if owner[k] is not None else current)
        chunks[current].append(unit)
    notes = [_join(chunk, t) for chunk in chunks]
    notes[0] = "\n".join(filter(None, (t(heading), notes[0])))
    return notes


def _join(chunk: list[tuple[int, str]], t: Callable[[str], str]) -> str:
    """Sentences of one paragraph on one line, each list item on its own."""
    lines: list[str] = []
    last = -1
    for block, text in chunk:
        if block == last and lines and not text.startswith("• "):
            lines[-1] += " " + text
        else:
            lines.append(text)
        last = block
    return "\n".join(t(tidy(line)) for line in lines)


def tidy(text: str) -> str:
    """A sentence as it is said: no full stop after a sentence that already ends ('..', '?.', '!.')."""
    return re.sub(r"([?!…]|(?<!\.)\.)\.(?!\.)", r"\1", text.strip())


def seconds(notes: str, words_per_minute: int) -> int:
    """How long the notes take to say at the speaker's pace; a slide is shown at least LOOK_SECONDS."""
    return max(LOOK_SECONDS, round(word_count(notes) * 60 / words_per_minute))


def clock(total: int) -> str:
    """A speaking time as written in the notes: '1 min 05 s' (read back by the tests and the proof sheet)."""
    return f"{total // 60} min {total % 60:02d} s"


def read_seconds(notes: str) -> int | None:
    """The speaking time written in a slide's notes (its last line), or None."""
    lines = notes.strip().splitlines()
    match = TIME.search(lines[-1]) if lines else None
    return int(match[1]) * 60 + int(match[2]) if match else None
