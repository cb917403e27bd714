"""A new topic in content/ changes nothing of the topics already there."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURE, FIXTURE_SLUG, expected_outputs, snapshot

from handouts.cli import main

ROOT = Path(__file__).resolve().parent.parent
SITE = "site/index.html"


def test_adding_a_topic_builds_it_beside_the_article_and_changes_none_of_its_bytes(tmp_path, built):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / "templates", project / "templates")
    assert not (project / "content" / FIXTURE_SLUG).exists()
    article = expected_outputs(project / "content")
    shutil.copytree(FIXTURE, project / "content" / FIXTURE_SLUG)
    every = expected_outputs(project / "content")
    added = expected_outputs(FIXTURE.parent)
    assert article and added and sorted(article + added) == every

    out = tmp_path / "output"
    assert main(["--output", str(out), "-q", "--strict"], root=project) == 0
    files = snapshot(out)
    # exactly the registry's files for every edition of both topics, the site index, and the manifest of them all
    assert sorted(files) == sorted(every + ["SHA256SUMS", SITE])
    listed = sorted(line.split("  ", 1)[1] for line in files["SHA256SUMS"].decode().splitlines() if not line.startswith("#"))
    assert listed == sorted(every + [SITE])
    # the article's outputs are those of the session's build of the real content, byte for byte
    assert {name: files[name] for name in article} == {name: data for name, data in snapshot(built).items()
                                                       if name in article}
    assert sorted(snapshot(built)) == sorted(article + ["SHA256SUMS", SITE])
