"""The leaflet: the whole article for patients, as a PDF within its page budget (or in large print, without one)."""
from __future__ import annotations

from handouts.content.model import Edition
from handouts.render.context import SCREEN, RenderContext, Rendition
from handouts.render.pdf.document import render_document
from handouts.render.rendered import Rendered


def render(edition: Edition, ctx: RenderContext, output: str = "leaflet.pdf", rendition: Rendition = SCREEN,
           budget: int | None = 4, large: bool = False, booklet: bool = False) -> Rendered:
    """`large`: the large-print edition (templates/leaflet-large.css.j2 over the leaflet's stylesheet); `booklet`: the
    booklet's inner pages (the title band and the lead on its cover, not on page 1; each page numbered as the booklet's
    page, the cover its first). Its last page says what else the build makes of the edition and in which other
    languages (render.also)."""
    from handouts.render.also import also_available
    from handouts.render.i18n import catalog_of
    from handouts.render.templating import render_link, theme_of

    contact = theme_of(ctx).contact
    site = render_link(contact.website, contact.website_label, rendition.press)
    also = also_available(ctx, output.rsplit("/", 1)[-1], catalog_of(ctx, edition.language).gettext, edition.locale, site)
    return render_document("leaflet.html.j2", edition, ctx, output, rendition, budget,
                           "shorten the sections or move detail to the references", large=large, also=also,
                           booklet=booklet)
