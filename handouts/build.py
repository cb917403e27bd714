"""The pipeline, top to bottom: load and validate everything, render everything, then write."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .context import RenderContext
from .errors import HandoutError
from .model import Topic
from .outputs import OUTPUTS
from .readers import load_library
from .writers import write_atomic

MANIFEST = "SHA256SUMS"


class BuildErrors(HandoutError):
    """Several outputs failed to render; each is reported on its own line."""

    def __init__(self, errors: list[HandoutError]) -> None:
        self.errors = errors
        self.exit_code = max(e.exit_code for e in errors)
        super().__init__("\n".join(line for e in errors for line in e.lines()))

    def lines(self) -> list[str]:
        """Each problem once, though every output of an edition may have met it."""
        return list(dict.fromkeys(line for e in self.errors for line in e.lines()))


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "templates"


def build(project: Project, output_dir: Path, paper: str = "letter", check: bool = False,
          strict: bool = False) -> list[Path]:
    """Build every output of every edition; nothing is written unless everything rendered."""
    topics = load_library(project.content)
    if check:
        return []
    rendered = render_all(project, topics, output_dir, paper, strict)
    for path, data in rendered.items():
        write_atomic(path, data)
    write_manifest(output_dir)
    return list(rendered)


def render_all(project: Project, topics: list[Topic], output_dir: Path, paper: str,
               strict: bool = False) -> dict[Path, bytes]:
    """Render every output in memory, keyed by where it will be written; collect every failure."""
    rendered: dict[Path, bytes] = {}
    errors: list[HandoutError] = []
    paper_dir = output_dir if paper == "letter" else output_dir / paper  # Letter is the default
    for topic in topics:
        ctx = RenderContext(project.templates, project.content / topic.slug, paper, strict)
        for edition in topic.editions:
            folder = paper_dir / topic.slug / edition.language
            for output in OUTPUTS:
                shown = f"{topic.slug}/{edition.language}/{output.filename}"
                try:
                    rendered[folder / output.filename] = output.render(edition, ctx, shown)
                except HandoutError as exc:
                    errors.append(exc)
    if errors:
        raise BuildErrors(errors)
    return rendered


def write_manifest(output_dir: Path) -> None:
    """SHA256SUMS of every output under output_dir, in `sha256sum -c` format, for approving prints."""
    names = {output.filename for output in OUTPUTS}
    files = sorted(p for p in output_dir.rglob("*") if p.is_file() and p.name in names)
    lines = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(output_dir).as_posix()}\n" for p in files]
    write_atomic(output_dir / MANIFEST, "".join(lines).encode())
