"""The registry of outputs: adding an output is one module and one line here.

Each output also declares what it must carry, read back by the tests from the finished file:
  leaflet.pdf, leaflet-press.pdf  every section and subsection heading, the summary, the references (full), the acknowledgement
  card.pdf, card-press.pdf        the summary, the key points of CARD_SECTIONS, the references (compact, with DOIs), the contact
  deck.pptx                       a slide per section and subsection, the summary, the references, the contact
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Callable

from . import card, deck, leaflet
from .context import PRESS, RenderContext
from .model import Edition


@dataclass(frozen=True)
class Output:
    filename: str
    render: Callable[[Edition, RenderContext, str], bytes]
    required_sections: Callable[[Edition], tuple[str, ...]]


def _every_section(edition: Edition) -> tuple[str, ...]:
    return tuple(s.id for s in edition.all_sections())


def _card_sections(edition: Edition) -> tuple[str, ...]:
    return card.CARD_SECTIONS


OUTPUTS: tuple[Output, ...] = (
    Output("leaflet.pdf", leaflet.render, _every_section),
    Output("leaflet-press.pdf", partial(leaflet.render, rendition=PRESS), _every_section),
    Output("card.pdf", card.render, _card_sections),
    Output("card-press.pdf", partial(card.render, rendition=PRESS), _card_sections),
    Output("deck.pptx", deck.render, _every_section),
)
