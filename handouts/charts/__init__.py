"""The chart kinds a key figure can name, one module each: validation, PDF picture, deck drawing, words.

Every kind module provides the same functions:
    validate(figure) -> [(field path, message)]   problems, relative to the figure
    svg(figure, words, paint) -> str               the vector picture of the PDFs
    caption(figure, words) -> str                  the visible caption (lines separated by newlines)
    alt(figure, words) -> str                      alt text stating every number with its qualifier
    draw_deck(slide, figure, words, palette, lang) native shapes; returns caption frames
A kind may also provide figure_html(figure, words, picture) -> Markup, the whole leaflet figure,
to place its picture among the caption's words (handouts.render.figures composes it otherwise).
Modules are imported on first use, and import python-pptx only inside draw_deck.
"""
from __future__ import annotations

import importlib
from types import ModuleType

KINDS = {"icons": "icons", "bars": "bars", "stat": "stat", "body-sites": "body_sites", "result": "result"}


def kind(name: str) -> ModuleType:
    """The module that draws charts named `name` in content (KeyError for an unknown kind)."""
    return importlib.import_module(f"{__name__}.{KINDS[name]}")
