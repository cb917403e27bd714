"""An icon array's alt text says what it means, its number as the content states it ('Up to 20–40 % of people
with scleroderma'), not the shapes that draw it ('10 silhouettes: 4 hatched, 6 pale'): read back from every output
that carries alt text (the screen leaflet's /Alt, which its HTML alt becomes; the web page; the Word edition; the
deck's picture descriptions), on the real article and on a made-up one, in both languages."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from articles import built_in_two_languages, edition_of
from conftest import ROOT
from readback import alt_texts, normal

from handouts.content.model import KeyFigure
from handouts.pipeline.outputs import OUTPUTS

WITH_ALT = [output for output in OUTPUTS if output.alt and not output.press
            and output.filename in ("leaflet.pdf", "page.html", "edition.docx", "deck.pptx")]


@pytest.fixture(scope="module")
def made_up(tmp_path_factory) -> Path:
    root = built_in_two_languages(tmp_path_factory.mktemp("alt"), ROOT / "templates",
                                  only=tuple(output.filename for output in WITH_ALT), sections=2, figures=("icons", "stat"))
    return root


def numbers(text: str) -> set[float]:
    """Every number written in the text ('20–40 %', '2,5'), as a value."""
    return {float(n.replace(",", ".")) for n in re.findall(r"\d+(?:[.,]\d+)?", text.replace("\u00a0", "").replace("\u202f", ""))}


def stated(figure: KeyFigure) -> set[float]:
    """The numbers the content states for the figure: its values and those of its title, sentence and study."""
    values = {v for q in figure.values for v in (q.value, q.high) if v is not None}
    return values | numbers(" ".join(filter(None, (figure.title, figure.sentence, figure.study))))


def icon_alt_problems(folder: Path, edition) -> list[str]:
    problems = []
    for output in WITH_ALT:
        alts = alt_texts(folder / output.filename, output.format)
        for figure in (f for f in edition.key_figures if f.chart == "icons"):
            q = figure.values[0]
            said = [a for a in alts if normal(q.label).lower() in normal(a).lower() and q.value in numbers(a)]
            if not said:
                problems.append(f"{output.filename}: no alt says {q.value:g} % {q.label!r}: {alts}")
            problems += [f"{output.filename}: {a!r} says a number the content does not" for a in said
                         if not numbers(a) <= stated(figure)]
    return problems


def test_icon_arrays_alt_says_the_number_as_the_content_states_it(built, made_up):
    cases = [(built / "calcinose" / lang, edition_of(ROOT / "content", "calcinose", lang)) for lang in ("en", "fr")]
    cases += [(made_up / "out" / "made-up" / lang, edition_of(made_up / "content", "made-up", lang)) for lang in ("en", "fr")]
    for folder, edition in cases:
        assert any(f.chart == "icons" for f in edition.key_figures), folder
        assert icon_alt_problems(folder, edition) == [], folder
