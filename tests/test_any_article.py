"""Any well-formed article, of any shape, builds into outputs that carry all of it, or fails with a
located layout error: never a crash, never a section, key point, figure or reference silently missing."""
from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from articles import Shape, article, write, write_picture
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from readback import missing

from handouts.cli import main
from handouts.pipeline.build import Project, load_editions
from handouts.pipeline.outputs import OUTPUTS

pytestmark = pytest.mark.runs_long   # tests/conftest.py: started first

# What a located layout error looks like: the output named, then where and by how much.
LAYOUT = re.compile(r"^(garden/\w+/[\w.-]+: (overflows its \d+-page budget|slide \d+ «.*» .* too tall)"
                    r"|content/garden/\w+\.yaml: [\w.-]+: its paragraphs alone need about \d+ mm)")


@st.composite
def shapes(draw) -> Shape:
    sections = draw(st.integers(1, 12))
    return Shape(
        sections=sections,
        subsections=tuple(draw(st.lists(st.integers(0, 2), max_size=min(sections, 3)))),
        paragraph_words=draw(st.sampled_from((4, 25, 90))),
        paragraphs=draw(st.integers(1, 3)),
        lists=draw(st.booleans()),
        tables=tuple(draw(st.lists(st.tuples(st.integers(1, 4), st.integers(1, 6)), max_size=2))),
        pictures=tuple(draw(st.lists(st.sampled_from(("a.svg", "b.png")), max_size=2, unique=True))),
        references=draw(st.integers(1, 12)),
        figures=tuple(draw(st.lists(st.sampled_from(("icons", "bars", "stat", "body-sites", "result")), max_size=4))),
        key_points=draw(st.integers(1, 6)),
        glossary=draw(st.integers(0, 3)),
        callouts=tuple(draw(st.lists(st.sampled_from(("do", "call", "ask")), max_size=3))),
        lang=draw(st.sampled_from(("en-CA", "fr-CA"))),
    )


def build_article(shape: Shape, folder: Path) -> tuple[int, str, Path]:
    shutil.copytree(ROOT / "templates", folder / "templates")
    for name in shape.pictures:
        write_picture(folder / "content" / "garden", name)
    write(folder / "content", "garden", article(shape))
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["--output", str(folder / "out"), "-q", "--strict", "--jobs", "1"], root=folder)
    return code, err.getvalue(), folder / "out"


@settings(max_examples=14, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(shapes())
def test_any_article_builds_and_carries_everything_or_fails_located(shape):
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        code, err, out = build_article(shape, folder)
        if code != 0:
            lines = err.splitlines()
            assert code == 2 and lines and all(LAYOUT.match(line) for line in lines), err
            failed = {line.split(": ", 1)[0] for line in lines}
            written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} if out.exists() else set()
            assert not failed & written, failed & written   # what failed is not written; what rendered may be
            if written:
                assert subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=out).returncode == 0
            return
        (edition,) = load_editions(Project(folder)).values()
        for output in OUTPUTS:
            path = out / "garden" / edition.language / output.filename
            assert missing(path, output.required(edition), output.format) == [], f"{output.filename} of {shape}"
