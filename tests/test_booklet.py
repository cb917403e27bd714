"""The booklet, read back: each half of each imposed sheet is cropped out (poppler's pdftotext -x -y -W -H, and
pdftoppm's picture of it) and known by the number its footer prints, the booklet's own page number (or found to be
the booklet's cover: the title and the association and no number; its back cover: the association alone; or blank,
no text and no ink), so the test sees which page landed where; the order is checked against a model of folding the
printed sheets, for leaflets of 1 to 6 pages behind a cover."""
from __future__ import annotations

import io
import math
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from articles import Shape, article, edition_of, write
from conftest import ROOT
from PIL import Image, ImageStat
from readback import normal

from handouts.cli import main
from handouts.pipeline.build import Project, load_editions
from handouts.pipeline.outputs import LEAFLET_PAGES
from handouts.render.configuration import configured
from handouts.render.context import RenderContext
from handouts.render.pdf.booklet import impose, sides
from handouts.render.pdf.leaflet import render as render_leaflet

BOOKLET, LEAFLET = "leaflet-booklet.pdf", "leaflet.pdf"
TABLOID, A3 = (1224, 792), (1190.55, 841.89)   # landscape, in points
ONLY = ("--only", LEAFLET, "--only", BOOKLET)   # what these tests read: the rest is not rendered
DPI = 36
# Made-up articles whose leaflets take 1, 2, 3 and 4 pages (the build allows no more), checked below.
SHAPES = {1: Shape(sections=1), 2: Shape(sections=3, paragraphs=2), 3: Shape(sections=5, paragraphs=3, paragraph_words=50),
          4: Shape(sections=6, paragraphs=4, paragraph_words=50)}
LONGER = {5: Shape(sections=7, paragraphs=4, paragraph_words=55), 6: Shape(sections=8, paragraphs=4, paragraph_words=60)}


def folded(order: list[tuple[int | None, int | None]]) -> list[int | None]:
    """The pages as a reader turns them, once the printed sheets (front and back, flipped on the short
    edge) are stacked in order, folded together and stapled: the outer sheet's front right half is the
    cover, its back left half the next page, then the next sheet inwards; the innermost sheet's back is
    the centre spread, and on the way out come each sheet's back right half, then its front left half."""
    sheets = [(order[i], order[i + 1]) for i in range(0, len(order), 2)]
    first = [page for front, back in sheets for page in (front[1], back[0])]
    second = [page for front, back in reversed(sheets) for page in (back[1], front[0])]
    return first + second


@pytest.mark.parametrize("pages", range(1, 17))
def test_the_order_folds_into_the_leaflet(pages):
    order = sides(pages)
    total = math.ceil(pages / 4) * 4
    assert len(order) == total // 2
    assert folded(order) == [n if n <= pages else None for n in range(1, total + 1)]
    assert order[0] == (None if pages < total else total, 1) and order[1][0] == (2 if pages > 1 else None)


def page_text(path: Path, page: int, box: tuple[float, float, float, float] | None = None) -> str:
    """Poppler's text of one page, or of the box (x, y, width, height in points from the top left) of it."""
    crop = [] if box is None else ["-x", str(round(box[0])), "-y", str(round(box[1])),
                                   "-W", str(round(box[2])), "-H", str(round(box[3]))]
    return normal(subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), *crop, str(path), "-"],
                                 check=True, capture_output=True, text=True).stdout)


def pictures(path: Path, folder: Path, stem: str) -> list[Image.Image]:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(path), str(folder / stem)], check=True)
    return [Image.open(p).convert("L") for p in sorted(folder.glob(f"{stem}-*.png"))]


COVER = 0   # what landing() calls the booklet's cover
BACK = -1   # and its back cover
FOOTER_PT = 0.85 * 72   # the leaflet's bottom margin: its running footer, which ends with the page's number
NUMBER = re.compile(r"·\s*(?:\w+\s+)?(\d+)(?:\s*/\s*\d+)?\s*$")   # "· 3" in a booklet, "· page 3 / 5" in a leaflet


def raw_text(path: Path, page: int, box: tuple[float, float, float, float]) -> str:
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-x", str(round(box[0])), "-y",
                           str(round(box[1])), "-W", str(round(box[2])), "-H", str(round(box[3])), str(path), "-"],
                          check=True, capture_output=True, text=True).stdout


def landing(booklet: Path, title: str, folder: Path) -> list[tuple[int | None, int | None]]:
    """Which page each half of each sheet side shows, read from the booklet alone: the number its footer prints
    (the booklet's own page numbers: what a reader counts, the cover first), COVER for the half that shows the
    title and the association and no number, BACK for one that shows the association and neither, None for a blank
    half (no text and no ink)."""
    with pikepdf.open(booklet) as pdf:
        width, height = (float(v) for v in pdf.pages[0].mediabox[2:])
    width /= 2
    sheets, association = pictures(booklet, folder, "side"), "Scleroderma Manitoba"   # the theme's association
    out = []
    for number, sheet in enumerate(sheets, 1):
        halves: list[int | None] = []
        for slot in (0, 1):
            text = page_text(booklet, number, (slot * width, 0, width, height))
            half = sheet.crop((slot * sheet.width // 2, 0, (slot + 1) * sheet.width // 2, sheet.height))
            if not text:
                assert ImageStat.Stat(half).extrema[0][0] >= 250, f"side {number}, half {slot}: no text, yet ink"
                halves.append(None)
                continue
            footer = raw_text(booklet, number, (slot * width, height - FOOTER_PT, width, FOOTER_PT)).strip()
            printed = NUMBER.search(footer)
            if printed is None:
                assert normal(association) in text, f"side {number}, half {slot}: no page number, and no cover"
                halves.append(COVER if normal(title) in text else BACK)
                continue
            halves.append(int(printed[1]))
        out.append((halves[0], halves[1]))
    return out


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[int, Path]:
    """The output folder of each made-up article, by its leaflet's page count."""
    out = {}
    for pages, shape in SHAPES.items():
        root = tmp_path_factory.mktemp(f"booklet{pages}")
        shutil.copytree(ROOT / "templates", root / "templates")
        write(root / "content", "garden", article(shape))
        assert main(["--output", str(root / "out"), "-q", "--strict", *ONLY], root=root) == 0
        out[pages] = root / "out" / "garden" / "en"
    return out


def pdf_title(path: Path) -> str:
    with pikepdf.open(path) as pdf:
        return str(pdf.docinfo["/Title"])


def behind_a_cover(pages: int) -> list[tuple[int | None, int | None]]:
    """The sides of a booklet of a cover and `pages` inner pages, as landing() reads them: each inner page numbered
    as the booklet's page (the cover its first), in the order of expected(), the back cover on the booklet's last
    page (sheet 1's front, left) when the padding leaves it blank."""
    total = math.ceil((pages + 1) / 4) * 4

    def at(n: int | None) -> int | None:
        if n == 1:
            return COVER
        if n is not None and n <= pages + 1:
            return n
        return BACK if n == total else None
    return [(at(left), at(right)) for left, right in expected(total)]


def inner_pages(found: list[tuple[int | None, int | None]]) -> int:
    """How many numbered (inner) pages a booklet's halves show."""
    return sum(1 for pair in found for n in pair if n not in (None, COVER, BACK))


def expected(pages: int) -> list[tuple[int | None, int | None]]:
    """The sides the issue asks for: sheet 1 front (last, 1), back (2, last - 1), and so on inwards."""
    last = math.ceil(pages / 4) * 4
    shown = lambda n: n if n <= pages else None  # noqa: E731
    return [pair for k in range(last // 4)
            for pair in ((shown(last - 2 * k), shown(2 * k + 1)), (shown(2 * k + 2), shown(last - 2 * k - 1)))]


def test_each_page_lands_where_the_fold_wants_it(made, tmp_path):
    """Each half of each sheet prints the number of the page it is once folded (the cover first, unnumbered), so
    the fold reads 1, 2, 3 ... to the back cover; the inner pages are the leaflet's, one fewer at most (its page 1's
    title band and lead are on the cover)."""
    for pages, folder in made.items():
        with pikepdf.open(folder / LEAFLET) as pdf:
            assert len(pdf.pages) == pages, "the shape no longer makes a leaflet of that many pages"
        found = landing(folder / BOOKLET, pdf_title(folder / LEAFLET), tmp_path / str(pages))
        inner = inner_pages(found)
        assert pages - 1 <= inner <= pages, (pages, found)
        assert found == behind_a_cover(inner) and expected(pages) == sides(pages)


def test_the_real_leaflets_are_imposed(built, tmp_path):
    for lang in ("fr", "en"):
        folder = built / "calcinose" / lang
        found = landing(folder / BOOKLET, pdf_title(folder / LEAFLET), tmp_path / lang)
        assert found == behind_a_cover(inner_pages(found)) and inner_pages(found) >= 2, found


def test_longer_leaflets_are_imposed(tmp_path):
    """Leaflets of 5 and 6 pages (beyond the build's budget, laid out here without it) padded to 8."""
    for pages, shape in LONGER.items():
        root = tmp_path / str(pages)
        shutil.copytree(ROOT / "templates", root / "templates")
        write(root / "content", "garden", article(shape))
        (edition,) = load_editions(Project(root)).values()
        leaflet = render_leaflet(edition, configured(RenderContext(root / "templates", root / "content" / "garden"),
                                                          [edition.language]), budget=None).data
        (root / LEAFLET).write_bytes(leaflet)
        (root / BOOKLET).write_bytes(impose(leaflet))
        assert len(pikepdf.open(root / LEAFLET).pages) == pages
        assert landing(root / BOOKLET, pdf_title(root / LEAFLET), root) == expected(pages)


def test_tabloid_landscape_untagged_with_the_leaflets_information(made, built):
    for folder in [*made.values(), built / "calcinose" / "fr"]:
        with pikepdf.open(folder / BOOKLET) as booklet, pikepdf.open(folder / LEAFLET) as leaflet:
            assert len(booklet.pages) in {math.ceil((len(leaflet.pages) + extra) / 4) * 2 for extra in (0, 1)}   # a cover,
            # then the leaflet's pages (its page 1's title band and lead on the cover: a page fewer at most)
            for page in booklet.pages:
                assert [round(float(v), 2) for v in page.mediabox] == [0, 0, *TABLOID]
                assert "/Annots" not in page.obj
            assert "/StructTreeRoot" not in booklet.Root and "/MarkInfo" not in booklet.Root
            assert str(booklet.Root.Lang) == str(leaflet.Root.Lang)
            for key in ("/Title", "/Subject", "/Author", "/Keywords"):
                if key in leaflet.docinfo:
                    assert str(booklet.docinfo[key]) == str(leaflet.docinfo[key]), key
            assert "/Title" in booklet.docinfo


def test_a4_leaflets_go_on_a3(made, tmp_path):
    content = made[3].parents[2]
    assert main(["--output", str(tmp_path), "-q", "--paper", "a4", "--only", LEAFLET, "--only", BOOKLET], root=content) == 0
    folder = tmp_path / "a4" / "garden" / "en"
    with pikepdf.open(folder / BOOKLET) as booklet:
        assert {tuple(round(float(v), 2) for v in page.mediabox) for page in booklet.pages} == {(0, 0, *A3)}
    found = landing(folder / BOOKLET, pdf_title(folder / LEAFLET), tmp_path)
    assert found == behind_a_cover(inner_pages(found)) and inner_pages(found) >= 2, found


def test_an_edit_of_the_leaflets_stylesheet_rebuilds_the_booklet(made, tmp_path):
    """The booklet is made from the leaflet's templates: it is rebuilt with the leaflet, with workers too,
    and its halves are the new leaflet's pages."""
    root = tmp_path / "project"
    shutil.copytree(made[2].parents[2], root)   # its output folder too, as its strict build left it
    out = root / "out"
    style = root / "templates" / "leaflet.css.j2"
    style.write_text(style.read_text(encoding="utf-8").replace("h2 { font-size: 15pt; }", "h2 { font-size: 19pt; }"),
                     encoding="utf-8")
    before = (out / "garden" / "en" / BOOKLET).read_bytes()
    assert main(["--output", str(out), "-q", "--jobs", "2", "--strict", *ONLY], root=root) == 0
    folder = out / "garden" / "en"
    assert folder.joinpath(BOOKLET).read_bytes() != before
    found = landing(folder / BOOKLET, pdf_title(folder / LEAFLET), tmp_path)
    assert found == behind_a_cover(inner_pages(found)), found


def test_the_cover_says_what_the_booklet_is_and_whose_it_is(made, built):
    """The front cover (the first sheet's right half): the title, the authors, the association with its web site
    and email; no page of the leaflet."""
    for folder in [made[1], made[4], built / "calcinose" / "fr", built / "calcinose" / "en"]:
        text = page_text(folder / BOOKLET, 1, (TABLOID[0] / 2, 0, TABLOID[0] / 2, TABLOID[1]))
        for said in (pdf_title(folder / LEAFLET), "Scleroderma Manitoba", "info@sclerodermamanitoba.com"):
            assert normal(said) in text, (folder, said)
        with pikepdf.open(folder / LEAFLET) as pdf:
            authors = str(pdf.docinfo["/Author"])
        assert all(normal(name.strip()) in text for name in re.split(r",| et | and ", authors) if name.strip()), folder


def test_the_back_cover_alone_gives_the_governance(made, built):
    """The governance lines (the document's code and version, its dates, its approval) are printed once, on the back
    cover, with the QR code and the contact (the inner pages' last page printed them too, a page before the back
    cover); read back with pdftotext."""
    for folder in [made[1], made[4], built / "calcinose" / "fr", built / "calcinose" / "en"]:
        text = pdftotext_of(folder / BOOKLET)
        code = re.search(r"[A-Z0-9-]+-\d+ · version \d+", pdftotext_of(folder / LEAFLET))
        assert code and text.count(code[0]) == 1, (folder, code and text.count(code[0]))


def pdftotext_of(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_a_booklet_of_no_leaflet_is_refused_by_the_leaflets_error(scratch, capsys):
    """A leaflet over its budget fails the build once, as the leaflet's error; no booklet is written."""
    content = scratch / "content" / "bird-feeders" / "fr.yaml"
    text = content.read_text(encoding="utf-8")
    marker = "    key_points:\n      - text: En hiver"
    assert marker in text
    content.write_text(text.replace(marker, "".join(
        "      - " + "Un paragraphe ajouté pour dépasser le budget. " * 10 + "\n" for _ in range(18 * LEAFLET_PAGES // 4))
        + marker, 1),
        encoding="utf-8")
    asked = ("leaflet.pdf", BOOKLET, "leaflet-press.pdf", "page.html")   # the leaflet's family, and a page beside
    assert main(["--output", str(scratch / "out"), *(a for n in asked for a in ("--only", n))], root=scratch) == 2
    err = capsys.readouterr().err.splitlines()
    assert not [line for line in err if BOOKLET in line]
    assert len([line for line in err if line.startswith("bird-feeders/fr/leaflet.pdf: overflows")]) == 1
    made = [p.name for p in (scratch / "out").rglob("*") if p.parent.name == "fr"]
    assert made == ["page.html"], made   # neither the leaflet, its press rendition nor the booklet made from it


def test_impose_pads_a_single_page():
    """impose() takes and gives bytes: a one-page PDF becomes one sheet, its back blank."""
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(612, 792))
        data = io.BytesIO()
        pdf.save(data)
    with pikepdf.open(io.BytesIO(impose(data.getvalue()))) as booklet:
        assert len(booklet.pages) == 2
        assert [float(v) for v in booklet.pages[0].mediabox] == [0, 0, 1224, 792]



def test_a_build_lays_the_leaflet_out_once_for_itself_and_once_for_its_booklet_and_never_reuses_an_older_build(
        scratch, monkeypatch):
    """In one process (--jobs 1) the leaflet is laid out once for itself and once as the booklet's inner pages (its
    title band and lead on the cover, the booklet's page numbers); each later build, after the leaflet's stylesheet
    changed, lays every leaflet out anew (what a build keeps is forgotten when the next starts: a watch-mode process
    builds again and again). The builds make the leaflets alone: every build's last outputs are leaflets (the screen
    leaflet and its booklet)."""
    import handouts.render.pdf.leaflet

    made: list[str] = []
    real = handouts.render.pdf.leaflet.render

    def counted(edition, ctx, output, *args, **options):
        made.append(output + (" (booklet)" if options.get("booklet") else ""))
        return real(edition, ctx, output, *args, **options)

    monkeypatch.setattr(handouts.render.pdf.leaflet, "render", counted)
    out, css = scratch / "output", scratch / "templates" / "leaflet.css.j2"
    leaflets = ONLY
    assert main(["--output", str(out), "--jobs", "1", "-q", *leaflets], root=scratch) == 0
    screen = [name for name in made if name.endswith("/leaflet.pdf")]
    assert screen and len(screen) == len(set(screen))   # once per edition for itself
    assert sorted(name for name in made if name.endswith("/leaflet.pdf (booklet)")) == [f"{n} (booklet)" for n in sorted(screen)]
    family = sorted(p for p in out.rglob("leaflet*.pdf"))
    for spacing in ("0.02em", "0.03em"):                # the second build's last outputs are leaflets
        before = [p.read_bytes() for p in family]
        css.write_text(css.read_text(encoding="utf-8") + f"\nh2 {{ letter-spacing: {spacing}; }}\n", encoding="utf-8")
        made.clear()
        assert main(["--output", str(out), "--jobs", "1", "-q", *leaflets], root=scratch) == 0
        assert sorted(name for name in made if name.endswith("/leaflet.pdf")) == sorted(screen)
        assert [b != p.read_bytes() for b, p in zip(before, family)] == [True] * len(family), spacing


def test_the_cover_alone_carries_the_title_and_the_lead_and_the_pages_print_plain_numbers(made, built, tmp_path):
    """The title and the lead are printed once, on the cover (the leaflet's page 1 repeated them under it): no
    inner half shows them; each inner page's footer ends with its plain number in the booklet (no "page N / M",
    which counted the leaflet's pages, not the booklet's sheets)."""
    cases = [(made[1], made[1].parents[2] / "content", "garden"), (made[4], made[4].parents[2] / "content", "garden"),
             *((built / "calcinose" / lang, ROOT / "content", "calcinose") for lang in ("fr", "en"))]
    for folder, content, topic in cases:
        edition, title = edition_of(content, topic, folder.name), pdf_title(folder / LEAFLET)
        # the lead's first words (before any term the glossary marks), or the title again where there is no lead
        lead = normal(" ".join(str(edition.lead).split()[:6])) if edition.lead else normal(title)
        found = landing(folder / BOOKLET, title, tmp_path / topic / folder.name)
        with pikepdf.open(folder / BOOKLET) as pdf:
            width, height = float(pdf.pages[0].mediabox[2]) / 2, float(pdf.pages[0].mediabox[3])
        shown = {COVER: 0, "inner": 0}
        for side, pair in enumerate(found, 1):
            for slot, number in enumerate(pair):
                text = page_text(folder / BOOKLET, side, (slot * width, 0, width, height))
                if number == COVER:
                    assert normal(title) in text and lead in text, (folder, side)
                    shown[COVER] += 1
                elif number not in (None, BACK):
                    assert normal(title) not in text and lead not in text, (folder, side, slot)
                    footer = raw_text(folder / BOOKLET, side, (slot * width, height - FOOTER_PT, width, FOOTER_PT))
                    assert "/" not in footer and footer.strip().endswith(str(number)), (folder, footer)
                    shown["inner"] += 1
        assert shown[COVER] == 1 and shown["inner"] >= 1, (folder, found)
