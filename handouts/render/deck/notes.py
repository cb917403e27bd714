"""Speaker notes written to be spoken: each slide says the part of the source text it covers, once,
and how long that takes to say.

A section's text is cut into its sentences (and list items); each sentence goes to the slide that
shows the key point restating it (the point's `source` words), a sentence no point restates to the
slide of the sentence before it. So the notes of the slides of a split section follow the text in
order, and the whole text is said exactly once across the deck. Pictures, tables and key figures carry
their own notes on their own slides: a picture's caption (or its description), the table read out row by
row, a key figure's message in the words of the sentence its numbers come from. A list item is said as
a sentence of its own line, with no list marker; a slide's notes stay within about 2 minutes
(slides._paced gives a long section more slides).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from handouts.content import phrases
from handouts.content.derived import SENTENCE_END
from handouts.content.meaning import has, normal
from handouts.content.model import Block, ListBlock, Point

WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
TIME = re.compile(r"(\d+)\s?min\s?(\d{2})\s?s\b")       # how a slide's speaking time is written in its notes
LOOK_SECONDS = 10                                # a slide is shown at least this long, however short its notes


def not_about_the_text(text: str, language: str) -> str:
    """The sentences of an article's lead that the speaker may say: not those in which its authors speak of
    their article ("Dans cet article, nous verrons ..."), which a speaker would say as their own; the
    talk's opening and its outline say what this presentation covers."""
    about = phrases.of(language).get("about_the_text", [])
    kept = [s for s in SENTENCE_END.split(" ".join(text.split())) if not any(has(normal(s), p) for p in about)]
    return " ".join(s for s in kept if s)


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def units(body: Sequence[Block]) -> list[tuple[int, str]]:
    """(line number, text) of every sentence of the body's paragraphs and every item of its lists, in order:
    the sentences of a paragraph share a line, each list item has its own (said as a sentence: no list
    marker in words to say); pictures and tables are left to their own slides."""
    out: list[tuple[int, str]] = []
    line = 0
    for block in body:
        if isinstance(block, str):
            out += [(line, s) for s in SENTENCE_END.split(" ".join(block.split())) if s]
            line += 1
        elif isinstance(block, ListBlock):
            for item in block.items:
                out.append((line, " ".join(item.split())))
                line += 1
    return out


def split(heading: str, body: Sequence[Block], points: Sequence[Point], pages: Sequence[Sequence[int]],
          t: Callable[[str], str] = str, shown: Sequence[Sequence[str]] = ()) -> list[str]:
    """The notes of each page of a section: its heading on the first, then its text cut where the next
    page's points start restating it (the first sentence a page's point names, or the start of its paragraph
    when no point of an earlier page restates a sentence of that paragraph); a page whose points name
    no later sentence takes an even share of the text between its neighbours, and a page left with no
    sentence at all says its own points (`shown`)."""
    sentences = units(body)
    starts: list[int | None] = [0] + [None] * (len(pages) - 1)
    before = -1   # the last sentence the points of the pages before restate
    for page, indices in enumerate(pages):
        cited = [k for i in indices if i < len(points) for words in points[i].source
                 for k, (_, sentence) in enumerate(sentences) if normal(words) in normal(sentence)]
        later = [k for k in cited if k > before]   # a sentence the points of an earlier page restate stays there
        if page and later:   # from the start of the paragraph that holds it, when no earlier point is in it
            first = min(later)
            opening = next(k for k, (line, _) in enumerate(sentences) if line == sentences[first][0])
            starts[page] = opening if opening > before else first
        before = max([before, *cited])
    cuts = _monotone(starts, len(sentences))
    chunks = [sentences[lo:hi] for lo, hi in zip(cuts, cuts[1:])]
    notes = [_join(chunk, t) if chunk else "\n".join(shown[n]) if n < len(shown) else ""
             for n, chunk in enumerate(chunks)] or [""]
    notes[0] = "\n".join(filter(None, (t(heading), notes[0])))
    return notes


def _monotone(starts: list[int | None], total: int) -> list[int]:
    """Page starts that never go back, the unknown ones spread evenly between the known ones."""
    known: list[int | None] = []
    last = 0
    for start in starts:
        ok = start is not None and start > last
        known.append(start if ok else None)
        last = start if ok and start is not None else last
    known[0] = 0
    cuts = [0] * len(known)
    n = 0
    while n < len(known):
        if known[n] is not None:
            cuts[n] = known[n] or 0
            n += 1
            continue
        end = next((m for m in range(n, len(known)) if known[m] is not None), len(known))
        following = known[end] if end < len(known) else None
        lo, hi = cuts[n - 1], following if following is not None else total
        span = end - n + 1                       # pages sharing [lo, hi): the one before and these
        for j in range(n, end):
            cuts[j] = lo + (hi - lo) * (j - n + 1) // span
        n = end
    return cuts + [total]


def _join(chunk: list[tuple[int, str]], t: Callable[[str], str]) -> str:
    """Sentences of one paragraph on one line, each list item on its own."""
    lines: list[str] = []
    last = -1
    for block, text in chunk:
        if block == last and lines:
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


LEGEND_SEPARATOR = re.compile(r"\s*;\s*")


def legend_said_once(notes: list[str], intro: str) -> list[str]:
    """The slides' notes with the grades' legend (a line that starts with `intro`, whose criteria) said once: each
    grade's meaning where it is first shown, never again (the slide prints it each time; a speaker read it thirteen
    times). A line left with no grade new to the talk goes."""
    heard: set[str] = set()
    out = []
    for text in notes:
        lines = []
        for line in text.split("\n"):
            if intro and line.startswith(intro):
                rest = line[len(intro):].strip()
                parts = LEGEND_SEPARATOR.split(rest)
                new = [part for part in parts if part not in heard]
                heard.update(parts)
                if not new:
                    continue
                separator = LEGEND_SEPARATOR.search(rest)
                line = f"{intro} {(separator.group(0) if separator else '; ').join(new)}"
            lines.append(line)
        out.append("\n".join(lines))
    return out
