"""The leaflet: the whole article for patients, as a PDF within its page budget."""
from __future__ import annotations

from .context import SCREEN, RenderContext, Rendition
from .document import render_document
from .model import Edition


def render(edition: Edition, ctx: RenderContext, output: str = "leaflet.pdf", rendition: Rendition = SCREEN,
           budget: int = 4) -> bytes:
    return render_document("leaflet.html.j2", edition, ctx, output, rendition, budget,
                           "shorten the sections or move detail to the references")
