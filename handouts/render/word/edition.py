"""The Word edition (edition.docx): the whole article for an editor who lays it out with the rest of a
newsletter in Word, on the styles of templates/edition-reference.docx.

Made with python-docx from the model, not converted from the web page by Pandoc. Both were tried on the
synthetic topic: Pandoc (the pypandoc-binary wheel, 34 MB, a Haskell binary per platform) converts the
HTML in about 0.2 s a file but reads back what the HTML says, so every Word-specific property this output
promises (a picture's description, a repeating header row, the call-outs' own styles, the document's
language, the core properties' dates) would be a post-edit of its XML anyway, and it needs rsvg-convert
for the charts. python-docx (0.25 MB of pure Python over lxml, the sibling of the deck's python-pptx)
writes the document in-process (0.4 to 0.6 s an edition of the real article, most of it resvg drawing its
charts in child processes): each block of the content goes to the Word
construct made for it (Heading N, List Bullet and List Number with real numbering, a table whose first row
repeats, a picture with its alt text, a live DOI link), on the reference document's own styles, so that
restyling that document in Word restyles every edition. Raw XML edits are in `oxml`.

The reference document gives the styles, numbering, page margins, headers and footers; its body is
emptied. Charts are the leaflet's SVG drawings, rasterised by resvg at PICTURE_DPI in a child process with
a time and a memory budget (as the deck's pictures); an SVG picture of the topic likewise. The zip is
rewritten with entries dated from the content (`stable_zip`): the same content gives the same bytes.
"""
from __future__ import annotations

import datetime as dt
import re
from io import BytesIO
from typing import TYPE_CHECKING

from docx import Document
from docx.shared import Inches, Length, Mm

from handouts.charts import kind as chart_kind
from handouts.charts.base import Paint
from handouts.content import grades
from handouts.content.glossary import FirstUses
from handouts.content.model import Edition, KeyFigure, ListBlock, Option, Picture, Reference, Section, Table
from handouts.errors import RenderError
from handouts.render import colors, drawing, figures, references
from handouts.render.context import RenderContext
from handouts.render.governance import governance
from handouts.render.i18n import catalog_of
from handouts.render.raster import rasterise
from handouts.render.rendered import Rendered
from handouts.render.stable import saved
from handouts.render.templating import callout_title, place_figures, publisher_credit, theme_of
from handouts.render.word import oxml
from handouts.typography import full_date, names, typeset, typeset_heading

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.text.paragraph import Paragraph

    from handouts.render.templating import Theme

REFERENCE = "edition-reference.docx"
PICTURE_DPI = 200           # a chart or SVG drawn to PNG: sharp on paper at its placed size
CSS_DPI = 96                # an SVG's or a picture's pixels at their natural size
CHART_WIDTH = Inches(3.5)    # a key figure at most this wide: a figure beside the text, not a poster
TABLE_CHARACTERS = 80   # about what a table's cells hold across the text's width, in the table style's type
CALLOUT_STYLES = {"do": "Callout Do", "call": "Callout Call", "ask": "Callout Ask"}
PAPER_SIZES = {"letter": (Inches(8.5), Inches(11)), "a4": (Mm(210), Mm(297))}
STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3", "Author", "Note", "Lead", "Draft Mark", "Draft Mark Char",
          "Header", "Caption", "Figure", "List Bullet", "Glossary Term", "Glossary Entry", "Reference", "Hyperlink",
          "Legend", "Contact", "Governance", "Handout Table",
          *(f"{style}{part}" for style in ("Callout Do", "Callout Call", "Callout Ask") for part in ("", " Title")))


def render(edition: Edition, ctx: RenderContext, output: str = "edition.docx") -> Rendered:
    document = Document(BytesIO((ctx.templates_dir / REFERENCE).read_bytes()))
    known = {style.name for style in document.styles}
    if missing := [name for name in STYLES if name not in known]:
        raise RenderError(f"{output}: templates/{REFERENCE} lacks the style(s) {', '.join(missing)}: "
                          "restyle them in Word rather than delete or rename them")
    oxml.clear_body(document)
    Writer(document, edition, ctx).write()
    return Rendered(saved(document, edition.published, edition.last_review))


class Writer:
    """One edition written into one document, in reading order (the glossary's first uses are marked in it)."""

    def __init__(self, document: WordDocument, edition: Edition, ctx: RenderContext) -> None:
        self.doc, self.edition, self.ctx = document, edition, ctx
        self.locale = edition.locale
        self.theme: Theme = theme_of(ctx)
        translations = catalog_of(ctx, edition.language)
        self._ = translations.gettext
        self.words = figures.Words(self.locale, translations, self.theme.grades).with_options(
            edition.options, self.theme.contact.name)
        palette = self.theme.colors
        self.paint = Paint(colors.css(palette["brand"], None), colors.css(palette["ink"], None),
                           colors.css(palette["light"], None), paper=colors.css("#ffffff", None))
        self.first = FirstUses(edition.glossary)
        self.about = governance(edition, ctx.topic_dir.name, ctx.approval, self.theme.contact, self._)
        self.pictures = 0
        section = document.sections[0]
        section.page_width, section.page_height = PAPER_SIZES[ctx.paper]
        self.width = Length(section.page_width or 0) - Length(section.left_margin or 0) - Length(section.right_margin or 0)
        self.link_style = document.styles["Hyperlink"].style_id

    def t(self, text: str) -> str:
        return typeset(text, self.locale)

    def write(self) -> None:
        edition = self.edition
        oxml.set_language(self.doc, edition.lang)
        self.properties()
        self.head()
        self.summary()
        for section in edition.sections:
            self.section(section, 1)
            if options := edition.options_in(section):
                self.options_table(options)
        if edition.glossary:
            self.glossary()
        self.references()
        if edition.shown_acknowledgement:
            self.doc.add_paragraph(self.t(edition.shown_acknowledgement), "Note")
        self.governance()

    def properties(self) -> None:
        edition, props = self.edition, self.doc.core_properties
        props.title = edition.title
        props.author = props.last_modified_by = names([a.name for a in edition.authors], self.locale)
        props.subject = self.theme.contact.name
        props.language = edition.lang
        props.keywords = self.draft_text or self.theme.contact.website
        props.content_status = self.draft_text or "Final"
        props.identifier, props.version, props.category = self.about.code, edition.version, ""
        props.comments = " · ".join(self.about.lines()[:3])[:255]   # the format's limit
        props.created = dt.datetime.combine(edition.published, dt.time())
        props.modified = dt.datetime.combine(edition.last_review, dt.time())
        props.revision = 1

    @property
    def draft_text(self) -> str:
        return self._("DRAFT — not approved for distribution") if self.ctx.draft else ""

    def head(self) -> None:
        """The draft mark (once a page, in the header of every page: page 1 shows it once), title, authors, notes
        and lead."""
        edition = self.edition
        if self.ctx.draft:
            header = self.doc.sections[0].header
            header.is_linked_to_previous = False
            header.add_paragraph(self.draft_text, "Draft Mark")
        self.doc.add_paragraph(typeset_heading(edition.title, self.locale), "Title")
        for author in edition.authors:
            paragraph = self.doc.add_paragraph(style="Author")
            paragraph.add_run(self.t(author.signature)).bold = True
            for position in author.positions:
                paragraph.add_run().add_break()
                paragraph.add_run(self.t(position))
        credit = publisher_credit(edition, self.theme, self._)
        for note in (edition.translation_note, credit):
            if note:
                self.doc.add_paragraph(self.t(note), "Note")
        if edition.lead:
            self.marked(self.doc.add_paragraph(style="Lead"), edition.lead)

    def marked(self, paragraph: Paragraph, text: str) -> Paragraph:
        """The running text typeset into the paragraph, with each glossary term's first use in its style."""
        shown, at = self.t(text), 0
        for start, end, _entry in self.first.take(shown):
            paragraph.add_run(shown[at:start])
            paragraph.add_run(shown[start:end], "Glossary Term")
            at = end
        paragraph.add_run(shown[at:])
        return paragraph

    def heading(self, text: str, level: int) -> None:
        self.doc.add_paragraph(typeset_heading(text, self.locale), f"Heading {level}")

    def summary(self) -> None:
        self.heading(self.edition.summary.heading, 1)
        self.blocks(self.edition.summary.body, {})
        if self.edition.options:   # the leaflet's and the web page's pointer, from the same catalog message
            see = self._("Side effects and evidence of each treatment: see “Treatments at a glance” below.")
            self.doc.add_paragraph(self.t(see))

    def section(self, section: Section, level: int) -> None:
        self.heading(section.heading, level)
        self.blocks(section.body, place_figures(section.body, self.edition.figures_of(section.id)))
        for callout in section.callouts:
            style = CALLOUT_STYLES[callout.kind]
            self.doc.add_paragraph(callout_title(callout.kind, self._), f"{style} Title")
            for number, item in enumerate(callout.items, 1):   # a box is not split between pages
                paragraph = self.marked(self.doc.add_paragraph(style=style), item.text)
                paragraph.paragraph_format.keep_with_next = number < len(callout.items) or None
        for sub in section.subsections:
            self.section(sub, level + 1)

    def blocks(self, items: tuple[object, ...], after: dict[int, list[KeyFigure]]) -> None:
        """Paragraphs, lists, pictures and tables in the content's order, each key figure after the
        paragraph that holds its sentence."""
        for i, item in enumerate(items):
            if isinstance(item, Picture):
                self.picture(item)
            elif isinstance(item, Table):
                self.table(item)
            elif isinstance(item, ListBlock):
                for text in item.items:
                    self.marked(self.doc.add_paragraph(style="List Bullet"), text)
            elif isinstance(item, str):
                self.marked(self.doc.add_paragraph(), item)
            for figure in after.get(i, []):
                self.figure(figure)

    def place(self, png: bytes, width: int, alt: str) -> None:
        """A PNG or JPEG as an inline picture in a paragraph of its own, described by its alt text. A picture whose
        headers python-docx cannot read (no JFIF or Exif header: a CMYK JPEG, or one an editor stripped; an Exif text
        in Latin-1, a short Exif directory, a PNG of 1 pixel a metre ...) goes in as an sRGB PNG of its pixels: the
        check has decoded them whole, and python-docx reads the headers it writes."""
        self.pictures += 1
        run = self.doc.add_paragraph(style="Figure").add_run()
        try:
            shape = run.add_picture(BytesIO(png), width=width)
        except Exception:   # python-docx's header parsers raise what the bytes lead them to (KeyError, ZeroDivisionError ...)
            shape = run.add_picture(BytesIO(as_png(png)), width=width)
        oxml.describe(shape, alt, self.pictures)

    def drawn(self, svg: bytes, size: tuple[float, float], name: str, widest: int | None = None,
              picture: str | None = None) -> tuple[bytes, Length]:
        """An SVG as PNG at PICTURE_DPI of its placed width: its natural size, at most the text's width."""
        width = Length(min(widest or self.width, self.width, Inches(size[0] / CSS_DPI)))
        return rasterise(svg, max(1, round(width.inches * PICTURE_DPI)), name, picture), width

    def picture(self, block: Picture) -> None:
        path = self.ctx.topic_dir / block.image
        picture = drawing.shown(path)   # a drawing as the PNG every output shows
        self.place(picture.data, Length(min(self.width, Inches(picture.size[0] / CSS_DPI))), self.t(block.alt))
        if block.caption:
            self.doc.add_paragraph(self.t(block.caption), "Caption")

    def figure(self, figure: KeyFigure) -> None:
        """A key figure: its drawing (alt text: what it shows), then its title, its words and its study."""
        kind = chart_kind(figure.chart)
        svg = kind.svg(figure, self.words, self.paint).encode()
        png, width = self.drawn(svg, natural_size(svg), f"key figure {figure.id}", CHART_WIDTH)
        self.place(png, width, kind.drawing(figure, self.words))
        caption = self.doc.add_paragraph(style="Caption")
        caption.add_run(self.t(figure.title)).bold = True
        for line in filter(None, kind.caption(figure, self.words).split("\n")):
            caption.add_run().add_break()
            caption.add_run(self.t(line))
        if figure.study:
            caption.add_run().add_break()
            caption.add_run(self.t(figure.study))

    def table(self, block: Table) -> None:
        """Its caption above it, a header row that repeats on every page, the first cell of a row its header."""
        caption = self.doc.add_paragraph(self.t(block.caption), "Caption")
        caption.paragraph_format.keep_with_next = True
        self.grid([[self.t(c) for c in block.header], *([self.t(c) for c in row] for row in block.rows)])

    def grid(self, rows: list[list[str]], row_headers: bool = True) -> None:
        """A table of the texts (a cell's lines are its paragraphs), its first row the header; `row_headers`
        False: the first column in the table style's body type, its first line alone in bold (an option's name,
        then how and for whom)."""
        table = self.doc.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = self.doc.styles["Handout Table"]
        oxml.full_width(table)
        for column, share in enumerate(column_shares(rows)):   # Word and LibreOffice keep the widths a table states
            width = Length(round(self.width * share))
            table.columns[column].width = width
            for cells in table.rows:
                cells.cells[column].width = width
        oxml.first_column(table, row_headers)
        oxml.repeat_header(table.rows[0])
        for number, (cells, texts) in enumerate(zip(table.rows, rows)):
            oxml.keep_row_together(cells)
            for column, (cell, text) in enumerate(zip(cells.cells, texts)):
                paragraphs = text.split("\n")
                run = cell.paragraphs[0].add_run(paragraphs[0])
                if column == 0 and number and not row_headers:
                    run.bold = True
                for more in paragraphs[1:]:
                    cell.add_paragraph(more)
                if number == 0:   # the header row stays with the first rows: never alone at a page's foot
                    for paragraph in cell.paragraphs:
                        paragraph.paragraph_format.keep_with_next = True
        self.doc.add_paragraph()   # Word joins two tables that touch, and a caption needs its own paragraph

    def options_table(self, options: tuple[Option, ...]) -> None:
        """The options a patient may weigh, each result beside its harms and evidence, and the grades' legend."""
        _, t = self._, self.t
        self.heading(_("Treatments at a glance"), 1)
        legend = self.doc.add_paragraph(t(_("Grades of evidence: criteria of %(association)s (design and size of the "
                                            "studies), not the article's:") % {"association": self.theme.contact.name}),
                                        "Legend")
        legend.paragraph_format.keep_with_next = True
        for line in grades.legend(self.words.grades, self.words, options):   # with the table, as its heading is
            self.doc.add_paragraph(t(line), "Legend").paragraph_format.keep_with_next = True
        rows = [[t(_("Treatment")), t(_("Results")), t(_("Side effects")), t(_("Evidence"))]]
        for option in options:
            name = [option.name, *([option.how.text] if option.how else []),
                    *([f"{_('For:')} {option.for_whom.text}"] if option.for_whom else [])]
            harms = ([h.text for h in option.harms] if not isinstance(option.harms, str)
                     else [_("Not described in the article: ask your doctor")])
            evidence = ([_("No study described in the article")] if isinstance(option.evidence, str) else
                        [option.evidence.text, grades.label(option.evidence, self.words.grades, self.words)])
            rows.append(["\n".join(t(x) for x in cell) for cell in (name, [r.text for r in option.results], harms, evidence)])
        self.grid(rows, row_headers=False)

    def glossary(self) -> None:
        self.heading(self._("Words to know"), 1)
        colon = "\u00a0: " if self.locale.language == "fr" else ": "
        for entry in self.edition.glossary:
            paragraph = self.doc.add_paragraph(style="Glossary Entry")
            paragraph.add_run(self.t(entry.term), "Glossary Term")
            paragraph.add_run(colon + self.t(entry.definition))

    def references(self) -> None:
        self.heading(self._("References"), 1)
        for ref in self.edition.references:
            self.reference(self.doc.add_paragraph(style="Reference"), ref)

    def reference(self, paragraph: Paragraph, ref: Reference) -> None:
        """One Vancouver citation as the other outputs print it (references.marked: the CSL processor's text with
        its parts marked): the source in italics, the title and source in the reference's own language, its
        address and DOI as live links."""
        own = ref.lang if ref.lang and ref.lang.split("-")[0] != self.locale.language else None
        text = references.marked(ref, self.locale.language)
        parts = re.split(f"([{references.MARKERS}])", text)
        state = ""
        for part in parts:
            if part and part in references.MARKERS:
                state = {references.TITLE: "title", references.SOURCE: "source", references.URL: "url"}.get(part, "")
                continue
            if not part:
                continue
            if state == "url":
                oxml.add_hyperlink(paragraph, part, part, self.link_style)
                continue
            run = paragraph.add_run(part)
            run.italic = state == "source" or None
            if own and state in ("title", "source"):
                oxml.set_run_language(run, own)
        if ref.doi_url:
            paragraph.add_run(" ")
            oxml.add_hyperlink(paragraph, ref.doi_url, ref.doi_url, self.link_style)
        if ref.online_first:
            label = self._("First published online: %(date)s") % {"date": full_date(ref.online_first, self.locale)}
            paragraph.add_run(f" [{self.t(label)}]")
        if ref.language_note:
            paragraph.add_run(f" [{self.t(ref.language_note)}]")

    def governance(self) -> None:
        """The contact line with live links, then version, dates, approval and how to give feedback."""
        contact = self.theme.contact
        line = self.doc.add_paragraph(f"{contact.name} · ", "Contact")
        links: list[tuple[str, str]] = [(contact.website, contact.website_label), (f"mailto:{contact.email}", contact.email)]
        if contact.phone:
            links.append((contact.phone_uri, contact.phone))
        for i, (href, label) in enumerate(links):
            if i:
                line.add_run(" · ")
            oxml.add_hyperlink(line, href, label, self.link_style)
        for text in self.about.lines():
            self.doc.add_paragraph(text, "Governance")


def column_shares(rows: list[list[str]]) -> list[float]:
    """Each column's share of a table's width, by its content as a browser lays a table out: at least its longest
    word, then the room left shared in proportion to what its longest line would need beyond that."""
    words = [max((len(word) for row in rows for word in row[c].split()), default=1) + 2 for c in range(len(rows[0]))]
    lines = [max((len(line) for row in rows for line in row[c].split("\n")), default=1) + 2 for c in range(len(rows[0]))]
    room = TABLE_CHARACTERS - sum(words)
    wanted = sum(lines) - sum(words)
    widths = lines if wanted <= room else [w + max(0, room) * (line - w) / wanted for w, line in zip(words, lines)]
    return [width / sum(widths) for width in widths]


def natural_size(svg: bytes) -> tuple[float, float]:
    """A chart's width and height in CSS pixels, from its root (the charts' SVGs all state them)."""
    from lxml import etree
    root = etree.fromstring(svg)
    return float(root.get("width", "0")), float(root.get("height", "0"))


def as_png(data: bytes) -> bytes:
    """A checked raster picture as an sRGB PNG (its pixels as they are; a CMYK one converted naively, as a viewer would)."""
    from PIL import Image
    with Image.open(BytesIO(data)) as image:
        out = BytesIO()
        image.convert("RGBA" if "A" in image.mode else "RGB").save(out, "PNG", optimize=False)
        return out.getvalue()
