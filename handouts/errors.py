"""The project's one error family: every user-facing failure is a HandoutError."""
from __future__ import annotations

from dataclasses import dataclass


class HandoutError(Exception):
    """Base of every error the build reports as a message instead of a traceback."""

    exit_code = 1

    def lines(self) -> list[str]:
        """The message, one problem a line (an error of several problems joins them with line breaks)."""
        return str(self).split("\n")


def dotted(at: tuple[str | int, ...]) -> str:
    """A field's path as messages write it: sections[3].key_points[2].text ('(file)' for the whole file)."""
    out = ""
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a content file, located to the line and column."""

    path: str
    line: int
    column: int
    field: str
    message: str
    warning: bool = False   # shown as a warning; an error when the build is strict

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.field}: {self.message}"


class ContentError(HandoutError):
    """One or more content files are invalid; nothing is written."""

    exit_code = 2

    def __init__(self, problems: list[Problem], lines: list[str] | None = None) -> None:
        self.problems = sorted(problems)
        self._lines = [str(p) for p in self.problems] + list(lines or [])
        super().__init__("\n".join(self._lines))

    def lines(self) -> list[str]:
        return self._lines


class UsageError(HandoutError):
    """A command-line argument is not usable; each problem is one line."""

    exit_code = 2

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        super().__init__("\n".join(lines))

    def lines(self) -> list[str]:
        return self._lines


class ReleaseError(UsageError):
    """A release was asked for, and some editions are drafts."""


class MissingExtra(UsageError):
    """A command needs an optional feature (an extra of pyproject.toml) whose packages are not installed."""

    def __init__(self, option: str, extra: str, package: str) -> None:
        super().__init__([f"{option} needs the '{extra}' extra ({package} is not installed): "
                          f"pip install -e '.[{extra}]'"])


class LayoutError(HandoutError):
    """A rendered output does not fit its page or slide budget."""

    exit_code = 2


class RenderError(HandoutError):
    """A renderer failed for a reason that is not the content's fault."""


class ThemeError(HandoutError):
    """The theme file is unreadable or its colours are not legible enough."""

    exit_code = 2


class OutputError(HandoutError):
    """The output folder cannot take the build's files (read-only, full): nothing of the build is left in it."""

    exit_code = 2


class CatalogError(HandoutError):
    """A language has no catalog, or its catalog misses translations."""

    exit_code = 2


class BuildErrors(HandoutError):
    """Several outputs failed to render; each is reported on its own line."""

    def __init__(self, lines: list[str], exit_code: int, details: list[str] | None = None) -> None:
        self._lines = list(dict.fromkeys(lines))  # each problem once, though many outputs met it
        self.exit_code = exit_code
        self.details = details or []              # the tracebacks of internal errors, shown with --debug
        super().__init__("\n".join(self._lines))

    def lines(self) -> list[str]:
        return self._lines
