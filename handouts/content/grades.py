"""The grade of the evidence behind a result, defined once: the theme's criteria (`evidence_grades`), from
the study's design and its number of patients, strongest grade first; a result takes the first grade
whose criteria it meets. Wherever grade marks appear, the legend that states the criteria goes with them,
so a grade is never shown without what it means (GRADE: a grade always with its criteria)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from handouts.content.model import DESIGNS, Evidence, KeyFigure, Option, OptionEvidence

if TYPE_CHECKING:
    from collections.abc import Iterable

    from handouts.render.figures import Words

GRADES = ("high", "moderate", "low", "very-low")


@dataclass(frozen=True)
class Criterion:
    """One grade and what earns it: one of `designs`, with at least `min_patients` when it names one."""

    grade: str
    designs: tuple[str, ...]
    min_patients: int | None = None

    def met_by(self, evidence: Evidence | OptionEvidence) -> bool:
        if evidence.design not in self.designs:
            return False
        return self.min_patients is None or (evidence.patients is not None and evidence.patients >= self.min_patients)


def load(data: Any) -> tuple[tuple[Criterion, ...], list[str]]:
    """The theme's `evidence_grades`, and what is wrong with them (as 'field: what' lines)."""
    if not isinstance(data, list) or not data:
        return (), ["evidence_grades: is missing (a list of grades, strongest first, each with its designs)"]
    criteria, problems = [], []
    for i, entry in enumerate(data):
        at = f"evidence_grades[{i}]"
        if not isinstance(entry, dict) or set(entry) - {"grade", "designs", "min_patients"}:
            problems.append(f"{at}: expected grade, designs and optionally min_patients")
            continue
        grade, designs, least = entry.get("grade"), entry.get("designs"), entry.get("min_patients")
        if grade not in GRADES:
            problems.append(f"{at}.grade: {grade!r} is not a grade (one of: {', '.join(GRADES)})")
        if not isinstance(designs, list) or not designs or any(d not in DESIGNS for d in designs):
            problems.append(f"{at}.designs: expected a list of designs (of: {', '.join(DESIGNS)})")
            continue
        if least is not None and (not isinstance(least, int) or isinstance(least, bool) or least < 1):
            problems.append(f"{at}.min_patients: expected a whole number of patients")
            continue
        criteria.append(Criterion(str(grade), tuple(designs), least))
    order = [GRADES.index(c.grade) for c in criteria if c.grade in GRADES]
    if order != sorted(order):
        problems.append("evidence_grades: list the grades strongest first (" + ", ".join(GRADES) + ")")
    ungraded = [d for d in DESIGNS if not any(d in c.designs and c.min_patients is None for c in criteria)]
    if ungraded and not problems:
        problems.append(f"evidence_grades: no grade for {', '.join(ungraded)} (every design needs a grade "
                        "without min_patients, so that every result of a topic is graded)")
    return tuple(criteria), problems


def grade_of(evidence: Evidence | OptionEvidence, criteria: tuple[Criterion, ...]) -> Criterion:
    """The first criterion the evidence meets (the theme's check makes sure there is one)."""
    return next(c for c in criteria if c.met_by(evidence))


def grades_used(criteria: tuple[Criterion, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.grade for c in criteria))


def level(evidence: Evidence | OptionEvidence, criteria: tuple[Criterion, ...]) -> tuple[int, int]:
    """(filled marks, marks): the strongest grade fills every mark, the weakest one."""
    used = grades_used(criteria)
    return len(used) - used.index(grade_of(evidence, criteria).grade), len(used)


def grade_name(grade: str, words: Words) -> str:
    _ = words._
    return {"high": _("High evidence"), "moderate": _("Moderate evidence"), "low": _("Low evidence"),
            "very-low": _("Very low evidence")}[grade]


def label(evidence: Evidence | OptionEvidence, criteria: tuple[Criterion, ...], words: Words) -> str:
    return grade_name(grade_of(evidence, criteria).grade, words)


def design_name(design: str, words: Words) -> str:
    """'Revue systématique' / 'Systematic review': one message of the catalog per design of the model."""
    _ = words._
    return {"systematic-review": _("Systematic review"), "meta-analysis": _("Meta-analysis"),
            "randomised-trial": _("Randomized trial"), "cohort-study": _("Cohort study"),
            "prospective-studies": _("Prospective studies"), "small-studies": _("Small studies"),
            "case-series": _("Case series"), "pilot-study": _("Pilot study"), "case-report": _("Case report"),
            "expert-opinion": _("Expert opinion")}[design]


def meaning(evidence: Evidence | OptionEvidence, criteria: tuple[Criterion, ...], words: Words) -> str:
    """The legend's line of the evidence's own grade: what its marks mean, beside them."""
    grade = grade_of(evidence, criteria).grade
    return next(line for g, line in zip(grades_used(criteria), legend(criteria, words)) if g == grade)


def legend(criteria: tuple[Criterion, ...], words: Words, options: Iterable[Option | KeyFigure] | None = None) -> list[str]:
    """One line a grade: its marks' meaning in words, from the same criteria that give the grades.
    'Preuves modérées : méta-analyse ou essai randomisé, au moins 300 patients'. With `options`, only the
    grades they show (a card short of room); without, every grade, for the scale."""
    shown = None if options is None else {grade_of(o.evidence, criteria).grade for o in options
                                         if o.evidence is not None and not isinstance(o.evidence, str)}
    lines = []
    for grade in grades_used(criteria):
        if shown is not None and grade not in shown:
            continue
        ways = []
        for c in (c for c in criteria if c.grade == grade):
            names = [design_name(d, words).lower() for d in c.designs]
            way = words._(" or ").join(names)
            if c.min_patients is not None:
                way += words._(", at least %(n)s patients") % {"n": words.number(c.min_patients)}
            ways.append(way)
        lines.append(words._("%(grade)s: %(criteria)s") % {"grade": grade_name(grade, words), "criteria": "; ".join(ways)})
    return lines
