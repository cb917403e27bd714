"""The one place that writes files: atomically, so a reader never sees half a file.

A file is first written whole to a temporary name beside its target, then renamed into place;
a build writes all its temporaries first and renames them only once every output rendered.
"""
from __future__ import annotations

import errno
import os
import re
import tempfile
from contextlib import suppress
from itertools import takewhile
from pathlib import Path
from typing import BinaryIO

from handouts.errors import OutputError

READ_ONLY = {errno.EROFS: "it is on a read-only file system", errno.EACCES: "permission denied",
             errno.EPERM: "permission denied"}
FULL = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is used up"}


owner: int | None = None   # the build a worker process renders for: its temporary files are named by the build's id


def write_temp(path: Path, data: bytes) -> Path:
    """Write data to a new temporary file in path's folder, flushed to disk; return its path. The file is
    named by the process that will rename it into place (the build, not its worker, which ends before)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{owner or os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            fill(handle, data)
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def fill(handle: BinaryIO, data: bytes) -> None:
    """Write the data and flush it to the disk, where a full disk is found out."""
    handle.write(data)
    handle.flush()
    os.fsync(handle.fileno())


def unwritable(folder: Path, exc: OSError, kept: str = "the previous outputs are as they were",
               elsewhere: str = "build elsewhere with --output DIR") -> OutputError:
    """The one-line error of an output folder that cannot take this build's files (read-only, full), saying
    what it still holds."""
    return OutputError(f"{shown_folder(folder)}: cannot be written, {why_unwritable(exc, elsewhere)}; {kept}")


def why_unwritable(exc: OSError, elsewhere: str = "") -> str:
    """Why a folder cannot take a file, and what to do: 'it is on a read-only file system (make it writable)'."""
    if exc.errno in READ_ONLY:
        why, todo = READ_ONLY[exc.errno], "make it writable"
    elif exc.errno in FULL:
        why, todo, elsewhere = FULL[exc.errno], "free some space, then build again", ""
    else:
        why, todo = exc.strerror or exc.__class__.__name__, "check the folder"
    return f"{why.lower()} ({todo}{', or ' + elsewhere if elsewhere else ''})"


def is_unwritable(exc: OSError) -> bool:
    """Whether an error is the folder's (read-only, full), not the program's."""
    return exc.errno in READ_ONLY or exc.errno in FULL


def shown_folder(folder: Path) -> str:
    """A folder as messages name it: relative to the current folder when inside it, with a final slash."""
    try:
        return folder.resolve().relative_to(Path.cwd()).as_posix() + "/"
    except ValueError:
        return folder.as_posix() + "/"


def shown_path(path: Path) -> str:
    """A file as messages name it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def probe(folder: Path) -> None:
    """Make the folder if needed and write a file in it, before any long work that would end there; an
    OutputError if it cannot take one."""
    try:
        discard([write_temp(folder / ".probe", b"")])
    except OSError as exc:
        raise unwritable(folder, exc) from None


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
            try:
                temp.unlink(missing_ok=True)
            except OSError:  # a read-only folder: the build that writes there says so
                continue
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
    """Write to a temporary file beside the target, then rename it into place (or remove it)."""
    temp = write_temp(path, data)
    try:
        commit(temp, path)
    except BaseException:
        discard([temp])
        raise


def write_file(path: Path, data: bytes, elsewhere: str = "") -> None:
    """A command's one file (a record, an edition, a translator's file) written atomically; a folder that cannot
    take it (read-only, full) is a one-line OutputError naming it, and leaves no temporary file or new folder."""
    missing = list(takewhile(lambda folder: not folder.exists(), path.parents))
    try:
        write_atomic(path, data)
    except OSError as exc:
        for folder in missing:  # the deepest first: each empty once the one inside it is gone
            with suppress(OSError):
                folder.rmdir()
        if not is_unwritable(exc):
            raise
        kept = f"{shown_path(path)} is as it was" if path.exists() else f"{shown_path(path)} is not written"
        folder = missing[-1].parent if missing else path.parent   # the folder that was there
        raise OutputError(f"{shown_folder(folder)}: cannot be written, {why_unwritable(exc, elsewhere)}; "
                          f"{kept}") from None
