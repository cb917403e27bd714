"""A time budget for work done in the build's own process: making one output (the last wall behind the pictures'
checks: WeasyPrint draws an SVG there, without a budget of its own), or checking one picture. Work past its time
stops with a line naming it, instead of a build that never ends. Budgets do not nest: inside one, the outer one
keeps governing (a renderer checking a picture again has its output's time)."""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

OUTPUT_SECONDS = 300.0   # one output; a leaflet takes a few seconds, a deck of a long article under a minute


class Overtime(BaseException):
    """Raised in the renderer when its output's time is up, and again every second until the work stops: a
    library that catches it (WeasyPrint catches even a BaseException around each picture it draws) cannot go on
    past the budget with it."""


class Clock:
    """Whether the time of the output being made ran out (its renderer may have swallowed the Overtime)."""

    ran_out = False


@contextmanager
def budgeted(seconds: float) -> Iterator[bool]:
    """Overtime raised where the work is, `seconds` from now (in a process's main thread, where a signal can
    interrupt it; elsewhere, or inside another budget, none of its own). Yields whether this budget runs: if not,
    an Overtime met inside is another budget's."""
    if (threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer")
            or signal.getitimer(signal.ITIMER_REAL)[0] > 0):   # no signal here, or a budget already runs
        yield False
        return

    def overrun(signum: int, frame: object) -> None:
        Clock.ran_out = True
        raise Overtime()

    Clock.ran_out = False
    previous = signal.signal(signal.SIGALRM, overrun)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
