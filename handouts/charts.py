"""Pictures of the source's numbers and places, drawn by the project as SVG (PDFs) or PNG (deck).

Greyscale-safe: highlighted marks are solid and dark, uncertain ones hatched, the rest light.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from io import BytesIO

from PIL import Image, ImageDraw

from .outlines import text_path

@dataclass(frozen=True)
class Paint:
    """The two colours a picture uses, already in the rendition's colour syntax."""

    mark: str       # highlighted: the brand colour
    ink: str        # outlines and text
    light: str      # the rest


def icon_array(low: int, high: int, total: int, paint: Paint) -> str:
    """`total` person icons in a row: `low` solid, up to `high` hatched (possibly), the rest light."""
    width, gap = 36, 8
    icons = []
    for i in range(total):
        x = i * (width + gap)
        fill = paint.mark if i < low else ("url(#maybe)" if i < high else paint.light)
        icons.append(
            f'<g transform="translate({x},0)" fill="{fill}" stroke="{paint.ink}" stroke-width="1.5">'
            f'<circle cx="18" cy="11" r="9"/><path d="M4 70 V36 a14 14 0 0 1 14 -14 a14 14 0 0 1 14 14 V70 Z"/></g>')
    view = total * (width + gap) - gap
    pattern = (f'<pattern id="maybe" width="6" height="6" patternUnits="userSpaceOnUse" '
               f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{paint.light}"/>'
               f'<rect width="3" height="6" fill="{paint.mark}"/></pattern>')
    return _svg(view + 2, 72, f"<defs>{pattern}</defs>" + "".join(icons))


def bar_chart(bars: list[tuple[str, float, str]], paint: Paint, scale_max: float = 100) -> str:
    """Horizontal bars on an honest 0-100 % scale, each labelled with its words and its number."""
    label_w, bar_w, row = 150, 150, 30
    rows = []
    for i, (label, value, shown) in enumerate(bars):
        y = i * row
        length = bar_w * value / scale_max
        rows.append(
            text_path(label, 11, label_w - 8, y + 17, "end", fill=paint.ink) +
            f'<rect x="{label_w}" y="{y + 4}" width="{bar_w}" height="18" fill="{paint.light}" stroke="{paint.ink}" stroke-width="0.75"/>'
            f'<rect x="{label_w}" y="{y + 4}" width="{length:.1f}" height="18" fill="{paint.mark}"/>'
            + text_path(shown, 12, label_w + length + 5, y + 18, bold=True, fill=paint.ink))
    return _svg(label_w + bar_w + 4, row * len(bars), "".join(rows))


def ring(value: float, shown: str, paint: Paint) -> str:
    """A ring filled to `value` percent with the number in its middle."""
    r, c = 30, 36
    angle = 2 * math.pi * min(value, 100) / 100
    x, y = c + r * math.sin(angle), c - r * math.cos(angle)
    large = 1 if value > 50 else 0
    arc = f'M{c} {c - r} A{r} {r} 0 {large} 1 {x:.2f} {y:.2f}'
    body = (f'<circle cx="{c}" cy="{c}" r="{r}" fill="none" stroke="{paint.light}" stroke-width="10"/>'
            f'<path d="{arc}" fill="none" stroke="{paint.mark}" stroke-width="10"/>'
            + text_path(shown, 16, c, c + 6, "middle", bold=True, fill=paint.ink))
    return _svg(72, 72, body)


# --- The body-site pictogram: one geometry, drawn as SVG and as PNG -----------------------------

BODY = [  # (kind, coordinates, width): limbs as capsules, head as a circle, on a 200x300 canvas
    ("circle", (100, 30), 22), ("capsule", (100, 60, 100, 150), 50),
    ("capsule", (72, 70, 48, 118), 16), ("capsule", (48, 118, 36, 168), 14),      # right arm, forearm
    ("capsule", (128, 70, 152, 118), 16), ("capsule", (152, 118, 164, 168), 14),  # left arm, forearm
    ("circle", (33, 182), 11), ("circle", (167, 182), 11),                         # hands
    ("capsule", (86, 160, 80, 222), 20), ("capsule", (80, 222, 78, 285), 18),     # legs
    ("capsule", (114, 160, 120, 222), 20), ("capsule", (120, 222, 122, 285), 18),
]
SITES = [("circle", (48, 118), 10), ("circle", (152, 118), 10),                      # elbows
         ("capsule", (45, 130, 38, 160), 10), ("capsule", (155, 130, 162, 160), 10),  # forearms
         ("circle", (33, 182), 10), ("circle", (167, 182), 10),                       # hands
         ("circle", (80, 222), 10), ("circle", (120, 222), 10)]                       # knees


def body_sites_svg(paint: Paint) -> str:
    shapes = [_svg_shape(s, paint.light, paint.ink, 1.5) for s in BODY]
    shapes += [_svg_shape(s, paint.mark, paint.ink, 2) for s in SITES]
    return _svg(200, 300, "".join(shapes))


def body_sites_png(mark: str, ink: str, light: str, scale: int = 4) -> bytes:
    """The same pictogram as a PNG for the deck (PowerPoint takes no SVG from python-pptx)."""
    image = Image.new("RGB", (200 * scale, 300 * scale), "white")
    draw = ImageDraw.Draw(image)
    for shapes, fill, width in ((BODY, light, 1.5), (SITES, mark, 2)):
        for kind, coords, size in shapes:
            pts = [v * scale for v in coords]
            if kind == "circle":
                r = size * scale
                draw.ellipse((pts[0] - r, pts[1] - r, pts[0] + r, pts[1] + r), fill=fill, outline=ink,
                             width=int(width * scale))
            else:
                draw.line(pts, fill=ink, width=int(size * scale + 2 * width * scale), joint="curve")
                for x, y in (pts[:2], pts[2:]):
                    r = size * scale / 2 + width * scale
                    draw.ellipse((x - r, y - r, x + r, y + r), fill=ink)
                draw.line(pts, fill=fill, width=int(size * scale))
                for x, y in (pts[:2], pts[2:]):
                    r = size * scale / 2
                    draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)
    out = BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _svg_shape(shape, fill: str, stroke: str, width: float) -> str:
    kind, coords, size = shape
    if kind == "circle":
        return f'<circle cx="{coords[0]}" cy="{coords[1]}" r="{size}" fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>'
    x1, y1, x2, y2 = coords
    return (f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{stroke}" stroke-width="{size + 2 * width}" '
            f'stroke-linecap="round"/><line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{fill}" '
            f'stroke-width="{size}" stroke-linecap="round"/>')


def _svg(width: float, height: float, body: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}">{body}</svg>')
