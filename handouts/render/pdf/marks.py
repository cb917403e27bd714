"""Crop marks outside the bleed, on a slug that widens the press file's MediaBox (P2, P4).

WeasyPrint draws its marks inside the bleed, under the page's backgrounds, where a full-bleed
band hides them; print shops expect them outside the bleed, so they are added here.
"""
from __future__ import annotations

import hashlib
import uuid

import pikepdf

SLUG_PT = 27.0      # MediaBox beyond the trim: bleed (9 pt) plus room for the marks
GAP_PT = 3.0        # marks start this far outside the bleed
MARK_WIDTH_PT = 0.25


def add_crop_marks_to(pdf: pikepdf.Pdf, bleed_pt: float) -> None:
    """The marks and page boxes of an open press file."""
    for page in pdf.pages:
        x0, y0, x1, y1 = (float(v) for v in page.obj.TrimBox)
        page.obj.MediaBox = pikepdf.Array([x0 - SLUG_PT, y0 - SLUG_PT, x1 + SLUG_PT, y1 + SLUG_PT])
        page.obj.BleedBox = pikepdf.Array([x0 - bleed_pt, y0 - bleed_pt, x1 + bleed_pt, y1 + bleed_pt])
        if "/CropBox" in page.obj:
            del page.obj["/CropBox"]
        page.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)
        page.contents_add(pikepdf.Stream(pdf, b"Q\n" + _marks((x0, y0, x1, y1), bleed_pt)))


def stable_ids(pdf: pikepdf.Pdf) -> None:
    """Document ids derived from the content, so the same input gives the same bytes."""
    _stable_document_id(pdf)
    if "/ID" in pdf.trailer:
        del pdf.trailer["/ID"]  # WeasyPrint's is random; qpdf derives a new one from the content


def _marks(trim: tuple[float, float, float, float], bleed_pt: float) -> bytes:
    """Eight strokes in registration black, two at each corner, on the trim lines."""
    x0, y0, x1, y1 = trim
    start, end = bleed_pt + GAP_PT, SLUG_PT
    lines = []
    for x, sign_x in ((x0, -1), (x1, 1)):
        for y, sign_y in ((y0, -1), (y1, 1)):
            lines.append((x + sign_x * start, y, x + sign_x * end, y))   # horizontal, on the trim line y
            lines.append((x, y + sign_y * start, x, y + sign_y * end))   # vertical, on the trim line x
    ops = [f"q {MARK_WIDTH_PT} w 1 1 1 1 K"]
    ops += [f"{a:.2f} {b:.2f} m {c:.2f} {d:.2f} l S" for a, b, c, d in lines]
    ops.append("Q")
    return ("\n".join(ops) + "\n").encode()


def _stable_document_id(pdf: pikepdf.Pdf) -> None:
    """Replace WeasyPrint's random XMP DocumentID by one derived from the pages' content."""
    digest = hashlib.sha256()
    for page in pdf.pages:
        for stream in page.obj.Contents if isinstance(page.obj.Contents, pikepdf.Array) else [page.obj.Contents]:
            digest.update(stream.read_bytes())
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        if "xmpMM:DocumentID" in meta:
            meta["xmpMM:DocumentID"] = f"xmp.did:{uuid.UUID(bytes=digest.digest()[:16])}"
