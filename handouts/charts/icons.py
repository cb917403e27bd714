"""Icon arrays: a percentage of people as 10 people (multiples of 10) or 100 (a 10 x 10 grid).

Solid people are the number, hatched ones the rest of a range (all of it under 'up to'), light ones the others.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from handouts.charts.base import Captions, Paint, Problems, SlideTools, hatch, no_sites, one_value, percentages, sentence
from handouts.charts.base import svg as wrap
from handouts.content.model import KeyFigure, Quantity
from handouts.typography import typeset

if TYPE_CHECKING:
    from pptx.slide import Slide

    from handouts.render.figures import Words

PERSON = ('<circle cx="18" cy="9" r="8"/>'
          '<path d="M4 52 V33 a14 14 0 0 1 14 -14 a14 14 0 0 1 14 14 V52 Z"/>')  # a 36 x 52 person
CELL_W, CELL_H = 44, 58


def validate(figure: KeyFigure) -> Problems:
    problems = no_sites(figure) + one_value(figure)
    if figure.unit != "%":
        problems.append((("unit",), f"is {figure.unit!r} (an icons chart shows a percentage of people: %)"))
    return problems + percentages(figure)


def total(q: Quantity) -> int:
    """10 people when every number is a multiple of 10, else 100: each person counts whole."""
    return 10 if all(n % 10 == 0 for n in (q.value, q.high) if n is not None) else 100


def people(percent: float, out_of: int) -> int:
    """The one rounding rule of icon arrays: half up, so 2.5 % of 100 is 3 people and 5 % is 5."""
    return math.floor(percent * out_of / 100 + 0.5)


def counts(q: Quantity) -> tuple[int, int, int]:
    """(low, high, total) people of a quantity: the numbers its words state."""
    out_of = total(q)
    low = people(q.value, out_of)
    high = people(q.high, out_of) if q.high is not None else low
    return low, high, out_of


def drawn(q: Quantity) -> tuple[int, int, int]:
    """(solid, solid + hatched, total) people as drawn. "Up to 20-40 %" caps the whole range: no one is
    drawn solid, every person up to the high end hatched; a plain range is solid to its low end."""
    low, high, out_of = counts(q)
    return (0 if q.up_to and high != low else low), high, out_of


def people_words(q: Quantity, words: Words) -> str:
    """'jusqu'à 2 à 4 personnes sur 10', 'plus de 95 personnes sur 100', '5 personnes sur 100'."""
    low, high, out_of = counts(q)
    parts = {"n": low, "low": low, "high": high, "total": out_of}
    if high != low:
        if q.up_to:
            return words.ngettext("up to %(low)s to %(high)s person in %(total)s",
                                  "up to %(low)s to %(high)s people in %(total)s", high) % parts
        return words.ngettext("%(low)s to %(high)s person in %(total)s",
                              "%(low)s to %(high)s people in %(total)s", high) % parts
    if q.more_than:
        return words.ngettext("more than %(n)s person in %(total)s", "more than %(n)s people in %(total)s", low) % parts
    if q.up_to:
        return words.ngettext("up to %(n)s person in %(total)s", "up to %(n)s people in %(total)s", low) % parts
    return words.ngettext("%(n)s person in %(total)s", "%(n)s people in %(total)s", low) % parts


def legend(q: Quantity, words: Words) -> str:
    low, high, _ = counts(q)
    if high != low and q.up_to:
        return words._("Hatched figures: up to the high end of the range.")
    if high != low:
        return words._("Solid figures: the low end of the range; hatched figures: up to the high end.")
    return words._("Each figure is one person; solid figures: the people concerned.")


def caption(figure: KeyFigure, words: Words) -> str:
    q = figure.values[0]
    return f"{words.amount(q, figure.unit)} {q.label}: {people_words(q, words)}\n{legend(q, words)}"


def alt(figure: KeyFigure, words: Words) -> str:
    """The slide's: its title, then what it means (as the other outputs' alt says it), then its study."""
    return sentence(figure, meaning(figure, words), words)


def meaning(figure: KeyFigure, words: Words) -> str:
    """The number as the content states it, with its label: 'Up to 20–40% of people with scleroderma.' (never
    the people drawn: their counts are the caption's, and a listener wants what they mean, not the shapes)."""
    q = figure.values[0]
    text = f"{words.amount(q, figure.unit)} {q.label}".strip().rstrip(".")
    return typeset(text[:1].upper() + text[1:] + ".", words.locale)


def state(i: int, low: int, high: int) -> str:
    return "solid" if i < low else ("maybe" if i < high else "rest")


def svg(figure: KeyFigure, words: Words, paint: Paint) -> str:
    """A row of 10 people, or a 10 x 10 grid of 100, drawn row by row from the top left."""
    low, high, out_of = drawn(figure.values[0])
    fills = {"solid": paint.mark, "maybe": "url(#maybe)", "rest": paint.light}
    icons = []
    for i in range(out_of):
        x, y = (i % 10) * CELL_W, (i // 10) * CELL_H
        icons.append(f'<g transform="translate({x},{y})" fill="{fills[state(i, low, high)]}" stroke="{paint.ink}" '
                     f'stroke-width="1.5">{PERSON}</g>')
    rows = out_of // 10
    return wrap(10 * CELL_W - 6, rows * CELL_H - 4, hatch(paint) + "".join(icons))


def draw_deck(slide: Slide, figure: KeyFigure, words: Words, palette: dict[str, str], lang: str,
              deck: SlideTools) -> Captions:
    """The people as native shapes in one group (head and body each, in the leaflet's proportions: a body a little
    taller than wide, a head half its width); the caption beside or below."""
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Emu, Inches

    from handouts.typography import typeset

    q = figure.values[0]
    low, high, out_of = drawn(q)
    grid = out_of > 10
    size = 0.4 if grid else 1.15                     # inches per person, across
    left, top = Inches(1.0), Inches(1.7)
    group = slide.shapes.add_group_shape()
    for i in range(out_of):
        x = left + Inches((i % 10) * size)
        y = top + Inches((i // 10) * size * 1.25)
        w = size * 0.8
        head = group.shapes.add_shape(MSO_SHAPE.OVAL, Emu(x + Inches(w * 0.25)), Emu(y), Inches(w * 0.5), Inches(w * 0.5))
        body = group.shapes.add_shape(MSO_SHAPE.ROUND_2_SAME_RECTANGLE, Emu(x), Emu(y + Inches(w * 0.58)),
                                      Inches(w), Inches(w * (0.85 if grid else 1.2)))
        for part in (head, body):
            deck.outline(part, palette, 0.75 if grid else 1.5)
            deck.paint_shape(slide, part, state(i, low, high), palette)
    deck.set_alt(group, alt(figure, words))
    text, key = caption(figure, words).split("\n")
    lines = [(typeset(text, words.locale), deck.CAPTION_PT, False), (typeset(key, words.locale), 24, False)]
    box = (Inches(5.6), Inches(1.7), Inches(7.0), Inches(5.1)) if grid else \
        (Inches(1.0), Inches(3.9), Inches(11.3), Inches(2.4))
    return deck.caption(slide, lines, box, palette, lang)


def drawing(figure: KeyFigure, words: Words) -> str:
    """The leaflet's, the web page's and the Word edition's alt: what the figure means, its number as the content
    states it ('Up to 20–40% of people with scleroderma.'), not its shapes ('10 silhouettes: 4 hatched')."""
    return meaning(figure, words)
