"""Random YAML of random structures (not edits of an article): every case is valid, or ends in the
project's own located one-line errors, fast; never another exception."""
from __future__ import annotations

import contextlib
import io
import re
import shutil
import tempfile
import time
from pathlib import Path

import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handouts.cli import main

FIELDS = ["lang", "title", "published", "association", "authors", "sections", "summary", "references", "key_figures",
          "id", "heading", "body", "key_points", "text", "source", "items", "image", "alt", "caption", "header", "rows",
          "chart", "values", "value", "high", "label", "sentence", "doi", "year", "card", "evidence", "sites", "&x"]
LOCATED = re.compile(r"^content/fuzz/en\.yaml:\d+:\d+: \S.*$")

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                    st.text(max_size=40), st.sampled_from(["fr-CA", "en-CA", "2024-04", "10.1000/x", "icons"]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(FIELDS), inner, max_size=5)), max_leaves=25)
documents = st.one_of(
    st.dictionaries(st.sampled_from(FIELDS), values, max_size=8).map(
        lambda d: yaml.safe_dump(d, allow_unicode=True, sort_keys=False)),
    st.text(max_size=300))


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(documents)
def test_random_yaml_is_valid_or_a_located_error(text):
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        shutil.copytree(ROOT / "templates", root / "templates")
        (root / "content" / "fuzz").mkdir(parents=True)
        (root / "content" / "fuzz" / "en.yaml").write_text(text, encoding="utf-8")
        err = io.StringIO()
        started = time.monotonic()
        with contextlib.redirect_stderr(err):
            code = main(["--check"], root=root)
        assert time.monotonic() - started < 120  # a guard against a hang (minutes), not a measure of speed
        lines = err.getvalue().splitlines()
        assert code == 2 and lines and all(LOCATED.match(line) for line in lines), (code, lines)
