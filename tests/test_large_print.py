"""The large-print leaflet, read back from the finished file: its type sizes by pdfplumber (pdfminer's
reading of every character's size and place), one column, figures across it, the leaflet's tags,
and everything the leaflet carries; as large-print guidance asks (APH: 18 pt everywhere; CNIB: no
watermark, no italics), every character at 18 pt or more, no italic face, a draft's mark over no text,
and a footer on one line; on the real article and on made-up ones, one far longer."""
from __future__ import annotations

import functools
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from articles import Shape, article, write, write_picture
from checks import font_violations, struct_tags, ua_violations
from conftest import ROOT, flat, pdftotext
from readback import missing, normal
from test_structure import assert_structure_is_the_text, content_blocks

from handouts.cli import main
from handouts.pipeline.outputs import by_filename
from handouts.typography import typeset

pytestmark = pytest.mark.runs_long   # tests/conftest.py: started first

LARGE, LEAFLET = "leaflet-large.pdf", "leaflet.pdf"
BODY_PT, HEADING_PT, SMALLEST_PT = 18, 22, 18
FOOTER_PT = 72   # the bottom margins hold the running footer below this (the leaflet's 0.85 in, the large print's 0.9 in)
SHAPES = {
    "every block": Shape(sections=3, subsections=(1,), paragraphs=2, lists=True, tables=((3, 4),),
                         pictures=("a.svg", "b.png"), figures=("icons", "bars", "stat", "body-sites", "result")),
    "long": Shape(sections=6, subsections=(1, 1), paragraphs=2, paragraph_words=45, lists=True, references=8,
                  figures=("bars", "icons")),
}


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    size: float
    x0: float
    x1: float
    top: float
    footer: bool    # in the page's bottom margin: the running footer, not the text flowing on


@dataclass(frozen=True)
class Page:
    """What these tests read of one page, read once a file (pdfplumber's reading is most of their time)."""

    height: float
    chars: list[dict]          # pdfplumber's characters: text, size, fontname, matrix, x0, x1, top, bottom
    words: list[Word]          # the level words, in the order drawn
    artifacts: Counter[tuple]  # the shapes drawn as page furniture (tagged Artifact), by kind and place


@functools.cache
def read_pdf(path: Path) -> tuple[float, tuple[Page, ...]]:
    """The file's page width and its pages, read once per test run (every file these tests read is written once)."""
    pages = []
    with pdfplumber.open(path) as pdf:
        width = float(pdf.pages[0].width)
        for number, page in enumerate(pdf.pages):
            height = float(page.height)
            level = page.filter(lambda o: o["object_type"] != "char" or not (o["matrix"][1] or o["matrix"][2]))
            found = [Word(number, token, float(w["size"]), w["x0"], w["x1"], w["top"], w["top"] > height - FOOTER_PT)
                     for w in level.extract_words(extra_attrs=["size"], use_text_flow=True)
                     for token in flat(w["text"]).split()]
            drawn = Counter((kind, *(round(float(o[k]), 1) for k in ("x0", "top", "x1", "bottom")))
                            for kind in ("curves", "rects", "lines") for o in getattr(page, kind) if o.get("tag") == "Artifact")
            pages.append(Page(height, list(page.chars), found, drawn))
    return width, tuple(pages)


def words(path: Path) -> tuple[list[Word], float]:
    """Every level word of the file in the order drawn (the diagonal draft mark left out: pdfplumber calls
    its letters upright, their matrix says otherwise), each with its type size; and the page width."""
    width, pages = read_pdf(path)
    return [w for page in pages for w in page.words], width


def find(text: str, found: list[Word]) -> list[Word]:
    """The words of the file that show `text`, compared without whitespace as readback does (the footers
    left out); where the text crosses a page, what is drawn last on the first (a list's markers) is passed over."""
    body = [w for w in found if not w.footer]
    wanted = normal(text)
    for crossing in (False, True):     # the text without a break first
        if taken := _find(wanted, body, crossing):
            return taken
    raise AssertionError(f"not found in the file: {text}")


def _find(wanted: str, body: list[Word], crossing: bool) -> list[Word]:
    """The words from the first that start `wanted` on; `crossing`: where it goes on to the next page, past
    the markers drawn last on its page (a list's bullets or numbers: no letter in them)."""
    for start in range(len(body)):
        rest, taken, skipped = wanted, [], False
        for w in body[start:]:
            piece = normal(w.text)
            if piece and rest.startswith(piece) and (not skipped or w.page == taken[-1].page + 1):
                taken.append(w)
                rest, skipped = rest[len(piece):], False
                if not rest:
                    return taken
            elif crossing and taken and w.page == taken[-1].page and not any(c.isalpha() for c in w.text):
                skipped = True
            else:
                break
    return []


def typeset_words(text: str, locale: str, count: int | None = None) -> str:
    """The first `count` words of the text as typeset (all of it when None)."""
    return " ".join(typeset(text, locale).split()[:count])


def paragraphs(edition) -> list[str]:
    return [b for s in edition.all_sections() for b in s.body if isinstance(b, str)]


def headings(edition) -> list[str]:
    return [edition.title, edition.summary.heading, *(s.heading for s in edition.all_sections())]


def size_problems(path: Path, edition) -> list[str]:
    found, _ = words(path)
    problems = [f"{w.text!r} at {w.size:.1f} pt, under {SMALLEST_PT} pt" for w in found if w.size < SMALLEST_PT - 0.05]
    for text in paragraphs(edition):
        problems += [f"body {w.text!r} at {w.size:.1f} pt" for w in find(typeset_words(text, edition.locale, 8), found)
                     if w.size < BODY_PT - 0.05]
    for text in headings(edition):
        problems += [f"heading {w.text!r} at {w.size:.1f} pt" for w in find(typeset_words(text, edition.locale, 4), found)
                     if w.size < HEADING_PT - 0.05]
    sizes = Counter(round(w.size) for w in found for _ in w.text)
    if sizes.most_common(1)[0][0] < BODY_PT:
        problems.append(f"most text is at {sizes.most_common(1)[0][0]} pt")
    return problems


def column_problems(path: Path, edition) -> list[str]:
    """One column: every line of every paragraph starts at the same left edge and the longest reach past
    the page's middle, by far."""
    found, width = words(path)
    lines: list[list[Word]] = []
    for text in paragraphs(edition):
        for w in find(typeset_words(text, edition.locale), found):   # in the order drawn: line after line
            if lines and lines[-1][0].page == w.page and abs(lines[-1][0].top - w.top) < w.size / 2:
                lines[-1].append(w)
            else:
                lines.append([w])
    starts = sorted({round(min(w.x0 for w in line)) for line in lines})
    widest = max(max(w.x1 for w in line) for line in lines)
    problems = [f"lines start at {starts} pt"] if starts[-1] - starts[0] > 2 else []
    if widest < 0.75 * width:
        problems.append(f"the widest line ends at {widest:.0f} pt of a {width:.0f} pt page")
    return problems


def wide_figures(path: Path) -> int:
    """How many Figure elements span most of the page's width (their layout box, in CSS px)."""
    with pikepdf.open(path) as pdf:
        page_px = float(pdf.pages[0].mediabox[2]) / 0.75
        boxes = [[float(v) for v in t.A.BBox] for t in struct_tags(pdf) if str(t.S) == "/Figure" and "/A" in t]
    return sum(1 for x0, _, x1, _ in boxes if x1 - x0 >= 0.8 * page_px)


def enlarged(edition) -> int:
    """Figures the large print draws across the column: pictures and charts but the result cards and the key
    numbers (a stat, read as large type beside its words: across the column, a number fills a page)."""
    pictures = sum(1 for s in edition.all_sections() for b in s.body if type(b).__name__ == "Picture")
    return pictures + sum(1 for f in edition.key_figures if f.chart not in ("result", "stat"))


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """Each shape's content folder and output folder, one build each."""
    out = {}
    for name, shape in SHAPES.items():
        root = tmp_path_factory.mktemp("large")
        shutil.copytree(ROOT / "templates", root / "templates")
        write(root / "content", "garden", article(shape))
        for picture in shape.pictures:
            write_picture(root / "content" / "garden", picture)
        assert main(["--output", str(root / "out"), "-q", "--strict", "--only", LEAFLET, "--only", LARGE], root=root) == 0
        out[name] = root / "content", root / "out" / "garden" / "en"   # the two files these tests read
    return out


def cases(built, made) -> list[tuple[Path, object]]:
    real = [(built / "calcinose" / lang, content_blocks(ROOT / "content", lang)) for lang in ("fr", "en")]
    return real + [(folder, content_blocks(content, "en")) for content, folder in made.values()]


def test_body_18_headings_22_nothing_under_14(built, made):
    for folder, edition in cases(built, made):
        assert size_problems(folder / LARGE, edition) == [], folder
        assert size_problems(folder / LEAFLET, edition), "the check sees the leaflet's 13 pt"


def test_one_column(built, made):
    for folder, edition in cases(built, made):
        assert column_problems(folder / LARGE, edition) == [], folder
        assert column_problems(folder / LEAFLET, edition), "the check sees the leaflet's two columns"


def test_figures_span_the_column(built, made):
    for folder, edition in cases(built, made):
        assert enlarged(edition) and wide_figures(folder / LARGE) == enlarged(edition), folder
        assert wide_figures(folder / LEAFLET) == 0


def test_tagged_like_the_screen_leaflet(built, made):
    for folder, edition in cases(built, made):
        with pikepdf.open(folder / LARGE) as pdf:
            assert ua_violations(pdf, edition.lang) == []
        assert font_violations(folder / LARGE) == []
        assert_structure_is_the_text(folder / LARGE, edition)


def test_carries_what_the_leaflet_carries(built, made):
    leaflet = by_filename(LEAFLET)
    for folder, edition in cases(built, made):
        assert missing(folder / LARGE, leaflet.required(edition), "pdf") == [], folder


def test_no_page_budget_and_the_build_reports_its_pages(made, capsys, tmp_path):
    content, folder = made["long"]
    leaflet, large = (len(pikepdf.open(folder / name).pages) for name in (LEAFLET, LARGE))
    assert leaflet <= 4 < large
    assert main(["--output", str(tmp_path), "--jobs", "1", "--only", LARGE], root=content.parent) == 0
    large = len(pikepdf.open(tmp_path / "garden" / "en" / LARGE).pages)   # without the leaflet, its 'also' line is shorter
    assert f"garden/en/{LARGE}: {large} pages (no page budget)" in capsys.readouterr().out.splitlines()
    assert main(["--output", str(tmp_path), "--proof", "--only", LARGE], root=content.parent) == 0
    proof = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert re.search(rf"{LARGE}</a></h2><p>large print[^<]* · letter · {large} pages", proof)


def test_the_budget_check_before_rendering_passes_over_it(made):
    from handouts.pipeline.build import Project, load_editions
    from handouts.pipeline.outputs import OUTPUTS
    from handouts.render import budget

    content, _ = made["long"]
    editions = load_editions(Project(content.parent))
    assert by_filename(LARGE).budget is None and by_filename(LARGE).area is None
    assert budget.over_budget((by_filename(LARGE),), editions, "letter") == []
    lines = budget.over_budget(OUTPUTS, editions, "letter")
    assert all(LARGE not in line for line in lines)



def body_leading(pdf: Path, size: float) -> float:
    """The most common distance between the baselines of consecutive lines set at `size` pt, in pt: the body's
    line height, read from the finished file."""
    gaps: Counter[float] = Counter()
    for page in read_pdf(pdf)[1]:
        lines = sorted({round(c["bottom"], 1) for c in page.chars if abs(c["size"] - size) < 0.2})
        gaps.update(round(b - a, 1) for a, b in zip(lines, lines[1:]) if 0 < b - a < 2.5 * size)
    return gaps.most_common(1)[0][0]


def test_body_lines_are_spaced_one_and_a_half(built, made):
    """APH and CNIB ask for generous leading: the large print's body lines are 1.5 x 18 pt apart (the leaflet's
    own 1.3 once leaked into its paragraphs), and the check sees the leaflet's 1.3 x 13 pt."""
    for folder, _ in cases(built, made):
        assert body_leading(folder / LARGE, 18) == pytest.approx(27, abs=0.3), folder
    assert body_leading(built / "calcinose" / "en" / LEAFLET, 13) == pytest.approx(16.9, abs=0.3)


# Large-print guidance read from the finished file: APH's 18 pt for every word, CNIB's no italics and no
# watermark (a draft's mark over no text), and a footer that never breaks a phrase.

def chars_under(path: Path, size: float = BODY_PT) -> list[str]:
    """Every character drawn under `size` pt, whatever its part (footer, caption, table, reference, artifact)."""
    return [f"page {n}: {c['text']!r} at {c['size']:.1f} pt in {c['fontname']}" for n, page in enumerate(read_pdf(path)[1], 1)
            for c in page.chars if c["size"] < size - 0.05]


def test_every_character_at_18_pt_or_more(built, made):
    for folder, _ in cases(built, made):
        assert chars_under(folder / LARGE)[:5] == [], folder
    assert chars_under(built / "calcinose" / "en" / LEAFLET), "the check sees the leaflet's small type"


def italic_faces(path: Path) -> set[str]:
    """The italic or oblique faces the file draws text with (pdfplumber's font of every character) or holds
    (poppler's pdffonts, forms included)."""
    italic = re.compile(r"italic|oblique", re.IGNORECASE)
    faces = {c["fontname"] for page in read_pdf(path)[1] for c in page.chars if italic.search(c["fontname"])}
    listed = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    return faces | {line.split()[0] for line in listed.splitlines()[2:] if line.strip() and italic.search(line.split()[0])}


def test_no_italics(built, made):
    for folder, _ in cases(built, made):
        assert italic_faces(folder / LARGE) == set(), folder
    assert italic_faces(built / "calcinose" / "en" / LEAFLET), "the check sees the leaflet's italic journals"


def footer_lines(path: Path) -> list[list[str]]:
    """Each page's running footer (the characters in its bottom margin), line by line: a new line where a
    character's baseline is lower than the last one's by half its size or more."""
    out = []
    for page in read_pdf(path)[1]:
        chars = sorted((c for c in page.chars if c["top"] > page.height - FOOTER_PT),
                       key=lambda c: (round(c["bottom"]), c["x0"]))
        lines: list[list[dict]] = []
        for c in chars:
            if lines and abs(lines[-1][-1]["bottom"] - c["bottom"]) < c["size"] / 2:
                lines[-1].append(c)
            else:
                lines.append([c])
        out.append(["".join(c["text"] for c in sorted(line, key=lambda c: c["x0"])) for line in lines])
    return out


def test_the_footer_on_one_line(built, made):
    """Each page's footer is one line at 18 pt, its page number whole ("page 3 / 16", never "page" on a line
    of its own)."""
    for folder, _ in cases(built, made):
        pages = footer_lines(folder / LARGE)
        for number, lines in enumerate(pages, 1):
            assert len(lines) == 1, (folder, number, lines)
            assert re.search(rf"page\s*{number}\s*/\s*{len(pages)}$", lines[0]), (folder, number, lines)


DRAFT_MARK = {"en": "DRAFT — not approved for distribution", "fr": "ÉBAUCHE — non approuvée pour distribution"}


def drawings(path: Path) -> list[Counter[tuple]]:
    """Each page's page furniture drawn as shapes (pdfplumber's curves, rects and lines tagged Artifact: a
    draft's mark is drawn as the outlines of its letters), by kind and place."""
    return [page.artifacts for page in read_pdf(path)[1]]


def overlaps_of_the_mark(draft: Path, approved: Path) -> tuple[int, list[str], float]:
    """A draft's mark is what every page of the draft draws, in the same place, and the same edition approved
    does not (what its governance lines move is drawn on one page): how many shapes it has, every character
    (body text, headings, footer) whose box crosses one of them, and the mark's height."""
    chars = [[(c["x0"], c["top"], c["x1"], c["bottom"], c["text"]) for c in page.chars] for page in read_pdf(draft)[1]]
    diffs = [set(drawn - plain) for drawn, plain in zip(drawings(draft), drawings(approved), strict=True)]
    mark = set.intersection(*diffs)
    crossed = sorted({f"page {number}: {t!r}" for number, text in enumerate(chars, 1) for _, x0, top, x1, bottom in mark
                      for cx0, ctop, cx1, cbottom, t in text
                      if cx0 < x1 - 0.5 and cx1 > x0 + 0.5 and ctop < bottom - 0.5 and cbottom > top + 0.5})
    height = max(k[4] for k in mark) - min(k[2] for k in mark) if mark else 0.0
    return len(mark), crossed, height


def approve_and_build(root: Path, editions: list[str], out: Path, *outputs: str) -> Path:
    """The output folder of the project's editions approved, built again (only the files named)."""
    for name in editions:
        assert main(["--approve", name, "--by", "Dr A. Tester", "--role", "reviewer"], root=root) == 0
    assert main(["--output", str(out), "-q", *(arg for output in outputs for arg in ("--only", output))], root=root) == 0
    return out


def test_a_drafts_mark_crosses_no_text(built, made, tmp_path):
    """CNIB: no watermark in large print. A draft says so on every page, in a band above the text that no
    character crosses (read against the same edition approved, which draws the same pages without it), at
    least as tall as the text, drawn and not written: its words are not in the text layer."""
    real, other = tmp_path / "real", tmp_path / "made"
    shutil.copytree(ROOT / "content", real / "content")
    shutil.copytree(ROOT / "templates", real / "templates")
    approved = approve_and_build(real, ["calcinose/fr", "calcinose/en"], tmp_path / "real-out", LARGE, LEAFLET) / "calcinose"
    made_content, made_folder = made["every block"]
    shutil.copytree(made_content, other / "content")
    shutil.copytree(made_content.parent / "templates", other / "templates")
    pairs = [(built / "calcinose" / lang, approved / lang, lang) for lang in ("fr", "en")]
    pairs.append((made_folder, approve_and_build(other, ["garden/en"], tmp_path / "made-out", LARGE) / "garden" / "en", "en"))
    for draft, plain, lang in pairs:
        shapes, crossed, height = overlaps_of_the_mark(draft / LARGE, plain / LARGE)
        assert shapes and crossed == [], (draft, shapes, crossed[:5])
        assert height >= BODY_PT, (draft, height)
        text = pdftotext(draft / LARGE)
        assert normal(DRAFT_MARK[lang]) not in normal(text), draft
        assert not re.search(r"^\s*(DR|AF|ÉB|AU|CH)\s*$", text, re.MULTILINE), draft
    _, crossed, _ = overlaps_of_the_mark(built / "calcinose" / "en" / LEAFLET, approved / "en" / LEAFLET)
    assert crossed, "the check sees the leaflet's diagonal mark across its text"


FIRST_PAGE_GAP = 0.12   # of the page's height: a line or two short, never the quarter page a box kept whole left


def first_page_gap(path: Path) -> float:
    """The empty height under the last line of page 1's text, above the footer, as a part of the page's height."""
    page = read_pdf(path)[1][0]
    bottom = max(w.top + w.size for w in page.words if not w.footer)
    return (page.height - FOOTER_PT - bottom) / page.height


def test_page_one_is_full(built, made):
    """The summary box runs on from page 1 to page 2 (kept whole, it went to page 2 and left a quarter of page 1
    empty under the lead), on the real article in both languages and on the made-up ones."""
    for folder, _ in cases(built, made):
        if len(read_pdf(folder / LARGE)[1]) > 1:
            assert first_page_gap(folder / LARGE) <= FIRST_PAGE_GAP, folder


TOP_PT = 0.9 * 72         # the large print's top margin (the draft's band): the text flows below it
SHORTEST = 0.4            # of a page's text height: a page but the last filled at least this far down


def filled(path: Path) -> list[tuple[float, bool]]:
    """Each page's fill, read from the finished file: how far down its text height the lowest word, picture or drawing
    reaches (0 to 1), and whether the page starts with a figure (a drawing or picture half an inch or more above its
    first word: a box's or a table's rule is closer)."""
    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            low, high = TOP_PT, float(page.height) - FOOTER_PT
            spans = [(w["top"], w["bottom"], True) for w in page.extract_words()]
            spans += [(float(o["top"]), float(o["bottom"]), False) for o in (*page.images, *page.rects, *page.curves)]
            inside = sorted(s for s in spans if s[0] >= low - 2 and s[1] <= high + 2 and s[1] - s[0] < 0.9 * (high - low))
            bottom = max((s[1] for s in inside), default=low)
            first_word = min((s[0] for s in inside if s[2]), default=high)
            out.append(((bottom - low) / (high - low), bool(inside) and first_word - inside[0][0] >= 36))
    return out


def test_no_page_is_left_half_empty(built, made):
    """No page but the last ends above 40 % of its height (a box or an option moved whole to the next page left the
    page above it half empty), unless what follows is a figure, which a page cannot hold below its text (nor can it
    be drawn smaller: its words would fall under 18 pt); the last page a quarter full at least: measured from the
    finished file, on the first article in both languages and on the made-up ones."""
    for folder, _ in cases(built, made):
        pages = filled(folder / LARGE)
        short = [(n, round(fill, 2)) for n, ((fill, _), (_, figure)) in enumerate(zip(pages, pages[1:]), 1)
                 if fill < SHORTEST and not figure]
        assert not short, (folder, short)
        assert pages[-1][0] >= 0.25, (folder, "the last page", pages[-1][0])


REFERENCE = re.compile(r"^\s*(\d{1,3})\.\s+\S")


def references_by_page(path: Path, heading: str) -> list[int]:
    """How many references (numbered list items) begin on each page from the references' heading on."""
    pages = pdftotext(path).split("\f")
    first = max(n for n, page in enumerate(pages) if heading in page.splitlines())
    counts = []
    for n, page in enumerate(pages[first:]):
        lines = page.splitlines()
        lines = lines[lines.index(heading) + 1:] if n == 0 else lines
        counts.append(sum(1 for line in lines if REFERENCE.match(line)))
    return [c for c in counts if c]


def test_no_page_holds_a_lone_reference(built, made):
    """The references are never one alone on a page (a last page of one reference and the governance lines):
    the first two and the last two together, each whole."""
    for folder, _ in cases(built, made):
        heading = "Références" if folder.name == "fr" else "References"
        counts = references_by_page(folder / LARGE, heading)
        assert sum(counts) >= 2, (folder, counts)
        assert all(c >= 2 for c in counts), (folder, counts)
