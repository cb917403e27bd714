"""The leaflet's line on its other formats and languages ("Also available: large print (PDF), …; in French; on the
web: www…"), from what the build's plan gives its context (handouts/pipeline/links.py): its edition's other files
and its topic's other editions, so that it names only what the build makes, never a list of its own."""
from __future__ import annotations

from collections.abc import Callable

from babel import Locale
from babel.lists import format_list
from markupsafe import Markup

from handouts.messages import N_
from handouts.render.context import RenderContext
from handouts.typography import typeset_html

ALSO = N_("Also available: %(files)s")
LANGUAGES = N_("in %(languages)s")
ONLINE = N_("on the web: %(site)s")


def also_available(ctx: RenderContext, own: str, gettext: Callable[[str], str], locale: Locale,
                   site: Markup) -> Markup:
    """The line, `site` the association's address (a live link, or plain words in print); empty when the plan
    gives the document no other file and no other edition (a renderer called alone, an --only build)."""
    files = [f"{lower_first(gettext(d.offer))} ({gettext(d.kind)})" if d.kind else lower_first(gettext(d.offer))
             for d in ctx.downloads if d.filename != own]
    languages = [language_name(sibling.lang, locale) for sibling in ctx.siblings]
    if not files and not languages:
        return Markup("")
    parts = [format_list(files, locale=locale)] if files else []
    if languages:
        parts.append(gettext(LANGUAGES) % {"languages": format_list(languages, style="or", locale=locale)})
    text = gettext(ALSO) % {"files": "; ".join(parts)}
    before, _, after = (f"{text}; {gettext(ONLINE)}").partition("%(site)s")
    return typeset_html(before, locale) + site + typeset_html(after.rstrip(".") + ".", locale)


def lower_first(offer: str) -> str:
    """'large print' in a list, from 'Large print' (a word of capitals, 'PDF', kept as it is)."""
    return offer[:1].lower() + offer[1:] if offer[1:2].islower() else offer


def language_name(lang: str, locale: Locale) -> str:
    """Another edition's language as this one names it: 'French', 'anglais'."""
    return Locale.parse(lang, sep="-").get_language_name(locale) or lang
