"""A build's commit as one step that a kill cannot leave half done.

Every output, the site index, SHA256SUMS and the state are first written whole as temporary files; then the
journal (which temporary file takes which place, which outputs go) is written and flushed, and only then are
the files renamed and the gone outputs removed (`apply`); the journal goes last. A build killed in between leaves the
journal: the next command that holds the output folder completes it (`finish`) before anything else, so the
files, the manifest and the state always agree in the end.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from handouts.errors import OutputError
from handouts.writers import commit, remove, shown_folder, write_temp

JOURNAL = ".handouts-commit.json"
Entries = dict[str, list[Any]]   # "rename": [temporary file, its place], "remove": outputs; relative to the folder


def record(output_dir: Path, staged: dict[Path, Path], gone: list[Path]) -> Entries:
    """Write the journal of a commit (each staged temporary file and its place, the outputs that go) and
    flush it to the disk, before any file moves; its entries."""
    entries: Entries = {
        "rename": [[_inside(temp, output_dir), _inside(path, output_dir)] for path, temp in staged.items()],
        "remove": [_inside(path, output_dir) for path in gone]}
    commit(write_temp(output_dir / JOURNAL, json.dumps(entries, indent=1).encode()), output_dir / JOURNAL)
    _sync(output_dir)
    return entries


def finish(output_dir: Path) -> bool:
    """Complete the commit a killed build left in the output folder, if any; whether there was one."""
    journal = output_dir / JOURNAL
    if not journal.is_file():
        return False
    try:
        entries = json.loads(journal.read_text(encoding="utf-8"))
        for temp, path in entries["rename"]:
            _within(temp)
            _within(path)
        for path in entries["remove"]:
            _within(path)
    except (ValueError, KeyError, TypeError) as exc:
        raise OutputError(f"{shown_folder(output_dir)}{JOURNAL}: an interrupted build's record is unreadable "
                          f"({exc}); build again with --force into an empty folder") from None
    apply(output_dir, entries)
    return True


def apply(output_dir: Path, entries: Entries) -> None:
    """Rename what is still to rename (a temporary file gone was renamed already), remove what goes, flush
    the folders, then drop the journal: doing it twice does no harm."""
    folders = {output_dir}
    for temp, path in entries["rename"]:
        if (output_dir / temp).exists():
            commit(output_dir / temp, output_dir / path)
        folders.add((output_dir / path).parent)
    for path in entries["remove"]:
        remove(output_dir / path, output_dir)
    for folder in sorted(folders):
        if folder.is_dir():
            _sync(folder)
    (output_dir / JOURNAL).unlink(missing_ok=True)
    _sync(output_dir)


def _inside(path: Path, output_dir: Path) -> str:
    return path.relative_to(output_dir).as_posix()


def _within(name: object) -> None:
    """A journal's path is refused unless it is a relative path inside the output folder."""
    if not isinstance(name, str) or Path(name).is_absolute() or ".." in Path(name).parts:
        raise ValueError(f"not a path inside the folder: {name!r}")


def _sync(folder: Path) -> None:
    """Flush a folder's entries (renames, removals) to the disk."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
