"""A bad content file stops the build with a one-line message, and leaves output/ untouched."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handouts.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path) -> Path:
    """A scratch copy of the project's content and templates, with a previous output."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    (tmp_path / "output" / "calcinose" / "fr").mkdir(parents=True)
    (tmp_path / "output" / "calcinose" / "fr" / "leaflet.pdf").write_bytes(b"previous good output")
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


CASES = {
    "missing field": ("  - id: diagnosis\n    heading: Comment la calcinose est-elle diagnostiquée ?\n",
                      "  - id: diagnosis\n", "- id: diagnosis",
                      "sections[2].heading: required field is missing"),
    "misspelled field": ("    short_heading: Le diagnostic\n", "    short_headng: Le diagnostic\n",
                         "short_headng", "sections[2].short_headng: unknown field (check its spelling)"),
    "syntax error": ("title: La calcinose", "title: [La calcinose", "title: [La calcinose", "(syntax)"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_content_fails_with_located_message(project, capsys, case):
    old, new, needle, expected = CASES[case]
    content = project / "content" / "calcinose" / "fr.yaml"
    edit(content, old, new)
    before = snapshot(project / "output")
    code = main([], root=project)
    message = capsys.readouterr().err.strip()
    assert code != 0
    assert message.startswith(f"content/calcinose/fr.yaml:")
    line = int(message.split(":")[1])
    assert abs(line - line_of(content, needle)) <= 1
    assert expected in message
    assert "Traceback" not in message
    assert snapshot(project / "output") == before
