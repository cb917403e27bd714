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

from handouts.pipeline.outputs import Output, by_filename
from handouts.render.rendered import Rendered

REAL = Output.render


def render(self: Output, edition: Any, ctx: Any, shown: str, made: Rendered | None = None) -> Rendered:
    sha = hashlib.sha256(f"{self.filename}\0{shown}\0{sorted(self.settings.items())}\0{ctx.paper}\0{ctx.approval!r}\0".encode())
    sha.update(edition.model_dump_json().encode())
    for name in self.templates:   # a template's edit changes the stub's bytes as it changes the real file's
        path = ctx.templates_dir / name
        sha.update(path.read_bytes() if path.is_file() else b"")
    if self.source is not None:   # made from another output (the booklet): from its bytes, made again if need be
        if made is None:
            made = by_filename(self.source).render(edition, ctx, shown.rsplit("/", 1)[0] + "/" + self.source)
        sha.update(made.data)
    return Rendered(f"stub of {shown}\n{sha.hexdigest()}\n".encode(), pages=1, seconds=25 * 60)


def install(real: tuple[str, ...] = ()) -> None:
    """Stubs for every output but those named in `real` (file names of the registry), which keep their renderer."""
    def chosen(self: Output, edition: Any, ctx: Any, shown: str, made: Rendered | None = None) -> Rendered:
        return (REAL if self.filename in real else render)(self, edition, ctx, shown, made)
    Output.render = chosen  # type: ignore[method-assign]


def uninstall() -> None:
    Output.render = REAL  # type: ignore[method-assign]
