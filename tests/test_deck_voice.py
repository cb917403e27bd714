"""The speaker script speaks for no one: the deck's opening notes say "Cette présentation de ..." /
"This presentation from ...", never "Je parle au nom de ..." unless the theme says the speaker represents
the association, and never read the authors' "Dans cet article" / "In this article" as the speaker's.
Read back from the finished deck's notes and the speaker's script."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from articles import Shape, article, write
from conftest import ROOT
from pptx import Presentation
from readback import pdf_drawn_text

from handouts.cli import main

LEADS = {"fr-CA": "Les merles reviennent au jardin en hiver. Dans cet article, nous verrons comment les nourrir.",
         "en-CA": "Blackbirds come back to the garden in winter. In this article, we will look at how to feed them."}
SAYS = {"fr": ("Cette présentation de Scleroderma Manitoba porte sur", "Les merles reviennent au jardin en hiver"),
        "en": ("This presentation from Scleroderma Manitoba is about", "Blackbirds come back to the garden in winter")}
NEVER = {"fr": ("Je parle au nom de", "Dans cet article", "nous verrons"),
         "en": ("I am speaking for", "In this article", "we will look")}
REPRESENTS = {"fr": "Je parle au nom de Scleroderma Manitoba", "en": "I am speaking for Scleroderma Manitoba"}


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'"))


def opening_notes(deck: Path) -> str:
    return flat(Presentation(str(deck)).slides[0].notes_slide.notes_text_frame.text)


def garden(tmp_path: Path, setting: str = "") -> Path:
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    if setting:
        theme = tmp_path / "templates" / "theme.yaml"
        theme.write_text(theme.read_text(encoding="utf-8").replace(
            "speaker_represents_association: false", f"speaker_represents_association: {setting}"), encoding="utf-8")
    for lang, lead in LEADS.items():
        write(tmp_path / "content", "garden", article(Shape(sections=2, lang=lang, extra={"lead": lead})))
    return tmp_path


def test_the_opening_speaks_for_no_one_and_leaves_the_authors_words_about_their_article_unsaid(tmp_path):
    project = garden(tmp_path)
    assert main(["--output", str(project / "out"), "-q", "--strict", "--only", "deck.pptx", "--only", "deck-script.pdf"],
                root=project) == 0
    for lang in ("fr", "en"):
        folder = project / "out" / "garden" / lang
        script = flat(pdf_drawn_text(folder / "deck-script.pdf"))
        for text in (opening_notes(folder / "deck.pptx"), script):
            assert all(said in text for said in SAYS[lang]), text[:400]
            assert not [never for never in NEVER[lang] if never in text], text[:400]


def test_only_a_theme_that_says_so_makes_the_speaker_represent_the_association(tmp_path):
    project = garden(tmp_path, "true")
    assert main(["--output", str(project / "out"), "-q", "--strict", "--only", "deck.pptx"], root=project) == 0
    for lang in ("fr", "en"):
        notes = opening_notes(project / "out" / "garden" / lang / "deck.pptx")
        assert REPRESENTS[lang] in notes and NEVER[lang][1] not in notes, notes


@pytest.mark.parametrize("setting, message", [
    ("yes please", "deck.speaker_represents_association: is not true or false"),
    ("false\n  speaker: me", "deck.speaker: unknown setting (speaker_represents_association)"),
])
def test_a_wrong_deck_setting_is_a_located_error(tmp_path, capsys, setting, message):
    project = garden(tmp_path, setting)
    assert main(["--output", str(project / "out"), "-q", "--only", "deck.pptx"], root=project) != 0
    err = capsys.readouterr().err
    key = message.split(":")[0].removeprefix("deck.")  # located at its own line of the theme
    line = next(n for n, text in enumerate((project / "templates" / "theme.yaml").read_text(
        encoding="utf-8").splitlines(), 1) if text.strip().startswith(f"{key}:"))
    assert re.search(rf"^templates/theme.yaml:{line}:\d+: ", err, re.M), err
    assert message in err, err


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_first_articles_deck_speaks_for_no_one(built, lang):
    notes = opening_notes(built / "calcinose" / lang / "deck.pptx")
    assert SAYS[lang][0] in notes and not [never for never in NEVER[lang] if never in notes], notes
