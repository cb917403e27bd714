"""References through the CSL processor: the first article's (and the fixture's) exactly as the hand-written code
printed them; every type, inline or from a reference manager's CSL-JSON, BibTeX or RIS file, in the leaflet and the
web page with its link; a references file's problems located like every content error."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from articles import Shape, article, built_in_two_languages, edition_of, write
from conftest import ROOT, flat, pdftotext
from references_before import BEFORE_CSL

from handouts.cli import main
from handouts.pipeline.load import read_edition
from handouts.render import references
from handouts.render.templating import render_reference


def test_the_first_article_and_the_fixture_print_as_before():
    rows = iter(BEFORE_CSL)
    for topic in ("content/calcinose", "tests/fixtures/content/bird-feeders"):
        for lang in ("fr", "en"):
            edition, problems = read_edition(ROOT / topic / f"{lang}.yaml", ROOT, advise=False)
            assert edition is not None, problems
            for ref in edition.references:
                folder, language, cited, short, html = next(rows)
                assert (folder, language) == (topic, lang)
                assert references.citation(ref, edition.language) == cited
                assert references.compact(ref, edition.language) == short
                assert str(render_reference(ref, lambda text: text, edition.locale, False)) == html
    assert next(rows, None) is None


# One reference of each type, inline, and the same in each file format a reference manager exports.
INLINE = [
    {"authors": ["Author1 A", "Author2 B"], "title": "Study of feeders", "journal": "Test J", "year": 2020,
     "volume": "1", "issue": "2", "pages": "10-19", "doi": "10.5555/test.1"},
    {"type": "book", "authors": [{"family": "Booker", "given": "Anne Marie"}], "title": "Garden birds in winter",
     "edition": "2", "publisher": "Test Press", "place": "Winnipeg", "year": 2019},
    {"type": "chapter", "authors": [{"family": "Chapman", "given": "Carl"}], "editors": [{"family": "Editor", "given": "Eve"}],
     "title": "Feeding stations", "container_title": "Handbook of garden birds", "publisher": "Test Press",
     "place": "Winnipeg", "year": 2018, "pages": "45-67"},
    {"type": "report", "authors": ["Garden Bird Council"], "title": "Annual feeder survey", "publisher": "Garden Bird Council",
     "place": "Ottawa", "year": 2021, "number": "7"},
    {"type": "guideline", "authors": ["Bird Health Board"], "title": "Feeder hygiene recommendations",
     "publisher": "Bird Health Board", "place": "Toronto", "year": 2022},
    {"type": "webpage", "authors": ["Feeder Watch"], "title": "Cleaning your feeder", "container_title": "Feeder Watch",
     "url": "https://example.org/cleaning", "accessed": "2024-05-03", "year": 2023},
]

CSL_JSON = json.dumps([
    {"id": "a1", "type": "article-journal", "author": [{"literal": "Author1 A"}, {"literal": "Author2 B"}],
     "title": "Study of feeders", "container-title": "Test Journal", "container-title-short": "Test J",
     "issued": {"date-parts": [[2020, 3]]}, "volume": "1", "issue": "2", "page": "10-19", "DOI": "10.5555/test.1"},
    {"id": "b1", "type": "book", "author": [{"family": "Booker", "given": "Anne Marie"}], "title": "Garden birds in winter",
     "edition": "2", "publisher": "Test Press", "publisher-place": "Winnipeg", "issued": {"date-parts": [[2019]]}},
    {"id": "c1", "type": "chapter", "author": [{"family": "Chapman", "given": "Carl"}],
     "editor": [{"family": "Editor", "given": "Eve"}], "title": "Feeding stations",
     "container-title": "Handbook of garden birds", "publisher": "Test Press", "publisher-place": "Winnipeg",
     "issued": {"date-parts": [[2018]]}, "page": "45-67"},
    {"id": "r1", "type": "report", "author": [{"literal": "Garden Bird Council"}], "title": "Annual feeder survey",
     "publisher": "Garden Bird Council", "publisher-place": "Ottawa", "issued": {"date-parts": [[2021]]}, "number": "7"},
    {"id": "g1", "type": "standard", "author": [{"literal": "Bird Health Board"}], "title": "Feeder hygiene recommendations",
     "publisher": "Bird Health Board", "publisher-place": "Toronto", "issued": {"date-parts": [[2022]]}},
    {"id": "w1", "type": "webpage", "author": [{"literal": "Feeder Watch"}], "title": "Cleaning your feeder",
     "container-title": "Feeder Watch", "URL": "https://example.org/cleaning",
     "accessed": {"date-parts": [[2024, 5, 3]]}, "issued": {"date-parts": [[2023]]}},
], indent=1)

BIBTEX = r"""@article{a1,
  author = {{Author1 A} and {Author2 B}},
  title = {Study of feeders},
  journal = {Test J},
  year = {2020}, volume = {1}, number = {2}, pages = {10--19},
  doi = {10.5555/test.1}
}
@book{b1, author = {Booker, Anne Marie}, title = {Garden birds in winter}, edition = {2},
  publisher = {Test Press}, address = {Winnipeg}, year = {2019}}
@incollection{c1, author = {Chapman, Carl}, editor = {Editor, Eve}, title = {Feeding stations},
  booktitle = {Handbook of garden birds}, publisher = {Test Press}, address = {Winnipeg}, year = {2018}, pages = {45--67}}
@techreport{r1, author = {{Garden Bird Council}}, title = {Annual feeder survey}, institution = {Garden Bird Council},
  address = {Ottawa}, year = {2021}, number = {7}}
@manual{g1, author = {{Bird Health Board}}, title = {Feeder hygiene recommendations}, organization = {Bird Health Board},
  address = {Toronto}, year = {2022}}
@online{w1, author = {{Feeder Watch}}, title = {Cleaning your feeder}, booktitle = {Feeder Watch},
  url = {https://example.org/cleaning}, urldate = {2024-05-03}, year = {2023}}
"""

RIS = """TY  - JOUR
AU  - Author1 A
AU  - Author2 B
TI  - Study of feeders
JO  - Test Journal
JA  - Test J
PY  - 2020/03//
VL  - 1
IS  - 2
SP  - 10
EP  - 19
DO  - 10.5555/test.1
ER  -
TY  - BOOK
AU  - Booker, Anne Marie
TI  - Garden birds in winter
ET  - 2
PB  - Test Press
CY  - Winnipeg
PY  - 2019
ER  -
TY  - CHAP
AU  - Chapman, Carl
A2  - Editor, Eve
TI  - Feeding stations
T2  - Handbook of garden birds
PB  - Test Press
CY  - Winnipeg
PY  - 2018
SP  - 45
EP  - 67
ER  -
TY  - RPRT
AU  - Garden Bird Council
TI  - Annual feeder survey
PB  - Garden Bird Council
CY  - Ottawa
PY  - 2021
M1  - 7
ER  -
TY  - STAND
AU  - Bird Health Board
TI  - Feeder hygiene recommendations
PB  - Bird Health Board
CY  - Toronto
PY  - 2022
ER  -
TY  - ELEC
AU  - Feeder Watch
TI  - Cleaning your feeder
T2  - Feeder Watch
UR  - https://example.org/cleaning
Y2  - 2024/05/03
PY  - 2023
ER  -
"""

FILES = {"refs.json": CSL_JSON, "refs.bib": BIBTEX, "refs.ris": RIS}


def _from_file(tmp_path: Path, name: str) -> tuple:
    data = article(Shape(lang="en-CA"))
    data["references"] = {"file": name}
    (tmp_path / "content" / "garden").mkdir(parents=True)
    (tmp_path / "content" / "garden" / name).write_text(FILES[name], encoding="utf-8")
    path = write(tmp_path / "content", "garden", data)
    edition, problems = read_edition(path, tmp_path, advise=False)
    assert edition is not None, problems
    return edition.references


@pytest.mark.parametrize("name", sorted(FILES))
def test_a_references_file_gives_the_references_written_inline(tmp_path, name):
    data = article(Shape(lang="en-CA"))
    data["references"] = INLINE
    inline, problems = read_edition(write(tmp_path / "inline", "garden", data), tmp_path, advise=False)
    assert inline is not None, problems
    from_file = _from_file(tmp_path, name)
    assert [references.citation(r, "en") for r in from_file] == [references.citation(r, "en") for r in inline.references]


def test_each_type_prints_in_vancouver_style():
    data = article(Shape(lang="en-CA"))
    data["references"] = INLINE
    from handouts.content.model import Edition
    edition = Edition.model_validate(data)
    assert [references.citation(r, "en") for r in edition.references] == [
        "Author1 A, Author2 B. Study of feeders. Test J. 2020;1(2):10-19. https://doi.org/10.5555/test.1",
        "Booker AM. Garden birds in winter. 2nd ed. Winnipeg: Test Press; 2019.",
        "Chapman C. Feeding stations. In: Editor E, editor. Handbook of garden birds. Winnipeg: Test Press; 2018. p. 45-67.",
        "Garden Bird Council. Annual feeder survey. Ottawa: Garden Bird Council; 2021. Report no.: 7.",
        "Bird Health Board. Feeder hygiene recommendations. Toronto: Bird Health Board; 2022.",
        "Feeder Watch. Feeder Watch [Internet]. 2023 [cited 2024 May 3]. Cleaning your feeder. "
        "Available from: https://example.org/cleaning",
    ]
    assert [references.compact(r, "en") for r in edition.references][:2] == [
        "Author1 A et al. Test J. 2020.", "Booker AM. Garden birds in winter. 2019."]


@pytest.mark.parametrize(("edition", "printed"), [("1", "1re éd."), ("2", "2e éd."), ("21", "21e éd.")])
def test_a_books_edition_in_french_is_a_french_ordinal_in_the_typefaces_letters(edition, printed):
    """citeproc-py printed "2nd éd." in French, and "1ʳᵉ" in modifier letters the typeface does not have."""
    from handouts.content.model import Reference
    from handouts.fonts import missing_characters
    book = Reference.model_validate({"type": "book", "authors": ["Booker AM"], "title": "Oiseaux", "year": 2019,
                                     "publisher": "Test Press", "place": "Winnipeg", "edition": edition})
    text = references.citation(book, "fr")
    assert f"Oiseaux. {printed} Winnipeg" in text and not missing_characters(text), text


@pytest.mark.parametrize("name", ["refs.json", "refs.ris"])
def test_every_type_reaches_the_leaflet_and_the_web_page(tmp_path, name):
    """French inline, English from the file: the editions agree (the same references), both print them all."""
    (tmp_path / "content" / "made-up").mkdir(parents=True)
    (tmp_path / "content" / "made-up" / name).write_text(FILES[name], encoding="utf-8")

    def change(data: dict) -> None:
        data["references"] = INLINE if data["lang"].startswith("fr") else {"file": name}

    root = built_in_two_languages(tmp_path, ROOT / "templates", change=change, only=("leaflet.pdf", "page.html"))
    for lang in ("fr", "en"):
        text = flat(pdftotext(root / "out" / "made-up" / lang / "leaflet.pdf"))
        page = (root / "out" / "made-up" / lang / "page.html").read_text(encoding="utf-8")
        for ref in edition_of(root / "content", "made-up", lang).references:
            assert ref.title in text and ref.title in page
        assert "Winnipeg: Test Press; 2019" in text and "Toronto: Bird Health Board; 2022" in text
        assert '<a href="https://example.org/cleaning">https://example.org/cleaning</a>' in page
        assert '<a href="https://doi.org/10.5555/test.1">' in page
        assert ("Available from" if lang == "en" else "Disponible sur") in text


def _check(tmp_path: Path, capsys, files: dict[str, str], references_field) -> list[str]:
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    data = article(Shape(lang="en-CA"))
    data["references"] = references_field
    (tmp_path / "content" / "garden").mkdir(parents=True)
    for name, text in files.items():
        (tmp_path / "content" / "garden" / name).write_text(text, encoding="utf-8")
    write(tmp_path / "content", "garden", data)
    assert main(["--check"], root=tmp_path) == 2
    return capsys.readouterr().err.splitlines()


def test_a_references_file_that_does_not_parse_is_located(tmp_path, capsys):
    lines = _check(tmp_path, capsys, {"refs.json": '[\n {"id": "a1", "type": "book",\n  "title": }\n]'}, {"file": "refs.json"})
    assert lines[0].startswith("content/garden/refs.json:3:12: (file): is not JSON: Expecting value")


def test_a_missing_field_and_an_unknown_type_are_located_in_the_file(tmp_path, capsys):
    bib = ("@book{b1, author = {Booker, Anne}, title = {Garden birds},\n  year = {2019}}\n"
           "@thesis{t1, author = {Writer, Will}, title = {Birds}, year = {2020}}\n")
    lines = _check(tmp_path, capsys, {"refs.bib": bib}, {"file": "refs.bib"})
    assert lines[:2] == [
        "content/garden/refs.bib:1:1: b1: a book reference needs publisher",
        "content/garden/refs.bib:3:1: t1.type: unknown type '@thesis' (one of @article, @book, @incollection, "
        "@techreport, @online, @manual: read as: article-journal, book, chapter, report, guideline, webpage)",
    ]


def test_a_missing_file_and_an_inline_reference_missing_a_field_are_located(tmp_path, capsys):
    lines = _check(tmp_path, capsys, {}, {"file": "refs.ris"})
    assert lines[0].endswith(": references.file: refs.ris is not in the topic's folder (export it there)")
    assert lines[0].startswith("content/garden/en.yaml:")
    ris = "TY  - ELEC\nTI  - A page\nUR  - https://example.org/p\nER  - \n"
    lines = _check(tmp_path / "2", capsys, {"refs.ris": ris}, {"file": "refs.ris"})
    assert lines[0] == "content/garden/refs.ris:1:1: [1]: a webpage reference needs accessed"
    lines = _check(tmp_path / "3", capsys, {}, [{"type": "webpage", "title": "A page", "url": "https://example.org/p"}])
    assert lines[0].startswith("content/garden/en.yaml:") and lines[0].endswith(
        ": references[0]: a webpage reference needs accessed")
