"""The leaflet: the whole article for patients, as a PDF of at most four pages."""
from __future__ import annotations

from .context import SCREEN, RenderContext, Rendition
from .model import Edition
from .pdf import check_pages, finish, layout, to_bytes
from .templating import make_environment

PAGE_BUDGET = 4


def render_html(edition: Edition, ctx: RenderContext, rendition: Rendition = SCREEN) -> str:
    env = make_environment(ctx.templates_dir, edition, rendition)
    paper = {"page": ctx.page_size}
    return env.get_template("leaflet.html.j2").render(edition=edition, paper=paper)


def render(edition: Edition, ctx: RenderContext, output: str = "leaflet.pdf",
           rendition: Rendition = SCREEN) -> bytes:
    document = layout(render_html(edition, ctx, rendition), ctx.roots, rendition.pdf_options)
    check_pages(document, PAGE_BUDGET, output, "shorten the sections or move detail to the references")
    return finish(to_bytes(document, rendition.pdf_options), rendition)
