"""Key figures and the QR code as accessible HTML figures with SVG pictures, and the words for numbers.

The SVGs are kept in an in-memory asset table that the PDF renderer's fetcher serves as
`generated:NAME.svg`, so no file is written and nothing outside the project is read.
"""
from __future__ import annotations

import gettext
from collections.abc import Iterable
from io import BytesIO

import segno
from babel import Locale
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent
from markupsafe import Markup

from handouts import charts
from handouts.charts.base import ComposesFigure, Paint
from handouts.content.grades import Criterion
from handouts.content.model import KeyFigure, Option, Quantity
from handouts.typography import typeset, typeset_html


class Words:
    """How an edition says its numbers: Babel for the formats, its catalog for the phrases."""

    def __init__(self, locale: Locale, translations: gettext.NullTranslations,
                 grades: tuple[Criterion, ...] = ()) -> None:
        self.locale = locale
        self._, self.ngettext = translations.gettext, translations.ngettext
        self.grades = grades   # the theme's evidence criteria, strongest first
        self.harms: dict[str, str] = {}   # an option's side effects, by its id: beside its result figures
        self.criteria_of = ""             # whose grading criteria they are (the association's)

    def with_options(self, options: Iterable[Option], association: str) -> Words:
        """These words, saying each option's side effects beside its results and whose criteria grade them."""
        _ = self._
        for o in options:
            said = _("not described in the article") if isinstance(o.harms, str) else " ".join(h.text for h in o.harms)
            said += "" if said.endswith((".", "!", "?")) else "."
            self.harms[o.id] = _("Side effects: %(text)s") % {"text": said}
        self.criteria_of = association
        return self

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.locale)

    def percent(self, value: float) -> str:
        return typeset(format_percent(value / 100, locale=self.locale, decimal_quantization=False), self.locale)

    def measure(self, value: float, unit: str) -> str:
        """One number with its unit: '45 %', '12', '3 jours' / '3 days' (plural forms of the catalog)."""
        if unit == "%":
            return self.percent(value)
        n, shown = plural_count(value), {"n": self.number(value)}
        if unit == "days":
            return self.ngettext("%(n)s day", "%(n)s days", n) % shown
        if unit == "weeks":
            return self.ngettext("%(n)s week", "%(n)s weeks", n) % shown
        if unit == "months":
            return self.ngettext("%(n)s month", "%(n)s months", n) % shown
        if unit == "years":
            return self.ngettext("%(n)s year", "%(n)s years", n) % shown
        return self.number(value)  # a count: the bare number

    def amount(self, q: Quantity, unit: str = "%") -> str:
        """'jusqu'à 20 à 40 %' / 'up to 20–40%', 'plus de 80 %' / 'more than 80%', '3 à 5 jours', '45 %'."""
        low = self.measure(q.value, unit)
        if q.high is not None:
            parts = {"low": low, "low_number": self.number(q.value), "high": self.measure(q.high, unit)}
            text = (self._("up to %(low)s to %(high)s") if q.up_to else self._("%(low)s to %(high)s")) % parts
        elif q.more_than:
            text = self._("more than %(value)s") % {"value": low}
        elif q.up_to:
            text = self._("up to %(value)s") % {"value": low}
        else:
            text = low
        return typeset(text, self.locale)

    def items(self, texts: list[str]) -> str:
        """'a, b et c' / 'a, b, and c'."""
        return format_list(list(texts), locale=self.locale)


def plural_count(value: float) -> int:
    """The integer gettext chooses a plural form by (it takes no fractions: 1.5 reads as plural)."""
    return int(value) if float(value).is_integer() else 2


def figure_html(figure: KeyFigure, words: Words, paint: Paint, assets: dict[str, bytes]) -> Markup:
    """One key figure: its picture (SVG) with alt text, a caption, and the study beside it."""
    kind = charts.kind(figure.chart)
    name = f"{figure.id}.svg"
    assets[name] = kind.svg(figure, words, paint).encode()
    # The caption states the figure in words: the picture's alt says what it shows, without repeating it (A12).
    alt = kind.drawing(figure, words)
    if isinstance(kind, ComposesFigure):
        picture = Markup('<img src="generated:{}" alt="{}">').format(name, alt)
        whole: Markup = kind.figure_html(figure, words, picture)
        return whole
    lines = [typeset_html(line, words.locale) for line in kind.caption(figure, words).split("\n") if line]
    caption = Markup("").join(Markup('<span class="line">{}</span>').format(line) for line in lines)
    study = Markup('<span class="study">{}</span>').format(typeset_html(figure.study, words.locale)) if figure.study else ""
    return Markup('<figure class="chart {}"><img src="generated:{}" alt="{}"><figcaption><strong>{}</strong> {} {}'
                  '</figcaption></figure>').format(
        figure.chart, name, alt, typeset_html(figure.title, words.locale), caption, study)


def qr_svg(url: str, dark: str) -> bytes:
    """The address as a vector QR code (segno), with error correction for print wear."""
    out = BytesIO()
    segno.make(url, error="m").save(out, kind="svg", xmldecl=False, border=0, scale=1, dark="#000",
                                    svgclass=None, lineclass=None)
    return out.getvalue().replace(b'stroke="#000"', f'stroke="{dark}"'.encode())  # segno takes RGB only


def qr_png(url: str) -> bytes:
    out = BytesIO()
    segno.make(url, error="m").save(out, kind="png", border=4, scale=12)
    return out.getvalue()


def qr_html(url: str, label: str, alt: str, dark: str, assets: dict[str, bytes]) -> Markup:
    assets["qr.svg"] = qr_svg(url, dark)
    return Markup('<figure class="qr"><img src="generated:qr.svg" alt="{}"><figcaption>{}</figcaption></figure>'
                  ).format(alt, label)
