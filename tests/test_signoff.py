"""Nothing printed unapproved: a draft says so on every page and slide, and a release refuses it."""
from __future__ import annotations

import math
import shutil
import subprocess
from pathlib import Path

import docx
import pdfplumber
import pikepdf
import pytest
import yaml
from articles import Shape, article, write
from conftest import ROOT
from pptx import Presentation
from readback import docx_text, html_text, html_tree, normal

from handouts.cli import main
from handouts.pipeline.outputs import OUTPUTS, by_filename
from handouts.render.geometry import LARGE

pytestmark = pytest.mark.runs_long   # tests/conftest.py: started first

MARK = {"en": "DRAFT — not approved for distribution", "fr": "ÉBAUCHE — non approuvée pour distribution"}


@pytest.fixture
def garden(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    for lang in ("en-CA", "fr-CA"):
        write(tmp_path / "content", "garden", article(Shape(sections=2, lang=lang)))
    return tmp_path


def marked_units(path: Path, mark: str) -> list[bool]:
    """For each page or slide of the finished file on which anything is drawn: does it carry the draft mark?"""
    if by_filename(path.name).format == "deck":
        return [any(normal(mark) in normal(s.text_frame.text) for s in slide.shapes if s.has_text_frame)
                for slide in Presentation(str(path)).slides]
    if by_filename(path.name).format == "html":  # one page, however long
        return [normal(mark) in normal(html_text(path))]
    if by_filename(path.name).format == "docx":  # pages are the word processor's: at the top, and in the header of every one
        return [normal(mark) in normal(docx_text(path))]
    if path.name in ("leaflet-large.pdf", "deck-script.pdf"):   # read at a lectern or in large print: no watermark,
        # the mark in a band above the text
        with pdfplumber.open(path) as pdf:
            return [draws_the_band(page, mark) for page in pdf.pages]
    # the mark is drawn, not written (no text of its own): a page draws it if it paints a drawing turned by the
    # mark's angle; a side on which nothing at all is drawn (a booklet's blank padding) is no page to mark
    return [draws_the_mark(page.Resources) for page in pikepdf.open(path).pages
            if any(data.strip() for data in contents(page))]


def draws_the_band(page, mark: str) -> bool:
    """Whether a large-print page draws the mark's band: the outlines of its letters (curves, page furniture
    tagged Artifact), at least one for every other letter, all in the page's top margin."""
    outlines = [c for c in page.curves if c.get("tag") == "Artifact" and c["bottom"] <= LARGE.margin.top * 72]
    return len(outlines) >= len(mark.replace(" ", "")) // 2


DIAGONAL = " ".join(f"{v:.6f}" for v in (math.cos(math.radians(50)), -math.sin(math.radians(50)),
                                          math.sin(math.radians(50)), math.cos(math.radians(50)))).encode()


def contents(page) -> list[bytes]:
    streams = page.obj.get("/Contents")
    return [] if streams is None else [s.read_bytes() for s in (streams if isinstance(streams, pikepdf.Array) else [streams])]


def draws_the_mark(resources) -> bool:
    """Whether a page's (or a form's) pictures hold a drawing turned by -50 degrees, the draft mark's angle."""
    forms = [x for x in (resources.get("/XObject") or {}).values() if x.get("/Subtype") == "/Form"]
    return any(DIAGONAL in form.read_bytes() or ("/Resources" in form and draws_the_mark(form.Resources))
               for form in forms)


def metadata_says_draft(path: Path, mark: str) -> bool:
    if by_filename(path.name).format == "deck":
        return Presentation(str(path)).core_properties.content_status == mark
    if by_filename(path.name).format == "html":
        return mark in html_tree(path).xpath("//meta[@name='keywords']/@content")
    if by_filename(path.name).format == "docx":
        return docx.Document(str(path)).core_properties.content_status == mark
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return mark in info


def build(project: Path, *args: str) -> int:
    return main(["--output", str(project / "out"), "-q", *args], root=project)


def test_a_draft_carries_the_mark_on_every_page_and_slide(garden):
    assert build(garden) == 0
    for lang, mark in MARK.items():
        for output in OUTPUTS:
            path = garden / "out" / "garden" / lang / output.filename
            units = marked_units(path, mark)
            assert units and all(units), f"{path.name}: {units}"
            assert metadata_says_draft(path, mark), path.name


def test_approval_removes_the_mark_and_an_edit_brings_it_back(garden, capsys):
    assert main(["--approve", "garden/en", "--by", "Dr A. Tester", "--role", "ornithologist"], root=garden) == 0
    assert "approved content/garden/en.yaml by Dr A. Tester (ornithologist)" in capsys.readouterr().out
    record = yaml.safe_load((garden / "content" / "garden" / "approvals.yaml").read_text(encoding="utf-8"))
    assert set(record) == {"en"} and record["en"]["by"] == "Dr A. Tester" and record["en"]["digest"].startswith("sha256:")
    assert build(garden) == 0
    for output in OUTPUTS:
        english = garden / "out" / "garden" / "en" / output.filename
        assert not any(marked_units(english, MARK["en"])) and not metadata_says_draft(english, MARK["en"])
        assert all(marked_units(garden / "out" / "garden" / "fr" / output.filename, MARK["fr"]))
    content = garden / "content" / "garden" / "en.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace("In short", "In brief"), encoding="utf-8")
    assert build(garden) == 0
    for output in OUTPUTS:
        assert all(marked_units(garden / "out" / "garden" / "en" / output.filename, MARK["en"]))


def test_release_refuses_drafts_naming_them_and_builds_approved_editions(garden, capsys):
    assert build(garden, "--release") == 2
    assert capsys.readouterr().err.splitlines() == [
        f"content/garden/{lang}.yaml: is a draft (not approved since its last change): approve it with "
        f"python build.py approve garden/{lang} --by NAME --role ROLE" for lang in ("en", "fr")]
    assert not (garden / "out").exists()
    for lang in ("en", "fr"):
        assert main(["--approve", f"garden/{lang}", "--by", "Dr A. Tester", "--role", "ornithologist"], root=garden) == 0
    assert build(garden, "--release", "--only", "leaflet.pdf") == 0   # the file read (every output released: test_editions_agree)
    assert not any(marked_units(garden / "out" / "garden" / "fr" / "leaflet.pdf", MARK["fr"]))


def test_approve_needs_a_real_edition_and_a_name(garden, capsys):
    assert main(["--approve", "garden/de", "--by", "X", "--role", "Y"], root=garden) == 2
    assert main(["--approve", "garden/en"], root=garden) == 2
    assert capsys.readouterr().err.splitlines() == [
        "--approve garden/de: no edition content/garden/de.yaml (TOPIC/LANGUAGE, like hand-care/fr)",
        "--approve needs --by (who approves, and their role)",
        "--approve needs --role (who approves, and their role)",
    ]
    assert not (garden / "content" / "garden" / "approvals.yaml").exists()


PDF_RENDITIONS = [o for o in OUTPUTS if o.format == "pdf" and o.filename != "leaflet-booklet.pdf"]  # a sheet of 2 pages


@pytest.mark.parametrize("output", PDF_RENDITIONS, ids=lambda o: o.filename)
def test_the_draft_mark_stays_out_of_the_text_layer_and_every_doi_reads_whole(built, output):
    """Copying or searching a draft's text never meets the mark's letters: poppler reads no word of it, and
    each reference's DOI whole (a line may end inside it, as a long address wraps)."""
    from handouts.pipeline.load import load_library
    for topic in load_library(ROOT / "content"):
        for edition in topic.editions:
            path = built / topic.slug / edition.language / output.filename
            assert metadata_says_draft(path, MARK[edition.language])   # the real article is a draft
            text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
            assert MARK[edition.language].split()[0] not in text, path
            joined = "".join(text.split())
            assert [ref.doi for ref in edition.references if ref.doi not in joined] == [], path
