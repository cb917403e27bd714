"""Both language editions from one build: each in its own language, with its own typography."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURE_SLUG, flat, pdftotext
from expected import EN_HEADINGS, EN_NUMBERS, FIXED, REFERENCES
from pptx import Presentation
from pypdf import PdfReader
from readback import pdf_drawn_text

from handouts.cli import main
from handouts.pipeline.outputs import OUTPUTS

ROOT = Path(__file__).resolve().parent.parent
PDFS = tuple(o.filename for o in OUTPUTS if o.format == "pdf")
DECKS = tuple(o.filename for o in OUTPUTS if o.format == "deck")


def deck_text(path: Path) -> str:
    prs = Presentation(str(path))
    parts = [shape.text_frame.text for slide in prs.slides for shape in slide.shapes if shape.has_text_frame]
    parts += [slide.notes_slide.notes_text_frame.text for slide in prs.slides if slide.has_notes_slide]
    return "\n".join(parts)


def pypdf_text(path: Path) -> str:
    """pypdf keeps U+00A0, which poppler turns into a plain space."""
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture(scope="module")
def texts(built) -> dict[tuple[str, str], str]:
    out = {}
    for lang in ("fr", "en"):
        folder = built / "calcinose" / lang
        for name in PDFS:
            out[lang, name] = flat(pdf_drawn_text(folder / name))  # a draft's diagonal mark kept apart
        out[lang, "deck.pptx"] = flat(deck_text(folder / "deck.pptx"))
    return out


@pytest.mark.parametrize("heading", EN_HEADINGS)
def test_english_leaflet_headings(texts, heading):
    assert heading in texts["en", "leaflet.pdf"]


@pytest.mark.parametrize("number", EN_NUMBERS)
def test_english_numbers_in_leaflet_and_deck(texts, number):
    assert number in texts["en", "leaflet.pdf"] and number in texts["en", "deck.pptx"]


@pytest.mark.parametrize("name", PDFS + DECKS)
def test_english_outputs_carry_the_references(texts, name):
    text = texts["en", name].replace(" ", "")
    for author, _, _journal, _year, doi in REFERENCES:
        assert author.replace(" ", "") in text and f"https://doi.org/{doi}" in text


@pytest.mark.parametrize("name", PDFS + DECKS)
@pytest.mark.parametrize("lang, other", [("fr", "en"), ("en", "fr")])
def test_no_fixed_string_of_the_other_language(texts, name, lang, other):
    text = texts[lang, name]
    leaked = [s for s in FIXED[other] if s in text]
    assert leaked == []
    assert any(s in text for s in FIXED[lang])


def test_translation_note_on_english_outputs(texts):
    for name in ("leaflet.pdf", "card.pdf", "deck.pptx"):
        assert "translation of the French edition of April 2024" in texts["en", name]


def test_percentages_per_locale(built):
    fr = pypdf_text(built / "calcinose" / "fr" / "leaflet.pdf")
    en = pypdf_text(built / "calcinose" / "en" / "leaflet.pdf")
    assert "45\u00a0%" in fr and "45%" in en and "45 %" not in en


@pytest.mark.parametrize("name", PDFS + DECKS)
def test_french_typography(built, name):
    path = built / "calcinose" / "fr" / name
    text = deck_text(path) if name.endswith(".pptx") else pypdf_text(path)
    assert "\u202f" not in text
    assert not re.search(r"\d[ \u202f]?%", text.replace("\u00a0%", "")), "a % without a no-break space"
    assert not re.search(r"[ \u00a0\u202f][?;!]", text), "a space before ? ; or ! (Canadian rule)"
    assert not re.search(r" :", text), "an ordinary space before a colon"
    assert "Première publication en ligne\u00a0:" in text or name.startswith(("card", "deck"))


def test_english_has_no_french_spacing(built):
    text = pypdf_text(built / "calcinose" / "en" / "leaflet.pdf")
    assert not re.search(r"[ \u00a0][?:;!%]", text)


def test_authors_listed_per_locale(texts):
    assert "Dre Thaisa Cotton et Dre Sabrina Hoa" in texts["fr", "card.pdf"]
    assert "Dr. Thaisa Cotton and Dr. Sabrina Hoa" in texts["en", "card.pdf"]


def test_pdf_and_deck_language_follow_the_edition(built):
    import pikepdf
    for lang, tag in (("fr", "fr-CA"), ("en", "en-CA")):
        assert str(pikepdf.open(built / "calcinose" / lang / "leaflet.pdf").Root.Lang) == tag
        assert Presentation(str(built / "calcinose" / lang / "deck.pptx")).core_properties.language == tag


def test_missing_catalog_entry_fails_with_the_list(project, capsys):
    po = project / "templates" / "locales" / "fr" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    text = text.replace('msgstr "Références"', 'msgstr ""').replace('msgstr "Plan de la présentation"', 'msgstr ""')
    po.write_text(text, encoding="utf-8")
    assert main(["--output", str(project / "out")], root=project) == 2
    err = capsys.readouterr().err
    po_lines = text.splitlines()
    lines = [n for n, line in enumerate(po_lines, 1) if line in ('msgid "Outline"', 'msgid "References"')]
    assert [line for line in err.splitlines() if "messages.po" in line] == [
        f"templates/locales/fr/LC_MESSAGES/messages.po:{lines[0]}:1: msgid 'Outline': untranslated (translate it)",
        f"templates/locales/fr/LC_MESSAGES/messages.po:{lines[1]}:1: msgid 'References': untranslated (translate it)"]
    assert not (project / "out").exists()


def test_a_third_language_needs_content_and_catalog_only(scratch, tmp_path):
    """Spanish, as an association would add it: a content file and a catalog, no code (on the synthetic topic)."""
    en = (scratch / "content" / FIXTURE_SLUG / "en.yaml").read_text(encoding="utf-8")
    (scratch / "content" / FIXTURE_SLUG / "es.yaml").write_text(en.replace("lang: en-CA", "lang: es-MX", 1),
                                                              encoding="utf-8")
    catalog = scratch / "templates" / "locales" / "es" / "LC_MESSAGES"
    catalog.mkdir(parents=True)
    english = (scratch / "templates" / "locales" / "en" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    spanish = english.replace('msgstr "References"', 'msgstr "Referencias"').replace("Language: en", "Language: es")
    (catalog / "messages.po").write_text(spanish, encoding="utf-8")
    assert main(["--output", str(tmp_path / "out"), "-q", "--strict"], root=scratch) == 0
    folder = tmp_path / "out" / FIXTURE_SLUG / "es"
    assert sorted(p.name for p in folder.iterdir()) == sorted(o.filename for o in OUTPUTS)
    assert "Referencias" in flat(pdftotext(folder / "leaflet.pdf"))
    assert "enero de 2025" in flat(pdftotext(folder / "leaflet.pdf"))
    assert str(__import__("pikepdf").open(folder / "leaflet.pdf").Root.Lang) == "es-MX"
