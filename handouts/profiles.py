"""Where system resources the project may use are found (without importing any renderer)."""
from __future__ import annotations

import os
from pathlib import Path

PRESS_PROFILE = "ghostscript/default_cmyk.icc"   # the CMYK output intent of the press files (libgs-common)


def find_color_profile(name: str) -> Path | None:
    """An ICC profile installed in the freedesktop colour folders (XDG_DATA_DIRS/color/icc)."""
    for base in os.environ.get("XDG_DATA_DIRS", "/usr/local/share:/usr/share").split(":"):
        folder = (Path(base) / "color" / "icc").resolve()
        path = (folder / name).resolve()
        if path.is_relative_to(folder) and path.is_file():
            return path
    return None
