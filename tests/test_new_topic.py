"""Adding a topic takes minutes: a skeleton that builds, and a JSON Schema that is never stale."""
from __future__ import annotations

import json
import re
import shutil
import typing

import yaml
from conftest import ROOT
from pydantic import BaseModel

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


def uncommented(text: str) -> str:
    """The skeleton with its examples in use: each line that starts with "# " (after its indentation) without it;
    the modeline and the "##" explanations stay comments."""
    return "\n".join(re.sub(r"^(\s*)# ", r"\1", line) if not line.startswith("# yaml-language-server") else line
                     for line in text.splitlines()) + "\n"


def field_names(model: type[BaseModel], seen: set[type] | None = None) -> set[str]:
    """Every field of the model and of the models its fields hold, at any depth."""
    seen = set() if seen is None else seen
    seen.add(model)
    names = set(model.model_fields)
    for info in model.model_fields.values():
        for inner in models_in(info.annotation):
            if inner not in seen:
                names |= field_names(inner, seen)
    return names


def models_in(annotation: object) -> set[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {annotation}
    return {m for arg in typing.get_args(annotation) for m in models_in(arg)}


def keys_of(data: object) -> set[str]:
    if isinstance(data, dict):
        return set(data) | {k for value in data.values() for k in keys_of(value)}
    if isinstance(data, list):
        return {k for value in data for k in keys_of(value)}
    return set()


def test_the_skeletons_examples_uncommented_validate_and_show_every_field(tmp_path, capsys):
    from articles import write_picture

    from handouts.content.model import Edition
    from handouts.pipeline.load import read_edition
    (tmp_path / "content").mkdir()
    assert main(["new", "hand-care", "--lang", "fr-CA"], root=tmp_path) == 0
    path = tmp_path / "content" / "hand-care" / "fr.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(uncommented(text), encoding="utf-8")
    write_picture(path.parent, "picture.png")
    edition, problems = read_edition(path, tmp_path, advise=False)
    assert edition is not None and [p for p in problems if not p.warning] == [], problems
    assert edition.key_figures and edition.options and edition.glossary and edition.card is not None
    assert {r.type for r in edition.references} == {"article-journal", "book", "chapter", "guideline", "webpage"}
    missing = field_names(Edition) - keys_of(yaml.safe_load(uncommented(text)))
    assert not missing, f"the skeleton has no example of {sorted(missing)}"
    assert "references: {file: references.json}" in text   # the alternative, explained
