"""A picture is self-contained or refused (issue: pictures arrive by email like the text).

Each hostile or broken picture is put in the synthetic topic, as a content file names it; the build
must stop with one located line per edition naming the picture and the reason, exit 2, and leave the
previous outputs as they were. Behind that check, every renderer refuses the picture again, and the
deck's rasteriser loads nothing even from an SVG the check never saw.
"""
from __future__ import annotations

import base64
import zlib
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import FIXTURE_SLUG, snapshot
from PIL import Image

from handouts import child
from handouts.checks import pictures
from handouts.cli import main
from handouts.render import raster
from handouts.render.pdf.fetcher import ProjectFetcher, RefusedPicture
from handouts.render.web.page import project_file

HEAD = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="200" height="100" viewBox="0 0 200 100">')
SECRET = "/etc/hostname"


def png(width: int, height: int, colour: str = "#e07020") -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def bomb_png(width: int, height: int) -> bytes:
    """A valid PNG header for a huge picture with a tiny, highly compressed body (a decompression bomb)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([1, 0, 0, 0, 0])  # 1-bit grey
    rows = zlib.compress(b"\0" * ((width + 7) // 8 + 1) * min(height, 2000), 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def truncated_jpeg(size: tuple[int, int] = (400, 300)) -> bytes:
    buffer = BytesIO()
    Image.effect_noise(size, 80).convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()[: len(buffer.getvalue()) * 2 // 5]


def _plain_jpeg() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (200, 100), "#3060a0").save(buffer, "JPEG")
    return buffer.getvalue()


def _animated_png() -> bytes:
    """A PNG of two frames: its still picture green, its animation's frame red (a browser shows the red one)."""
    buffer = BytesIO()
    Image.new("RGB", (40, 40), "green").save(buffer, "PNG", save_all=True, default_image=True,
                                            append_images=[Image.new("RGB", (40, 40), "red")])
    return buffer.getvalue()


def many_scans_jpeg(scans: int = 70) -> bytes:
    """A progressive JPEG (Pillow writes 10 scans) with `scans` more scan headers before its end: each is another
    pass over every pixel to decode."""
    buffer = BytesIO()
    Image.new("RGB", (64, 64), "#3060a0").save(buffer, "JPEG", progressive=True)
    data = buffer.getvalue()
    return data[:-2] + (b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00") * scans + data[-2:]


def hollow_jpeg() -> bytes:
    """A 16 x 16 JPEG whose frame header says 12000 x 3333: a decoder fills the missing pixels with grey, silently."""
    buffer = BytesIO()
    Image.new("RGB", (16, 16), "#3060a0").save(buffer, "JPEG")
    data = bytearray(buffer.getvalue())
    at = data.index(b"\xff\xc0") + 5
    data[at:at + 4] = (3333).to_bytes(2, "big") + (12000).to_bytes(2, "big")
    return bytes(data)


def deep_png() -> bytes:
    buffer = BytesIO()
    Image.new("I;16", (200, 100), 30000).save(buffer, "PNG")
    return buffer.getvalue()


USE_BOMB = (HEAD + '<defs><g id="g0"><rect width="1" height="1"/></g>'
            + "".join(f'<g id="g{i}">' + f'<use href="#g{i - 1}"/>' * 10 + "</g>" for i in range(1, 6))
            + '</defs><use href="#g5"/></svg>')
EMBEDDED_BOMB = base64.b64encode(bomb_png(13_000, 13_000)).decode()
# name: (file name, bytes, what the message must say after the picture's name)
CLIPS = "".join(f'<clipPath id="c{i}" clip-path="url(#c{i + 1})"><rect width="9" height="9"/></clipPath>' for i in range(300))
CIRCLES, USES_OF_T, USES_OF_G = '<circle r="1"/>' * 100, '<use href="#t"/>' * 100, '<use href="#g"/>' * 90
LONG_SELECTORS = "".join("* " * 39 + f"rect.c{i} {{ fill: red }}" for i in range(200))   # 42 parts a rule
NOT_NTH = "".join(f".c{i}:not(:nth-child(2)) {{ fill: red }}" for i in range(400))        # 7 parts a rule
CASES = {
    "file URL": ("evil.svg", f'{HEAD}<image href="file://{SECRET}" width="9" height="9"/></svg>',
                 f"refers to 'file://{SECRET}' outside itself (in <image>)"),
    "bare path": ("evil.svg", f'{HEAD}<image href="{SECRET}" width="9" height="9"/></svg>',
                  f"refers to '{SECRET}' outside itself (in <image>)"),
    "sibling file": ("evil.svg", f'{HEAD}<image xlink:href="nest.png" width="9" height="9"/></svg>',
                     "refers to 'nest.png' outside itself (in <image>)"),
    "feImage": ("evil.svg", f'{HEAD}<filter id="f"><feImage xlink:href="{SECRET}"/></filter></svg>',
                f"refers to '{SECRET}' outside itself (in <feImage>)"),
    "use of another file": ("evil.svg", f'{HEAD}<use href="other.svg#part"/></svg>',
                            "refers to 'other.svg#part' outside itself (in <use>)"),
    "CSS url": ("evil.svg", f'{HEAD}<style>rect {{ fill: url("{SECRET}") }}</style></svg>',
                f"refers to '{SECRET}' outside itself (url() in <style>)"),
    "style attribute url": ("evil.svg", f'{HEAD}<rect style="fill:url(file:{SECRET})"/></svg>',
                            f"refers to 'file:{SECRET}' outside itself (url() in style of <rect>)"),
    "presentation attribute url": ("evil.svg", f'{HEAD}<rect filter="url(x.svg#f)"/></svg>',
                                   "refers to 'x.svg#f' outside itself (url() in filter of <rect>)"),
    "CSS import": ("evil.svg", f'{HEAD}<style>@import "theme.css";</style></svg>',
                   "has @import in its CSS (<style>), which may load another file"),
    "CSS escape": ("evil.svg", f'{HEAD}<style>rect {{ fill: u\\72l({SECRET}) }}</style></svg>',
                   "has an escaped character in its CSS (<style>)"),
    "external entity": ("evil.svg", f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY s SYSTEM "file://{SECRET}">]>'
                        f'{HEAD}<text y="20">&s;</text></svg>', "declares a document type or entities"),
    "stylesheet instruction": ("evil.svg", f'<?xml-stylesheet href="file://{SECRET}"?>{HEAD}</svg>',
                               "has a processing instruction (<?xml-stylesheet ...?>)"),
    "script": ("evil.svg", f"{HEAD}<script>alert(1)</script></svg>", "holds a script (<script>)"),
    "event handler": ("evil.svg", HEAD.replace("<svg ", '<svg onload="alert(1)" ') + "</svg>",
                      "holds a script (onload on <svg>)"),
    "HTML inside": ("evil.svg", f'{HEAD}<foreignObject><img xmlns="http://www.w3.org/1999/xhtml" src="{SECRET}"/>'
                    "</foreignObject></svg>", "holds a foreignObject (HTML inside the drawing)"),
    "embedded SVG": ("evil.svg", f'{HEAD}<image href="data:image/svg+xml;base64,PHN2Zy8+" width="9" height="9"/></svg>',
                     "refers to 'data:image/svg+xml;base64,PHN2Zy8+' outside itself (in <image>)"),
    "embedded bomb": ("evil.svg", f'{HEAD}<image href="data:image/png;base64,{EMBEDDED_BOMB}" width="9" height="9"/></svg>',
                      "embeds a picture in <image> that is too large (13000 x 13000 pixels"),
    "huge declared size": ("evil.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="20000" height="100"/>',
                           "declares a width of 20,000 pixels (at most 10,000)"),
    "huge size in inches": ("evil.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="5in" height="200in"/>',
                            "declares a height of 19,200 pixels (at most 10,000)"),
    "no size": ("evil.svg", '<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9"/></svg>',
                "has no width and no viewBox"),
    "too many elements": ("evil.svg", HEAD + '<rect width="1" height="1"/>' * 10_001 + "</svg>",
                          "has too many elements (more than 10,000"),
    "too deep": ("evil.svg", HEAD + "<g>" * 41 + "</g>" * 41 + "</svg>", "nests its elements too deep (more than 40"),
    "too much path data": ("evil.svg", HEAD + "".join(f'<path d="M0 0{" L1 1" * 2000}"/>' for _ in range(51)) + "</svg>",
                           "has too much path data (more than 500,000 characters"),
    "too large a file": ("evil.svg", HEAD + "<desc>" + "x" * 2_100_000 + "</desc></svg>",
                         "is too large (2.1 MB; at most 2 MB for an SVG"),
    "no SVG namespace": ("evil.svg", '<svg width="9" height="9"/>', "has no SVG namespace"),
    "PNG bomb": ("evil.png", bomb_png(13_000, 13_000), "is too large (13000 x 13000 pixels"),
    "PNG bomb past Pillow's limit": ("evil.png", bomb_png(40_000, 40_000), "is too large (far more than 40,000,000 pixels"),
    "truncated JPEG": ("evil.jpg", truncated_jpeg(), "is not a whole JPEG image (truncated; save it again as JPEG)"),
    "truncated large JPEG": ("evil.jpg", truncated_jpeg((1400, 1000)),   # decoded in a child, with a budget
                             "is not a whole JPEG image (truncated; save it again as JPEG)"),
    "damaged PNG": ("evil.png", png(50, 50)[:-30] + b"\0" * 30, "is not a whole PNG image (damaged"),
    "<use> bomb": ("evil.svg", USE_BOMB, "draws too many elements once its <use> and markers are expanded (more than 20,000"),
    "<use> of itself": ("evil.svg", HEAD + '<g id="a"><use href="#a"/></g></svg>',
                        "has a <use> or a reference that repeats itself"),
    "xml:base": ("evil.svg", f'{HEAD}<image xml:base="file:///etc/" href="#x" width="9" height="9"/></svg>',
                 "sets a base address (xml:base on <image>)"),
    "CSS after an element in <style>": ("evil.svg", f'{HEAD}<style>rect{{fill:red}}<g/>@import "{SECRET}";</style></svg>',
                                        "has elements inside its <style>"),
    "JPEG of many scans": ("evil.jpg", many_scans_jpeg(), "is a progressive JPEG of 80 scans (at most 64)"),
    "JPEG of far too little data": ("evil.jpg", hollow_jpeg(), "is not a whole JPEG image (its "),
    "16-bit PNG": ("evil.png", deep_png(), "has I;16 pixels (16 or 32 bits a channel)"),
    "huge font size": ("evil.svg", f'{HEAD}<text x="0" y="50" font-size="1e9">W</text></svg>',
                       "sets a font size of '1e9' (in font-size of <text>)"),
    "huge font size in CSS": ("evil.svg", f'{HEAD}<style>text {{ font-size: /**/2e6px }}</style><text>W</text></svg>',
                              "sets a font size of '2e6px'"),
    "font sizes multiplied": ("evil.svg", f'{HEAD}<g font-size="9000%"><text font-size="9000%">W</text></g></svg>',
                              "sets a font size of '9000%'"),
    "font shorthand": ("evil.svg", f'{HEAD}<text style="font: 10000000px sans-serif">W</text></svg>',
                       "sets a font size of '10000000px'"),
    "<use> bomb through xlink:href": ("evil.svg", USE_BOMB.replace('<use href="#g', '<use href="#g0" xlink:href="#g'),
                                      "draws too many elements once its <use> and markers are expanded"),
    "PNG of far more data than pixels": ("evil.png", (lambda data: data[:-12] + (b"\0\0\0\0zzZz" + zlib.crc32(b"zzZz")
                                         .to_bytes(4, "big")) * 400_000 + data[-12:])(png(200, 100)),
                                         "holds far more data than its 200 x 100 pixels (4.8 MB"),
    "JPEG of many segments": ("evil.jpg", (lambda data: data[:2] + b"\xff\xef\0\x02" * 2_000 + data[2:])(_plain_jpeg()),
                              "has more than 1,000 segments before its picture"),
    "animated PNG": ("evil.png", _animated_png(), "is an animation (2 frames)"),
    "a width past any number": ("evil.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="1e400" height="9"/>',
                                "declares a width of '1e400' pixels (at most 10,000)"),
    "an animation": ("evil.svg", f'{HEAD}<image id="i" width="9" height="9" href="data:image/png;base64,'
                     f'{base64.b64encode(png(4, 4)).decode()}"/><set href="#i" attributeName="href" to="file://{SECRET}"/></svg>',
                     "holds an animation (<set>), which a picture may not"),
    "an <image> of a part of the drawing": ("evil.svg", f'{HEAD}<rect id="r" width="5" height="5"/><image href=" #r" '
                                            'width="9" height="9"/></svg>', "names '#r' as the picture of its <image>"),
    "a marker at every point": ("evil.svg", f'{HEAD}<defs><marker id="m">{CIRCLES}</marker></defs>'
                                f'<path d="M0 0{" l1 1" * 3000}" marker-mid="url(#m)" stroke="black"/></svg>',
                                "draws too many elements once its <use> and markers are expanded (more than 20,000"),
    "a marker a stylesheet gives": ("evil.svg", f'{HEAD}<style>path {{ marker-mid: url(#m) }}</style><defs><marker id="m">'
                                    f'{CIRCLES}</marker></defs><path d="M0 0{" l1 1" * 3000}"/></svg>',
                                    "draws too many elements once its <use> and markers are expanded"),
    "a long text used many times": ("evil.svg", f'{HEAD}<defs><text id="t">{"W" * 5000}</text><g id="g">'
                                    f'{USES_OF_T}</g></defs>{USES_OF_G}</svg>',
                                    "draws too many elements once its <use> and markers are expanded"),
    "clips nested past any renderer": ("evil.svg", f'{HEAD}<defs>{CLIPS}<clipPath id="c300"><rect width="9" height="9"/>'
                                       '</clipPath></defs><rect width="50" height="50" clip-path="url(#c0)"/></svg>',
                                       "nests its <use> or references too deep (more than 160 levels"),
    "a pattern filled with itself": ("evil.svg", f'{HEAD}<defs><pattern id="p" width="9" height="9"><rect width="9" height="9" '
                                     'fill="url(#p)"/></pattern></defs><rect width="50" height="50" fill="url(#p)"/></svg>',
                                     "has a <use> or a reference that repeats itself"),
    "text the typeface cannot draw": ("evil.svg", f'{HEAD}<text x="5" y="50">Ωμέγα ☃</text></svg>',
                                      "draws text in characters the typeface does not have (U+03AD 'έ'"),
    "letters after a child of a text": ("evil.svg", f'{HEAD}<text x="5" y="50"><tspan>a</tspan>{"b" * 1_100_000}</text></svg>',
                                        "draws too many elements once its <use> and markers are expanded"),
    "letters the typeface lacks inside a link": ("evil.svg", f'{HEAD}<text x="5" y="50"><a>中文</a></text></svg>',
                                                 "draws text in characters the typeface does not have (U+4E2D"),
    "a switch": ("evil.svg", f'{HEAD}<switch><text systemLanguage="fr" y="9">Prenez 2</text><text y="9">Take 2</text>'
                             '</switch></svg>', "draws by condition (<switch> with <switch> or systemLanguage"),
    "a language condition": ("evil.svg", f'{HEAD}<text systemLanguage="en" y="9">Take 2</text></svg>',
                             "draws by condition (<text> with"),
    "a language condition in SVG's namespace": ("evil.svg", HEAD.replace("<svg ", '<svg xmlns:s="http://www.w3.org/2000/svg" ', 1)
                                                + '<text s:systemLanguage="xx" y="9">Take 2</text></svg>',
                                                "draws by condition (<text> with"),
    "a drawing as thin as a rule": ("evil.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="10000" height="1">'
                                    '<rect width="9" height="1"/></svg>', "is 10,000 times as wide as it is tall (at most 100)"),
    "a drawing of a hundredth of a pixel": ("evil.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="0.01" height="5">'
                                            '<rect width="9" height="9"/></svg>', "has a width of 0.01 pixels: too small"),
    "a scale by 1e20": ("evil.svg", f'{HEAD}<g transform="scale(1e20)"><rect width="1e-18" height="1e-18"/></g></svg>',
                        "has a number too large to draw ('1e20' in transform of <g>)"),
    "a tiny inner viewBox": ("evil.svg", f'{HEAD}<svg viewBox="0 0 1e-30 1e-30" width="10" height="10"><rect width="1" '
                                         'height="1"/></svg></svg>', "draws at a scale too small to show"),
    "a stroke 1e300 wide": ("evil.svg", f'{HEAD}<path d="M0 0L9 9" stroke="black" stroke-width="1e300"/></svg>',
                            "has a number too large to draw ('1e300' in stroke-width of <path>)"),
    "a scale by 1e-9 in a style": ("evil.svg", f'{HEAD}<style>rect {{ transform: scale(1e-9) }}</style><rect width="9" '
                                               'height="9"/></svg>', "draws at a scale too small to show"),
    "a costly stylesheet": ("evil.svg", f'{HEAD}<style>{LONG_SELECTORS}</style><rect width="9" height="9"/></svg>',
                            "has a stylesheet too costly to apply (8,"),
    "a stylesheet over many elements": ("evil.svg", f'{HEAD}<style>{NOT_NTH}</style>' + '<rect width="1" height="1"/>' * 3000
                                        + '</svg>',
                                        "has a stylesheet too costly to apply (2,800 selector parts over 3,002 elements)"),
    "an id twice": ("evil.svg", f'{HEAD}<g id="a"><rect width="1" height="1"/></g><rect id="a" width="2" height="2"/></svg>',
                    "gives the id 'a' to two elements"),
}


def add_picture(root: Path, name: str, data: str | bytes) -> None:
    folder = root / "content" / FIXTURE_SLUG
    (folder / name).write_bytes(data.encode() if isinstance(data, str) else data)
    for lang in ("fr", "en"):
        path = folder / f"{lang}.yaml"
        text = path.read_text(encoding="utf-8")
        at = text.index("    body:\n", text.index("  - id: where-to-hang")) + len("    body:\n")
        path.write_text(text[:at] + f"      - image: {name}\n        alt: x\n" + text[at:], encoding="utf-8")


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_picture_is_a_located_content_error(scratch, capsys, case):
    name, data, said = CASES[case]
    previous = scratch / "output" / FIXTURE_SLUG / "fr"
    previous.mkdir(parents=True)
    (previous / "leaflet.pdf").write_bytes(b"%PDF previous good output")
    add_picture(scratch, name, data)
    before = snapshot(scratch / "output")
    assert main([], root=scratch) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2, lines  # one a language edition, nothing else (no library warning, no traceback)
    for lang, line in zip(("en", "fr"), lines):
        assert line.startswith(f"content/{FIXTURE_SLUG}/{lang}.yaml:"), line
        assert f": sections[2].body[0].image: '{name}' {said}" in line, line
    assert snapshot(scratch / "output") == before


def test_a_picture_that_takes_too_long_to_decode_is_a_located_content_error(scratch, capsys, monkeypatch):
    """A large picture is decoded in a child process with a time budget (here made tiny): past it, the picture
    is refused by name, one line a language edition, exit 2."""
    monkeypatch.setattr(pictures, "DECODE_SECONDS", 0.001)
    assert 1200 * 1000 > pictures.IN_PROCESS_PIXELS
    add_picture(scratch, "slow.png", png(1200, 1000))
    assert main([], root=scratch) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and all(": sections[2].body[0].image: 'slow.png' took longer than 0.001 s to decode (save it "
                                   "again, smaller, as PNG or JPEG)" in line for line in lines), lines


def test_a_picture_whose_check_takes_too_long_is_a_located_content_error(scratch, capsys, monkeypatch):
    """The whole check of a picture in the build's own process (an SVG is parsed and walked there) has a time budget
    (made tiny here): past it, the picture is refused by name, one line a language edition, exit 2."""
    monkeypatch.setattr(pictures, "CHECK_SECONDS", 0.0001)
    pictures._remembered.cache_clear()
    drawing = HEAD + "".join(f'<rect x="{i}" y="{i % 50}" width="3" height="3" fill="#3060a0"/>' for i in range(3000))
    add_picture(scratch, "busy.svg", drawing + "</svg>")
    assert main([], root=scratch) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and all(": sections[2].body[0].image: 'busy.svg' took longer than 0.0001 s to check: "
                                   "simplify it, or save it again smaller" in line for line in lines), lines


def test_a_large_turned_photograph_is_turned_in_a_child_with_a_budget(monkeypatch):
    """Turning a large photograph upright (seconds and a gigabyte for 40 megapixels) is done in a child process with the
    decoding's budget (made tiny here): past it, the picture is refused by name. Within it, the photograph comes back
    upright, its JPEG about its own size (saved at a fixed quality, a large photograph grew past the size allowed)."""
    from handouts.checks import decode
    exif = Image.Exif()
    exif[0x0112] = 6
    buffer = BytesIO()
    noise = Image.effect_noise((1400, 800), 60).convert("RGB")
    noise.save(buffer, "JPEG", exif=exif.tobytes(), quality=70)
    data = buffer.getvalue()
    turned = Image.open(BytesIO(decode.upright(data, "JPEG")))
    assert turned.size == (800, 1400)
    assert len(decode.upright(data, "JPEG")) < 1.3 * len(data), (len(decode.upright(data, "JPEG")), len(data))
    calls = []
    real_run = child.run
    monkeypatch.setattr(child, "run", lambda module, args, *rest: calls.append(args) or real_run(module, args, *rest))
    assert pictures._upright(data, "JPEG", 1400 * 800) == decode.upright(data, "JPEG")
    assert ["upright", "JPEG"] in calls
    monkeypatch.setattr(pictures, "DECODE_SECONDS", 0.001)
    with pytest.raises(pictures.PictureError, match="took longer than 0.001 s to turn upright"):
        pictures._upright(data, "JPEG", 1400 * 800)


def test_a_picture_weasyprint_would_leave_out_fails_its_output(scratch, capsys, monkeypatch):
    """A picture WeasyPrint cannot draw (here the drawn picture's frame is made to hold a reference that sends
    WeasyPrint into a recursion): the PDF would ship without the picture, with a warning at most; it is a content
    error where the edition names the picture, naming the output."""
    from handouts.render import drawing
    odd = HEAD + '<image href="#/../../x" width="9" height="9"/><rect width="50" height="50"/></svg>'
    monkeypatch.setattr(drawing, "framed", lambda path: (odd.encode(), drawing.SVG_MIME))
    add_picture(scratch, "odd.svg", HEAD + '<rect width="50" height="50"/></svg>')
    assert main(["--only", "leaflet.pdf", "--jobs", "1"], root=scratch) == 2
    lines = capsys.readouterr().err.splitlines()
    assert sorted(lines) == [f"content/{FIXTURE_SLUG}/{lang}.yaml:{_named_at(scratch, lang, 'odd.svg')}: "
                             "sections[2].body[0].image: 'odd.svg' cannot go into "
                             f"{FIXTURE_SLUG}/{lang}/leaflet.pdf: WeasyPrint: Failed to render SVG image picture:odd.svg: the "
                             "picture would be left out; save it again as plain SVG or as PNG"
                             for lang in ("en", "fr")], lines
    assert not list((scratch / "output").rglob("leaflet.pdf")) if (scratch / "output").exists() else True


def test_a_picture_a_drawing_embeds_is_drawn_in_every_output(scratch):
    """An SVG with an embedded PNG (what a drawing program writes, and what the check accepts) is drawn with that
    PNG in the leaflet (WeasyPrint asks the project's fetcher for the data: URL; it was refused, and the picture
    left out), on the deck's slide and in the Word edition. The PNG's reference has spaces and a line break
    around its data, which renderers took differently."""
    inner = base64.b64encode(png(40, 20, "#1060c0")).decode()
    add_picture(scratch, "framed.svg", f'{HEAD}<rect width="200" height="100" fill="#fff"/><image href=" data:image/png;'
                                       f'base64,{inner[:20]}\n{inner[20:]} " x="50" y="25" width="100" height="50"/></svg>')
    assert main(["--only", "leaflet.pdf", "--only", "deck.pptx", "--only", "edition.docx", "-q"], root=scratch) == 0
    out = scratch / "output" / FIXTURE_SLUG / "en"
    blue = (0x10, 0x60, 0xc0)
    for found in (_pictures_of_pdf(out / "leaflet.pdf", scratch / "images"), _pictures_of_deck(out / "deck.pptx"),
                  _pictures_of_word(out / "edition.docx")):
        assert any(_has_colour(data, blue) for data in found), "the embedded PNG is not drawn"


def _named_at(root: Path, lang: str, name: str) -> str:
    """Line and column where the edition's content file names the picture `name`, read from the file."""
    lines = (root / "content" / FIXTURE_SLUG / f"{lang}.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.strip() == f"- image: {name}")
    return f"{line}:{lines[line - 1].index(name) + 1}"


def _pictures_of_pdf(path: Path, folder: Path) -> list[bytes]:
    """The pictures of a PDF as poppler's pdfimages writes them (PNG; a soft mask apart, as its own picture)."""
    import subprocess
    folder.mkdir(exist_ok=True)
    subprocess.run(["pdfimages", "-png", str(path), str(folder / "image")], check=True)
    return [found.read_bytes() for found in sorted(folder.glob("image-*.png"))]


def _pictures_of_deck(path: Path) -> list[bytes]:
    from pptx import Presentation
    return [shape.image.blob for slide in Presentation(str(path)).slides for shape in slide.shapes
            if shape.shape_type == 13]


def _pictures_of_word(path: Path, media: str = "image/png") -> list[bytes]:
    import docx
    return [part.blob for part in docx.Document(str(path)).part.package.parts if part.content_type == media]


def _has_colour(data: bytes, colour: tuple[int, int, int]) -> bool:
    with Image.open(BytesIO(data)) as image:
        return any(max(abs(a - b) for a, b in zip(pixel[:3], colour)) < 12
                   for _, pixel in image.convert("RGB").getcolors(1 << 20) or ())


def _jpeg(mode: str = "RGB") -> bytes:
    buffer = BytesIO()
    Image.new(mode, (200, 100), (0, 60, 100, 0) if mode == "CMYK" else "#3060a0").save(buffer, "JPEG")
    return buffer.getvalue()


def _with_exif(segment: bytes) -> bytes:
    """A JPEG with an Exif segment (its bytes after the APP1 marker and length) right after its start."""
    data = _jpeg()
    return data[:2] + b"\xff\xe1" + (len(segment) + 2).to_bytes(2, "big") + segment + data[2:]


def _png_at(dpi: float) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (400, 200), "#3060a0").save(buffer, "PNG", dpi=(dpi, dpi))
    return buffer.getvalue()


# Pictures the check accepts (their pixels whole) whose headers python-docx's own parsers cannot read: each ended
# the Word edition in an internal error, exit 3 (the second cold attack).
HEADERS_PYTHON_DOCX_CANNOT_READ = {
    "cmyk.jpg": _jpeg("CMYK"),                                       # no JFIF header
    "latin1.jpg": _with_exif(b"Exif\0\0MM\0*\0\0\0\x08\0\x01\x01\x0e\0\x02\0\0\0\x0d\0\0\0\x1a\0\0\0\0"
                             b"Caf\xe9 au lait\0"),                    # an Exif description in Latin-1
    "short.jpg": _with_exif(b"Exif\0\0MM\0*\0\0\0\x08\0\x10\x01\x12\0\x03\0\0\0\x01\0\x06\0\0"),  # 16 entries said, 1 held
    "no-app0.jpg": (lambda data: data[:3] + b"\0" + data[4:])(_jpeg()),   # its JFIF segment's marker byte zeroed
    "one-pixel-a-metre.png": _png_at(0.0254),
    "exif-not-tiff.png": (lambda buffer: (Image.new("RGB", (160, 120), "#3060a0").save(buffer, "PNG", exif=b"XX\0*\0\0\0\x08"),
                                          buffer.getvalue())[1])(BytesIO()),   # its Exif unreadable: it ended in exit 3
}


@pytest.mark.parametrize("name", list(HEADERS_PYTHON_DOCX_CANNOT_READ))
def test_a_picture_whose_headers_python_docx_cannot_read_goes_into_the_word_edition(scratch, name, capsys):
    """The Word edition carries it as a PNG of its pixels; its damaged Exif, left out of every output, is no warning
    (Pillow's "Corrupt EXIF data" was printed by the check and again by each output that opened the picture)."""
    add_picture(scratch, name, HEADERS_PYTHON_DOCX_CANNOT_READ[name])
    assert main(["--only", "edition.docx", "--only", "deck.pptx", "--only", "leaflet.pdf"], root=scratch) == 0
    assert "EXIF" not in capsys.readouterr().err.upper()
    import docx
    document = docx.Document(str(scratch / "output" / FIXTURE_SLUG / "en" / "edition.docx"))
    assert len(document.inline_shapes) >= 1


def test_a_drawings_text_is_in_the_projects_typeface_whatever_font_it_names(scratch):
    """An SVG's text names a font of the machine (by attribute, by style, by its stylesheet, generic or by name): the
    PDFs embed the project's typeface alone (DejaVu Serif was embedded, from the machine's fonts: the bytes depended
    on the machine)."""
    add_picture(scratch, "fonts.svg", f'{HEAD}<style>.m {{ font: 12px monospace }}</style>'
                                      '<text x="5" y="20" font-family="DejaVu Serif">Serif</text>'
                                      '<text x="5" y="50" style="font-family: serif; font-size: 14px">Style</text>'
                                      '<text x="5" y="80" class="m">Mono</text>'
                                      '<text x="5" y="90" font="9px DejaVu Serif">Attribute</text>'
                                      '<style>text.c {font-family/**/: "DejaVu Sans Mono"}</style>'
                                      '<text x="5" y="95" class="c">Comment</text></svg>')
    assert main(["--only", "leaflet.pdf", "-q"], root=scratch) == 0
    import subprocess
    listed = subprocess.run(["pdffonts", str(scratch / "output" / FIXTURE_SLUG / "en" / "leaflet.pdf")], capture_output=True,
                            text=True, check=True).stdout.splitlines()[2:]
    assert listed and all("Atkinson-Hyperlegible" in row.split()[0] for row in listed), listed


@pytest.mark.parametrize("said", ['style="filter: none"', 'filter="none"', 'style="fill: red; filter:none !important"',
                                  'fill="#3e9e99" transform="matrix(1 0 0 1 1e-9 0) rotate(90)" stroke-width="2e3"'])
def test_a_drawing_that_says_no_filter_passes(tmp_path, said):
    """"No filter" is no filter: only a filter that draws is refused; a colour's digits, a tiny offset and a wide
    stroke are numbers a drawing may have."""
    path = tmp_path / "plain.svg"
    path.write_text(f'{HEAD}<rect {said} width="9" height="9"/></svg>', encoding="utf-8")
    assert pictures.problem(path) is None


def test_a_black_pattern_goes_to_press(scratch):
    """An ordinary drawing of black dots in a pattern: its press file passes the preflight, the dots overprinting (the
    form inside the pattern fills in 100 % K with its stroke colour inherited, and was left knocking out: exit 1)."""
    add_picture(scratch, "dots.svg", f'{HEAD}<defs><pattern id="p" width="20" height="20" patternUnits="userSpaceOnUse">'
                                     '<circle cx="10" cy="10" r="5" fill="#000"/></pattern></defs>'
                                     '<rect width="400" height="300" fill="url(#p)"/></svg>')
    assert main(["--only", "leaflet-press.pdf", "-q"], root=scratch) == 0


ONCE_DRAWN_DIFFERENTLY = {   # each showed a text in one output and hid, reversed or clipped it in another when each
    # renderer drew the SVG itself (fourth to sixth attacks): now drawn once, by resvg, for every output
    "a blur": ('<filter id="f"><feGaussianBlur stdDeviation="3"/></filter><rect width="9" height="9" filter="url(#f)"/>', ""),
    "a colour matrix": ('<defs><filter id="w"><feColorMatrix values="0 0 0 0 1 0 0 0 0 1 0 0 0 0 1 0 0 0 1 0"/></filter>'
                        '</defs><text filter="url(#w)" y="9">Take 2</text>', ""),
    "a CSS filter": ('<style>rect { filter: blur(4px) }</style><rect width="9" height="9"/>', ""),
    "a filter in a style attribute": ('<rect style="filter:drop-shadow(2px 2px 2px black)" width="9" height="9"/>', ""),
    "a bidi override": ('<text y="9" direction="rtl" unicode-bidi="bidi-override">DOSE 12 mg</text>', "sets direction"),
    "an attribute selector": ('<style>[class^="q"] { visibility: hidden }</style><text class="q" y="9">20</text>',
                              "has a selector ('[class^=\"q\"]')"),
    "a pseudo-class": ('<style>text:nth-of-type(2) { opacity: 0 }</style><text y="9">30</text>', "has a selector"),
    "a sibling": ('<style>text ~ .z { fill-opacity: 0 }</style><text y="9">a</text><text class="z">40</text>',
                  "has a selector"),
    "an at-rule": ('<style>@media print { .h { display: none } }</style><text class="h" y="9">50</text>',
                   "has an at-rule (@media)"),
    "@supports": ('<style>@supports (display: grid) { .h { display: none } }</style><text class="h">5</text>',
                  "has an at-rule (@supports)"),
    "a mask": ('<mask id="m"><rect width="9" height="9"/></mask><text mask="url(#m)" y="9">20</text>', "uses a mask"),
    "a clip by the object's box": ('<clipPath id="c" clipPathUnits="objectBoundingBox"><rect width=".5" height="1"/>'
                                   '</clipPath><text clip-path="url(#c)" y="9">30 mg</text>', "clips by its object's box"),
    "a CSS clip shape": ('<text style="clip-path: inset(0 50% 0 0)" y="9">40 mg</text>', "sets clip-path"),
    "a CSS transform": ('<text style="transform: scale(0)" y="9">60</text>', "sets transform"),
    "a text transform": ('<style>.u { text-transform: uppercase }</style><text class="u" y="9">ml</text>',
                         "sets text-transform"),
    "flowed text": ('<flowRoot><flowRegion><rect width="9" height="9"/></flowRegion><flowPara>Take 2</flowPara>'
                    '</flowRoot>', "uses flowed text"),
    "an SVG font": ('<font><glyph unicode="a" d="M0 0H9V9z"/></font><text y="9">a</text>', "uses <font>, which not every"),
    "a text on a path": ('<path id="p" d="M0 9H90"/><text><textPath href="#p">Take 2</textPath></text>',
                         "uses <textPath>, which not every output draws alike"),
    "a text painted by a box-unit gradient": ('<linearGradient id="g"><stop offset="0" stop-color="#000"/></linearGradient>'
                                              '<linearGradient id="h" href="#g"/><text y="9" fill="url(#h)">Max 4 g</text>',
                                              "paints a text with a gradient in its box's units (#h)"),
    "a halo painted first": ('<text y="9" style="paint-order:stroke;stroke:#fff;stroke-width:6">Max 4 g</text>',
                             "sets paint-order"),
    "a placed drawing": ('<text y="9">Max 4 g</text>', "places the drawing itself"),
    "a tspan alone": ('<g><tspan x="1" y="9">Not for children</tspan></g>', "has a <tspan> outside any <text>"),
    "a stylesheet for print": ('<style media="print">.h { display: none }</style><text class="h" y="9">x</text>',
                               "has a stylesheet for one medium"),
    "a namespace selector": ('<style>*|text.h { display: none }</style><text class="h" y="9">x</text>', "has a selector"),
    "an invalid selector part": ('<style>.w, 5x { display: none }</style><text class="w" y="9">x</text>',
                                 "has a selector"),
    "a newer colour": ('<text y="9" fill="oklch(100% 0 0)">x</text>', "uses oklch()"),
    "a variable": ('<text y="9" style="fill: var(--w, white)">x</text>', "uses var()"),
    "a system colour": ('<text y="9" fill="Canvas">x</text>', "uses the system colour Canvas"),
    "word spacing": ('<text y="9" word-spacing="-8">1 0 mg</text>', "sets word-spacing"),
    "a blend mode": ('<text y="9" style="mix-blend-mode: difference">x</text>', "sets mix-blend-mode"),
    "a struck dose": ('<text y="9" text-decoration="line-through">10 mg</text>', "sets text-decoration"),
    "a use of no size": ('<symbol id="s"><text y="9">x</text></symbol><use href="#s" width="0" height="0"/>',
                         "has a <use> of no size"),
    "a font size under zero": ('<text y="9" font-size="-24">x</text>', "sets a font size under zero"),
    "a million dashes": ("".join(f'<circle r="{9_999_000 - i}" stroke="black" stroke-dasharray="0.01"/>' for i in range(3)),
                         "draws dashed lines of about"),
}


@pytest.mark.parametrize("case", list(ONCE_DRAWN_DIFFERENTLY))
def test_what_renderers_drew_differently_is_drawn_once_for_every_output(tmp_path, case):
    """Accepted, and drawn by resvg to the one PNG that every output places (tests/test_one_drawing.py reads the
    outputs back): there is no second renderer left to disagree."""
    from handouts.render import drawing
    body = ONCE_DRAWN_DIFFERENTLY[case][0]
    path = tmp_path / "once.svg"
    head = HEAD.replace("<svg ", '<svg x="250" ', 1) if case == "a placed drawing" else HEAD
    path.write_text(f"{head}{body}</svg>", encoding="utf-8")
    assert pictures.problem(path) is None
    with Image.open(BytesIO(drawing.shown(path).data)) as drawn:
        assert drawn.format == "PNG" and drawn.size == (2400, 1200)


@pytest.mark.parametrize("body", ['<style>.st0 { fill: #123456 } g > rect, #a text { stroke: red }</style>'
                                  '<g><rect class="st0" width="9" height="9"/></g>',
                                  '<clipPath id="c"><rect width="5" height="9" clip-rule="nonzero"/></clipPath>'
                                  '<rect clip-path="url(#c)" width="9" height="9" transform="rotate(10)"/>',
                                  '<path d="M0 0 L100 0" stroke="black" stroke-dasharray="4 2"/>',
                                  '<linearGradient id="u" gradientUnits="userSpaceOnUse" x1="0" x2="9"><stop offset="0" '
                                  'stop-color="rgb(1, 2, 3)"/></linearGradient><linearGradient id="b"><stop offset="1" '
                                  'stop-color="#abc"/></linearGradient><text y="9" fill="url(#u)" style="fill-opacity:0.9">'
                                  'x</text><rect width="9" height="9" fill="url(#b)" transform="translate(1 2) scale(2)"/>'])
def test_a_plain_drawing_of_names_classes_ids_clips_and_dashes_passes(tmp_path, body):
    path = tmp_path / "plain.svg"
    path.write_text(f"{HEAD}{body}</svg>", encoding="utf-8")
    assert pictures.problem(path) is None


def test_a_pngs_gamma_is_left_out_as_only_a_browser_applied_it():
    """A gamma of 0.2: the PDFs drew the pixels as they are, Chromium darkened them (the fifth cold attack)."""
    from handouts.checks.metadata import stripped
    buffer = BytesIO()
    Image.new("RGB", (8, 8), (100, 150, 200)).save(buffer, "PNG")
    data = buffer.getvalue()
    gamma = b"gAMA" + (20000).to_bytes(4, "big")
    at = data.index(b"IDAT") - 4
    data = data[:at] + (4).to_bytes(4, "big") + gamma + zlib.crc32(gamma).to_bytes(4, "big") + data[at:]
    assert b"gAMA" in data and b"gAMA" not in stripped(data, "PNG")


@pytest.mark.parametrize("name", ["inkscape.svg", "illustrator.svg"])
def test_the_drawings_programs_write_pass(name):
    """What Inkscape and Illustrator write on every drawing passes the rules above: neutral text properties
    (letter-spacing:0px, writing-mode:lr-tb, direction:ltr), x="0px" on the <svg>, gradients in user space, classes."""
    pictures._remembered.cache_clear()
    assert pictures.problem(Path(__file__).parent / "fixtures" / "drawings" / name) is None


def test_an_ordinary_drawing_passes_with_its_metadata(tmp_path):
    """What a drawing program writes (Inkscape's metadata, a gradient used by url(#id), <use href="#id">,
    an embedded PNG) is accepted, and its size is read from its root."""
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
           'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
           'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" width="210mm" height="50%" '
           'viewBox="0 0 300 200" inkscape:version="1.3"><sodipodi:namedview id="v"/>'
           '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>'
           '<rect id="r" width="10" height="10" style="fill:url(#g)"/><use xlink:href="#r" x="20"/>'
           f'<image href="data:image/png;base64,{base64.b64encode(png(4, 4)).decode()}" width="4" height="4"/></svg>')
    (tmp_path / "ok.svg").write_text(svg, encoding="utf-8")
    assert pictures.problem(tmp_path / "ok.svg") is None
    width, height = pictures.size(tmp_path / "ok.svg")
    assert round(width, 1) == round(210 * 96 / 25.4, 1) and height == 100


def test_every_renderer_refuses_a_picture_the_check_refuses(tmp_path):
    """The second wall: WeasyPrint's fetcher, the web page's embedder and the deck's picture loader
    each check the picture again, so a picture that reaches a renderer unchecked is refused there too."""
    from handouts.render.deck import blocks as deck_blocks
    evil = tmp_path / "evil.svg"
    evil.write_text(f'{HEAD}<image href="file://{SECRET}" width="9" height="9"/></svg>', encoding="utf-8")
    with pytest.raises(RefusedPicture, match="evil.svg refers to"):
        ProjectFetcher((tmp_path,)).fetch(evil.as_uri())
    with pytest.raises(pictures.PictureError, match="evil.svg refers to"):
        deck_blocks.picture_bytes(evil)
    with pytest.raises(pictures.PictureError, match="evil.svg refers to"):
        project_file("picture:evil.svg", SimpleNamespace(folders={"picture": tmp_path}), "page.html")
    with pytest.raises(RefusedPicture, match="evil.svg refers to"):
        ProjectFetcher((), folders={"picture": tmp_path}).fetch("picture:evil.svg")


def test_the_rasteriser_loads_nothing_even_from_an_unchecked_svg(tmp_path):
    """Behind the check, resvg is given the drawing without its references and an empty folder to read
    from: a red picture that an SVG names by absolute path, relative path or file URL never shows."""
    red = tmp_path / "red.png"
    red.write_bytes(png(40, 40, "#ff0000"))
    (tmp_path / "pictures").mkdir()
    for href in (str(red), red.as_uri(), "../red.png", "red.png"):
        svg = (f'{HEAD}<rect width="200" height="100" fill="#ffffff"/>'
               f'<image href="{href}" x="0" y="0" width="200" height="100"/>'
               f'<image xlink:href="{href}" x="0" y="0" width="200" height="100"/></svg>').encode()
        drawn = Image.open(BytesIO(raster.rasterise(svg, 200, "test.svg"))).convert("RGB")
        assert drawn.getpixel((100, 50)) == (255, 255, 255), href


def test_a_drawing_that_takes_too_long_is_a_picture_error(monkeypatch):
    monkeypatch.setattr(raster, "RASTER_SECONDS", 0.001)
    with pytest.raises(pictures.PictureError, match="took longer than"):
        raster.rasterise(f'{HEAD}<rect width="9" height="9"/></svg>'.encode(), 100, "slow.svg")


def test_a_drawing_past_its_budget_fails_the_outputs_that_draw_it_by_name(scratch, capsys, monkeypatch):
    """A drawing that the content check let through (made to here: the check draws each drawing too, see
    test_one_drawing.py) but the rasteriser cannot draw within its budget (made tiny): each output that draws it
    fails, its line located where the edition names the picture and naming the output, exit 2."""
    from handouts.render import drawing
    monkeypatch.setattr(drawing, "problem", lambda path: None)
    monkeypatch.setattr(raster, "RASTER_SECONDS", 0.001)
    add_picture(scratch, "slow.svg", f'{HEAD}<rect width="50" height="50"/></svg>')
    assert main(["--only", "deck.pptx", "--jobs", "1"], root=scratch) == 2
    assert sorted(capsys.readouterr().err.splitlines()) == [
        f"content/{FIXTURE_SLUG}/{lang}.yaml:{_named_at(scratch, lang, 'slow.svg')}: sections[2].body[0].image: 'slow.svg' "
        f"cannot go into {FIXTURE_SLUG}/{lang}/deck.pptx: could not be drawn (took longer than 0.001 s): "
        "simplify the drawing or save it as PNG" for lang in ("en", "fr")]


def test_the_same_project_gives_the_same_bytes_in_any_folder(tmp_path):
    """A topic with a PNG and a JPEG, built from two folders of different names and depths: every output
    has the same bytes (a picture's resource name in the PDFs comes from its name, not its path)."""
    from conftest import make_scratch
    outputs = []
    for place in ("a", "deeper/b-with-a-longer-name"):
        root = make_scratch(tmp_path / place)
        add_picture(root, "nest.png", png(120, 80))
        buffer = BytesIO()
        Image.new("RGB", (90, 60), "#3060a0").save(buffer, "JPEG")
        add_picture(root, "photo.jpg", buffer.getvalue())
        assert main(["-q", "--force"], root=root) == 0
        outputs.append(snapshot(root / "output"))
    assert sorted(outputs[0]) == sorted(outputs[1])
    assert any(name.endswith(".pdf") for name in outputs[0])
    differ = [name for name in outputs[0] if outputs[0][name] != outputs[1][name]]
    assert differ == []


@pytest.mark.parametrize(("said", "status", "reason"), [
    ("\nthread '<unknown>' has overflowed its stack\nfatal runtime error: stack overflow\n", -6,
     "could not be done: it nests deeper than its renderer can go"),
    ("memory allocation of 40000000000 bytes failed\n", -6, "could not be done within 2 GB"),
    ("Traceback (most recent call last):\nMemoryError\n", 1, "could not be done within 2 GB"),
    ("thread 'main' panicked at src/lib.rs:1:1:\nbad path\nnote: run with `RUST_BACKTRACE=1` environment variable to "
     "display a backtrace\n", 101, "could not be done (bad path)"),
    ("", -11, "could not be done (its renderer stopped, status -11)"),
])
def test_a_childs_failure_is_said_in_words(said, status, reason):
    """A renderer that stops says why in words: a stack overflow was said as a memory overrun, with Rust's
    note about backtraces (the second cold attack)."""
    from handouts import child
    assert child.failure(said, status, 2 * 1024 ** 3) == reason


def test_a_turned_photograph_is_upright_in_every_output(scratch):
    """A photograph saved as a phone saves it (its pixels landscape, its Exif saying: turn it a quarter): every output
    shows it upright, portrait (the PDFs turned it; the deck and the Word edition placed it landscape)."""
    buffer = BytesIO()
    picture = Image.new("RGB", (400, 200), "#3060a0")
    picture.paste(Image.new("RGB", (40, 200), "#e07020"), (0, 0))   # an orange band on its left edge
    exif = Image.Exif()
    exif[0x0112] = 6
    picture.save(buffer, "JPEG", exif=exif.tobytes(), quality=95)
    add_picture(scratch, "turned.jpg", buffer.getvalue())
    assert main(["--only", "leaflet.pdf", "--only", "deck.pptx", "--only", "edition.docx", "-q"], root=scratch) == 0
    out = scratch / "output" / FIXTURE_SLUG / "en"
    import subprocess
    listed = subprocess.run(["pdfimages", "-list", str(out / "leaflet.pdf")], capture_output=True, text=True, check=True)
    assert any(row.split()[3:5] == ["200", "400"] for row in listed.stdout.splitlines()[2:]), listed.stdout
    orange = (0xe0, 0x70, 0x20)
    for found in (_pictures_of_deck(out / "deck.pptx"), _pictures_of_word(out / "edition.docx", "image/jpeg")):
        shown = [Image.open(BytesIO(data)) for data in found if _has_colour(data, orange)]
        assert shown and all(image.height > image.width for image in shown), [image.size for image in shown]


def _published_bytes(folder: Path) -> Iterator[tuple[str, bytes]]:
    """Every byte an output carries, unpacked: a PDF's streams (raw and decoded), a zip's members (deck, Word
    edition), a web page's embedded pictures (decoded from base64), and each file itself."""
    import re
    import zipfile

    import pikepdf
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        yield path.name, data
        if path.suffix == ".pdf":
            with pikepdf.open(path) as pdf:
                for obj in pdf.objects:
                    if isinstance(obj, pikepdf.Stream):
                        yield path.name, obj.read_raw_bytes()
                        try:
                            yield path.name, obj.read_bytes()
                        except pikepdf.PdfError:   # a filter pikepdf does not decode (DCT): its raw bytes are read
                            pass
        elif path.suffix in (".pptx", ".docx"):
            with zipfile.ZipFile(path) as packed:
                for member in packed.namelist():
                    yield f"{path.name}/{member}", packed.read(member)
        elif path.suffix == ".html":
            for found in re.finditer(rb"base64,([A-Za-z0-9+/=]+)", data):
                yield path.name, base64.b64decode(found[1])


def test_a_photographs_metadata_is_not_published(scratch):
    """A phone writes where a photograph was taken (GPS), when and with which device into its Exif; an editor's
    program adds comments, XMP and text chunks. None of it reaches any output (JPEG bytes were copied as they are
    into the PDFs, the deck and the Word edition); the pictures are drawn all the same."""
    secret = b"WHERE-IT-WAS-TAKEN-45.5017N"
    exif = Image.Exif()
    exif[0x010E] = secret.decode()           # ImageDescription
    exif[0x8825] = {2: (45.0, 30.0, 6.0)}    # GPSInfo: latitude
    jpeg = BytesIO()
    Image.new("RGB", (240, 160), "#3060a0").save(jpeg, "JPEG", exif=exif.tobytes(), comment=secret, quality=90)
    with_xmp = jpeg.getvalue()
    xmp = b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>" + secret + b"</x:xmpmeta>"
    with_xmp = with_xmp[:2] + b"\xff\xe1" + (len(xmp) + 2).to_bytes(2, "big") + xmp + with_xmp[2:]
    from PIL import PngImagePlugin
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", secret.decode())
    text.add_itxt("Location", secret.decode(), zip=True)
    png_data = BytesIO()
    Image.new("RGB", (200, 120), "#e07020").save(png_data, "PNG", pnginfo=text, exif=exif.tobytes())
    add_picture(scratch, "phone.jpg", with_xmp)
    add_picture(scratch, "screen.png", png_data.getvalue())
    assert secret in with_xmp and secret in png_data.getvalue()
    only = ["--only", "leaflet.pdf", "--only", "deck.pptx", "--only", "edition.docx", "--only", "page.html"]
    assert main([*only, "-q"], root=scratch) == 0
    out = scratch / "output" / FIXTURE_SLUG / "en"
    found = [name for name, data in _published_bytes(out) if secret in data or secret.hex().encode() in data]
    assert found == []
    blue, orange = (0x30, 0x60, 0xa0), (0xe0, 0x70, 0x20)
    for colour in (blue, orange):
        assert any(_has_colour(data, colour) for data in _pictures_of_deck(out / "deck.pptx")), colour


def _hidden_metadata() -> dict[str, tuple[str, bytes]]:
    """Pictures that carry a secret where a walk to the first scan or through upper-case chunks left it (the fourth
    cold attack): after the picture's end, between a progressive JPEG's scans, in a private critical PNG chunk."""
    secret = b"SECRET-GPS-45.5N"
    exif = Image.Exif()
    exif[0x010F] = secret.decode()   # the camera's make
    plain, tagged, progressive, png_data = BytesIO(), BytesIO(), BytesIO(), BytesIO()
    picture = Image.effect_noise((96, 64), 50).convert("RGB")
    picture.save(plain, "JPEG")
    picture.save(tagged, "JPEG", exif=exif.tobytes())
    picture.save(progressive, "JPEG", progressive=True)
    scans = progressive.getvalue()
    second = scans.index(b"\xff\xda", scans.index(b"\xff\xda") + 2)   # before the second scan's header
    comment = b"\xff\xfe" + (len(secret) + 2).to_bytes(2, "big") + secret
    picture.save(png_data, "PNG")
    png = png_data.getvalue()
    private = b"LEAK" + secret
    chunk = len(secret).to_bytes(4, "big") + private + zlib.crc32(private).to_bytes(4, "big")
    at = png.index(b"IDAT") - 4
    return {"after its end": ("JPEG", plain.getvalue() + tagged.getvalue() + secret),
            "between its scans": ("JPEG", scans[:second] + comment + scans[second:]),
            "after IEND": ("PNG", png + chunk + secret),
            "in a private critical chunk": ("PNG", png[:at] + chunk + png[at:])}


@pytest.mark.parametrize("case", list(_hidden_metadata()))
def test_metadata_hidden_past_the_first_scan_or_the_end_is_left_out_too(case):
    from handouts.checks.metadata import stripped
    kind, data = _hidden_metadata()[case]
    assert b"SECRET-GPS" in data
    after = stripped(data, kind)
    assert b"SECRET-GPS" not in after
    assert Image.open(BytesIO(after)).tobytes() == Image.open(BytesIO(data)).tobytes()


@pytest.mark.parametrize("kind", ["JPEG", "PNG"])
def test_leaving_out_the_metadata_keeps_every_pixel_and_the_colour_profile(kind):
    """What draws the picture stays: the same pixels decoded, its colour profile and density kept."""
    from PIL import ImageCms

    from handouts.checks.metadata import stripped
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    exif = Image.Exif()
    exif[0x010E] = "a description"
    buffer = BytesIO()
    Image.effect_noise((64, 48), 40).convert("RGB").save(buffer, kind, exif=exif.tobytes(), icc_profile=profile,
                                                         dpi=(150, 150))
    before, after = buffer.getvalue(), stripped(buffer.getvalue(), kind)
    assert len(after) < len(before) and b"a description" not in after
    old, new = Image.open(BytesIO(before)), Image.open(BytesIO(after))
    assert new.tobytes() == old.tobytes()
    assert new.info.get("icc_profile") == profile and round(new.info["dpi"][0]) == 150
    assert not new.getexif()


def test_an_output_past_its_time_stops_with_a_line_naming_it(scratch, capsys, monkeypatch):
    """The last wall: whatever keeps a renderer busy in the build's own process (WeasyPrint draws an SVG there) stops
    its output when the output's time is up (made tiny here), one line an output naming the edition's drawings (the
    suspects: a costly stylesheet ran out the time with no picture named), exit 2, nothing of it written."""
    from handouts import overtime
    add_picture(scratch, "busy.svg", f'{HEAD}<rect width="9" height="9"/></svg>')
    monkeypatch.setattr(overtime, "OUTPUT_SECONDS", 0.001)
    assert main(["--only", "leaflet.pdf", "--jobs", "1"], root=scratch) == 2
    lines = capsys.readouterr().err.splitlines()
    assert sorted(lines) == [f"{FIXTURE_SLUG}/{lang}/leaflet.pdf: took longer than 0.001 s to make: a picture of its "
                             "edition (busy.svg) may be too complex to draw (simplify it or save it as PNG), or its text "
                             "too long" for lang in ("en", "fr")], lines
    assert not list((scratch / "output").rglob("leaflet.pdf")) if (scratch / "output").exists() else True
