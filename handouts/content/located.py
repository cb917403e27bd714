"""Text files read with where each value stands: a located problem names its file, line, column and field."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, AnyStr

from handouts.content import plainyaml
from handouts.errors import Problem

Location = tuple[int, int]
Path_ = tuple[Any, ...]


def read_settings(path: Path, root: Path) -> tuple[Any, dict[Path_, Location], list[Problem]]:
    """A settings file (the theme) read like content: its data, where each value stands, and the
    located problems of its reading (bounds, syntax, tags)."""
    shown = shown_path(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, {}, [Problem(shown, 1, 1, "(file)", f"cannot be read as UTF-8 text ({exc.__class__.__name__})")]
    return plainyaml.read(text, shown, "a mapping of settings")


def locate(shown: str, message: str, marks: dict[Path_, Location]) -> str:
    """'field.sub[2]: what' located at that field's line and column: 'file:line:col: field.sub[2]: what'."""
    field = re.match(r"[\w.\[\]-]*", message).group()  # type: ignore[union-attr]  # it matches any text
    at: tuple[Any, ...] = tuple(int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", field))
    while at and at not in marks:
        at = at[:-1]
    line, col = marks.get(at, (1, 1))
    return f"{shown}:{line}:{col}: {message}"


def position(text: AnyStr, offset: int) -> Location:
    """1-based line and column of an offset."""
    newline = "\n" if isinstance(text, str) else b"\n"
    line = text.count(newline, 0, offset) + 1
    return line, offset - (text.rfind(newline, 0, offset) + 1) + 1


def shown_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
