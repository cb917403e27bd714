"""The booklet: a cover, then the screen leaflet, imposed for saddle-stitching, two pages a side on a sheet twice
its size.

Letter pages go on Tabloid (11 x 17 in) and A4 pages on A3, landscape. The pages are padded with blank
ones to a multiple of four and placed in the order a duplex copier folds into the leaflet: the first
sheet's front holds the last page and page 1, its back page 2 and the last page but one, and so on
inwards. Printed double-sided, flipped on the short edge, folded and stapled, it reads as the leaflet behind a
front cover (templates/booklet-cover.html.j2: the title, the authors, the lead, the association and how to reach it,
its logo), so that a stapled copy on a clinic's shelf says what it is. The cover carries the title band and the lead
once: the inner pages are the leaflet laid out as a booklet's (`booklet` of render.pdf.leaflet), its page 1 the start
of the content, each page numbered as the booklet's page (the cover, unnumbered, is page 1).

The booklet is for the copier: an imposed sheet is not a reading order, so it carries no structure
tree (the tagged leaflet.pdf is the file for screen readers). Its document information (title,
language, code and version, draft mark) is the leaflet's.
"""
from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING

import pikepdf

from handouts.content.model import Edition
from handouts.render.context import SCREEN, RenderContext
from handouts.render.pdf import leaflet
from handouts.render.pdf.document import render_document
from handouts.render.rendered import Rendered

if TYPE_CHECKING:
    from handouts.pipeline.outputs import Output


def render(edition: Edition, ctx: RenderContext, output: str, source: Output, made: Rendered | None = None) -> Rendered:
    """The `source` output (the registry's screen leaflet) as the booklet's inner pages, imposed: rendered as a
    booklet's (its title band and lead on the cover only, its pages numbered as the booklet's), within the leaflet's
    budget. The leaflet itself is made first when the same task has not just made it (`made`): a leaflet that fails
    makes no booklet, and its error is reported under the leaflet's name."""
    name = output.rsplit("/", 1)[0] + "/" + source.filename if "/" in output else source.filename
    if made is None:   # no booklet of a leaflet that fails: its error, reported under the leaflet's name
        source.render(edition, ctx, name)
    inner = leaflet.render(edition, ctx, name, source.rendition or SCREEN, source.budget, booklet=True)
    cover = render_document("booklet-cover.html.j2", edition, ctx, output, SCREEN, 2,
                            "shorten the title or the lead: the booklet's cover holds them on one page", pictures=False)
    data = impose(inner.data, cover.data)
    return Rendered(data, len(sides((inner.pages or 1) + 1)))


def sides(pages: int) -> list[tuple[int | None, int | None]]:
    """The (left, right) page numbers, from 1, of each side of each sheet in printing order (front, back);
    None for a blank page of the padding."""
    total = -(-max(pages, 1) // 4) * 4

    def shown(number: int) -> int | None:
        return number if number <= pages else None

    out: list[tuple[int | None, int | None]] = []
    for sheet in range(total // 4):
        outer, inner = 2 * sheet + 1, total - 2 * sheet
        out.append((shown(inner), shown(outer)))              # front: last, 1
        out.append((shown(outer + 1), shown(inner - 1)))      # back: 2, last - 1
    return out


def impose(pdf_bytes: bytes, cover: bytes | None = None) -> bytes:
    """Each side of each sheet as a page twice the leaflet's width, its two pages placed as form XObjects: the
    cover's first page first when there is one, then the leaflet's, then blank pages to a multiple of four, the last
    of them the cover's second page (its back cover) when it has one."""
    with pikepdf.open(BytesIO(pdf_bytes)) as leaflet, pikepdf.new() as booklet, \
            pikepdf.open(BytesIO(cover)) if cover else pikepdf.new() as front:
        x0, y0, x1, y1 = (float(v) for v in leaflet.pages[0].mediabox)
        width, height = x1 - x0, y1 - y0
        forms: list[pikepdf.Object | None] = [booklet.copy_foreign(page.as_form_xobject())
                                              for page in (*front.pages[:1], *leaflet.pages)]
        forms += [None] * (-len(forms) % 4)   # the padding's blank pages
        if len(front.pages) > 1 and forms[-1] is None:   # the back cover, where the padding leaves the last page blank
            forms[-1] = booklet.copy_foreign(front.pages[1].as_form_xobject())
        for left, right in sides(len(forms)):
            booklet.add_blank_page(page_size=(2 * width, height))
            sheet, drawn = booklet.pages[-1], b""
            for slot, number in enumerate((left, right)):
                form = forms[number - 1] if number is not None else None
                if form is not None:  # named after its page, not at random as add_overlay() does: the same bytes each time
                    name = sheet.add_resource(form, pikepdf.Name.XObject, pikepdf.Name(f"/Page{number}"))
                    place = pikepdf.Rectangle(slot * width, 0, (slot + 1) * width, height)
                    drawn += b"q\n" + sheet.calc_form_xobject_placement(
                        form, name, place, invert_transformations=True, allow_shrink=True,
                        allow_expand=False) + b"Q\n"
            sheet.obj.Contents = booklet.make_stream(drawn)
        for key, value in leaflet.docinfo.items():
            booklet.docinfo[key] = pikepdf.String(str(value))
        if "/Lang" in leaflet.Root:
            booklet.Root.Lang = pikepdf.String(str(leaflet.Root.Lang))
        out = BytesIO()
        booklet.save(out, deterministic_id=True)
        return out.getvalue()
