"""The build's report: one line per warning, once, whoever raises it (the content's checks, a library in a
worker process or in the build's own), and nothing at all with -q."""
from __future__ import annotations

import logging
import shutil
import warnings
from pathlib import Path

import pytest
from articles import Shape, article, write
from conftest import FIXTURE_SLUG, ROOT

import handouts.render.pdf.engine
from handouts.cli import main

TOPICS = ("alpha", "beta", "gamma")


READ = ("--only", "leaflet.pdf", "--only", "card.pdf")   # two PDFs meet the libraries' noise: enough to count it


@pytest.fixture
def three_topics(tmp_path: Path) -> Path:
    """Three topics, each with a misspelled word in its title (a warning of that topic alone)."""
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    for topic in TOPICS:
        path = write(tmp_path / "content", topic, article(Shape(sections=1)))
        path.write_text(path.read_text(encoding="utf-8").replace("Test article", f"Test artikle{topic}", 1),
                        encoding="utf-8")
    return tmp_path


def noisy_libraries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every PDF's layout meets a Python warning and a Pillow log record, as a library would raise them
    (the build's workers are forked: they render with this patch too)."""
    check_pages = handouts.render.pdf.engine.check_pages

    def noisy(*args, **kwargs):
        warnings.warn("a library's warning,\n  on two lines", UserWarning, stacklevel=1)
        logging.getLogger("PIL.Image").warning("a library's log record")
        return check_pages(*args, **kwargs)

    monkeypatch.setattr(handouts.render.pdf.engine, "check_pages", noisy)


@pytest.mark.filterwarnings("default")  # as a build runs outside the tests, whose warnings are errors
def test_each_warning_is_one_line_once_and_quiet_means_quiet(three_topics, capfd, monkeypatch):
    noisy_libraries(monkeypatch)
    out = three_topics / "output"
    assert main(["--output", str(out), "--jobs", "2", *READ], root=three_topics) == 0
    lines = capfd.readouterr().err.splitlines()
    assert len(lines) == len(set(lines)), [line for line in lines if lines.count(line) > 1]
    assert all(line.startswith("warning: ") for line in lines), lines
    for topic in TOPICS:
        assert [line for line in lines if f"«artikle{topic}»" in line] == [
            f"warning: content/{topic}/en.yaml:2:13: title: unknown word «artikle{topic}» (correct it if misspelled; "
            "add a real term or name to a word list, such as content/words.txt)"]
        assert f"warning: {topic}/en/card.pdf: UserWarning: a library's warning, on two lines" in lines
        assert f"warning: {topic}/en/card.pdf: Pillow: a library's log record" in lines
    assert main(["--output", str(out), "--jobs", "2", "-q", "--force", *READ], root=three_topics) == 0
    assert capfd.readouterr() == ("", "")


@pytest.mark.filterwarnings("default")
def test_a_library_warning_in_the_builds_own_process_is_reported_too(three_topics, capfd, monkeypatch):
    noisy_libraries(monkeypatch)
    assert main(["--output", str(three_topics / "output"), "--jobs", "1", *READ], root=three_topics) == 0
    lines = capfd.readouterr().err.splitlines()
    assert len(lines) == len(set(lines)) and all(line.startswith("warning: ") for line in lines), lines
    assert "warning: alpha/en/leaflet.pdf: Pillow: a library's log record" in lines


@pytest.mark.filterwarnings("default")
def test_strict_fails_the_outputs_that_met_a_library_warning(scratch, capfd, monkeypatch):
    """--strict reads the same channel: a Pillow record or a Python warning met while a PDF renders fails that
    output (its lines say why, exit 1) and it is not written; the outputs that met none are."""
    noisy_libraries(monkeypatch)
    out = scratch / "output"
    assert main(["--output", str(out), "--jobs", "2", "--strict", "--only", "card.pdf", "--only", "page.html"],
                root=scratch) == 1
    lines = capfd.readouterr().err.splitlines()
    for lang in ("fr", "en"):
        assert f"{FIXTURE_SLUG}/{lang}/card.pdf: UserWarning: a library's warning, on two lines" in lines, lines
        assert f"{FIXTURE_SLUG}/{lang}/card.pdf: Pillow: a library's log record" in lines, lines
        assert not (out / FIXTURE_SLUG / lang / "card.pdf").exists() and (out / FIXTURE_SLUG / lang / "page.html").is_file()
