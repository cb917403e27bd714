"""The talk deck: python-pptx driven by the model, on the layouts of templates/deck.pptx."""
from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, replace
from io import BytesIO
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.util import Inches, Pt

from . import charts, deck_blocks, deck_figures, figures, fit, references
from .context import RenderContext
from .deck_template import LAYOUTS
from .errors import LayoutError
from .governance import Governance, governance
from .i18n import translations_for
from .model import Association, Block, Edition, Figure, KeyFigure, ListBlock, Section, Table
from .stable import stable_zip
from .templating import Theme, load_theme, publisher_credit
from .typography import NBSP, month_year, names, typeset, typeset_heading

TITLE_LAYOUT, CONTENT_LAYOUT, TITLE_ONLY_LAYOUT = "cover", "content", "figure"     # roles of deck_template.LAYOUTS
CLOSING_LAYOUT, SECTION_LAYOUT = "closing", "section"
TITLE_PT, BODY_PT, SMALL_PT, COVER_TITLE_PT, FOOTER_PT, DRAFT_PT = 32, 26, 24, 40, 18, 20
EMU_PER_PT = 12700
INSET_PT = 7.2 * 2          # python-pptx/PowerPoint default left+right insets (0.1 in each)
BULLET_INDENT_PT = 27       # the template's first-level hanging indent (342900 EMU)


@dataclass(frozen=True)
class SlideSpec:
    """What one slide says, before it is laid out."""

    layout: str                         # a role of deck_template.LAYOUTS, looked up by name
    title: str
    body: tuple[str, ...] = ()
    notes: str = ""
    size: int = BODY_PT
    bullets: bool = True
    title_size: int = TITLE_PT
    figure: KeyFigure | None = None
    qr: bool = False
    picture: Figure | None = None       # a picture of the topic's folder, typeset
    table: Table | None = None          # a table of the content, typeset
    rows: tuple[int, ...] = ()          # the table's rows on this slide

    @property
    def drawn(self) -> bool:
        """A slide whose body is drawn (a key figure, picture or table), not a text placeholder."""
        return self.figure is not None or self.picture is not None or self.table is not None


def render(edition: Edition, ctx: RenderContext, output: str = "deck.pptx") -> bytes:
    translations = translations_for(ctx.templates_dir / "locales", edition.language)
    gettext = translations.gettext
    prs = Presentation(str(ctx.templates_dir / "deck.pptx"))
    theme = load_theme(ctx.templates_dir)
    about = governance(edition, ctx.topic_dir.name, ctx.approval, theme.contact, gettext)
    specs = fit_slides(plan(edition, gettext, theme, about), prs, output, gettext)
    draft = gettext("DRAFT — not approved for distribution") if ctx.draft else ""
    return write_deck(prs, specs, edition, theme, translations, output, ctx.topic_dir, draft, about)


def plan(edition: Edition, gettext, theme: Theme, about: Governance | None = None) -> list[SlideSpec]:
    """The slides of a talk, in order: cover, outline, sections, summary, references, contact."""
    t = lambda text: typeset(text, edition.locale)  # noqa: E731
    h = lambda text: typeset_heading(text, edition.locale)  # noqa: E731  (a title: no last word alone)
    sections, slides = [], []
    for s in edition.all_sections():  # each section's slide, its pictures and tables, then its key figures
        sections.append(SlideSpec(CONTENT_LAYOUT, h(s.slide_title), tuple(t(p) for p in s.point_texts),
                                  notes=t(_notes(s.heading, s.body))))
        slides += [sections[-1], *block_slides(s, t, h)]
        slides += [SlideSpec(TITLE_ONLY_LAYOUT, h(f.title), notes=t(_figure_notes(f)), figure=f)
                   for f in edition.figures_of(s.id)]
    return [
        cover(edition, t, theme, gettext, h),
        SlideSpec(CONTENT_LAYOUT, h(gettext("Outline")),
                  tuple(s.title for s in sections) + (t(edition.summary.heading), t(gettext("References"))),
                  notes=t(edition.lead or edition.title)),
        *slides,
        SlideSpec(CONTENT_LAYOUT, h(edition.summary.heading), tuple(t(p) for p in edition.summary.point_texts),
                  notes=t(_notes(edition.summary.heading, edition.summary.body))),
        SlideSpec(CONTENT_LAYOUT, h(gettext("References")),
                  tuple(references.citation(r) for r in edition.references), size=SMALL_PT, bullets=False,
                  notes="\n".join(references.citation(r) for r in edition.references)),
        closing(edition, t, gettext, theme.contact, about, h),
    ]


def block_slides(section: Section, t, h=None) -> list[SlideSpec]:
    """A slide per picture and per table of a section, in the order of its body."""
    h = h or t  # titles: typeset_heading
    slides = []
    for block in section.body:
        if isinstance(block, Figure):
            picture = block.model_copy(update={"alt": t(block.alt), "caption": t(block.caption) if block.caption else None})
            slides.append(SlideSpec(TITLE_ONLY_LAYOUT, h(section.slide_title), notes=picture.alt, picture=picture))
        elif isinstance(block, Table):
            table = Table(caption=t(block.caption), header=tuple(map(t, block.header)),
                          rows=tuple(tuple(map(t, row)) for row in block.rows))
            slides.append(SlideSpec(TITLE_ONLY_LAYOUT, h(table.caption), notes=t(_table_notes(table)), table=table,
                                    rows=tuple(range(len(table.rows)))))
    return slides


def cover(edition: Edition, t, theme: Theme, gettext, h=None) -> SlideSpec:
    lines = [f"{a.signature} — {t(', '.join(a.positions))}" for a in edition.authors]
    lines.append(f"{theme.contact.name} · {month_year(edition.published, edition.locale)}")
    if credit := publisher_credit(edition, theme, gettext):
        lines.append(credit)
    if edition.translation_note:
        lines.append(t(edition.translation_note))
    return SlideSpec(TITLE_LAYOUT, (h or t)(edition.title), tuple(lines), notes=t(edition.lead or ""),
                     size=SMALL_PT, bullets=False, title_size=COVER_TITLE_PT)


def closing(edition: Edition, t, gettext, association: Association, about: Governance | None = None,
            h=None) -> SlideSpec:
    body = (association.name, association.website_label, association.email)
    if edition.shown_acknowledgement:
        body += (t(edition.shown_acknowledgement),)
    if about is not None:
        body += tuple(about.lines())
    return SlideSpec(CLOSING_LAYOUT, (h or t)(gettext("Questions? Contact us")), body, bullets=False, size=SMALL_PT,
                     notes=t(gettext("Thank the audience and invite questions.")), qr=True)


def _figure_notes(figure: KeyFigure) -> str:
    """The quoted sentence the figure draws, and its study, for the speaker to read out."""
    return "\n\n".join(filter(None, (figure.title, figure.sentence.rstrip(".") + ".", figure.study)))


def _table_notes(table: Table) -> str:
    """A table read out: its caption, then a line per row of "header: cell" pairs."""
    one_line = lambda text: " ".join(text.split())  # noqa: E731  (a line per row, whatever the cells hold)
    return "\n".join([one_line(table.caption)] + ["; ".join(f"{one_line(h)}: {one_line(c)}" for h, c in
                                                             zip(table.header, row)) for row in table.rows])


def _notes(heading: str, body: tuple[Block, ...]) -> str:
    """The section's full text in the order of its blocks: paragraphs, lists, pictures' alt text, tables."""
    parts = [heading]
    for block in body:
        if isinstance(block, Figure):
            parts.append(f"[{block.alt}]")
        elif isinstance(block, Table):
            parts.append(_table_notes(block))
        else:
            parts.append("\n".join(f"• {i}" for i in block.items) if isinstance(block, ListBlock) else block)
    return "\n\n".join(parts)


def fit_slides(specs: list[SlideSpec], prs, output: str, gettext) -> list[SlideSpec]:
    """Split slides whose text is too tall over several; fail on text that cannot fit at all."""
    out: list[SlideSpec] = []
    for spec in specs:
        title_box, body_box = _boxes(prs, spec)
        _check_title(spec, title_box, output, len(out) + 1)
        if spec.figure is not None or spec.picture is not None:
            out.append(spec)
            continue
        if spec.table is not None:
            out += _table_pages(spec, output)
            continue
        pages = _paginate(spec, body_box, output, len(out) + 1)
        for n, body in enumerate(pages, 1):
            title = spec.title if len(pages) == 1 else f"{spec.title}{NBSP}({n}/{len(pages)})"
            out.append(replace(spec, title=title, body=body))
    return _unique_titles(out, prs, output)


def _table_pages(spec: SlideSpec, output: str) -> list[SlideSpec]:
    """A table over as many slides as its rows need, each repeating the header row."""
    pages = deck_blocks.layout_table(spec.table, _cells(spec.table, spec.rows), output).pages
    caption, *lines = spec.notes.split("\n")  # the table read out, a line per row: each slide reads its own
    return [replace(spec, title=spec.title if len(pages) == 1 else f"{spec.title}{NBSP}({n}/{len(pages)})", rows=rows,
                    notes="\n".join([caption] + [lines[i] for i in rows])) for n, rows in enumerate(pages, 1)]


def _cells(table: Table, rows: tuple[int, ...]) -> list[list[str]]:
    return [list(table.header)] + [list(table.rows[i]) for i in rows]


def _unique_titles(specs: list[SlideSpec], prs, output: str) -> list[SlideSpec]:
    """A picture slide takes its section's title: number repeats so that every title is unique (S1)."""
    seen: dict[str, int] = {}
    out = []
    for number, spec in enumerate(specs, 1):
        count = seen[spec.title] = seen.get(spec.title, 0) + 1
        if count > 1:
            spec = replace(spec, title=f"{spec.title}{NBSP}({count})")
            _check_title(spec, _boxes(prs, spec)[0], output, number)
        out.append(spec)
    return out


def _boxes(prs, spec: SlideSpec) -> tuple[tuple[float, float], tuple[float, float]]:
    """(width, height) in points of the title and body placeholders of the spec's layout."""
    holders = {ph.placeholder_format.idx: ph for ph in layout_named(prs, spec.layout).placeholders}
    size = lambda ph: (ph.width / EMU_PER_PT - INSET_PT, ph.height / EMU_PER_PT - _insets_y(ph))  # noqa: E731
    title = size(holders[0])
    if spec.drawn or 1 not in holders:
        return title, (0.0, 0.0)
    body = size(holders[1])
    return title, (body[0] - (BULLET_INDENT_PT if spec.bullets else 0), body[1])


def _insets_y(holder) -> float:
    """Top and bottom insets in points of a placeholder's text, as its layout (or the default) sets them."""
    body_pr = holder._element.txBody.find(qn("a:bodyPr")) if holder._element.txBody is not None else None
    get = lambda name: int(body_pr.get(name, 45720)) if body_pr is not None else 45720  # noqa: E731
    return (get("tIns") + get("bIns")) / EMU_PER_PT


def layout_named(prs, role: str):
    """The template's layout for a role, by its name: an association may restyle or reorder them."""
    name = LAYOUTS[role]
    layout = prs.slide_layouts.get_by_name(name)
    if layout is None:
        have = ", ".join(repr(layout.name) for layout in prs.slide_layouts)
        raise LayoutError(f"templates/deck.pptx: no slide layout named {name!r} (the {role} slides' layout); "
                          f"it has {have}: rename one in PowerPoint (View > Slide Master) or rebuild the template "
                          f"with `python -m handouts.deck_template`")
    return layout


def _check_title(spec: SlideSpec, box, output: str, number: int) -> None:
    need = fit.height([spec.title], spec.title_size, box[0], bold=False)
    if need > box[1]:
        what = "the table's caption" if spec.table is not None else "the heading (short_heading)"
        raise LayoutError(f"{output}: slide {number} «{spec.title}»: title is {need - box[1]:.0f} pt too tall "
                          f"for its box: shorten {what}")


def _paginate(spec: SlideSpec, box, output: str, number: int) -> list[tuple[str, ...]]:
    """As few slides as the text needs, with the points spread evenly over them."""
    for para in spec.body:
        excess = fit.height([para], spec.size, box[0]) - box[1]
        if excess > 0:
            raise LayoutError(f"{output}: slide {number} «{spec.title}»: one point is {excess:.0f} pt "
                              f"too tall for the slide: shorten it")
    fits = lambda chunk: fit.height(list(chunk), spec.size, box[0]) <= box[1]  # noqa: E731
    for count in range(1, len(spec.body) + 1):
        per = -(-len(spec.body) // count)
        pages = [spec.body[i:i + per] for i in range(0, len(spec.body), per)]
        if all(fits(page) for page in pages):
            return pages
    return [spec.body] if not spec.body else [(p,) for p in spec.body]


def draw_figure(slide, spec: SlideSpec, words, palette: dict, lang: str, output: str) -> None:
    """The figure as its chart kind draws it on a slide; a caption too tall for its box is a layout error."""
    kind = charts.kind(spec.figure.chart)
    for caption, needed, available in kind.draw_deck(slide, spec.figure, words, palette, lang):
        if needed > available:
            raise LayoutError(f"{output}: slide «{spec.title}»: caption {caption[:30]!r} is "
                              f"{needed - available:.0f} pt too tall for its box: shorten the figure's labels")


def add_qr(slide, contact: Association, gettext) -> None:
    """The association's address as a QR code, in the closing layout's picture placeholder (idx 2)."""
    holder = next((ph for ph in slide.placeholders if ph.placeholder_format.idx == 2), None)
    data = BytesIO(figures.qr_png(contact.website))
    if holder is not None and hasattr(holder, "insert_picture"):
        picture = holder.insert_picture(data)
    else:  # a restyled template without the placeholder: the QR code at the right of the slide
        size = Inches(2.6)
        picture = slide.shapes.add_picture(data, Inches(13.333 - 0.8) - size, Inches(1.9), size, size)
    deck_figures.set_alt(picture, gettext("QR code to %(site)s") % {"site": contact.website_label})


def write_deck(prs, specs: list[SlideSpec], edition: Edition, theme: Theme, translations, output: str,
               topic_dir: Path, draft: str = "", about: Governance | None = None) -> bytes:
    gettext = translations.gettext
    ink = RGBColor.from_string(theme.colors["ink"].lstrip("#"))
    words = figures.Words(edition.locale, translations)
    for spec in specs:
        slide = prs.slides.add_slide(layout_named(prs, spec.layout))
        fill(slide.shapes.title.text_frame, [spec.title], spec.title_size, edition.lang, None, bold=None)  # the layout's look
        if spec.figure is not None:
            draw_figure(slide, spec, words, theme.colors, edition.lang, output)
        elif spec.picture is not None:
            deck_blocks.place_picture(slide, topic_dir / spec.picture.image, spec.picture, edition.lang, ink,
                                      fill, output)
        elif spec.table is not None:  # the layout of the whole table, so that its columns keep their widths
            layout = deck_blocks.layout_table(spec.table, _cells(spec.table, tuple(range(len(spec.table.rows)))), output)
            deck_blocks.place_table(slide, _cells(spec.table, spec.rows), layout.widths, (layout.header_height,)
                                    + tuple(layout.heights[i] for i in spec.rows), edition.lang, theme.colors,
                                    spec.table.caption)
        else:
            fill(slide.placeholders[1].text_frame, list(spec.body), spec.size, edition.lang, None,
                 bullets=spec.bullets)
        if spec.qr:
            add_qr(slide, theme.contact, gettext)
        fill(slide.notes_slide.notes_text_frame, spec.notes.split("\n"), 12, edition.lang, None)
        if spec.layout != TITLE_LAYOUT:
            add_footer(slide, theme.contact.name, month_year(edition.published, edition.locale), edition.lang)
        if draft:
            mark_draft(slide, draft, edition.lang, theme)
    set_properties(prs, edition, theme.contact, draft, about)
    tag_language(prs, edition.lang)
    buffer = BytesIO()
    prs.save(buffer)
    return stable_zip(buffer.getvalue(), edition.published)


def fill(frame, paragraphs: list[str], size: int, lang: str, color, bold: bool | None = False,
         bullets: bool = True) -> None:
    """Write paragraphs into a text frame, each run sized, coloured and tagged with the language."""
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for i, text in enumerate(paragraphs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
        if color is not None:
            run.font.color.rgb = color
        run.font._rPr.set("lang", lang)
        if not bullets:
            _no_bullet(para)


def _no_bullet(para) -> None:
    ppr = para._p.get_or_add_pPr()
    ppr.set("marL", "0")
    ppr.set("indent", "0")
    ppr.insert(0, ppr.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}buNone", {}))


def add_footer(slide, association: str, date: str, lang: str) -> None:
    """The layout's footer row on the slide: date, association and slide number (a field that counts itself).
    PowerPoint shows a layout's footer placeholders only on slides that hold copies of them."""
    tree = slide.shapes._spTree
    for holder in slide.slide_layout.placeholders:
        kind = holder._element.ph.get("type")
        if kind not in ("dt", "ftr", "sldNum"):
            continue
        element = copy.deepcopy(holder._element)
        element.nvSpPr.cNvPr.set("id", str(slide.shapes._next_shape_id))
        sp_pr = element.spPr
        for child in list(sp_pr):   # the position is the layout's: an association moves it there
            sp_pr.remove(child)
        body = element.txBody
        for child in list(body):
            if child.tag != qn("a:bodyPr"):
                body.remove(child)
        body.append(body.makeelement(qn("a:lstStyle"), {}))
        para = body.makeelement(qn("a:p"), {})
        body.append(para)
        rpr = f'<a:rPr {nsdecls("a")} lang="{lang}" sz="{FOOTER_PT * 100}"/>'
        if kind == "sldNum":
            field = parse_xml(f'<a:fld {nsdecls("a")} id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum">'
                              f'{rpr.replace(nsdecls("a"), "")}<a:t>‹#›</a:t></a:fld>')
            para.append(field)
        else:
            run = parse_xml(f'<a:r {nsdecls("a")}>{rpr.replace(nsdecls("a"), "")}<a:t></a:t></a:r>')
            run.find(qn("a:t")).text = date if kind == "dt" else association
            para.append(run)
        tree.append(element)


def tag_language(prs, lang: str) -> None:
    """Every master, layout, notes master and slide in the edition's language: each run property and
    each default run property of their text styles, so that what a speaker types is proofed in it."""
    kinds = {CT.PML_SLIDE_MASTER, CT.PML_SLIDE_LAYOUT, CT.PML_NOTES_MASTER, CT.PML_NOTES_SLIDE, CT.PML_SLIDE,
             CT.PML_PRESENTATION_MAIN}
    tags = {qn(f"a:{name}") for name in ("rPr", "defRPr", "endParaRPr")}
    for part in prs.part.package.iter_parts():
        if part.content_type not in kinds:
            continue
        for element in part._element.iter(*tags):
            element.set("lang", lang)


def mark_draft(slide, text: str, lang: str, theme: Theme) -> None:
    """The draft mark across the top of a slide, above the title, in the ink colour on a light band."""
    box = slide.shapes.add_textbox(Inches(0), Inches(0), Inches(13.333), Inches(0.45))
    box.fill.solid()
    box.fill.fore_color.rgb = RGBColor.from_string(theme.colors["panel"].lstrip("#"))
    box.name = "Draft mark"
    fill(box.text_frame, [text], DRAFT_PT, lang, RGBColor.from_string(theme.colors["ink"].lstrip("#")), bold=True,
         bullets=False)
    box.text_frame.paragraphs[0].alignment = PP_ALIGN.CENTER


def set_properties(prs, edition: Edition, contact: Association, draft: str = "",
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
