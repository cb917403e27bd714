"""Colour arithmetic: WCAG contrast ratios, and each colour in the rendition's syntax."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from handouts.render.press import Inks

PALETTE = ("ink", "paper", "brand", "on_brand", "panel", "muted", "rule", "light", "do", "call", "ask")

# Every text/background pair the templates and the deck use, with its WCAG minimum (T4).
TEXT_PAIRS = (
    ("ink", "paper", 7.0, "body text"),
    ("ink", "panel", 7.0, "summary text"),
    ("brand", "paper", 4.5, "headings and slide titles"),
    ("brand", "panel", 4.5, "summary heading"),
    ("on_brand", "brand", 4.5, "title band"),
    ("muted", "paper", 4.5, "footer and references"),
    ("do", "paper", 4.5, "'what you can do' call-out title and border"),
    ("call", "paper", 4.5, "'when to call' call-out title and border"),
    ("ask", "paper", 4.5, "'questions to ask' call-out title and border"),
)


# Marks that must stand apart from each other in pictures, in greyscale too (WCAG 1.4.11, 3:1).
GRAPHIC_PAIRS = (("brand", "light", 3.0, "highlighted and plain marks of pictures"),)


HEX = re.compile(r"#[0-9a-fA-F]{6}")


def palette_problems(palette: object) -> list[str]:
    """What keeps the theme's `colors:` from being a palette: not a mapping, a name missing, or a value that is
    not a colour in the one syntax every output writes (#rrggbb: CSS, the deck, the press profile)."""
    if not isinstance(palette, dict):
        return [f"colors: is not a mapping of colour names to colours (like brand: \"#0b4a66\"; needs "
                f"{', '.join(PALETTE)})"]
    missing = [name for name in PALETTE if name not in palette]
    problems = [f"colors: missing {', '.join(missing)}"] if missing else []
    for name, value in palette.items():
        if value is None:
            problems.append(f"colors.{name}: has no colour (a colour in quotes, like \"#0b4a66\": unquoted, # starts "
                            "a comment)")
        elif not isinstance(value, str) or not HEX.fullmatch(value):
            shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
            problems.append(f"colors.{name}: {shown} is not a colour (# and six hexadecimal digits, like \"#0b4a66\")")
    return problems


def contrast_problems(palette: dict[str, str]) -> list[str]:
    """The pairs of a palette that miss their minimum contrast, described for the user."""
    problems = []
    for text, background, minimum, use in TEXT_PAIRS + GRAPHIC_PAIRS:
        ratio = contrast(palette[text], palette[background])
        if ratio < minimum:
            problems.append(f"colors.{text} on colors.{background} ({use}) has contrast {ratio:.2f}:1 "
                            f"(at least {minimum}:1)")
    return problems


def rgb(hex_color: str) -> tuple[float, float, float]:
    value = hex_color.lstrip("#")
    return tuple(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]  # three channels


def luminance(hex_color: str) -> float:
    """WCAG 2 relative luminance."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb(hex_color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio, from 1 to 21."""
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def css(hex_color: str, inks: Inks | None) -> str:
    """The CSS colour: sRGB hex on screen; for the print shop (`inks` given), device-cmyk() through its profile."""
    return hex_color if inks is None else inks.css(hex_color)
