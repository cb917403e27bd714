"""Key figures, the body-site pictogram and the QR code as accessible HTML figures with SVG pictures.

The SVGs are kept in an in-memory asset table that the PDF renderer's fetcher serves as
`generated:NAME.svg`, so no file is written and nothing outside the project is read.
"""
from __future__ import annotations

from io import BytesIO
from typing import Callable

import segno
from babel import Locale
from babel.lists import format_list
from babel.numbers import format_percent
from markupsafe import Markup

from . import charts
from .model import KeyFigure, Quantity
from .typography import typeset

ICON_TOTAL = 10


class Words:
    """How an edition says its numbers: Babel for the formats, its catalog for the phrases."""

    def __init__(self, locale: Locale, gettext: Callable[[str], str]) -> None:
        self.locale, self._ = locale, gettext

    def percent(self, value: float) -> str:
        return typeset(format_percent(value / 100, locale=self.locale), self.locale)

    def amount(self, q: Quantity) -> str:
        """'20 à 40 %' / '20% to 40%', 'plus de 80 %' / 'more than 80%', '45 %' / '45%'."""
        if q.high is not None:
            return typeset(self._("%(low_percent)s to %(high_percent)s") % {
                "low_number": f"{q.value:g}", "low_percent": self.percent(q.value),
                "high_percent": self.percent(q.high)}, self.locale)
        if q.more_than:
            return typeset(self._("more than %(value)s") % {"value": self.percent(q.value)}, self.locale)
        return self.percent(q.value)

    def people(self, q: Quantity) -> str:
        """'2 à 4 personnes sur 10' / '2 to 4 people in 10'."""
        low, high = round(q.value * ICON_TOTAL / 100), round((q.high or q.value) * ICON_TOTAL / 100)
        return self._("%(low)s to %(high)s people in %(total)s") % {"low": low, "high": high, "total": ICON_TOTAL}

    def alt(self, figure: KeyFigure) -> str:
        """Alt text that states every number of the figure."""
        if figure.chart == "bars":
            items = [f"{q.label} {self.amount(q)}" for q in figure.values]
            return typeset(f"{figure.title}: {format_list(items, locale=self.locale)}.", self.locale)
        q = figure.values[0]
        text = f"{figure.title}: {self.amount(q)} {q.label}"
        if figure.chart == "icons":
            text += f" ({self.people(q)})"
        if figure.study:
            text += f". {figure.study}"
        return typeset(text + ".", self.locale)


def figure_html(figure: KeyFigure, words: Words, paint: charts.Paint, assets: dict[str, bytes]) -> Markup:
    """One key figure: its picture (SVG), its alt text, and a caption with the study beside it."""
    q = figure.values[0]
    if figure.chart == "icons":
        low, high = round(q.value * ICON_TOTAL / 100), round((q.high or q.value) * ICON_TOTAL / 100)
        svg, caption = charts.icon_array(low, high, ICON_TOTAL, paint), f"{words.amount(q)} {q.label}: {words.people(q)}"
    elif figure.chart == "bars":
        svg = charts.bar_chart([(v.label, v.value, words.amount(v)) for v in figure.values], paint)
        caption = ""
    else:
        svg, caption = charts.ring(q.value, words.percent(q.value), paint), f"{words.amount(q)} {q.label}"
    name = f"{figure.id}.svg"
    assets[name] = svg.encode()
    study = Markup('<span class="study">{}</span>').format(typeset(figure.study, words.locale)) if figure.study else ""
    return Markup('<figure class="chart {}"><img src="generated:{}" alt="{}"><figcaption><strong>{}</strong> {} {}'
                  '</figcaption></figure>').format(
        figure.chart, name, words.alt(figure), typeset(figure.title, words.locale),
        typeset(caption, words.locale), study)


def pictogram_html(alt: str, caption: str, paint: charts.Paint, assets: dict[str, bytes]) -> Markup:
    assets["body-sites.svg"] = charts.body_sites_svg(paint).encode()
    return Markup('<figure class="pictogram"><img src="generated:body-sites.svg" alt="{}">'
                  '<figcaption>{}</figcaption></figure>').format(alt, caption)


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
