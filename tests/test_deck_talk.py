"""The deck as a talk, read back with python-pptx: slides read from the back of a room (bullets, words,
titles, fill, pictures and tables), notes that say the source text once, and timings that add up; on the
real content and on made-up articles of other shapes, built through the CLI."""
from __future__ import annotations

import contextlib
import gettext
import io
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import yaml
from articles import Shape, article, write, write_picture
from conftest import ROOT
from deck_checks import LAYOUT_NAMES, body_fill, overflow_violations, title_violations
from pptx import Presentation
from pptx.util import Emu

from handouts.cli import main
from handouts.content.derived import SENTENCE_END
from handouts.content.model import Edition, KeyFigure, Picture, Table
from handouts.pipeline.build import Project, load_editions
from handouts.pipeline.outputs import by_filename
from handouts.render import fit
from handouts.render.deck.notes import LOOK_SECONDS, TIME, not_about_the_text, seconds, units, word_count
from handouts.render.deck.slides import body_height
from handouts.render.deck.spec import BODY_PT, NOTES_SECONDS, SMALL_PT, TITLE_PT
from handouts.typography import NBSP

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
WORDS_PER_MINUTE = by_filename("deck.pptx").settings["words_per_minute"]
SHAPES = {
    "many": Shape(sections=5, subsections=(2, 1), key_points=6, paragraphs=3, paragraph_words=25, lists=True,
                  tables=((3, 4),), pictures=("a.svg", "b.png"), figures=("bars", "result"), references=4,
                  card={"key_points": ["part-1/1", "part-2/1"]}),
    "short": Shape(sections=1, key_points=1, paragraph_words=4, references=1),
    "long-points": Shape(sections=2, key_points=6, paragraph_words=90, paragraphs=2, pictures=("a.svg",),
                         figures=("icons", "stat", "body-sites"), lang="fr-CA", card={"key_points": ["part-1/1"]}),
    "two-points": Shape(sections=3, key_points=2, callouts=("do", "call", "ask"), figures=("bars",), references=9),
}


def build_topic(folder: Path, editions: list[dict], pictures: tuple[str, ...] = ()) -> tuple[int, str, Path]:
    shutil.copytree(ROOT / "templates", folder / "templates")
    for name in pictures:
        write_picture(folder / "content" / "garden", name)
    for data in editions:
        write(folder / "content", "garden", data)
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["--output", str(folder / "out"), "--strict", "--jobs", "1", "--only", "deck.pptx",
                     "--only", "deck-script.pdf"], root=folder)   # what these tests read
    return code, err.getvalue(), folder / "out"


def longer(data: dict) -> dict:
    """The same article in French, each key point of the first section twice as long: a translation's length."""
    data = yaml.safe_load(yaml.safe_dump(data))
    data["lang"] = "fr-CA"
    for point in data["sections"][0]["key_points"]:
        point["text"] = point["text"][:-1] + " " + point["text"]
    return data


@pytest.fixture(scope="session")
def made_up(tmp_path_factory) -> dict[str, tuple[Path, Edition, str]]:
    """Each made-up shape built once (deck, edition, the build's warnings); 'pair' is a topic in two languages."""
    out = {}
    for name, shape in SHAPES.items():
        folder = tmp_path_factory.mktemp(name)
        code, err, built = build_topic(folder, [article(shape)], shape.pictures)
        assert code == 0, err
        edition = next(iter(load_editions(Project(folder)).values()))
        out[name] = (next(built.glob("garden/*/deck.pptx")), edition, err)
    pair = Shape(sections=3, key_points=4, paragraph_words=25, card={"key_points": ["part-1/1"]})
    folder = tmp_path_factory.mktemp("pair")
    code, err, built = build_topic(folder, [article(pair), longer(article(pair))])
    assert code == 0, err
    for lang, edition in load_editions(Project(folder)).items():
        out[f"pair-{Path(lang).stem}"] = (built / "garden" / Path(lang).stem / "deck.pptx", edition, err)
    return out


@pytest.fixture(scope="session")
def real(built) -> dict[str, tuple[Path, Edition, str]]:
    editions = load_editions(Project(ROOT))   # the first article's: other topics in content/ have their own decks
    return {f"real-{Path(name).stem}": (built / "calcinose" / Path(name).stem / "deck.pptx", edition, "")
            for name, edition in editions.items() if name.startswith("content/calcinose/")}


DECKS = ["real-fr", "real-en", *SHAPES, "pair-en", "pair-fr"]


@pytest.fixture(params=DECKS)
def deck(request, real, made_up) -> tuple[Presentation, Edition, str]:
    path, edition, err = (real if request.param.startswith("real") else made_up)[request.param]
    return Presentation(str(path)), edition, err


def notes_of(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def said(slide) -> str:
    """A slide's notes without the timing lines the build adds (the last two of the last slide)."""
    lines = notes_of(slide).splitlines()
    return "\n".join(line for line in lines if not TIME.search(line))


def key(text: str) -> str:
    """Text compared whatever its typography: letters and digits only, lower case."""
    return re.sub(r"[\W_]+", "", text.replace("’", "'").lower())


def bullet_slides(prs):
    for number, slide in enumerate(prs.slides, 1):
        if slide.slide_layout.name != "Content":
            continue
        body = next((s for s in slide.placeholders if s.placeholder_format.idx == 1), None)
        if body is None or body.text_frame._txBody.find(".//{*}buNone") is not None:
            continue
        yield number, slide, body


# Words a slide may carry beyond its "about 40": sending the patient to their doctor where the article does not
# describe an option's side effects (a clinician's review asked for them on every such slide).
SPARED = re.compile(r"[;；]\s*(ask your doctor|demandez à votre médecin)", re.I)


def test_at_most_six_bullets_and_about_forty_words(deck):
    prs, *_ = deck
    for number, _, body in bullet_slides(prs):
        paragraphs = [p.text for p in body.text_frame.paragraphs if p.text.strip()]
        assert len(paragraphs) <= 6, number
        counted = [SPARED.sub("", p) for p in paragraphs]
        assert sum(word_count(p) for p in counted) <= 48, (number, paragraphs)  # "about" 40: a fifth more at most


def test_titles_fit_in_two_lines_of_their_box(deck):
    prs, *_ = deck
    for number, slide in enumerate(prs.slides, 1):
        title = slide.shapes.title
        size = title.text_frame.paragraphs[0].runs[0].font.size.pt
        lines = fit.wrap(title.text_frame.text, size, Emu(title.width).pt - 14.4, bold=True, fallback=True)
        assert len(lines) <= (3 if slide.slide_layout.name == "Cover" else 2), (number, lines)
        assert len(lines) * size * fit.LINE_SPACING <= Emu(title.height).pt + 1, number


def part_of(prs, title: str) -> list:
    """The slides of a section's run: those whose title is the same but for its "(n/m)"."""
    base = re.sub(r"\s?\(\d+/\d+\)$", "", title.replace(NBSP, " "))
    return [s for s in prs.slides
            if re.sub(r"\s?\(\d+/\d+\)$", "", s.shapes.title.text_frame.text.replace(NBSP, " ")) == base]


def paced(prs, title: str) -> bool:
    """Whether a run of slides says more than one slide's notes should (about 2 minutes at the deck's pace): a
    section whose text takes that long is spread over more slides than its points fill."""
    return seconds("\n".join(said(s) for s in part_of(prs, title)), WORDS_PER_MINUTE) > NOTES_SECONDS


def test_notes_within_about_two_minutes_a_slide(deck):
    """No slide's notes read a long block of the article aloud: each says at most about 2 minutes at the deck's
    words per minute, unless its slide shows a single point (with the side effects tied to it), which cannot be
    split further (the plan gives a long section more slides rather than more notes on one)."""
    prs, *_ = deck
    for number, slide in enumerate(prs.slides, 1):
        time = seconds(said(slide), WORDS_PER_MINUTE)
        body = body_of(slide)
        points = [p for p in body.text_frame.paragraphs if p.level == 0] if body is not None else []
        run = part_of(prs, slide.shapes.title.text_frame.text)   # a slide more would leave one a bare point
        shown = sum(len([p for p in body_of(s).text_frame.paragraphs if p.level == 0]) for s in run
                    if body_of(s) is not None)
        assert time <= NOTES_SECONDS or len(points) <= 1 or shown < 2 * (len(run) + 1), \
            (number, slide.shapes.title.text_frame.text, time)


def test_no_bullet_slide_more_than_two_thirds_empty_unless_the_section_is_one_short_point(deck):
    """Measured with the metrics the deck is laid out for (the wider of the typeface and its fallback)."""
    prs, edition, err = deck
    for number, slide, body in bullet_slides(prs):
        paragraphs = [p.text for p in body.text_frame.paragraphs]
        size = body.text_frame.paragraphs[0].runs[0].font.size.pt
        height = fit.height(paragraphs, size, Emu(body.width).pt - 14.4 - 27, fallback=True)
        title = slide.shapes.title.text_frame.text
        if title.startswith(("Outline", "Plan")) or not re.search(r"\(\d+/\d+\)$", title):
            continue   # an outline, or a whole section on one slide: as much as its author wrote
        if f"«{title.rsplit(NBSP, 1)[0].replace(NBSP, ' ')}»" in err:
            continue   # split as another language's longer text needs, and the build said so
        if paced(prs, title):
            continue   # split so that no slide's notes run past about 2 minutes (test_notes_within_about_...)
        footnote = 0.0   # the body's placeholder stops above a legend: its height is its room
        # at the deck's one body size, a list split by the limits of a slide fills a third of it at least (its
        # text in the middle of the room, not hanging from the title); test_a_continuation_only_... checks the split
        assert height >= (Emu(body.height).pt - 7.2 - footnote) / 3 - 1, (number, title, size)


def test_every_picture_and_table_on_a_slide_of_its_section_with_alt_text(deck):
    prs, edition, _ = deck
    slides = list(prs.slides)
    for section in edition.all_sections():
        for block in section.body:
            if isinstance(block, Picture):
                shown = [(s, p) for s in slides for p in s.shapes._spTree.iter(f"{P}pic")
                         if key(p.find(f".//{P}cNvPr").get("descr", "")) == key(block.alt)]
                assert len(shown) == 1, block.alt
                title = shown[0][0].shapes.title.text_frame.text
                assert key(title).startswith(key(section.slide_title)), (title, section.slide_title)
            elif isinstance(block, Table):
                frames = [s for s in slides for f in s.shapes if f.has_table and key(
                    f._element.find(f".//{P}cNvPr").get("descr", "")) == key(block.caption)]
                assert frames, block.caption


def said_units(notes: str) -> list[str]:
    """The sentences and list items of notes, compared whatever their typography."""
    return [key(sentence) for line in notes.splitlines() for sentence in SENTENCE_END.split(line)]


def untitled(title: str) -> str:
    """A slide's title without the "(n/m)" of a run of slides."""
    return re.sub(r"\s?\(\d+/\d+\)$", "", title.replace(NBSP, " "))


def figure_slides(prs, edition: Edition) -> dict[int, KeyFigure]:
    """The slides that show a key figure (a chart under the figure's title), by number."""
    titles = {key(f.title): f for f in edition.key_figures}
    return {n: titles[key(untitled(s.shapes.title.text_frame.text))] for n, s in enumerate(prs.slides, 1)
            if key(untitled(s.shapes.title.text_frame.text)) in titles and body_of(s) is None}


def test_notes_say_the_source_text_once_and_are_never_duplicated(deck):
    """The section's text is said once across the slides that cover it (a figure's slide says its figure's
    sentence again: its message, test_a_figure_or_picture_slide_says_its_message)."""
    prs, edition, _ = deck
    notes = [said(slide) for slide in prs.slides]
    assert all(n.strip() for n in notes)
    assert len(set(notes)) == len(notes), [n for n, c in Counter(notes).items() if c > 1]
    assert not any(line.rstrip().endswith("..") and not line.rstrip().endswith("...")
                   for n in notes for line in n.splitlines())
    shown = figure_slides(prs, edition)
    names = {key(o.name) for o in edition.options}   # an option's slide says its sentences again (test_deck_speaker)
    told = Counter(unit for n, (slide, text) in enumerate(zip(prs.slides, notes), 1)
                   if n not in shown and key(untitled(slide.shapes.title.text_frame.text)) not in names
                   for unit in said_units(text))
    on_options = {unit for slide, text in zip(prs.slides, notes)
                  if key(untitled(slide.shapes.title.text_frame.text)) in names for unit in said_units(text)}
    on_figures = {unit for n, text in enumerate(notes, 1) if n in shown for unit in said_units(text)}  # a point it shows
    source = Counter(key(text) for part in edition.all_sections() for _, text in units(part.body))
    for text, count in source.items():   # the summary's notes are a recap (test_deck_speaker)
        assert told[text] == count or (not told[text] and text in on_options | on_figures), text[:60]
    lead = not_about_the_text(edition.lead or "", edition.language)  # the authors' "In this article" unsaid
    assert key(edition.title) in key(notes[0]) and key(lead) in key(notes[0])
    assert all(key(s.heading) in told for s in edition.all_sections())


def test_cover_and_outline_open_the_talk_not_the_article(deck):
    prs, edition, _ = deck
    source = {key(text) for part in (*edition.all_sections(), edition.summary) for _, text in units(part.body)}
    name = re.sub(r"\(\d+/\d+\)$", "", prs.slides[1].shapes.title.text_frame.text)
    opening = [s for s in list(prs.slides)[:4] if s.slide_layout.name == "Cover"
               or s.shapes.title.text_frame.text.startswith(name)]
    for slide in opening:
        assert not source & set(said_units(said(slide)))
    outline = " ".join(said(slide) for slide in opening[1:])
    assert all(key(s.slide_title) in key(outline) for s in edition.sections)


def test_the_cover_is_one_slide_with_where_the_text_comes_from(deck):
    """The cover is never split ("(1/2)", "(2/2)"): one Cover slide, and what it must say (where the text was first
    published, whose translation it is) is on it, in small type at its foot."""
    prs, edition, _ = deck
    covers = [s for s in prs.slides if s.slide_layout.name == "Cover"]
    assert len(covers) == 1 and not re.search(r"\(\d+/\d+\)$", covers[0].shapes.title.text_frame.text.strip())
    text = key(" ".join(shape.text_frame.text for shape in covers[0].shapes if shape.has_text_frame))
    if edition.translation_note:
        assert key(edition.translation_note) in text


def test_the_synthetic_topics_covers_are_one_slide_each(scratch_built):
    """The synthetic topic's English cover has a publisher's credit and a translation note (it was split in two)."""
    for deck in sorted(scratch_built.glob("*/*/deck.pptx")):
        covers = [s for s in Presentation(str(deck)).slides if s.slide_layout.name == "Cover"]
        assert len(covers) == 1, deck


def test_speaking_times_are_present_and_summed(deck):
    prs, *_ = deck
    times = []
    for number, slide in enumerate(prs.slides, 1):
        last = notes_of(slide).splitlines()[-1]
        found = TIME.search(last)
        assert found, (number, last)
        time = int(found[1]) * 60 + int(found[2])
        assert time == seconds(said(slide), WORDS_PER_MINUTE) >= LOOK_SECONDS, number
        times.append(time)
    total_line = notes_of(prs.slides[-1]).splitlines()[-2]
    minutes, slides = map(int, re.findall(r"\d+", total_line))
    assert (minutes, slides) == (round(sum(times) / 60), len(prs.slides))


def test_layouts_by_name_and_slide_numbers(deck):
    prs, *_ = deck
    assert {slide.slide_layout.name for slide in prs.slides} <= set(LAYOUT_NAMES)
    for slide in list(prs.slides)[1:]:
        assert slide.shapes._spTree.findall(".//{*}fld[@type='slidenum']"), slide.shapes.title.text_frame.text


def test_the_same_slide_plan_in_every_language(real, made_up):
    for a, b in (("real-fr", "real-en"), ("pair-en", "pair-fr")):
        plans = []
        for name in (a, b):
            path = (real if name.startswith("real") else made_up)[name][0]
            prs = Presentation(str(path))
            plans.append([(s.slide_layout.name, re.search(r"\(\d+/\d+\)$", s.shapes.title.text_frame.text) is not None
                           and re.search(r"\(\d+/\d+\)$", s.shapes.title.text_frame.text)[0]) for s in prs.slides])
        assert plans[0] == plans[1], (a, b)


def test_a_translation_that_forces_a_split_is_reported(made_up):
    _, _, err = made_up["pair-fr"]
    assert re.search(r"warning: garden: deck: «.*» \(section:part-1\) of the en-CA edition takes \d slides", err), err


def test_a_talk_outside_its_minutes_is_reported_not_failed(made_up):
    """The build above ran --strict and passed: a short talk is a report line, not an error."""
    _, _, err = made_up["short"]
    assert re.search(r"warning: garden/en/deck.pptx: the talk runs about \d+ min \(\d+ slides\), outside the 15-30", err)


@pytest.mark.parametrize("name", ["real-fr", "real-en", "many", "long-points"])
def test_the_speaker_script_shows_each_slide_its_points_notes_and_time(name, real, made_up):
    """deck-script.pdf, read back with pdftotext, against the deck read back with python-pptx."""
    from pypdf import PdfReader
    path, _, _ = (real if name.startswith("real") else made_up)[name]
    pages = [page.extract_text(orientations=(0,)) for page in PdfReader(path.with_name("deck-script.pdf")).pages]
    footer = set.intersection(*(set(page.splitlines()) for page in pages))   # on every page: the grades' legend
    text = key("".join(line for page in pages for line in page.splitlines()      # upright text: no draft mark
                       if not re.fullmatch(r"\s*\d+\s*(/\s*\d+)?\s*", line)   # and no page numbers
                       and line not in footer))
    prs = Presentation(str(path))
    at = 0
    for number, slide in enumerate(prs.slides, 1):
        title = key(slide.shapes.title.text_frame.text)
        at = text.find(f"{number}{title}", at)
        assert at >= 0, (number, slide.shapes.title.text_frame.text)
        time = TIME.search(notes_of(slide).splitlines()[-1])
        assert key(time[0]) in text[at:], number
        lines = said(slide).splitlines()[:-1 if number == len(prs.slides) else None]   # the whole talk's: the band
        for unit in said_units("\n".join(lines))[:3]:
            assert unit in text[at:], (number, unit)
        body = next((s for s in slide.placeholders if s.placeholder_format.idx == 1), None)
        for para in (body.text_frame.paragraphs if body is not None else ()):
            assert key(para.text) in text[at:], (number, para.text)


def test_the_proof_sheet_shows_the_talk_length(real, monkeypatch):
    from handouts.pipeline import proof
    from handouts.render.deck.talk import talk_length
    path, _, _ = real["real-fr"]
    prs = Presentation(str(path))
    times = [TIME.search(notes_of(slide).splitlines()[-1]) for slide in prs.slides]
    total = sum(int(m) * 60 + int(s) for m, s in (t.groups() for t in times))
    assert talk_length(path) == (total, len(prs.slides))
    monkeypatch.setitem(proof.THUMBNAILERS, "deck", lambda deck, folder: ((), ("a title",)))
    output_dir = path.parent.parent.parent
    sheet = proof.page([proof.describe(path, output_dir)], output_dir, [], ROOT / "templates")
    assert f"talk about {total / 60:.0f} min" in sheet


NO_TYPEFACE = """<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<selectfont><rejectfont><pattern><patelt name="family"><string>Atkinson Hyperlegible</string></patelt></pattern>
</rejectfont></selectfont><cachedir>{cache}</cachedir></fontconfig>"""


@pytest.fixture(scope="session")
def renderings(real, made_up, font_env, tmp_path_factory) -> dict[str, dict[str, tuple[Path, Path]]]:
    """Every deck converted by LibreOffice twice, one soffice run each: on a machine with the typeface
    (font_env) and on one without it (a fontconfig that rejects it: a venue's laptop)."""
    folder = tmp_path_factory.mktemp("renderings")
    (folder / "fonts.conf").write_text(NO_TYPEFACE.format(cache=folder / "cache"), encoding="utf-8")
    without = {**font_env, "FONTCONFIG_FILE": str(folder / "fonts.conf"), "HOME": str(folder)}
    decks = {name: path for name, (path, _, _) in {**real, **made_up}.items()}
    out: dict[str, dict[str, tuple[Path, Path]]] = {}
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    assert exe, "LibreOffice (soffice) is not installed: see README, test set-up"
    for setting, env in (("with", font_env), ("without", without)):
        target = folder / setting
        target.mkdir()
        copies = []
        for name, path in decks.items():
            copies.append(target / f"{name}.pptx")
            shutil.copy(path, copies[-1])
        subprocess.run([exe, "--headless", "--convert-to", "pdf", "--outdir", str(target), *map(str, copies)],
                       check=True, capture_output=True, env=env, timeout=600)
        fonts = subprocess.run(["fc-match", "-f", "%{family}", "Atkinson Hyperlegible"], env=env,
                               capture_output=True, text=True).stdout
        assert ("Atkinson Hyperlegible" in fonts) == (setting == "with"), (setting, fonts)
        out[setting] = {name: (path, target / f"{name}.pdf") for name, path in decks.items()}
    return out


@pytest.mark.parametrize("setting", ["with", "without"])
@pytest.mark.parametrize("name", ["real-fr", "real-en", *SHAPES, "pair-en", "pair-fr"])
def test_every_slide_fits_with_and_without_the_typeface(renderings, setting, name):
    from pypdf import PdfReader
    deck, pdf = renderings[setting][name]
    prs = Presentation(str(deck))
    assert len(PdfReader(pdf).pages) == len(prs.slides)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert ("AtkinsonHyperlegible" in fonts.replace(" ", "")) == (setting == "with"), fonts
    assert overflow_violations(prs, pdf) == []
    assert title_violations(prs, pdf) == []


@pytest.mark.parametrize("name", ["real-fr", "real-en", "many", "long-points", "pair-en", "pair-fr"])
def test_bulleted_slides_use_their_room(renderings, real, made_up, name):
    """Points at the deck's body size (32 pt), spread over the room when a few leave it empty: as LibreOffice draws
    them, the bulleted slides' text covers about two thirds of their room on average, and at most a third of them
    leave more than 40 % of it empty (a designer found 40 % empty on most of the first article's slides). On the
    articles whose sections have text to fill a slide: two short points are as much as their author wrote (the
    'two-points' and 'short' shapes; test_no_bullet_slide_more_than_two_thirds_empty_...)."""
    deck, pdf = renderings["with"][name]
    prs, err = Presentation(str(deck)), {**real, **made_up}[name][2]
    slides = list(prs.slides)
    fill = {n: f for n, f in body_fill(prs, pdf).items()   # but a part split as another language's text needs (said)
            if f"«{untitled(slides[n - 1].shapes.title.text_frame.text)}»" not in err}
    assert fill
    thin = {n: round(f, 2) for n, f in fill.items() if f < 0.6}
    assert sum(fill.values()) / len(fill) >= 0.62 and len(thin) <= len(fill) / 3, (thin, len(fill))


def test_title_checker_catches_a_title_run_into_a_figure(renderings, tmp_path, font_env):
    """The checker fails on a deck whose title was made too tall for its box, over the figure under it."""
    deck, _ = renderings["with"]["real-fr"]
    prs = Presentation(str(deck))
    slide = next(s for s in prs.slides if s.slide_layout.name == "Figure")
    slide.shapes.title.text_frame.paragraphs[0].runs[0].text = "Un titre beaucoup trop long " * 6
    prs.save(tmp_path / "broken.pptx")
    from conftest import soffice_pdf
    pdf = soffice_pdf(tmp_path / "broken.pptx", tmp_path, font_env)
    assert any("runs into" in p or "out of its box" in p or "not found as drawn" in p   # a title on its foot grows
               for p in title_violations(prs, pdf))   # upwards, past the top of the slide


def audit(paths: list[Path], folder: Path) -> list[dict]:
    """openxml-audit's findings against Microsoft 365's schemas, for each file (an independent validator),
    in one run over a folder of copies."""
    import json
    import sys
    for number, path in enumerate(paths):
        shutil.copy(path, folder / f"{number:02d}-{path.parent.name}-{path.name}")
    found = subprocess.run([sys.executable, "-m", "openxml_audit", "-f", "microsoft365", "-m", "0", "-o", "json",
                            "-r", str(folder)], capture_output=True, text=True, timeout=600)
    return json.loads(found.stdout)


def test_every_deck_passes_the_schema_validator(real, made_up, tmp_path):
    decks = [path for path, _, _ in (*real.values(), *made_up.values())]
    results = audit(decks + [ROOT / "templates" / "deck.pptx"], tmp_path)
    assert len(results) == len(decks) + 1
    assert [(r["file"], r["errors"][:3]) for r in results if r["error_count"]] == []


def test_the_validator_catches_negative_axis_ids(real, tmp_path):
    """What python-pptx writes unless the build renumbers them: the validator refuses it."""
    import zipfile
    path, _, _ = real["real-fr"]
    broken = tmp_path / "broken.pptx"
    (tmp_path / "audit").mkdir()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("ppt/charts/chart"):
                data = re.sub(rb'(<c:(?:axId|crossAx) val=")(\d+)', rb"\g<1>-\2", data)
            target.writestr(item, data)
    assert audit([broken], tmp_path / "audit")[0]["error_count"] > 0


# The deck's design, read from the finished file: one type scale, continuations only where the text needs them,
# a closing slide in one piece, charts read as a reader expects, call-out frames the size of their text.

def body_of(slide):
    return next((s for s in slide.placeholders if s.placeholder_format.idx == 1), None)


def test_one_type_scale(deck):
    """Every point of a bulleted slide at the deck's body size (options' slides, never split, at one size of
    their own), every side effect under its point at the smaller step, every title one size above the body."""
    prs, *_ = deck
    points: dict[float, list[int]] = {}
    titles = set()
    for slide in prs.slides:
        if slide.slide_layout.name != "Cover":
            titles.add(slide.shapes.title.text_frame.paragraphs[0].runs[0].font.size.pt)
    for number, _, body in bullet_slides(prs):
        own = {r.font.size.pt for p in body.text_frame.paragraphs if p.level == 0 for r in p.runs}
        under = {r.font.size.pt for p in body.text_frame.paragraphs if p.level > 0 for r in p.runs}
        assert len(own) == 1, (number, own)   # never a slide's own size
        assert under <= {SMALL_PT}, (number, under)
        points.setdefault(own.pop(), []).append(number)
    assert set(points) <= {BODY_PT, SMALL_PT}, points
    assert max(points, key=lambda size: len(points[size])) == BODY_PT, points
    assert titles == {TITLE_PT} and TITLE_PT > max(points), titles


def _measure(body) -> tuple[list[str], set[int], float, float]:
    paragraphs = [p.text for p in body.text_frame.paragraphs]
    tied = {i for i, p in enumerate(body.text_frame.paragraphs) if p.level > 0}
    return paragraphs, tied, Emu(body.width).pt - 14.4 - 27, Emu(body.height).pt - 7.2


def test_a_continuation_only_where_one_slide_cannot_hold_the_text(deck):
    """Two slides of one list ("(1/2)", "(2/2)") exist only when together they pass the limits of one slide at the
    deck's body size (6 bullets, about 40 words, the body's height): never a split list that fits one slide."""
    prs, edition, err = deck
    slides = {n: (s, b) for n, s, b in bullet_slides(prs)}
    for number, (slide, body) in slides.items():
        title = slide.shapes.title.text_frame.text
        nxt = slides.get(number + 1)
        if not re.search(r"\(\d+/\d+\)$", title) or nxt is None:
            continue
        base = title.rsplit(NBSP, 1)[0]
        if nxt[0].shapes.title.text_frame.text.rsplit(NBSP, 1)[0] != base or f"«{base.replace(NBSP, ' ')}»" in err:
            continue   # not the same list, or split as another language's longer text needs (and said so)
        if paced(prs, title):
            continue   # split for its notes' length: test_notes_within_about_two_minutes_a_slide checks the split
        first, second = _measure(body), _measure(nxt[1])
        paragraphs = first[0] + second[0]
        tied = first[1] | {i + len(first[0]) for i in second[1]}
        size = body.text_frame.paragraphs[0].runs[0].font.size.pt
        fits = (len(paragraphs) - len(tied) <= 6 and sum(word_count(p) for p in paragraphs) <= 48
                and body_height(paragraphs, size, first[2], tied) <= min(first[3], second[3]))
        assert not fits, (number, title)


def test_the_summary_on_as_few_slides_as_fit(deck):
    prs, edition, _ = deck
    heading = key(edition.summary.heading)
    parts = [s for s in prs.slides if key(s.shapes.title.text_frame.text.split(NBSP + "(")[0]) == heading]
    words = sum(word_count(p.text) for s in parts for p in body_of(s).text_frame.paragraphs)
    assert 1 <= len(parts) <= max(2, -(-words // 40) + 1), len(parts)


def test_the_closing_slide_is_one_slide_with_its_qr_code_and_governance(deck):
    prs, *_ = deck
    closing = [n for n, s in enumerate(prs.slides, 1) if s.slide_layout.name == "Closing"]
    assert closing == [len(prs.slides)]
    last = list(prs.slides)[-1]
    assert list(last.shapes._spTree.iter(f"{P}pic")), "no QR code"
    blocks = [s for s in last.shapes if s.name == "Footnote"]
    assert len(blocks) == 1 and all(r.font.size.pt >= 18 for p in blocks[0].text_frame.paragraphs for r in p.runs)
    assert not re.search(r"\(\d+/\d+\)$", last.shapes.title.text_frame.text)


def test_bar_charts_fill_the_area_with_their_value_axis_at_the_bottom(deck):
    prs, *_ = deck
    C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    for number, slide in enumerate(prs.slides, 1):
        for frame in (s for s in slide.shapes if s.has_chart):
            space = frame.chart._chartSpace
            if space.find(f".//{C}barChart") is None:
                continue
            reversed_ = space.find(f".//{C}catAx/{C}scaling/{C}orientation").get("val") == "maxMin"
            crosses = space.find(f".//{C}valAx/{C}crosses").get("val")
            assert crosses == ("max" if reversed_ else "autoZero"), number
            assert Emu(frame.height).inches >= 4.5, number
            sizes = [float(e.get("sz")) / 100 for e in space.iter(f"{{{A}}}defRPr")
                     if e.get("sz")]
            assert sizes and min(sizes) >= 18, number


A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def test_a_call_out_frame_is_the_size_of_its_text(deck):
    prs, *_ = deck
    for number, slide in enumerate(prs.slides, 1):
        frames = [s for s in slide.shapes if s.name.startswith("Call-out frame")]
        if not frames:
            continue
        paragraphs, tied, width, height = _measure(body_of(slide))
        size = body_of(slide).text_frame.paragraphs[0].runs[0].font.size.pt
        text = body_height(paragraphs, size, width, tied)
        assert Emu(frames[0].height).pt <= text + 7.2 + 2 * 12 + 6, (number, Emu(frames[0].height).pt, text)
        assert text <= height + 1, number


def test_a_figure_or_picture_slide_says_its_message_in_the_authors_words(deck):
    """A key figure's slide says the sentence its numbers come from (numbers and qualifiers with it), a picture's
    its caption (or its description): words to say, never a cue ("Point to the figure") or the chart's alt text."""
    prs, edition, _ = deck
    shown = figure_slides(prs, edition)
    assert len(shown) >= len(edition.key_figures)
    slides = list(prs.slides)
    for number, figure in shown.items():
        notes = said(slides[number - 1])
        assert key(figure.sentence) in key(notes), (number, notes)
        alts = [e.get("descr", "") for e in slides[number - 1].shapes._spTree.iter(f"{P}cNvPr")]
        assert not any(len(alt) > 20 and key(alt) in key(notes) for alt in alts), (number, notes)
    pictures = [b for s in edition.all_sections() for b in s.body if isinstance(b, Picture)]
    for picture in pictures:
        slide = next(s for s in slides for p in s.shapes._spTree.iter(f"{P}pic")
                     if key(p.find(f".//{P}cNvPr").get("descr", "")) == key(picture.alt))
        assert key(picture.caption or picture.alt) in key(said(slide)), picture.alt
    cues = [line for slide in slides for line in said(slide).splitlines()
            if re.match(r"(Point to|Montrez|The picture shows|Thank the audience|Remerciez)", line)]
    assert not cues, cues


def _slide_words(slide) -> set[str]:
    """The words and numbers a slide shows and says: its text shapes, its chart's categories and its notes."""
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame] + [said(slide)]
    texts += [str(c) for s in slide.shapes if s.has_chart for c in s.chart.plots[0].categories]
    return set(re.findall(r"\w+", " ".join(texts).replace("’", "'").lower()))


def test_a_point_a_figure_shows_whole_is_not_a_bullet_too(deck):
    """A key figure's slide says and shows a point once: no bullet (of a section's slide) whose every word (but short
    ones) and number is on a figure's slide, in its drawing or its notes; a speaker read the surgery complications
    as a bullet, then as a chart right after. A section of two points keeps them (one would make it a statement on
    the divider layout)."""
    prs, edition, _ = deck
    slides = list(prs.slides)
    shown = figure_slides(prs, edition)
    assert len(shown) >= len(edition.key_figures)
    names = {key(o.name) for o in edition.options} | {key(edition.summary.heading)}
    outline = {key(s.slide_title) for s in edition.sections}   # the outline's items are titles, not points
    for number in shown:
        drawn = _slide_words(slides[number - 1])
        for other, slide, body in bullet_slides(prs):
            if key(untitled(slide.shapes.title.text_frame.text)) in names:
                continue   # an option's slide shows its side effects; the summary sums up
            if sum(p.level == 0 and bool(p.text.strip()) for s in part_of(prs, slide.shapes.title.text_frame.text)
                   if body_of(s) is not None for p in body_of(s).text_frame.paragraphs) <= 2:
                continue   # a section of two points keeps them
            for para in (p for p in body.text_frame.paragraphs if p.level == 0 and key(p.text) not in outline | {""}):
                words = [w for w in re.findall(r"\w+", para.text.replace("’", "'").lower()) if w.isdigit() or len(w) > 3]
                assert not all(w in drawn for w in words), (other, para.text, number)


ADDRESS = re.compile(r"https?://|www\.|doi\.org|\b10\.\d{4,9}/", re.I)
MARKER = re.compile(r"^\s*[•▪◦‣*–-]\s")


def test_notes_are_words_to_say_no_addresses_no_list_markers(deck):
    """No DOI or web address read aloud (a reference is said as its authors, title and year), no list marker in
    the notes, and the line that announces the options' slides said once for each run of them."""
    prs, edition, _ = deck
    slides = list(prs.slides)
    for number, slide in enumerate(slides, 1):
        for line in said(slide).splitlines():
            assert not ADDRESS.search(line), (number, line)
            assert not MARKER.match(line), (number, line)
    from handouts.render.i18n import compiled
    catalog = gettext.GNUTranslations(io.BytesIO(compiled(ROOT / "templates" / "locales", edition.language)))
    references = [s for s in slides if key(untitled(s.shapes.title.text_frame.text)) == key(catalog.gettext("References"))]
    for ref in edition.references:
        assert any(key(ref.title) in key(said(s)) for s in references), ref.title
    follow = key(catalog.gettext("The results, side effects and evidence of each option follow, a slide for each."))
    told = sum(key(line) == follow for slide in slides for line in said(slide).splitlines())
    assert told == sum(1 for top in edition.sections if edition.options_in(top)), told


SCRIPTS = ["real-fr", "real-en", "many", "long-points", "two-points", "pair-fr", "bird-feeders-en", "bird-feeders-fr"]


@pytest.fixture(params=SCRIPTS)
def script(request, real, made_up) -> tuple[Path, Presentation, Edition]:
    """A speaker script, the deck it was made with, and their edition: the first article's, the made-up shapes',
    and the synthetic topic's (both languages)."""
    if request.param.startswith("bird-feeders"):
        built = request.getfixturevalue("scratch_built")
        lang = request.param.rsplit("-", 1)[1]
        editions = load_editions(Project(ROOT / "tests" / "fixtures"))
        edition = next(e for name, e in editions.items() if name.endswith(f"bird-feeders/{lang}.yaml"))
        deck = built / "bird-feeders" / lang / "deck.pptx"
    else:
        deck, edition, _ = (real if request.param.startswith("real") else made_up)[request.param]
    return deck.with_name("deck-script.pdf"), Presentation(str(deck)), edition


def struct_tree(pdf: Path) -> list[dict]:
    """The tagged structure (pdfinfo -struct-text) as nested nodes: tag, text (of the node and all below), children."""
    out = subprocess.run(["pdfinfo", "-struct-text", str(pdf)], check=True, capture_output=True, text=True).stdout
    root: dict = {"tag": "", "text": "", "children": []}
    stack = [(-1, root)]
    for line in out.splitlines():
        depth = (len(line) - len(line.lstrip())) // 2
        while stack[-1][0] >= depth:
            stack.pop()
        content = line.strip()
        if content.startswith('"'):
            for _, node in stack:
                node["text"] += content[1:-1]
            continue
        node = {"tag": content.split(" ")[0], "text": "", "children": []}
        stack[-1][1]["children"].append(node)
        stack.append((depth, node))
    return root["children"]


def sections_of(pdf: Path) -> list[dict]:
    """Each slide's part of the script: its heading, the lines under it, its points and its notes (paragraphs)."""
    found: list[dict] = []

    def walk(nodes: list[dict]) -> None:
        for node in nodes:
            if node["tag"] == "Sect" and any(c["tag"] == "H2" for c in node["children"]):
                kids = node["children"]
                paragraphs = [c["text"] for c in kids if c["tag"] == "P"]
                paragraphs += [p["text"] for c in kids if c["tag"] == "Div" for p in c["children"] if p["tag"] == "P"]
                found.append({"headings": [c["text"] for c in kids if c["tag"] == "H2"], "paragraphs": paragraphs,
                              "points": [li["text"] for c in kids if c["tag"] == "L" for li in c["children"]]})
            else:
                walk(node["children"])
    walk(struct_tree(pdf))
    return found


def test_the_script_has_one_heading_a_slide_its_time_a_line_under_it_and_a_bookmark_each(script):
    from pypdf import PdfReader
    pdf, prs, _ = script
    sections = sections_of(pdf)
    slides = list(prs.slides)
    assert len(sections) == len(slides)
    for number, (section, slide) in enumerate(zip(sections, slides), 1):
        assert len(section["headings"]) == 1, (number, section["headings"])
        heading = section["headings"][0]
        assert key(heading) == key(f"{number}{slide.shapes.title.text_frame.text}"), (number, heading)
        assert not TIME.search(heading.replace(NBSP, " ")), heading
        time = TIME.search(notes_of(slide).splitlines()[-1])
        assert key(section["paragraphs"][0]).endswith(key(time[0])), (number, section["paragraphs"][:1])
    outline = PdfReader(str(pdf)).outline
    marks = [m.title for m in (outline[1] if len(outline) > 1 and isinstance(outline[1], list) else outline)
             if not isinstance(m, list)]
    assert [key(m) for m in marks] == [key(f"{n}{s.shapes.title.text_frame.text}") for n, s in enumerate(slides, 1)]


def test_the_scripts_addresses_are_live_links_and_no_item_is_printed_twice(script):
    from pypdf import PdfReader
    pdf, prs, edition = script
    links = {a.get_object()["/A"].get("/URI") for page in PdfReader(str(pdf)).pages
             for a in page.get("/Annots") or [] if "/A" in a.get_object()}
    assert {r.link for r in edition.references if r.link} <= links, links
    assert any(str(link).startswith("mailto:") for link in links)
    for number, section in enumerate(sections_of(pdf), 1):
        points = {key(p) for p in section["points"]} | {key(untitled(section["headings"][0]))[len(str(number)):]}
        notes = [key(p) for p in section["paragraphs"][1:]]
        assert not points & set(notes), (number, points & set(notes))
        assert len(set(notes)) == len(notes), number
        assert not any(ADDRESS.search(p) for p in section["paragraphs"][1:] if "@" not in p), number


def test_the_scripts_last_page_holds_the_last_slide_whole(script):
    """No near-empty last page: the last slide's heading, points and notes and the governance lines together."""
    pdf, prs, _ = script
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                                 check=True).stdout)[1])
    last = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), "-layout", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    slides = list(prs.slides)
    assert key(f"{len(slides)}{slides[-1].shapes.title.text_frame.text}") in key(last)
    assert len([line for line in last.splitlines() if line.strip()]) >= 8


SCRIPT_TOP, SCRIPT_BOTTOM = 0.9 * 72, 0.6 * 72   # the script's top margin (a draft's band) and bottom (page number)
HEADING_PT = 20                                 # a slide's heading: its number and title


def slide_blocks(pdf: Path) -> list[list[tuple[int, float, float]]]:
    """Each slide's block as the pages show it, read with pdfplumber: a (page, top, bottom) part a page it is on,
    from its heading (the lines set at the headings' size) to the line before the next heading; its parts' tops and
    bottoms as parts of the page's text height."""
    import pdfplumber
    blocks: list[list[tuple[int, float, float]]] = []
    with pdfplumber.open(pdf) as doc:
        for number, page in enumerate(doc.pages):
            low, high = SCRIPT_TOP, float(page.height) - SCRIPT_BOTTOM
            lines: dict[float, list[float]] = {}
            for w in page.extract_words(extra_attrs=["size"]):
                if low <= w["top"] and w["bottom"] <= high:
                    lines.setdefault(round(w["top"]), []).extend((float(w["size"]), w["bottom"]))
            heading_above = False   # a heading of two lines starts one block
            for top in sorted(lines):
                sizes, bottom = lines[top][0::2], max(lines[top][1::2])
                heading = any(abs(size - HEADING_PT) < 0.5 for size in sizes)
                if heading and not heading_above:
                    blocks.append([(number, top, bottom)])
                elif blocks and blocks[-1][-1][0] == number:
                    blocks[-1][-1] = (number, blocks[-1][-1][1], bottom)
                elif blocks:
                    blocks[-1].append((number, top, bottom))
                heading_above = heading
        height = float(doc.pages[0].height) - SCRIPT_TOP - SCRIPT_BOTTOM
    return [[(n, (top - SCRIPT_TOP) / height, (bottom - SCRIPT_TOP) / height) for n, top, bottom in b] for b in blocks]


def test_a_slide_that_fits_half_a_page_is_never_split(script):
    """Each slide's block (heading, time, points, notes) stays on one page when it takes at most half a page (a
    split one sent the speaker over a page mid-slide); a longer one may break between its paragraphs rather than
    leave most of a page empty: measured on the finished script."""
    pdf, prs, _ = script
    blocks = slide_blocks(pdf)
    assert len(blocks) == len(prs.slides)
    split = [(n, round(sum(b - t for _, t, b in block), 2)) for n, block in enumerate(blocks, 1)
             if len(block) > 1 and sum(b - t for _, t, b in block) <= 0.45]
    assert not split, split
