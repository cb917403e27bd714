"""HTML to PDF bytes with WeasyPrint: the project's fetcher, a page budget, and no silent warnings."""
from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING
from urllib.parse import unquote

from weasyprint import HTML
from weasyprint.formatting_structure import boxes
from weasyprint.urls import FatalURLFetchingError

from handouts.checks.pictures import PictureError
from handouts.errors import LayoutError, RenderError
from handouts.render.context import RenderContext, Rendition
from handouts.render.pdf.fetcher import ProjectFetcher, RefusedPicture
from handouts.render.pdf.press_file import finish_press
from handouts.render.pdf.structure import finish_tagging, html_pieces
from handouts.render.rendered import Rendered
from handouts.render.templating import theme_of
from handouts.reporting import report

if TYPE_CHECKING:
    from weasyprint.document import Document, Page
    from weasyprint.formatting_structure.boxes import Box


def render_pdf(html: str, ctx: RenderContext, rendition: Rendition, output: str, budget: int | None, hint: str,
               assets: dict[str, bytes] | None = None) -> Rendered:
    """Lay out, check the page budget, write the PDF and give it the rendition's last touches."""
    with weasyprint_warnings(output):
        try:
            document = HTML(string=html, base_url=ctx.templates_dir.as_uri() + "/",
                            url_fetcher=ProjectFetcher(ctx.roots, assets, ctx.folders)).render(**rendition.pdf_options)
        except RefusedPicture as exc:
            raise PictureError(f"{output}: {exc}") from None
        except FatalURLFetchingError as exc:
            raise RenderError(f"{output}: {exc}") from None
        check_pages(document, budget, output, hint,
                    lambda: needed_height(html, ctx, rendition, assets, document.pages[0].width))
        pdf = document.write_pdf(**rendition.pdf_options)
    if rendition.press:   # CMYK through the theme's profile, overprint, marks, then the preflight
        theme = theme_of(ctx)
        inks = theme.inks(True)
        assert inks is not None  # the press rendition's
        return Rendered(finish_press(pdf, rendition.bleed_in * 72, theme.press, inks, output), len(document.pages))
    return Rendered(finish_tagging(pdf, html_pieces(document)), len(document.pages))


@contextmanager
def weasyprint_warnings(output: str) -> Iterator[None]:
    """WeasyPrint only logs bad CSS and missing resources: report them, one line each, to the build's one
    channel of warnings (handouts.reporting), which fails the output when the build is strict."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = records.append  # type: ignore[method-assign, assignment]  # the handler only collects
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
    messages = [f"{output}: WeasyPrint: {r.getMessage()}" for r in records]
    if dropped := [m for m in messages if DROPPED.search(m)]:   # the file would ship without a picture
        named = [unquote(found[1].rstrip(":")) for m in dropped if (found := CONTENT_PICTURE.search(m))]
        raise PictureError("\n".join(f"{m}: the picture would be left out; save it again as plain SVG or as PNG"
                                      for m in dropped), named[0] if len(named) == len(dropped) == 1 else None)
    for message in messages:
        report(message)   # to the build's report, with the other warnings of the output


# What WeasyPrint says when it leaves a picture out of the page (it goes on without it).
DROPPED = re.compile(r"WeasyPrint: Failed to (render|load) (SVG )?image", re.I)
CONTENT_PICTURE = re.compile(r"\bpicture:(\S+)")   # a picture of the topic's folder, as templates name it


def check_pages(document: Document, budget: int | None, output: str, hint: str,
                needed: Callable[[], float | None] | None = None) -> None:
    """Fail with how much overflows when the document has more pages than its budget (None: no budget). A
    one-page document (the card) says its real excess: the height its content needs, laid out on one page as
    tall as it takes (`needed`), less the height of its page; so that shortening it by that much is enough (what
    went past the page is no measure: a block that cannot break goes over whole). Longer documents say how much
    content went past their budget."""
    pages = len(document.pages)
    if budget is None or pages <= budget:
        return
    height = needed() if needed is not None and budget == 1 else None
    if height is not None:
        excess = height - document.pages[0]._page_box.height * 0.75   # CSS px to pt: the page's content area
        raise LayoutError(f"{output}: overflows its 1-page budget by {pages - 1} page(s), about "
                          f"{excess / 72 * 25.4:.0f} mm too much ({excess / 72:.1f} in): {hint}")
    overflow = _overflow_height(document.pages[budget:])
    raise LayoutError(
        f"{output}: overflows its {budget}-page budget by {pages - budget} page(s), "
        f"about {overflow / 72 * 25.4:.0f} mm of content ({overflow / 72:.1f} in): {hint}"
    )


TALL_PAGE_PX = 40_000   # a page no card's content fills: about 10 m


def needed_height(html: str, ctx: RenderContext, rendition: Rendition, assets: dict[str, bytes] | None,
                  width: float) -> float | None:
    """Height in points that the document's content takes on one page as wide as its own and as tall as it
    needs (None when it does not lay out on one such page: a forced page break)."""
    tall = html.replace("</head>", f"<style>@page {{ size: {width}px {TALL_PAGE_PX}px; }}</style></head>", 1)
    document = HTML(string=tall, base_url=ctx.templates_dir.as_uri() + "/",
                    url_fetcher=ProjectFetcher(ctx.roots, assets, ctx.folders)).render(**rendition.pdf_options)
    if len(document.pages) != 1:
        return None
    box = document.pages[0]._page_box
    ends = [line.position_y + line.margin_height() for line in _lines(box)]
    return (max(ends) - box.content_box_y()) * 0.75 if ends else None


def _overflow_height(pages: list[Page]) -> float:
    """Height in points of the content laid out on the overflow pages."""
    total = 0.0
    for page in pages:
        spans = [(box.position_y, box.position_y + box.margin_height()) for box in _lines(page._page_box)]
        if spans:
            total += max(end for _, end in spans) - min(start for start, _ in spans)
    return total * 0.75  # CSS px to pt


def _lines(box: Box) -> Iterator[Box]:
    """The line boxes and pictures of a page's content (its margin boxes, like the footer, left out). WeasyPrint
    gives its laid-out boxes no public name: `Page._page_box` and its `boxes` module are where its own drawing reads."""
    for child in getattr(box, "children", ()):
        if isinstance(child, (boxes.LineBox, boxes.ReplacedBox)):
            yield child
        elif not isinstance(child, boxes.MarginBox):
            yield from _lines(child)
