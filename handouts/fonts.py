"""Where the project's typeface lives: Atkinson Hyperlegible, from its PyPI package."""
from __future__ import annotations

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
