"""Cheap stand-ins for the registry's renderers, for the tests of the pipeline's own properties (kills,
faults, caching, what is rebuilt): each output's bytes are a digest of what its real renderer reads (the
edition, the other editions of its topic for a talk, the output's settings and templates), so an edit
changes them as it changes the real file, in a few microseconds instead of seconds. Every such property
is also tested once with the real engines (the shared builds, test_build_safety's killed builds).

In a test: the `stub_renderers` fixture. In a child process that builds: `import stubs; stubs.install()`
before the build (a forked worker inherits it)."""
from __future__ import annotations

import hashlib
from typing import Any

from handouts.pipeline.outputs import Output
from handouts.render.rendered import Rendered

REAL = Output.render


def render(self: Output, edition: Any, ctx: Any, shown: str, made: Rendered | None = None) -> Rendered:
    sha = hashlib.sha256(f"{self.filename}\0{shown}\0{sorted(self.settings.items())}\0{ctx.paper}\0{ctx.approval!r}\0".encode())
    sha.update(edition.model_dump_json().encode())
    for name in self.templates:   # a template's edit changes the stub's bytes as it changes the real file's
        path = ctx.templates_dir / name
        sha.update(path.read_bytes() if path.is_file() else b"")
    if made is not None:
        sha.update(made.data)
    return Rendered(f"stub of {shown}\n{sha.hexdigest()}\n".encode(), pages=1, seconds=25 * 60)


def install() -> None:
    Output.render = render  # type: ignore[method-assign]


def uninstall() -> None:
    Output.render = REAL  # type: ignore[method-assign]
