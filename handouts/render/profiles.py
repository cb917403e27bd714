"""Where system resources the project may use are found (without importing any renderer)."""
from __future__ import annotations

import os
from pathlib import Path

PRESS_PROFILE = "ghostscript/default_cmyk.icc"   # the default CMYK output intent of the press files (libgs-common)


def find_color_profile(name: str) -> Path | None:
    """An ICC profile installed in the freedesktop colour folders (XDG_DATA_DIRS/color/icc)."""
    for base in os.environ.get("XDG_DATA_DIRS", "/usr/local/share:/usr/share").split(":"):
        folder = (Path(base) / "color" / "icc").resolve()
        path = (folder / name).resolve()
        if path.is_relative_to(folder) and path.is_file():
            return path
    return None


def find_press_profile(name: str, templates_dir: Path) -> Path | None:
    """The press profile a theme names: a file of templates/ first, else one of the system's colour folders."""
    folder = templates_dir.resolve()
    local = (folder / name).resolve()
    if local.is_relative_to(folder) and local.is_file():
        return local
    return find_color_profile(name)


def press_profile_path(templates_dir: Path) -> Path | None:
    """The theme's press profile, read without validating the theme (for the build cache)."""
    from handouts.content.plainyaml import read

    try:
        data, _, problems = read((templates_dir / "theme.yaml").read_text(encoding="utf-8"), "theme.yaml", "a mapping")
    except (OSError, UnicodeDecodeError):
        return None
    if problems:
        return None
    press = data.get("press") if isinstance(data, dict) else None
    name = press.get("profile") if isinstance(press, dict) else None
    return find_press_profile(name if isinstance(name, str) else PRESS_PROFILE, templates_dir)
