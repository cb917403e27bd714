"""Screen (PDF/UA-1) and press (PDF/X-4) renditions, checked on the finished files with pikepdf and poppler."""
from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from checks import font_violations, press_violations, safe_zone_violations, ua_violations
from conftest import flat
from weasyprint import HTML

from handouts.render.colors import GRAPHIC_PAIRS, TEXT_PAIRS, contrast
from handouts.render.templating import load_theme

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = (("fr", "fr-CA"), ("en", "en-CA"))
LETTER = (612, 792)


@pytest.mark.parametrize("name", ["leaflet.pdf", "card.pdf"])
@pytest.mark.parametrize("folder, lang", EDITIONS)
def test_screen_is_accessible_pdf_ua(built, folder, lang, name):
    path = built / "calcinose" / folder / name
    assert ua_violations(pikepdf.open(path), lang) == []


@pytest.mark.parametrize("name", ["leaflet.pdf", "card.pdf", "leaflet-press.pdf", "card-press.pdf"])
@pytest.mark.parametrize("folder, lang", EDITIONS)
def test_fonts_embedded_and_no_fallback(built, folder, lang, name):
    assert font_violations(built / "calcinose" / folder / name) == []


@pytest.mark.parametrize("name", ["leaflet.pdf", "card.pdf"])
def test_screen_has_no_bleed_margins_and_live_links(built, name):
    pdf = pikepdf.open(built / "calcinose" / "fr" / name)
    for page in pdf.pages:
        assert [float(v) for v in page.obj.MediaBox] == [0, 0, *LETTER]
        assert [float(v) for v in page.obj.get("/BleedBox", page.obj.MediaBox)] == [0, 0, *LETTER]
    uris = {str(a.A.URI) for page in pdf.pages for a in page.obj.get("/Annots", []) if "/A" in a}
    assert {"https://www.sclerodermamanitoba.com", "mailto:info@sclerodermamanitoba.com"} <= uris
    assert safe_zone_violations(built / "calcinose" / "fr" / name, safe_in=0.5) == []


def test_screen_leaflet_has_bookmarks_from_headings(built):
    def walk(items, depth=0):
        for item in items:
            yield depth, item.title
            yield from walk(item.children, depth + 1)

    with pikepdf.open(built / "calcinose" / "fr" / "leaflet.pdf") as pdf, pdf.open_outline() as outline:
        entries = [(depth, flat(title)) for depth, title in walk(outline.root)]
    assert entries[0] == (0, "La calcinose associée à la sclérodermie systémique")
    assert (1, "Comment traite-t-on la calcinose?") in entries and (2, "Mesures générales") in entries


@pytest.mark.parametrize("name", ["leaflet-press.pdf", "card-press.pdf"])
@pytest.mark.parametrize("folder, lang", EDITIONS)
def test_press_is_pdf_x4_with_bleed_marks_and_no_links(built, folder, lang, name):
    path = built / "calcinose" / folder / name
    assert press_violations(pikepdf.open(path), LETTER) == []
    assert safe_zone_violations(path) == []


def test_press_prints_dois_in_full(built):
    from conftest import flat, pdftotext
    text = flat(pdftotext(built / "calcinose" / "fr" / "leaflet-press.pdf")).replace(" ", "")
    assert "https://doi.org/10.1097/bor.0000000000000896" in text


def test_a4_paper_setting(tmp_path):
    from handouts.cli import main
    assert main(["--paper", "a4", "--output", str(tmp_path), "-q", "--only", "leaflet-press.pdf"]) == 0
    pdf = pikepdf.open(tmp_path / "a4" / "calcinose" / "fr" / "leaflet-press.pdf")
    assert press_violations(pdf, (595, 842)) == []


@pytest.mark.parametrize("text, background, minimum, use", TEXT_PAIRS + GRAPHIC_PAIRS)
def test_theme_contrast(text, background, minimum, use):
    palette = load_theme(ROOT / "templates").colors
    assert contrast(palette[text], palette[background]) >= minimum


# --- The checkers catch what they check: broken fixtures ---------------------------------------

def test_ua_checker_catches_skipped_heading_and_wrong_language(tmp_path):
    html = '<html lang="en"><title>T</title><h1>One</h1><h3>Three</h3></html>'
    HTML(string=html).write_pdf(tmp_path / "bad.pdf", pdf_variant="pdf/ua-1")
    problems = ua_violations(pikepdf.open(tmp_path / "bad.pdf"), "fr-CA")
    assert any(p.startswith("A5: heading level skips") for p in problems)
    assert any(p.startswith("A3") for p in problems)


def test_font_checker_catches_a_fallback_font(tmp_path):
    html = '<html lang="en"><title>T</title><p style="font-family: DejaVu Sans">Arrow → here</p></html>'
    HTML(string=html).write_pdf(tmp_path / "bad.pdf")
    assert any("fallback font" in p or "U+2192" in p for p in font_violations(tmp_path / "bad.pdf"))


def test_press_checker_catches_missing_bleed_marks_and_links(built, tmp_path):
    pdf = pikepdf.open(built / "calcinose" / "fr" / "card.pdf")  # the screen file is not a press file
    problems = press_violations(pdf, LETTER)
    assert any(p.startswith("P1") for p in problems)
    assert any(p.startswith("P2") for p in problems)
    assert any(p.startswith("P4") for p in problems)
    assert any(p.startswith("P6") for p in problems)


def test_safe_zone_checker_catches_text_near_the_trim(tmp_path):
    HTML(string="<p style='margin:0'>Edge</p>").write_pdf(tmp_path / "edge.pdf", stylesheets=None)
    from weasyprint import CSS
    HTML(string="<p style='margin:0'>Edge</p>").write_pdf(
        tmp_path / "edge.pdf", stylesheets=[CSS(string="@page { margin: 0.1in }")])
    assert safe_zone_violations(tmp_path / "edge.pdf")


def test_low_contrast_theme_fails_the_build(tmp_path):
    import shutil

    from handouts.cli import main
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    theme = tmp_path / "templates" / "theme.yaml"
    theme.write_text(theme.read_text().replace('muted: "#3d3d3d"', 'muted: "#b0b0b0"'))
    assert main(["--output", str(tmp_path / "out")], root=tmp_path) == 2
    assert not (tmp_path / "out").exists()
