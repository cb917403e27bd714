"""Locale-correct text: French spacing rules and Babel formatting, with the edition's locale."""
from __future__ import annotations

import datetime as dt
import re

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.lists import format_list

NBSP = "\u00a0"
_FRENCH_RULES = (
    (re.compile(r"[ \u00a0\u202f]+([;!?])"), r"\1"),          # Canadian rule: no space before ; ! ?
    (re.compile(r"[ \u00a0\u202f]*:(?=\s|$)"), NBSP + ":"),   # no-break space before a colon
    (re.compile(r"(\d)[ \u00a0\u202f]*%"), r"\1" + NBSP + "%"),  # 45 % with a no-break space
    (re.compile(r"«[ \u00a0\u202f]*"), "«" + NBSP),
    (re.compile(r"[ \u00a0\u202f]*»"), NBSP + "»"),
    (re.compile("\u202f"), NBSP),                              # the typeface lacks U+202F
)


def typeset(text: str, locale: Locale) -> str:
    """Apply the language's typographic spacing rules to a run of text."""
    if locale.language == "fr":
        for pattern, replacement in _FRENCH_RULES:
            text = pattern.sub(replacement, text)
    return text.replace("\u202f", NBSP)


def month_year(date: dt.date, locale: Locale) -> str:
    """'avril 2024' / 'April 2024' / 'abril de 2024': the locale's own month-and-year pattern."""
    return format_skeleton("yMMMM", date, locale=locale)


def full_date(date: dt.date, locale: Locale) -> str:
    return format_date(date, "long", locale=locale).replace("\u202f", NBSP)


def names(items: list[str], locale: Locale) -> str:
    """'a, b et c' / 'a, b, and c', as the locale writes a list."""
    return format_list(list(items), locale=locale)
