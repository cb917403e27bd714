"""The registry of outputs: adding an output is one module and one line here.

Each output also declares what it must carry, read back by the tests from the finished file:
  leaflet.pdf, leaflet-press.pdf  every section and subsection, the summary, the full references,
                                  the acknowledgement, the key figures, the QR code
  card.pdf, card-press.pdf        the summary, the key points of CARD_SECTIONS, the compact references
                                  with DOIs, the contact, the QR code
  deck.pptx                       a slide per section and subsection and per key figure, the summary,
                                  the references, the contact with its QR code

Renderers are named, not imported: a build that finds everything up to date never loads
WeasyPrint or python-pptx, and each worker process imports them once.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .context import PRESS, RenderContext

if TYPE_CHECKING:
    from .model import Edition

# The card's short points come from these sections.
CARD_SECTIONS = ("general-measures", "medical-treatments", "interventions")


@dataclass(frozen=True)
class Output:
    filename: str
    renderer: str          # "module:function" of the handouts package
    kind: str              # "html" (Jinja templates, WeasyPrint) or "deck" (deck.pptx, python-pptx)
    press: bool = False

    def render(self, edition: Edition, ctx: RenderContext, shown: str) -> bytes:
        module, function = self.renderer.split(":")
        render = getattr(importlib.import_module(f"handouts.{module}"), function)
        return render(edition, ctx, shown, rendition=PRESS) if self.press else render(edition, ctx, shown)

    def required_sections(self, edition: Edition) -> tuple[str, ...]:
        if self.filename.startswith("card"):
            return CARD_SECTIONS
        return tuple(s.id for s in edition.all_sections())


OUTPUTS: tuple[Output, ...] = (
    Output("leaflet.pdf", "leaflet:render", "html"),
    Output("leaflet-press.pdf", "leaflet:render", "html", press=True),
    Output("card.pdf", "card:render", "html"),
    Output("card-press.pdf", "card:render", "html", press=True),
    Output("deck.pptx", "deck:render", "deck"),
)
