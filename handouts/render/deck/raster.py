"""An SVG drawn to PNG by resvg in a child process with a time and a memory budget, and nothing to load.

The picture has passed `pictures.check` (no reference outside itself); as a second wall, resvg is given
an empty folder as the only place it may read from. A drawing that takes longer than RASTER_SECONDS or
more memory than RASTER_BYTES to draw is a PictureError naming it, never a hung or killed build.
"""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile

from handouts.checks.pictures import PictureError

RASTER_SECONDS = 30
RASTER_BYTES = 2 * 1024 ** 3


def rasterise(svg: bytes, width_px: int, name: str) -> bytes:
    """The checked SVG `svg` as PNG bytes `width_px` wide."""
    try:
        run = subprocess.run([sys.executable, "-m", "handouts.render.deck.raster", str(width_px)], input=svg, capture_output=True,
                             timeout=RASTER_SECONDS, preexec_fn=_limit_memory, check=False)
    except subprocess.TimeoutExpired:
        raise PictureError(f"{name}: took longer than {RASTER_SECONDS} s to draw (simplify the drawing or save it "
                           "as PNG)") from None
    if run.returncode != 0 or not run.stdout.startswith(b"\x89PNG"):
        said = run.stderr.decode(errors="replace").strip().splitlines()
        reason = said[-1] if said else f"exit status {run.returncode}"
        raise PictureError(f"{name}: could not be drawn within {RASTER_BYTES // 1024 ** 3} GB ({reason}): simplify "
                           "the drawing or save it as PNG")
    return run.stdout


def _limit_memory() -> None:
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (RASTER_BYTES, RASTER_BYTES))


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
    width = int(sys.argv[1])
    svg = without_references(sys.stdin.buffer.read())
    with tempfile.TemporaryDirectory() as nothing:  # the only folder resvg may read pictures from: empty
        png = resvg_py.svg_to_bytes(svg_string=svg, width=width, resources_dir=nothing)
    sys.stdout.buffer.write(bytes(png))


if __name__ == "__main__":
    main()
