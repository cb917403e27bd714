"""An option's side effects and evidence in words, the same in every output: a table's cells, an option's
slide, and the line set beside a key point that speaks for it ("Chirurgie — effets secondaires : …")."""
from __future__ import annotations

from typing import TYPE_CHECKING

from handouts.content import grades
from handouts.content.model import Edition, Option, Point

if TYPE_CHECKING:
    from handouts.render.figures import Words


def harms(option: Option, words: Words) -> str:
    if isinstance(option.harms, str):
        return words._("Not described in the article: ask your doctor")
    return " ".join(p.text for p in option.harms)


def grade(option: Option, words: Words) -> str:
    if isinstance(option.evidence, str):
        return words._("No study described in the article")
    return grades.label(option.evidence, words.grades, words)


def evidence(option: Option, words: Words) -> str:
    """'Revue systématique de 40 études … (Preuves faibles)'."""
    if isinstance(option.evidence, str):
        return words._("No study described in the article")
    return f"{option.evidence.text.rstrip('.')} ({grade(option, words)})"


def beside(point: Point, edition: Edition, words: Words, shown: tuple[str, ...] = (), graded: bool = True) -> list[str]:
    """A line per option the key point speaks for (but those of `shown`, already beside it): its side
    effects and its grade of evidence, so that no benefit is read without them."""
    options = {o.id: o for o in edition.options}
    lines = []
    for oid in point.options or ():
        option = options.get(oid)
        if option is None or oid in shown:
            continue
        said = (words._("not described in the article; ask your doctor") if isinstance(option.harms, str)
                else lower_first(" ".join(p.text for p in option.harms)))
        lines.append(words._("%(option)s — side effects: %(harms)s. %(evidence)s.") % {
            "option": option.name, "harms": said.rstrip("."), "evidence": grade(option, words)} if graded else
                     words._("%(option)s — side effects: %(harms)s.") % {"option": option.name, "harms": said.rstrip(".")})
    return lines


def lower_first(text: str) -> str:
    """'Irritation de la peau…' after a colon: 'irritation de la peau…' (not 'TEOC', not 'IgG')."""
    return text[0].lower() + text[1:] if len(text) > 1 and text[0].isupper() and text[1].islower() else text
