"""Where the project's typeface lives: Atkinson Hyperlegible, from its PyPI package."""
from __future__ import annotations

from functools import cache
from pathlib import Path

import fontpkg_atkinson_hyperlegible as _atkinson

FAMILY = "Atkinson Hyperlegible"
FONT_DIR = Path(_atkinson.__file__).parent / "files"
FACES = {
    ("normal", "normal"): "AtkinsonHyperlegible-Regular.ttf",
    ("bold", "normal"): "AtkinsonHyperlegible-Bold.ttf",
    ("normal", "italic"): "AtkinsonHyperlegible-Italic.ttf",
    ("bold", "italic"): "AtkinsonHyperlegible-BoldItalic.ttf",
}


def font_file(weight: str = "normal", style: str = "normal") -> Path:
    """Path of the face with this CSS weight and style."""
    return FONT_DIR / FACES[(weight, style)]


@cache
def _covered() -> frozenset[int]:
    from fontTools.ttLib import TTFont  # a dependency of WeasyPrint's

    return frozenset.intersection(*(frozenset(TTFont(FONT_DIR / face).getBestCmap()) for face in FACES.values()))


def missing_characters(text: str) -> list[str]:
    """Characters of text that no face of the typeface has (U+202F is typeset as U+00A0)."""
    return sorted({ch for ch in text if ord(ch) not in _covered() and ch not in "\n\t\u202f"})
