"""The one place that writes files: atomically, so a reader never sees half a file.

A file is first written whole to a temporary name beside its target, then renamed into place;
a build writes all its temporaries first and renames them only once every output rendered.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path


def write_temp(path: Path, data: bytes) -> Path:
    """Write data to a new temporary file in path's folder, flushed to disk; return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
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


TEMP = re.compile(r"^\..+\.(\d+)\.[^.]+\.tmp$")   # .leaflet.pdf.<pid>.<random>.tmp


def clean_orphans(folder: Path) -> list[Path]:
    """Remove the temporary files that a killed build left behind (its process is gone); a running
    build's are kept, since two builds may share an output folder."""
    removed = []
    for temp in folder.rglob(".*.tmp") if folder.is_dir() else ():
        match = TEMP.match(temp.name)
        if match and not _alive(int(match.group(1))):
            temp.unlink(missing_ok=True)
            removed.append(temp)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove(path: Path, top: Path) -> None:
    """Remove an output, and the folders it leaves empty up to top."""
    path.unlink(missing_ok=True)
    for folder in path.parents:
        if folder == top or not folder.is_relative_to(top) or any(folder.iterdir()):
            break
        folder.rmdir()


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename it into place."""
    commit(write_temp(path, data), path)
