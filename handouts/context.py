"""What a renderer needs besides the edition: where the project's files are, and the settings."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PAPERS = {
    # name: (leaflet page, card page)
    "letter": ("letter", "letter"),
    "a4": ("A4", "A4"),
}


@dataclass(frozen=True)
class RenderContext:
    templates_dir: Path
    topic_dir: Path
    paper: str = "letter"

    @property
    def roots(self) -> tuple[Path, ...]:
        """Folders whose files a document may load."""
        return (self.templates_dir, self.topic_dir)

    @property
    def page_sizes(self) -> tuple[str, str]:
        return PAPERS[self.paper]
