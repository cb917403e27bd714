"""Trustworthy builds: every bad input one exact located line and exit 2, nothing written or lost."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURE_SLUG, snapshot

from handouts.cli import main

ROOT = Path(__file__).resolve().parent.parent
FR = f"content/{FIXTURE_SLUG}/fr.yaml"


@pytest.fixture
def scratch(scratch: Path) -> Path:
    """The scratch project of the synthetic topic, with a previous good output."""
    previous = scratch / "output" / FIXTURE_SLUG / "fr"
    previous.mkdir(parents=True)
    (previous / "leaflet.pdf").write_bytes(b"%PDF previous good output")
    (scratch / "output" / "SHA256SUMS").write_text("previous manifest\n")
    return scratch


def locate(text: str, needle: str, token: str) -> tuple[int, int]:
    """Line of the last line holding needle (the edited one), and column of token in it (both 1-based)."""
    found = [(number, line.index(token) + 1) for number, line in enumerate(text.splitlines(), 1) if needle in line]
    assert found, needle
    return found[-1]


IMAGE = "      - >-\n        Placez la mangeoire"
KEY_POINT = "      - text: Les mésanges et les sittelles viennent souvent en premier."
# name: (old text, new text, needle of the faulty line, token at the reported column, the rest of the message)
CASES = {
    "syntax error": ("title: Nourrir", "title: [Nourrir", "published:", ":",
                     "(syntax): expected ',' or ']', but got ':' (valid YAML)"),
    "missing field": ("  - id: where-to-hang\n    heading: Où placer la mangeoire ?\n",
                      "  - id: where-to-hang\n", "- id: where-to-hang", "id",
                      "sections[2].heading: required field is missing"),
    "misspelled field": ("    short_heading: Où la placer ?", "    short_headng: Où la placer ?", "short_headng",
                         "short_headng", "sections[2].short_headng: unknown field (check its spelling)"),
    "unknown field": ("published: 2025-01\n", "published: 2025-01\ncolour: bleu\n", "colour", "colour",
                      "colour: unknown field (check its spelling)"),
    "wrong type": ("    year: 2021\n    volume: \"12\"", "    year: deux mille\n    volume: \"12\"",
                   "year: deux mille", "deux", "references[0].year: wrong value 'deux mille' (a whole number)"),
    "empty section": ("    body:\n      - >-\n        Placez la mangeoire à moins d'un mètre d'une fenêtre ou à plus "
                      "de trois mètres, pour éviter\n        les collisions, et près d'un arbuste où les oiseaux "
                      "peuvent se cacher.\n", "    body: []\n", "body: []", "[",
                      "sections[2].body: is empty (at least one entry)"),
    "duplicate section id": ("  - id: where-to-hang\n", "  - id: why-feed\n", "- id: why-feed", "why-feed", None),
    "reference listed twice": ("doi: 10.5555/birds.2021.002", "doi: 10.5555/birds.2021.001",
                               "doi: 10.5555/birds.2021.001", "10.",
                               "references[1].doi: reference 10.5555/birds.2021.001 is listed twice "
                               "(each reference once)"),
    "malformed DOI": ("doi: 10.5555/birds.2021.002", "doi: doi.org/birds", "doi: doi.org/birds", "doi.org",
                      "references[1].doi: malformed value 'doi.org/birds' (a DOI like 10.1000/xyz123, "
                      "without https://doi.org/)"),
    "unknown language tag": ("lang: fr-CA", "lang: xx-ZZ", "lang: xx-ZZ", "xx",
                             "lang: unknown language tag 'xx-ZZ' (a locale Babel knows, like fr-CA)"),
    "control character": (KEY_POINT, KEY_POINT.replace("sittelles", "sittelles\x07"), "sittelles\x07", "\x07",
                          "(text): control character U+0007 (printable text only)"),
    "key point too long": (KEY_POINT, KEY_POINT[:-1] + ", surtout tôt le matin quand il fait très froid dehors "
                                                       "et que la neige couvre encore tout le jardin.",
                           "tôt le matin", "Les",
                           "sections[0].key_points[3].text: key point has 28 words and 157 characters "
                           "(at most 20 words and 150 characters)"),
    "character not in the typeface": (KEY_POINT, KEY_POINT.replace(" et ", " → "), "mésanges →", "Les",
                                      "sections[0].key_points[3].text: character(s) U+2192 '→' not in Atkinson "
                                      "Hyperlegible (use a character the typeface has)"),
    "image outside the topic": (IMAGE, "      - image: ../../../etc/passwd.png\n        alt: x\n" + IMAGE,
                                "image: ../../", "../", "sections[2].body[0].image: '../../../etc/passwd.png' "
                                "points outside the topic's folder (a file beside fr.yaml)"),
    "missing image": (IMAGE, "      - image: absent.svg\n        alt: x\n" + IMAGE, "image: absent", "absent",
                      "sections[2].body[0].image: 'absent.svg' does not exist (a picture file beside fr.yaml)"),
}


def expected_line(text: str, case: str) -> str:
    old, new, needle, token, rest = CASES[case]
    line, col = locate(text, needle, token)
    if case == "duplicate section id":
        return f"{FR}:{line}:{col}: sections[2].id: duplicate section id 'why-feed' (each id once per edition)"
    return f"{FR}:{line}:{col}: {rest}"


@pytest.mark.parametrize("case", list(CASES))
def test_bad_content_exact_message_exit_2_nothing_written(scratch, capsys, case):
    old, new = CASES[case][:2]
    path = scratch / FR
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    before = snapshot(scratch / "output")
    assert main([], root=scratch) == 2
    assert capsys.readouterr().err.splitlines() == [expected_line(text, case)]
    assert snapshot(scratch / "output") == before


def test_a_picture_named_with_other_unicode_characters_is_said_so(scratch, capsys):
    """The content names «mésange.png» (é one character, as typed); the file came from macOS or a zip as «me´sange.png»
    (e and a combining accent): it looks the same, so the message says what differs and what to do."""
    import unicodedata
    (scratch / "content" / "bird-feeders" / unicodedata.normalize("NFD", "mésange.png")).write_bytes(b"not read")
    path = scratch / FR
    text = path.read_text(encoding="utf-8").replace(IMAGE, "      - image: mésange.png\n        alt: x\n" + IMAGE, 1)
    path.write_text(text, encoding="utf-8")
    assert main([], root=scratch) == 2
    line, col = locate(text, "image: mésange", "mésange")
    assert capsys.readouterr().err.splitlines() == [
        f"{FR}:{line}:{col}: sections[2].body[0].image: 'mésange.png' does not exist: the file beside it named "
        f"{unicodedata.normalize('NFD', 'mésange.png')!r} writes the same letters with other characters (as macOS or "
        "a zip file may): rename the file, typing its name again (a picture file beside fr.yaml)"]


def test_file_not_utf8(scratch, capsys):
    path = scratch / FR
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    before = snapshot(scratch / "output")
    assert main([], root=scratch) == 2
    assert capsys.readouterr().err.splitlines() == [f"{FR}:1:30: (file): byte 0xE9 is not UTF-8 (save the file as UTF-8)"]
    assert snapshot(scratch / "output") == before


def test_every_problem_of_every_file_reported_together(scratch, capsys):
    edits = (("fr", "lang: fr-CA", "lang: xx-ZZ"),
             ("en", "    short_heading: Where to put it?", "    short_headng: Where to put it?"))
    for name, old, new in edits:
        path = scratch / "content" / FIXTURE_SLUG / f"{name}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    assert main(["--check"], root=scratch) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"content/{FIXTURE_SLUG}/en.yaml:") and "short_headng" in lines[0]
    assert lines[1].startswith(f"content/{FIXTURE_SLUG}/fr.yaml:") and "xx-ZZ" in lines[1]


def test_check_validates_and_renders_nothing(scratch, capsys):
    before = snapshot(scratch / "output")
    assert main(["--check"], root=scratch) == 0
    assert snapshot(scratch / "output") == before
