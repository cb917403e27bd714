"""The web page: the whole article as one self-contained, accessible HTML file, to upload or email as it is;
it links to its topic's other editions and to its edition's other files that the build's plan gives its context."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from handouts.content.model import Edition
from handouts.errors import RenderError
from handouts.render import drawing
from handouts.render.context import SCREEN, RenderContext
from handouts.render.pdf.document import render_html
from handouts.render.pdf.fetcher import in_folder
from handouts.render.rendered import Rendered
from handouts.render.web.shared import self_contained


def render(edition: Edition, ctx: RenderContext, output: str = "page.html") -> Rendered:
    assets: dict[str, bytes] = {}
    page = scrollable_tables(render_html("page.html.j2", edition, ctx, SCREEN, assets, downloads=ctx.downloads,
                                         siblings=ctx.siblings))
    return Rendered(self_contained(page, lambda url: project_file(url, ctx, output), assets, output).encode())


def project_file(url: str, ctx: RenderContext, output: str) -> tuple[bytes, str]:
    """The bytes and media type of a picture of the topic's folder or of templates/ (`picture:NAME`,
    `template:NAME`) as the PDFs show it, and of nothing else."""
    parts = urlsplit(url)
    path = in_folder(ctx.folders[parts.scheme], parts.path) if parts.scheme in ctx.folders else None
    if path is None:
        raise RenderError(f"{output}: refused to embed {url!r}: only files of the project's templates "
                          "and the topic's folder may be used")
    return drawing.framed(path)  # checked again: self-contained or refused


TABLE = re.compile(r"<table><caption>(.*?)</table>", re.S)


def scrollable_tables(page: str) -> str:
    """Each table in a region of its own, named by its caption, that scrolls sideways when the screen is
    narrower than the table (WCAG 1.4.10 lets a data table keep its two dimensions) and takes the focus,
    so that a keyboard scrolls it too; the page itself never scrolls sideways. The page's own ids have an
    underscore, which no section id (a slug) has."""
    counter = iter(range(1, 10_000))

    def wrap(match: re.Match[str]) -> str:
        number = next(counter)
        return (f'<div class="scroll" role="region" tabindex="0" aria-labelledby="_table{number}">'
                f'<table><caption id="_table{number}">{match[1]}</table></div>')

    return TABLE.sub(wrap, page)
