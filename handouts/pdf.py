"""HTML to PDF bytes with WeasyPrint, through the project's fetcher, with a page budget."""
from __future__ import annotations

import logging
from pathlib import Path

from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError

from .errors import LayoutError, RenderError
from .context import Rendition
from .fetcher import ProjectFetcher
from .marks import add_crop_marks


def layout(html: str, roots: tuple[Path, ...], options: dict):
    """Lay out the HTML; return WeasyPrint's document (pages and boxes)."""
    fetcher = ProjectFetcher(roots)
    try:
        return HTML(string=html, base_url=roots[0].as_uri() + "/", url_fetcher=fetcher).render(**options)
    except FatalURLFetchingError as exc:
        raise RenderError(str(exc)) from None


def to_bytes(document, options: dict) -> bytes:
    return document.write_pdf(**options)


def finish(pdf: bytes, rendition: Rendition) -> bytes:
    """Last touches of a rendition: the press file gets its crop marks."""
    return add_crop_marks(pdf, rendition.bleed_in * 72) if rendition.press else pdf


def check_pages(document, budget: int, output: str, hint: str) -> None:
    """Fail with how much overflows when the document has more pages than its budget."""
    pages = len(document.pages)
    if pages <= budget:
        return
    overflow = _overflow_height(document.pages[budget:])
    raise LayoutError(
        f"{output}: overflows its {budget}-page budget by {pages - budget} page(s), "
        f"about {overflow / 72 * 25.4:.0f} mm of content ({overflow / 72:.1f} in): {hint}"
    )


def _overflow_height(pages) -> float:
    """Height in points of the content laid out on the overflow pages."""
    total = 0.0
    for page in pages:
        bottom = top = None
        for box in _content_boxes(page._page_box):
            top = box.position_y if top is None else min(top, box.position_y)
            end = box.position_y + box.margin_height()
            bottom = end if bottom is None else max(bottom, end)
        if top is not None:
            total += bottom - top
    return total * 0.75  # CSS px to pt


def _content_boxes(page_box):
    for child in page_box.children:  # the html box, not the margin boxes
        if type(child).__name__ == "BlockBox":
            yield from _leaf_lines(child)


def _leaf_lines(box):
    children = getattr(box, "children", None)
    if not children or type(box).__name__ == "LineBox":
        yield box
        return
    for child in children:
        yield from _leaf_lines(child)


def silence_weasyprint() -> None:
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
