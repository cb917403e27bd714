"""Every output carries the sections the registry (handouts/outputs.py) says it requires."""
from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from conftest import flat, pdftotext
from expected import FR_SECTIONS
from handouts.build import Project, load_editions
from handouts.outputs import OUTPUTS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def french():
    return load_editions(Project(ROOT))["content/calcinose/fr.yaml"]


@pytest.mark.parametrize("output", OUTPUTS, ids=lambda o: o.filename)
def test_output_carries_its_required_sections(built, french, output):
    required = output.required_sections(french)
    assert required and set(required) <= set(FR_SECTIONS)
    path = built / "calcinose" / "fr" / output.filename
    if path.suffix == ".pptx":
        titles = [s.shapes.title.text_frame.text for s in Presentation(str(path)).slides]
        missing = [i for i in required if not any(t.startswith(FR_SECTIONS[i][1]) for t in titles)]
    else:
        text = flat(pdftotext(path))
        shown = 1 if path.name.startswith("card") else 0  # the card shows short titles
        missing = [i for i in required if flat(FR_SECTIONS[i][shown]) not in text]
    assert missing == []
