"""Every block of the content in every output, in the content's order: paragraphs, lists, pictures
(SVG, PNG) and tables, on a small synthetic topic about garden birds (no medical content)."""
from __future__ import annotations

import re
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest
import yaml
from articles import write_words
from babel import Locale
from checks import font_violations, press_violations, struct_tags, ua_violations
from conftest import build_into, flat, pdftotext, shared, soffice_pdf
from deck_checks import deck_violations, overflow_violations
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from handouts.cli import main
from handouts.content.model import Table
from handouts.errors import LayoutError
from handouts.pipeline.outputs import OUTPUTS
from handouts.render.deck.blocks import layout_table
from handouts.typography import typeset

ROOT = Path(__file__).resolve().parent.parent
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="150" viewBox="0 0 300 150">'
       '<rect width="300" height="150" fill="#d5dde2"/><circle cx="150" cy="75" r="50" fill="#0b4a66"/></svg>')
TEXT = {
    "en": dict(lang="en-CA", title="Birds of the Garden", intro="Many small birds visit gardens in winter.",
               feed="Feeding birds", nest="Nest boxes", items=["Seeds", "Fresh water", "Fat balls"],
               svg_alt="A dark blue circle on a light grey square, standing for a bird feeder",
               svg_caption="A feeder seen from above", before="Each bird prefers its own food.",
               caption="Which bird eats what", header=["Bird", "Food", "Where"],
               rows=[["Robin", "Worms", "Ground"], ["Blue tit", "Seeds", "Feeder"],
                     ["Blackbird", "Berries", "Hedge"], ["Wren", "Insects", "Shrubs"]],
               after="Clean the feeders every week.", boxes="A box with a small hole suits a tit.",
               png_alt="An orange rectangle standing for a nest box", last="Put the box out of the sun.",
               summary="In short", point="Feed, water and shelter birds."),
    "fr": dict(lang="fr-CA", title="Les oiseaux du jardin", intro="Beaucoup de petits oiseaux visitent les jardins l'hiver.",
               feed="Nourrir les oiseaux", nest="Les nichoirs", items=["Des graines", "De l'eau propre", "Des boules de graisse"],
               svg_alt="Un cercle bleu foncé sur un carré gris clair, pour une mangeoire",
               svg_caption="Une mangeoire vue du dessus", before="Chaque oiseau préfère sa nourriture.",
               caption="Quel oiseau mange quoi", header=["Oiseau", "Nourriture", "Lieu"],
               rows=[["Rouge-gorge", "Vers", "Sol"], ["Mésange bleue", "Graines", "Mangeoire"],
                     ["Merle", "Baies", "Haie"], ["Troglodyte", "Insectes", "Arbustes"]],
               after="Nettoyez les mangeoires chaque semaine.", boxes="Un nichoir au petit trou convient à la mésange.",
               png_alt="Un rectangle orange pour un nichoir", last="Placez le nichoir à l'ombre.",
               summary="En bref", point="Nourrir, abreuver et abriter les oiseaux."),
}


def edition(w: dict) -> dict:
    return {
        "lang": w["lang"], "title": w["title"], "published": "2025-05",
        "association": {"name": "Garden Club", "website": "https://example.org", "email": "info@example.org"},
        "authors": [{"name": "A. Tester", "degrees": "BSc", "positions": ["Bird watcher"]}],
        "sections": [
            {"id": "feeding", "heading": w["feed"], "key_points": [{"text": w["point"], "source": w["intro"]}], "body": [
                w["intro"], {"items": w["items"]},
                {"image": "feeder.svg", "alt": w["svg_alt"], "caption": w["svg_caption"]},
                w["before"], {"caption": w["caption"], "header": w["header"], "rows": w["rows"]}, w["after"]]},
            {"id": "nests", "heading": w["nest"], "key_points": [{"text": w["boxes"], "source": w["boxes"]}], "body": [
                w["boxes"], {"image": "nest.png", "alt": w["png_alt"]}, w["last"]]},
        ],
        "summary": {"heading": w["summary"], "body": [w["point"]], "key_points": [{"text": w["point"], "source": w["point"]}]},
        "references": [{"authors": ["Tester A"], "title": "Birds in gardens", "journal": "Test J",
                        "year": 2020, "volume": "1", "pages": "1-2", "doi": "10.5555/12345678"}],
    }


def write_topic(root: Path, png: bytes | None = None) -> Path:
    shutil.copytree(ROOT / "templates", root / "templates")
    folder = root / "content" / "birds"
    folder.mkdir(parents=True)
    for lang, words in TEXT.items():
        text = yaml.safe_dump(edition(words), allow_unicode=True, sort_keys=False)
        (folder / f"{lang}.yaml").write_text(text, encoding="utf-8")
        write_words(folder, text + " Bird Seeds Feeder")   # its words, and those a test puts in the French table
    (folder / "feeder.svg").write_text(SVG, encoding="utf-8")
    if png is None:
        buffer = BytesIO()
        Image.new("RGB", (120, 200), "#e07020").save(buffer, "PNG")
        png = buffer.getvalue()
    (folder / "nest.png").write_bytes(png)
    return root


def birds_built(tmp_path_factory) -> Path:
    """The output folder of one full build of the birds topic, made once per run and only read (conftest.shared):
    these tests and test_preflight's read it."""
    def make(out: Path) -> None:
        build_into(out, write_topic(tmp_path_factory.mktemp("birds")))
    return shared(tmp_path_factory, "birds-output", make) / "birds"


@pytest.fixture(scope="module")
def birds(tmp_path_factory) -> Path:
    return birds_built(tmp_path_factory)


def marked_content_problems(pdf: pikepdf.Pdf) -> list[str]:
    """Every marked-content sequence of the pages is an artifact or belongs, through the ParentTree,
    to a structure element that lists it."""
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    problems = []
    for number, page in enumerate(pdf.pages, 1):
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) != "BDC" or str(operands[0]) == "/Artifact":
                continue
            mcid = int(operands[1].MCID)
            owner = tree[int(page.obj.StructParents)][mcid]
            kids = list(owner.K) if isinstance(owner.K, pikepdf.Array) else [owner.K]
            if mcid not in [int(k) for k in kids if isinstance(k, int)]:
                problems.append(f"page {number}: MCID {mcid} is not listed by its structure element")
    return problems


def in_order(text: str, parts: list[str]) -> bool:
    """Every part appears in text, each after the one before."""
    at = 0
    for part in parts:
        at = text.find(flat(part), at)
        if at < 0:
            return False
        at += len(flat(part))
    return True


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_leaflet_tags_the_table_with_header_scopes(birds, lang):
    pdf = pikepdf.open(birds / lang / "leaflet.pdf")
    tags = struct_tags(pdf)
    kinds = [str(t.S) for t in tags]
    assert {"/Table", "/TR", "/TH", "/TD", "/Caption"} <= set(kinds)
    scopes = [str(t.A.get("/Scope")) for t in tags if str(t.S) == "/TH"]
    assert scopes.count("/Column") == 3 and scopes.count("/Row") == 4 and len(scopes) == 7
    assert kinds.count("/TD") == 4 * 2 and kinds.count("/TR") == 5
    alts = [str(t.get("/Alt", "")) for t in tags if str(t.S) == "/Figure"]
    locale = Locale.parse(TEXT[lang]["lang"], sep="-")
    assert typeset(TEXT[lang]["svg_alt"], locale) in alts and typeset(TEXT[lang]["png_alt"], locale) in alts


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_leaflet_with_pictures_and_a_table_meets_the_pdf_checks(birds, lang):
    pdf = pikepdf.open(birds / lang / "leaflet.pdf")
    assert ua_violations(pdf, TEXT[lang]["lang"]) == [] and font_violations(birds / lang / "leaflet.pdf") == []
    assert marked_content_problems(pdf) == []
    press = pikepdf.open(birds / lang / "leaflet-press.pdf")
    assert press_violations(press, (612, 792)) == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_leaflet_shows_every_block_in_content_order(birds, lang):
    w = TEXT[lang]
    raw = subprocess.run(["pdftotext", "-raw", str(birds / lang / "leaflet.pdf"), "-"],  # content-stream order
                         check=True, capture_output=True, text=True).stdout
    text = flat(raw)
    cells = [c for row in [w["header"], *w["rows"]] for c in row]
    assert in_order(text, [w["intro"], *w["items"], w["svg_caption"], w["before"], w["caption"],
                           *cells, w["after"], w["boxes"], w["last"]])
    pdf = pikepdf.open(birds / lang / "leaflet.pdf")
    images = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
    assert images  # the PNG (the SVG is drawn as vectors)


def test_the_card_leaves_pictures_and_tables_to_the_leaflet_and_deck(birds):
    text = flat(pdftotext(birds / "en" / "card.pdf"))
    assert TEXT["en"]["point"] in text and TEXT["en"]["caption"] not in text and "Blackbird" not in text


def slide_text(slide) -> str:
    """What a slide says, but its draft mark and its footer row (date, association, slide number)."""
    return flat(" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame and s.name != "Draft mark"
                         and not _footer(s)))


def _footer(shape) -> bool:
    ph = shape._element.find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}ph")
    return ph is not None and ph.get("type") in ("dt", "ftr", "sldNum")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_deck_has_pictures_and_a_native_table_after_their_section(birds, lang):
    w = TEXT[lang]
    fix = lambda text: typeset(text, Locale.parse(w["lang"], sep="-"))  # noqa: E731
    prs = Presentation(str(birds / lang / "deck.pptx"))
    slides = list(prs.slides)
    titles = [flat(s.shapes.title.text_frame.text) for s in slides]
    feed = titles.index(w["feed"] + " (1/2)")   # slides that share a title are numbered together, the first too
    assert titles[feed + 1:feed + 3] == [w["feed"] + " (2/2)", w["caption"]]
    assert titles[feed + 3] == w["nest"] + " (1/2)" and titles[feed + 4] == w["nest"] + " (2/2)"
    svg_slide, table_slide, png_slide = slides[feed + 1], slides[feed + 2], slides[feed + 4]
    for slide, alt in ((svg_slide, w["svg_alt"]), (png_slide, w["png_alt"])):
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        assert pictures[0]._element.xpath("./*[1]/p:cNvPr")[0].get("descr") == fix(alt)
    assert w["svg_caption"] in slide_text(svg_slide)
    assert slide_text(png_slide) == titles[feed + 4]  # no caption, none shown
    pic = next(s for s in svg_slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
    assert abs(pic.width / pic.height - 2.0) < 0.01  # the SVG's 300 x 150, kept
    png = next(s for s in png_slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
    assert abs(png.width / png.height - 120 / 200) < 0.01
    frames = [s for s in table_slide.shapes if s.has_table]
    assert len(frames) == 1 and frames[0]._element.find(f".//{A}tbl") is not None
    table = frames[0].table
    assert table.first_row and table.first_col
    cells = [[fix(c) for c in row] for row in [w["header"], *w["rows"]]]
    assert [[c.text for c in row.cells] for row in table.rows] == cells
    runs = [r for row in table.rows for c in row.cells for p in c.text_frame.paragraphs for r in p.runs]
    assert all(r.font.size.pt >= 18 and r.font._rPr.get("lang") == w["lang"] for r in runs)
    assert deck_violations(prs, w["lang"]) == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_deck_notes_keep_the_order_of_the_blocks(birds, lang):
    w = TEXT[lang]
    fix = lambda text: typeset(text, Locale.parse(w["lang"], sep="-"))  # noqa: E731
    prs = Presentation(str(birds / lang / "deck.pptx"))
    notes = {flat(s.shapes.title.text_frame.text): flat(s.notes_slide.notes_text_frame.text) for s in prs.slides}
    read_out = [fix(f"{row[0]}: {', '.join(row[1:])}") for row in w["rows"]]   # a sentence a row, its first cell first
    # The section's text on its slide; the picture and the table said on their own slides (never twice)
    assert in_order(notes[w["feed"] + " (1/2)"], [fix(p) for p in [w["intro"], *w["items"], w["before"], w["after"]]])
    assert fix(w["svg_alt"]) not in notes[w["feed"] + " (1/2)"] and read_out[0] not in notes[w["feed"] + " (1/2)"]
    assert fix(w["svg_caption"]) in notes[w["feed"] + " (2/2)"]   # a picture says its caption (its message)
    assert in_order(notes[w["caption"]], [fix(w["caption"])] + read_out)
    assert fix(w["png_alt"]) in notes[w["nest"] + " (2/2)"]   # or, without one, its description


def test_libreoffice_draws_the_table_and_captions_inside_their_frames(birds, tmp_path, font_env):
    deck = birds / "en" / "deck.pptx"
    pdf = soffice_pdf(deck, tmp_path, font_env)
    text = flat(pdftotext(pdf))
    for cell in [c for row in [TEXT["en"]["header"], *TEXT["en"]["rows"]] for c in row]:
        assert cell in text
    assert TEXT["en"]["svg_caption"] in text
    assert overflow_violations(Presentation(str(deck)), pdf) == []


def test_a_long_table_repeats_its_header_on_each_slide():
    table = Table(caption="Birds seen", header=("Bird", "Count", "Month"),
                  rows=tuple((f"Bird {n}", str(n), "May") for n in range(30)))
    cells = [list(table.header)] + [list(r) for r in table.rows]
    layout = layout_table(table, cells, "deck.pptx")
    assert len(layout.pages) > 1 and [i for page in layout.pages for i in page] == list(range(30))


def test_a_row_too_tall_for_a_slide_is_a_layout_error():
    table = Table(caption="Birds seen", header=("Bird", "Notes"), rows=(("Robin", " ".join(["song"] * 400)),))
    with pytest.raises(LayoutError) as error:
        layout_table(table, [list(table.header), list(table.rows[0])], "birds/en/deck.pptx")
    assert re.fullmatch(r"birds/en/deck\.pptx: table «Birds seen»: row 1 is \d+ pt too tall for a slide under "
                        r"its header row: shorten the cells of that row", str(error.value))


@pytest.mark.parametrize("name, data, message", [
    ("nest.png", b"not a picture", "'nest.png' is not a PNG image (no picture format recognised: save it as PNG)"),
    ("nest.png", "jpeg", "'nest.png' is not a PNG image (it is JPEG: give it the suffix of its format)"),
    ("feeder.svg", b"<html></html>", "'feeder.svg' is not an SVG image (its root is <html>, not <svg>)"),
])
def test_a_picture_that_is_not_of_its_format_is_a_located_error(tmp_path, capsys, name, data, message):
    root = write_topic(tmp_path)
    if data == "jpeg":
        buffer = BytesIO()
        Image.new("RGB", (8, 8)).save(buffer, "JPEG")
        data = buffer.getvalue()
    (root / "content" / "birds" / name).write_bytes(data)
    assert main(["--check"], root=root) == 2
    lines = capsys.readouterr().err.splitlines()
    for lang in ("en", "fr"):
        source = (root / "content" / "birds" / f"{lang}.yaml").read_text(encoding="utf-8").splitlines()
        line = next(n for n, text in enumerate(source, 1) if text.endswith(f"image: {name}"))
        column = source[line - 1].index(name) + 1
        index = (1, 1) if name == "nest.png" else (0, 2)
        assert (f"content/birds/{lang}.yaml:{line}:{column}: sections[{index[0]}].body[{index[1]}].image: "
                f"{message}") in lines


def test_a_long_table_is_split_over_slides_that_repeat_its_header(tmp_path):
    root = write_topic(tmp_path)
    for lang in ("en", "fr"):  # every edition has the same tables
        path = root / "content" / "birds" / f"{lang}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        table = data["sections"][0]["body"][4]
        table["rows"] = [[f"Bird {n}", "Seeds", "Feeder"] for n in range(1, 31)]
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    out = root / "out"
    assert main(["--output", str(out), "-q", "--strict", "--only", "deck.pptx", "--only", "leaflet.pdf"],
                root=root) == 0   # the two files read, in both editions
    prs = Presentation(str(out / "birds" / "en" / "deck.pptx"))
    parts = [s for s in prs.slides if flat(s.shapes.title.text_frame.text).startswith(TEXT["en"]["caption"])]
    assert len(parts) > 1
    assert [flat(s.shapes.title.text_frame.text) for s in parts] == [
        f"{TEXT['en']['caption']} ({n}/{len(parts)})" for n in range(1, len(parts) + 1)]
    rows = []
    for slide in parts:
        table = next(s for s in slide.shapes if s.has_table).table
        assert [c.text for c in table.rows[0].cells] == TEXT["en"]["header"]
        rows += [row.cells[0].text for row in list(table.rows)[1:]]
        assert flat(slide.notes_slide.notes_text_frame.text).startswith(TEXT["en"]["caption"])
    assert rows == [f"Bird {n}" for n in range(1, 31)]
    leaflet = out / "birds" / "en" / "leaflet.pdf"
    pdf = pikepdf.open(leaflet)
    tags = struct_tags(pdf)
    assert all(str(t.A.get("/Scope")) in ("/Column", "/Row") for t in tags if str(t.S) == "/TH")
    assert sum(1 for t in tags if str(t.S) == "/TH" and str(t.A.Scope) == "/Row") == 30
    assert [str(t.S) for t in tags].count("/Table") == 1  # its pieces joined, in one column or many
    assert sum(1 for t in tags if str(t.S) == "/TH" and str(t.A.Scope) == "/Column") == 3
    repeated = [ops for page in pdf.pages for ops, op in pikepdf.parse_content_stream(page)
                if str(op) == "BDC" and str(ops[0]) == "/Artifact" and ops[1].get("/Type") == "/Pagination"]
    assert len(repeated) >= 3  # the header row, repeated at the top of a column, is page furniture
    assert marked_content_problems(pdf) == []
    raw = subprocess.run(["pdftotext", "-raw", str(leaflet), "-"], check=True, capture_output=True, text=True).stdout
    assert in_order(flat(raw), [f"Bird {n} Seeds Feeder" for n in range(1, 31)])  # no row broken


def test_a_changed_picture_rebuilds_its_topic(tmp_path, stub_renderers):
    from handouts.pipeline.build import Project, build
    root = write_topic(tmp_path)
    out = root / "out"
    assert len(build(Project(root), out).built) == 2 * len(OUTPUTS)
    assert build(Project(root), out).built == []
    buffer = BytesIO()
    Image.new("RGB", (200, 120), "#207020").save(buffer, "PNG")
    (root / "content" / "birds" / "nest.png").write_bytes(buffer.getvalue())
    assert len(build(Project(root), out).built) == 2 * len(OUTPUTS)


def test_a_table_caption_too_long_for_a_slide_title_names_the_caption(tmp_path, capsys):
    root = write_topic(tmp_path)
    path = root / "content" / "birds" / "en.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["sections"][0]["body"][4]["caption"] = " ".join(["Which bird eats what in the garden"] * 4)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert main(["--output", str(root / "out"), "-q", "--only", "deck.pptx"], root=root) == 2
    assert re.search(r"birds/en/deck\.pptx: slide 5 «Which bird eats what in the garden .*»: title is \d+ pt too "
                     r"tall for its box: shorten the table's caption", capsys.readouterr().err)
