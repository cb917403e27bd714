"""A drawing by condition: a <switch>, or an element drawn only for a language or a program (`systemLanguage`,
`requiredFeatures`, `requiredExtensions`): a version for each language in one file. Every drawing is drawn once, by
resvg, for every output (`handouts/render/drawing.py`), which would choose a version by its own settings, not by the
edition's language: a French leaflet could show the English doses. Refused: one version a file.

Nothing else of SVG is refused for being drawn differently: with one renderer, every output shows the same pixels
(six cold attacks on renderers that each drew the SVG themselves found filters, masks, text directions, selectors
and values that one drew and another did not).
"""
from __future__ import annotations

from lxml import etree

CONDITIONS = ("systemLanguage", "requiredFeatures", "requiredExtensions")
SVG_NS = "http://www.w3.org/2000/svg"


def problem(root: etree._Element) -> str | None:
    """What the drawing draws by condition, in words for its editor, or None."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        if local == "switch" or any(_condition(name) for name in element.attrib):
            return (f"draws by condition (<{local}> with <switch> or systemLanguage: a version for each "
                    "language or program), which would not follow the edition's language: keep one version a file")
    return None


def _condition(attribute: str) -> bool:
    """Whether the attribute is a condition, with no namespace or SVG's own (`s:systemLanguage`, `s` bound to SVG,
    is read by resvg as the plain one)."""
    name = etree.QName(attribute)
    return name.localname in CONDITIONS and name.namespace in (None, SVG_NS)
