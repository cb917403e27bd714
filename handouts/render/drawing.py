"""A picture of the topic's folder as every output shows it. A drawing (SVG) is drawn once, by resvg, to a PNG that
every output then places: the PDFs and the web page in a frame of the drawing's own size, the deck and the Word
edition as it is. Renderers that each draw the SVG themselves disagree (six cold attacks found a dose shown in one
output and hidden, reversed or clipped in another); the same pixels everywhere cannot.

A PNG or JPEG is the checked picture itself (metadata stripped, turned upright).
"""
from __future__ import annotations

import base64
import functools
from dataclasses import dataclass
from pathlib import Path

from handouts.checks import pictures
from handouts.render.raster import rasterise

LONG_SIDE = 2400   # pixels across a drawing's longer side: 300 ppi over 8 in (P7), wider than any output places it
SVG_MIME = "image/svg+xml"


@dataclass(frozen=True)
class Shown:
    """A picture as outputs place it: its bytes (a drawing's PNG), their media type, and its size in CSS pixels."""

    data: bytes
    mime: str
    size: tuple[float, float]


def shown(path: Path) -> Shown:
    """The picture at `path` as every output shows it; a PictureError naming it if it is refused or cannot be
    drawn within its budget."""
    stat = path.stat()
    return _remembered(str(path.absolute()), stat.st_mtime_ns, stat.st_size)


def problem(path: Path) -> str | None:
    """What is wrong with the picture at `path`, said to its editor, or None: the check, and a drawing drawn (so that
    a content check refuses what a build would)."""
    if wrong := pictures.problem(path):
        return wrong
    try:
        shown(path)
    except pictures.PictureError as exc:
        return str(exc).removeprefix(f"{path.parent.name}/{path.name}").lstrip(": ")
    return None


def framed(path: Path) -> tuple[bytes, str]:
    """What a page (PDF or web) loads for the picture: a drawing's PNG in an SVG frame of the drawing's size, so that
    it is placed at the size it was drawn at; a PNG or JPEG as it is."""
    picture = shown(path)
    if not path.suffix.lower() == ".svg":
        return picture.data, picture.mime
    width, height = picture.size
    png = base64.b64encode(picture.data).decode("ascii")
    frame = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" '
             f'viewBox="0 0 {width:g} {height:g}"><image width="{width:g}" height="{height:g}" '
             f'preserveAspectRatio="none" href="data:image/png;base64,{png}"/></svg>')
    return frame.encode(), SVG_MIME


@functools.lru_cache(maxsize=8)   # a build places each picture in about fourteen outputs: drawn once a process
def _remembered(name: str, mtime: int, size: int) -> Shown:
    path = Path(name)
    data, (width, height) = pictures.read(path), pictures.size(path)
    if path.suffix.lower() != ".svg":
        return Shown(data, pictures.MIME[path.suffix.lower()], (width, height))
    across = max(1, round(LONG_SIDE * width / max(width, height)))
    png = rasterise(data, across, f"{path.parent.name}/{path.name}", path.name)
    return Shown(png, "image/png", (width, height))
