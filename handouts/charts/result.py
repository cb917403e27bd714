"""A result of a study: never a bare number, but an evidence card that weighs the number by its source.

The card states the amount with its qualifier and what was measured, then the design of the study,
how many studies or patients, for how long, and a plain-language strength with a scale of three
marks (filled or outlined: read in shape and words, not in colour alone). Nothing in it is sized
by the number, so two results side by side never read as a ranking, and the evidence is set at
nearly the size of the number.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from handouts.charts.base import Captions, Line, Paint, Problems, SlideTools, no_sites, percentages, sentence
from handouts.charts.base import svg as wrap
from handouts.content import grades
from handouts.content.model import KeyFigure
from handouts.typography import typeset, typeset_html

if TYPE_CHECKING:
    from pptx.slide import Slide
    from pptx.text.text import TextFrame

    from handouts.render.figures import Words

MARK, GAP = 12, 4                      # the strength marks of the PDF picture, in its own units
SEPARATOR = " · "


def validate(figure: KeyFigure) -> Problems:
    problems = no_sites(figure)
    if not figure.values:
        problems.append((("values",), "is missing (a result chart needs its number)"))
    elif len(figure.values) > 1:
        problems.append((("values",), f"has {len(figure.values)} values (a result chart shows exactly one: "
                                      "one key figure per result)"))
    evidence = figure.evidence
    if evidence is None:
        problems.append((("evidence",), "is missing (a result shows its evidence: design, "
                                        "and studies or patients)"))
    elif evidence.studies is None and evidence.patients is None:
        problems.append((("evidence",), "has neither studies nor patients (a result shows how many studies "
                                        "or patients it rests on)"))
    return problems + percentages(figure)


def design(figure: KeyFigure, words: Words) -> str:
    """'Revue systématique' / 'Systematic review'."""
    assert figure.evidence is not None  # validate() requires it of a result
    return grades.design_name(figure.evidence.design, words)


def size(figure: KeyFigure, words: Words) -> list[str]:
    """'40 études', '21 patients': how many studies and patients the result rests on."""
    evidence, out = figure.evidence, []
    assert evidence is not None  # validate() requires it of a result
    if evidence.studies is not None:
        out.append(words.ngettext("%(n)s study", "%(n)s studies", evidence.studies)
                   % {"n": words.number(evidence.studies)})
    if evidence.patients is not None:
        out.append(words.ngettext("%(n)s patient", "%(n)s patients", evidence.patients)
                   % {"n": words.number(evidence.patients)})
    return out


def duration(figure: KeyFigure, words: Words) -> str | None:
    """'sur 5 mois' / 'over 5 months'."""
    assert figure.evidence is not None  # validate() requires it of a result
    span = figure.evidence.duration
    if span is None:
        return None
    return words._("over %(duration)s") % {"duration": words.measure(span.value, span.unit)}


def strength(figure: KeyFigure, words: Words) -> str:
    """'Preuves faibles' / 'Low evidence': the grade the theme's criteria give the design and size."""
    assert figure.evidence is not None  # validate() requires it of a result
    return grades.label(figure.evidence, words.grades, words)


def level(figure: KeyFigure, words: Words) -> tuple[int, int]:
    """(filled marks, marks): as many marks as the theme has grades, the strongest filling them all."""
    assert figure.evidence is not None  # validate() requires it of a result
    return grades.level(figure.evidence, words.grades)


def heading(figure: KeyFigure, words: Words) -> tuple[str, str]:
    """The amount with its qualifier, and what was measured."""
    q = figure.values[0]
    return words.amount(q, figure.unit), typeset(q.label, words.locale)


def evidence_line(figure: KeyFigure, words: Words) -> str:
    """'Revue systématique · 40 études · sur 5 mois'."""
    parts = [design(figure, words), *size(figure, words), duration(figure, words)]
    return typeset(SEPARATOR.join(p for p in parts if p), words.locale)


def caption(figure: KeyFigure, words: Words) -> str:
    amount, measure = heading(figure, words)
    return "\n".join(filter(None, [f"{amount} {measure}", harms(figure, words), evidence_line(figure, words),
                                    strength(figure, words)]))


def harms(figure: KeyFigure, words: Words) -> str:
    """The side effects of the option it is a result of, beside it (IPDAS): '' when words know none."""
    return typeset(words.harms.get(figure.option or "", ""), words.locale)


def alt(figure: KeyFigure, words: Words) -> str:
    """Every fact of the card once: amount and measure, design, size, duration, strength, and the note."""
    amount, measure = heading(figure, words)
    facts = [design(figure, words), *size(figure, words), duration(figure, words)]
    said = harms(figure, words)
    text = f"{amount} {measure}. {said + ' ' if said else ''}{', '.join(f for f in facts if f)}. {strength(figure, words)}"
    return sentence(figure, text, words)


def svg(figure: KeyFigure, words: Words, paint: Paint) -> str:
    """The grade's scale: a square mark a grade, the first `filled` filled, the others outlined."""
    filled, count = level(figure, words)
    marks = []
    for i in range(count):
        fill = paint.mark if i < filled else paint.paper
        marks.append(f'<rect x="{1 + i * (MARK + GAP):g}" y="1" width="{MARK}" height="{MARK}" rx="2" '
                     f'fill="{fill}" stroke="{paint.ink}" stroke-width="1.5"/>')
    return wrap(count * MARK + (count - 1) * GAP + 2, MARK + 2, "".join(marks))


def figure_html(figure: KeyFigure, words: Words, picture: Markup) -> Markup:
    """The card's words as real text of the caption, the strength marks (the picture) before their label."""
    amount, measure = heading(figure, words)
    note = (Markup('<span class="line note">{}</span>').format(typeset_html(figure.study, words.locale))
            if figure.study else "")
    side = Markup('<span class="line harms">{}</span>').format(harms(figure, words)) if harms(figure, words) else ""
    return Markup('<figure class="chart result"><figcaption><strong class="title">{}</strong>'
                  '<span class="line amount"><b>{}</b> {}</span>{}'
                  '<span class="line evidence">{}</span>'
                  '<span class="line strength">{} {}</span><span class="line legend">{}</span>{}</figcaption></figure>'
                  ).format(typeset_html(figure.title, words.locale), amount, measure, side, evidence_line(figure, words),
                           picture, strength(figure, words), legend(figure, words), note)


def legend(figure: KeyFigure, words: Words) -> str:
    """What its grade means, by the theme's criteria: beside the marks, wherever they are drawn."""
    assert figure.evidence is not None  # validate() requires it of a result
    meaning = grades.meaning(figure.evidence, words.grades, words)
    if words.criteria_of:   # and whose criteria they are
        whose = words._("Criteria of %(association)s, not the article's:") % {"association": words.criteria_of}
        meaning = f"{whose} {meaning}"
    return typeset(meaning, words.locale)


AMOUNT_PT, TEXT_PT = 36, 28             # the number weighs at most 1.3x the evidence on a slide
LEGEND_PT = 20                          # the grade's criteria under the card, as a caption
SMALLER = (24, 18)                      # the text and legend when the card would not fit otherwise


def draw_deck(slide: Slide, figure: KeyFigure, words: Words, palette: dict[str, str], lang: str,
              deck: SlideTools) -> Captions:
    """A bordered card of native text and shapes: the amount, the measure, the evidence, the strength marks
    with their label, and the note, all at nearly one size."""
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
    from pptx.util import Emu, Inches, Pt

    from handouts.render import fit

    left, top, width, bottom = Inches(0.67), Inches(1.7), Inches(12.0), Inches(6.8)
    pad = Inches(0.3)
    inner = width - 2 * pad
    amount, measure = heading(figure, words)
    label = strength(figure, words)
    filled, count = level(figure, words)
    mark = Inches(0.42)
    label_left = pad + count * mark + (count - 1) * Inches(0.12) + Inches(0.25)

    def needed(lines: list[Line], width_pt: float) -> float:
        return (sum(fit.height([text], size, width_pt, bold, fallback=True) for text, size, bold in lines)
                + sum(size * fit.SPACE_BEFORE for _, size, _ in lines[1:]) + 7.2)

    inner_pt = Emu(inner).pt - 14.4
    gap = Inches(0.15)
    for text_pt, legend_pt in ((TEXT_PT, LEGEND_PT), SMALLER):   # smaller type rather than a result without its harms
        upper = [(amount, AMOUNT_PT, True), (measure, text_pt, False)]
        upper += [(harms(figure, words), text_pt, False)] if harms(figure, words) else []
        upper.append((evidence_line(figure, words), text_pt, False))
        lower = [(typeset(figure.study, words.locale), text_pt, False)] if figure.study else []
        lower.append((legend(figure, words), legend_pt, False))
        upper_h = Pt(needed(upper, inner_pt))
        row_h = Pt(max(needed([(label, text_pt, True)], Emu(inner - label_left + pad).pt - 14.4), Emu(mark).pt + 8))
        lower_h = Pt(needed(lower, inner_pt)) if lower else 0
        total = pad + upper_h + gap + row_h + (gap + lower_h if lower else 0) + pad
        if total <= bottom - top:
            break
    height = min(total, bottom - top)

    panel = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, left, top, width, Emu(height))
    panel.adjustments[0] = 0.04
    panel.fill.solid()
    panel.fill.fore_color.rgb = deck.rgb("#ffffff")
    panel.line.color.rgb, panel.line.width = deck.rgb(palette["brand"]), Pt(3)
    panel.text_frame.text = ""
    panel.shadow.inherit = False
    deck.set_alt(panel, alt(figure, words))

    def box(lines: list[Line], y: int, h: int, x: int = left + pad, w: int = inner) -> TextFrame:
        frame: TextFrame = slide.shapes.add_textbox(Emu(x), Emu(y), Emu(w), Emu(h)).text_frame
        frame.word_wrap, frame.auto_size = True, MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE if len(lines) == 1 else MSO_ANCHOR.TOP
        for i, (text, size, bold) in enumerate(lines):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            if i:
                para.space_before = Pt(size * fit.SPACE_BEFORE)
            run = para.add_run()
            run.text = text
            run.font.size, run.font.bold = Pt(size), bold
            run.font.color.rgb = deck.rgb(palette["brand"] if bold else palette["ink"])
            deck.set_language(run, lang)
        return frame

    y = top + pad
    box(upper, y, upper_h)
    y += upper_h + gap
    marks = slide.shapes.add_group_shape()
    for i in range(count):
        square = marks.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Emu(left + pad + i * (mark + Inches(0.12))),
                                        Emu(y + (row_h - mark) // 2), mark, mark)
        square.fill.solid()  # filled or outlined: read by shape on a greyscale copy, and named by the label
        square.fill.fore_color.rgb = deck.rgb(palette["brand"] if i < filled else "#ffffff")
        deck.outline(square, palette, 2.25)
        square.text_frame.text = ""
        square.shadow.inherit = False
    deck.set_alt(marks, f"{label} ({filled}/{count})")
    box([(label, text_pt, True)], y, row_h, left + label_left, inner - label_left + pad)
    y += row_h
    if lower:
        box(lower, y + gap, lower_h)
    return [(amount, Emu(total).pt, Emu(bottom - top).pt)]


def drawing(figure: KeyFigure, words: Words) -> str:
    """What the strength marks show, in other words than the label beside them."""
    filled, count = level(figure, words)
    return typeset(words.ngettext("%(n)s of %(count)s squares filled.", "%(n)s of %(count)s squares filled.", filled)
                   % {"n": filled, "count": count}, words.locale)
