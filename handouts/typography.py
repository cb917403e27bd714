"""Locale-correct text: French spacing rules, typographic quotes and dashes, no-break rules, and
Babel formatting, with the edition's locale.

Every text of every output goes through `typeset()`; the HTML renderers use `typeset_html()` (the
same text, escaped, with the breaks the typeface cannot forbid by a character forbidden by markup)
and `typeset_heading()` for titles and headings.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from markupsafe import Markup, escape

NBSP = "\u00a0"
_FRENCH_RULES = (
    (re.compile(r"[ \u00a0\u202f]+([;!?])"), r"\1"),          # Canadian rule: no space before ; ! ?
    (re.compile(r"[ \u00a0\u202f]*:(?=\s|$)"), NBSP + ":"),   # no-break space before a colon
    (re.compile(r"(\d)[ \u00a0\u202f]*%"), r"\1" + NBSP + "%"),  # 45 % with a no-break space
    (re.compile(r"«[ \u00a0\u202f]*"), "«" + NBSP),
    (re.compile(r"[ \u00a0\u202f]*»"), NBSP + "»"),
    (re.compile("\u202f"), NBSP),                              # the typeface lacks U+202F
)

# Addresses are copied character for character: a web address, an email address, a DOI.
_PROTECTED = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b10\.\d{4,9}/\S+", re.IGNORECASE)

# Quotes and apostrophes as authors type them (' and "). A quote opens at the start of the text or
# after a space, an opening bracket or another opening quote; any other is a closing quote, and a
# single one inside or at the end of a word is an apostrophe (l'examen, don't, patients').
_OPENS_AFTER = r"(?<![^\s(\[{«“‘\u00a0—–])"
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_ELIDED_YEAR = re.compile(_OPENS_AFTER + r"'(?=\d\ds\b)")    # the ’90s
_SINGLE_OPEN = re.compile(_OPENS_AFTER + r"'(?=\S)")
_DOUBLE_OPEN = re.compile(_OPENS_AFTER + r'"(?=\S)')

# A range of two numbers, 20-40 or 1,5-2: an en dash (Chicago 6.78; the French typographers'
# "tiret demi-cadratin" of an interval, Ramat). Only digits-hyphen-digits standing alone: a number
# run into letters or into more hyphens (anti-ARN-polymérase-3, COVID-19, 2021-06-24, a phone
# number) is an identifier or a date and keeps its hyphens.
_NUMBER = r"\d+(?:[.,]\d+)?"
_RANGE = re.compile(rf"(?<![\w.,/–-])({_NUMBER})-({_NUMBER})(?![\w/–-]|[.,]\d)")
# A number and the word or unit after it stay on one line: 5 mois, 21 patients, 10 %.
_NUMBER_UNIT = re.compile(rf"(?<![\w.,/-])({_NUMBER})[ \u202f](?=[^\W\d_]|%)")
# A hyphenated compound (auto-anticorps, anti-ARN-polymérase-3) or a range (20–40): no line break
# inside. The typeface has no U+2011 non-breaking hyphen nor U+2060 word joiner, so the HTML
# outputs keep them whole with markup (a span that does not wrap); the deck leaves them as they are.
_UNBREAKABLE = re.compile(r"\w+(?:[-–]\w+)+")
# A heading's last two words are joined when together they are this short (in characters), so a
# title never ends on one word alone without making a long piece that cannot wrap.
HEADING_JOIN_MAX = 24


def _segments(text: str) -> Iterator[tuple[bool, str]]:
    """(is_address, piece) pieces of text, in order."""
    at = 0
    for match in _PROTECTED.finditer(text):
        if match.start() > at:
            yield False, text[at:match.start()]
        yield True, match.group()
        at = match.end()
    if at < len(text):
        yield False, text[at:]


def _quotes(text: str, french: bool) -> str:
    text = _APOSTROPHE.sub("’", text)
    text = _ELIDED_YEAR.sub("’", text)
    text = _SINGLE_OPEN.sub("‘", text).replace("'", "’")
    opening, closing = ("«", "»") if french else ("“", "”")
    return _DOUBLE_OPEN.sub(opening, text).replace('"', closing)


def _typeset_words(text: str, french: bool) -> str:
    text = _quotes(text, french)
    text = _RANGE.sub("\\1–\\2", text)
    text = _NUMBER_UNIT.sub("\\1" + NBSP, text)
    if french:
        for pattern, replacement in _FRENCH_RULES:
            text = pattern.sub(replacement, text)
    return text


def typeset(text: str, locale: Locale) -> str:
    """Apply the language's typographic rules to a run of text: quotes, apostrophes and range dashes,
    no-break spaces (French spacing, a number and its unit). Addresses (web, email, DOI) are left as
    they are. Applying it twice changes nothing more."""
    french = locale.language == "fr"
    text = "".join(piece if address else _typeset_words(piece, french) for address, piece in _segments(text))
    return text.replace("\u202f", NBSP)


def typeset_quotes(text: str, language: str) -> str:
    """Quotes and apostrophes alone, in the style of the text's own language: for a text quoted as published (a
    reference's title), whose hyphens, spacing and page ranges stay as they are. Addresses are left as they are."""
    french = language.split("-")[0] == "fr"
    return "".join(piece if address else _quotes(piece, french) for address, piece in _segments(text))


def join_last_words(text: str, longest: int = HEADING_JOIN_MAX) -> str:
    """The last two words joined by a no-break space, when together they are short enough."""
    head, space, last = text.rstrip().rpartition(" ")
    before = head.rpartition(" ")[2]
    if not space or not before or len(before) + 1 + len(last) > longest:
        return text
    return f"{head}{NBSP}{last}"


def typeset_heading(text: str, locale: Locale) -> str:
    """A title or heading: typeset, its last word never alone on the last line."""
    return join_last_words(typeset(text, locale))


def nobreak_html(text: str) -> Markup:
    """Plain typeset text as HTML, each compound and range in a span that does not wrap."""
    out = []
    for address, piece in _segments(text):
        escaped = str(escape(piece))
        out.append(escaped if address else _UNBREAKABLE.sub(r'<span class="nobreak">\g<0></span>', escaped))
    return Markup("".join(out))


def linked_html(text: str, link: Callable[[str, str], Markup]) -> Markup:
    """A text already typeset (as a deck's slides and notes show it: a reference's title in its own language's
    typography) as HTML, each web address, DOI and email address a link (`link(href, label)`), each compound
    kept whole as nobreak_html keeps it."""
    out = []
    for address, piece in _segments(text):
        if not address:
            out.append(str(nobreak_html(piece)))
            continue
        label = piece.rstrip(".,;:)")   # a sentence's full stop after an address is not part of it
        href = (label if re.match(r"https?://", label, re.I) else f"mailto:{label}" if "@" in label
                else f"https://doi.org/{label}" if label.startswith("10.") else f"https://{label}")
        out.append(str(link(href, label)) + str(escape(piece[len(label):])))
    return Markup("".join(out))


def typeset_html(text: str, locale: Locale, heading: bool = False) -> Markup:
    """typeset() (or typeset_heading()) as escaped HTML, with no line break inside a compound."""
    return nobreak_html(typeset_heading(text, locale) if heading else typeset(text, locale))


def month_year(date: dt.date, locale: Locale) -> str:
    """'avril 2024' / 'April 2024' / 'abril de 2024': the locale's own month-and-year pattern."""
    return format_skeleton("yMMMM", date, locale=locale)


def full_date(date: dt.date, locale: Locale) -> str:
    return format_date(date, "long", locale=locale).replace("\u202f", NBSP)


def names(items: list[str], locale: Locale) -> str:
    """'a, b et c' / 'a, b, and c', as the locale writes a list."""
    return format_list(list(items), locale=locale)
