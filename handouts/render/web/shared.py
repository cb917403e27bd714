"""What the web outputs share: one self-contained HTML file that asks nothing of any other address.

A page is rendered by Jinja with <img> elements like the PDFs' (generated charts, the topic's pictures);
`self_contained` then draws the charts inline as SVG, embeds the pictures as data: URLs, adds the
typeface subset to the text it shows (WOFF2, base64), and a Content-Security-Policy that allows
nothing else: no script, no request, only the document's own style, data: images and data: fonts.
"""
from __future__ import annotations

import base64
import hashlib
import html
import re
import string
from collections.abc import Callable
from functools import cache
from io import BytesIO
from pathlib import Path

from handouts.checks.pictures import MIME
from handouts.errors import RenderError
from handouts.fonts import FACES, FAMILY, FONT_DIR

IMG = re.compile(r'<img src="(?P<src>[^"]+)" alt="(?P<alt>[^"]*)">')
STYLE = re.compile(r"<style>(?P<css>.*?)</style>", re.S)
TAG = re.compile(r"<[^>]+>")
SVG_ID = re.compile(r'\bid="([^"]+)"')
ALWAYS = string.ascii_letters + string.digits + string.punctuation + " \u00a0"  # a safe minimum of every subset


def self_contained(page: str, pictures: Callable[[str], tuple[bytes, str]], generated: dict[str, bytes], output: str) -> str:
    """The page with its pictures inside it, its typeface subset embedded and its policy in its head."""
    counter = iter(range(1, 10_000))

    def picture(match: re.Match[str]) -> str:
        src, alt = match["src"], match["alt"]
        if src.startswith("generated:"):
            name = src.removeprefix("generated:")
            if name not in generated:
                raise RenderError(f"{output}: no generated picture {name!r}")
            return inline_svg(generated[name].decode(), alt, f"_fig{next(counter)}")
        suffix = Path(src).suffix.lower()
        if suffix not in MIME:
            raise RenderError(f"{output}: {src!r} is not an SVG, PNG or JPEG picture")
        return f'<img src="{data_uri(*pictures(src))}" alt="{alt}">'

    page = IMG.sub(picture, page)
    found = STYLE.search(page)
    if found is None:
        raise RenderError(f"{output}: the template has no <style> element")
    css = font_faces(shown_characters(page)) + found["css"]
    page = page[:found.start("css")] + css + page[found.end("css"):]
    return page.replace('<meta charset="utf-8">', f'<meta charset="utf-8">\n{policy_meta(css)}', 1)


def inline_svg(svg: str, label: str, prefix: str) -> str:
    """An SVG drawn inside the page, named for assistive technology by `label` (HTML-escaped already);
    its ids made unique in the page."""
    svg = re.sub(r"<\?xml[^>]*\?>\s*", "", svg).strip()
    for name in SVG_ID.findall(svg):
        svg = (svg.replace(f'id="{name}"', f'id="{prefix}-{name}"').replace(f"url(#{name})", f"url(#{prefix}-{name})")
               .replace(f'href="#{name}"', f'href="#{prefix}-{name}"'))
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" focusable="false" ', 1)


def data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def shown_characters(page: str) -> str:
    """Every character the page may show: its text outside tags and style, and a safe minimum."""
    text = html.unescape(TAG.sub(" ", STYLE.sub("", page)))
    return "".join(sorted(set(text + ALWAYS) - set("\n\r\t")))


def font_faces(characters: str) -> str:
    """@font-face rules of the project's typeface, each face subset to `characters`, as data: URLs."""
    rules = []
    for (weight, style), filename in FACES.items():
        woff2 = subset(filename, characters)
        rules.append(f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; font-style: {style}; '
                     f'font-display: swap; src: url("{data_uri(woff2, "font/woff2")}") format("woff2"); }}\n')
    return "".join(rules)


@cache
def subset(filename: str, characters: str) -> bytes:
    """One face of the typeface cut down to the characters, as WOFF2 (fontTools; the same bytes each time)."""
    from fontTools import subset as fontsubset
    from fontTools.ttLib import TTFont

    options = fontsubset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.hinting = False
    options.name_IDs = ["*"]
    font = TTFont(FONT_DIR / filename, recalcTimestamp=False)  # the same bytes whenever it is made
    subsetter = fontsubset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    out = BytesIO()
    fontsubset.save_font(font, out, options)
    return out.getvalue()


def style_hash(css: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode("ascii")


def policy(css: str) -> str:
    """Nothing but this document's own style block, data: pictures and data: fonts; no script, no request."""
    return (f"default-src 'none'; style-src '{style_hash(css)}'; img-src data:; font-src data:; "
            "base-uri 'none'; form-action 'none'")


def policy_meta(css: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy(css)}">'
