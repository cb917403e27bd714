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
    drawing.forget()
    assert main(["check"], root=scratch) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and all(re.match(rf"content/{FIXTURE_SLUG}/(en|fr)\.yaml:\d+:\d+: sections\[2\]\.body\[0\]"
                                            r"\.image: 'slow\.svg' could not be drawn \(took longer than 0\.001 s\)",
                                            line) for line in lines), lines


SIZES = {   # how drawing programs and hands write a drawing's size: the PNG has the size the check reads
    "mm (Inkscape)": ('width="210mm" height="99mm" viewBox="0 0 210 99"', (210 * 96 / 25.4, 99 * 96 / 25.4)),
    "mm of no whole pixels": ('width="50mm" height="30mm"', (50 * 96 / 25.4, 30 * 96 / 25.4)),
    "half pixels": ('width="100.5" height="60.5"', (100.5, 60.5)),
    "a viewBox of fractions": ('viewBox="0 0 10.4 3.4"', (10.4, 3.4)),
    "cm (LibreOffice Draw)": ('width="21cm" height="5cm"', (21 * 96 / 2.54, 5 * 96 / 2.54)),
    "in and pt": ('width="3in" height="72pt"', (288, 96)),
    "em at a font size": ('font-size="40" width="10em" height="100"', (160, 100)),
    "width and a viewBox": ('width="400" viewBox="0 0 200 50"', (400, 100)),   # the height in the viewBox's proportions
    "height and a viewBox": ('height="300" viewBox="0 0 200 50"', (1200, 300)),
    "percent": ('width="50%" height="100%" viewBox="0 0 300 60"', (150, 60)),
    "a viewBox alone": ('viewBox="0 0 30 90"', (30, 90)),
}


@pytest.mark.parametrize("case", list(SIZES))
def test_a_drawing_is_drawn_at_the_size_its_frame_has(tmp_path, case):
    """resvg refused sizes in mm (Inkscape's) and took em at another font size than the check, and a width without
    a height gave a PNG 30 times taller than its frame (a seventh cold attack); it rounds a size to whole pixels
    before it scales, so 100.5 x 60.5 came out in other proportions (an eighth): the drawing is given resvg at the
    pixels it is to have, its user space the check's size, so every output shows it in its own proportions, at most
    LONG_SIDE pixels a side."""
    from handouts.checks import pictures
    from handouts.render import drawing
    attributes, (width, height) = SIZES[case]
    path = tmp_path / "sized.svg"
    path.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" {attributes}><rect width="10" height="10" fill="#123"/>'
                    '</svg>', encoding="utf-8")
    assert pictures.size(path) == pytest.approx((width, height))
    with Image.open(BytesIO(drawing.shown(path).data)) as drawn:
        longer = max(width, height)
        assert max(drawn.size) == drawing.LONG_SIDE
        assert drawn.size == pytest.approx((drawing.LONG_SIDE * width / longer, drawing.LONG_SIDE * height / longer), abs=1)


@pytest.mark.parametrize("name", ["inkscape.svg", "illustrator.svg"])
def test_the_drawing_programs_drawings_are_drawn(name):
    from handouts.render import drawing
    path = Path(__file__).parent / "fixtures" / "drawings" / name
    assert drawing.problem(path) is None
    assert drawing.shown(path).data.startswith(b"\x89PNG")


def test_a_heavy_drawing_is_drawn_smaller_then_refused(tmp_path, monkeypatch):
    """A drawing whose PNG would be heavier than MAX_DRAWN_BYTES (a noise filter made a 22 MB PNG, and a web page of
    40 MB) is drawn with fewer pixels; past the fewest, refused by name."""
    from handouts.render import drawing
    path = tmp_path / "heavy.svg"
    path.write_text(DRAWING, encoding="utf-8")
    full = drawing.shown(path).data
    monkeypatch.setattr(drawing, "MAX_DRAWN_BYTES", len(full) - 1)
    drawing.forget()
    with Image.open(BytesIO(drawing.shown(path).data)) as drawn:
        assert drawn.size == (1200, 600)
    monkeypatch.setattr(drawing, "MAX_DRAWN_BYTES", 100)
    drawing.forget()
    with pytest.raises(Exception, match=r"heavy\.svg: draws a picture too detailed to carry \(over 0\.0001 MB as PNG "
                                        r"even 600 pixels wide\)"):
        drawing.shown(path)


def test_each_drawing_is_drawn_once_a_process_and_a_refusal_remembered(tmp_path, monkeypatch):
    """Nine drawings placed in turn by three outputs: nine drawings drawn, not one each time (a cache of eight
    drew each of nine again every time: 96 runs of resvg); a drawing refused is refused again without drawing."""
    from handouts.checks.pictures import PictureError
    from handouts.render import drawing
    calls: list[str] = []
    real = drawing.rasterise

    def counted(svg: bytes, width: int, name: str, picture: str | None = None) -> bytes:
        calls.append(name)
        if "refused" in name:
            raise PictureError(f"{name}: could not be drawn", picture)
        return real(svg, width, name, picture)

    monkeypatch.setattr(drawing, "rasterise", counted)
    paths = []
    for n in range(9):
        paths.append(tmp_path / f"d{n}.svg")
        paths[-1].write_text(DRAWING.replace("2 mg", f"{n} mg"), encoding="utf-8")
    for _output in range(3):
        for path in paths:
            drawing.shown(path)
    assert len(calls) == 9
    refused = tmp_path / "refused.svg"
    refused.write_text(DRAWING, encoding="utf-8")
    for _ in range(2):
        with pytest.raises(PictureError, match="could not be drawn"):
            drawing.shown(refused)
    assert calls.count(f"{tmp_path.name}/refused.svg") == 1
