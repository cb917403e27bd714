"""What the load stage found, kept per content file and per topic, so that a build validates only what changed.

A content file's entry is its validated edition (pickled: unpickling it costs a fraction of a millisecond
where parsing it again costs tens), where each of its values stands, and its warnings; its key is the
digest of its bytes and its topic's pictures, of this code and its libraries (cache.environment_digest),
and of what its spelling check reads (the word lists, the Hunspell dictionaries). A topic's entry is what
the checks across its editions found (agreement, translations out of date); its key is its files' keys and
its translation records. An invalid file is never kept: it is read again at every build.

The entries live in the output folder's .handouts-validated/, one file each, named by key; a build that
read the whole library removes the entries it no longer uses.
"""
from __future__ import annotations

import os
import pickle
import shutil
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from handouts.content.approvals import TRANSLATIONS, edition_digest
from handouts.digests import digest, file_digest, tree_digest
from handouts.pipeline.cache import environment_digest

if TYPE_CHECKING:
    from handouts.errors import Problem
    from handouts.pipeline.load import Read

FOLDER = ".handouts-validated"
FORMAT = "validated-1"   # the layout of an entry: a change makes every old entry a miss


@cache
def dictionaries_digest() -> str:
    """The Hunspell program and every dictionary it could use (by name, size and time: they are large)."""
    from handouts.checks.spelling import DICTIONARY_DIRS
    found = [f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for folder in DICTIONARY_DIRS if folder.is_dir()
             for p in sorted(folder.iterdir()) if p.suffix in (".dic", ".aff")]
    return digest(str(shutil.which("hunspell")), *found)


class Validated:
    """The entries of one output folder; `fresh`: validate everything again (the entries are written, not read)."""

    def __init__(self, folder: Path, fresh: bool = False) -> None:
        self.folder = folder
        self.fresh = fresh
        self.used: set[str] = set()
        self.hits = 0
        self.pending: dict[str, bytes] = {}
        self.complete = False

    def file_key(self, path: Path, shown: str) -> str:
        topic = path.parent
        words = [folder / name for folder in (topic.parent, topic)
                 for name in os.listdir(folder) if name.startswith("words") and name.endswith(".txt")]
        return digest(FORMAT, environment_digest(), shown, edition_digest(path), tree_digest(words, topic.parent),
                      dictionaries_digest())

    def topic_key(self, folder: Path, file_keys: list[str]) -> str:
        return digest(FORMAT, environment_digest(), "topic", folder.name, *file_keys, file_digest(folder / TRANSLATIONS))

    def read(self, key: str, path: Path, shown: str) -> Read | None:
        from handouts.pipeline.load import Read
        entry = self._get(key)
        if entry is None:
            return None
        edition, problems, marks = entry
        return Read(path, shown, edition, list(problems), marks)

    def keep_read(self, key: str, read: Read) -> None:
        if read.edition is not None and all(p.warning for p in read.problems):   # errors are never kept
            self._put(key, (read.edition, tuple(read.problems), read.marks))

    def topic(self, key: str) -> tuple[list[Problem], list[Problem]] | None:
        entry = self._get(key)
        return None if entry is None else (list(entry[0]), list(entry[1]))

    def keep_topic(self, key: str, found: list[Problem], notices: list[Problem]) -> None:
        if all(p.warning for p in found):
            self._put(key, (tuple(found), tuple(notices)))

    def _get(self, key: str) -> Any:
        self.used.add(key)
        if self.fresh:
            return None
        try:
            with open(self.folder / key, "rb") as file:
                entry = pickle.load(file)
        except FileNotFoundError:
            return None
        except Exception:  # a damaged entry (a full disk, an old layout) is a miss: validated again
            return None
        self.hits += 1
        return entry

    def _put(self, key: str, entry: Any) -> None:
        self.used.add(key)
        self.pending[key] = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)

    def flush(self, create: bool) -> None:
        """Write the new entries, each whole or not at all, and remove those a complete load did not use;
        into an output folder that exists, unless `create` (a build that fails leaves no folder behind). A
        folder that cannot take them only loses the saving."""
        from handouts.writers import discard, write_temp
        if not (create or self.folder.parent.is_dir()):
            return
        if self.complete:
            self.prune()
        for key, data in self.pending.items():
            try:
                temp = write_temp(self.folder / key, data)
            except OSError:
                return
            try:
                os.replace(temp, self.folder / key)
            except OSError:
                discard([temp])
                return
        self.pending.clear()

    def prune(self) -> None:
        """Remove the entries that this (complete) load did not use: edits past, files gone."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            if name not in self.used and not name.endswith(".tmp"):
                try:
                    (self.folder / name).unlink()
                except OSError:
                    pass
