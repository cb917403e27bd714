"""A drawing (SVG) of the topic's folder is drawn once, by resvg, and every output places those same pixels: the
PDFs, the web page, the deck and the Word edition cannot show a dose that another output hides (six cold attacks
found renderers that each drew the SVG themselves disagreeing). Read back with poppler's pdfimages, python-pptx,
python-docx and the web page's own data: URLs; placed at the drawing's own size, at no less than 300 ppi (P7)."""
from __future__ import annotations

import base64
import re
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from conftest import FIXTURE_SLUG, make_scratch
from PIL import Image, ImageChops
from test_picture_safety import _pictures_of_deck, _pictures_of_word, add_picture

from handouts.cli import main

WIDTH_PX, HEIGHT_PX = 240, 120    # the drawing's own size in CSS pixels: 2.5 x 1.25 in
# A gradient, a shadow (a filter), a mask and a text read right to left: what renderers that each drew the SVG
# themselves drew differently (a filter two effects of many in the PDFs, a mask and a direction ignored by one)
DRAWING = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH_PX}" height="{HEIGHT_PX}" '
           f'viewBox="0 0 {WIDTH_PX} {HEIGHT_PX}"><defs><linearGradient id="g"><stop offset="0" stop-color="#1060c0"/>'
           '<stop offset="1" stop-color="#e07020"/></linearGradient>'
           '<filter id="shadow"><feDropShadow dx="4" dy="4" stdDeviation="3"/></filter>'
           '<mask id="half"><rect width="240" height="90" fill="#fff"/></mask></defs>'
           f'<rect width="{WIDTH_PX}" height="{HEIGHT_PX}" fill="url(#g)"/>'
           '<circle cx="60" cy="60" r="40" fill="#20a040" stroke="#000" stroke-width="4" filter="url(#shadow)"/>'
           '<text x="120" y="70" font-size="30" fill="#fff" mask="url(#half)" direction="rtl" '
           'unicode-bidi="bidi-override">2 mg</text></svg>')


@pytest.fixture(scope="module")
def drawn(tmp_path_factory) -> Path:
    scratch = make_scratch(tmp_path_factory.mktemp("one-drawing"))
    add_picture(scratch, "drawing.svg", DRAWING)
    only = ["--only", "leaflet.pdf", "--only", "page.html", "--only", "deck.pptx", "--only", "edition.docx", "-q"]
    assert main(only, root=scratch) == 0
    return scratch / "output" / FIXTURE_SLUG / "en"


def test_every_output_places_the_same_pixels(drawn, tmp_path):
    deck = [Image.open(BytesIO(data)) for data in _pictures_of_deck(drawn / "deck.pptx")]
    reference = next(image for image in deck if image.width > 1000).convert("RGBA")
    shown = {"deck.pptx": reference, "edition.docx": _the_drawing(_pictures_of_word(drawn / "edition.docx")),
             "page.html": _the_drawing(_pictures_of_web(drawn / "page.html")),
             "leaflet.pdf": _the_drawing(_pictures_of_pdf(drawn / "leaflet.pdf", tmp_path))}
    opaque = reference.getchannel("A").point(lambda a: 255 if a == 255 else 0)
    for output, image in shown.items():
        assert image.size == reference.size, f"{output}: {image.size} pixels, the deck's {reference.size}"
        difference = ImageChops.difference(image.convert("RGB"), reference.convert("RGB"))
        assert ImageChops.multiply(difference.convert("L"), opaque).getbbox() is None, f"{output}: other pixels"


def test_the_pdf_places_the_drawing_at_its_own_size_and_at_least_300_ppi(drawn):
    listed = subprocess.run(["pdfimages", "-list", str(drawn / "leaflet.pdf")], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    rows = [row.split() for row in listed if row.split()[2] == "image" and int(row.split()[3]) > 1000]
    assert rows, listed
    for row in rows:
        width, x_ppi = int(row[3]), int(row[12])
        assert x_ppi >= 300, row
        assert abs(width / x_ppi - WIDTH_PX / 96) < 0.02, f"placed {width / x_ppi:.2f} in wide, drawn {WIDTH_PX / 96} in"


def _the_drawing(found: list[bytes]) -> Image.Image:
    images = [Image.open(BytesIO(data)) for data in found]
    return next(image for image in images if image.width > 1000).convert("RGBA")


def _pictures_of_web(path: Path) -> list[bytes]:
    """The PNGs inside the web page's pictures (an SVG frame, as a data: URL, holding the drawing's PNG)."""
    page = path.read_text(encoding="utf-8")
    frames = [base64.b64decode(data).decode() for data in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', page)]
    return [base64.b64decode(data) for frame in frames
            for data in re.findall(r'href="data:image/png;base64,([^"]+)"', frame)]


def _pictures_of_pdf(path: Path, folder: Path) -> list[bytes]:
    subprocess.run(["pdfimages", "-png", str(path), str(folder / "image")], check=True)
    return [found.read_bytes() for found in sorted(folder.glob("image-*.png"))]


def test_a_drawing_that_cannot_be_drawn_is_refused_by_the_check_located(tmp_path, capsys, monkeypatch):
    """`check` draws each drawing as a build would (resvg's budget made tiny here): what a build would refuse, the
    check refuses, located where the content names the picture, exit 2."""
    from handouts.render import drawing, raster
    scratch = make_scratch(tmp_path)
    add_picture(scratch, "slow.svg", DRAWING)
    monkeypatch.setattr(raster, "RASTER_SECONDS", 0.001)
    drawing._remembered.cache_clear()
    assert main(["check"], root=scratch) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and all(re.match(rf"content/{FIXTURE_SLUG}/(en|fr)\.yaml:\d+:\d+: sections\[2\]\.body\[0\]"
                                            r"\.image: 'slow\.svg' could not be drawn \(took longer than 0\.001 s\)",
                                            line) for line in lines), lines
