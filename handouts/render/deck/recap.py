"""The summary as a recap: its key points together on as few well-filled slides as the room's limits allow (a
point's side effects and grade, under it, do not count against its slide's words), and notes that sum up in a
sentence or two of the authors' summary rather than reading the talk again."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from handouts.content.derived import sentences
from handouts.content.meaning import normal
from handouts.content.model import Option, Point
from handouts.render.deck.spec import TextPart

SENTENCES = 2   # what a recap slide says at most of the summary's text


def recap_notes(part: TextPart, pages: Sequence[Sequence[int]], gettext: Callable[[str], str],
                t: Callable[[str], str] = str, options: Sequence[Option] = ()) -> list[str]:
    """Each recap slide's notes: the sentences of the summary that its points restate, at most two, leaving out
    those of points that speak for an option (its own slide said it, with its side effects and grade, which the
    recap shows under it); a slide left without one names the options its points speak for, or says that the key
    points are on the screen."""
    every = sentences(part.body)
    told: set[str] = set()
    out = []
    for n, rows in enumerate(pages):
        said = [s for s in _restated([part.points[i] for i in rows if i < len(part.points)], every)
                if normal(s) not in told][:SENTENCES]
        told |= {normal(s) for s in said}
        ids = {oid for i in rows if i < len(part.points) for oid in part.points[i].options or ()}
        named = [o.name for o in options if o.id in ids]   # on a slide that says no sentence
        lines = ([" ".join(said)] if said else
                 [gettext("And to remember, on this slide: %(options)s.") % {"options": ", ".join(named)}] if named else
                 [gettext("And to remember: the key points on the screen.")])
        out.append("\n".join(t(line) for line in ([part.heading] if n == 0 else []) + lines))
    return out


def _restated(points: list[Point], every: list[str]) -> list[str]:
    """The sentences the points restate, in the text's order, but those of points that speak for an option."""
    cited = {normal(s) for p in points if not p.options for words in p.source for s in every
             if normal(words) in normal(s)}
    return [s for s in every if normal(s) in cited]
