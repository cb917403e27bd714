"""Work on a picture that arrived by email, done in a child process with a time and a memory budget: a
picture that takes longer or more memory than its budget is refused by name, never a hung or killed build.

`run(module, args, data)` runs `python -m handouts.<module> ARGS` with `data` on its standard input and
gives back its standard output, or raises `Overrun` saying which budget it went past."""
from __future__ import annotations

import math
import signal
import subprocess
import sys

SECONDS = 30
BYTES = 2 * 1024 ** 3
WAITING = 4   # a child's clock time, in multiples of its computing seconds: room for a busy machine


class Overrun(Exception):
    """The child went past its time or memory budget, or failed: `str()` says which, in words."""


def run(module: str, args: list[str], data: bytes, seconds: float = SECONDS, memory: int = BYTES) -> bytes:
    """The child's output. Its time is counted in computing seconds (RLIMIT_CPU), so that a picture is accepted or
    refused whatever else the machine is doing; a child that waits instead of computing is stopped after
    WAITING times its seconds of the clock."""
    def limit() -> None:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        cpu = max(1, math.ceil(seconds))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))

    late = Overrun(f"took longer than {seconds:g} s")
    try:
        done = subprocess.run([sys.executable, "-m", f"handouts.{module}", *args], input=data, capture_output=True,
                              timeout=seconds * WAITING, preexec_fn=limit, check=False)
    except subprocess.TimeoutExpired:
        raise late from None
    if done.returncode in (-signal.SIGXCPU, -signal.SIGKILL):   # past its computing seconds (SIGKILL at the hard limit)
        raise late
    if done.returncode != 0:
        raise Overrun(failure(done.stderr.decode(errors="replace"), done.returncode, memory))
    return done.stdout


def failure(said: str, status: int, memory: int) -> str:
    """Why the child stopped, in words: past its memory (Python's MemoryError, or a Rust library's failed allocation),
    a drawing nested past its renderer's stack, or its renderer's own last words (never a Rust backtrace note)."""
    lines = [" ".join(line.split()) for line in said.splitlines() if line.strip()]
    if any("MemoryError" in line or "memory allocation" in line for line in lines):
        return f"could not be done within {memory // 1024 ** 3} GB"
    if any("overflowed its stack" in line or "stack overflow" in line for line in lines):
        return "could not be done: it nests deeper than its renderer can go"
    words = [line for line in lines if not line.startswith(("note:", "stack backtrace", "thread '"))]
    return f"could not be done ({words[-1][:160] if words else f'its renderer stopped, status {status}'})"
