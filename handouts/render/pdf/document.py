"""What the PDF outputs share: an edition through a Jinja template, then WeasyPrint within a page budget."""
from __future__ import annotations

from typing import Any

from handouts.content.model import Edition
from handouts.render import colors
from handouts.render.context import RenderContext, Rendition
from handouts.render.governance import governance
from handouts.render.i18n import catalog_of
from handouts.render.outlines import text_path
from handouts.render.pdf.engine import render_pdf
from handouts.render.rendered import Rendered
from handouts.render.templating import make_environment, theme_of


def render_html(template: str, edition: Edition, ctx: RenderContext, rendition: Rendition,
                assets: dict[str, bytes] | None = None, pictures: bool = True, **extra: Any) -> str:
    """The document's HTML; `pictures` False leaves the topic's pictures to the outputs with room for them."""
    env = make_environment(ctx, edition, rendition, pictures, assets)
    theme = theme_of(ctx)
    gettext = catalog_of(ctx, edition.language).gettext
    if ctx.draft and assets is not None:
        light = colors.css(theme.colors["light"], theme.inks(rendition.press))
        assets["draft.svg"] = draft_mark(gettext("DRAFT — not approved for distribution"), light)
    about = governance(edition, ctx.topic_dir.name, ctx.approval, theme.contact, gettext)
    return env.get_template(template).render(edition=edition, paper={"page": ctx.page_size}, draft=ctx.draft,
                                             governance=about, **extra)


def draft_mark(text: str, colour: str) -> bytes:
    """The draft mark drawn behind every page's text, diagonally, as the typeface's outlines: no text of its own,
    so that extracting, copying or searching the page never meets its letters among the lines it crosses (the
    document's metadata says it is a draft, in words)."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">'
            f'<g transform="rotate(-50 300 300)">{text_path(text, 34, 300, 300, "middle", True, colour)}</g>'
            '</svg>').encode()


def render_document(template: str, edition: Edition, ctx: RenderContext, output: str, rendition: Rendition,
                    budget: int | None, hint: str, pictures: bool = True, **extra: Any) -> Rendered:
    """The document's PDF and its page count, or a LayoutError saying by how much it overflows and what to shorten."""
    assets: dict[str, bytes] = {}
    html = render_html(template, edition, ctx, rendition, assets, pictures, **extra)
    return render_pdf(html, ctx, rendition, output, budget, hint, assets)
