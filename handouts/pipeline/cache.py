"""What each output depends on, fingerprinted, so that a build redoes only what changed.

An output is up to date when the fingerprint of its inputs (content file, theme, the templates
and catalog it uses, fonts, colour profile, and the versions of this code, of the rendering
libraries and of the system libraries under them, handouts.pipeline.environment) matches the one
recorded when it was written, and the file is still the one written.
Deciding this reads files, package metadata and the system libraries' versions only: no rendering
library is imported.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from handouts.digests import PICTURE_SUFFIXES, digest, file_digest, tree_digest

if TYPE_CHECKING:
    from handouts.pipeline.outputs import Output

STATE = ".handouts-cache.json"
# The libraries that render; the cache key holds their versions and those of everything they require.
LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "cssselect2", "tinyhtml5", "python-pptx", "xlsxwriter", "lxml",
             "jinja2", "babel", "pydantic", "pyyaml", "pikepdf", "segno", "fonttools", "pillow",
             "fontpkg-atkinson-hyperlegible", "resvg-py", "brotli", "pyphen", "citeproc-py", "bibtexparser")
CODE = Path(__file__).resolve().parent.parent   # the handouts package, every module of it
def libraries() -> list[str]:
    """LIBRARIES and every package they require, installed or not (read from their metadata, not kept by hand)."""
    seen: set[str] = set()
    todo = list(LIBRARIES)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            required = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        todo += [re.split(r"[\s;<>=!~\[(]", r, maxsplit=1)[0].lower().replace("_", "-")
                 for r in required if "extra ==" not in r]
    return sorted(seen)


@cache
def environment_digest() -> str:
    """This code and the versions of the libraries that shape the bytes of every output: the Python packages,
    and the system libraries under them (Pango, HarfBuzz, fontconfig and its fallback font, zlib)."""
    from handouts.pipeline.environment import system_versions
    versions = [f"system:{name}={version}" for name, version in system_versions().items()]
    for name in libraries():
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=absent")
    return digest(tree_digest(sorted([*CODE.rglob("*.py"), *CODE.rglob("*.csl")]), CODE), *versions)


@dataclass
class Inputs:
    """Fingerprints of everything but the content, computed once per build (files are read anew)."""

    templates_dir: Path
    paper: str
    strict: bool
    _memo: dict[tuple[object, ...], str] = field(default_factory=dict)

    def _once(self, key: tuple[object, ...], compute: Callable[[], str]) -> str:
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def key(self, output: Output, content_digest: str, language: str) -> str:
        return digest(environment_digest(), self.templates_digest(output.templates), self.catalog_digest(language),
                      self.profile_digest() if output.press else "", content_digest, self.paper, str(self.strict),
                      output.filename)

    def templates_digest(self, names: tuple[str, ...]) -> str:
        """The templates an output reads (its registry entry names them), the typeface and the logo."""
        return self._once(("templates", names), lambda: self._templates_digest(names))

    def _templates_digest(self, names: tuple[str, ...]) -> str:
        from handouts.fonts import FONT_DIR
        files = [self.templates_dir / name for name in names]
        return digest(tree_digest(files, self.templates_dir), tree_digest(list(FONT_DIR.glob("*.ttf")), FONT_DIR),
                      self.logo_digest())

    def logo_digest(self) -> str:
        """The theme may name a logo file; the theme file itself is already part of the digest."""
        pictures = [p for p in self.templates_dir.glob("*") if p.suffix in PICTURE_SUFFIXES]
        return tree_digest(pictures, self.templates_dir)

    def catalog_digest(self, language: str) -> str:
        locales = self.templates_dir / "locales"
        return self._once(("catalog", language), lambda: digest(
            file_digest(locales / "messages.pot"), file_digest(locales / language / "LC_MESSAGES" / "messages.po")))

    def profile_digest(self) -> str:
        from handouts.render.profiles import press_profile_path
        return self._once(("profile",), lambda: file_digest(press_profile_path(self.templates_dir) or Path("/nonexistent")))


@dataclass
class State:
    """What the last builds wrote: per output, its key and the file's size and time."""

    outputs: dict[str, dict[str, Any]] = field(default_factory=dict)   # as read from JSON
    contents: dict[str, dict[str, Any]] = field(default_factory=dict)   # content file -> digest, language
    indexes: dict[str, dict[str, Any]] = field(default_factory=dict)    # the site index of each paper folder, like an output

    @classmethod
    def load(cls, output_dir: Path) -> State:
        try:
            data = json.loads((output_dir / STATE).read_text(encoding="utf-8"))
            return cls(data.get("outputs", {}), data.get("contents", {}), data.get("indexes", {}))
        except (OSError, ValueError):
            return cls()

    def encoded(self) -> bytes:
        """The state as the file STATE holds it."""
        data = {"outputs": dict(sorted(self.outputs.items())), "contents": dict(sorted(self.contents.items())),
                "indexes": dict(sorted(self.indexes.items()))}
        return json.dumps(data, indent=1).encode()

    def is_current(self, path: Path, name: str, key: str, table: dict[str, dict[str, Any]] | None = None) -> bool:
        entry = (self.outputs if table is None else table).get(name)
        if entry is None or entry["key"] != key:
            return False
        try:
            stat = path.stat()
        except OSError:
            return False
        return (stat.st_size, stat.st_mtime_ns) == (entry["size"], entry["mtime_ns"])

    def record(self, path: Path, name: str, key: str, table: dict[str, dict[str, Any]] | None = None) -> None:
        stat = os.stat(path)
        (self.outputs if table is None else table)[name] = {"key": key, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
