"""Colour arithmetic: WCAG contrast ratios and the CMYK values of the press rendition."""
from __future__ import annotations

PALETTE = ("ink", "paper", "brand", "on_brand", "panel", "muted", "rule", "light")

# Every text/background pair the templates and the deck use, with its WCAG minimum (T4).
TEXT_PAIRS = (
    ("ink", "paper", 7.0, "body text"),
    ("ink", "panel", 7.0, "summary text"),
    ("brand", "paper", 4.5, "headings and slide titles"),
    ("brand", "panel", 4.5, "summary heading"),
    ("on_brand", "brand", 4.5, "title band"),
    ("muted", "paper", 4.5, "footer and references"),
)


# Marks that must stand apart from each other in pictures, in greyscale too (WCAG 1.4.11, 3:1).
GRAPHIC_PAIRS = (("brand", "light", 3.0, "highlighted and plain marks of pictures"),)


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
    return tuple(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


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


def cmyk(hex_color: str) -> tuple[float, float, float, float]:
    """Naive RGB to CMYK; pure greys go to the black plate only, so text prints sharp."""
    r, g, b = rgb(hex_color)
    k = 1 - max(r, g, b)
    if k >= 1:
        return (0.0, 0.0, 0.0, 1.0)
    if r == g == b:
        return (0.0, 0.0, 0.0, round(k, 4))
    c, m, y = ((1 - x - k) / (1 - k) for x in (r, g, b))
    return tuple(round(v, 4) for v in (c, m, y, k))  # type: ignore[return-value]


def css(hex_color: str, press: bool) -> str:
    """The CSS colour: sRGB hex on screen, device-cmyk() for the print shop."""
    if not press:
        return hex_color
    return "device-cmyk({})".format(" ".join(f"{v:g}" for v in cmyk(hex_color)))
