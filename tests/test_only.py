"""--only OUTPUT: a build makes only the named outputs of each edition, leaves the others as they are (never
removed as gone), and its site index and SHA256SUMS list what is in the folder."""
from __future__ import annotations

import subprocess
from pathlib import Path

import lxml.html
import pytest
from conftest import FIXTURE_SLUG, snapshot

from handouts.cli import main
from handouts.errors import UsageError
from handouts.pipeline.build import Project, build
from handouts.pipeline.outputs import OUTPUTS
from handouts.render.web.site import SITE_INDEX


def files(out: Path) -> list[str]:
    """The outputs in the folder, as topic/language/file (not the manifest, nor the site index)."""
    return sorted(name for name in snapshot(out) if name not in ("SHA256SUMS", SITE_INDEX.as_posix()))


def listed(out: Path) -> list[str]:
    names = [line.split("  ", 1)[1] for line in (out / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]   # the system libraries' versions head the file
    assert SITE_INDEX.as_posix() in names
    return sorted(name for name in names if name != SITE_INDEX.as_posix())


def linked(out: Path) -> list[str]:
    tree = lxml.html.document_fromstring((out / SITE_INDEX).read_bytes())
    return sorted((out / "site" / str(h)).resolve().relative_to(out.resolve()).as_posix()
                  for h in tree.xpath("//main//a/@href"))


def true_manifest(out: Path) -> bool:
    return subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=out, capture_output=True).returncode == 0


def test_an_only_build_makes_the_named_outputs_and_lists_what_is_in_the_folder(scratch, tmp_path):
    out = tmp_path / "out"
    assert main(["--output", str(out), "-q", "--only", "card.pdf", "--only", "page.html"], root=scratch) == 0
    both = sorted(f"{FIXTURE_SLUG}/{lang}/{name}" for lang in ("en", "fr") for name in ("card.pdf", "page.html"))
    assert files(out) == listed(out) == linked(out) == both
    assert true_manifest(out)


def test_an_only_build_leaves_the_other_outputs_in_place_and_in_the_manifest(scratch, tmp_path):
    out = tmp_path / "out"
    assert main(["--output", str(out), "-q", "--only", "card.pdf"], root=scratch) == 0
    assert main(["--output", str(out), "-q", "--only", "page.html"], root=scratch) == 0
    every = files(out)
    assert every == listed(out) == linked(out) and len(every) == 4   # the cards stay, beside the pages
    before = snapshot(out)
    fr = scratch / "content" / FIXTURE_SLUG / "fr.yaml"
    fr.write_text(fr.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: Nouveau ", 1), encoding="utf-8")
    result = build(Project(scratch), out, jobs=1, only=["card.pdf"])
    assert [p.relative_to(out).as_posix() for p in result.built] == [f"{FIXTURE_SLUG}/fr/card.pdf"]
    assert result.removed == []
    after = snapshot(out)
    assert files(out) == every == listed(out) == linked(out) and true_manifest(out)
    assert after[f"{FIXTURE_SLUG}/fr/page.html"] == before[f"{FIXTURE_SLUG}/fr/page.html"]   # left as it was
    assert after[f"{FIXTURE_SLUG}/fr/card.pdf"] != before[f"{FIXTURE_SLUG}/fr/card.pdf"]
    # the page made before the edit is stale: the next build of it makes it again
    result = build(Project(scratch), out, jobs=1, only=["page.html"])
    assert [p.relative_to(out).as_posix() for p in result.built] == [f"{FIXTURE_SLUG}/fr/page.html"]
    assert files(out) == every == listed(out) == linked(out) and true_manifest(out)


def test_an_unknown_output_is_one_line_naming_the_outputs(scratch, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["--output", str(out), "-q", "--only", "leaflet.pdf", "--only", "poster.pdf"], root=scratch) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "poster.pdf" in line and all(o.filename in line for o in OUTPUTS)
    assert not out.exists() or not files(out)
    with pytest.raises(UsageError):
        build(Project(scratch), out, only=["leaflet"])
