"""The Jinja environment shared by the HTML renderers: autoescaped, strict, translated."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from gettext import NullTranslations
from pathlib import Path

from babel import Locale
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from pydantic import ValidationError

from handouts.charts.base import Paint
from handouts.checks import pictures
from handouts.content import grades, option_text
from handouts.content.glossary import FirstUses, terms_html
from handouts.content.grades import Criterion
from handouts.content.model import Association, Block, Edition, KeyFigure, ListBlock, Picture, Reference, Table
from handouts.errors import ThemeError
from handouts.render import colors, figures, references
from handouts.render.context import RenderContext, Rendition
from handouts.render.geometry import GEOMETRY
from handouts.render.i18n import catalog_of
from handouts.render.press import Inks, PressSettings, inks_for, load_press_settings
from handouts.typography import full_date, linked_html, month_year, names, typeset, typeset_html


@dataclass(frozen=True)
class DeckSettings:
    """How the deck's speaker notes speak: for no one, unless the speaker represents the association."""

    speaker_represents_association: bool = False

    @staticmethod
    def read(data: object) -> tuple[DeckSettings, list[str]]:
        """The theme's `deck:` settings, or the problems of a wrong one ('deck.key: what', to locate)."""
        if data is None:
            return DeckSettings(), []
        if not isinstance(data, dict):
            return DeckSettings(), ["deck: is not a mapping (deck: {speaker_represents_association: false})"]
        problems = [f"deck.{key}: unknown setting (speaker_represents_association)" for key in data
                    if key != "speaker_represents_association"]
        represents = data.get("speaker_represents_association", False)
        if not isinstance(represents, bool):
            problems.append("deck.speaker_represents_association: is not true or false")
        return DeckSettings(represents is True), problems


@dataclass(frozen=True)
class Theme:
    """The association's look and identity: colours, contact, optional logo; how the deck speaks."""

    colors: dict[str, str]
    contact: Association
    logo: Path | None
    press: PressSettings = field(default_factory=PressSettings)   # the print shop's profile and limits (press rendition)
    deck: DeckSettings = field(default_factory=DeckSettings)
    grades: tuple[Criterion, ...] = ()   # what earns each grade of evidence, strongest first

    def inks(self, press: bool) -> Inks | None:
        """The press rendition's colours through the theme's profile; None on screen (sRGB as written)."""
        return inks_for(self.press, self.colors) if press else None


def load_theme(templates_dir: Path) -> Theme:
    """The association's theme, validated and contrast-checked, read from its file (a renderer takes its job's: theme_of)."""
    from handouts.content.located import locate, read_settings
    path = templates_dir / "theme.yaml"
    data, marks, read_problems = read_settings(path, templates_dir.parent)
    if read_problems:
        raise ThemeError("\n".join(str(p) for p in read_problems))
    shown = path.relative_to(templates_dir.parent).as_posix()
    palette = data.get("colors")
    if unusable := colors.palette_problems(palette):  # contrast is measured between colours only
        raise ThemeError("\n".join(locate(shown, problem, marks) for problem in unusable))
    problems = list(colors.contrast_problems(palette))
    from handouts.checks.readability import Targets
    problems += Targets.problems(data.get("readability"))
    press, press_problems = load_press_settings(data.get("press"), templates_dir, palette)
    problems += press_problems
    deck, deck_problems = DeckSettings.read(data.get("deck"))
    problems += deck_problems
    criteria, grade_problems = grades.load(data.get("evidence_grades"))
    problems += grade_problems
    association = dict(data.get("association") or {})
    logo = association.pop("logo", None)
    try:
        contact = Association.model_validate(association)
    except ValidationError as exc:
        contact = None
        problems += [f"association.{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
    if logo and not (templates_dir / logo).resolve().is_relative_to(templates_dir.resolve()):
        problems.append(f"association.logo: {logo!r} is not a file of templates/")
    elif logo and not (templates_dir / logo).is_file():
        problems.append(f"association.logo: {logo!r} does not exist (a file of templates/)")
    elif logo and (wrong := pictures.problem(templates_dir / logo)):
        problems.append(f"association.logo: {logo!r} {wrong}")
    if problems:
        raise ThemeError("\n".join(locate(shown, p, marks) for p in problems))
    assert contact is not None  # an invalid association is among the problems above
    return Theme(palette, contact, templates_dir / logo if logo else None, press, deck, criteria)


def theme_of(ctx: RenderContext) -> Theme:
    """The theme the build's plan loaded for the job (render.configuration.configured for a renderer called alone)."""
    if ctx.theme is None:
        raise RuntimeError("a renderer was given no theme: the build's plan gives every job its own "
                           "(handouts.render.configuration.configured, for a renderer called alone)")
    return ctx.theme


def make_environment(ctx: RenderContext, edition: Edition, rendition: Rendition, pictures: bool = True,
                     assets: dict[str, bytes] | None = None) -> Environment:
    """An environment bound to one edition and rendition: catalog, locale, typography, colours (the job's theme
    and catalog; `pictures`: whether the topic's pictures may be shown)."""
    templates_dir, topic_dir = ctx.templates_dir, (ctx.topic_dir if pictures else None)
    env = Environment(
        loader=FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        keep_trailing_newline=True,
    )
    translations = catalog_of(ctx, edition.language)
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]  # added by jinja2.ext.i18n
    locale = edition.locale
    theme = theme_of(ctx)
    env.globals.update(
        theme=theme,
        press=rendition.press,
        bleed=rendition.bleed_in,
        geometry=GEOMETRY,   # the page margins, columns and body type the budget check reads too
        paint=lambda name: colors.css(theme.colors[name], theme.inks(rendition.press)),
        contact=theme.contact,
        logo=f"template:{theme.logo.relative_to(templates_dir).as_posix()}" if theme.logo else None,
        credit=publisher_credit(edition, theme, translations.gettext),
        t=lambda text: typeset_html(text, locale),
        heading=lambda text: typeset_html(text, locale, heading=True),
        month_year=lambda date: month_year(date, locale),
        names=lambda items: names(list(items), locale),
        blocks=lambda items: render_blocks(items, locale, topic_dir),
        link=lambda href, label: render_link(href, label, rendition.press),
        linked=lambda text: linked_html(text, lambda href, label: render_link(href, label, rendition.press)),
        vancouver=lambda ref: render_reference(ref, translations.gettext, locale, rendition.press),
        compact=lambda ref: references.compact(ref, locale.language),
    )
    add_figures(env, edition, theme, rendition, translations, {} if assets is None else assets)
    add_plain_language(env, edition, translations.gettext)
    gloss: Callable[[str, str], Markup] = env.globals["gloss"]  # type: ignore[assignment]  # set just above
    # tag: how a first use is marked, "span" (the PDFs) or "a", a link to the term's definition (the web page)
    env.globals["blocks"] = lambda items, marked=False, tag="span": render_blocks(
        items, locale, topic_dir, mark=(lambda text: gloss(text, tag)) if marked else None)
    # Jinja types its globals as objects: "chart" is the callable add_figures() set.
    env.globals["body"] = lambda items, key_figures, tag="span": render_blocks(
        items, locale, topic_dir, {i: [env.globals["chart"](f) for f in figs]  # type: ignore[operator]
                                   for i, figs in place_figures(items, key_figures).items()},
        mark=lambda text: gloss(text, tag))
    return env


def add_plain_language(env: Environment, edition: Edition, gettext: Callable[[str], str]) -> None:
    """Globals of the glossary and the call-outs. `gloss(text)` typesets a running text with the first use
    of each glossary term marked (one FirstUses per document: the order of the calls is the reader's);
    `gloss(text, "dfn")` marks with another tag; `words_to_know()` is the glossary as a list; and
    `callout_title(kind)` the catalog's title of a kind of call-out."""
    first = FirstUses(edition.glossary)
    locale = edition.locale
    env.globals.update(
        first_uses=first,
        gloss=lambda text, tag="span": first.html(text, locale, tag),
        words_to_know=lambda anchors=False: terms_html(edition.glossary, locale, anchors),
        callout_title=lambda kind: callout_title(kind, gettext),
    )


def callout_title(kind: str, gettext: Callable[[str], str]) -> str:
    """The heading of a call-out of this kind, in the edition's language."""
    titles = {"do": gettext("What you can do"), "call": gettext("When to call your care team"),
              "ask": gettext("Questions to ask")}
    return titles[kind]


def place_figures(items: tuple[Block, ...], key_figures: Iterable[KeyFigure]) -> dict[int, list[KeyFigure]]:
    """Each key figure under the index of the paragraph that holds its quoted sentence, so that it is
    read right after it (after the last block when no paragraph does); the figures of one paragraph in
    the order of their sentences in it. Every output that shows key figures follows this order."""
    flat: Callable[[str], str] = lambda text: " ".join(text.split())  # noqa: E731
    placed: dict[int, list[tuple[int, KeyFigure]]] = {}
    for figure in key_figures:
        at = next((i for i, b in enumerate(items) if isinstance(b, str) and flat(figure.sentence) in flat(b)),
                  len(items) - 1)
        block = items[at] if items else ""
        where = flat(block).find(flat(figure.sentence)) if isinstance(block, str) else -1
        placed.setdefault(at, []).append((where if where >= 0 else len(flat(str(block))), figure))
    return {at: [figure for _, figure in sorted(figures, key=lambda pair: pair[0])] for at, figures in placed.items()}


def publisher_credit(edition: Edition, theme: Theme, gettext: Callable[[str], str]) -> str:
    """'First published by X, April 2024', when the association handing it out is not the publisher."""
    if edition.association.name == theme.contact.name:
        return ""
    return typeset(gettext("First published by %(publisher)s, %(date)s") % {
        "publisher": edition.association.name, "date": month_year(edition.published, edition.locale)}, edition.locale)


def add_figures(env: Environment, edition: Edition, theme: Theme, rendition: Rendition, translations: NullTranslations,
                assets: dict[str, bytes]) -> None:
    """Globals that draw the edition's key figures (each by its chart kind) and QR code into `assets`."""
    palette = theme.colors
    inks = theme.inks(rendition.press)
    brand, ink, light = (colors.css(palette[name], inks) for name in ("brand", "ink", "light"))
    paint = Paint(brand, ink, light, paper=colors.css("#ffffff", inks))
    words = figures.Words(edition.locale, translations, theme.grades).with_options(edition.options, theme.contact.name)
    contact = theme.contact
    gettext = translations.gettext

    env.globals.update(
        grade=lambda evidence: typeset(grades.label(evidence, words.grades, words), edition.locale),
        design=lambda evidence: typeset(grades.design_name(evidence.design, words), edition.locale),
        beside=lambda point, shown=(): [typeset(line, edition.locale) for line in
                                        option_text.beside(point, edition, words, tuple(shown))],
        grade_legend=lambda options=None: [typeset(line, edition.locale)
                                           for line in grades.legend(words.grades, words, options)],
        chart=lambda figure: figures.figure_html(figure, words, paint, assets),
        qr=lambda: figures.qr_html(contact.website, contact.website_label,
                                   gettext("QR code to %(site)s") % {"site": contact.website_label},
                                   colors.css("#000000", inks), assets),
    )


def render_blocks(items: tuple[Block, ...], locale: Locale, topic_dir: Path | None = None,
                  after: dict[int, list[Markup]] | None = None,
                  mark: Callable[[str], Markup] | None = None) -> Markup:
    """Paragraphs, lists, figures and tables of content, in the content's order, as escaped HTML, each
    followed by what `after` places after it (the key figures it illustrates)."""
    out: list[str] = []
    text = lambda words: typeset_html(words, locale)  # noqa: E731
    for i, item in enumerate(items):
        if isinstance(item, Picture):
            out.append(render_picture(item, locale, topic_dir))
        elif isinstance(item, Table):
            out.append(render_table(item, locale, topic_dir))
        elif isinstance(item, ListBlock):
            lis = "".join(f"<li>{(mark or text)(i)}</li>" for i in item.items)
            out.append(f"<ul>{lis}</ul>")
        else:
            out.append(f"<p>{(mark or text)(item)}</p>")
        out += (after or {}).get(i, [])
    return Markup("\n".join(out))


def render_picture(figure: Picture, locale: Locale, topic_dir: Path | None) -> Markup:
    if topic_dir is None:
        return Markup("")  # outputs without room for pictures (the card) leave them to the leaflet
    caption = Markup("<figcaption>{}</figcaption>").format(typeset_html(figure.caption, locale)) if figure.caption else ""
    return Markup('<figure><img src="{}" alt="{}">{}</figure>').format(
        f"picture:{figure.image}", typeset(figure.alt, locale), caption)  # the same name in any folder


def render_table(table: Table, locale: Locale, topic_dir: Path | None) -> Markup:
    """A table with its caption, a header row of column headers, and the first cell of each body row
    as that row's header (the same choice as the deck's first column)."""
    if topic_dir is None:
        return Markup("")  # like pictures, tables stay in the leaflet and the deck
    t: Callable[[str], Markup] = lambda text: typeset_html(text, locale)  # noqa: E731
    head = "".join(f'<th scope="col">{t(cell)}</th>' for cell in table.header)
    body = "".join("<tr>" + f'<th scope="row">{t(row[0])}</th>' + "".join(f"<td>{t(c)}</td>" for c in row[1:])
                   + "</tr>" for row in table.rows)
    return Markup(f'<table><caption>{t(table.caption)}</caption><thead><tr>{head}</tr></thead>'
                  f"<tbody>{body}</tbody></table>")


def render_link(href: str, label: str, press: bool) -> Markup:
    """A live link on screen; plain text in print, where a link annotation is not allowed (P6)."""
    if press:
        return Markup("<span>{}</span>").format(label)
    return Markup('<a href="{}">{}</a>').format(href, label)


def render_reference(ref: Reference, gettext: Callable[[str], str], locale: Locale, press: bool) -> Markup:
    """One Vancouver citation (references.to_html) with its DOI or address as a link and its notes in the edition's
    language. Authors, titles, journal and page range are quoted as published, with typographic quotes and
    apostrophes only: Vancouver (NLM Citing Medicine) separates pages with a hyphen (515-25), in every language."""
    own = ref.lang if ref.lang and ref.lang.split("-")[0] != locale.language else None  # a screen reader switches voice (A11)
    html = references.to_html(ref, locale.language, lambda href, label: render_link(href, label, press), own)
    if ref.online_first:
        label = typeset(gettext("First published online: %(date)s") % {"date": full_date(ref.online_first, locale)}, locale)
        html += Markup(" [{}]").format(label)
    if ref.language_note:
        html += Markup(" [{}]").format(typeset(ref.language_note, locale))
    return html
