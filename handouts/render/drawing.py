"""A picture of the topic's folder as every output shows it. A drawing (SVG) is drawn once, by resvg, to a PNG that
every output then places: the PDFs and the web page in a frame of the drawing's own size, the deck and the Word
edition as it is. Renderers that each draw the SVG themselves disagree (six cold attacks found a dose shown in one
output and hidden, reversed or clipped in another); the same pixels everywhere cannot.

The drawing is given resvg at the pixels it is to have, its user space the size the check read (in pixels,
whatever unit it was written in), so that the PNG has the frame's proportions; LONG_SIDE pixels along its longer
side, or fewer when the PNG would pass MAX_DRAWN_BYTES (a noise filter or an embedded photograph), so that no output
grows heavy; refused past the fewest.
Each drawing is drawn once a process, and a refusal remembered too.

A PNG or JPEG is the checked picture itself (metadata stripped, turned upright).
"""
from __future__ import annotations

import base64
import struct
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from handouts.checks import pictures
from handouts.render.raster import rasterise

LONG_SIDE = 2400   # pixels across a drawing's longer side: 300 ppi over 8 in (P7), wider than any output places it
SIDES = (LONG_SIDE, 1200, 600)   # tried in turn while the PNG is heavier than MAX_DRAWN_BYTES
MAX_DRAWN_BYTES = 4_000_000      # a drawing's PNG: a web page that carries it can still be emailed
REMEMBERED = 64                  # drawings (and refusals) kept a process: more than a topic has
SVG_MIME = "image/svg+xml"


@dataclass(frozen=True)
class Shown:
    """A picture as outputs place it: its bytes (a drawing's PNG), their media type, and its size in CSS pixels."""

    data: bytes
    mime: str
    size: tuple[float, float]


_remembered: OrderedDict[tuple[str, int, int], Shown | pictures.PictureError] = OrderedDict()


def shown(path: Path) -> Shown:
    """The picture at `path` as every output shows it; a PictureError naming it if it is refused or cannot be
    drawn within its budget."""
    stat = path.stat()
    key = (str(path.absolute()), stat.st_mtime_ns, stat.st_size)
    if key not in _remembered:
        try:
            _remembered[key] = _drawn(path)
        except pictures.PictureError as exc:
            _remembered[key] = exc
        while len(_remembered) > REMEMBERED:
            _remembered.popitem(last=False)
    _remembered.move_to_end(key)
    found = _remembered[key]
    if isinstance(found, pictures.PictureError):
        raise pictures.PictureError(str(found), found.picture)
    return found


def forget() -> None:
    """Draw every picture again (a test changes a budget)."""
    _remembered.clear()


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


def _drawn(path: Path) -> Shown:
    data, (width, height) = pictures.read(path), pictures.size(path)
    if path.suffix.lower() != ".svg":
        return Shown(data, pictures.MIME[path.suffix.lower()], (width, height))
    name = f"{path.parent.name}/{path.name}"
    for side in SIDES:
        across, down = (max(1, round(side * s / max(width, height))) for s in (width, height))
        png = rasterise(sized(data, (width, height), (across, down)), across, name, path.name)
        got_across, got_down = _dimensions(png)
        if got_across != across or abs(got_down - down) > 1:
            raise pictures.PictureError(f"{name}: could not be drawn at its size ({width:g} x {height:g} pixels): "
                                        "give its <svg> a width and a height in pixels", path.name)
        if len(png) <= MAX_DRAWN_BYTES:
            return Shown(png, "image/png", (width, height))
    raise pictures.PictureError(f"{name}: draws a picture too detailed to carry (over {MAX_DRAWN_BYTES / 1e6:g} MB as "
                                f"PNG even {SIDES[-1]} pixels wide): simplify it, or save it as JPEG", path.name)


def sized(svg: bytes, size: tuple[float, float], pixels: tuple[int, int]) -> bytes:
    """The checked drawing as resvg is to draw it: `pixels` wide and high, its user space the `size` the check read
    (in CSS pixels, whatever unit it was written in), kept by its own viewBox or given one of that size. resvg reads
    no other unit alike (a size in mm was refused, one in em taken at another font size), and rounds a size to whole
    pixels before it scales: given whole pixels, the PNG has the frame's proportions."""
    root = etree.fromstring(svg, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    if root.get("viewBox") is None:
        root.set("viewBox", f"0 0 {size[0]:g} {size[1]:g}")
    root.set("width", str(pixels[0]))
    root.set("height", str(pixels[1]))
    return etree.tostring(root)


def _dimensions(png: bytes) -> tuple[int, int]:
    """A PNG's width and height, from its header."""
    width, height = struct.unpack(">II", png[16:24])
    return width, height
