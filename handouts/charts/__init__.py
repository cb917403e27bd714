"""The chart kinds a key figure can name, one module each: validation, PDF picture, deck drawing, words.

Every kind module provides the functions of base.ChartKind (validate, svg, caption, alt, drawing, draw_deck);
a kind may also provide base.ComposesFigure's figure_html(figure, words, picture) -> Markup, the whole leaflet
figure, to place its picture among the caption's words (handouts.render.figures composes it otherwise).
Modules are imported on first use, and import python-pptx only inside draw_deck.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, cast

from handouts.charts.base import ChartKind

KINDS = {"icons": "icons", "bars": "bars", "stat": "stat", "body-sites": "body_sites", "result": "result"}

if TYPE_CHECKING:  # mypy checks each module against the protocol here; tests/test_charts.py checks KINDS at run time
    from handouts.charts import bars, body_sites, icons, result, stat

    _KINDS: tuple[ChartKind, ...] = (icons, bars, stat, body_sites, result)


def kind(name: str) -> ChartKind:
    """The module that draws charts named `name` in content (KeyError for an unknown kind)."""
    return cast(ChartKind, importlib.import_module(f"{__name__}.{KINDS[name]}"))
