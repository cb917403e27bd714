"""The options of a section on slides, as the leaflet's table shows them: an overview slide (a native table:
each option, the studies behind it and its grade of evidence, the grades' criteria under it), then a slide
per option with its results, side effects and evidence on the slide itself, never in the notes alone
(IPDAS). The overview shows no result, so that no benefit is read there without its harms."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from handouts.content import grades
from handouts.content.model import KeyFigure, Option, Table
from handouts.content.option_text import evidence
from handouts.render.deck import notes as deck_notes
from handouts.render.deck.spec import CONTENT_LAYOUT, TITLE_ONLY_LAYOUT, SlideSpec
from handouts.typography import NBSP

if TYPE_CHECKING:
    from handouts.render.figures import Words

Text = Callable[[str], str]
ROWS = 5   # options an overview slide shows at most: the same slides in every language, whatever their lengths


def option_slides(options: tuple[Option, ...], t: Text, h: Text, words: Words, key: str,
                  association: str = "", said: Callable[[Option], list[str]] | None = None) -> list[SlideSpec]:
    """The overview of `options`, then one slide per option, whose notes are `said(option)` (the sentences to
    say: option_notes.option_said), or its slide's lines."""
    if not options:
        return []
    _ = words._
    table = Table(caption=t(_("Treatments at a glance")), header=(t(_("Treatment")), t(_("Evidence"))),
                  rows=tuple((t(o.name), t(overview(o, words))) for o in options))
    count = -(-len(options) // ROWS)
    chunks = _even(len(options), count)   # balanced: 9 rows, 5 and 4
    slides = []
    for n, rows in enumerate(chunks, 1):
        shown = tuple(options[i] for i in rows)
        footnote = t(legend_note(shown, words, association))
        slides.append(SlideSpec(TITLE_ONLY_LAYOUT, h(table.caption if len(chunks) == 1 else
                                                     f"{table.caption}{NBSP}({n}/{len(chunks)})"),
                                table=table, rows=rows,   # its notes: slides._table_pages
                                footnote=footnote, shares=(0.55, 0.45), key=f"options:{key}:{n}"))
    for option in options:
        body, spared, shorter = option_body(option, t, words)
        how = deck_notes.tidy(option.how.text) if option.how else ""
        notes = said(option) if said is not None else [how, *body]
        slides.append(SlideSpec(CONTENT_LAYOUT, h(option.name), tuple(body), key=f"option:{option.id}", spared=spared,
                                shorter=tuple(shorter),
                                notes=t("\n".join(filter(None, notes))), whole=True,
                                footnote=t(legend_note((option,), words, association))))
    return slides




def option_body(option: Option, t: Text, words: Words) -> tuple[list[str], int, list[str]]:
    """An option's slide: who it is for, its results, side effects and evidence; how many of its words the words a
    slide may carry spare; and the body without them ([] when there are none). Side effects the article does not
    describe send the patient to their doctor, as the leaflet does (a clinician's review asked for it where a remedy
    has interactions): those words are not counted against the slide's, and are left out only where the slide
    cannot hold them at the options' type size."""
    _ = words._
    head = [t(_("For: %(text)s") % {"text": option.for_whom.text})] if option.for_whom else []
    head += [t(_("Result: %(text)s") % {"text": r.text}) for r in option.results]
    tail = [t(_("Evidence: %(text)s") % {"text": evidence(option, words)})]
    if not isinstance(option.harms, str):
        return [*head, *(t(_("Side effect: %(text)s") % {"text": p.text}) for p in option.harms), *tail], 0, []
    said, short = _("not described in the article; ask your doctor"), _("not described in the article")
    spared = deck_notes.word_count(said) - deck_notes.word_count(short)
    return ([*head, t(_("Side effects: %(text)s") % {"text": said}), *tail], spared,
            [*head, t(_("Side effects: %(text)s") % {"text": short}), *tail])


def legend_note(options: tuple[Option | KeyFigure, ...], words: Words, association: str) -> str:
    """Under a slide that shows grades: whose criteria they are, and what each grade shown means ('' when
    the options show none)."""
    lines = grades.legend(words.grades, words, options)
    if not lines:
        return ""
    return " ".join([legend_intro(words, association), "; ".join(lines)])


def legend_intro(words: Words, association: str) -> str:
    return words._("Grades of evidence: criteria of %(association)s (design and size of the studies), "
                   "not the article's:") % {"association": association}


def _even(n: int, count: int) -> list[tuple[int, ...]]:
    """n rows over `count` slides, the first ones one longer when they do not divide evenly."""
    sizes = [n // count + (1 if i < n % count else 0) for i in range(count)]
    starts = [sum(sizes[:i]) for i in range(count)]
    return [tuple(range(a, a + size)) for a, size in zip(starts, sizes)]


def overview(option: Option, words: Words) -> str:
    """'Preuves très faibles (série de cas)', or that the article describes no study."""
    if isinstance(option.evidence, str):
        return words._("No study described in the article")
    return f"{grades.label(option.evidence, words.grades, words)} ({grades.design_name(option.evidence.design, words).lower()})"
