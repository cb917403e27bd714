"""The leaflet: the whole article for patients, as a PDF of at most four pages."""
from __future__ import annotations

from .context import RenderContext
from .model import Edition
from .pdf import check_pages, layout, to_bytes
from .templating import make_environment

PAGE_BUDGET = 4
OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}


def render_html(edition: Edition, ctx: RenderContext) -> str:
    env = make_environment(ctx.templates_dir, edition)
    paper = {"page": ctx.page_sizes[0]}
    return env.get_template("leaflet.html.j2").render(edition=edition, paper=paper)


def render(edition: Edition, ctx: RenderContext, output: str = "leaflet.pdf") -> bytes:
    document = layout(render_html(edition, ctx), ctx.roots, OPTIONS)
    check_pages(document, PAGE_BUDGET, output, "shorten the sections or move detail to the references")
    return to_bytes(document, OPTIONS)
