"""The only way WeasyPrint may load a resource: project files and the bundled typeface, nothing else."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcherResponse

from handouts.checks import pictures
from handouts.fonts import FONT_DIR
from handouts.render import drawing
from handouts.render.profiles import find_color_profile


class RefusedResource(FatalURLFetchingError):  # type: ignore[misc]  # WeasyPrint ships no types: its class is Any
    """Raised for any URL outside the allowed folders; fatal, so the render stops."""


class RefusedPicture(RefusedResource):
    """Raised for a picture that `pictures.check` refuses: the build reports it as the picture's fault."""


class ProjectFetcher:
    """Serves `data:` URLs of embedded PNG and JPEG pictures, `font:NAME` from the typeface package,
    `generated:NAME` from the build's own pictures,
    `template:NAME` and `picture:NAME` from the folders the context names, and file URLs under the
    allowed roots."""

    def __init__(self, roots: tuple[Path, ...], generated: dict[str, bytes] | None = None,
                 folders: dict[str, Path] | None = None) -> None:
        self.roots = tuple(root.resolve() for root in roots)
        self.generated = generated or {}
        self.folders = folders or {}

    def __call__(self, url: str) -> URLFetcherResponse:
        return self.fetch(url)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        path: Path | None
        if parts.scheme == "generated" and parts.path in self.generated:
            return URLFetcherResponse(url, body=self.generated[parts.path], headers={"Content-Type": "image/svg+xml"})
        if parts.scheme == "data":   # a picture an SVG embeds (the SVG passed the check): checked again, decoded here
            try:
                body, media = pictures.embedded(url)
            except pictures.PictureError as exc:
                raise RefusedPicture(str(exc)) from None
            return URLFetcherResponse(url, body=body, headers={"Content-Type": media})
        if parts.scheme == "font":
            path = (FONT_DIR / parts.path).resolve()
            allowed = path.parent == FONT_DIR.resolve()
        elif parts.scheme == "icc":
            path = find_color_profile(parts.path)
            allowed = path is not None
        elif parts.scheme in self.folders:
            path = in_folder(self.folders[parts.scheme], parts.path)
            allowed = path is not None
        elif parts.scheme == "file":
            path = Path(unquote(parts.path)).resolve()
            allowed = any(path.is_relative_to(root) for root in self.roots)
        else:
            path, allowed = None, False
        if not allowed or path is None or not path.is_file():
            raise RefusedResource(f"refused to load {url!r}: only files of the project's templates "
                                  "and the topic's folder may be used")
        if path.suffix.lower() in pictures.FORMATS:  # checked again, and a drawing drawn once for every output
            try:
                data, mime = drawing.framed(path)
            except pictures.PictureError as exc:
                raise RefusedPicture(str(exc)) from None
            return URLFetcherResponse(url, body=data, headers={"Content-Type": mime})
        return URLFetcherResponse(url, body=path.read_bytes())


def in_folder(folder: Path, name: str) -> Path | None:
    """The file `name` of `folder` (a relative name that stays inside it), or None."""
    path = (folder / unquote(name)).resolve()
    return path if path.is_relative_to(folder.resolve()) and path.is_file() else None
