"""The editions of a topic agree on structure, figures, references and numbers; a translation knows
what it was translated from, and says so when its source changes."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURE_SLUG, expected_outputs, snapshot

from handouts.cli import main

EN, FR = f"content/{FIXTURE_SLUG}/en.yaml", f"content/{FIXTURE_SLUG}/fr.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


@pytest.mark.parametrize("old, new, field, message", [
    ("  - id: counting\n", "  - id: tally\n", "sections[4].id",
     "'tally' here, 'counting' in {fr}:{fr_line}:9 (every edition has the same sections and subsections, in the same order)"),
    ("    chart: stat\n", "    chart: icons\n", "key_figures[2]", None),
    ("    doi: 10.5555/birds.2021.003\n", "    doi: 10.5555/birds.2021.033\n", "references[2].doi",
     "'10.5555/birds.2021.033' here, '10.5555/birds.2021.003' in {fr}:{fr_line}:10 (every edition cites the same "
     "references, in the same order)"),
])
def test_each_kind_of_disagreement_is_an_error_naming_both_files(scratch, capsys, old, new, field, message):
    needle = {"sections[4].id": "- id: counting", "references[2].doi": "doi: 10.5555/birds.2021.003",
              "key_figures[2]": "- id: cardinals"}[field]
    fr_line = line_of(scratch / FR, needle)
    edit(scratch / EN, old, new)
    if "tally" in new:  # its figure follows it, so that only the disagreement remains
        edit(scratch / EN, "section: counting", "section: tally")
    assert main(["--check"], root=scratch) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) >= 1 and lines[0].startswith(f"{EN}:") and f": {field}: " in lines[0], lines
    assert f"{FR}:{fr_line}:" in lines[0]
    if message:
        assert lines[0].endswith(message.format(fr=FR, fr_line=fr_line)), lines[0]


def test_a_number_of_a_section_that_differs_is_an_error_naming_both_texts(scratch, capsys):
    edit(scratch / EN, "In our survey, more than 60% of gardens\n", "In our survey, more than 70% of gardens\n")
    edit(scratch / EN, "      - text: More than 60% of gardens", "      - text: More than 70% of gardens")
    edit(scratch / EN, "      In our survey, more than 60% of gardens with a feeder were visited",
         "      In our survey, more than 70% of gardens with a feeder were visited")
    edit(scratch / EN, "        value: 60\n", "        value: 70\n")
    assert main(["--check"], root=scratch) == 2
    errors = [line for line in capsys.readouterr().err.splitlines() if "numbers of section" in line]
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"{EN}:") and "the numbers of section 'why-feed' differ: 70 here" in errors[0]
    assert f"60 in {FR}:" in errors[0] and "more than 70% of gardens" in errors[0] and "plus de 60 %" in errors[0]


def test_a_changed_source_paragraph_marks_exactly_its_section_out_of_date(scratch, capsys):
    assert main(["--check"], root=scratch) == 0 and "warning" not in capsys.readouterr().err
    edit(scratch / FR, "Offrez peu à la fois et regardez", "Offrez peu à la fois et observez")
    assert main(["--check", "--strict"], root=scratch) == 0  # out of date is for the release to refuse
    warnings = [line for line in capsys.readouterr().err.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "out of date: section 'what-to-offer' changed in its source" in warnings[0]
    assert "was «Offrez peu à la fois et regardez" in warnings[0] and "now «Offrez peu à la fois et observez" in warnings[0]
    assert main(["--release", "--output", str(scratch / "out"), "-q"], root=scratch) == 2
    assert f"{EN}: is a translation out of date with its source" in capsys.readouterr().err
    assert main(["--translated", f"{FIXTURE_SLUG}/en"], root=scratch) == 0
    assert main(["--check"], root=scratch) == 0 and "warning" not in capsys.readouterr().err


def test_an_approver_can_accept_an_out_of_date_translation_for_release(scratch, capsys, stub_renderers):
    """The release's gate, a property of the plan: every output planned, made by the stub renderers."""
    edit(scratch / FR, "Offrez peu à la fois et regardez", "Offrez peu à la fois et observez")
    for lang in ("fr", "en"):
        assert main(["--approve", f"{FIXTURE_SLUG}/{lang}", "--by", "A. Tester", "--role", "birder"], root=scratch) == 0
    assert main(["--release", "--output", str(scratch / "out"), "-q"], root=scratch) == 0
    assert set(expected_outputs(scratch / "content")) <= snapshot(scratch / "out").keys()   # every output released


def test_the_real_content_is_in_step_and_warns_of_nothing(capsys):
    """The committed article: its translation is recorded as up to date, and nothing warns."""
    from conftest import ROOT
    assert main(["--check", "--strict"], root=ROOT) == 0
    assert capsys.readouterr().err == ""
