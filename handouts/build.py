"""The pipeline, top to bottom: load and validate everything, render everything, then write."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .context import RenderContext
from .model import Topic
from .outputs import OUTPUTS
from .readers import load_library
from .writers import write_atomic


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "templates"


def build(project: Project, output_dir: Path, paper: str = "letter", check: bool = False) -> list[Path]:
    """Build every output of every edition; nothing is written unless everything rendered."""
    topics = load_library(project.content)
    if check:
        return []
    rendered = render_all(project, topics, output_dir, paper)
    for path, data in rendered.items():
        write_atomic(path, data)
    return list(rendered)


def render_all(project: Project, topics: list[Topic], output_dir: Path, paper: str) -> dict[Path, bytes]:
    """Render every output in memory, keyed by where it will be written."""
    rendered: dict[Path, bytes] = {}
    paper_dir = output_dir if paper == "letter" else output_dir / paper  # Letter is the default
    for topic in topics:
        ctx = RenderContext(project.templates, project.content / topic.slug, paper)
        for edition in topic.editions:
            folder = paper_dir / topic.slug / edition.language
            for output in OUTPUTS:
                shown = f"{topic.slug}/{edition.language}/{output.filename}"
                rendered[folder / output.filename] = output.render(edition, ctx, shown)
    return rendered
