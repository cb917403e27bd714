"""The deck's accessibility criteria (S1-S7), on the finished files and on deliberately broken copies."""
from __future__ import annotations

import pytest
from conftest import soffice_pdf
from deck_checks import deck_violations, furniture_violations, overflow_violations
from pptx import Presentation
from pptx.util import Inches, Pt
from pypdf import PdfReader

EDITIONS = (("fr", "fr-CA"), ("en", "en-CA"))


@pytest.fixture(scope="module")
def rendered(built, tmp_path_factory, font_env):
    """Each edition's deck and LibreOffice's PDF of it."""
    out = tmp_path_factory.mktemp("decks")
    return {folder: (built / "calcinose" / folder / "deck.pptx",
                     soffice_pdf(built / "calcinose" / folder / "deck.pptx", out / folder, font_env))
            for folder, _ in EDITIONS}


@pytest.mark.parametrize("folder, lang", EDITIONS)
def test_deck_meets_s1_to_s5(rendered, folder, lang):
    assert deck_violations(Presentation(str(rendered[folder][0])), lang) == []


@pytest.mark.parametrize("folder, lang", EDITIONS)
def test_deck_furniture_s9(rendered, folder, lang):
    assert furniture_violations(Presentation(str(rendered[folder][0])), lang) == []


def test_furniture_checker_catches_default_template(tmp_path):
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[1]).notes_slide.notes_text_frame.text = "notes"
    problems = furniture_violations(prs, "fr-CA")
    assert any("typed" in p for p in problems) and any("lang" in p for p in problems)
    assert any("slide number" in p for p in problems) and any("layout" in p for p in problems)


@pytest.mark.parametrize("folder, lang", EDITIONS)
def test_no_text_overflows_as_libreoffice_draws_it(rendered, folder, lang):
    deck, pdf = rendered[folder]
    prs = Presentation(str(deck))
    assert len(PdfReader(pdf).pages) == len(prs.slides)
    assert overflow_violations(prs, pdf) == []


def test_checker_catches_broken_deck(rendered, tmp_path):
    prs = Presentation(str(rendered["fr"][0]))
    slide = prs.slides[2]
    run = slide.placeholders[1].text_frame.paragraphs[0].runs[0]
    run.font.size = Pt(14)
    run.font._rPr.set("lang", "en-US")
    title = slide.shapes.title._element
    tree = slide.shapes._spTree
    tree.remove(title)
    tree.append(title)                                                 # the title is read last
    prs.core_properties.language = "en-US"
    problems = deck_violations(prs, "fr-CA")
    for code in ("S3", "S4", "S5"):
        assert any(p.startswith(code) for p in problems), code


def test_checker_catches_untitled_slide_picture_without_alt_and_overflow(tmp_path, font_env):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank: no title
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(0.5))
    box.text_frame.word_wrap = True
    box.text_frame.text = "Un texte bien trop long pour sa petite boîte, qui déborde en bas. " * 4
    from PIL import Image
    Image.new("RGB", (10, 10)).save(tmp_path / "p.png")
    slide.shapes.add_picture(str(tmp_path / "p.png"), Inches(5), Inches(1))
    prs.save(tmp_path / "bad.pptx")
    problems = deck_violations(prs, "fr-CA")
    assert any(p.startswith("S1") for p in problems) and any(p.startswith("S2") for p in problems)
    pdf = soffice_pdf(tmp_path / "bad.pptx", tmp_path, font_env)
    assert overflow_violations(prs, pdf)
