"""The leaflet, read back with pypdf and with poppler's pdftotext."""
from __future__ import annotations

import re

import pytest
from conftest import flat, pdftotext
from expected import FR_CONTACT, FR_HEADINGS, FR_NUMBERS, REFERENCES
from pypdf import PdfReader

from handouts.pipeline.outputs import LEAFLET_PAGES

LETTER = (612, 792)


@pytest.fixture(scope="module")
def leaflet(built):
    return built / "calcinose" / "fr" / "leaflet.pdf"


@pytest.fixture(scope="module")
def text(leaflet) -> str:
    return flat(pdftotext(leaflet))


def test_letter_pages_within_budget(leaflet):
    reader = PdfReader(leaflet)
    assert 1 <= len(reader.pages) <= LEAFLET_PAGES
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == LETTER


@pytest.mark.parametrize("heading", FR_HEADINGS)
def test_every_heading_in_order(text, heading):
    assert flat(heading) in text


def test_headings_keep_the_source_order(leaflet):
    """In reading order, as the PDF's bookmarks give it (poppler's text order follows columns loosely)."""
    def titles(items):
        for item in items:
            yield from titles(item) if isinstance(item, list) else [flat(item.title)]

    outline = list(titles(PdfReader(leaflet).outline))
    sections = [flat(h) for h in FR_HEADINGS if h != "En résumé"]  # the summary is set apart up front
    assert [h for h in outline if h in sections] == sections


@pytest.mark.parametrize("number", FR_NUMBERS)
def test_every_number_of_the_source(text, number):
    assert number in text


@pytest.mark.parametrize("author, title, journal, year, doi", REFERENCES)
def test_every_reference_with_doi_link(leaflet, text, author, title, journal, year, doi):
    unhyphenated = re.sub(r"-\s*", "", text)  # poppler drops the hyphen of a word split over two lines
    assert author in text and flat(title).replace("-", "") in unhyphenated
    assert journal in text and year in text
    assert f"https://doi.org/{doi}" in text.replace(" ", "")
    links = [a["/A"].get("/URI") for page in PdfReader(leaflet).pages for a in
             (x.get_object() for x in page.get("/Annots", [])) if "/A" in a]
    assert f"https://doi.org/{doi}" in links


def test_footer_on_every_page(leaflet):
    reader = PdfReader(leaflet)
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, 1):
        page_text = flat(page.extract_text())
        assert all(item in page_text for item in FR_CONTACT)
        assert "avril 2024" in page_text
        assert f"page {number} / {total}" in page_text


def test_title_and_authors_and_no_thanks_for_photos_it_does_not_carry(text):
    assert "La calcinose associée à la sclérodermie systémique" in text
    assert "Dre Thaisa Cotton, MD" in text and "Dre Sabrina Hoa, MD MSc FRCPC" in text
    assert "Centre hospitalier de l'Université de Montréal" in text
    assert "Josée Fontaine" not in text  # the article's photos were not provided: no output thanks for them


def test_source_misspellings_corrected(text):
    assert "sclérodémie" not in text and "dans la cadre" not in text


def test_body_font_is_atkinson_at_least_12pt(leaflet):
    runs: list[tuple[str, float]] = []  # (font, size in pt) of every run of prose

    def visit(text_, cm, tm, font, size):
        if len(text_.strip()) > 20 and font is not None:
            runs.append((str(font["/BaseFont"]), round(size * abs(tm[0] * cm[0] or 1), 1)))

    for page in PdfReader(leaflet).pages:
        page.extract_text(visitor_text=visit)
    assert runs and all("Atkinson-Hyperlegible" in font for font, _ in runs)
    sizes = [size for _, size in runs]
    assert max(set(sizes), key=sizes.count) >= 12  # the body's size is the commonest one
    assert min(sizes) >= 9  # references and footer


# "Also available": the leaflets say what else the build makes of the edition and in which other languages, with the
# association's address (a live link on screen, plain words in print), from the build's plan.
ALSO_IN = ("leaflet.pdf", "leaflet-large.pdf", "leaflet-press.pdf")


def also_line(pdf) -> str:
    """The 'Also available' sentence of a leaflet, as poppler reads it (from its first words to its full stop)."""
    text = flat(pdftotext(pdf))
    found = re.search(r"(Also available|Aussi offert) ?:.*?\.(?= |$)(?<!www\.)", text)
    assert found, f"{pdf}: no 'also available' line"
    return found[0]


def uris(pdf) -> list[str]:
    return [str(a.get_object().get("/A", {}).get("/URI", "")) for page in PdfReader(pdf).pages
            for a in page.get("/Annots", []) or []]


def also_problems(folder, edition, gettext, website: str, label: str) -> list[str]:
    """What the folder's leaflets' line lacks or says wrongly: each other offered file the folder holds, none it does
    not, each other language of the topic the build made, the address; a link to it in every screen file only."""
    from babel import Locale

    from handouts.pipeline.outputs import OUTPUTS, by_filename
    problems = []
    others = [p.name for p in folder.parent.iterdir() if p != folder and any(p.iterdir())]
    for name in ALSO_IN:
        if not (folder / name).is_file():
            continue
        line = also_line(folder / name).lower()
        for output in OUTPUTS:
            if output.offered and output.filename != name:
                said = flat(gettext(output.offer)).lower() in line
                if said != (folder / output.filename).is_file():
                    problems.append(f"{name}: {output.filename} {'said but not made' if said else 'made but not said'}")
        for other in others:
            spoken = Locale.parse(other).get_language_name(edition.locale).lower()
            if spoken not in line:
                problems.append(f"{name}: the {other} edition is not said ({spoken!r})")
        if flat(label).lower() not in line:
            problems.append(f"{name}: no address")
        linked = any(uri.rstrip("/") == website.rstrip("/") for uri in uris(folder / name))
        if linked == by_filename(name).press:
            problems.append(f"{name}: {'a link in print' if linked else 'no live link to the address'}")
    return problems


def test_the_leaflets_say_what_else_the_build_makes_of_them(built, tmp_path):
    """On the real article (every output made) and on a made-up one built with the leaflets and the card alone
    (no deck, no Word text): each leaflet names exactly the other files made and the other languages."""
    from articles import built_in_two_languages, edition_of
    from conftest import ROOT

    from handouts.render.i18n import translations_for
    from handouts.render.templating import load_theme
    contact = load_theme(ROOT / "templates").contact
    made_up = built_in_two_languages(tmp_path, ROOT / "templates", only=(*ALSO_IN, "card.pdf"), sections=2,
                                     figures=("icons",))
    cases = [(built / "calcinose" / lang, edition_of(ROOT / "content", "calcinose", lang)) for lang in ("en", "fr")]
    cases += [(made_up / "out" / "made-up" / lang, edition_of(made_up / "content", "made-up", lang)) for lang in ("en", "fr")]
    for folder, edition in cases:
        gettext = translations_for(ROOT / "templates" / "locales", edition.language).gettext
        assert also_problems(folder, edition, gettext, contact.website, contact.website_label) == [], folder
    assert "presentation" not in also_line(made_up / "out" / "made-up" / "en" / "leaflet.pdf").lower()
