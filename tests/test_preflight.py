"""The press files' colour and preflight (P1, P2, P5, P9, P10): the real files pass, and each rule
catches a real press file broken in one way with pikepdf. Independent readers: poppler's pdfimages
for the pictures' colour spaces, Ghostscript's CMYK rendering for the ink on paper."""
from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from test_blocks import birds_built

from handouts.cli import main
from handouts.render.pdf.preflight import preflight_problems
from handouts.render.templating import load_theme

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = load_theme(ROOT / "templates").press
PRESS = ["leaflet-press.pdf", "card-press.pdf"]


def problems_of(pdf: pikepdf.Pdf) -> list[str]:
    out = BytesIO()
    pdf.save(out)
    return preflight_problems(out.getvalue(), "card-press.pdf", SETTINGS)


@pytest.fixture
def card(built) -> pikepdf.Pdf:
    return pikepdf.open(built / "calcinose" / "fr" / "card-press.pdf")


def append(pdf: pikepdf.Pdf, ops: bytes) -> None:
    """Paint something more on page 1, inside the trim."""
    pdf.pages[0].contents_add(pikepdf.Stream(pdf, b"q " + ops + b" Q\n"))


def replace_in_page(pdf: pikepdf.Pdf, old: bytes, new: bytes) -> None:
    page = pdf.pages[0]
    page.contents_coalesce()
    data = page.obj.Contents.read_bytes()
    assert old in data
    page.obj.Contents.write(data.replace(old, new))


@pytest.mark.parametrize("name", PRESS)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_real_press_files_pass_the_preflight(built, lang, name):
    assert preflight_problems((built / "calcinose" / lang / name).read_bytes(), name, SETTINGS) == []


def test_output_intent_describes_the_theme_profile(built):
    pdf = pikepdf.open(built / "calcinose" / "fr" / "leaflet-press.pdf")
    (intent,) = pdf.Root.OutputIntents
    assert int(intent.DestOutputProfile.N) == 4
    assert str(intent.OutputConditionIdentifier) == SETTINGS.condition
    assert str(intent.Info) == SETTINGS.info
    assert intent.DestOutputProfile.read_bytes() == SETTINGS.path.read_bytes()


def test_text_is_100_percent_k_and_overprints(built):
    """Body text, captions and footer: 0 0 0 1, with /op true /OPM 1 in force (read by the preflight's painter)."""
    pdf = pikepdf.open(built / "calcinose" / "fr" / "leaflet-press.pdf")
    for page in pdf.pages:
        page.contents_coalesce()
    data = b"".join(p.obj.Contents.read_bytes() for p in pdf.pages)
    assert b"0 0 0 1 scn" in data and b"/HOP10 gs" in data
    assert not re.search(rb"\b0 0 0 0\.[5-9]\d* (scn|k)\b", data)   # no 89 % or 76 % black any more
    states = {str(k): v for p in pdf.pages for k, v in p.obj.Resources.ExtGState.items()}
    assert states["/HOP10"].op is True and states["/HOP10"].OPM == 1


@pytest.mark.parametrize("break_it, message", [
    (lambda pdf: setattr(pdf.Root.OutputIntents[0].DestOutputProfile, "N", 1),
     "output intent: the profile stream says /N 1 for a CMYK profile (/N 4)"),
    (lambda pdf: pdf.Root.OutputIntents[0].__delitem__("/OutputConditionIdentifier"),
     "output intent: no /OutputConditionIdentifier"),
    (lambda pdf: pdf.Root.OutputIntents[0].__delitem__("/DestOutputProfile"),
     "output intent: no embedded /DestOutputProfile"),
    (lambda pdf: pdf.Root.__delitem__("/OutputIntents"),
     "document: 0 PDF/X output intents (exactly one is needed)"),
    (lambda pdf: append(pdf, b"0.5 0.5 0.5 rg 100 100 50 50 re f"),
     "page 1: DeviceRGB colour 0.5 0.5 0.5 rg"),
    (lambda pdf: append(pdf, b"0.5 0.02 0 0 k 100 100 50 50 re f"),
     "page 1: a tint under 5% (M 2% in C50 M2 Y0 K0 k) drops out on press"),
    (lambda pdf: append(pdf, b"1 1 1 0.5 k 100 100 50 50 re f"),
     "page 1: fill in C100 M100 Y100 K50: total ink 350% is over 300 %"),
    (lambda pdf: replace_in_page(pdf, b"0 0 0 1 scn", b"0 0 0 0.89 scn"),
     "page 1: dark text in C0 M0 Y0 K89 (dark text and rules print in 100 % K)"),
    (lambda pdf: replace_in_page(pdf, b"0 0 0 1 scn", b"0.7 0.67 0.66 0.78 scn"),
     "page 1: dark text in C70 M67 Y66 K78 (dark text and rules print in 100 % K)"),
    (lambda pdf: [setattr(s, "op", False) for p in pdf.pages for k, s in p.obj.Resources.ExtGState.items()
                  if str(k).startswith("/HOP")],
     "page 1: text in 100 % K does not overprint (/op true /OPM 1 in its ExtGState)"),
    (lambda pdf: replace_in_page(pdf, b"/HOP10 gs", b""),
     "page 1: text in 100 % K does not overprint (/op true /OPM 1 in its ExtGState)"),
    (lambda pdf: add_rgb_image(pdf),
     "page 1 image /Rgb: an RGB image (/DeviceRGB); convert it to CMYK through the profile"),
    (lambda pdf: unembed_a_font(pdf), "is not embedded"),
    (lambda pdf: setattr(pdf.pages[0].obj, "BleedBox", pdf.pages[0].obj.TrimBox),
     "page 1: BleedBox extends 0.0 pt beyond the TrimBox (at least 9 pt)"),
    (lambda pdf: pdf.pages[0].obj.__delitem__("/TrimBox"), "page 1: no TrimBox"),
    (lambda pdf: setattr(pdf.pages[0].obj, "ArtBox", pdf.pages[0].obj.TrimBox),
     "page 1: both a TrimBox and an ArtBox (PDF/X allows one)"),
    (lambda pdf: setattr(pdf.pages[0].obj, "Group", pikepdf.Dictionary(
        Type=pikepdf.Name.Group, S=pikepdf.Name.Transparency, CS=pikepdf.Name.DeviceRGB)),
     "page 1: the page group blends in RGB"),
], ids=["N1", "no-condition", "no-profile", "no-intent", "rgb-operator", "tint-2", "total-ink", "k89-text",
        "rich-black-text", "no-overprint", "overprint-state-removed", "rgb-image", "font", "bleed", "trimbox",
        "artbox", "rgb-group"])
def test_preflight_catches_a_broken_press_file(card, break_it, message):
    assert problems_of(card) == []
    break_it(card)
    problems = problems_of(card)
    assert any(message in p for p in problems), problems


def add_rgb_image(pdf: pikepdf.Pdf) -> None:
    image = pikepdf.Stream(pdf, zlib.compress(b"\xe0\x70\x20" * 16), Type=pikepdf.Name.XObject,
                           Subtype=pikepdf.Name.Image, Width=4, Height=4, BitsPerComponent=8,
                           ColorSpace=pikepdf.Name.DeviceRGB, Filter=pikepdf.Name.FlateDecode)
    pdf.pages[0].obj.Resources.XObject.Rgb = image
    append(pdf, b"40 0 0 40 100 100 cm /Rgb Do")


def unembed_a_font(pdf: pikepdf.Pdf) -> None:
    font = next(iter(pdf.pages[0].obj.Resources.Font.values()))
    descriptor = (font.DescendantFonts[0] if font.Subtype == "/Type0" else font).FontDescriptor
    for key in ("/FontFile", "/FontFile2", "/FontFile3"):
        if key in descriptor:
            del descriptor[key]


def test_a_bad_press_file_fails_the_build_and_lands_nowhere(scratch, capsys):
    """Text colours left to the profile print in a grey of the black plate: the preflight stops the build."""
    theme = scratch / "templates" / "theme.yaml"
    theme.write_text(theme.read_text().replace("black: [ink, muted]", "black: []"))
    assert main(["--output", str(scratch / "out"), "-q", "--only", "leaflet-press.pdf"], root=scratch) != 0
    err = capsys.readouterr().err
    assert "leaflet-press.pdf: page 1: dark text in C0 M0 Y0 K96 (dark text and rules print in 100 % K)" in err
    assert not (scratch / "out").exists()


@pytest.mark.parametrize("setting, message", [
    ("profile: nowhere/none.icc", ("templates/theme.yaml: press.profile: 'nowhere/none.icc' is not an ICC profile "
                                  "of templates/ or of the system's color/icc folders")),
    ("profile: ghostscript/srgb.icc", ("templates/theme.yaml: press.profile: 'ghostscript/srgb.icc' is a RGB mntr "
                                      "profile (a CMYK output profile)")),
    ("total_ink: 900", "templates/theme.yaml: press.total_ink: 900 is not a percentage between 200 and 400"),
    ("black: [ink, inky]", "templates/theme.yaml: press.black: ['ink', 'inky'] is not a list of colour names of colors"),
])
def test_press_settings_are_validated(scratch, capsys, setting, message):
    theme = scratch / "templates" / "theme.yaml"
    key = setting.split(":")[0]
    theme.write_text(re.sub(rf"(?m)^  {key}:.*$", f"  {setting}", theme.read_text()))
    assert main(["--output", str(scratch / "out"), "--check"], root=scratch) == 2 or \
        main(["--output", str(scratch / "out")], root=scratch) == 2
    located = r"templates/theme\.yaml:\d+:\d+: " + re.escape(message.removeprefix("templates/theme.yaml: "))
    assert re.search(located, capsys.readouterr().err)


def test_a_print_shops_profile_in_templates_is_named_by_the_output_intent(scratch):
    shutil.copy(SETTINGS.path, scratch / "templates" / "shop.icc")
    theme = scratch / "templates" / "theme.yaml"
    text = re.sub(r"(?m)^  profile:.*$", "  profile: shop.icc", theme.read_text())
    text = re.sub(r"(?m)^  condition:.*$", "  condition: FOGRA39", text)
    theme.write_text(re.sub(r"(?m)^  registry:.*$", "  registry: http://www.color.org", text))
    assert main(["--output", str(scratch / "out"), "-q", "--strict", "--only", "card-press.pdf"], root=scratch) == 0
    pdf = pikepdf.open(next((scratch / "out").rglob("card-press.pdf")))
    (intent,) = pdf.Root.OutputIntents
    assert (str(intent.OutputConditionIdentifier), str(intent.RegistryName)) == ("FOGRA39", "http://www.color.org")


def test_pictures_are_cmyk_through_the_profile(tmp_path_factory):
    """A PNG of the topic, read back with poppler's pdfimages: CMYK in the press file, RGB on screen."""
    folder = birds_built(tmp_path_factory) / "en"

    def spaces(name: str) -> set[str]:
        listing = subprocess.run(["pdfimages", "-list", str(folder / name)], check=True, capture_output=True,
                                 text=True).stdout.splitlines()[2:]
        return {row.split()[5] for row in listing if row.split()[2] == "image"}

    assert spaces("leaflet-press.pdf") == {"cmyk"}
    assert spaces("leaflet.pdf") == {"rgb"}
    pdf = pikepdf.open(folder / "leaflet-press.pdf")
    image = next(obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"
                 and obj.get("/ColorSpace") == "/DeviceCMYK" and "/SMask" not in obj)   # the PNG (the drawing has alpha)
    c, m, y, _k = pikepdf.PdfImage(image).as_pil_image().getpixel((0, 0))
    assert c < 40 and m > 100 and y > 200   # the orange #e07020 is still orange


def ghostscript_cmyk(pdf: Path, tmp_path: Path) -> list[Image.Image]:
    """The trimmed pages as Ghostscript renders them in CMYK (an independent reader of the ink)."""
    subprocess.run(["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-dUseTrimBox", "-sDEVICE=tiff32nc", "-r40",
                    f"-sOutputFile={tmp_path}/page-%d.tif", str(pdf)], check=True)
    return [Image.open(p) for p in sorted(tmp_path.glob("page-*.tif"))]


@pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript (apt: ghostscript) is not installed")
@pytest.mark.parametrize("name", PRESS)
def test_ink_on_paper_read_by_ghostscript(built, tmp_path, name):
    """No pixel over the total ink limit; most solid black (the text) is black ink alone."""
    pages = ghostscript_cmyk(built / "calcinose" / "fr" / name, tmp_path)
    assert pages
    for page in pages:
        data = page.tobytes()
        pixels = [tuple(data[i:i + 4]) for i in range(0, len(data), 4)]
        assert max(sum(p) for p in pixels) <= 255 * SETTINGS.total_ink / 100 + 4
        solid_black = [p for p in pixels if p[3] == 255]
        k_alone = [p for p in solid_black if max(p[:3]) <= 30]   # over white or a pale tint; K overprints colours
        assert solid_black and len(k_alone) >= 0.8 * len(solid_black)
