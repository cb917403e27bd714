"""The site index, output/site/index.html: every topic and language with a link to each of its outputs,
for an association's download page. Self-contained and accessible like the web page.

The outputs listed are the build's plan, which asks the registry: a new entry of handouts.pipeline.outputs is
listed without any change here. Every build makes it beside its outputs and it takes its place with
them (when what it shows or is made with changed, which the build's state records, and only when
its bytes change), and is listed in the manifest; content removed from content/ is
gone from the plan, so from the index too.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel import Locale

from handouts.messages import N_

if TYPE_CHECKING:
    from handouts.pipeline.outputs import Output
    from handouts.render.context import RenderContext

SITE_INDEX = Path("site") / "index.html"
SITE_LANGUAGE = "en"    # the language of the index's own words (each edition's title, links and advice keep its own)
SITE_TEMPLATES = ("site.html.j2", "web.css.j2", "theme.yaml")


@dataclass(frozen=True)
class Planned:
    """One output of the build's plan, as the index needs it."""

    path: Path              # where it is, in the output folder
    topic: str
    language: str           # the edition's folder: fr
    output: Output
    draft: bool = True      # its edition is not approved


@dataclass(frozen=True)
class Link:
    href: str               # relative to the index
    filename: str
    offer: str              # what a reader gets, a message id (the registry's)
    kind: str               # a message id: "PDF"; "" (the web page)
    advice: str             # how to print it, a message id; ""
    size: int               # bytes
    audience: str = "patients"   # whom it is for (an AUDIENCES name), and its place among their files
    shelf: int = 0


@dataclass(frozen=True)
class EditionLinks:
    topic: str
    language: str
    lang: str               # the edition's language tag, for its title: fr-CA
    title: str
    language_name: str
    links: tuple[Link, ...]
    draft: bool = True


@dataclass(frozen=True)
class Audience:
    """Whom an edition's files are for, a group of the index (message ids): its heading and what they get."""

    name: str
    heading: str
    about: str


# The groups of an edition's files, in the index's order: the registry's `audience` of each output names one.
AUDIENCES: tuple[Audience, ...] = (
    Audience("patients", N_("For patients and families"),
             N_("To read on screen, or to print at home or at the clinic.")),
    Audience("print", N_("For clinics and print shops"),
             N_("To print many copies: files for a print shop, and a booklet to print and fold.")),
    Audience("speakers", N_("For speakers"),
             N_("To give a talk on this topic: the slides, and what to say with each one.")),
)


@dataclass(frozen=True)
class Group:
    """An audience's files of an edition, as its reader sees them, in the edition's language."""

    name: str
    heading: str            # "Pour les patients et leurs proches"
    about: str
    links: tuple[Shown, ...]


@dataclass(frozen=True)
class Heading:
    """The index's own words in one of its editions' languages: it says them in each."""

    lang: str
    title: str              # "Handouts of Scleroderma Manitoba"
    lead: str
    topics: str


@dataclass(frozen=True)
class Shown:
    """A link of the index as an edition's reader sees it, in the edition's language."""

    href: str
    offer: str              # "Dépliant à imprimer"
    about: str              # "(PDF, 74 ko)"
    advice: str


def entries(planned: Iterable[Planned], contents: dict[str, dict[str, Any]], folder: Path,
            staged: dict[Path, Path] | None = None) -> list[EditionLinks]:
    """Each edition of the plan with a link to each of its outputs, in the plan's (the registry's) order; an
    output's size is its temporary file's while it is `staged` to take its place."""
    about = {(name.split("/")[1], entry["language"]): entry for name, entry in contents.items()}
    grouped: dict[tuple[str, str], list[Link]] = {}
    drafts: dict[tuple[str, str], bool] = {}
    for item in planned:
        href = Path("..", item.path.relative_to(folder)).as_posix()
        size = (staged or {}).get(item.path, item.path).stat().st_size
        output = item.output
        grouped.setdefault((item.topic, item.language), []).append(
            Link(href, output.filename, output.offer, output.kind, output.advice, size, output.audience, output.shelf))
        drafts[item.topic, item.language] = item.draft
    out = []
    for (topic, language), links in sorted(grouped.items()):
        entry = about.get((topic, language), {})
        out.append(EditionLinks(topic, language, entry.get("lang", language), entry.get("title", topic),
                                entry.get("language_name", language), tuple(links), drafts[topic, language]))
    return out


def render_site(editions: list[EditionLinks], ctx: RenderContext, language: str = SITE_LANGUAGE) -> bytes:
    """The index's HTML, made self-contained like the web page; `ctx` gives the templates, the theme, the paper
    and the catalogs of `language` and of every edition's (render.configuration.configured), as a job's context
    does. The index's own words (its heading, lead and contents) are said in each edition's language, `language`
    first; each edition's files, grouped by whom they are for, in the edition's."""
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
    spoken = sorted({e.language for e in editions} | ({language} if not editions else set()),
                    key=lambda code: (code != language, code))
    headings = [heading_in(code, catalog_of(ctx, code).gettext, theme.contact.name) for code in spoken]
    shown = {(e.topic, e.language): shown_groups(e, catalog_of(ctx, e.language).gettext, ctx.paper) for e in editions}
    drafts = {(e.topic, e.language): catalog_of(ctx, e.language).gettext(DRAFT) for e in editions if e.draft}
    page = env.get_template("site.html.j2").render(language=spoken[0], headings=headings, topics=topics, shown=shown,
                                                   drafts=drafts)
    return self_contained(page, _no_pictures, {}, SITE_INDEX.as_posix()).encode()


DRAFT = N_("DRAFT — not approved for distribution")
SHEETS = {"letter": N_("Tabloid (11 × 17 in)"), "a4": N_("A3")}   # the booklet's paper, for its printing advice
TITLE = N_("Handouts of %(association)s")
LEAD = N_("Each topic, in each of its languages, with every file made for it: a web page to read on screen, and "
          "files to print or download.")
TOPICS = N_("Topics")


def heading_in(code: str, gettext: Callable[[str], str], association: str) -> Heading:
    """The index's heading, lead and contents' heading in one language, typeset for it."""
    from handouts.typography import typeset

    locale = Locale.parse(code, sep="-")
    return Heading(code, typeset(gettext(TITLE) % {"association": association}, locale),
                   typeset(gettext(LEAD), locale), typeset(gettext(TOPICS), locale))


def shown_groups(edition: EditionLinks, gettext: Callable[[str], str], paper: str) -> list[Group]:
    """The edition's files by whom they are for (AUDIENCES' order, each group by its files' shelf), in its
    language: a heading and a line on what they get, then the links; a group it has no file of is left out."""
    from handouts.typography import typeset

    locale = Locale.parse(edition.lang, sep="-")
    known = {audience.name for audience in AUDIENCES}
    strays = [link.filename for link in edition.links if link.audience not in known]
    if strays:
        from handouts.errors import RenderError
        raise RenderError(f"{SITE_INDEX.as_posix()}: {strays} name no audience of the index ({sorted(known)})")
    groups = []
    for audience in AUDIENCES:
        links = sorted((link for link in edition.links if link.audience == audience.name), key=lambda link: link.shelf)
        if links:
            groups.append(Group(audience.name, typeset(gettext(audience.heading), locale),
                                typeset(gettext(audience.about), locale), tuple(shown_links(links, edition, gettext, paper))))
    return groups


def shown_links(links: Iterable[Link], edition: EditionLinks, gettext: Callable[[str], str], paper: str) -> list[Shown]:
    """The links in the edition's language: what each file is, its kind and size, and how to print it."""
    from handouts.typography import typeset

    locale = Locale.parse(edition.lang, sep="-")
    sheet = gettext(SHEETS[paper])
    return [Shown(link.href, typeset(gettext(link.offer), locale), typeset(about(link, gettext, locale), locale),
                  typeset(gettext(link.advice) % {"sheet": sheet}, locale) if link.advice else "")
            for link in links]


def about(link: Link, gettext: Callable[[str], str], locale: Locale) -> str:
    """'(PDF, 74 ko)': the file's kind and its size in the language's units and numbers (a web page: its size)."""
    size = file_size(link.size, locale)
    return f"({gettext(link.kind)}, {size})" if link.kind else f"({size})"


def file_size(size: int, locale: Locale) -> str:
    """Kilobytes up to a megabyte (at least 1), then megabytes to one decimal, as the language writes them
    ('74 kB', '2,1 Mo'); a no-break space, which the typeface has (not the narrow one)."""
    from babel.units import format_unit

    if size < 1_000_000:
        shown = format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=locale)
    else:
        shown = format_unit(round(size / 1_000_000, 1), "digital-megabyte", length="short", locale=locale,
                            format="#,##0.0")
    return shown.replace("\u202f", "\u00a0").replace(" ", "\u00a0")


def _no_pictures(url: str) -> tuple[bytes, str]:
    from handouts.errors import RenderError

    raise RenderError(f"{SITE_INDEX.as_posix()}: the index shows no picture ({url!r})")
