"""Trustworthy builds: every bad input one exact located line and exit 2, nothing written or lost."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import snapshot
from handouts.cli import main

ROOT = Path(__file__).resolve().parent.parent
FR = "content/calcinose/fr.yaml"


@pytest.fixture
def project(project: Path) -> Path:
    """The scratch project, with a previous good output."""
    previous = project / "output" / "calcinose" / "fr"
    previous.mkdir(parents=True)
    (previous / "leaflet.pdf").write_bytes(b"%PDF previous good output")
    (project / "output" / "SHA256SUMS").write_text("previous manifest\n")
    return project


def locate(text: str, needle: str, token: str) -> tuple[int, int]:
    """Line of the last line holding needle (the edited one), and column of token in it (both 1-based)."""
    found = [(number, line.index(token) + 1) for number, line in enumerate(text.splitlines(), 1) if needle in line]
    assert found, needle
    return found[-1]


IMAGE = "      - >-\n        Elle est souvent détectée"
KEY_POINT = "      - Le taux de calcium dans le sang est normal."
# name: (old text, new text, needle of the faulty line, token at the reported column, the rest of the message)
CASES = {
    "syntax error": ("title: La calcinose", "title: [La calcinose", "published:", ":",
                     "(syntax): expected ',' or ']', but got ':' (valid YAML)"),
    "missing field": ("  - id: diagnosis\n    heading: Comment la calcinose est-elle diagnostiquée ?\n",
                      "  - id: diagnosis\n", "- id: diagnosis", "id",
                      "sections[2].heading: required field is missing"),
    "misspelled field": ("    short_heading: Le diagnostic", "    short_headng: Le diagnostic", "short_headng",
                         "short_headng", "sections[2].short_headng: unknown field (check its spelling)"),
    "unknown field": ("published: 2024-04\n", "published: 2024-04\ncolour: bleu\n", "colour", "colour",
                      "colour: unknown field (check its spelling)"),
    "wrong type": ("    year: 2022\n    volume: \"314\"", "    year: deux mille\n    volume: \"314\"",
                   "year: deux mille", "deux", "references[0].year: wrong value 'deux mille' (a whole number)"),
    "empty section": ("    body:\n      - >-\n        Elle est souvent détectée par le médecin lors de l'examen physique "
                      "et peut être confirmée\n        par de simples radiographies. L'échographie, la tomodensitométrie "
                      "et l'imagerie par\n        résonance magnétique sont aussi d'autres moyens d'identifier la "
                      "calcinose.\n", "    body: []\n", "body: []", "[", "sections[2].body: is empty (at least one entry)"),
    "duplicate section id": ("  - id: diagnosis\n", "  - id: definition\n", "- id: definition", "definition", None),
    "reference listed twice": ("doi: 10.3899/jrheum.211393", "doi: 10.1007/s00403-021-02264-5",
                               "doi: 10.1007/s00403-021-02264-5", "10.",
                               "references[1].doi: reference 10.1007/s00403-021-02264-5 is listed twice "
                               "(each reference once)"),
    "malformed DOI": ("doi: 10.3899/jrheum.211393", "doi: doi.org/jrheum", "doi: doi.org/jrheum", "doi.org",
                      "references[1].doi: malformed value 'doi.org/jrheum' (a DOI like 10.1000/xyz123, "
                      "without https://doi.org/)"),
    "unknown language tag": ("lang: fr-CA", "lang: xx-ZZ", "lang: xx-ZZ", "xx",
                             "lang: unknown language tag 'xx-ZZ' (a locale Babel knows, like fr-CA)"),
    "control character": (KEY_POINT, KEY_POINT.replace("calcium", "calcium\x07"), "calcium\x07", "\x07",
                          "(text): control character U+0007 (printable text only)"),
    "key point too long": (KEY_POINT, KEY_POINT[:-1] + ", comme les médecins le constatent souvent lors des examens.",
                           "comme les médecins", "Le taux",
                           "sections[0].key_points[3]: key point has 18 words and 102 characters "
                           "(at most 15 words and 100 characters)"),
    "character not in the typeface": (KEY_POINT, KEY_POINT.replace("dans", "→"), "calcium →", "Le taux",
                                      "sections[0].key_points[3]: character(s) U+2192 '→' not in Atkinson "
                                      "Hyperlegible (use a character the typeface has)"),
    "image outside the topic": (IMAGE, "      - image: ../../../etc/passwd.png\n        alt: x\n" + IMAGE,
                                "image: ../../", "../", "sections[2].body[0].image: '../../../etc/passwd.png' "
                                "points outside the topic's folder (a file beside fr.yaml)"),
    "missing image": (IMAGE, "      - image: absent.svg\n        alt: x\n" + IMAGE, "image: absent", "absent",
                      "sections[2].body[0].image: 'absent.svg' does not exist (a file beside fr.yaml)"),
}


def expected_line(text: str, case: str) -> str:
    old, new, needle, token, rest = CASES[case]
    line, col = locate(text, needle, token)
    if case == "duplicate section id":
        return f"{FR}:{line}:{col}: sections[2].id: duplicate section id 'definition' (each id once per edition)"
    return f"{FR}:{line}:{col}: {rest}"


@pytest.mark.parametrize("case", list(CASES))
def test_bad_content_exact_message_exit_2_nothing_written(project, capsys, case):
    old, new = CASES[case][:2]
    path = project / FR
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    before = snapshot(project / "output")
    assert main([], root=project) == 2
    assert capsys.readouterr().err.splitlines() == [expected_line(text, case)]
    assert snapshot(project / "output") == before


def test_file_not_utf8(project, capsys):
    path = project / FR
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    before = snapshot(project / "output")
    assert main([], root=project) == 2
    assert capsys.readouterr().err.splitlines() == [f"{FR}:2:3: (file): byte 0xC9 is not UTF-8 (save the file as UTF-8)"]
    assert snapshot(project / "output") == before


def test_every_problem_of_every_file_reported_together(project, capsys):
    for name, old, new in (("fr", "lang: fr-CA", "lang: xx-ZZ"), ("en", "    short_heading: Diagnosis", "    short_headng: Diagnosis")):
        path = project / "content" / "calcinose" / f"{name}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    assert main(["--check"], root=project) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("content/calcinose/en.yaml:") and "short_headng" in lines[0]
    assert lines[1].startswith("content/calcinose/fr.yaml:") and "xx-ZZ" in lines[1]


def test_check_validates_and_renders_nothing(project, capsys):
    before = snapshot(project / "output")
    assert main(["--check"], root=project) == 0
    assert snapshot(project / "output") == before
