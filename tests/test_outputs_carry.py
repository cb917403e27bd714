"""Every output carries what its registry entry says it must, read back from the finished file."""
from __future__ import annotations

import pytest
from conftest import ROOT
from readback import missing, normal

from handouts.pipeline.build import Project, load_editions
from handouts.pipeline.outputs import OUTPUTS


@pytest.fixture(scope="module")
def editions() -> dict:
    return load_editions(Project(ROOT))


@pytest.mark.parametrize("output", OUTPUTS, ids=lambda o: o.filename)
def test_every_edition_carries_what_its_entry_requires(built, editions, output):
    assert editions
    for content, edition in editions.items():
        required = output.required(edition)
        assert required, f"{output.filename} requires nothing"
        path = built / content.split("/")[1] / edition.language / output.filename
        assert missing(path, required, output.format) == [], f"{path.relative_to(built)}"


def test_the_check_sees_what_a_file_lacks(built, editions):
    """The card does not carry the leaflet's body headings, nor the press leaflet its alt texts."""
    leaflet, card = OUTPUTS[0], next(o for o in OUTPUTS if o.budget == 1 and not o.press)
    edition = editions["content/calcinose/fr.yaml"]
    lacking = missing(built / "calcinose" / "fr" / card.filename, leaflet.required(edition), card.format)
    assert any(line.startswith("section risk-factors:") for line in lacking)


def test_the_deck_says_in_which_language_each_reference_is(built, editions):
    """A reference's language note ("En anglais seulement" in the French edition) is on the deck's references slide
    as in the leaflet (the deck left it out: a French audience was not told the articles are in English)."""
    from pptx import Presentation
    noted = 0
    for content, edition in editions.items():
        deck = Presentation(str(built / content.split("/")[1] / edition.language / "deck.pptx"))
        text = normal(" ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                               if shape.has_text_frame))
        for ref in edition.references:
            if ref.language_note:
                assert normal(f"[{ref.language_note}]") in text, (content, ref.language_note)
                noted += 1
    assert noted
