"""Pictures of the numbers, the pictogram and the QR codes, read back from the finished files."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from checks import struct_tags
from conftest import flat, pdftotext, soffice_pdf
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE

from handouts.cli import main

ROOT = Path(__file__).resolve().parent.parent
WEBSITE = "https://www.sclerodermamanitoba.com"
FR = "content/calcinose/fr.yaml"


def qr_codes(pdf: Path, page: int, tmp_path: Path) -> list[str]:
    """Decode every QR code of a rendered page with zbar, an independent reader."""
    png = tmp_path / f"{pdf.stem}-{page}"
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", "-f", str(page), "-l", str(page), str(pdf), str(png)],
                   check=True)
    image = next(tmp_path.glob(f"{png.name}*.png"))
    found = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True)
    return found.stdout.split()


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", ["leaflet.pdf", "leaflet-press.pdf", "card.pdf", "card-press.pdf"])
def test_qr_code_reads_back_as_the_website(built, tmp_path, lang, name):
    pdf = built / "calcinose" / lang / name
    last = len(pikepdf.open(pdf).pages)
    assert qr_codes(pdf, last, tmp_path) == [WEBSITE]
    assert "sclerodermamanitoba.com" in flat(pdftotext(pdf))  # the address printed beside it


def test_qr_code_on_the_closing_slide(built, tmp_path, font_env):
    deck = built / "calcinose" / "fr" / "deck.pptx"
    pdf = soffice_pdf(deck, tmp_path, font_env)
    assert qr_codes(pdf, len(Presentation(str(deck)).slides), tmp_path) == [WEBSITE]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_figures_are_tagged_with_alt_text_and_captions_stating_the_numbers(built, lang):
    """Each key figure's numbers are read in its Alt or its visible Caption (the alt does not repeat
    the caption, A12: together they say everything once)."""
    from test_structure import struct_tree
    pdf = pikepdf.open(built / "calcinose" / lang / "leaflet.pdf")
    alts = [str(t.get("/Alt", "")) for t in struct_tags(pdf) if str(t.S) == "/Figure"]
    assert len(alts) >= 4 and all(alts)   # the key figures' pictures and the QR code
    read = []   # the caption each Figure is in, or the one right after it

    def walk(node, caption=""):
        for i, kid in enumerate(node.kids):
            if kid.tag == "Figure":
                after = node.kids[i + 1] if i + 1 < len(node.kids) and node.kids[i + 1].tag == "Caption" else None
                read.append(caption or (" ".join(after.lines()) if after else ""))
            walk(kid, " ".join(kid.lines()) if kid.tag == "Caption" else caption)

    walk(struct_tree(built / "calcinose" / lang / "leaflet.pdf"))
    texts = [f"{alt} {caption}".replace("\u00a0", " ") for alt, caption in zip(alts, read)]
    for numbers in (("20", "40", "2", "4"), ("15", "13", "10")):   # its results are in its options table
        assert any(all(re.search(rf"\b{n}\b", text) for n in numbers) for text in texts), numbers
    assert ("genoux" if lang == "fr" else "knees") in " ".join(texts)


@pytest.mark.parametrize("name", ["leaflet.pdf", "leaflet-press.pdf", "card.pdf", "card-press.pdf"])
def test_pictures_are_vector_art(built, name):
    pdf = pikepdf.open(built / "calcinose" / "fr" / name)
    images = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
    assert images == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_deck_figures_are_native_and_described(built, lang):
    prs = Presentation(str(built / "calcinose" / lang / "deck.pptx"))
    shapes = [shape for slide in prs.slides for shape in slide.shapes]
    charts = [s.chart.chart_type for s in shapes if s.has_chart]
    assert XL_CHART_TYPE.BAR_CLUSTERED in charts and XL_CHART_TYPE.DOUGHNUT not in charts  # results are evidence cards
    bars = next(s.chart for s in shapes if s.has_chart and s.chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED)
    assert list(bars.plots[0].series[0].values) == [15, 13, 10]
    groups = [s for s in shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]
    assert groups and len(groups[0].shapes) == 20  # ten people, a head and a body each
    pictures = [s for s in shapes if s._element.tag.endswith("}pic")]  # a picture, or one in a placeholder
    assert len(pictures) == 1  # the QR code (in the closing layout's picture placeholder): the body sites are native
    slide = next(s for s in prs.slides if any(g.shape_type == MSO_SHAPE_TYPE.GROUP and
                                              g.shapes[0].shape_type == MSO_SHAPE_TYPE.FREEFORM for g in s.shapes))
    texts = {s.text_frame.text for s in slide.shapes if s.has_text_frame}
    assert {"mains", "avant-bras", "coudes", "genoux"} <= texts if lang == "fr" else \
        {"hands", "forearms", "elbows", "knees"} <= texts
    for shape in [s for s in shapes if s.has_chart] + groups + pictures:
        descr = shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
        assert descr and not descr.endswith(".png")


def test_figures_follow_the_content_not_the_template(project, tmp_path):
    """A corrected number in the content changes the chart: nothing is retyped in a template."""
    path = project / FR
    text = path.read_text(encoding="utf-8").replace("récurrence dans 15 % des cas", "récurrence dans 16 % des cas")
    text = text.replace("        value: 15\n", "        value: 16\n")
    path.write_text(text.replace("récurrence 15,", "récurrence 16,"), encoding="utf-8")  # its option and key point
    english = project / "content" / "calcinose" / "en.yaml"  # every edition states the same numbers
    text = english.read_text(encoding="utf-8").replace("recurrence in 15%", "recurrence in 16%")
    text = text.replace("        value: 15\n", "        value: 16\n").replace("recurrence 15,", "recurrence 16,")
    english.write_text(text, encoding="utf-8")
    assert main(["--output", str(tmp_path / "out"), "-q", "--strict", "--only", "deck.pptx"], root=project) == 0
    prs = Presentation(str(tmp_path / "out" / "calcinose" / "fr" / "deck.pptx"))
    bars = next(s.chart for slide in prs.slides for s in slide.shapes
                if s.has_chart and s.chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED)
    assert list(bars.plots[0].series[0].values) == [16, 13, 10]


def test_a_misquoted_key_figure_is_a_content_error(project, capsys):
    path = project / FR
    path.write_text(path.read_text(encoding="utf-8").replace("        value: 13\n", "        value: 31\n"),
                    encoding="utf-8")
    assert main(["--check"], root=project) == 2
    assert "31 is not in the quoted sentence (a number the source gives)" in capsys.readouterr().err


def drawing(pdf: Path) -> bytes:
    """Every decoded content stream of a PDF (pages and forms), where colours are set."""
    with pikepdf.open(pdf) as doc:
        streams = [obj for obj in doc.objects if isinstance(obj, pikepdf.Stream)]
        return b" ".join(s.read_bytes() for s in streams if s.get("/Type") != "/Metadata" and "/Length1" not in s)


def test_the_theme_restyles_every_output(project, tmp_path):
    theme = project / "templates" / "theme.yaml"
    text = theme.read_text(encoding="utf-8").replace('brand: "#0b4a66"', 'brand: "#6b1a4a"')
    text = text.replace("name: Scleroderma Manitoba", "name: Association Exemple")
    text = text.replace("https://www.sclerodermamanitoba.com", "https://exemple.org")
    theme.write_text(text, encoding="utf-8")
    (project / "templates" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#fff"/></svg>')
    theme.write_text(theme.read_text(encoding="utf-8").replace("  logo:", "  logo: logo.svg"), encoding="utf-8")
    read = ("leaflet.pdf", "card.pdf", "deck.pptx")
    assert main(["--output", str(tmp_path / "out"), "-q", "--strict", *(a for n in read for a in ("--only", n))],
                root=project) == 0
    folder = tmp_path / "out" / "calcinose" / "fr"
    for name in ("leaflet.pdf", "card.pdf"):
        text = flat(pdftotext(folder / name))
        assert "Association Exemple" in text and "exemple.org" in text
        assert "Publié d'abord par Scleroderma Manitoba, avril 2024" in text
        assert b"0.419608 0.101961 0.290196 rg" in drawing(folder / name)  # the new brand colour, #6b1a4a
    assert qr_codes(folder / "card.pdf", 1, tmp_path) == ["https://exemple.org"]
    prs = Presentation(str(folder / "deck.pptx"))
    assert str(prs.slides[0].shapes.title.text_frame.paragraphs[0].runs[0].font.color.rgb) == "6B1A4A"
    closing = " ".join(s.text_frame.text for s in prs.slides[-1].shapes if s.has_text_frame)
    assert "Association Exemple" in closing and "exemple.org" in closing


def test_a_theme_that_breaks_contrast_fails(project, capsys):
    theme = project / "templates" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace('light: "#d5dde2"', 'light: "#2a5060"'),
                     encoding="utf-8")
    assert main(["--check"], root=project) == 0  # content is fine: the theme is read when rendering
    assert main(["--output", str(project / "out")], root=project) == 2
    assert "colors.brand on colors.light (highlighted and plain marks of pictures) has contrast" in capsys.readouterr().err
