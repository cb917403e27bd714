"""Where the project's typeface lives: Atkinson Hyperlegible, from its PyPI package; and the fallback that
a deck is laid out for too, since a deck does not embed its typeface.

The PDFs embed Atkinson Hyperlegible. A deck names it (its theme's fonts) and the venue's laptop may not
have it: PowerPoint and LibreOffice then substitute a sans-serif. FALLBACKS is the chain a deck declares
(its theme names the first as the font's substitute); the deck is measured with the wider of the typeface
and the first fallback installed, so that every slide fits with either (tests render it both ways).
"""
from __future__ import annotations

import shutil
import subprocess
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


FALLBACKS = ("DejaVu Sans", "Verdana", "Arial")   # wide sans-serifs, widest first: Debian's fonts-dejavu-core


@cache
def fallback_file(weight: str = "normal") -> Path:
    """The installed face of the first fallback (fontconfig's answer for the family), for measuring."""
    from handouts.errors import RenderError

    exe = shutil.which("fc-match")
    for family in FALLBACKS:
        if exe is None:
            break
        query = f"{family}:weight={'bold' if weight == 'bold' else 'regular'}"
        found = subprocess.run([exe, "-f", "%{family}|%{file}", query], capture_output=True, text=True, check=False)
        name, _, path = found.stdout.partition("|")
        if family in name.split(",") and Path(path).is_file():
            return Path(path)
    raise RenderError(f"no fallback typeface for the deck ({', '.join(FALLBACKS)}): install fonts-dejavu-core "
                      "(a deck is laid out so that it fits with its typeface and with the fallback)")
