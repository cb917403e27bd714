"""The options of a section on slides, as the leaflet's table shows them: a comparison slide (a native
table: each option's results beside its side effects and its grade of evidence), then a slide per option
with its results, side effects and evidence on the slide itself, never in the notes alone (IPDAS)."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from . import deck_notes, grades
from .model import Option, Table
from .typography import NBSP

if TYPE_CHECKING:
    from .deck import SlideSpec
    from .figures import Words

Text = Callable[[str], str]
ROWS = 2   # options a comparison slide shows: the same slides in every language, whatever their lengths


def option_slides(options: tuple[Option, ...], t: Text, h: Text, words: Words, key: str) -> list[SlideSpec]:
    """The comparison slide of `options`, then one slide per option."""
    from .deck import CONTENT_LAYOUT, TITLE_ONLY_LAYOUT, SlideSpec, _table_notes
    if not options:
        return []
    _ = words._
    table = Table(caption=t(_("Treatments at a glance")),
                  header=(t(_("Treatment")), t(_("Results")), t(_("Side effects")), t(_("Evidence"))),
                  rows=tuple((t(o.name), t(" ".join(r.text for r in o.results)), t(harms(o, words)),
                              t(grade(o, words))) for o in options))
    legend = "\n".join(t(line) for line in grades.legend(words.grades, words, options))
    notes = t(_table_notes(table)).split("\n")   # the caption, then a line per row
    chunks = [tuple(range(i, min(i + ROWS, len(table.rows)))) for i in range(0, len(table.rows), ROWS)]
    slides = [SlideSpec(TITLE_ONLY_LAYOUT, h(table.caption if len(chunks) == 1 else
                                             f"{table.caption}{NBSP}({n}/{len(chunks)})"),
                        notes="\n".join([notes[0], *(notes[1 + i] for i in rows)]), table=table, rows=rows,
                        key=f"options:{key}:{n}") for n, rows in enumerate(chunks, 1)]
    for n, option in enumerate(options):
        body = [t(_("For: %(text)s") % {"text": option.for_whom.text})] if option.for_whom else []
        body += [t(_("Result: %(text)s") % {"text": r.text}) for r in option.results]
        body += ([t(_("Side effect: %(text)s") % {"text": p.text}) for p in option.harms]
                 if not isinstance(option.harms, str)
                 else [t(_("Side effects: %(text)s") % {"text": _("not described in the article; ask your doctor")})])
        body.append(t(_("Evidence: %(text)s") % {"text": evidence(option, words)}))
        how = deck_notes.tidy(option.how.text) if option.how else ""
        slides.append(SlideSpec(CONTENT_LAYOUT, h(option.name), tuple(body), key=f"option:{option.id}",
                                notes=t("\n".join(filter(None, (how, *body, legend if n == 0 else "")))), whole=True))
    return slides


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
