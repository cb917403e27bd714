"""What the PDF outputs share: an edition through a Jinja template, then WeasyPrint within a page budget."""
from __future__ import annotations

from typing import Any

from handouts.content.model import Edition
from handouts.render import colors
from handouts.render.context import RenderContext, Rendition
from handouts.render.governance import governance
from handouts.render.i18n import catalog_of
from handouts.render.outlines import text_path, text_width
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
        if extra.get("large") or extra.get("band"):   # no watermark behind the text (CNIB): a band in the top margin
            ink = colors.css(theme.colors["ink"], theme.inks(rendition.press))
            assets["draft-band.svg"] = draft_band(gettext("DRAFT — not approved for distribution"), ink)
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


BAND_PT = 20          # the large print's draft band: its words' size (at least the large print's 18 pt)
BAND_WIDEST_PT = 480  # and at most this wide (a letter or A4 page's text is wider), its words smaller if longer


def draft_band(text: str, colour: str) -> bytes:
    """The large print's draft mark: its words in bold on one line, as the typeface's outlines (no text of their
    own, like the diagonal mark), sized in points to sit in the band the stylesheet draws in each page's top margin,
    above the text and never over it."""
    size = min(BAND_PT, BAND_PT * BAND_WIDEST_PT / text_width(text, BAND_PT, True))
    width, height = text_width(text, size, True), size * 1.3
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.2f}pt" height="{height:.2f}pt" '
            f'viewBox="0 0 {width:.2f} {height:.2f}">{text_path(text, size, 0, size, "start", True, colour)}'
            '</svg>').encode()


def render_document(template: str, edition: Edition, ctx: RenderContext, output: str, rendition: Rendition,
                    budget: int | None, hint: str, pictures: bool = True, **extra: Any) -> Rendered:
    """The document's PDF and its page count, or a LayoutError saying by how much it overflows and what to shorten."""
    assets: dict[str, bytes] = {}
    html = render_html(template, edition, ctx, rendition, assets, pictures, **extra)
    return render_pdf(html, ctx, rendition, output, budget, hint, assets)
