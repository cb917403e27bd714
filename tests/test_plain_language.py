"""Plain language (issue 16): spelling, readability and jargon, the glossary and the call-outs, each
checked on generated articles and the synthetic topic, and read back from the finished files."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from articles import Shape, article, write
from conftest import FIXTURE_SLUG

from handouts.cli import main

FR = f"content/{FIXTURE_SLUG}/fr.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def position(path: Path, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column of the nth occurrence of needle in the file."""
    text = path.read_text(encoding="utf-8")
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


@pytest.mark.parametrize("lang, sentence, wrong", [
    ("fr-CA", "Les jardiniers arrosent les rosiers du sclérodémie chaque matin.", "sclérodémie"),
    ("en-CA", "Gardeners water the roses with the recieved rain every morning.", "recieved"),
])
def test_a_misspelled_word_is_a_located_warning_and_an_error_when_strict(tmp_path, capsys, lang, sentence, wrong):
    data = article(Shape(sections=3, lang=lang))
    path = write(tmp_path / "content", "spelling", data)   # its words listed: then one more sentence
    data["sections"][1]["body"].append(sentence)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil_templates(tmp_path)
    assert main(["--check"], root=tmp_path) == 0
    line, col = position(path, wrong)
    expected = (f"content/spelling/{path.name}:{line}:{col}: sections[1].body[1]: unknown word «{wrong}» (correct it "
                "if misspelled; add a real term or name to a word list, such as content/words.txt)")
    assert f"warning: {expected}" in capsys.readouterr().err.splitlines()
    assert main(["--check", "--strict"], root=tmp_path) == 2
    assert expected in capsys.readouterr().err.splitlines()
    (tmp_path / "content" / "words.txt").write_text(f"# a real word\n{wrong}\n", encoding="utf-8")
    assert main(["--check", "--strict"], root=tmp_path) == 0


def test_every_text_field_is_checked_and_identifiers_are_not(scratch, capsys):
    edit(scratch / FR, "heading: Quoi leur offrir ?", "heading: Quoi leur offirr ?")
    assert main(["--check"], root=scratch) == 0
    err = capsys.readouterr().err
    line, col = position(scratch / FR, "offirr")
    assert f"{FR}:{line}:{col}: sections[1].heading: unknown word «offirr»" in err
    assert err.count("unknown word") == 1   # ids (what-to-offer), DOIs, addresses are not prose


def test_the_spelling_check_keeps_validation_fast(tmp_path):
    """Two editions of a long article are checked in well under a second (one Hunspell run each)."""
    from handouts.readers import load_library
    for lang in ("en-CA", "fr-CA"):
        write(tmp_path / "content", "long", article(Shape(sections=8, paragraphs=3, paragraph_words=80, lang=lang)))
    started = time.perf_counter()
    load_library(tmp_path / "content")
    assert time.perf_counter() - started < 3


def shutil_templates(root: Path) -> None:
    import shutil

    from conftest import ROOT
    shutil.copytree(ROOT / "templates", root / "templates")
