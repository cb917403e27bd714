"""The speaker's script (deck-script.pdf): each slide of the talk, its title, its points, what to say
and how long it takes, in large type, for a speaker who rehearses on paper or has no screen of notes."""
from __future__ import annotations

import re
from dataclasses import dataclass

from handouts.content.model import Edition, KeyFigure, Option
from handouts.render import figures
from handouts.render.context import SCREEN, RenderContext, Rendition
from handouts.render.deck.notes import TIME, clock
from handouts.render.deck.options import legend_note
from handouts.render.i18n import catalog_of
from handouts.render.pdf.document import render_document
from handouts.render.rendered import Rendered
from handouts.render.templating import theme_of
from handouts.typography import NBSP, typeset

CONTINUED = re.compile(NBSP + r"\(\d+/\d+\)$")   # a run of slides' "(1/2)", as slides.CONTINUED
PAGES = 120   # a talk's script runs to a page or two a slide: the budget is only a guard


@dataclass(frozen=True)
class ScriptSlide:
    number: int
    title: str
    points: tuple[str, ...]
    notes: tuple[str, ...]      # what to say, a paragraph a line (the timing lines apart)
    time: str                   # how long it takes to say, as the deck's notes write it
    footnote: str = ""          # the slide's legend of the grades it shows, as the slide prints it


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
    return slides, sum(spec.seconds for spec in specs)


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
    footer = grade_footer(edition, ctx).replace("\\", "\\\\").replace('"', '\\"')   # a CSS string
    return render_document("deck-script.html.j2", edition, ctx, output, rendition, budget or PAGES,
                           "the script has a page or two a slide: shorten the article", pictures=False,
                           slides=slides, talk_time=clock(seconds), talk_minutes=round(seconds / 60),
                           grade_footer=footer, band=True)   # a draft's mark above the text, not behind it


def grade_footer(edition: Edition, ctx: RenderContext) -> str:
    """Every page's foot: whose criteria grade the talk's results, and what each grade it names means."""
    theme = theme_of(ctx)
    words = figures.Words(edition.locale, catalog_of(ctx, edition.language), theme.grades)
    graded: tuple[Option | KeyFigure, ...] = (*edition.options, *(f for f in edition.key_figures if f.evidence))
    return typeset(legend_note(graded, words, theme.contact.name), edition.locale)
