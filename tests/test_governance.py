"""Every output says its version, dates, code, approval and how to give feedback, and a build past the
date of next review warns: read back from the finished files."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from articles import Shape, article, write
from conftest import ROOT
from pptx import Presentation
from readback import html_tree, normal, pdf_text, visible_text

from handouts.cli import main
from handouts.content.approvals import approve
from handouts.pipeline.outputs import OUTPUTS

EXPECTED = {  # what each language says, for a draft published 2025-03, to review by 2028-09, code GARDEN-7
    "en": ("GARDEN-7 · version 2.1", "Published March 2025 · next review September 2028",
           "Not yet approved by a clinician: a draft",
           "Comments or questions about this document? Write to info@birds.example.org, quoting its code."),
    "fr": ("GARDEN-7 · version 2.1", "Publié en mars 2025 · prochaine révision en septembre 2028",
           "Pas encore approuvé par un clinicien : ébauche",
           "Des commentaires ou des questions sur ce document? Écrivez à info@birds.example.org en citant son code."),
}


@pytest.fixture(scope="module")
def garden(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("garden")
    shutil.copytree(ROOT / "templates", project / "templates")
    theme = project / "templates" / "theme.yaml"  # the association that hands it out is the one to write to
    theme.write_text(theme.read_text(encoding="utf-8").replace("info@sclerodermamanitoba.com", "info@birds.example.org"),
                     encoding="utf-8")
    for lang in ("en-CA", "fr-CA"):
        write(project / "content", "garden", article(Shape(
            sections=2, lang=lang, extra={"version": "2.1", "reviewed": "2025-09", "code": "GARDEN-7"})))
    assert main(["--output", str(project / "out"), "-q", "--strict"], root=project) == 0
    return project


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("output", OUTPUTS, ids=lambda o: o.filename)
def test_every_output_shows_its_governance(garden, lang, output):
    path = garden / "out" / "garden" / lang / output.filename
    text = normal(visible_text(path, output.format))
    assert [line for line in EXPECTED[lang] if normal(line) not in text] == []
    assert normal("reviewed") not in text and normal("révisé en") not in text  # no clinician has reviewed it


REVIEWED = {"en": "Published March 2025 · reviewed February 2026 · next review September 2028",
            "fr": "Publié en mars 2025 · révisé en février 2026 · prochaine révision en septembre 2028"}


def test_an_edition_is_reviewed_from_its_approvals_date_and_only_then(tmp_path):
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    for lang in ("en-CA", "fr-CA"):
        write(tmp_path / "content", "garden", article(Shape(
            sections=1, lang=lang, extra={"version": "2.1", "reviewed": "2025-09", "code": "GARDEN-7"})))
    approve(tmp_path / "content" / "garden" / "fr.yaml", "Dre A. Testeuse", "ornithologue", dt.date(2026, 2, 10))
    assert main(["--output", str(tmp_path / "out"), "-q"], root=tmp_path) == 0
    for output in OUTPUTS:
        approved = normal(visible_text(tmp_path / "out" / "garden" / "fr" / output.filename, output.format))
        assert normal(REVIEWED["fr"]) in approved, output.filename
        draft = normal(visible_text(tmp_path / "out" / "garden" / "en" / output.filename, output.format))
        assert normal(EXPECTED["en"][1]) in draft and normal(REVIEWED["en"]) not in draft, output.filename


@pytest.mark.parametrize("output", OUTPUTS, ids=lambda o: o.filename)
def test_file_metadata_carries_the_code_and_version(garden, output):
    path = garden / "out" / "garden" / "en" / output.filename
    if output.format == "deck":
        props = Presentation(str(path)).core_properties
        assert (props.identifier, props.version) == ("GARDEN-7", "2.1")
        assert "next review September 2028" in props.comments
    elif output.format == "docx":
        props = docx.Document(str(path)).core_properties
        assert (props.identifier, props.version) == ("GARDEN-7", "2.1")
        assert "next review September 2028" in props.comments
    elif output.format == "html":
        description = " ".join(html_tree(path).xpath("//meta[@name='description']/@content"))
        assert "GARDEN-7 · version 2.1" in description and "next review September 2028" in description
    else:
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        subject = next(line for line in info.splitlines() if line.startswith("Subject:"))
        assert "GARDEN-7 · version 2.1" in subject and "next review September 2028" in subject


def test_the_code_defaults_to_topic_language_and_version(tmp_path):
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    write(tmp_path / "content", "garden-birds", article(Shape(sections=1, extra={"version": "3"})))
    assert main(["--output", str(tmp_path / "out"), "-q", "--only", "leaflet.pdf"], root=tmp_path) == 0
    assert "GARDEN-BIRDS-EN-3 · version 3" in pdf_text(tmp_path / "out" / "garden-birds" / "en" / "leaflet.pdf")


def test_a_build_past_the_next_review_warns_and_the_proof_sheet_flags_it(garden, tmp_path, capsys, monkeypatch):
    garden = shutil.copytree(garden, tmp_path / "garden")   # the module's build stays as it was
    page = ["--only", "page.html"]   # the warning is the content's, whatever the build makes
    due = "content/garden/en.yaml: its next review was due on 2028-09-01"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1819000000")  # 2027-08: not yet due
    assert main(["--output", str(garden / "out"), *page], root=garden) == 0
    assert "next review was due" not in capsys.readouterr().err   # (a short talk is reported: not this)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1850000000")  # 2028-08-15... still before 2028-09-01
    assert main(["--output", str(garden / "out"), *page], root=garden) == 0
    assert "next review was due" not in capsys.readouterr().err
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1860000000")  # 2028-12
    assert main(["--output", str(garden / "out"), "--proof", *page], root=garden) == 0
    assert f"warning: {due}" in capsys.readouterr().err
    assert due in (garden / "out" / "index.html").read_text(encoding="utf-8")
