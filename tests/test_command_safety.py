"""The commands that write one file (--approve, --translated, --export-xliff, --import-xliff, --new) on a folder
that cannot take it: one line naming the folder, exit 2 like a build's, the project as it was (no temporary
file, no new folder)."""
from __future__ import annotations

import errno
import os
import types
from pathlib import Path

import pytest
from conftest import FIXTURE_SLUG
from translate.storage import xliff2

from handouts import writers
from handouts.cli import main

TOPIC = f"content/{FIXTURE_SLUG}"


def translated_file(root: Path) -> Path:
    """A translator's file of the English edition, one of its texts changed."""
    assert main(["--export-xliff", f"{FIXTURE_SLUG}/en", "--output", str(root / "en.xlf"), "-q"], root=root) == 0
    store = xliff2.Xliff2File.parsefile(str(root / "en.xlf"))
    (unit,) = [u for u in store.units if u.getunitelement().get("name") == "summary.key_points[2].text"]
    unit.target = "Wash the feeder often, in hot water."
    store.savefile(str(root / "en.xlf"))
    return root / "en.xlf"


# each command: its arguments (given the project), the file it writes, what to do when its folder is read-only
COMMANDS = {
    "approve": (lambda root: ["--approve", f"{FIXTURE_SLUG}/fr", "--by", "A. Person", "--role", "nurse"],
                f"{TOPIC}/approvals.yaml", ""),
    "translated": (lambda root: ["--translated", f"{FIXTURE_SLUG}/en"], f"{TOPIC}/translations.yaml", ""),
    "export-xliff": (lambda root: ["--export-xliff", f"{FIXTURE_SLUG}/en"], f"translations/{FIXTURE_SLUG}-en.xlf",
                     ", or write it elsewhere with --output FILE"),
    "import-xliff": (lambda root: ["--import-xliff", str(translated_file(root))], f"{TOPIC}/en.yaml", ""),
    "new": (lambda root: ["--new", "garden"], "content/garden/fr.yaml", ""),
}


def failing(code: int):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))
    return fail


def read_only(monkeypatch) -> None:
    """No new file in the folder, as on a read-only file system (to root too)."""
    monkeypatch.setattr(writers, "tempfile", types.SimpleNamespace(mkstemp=failing(errno.EROFS)))


def full(monkeypatch) -> None:
    """The disk fills up: an empty file still fits, no byte more."""
    fill = writers.fill
    monkeypatch.setattr(writers, "fill", lambda handle, data: failing(errno.ENOSPC)() if data else fill(handle, data))


def refused_rename(monkeypatch) -> None:
    """The file is written whole, but the folder refuses the rename that puts it in place."""
    monkeypatch.setattr(writers.os, "replace", failing(errno.EACCES))


FAULTS = {read_only: "it is on a read-only file system (make it writable{elsewhere})",
          full: "the disk is full (free some space, then build again)",
          refused_rename: "permission denied (make it writable{elsewhere})"}


def tree(root: Path) -> dict[str, bytes | None]:
    """Every file and folder of the project, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() if p.is_file() else None for p in sorted(root.rglob("*"))}


@pytest.mark.parametrize("fault", FAULTS, ids=lambda fault: fault.__name__)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_command_on_a_folder_that_cannot_take_its_file_is_one_line(scratch, capsys, monkeypatch, command, fault):
    arguments, written, elsewhere = COMMANDS[command]
    argv = arguments(scratch)
    before = tree(scratch)
    existed = (scratch / written).exists()
    folder = next(p for p in (scratch / written).parents if p.exists())   # a new file's new folder is not kept
    capsys.readouterr()
    fault(monkeypatch)
    assert main(argv, root=scratch) == 2
    why = FAULTS[fault].format(elsewhere=elsewhere)
    kept = "is as it was" if existed else "is not written"
    assert capsys.readouterr().err.splitlines() == [
        f"{folder}/: cannot be written, {why}; {scratch / written} {kept}"]
    assert tree(scratch) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="a folder's permissions do not stop root (the tests above stand in)")
@pytest.mark.parametrize("command", COMMANDS)
def test_a_command_on_a_read_only_folder_is_one_line(scratch, capsys, command):
    arguments, written, elsewhere = COMMANDS[command]
    argv = arguments(scratch)
    folder = next(p for p in (scratch / written).parents if p.exists())
    before = tree(scratch)
    capsys.readouterr()
    folder.chmod(0o555)
    try:
        assert main(argv, root=scratch) == 2
    finally:
        folder.chmod(0o755)
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"{folder}/: cannot be written, permission denied (make it writable{elsewhere}); ")
    assert tree(scratch) == before
