"""The leaflet: the whole article for patients, as a PDF of at most four pages."""
from __future__ import annotations

from .context import SCREEN, RenderContext, Rendition
from .model import Edition
from .pdf import render_pdf
from .templating import make_environment

PAGE_BUDGET = 4


def render_html(edition: Edition, ctx: RenderContext, rendition: Rendition = SCREEN,
                assets: dict[str, bytes] | None = None) -> str:
    env = make_environment(ctx.templates_dir, edition, rendition, ctx.topic_dir, assets)
    paper = {"page": ctx.page_size}
    return env.get_template("leaflet.html.j2").render(edition=edition, paper=paper)


def render(edition: Edition, ctx: RenderContext, output: str = "leaflet.pdf",
           rendition: Rendition = SCREEN) -> bytes:
    assets: dict[str, bytes] = {}
    return render_pdf(render_html(edition, ctx, rendition, assets), ctx, rendition, output, PAGE_BUDGET,
                      "shorten the sections or move detail to the references", assets)
