"""What the talk says of an option (a medicine, a procedure), and where: once, on its own slide, in the authors'
sentences.

An option's slide shows its results, side effects and evidence; its notes say the sentences of its section that
those lines come from (every number and qualifier as the authors wrote them), then its side effects where the
article describes none, and its grade. The section's own slide, which comes first, says the sentences its key
points restate and leaves the rest of the options' text to their slides, with a line that points to them: an
option is told once, not in the section, on its slide and in the summary again.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from handouts.content import option_text
from handouts.content.derived import sentences
from handouts.content.meaning import normal
from handouts.content.model import Edition, Option, Point, Section
from handouts.content.options import source_sentences
from handouts.render.deck import notes as deck_notes

if TYPE_CHECKING:
    from handouts.render.figures import Words


def sources(option: Option, body: list[str]) -> list[str]:
    """The sentences of `body` that the option's lines (how, for whom, results, side effects, evidence) come
    from, once each, in the text's order."""
    found = {normal(s) for _, point in option.points() for s in source_sentences(point, body)}
    return list(dict.fromkeys(s for s in body if normal(s) in found))


def left_to_options(section: Section, edition: Edition) -> set[str]:
    """The sentences of a section (normalized) that its options' slides say and its own slide does not: those
    an option's lines come from, but those its key points restate (the section's slide shows those points)."""
    every = sentences(section.body)
    shown = {normal(s) for point in section.key_points for s in source_sentences(point, every)}
    return {normal(s) for option in edition.options_of(section.id) for s in sources(option, every)} - shown


def option_said(option: Option, edition: Edition, words: Words, gettext: Callable[[str], str],
                told: set[str] | None = None) -> list[str]:
    """An option slide's notes, as sentences to say: the authors' sentences its lines come from (a line whose
    sentence cannot be found is said in its own words), then its side effects when the article describes none
    or its slide's sentences leave them unsaid, and its grade. `told` holds what the option slides before it said
    (normalized sentences and lines; this one's added): a sentence two options share is said on the first one's
    slide, and the second's says its own lines instead, those the first did not say (its side effects, say), so
    that no two slides' notes read the same sentences."""
    told = set() if told is None else told
    section = next((s for s in edition.all_sections() if s.id == option.section), None)
    body = sentences(section.body) if section is not None else []
    said = [s for s in sources(option, body) if normal(s) not in told]
    lines = [" ".join(said)] if said else []
    own = [(field, point) for field, point in option.points()   # its own words: its sentence unfound, or said for
           if normal(point.text) not in told and all(normal(s) in told for s in source_sentences(point, body))]  # another
    lines += [deck_notes.tidy(point.text) for field, point in own if field[0] != "harms"]
    harms = [point.text for field, point in own if field[0] == "harms"]
    if harms:   # named: "Minocycline — side effects: nausea…", not a bare list of them
        lines.append(gettext("%(option)s — side effects: %(harms)s.") % {
            "option": option.name, "harms": option_text.lower_first(" ".join(harms)).rstrip(".")})
    told |= {normal(s) for s in said} | {normal(point.text) for _, point in option.points()}
    harms_told = not isinstance(option.harms, str) and all(source_sentences(h, body) for h in option.harms)
    if harms_told:
        lines.append(gettext("%(option)s: %(evidence)s.") % {"option": option.name,
                                                             "evidence": option_text.grade(option, words)})
    else:
        lines += option_text.beside(Point.model_construct(text="", source=(), options=(option.id,)), edition, words)
    return [line for line in lines if line]
