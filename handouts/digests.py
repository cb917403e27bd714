"""Digests of bytes, files and trees of files: what the cache keys and the sign-off records are made of."""
from __future__ import annotations

import hashlib
from pathlib import Path

PICTURE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def file_digest(path: Path) -> str:
    return digest(path.read_bytes()) if path.is_file() else "absent"


def tree_digest(paths: list[Path], root: Path) -> str:
    return digest(*(f"{p.relative_to(root).as_posix()}:{file_digest(p)}" for p in sorted(paths)))
