"""The Word edition (edition.docx), read back from the finished file: python-docx for its styles, pictures,
tables and links, LibreOffice as an independent reader. Built on the synthetic topic and generated articles,
and only this output (--only edition.docx); the real article for properties alone."""
from __future__ import annotations

import filecmp
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from articles import built_in_two_languages, edition_of
from conftest import ROOT, build_into, make_scratch, soffice_pdf
from docx.oxml.ns import qn
from docx.shared import RGBColor
from readback import docx_alts, missing, normal

from handouts.charts import kind as chart_kind
from handouts.cli import main
from handouts.content.model import Edition, Picture
from handouts.pipeline.build import Project, build, load_editions
from handouts.pipeline.outputs import by_filename
from handouts.render import figures
from handouts.render.i18n import translations_for
from handouts.render.templating import load_theme

NAME = "edition.docx"
OUTPUT = by_filename(NAME)
MARK = {"en": "DRAFT — not approved for distribution", "fr": "ÉBAUCHE — non approuvée pour distribution"}
RICH = {"sections": 3, "subsections": (1,), "lists": True, "tables": ((3, 4), (2, 2)), "pictures": ("a.svg", "b.png"),
        "figures": ("icons", "bars", "stat", "body-sites", "result"), "glossary": 2, "callouts": ("do", "call", "ask"),
        "references": 3}


@pytest.fixture(scope="module")
def rich(tmp_path_factory) -> Path:
    """A generated topic with every kind of block, figure and call-out, an option and a glossary, in two languages."""
    from articles import write_picture
    root = tmp_path_factory.mktemp("rich")
    for name in RICH["pictures"]:
        write_picture(root / "content" / "made-up", name)
    return built_in_two_languages(root, ROOT / "templates", only=(NAME,), **RICH)


@pytest.fixture(scope="module")
def birds(tmp_path_factory) -> Path:
    """The synthetic topic's project, built with its Word editions only."""
    root = make_scratch(tmp_path_factory.mktemp("birds"))
    build_into(root / "out", root, "--only", NAME)
    return root


def editions_of(root: Path) -> list[tuple[Edition, Path]]:
    return [(edition, root / "out" / content.split("/")[1] / edition.language / NAME)
            for content, edition in load_editions(Project(root)).items()]


def expected_headings(edition: Edition, gettext) -> list[tuple[int, str]]:
    """Every heading of the article, with its level, in the content's order."""
    out = [(1, edition.summary.heading)]
    for section in edition.sections:
        out.append((1, section.heading))
        out += [(2, sub.heading) for sub in section.subsections]
        if edition.options_in(section):
            out.append((1, gettext("Treatments at a glance")))
    if edition.glossary:
        out.append((1, gettext("Words to know")))
    return out + [(1, gettext("References"))]


def headings(path: Path) -> list[tuple[int, str]]:
    return [(int(p.style.name.split()[-1]), p.text) for p in docx.Document(str(path)).paragraphs
            if p.style is not None and p.style.name.startswith("Heading ")]


@pytest.mark.parametrize("project", ["birds", "rich"])
def test_headings_are_words_heading_styles_in_the_contents_order(project, request):
    root = request.getfixturevalue(project)
    for edition, path in editions_of(root):
        gettext = translations_for(root / "templates" / "locales", edition.language).gettext
        want = [(level, normal(text)) for level, text in expected_headings(edition, gettext)]
        assert [(level, normal(text)) for level, text in headings(path)] == want, path
        title = [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "Title"]
        assert [normal(t) for t in title] == [normal(edition.title)]


def test_the_styles_are_words_own_and_lists_are_numbered(rich):
    for _, path in editions_of(rich):
        document = docx.Document(str(path))
        styles = document.styles
        for level in (1, 2, 3):   # Word's built-in headings: outline levels the navigation pane and a TOC read
            assert styles[f"Heading {level}"].style_id == f"Heading{level}"
        numbered = {p.style.name for p in document.paragraphs if p.style.name in ("List Bullet", "Reference")}
        assert numbered == {"List Bullet", "Reference"}
        numbering = document.part.numbering_part.element
        for name in numbered:   # the style's list is a real numbering definition of the document
            style = styles[name]
            while style.element.find(qn("w:pPr")) is None or style.element.pPr.numPr is None:
                style = style.base_style
            num_id = style.element.pPr.numPr.numId.val
            assert numbering.xpath(f"./w:num[@w:numId='{num_id}']"), name


@pytest.mark.parametrize("project", ["birds", "rich"])
def test_the_documents_language_is_the_editions(project, request):
    for edition, path in editions_of(request.getfixturevalue(project)):
        document = docx.Document(str(path))
        langs = document.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val")
        assert langs == [edition.lang], path
        assert set(document.styles.element.xpath(".//w:lang/@w:val")) == {edition.lang}
        assert document.core_properties.language == edition.lang
        assert document.core_properties.title == edition.title


def chart_alts(edition: Edition, root: Path) -> list[str]:
    theme = load_theme(root / "templates")
    words = figures.Words(edition.locale, translations_for(root / "templates" / "locales", edition.language),
                          theme.grades).with_options(edition.options, theme.contact.name)
    return [chart_kind(f.chart).drawing(f, words) for f in edition.key_figures]


def test_every_picture_and_chart_is_described_by_its_alt_text(rich):
    for edition, path in editions_of(rich):
        alts = [normal(a) for a in docx_alts(path)]
        pictures = [normal(b.alt) for s in edition.all_sections() for b in s.body if isinstance(b, Picture)]
        assert pictures and edition.key_figures
        assert sorted(alts) == sorted(pictures + [normal(a) for a in chart_alts(edition, rich)]), path
        assert all(alts)
        names = docx.Document(str(path)).element.body.xpath(".//wp:docPr/@name")
        assert not [n for n in names if n.lower().endswith((".png", ".svg", ".jpg"))]


def test_tables_repeat_their_header_row(rich):
    for edition, path in editions_of(rich):
        tables = docx.Document(str(path)).tables
        assert len(tables) == len(RICH["tables"]) + bool(edition.options), path   # and the options table
        for table in tables:
            rows = table._tbl.tr_lst
            assert rows[0].xpath("./w:trPr/w:tblHeader"), path
            assert not any(row.xpath("./w:trPr/w:tblHeader") for row in rows[1:])


def test_a_tables_header_row_is_kept_with_its_next_rows(rich):
    """Word's "keep with next" on every paragraph of the header row (Word then keeps the row with the next one: a
    table never starts with its header alone at a page's foot), and on the caption or legend lines before it."""
    for edition, path in editions_of(rich):
        body = docx.Document(str(path)).element.body
        tables = body.xpath("./w:tbl")
        assert len(tables) == len(RICH["tables"]) + bool(edition.options), path
        for table in tables:
            header = table.xpath("./w:tr[1]//w:p")
            assert header and all(p.xpath("./w:pPr/w:keepNext") for p in header), path
            assert not any(p.xpath("./w:pPr/w:keepNext") for p in table.xpath("./w:tr[last()]//w:p"))
            before = table.getprevious()
            assert before.tag == qn("w:p") and before.xpath("./w:pPr/w:keepNext"), path


def test_a_tables_columns_share_its_width_by_their_content(rich):
    """Each column at least as wide as its longest word, and a column of sentences wider than one of single words
    (python-docx wrote them equal, which Word and LibreOffice keep: long options squeezed into a quarter)."""
    for _, path in editions_of(rich):
        for table in docx.Document(str(path)).tables:
            grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iter(qn("w:gridCol"))]
            texts = [[cell.text for cell in column.cells] for column in table.columns]
            words = [max(len(word) for text in column for word in text.split()) for column in texts]
            lines = [max(len(line) for text in column for line in text.split("\n")) for column in texts]
            assert len(set(grid)) > 1 or len(set(lines)) == 1, (path, grid)
            for width, longest in zip(grid, words):   # twips; about 100 a character of the table's type
                assert width >= longest * 90, (path, grid, words)
            widest, narrowest = lines.index(max(lines)), lines.index(min(lines))
            assert grid[widest] > grid[narrowest] or max(lines) - min(lines) < 5, (path, grid, lines)


@pytest.mark.parametrize("project", ["birds", "rich"])
def test_every_doi_is_a_live_link(project, request):
    for edition, path in editions_of(request.getfixturevalue(project)):
        links = [(h.url, h.text) for p in docx.Document(str(path)).paragraphs for h in p.hyperlinks]
        for ref in edition.references:
            assert (ref.doi_url, ref.doi_url) in links, ref.doi
            assert ref.doi_url.startswith("https://doi.org/10.")


def marked(path: Path, mark: str) -> tuple[bool, bool, bool]:
    """The draft mark in the body, in the header of every page (in its own style, the boxed one), and in the
    core properties."""
    document = docx.Document(str(path))
    body = any(normal(mark) in normal(p.text) for p in document.paragraphs)
    header = all(any(normal(mark) in normal(p.text) and p.style.name == "Draft Mark" for p in s.header.paragraphs)
                 for s in document.sections)
    return body, header, document.core_properties.content_status == mark


def pdf_pages(pdf: Path) -> list[str]:
    """Each page's text, through poppler (its form feeds)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [page for page in text.split("\f") if page.strip()]


def test_the_draft_mark_is_there_until_the_edition_is_approved(tmp_path, font_env):
    root = built_in_two_languages(tmp_path, ROOT / "templates", only=(NAME,))
    for lang, mark in MARK.items():
        assert marked(root / "out" / "made-up" / lang / NAME, mark) == (False, True, True)   # once a page
    pdf = soffice_pdf(root / "out" / "made-up" / "fr" / NAME, tmp_path / "pdf", font_env)
    pages = pdf_pages(pdf)
    assert [normal(page).count(normal(MARK["fr"])) for page in pages] == [1] * len(pages), pages[0][:300]
    assert main(["approve", "made-up/en", "--by", "Dr A. Tester", "--role", "ornithologist"], root=root) == 0
    assert main(["--output", str(root / "out"), "-q", "--strict", "--only", NAME], root=root) == 0
    english = root / "out" / "made-up" / "en" / NAME
    assert marked(english, MARK["en"]) == (False, False, False)
    assert marked(root / "out" / "made-up" / "fr" / NAME, MARK["fr"]) == (False, True, True)
    text = "\n".join(p.text for p in docx.Document(str(english)).paragraphs)
    assert "Approved by Dr A. Tester (ornithologist)" in text


def test_restyling_the_reference_document_restyles_the_output_and_rebuilds_only_it(tmp_path):
    root = make_scratch(tmp_path / "project")
    out = tmp_path / "out"
    build(Project(root), out, strict=True, only=(NAME, "page.html"))
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file() and p.suffix in (".docx", ".html")}
    reference = root / "templates" / "edition-reference.docx"
    styles = docx.Document(str(reference))
    styles.styles["Heading 1"].font.color.rgb = RGBColor(0xC0, 0x10, 0x80)
    styles.save(str(reference))
    result = build(Project(root), out, strict=True, only=(NAME, "page.html"))
    assert sorted(p.name for p in result.built) == [NAME, NAME]
    for path, data in before.items():
        assert (path.read_bytes() != data) == (path.name == NAME), path
        if path.name == NAME:
            heading = docx.Document(str(path)).styles["Heading 1"]
            assert heading.font.color.rgb == RGBColor(0xC0, 0x10, 0x80)


def test_the_same_bytes_twice_and_from_another_folder(birds, tmp_path):
    again = tmp_path / "again"
    build_into(again, birds, "--only", NAME)
    elsewhere = tmp_path / "somewhere" / "else"
    shutil.copytree(birds / "content", elsewhere / "content")
    shutil.copytree(birds / "templates", elsewhere / "templates")
    build_into(elsewhere / "out", elsewhere, "--only", NAME)
    files = sorted((birds / "out").rglob(NAME))
    assert files
    for path in files:
        relative = path.relative_to(birds / "out")
        assert filecmp.cmp(path, again / relative, shallow=False), relative
        assert filecmp.cmp(path, elsewhere / "out" / relative, shallow=False), relative


def libreoffice_text(path: Path, folder: Path) -> str:
    """The document as LibreOffice Writer reads it, saved as plain text: an independent reader of DOCX."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.fail("LibreOffice (soffice) is not installed: see README, test set-up")
    profile = (folder / "profile").as_uri()
    subprocess.run([exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "txt:Text (encoded):UTF8",
                    "--outdir", str(folder), str(path)], check=True, capture_output=True, timeout=180)
    return (folder / f"{path.stem}.txt").read_text(encoding="utf-8-sig")


def test_libreoffice_reads_every_text_the_output_carries(rich, tmp_path):
    for edition, path in editions_of(rich):
        folder = tmp_path / edition.language
        text = libreoffice_text(path, folder)
        (folder / "read.txt").write_text(text, encoding="utf-8")
        required = [r for r in OUTPUT.required(edition) if r.where != "alt"]
        lacking = [r for r in required if normal(r.text) not in normal(text)
                   and (r.where != "cell" or not all(normal(w) in normal(text) for w in r.text.split()))]
        assert not lacking, [f"{r.what}: {r.text}" for r in lacking]
        assert normal(MARK[edition.language]) not in normal(text)   # in the pages' header, which a text export omits


def test_the_generic_check_reads_the_word_edition(rich):
    """tests/readback.py's readers, which the carry tests use for every output, find all of it."""
    for edition, path in editions_of(rich):
        assert missing(path, OUTPUT.required(edition), OUTPUT.format) == [], path
        assert edition_of(rich / "content", "made-up", edition.language).title == edition.title


def test_the_real_article_in_word(built):
    """The real article's editions: headings in order, the edition's language, every DOI a live link."""
    for content, edition in load_editions(Project(ROOT)).items():
        path = built / content.split("/")[1] / edition.language / NAME
        gettext = translations_for(ROOT / "templates" / "locales", edition.language).gettext
        assert [(lv, normal(t)) for lv, t in headings(path)] == [(lv, normal(t)) for lv, t in expected_headings(edition, gettext)]
        document = docx.Document(str(path))
        assert document.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val") == [edition.lang]
        urls = {h.url for p in document.paragraphs for h in p.hyperlinks}
        assert {ref.doi_url for ref in edition.references} <= urls
        assert all(docx_alts(path))


def test_every_word_edition_passes_the_schema_validator(birds, rich, tmp_path):
    """openxml-audit, an independent validator, against Microsoft 365's schemas: Word opens them cleanly."""
    import json
    import sys
    files = [p for root in (birds, rich) for p in sorted((root / "out").rglob(NAME))] + [
        ROOT / "templates" / "edition-reference.docx"]
    for number, path in enumerate(files):
        shutil.copy(path, tmp_path / f"{number:02d}-{path.parent.name}-{path.name}")
    found = subprocess.run([sys.executable, "-m", "openxml_audit", "-f", "microsoft365", "-m", "0", "-o", "json",
                            "-r", str(tmp_path)], capture_output=True, text=True, timeout=600)
    results = json.loads(found.stdout)
    assert len(results) == len(files) >= 5
    assert [(r["file"], r["errors"][:3]) for r in results if r["error_count"]] == []


def test_a4_paper_makes_a4_pages(birds, tmp_path):
    build_into(tmp_path / "out", birds, "--only", NAME, "--paper", "a4")
    files = sorted((tmp_path / "out").rglob(NAME))
    assert files and all(p.relative_to(tmp_path / "out").parts[0] == "a4" for p in files)
    for path in files:
        section = docx.Document(str(path)).sections[0]
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    letter = docx.Document(str(next((birds / "out").rglob(NAME)))).sections[0]
    assert (letter.page_width.inches, letter.page_height.inches) == (8.5, 11)
