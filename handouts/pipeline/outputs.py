"""The registry of outputs: adding an output is one module and one line in OUTPUTS.

An entry holds everything about its output: the file name, the renderer and its settings (the
rendition and page budget of a PDF), the templates it reads (its cache inputs besides the content),
what it must carry (read back by the tests from the finished file) and how the proof sheet shows it.
The pipeline, the cache, the proof sheet and the tests ask the entry; none branches on a file name.

Renderers are named, not imported: a build that finds everything up to date never loads
WeasyPrint or python-pptx, and each worker process imports them once.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from handouts.checks.requirements import Required, requirements
from handouts.messages import N_
from handouts.render.budget import TextArea
from handouts.render.context import PRESS, SCREEN, RenderContext, Rendition
from handouts.render.geometry import CARD, LEAFLET

if TYPE_CHECKING:
    from handouts.content.model import Edition
    from handouts.render.rendered import Rendered

LEAFLET_TEMPLATES = ("leaflet.html.j2", "plain.html.j2", "leaflet.css.j2", "base.css.j2", "theme.yaml")
BOOKLET_TEMPLATES = (*LEAFLET_TEMPLATES, "booklet-cover.html.j2")
CARD_TEMPLATES = ("card.html.j2", "plain.html.j2", "card.css.j2", "base.css.j2", "theme.yaml")
DECK_TEMPLATES = ("deck.pptx", "theme.yaml")
PAGE_TEMPLATES = ("page.html.j2", "plain.html.j2", "web.css.j2", "theme.yaml")
LARGE_TEMPLATES = (*LEAFLET_TEMPLATES, "leaflet-large.css.j2")
LEAFLET_CARRIES = ("headings", "summary", "figures", "pictures", "tables", "references", "glossary", "callouts")
CARD_CARRIES = ("summary", "card-points", "references", "card-callouts")
PAGE_CARRIES = ("headings", "summary", "figures", "pictures", "tables", "references", "glossary", "callouts")
DECK_CARRIES = ("slide-titles", "said-points", "figures", "pictures", "tables", "references", "callouts",
                "glossary-notes")
SCRIPT_TEMPLATES = ("deck-script.html.j2", "deck-script.css.j2", "base.css.j2", "deck.pptx", "theme.yaml")
SCRIPT_CARRIES = ("slide-titles", "said-points", "figures", "tables", "references")   # pictures: said, not shown
WORD_TEMPLATES = ("edition-reference.docx", "theme.yaml")
WORD_CARRIES = ("headings", "summary", "figures", "pictures", "tables", "references", "glossary", "callouts")


@dataclass(frozen=True)
class Output:
    filename: str
    renderer: str                      # "module:function" of the handouts package
    templates: tuple[str, ...]         # files of templates/ it reads: with the content, its cache inputs
    carries: tuple[str, ...]           # aspects of handouts.checks.requirements it must show, read back by the tests
    rendition: Rendition | None = None  # PDFs: screen (PDF/UA-1) or press (PDF/X-4)
    budget: int | None = None          # PDFs: at most this many pages, or the build fails
    page: str = "paper"                # "paper" (--paper: Letter or A4), "sheet" (twice it: Tabloid or A3) or its own
    alt: bool = True                   # its reader gets the pictures' alt texts (unless press): False for an untagged PDF
    format: str = "pdf"                # "pdf", "deck", "html" or "docx": how the proof sheet and the tests read the file
    label: str = ""                    # what the proof sheet says it is
    area: TextArea | None = None       # where its running text goes, to refuse before rendering what cannot fit
    source: str | None = None          # the output it is made from (the booklet: leaflet.pdf), in the same task
    whole_topic: bool = False          # made from every edition of its topic (a talk's slide plan): its cache key too
    settings: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    # What a patient is told of it, in the edition's language (message ids of the catalogs, see `N_`): on the site
    # index each file's `offer`, its `kind` and size, and its `advice` (how to print it); on the web page of the
    # edition, a download link to each file `offered`. `links`: the output links to the edition's other files and
    # to its topic's other editions, which the build's plan gives its context (and its cache key): the web page's
    # download row and language switch, the leaflets' "also available" line.
    offer: str = ""
    kind: str = ""
    advice: str = ""
    offered: bool = False
    links: bool = False
    # On the site index an edition's files are grouped by whom they are for (an `audience` of
    # handouts.render.web.site.AUDIENCES: patients, print, speakers), each group's files in the order of `shelf`.
    audience: str = "patients"
    shelf: int = 0

    @property
    def press(self) -> bool:
        return self.rendition is not None and self.rendition.press

    @property
    def unit(self) -> str:
        return {"deck": "slides", "html": "headings", "docx": "headings"}.get(self.format, "pages")

    def render(self, edition: Edition, ctx: RenderContext, shown: str, made: Rendered | None = None) -> Rendered:
        """The output's bytes and facts; `made`: the source's, for an output made from another (the booklet),
        when the same task has just made it (the plan puts the two in one task)."""
        module, function = self.renderer.split(":")
        render = getattr(importlib.import_module(f"handouts.{module}"), function)
        options: dict[str, Any] = {"rendition": self.rendition, "budget": self.budget} if self.rendition else {}
        if self.source is not None:
            options.update(source=by_filename(self.source), made=made)
        rendered: Rendered = render(edition, ctx, shown, **options, **self.settings)
        return rendered

    def required(self, edition: Edition) -> list[Required]:
        """What the finished file must show, for the tests to read back."""
        return requirements(edition, self.carries, alt=self.alt and not self.press)


PRINT_SHOP = N_("With crop marks and bleed, in print colours: for a print shop, not for an office printer.")
BOOKLET = N_("Print it double-sided on %(sheet)s paper, flipping on the short edge, at 100%% (actual size, not "
            "fit to page). Fold the sheets in half, one inside the other, and staple them on the fold.")


# The running text's area per page (letter, a4), from the page geometry that the stylesheets print.
LEAFLET_AREA = LEAFLET.area()
CARD_AREA = CARD.area()

# The talk: the speaker's pace, in words a minute, times each slide from its notes; the build warns when
# the whole talk falls outside talk_minutes (a report line, which --strict does not turn into an error).
# The leaflet's page budget: the article, its figures and its options table (a clinic prints it on both sides
# of three sheets; the booklet folds it into one Tabloid sheet and a half, padded to a multiple of four).
LEAFLET_PAGES = 6

DECK_SETTINGS: dict[str, Any] = {"words_per_minute": 130, "talk_minutes": (15, 30)}

OUTPUTS: tuple[Output, ...] = (
    Output("leaflet.pdf", "render.pdf.leaflet:render", LEAFLET_TEMPLATES, LEAFLET_CARRIES, SCREEN, LEAFLET_PAGES,
           label="screen (PDF/UA-1)", area=LEAFLET_AREA,
           offer=N_("Leaflet to print"), kind=N_("PDF"), offered=True, links=True, shelf=1),
    Output("leaflet-large.pdf", "render.pdf.leaflet:render", LARGE_TEMPLATES, LEAFLET_CARRIES, SCREEN, None,
           label="large print (PDF/UA-1, no page budget)", settings={"large": True},
           offer=N_("Large print"), kind=N_("PDF"), offered=True, links=True, shelf=2),
    Output("leaflet-booklet.pdf", "render.pdf.booklet:render", BOOKLET_TEMPLATES, LEAFLET_CARRIES, page="sheet", alt=False,
           label="booklet (leaflet.pdf imposed for saddle-stitching, untagged)", source="leaflet.pdf",
           offer=N_("Booklet to print and fold"), kind=N_("PDF"), advice=BOOKLET,
           links=True, audience="print", shelf=3),
    Output("leaflet-press.pdf", "render.pdf.leaflet:render", LEAFLET_TEMPLATES, LEAFLET_CARRIES, PRESS, LEAFLET_PAGES,
           label="press (PDF/X-4)", area=LEAFLET_AREA,
           offer=N_("Leaflet for a print shop"), kind=N_("PDF"), advice=PRINT_SHOP,
           links=True, audience="print", shelf=1),
    Output("card.pdf", "render.pdf.card:render", CARD_TEMPLATES, CARD_CARRIES, SCREEN, 1, label="screen (PDF/UA-1)",
           area=CARD_AREA, offer=N_("One-page summary"), kind=N_("PDF"), offered=True, shelf=3),
    Output("card-press.pdf", "render.pdf.card:render", CARD_TEMPLATES, CARD_CARRIES, PRESS, 1, label="press (PDF/X-4)",
           area=CARD_AREA, offer=N_("One-page summary for a print shop"), kind=N_("PDF"), advice=PRINT_SHOP,
           audience="print", shelf=2),
    Output("deck.pptx", "render.deck.slides:render", DECK_TEMPLATES, DECK_CARRIES, page="16:9", format="deck",
           label="deck (16:9)", settings=DECK_SETTINGS, whole_topic=True,
           offer=N_("Presentation"), kind=N_("PowerPoint"), offered=True, audience="speakers", shelf=1),
    Output("deck-script.pdf", "render.deck.script:render", SCRIPT_TEMPLATES, SCRIPT_CARRIES, SCREEN, 120,
           label="speaker script (PDF/UA-1)", settings={"words_per_minute": DECK_SETTINGS["words_per_minute"]},
           whole_topic=True, offer=N_("Speaker's notes for the presentation"), kind=N_("PDF"), audience="speakers", shelf=2),
    Output("page.html", "render.web.page:render", PAGE_TEMPLATES, PAGE_CARRIES, page="screen", format="html",
           label="web page (HTML)", offer=N_("Web page to read on screen"), links=True, shelf=0),
    Output("edition.docx", "render.word.edition:render", WORD_TEMPLATES, WORD_CARRIES, format="docx",
           label="Word edition for newsletters (DOCX)",
           offer=N_("Text for a newsletter"), kind=N_("Word"), offered=True, shelf=4),
)


def by_filename(name: str) -> Output:
    """The registry entry of an output file (the proof sheet shows files it finds on disk)."""
    for output in OUTPUTS:
        if output.filename == name:
            return output
    raise KeyError(name)
