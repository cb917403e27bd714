"""The summary card: exactly one page, with the summary, the key points, the references and contact."""
from __future__ import annotations

import pytest
from conftest import flat, pdftotext
from expected import FR_CONTACT, REFERENCES
from pypdf import PdfReader


@pytest.fixture(scope="module")
def card(built):
    return built / "calcinose" / "fr" / "card.pdf"


@pytest.fixture(scope="module")
def text(card) -> str:
    return flat(pdftotext(card))


def test_exactly_one_page(card):
    assert len(PdfReader(card).pages) == 1


@pytest.mark.parametrize("heading", ["En résumé", "Le traitement", "Les traitements en un coup", "Références"])
def test_sections(text, heading):
    assert heading in text


def test_summary_in_full(text):
    assert "La calcinose est une manifestation fréquente de la sclérodermie" in text
    assert "déterminer le traitement optimal de la calcinose." in text


@pytest.mark.parametrize("author, title, journal, year, doi", REFERENCES)
def test_references_compact_with_doi(text, author, title, journal, year, doi):
    assert author in text and journal in text and year in text
    assert f"https://doi.org/{doi}" in text.replace(" ", "")


def test_contact_and_date(text):
    assert all(item in text for item in FR_CONTACT)
    assert "avril 2024" in text
