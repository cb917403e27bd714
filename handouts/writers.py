"""The one place that writes files: atomically, so a reader never sees half a file.

A file is first written whole to a temporary name beside its target, then renamed into place;
a build writes all its temporaries first and renames them only once every output rendered.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_temp(path: Path, data: bytes) -> Path:
    """Write data to a new temporary file in path's folder, flushed to disk; return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def commit(temp: Path, path: Path) -> None:
    """Rename a complete temporary file into place (atomic on one file system)."""
    os.replace(temp, path)


def discard(temps: list[Path]) -> None:
    for temp in temps:
        temp.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename it into place."""
    commit(write_temp(path, data), path)
