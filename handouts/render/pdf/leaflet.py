"""The leaflet: the whole article for patients, as a PDF within its page budget (or in large print, without one)."""
from __future__ import annotations

from handouts.content.model import Edition
from handouts.render.context import SCREEN, RenderContext, Rendition
from handouts.render.pdf.document import render_document
from handouts.render.rendered import Rendered


def render(edition: Edition, ctx: RenderContext, output: str = "leaflet.pdf", rendition: Rendition = SCREEN,
           budget: int | None = 4, large: bool = False) -> Rendered:
    """`large`: the large-print edition (templates/leaflet-large.css.j2 over the leaflet's stylesheet)."""
    return render_document("leaflet.html.j2", edition, ctx, output, rendition, budget,
                           "shorten the sections or move detail to the references", large=large)
