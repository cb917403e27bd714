"""The summary card: one page, guaranteed: the build fails rather than shrink the type."""
from __future__ import annotations

from .context import SCREEN, RenderContext, Rendition
from .model import Edition, Section
from .outputs import CARD_SECTIONS
from .pdf import render_pdf
from .templating import make_environment



def card_sections(edition: Edition) -> list[Section]:
    return [s for s in edition.all_sections() if s.id in CARD_SECTIONS]


def render_html(edition: Edition, ctx: RenderContext, rendition: Rendition = SCREEN,
                assets: dict[str, bytes] | None = None) -> str:
    env = make_environment(ctx.templates_dir, edition, rendition, None, assets)
    paper = {"page": ctx.page_size}
    return env.get_template("card.html.j2").render(
        edition=edition, paper=paper, card_sections=card_sections(edition))


def render(edition: Edition, ctx: RenderContext, output: str = "card.pdf",
           rendition: Rendition = SCREEN) -> bytes:
    assets: dict[str, bytes] = {}
    return render_pdf(render_html(edition, ctx, rendition, assets), ctx, rendition, output, 1,
                      "shorten the summary or the key points of "
                      + ", ".join(CARD_SECTIONS) + " (text is never shrunk below 12 pt)", assets)
