"""The same content, templates and locked libraries make the same bytes on any machine: a fresh build's
checksums equal the committed ones. After an intended change of an output, refresh them with
UPDATE_CHECKSUMS=1 .venv/bin/python -m pytest tests/test_reproducible.py (and say why in the commit)."""
from __future__ import annotations

import os

from conftest import ROOT

COMMITTED = ROOT / "tests" / "checksums" / "SHA256SUMS"


def test_a_fresh_build_has_the_committed_checksums(built):
    fresh = (built / "SHA256SUMS").read_text(encoding="utf-8")
    if os.environ.get("UPDATE_CHECKSUMS"):
        COMMITTED.parent.mkdir(exist_ok=True)
        COMMITTED.write_text(fresh, encoding="utf-8")
    assert fresh == COMMITTED.read_text(encoding="utf-8"), (
        "the outputs' bytes changed: an unlocked library, or an intended change (then UPDATE_CHECKSUMS=1)")


def test_the_lock_pins_every_library_that_shapes_the_bytes():
    lines = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    lock = {line.split("==")[0].lower().replace("_", "-") for line in lines if "==" in line and not line.startswith("#")}
    assert {"weasyprint", "pydyf", "tinycss2", "lxml", "xlsxwriter", "fonttools", "python-pptx", "pillow",
            "pikepdf", "segno", "resvg-py", "cssselect2", "tinyhtml5"} <= lock
