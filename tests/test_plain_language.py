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


# --- readability and jargon ---------------------------------------------------------------------------

def test_kandel_moles_agrees_with_textstat_french_flesch():
    """textstat's French Flesch uses Kandel and Moles' constants (207, 1.015, 73.6) and Pyphen syllables:
    an independent computation of the same formula."""
    import textstat

    from handouts.readability import Targets, reading
    text = ("Le jardin est calme le matin. Les oiseaux viennent manger les graines de tournesol. "
            "Une mangeoire propre protège les petits oiseaux des maladies pendant tout l'hiver.")
    ours = reading(("sections", 0), "x", [s + "." for s in text.rstrip(".").split(". ")], "fr", Targets(), set())
    textstat.set_lang("fr")
    assert ours.scores["Kandel-Moles"] == pytest.approx(textstat.flesch_reading_ease(text), abs=2)


def test_flesch_kincaid_and_smog_of_known_sentences():
    from handouts.readability import Targets, reading
    r = reading((), "x", ["The cat sat on the mat."], "en", Targets(), set())   # 6 words, 6 syllables, 1 sentence
    assert r.scores["Flesch-Kincaid grade"] == pytest.approx(0.39 * 6 + 11.8 * 1 - 15.59)
    assert r.scores["SMOG"] == pytest.approx(3.1291)


def readability_topic(tmp_path: Path, lang: str = "en-CA") -> tuple[Path, Path]:
    """A generated article whose second section has one very long sentence, and a rare word."""
    data = article(Shape(sections=3, lang=lang, paragraph_words=5))
    path = write(tmp_path / "content", "reading", data)
    long = "The garden " + " ".join(["and the seed"] * 20) + " grow in winter."
    data["sections"][1]["body"].append(long)
    data["sections"][2]["body"].append("The sphygmomanometer hangs in the garden.")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (tmp_path / "content" / "words.txt").write_text("sphygmomanometer\n", encoding="utf-8")
    shutil_templates(tmp_path)
    return tmp_path, path


def test_a_section_over_its_target_and_an_unexplained_rare_word_are_located_warnings_never_errors(tmp_path, capsys):
    from handouts.build import Project
    from handouts.cli import write_review_sheet
    root, path = readability_topic(tmp_path)
    assert main(["--check", "--strict"], root=root) == 0   # never an error, even when strict
    capsys.readouterr()
    out = root / "out"
    out.mkdir()
    write_review_sheet(Project(root), out, [])
    err = capsys.readouterr().err.splitlines()
    line, col = position(path, "id: part-2")
    over = [e for e in err if f"reading/en.yaml:{line}:{col}: sections[1]: reading level:" in e]
    assert over and "words a sentence on average (target: at most 20)" in over[0], err
    line, col = position(path, "id: part-3")
    rare = [e for e in err if f"reading/en.yaml:{line}:{col}: sections[2]: reading level:" in e]
    assert rare and "rare words the glossary does not explain: sphygmomanometer" in rare[0], err
    assert not any("sections[0]:" in e for e in err), err   # a plain section has nothing to say
    sheet = (out / "review.html").read_text(encoding="utf-8")
    assert "Reading level and jargon" in sheet and "Flesch-Kincaid grade" in sheet and "sphygmomanometer" in sheet
    assert "The garden and the seed and the seed" in sheet   # the longest sentence is listed


def test_french_sections_are_read_with_kandel_moles(tmp_path):
    from handouts.readability import advice
    root, path = readability_topic(tmp_path, "fr-CA")
    _, readings, _ = advice(path, root, root / "templates")
    assert readings and all(set(r.scores) == {"Kandel-Moles"} for r in readings if r.sentences)
