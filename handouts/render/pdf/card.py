"""The summary card: one page, guaranteed: the build fails rather than shrink the type."""
from __future__ import annotations

from handouts.content.model import Edition
from handouts.render.context import SCREEN, RenderContext, Rendition
from handouts.render.pdf.document import render_document
from handouts.render.rendered import Rendered


def render(edition: Edition, ctx: RenderContext, output: str = "card.pdf", rendition: Rendition = SCREEN,
           budget: int = 1) -> Rendered:
    groups = edition.card_groups()
    named = {oid for _, points in groups for p in points for oid in p.options or ()}
    spoken_for = tuple(o for o in edition.options if o.id in named)   # graded beside its points: in the legend too
    shown = ", ".join(section.id for section, _ in groups)
    return render_document("card.html.j2", edition, ctx, output, rendition, budget,
                           f"shorten the summary or the key points of {shown}, or select fewer in the edition's "
                           "card: (text is never shrunk below 12 pt)", pictures=False, card_groups=groups,
                           card_spoken_for=spoken_for)
