"""Watch mode: rebuild what a saved change affects, report, and keep watching."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from handouts.pipeline.build import Project
from handouts.terminal import say


def watch(project: Project, output_dir: Path, rebuild: Callable[[], int]) -> int:
    """Build once, then after every change under content/ and templates/; Ctrl-C stops."""
    from watchfiles import watch as changes

    rebuild()
    ready = False
    try:
        for changed in changes(project.content, project.templates, debounce=200, rust_timeout=300,
                               yield_on_timeout=True, raise_interrupt=False):
            if not ready:  # the first yield comes once the watcher is in place
                say(f"watching {project.content.name}/ and {project.templates.name}/ (Ctrl-C to stop)")
                ready = True
            if changed:
                names = sorted({Path(path).name for _, path in changed})
                say(f"changed: {', '.join(names)}")
                rebuild()
    except KeyboardInterrupt:
        pass
    return 0
