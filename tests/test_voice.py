"""An action the source gives to the care team ("administrer", "prescribe", "performed by") is never turned
into an instruction to the reader: a warning of the build (an error with --strict) and a flag on the
review sheet, read back from output/review.html."""
from __future__ import annotations

import shutil
from pathlib import Path

from articles import Shape, article, write
from conftest import ROOT

from handouts.cli import main

BODIES = {
    "fr-CA": ("Si une plaie se développe, il faut la nettoyer et administrer des antibiotiques. "
              "La taille est pratiquée par un jardinier formé."),
    "en-CA": ("If a wound develops, it is important to clean it and to administer antibiotics. "
              "Pruning is performed by a trained gardener."),
}
POINTS = {
    "fr-CA": [{"text": "Nettoyer les plaies ; antibiotiques si besoin.", "source": "Si une plaie"},
              {"text": "Si une plaie se développe, votre médecin peut administrer des antibiotiques.", "source": "Si une plaie"},
              {"text": "La taille est pratiquée par un jardinier formé.", "source": "La taille"}],
    "en-CA": [{"text": "Clean wounds; antibiotics if needed.", "source": "If a wound"},
              {"text": "If a wound develops, your doctor may administer antibiotics.", "source": "If a wound"},
              {"text": "Pruning is performed by a trained gardener.", "source": "Pruning is"}],
}
DO = {"fr-CA": "Tailler les arbustes.", "en-CA": "Prune the shrubs."}
SAID = {"fr-CA": ("administrer", "pratiquée par"), "en-CA": ("administer", "performed by")}


def project_of(tmp_path: Path, lang: str) -> Path:
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    data = article(Shape(sections=1, lang=lang))
    data["sections"][0].update(body=[BODIES[lang]], key_points=POINTS[lang], callouts=[
        {"kind": "do", "items": [{"text": DO[lang], "source": BODIES[lang].split(". ")[1][:12]}]}])
    write(tmp_path / "content", "garden", data)
    return tmp_path


def test_an_instruction_made_of_the_care_teams_action_is_a_warning_and_an_error_with_strict(tmp_path, capsys):
    for lang in ("fr-CA", "en-CA"):
        project = project_of(tmp_path / lang, lang)
        assert main(["--check"], root=project) == 0
        lines = [line for line in capsys.readouterr().err.splitlines() if "care team" in line]
        file = f"content/garden/{lang[:2]}.yaml"
        assert len(lines) == 2, lines
        assert lines[0].startswith(f"warning: {file}:") and "sections[0].key_points[0]: gives the reader an action " \
            f"its source gives to the care team («{SAID[lang][0]}»): «{POINTS[lang][0]['text']}» restates «" in lines[0]
        assert "sections[0].callouts[0].items[0]: gives the reader an action its source gives to the care team " \
            f"(«{SAID[lang][1]}»): «{DO[lang]}»" in lines[1]
        assert main(["--check", "--strict"], root=project) == 2
        errors = capsys.readouterr().err.splitlines()
        assert sum("care team" in line and line.startswith(file) for line in errors) == 2, errors


def test_the_review_sheet_flags_the_moved_action_and_marks_it_in_the_source(tmp_path):
    project = project_of(tmp_path, "fr-CA")
    assert main(["--output", str(project / "out"), "-q", "--proof"], root=project) == 0
    page = (project / "out" / "review.html").read_text(encoding="utf-8")
    rows = {row.split("<br>")[0]: row for row in page.split("<tr><td>")[1:]}
    moved = rows["sections[0].key_points[0]"]
    assert "Action of the care team given to the reader: «administrer»" in moved
    assert "<mark>administrer</mark>" in moved and 'class="bad"' in moved
    for kept in ("sections[0].key_points[1]", "sections[0].key_points[2]"):
        assert "Action of the care team" not in rows[kept] and "<mark>" not in rows[kept], rows[kept]
    assert "<mark>pratiquée par</mark>" in rows["sections[0].callouts[0].items[0]"]
