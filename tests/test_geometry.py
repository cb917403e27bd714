"""The page geometry of the leaflet, its large print and the card has one source, handouts/render/geometry.py:
the stylesheets print it, and the text areas of the check before rendering (handouts/render/budget.py) are
computed from it, so that a margin changed there changes both."""
from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import ROOT

from handouts.pipeline.build import Project, load_editions
from handouts.pipeline.outputs import by_filename
from handouts.render import geometry
from handouts.render.configuration import configured
from handouts.render.context import PRESS, SCREEN, RenderContext, Rendition
from handouts.render.geometry import CARD, LEAFLET, Margins
from handouts.render.pdf.document import render_html

A4 = (210 / 25.4, 297 / 25.4)


def html(template: str, rendition: Rendition = SCREEN, **extra) -> str:
    name, edition = sorted(load_editions(Project(ROOT)).items())[0]
    ctx = configured(RenderContext(ROOT / "templates", (ROOT / name).parent), [edition.language])
    if template == "card.html.j2":
        extra.update(pictures=False, card_groups=edition.card_groups(), card_spoken_for=())
    else:
        extra.setdefault("large", False)
    return render_html(template, edition, ctx, rendition, {}, **extra)


def test_the_text_areas_are_the_paper_less_the_margins_and_the_gaps_between_columns():
    assert LEAFLET.area().papers["letter"] == pytest.approx((2, 3.5, 9.55))
    assert LEAFLET.area().papers["a4"] == pytest.approx((2, (A4[0] - 1.2 - 0.3) / 2, A4[1] - 1.45))
    assert CARD.area().papers["letter"] == pytest.approx((1, 7.3, 10.0))
    assert CARD.area().papers["a4"] == pytest.approx((1, A4[0] - 1.2, A4[1] - 1.0))
    for name, source in (("leaflet.pdf", LEAFLET), ("leaflet-press.pdf", LEAFLET), ("card.pdf", CARD),
                         ("card-press.pdf", CARD)):
        assert by_filename(name).area == source.area(), name


def test_the_stylesheets_print_the_geometry():
    leaflet, card, large = html("leaflet.html.j2"), html("card.html.j2"), html("leaflet.html.j2", large=True)
    assert "margin: 0.6in 0.6in 0.85in 0.6in;" in leaflet and "column-count: 2; column-gap: 0.3in; line-height: 1.3;" in leaflet
    assert "font-size: 13pt; line-height: 1.35;" in leaflet
    assert "margin: 0.5in 0.6in; }" in card and "font-size: 12.5pt; line-height: 1.3; }" in card
    assert "margin: 0.9in 0.6in;" in large and "font-size: 18pt; line-height: 1.5; }" in large


def test_a_margin_changed_in_the_geometry_changes_the_stylesheet_and_the_text_area(monkeypatch):
    moved = replace(LEAFLET, margin=Margins(0.7, 0.65, 0.9, 0.65), gap_in=0.25, size_pt=13.5)
    monkeypatch.setitem(geometry.GEOMETRY, "leaflet", moved)
    screen, press = html("leaflet.html.j2"), html("leaflet.html.j2", PRESS)
    assert "margin: 0.7in 0.65in 0.9in 0.65in;" in screen and "column-gap: 0.25in" in screen and "font-size: 13.5pt" in screen
    assert f"margin: -{0.7 + PRESS.bleed_in}in -{0.65 + PRESS.bleed_in}in 0;" in press   # the band runs into the bleed
    assert moved.area().papers["letter"] == pytest.approx((2, (8.5 - 1.3 - 0.25) / 2, 11 - 1.6))


def test_the_readme_states_the_geometry():
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert f"Atkinson Hyperlegible {LEAFLET.size_pt:g} pt, two columns" in readme
    assert f"{LEAFLET.column_gap.removesuffix('in')} in apart, left-aligned, line height {LEAFLET.line_height} " in readme
    assert f"margins {LEAFLET.margin.top:g} in, {LEAFLET.margin.bottom:g} in at the bottom" in readme
    assert f"`CARD`: {CARD.size_pt:g} pt, line height {CARD.line_height}" in readme
