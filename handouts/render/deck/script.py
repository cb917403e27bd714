"""The speaker's script (deck-script.pdf): each slide of the talk, its title, its points, what to say
and how long it takes, in large type, for a speaker who rehearses on paper or has no screen of notes."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from handouts.content import grades
from handouts.content.model import Edition, KeyFigure, Option
from handouts.render import figures
from handouts.render.context import SCREEN, RenderContext, Rendition
from handouts.render.deck.notes import TIME, clock
from handouts.render.deck.options import legend_intro, legend_note
from handouts.render.i18n import catalog_of
from handouts.render.pdf.document import render_document
from handouts.render.rendered import Rendered
from handouts.render.templating import theme_of
from handouts.typography import NBSP, typeset

CONTINUED = re.compile(NBSP + r"\(\d+/\d+\)$")   # a run of slides' "(1/2)", as slides.CONTINUED
LINE_CHARACTERS = 70   # characters a line of the script holds, about (16 pt across a Letter or A4 page)
PAGE_LINES = 30        # lines a page holds, about (its heading and spacing included)
PAGES = 120   # a talk's script runs to a page or two a slide: the budget is only a guard


@dataclass(frozen=True)
class ScriptSlide:
    number: int
    title: str
    points: tuple[str, ...]
    notes: tuple[str, ...]      # what to say, a paragraph a line (the timing lines apart)
    time: str                   # how long it takes to say, as the deck's notes write it
    footnote: str = ""          # the slide's legend of the grades it shows, as the slide prints it
    legend: str = ""            # the whole talk's legend of grades, printed once: under the first slide that shows one

    @property
    def kept_whole(self) -> bool:
        """Whether the slide's block is short enough to keep on one page (at most about half a page): a longer one
        moved whole to the next page would leave most of its page empty, so it breaks between its paragraphs."""
        lines = 3 + sum(-(-len(text) // LINE_CHARACTERS) for text in (*self.points, *self.notes, self.legend))
        return lines <= PAGE_LINES // 2


def script(edition: Edition, ctx: RenderContext, words_per_minute: int) -> tuple[list[ScriptSlide], int]:
    """The deck's slides as the script shows them, and the talk's length in seconds."""
    from pptx import Presentation

    from handouts.render.deck.slides import talk

    prs = Presentation(str(ctx.templates_dir / "deck.pptx"))
    specs = talk(edition, ctx, prs, "deck-script.pdf", words_per_minute)
    said = [spec.notes for spec in specs]
    said[-1] = said[-1].rsplit("\n", 2)[0]   # the whole talk's length (timed): the script's band says it
    slides = [ScriptSlide(n, spec.title, spec.body, unshown(notes, (CONTINUED.sub("", spec.title), *spec.body)),
                          clock(spec.seconds), spec.footnote) for n, (spec, notes) in enumerate(zip(specs, said), 1)]
    return legend_once(slides, grade_legend(edition, ctx)), sum(spec.seconds for spec in specs)


def legend_once(slides: list[ScriptSlide], legend: Legend) -> list[ScriptSlide]:
    """The slides with the grades' legend printed once, where a reader first needs it: the whole legend under the
    first slide whose notes say one (a slide that shows grades: its notes say whose criteria they are), and the
    legend lines of the slides' notes left out (the legend above says them; the deck's notes keep them)."""
    if not legend.text:
        return slides
    out, placed, intro = [], False, _letters(legend.intro)
    for slide in slides:
        kept = tuple(line for line in slide.notes if not _letters(line).startswith(intro))
        first = not placed and kept != slide.notes
        placed = placed or first
        out.append(replace(slide, notes=kept, legend=legend.text if first else ""))
    if not placed:   # no slide's notes say it: under the first slide that names a grade, or else the last
        said = [_letters(" ".join((*s.points, *s.notes))) for s in out]
        at = next((i for i, text in enumerate(said) if any(_letters(name) in text for name in legend.grades)),
                  len(out) - 1)
        out[at] = replace(out[at], legend=legend.text)
    return out


def unshown(notes: str, shown_above: tuple[str, ...]) -> tuple[str, ...]:
    """The lines of a slide's notes that the script prints under its points: not the timing lines (under the
    heading), and not a line that says its title or one of its points word for word (a call-out's heading, an
    option's lines), which the heading and points above already print: the speaker reads it there."""
    shown = {_letters(text) for text in shown_above}
    return tuple(line for line in notes.splitlines()
                 if line.strip() and not TIME.search(line) and _letters(line) not in shown)


def _letters(text: str) -> str:
    """A text compared whatever its typography (spaces, quotes, dashes): its letters and digits, in lower case."""
    return re.sub(r"[\W_]+", "", text).lower()


def render(edition: Edition, ctx: RenderContext, output: str = "deck-script.pdf", rendition: Rendition = SCREEN,
           budget: int | None = PAGES, words_per_minute: int = 130) -> Rendered:
    slides, seconds = script(edition, ctx, words_per_minute)
    return render_document("deck-script.html.j2", edition, ctx, output, rendition, budget or PAGES,
                           "the script has a page or two a slide: shorten the article", pictures=False,
                           slides=slides, talk_time=clock(seconds), talk_minutes=round(seconds / 60),
                           band=True)   # a draft's mark above the text, not behind it


@dataclass(frozen=True)
class Legend:
    text: str                   # whose criteria grade the talk's results, and what each grade it shows means
    intro: str                  # the words a legend starts with ("Grades of evidence: criteria of ...")
    grades: tuple[str, ...]     # the names of the grades it explains ("Low evidence")


def grade_legend(edition: Edition, ctx: RenderContext) -> Legend:
    """The talk's legend of grades: every graded option and key figure's ('' when none is graded)."""
    theme = theme_of(ctx)
    words = figures.Words(edition.locale, catalog_of(ctx, edition.language), theme.grades)
    graded: tuple[Option | KeyFigure, ...] = (*edition.options, *(f for f in edition.key_figures if f.evidence))
    names = tuple(grades.grade_name(grades.grade_of(g.evidence, theme.grades).grade, words) for g in graded
                  if g.evidence is not None and not isinstance(g.evidence, str))
    return Legend(typeset(legend_note(graded, words, theme.contact.name), edition.locale),
                  typeset(legend_intro(words, theme.contact.name), edition.locale), names)
