"""An SVG drawn to PNG by resvg in a child process with a time and a memory budget, and nothing to load.

The picture has passed `pictures.check` (no reference outside itself); as a second wall, resvg is given
an empty folder as the only place it may read from. A drawing that takes longer than RASTER_SECONDS or
more memory than RASTER_BYTES to draw is a PictureError naming it, never a hung or killed build.
"""
from __future__ import annotations

import re
import sys
import tempfile

from handouts import child
from handouts.checks.pictures import PictureError

RASTER_SECONDS = child.SECONDS
RASTER_BYTES = child.BYTES


def rasterise(svg: bytes, width_px: int, name: str, picture: str | None = None) -> bytes:
    """The checked SVG `svg` as PNG bytes `width_px` wide; `name` as messages show it, `picture` the file's name in the
    topic's folder when it is the content's picture (the build then says where the content names it)."""
    try:
        png = child.run("render.raster", [str(width_px)], svg, RASTER_SECONDS, RASTER_BYTES)
    except child.Overrun as exc:
        raise PictureError(f"{name}: could not be drawn ({exc}): simplify the drawing or save it as PNG", picture) from None
    if not png.startswith(b"\x89PNG"):
        raise PictureError(f"{name}: could not be drawn (no picture came out): simplify the drawing or save it as PNG",
                           picture)
    return png


def without_references(svg: bytes) -> str:
    """The SVG with every reference to anything outside it taken out (a second wall behind the check):
    no document type, no processing instruction, no `href` but a fragment or an embedded PNG or JPEG."""
    from lxml import etree
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_pis=True)
    root = etree.fromstring(svg, parser)
    for element in root.iter():
        for name, value in element.attrib.items():
            if etree.QName(name).localname == "href" and not SELF.match(value.strip()):
                del element.attrib[name]
    return etree.tostring(root, encoding="unicode")


SELF = re.compile(r"#|data:image/(png|jpeg|jpg);base64,", re.I)


def main() -> None:
    import resvg_py

    from handouts.fonts import FONT_DIR
    width = int(sys.argv[1])
    svg = without_references(sys.stdin.buffer.read())
    typeface = "Atkinson Hyperlegible"   # the only font it may draw text in: the project's, not the machine's
    with tempfile.TemporaryDirectory() as nothing:  # the only folder resvg may read pictures from: empty
        png = resvg_py.svg_to_bytes(svg_string=svg, width=width, dpi=96.0, resources_dir=nothing, skip_system_fonts=True,
                                    font_dirs=[str(FONT_DIR)], font_family=typeface, serif_family=typeface,
                                    sans_serif_family=typeface, monospace_family=typeface, cursive_family=typeface,
                                    fantasy_family=typeface)
    sys.stdout.buffer.write(bytes(png))


if __name__ == "__main__":
    main()
