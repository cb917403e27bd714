"""The site index, output/site/index.html: every topic and language with a link to each of its outputs,
for an association's download page. Self-contained and accessible like the web page.

The outputs listed are the build's plan, which asks the registry: a new entry of handouts.pipeline.outputs is
listed without any change here. Every build makes it beside its outputs and it takes its place with
them (when what it shows or is made with changed, which the build's state records, and only when
its bytes change), and is listed in the manifest; content removed from content/ is
gone from the plan, so from the index too.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from handouts.pipeline.outputs import Output
    from handouts.render.context import RenderContext

SITE_INDEX = Path("site") / "index.html"
SITE_LANGUAGE = "en"    # the language of the index's own words (each edition's title keeps its own)
SITE_TEMPLATES = ("site.html.j2", "web.css.j2", "theme.yaml")


@dataclass(frozen=True)
class Planned:
    """One output of the build's plan, as the index needs it."""

    path: Path              # where it is, in the output folder
    topic: str
    language: str           # the edition's folder: fr
    output: Output


@dataclass(frozen=True)
class Link:
    href: str               # relative to the index
    filename: str
    label: str
    size_kb: int


@dataclass(frozen=True)
class EditionLinks:
    topic: str
    language: str
    lang: str               # the edition's language tag, for its title: fr-CA
    title: str
    language_name: str
    links: tuple[Link, ...]


def entries(planned: Iterable[Planned], contents: dict[str, dict[str, Any]], folder: Path,
            staged: dict[Path, Path] | None = None) -> list[EditionLinks]:
    """Each edition of the plan with a link to each of its outputs, in the plan's (the registry's) order; an
    output's size is its temporary file's while it is `staged` to take its place."""
    about = {(name.split("/")[1], entry["language"]): entry for name, entry in contents.items()}
    grouped: dict[tuple[str, str], list[Link]] = {}
    for item in planned:
        href = Path("..", item.path.relative_to(folder)).as_posix()
        size = max(1, round((staged or {}).get(item.path, item.path).stat().st_size / 1024))
        grouped.setdefault((item.topic, item.language), []).append(
            Link(href, item.output.filename, item.output.label, size))
    out = []
    for (topic, language), links in sorted(grouped.items()):
        entry = about.get((topic, language), {})
        out.append(EditionLinks(topic, language, entry.get("lang", language), entry.get("title", topic),
                                entry.get("language_name", language), tuple(links)))
    return out


def render_site(editions: list[EditionLinks], ctx: RenderContext, language: str = SITE_LANGUAGE) -> bytes:
    """The index's HTML, made self-contained like the web page; `ctx` gives the templates, the theme and the
    catalog of `language` (render.configuration.configured), as a job's context does."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from handouts.render import colors
    from handouts.render.i18n import catalog_of
    from handouts.render.templating import theme_of
    from handouts.render.web.shared import self_contained

    theme = theme_of(ctx)
    env = Environment(loader=FileSystemLoader(ctx.templates_dir), autoescape=True, undefined=StrictUndefined,
                      extensions=["jinja2.ext.i18n"], keep_trailing_newline=True)
    env.install_gettext_translations(  # type: ignore[attr-defined]  # added by jinja2.ext.i18n
        catalog_of(ctx, language), newstyle=True)
    env.globals.update(paint=lambda name: colors.css(theme.colors[name], None), contact=theme.contact)
    topics: dict[str, list[EditionLinks]] = {}
    for edition in editions:
        topics.setdefault(edition.topic, []).append(edition)
    page = env.get_template("site.html.j2").render(language=language, topics=topics)
    return self_contained(page, _no_pictures, {}, SITE_INDEX.as_posix()).encode()


def _no_pictures(url: str) -> bytes:
    from handouts.errors import RenderError

    raise RenderError(f"{SITE_INDEX.as_posix()}: the index shows no picture ({url!r})")
