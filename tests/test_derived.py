"""Text no author wrote word for word keeps the numbers and qualifiers of the sentences it restates."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from articles import Shape, article, write
from conftest import ROOT

from handouts.cli import main

FR_BODY = "Les merles reviennent souvent au jardin. Jusqu'à 30 % des nids sont abandonnés après 2 semaines de gel."


def scratch(tmp_path: Path, points: list, body: str = FR_BODY) -> Path:
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    data = article(Shape(sections=1, lang="fr-CA"))
    data["sections"][0]["body"] = [body]
    data["sections"][0]["key_points"] = points
    write(tmp_path / "content", "garden", data)
    return tmp_path


def check(project: Path, capsys, *args: str) -> tuple[int, list[str]]:
    code = main(["--check", *args], root=project)
    return code, capsys.readouterr().err.splitlines()


@pytest.mark.parametrize("point, message", [
    ({"text": "Jusqu'à 30 % des nids sont abandonnés.", "source": "Jusqu'à 30 %"},
     "drops 2 of its source: «Jusqu'à 30 % des nids sont abandonnés.» restates «Jusqu'à 30 % des nids sont "
     "abandonnés après 2 semaines de gel.»"),
    ({"text": "30 % des nids sont abandonnés après 2 semaines de gel.", "source": "Jusqu'à 30 %"},
     "drops \"jusqu'à\" of its source: «30 % des nids sont abandonnés après 2 semaines de gel.» restates «Jusqu'à 30 % "
     "des nids sont abandonnés après 2 semaines de gel.»"),
    ({"text": "Les merles reviennent au jardin.", "source": "Les merles reviennent"},
     "drops \"souvent\" of its source: «Les merles reviennent au jardin.» restates «Les merles reviennent souvent au jardin.»"),
    ("Les merles reviennent souvent au jardin.",
     "names no source (add source: a few words, exactly as written, of the sentence of its section that it restates)"),
])
def test_a_derived_text_that_drops_part_of_its_source_is_a_warning_naming_both(tmp_path, capsys, point, message):
    project = scratch(tmp_path, [point])
    code, lines = check(project, capsys)
    assert code == 0
    assert [line for line in lines if "key_points" in line] == [
        f"warning: content/garden/fr.yaml:{line_of(project)}:5: sections[0].key_points[0]: {message}"]
    code, lines = check(project, capsys, "--strict")
    assert code == 2 and lines == [f"content/garden/fr.yaml:{line_of(project)}:5: sections[0].key_points[0]: {message}"]
    assert main(["--output", str(project / "out"), "--strict", "-q"], root=project) == 2
    assert not (project / "out").exists()


def line_of(project: Path) -> int:
    lines = (project / "content" / "garden" / "fr.yaml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip() == "key_points:") + 1


@pytest.mark.parametrize("source, where", [("Rien de tel", "in no sentence of its section"),
                                           ("Les oiseaux", "in no sentence of its section"),
                                           ("au", "in 2 sentences of its section")])
def test_a_source_names_exactly_one_sentence(tmp_path, capsys, source, where):
    body = "Les merles reviennent au jardin. Les nids sont au chaud."
    project = scratch(tmp_path, [{"text": "Les merles reviennent.", "source": source}], body)
    lines = [line for line in check(project, capsys)[1] if "key_points" in line]
    assert len(lines) == 1 and lines[0].endswith(f"sections[0].key_points[0].source[0]: {source!r} is {where} "
                                                 "(words of one sentence, exactly as written)"), lines


def test_a_point_that_keeps_everything_passes_strict(tmp_path, capsys):
    project = scratch(tmp_path, [{"text": "Jusqu'à 30 % des nids abandonnés après 2 semaines de gel.",
                                  "source": "Jusqu'à 30 %"}])
    assert check(project, capsys, "--strict") == (0, [])


def test_a_figure_title_keeps_the_qualifier_of_its_sentence(tmp_path, capsys):
    project = scratch(tmp_path, [{"text": "Jusqu'à 30 % des nids abandonnés après 2 semaines de gel.",
                                  "source": "Jusqu'à 30 %"}], "Les merles peuvent revenir dans 40 % des jardins.")
    path = project / "content" / "garden" / "fr.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "source: Jusqu'à 30 %", "source: Les merles peuvent") + (
        "key_figures:\n- id: blackbirds\n  section: part-1\n  chart: stat\n  title: Les merles reviennent\n"
        "  values:\n  - label: des jardins\n    value: 40\n  sentence: Les merles peuvent revenir dans 40 % des jardins\n"),
        encoding="utf-8")
    lines = [line for line in check(project, capsys)[1] if "key_figures" in line]
    assert lines == ['warning: content/garden/fr.yaml:' + lines[0].split(":")[2] + ':3: key_figures[0]: drops "peuvent" of '
                     'its source: «Les merles reviennent» restates «Les merles peuvent revenir dans 40 % des jardins»']


def test_a_sentence_does_not_end_at_a_title_or_a_saints_abbreviation():
    """"St. John's wort" and "Dr. Hoa" stay inside their sentence: the talk once read "Finally, neem oil
    combined with St." as a whole sentence."""
    from handouts.content.derived import sentences
    assert sentences(("Neem oil with St. John's wort extract helped. Dr. Hoa wrote it. It ends.",)) == [
        "Neem oil with St. John's wort extract helped.", "Dr. Hoa wrote it.", "It ends."]
