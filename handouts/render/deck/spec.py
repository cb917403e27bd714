"""What a slide says before it is laid out, and the deck's measures: the plan's vocabulary, shared by the deck,
its options' slides, its notes and its script."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from handouts.content.model import Block, KeyFigure, Picture, Point, Table

Text = Callable[[str], str]   # gettext, typesetting: a text in, a text out
TITLE_LAYOUT, CONTENT_LAYOUT, TITLE_ONLY_LAYOUT = "cover", "content", "figure"     # roles of template.LAYOUTS
CLOSING_LAYOUT, SECTION_LAYOUT = "closing", "section"
# One type scale across the deck: titles, body (every bullet of every slide), the cover's title, and the
# smaller steps: a reference list and a benefit's side effects (SMALL); legends and governance at blocks.FOOTNOTE_PT.
TITLE_PT, BODY_PT, SMALL_PT, COVER_TITLE_PT, FOOTER_PT, DRAFT_PT = 36, 32, 24, 44, 18, 20
LINES_PT = 28                # the cover's and the closing slide's lines: names and addresses, not points
GAP = 0.45                  # space before each bullet after the first, as a multiple of the size
MAX_GAP, FILLED = 1.0, 0.8   # a few points spread over their room, up to a blank line between them, filling
                             # at most that share of it (a slide's points, not a list huddled in its middle)
TIED_PT, TIED_GAP = SMALL_PT, 0.15   # a benefit's side effects and evidence: a level under its point, close to it
TIED_INDENT_PT = 31.5       # the template's second level's further indent (742950 - 342900 EMU)
EMU_PER_PT = 12700
INSET_PT = 7.2 * 2          # python-pptx/PowerPoint default left+right insets (0.1 in each)
BULLET_INDENT_PT = 27       # the template's first-level hanging indent (342900 EMU)
MAX_BULLETS, MAX_WORDS = 6, 40   # a slide read from the back of a room (STANDARDS S8)
MAX_WORDS_SOFT = 48              # "about" 40: a fifth more, rather than a split that leaves a slide half empty
WORDS_PER_MINUTE = 130           # the speaker's pace: the default of the deck's settings (outputs.py)
TALK_MINUTES = (15, 30)          # a support-group talk's length, time for questions left: the deck's default
NOTES_SECONDS = 120              # a slide's notes said in about 2 minutes at most: a longer section takes more slides


@dataclass(frozen=True)
class SlideSpec:
    """What one slide says, before it is laid out."""

    layout: str                         # a role of template.LAYOUTS, looked up by name
    title: str
    body: tuple[str, ...] = ()
    notes: str = ""
    size: int = BODY_PT
    bullets: bool = True
    title_size: int = TITLE_PT
    figure: KeyFigure | None = None
    qr: bool = False
    picture: Picture | None = None       # a picture of the topic's folder, typeset
    table: Table | None = None          # a table of the content, typeset
    rows: tuple[int, ...] = ()          # the table's rows on this slide
    text: TextPart | None = None        # the section (or summary) whose points these are: its notes are its text
    notes_of: str = ""                  # how a split slide's notes are made: "" (the first keeps them), "body", "plan"
    key: str = ""                       # the part of the content it shows, the same in every language (paging)
    seconds: int = 0                    # how long its notes take to say (timed)
    callout: str = ""                   # a call-out's kind (do, call, ask): its slide is framed in its style
    footnote: str = ""                  # lines under a table (its grades' legend), on each of its slides
    shares: tuple[float, ...] = ()      # a table's columns' shares of the width, when set
    grade_notes: tuple[str, ...] = ()   # per body line, the legend's line of the grade it shows: a page's footnote
    legend_intro: str = ""              # ...after whose criteria they are
    whole: bool = False                 # never split: an option's result, harms and evidence stay on one slide
    spared: int = 0                     # words not counted against the words a slide may carry ("ask your doctor")
    shorter: tuple[str, ...] = ()       # the body without them, for a slide they would take past its height
    tied: tuple[int, ...] = ()          # body lines that stay on the slide of the line before (a benefit's harms)
    recap: bool = False                 # the summary: its tied lines spared from the words a slide may carry

    @property
    def drawn(self) -> bool:
        """A slide whose body is drawn (a key figure, picture or table), not a text placeholder."""
        return self.figure is not None or self.picture is not None or self.table is not None


@dataclass(frozen=True)
class Need:
    """How many slides a part's points need in one edition at the deck's body size (what fits, within
    MAX_BULLETS and "about" 40 words), and whether the part is one point that the divider layout holds."""

    pages: int
    statement: bool
    title: str = ""


@dataclass(frozen=True)
class Paging:
    """The slides of a part in every edition of a topic: the same plan in every language."""

    pages: int
    statement: bool


@dataclass(frozen=True)
class TextPart:
    """The text a run of slides covers: a section's (or the summary's) heading, body and key points."""

    heading: str
    body: tuple[Block, ...]
    points: tuple[Point, ...]


LARGE_TABLE_CELLS = 24   # a table of more cells is not read out: its notes point to the slide and name its rows


def table_notes(table: Table, rows: tuple[int, ...], gettext: Text) -> str:
    """A table (the `rows` one slide shows) as it is said: its caption and its header, then a sentence per row,
    its first cell then the others ("Warm baths: no study described."); a large table's rows named only, the
    slide pointed to."""
    one_line: Text = lambda text: " ".join(text.split()).rstrip(".")  # noqa: E731  (a sentence per row)
    opening = f"{one_line(table.caption)}: {', '.join(map(one_line, table.header))}."
    if len(table.rows) * len(table.header) > LARGE_TABLE_CELLS:
        heads = ", ".join(one_line(table.rows[i][0]) for i in rows)
        return "\n".join([opening, gettext("The table on the screen gives the details for: %(rows)s.") % {"rows": heads}])
    return "\n".join([opening] + [f"{one_line(table.rows[i][0])}: {', '.join(map(one_line, table.rows[i][1:]))}."
                                   for i in rows])
