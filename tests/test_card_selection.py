"""What the card carries is the content's choice, read back from the finished card."""
from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import pytest
from articles import Shape, article, tag, write
from conftest import ROOT
from readback import normal, pdf_text

from handouts.cli import main


def scratch(tmp_path: Path, shape: Shape) -> Path:
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    write(tmp_path / "content", "garden", article(shape))
    return tmp_path


def card_text(tmp_path: Path, shape: Shape) -> str:
    project = scratch(tmp_path, shape)
    assert main(["--output", str(project / "out"), "-q", "--strict", "--only", "card.pdf"], root=project) == 0
    return normal(pdf_text(project / "out" / "garden" / "en" / "card.pdf"))


def test_by_default_the_card_carries_every_top_level_section(tmp_path):
    text = card_text(tmp_path, Shape(sections=3, subsections=(1,), key_points=2))
    for n in (1, 2, 3):
        assert normal(f"Point {n}.1") in text and normal(f"Point {n}.2") in text
    assert normal("Point 11.1") not in text  # a subsection's points are the leaflet's and the deck's


def test_the_card_carries_the_sections_it_declares(tmp_path):
    text = card_text(tmp_path, Shape(sections=3, subsections=(1,), card={"sections": ["part-1-part-1", "part-3"]}))
    assert normal("Point 11.1") in text and normal("Point 3.2") in text
    assert normal("Point 1.1") not in text and normal("Point 2.1") not in text


def test_the_card_carries_single_key_points(tmp_path):
    text = card_text(tmp_path, Shape(sections=2, key_points=3, card={"key_points": ["part-2/3", "part-1/2"]}))
    assert normal("Point 1.2") in text and normal("Point 2.3") in text
    assert all(normal(f"Point {p}") not in text for p in ("1.1", "1.3", "2.1", "2.2"))


@pytest.mark.parametrize("card, message", [
    ({}, "card: selects nothing (list sections: or key_points:, or remove card: to carry every top-level section)"),
    ({"sections": ["nowhere"]}, "card.sections[0]: no section 'nowhere' (the id of a section or subsection)"),
    ({"key_points": ["part-1/9"]}, "card.key_points[0]: section 'part-1' has 2 key points (a number from 1 to 2)"),
    ({"key_points": ["part-1"]}, "card.key_points[0]: malformed value 'part-1'"),
])
def test_a_bad_selection_is_a_located_error(tmp_path, capsys, card, message):
    project = scratch(tmp_path, Shape(sections=2, card=card))
    assert main(["--check"], root=project) == 2
    err = capsys.readouterr().err
    assert err.startswith("content/garden/en.yaml:") and message in err, err


def test_a_selection_that_does_not_fit_names_what_to_shorten(tmp_path, capsys):
    project = scratch(tmp_path, Shape(sections=6, key_points=6, paragraph_words=10))
    assert main(["--output", str(project / "out"), "-q", "--only", "card.pdf"], root=project) == 2
    err = capsys.readouterr().err
    assert "garden/en/card.pdf: overflows its 1-page budget by 1 page(s)" in err
    assert "shorten the summary or the key points of part-1, part-2, part-3, part-4, part-5, part-6" in err
    assert not (project / "out").exists()


def card_overflow(tmp_path: Path, lines: int, capsys) -> float | None:
    """The excess in mm that a card says it has with `lines` one-line points added to its summary (None: it fits)."""
    data = article(Shape(sections=5, key_points=5, paragraph_words=10))
    data["summary"]["body"].append({"items": [f"Item {tag(n)} feeder." for n in range(lines)]})
    root = tmp_path / f"lines-{lines}"
    shutil.copytree(ROOT / "templates", root / "templates")
    write(root / "content", "garden", data)
    capsys.readouterr()
    if main(["--output", str(root / "out"), "-q", "-j", "1", "--only", "card.pdf"], root=root) == 0:
        return None
    found = re.search(r"card\.pdf: overflows its 1-page budget by 1 page\(s\), about (\d+) mm too much",
                      capsys.readouterr().err)
    assert found
    return float(found.group(1))


def test_the_cards_overflow_states_its_real_excess_so_one_try_is_enough(tmp_path, capsys):
    """Two overflows, four lines apart, say figures four lines apart (not what went over the page, which a
    block that cannot break, like the references and contact, makes the same for both); and shortening by the
    figure said, in lines, makes the card fit, one line less does not."""
    small, large = card_overflow(tmp_path, 6, capsys), card_overflow(tmp_path, 10, capsys)
    assert small is not None and large is not None and large > small
    line = (large - small) / 4           # the height of one point in mm, as the figures say
    assert 4 < line < 8, (small, large)  # 12 pt type on about 1.3 lines
    enough = math.ceil((small + 0.5) / line)
    assert card_overflow(tmp_path, 6 - enough, capsys) is None
    assert card_overflow(tmp_path, 6 - enough + 1, capsys) is not None
