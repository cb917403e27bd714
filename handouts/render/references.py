"""Vancouver citations of the model's references, printed by a CSL processor (citeproc-py) with the CSL style
"NLM/Vancouver: Citing Medicine 2nd edition (citation-sequence)" (csl/nlm-citation-sequence.csl, from the CSL
project's styles, CC BY-SA 3.0 as its header says), so that a journal article, a book, a chapter, a report, a
guideline and a web page are each printed the way Citing Medicine asks, in every output alike.

Bridges between the processor's output and the project's rules, each for a stated reason:
- the DOI is printed as its address (https://doi.org/...), a live link where the output has links, after the
  citation, not as the style's "doi:10..." text: the readers of a handout follow links; a reference with a DOI gives
  the processor no URL (the DOI is its address);
- page ranges are printed as published (515-25, 980-89), with a hyphen: citeproc-py would join them with a
  non-breaking hyphen (U+2011) and shorten 980-989 to 980-9 (the style's page-range-format);
- a title that ends with ? or ! takes no period after it (Citing Medicine's rule; citeproc-py prints "Why?.");
- the dates of the style's own locales ("2024 May 3", "3 mai 2024") have their parts joined by the delimiter the
  style gives them, which citeproc-py leaves out ("2024May3");
- an ordinal (a book's edition) in French is "1re", "2e", "21e" (Office québécois de la langue française), in plain
  letters: citeproc-py falls back to English suffixes ("2nd éd.") and writes 1 with modifier letters (U+02B3,
  U+1D49) that the typeface does not have.
"""
from __future__ import annotations

import html
import io
import json
import re
import warnings
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from handouts.content.model import PersonName, Reference
from handouts.typography import typeset_quotes

STYLE = Path(__file__).parent / "csl" / "nlm-citation-sequence.csl"
CSL_NS = "{http://purl.org/net/xbiblio/csl}"
# Private-use characters around the parts the HTML marks up, and for the hyphen of a page range: never in content,
# whose characters the load checks against the typeface (which has none of these).
TITLE, END_TITLE, SOURCE, END_SOURCE, URL, END_URL, HYPHEN = (chr(0xF8F0 + i) for i in range(7))
MARKERS = TITLE + END_TITLE + SOURCE + END_SOURCE + URL + END_URL


def as_printed(ref: Reference, language: str) -> Reference:
    """The reference with typographic quotes and apostrophes in its names, titles and publisher, in its own
    language (else the edition's): "Raynaud's" reads "Raynaud’s"; its words, hyphens and pages as published."""
    own = ref.lang or language

    def name(value: str | PersonName) -> str | PersonName:
        if isinstance(value, str):
            return typeset_quotes(value, own)
        return value.model_copy(update={"family": typeset_quotes(value.family, own),
                                        "given": value.given and typeset_quotes(value.given, own)})

    texts = {key: typeset_quotes(getattr(ref, key), own)
             for key in ("title", "journal", "container_title", "publisher") if getattr(ref, key)}
    return ref.model_copy(update={"authors": tuple(name(n) for n in ref.authors),
                                  "editors": tuple(name(n) for n in ref.editors), **texts})


@cache
def _style(language: str) -> Any:
    """The CSL style in the locale of the edition's language (the style's terms: "Available from", "cited")."""
    from citeproc import CitationStylesStyle
    from citeproc.frontend import LOCALES_PATH
    from lxml import etree

    dialects = json.loads((Path(LOCALES_PATH) / "locales.json").read_text(encoding="utf-8"))["primary-dialects"]
    tree = etree.parse(str(STYLE))
    dates = [(date, date.getparent()) for date in tree.iter(f"{CSL_NS}date")]
    own = [date.get("delimiter", "") for date, parent in dates if parent is not None and parent.tag == f"{CSL_NS}locale"
           and date.get("delimiter") and date.get("form") == "text"
           and parent.get("{http://www.w3.org/XML/1998/namespace}lang", "").split("-")[0] == language]
    for date, parent in dates:   # citeproc-py joins a locale's date with the delimiter of its caller
        if own and parent is not None and parent.tag != f"{CSL_NS}locale" and date.get("form") == "text" \
                and not date.get("delimiter"):
            date.set("delimiter", own[0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CitationStylesStyle(io.BytesIO(etree.tostring(tree)), locale=dialects.get(language, "en-US"),
                                   validate=False)


def _name(value: str | PersonName) -> dict[str, str]:
    if isinstance(value, str):
        return {"literal": value}      # as printed: "Nowaczyk J", "World Health Organization"
    return {"family": value.family, "given": value.given} if value.given else {"family": value.family}


def _item(ref: Reference) -> dict[str, Any]:
    """The reference as CSL-JSON, its title, journal or container and address marked for the HTML."""
    item: dict[str, Any] = {"id": "ref", "type": "report" if ref.type == "guideline" else ref.type,
                            "title": TITLE + ref.title + END_TITLE}
    if ref.authors:
        item["author"] = [_name(n) for n in ref.authors]
    if ref.editors:
        item["editor"] = [_name(n) for n in ref.editors]
    if source := ref.journal or ref.container_title:
        item["container-title"] = SOURCE + source + END_SOURCE
    if ref.year:
        item["issued"] = {"date-parts": [[ref.year]]}
    if ref.accessed:
        item["accessed"] = {"date-parts": [[ref.accessed.year, ref.accessed.month, ref.accessed.day]]}
    if ref.url and not ref.doi:        # a DOI is the reference's address
        item["URL"] = URL + ref.url + END_URL
    if ref.pages:
        item["page"] = ref.pages.replace("-", HYPHEN)
    for key, csl in (("volume", "volume"), ("issue", "issue"), ("publisher", "publisher"), ("place", "publisher-place"),
                     ("edition", "edition"), ("number", "number"), ("genre", "genre")):
        if value := getattr(ref, key):
            item[csl] = value
    return item


def _render(item: dict[str, Any], language: str) -> str:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bibliography = CitationStylesBibliography(_style(language), CiteProcJSON([item]), formatter.plain)
        bibliography.register(Citation([CitationItem(item["id"])]))
        text = str(bibliography.bibliography()[0])
    text = re.sub(r"^\d+\.", "", text)                                  # the list numbers it
    text = re.sub(f"([?!])([{MARKERS}]*)\\.", r"\1\2", text)             # "Why?" takes no period
    if language == "fr":
        text = ORDINAL.sub(lambda found: found[1] + ("re" if found[1] == "1" else "e"), text)
    return text.replace(HYPHEN, "-")


ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th|\u02b3\u1d49|\u1d49\u02b3|\u1d49)(?=\s)")


@lru_cache(maxsize=1024)
def marked(ref: Reference, language: str) -> str:
    """The citation as printed in an edition of that language, with the markers of its parts, without its DOI."""
    return _render(_item(as_printed(ref, language)), language)


def citation(ref: Reference, language: str) -> str:
    """The whole citation as plain text, DOI (or address) included, as printed in an edition of that language."""
    text = re.sub(f"[{MARKERS}]", "", marked(ref, language))
    return f"{text} {ref.doi_url}" if ref.doi_url else text


def spoken(ref: Reference, language: str) -> str:
    """A reference as a speaker says it: its authors, its title and its year, never its DOI or address (the
    printed citation keeps them, as links)."""
    printed = as_printed(ref, language)
    who = _render({"id": "ref", "type": "book", "author": [_name(n) for n in printed.authors]},
                  language).strip() if printed.authors else ""
    year = ref.year or (ref.accessed.year if ref.accessed else None)
    parts = (who, " ".join(printed.title.split()), str(year) if year else "")
    return " ".join(part if part[-1] in ".?!" else f"{part}." for part in parts if part)


@lru_cache(maxsize=1024)
def first_author(ref: Reference, language: str) -> str | None:
    """The first author as the style prints names ("Feldman BM"), or None for a work without authors."""
    if not ref.authors:
        return None
    name = as_printed(ref, language).authors[0]
    return _render({"id": "ref", "type": "book", "author": [_name(name)]}, language).removesuffix(".")


def compact(ref: Reference, language: str) -> str:
    """First author, journal (or book, or site, or title) and year, for the card and slides:
    'Nowaczyk J et al. Arch Dermatol Res. 2022.'"""
    printed = as_printed(ref, language)
    source = printed.journal or printed.container_title or printed.title
    year = ref.year or (ref.accessed.year if ref.accessed else None)
    parts = [f"{source.rstrip('.')}.", *([f"{year}."] if year else [])]
    if (author := first_author(ref, language)) is not None:
        parts.insert(0, f"{author}{' et al.' if len(ref.authors) > 1 else '.'}")
    return " ".join(parts)


def to_html(ref: Reference, language: str, link: Callable[[str, str], Markup], own_language: str | None) -> Markup:
    """The citation as HTML: its title and source in the reference's language when it differs from the page's (a
    screen reader switches voice), the source in italics, its address and DOI as links (`link`, plain in print)."""
    text = str(Markup.escape(marked(ref, language)))
    if own_language:   # the title and the source, one span when the source follows the title ("Title. Journal.")
        text = re.sub(rf"({TITLE}[^{END_TITLE}]*{END_TITLE}\.?(?: {SOURCE}[^{END_SOURCE}]*{END_SOURCE}\.?)?"
                      rf"|{SOURCE}[^{END_SOURCE}]*{END_SOURCE}\.?)",
                      lambda m: f'<span lang="{html.escape(own_language)}">{m[1]}</span>', text)
    text = re.sub(f"{SOURCE}(.*?){END_SOURCE}(\\.?)", r"<i>\1\2</i>", text).replace(TITLE, "").replace(END_TITLE, "")
    text = re.sub(f"{URL}(.*?){END_URL}",
                  lambda m: str(Markup('<span class="doi">{}</span>').format(link(html.unescape(m[1]), html.unescape(m[1])))),
                  text)
    cited = Markup(text)
    if ref.doi_url:
        cited += Markup(' <span class="doi">{}</span>').format(link(ref.doi_url, ref.doi_url))
    return cited
