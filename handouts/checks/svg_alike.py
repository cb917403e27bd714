"""What every renderer of a drawing draws alike: WeasyPrint for the PDFs, resvg for the deck and the Word edition,
the reader's browser for the web page. Each implements its own part of SVG and CSS, so a drawing that uses the
rest showed a dose in one output and hid it, reversed it or clipped it in another (the fifth cold attack): masks,
flowed text, text direction overrides, selectors and at-rules one renderer ignores, CSS transforms and clip shapes.
`problem(root)` says what a drawing uses of those, in words for its editor, or None; and a dashed line of more
dashes than a viewer can draw (a PDF viewer hung on one) is refused too.
"""
from __future__ import annotations

import math
import re
from typing import Any

from lxml import etree

FLATTEN = "save the drawing as PNG, or draw it without that in the drawing program"
# The elements every renderer draws alike (SVG's shapes, text, groups, reuse, paint servers, clips, markers): any
# other SVG element is refused, known or not (an SVG font's glyphs, a text on a path, a view ...), rather than found
# one by one to be drawn differently.
DRAWN_ALIKE = {"svg", "g", "defs", "symbol", "use", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
               "text", "tspan", "title", "desc", "metadata", "linearGradient", "radialGradient", "stop", "clipPath",
               "marker", "pattern", "image", "style", "a"}
SVG_NS = "http://www.w3.org/2000/svg"
ELEMENTS = {"mask": "a mask", "flowRoot": "flowed text (convert it to regular text)", "tref": "a text reference",
            "flowRegion": "flowed text (convert it to regular text)", "flowPara": "flowed text (convert it to regular text)"}
# Properties, as attributes or CSS, that the renderers draw differently or not at all.
PROPERTIES = re.compile(r"(?<![\w-])(direction|unicode-bidi|text-transform|content-visibility|shape-inside|writing-mode)"
                        r"\s*:", re.I)
CSS_ONLY = re.compile(r"(?<![\w-])(transform\s*:|clip-path\s*:\s*(?!url\(|none)|display\s*:\s*contents)", re.I)
AT_RULE = re.compile(r"@[\w-]+")
MAX_DASHES = 1_000_000   # dashes of all the drawing's dashed lines: a viewer draws each one
DASHES = re.compile(r"stroke-dasharray\s*:\s*([^;}]*)", re.I)
NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def problem(root: etree._Element) -> str | None:
    """What the drawing uses that its renderers draw differently, or None."""
    sheet = " ".join("".join(e.itertext()) for e in root.iter() if _local(e) == "style")
    if found := _in_sheet(sheet):
        return found
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        local = _local(element)
        if local in ELEMENTS:
            return f"uses {ELEMENTS[local]} (<{local}>), which the outputs draw differently: {FLATTEN}"
        if etree.QName(element).namespace == SVG_NS and local not in DRAWN_ALIKE:
            return f"uses <{local}>, which not every output draws alike: {FLATTEN}"
        if element.get("clipPathUnits") == "objectBoundingBox":
            return f"clips by its object's box (<{local} clipPathUnits>), which the outputs draw differently: {FLATTEN}"
        attributes = " ".join(f"{etree.QName(a).localname}: {v};" for a, v in element.attrib.items())
        if said := PROPERTIES.search(attributes):
            return f"sets {said[1]} on <{local}>, which the outputs draw differently (a text read the other way in " \
                   f"one): {FLATTEN}"
        if (style := element.get("style")) and (styled := CSS_ONLY.search(style)):
            return f"sets {styled[1].split(':')[0].strip()} in the style of <{local}>, which the outputs draw " \
                   f"differently: {FLATTEN}"
    if (dashes := _dashes(root, sheet)) > MAX_DASHES:
        return f"draws dashed lines of about {dashes:,.0f} dashes (at most {MAX_DASHES:,}): make the dashes longer, " \
               "or save the drawing as PNG"
    return None


def _local(element: Any) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _in_sheet(sheet: str) -> str | None:
    """A stylesheet of plain rules: names, classes and ids, with descendants and children; no at-rule, attribute
    selector, pseudo-class or sibling (resvg applied none of them, WeasyPrint and browsers some)."""
    if not sheet.strip():
        return None
    import tinycss2  # type: ignore[import-untyped]
    for rule in tinycss2.parse_stylesheet(sheet, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule":
            return f"has an at-rule (@{rule.lower_at_keyword}) in its <style>, which the outputs apply differently: " \
                   "keep plain rules"
        if rule.type != "qualified-rule":
            continue
        for token in rule.prelude:
            if token.type == "[] block" or token.type == "literal" and token.value in (":", "~", "+"):
                selector = tinycss2.serialize(rule.prelude).strip()[:60]
                return f"has a selector ({selector!r}) in its <style> that the outputs apply differently: keep " \
                       "names, classes and ids"
        if found := PROPERTIES.search(tinycss2.serialize(rule.content)) or CSS_ONLY.search(tinycss2.serialize(rule.content)):
            return f"sets {found[1].split(':')[0].strip()} in its <style>, which the outputs draw differently: {FLATTEN}"
    return None


def _dashes(root: etree._Element, sheet: str) -> float:
    """About how many dashes the drawing's dashed lines draw: each dashed element's length (over-estimated from its
    numbers) over its dash pattern's length."""
    styled = [_pattern(value) for value in DASHES.findall(sheet)]
    every = min((p for p in styled if p), default=0.0)   # a stylesheet's dashes may apply to any element
    total = 0.0
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        own = element.get("stroke-dasharray") or next(iter(DASHES.findall(element.get("style") or "")), None)
        pattern = _pattern(own) if own else every
        if pattern:
            total += _length(element) / pattern
    return total


def _pattern(value: str) -> float:
    """A dash pattern's length (0: no dashes)."""
    numbers = [abs(float(n)) for n in NUMBER.findall(value or "")]
    return max(sum(numbers), 1e-9) if numbers else 0.0


def _length(element: etree._Element) -> float:
    """An over-estimate of the length of an element's outline, from its numbers."""
    def number(name: str) -> float:
        found = NUMBER.findall(element.get(name) or "")
        return abs(float(found[0])) if found else 0.0
    local = _local(element)
    if local in ("circle", "ellipse"):
        return 2 * math.pi * max(number("r"), number("rx"), number("ry"))
    if local == "rect":
        return 2 * (number("width") + number("height"))
    if local == "line":
        return math.hypot(number("x2") - number("x1"), number("y2") - number("y1"))
    return sum(abs(float(n)) for n in NUMBER.findall(element.get("d") or element.get("points") or ""))
