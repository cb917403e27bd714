"""Plain language (issue 16): spelling, readability and jargon, the glossary and the call-outs, each
checked on generated articles and the synthetic topic, and read back from the finished files."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from articles import Shape, article, write
from conftest import FIXTURE_SLUG

from handouts.cli import main

FR = f"content/{FIXTURE_SLUG}/fr.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def position(path: Path, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column of the nth occurrence of needle in the file."""
    text = path.read_text(encoding="utf-8")
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


@pytest.mark.parametrize("lang, sentence, wrong", [
    ("fr-CA", "Les jardiniers arrosent les rosiers du sclérodémie chaque matin.", "sclérodémie"),
    ("en-CA", "Gardeners water the roses with the recieved rain every morning.", "recieved"),
])
def test_a_misspelled_word_is_a_located_warning_and_an_error_when_strict(tmp_path, capsys, lang, sentence, wrong):
    data = article(Shape(sections=3, lang=lang))
    path = write(tmp_path / "content", "spelling", data)   # its words listed: then one more sentence
    data["sections"][1]["body"].append(sentence)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil_templates(tmp_path)
    assert main(["--check"], root=tmp_path) == 0
    line, col = position(path, wrong)
    expected = (f"content/spelling/{path.name}:{line}:{col}: sections[1].body[1]: unknown word «{wrong}» (correct it "
                "if misspelled; add a real term or name to a word list, such as content/words.txt)")
    assert f"warning: {expected}" in capsys.readouterr().err.splitlines()
    assert main(["--check", "--strict"], root=tmp_path) == 2
    assert expected in capsys.readouterr().err.splitlines()
    (tmp_path / "content" / "words.txt").write_text(f"# a real word\n{wrong}\n", encoding="utf-8")
    assert main(["--check", "--strict"], root=tmp_path) == 0


def test_every_text_field_is_checked_and_identifiers_are_not(scratch, capsys):
    edit(scratch / FR, "heading: Quoi leur offrir ?", "heading: Quoi leur offirr ?")
    assert main(["--check"], root=scratch) == 0
    err = capsys.readouterr().err
    line, col = position(scratch / FR, "offirr")
    assert f"{FR}:{line}:{col}: sections[1].heading: unknown word «offirr»" in err
    assert err.count("unknown word") == 1   # ids (what-to-offer), DOIs, addresses are not prose


def test_the_spelling_check_keeps_validation_fast(tmp_path, monkeypatch):
    """Two editions of a long article are checked with one Hunspell run each, whatever their length (its
    speed is measured by the benchmark, not asserted here)."""
    from handouts.checks import spelling
    from handouts.pipeline.load import load_library
    for lang in ("en-CA", "fr-CA"):
        write(tmp_path / "content", "long", article(Shape(sections=8, paragraphs=3, paragraph_words=80, lang=lang)))
    runs = []
    real = spelling.hunspell_unknown
    monkeypatch.setattr(spelling, "hunspell_unknown",
                        lambda texts, dictionary: runs.append(dictionary) or real(texts, dictionary))
    load_library(tmp_path / "content")
    assert len(runs) == 2 and len(set(runs)) == 2, runs


def shutil_templates(root: Path) -> None:
    import shutil

    from conftest import ROOT
    shutil.copytree(ROOT / "templates", root / "templates")


# --- readability and jargon ---------------------------------------------------------------------------

def test_kandel_moles_agrees_with_textstat_french_flesch():
    """textstat's French Flesch uses Kandel and Moles' constants (207, 1.015, 73.6) and Pyphen syllables:
    an independent computation of the same formula."""
    import textstat

    from handouts.checks.readability import Targets, reading
    text = ("Le jardin est calme le matin. Les oiseaux viennent manger les graines de tournesol. "
            "Une mangeoire propre protège les petits oiseaux des maladies pendant tout l'hiver.")
    ours = reading(("sections", 0), "x", [s + "." for s in text.rstrip(".").split(". ")], "fr", Targets(), set())
    textstat.set_lang("fr")
    assert ours.scores["Kandel-Moles"] == pytest.approx(textstat.flesch_reading_ease(text), abs=2)


def test_flesch_kincaid_and_smog_of_known_sentences():
    from handouts.checks.readability import Targets, reading
    r = reading((), "x", ["The cat sat on the mat."], "en", Targets(), set())   # 6 words, 6 syllables, 1 sentence
    assert r.scores["Flesch-Kincaid grade"] == pytest.approx(0.39 * 6 + 11.8 * 1 - 15.59)
    assert r.scores["SMOG"] == pytest.approx(3.1291)


def readability_topic(tmp_path: Path, lang: str = "en-CA") -> tuple[Path, Path]:
    """A generated article whose second section has one very long sentence, and a rare word."""
    data = article(Shape(sections=3, lang=lang, paragraph_words=5))
    path = write(tmp_path / "content", "reading", data)
    long = "The garden " + " ".join(["and the seed"] * 20) + " grow in winter."
    data["sections"][1]["body"].append(long)
    data["sections"][2]["body"].append("The sphygmomanometer hangs in the garden.")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (tmp_path / "content" / "words.txt").write_text("sphygmomanometer\n", encoding="utf-8")
    shutil_templates(tmp_path)
    return tmp_path, path


def test_a_section_over_its_target_and_an_unexplained_rare_word_are_located_warnings_never_errors(tmp_path, capsys):
    from handouts.cli import write_review_sheet
    from handouts.pipeline.build import Project
    root, path = readability_topic(tmp_path)
    assert main(["--check", "--strict"], root=root) == 0   # never an error, even when strict
    capsys.readouterr()
    out = root / "out"
    out.mkdir()
    write_review_sheet(Project(root), out, [])
    err = capsys.readouterr().err.splitlines()
    line, col = position(path, "id: part-2")
    over = [e for e in err if f"reading/en.yaml:{line}:{col}: sections[1]: reading level:" in e]
    assert over and "words a sentence on average (target: at most 20)" in over[0], err
    line, col = position(path, "id: part-3")
    rare = [e for e in err if f"reading/en.yaml:{line}:{col}: sections[2]: reading level:" in e]
    assert rare and "rare words the glossary does not explain: sphygmomanometer" in rare[0], err
    assert not any("sections[0]:" in e for e in err), err   # a plain section has nothing to say
    sheet = (out / "review.html").read_text(encoding="utf-8")
    assert "Reading level and jargon" in sheet and "Flesch-Kincaid grade" in sheet and "sphygmomanometer" in sheet
    assert "The garden and the seed and the seed" in sheet   # the longest sentence is listed


def test_french_sections_are_read_with_kandel_moles(tmp_path):
    from handouts.checks.readability import advice
    root, path = readability_topic(tmp_path, "fr-CA")
    _, readings, _ = advice(path, root, root / "templates")
    assert readings and all(set(r.scores) == {"Kandel-Moles"} for r in readings if r.sentences)


# --- glossary and call-outs: errors, then read back from every output -----------------------------------

def glossary_topic(tmp_path: Path, entries: list[dict]) -> Path:
    data = article(Shape(sections=3))
    data["glossary"] = entries
    path = write(tmp_path / "content", "terms", data)
    shutil_templates(tmp_path)
    return path


def test_an_unused_term_and_a_term_defined_twice_are_located_errors(tmp_path, capsys):
    path = glossary_topic(tmp_path, [
        {"term": "garden", "definition": "A place with plants."},
        {"term": "pelican", "definition": "A large water bird."},
        {"term": "Garden", "definition": "A place with plants, again."},
    ])
    assert main(["--check"], root=tmp_path) == 2
    err = capsys.readouterr().err.splitlines()
    unused_at = position(path, "term: pelican")
    twice_at = position(path, "term: Garden")
    shown = "content/terms/en.yaml"
    assert (f"{shown}:{unused_at[0]}:{unused_at[1] + 6}: glossary[1].term: «pelican» is not used by the text (a term "
            "of the text, as written; add forms: for its other spellings)") in err
    assert (f"{shown}:{twice_at[0]}:{twice_at[1] + 6}: glossary[2].term: «Garden» is defined twice: also by "
            "glossary[0] (define each term once)") in err


def test_a_form_makes_an_inflected_use_count(tmp_path):
    data = article(Shape(sections=2))
    data["glossary"] = [{"term": "gardens", "forms": ["garden"], "definition": "Places with plants."}]
    write(tmp_path / "content", "terms", data)
    shutil_templates(tmp_path)
    assert main(["--check", "--strict"], root=tmp_path) == 0


def test_editions_of_a_topic_agree_on_the_glossary_size(tmp_path, capsys):
    for lang, count in (("fr-CA", 2), ("en-CA", 1)):
        write(tmp_path / "content", "terms", article(Shape(sections=3, lang=lang, glossary=count)))
    shutil_templates(tmp_path)
    assert main(["--check"], root=tmp_path) == 2
    assert "(every edition explains as many terms in its glossary)" in capsys.readouterr().err


KINDS = {"en": {"do": "What you can do", "call": "When to call your care team", "ask": "Questions to ask",
                "box": "Words to know"},
         "fr": {"do": "À faire", "call": "Quand appeler votre équipe soignante", "ask": "Questions à poser",
                "box": "Mots à connaître"}}


@pytest.fixture(scope="module")
def plain_built(tmp_path_factory) -> tuple[Path, dict]:
    """A generated topic in two languages with a glossary of 3 terms and one call-out of each kind, the
    card carrying the call-outs of its first section; built strictly."""
    root = tmp_path_factory.mktemp("plain")
    shape = dict(sections=3, glossary=3, callouts=("do", "call", "ask"), paragraph_words=12,
                 card={"sections": ["part-1"], "callouts": ["part-1"]})
    datas = {}
    for lang in ("fr-CA", "en-CA"):
        datas[lang[:2]] = article(Shape(lang=lang, **shape))
        write(root / "content", "plain", datas[lang[:2]])
    shutil_templates(root)
    assert main(["--output", str(root / "out"), "-q", "--strict", "--jobs", "1"], root=root) == 0
    return root / "out" / "plain", datas


def bold_runs(pdf: Path) -> list[tuple[str, bool]]:
    """(text, bold) of every run of text drawn, in order, read by pypdf (its font's name)."""
    from pypdf import PdfReader
    runs: list[tuple[str, bool]] = []
    for page in PdfReader(str(pdf)).pages:
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: runs.append(
            (text, "Bold" in str((font or {}).get("/BaseFont", "")))) if text.strip() else None)
    return runs


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_leaflet_marks_each_first_use_and_lists_the_words_to_know(plain_built, lang):
    import re

    from conftest import pdftotext
    from readback import normal
    out, datas = plain_built
    pdf = out / lang / "leaflet.pdf"
    text = normal(pdftotext(pdf))
    assert normal(KINDS[lang]["box"]) in text
    runs = bold_runs(pdf)
    for entry in datas[lang]["glossary"]:
        assert normal(entry["definition"]) in text
        word = re.compile(rf"\b{entry['term']}\b")   # the text's lower case, not a name (Test Bird Club)
        # its uses in running text (a bold run holding more than the term is a title or a heading)
        uses = [(t, bold) for t, bold in runs if word.search(t) and not (bold and t.strip() != entry["term"])]
        marked = [t for t, bold in uses if bold]
        # the first use in the text, and the term in the box, are bold runs of the term alone; never another
        assert len(marked) == 2, (entry["term"], uses)
        assert uses[0][1] and uses[0][0].strip() == entry["term"], uses[:3]
        assert any(not bold for _, bold in uses), uses   # later uses are plain


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", ["leaflet.pdf", "leaflet-press.pdf", "card.pdf", "card-press.pdf", "deck.pptx"])
def test_each_callout_is_in_every_output_with_its_title(plain_built, lang, name):
    from conftest import pdftotext
    from readback import deck_text, normal
    out, datas = plain_built
    path = out / lang / name
    text = normal(deck_text(path) if name.endswith(".pptx") else pdftotext(path))
    sections = datas[lang]["sections"]
    for section in sections:
        for callout in section.get("callouts", []):
            on_card = section["id"] == "part-1"
            if name.startswith("card") and not on_card:
                assert normal(callout["items"][0]["text"]) not in text   # the card carries only its selection
                continue
            assert normal(KINDS[lang][callout["kind"]]) in text, (name, callout["kind"])
            for item in callout["items"]:
                assert normal(item["text"]) in text, (name, item["text"])


@pytest.mark.parametrize("name", ["leaflet.pdf", "card.pdf"])
def test_callouts_are_tagged_sections_with_their_heading(plain_built, name):
    """In the screen PDFs' structure tree, each call-out is a Sect whose first kid is a heading with its title."""
    import subprocess
    out, _ = plain_built
    tree = subprocess.run(["pdfinfo", "-struct-text", str(out / "en" / name)], check=True, capture_output=True,
                          text=True).stdout.splitlines()
    kinds = ("do", "call", "ask") if name == "leaflet.pdf" else ("do",)
    for kind in kinds:
        title = KINDS["en"][kind]
        at = next(i for i, line in enumerate(tree) if line.strip() == f'"{title}"')
        indent = lambda line: len(line) - len(line.lstrip())  # noqa: E731
        heading = next(tree[i] for i in range(at, 0, -1) if tree[i].strip().startswith("H"))
        sect = next(tree[i] for i in range(at, 0, -1) if indent(tree[i]) < indent(heading))
        assert heading.strip().split()[0] in ("H2", "H3", "H4") and sect.strip() == "Sect", (kind, heading, sect)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_deck_defines_each_term_in_the_notes_of_the_slide_where_it_first_appears(plain_built, lang):
    import re

    from pptx import Presentation
    from readback import normal
    out, datas = plain_built
    slides = list(Presentation(str(out / lang / "deck.pptx")).slides)
    for entry in datas[lang]["glossary"]:
        word = re.compile(rf"\b{entry['term']}\b", re.IGNORECASE)
        definition = normal(entry["definition"])
        notes = [normal(s.notes_slide.notes_text_frame.text) for s in slides]
        said = [i for i, s in enumerate(slides)
                if word.search("\n".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame)
                               + s.notes_slide.notes_text_frame.text.split(KINDS[lang]["box"])[0])]
        defined = [i for i, n in enumerate(notes) if definition in n]
        assert defined == [said[0]], (entry["term"], defined, said)


def test_callout_slides_are_framed_in_their_kind_style(plain_built):
    from pptx import Presentation
    out, _ = plain_built
    frames = {}
    for slide in Presentation(str(out / "en" / "deck.pptx")).slides:
        for shape in slide.shapes:
            if shape.name.startswith("Call-out frame"):
                ln = shape.line._get_or_add_ln()
                dash = ln.find("{http://schemas.openxmlformats.org/drawingml/2006/main}prstDash")
                title = " ".join(slide.shapes.title.text_frame.text.split())
                frames[title] = (ln.get("cmpd"), dash.get("val") if dash is not None else None)
    assert frames == {"What you can do": (None, None), "When to call your care team": ("dbl", None),
                      "Questions to ask": (None, "dash")}


def test_callout_frames_stay_above_the_footer_row(plain_built):
    """The frame (with half its line) ends above the slide's date, footer and number."""
    from pptx import Presentation
    from pptx.enum.shapes import PP_PLACEHOLDER
    out, _ = plain_built
    footer = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)
    checked = 0
    for lang in ("en", "fr"):
        for slide in Presentation(str(out / lang / "deck.pptx")).slides:
            frames = [s for s in slide.shapes if s.name.startswith("Call-out frame")]
            row = [s.top for s in slide.placeholders if s.placeholder_format.type in footer]
            for frame in frames:
                assert row and frame.top + frame.height + frame.line.width / 2 <= min(row), slide.slide_id
                checked += 1
    assert checked >= 3


def test_a_wrong_readability_setting_is_a_located_theme_error(scratch, capsys):
    theme = scratch / "templates" / "theme.yaml"
    edit(theme, "  grade_at_most: 8 ", "  grade_at_most: eight ")
    line, col = position(theme, "grade_at_most: eight")
    assert main(["--output", str(scratch / "out"), "-q"], root=scratch) == 2
    assert (f"templates/theme.yaml:{line}:{col + 15}: readability.grade_at_most: wrong value 'eight' (a number)"
            in capsys.readouterr().err)


def test_a_rare_word_the_glossary_explains_is_not_listed(tmp_path):
    from handouts.checks.readability import advice
    root, path = readability_topic(tmp_path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["glossary"] = [{"term": "sphygmomanometer", "definition": "A tool that measures blood pressure."}]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _, readings, lines = advice(path, root, root / "templates")
    assert readings and not any("sphygmomanometer" in r.rare for r in readings)
    assert not any("sphygmomanometer" in line for line in lines)


def test_a_term_is_found_whatever_its_apostrophes_spaces_and_case():
    from babel import Locale

    from handouts.content.glossary import FirstUses, pattern
    from handouts.content.model import GlossaryEntry
    entry = GlossaryEntry(term="bird's nest", definition="A nest.")
    assert pattern(entry).search("A Bird’s\u00a0nest here") and not pattern(entry).search("birds nest")
    first = FirstUses((entry,))
    html = first.html("The bird's nest, then the bird's nest again.", Locale.parse("en_CA"), "dfn")
    assert html.count("<dfn") == 1 and '<dfn class="term" title="A nest.">bird’s nest</dfn>' in html
    assert first.found == [entry] and first.take("bird's nest") == []


def test_a_language_without_a_dictionary_is_a_notice_not_an_error(tmp_path, capsys):
    from handouts.checks.spelling import dictionary_for
    if dictionary_for("es-MX") is not None:
        pytest.skip("a Spanish dictionary is installed here")
    path = write(tmp_path / "content", "spanish", article(Shape(sections=2, lang="es-MX")))
    shutil_templates(tmp_path)
    assert main(["--check", "--strict"], root=tmp_path) == 0
    line, col = position(path, "es-MX")
    assert (f"warning: content/spanish/es.yaml:{line}:{col}: lang: spelling not checked: no Hunspell dictionary "
            "for 'es-MX' (install hunspell and hunspell-es)") in capsys.readouterr().err.splitlines()
