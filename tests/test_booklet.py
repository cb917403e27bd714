"""The booklet, read back: each half of each imposed sheet is cropped out (poppler's pdftotext -x -y -W -H,
and pdftoppm's picture of it) and matched with the leaflet's pages (or found to be the booklet's cover: the
title and the association, and no page of the leaflet), so the test sees which page landed where; the order
is checked against a model of folding the printed sheets, for leaflets of 1 to 6 pages behind a cover."""
from __future__ import annotations

import io
import math
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from articles import Shape, article, write
from conftest import ROOT
from PIL import Image, ImageChops, ImageStat
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


def landing(booklet: Path, leaflet: Path, folder: Path) -> list[tuple[int | None, int | None]]:
    """Which leaflet page each half of each sheet side shows (None: a blank, COVER: the cover, a half that is
    no page of the leaflet but shows its title and the association), found by its text and confirmed by its
    picture; an AssertionError when a half matches no page."""
    with pikepdf.open(leaflet) as pdf:
        count = len(pdf.pages)
        width, height = (float(v) for v in pdf.pages[0].mediabox[2:])
    texts = [page_text(leaflet, n) for n in range(1, count + 1)]
    title, association = str(pdf_title(leaflet)), "Scleroderma Manitoba"   # the theme's association (templates/theme.yaml)
    assert len(set(texts)) == count, "the leaflet's pages must differ to be told apart"
    shown, sheets = pictures(leaflet, folder, "page"), pictures(booklet, folder, "side")
    out = []
    for number, sheet in enumerate(sheets, 1):
        halves = []
        for slot in (0, 1):
            text = page_text(booklet, number, (slot * width, 0, width, height))
            half = sheet.crop((slot * sheet.width // 2, 0, (slot + 1) * sheet.width // 2, sheet.height))
            if not text:
                assert ImageStat.Stat(half).extrema[0][0] >= 250, f"side {number}, half {slot}: no text, yet ink"
                halves.append(None)
                continue
            if text not in texts and normal(title) in text and normal(association) in text:
                halves.append(COVER)
                continue
            if text not in texts and normal(association) in text and normal(title) not in text:
                halves.append(BACK)   # whom to ask and how to reach them, no page of the leaflet
                continue
            assert text in texts, f"side {number}, half {slot} is no page of the leaflet"
            page = texts.index(text) + 1
            same = shown[page - 1].resize(half.size)
            assert ImageStat.Stat(ImageChops.difference(half, same)).mean[0] < 3, f"side {number}, half {slot}"
            halves.append(page)
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
    """The sides of a booklet of a cover and the leaflet's pages: expected() of one page more, the first the cover,
    and the back cover on the booklet's last page (sheet 1's front, left) when the padding leaves it blank."""
    shift = lambda n: None if n is None else n - 1  # noqa: E731
    out = [(shift(left), shift(right)) for left, right in expected(pages + 1)]
    if out[0][0] is None:
        out[0] = (BACK, out[0][1])
    return out


def expected(pages: int) -> list[tuple[int | None, int | None]]:
    """The sides the issue asks for: sheet 1 front (last, 1), back (2, last - 1), and so on inwards."""
    last = math.ceil(pages / 4) * 4
    shown = lambda n: n if n <= pages else None  # noqa: E731
    return [pair for k in range(last // 4)
            for pair in ((shown(last - 2 * k), shown(2 * k + 1)), (shown(2 * k + 2), shown(last - 2 * k - 1)))]


def test_each_page_lands_where_the_fold_wants_it(made, tmp_path):
    for pages, folder in made.items():
        with pikepdf.open(folder / LEAFLET) as pdf:
            assert len(pdf.pages) == pages, "the shape no longer makes a leaflet of that many pages"
        found = landing(folder / BOOKLET, folder / LEAFLET, tmp_path / str(pages))
        assert found == behind_a_cover(pages) and expected(pages) == sides(pages)


def test_the_real_leaflets_are_imposed(built, tmp_path):
    for lang in ("fr", "en"):
        folder = built / "calcinose" / lang
        pages = len(pikepdf.open(folder / LEAFLET).pages)
        assert landing(folder / BOOKLET, folder / LEAFLET, tmp_path / lang) == behind_a_cover(pages)


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
        assert landing(root / BOOKLET, root / LEAFLET, root) == expected(pages)


def test_tabloid_landscape_untagged_with_the_leaflets_information(made, built):
    for folder in [*made.values(), built / "calcinose" / "fr"]:
        with pikepdf.open(folder / BOOKLET) as booklet, pikepdf.open(folder / LEAFLET) as leaflet:
            assert len(booklet.pages) == math.ceil((len(leaflet.pages) + 1) / 4) * 2   # a cover, then the leaflet
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
    pages = len(pikepdf.open(folder / LEAFLET).pages)
    texts = [[page_text(folder / BOOKLET, side, (slot * A3[0] / 2, 0, A3[0] / 2, A3[1])) for slot in (0, 1)]
             for side in range(1, len(behind_a_cover(pages)) + 1)]
    wanted = [[page_text(folder / LEAFLET, n) if n else "" for n in pair] for pair in behind_a_cover(pages)]
    cover = [(side, slot) for side, pair in enumerate(behind_a_cover(pages)) for slot, n in enumerate(pair) if n == COVER]
    assert len(cover) == 1 and normal(pdf_title(folder / LEAFLET)) in texts[cover[0][0]][cover[0][1]]
    texts[cover[0][0]][cover[0][1]] = ""
    assert texts == wanted


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
    pages = len(pikepdf.open(folder / LEAFLET).pages)
    assert landing(folder / BOOKLET, folder / LEAFLET, tmp_path) == behind_a_cover(pages)


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



def test_a_build_lays_the_leaflet_out_once_for_itself_and_its_booklet_and_never_reuses_an_older_build(
        scratch, monkeypatch):
    """In one process (--jobs 1) the booklet takes the leaflet's bytes just made; each later build, after the
    leaflet's stylesheet changed, lays every leaflet out anew (what a build keeps is forgotten when the next
    starts: a watch-mode process builds again and again). The builds make the leaflets alone: every build's
    last outputs are leaflets (the screen leaflet and its booklet)."""
    import handouts.render.pdf.leaflet

    made: list[str] = []
    real = handouts.render.pdf.leaflet.render

    def counted(edition, ctx, output, **options):
        made.append(output)
        return real(edition, ctx, output, **options)

    monkeypatch.setattr(handouts.render.pdf.leaflet, "render", counted)
    out, css = scratch / "output", scratch / "templates" / "leaflet.css.j2"
    leaflets = ONLY
    assert main(["--output", str(out), "--jobs", "1", "-q", *leaflets], root=scratch) == 0
    screen = [name for name in made if name.endswith("/leaflet.pdf")]
    assert screen and len(screen) == len(set(screen))   # once per edition, though the booklet needs it too
    family = sorted(p for p in out.rglob("leaflet*.pdf"))
    for spacing in ("0.02em", "0.03em"):                # the second build's last outputs are leaflets
        before = [p.read_bytes() for p in family]
        css.write_text(css.read_text(encoding="utf-8") + f"\nh2 {{ letter-spacing: {spacing}; }}\n", encoding="utf-8")
        made.clear()
        assert main(["--output", str(out), "--jobs", "1", "-q", *leaflets], root=scratch) == 0
        assert sorted(name for name in made if name.endswith("/leaflet.pdf")) == sorted(screen)
        assert [b != p.read_bytes() for b, p in zip(before, family)] == [True] * len(family), spacing
