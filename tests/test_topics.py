"""A new topic in content/ changes nothing of the topics already there."""
from __future__ import annotations

import pytest
from articles import Shape, article, write
from conftest import FIXTURE_SLUG, expected_outputs, snapshot

from handouts.cli import main

pytestmark = pytest.mark.runs_long   # tests/conftest.py: started first

SITE = "site/index.html"


def test_adding_a_topic_builds_it_beside_the_other_and_changes_none_of_its_bytes(scratch, tmp_path, scratch_built):
    """The synthetic topic, and a made-up one added beside it, built fresh together: the synthetic topic's
    outputs are those of the session's build of it alone, byte for byte."""
    first = expected_outputs(scratch / "content")
    assert first and all(name.startswith(f"{FIXTURE_SLUG}/") for name in first)
    write(scratch / "content", "garden", article(Shape(sections=1, key_points=2, references=1)))
    every = expected_outputs(scratch / "content")
    added = [name for name in every if name.startswith("garden/")]
    assert added and sorted(first + added) == every

    out = tmp_path / "output"
    assert main(["--output", str(out), "-q", "--strict"], root=scratch) == 0
    files = snapshot(out)
    # exactly the registry's files for every edition of both topics, the site index, and the manifest of them all
    assert sorted(files) == sorted(every + ["SHA256SUMS", SITE])
    listed = sorted(line.split("  ", 1)[1] for line in files["SHA256SUMS"].decode().splitlines() if not line.startswith("#"))
    assert listed == sorted(every + [SITE])
    # the first topic's outputs are those of the session's build of it alone, byte for byte
    alone = snapshot(scratch_built)
    assert {name: files[name] for name in first} == {name: alone[name] for name in first}
    assert sorted(alone) == sorted(first + ["SHA256SUMS", SITE])


def test_two_files_of_one_language_are_told_where_the_second_says_it(scratch, capsys):
    """A copy of an edition under another name (the language twice in a topic): the second file is located at its
    `lang:` line and told which file has that language; exit 2, nothing built."""
    folder = scratch / "content" / FIXTURE_SLUG
    text = (folder / "en.yaml").read_text(encoding="utf-8")
    (folder / "en-copy.yaml").write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("lang:"))
    assert main(["check"], root=scratch) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"content/{FIXTURE_SLUG}/en.yaml:{line}:7: lang: 'en' is the language of en-copy.yaml already (one file per "
        "language: give this edition its own language, or remove a file)"]
