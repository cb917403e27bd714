"""What a renderer needs besides the edition: where the project's files are, and the settings."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from handouts.content.approvals import Approval
    from handouts.render.deck.spec import Paging
    from handouts.render.templating import Theme

PAPERS = {"letter": "letter", "a4": "A4"}   # --paper name: CSS page size
SHEETS = {"letter": "tabloid", "a4": "A3"}  # --paper name: the sheet twice its size, for a booklet
BLEED_IN = 0.125                            # P2: North American printers ask for 1/8 in


@dataclass(frozen=True)
class Rendition:
    """How a PDF is made for its reader: the screen (PDF/UA-1) or the print shop (PDF/X-4)."""

    name: str
    pdf_options: dict[str, Any] = field(hash=False, compare=False)
    press: bool = False

    @property
    def bleed_in(self) -> float:
        return BLEED_IN if self.press else 0.0


SCREEN = Rendition("screen", {"pdf_variant": "pdf/ua-1", "pdf_tags": True})
PRESS = Rendition("press", {"pdf_variant": "pdf/x-4"}, press=True)


@dataclass(frozen=True)
class Download:
    """Another file of the same edition that a page offers, as the build's plan has it."""

    filename: str       # beside the page: leaflet.pdf
    offer: str          # what a reader gets, a message id of the catalogs: "Leaflet to read or print"
    kind: str           # the file's kind as a reader knows it, a message id: "PDF", "PowerPoint"


@dataclass(frozen=True)
class Sibling:
    """Another edition of the same topic, as a page links to it."""

    href: str           # relative to the page: ../en/page.html
    lang: str           # its language tag: en-CA
    name: str           # its language's name in that language: English, Français


@dataclass(frozen=True)
class RenderContext:
    templates_dir: Path
    topic_dir: Path
    paper: str = "letter"
    strict: bool = False
    approval: Approval | None = None    # None: a draft, marked as such on every page and slide
    # the slide plan of every language of the topic, made once by the build's plan for its deck and script;
    # None: the edition's own (a renderer called alone)
    paging: dict[str, Paging] | None = field(default=None, compare=False)
    # the theme and the edition's compiled catalog (MO bytes by language), loaded once by the build's plan;
    # absent: read from templates/ (a renderer called alone)
    theme: Theme | None = field(default=None, compare=False)
    catalogs: dict[str, bytes] = field(default_factory=dict, compare=False)
    # what the build's plan has beside the edition's page: its other files and the topic's other editions, for
    # the page to link to (empty: a renderer called alone, which links to no file it cannot see)
    downloads: tuple[Download, ...] = field(default=(), compare=False)
    siblings: tuple[Sibling, ...] = field(default=(), compare=False)

    @property
    def draft(self) -> bool:
        return self.approval is None

    @property
    def roots(self) -> tuple[Path, ...]:
        """Folders whose files a document may load."""
        return (self.templates_dir, self.topic_dir)

    @property
    def folders(self) -> dict[str, Path]:
        """The folder each of a document's own URL schemes names: `template:logo.png` is a file of
        templates/, `picture:bird.svg` one of the topic's folder; a name, not a path, so that the same
        project gives the same bytes in any folder."""
        return {"template": self.templates_dir, "picture": self.topic_dir}

    @property
    def page_size(self) -> str:
        return PAPERS[self.paper]
