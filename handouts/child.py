"""Work on a picture that arrived by email, done in a child process with a time and a memory budget: a
picture that takes longer or more memory than its budget is refused by name, never a hung or killed build.

`run(module, args, data)` runs `python -m handouts.<module> ARGS` with `data` on its standard input and
gives back its standard output, or raises `Overrun` saying which budget it went past."""
from __future__ import annotations

import subprocess
import sys

SECONDS = 30
BYTES = 2 * 1024 ** 3


class Overrun(Exception):
    """The child went past its time or memory budget, or failed: `str()` says which, in words."""


def run(module: str, args: list[str], data: bytes, seconds: float = SECONDS, memory: int = BYTES) -> bytes:
    def limit() -> None:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    try:
        done = subprocess.run([sys.executable, "-m", f"handouts.{module}", *args], input=data, capture_output=True,
                              timeout=seconds, preexec_fn=limit, check=False)
    except subprocess.TimeoutExpired:
        raise Overrun(f"took longer than {seconds:g} s") from None
    if done.returncode != 0:
        said = done.stderr.decode(errors="replace").strip().splitlines()
        reason = " ".join((said[-1] if said else f"exit status {done.returncode}").split())
        if done.returncode < 0 or "MemoryError" in reason or "memory" in reason.lower():
            raise Overrun(f"could not be done within {memory // 1024 ** 3} GB ({reason})")
        raise Overrun(f"could not be done ({reason})")
    return done.stdout
