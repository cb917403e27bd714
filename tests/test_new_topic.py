"""Adding a topic takes minutes: a skeleton that builds, and a JSON Schema that is never stale."""
from __future__ import annotations

import json
import shutil

from conftest import ROOT

from handouts.cli import main
from handouts.content.approvals import edition_files
from handouts.content.schema import SCHEMA_FILE, schema_text
from handouts.pipeline.outputs import OUTPUTS


def test_the_committed_schema_is_the_models(tmp_path):
    assert (ROOT / "content" / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text(), \
        "content/edition.schema.json is stale: run python -m handouts.content.schema"
    schema = json.loads(schema_text())
    assert {"sections", "references", "summary"} <= set(schema["required"])
    assert schema["additionalProperties"] is False  # a misspelled key is flagged as the author types


def test_every_content_file_points_editors_to_the_schema():
    for path in edition_files(ROOT / "content"):
        assert path.read_text(encoding="utf-8").startswith(f"# yaml-language-server: $schema=../{SCHEMA_FILE}\n"), path


def test_a_new_topic_skeleton_validates_and_builds(tmp_path, capsys):
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    (tmp_path / "content").mkdir()
    assert main(["--new", "hand-care", "--lang", "fr-CA"], root=tmp_path) == 0
    assert "wrote content/hand-care/fr.yaml" in capsys.readouterr().out
    assert main(["--output", str(tmp_path / "out"), "-q", "--strict"], root=tmp_path) == 0
    assert sorted(p.name for p in (tmp_path / "out" / "hand-care" / "fr").iterdir()) == sorted(o.filename for o in OUTPUTS)


def test_new_refuses_a_bad_name_and_an_existing_edition(tmp_path, capsys):
    (tmp_path / "content" / "hand-care").mkdir(parents=True)
    (tmp_path / "content" / "hand-care" / "en.yaml").write_text("kept", encoding="utf-8")
    assert main(["--new", "Hand_Care"], root=tmp_path) == 2
    assert main(["--new", "hand-care", "--lang", "en-CA"], root=tmp_path) == 2
    assert main(["--new", "hand-care", "--lang", "xx-ZZ"], root=tmp_path) == 2
    assert capsys.readouterr().err.splitlines() == [
        "--new Hand_Care: not a folder name (lower-case letters, digits and hyphens, like hand-care)",
        "content/hand-care/en.yaml: already exists (edit it, or choose another topic or language)",
        "--lang xx-ZZ: unknown language tag (a locale Babel knows, like fr-CA)",
    ]
    assert (tmp_path / "content" / "hand-care" / "en.yaml").read_text(encoding="utf-8") == "kept"
