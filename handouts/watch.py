"""Watch mode: rebuild what a saved change affects, report, and keep watching."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

from .build import Project


def watch(project: Project, output_dir: Path, rebuild: Callable[[], int]) -> int:
    """Build once, then after every change under content/ and templates/; Ctrl-C stops."""
    from watchfiles import watch as changes

    rebuild()
    print(f"watching {project.content.name}/ and {project.templates.name}/ (Ctrl-C to stop)", flush=True)
    try:
        for changed in changes(project.content, project.templates, debounce=200, raise_interrupt=False):
            names = sorted({Path(path).name for _, path in changed})
            print(f"changed: {', '.join(names)}", flush=True)
            rebuild()
            sys.stdout.flush()
    except KeyboardInterrupt:
        pass
    return 0
