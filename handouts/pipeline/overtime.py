"""A time budget for making one output: the last wall behind the pictures' checks. A picture or a text that keeps a
renderer busy in the build's own process (WeasyPrint draws an SVG there, without a budget of its own) stops that
output with a line naming it, instead of a build that never ends."""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

OUTPUT_SECONDS = 300.0   # one output; a leaflet takes a few seconds, a deck of a long article under a minute


class Overtime(BaseException):
    """Raised in the renderer when its output's time is up: a BaseException, so that no library's `except
    Exception` takes it for its own failure and goes on past the budget."""


@contextmanager
def budgeted(seconds: float) -> Iterator[None]:
    """Overtime raised where the work is, `seconds` from now (in a process's main thread, where a signal can
    interrupt it; elsewhere, no budget)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def overrun(signum: int, frame: object) -> None:
        raise Overtime()

    previous = signal.signal(signal.SIGALRM, overrun)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
