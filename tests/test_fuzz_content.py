"""Property: whatever a hand edit does to a content file, the loader returns an edition or the project's own error."""
from __future__ import annotations

import tempfile
from pathlib import Path

from conftest import FIXTURE, FIXTURE_SLUG
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handouts.errors import ContentError
from handouts.pipeline.load import load_library

SOURCE = (FIXTURE / "fr.yaml").read_text(encoding="utf-8").splitlines(keepends=True)

line_index = st.integers(min_value=0, max_value=len(SOURCE) - 1)
junk = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
edits = st.one_of(
    st.tuples(st.just("delete"), line_index, st.just("")),
    st.tuples(st.just("duplicate"), line_index, st.just("")),
    st.tuples(st.just("insert"), line_index, junk),
    st.tuples(st.just("replace"), line_index, junk),
    st.tuples(st.just("indent"), line_index, st.sampled_from([" ", "  ", "\t"])),
)


def apply(lines: list[str], edit: tuple[str, int, str]) -> list[str]:
    kind, i, text = edit
    i = min(i, len(lines) - 1)
    if kind == "delete" and len(lines) > 1:
        return lines[:i] + lines[i + 1:]
    if kind == "duplicate":
        return lines[:i + 1] + lines[i:]
    if kind == "insert":
        return lines[:i] + [text + "\n"] + lines[i:]
    if kind == "replace":
        return lines[:i] + [lines[i][: len(lines[i]) // 2] + text + "\n"] + lines[i + 1:]
    return lines[:i] + [text + lines[i]] + lines[i + 1:]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edits, min_size=1, max_size=4), st.booleans())
def test_mutated_content_loads_or_fails_with_a_content_error(mutations, as_latin1):
    lines = list(SOURCE)
    for mutation in mutations:
        lines = apply(lines, mutation)
    text = "".join(lines)
    with tempfile.TemporaryDirectory() as scratch:
        topic = Path(scratch) / "content" / FIXTURE_SLUG
        topic.mkdir(parents=True)
        (topic / "fr.yaml").write_bytes(text.encode("latin-1", "replace") if as_latin1 else text.encode("utf-8"))
        try:
            topics = load_library(Path(scratch) / "content")
        except ContentError as error:
            assert error.problems and all(str(p).startswith(f"content/{FIXTURE_SLUG}/fr.yaml:") for p in error.problems)
        else:
            assert topics[0].editions[0].lang


def test_odd_yaml_is_a_content_error(tmp_path):
    topic = tmp_path / "content" / FIXTURE_SLUG
    topic.mkdir(parents=True)
    for text in ("? [a, b]\n: c\n", "title: !!python/object:os.system x\n", "- a list\n", "", "a: &x 1\nb: *y\n"):
        (topic / "fr.yaml").write_text(text)
        try:
            load_library(tmp_path / "content")
        except ContentError as error:
            assert error.problems
        else:
            raise AssertionError(text)
