"""Slides follow the leaflet's order: a section's pictures, tables and key figures come in the order their
content appears in the leaflet (each key figure after the paragraph of its sentence, an earlier sentence
first), whatever the order of `key_figures` in the file. Read back from the finished leaflet and deck."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from articles import Shape, article, figure, write, write_picture
from conftest import ROOT
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from readback import pdf_drawn_text

from handouts.cli import main
from handouts.pipeline.build import Project, load_editions


def slide_order(deck: Path, labels: list[str]) -> list[str]:
    """The labels in the order of the deck's slides: a figure by its title, a picture by its picture's alt."""
    order = []
    for slide in Presentation(str(deck)).slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        alts = [s._element.xpath(".//p:cNvPr/@descr")[0] for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE
                and s._element.xpath(".//p:cNvPr/@descr")]
        order += [label for label in labels if key(label) in key(title) or any(key(label) in key(alt) for alt in alts)]
    return list(dict.fromkeys(order))


def leaflet_order(leaflet: Path, labels: list[str], after: str = "") -> list[str]:
    """The labels in the leaflet's reading order, from the first heading `after` on (past the summary box)."""
    text = key(pdf_drawn_text(leaflet))
    start = text.index(key(after)) if after else 0
    return sorted(labels, key=lambda label: text.index(key(label), start))


def key(text: str) -> str:
    """Text compared whatever its typography: letters and digits only, lower case."""
    return re.sub(r"[\W_]+", "", text.lower())


@pytest.fixture(scope="module")
def made_up(tmp_path_factory) -> tuple[Path, list[str]]:
    """A section whose file lists its key figures 1, 2, 3 while its text quotes 3 then 2 in its first
    paragraph, then shows a picture, then quotes 1."""
    root = tmp_path_factory.mktemp("order")
    shutil.copytree(ROOT / "templates", root / "templates")
    data = article(Shape(sections=1))
    (one, q1), (two, q2), (three, q3) = (figure(kind, n, "part-1") for n, kind in enumerate(("stat", "bars", "stat"), 1))
    data["sections"][0]["body"] = [f"{data['sections'][0]['body'][0]} {q3}. {q2}.",
                                   {"image": "bird.svg", "alt": "Drawing of a bird at the feeder"}, f"{q1}."]
    data["key_figures"] = [one, two, three]
    write_picture(root / "content" / "garden", "bird.svg")
    write(root / "content", "garden", data)
    assert main(["--output", str(root / "out"), "-q", "--strict"], root=root) == 0
    return root / "out" / "garden" / "en", [one["title"], two["title"], three["title"]]


def test_figure_picture_and_figure_slides_follow_the_leaflet(made_up):
    folder, (one, two, three) = made_up
    picture = "Drawing of a bird at the feeder"
    assert leaflet_order(folder / "leaflet.pdf", [one, two, three]) == [three, two, one]
    assert slide_order(folder / "deck.pptx", [one, two, three, picture]) == [three, two, picture, one]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_first_articles_figure_slides_follow_its_leaflet(built, lang):
    edition = load_editions(Project(ROOT))[f"content/calcinose/{lang}.yaml"]
    titles = [f.title for f in edition.key_figures]
    leaflet = leaflet_order(built / "calcinose" / lang / "leaflet.pdf", titles, edition.sections[0].heading)
    deck = slide_order(built / "calcinose" / lang / "deck.pptx", titles)
    assert deck == leaflet
