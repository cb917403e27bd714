"""One command at a time in an output folder: a build, a proof or a watch's rebuild holds the lock file of
the folder (fcntl.flock, released by the system when the process ends, however it ends) while it renders,
writes and removes; a second one waits for it, saying so. `--check` never waits: it validates the content,
and removes the leftovers of killed builds only when no command holds the folder."""
from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK = ".handouts.pipeline.lock"


@contextmanager
def holding(output_dir: Path, wait: bool, waiting: Callable[[], None]) -> Iterator[bool]:
    """Hold the output folder's lock for the block, and yield True; when another command holds it, call
    `waiting` and wait for it, or (wait=False) yield False at once. A folder that does not exist is made
    when waiting (the command will write there), and not held otherwise."""
    if not wait and not output_dir.is_dir():
        yield False
        return
    made = not output_dir.exists()
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(output_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:  # a folder that cannot take a file: the command says so when it writes there
        yield False
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                yield False
                return
            waiting()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield True
    finally:
        if made and [p.name for p in output_dir.iterdir()] == [LOCK]:  # a failed first build leaves no folder
            (output_dir / LOCK).unlink()
            output_dir.rmdir()
        os.close(fd)   # releases the lock
