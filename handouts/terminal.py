"""The one place that writes the build's messages to the terminal: a line at a time, every character that
a terminal would act on (escape sequences, line breaks, bidi overrides, bytes that are not text) shown
escaped, as \\x1b or \\u202e, so that a name or a text quoted in a message cannot restyle, move or hide it."""
from __future__ import annotations

import sys
import unicodedata

ACTIVE = ("Cc", "Cf", "Cs", "Zl", "Zp")   # controls, format characters, lone surrogates, line and paragraph separators


def printable(text: str) -> str:
    """The text with each character a terminal would act on written as its escape."""
    return "".join(_escaped(ch) if unicodedata.category(ch) in ACTIVE else ch for ch in text)


def say(line: str, error: bool = False) -> None:
    """Print one message line, escaped: on stderr for errors and warnings, else on stdout."""
    print(printable(line), file=sys.stderr if error else sys.stdout, flush=True)


def _escaped(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
