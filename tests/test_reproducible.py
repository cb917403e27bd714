"""The same content, templates and locked libraries make the same bytes on any machine: a fresh build's
checksums equal the committed ones. The build is the synthetic topic's (tests/fixtures/content): a clinical
correction of the real article, or another topic in content/, changes none of them. After an intended change
of an output, refresh them with
UPDATE_CHECKSUMS=1 .venv/bin/python -m pytest tests/test_reproducible.py (and say why in the commit).
SHA256SUMS' comment lines (the system libraries of the machine that built it) are not checksums: the
committed file has none, and the comparison skips them."""
from __future__ import annotations

import os

from conftest import ROOT, pinned

COMMITTED = ROOT / "tests" / "checksums" / "SHA256SUMS"


def checksums(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#"))


def test_a_fresh_build_has_the_committed_checksums(scratch_built):
    fresh = checksums((scratch_built / "SHA256SUMS").read_text(encoding="utf-8"))
    if os.environ.get("UPDATE_CHECKSUMS"):
        COMMITTED.parent.mkdir(exist_ok=True)
        COMMITTED.write_text(fresh, encoding="utf-8")
    assert fresh == checksums(COMMITTED.read_text(encoding="utf-8")), (
        "the outputs' bytes changed: an unlocked library, or an intended change (then UPDATE_CHECKSUMS=1)")


def test_the_lock_pins_every_library_that_shapes_the_bytes():
    assert {"weasyprint", "pydyf", "tinycss2", "lxml", "xlsxwriter", "fonttools", "python-pptx", "pillow",
            "pikepdf", "segno", "resvg-py", "cssselect2", "tinyhtml5"} <= set(pinned())


def test_the_tests_run_the_versions_that_the_build_installs():
    """requirements-test.lock holds every pin of requirements.lock, the same version (it is compiled with
    -c requirements.lock): the tests check the bytes of the libraries a volunteer's build uses."""
    build, test = pinned(), pinned("requirements-test.lock")
    assert {name: (version, test.get(name)) for name, version in build.items() if test.get(name) != version} == {}
