"""The talk deck: python-pptx driven by the model, on the layouts of templates/deck.pptx."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from gettext import GNUTranslations
from io import BytesIO
from itertools import combinations
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.util import Inches, Pt

from handouts import charts
from handouts.content import grades, option_text, phrases
from handouts.content.derived import SENTENCE_END, sentences
from handouts.content.meaning import normal
from handouts.content.model import Association, Block, Edition, KeyFigure, Option, Picture, Point, Section, Table
from handouts.content.options import source_sentences, speaks_for
from handouts.errors import LayoutError
from handouts.render import figures, fit, references
from handouts.render.context import RenderContext
from handouts.render.deck import blocks as deck_blocks
from handouts.render.deck import figures as deck_figures
from handouts.render.deck import notes as deck_notes
from handouts.render.deck import option_notes, oxml, recap, restated
from handouts.render.deck import options as deck_options
from handouts.render.deck import plain as deck_plain
from handouts.render.deck.spec import (
    BODY_PT,
    BULLET_INDENT_PT,
    CLOSING_LAYOUT,
    CONTENT_LAYOUT,
    COVER_TITLE_PT,
    DRAFT_PT,
    EMU_PER_PT,
    FILLED,
    FOOTER_PT,
    GAP,
    INSET_PT,
    LINES_PT,
    MAX_BULLETS,
    MAX_GAP,
    MAX_WORDS_SOFT,
    NOTES_SECONDS,
    SECTION_LAYOUT,
    SMALL_PT,
    TALK_MINUTES,
    TIED_GAP,
    TIED_INDENT_PT,
    TIED_PT,
    TITLE_LAYOUT,
    TITLE_ONLY_LAYOUT,
    TITLE_PT,
    WORDS_PER_MINUTE,
    Need,
    Paging,
    SlideSpec,
    Text,
    TextPart,
    table_notes,
)
from handouts.render.deck.talk import length_note
from handouts.render.deck.template import LAYOUTS
from handouts.render.governance import Governance, governance
from handouts.render.i18n import catalog_of
from handouts.render.rendered import Rendered
from handouts.render.stable import saved
from handouts.render.templating import Theme, callout_title, place_figures, publisher_credit, theme_of
from handouts.typography import NBSP, month_year, names, typeset, typeset_heading


def render(edition: Edition, ctx: RenderContext, output: str = "deck.pptx", words_per_minute: int = WORDS_PER_MINUTE,
           talk_minutes: tuple[int, int] = TALK_MINUTES) -> Rendered:
    """The deck, its slide count and its talk's length (a report line when outside talk_minutes)."""
    translations = catalog_of(ctx, edition.language)
    prs = Presentation(str(ctx.templates_dir / "deck.pptx"))
    theme = theme_of(ctx)
    about = governance(edition, ctx.topic_dir.name, ctx.approval, theme.contact, translations.gettext)
    specs = talk(edition, ctx, prs, output, words_per_minute)
    draft = translations.gettext("DRAFT — not approved for distribution") if ctx.draft else ""
    data = write_deck(prs, specs, edition, theme, translations, output, ctx.topic_dir, draft, about)
    seconds = sum(spec.seconds for spec in specs)
    return Rendered(data, len(specs), seconds, tuple(filter(None, [length_note(output, seconds, len(specs), talk_minutes)])))


def talk(edition: Edition, ctx: RenderContext, prs: Any, output: str = "deck.pptx",
         words_per_minute: int = WORDS_PER_MINUTE) -> list[SlideSpec]:
    """The slides of the talk, laid out, their notes split and timed: what the deck and its script show."""
    translations = catalog_of(ctx, edition.language)
    gettext = translations.gettext
    theme = theme_of(ctx)
    about = governance(edition, ctx.topic_dir.name, ctx.approval, theme.contact, gettext)
    t: Text = lambda text: typeset(text, edition.locale)  # noqa: E731
    paging = ctx.paging if ctx.paging is not None else joint_paging([needs(edition, prs, theme, translations,
                                                                            words_per_minute=words_per_minute)])
    words = figures.Words(edition.locale, translations, theme.grades).with_options(edition.options, theme.contact.name)
    specs = fit_slides(plan(edition, gettext, theme, words, about), prs, output, gettext, t, paging, edition.options)
    intro = t(deck_options.legend_intro(words, theme.contact.name))
    said = deck_notes.legend_said_once([spec.notes for spec in specs], intro)
    specs = [replace(spec, notes=notes) for spec, notes in zip(specs, said)]
    return timed(deck_plain.define_terms(specs, edition, gettext, t), words_per_minute, gettext, t)


def plan(edition: Edition, gettext: Text, theme: Theme, words: figures.Words,
         about: Governance | None = None) -> list[SlideSpec]:
    """The slides of a talk, in order: cover, outline, sections, summary, references, contact."""
    t: Text = lambda text: typeset(text, edition.locale)  # noqa: E731
    h: Text = lambda text: typeset_heading(text, edition.locale)  # noqa: E731  (a title: no last word alone)
    sections: list[SlideSpec] = []
    slides: list[SlideSpec] = []
    intro = t(deck_options.legend_intro(words, theme.contact.name))
    def figure_slide(f: KeyFigure, whole: dict[str, tuple[str, ...]] | None = None) -> SlideSpec:
        return SlideSpec(TITLE_ONLY_LAYOUT, h(f.title), notes=t(_figure_notes(f, (whole or {}).get(f.id, ()))), figure=f)
    told: set[str] = set()   # what the option slides said so far: a sentence two options share said once
    for top in edition.sections:
        family = (top, *top.subsections)
        # the option slides follow the last of these sections: its notes say so, once
        announcing = next((s.id for s in reversed(family) if edition.options_of(s.id)), "")
        for s in family:  # each section's slide, then its pictures, tables and key figures
            every = sentences(s.body)   # a point a figure's slide shows whole is left to it, with its sentence
            moved = restated.left_to_figures(s.key_points, edition.figures_of(s.id), every)
            kept = tuple(p for n, p in enumerate(s.key_points) if n not in moved)
            whole = {f.id: tuple(restated.figure_sentences(f, every)) for f in moved.values()}
            points, tied = with_harms(kept, edition, words)
            told_here = s.model_copy(update={"key_points": kept}) if moved else s   # as if its slide showed no more
            said = restated.without(said_body(told_here, edition, words, gettext, theme.contact.name, s.id == announcing),
                                    {normal(x) for sentences_ in whole.values() for x in sentences_})
            sections.append(SlideSpec(CONTENT_LAYOUT, h(s.slide_title), tuple(t(p.text) for p in points),
                                      text=TextPart(s.heading, said, points),
                                      key=f"section:{s.id}", tied=tied,
                                      footnote=t(spoken_for(kept, edition, words, theme)),
                                      legend_intro=intro, grade_notes=grade_notes(kept, edition, words, t)))
            slides += [sections[-1], *block_slides(s, t, h, gettext, edition.figures_of(s.id),
                                                   partial(figure_slide, whole=whole))]
            for k, c in enumerate(s.callouts):
                items, tied = with_harms(c.items, edition, words)
                slides.append(SlideSpec(CONTENT_LAYOUT, h(callout_title(c.kind, gettext)), tuple(t(i.text) for i in items),
                                        notes=t(f"{callout_title(c.kind, gettext)}\n{deck_plain.callout_notes(c)}"),
                                        callout=c.kind, key=f"callout:{s.id}:{k}", tied=tied,
                                        footnote=t(spoken_for(c.items, edition, words, theme)),
                                        legend_intro=intro, grade_notes=grade_notes(c.items, edition, words, t)))
        slides += deck_options.option_slides(edition.options_in(top), t, h, words, top.id,  # as the leaflet's table
                                             theme.contact.name,
                                             lambda o: option_notes.option_said(o, edition, words, gettext, told))
    summary = edition.summary
    summary_points, summary_tied = with_harms(summary.key_points, edition, words)
    outline_title = h(gettext("Outline"))
    outline = tuple(h(s.slide_title) for s in edition.sections) + (t(summary.heading), t(gettext("References")))
    return [
        cover(edition, t, theme, gettext, h),
        SlideSpec(CONTENT_LAYOUT, outline_title, outline, notes=_plan_notes(outline, gettext, t),
                  notes_of="plan"),
        *slides,
        SlideSpec(CONTENT_LAYOUT, h(summary.heading), tuple(t(p.text) for p in summary_points),
                  text=TextPart(summary.heading, summary.body, summary_points), key="summary", tied=summary_tied,
                  notes_of="recap", recap=True,
                  footnote=t(spoken_for(summary.key_points, edition, words, theme)),
                  legend_intro=intro, grade_notes=grade_notes(summary.key_points, edition, words, t)),
        SlideSpec(CONTENT_LAYOUT, h(gettext("References")),
                  tuple(references.citation(r, edition.language) + (f" [{r.language_note}]" if r.language_note else "")
                        for r in edition.references), size=SMALL_PT, bullets=False,
                  notes="\n".join(references.spoken(r, edition.language) for r in edition.references),  # no DOI read aloud
                  notes_of="body"),
        closing(edition, t, gettext, theme.contact, about, h),
    ]


def with_harms(points: tuple[Point, ...], edition: Edition, words: figures.Words) -> tuple[tuple[Point, ...], tuple[int, ...]]:
    """The points, each followed by the side effects and evidence of the options it speaks for, and the
    numbers of those lines: a slide never ends between a point and them."""
    out: list[Point] = []
    tied: list[int] = []
    for point in points:
        out.append(point)
        for line in option_text.beside(point, edition, words):
            tied.append(len(out))
            out.append(Point.model_construct(text=line, source=(), options=None))  # said, not restated: no source
    return tuple(out), tuple(tied)


def grade_notes(points: tuple[Point, ...], edition: Edition, words: figures.Words, t: Text) -> tuple[str, ...]:
    """For each line of with_harms(points): the legend's line of the grade it shows, or ''."""
    options = {o.id: o for o in edition.options}
    notes: list[str] = []
    for point in points:
        notes.append("")
        shown = [options[oid] for oid in point.options or () if oid in options]
        notes += [t(grades.meaning(o.evidence, words.grades, words)) if not isinstance(o.evidence, str) else ""
                  for o in shown]
    return tuple(notes)


def said_body(section: Section, edition: Edition, words: figures.Words, gettext: Text,
              association: str, announce: bool = True) -> tuple[Block, ...]:
    """The section's text as its notes say it: the authors' text but the sentences its options' slides say
    (option_notes.left_to_options), and at the end of a paragraph that gives an option's result or speaks for an
    option it names, that option's side effects unless the paragraph says them: never a benefit said alone.
    Then, when `announce` (the last section before the option slides: said once), a line: each option has its
    slide, with its grade; else, where it left sentences to them, a line that points to them."""
    options = edition.options_of(section.id)
    if not options:
        return section.body
    every = sentences(section.body)
    recommends = phrases.of(edition.language).get("recommends", [])
    results: dict[str, list[Option]] = {}
    for o in options:
        for point in o.results:
            for x in source_sentences(point, every):
                results.setdefault(normal(x), []).append(o)
    by_id = {o.id: o for o in edition.options}
    said: set[str] = {oid for p in section.key_points for oid in p.options or ()}   # said with its point
    linked = set(said)
    body: list[Block] = []
    elsewhere = option_notes.left_to_options(section, edition)   # said on the options' slides
    for block in section.body:
        if not isinstance(block, str):
            body.append(block)
            continue
        lines = in_context([x for x in SENTENCE_END.split(" ".join(block.split())) if x], elsewhere, section.key_points)
        if not lines:
            continue
        praised: list[Option] = []
        for sentence in lines:
            praise, named = speaks_for(sentence, edition.options, recommends)
            praised += results.get(normal(sentence), []) + ([by_id[i] for i in named] if praise else [])
        for option in dict.fromkeys(o for o in praised if o.id not in said):
            said.add(option.id)
            if isinstance(option.harms, str) or not all(source_sentences(h, lines) for h in option.harms):  # untold
                lines += option_text.beside(Point.model_construct(text="", source=(), options=(option.id,)), edition,
                                            words)
            else:   # the authors said its side effects: its grade
                lines.append(gettext("%(option)s: %(evidence)s.") % {"option": option.name,
                                                                      "evidence": option_text.grade(option, words)})
        body.append(" ".join(lines))
    graded = tuple(by_id[i] for i in said - linked if i in by_id)
    follow = ([gettext("The results, side effects and evidence of each option follow, a slide for each.")] if announce
              else [gettext("We come back to each option later in the talk, a slide for each.")] if elsewhere else [])
    return (*body, *follow, *filter(None, [deck_options.legend_note(graded, words, association)]))


def in_context(paragraph: list[str], elsewhere: set[str], points: tuple[Point, ...]) -> list[str]:
    """A paragraph's sentences but those said elsewhere (normalized in `elsewhere`); a sentence that followed one of
    them, and that a key point restates, said in that point's words: out of its place, "These results will need to
    be confirmed" spoke of the sentence before it in the notes, not of the one the authors meant (a clinician's
    finding), while the point names what it speaks of."""
    out = []
    for n, sentence in enumerate(paragraph):
        if normal(sentence) in elsewhere:
            continue
        restated = next((p for p in points if any(normal(w) in normal(sentence) for w in p.source)), None)
        if n and normal(paragraph[n - 1]) in elsewhere and restated is not None:
            sentence = deck_notes.tidy(restated.text)
        out.append(sentence)
    return out


def spoken_for(points: tuple[Point, ...], edition: Edition, words: figures.Words, theme: Theme) -> str:
    """The legend of the grades that the points' option lines show (see with_harms), or ''."""
    ids = {oid for p in points for oid in p.options or ()}
    return deck_options.legend_note(tuple(o for o in edition.options if o.id in ids), words, theme.contact.name)


def block_slides(section: Section, t: Text, h: Text | None = None, gettext: Text | None = None,
                 key_figures: tuple[KeyFigure, ...] = (),
                 figure_slide: Callable[[KeyFigure], SlideSpec] | None = None) -> list[SlideSpec]:
    """A slide per picture, per table and per key figure of a section, in the leaflet's order: its body's
    blocks in turn, each key figure after the paragraph that holds its sentence (templating.place_figures)."""
    h = h or t  # titles: typeset_heading
    slides: list[SlideSpec] = []
    placed = place_figures(section.body, key_figures) if figure_slide is not None else {}
    for number, block in enumerate(section.body):
        if isinstance(block, Picture):
            picture = block.model_copy(update={"alt": t(block.alt), "caption": t(block.caption) if block.caption else None})
            said = said_sentence(picture.caption or picture.alt)   # its caption (or its description) in words
            slides.append(SlideSpec(TITLE_ONLY_LAYOUT, h(section.slide_title), notes=said, picture=picture))
        elif isinstance(block, Table):
            table = Table(caption=t(block.caption), header=tuple(map(t, block.header)),
                          rows=tuple(tuple(map(t, row)) for row in block.rows))
            slides.append(SlideSpec(TITLE_ONLY_LAYOUT, h(table.caption), table=table,   # notes: _table_pages
                                    rows=tuple(range(len(table.rows)))))
        slides += [figure_slide(f) for f in placed.pop(number, [])] if figure_slide is not None else []
    return slides + [figure_slide(f) for figures in placed.values() for f in figures] if figure_slide else slides


def cover(edition: Edition, t: Text, theme: Theme, gettext: Text, h: Text | None = None) -> SlideSpec:
    """The title, the authors by name (their positions in the notes, for the speaker to introduce them), the
    association and the date: a cover read from the back of a room."""
    lines = [f"{theme.contact.name} · {month_year(edition.published, edition.locale)}",
             names([a.signature for a in edition.authors], edition.locale)]
    provenance = [credit] if (credit := publisher_credit(edition, theme, gettext)) else []
    if edition.translation_note:   # where the text comes from: in small type at the cover's foot
        provenance.append(t(edition.translation_note))
    if theme.deck.speaker_represents_association:
        opening = gettext("Welcome, and thank you for coming. I am speaking for %(association)s; this talk is "
                          "about: %(title)s.")
    else:  # the notes claim nothing about who speaks
        opening = gettext("Welcome, and thank you for coming. This presentation from %(association)s is about: "
                          "%(title)s.")
    opening %= {"association": theme.contact.name, "title": edition.title}
    lead = deck_notes.not_about_the_text(edition.lead or "", edition.language)
    authors = [f"{a.signature} — {t(', '.join(a.positions))}" for a in edition.authors]
    return SlideSpec(TITLE_LAYOUT, (h or t)(edition.title), tuple(lines), notes="\n".join(
        filter(None, (t(opening), t(lead), *authors))), bullets=False, size=LINES_PT, title_size=COVER_TITLE_PT,
        footnote="\n".join(provenance))


def closing(edition: Edition, t: Text, gettext: Text, association: Association, about: Governance | None = None,
            h: Text | None = None) -> SlideSpec:
    body: tuple[str, ...] = (association.name, association.website_label, association.email,
                             *((association.phone,) if association.phone else ()))
    if edition.shown_acknowledgement:
        body += (t(edition.shown_acknowledgement),)
    governed = "\n".join(about.lines()) if about is not None else ""   # one block of small type at its foot
    return SlideSpec(CLOSING_LAYOUT, (h or t)(gettext("Questions? Contact us")), body, bullets=False,
                     notes=t(gettext("Thank you for listening. Do you have any questions?")), qr=True, notes_of="body",
                     size=LINES_PT,
                     footnote=governed)


def _plan_notes(items: tuple[str, ...], gettext: Text, t: Text, first: bool = True) -> str:
    """The plan said aloud: the outline's items in a sentence, through the catalog."""
    text = gettext("Here is the plan of the talk: %(items)s.") if first else gettext("Then: %(items)s.")
    return t(text % {"items": "; ".join(item.rstrip(" ?.!").replace(NBSP, " ") for item in items)})


def _figure_notes(figure: KeyFigure, whole: tuple[str, ...] = ()) -> str:
    """What a figure's slide says: the figure's message in its authors' words, the sentence its numbers come
    from (with their qualifiers), or the `whole` sentences that hold it when the section's slide left its point to
    the figure (restated.py), and the note on its study when it has one; never its alt text."""
    return "\n".join(said_sentence(text) for text in (*(whole or (figure.sentence,)), figure.study or "")
                     if text.strip())


def said_sentence(text: str) -> str:
    """A quoted sentence (or a sentence's words) said as a sentence: a capital first, a full stop last."""
    text = " ".join(text.split())
    return deck_notes.tidy(f"{text[:1].upper()}{text[1:]}.") if text else ""


def needs(edition: Edition, prs: Any, theme: Theme, translations: GNUTranslations,
          output: str = "deck.pptx", words_per_minute: int = WORDS_PER_MINUTE) -> dict[str, Need]:
    """What each section (and the summary) of an edition needs, on its own: the slides its points fill, or more
    when its notes would take longer than NOTES_SECONDS to say on one (_paced)."""
    words = figures.Words(edition.locale, translations, theme.grades).with_options(edition.options, theme.contact.name)
    out = {}
    for number, spec in enumerate(plan(edition, translations.gettext, theme, words), 1):
        if spec.text is None:
            continue
        spec = _recap_sized(spec, prs, output, number)
        box = _body_box(prs, spec)
        pages = _paced(spec, _paginate(spec, box, output, number), box, output, number, translations.gettext,
                       words_per_minute)
        out[spec.key] = Need(len(pages), _statement(spec, prs) is not spec, spec.title.replace(NBSP, " "))
    return out


def _paced(spec: SlideSpec, pages: list[tuple[int, ...]], box: tuple[float, float], output: str, number: int,
           gettext: Text, words_per_minute: int) -> list[tuple[int, ...]]:
    """A section whose notes on its slides would take more than NOTES_SECONDS on one of them, spread over one
    slide more at a time (its text cut where each slide's points restate it, notes.split) until none does, or
    until a slide more says no less, or until a slide more would leave a slide fewer than two points (a slide of
    one short line looks thin; its notes may then run longer): a slide's notes say the part of the text it covers,
    not a long block of the article."""
    def longest(cut: list[tuple[int, ...]]) -> int:
        return max(deck_notes.seconds(notes, words_per_minute) for notes in _page_notes(spec, cut, gettext, str))

    points = len(spec.body) - len(spec.tied)   # a point with its side effects is one
    most = max(len(pages), points // 2)         # balanced groups of two points at least: never a bare point a slide
    while longest(pages) > NOTES_SECONDS and len(pages) < most:
        more = _paginate(spec, box, output, number, pages=len(pages) + 1)
        if len(more) <= len(pages) or longest(more) >= longest(pages):   # no point left to part, or no shorter
            break
        pages = more
    return pages


def topic_paging(editions: list[Edition], ctx: RenderContext,
                 words_per_minute: int = WORDS_PER_MINUTE) -> tuple[dict[str, Paging], list[str]]:
    """The slide plan of every language of a topic, made once by the build's plan for its deck and script jobs
    (ctx: the theme and catalogs it loaded), and the report's lines where one edition's length sets the plan of
    every language."""
    prs = Presentation(str(ctx.templates_dir / "deck.pptx"))
    theme = theme_of(ctx)
    each = [needs(edition, prs, theme, catalog_of(ctx, edition.language), words_per_minute=words_per_minute)
            for edition in editions]
    paging = joint_paging(each)
    lines = []
    for edition, own_needs in zip(editions, each):
        for key, need in own_needs.items():
            own = need.pages
            if own < paging[key].pages:
                lines.append(f"deck: «{need.title}» ({key}) of the {edition.lang} edition takes {paging[key].pages} "
                             f"slides, as another language's longer text needs (its own would take {own}): the same "
                             "slide plan in every language")
    return paging, lines


def joint_paging(each: list[dict[str, Need]]) -> dict[str, Paging]:
    """One plan for every language: each part on as many slides as its longest edition needs, and a statement
    only when it is one in every edition."""
    out = {}
    for key in each[0]:
        found = [n[key] for n in each if key in n]
        pages = max(n.pages for n in found)
        out[key] = Paging(pages, pages == 1 and all(n.statement for n in found))
    return out


def fit_slides(specs: list[SlideSpec], prs: Any, output: str, gettext: Text, t: Text = str,
               paging: dict[str, Paging] | None = None, options: tuple[Option, ...] = ()) -> list[SlideSpec]:
    """Split slides whose text does not fit one slide at the deck's body size over balanced slides, their notes
    with them; fail on text that cannot fit at all."""
    out: list[SlideSpec] = []
    whole_size = _whole_size(specs, prs)
    for spec in specs:
        title_box, body_box = _boxes(prs, spec)[0], _body_box(prs, spec)
        _check_title(spec, title_box, output, len(out) + 1)
        if spec.figure is not None or spec.picture is not None:
            out.append(spec)
            continue
        if spec.table is not None:
            out += _table_pages(spec, output, gettext, t)
            continue
        if spec.whole:
            said = "\n".join(filter(None, (spec.notes, spec.footnote)))   # whose grades, said too
            spec = replace(spec, notes=said, size=whole_size)
            if spec.shorter and body_height(list(spec.body), spec.size, body_box[0], spec.tied) > body_box[1]:
                spec = replace(spec, body=spec.shorter, spared=0)   # the doctor left out only where it cannot fit
            out.append(_whole(spec, body_box, output, len(out) + 1))
            continue
        if spec.layout in (CLOSING_LAYOUT, TITLE_LAYOUT):   # never split: the cover; the closing's contact in one
            # block, its governance in another
            out.append(_whole(spec, body_box, output, len(out) + 1, words=False))
            continue
        joint = (paging or {}).get(spec.key)
        spec = _recap_sized(spec, prs, output, len(out) + 1, joint.pages if joint is not None else None)
        pages = _paginate(spec, body_box, output, len(out) + 1, pages=joint.pages if joint is not None else None)
        statement = joint.statement if joint is not None else len(pages) == 1 and _statement(spec, prs) is not spec
        notes = [said + "".join(f"\n{spec.body[i]}" for i in rows   # the harms said with the benefit (a recap says none)
                                if i in spec.tied and spec.body[i] not in said and not spec.recap)
                 for rows, said in zip(pages, _page_notes(spec, pages, gettext, t, options))]
        for n, (rows, said) in enumerate(zip(pages, notes), 1):
            title = spec.title if len(pages) == 1 else f"{spec.title}{NBSP}({n}/{len(pages)})"
            body = tuple(spec.body[i] for i in rows)
            footnote = _page_footnote(spec, rows)   # a page without one has the whole box for its type
            said = "\n".join(filter(None, (said, footnote)))   # the speaker's notes say whose grades they are
            page = replace(spec, title=title, body=body, notes=said, footnote=footnote,
                           tied=tuple(k for k, i in enumerate(rows) if i in spec.tied))
            out.append(_statement(page, prs) if statement else page)
    return _unique_titles(out, prs, output)


def _recap_sized(spec: SlideSpec, prs: Any, output: str, number: int, pages: int | None = None) -> SlideSpec:
    """The summary's recap at the smaller step of the scale where that puts its key points on fewer slides (than
    the body size needs, and than the `pages` every language's plan gives it: no smaller type for nothing)."""
    if not spec.recap:
        return spec
    box, small = _body_box(prs, spec), replace(spec, size=SMALL_PT)
    body_pages = len(_paginate(spec, box, output, number))
    if pages is not None and body_pages <= pages:
        return spec
    return small if len(_paginate(small, box, output, number)) < body_pages else spec


def _whole_size(specs: list[SlideSpec], prs: Any) -> int:
    """The size of every option's slide (never split): the body's when each fits it, else the next step of the
    scale for them all, so that the option slides read as one series."""
    for spec in (s for s in specs if s.whole):
        width, height = _body_box(prs, spec)
        if body_height(list(spec.body), BODY_PT, width) > height:
            return SMALL_PT
    return BODY_PT


def _whole(spec: SlideSpec, box: tuple[float, float], output: str, number: int, words: bool = True) -> SlideSpec:
    """The slide as it is, never split (an option's results, side effects and evidence; the closing slide), at the
    deck's body size, or a located layout error."""
    count = sum(deck_notes.word_count(line) for line in spec.body) - spec.spared
    if words and count > MAX_WORDS_SOFT:
        raise LayoutError(f"{output}: slide {number} «{spec.title}»: {count} words, more than the {MAX_WORDS_SOFT} a slide "
                          "may carry, and an option's results, side effects and evidence are never split: shorten its texts")
    need = body_height(list(spec.body), spec.size, box[0], spec.tied)
    if need > box[1]:
        raise LayoutError(f"{output}: slide {number} «{spec.title}»: its text is {need - box[1]:.0f} pt too tall for one "
                          f"slide at {spec.size} pt, and it is never split: shorten its texts")
    return spec


def body_height(body: list[str], size: float, width: float, tied: tuple[int, ...] | set[int] = (),
                gap: float = GAP) -> float:
    """The height of a slide's body text as the deck sets it, with either typeface: `gap` before each point, and the
    `tied` lines (a benefit's side effects and evidence) under their point, a level lower, at TIED_PT."""
    total = 0.0
    for i, text in enumerate(body):
        if i in tied:
            total += fit.height([text], TIED_PT, width - TIED_INDENT_PT, fallback=True) + (TIED_PT * TIED_GAP if i else 0)
        else:
            total += fit.height([text], size, width, fallback=True) + (size * gap if i else 0)
    return total


def balanced_gap(spec: SlideSpec, prs: Any) -> float:
    """The space before each point of a bulleted slide, as a multiple of its size: GAP, or more where its points
    leave much of the room empty, up to MAX_GAP, so that they spread over the room (their text at most FILLED of
    it) rather than huddle in its middle. A call-out's frame is the size of its text: GAP."""
    if spec.layout != CONTENT_LAYOUT or not spec.bullets or spec.callout or spec.drawn or not spec.body:
        return GAP
    gaps = sum(1 for i in range(1, len(spec.body)) if i not in spec.tied)
    if not gaps:
        return GAP
    width, room = _body_box(prs, spec)
    spare = FILLED * room - body_height(list(spec.body), spec.size, width, spec.tied)
    return GAP + max(0.0, min(MAX_GAP - GAP, spare / gaps / spec.size))


def _page_notes(spec: SlideSpec, pages: list[tuple[int, ...]], gettext: Text, t: Text,
                options: tuple[Option, ...] = ()) -> list[str]:
    """Each page's notes: a section's text split with its points; a plan or a list said page by page."""
    if spec.text is not None and spec.notes_of == "recap":
        return recap.recap_notes(spec.text, pages, gettext, t, options)
    if spec.text is not None:
        shown = [[spec.body[i] for i in rows] for rows in pages]
        return deck_notes.split(spec.text.heading, spec.text.body, spec.text.points, pages, t, shown)
    if len(pages) == 1:
        return [spec.notes]
    if spec.notes_of == "plan":
        return [_plan_notes(tuple(spec.body[i] for i in rows), gettext, t, n == 0) for n, rows in enumerate(pages)]
    lines = spec.notes.split("\n")
    if spec.notes_of == "body" and len(lines) == len(spec.body):   # a line of notes per item: each page its own
        return ["\n".join(lines[i] for i in rows) for rows in pages]
    return [spec.notes] + ["\n".join(spec.body[i] for i in rows) for rows in pages[1:]]


def _statement(spec: SlideSpec, prs: Any) -> SlideSpec:
    """A section of one point (no side effects beside it) said as a statement, on the divider layout, when its
    text fits there: the same rule in every language (joint_paging asks it of each)."""
    if spec.layout != CONTENT_LAYOUT or spec.text is None or len(spec.body) != 1 or spec.tied or spec.footnote:
        return spec
    title_box, body_box = _boxes(prs, replace(spec, layout=SECTION_LAYOUT, bullets=False))
    statement = replace(spec, layout=SECTION_LAYOUT, bullets=False, size=BODY_PT, title_size=TITLE_PT)
    if body_box[1] <= 0 or body_height(list(spec.body), BODY_PT, body_box[0]) > body_box[1]:
        return spec
    if fit.height([spec.title], TITLE_PT, title_box[0], bold=True, fallback=True) > title_box[1]:
        return spec
    return statement


def timed(specs: list[SlideSpec], words_per_minute: int, gettext: Text, t: Text = str) -> list[SlideSpec]:
    """Each slide's speaking time, estimated from its notes, as their last line; the whole talk's on the last slide."""
    times = [deck_notes.seconds(spec.notes, words_per_minute) for spec in specs]
    total = sum(times)
    out = []
    for n, (spec, time) in enumerate(zip(specs, times)):
        lines = [spec.notes]
        if n == len(specs) - 1:
            lines.append(t(gettext("The whole talk: about %(minutes)d minutes, %(slides)d slides.")
                           % {"minutes": round(total / 60), "slides": len(specs)}))
        lines.append(t(gettext("Speaking time: %(time)s") % {"time": deck_notes.clock(time)}))
        out.append(replace(spec, notes="\n".join(filter(None, lines)), seconds=time))
    return out


def _table_pages(spec: SlideSpec, output: str, gettext: Text, t: Text = str) -> list[SlideSpec]:
    """A table over as many slides as its rows need, each repeating the header row; each slide's notes say its
    rows (table_notes) and the legend under them."""
    assert spec.table is not None
    pages = deck_blocks.layout_table(spec.table, _cells(spec.table, spec.rows), output, spec.footnote,
                                     spec.shares).pages
    return [replace(spec, title=spec.title if len(pages) == 1 else f"{spec.title}{NBSP}({n}/{len(pages)})",
                    rows=(rows := tuple(spec.rows[i] for i in page)),
                    notes="\n".join([t(table_notes(spec.table, rows, gettext))] + [spec.footnote] * bool(spec.footnote)))
            for n, page in enumerate(pages, 1)]


def _cells(table: Table, rows: tuple[int, ...]) -> list[list[str]]:
    return [list(table.header)] + [list(table.rows[i]) for i in rows]


CONTINUED = re.compile(NBSP + r"\(\d+/\d+\)$")


def _unique_titles(specs: list[SlideSpec], prs: Any, output: str) -> list[SlideSpec]:
    """Every title unique (S1), by one rule in every language: the slides that share a title (a section's and its
    pictures', a long list's) are numbered together, "(1/3)" to "(3/3)", the first too."""
    bases = [CONTINUED.sub("", spec.title) for spec in specs]
    counts = Counter(bases)
    seen: Counter[str] = Counter()
    out = []
    for number, (spec, base) in enumerate(zip(specs, bases), 1):
        seen[base] += 1
        title = base if counts[base] == 1 else f"{base}{NBSP}({seen[base]}/{counts[base]})"
        if title != spec.title:
            spec = replace(spec, title=title)
            _check_title(spec, _boxes(prs, spec)[0], output, number)
        out.append(spec)
    return out


def _boxes(prs: Any, spec: SlideSpec) -> tuple[tuple[float, float], tuple[float, float]]:
    """(width, height) in points of the title and body placeholders of the spec's layout."""
    holders = {ph.placeholder_format.idx: ph for ph in layout_named(prs, spec.layout).placeholders}
    size: Callable[[Any], tuple[float, float]] = lambda ph: (  # noqa: E731
        ph.width / EMU_PER_PT - INSET_PT, ph.height / EMU_PER_PT - _insets_y(ph))
    title = size(holders[0])
    if spec.drawn or 1 not in holders:
        return title, (0.0, 0.0)
    body = size(holders[1])
    return title, (body[0] - (BULLET_INDENT_PT if spec.bullets else 0), body[1])


def _page_footnote(spec: SlideSpec, rows: tuple[int, ...]) -> str:
    """A page's footnote: whose criteria, and the legend's lines of the grades its lines show ('' if none)."""
    if not spec.grade_notes:
        return spec.footnote
    lines = list(dict.fromkeys(spec.grade_notes[i] for i in rows if i < len(spec.grade_notes) and spec.grade_notes[i]))
    return f"{spec.legend_intro} {'; '.join(lines)}" if lines else ""


def _body_box(prs: Any, spec: SlideSpec) -> tuple[float, float]:
    """The body's box: above the footnote when the slide has one (a table makes room for it itself)."""
    width, height = _boxes(prs, spec)[1]
    if spec.footnote and spec.table is None:
        return width, height - deck_blocks.footnote_height(spec.footnote)
    return width, height


def _insets_y(holder: Any) -> float:
    """Top and bottom insets in points of a placeholder's text, as its layout (or the default) sets them."""
    if not holder.has_text_frame:
        return 2 * 45720 / EMU_PER_PT
    frame = holder.text_frame
    margins: int = frame.margin_top + frame.margin_bottom
    return margins / EMU_PER_PT


def layout_named(prs: Any, role: str) -> Any:
    """The template's layout for a role, by its name: an association may restyle or reorder them."""
    name = LAYOUTS[role]
    layout = prs.slide_layouts.get_by_name(name)
    if layout is None:
        have = ", ".join(repr(layout.name) for layout in prs.slide_layouts)
        raise LayoutError(f"templates/deck.pptx: no slide layout named {name!r} (the {role} slides' layout); "
                          f"it has {have}: rename one in PowerPoint (View > Slide Master) or rebuild the template "
                          f"with `python -m handouts.render.deck.template`")
    return layout


def _check_title(spec: SlideSpec, box: tuple[float, float], output: str, number: int) -> None:
    need = fit.height([spec.title], spec.title_size, box[0], bold=True, fallback=True)
    if need > box[1]:
        what = "the table's caption" if spec.table is not None else "the heading (short_heading)"
        raise LayoutError(f"{output}: slide {number} «{spec.title}»: title is {need - box[1]:.0f} pt too tall "
                          f"for its box: shorten {what}")


def _paginate(spec: SlideSpec, box: tuple[float, float], output: str, number: int, max_words: int = MAX_WORDS_SOFT,
              pages: int | None = None) -> list[tuple[int, ...]]:
    """The points' numbers on each slide: as few slides as what fits at the deck's body size allows (the height
    of the box, at most MAX_BULLETS bullets and "about" 40 words a slide), or `pages` slides, balanced: the
    heights of the slides as even as can be. A list that fits one slide is never split."""
    for para in spec.body:
        excess = body_height([para], spec.size, box[0]) - box[1]
        if excess > 0:
            raise LayoutError(f"{output}: slide {number} «{spec.title}»: one point is {excess:.0f} pt "
                              f"too tall for the slide: shorten it")
    n = len(spec.body)
    if n == 0:
        return [()]
    tied = set(spec.tied)
    words = [0 if spec.recap and i in tied else deck_notes.word_count(p) for i, p in enumerate(spec.body)]
    for start in (i for i in range(n) if i not in tied):
        end = next((j for j in range(start + 1, n) if j not in tied), n)
        if end - start > 1 and sum(words[start:end]) > MAX_WORDS_SOFT:
            raise LayoutError(f"{output}: slide {number} «{spec.title}»: «{spec.body[start]}» and the side effects "
                              f"and evidence of the options it speaks for are {sum(words[start:end])} words, more than "
                              f"the {MAX_WORDS_SOFT} a slide may carry (they are never split): make it a point per option")

    def tall(lo: int, hi: int) -> float:
        return body_height(list(spec.body[lo:hi]), spec.size, box[0], {i - lo for i in tied})

    whole_legend = deck_blocks.footnote_height(spec.footnote) if spec.table is None else 0.0

    def room(lo: int, hi: int) -> float:
        """The box over a page's points: above that page's own legend (the grades its lines show), not the
        whole part's, which left a summary page of one point under a legend it did not print."""
        if not spec.grade_notes or spec.table is not None:
            return box[1]
        return box[1] + whole_legend - deck_blocks.footnote_height(_page_footnote(spec, tuple(range(lo, hi))))

    def fits(lo: int, hi: int) -> bool:
        one = all(i in tied for i in range(lo + 1, hi))   # a point with its harms: one unit, never cut
        lines = hi - lo - (len(tied.intersection(range(lo, hi))) if spec.recap else 0)
        if spec.bullets and not one and (lines > MAX_BULLETS or sum(words[lo:hi]) > max_words):
            return False
        return tall(lo, hi) <= room(lo, hi)

    for count in ([min(pages, n)] if pages else []) + list(range(1, n + 1)):
        best: tuple[float, tuple[int, ...]] | None = None
        cuts = combinations(range(1, n), count - 1) if n <= 16 else [_even_cuts(n, count)]
        for inner in cuts:
            if tied.intersection(inner):
                continue
            bounds = (0, *inner, n)
            pairs = list(zip(bounds, bounds[1:]))
            if all(fits(lo, hi) for lo, hi in pairs):
                score = sum((tall(lo, hi) / room(lo, hi)) ** 2 for lo, hi in pairs)
                if best is None or score < best[0]:
                    best = (score, bounds)
        if best is not None:
            return [tuple(range(lo, hi)) for lo, hi in zip(best[1], best[1][1:])]
    return [(i,) for i in range(n)]


def _even_cuts(n: int, count: int) -> tuple[int, ...]:
    per = -(-n // count)
    return tuple(range(per, n, per))[:count - 1]


def draw_figure(slide: Any, spec: SlideSpec, words: Any, palette: dict[str, str], lang: str, output: str) -> None:
    """The figure as its chart kind draws it on a slide; a caption too tall for its box is a layout error."""
    assert spec.figure is not None
    kind = charts.kind(spec.figure.chart)
    for caption, needed, available in kind.draw_deck(slide, spec.figure, words, palette, lang, deck_figures):
        if needed > available:
            raise LayoutError(f"{output}: slide «{spec.title}»: caption {caption[:30]!r} is "
                              f"{needed - available:.0f} pt too tall for its box: shorten the figure's labels")


def add_qr(slide: Any, contact: Association, gettext: Text) -> None:
    """The association's address as a QR code, in the closing layout's picture placeholder (idx 2)."""
    holder = next((ph for ph in slide.placeholders if ph.placeholder_format.idx == 2), None)
    data = BytesIO(figures.qr_png(contact.website))
    if holder is not None and hasattr(holder, "insert_picture"):
        picture = holder.insert_picture(data)
    else:  # a restyled template without the placeholder: the QR code at the right of the slide
        size = Inches(2.6)
        picture = slide.shapes.add_picture(data, Inches(13.333 - 0.8) - size, Inches(1.9), size, size)
    oxml.set_alt(picture, gettext("QR code to %(site)s") % {"site": contact.website_label})


def write_deck(prs: Any, specs: list[SlideSpec], edition: Edition, theme: Theme, translations: Any, output: str,
               topic_dir: Path, draft: str = "", about: Governance | None = None) -> bytes:
    gettext = translations.gettext
    ink = deck_figures.rgb(theme.colors["ink"])
    words = figures.Words(edition.locale, translations, theme.grades).with_options(edition.options, theme.contact.name)
    for spec in specs:
        slide = prs.slides.add_slide(layout_named(prs, spec.layout))
        fill(slide.shapes.title.text_frame, [spec.title], spec.title_size, edition.lang,  # the theme's colour
             deck_figures.rgb(theme.colors["on_brand" if spec.layout == SECTION_LAYOUT else "brand"]), bold=None)
        if spec.figure is not None:
            draw_figure(slide, spec, words, theme.colors, edition.lang, output)
        elif spec.picture is not None:
            deck_blocks.place_picture(slide, topic_dir / spec.picture.image, spec.picture, edition.lang, ink,
                                      fill, output)
        elif spec.table is not None:  # the layout of the whole table, so that its columns keep their widths
            layout = deck_blocks.layout_table(spec.table, _cells(spec.table, tuple(range(len(spec.table.rows)))), output,
                                              shares=spec.shares)
            deck_blocks.place_table(slide, _cells(spec.table, spec.rows), layout.widths, (layout.header_height,)
                                    + tuple(layout.heights[i] for i in spec.rows), edition.lang, theme.colors,
                                    spec.table.caption)
        else:
            body = slide.placeholders[1]
            fill(body.text_frame, list(spec.body), spec.size, edition.lang,
                 deck_figures.rgb(theme.colors["on_brand"]) if spec.layout == SECTION_LAYOUT else ink,
                 bullets=spec.bullets, gap=balanced_gap(spec, prs), tied=spec.tied)
            place_body(body, spec, prs)
        if spec.footnote:
            deck_blocks.place_footnote(slide, spec.footnote, edition.lang, ink, fill)
        if spec.callout:
            deck_plain.frame_callout(slide, spec.callout, theme.colors)
        if spec.qr:
            add_qr(slide, theme.contact, gettext)
        fill(slide.notes_slide.notes_text_frame, spec.notes.split("\n"), 12, edition.lang, None)
        if spec.layout != TITLE_LAYOUT:
            add_footer(slide, theme.contact.name, month_year(edition.published, edition.locale), edition.lang)
        if draft:
            mark_draft(slide, draft, edition.lang, theme)
    set_properties(prs, edition, theme.contact, draft, about)
    tag_language(prs, edition.lang)
    positive_axis_ids(prs)
    return saved(prs, edition.published)


def place_body(body: Any, spec: SlideSpec, prs: Any) -> None:
    """The body placeholder over the room its slide leaves it: above a footnote; a call-out's as tall as its text,
    in the middle of that room, so that its frame holds its text and no more."""
    if spec.layout not in (CONTENT_LAYOUT, CLOSING_LAYOUT):
        return
    room = _body_box(prs, spec)[1] + _insets_y(body)
    if spec.callout:
        tall = body_height(list(spec.body), spec.size, _body_box(prs, spec)[0], spec.tied) + _insets_y(body) + 2
        body.left, body.top, body.width, body.height = body.left, body.top + Pt((room - tall) / 2), body.width, Pt(tall)
    elif spec.footnote:   # a placeholder's own position: all four, or it loses those it inherits
        body.left, body.top, body.width, body.height = body.left, body.top, body.width, Pt(room)


def fill(frame: Any, paragraphs: list[str], size: int, lang: str, color: Any, bold: bool | None = False,
         bullets: bool = True, gap: float | None = None, tied: tuple[int, ...] = ()) -> None:
    """Write paragraphs into a text frame, each run sized, coloured and tagged with the language; `gap` (a multiple
    of the size) before each paragraph after the first; the `tied` ones (a benefit's side effects and evidence)
    a level lower, under their point, at TIED_PT (as body_height measures them)."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for i, text in enumerate(paragraphs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        own = TIED_PT if i in tied else size
        if gap is not None:
            para.space_before = Pt(0 if not i else TIED_PT * TIED_GAP if i in tied else size * gap)
        if i in tied:
            para.level = 1
        run = para.add_run()
        run.text = text
        run.font.size = Pt(own)
        run.font.bold = bold
        if color is not None:
            run.font.color.rgb = color
        oxml.set_language(run, lang)
        if not bullets:
            oxml.no_bullet(para)


def add_footer(slide: Any, association: str, date: str, lang: str) -> None:
    """The layout's footer row on the slide: date, association and slide number (a field that counts itself).
    PowerPoint shows a layout's footer placeholders only on slides that hold copies of them."""
    texts = {PP_PLACEHOLDER.DATE: date, PP_PLACEHOLDER.FOOTER: association, PP_PLACEHOLDER.SLIDE_NUMBER: None}
    for holder in slide.slide_layout.placeholders:
        kind = holder.placeholder_format.type
        if kind in texts:
            oxml.copy_footer(slide, holder, texts[kind], lang, FOOTER_PT)


def tag_language(prs: Any, lang: str) -> None:
    """Every master, layout, notes master and slide in the edition's language: each run property and
    each default run property of their text styles, so that what a speaker types is proofed in it."""
    kinds = {CT.PML_SLIDE_MASTER, CT.PML_SLIDE_LAYOUT, CT.PML_NOTES_MASTER, CT.PML_NOTES_SLIDE, CT.PML_SLIDE,
             CT.PML_PRESENTATION_MAIN}
    for part in prs.part.package.iter_parts():
        if part.content_type in kinds:
            oxml.tag_language(part, lang)


def positive_axis_ids(prs: Any) -> None:
    """Charts' axis ids as the schema wants them (unsigned): python-pptx draws random negative ones, which
    a validator refuses and PowerPoint may "repair". Each id becomes the order it first appears in."""
    for part in prs.part.package.iter_parts():
        if part.content_type == CT.DML_CHART:
            oxml.renumber_axis_ids(part)


def mark_draft(slide: Any, text: str, lang: str, theme: Theme) -> None:
    """The draft mark across the top of a slide, above the title, in the ink colour on a light band: one line of
    DRAFT_PT and no more, so that a title of two lines (set on its box's foot, growing upwards) stays under it."""
    box = slide.shapes.add_textbox(Inches(0), Inches(0), Inches(13.333), Inches(0.38))
    box.text_frame.margin_top = box.text_frame.margin_bottom = Inches(0.02)
    box.fill.solid()
    box.fill.fore_color.rgb = deck_figures.rgb(theme.colors["panel"])
    box.name = "Draft mark"
    fill(box.text_frame, [text], DRAFT_PT, lang, deck_figures.rgb(theme.colors["ink"]), bold=True,
         bullets=False)
    box.text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER


def set_properties(prs: Any, edition: Edition, contact: Association, draft: str = "",
                   about: Governance | None = None) -> None:
    props = prs.core_properties
    props.content_status = draft or "Final"
    if about is not None:
        comments = " · ".join(about.lines()[:3])[:255]  # the format's limit
        props.identifier, props.version, props.comments = about.code, edition.version, comments
    props.title = edition.title
    props.author = names([a.name for a in edition.authors], edition.locale)
    props.subject = contact.name
    props.language = edition.lang
    props.keywords = contact.website
    stamp = dt.datetime.combine(edition.published, dt.time())
    props.created = props.modified = stamp
    props.last_modified_by = props.author
    props.revision = 1
