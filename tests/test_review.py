"""The review sheet shows every derived text beside its source, with what it drops highlighted."""
from __future__ import annotations

import html
import shutil

import pytest
from articles import Shape, article, write
from conftest import ROOT

from handouts.cli import main

pytestmark = pytest.mark.runs_long   # tests/conftest.py: started first


def test_review_sheet_shows_derived_texts_beside_sources_and_highlights_what_they_drop(tmp_path):
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    data = article(Shape(sections=1, lang="fr-CA"))
    data["sections"][0]["body"] = ["Les merles reviennent souvent. Jusqu'à 30 % des nids sont vides après 2 semaines."]
    data["sections"][0]["key_points"] = [{"text": "30 % des nids sont vides.", "source": "Jusqu'à 30 %"},
                                         {"text": "Les merles reviennent souvent.", "source": "Les merles"}]
    write(tmp_path / "content", "garden", data)
    assert main(["--output", str(tmp_path / "out"), "-q", "--proof", "--only", "page.html"], root=tmp_path) == 0
    page = (tmp_path / "out" / "review.html").read_text(encoding="utf-8")
    assert "content/garden/fr.yaml" in page and "Draft: not approved since its last change" in page
    row = page[page.index("sections[0].key_points[0]"):page.index("sections[0].key_points[1]")]
    assert "30 % des nids sont vides." in row
    assert f"<mark>{html.escape('Jusqu')}" in row and "<mark>2</mark> semaines" in row
    kept = page[page.index("sections[0].key_points[1]"):]
    assert "<mark>" not in kept.split("</tr>")[0]
    assert main(["--approve", "garden/fr", "--by", "Dr A. Tester", "--role", "ornithologist"], root=tmp_path) == 0
    assert main(["--output", str(tmp_path / "out"), "-q", "--proof", "--only", "page.html"], root=tmp_path) == 0
    assert "Approved by Dr A. Tester (ornithologist)" in (tmp_path / "out" / "review.html").read_text(encoding="utf-8")
