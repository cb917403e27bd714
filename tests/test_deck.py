"""The talk deck, reopened from disk with python-pptx, and converted by LibreOffice."""
from __future__ import annotations

import pytest
from conftest import flat, soffice_pdf
from expected import FR_CONTACT, FR_NUMBERS, FR_SLIDE_TITLES, REFERENCES
from pptx import Presentation
from pypdf import PdfReader


@pytest.fixture(scope="module")
def deck_path(built):
    return built / "calcinose" / "fr" / "deck.pptx"


@pytest.fixture(scope="module")
def deck(deck_path):
    return Presentation(str(deck_path))


def titles(deck) -> list[str]:
    return [flat(slide.shapes.title.text_frame.text) if slide.shapes.title is not None else "" for slide in deck.slides]


def slide_text(slide) -> str:
    return flat(" ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame))


def notes_text(slide) -> str:
    return flat(slide.notes_slide.notes_text_frame.text) if slide.has_notes_slide else ""


def test_sixteen_by_nine(deck):
    assert deck.slide_width * 9 == deck.slide_height * 16


def test_every_slide_titled_and_titles_unique(deck):
    names = titles(deck)
    assert all(name.strip() for name in names)
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("title", FR_SLIDE_TITLES)
def test_a_slide_per_section(deck, title):
    assert any(name == title or name.startswith(title + " (") for name in titles(deck))


def test_outline_summary_references_and_closing(deck):
    names = titles(deck)
    assert names[0] == "La calcinose associée à la sclérodermie systémique"
    assert names[1] == "Plan de la présentation"
    closing = slide_text(deck.slides[-1])
    assert all(item in closing for item in FR_CONTACT) and "Josée Fontaine" not in closing


def test_cover_names_authors_and_association(deck):
    """The authors by name on the cover, their positions in its notes (the speaker introduces them)."""
    cover = slide_text(deck.slides[0])
    for item in ("Dre Thaisa Cotton, MD", "Dre Sabrina Hoa", "Scleroderma Manitoba"):
        assert item in cover
    assert "Centre hospitalier de l'Université de Montréal" not in cover
    assert "Centre hospitalier de l'Université de Montréal" in notes_text(deck.slides[0])


def test_speaker_notes_on_every_content_slide(deck):
    for slide in list(deck.slides)[1:-1]:
        assert len(notes_text(slide)) > 20, slide.shapes.title.text_frame.text


def test_section_notes_carry_the_full_text(deck):
    notes = " ".join(notes_text(s) for s in deck.slides)
    assert "la plupart des lésions restant stables ou s'aggravant après un an." in notes
    assert "des études ayant des effectifs de patients plus importants." in notes


@pytest.mark.parametrize("number", FR_NUMBERS)
def test_every_number_in_slides_or_notes(deck, number):
    everything = " ".join(slide_text(s) + " " + notes_text(s) for s in deck.slides)
    assert number in everything


@pytest.mark.parametrize("author, title, journal, year, doi", REFERENCES)
def test_references_slide_lists_every_doi(deck, author, title, journal, year, doi):
    slide = next(s for s in deck.slides if s.shapes.title.text_frame.text.startswith("Références"))
    text = slide_text(slide)
    assert f"https://doi.org/{doi}" in text and author in text and journal in text and year in text


def test_bullets_at_least_24pt(deck):
    for slide in list(deck.slides)[1:]:
        bodies = [s for s in slide.placeholders if s.placeholder_format.idx == 1]
        for para in (p for body in bodies for p in body.text_frame.paragraphs):
            for run in para.runs:
                assert run.font.size.pt >= 24


def test_libreoffice_reads_one_page_per_slide(deck, deck_path, tmp_path, font_env):
    pdf = soffice_pdf(deck_path, tmp_path, font_env)
    assert len(PdfReader(pdf).pages) == len(deck.slides)
