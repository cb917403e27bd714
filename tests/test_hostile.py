"""Hostile or careless content fails fast, with one located line, and loses nothing; a bug is one line."""
from __future__ import annotations

import base64
import datetime as dt
import re
import shutil
import time
from pathlib import Path

import pytest
from articles import Shape, article, write
from conftest import ROOT, snapshot

from handouts.cli import main
from handouts.pipeline.outputs import LEAFLET_PAGES, OUTPUTS, Output

BOMB = "lang: fr-CA\na: &a [" + ",".join(["x"] * 10) + "]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(8))


@pytest.fixture
def garden(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    write(tmp_path / "content", "garden", article(Shape(sections=1)))
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "keep.txt").write_text("previous", encoding="utf-8")
    return tmp_path


CASES = {  # name: (file, its text, the message after "content/garden/<file>:")
    "expands in memory": ("fr.yaml", BOMB,
                          "2:4: (yaml): anchors and aliases (& and *) are not allowed in content (write each value out)"),
    "deeply nested": ("fr.yaml", "lang: fr-CA\ntitle: " + "[" * 5000 + "]" * 5000 + "\n",
                      "2:19: (yaml): nested more than 12 levels deep (no field of content is)"),
    "megabytes in a paragraph": ("fr.yaml", "lang: fr-CA\ntitle: " + "mot " * 500_000 + "\n",
                                 "1:1: (file): is 2,000,020 bytes (at most 1,000,000: an article is far smaller)"),
    "a very long value": ("fr.yaml", "lang: fr-CA\ntitle: " + "mot " * 2_000 + "\n",
                          "2:8: (text): a value of 7,999 characters (at most 6,000: split it into paragraphs)"),
}
TAGGED = "the YAML tag {} is not allowed (plain text, a number, a date, a list or a mapping, untagged)"
BIDI = base64.b64encode("Titre \u202eevil".encode()).decode()  # a right-to-left override, which text may not hold
CASES |= {  # a tag makes a value of another kind, out of sight of the checks that text passes
    f"tagged {tag}": ("fr.yaml", f"lang: fr-CA\ntitle: {tag} {value}\n", "2:8: title: " + TAGGED.format(tag))
    for tag, value in (("!!binary", BIDI), ("!!set", "{a, b}"), ("!!omap", "[a: 1]"), ("!!int", "'3'"),
                       ("!!python/object/apply:os.system", "[echo]"), ("!custom", "text"))}
CASES |= {
    "tagged key": ("fr.yaml", "lang: fr-CA\n? !!binary eA==\n: x\n", "2:3: (file): " + TAGGED.format("!!binary")),
    "a date that is none": ("fr.yaml", "lang: fr-CA\npublished: 2024-13-01\n",
                            "2:12: published: '2024-13-01' is not a date like 2024-04-15 (write it as text in quotes, "
                            "or correct it)"),
}


@pytest.mark.parametrize("name", CASES)
def test_hostile_content_fails_fast_with_one_located_line(garden, capsys, name):
    filename, text, message = CASES[name]
    (garden / "content" / "garden" / filename).write_text(text, encoding="utf-8")
    before = snapshot(garden / "output")
    started = time.monotonic()
    assert main([], root=garden) == 2
    assert time.monotonic() - started < 120  # a guard against a hang (minutes), not a measure of speed
    assert capsys.readouterr().err.splitlines() == [f"content/garden/{filename}:{message}"]
    assert snapshot(garden / "output") == before


def test_a_bad_topic_folder_name_is_a_located_line(garden, capsys):
    shutil.move(garden / "content" / "garden", garden / "content" / "Garden_Birds")
    assert main(["--check"], root=garden) == 2
    assert capsys.readouterr().err.splitlines() == [
        "content/Garden_Birds:1:1: (folder): 'Garden_Birds' is not a topic name (lower-case letters, digits and "
        "hyphens, like hand-care: rename the folder)"]


def test_a_negative_number_says_what_is_expected(garden, capsys):
    data = article(Shape(sections=1, figures=("stat",)))
    data["key_figures"][0]["values"][0]["value"] = -45
    write(garden / "content", "garden", data)
    assert main(["--check"], root=garden) == 2
    assert "wrong value -45 (at least 0)" in capsys.readouterr().err


def test_an_unexpected_error_is_one_line_exit_3_and_debug_shows_the_traceback(garden, capsys, monkeypatch):
    import handouts.render.pdf.leaflet

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(handouts.render.pdf.leaflet, "render", broken)
    broken_ones = [o.filename for o in OUTPUTS if o.renderer == "render.pdf.leaflet:render"
                   or o.source == "leaflet.pdf"]   # what the leaflet's code makes
    assert main(["--output", str(garden / "output"), "--jobs", "1", "-q"], root=garden) == 3
    err = capsys.readouterr().err
    assert err.splitlines() == [f"internal error while building garden/en/{name}: ZeroDivisionError: division by "
                                "zero (please report it; run with --debug for details)" for name in broken_ones]
    written = snapshot(garden / "output")   # the other outputs are kept; the broken ones are not written
    assert {f"garden/en/{o.filename}" for o in OUTPUTS if o.filename not in broken_ones} <= written.keys()
    assert not {f"garden/en/{name}" for name in broken_ones} & written.keys()
    assert main(["--output", str(garden / "output"), "--jobs", "1", "-q", "--debug"], root=garden) == 3
    assert "Traceback (most recent call last)" in capsys.readouterr().err
    monkeypatch.undo()   # the bug fixed: the next build makes only what is missing
    assert main(["--output", str(garden / "output"), "--jobs", "1"], root=garden) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith(f"built {len(broken_ones)}, up to date ")


def test_text_no_output_could_hold_is_refused_before_rendering(garden, capsys, monkeypatch):
    write(garden / "content", "garden", article(Shape(sections=12, paragraphs=3, paragraph_words=400)))

    def never(*args, **kwargs):
        raise AssertionError("an output was rendered")   # an internal error, exit 3, if anything is rendered

    monkeypatch.setattr(Output, "render", never)
    assert main(["--jobs", "1"], root=garden) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines and all(line.startswith("content/garden/en.yaml: ") for line in lines), lines
    leaflet = next(line for line in lines if ": leaflet.pdf: " in line)
    assert "its paragraphs alone need about" in leaflet and f"more than its {LEAFLET_PAGES} page(s) hold" in leaflet
    assert "shorten sections[" in leaflet and leaflet.endswith("found before rendering anything")
    assert (garden / "output" / "keep.txt").read_text(encoding="utf-8") == "previous"
    assert not (garden / "output" / "garden").exists()


def test_a_theme_error_is_a_located_line_like_a_content_error(garden, capsys):
    theme = garden / "templates" / "theme.yaml"
    text = theme.read_text(encoding="utf-8")
    theme.write_text(text.replace('  muted: "#3d3d3d"', '  muted: "#dddddd"'), encoding="utf-8")
    assert main(["--output", str(garden / "output"), "-q"], root=garden) == 2
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("  muted:"))
    assert capsys.readouterr().err.splitlines() == [
        f"templates/theme.yaml:{line}:10: colors.muted on colors.paper (footer and references) has contrast "
        "1.36:1 (at least 4.5:1)"]
    theme.write_text("colors: [unclosed\n", encoding="utf-8")
    assert main(["--output", str(garden / "output"), "-q"], root=garden) == 2
    assert capsys.readouterr().err.startswith("templates/theme.yaml:2:1: (syntax): ")
    assert (garden / "output" / "keep.txt").read_text(encoding="utf-8") == "previous"


@pytest.mark.parametrize("record", ["approvals.yaml", "translations.yaml", "theme.yaml"])
def test_a_tag_in_a_record_or_the_theme_is_a_located_line(garden, capsys, record):
    folder = garden / ("templates" if record == "theme.yaml" else "content/garden")
    path = folder / record
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    path.write_text(f"sneaky: !!binary {BIDI}\n" + text, encoding="utf-8")
    before = snapshot(garden / "output")
    assert main(["--output", str(garden / "output"), "-q"], root=garden) == 2
    shown = {"approvals.yaml": "content/garden/", "translations.yaml": "garden/", "theme.yaml": "templates/"}[record]
    assert capsys.readouterr().err.splitlines() == [f"{shown}{record}:1:9: sneaky: " + TAGGED.format("!!binary")]
    assert snapshot(garden / "output") == before


def test_untagged_values_and_harmless_tags_read_as_before():
    from handouts.content.plainyaml import read

    text = "a: !!str 12\nb: !!int 3\nc: 2024-04-15\nd: [x, 1.5, true, null]\ne: =\n"
    data, _, problems = read(text, "f.yaml", "a mapping")
    assert problems == []
    assert data == {"a": "12", "b": 3, "c": dt.date(2024, 4, 15), "d": ["x", 1.5, True, None], "e": "="}


def test_names_in_messages_show_control_characters_escaped(garden, capsys):
    """A name can hold what a terminal acts on (colours, clearing the screen, a line break): every message
    shows it escaped, errors and warnings alike."""
    topic = garden / "content" / "garden"
    edition = topic / "en.yaml"
    edition.write_text(edition.read_text(encoding="utf-8").replace("Test article", "Test artikle", 1), encoding="utf-8")
    edition.rename(topic / "en\x1b[2J\n.yaml")
    assert main(["--check"], root=garden) == 0
    warning = capsys.readouterr().err.splitlines()
    assert warning == ["warning: content/garden/en\\x1b[2J\\x0a.yaml:2:13: title: unknown word «artikle» (correct it if "
                       "misspelled; add a real term or name to a word list, such as content/words.txt)"]
    topic.rename(garden / "content" / "\x1b[31mgarden\x07")
    assert main(["--check"], root=garden) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert err.splitlines() == ["content/\\x1b[31mgarden\\x07:1:1: (folder): '\\x1b[31mgarden\\x07' is not a topic name "
                                "(lower-case letters, digits and hyphens, like hand-care: rename the folder)"]


NOT_A_COLOUR = "is not a colour (# and six hexadecimal digits, like \"#0b4a66\")"
THEME_COLOURS = {  # the value given to colors.brand: the message after its place
    '"blue; } body { x"': f"'blue; }} body {{ x' {NOT_A_COLOUR}",
    '"#0b4a66; } body { color: red"': f"'#0b4a66; }} body {{ color: red' {NOT_A_COLOUR}",
    '"#12345"': f"'#12345' {NOT_A_COLOUR}",
    '"rgb(11, 74, 102)"': f"'rgb(11, 74, 102)' {NOT_A_COLOUR}",
    "[11, 74, 102]": f"[11, 74, 102] {NOT_A_COLOUR}",
    "#0b4a66": "has no colour (a colour in quotes, like \"#0b4a66\": unquoted, # starts a comment)",
}


@pytest.mark.parametrize("value", THEME_COLOURS)
def test_a_theme_colour_that_is_not_a_colour_is_a_located_line(garden, capsys, value):
    theme = garden / "templates" / "theme.yaml"
    text = theme.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("  brand:"))
    theme.write_text(re.sub(r"(?m)^  brand: .*$", f"  brand: {value}", text), encoding="utf-8")
    before = snapshot(garden / "output")
    assert main(["--output", str(garden / "output"), "-q", "--jobs", "1"], root=garden) == 2
    column = 9 if value.startswith("#") else 10  # an unquoted # starts a comment: the value is empty, before it
    assert capsys.readouterr().err.splitlines() == [
        f"templates/theme.yaml:{line}:{column}: colors.brand: {THEME_COLOURS[value]}"]
    assert snapshot(garden / "output") == before
