"""The deck's plain-language parts: each glossary term defined in the notes of the slide where it first
appears, and the call-out slides' look (a frame in the kind's colour and line style, and its title)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Pt

from handouts.content.glossary import FirstUses
from handouts.content.model import Callout, Edition
from handouts.render.deck import oxml

if TYPE_CHECKING:
    from handouts.render.deck.spec import SlideSpec

FRAME_PT = 5.0     # the call-out frame's line
FRAME_GAP_PT = 12.0  # between the frame and the text it surrounds
DASHES = {"do": None, "call": None, "ask": MSO_LINE_DASH_STYLE.DASH}   # "call" is a double line (compound)


def define_terms(specs: list[SlideSpec], edition: Edition, gettext: Callable[[str], str],
                 t: Callable[[str], str]) -> list[SlideSpec]:
    """The slides, each glossary term defined (under "Words to know") in the notes of the first slide whose
    title, text or notes use it."""
    first = FirstUses(edition.glossary)
    out = []
    for spec in specs:
        met = [entry for _, _, entry in first.take("\n".join((spec.title, *spec.body, spec.notes)))]
        if met:
            lines = [t(gettext("Words to know") + ":")] + [t(f"{e.term}: {e.definition}") for e in met]
            spec = replace(spec, notes="\n".join(filter(None, (spec.notes, "", *lines))))
        out.append(spec)
    return out


def callout_notes(callout: Callout) -> str:
    """A call-out's items as they are said: a sentence a line, no list marker."""
    return "\n".join(" ".join(item.text.split()) for item in callout.items)


def frame_callout(slide: Any, kind: str, palette: dict[str, str]) -> None:
    """A frame around the call-out's text, in the kind's colour and line style: solid (do), double (call),
    dashed (ask), so that the kinds differ by more than colour; the title takes the colour too."""
    body = slide.placeholders[1]
    gap = Pt(FRAME_GAP_PT)
    # around the text's box, sized to its text (slides.place_body)
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, body.left - gap, body.top - gap, body.width + 2 * gap,
                                   body.height + 2 * gap)
    shape.name = f"Call-out frame ({kind})"
    shape.fill.background()
    shape.shadow.inherit = False
    line = shape.line
    colour = rgb(palette[kind])
    line.color.rgb = colour
    line.width = Pt(FRAME_PT * (1.6 if kind == "call" else 1))
    if DASHES.get(kind) is not None:
        line.dash_style = DASHES[kind]
    if kind == "call":
        oxml.double_line(line)
    for run in (r for p in slide.shapes.title.text_frame.paragraphs for r in p.runs):
        run.font.color.rgb = colour


def rgb(hex_color: str) -> RGBColor:
    return RGBColor(*(int(hex_color.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)))
