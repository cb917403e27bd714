"""The library stays consistent: outputs of deleted content go, manifests list only what is there,
temporary files of killed builds are cleaned."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import FIXTURE_SLUG

from handouts.pipeline.build import Project, build
from handouts.pipeline.outputs import OUTPUTS
from handouts.render.web.site import SITE_INDEX


def listed(out: Path) -> list[str]:
    """The outputs the manifest lists (the site index, listed too, is checked in tests/test_web.py)."""
    names = [line.split("  ", 1)[1] for line in (out / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]   # the system libraries' versions
    assert SITE_INDEX.as_posix() in names
    return [name for name in names if name != SITE_INDEX.as_posix()]


def test_outputs_of_a_deleted_language_and_topic_are_removed_and_leave_the_manifest(scratch, tmp_path, stub_renderers):
    out = tmp_path / "out"
    shutil.copytree(scratch / "content" / FIXTURE_SLUG, scratch / "content" / "second-topic")
    build(Project(scratch), out, jobs=1)
    assert all((out / name).is_file() for name in listed(out)) and len(listed(out)) == 4 * len(OUTPUTS)
    (scratch / "content" / FIXTURE_SLUG / "en.yaml").unlink()
    (scratch / "content" / FIXTURE_SLUG / "translations.yaml").unlink()
    result = build(Project(scratch), out, jobs=1)
    assert sorted(p.relative_to(out).as_posix() for p in result.removed) == sorted(
        f"{FIXTURE_SLUG}/en/{o.filename}" for o in OUTPUTS)
    assert not (out / FIXTURE_SLUG / "en").exists()
    assert all((out / name).is_file() for name in listed(out)) and len(listed(out)) == 3 * len(OUTPUTS)
    shutil.rmtree(scratch / "content" / "second-topic")
    result = build(Project(scratch), out, jobs=1)
    assert len(result.removed) == 2 * len(OUTPUTS) and not (out / "second-topic").exists()
    assert sorted(listed(out)) == sorted(f"{FIXTURE_SLUG}/fr/{o.filename}" for o in OUTPUTS)


def test_the_temporary_files_of_a_killed_build_are_cleaned_by_the_next(scratch, scratch_built, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(scratch_built, out)   # a finished build (the next one finds it up to date)
    folder = out / FIXTURE_SLUG / "fr"
    dead = folder / ".leaflet.pdf.999999999.k1ll3d.tmp"     # no process has this id
    alive = folder / f".card.pdf.{os.getpid()}.running.tmp"  # a build still at work
    dead.write_bytes(b"half a file")
    alive.write_bytes(b"a file being written")
    build(Project(scratch), out, jobs=1, strict=True)
    assert not dead.exists() and alive.exists()
