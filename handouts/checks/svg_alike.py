"""What every renderer of a drawing draws alike: WeasyPrint for the PDFs, resvg for the deck and the Word edition,
the reader's browser for the web page. Each implements its own part of SVG and CSS, so a drawing that uses the
rest showed a dose in one output and hid it, reversed it or clipped it in another (the fourth to sixth cold
attacks): filters, drawing by condition, masks, flowed text, text direction overrides, selectors and at-rules one
renderer ignores, CSS transforms and clip shapes, values only some renderers read.
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
# Properties, as attributes or CSS, that the renderers draw differently or not at all, but for their neutral values
# (a drawing program writes those on every text: Inkscape's letter-spacing:0px, writing-mode:lr-tb ...).
NEUTRAL = {"direction": {"ltr"}, "unicode-bidi": {"normal"}, "text-transform": {"none"}, "content-visibility": {"visible"},
           "shape-inside": {"none"}, "writing-mode": {"lr-tb", "lr", "horizontal-tb"}, "isolation": {"auto"},
           "paint-order": {"normal", "fill", "fill stroke", "fill stroke markers"}, "mix-blend-mode": {"normal"},
           "text-decoration": {"none"}, "word-spacing": {"0", "0px", "normal"},
           "letter-spacing": {"0", "0px", "0em", "normal"}}
DECLARATION = re.compile(r"(?<![\w-])([\w-]+)\s*:\s*([^;}]*)")
# The functions a value may use: a reference, an sRGB colour (and a transform's own); var(), calc(), newer colour
# spaces and the rest are read by some renderers only (a dose drawn black in one output, invisible in another).
FUNCTIONS = {"url", "rgb", "rgba"}
TRANSFORMS = {"matrix", "translate", "scale", "rotate", "skewx", "skewy"}
FUNCTION = re.compile(r"([a-zA-Z_-][\w-]*)\s*\(")
# CSS system colours: each renderer (and each reader's browser theme) gives them its own value.
SYSTEM_COLOURS = re.compile(r"(?<![\w#-])(canvas|canvastext|linktext|visitedtext|activetext|buttonface|buttontext|"
                            r"buttonborder|field|fieldtext|highlight|highlighttext|selecteditem|selecteditemtext|mark|"
                            r"marktext|graytext|accentcolor|accentcolortext|activeborder|activecaption|appworkspace|"
                            r"background|buttonhighlight|buttonshadow|captiontext|inactiveborder|inactivecaption|"
                            r"inactivecaptiontext|infobackground|infotext|menu|menutext|scrollbar|threeddarkshadow|"
                            r"threedface|threedhighlight|threedlightshadow|threedshadow|window|windowframe|windowtext)"
                            r"(?![\w-])", re.I)
COLOUR_PROPERTIES = ("fill", "stroke", "stop-color", "color", "flood-color", "lighting-color")
SELECTOR_TOKENS = {"ident", "whitespace"}            # names, then `.`, `#`, `*`, `>` and `,` below
SELECTOR_LITERALS = {".", "*", ">", ","}
CSS_ONLY = re.compile(r"(?<![\w-])(transform\s*:|clip-path\s*:\s*(?!url\(|none)|display\s*:\s*contents)", re.I)
AT_RULE = re.compile(r"@[\w-]+")
MAX_DASHES = 1_000_000   # dashes of all the drawing's dashed lines: a viewer draws each one
DASHES = re.compile(r"stroke-dasharray\s*:\s*([^;}]*)", re.I)
NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


CSS_COMMENT = re.compile(r"/\*(?:[^*]|\*(?!/))*(?:\*/|$)")   # an unclosed one to the end; linear


CONDITIONS = ("systemLanguage", "requiredFeatures", "requiredExtensions")
FILTER_PROPERTY = re.compile(r"(?<![\w-])filter\s*:(?!\s*none\s*(?:;|$|!|}))", re.I)


def _filtered_or_conditional(root: etree._Element) -> str | None:
    """What every renderer draws the same way, or a refusal: WeasyPrint draws two filter effects of the many (an
    offset and a blend), resvg and browsers all of them, so a shadow, a blur or a colour change differed between the
    PDFs and the slides (a colour matrix hid a text in one and showed it in the other); and WeasyPrint draws every
    branch of a <switch>, resvg one (the fourth cold attack)."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        if local == "filter" or local.startswith("fe"):
            return (f"uses a filter (<{local}>: a shadow, a blur, a colour change ...), which the PDFs and the "
                    "slides draw differently: flatten it in the drawing program, or save the drawing as PNG")
        if local == "switch" or any(name in element.attrib for name in CONDITIONS):
            return (f"draws by condition (<{local}> with <switch> or systemLanguage: a version for each "
                    "language or program), which the outputs would choose differently: keep one version")
        said = " ".join(f"{etree.QName(a).localname}: {v};" for a, v in element.attrib.items()
                        if etree.QName(a).localname in ("filter", "style"))
        if local == "style":
            said += " " + "".join(element.itertext())
        if FILTER_PROPERTY.search(CSS_COMMENT.sub(" ", said)):
            return (f"gives <{local}> a filter (a shadow, a blur ...), which the PDFs and the slides draw "
                    "differently: flatten it in the drawing program, or save the drawing as PNG")
    return None


def problem(root: etree._Element) -> str | None:
    """What the drawing uses that its renderers draw differently, or None."""
    if found_filter := _filtered_or_conditional(root):
        return found_filter
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
        if found := _element_differs(element, local, root):
            return found
        declared = [(etree.QName(a).localname, v) for a, v in element.attrib.items() if etree.QName(a).localname != "style"]
        declared += DECLARATION.findall(element.get("style") or "")
        if said := _not_neutral(declared):
            return f"sets {said} on <{local}>, which the outputs draw differently (a text read the other way in " \
                   f"one): {FLATTEN}"
        if (style := element.get("style")) and (styled := CSS_ONLY.search(style)):
            return f"sets {styled[1].split(':')[0].strip()} in the style of <{local}>, which the outputs draw " \
                   f"differently: {FLATTEN}"
        for attribute, value in element.attrib.items():
            name = etree.QName(attribute).localname
            if name in ("d", "points", "href", "id", "class") or etree.QName(attribute).namespace:
                continue
            if found_value := _value_differs(f"{name}: {value}" if name != "style" else value, f"<{local}>",
                                             name.lower().endswith("transform")):
                return found_value
    if (dashes := _dashes(root, sheet)) > MAX_DASHES:
        return f"draws dashed lines of about {dashes:,.0f} dashes (at most {MAX_DASHES:,}): make the dashes longer, " \
               "or save the drawing as PNG"
    return None


def _not_neutral(declared: list[tuple[str, str]]) -> str | None:
    """The first property of NEUTRAL given another value than its neutral ones, or None."""
    for prop, value in declared:
        neutral = NEUTRAL.get(prop.strip().lower())
        if neutral is not None and " ".join(value.replace("!important", "").split()).lower() not in neutral:
            return prop.strip()
    return None


def _value_differs(declared: str, where: str, transform: bool = False) -> str | None:
    """A value only some renderers read: a function other than url(), rgb() and rgba() (a transform's own in a
    transform), a system colour, or a font size under zero."""
    for name in FUNCTION.findall(declared):
        if name.lower() not in FUNCTIONS and not (transform and name.lower() in TRANSFORMS):
            return f"uses {name}() in {where}, which not every output reads: write the value itself (a colour as #hex " \
                   "or rgb())"
    for prop, value in re.findall(r"(?<![\w-])([\w-]+)\s*:\s*([^;}]*)", declared):
        if prop.lower() in COLOUR_PROPERTIES and (colour := SYSTEM_COLOURS.search(value)):
            return f"uses the system colour {colour[1]} in {where}, which each reader's screen sets its own way: " \
                   "write the colour as #hex"
        if prop.lower() == "font-size" and value.strip().startswith("-"):
            return f"sets a font size under zero in {where}: correct it"
    return None


def _element_differs(element: etree._Element, local: str, root: etree._Element) -> str | None:
    """What one element does that the renderers draw differently: a <tspan> outside a <text>, a position on the
    drawing's own <svg>, a stylesheet for one medium, a <use> or <marker> of no size, a text painted with a gradient
    in the units of its own box."""
    if local == "tspan" and not any(_local(a) == "text" for a in element.iterancestors()):
        return "has a <tspan> outside any <text>, which only some outputs draw: put it in a <text>"
    if element is root and not all(_zero(element.get(name) or "0") for name in ("x", "y")):   # Illustrator writes 0px
        return "places the drawing itself (x or y on its <svg>), which only some outputs do: remove them"
    if local == "style" and element.get("media"):
        return "has a stylesheet for one medium (<style media>), which the outputs apply differently: remove media"
    if local in ("use", "marker") and any(_zero(element.get(name)) for name in
                                          ("width", "height", "markerWidth", "markerHeight")):
        return f"has a <{local}> of no size, which only some outputs draw: give it its size or remove it"
    if local in ("text", "tspan"):
        for paint in (element.get("fill") or "", element.get("stroke") or "", element.get("style") or ""):
            for name in re.findall(r"url\(\s*['\"]?#([^'\")\s]+)", paint):
                if not _user_space(root, name):
                    return f"paints a text with a gradient in its box's units (#{name}), which a PDF drew blank: give " \
                           "the gradient gradientUnits=\"userSpaceOnUse\", or colour the text plainly"
    return None


def _zero(value: str | None) -> bool:
    found = NUMBER.findall(value or "")
    return bool(found) and float(found[0]) == 0


def _user_space(root: etree._Element, name: str, depth: int = 0) -> bool:
    """Whether the gradient (or pattern) `name` paints in user space, following the href chain it inherits from."""
    target = next((e for e in root.iter() if isinstance(e.tag, str) and e.get("id") == name), None)
    if target is None or depth > 40:
        return True   # no such paint: none drawn, alike
    units = target.get("gradientUnits") or target.get("patternUnits")
    if units:
        return units == "userSpaceOnUse"
    href = target.get("href") or target.get("{http://www.w3.org/1999/xlink}href") or ""
    return _user_space(root, href.strip().removeprefix("#"), depth + 1) if href.strip().startswith("#") else \
        _local(target) not in ("linearGradient", "radialGradient", "pattern")


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
            plain = token.type in SELECTOR_TOKENS or token.type == "literal" and token.value in SELECTOR_LITERALS \
                or token.type == "hash"
            if not plain:
                selector = tinycss2.serialize(rule.prelude).strip()[:60]
                return f"has a selector ({selector!r}) in its <style> that the outputs apply differently: keep " \
                       "names, classes and ids"
        declared = tinycss2.serialize(rule.content)
        if said := _not_neutral(DECLARATION.findall(declared)):
            return f"sets {said} in its <style>, which the outputs draw differently: {FLATTEN}"
        if found := CSS_ONLY.search(declared):
            return f"sets {found[1].split(':')[0].strip()} in its <style>, which the outputs draw differently: {FLATTEN}"
        if found_value := _value_differs(declared, "<style>"):
            return found_value
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
