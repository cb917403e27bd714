"""Every benefit beside its harms and its evidence (IPDAS), in every text a patient keeps.

An option's results, side effects (or "none reported") and grade of evidence are read back together,
in one row or on one slide, from the finished files: the leaflet's tagged table (poppler's
`pdfinfo -struct-text`), the web page's table (lxml), the card and the deck (python-pptx), for the
first article and a made-up one. The grade is the theme's criteria's (written out again in
tests/test_evidence.py), with its legend wherever a grade is shown. Content that shows a benefit
without the rest is a located error.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from articles import Shape, article, built_in_two_languages, edition_of, write
from readback import html_tree, normal
from test_evidence import GRADE, grade_of

from handouts.cli import main

ROOT = Path(__file__).resolve().parent.parent
NONE_REPORTED = {"fr": "non décrits dans l'article", "en": "not described in the article"}  # on slides
NONE_IN_TABLE = {"fr": "Non décrits dans l'article : demandez à votre médecin",
                 "en": "Not described in the article: ask your doctor"}
NO_STUDY = {"fr": "Aucune étude décrite dans l'article", "en": "No study described in the article"}
LEGEND_START = {"fr": "Preuves très faibles : ", "en": "Very low evidence: "}
LEGEND_WHOSE = {"fr": "Niveaux de preuve : critères de ", "en": "Grades of evidence: criteria of "}
NOT_THE_ARTICLES = {"fr": "pas ceux de l'article :", "en": "not the article's:"}
OPTIONS_LEGEND = {"fr": "(type et taille des études), pas ceux de l'article :",
                  "en": "(design and size of the studies), not the article's:"}
CARD = {"sections": ["part-1"], "options": ["option-2", "option-3"]}


@pytest.fixture(scope="module")
def made_up(tmp_path_factory) -> Path:
    """A made-up topic in two languages with five results, so five options (one in three with no harm
    reported), built once with the outputs these tests read; its card selects two options."""
    return built_in_two_languages(tmp_path_factory.mktemp("options"), ROOT / "templates", praise_option_one,
                                  only=("leaflet.pdf", "leaflet-large.pdf", "card.pdf", "deck.pptx", "deck-script.pdf",
                                        "page.html"), sections=3, figures=("result",) * 5, card=CARD)


def praise_option_one(data: dict) -> None:
    """A key point of the first section, which the card shows, that speaks for option-1 (not on the card)."""
    part = data["sections"][0]
    name = data["options"][0]["name"]
    part["key_points"].append({"text": f"{name} may be helpful.", "source": part["key_points"][0]["source"],
                               "options": ["option-1"]})


edition = edition_of


def cases(built: Path, made_up: Path, lang: str):
    """(output folder, edition) of the first article and of the made-up topic."""
    return [(built / "calcinose" / lang, edition(ROOT / "content", "calcinose", lang)),
            (made_up / "out" / "made-up" / lang, edition(made_up / "content", "made-up", lang))]


def expected_cells(option, lang: str, slide: bool = False) -> list[str]:
    """What a reader must find in an option's row (or on its slide), whatever else it shows."""
    cells = [r.text for r in option.results]
    cells += ([h.text for h in option.harms] if option.harms_reported
              else [NONE_REPORTED[lang] if slide else NONE_IN_TABLE[lang]])
    cells.append(NO_STUDY[lang] if option.evidence == "not_reported" else GRADE[lang][grade_of(option.evidence)])
    return cells


def struct_rows(pdf: Path) -> list[str]:
    """Each table row of a tagged PDF as poppler reads its structure tree: the text of its cells."""
    out = subprocess.run(["pdfinfo", "-struct-text", str(pdf)], check=True, capture_output=True, text=True).stdout
    rows: list[str] = []
    for line in out.splitlines():
        if line.strip() == "TR":
            rows.append("")
        elif rows and (found := re.fullmatch(r'\s*"(.*)"', line)):
            rows[-1] += found[1] + " "
    return rows


def row_of(rows: list[str], name: str) -> str:
    matching = [r for r in rows if normal(r).startswith(normal(name))]
    assert len(matching) == 1, (name, rows)
    return normal(matching[0])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_option_row_of_the_leaflet_carries_its_results_harms_and_grade(built, made_up, lang):
    for folder, one in cases(built, made_up, lang):
        assert one.options
        for name in ("leaflet.pdf", "leaflet-large.pdf"):
            rows = struct_rows(folder / name)
            for option in one.options:
                row = row_of(rows, option.name)
                for cell in expected_cells(option, lang):
                    assert normal(cell) in row, (name, option.id, cell)
                if option.for_whom is not None:
                    assert normal(option.for_whom.text) in row, (name, option.id)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_of_a_leaflets_options_table_carries_the_legend(built, made_up, lang):
    """A grade is read with its criteria on the same page: in the leaflet, where the table runs over pages, under
    each part. In the large print and the speaker's script, whose options run over several pages, the legend is
    printed once, where a reader first needs it (a legend under each page's part, or a footer on every page,
    printed it five to twenty times): in the large print once a table, above its first option (a result card
    before it carries its own criteria); in the script under the first slide that names a grade."""
    for folder, one in cases(built, made_up, lang):
        for name in ("leaflet.pdf", "leaflet-large.pdf", "deck-script.pdf"):
            pages = subprocess.run(["pdftotext", str(folder / name), "-"], check=True, capture_output=True,
                                   text=True).stdout.split("\f")
            grades = {GRADE[lang][grade_of(o.evidence)] for o in one.options if o.evidence != "not_reported"}
            graded = [n for n, page in enumerate(pages, 1) if any(normal(g) in normal(page) for g in grades)]
            assert graded, name
            legends = [n for n, page in enumerate(pages, 1)
                       for _ in range(normal(page).count(normal(OPTIONS_LEGEND[lang])))]
            if name == "leaflet.pdf":
                for n in graded:   # the table's legend, or a result figure's: whose criteria, on the page
                    assert normal(NOT_THE_ARTICLES[lang]) in normal(pages[n - 1]), (name, n)
            else:   # once; in the script under the first slide that shows a grade, whose block may run on a page
                tables = sum(1 for section in one.sections if one.options_in(section))
                assert len(legends) == (1 if name == "deck-script.pdf" else tables), (folder, name, legends)
                assert name != "deck-script.pdf" or legends[0] - graded[0] in (0, 1), (folder, legends, graded)


LABELS = {"fr": ("Résultats :", "Effets secondaires :", "Preuves :"), "en": ("Results:", "Side effects:", "Evidence:")}
FOR = {"fr": "Pour :", "en": "For:"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_large_prints_options_read_one_under_the_other(built, made_up, lang):
    """The large print's options are not four narrow columns (at 18 pt they held one or two options a page):
    each option's name, then its results, side effects and evidence, each after its label, start at the
    text's left edge, one under the other, all on one page; and the legend printed once above the table's first
    option, on that page or before it, says what the option's grade means (the legend's line of the grade) and whose
    criteria it is."""
    from test_large_print import find, words

    from handouts.render.geometry import LARGE
    from handouts.typography import typeset
    left = LARGE.margin.left * 72
    for folder, one in cases(built, made_up, lang):
        found, _ = words(folder / "leaflet-large.pdf")
        pages = [normal(p) for p in subprocess.run(["pdftotext", str(folder / "leaflet-large.pdf"), "-"], check=True,
                                                    capture_output=True, text=True).stdout.split("\f")]
        for option in one.options:
            harms = [h.text for h in option.harms] if option.harms_reported else [NONE_IN_TABLE[lang]]
            evidence = (NO_STUDY[lang] if option.evidence == "not_reported"
                        else f"{GRADE[lang][grade_of(option.evidence)]}. {option.evidence.text}")
            blocks = [option.name, *([f"{FOR[lang]} {option.for_whom.text}"] if option.for_whom else []),
                      f"{LABELS[lang][0]} {' '.join(r.text for r in option.results)}",
                      f"{LABELS[lang][1]} {' '.join(harms)}",   # a grade names itself: a label only before "no study"
                      evidence if option.evidence != "not_reported" else f"{LABELS[lang][2]} {evidence}"]
            whole = find(typeset(" ".join(blocks), one.locale), found)   # drawn in this order, and nothing between
            (page,) = {w.page for w in whole}
            starts = [find(typeset(block, one.locale), whole)[0] for block in blocks]
            assert all(abs(w.x0 - left) < 2 for w in starts), (folder, option.id, [(w.text, w.x0) for w in starts])
            assert [w.top for w in starts] == sorted({w.top for w in starts}), (folder, option.id)   # one under the other
            if option.evidence != "not_reported":   # the legend, once under the table's heading: this page or before
                grade = GRADE[lang][grade_of(option.evidence)]
                intro = normal(OPTIONS_LEGEND[lang])
                legend = [n for n, text in enumerate(pages[:page + 1]) if intro in text]   # its table's: the last
                assert legend, (folder, option.id, page + 1)
                assert normal(grade) + ":" in pages[legend[-1]][pages[legend[-1]].rindex(intro):], \
                    (folder, option.id, legend[-1] + 1)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_summary_points_to_the_options_table(built, made_up, lang):
    """The summary names treatments up front: it says where their side effects and evidence are."""
    for folder, _ in cases(built, made_up, lang):
        said = {"fr": "Effets secondaires et niveau de preuve de chaque traitement",
                "en": "Side effects and evidence of each treatment"}[lang]
        first = subprocess.run(["pdftotext", "-l", "1", str(folder / "leaflet.pdf"), "-"], check=True,
                               capture_output=True, text=True).stdout
        assert normal(said) in normal(first)
        tree = html_tree(folder / "page.html")
        (link,) = tree.xpath("//section[@id='_summary']//p[@class='see-options']/a")
        assert tree.xpath(f"//*[@id='{link.get('href')[1:]}']"), link.get("href")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_option_slide_without_side_effects_sends_the_patient_to_their_doctor(built, made_up, lang):
    """As the leaflet's table does: side effects the article does not describe are "not described in the article;
    ask your doctor" on such an option's slide (the deck had dropped the doctor; then kept it only where the slide's
    words allowed: a clinician's review asked for it on the neem oil and St John's wort slide). Its words are not
    counted against the slide's; only a slide that cannot hold them at the options' size goes without (one at most
    an edition here), and the neem oil's always has them."""
    from pptx import Presentation

    ask = {"fr": "demandez à votre médecin", "en": "ask your doctor"}[lang]
    seen, missed = 0, []
    for folder, one in cases(built, made_up, lang):
        slides = {normal(s.shapes.title.text): " ".join(sh.text_frame.text for sh in s.placeholders
                                                         if sh.placeholder_format.idx == 1)
                  for s in Presentation(str(folder / "deck.pptx")).slides if s.shapes.title is not None}
        for option in (o for o in one.options if not o.harms_reported):
            body = slides[normal(option.name)]
            told = normal(ask) in normal(body)
            assert told or option.id != "neem-oil", body
            seen += told
            missed.append(option.id) if not told else None
    assert seen >= 4 and len(missed) <= 1, missed   # warm baths, diltiazem ..., neem oil (ESWT in English)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_talk_says_each_benefit_with_its_harms(built, made_up, lang):
    """Wherever a slide's notes give an option's result (its own slide's, or a section's), they say its side
    effects too (the authors' own sentence, or the option's) or that none are described."""
    from pptx import Presentation
    seen = 0
    for folder, one in cases(built, made_up, lang):
        prs = Presentation(str(folder / "deck.pptx"))
        for option in one.options:
            (section,) = [s for s in one.all_sections() if s.id == option.section]
            figures = {normal(f.title) for f in one.key_figures}   # a result figure's slide shows its harms
            for notes in (normal(s.notes_slide.notes_text_frame.text) for s in prs.slides
                          if normal(s.shapes.title.text_frame.text) not in figures):   # each slide's own
                if not any(normal(w) in notes for p in option.results for w in p.source):
                    continue
                seen += 1
                if option.harms_reported:
                    for harm in option.harms:
                        assert any(normal(w) in notes for w in harm.source) or \
                            normal(harm.text[1:]).rstrip(".") in notes, (option.id, harm.text)
                else:
                    assert normal(NONE_REPORTED[lang]) in notes, option.id
    assert seen >= 8


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_web_page_shows_the_same_rows_and_the_legend(built, made_up, lang):
    for folder, one in cases(built, made_up, lang):
        tree = html_tree(folder / "page.html")
        rows = ["".join(tr.itertext()) for tr in tree.xpath("//table[@class='options']/tbody/tr")]
        assert len(rows) == len(one.options)
        for option in one.options:
            row = row_of(rows, option.name)
            for cell in expected_cells(option, lang):
                assert normal(cell) in row, (option.id, cell)
        legend = " ".join("".join(p.itertext()) for p in tree.xpath("//section[@class='options']/p[@class='legend']"))
        longest_first = sorted(GRADE[lang].items(), key=lambda item: -len(item[1]))   # "Very low" holds "low"
        shown = {next((k for k, g in longest_first if normal(g) in normal(row)), None) for row in rows} - {None}
        listed = {k for k, g in GRADE[lang].items() if normal(g + (" :" if lang == "fr" else ":")) in normal(legend)}
        assert listed and listed <= shown, (listed, shown)   # the grades the tables show, as the print's legend (no other)
        assert normal(LEGEND_WHOSE[lang]) in normal(legend)   # whose criteria the grades are


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_card_shows_the_options_it_selects_with_their_harms(built, made_up, lang):
    for folder, one in cases(built, made_up, lang):
        rows = struct_rows(folder / "card.pdf")
        from handouts.render.templating import load_theme
        whose = {"fr": "Critères de {}, pas ceux de l'article", "en": "Criteria of {}, not the article's"}[lang]
        card_text = normal(subprocess.run(["pdftotext", str(folder / "card.pdf"), "-"], capture_output=True, text=True,
                                          check=True).stdout)
        assert normal(whose.format(load_theme(ROOT / "templates").contact.name)) in card_text  # whose grades they are
        chosen = one.card_options()
        assert chosen and len(chosen) < len(one.options)
        for option in one.options:
            shown = [r for r in rows if normal(r).startswith(normal(option.name))]
            assert bool(shown) == (option in chosen), option.id
        for option in chosen:
            row = row_of(rows, option.name)
            for cell in expected_cells(option, lang):
                assert normal(cell) in row, (option.id, cell)
            if option.for_whom is not None:
                assert normal(option.for_whom.text) in row, option.id


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_option_has_a_slide_with_its_harms_on_it_and_a_comparison_table(built, made_up, lang):
    from pptx import Presentation
    for folder, one in cases(built, made_up, lang):
        prs = Presentation(str(folder / "deck.pptx"))
        slides = [(normal(s.shapes.title.text) if s.shapes.title is not None else "", s) for s in prs.slides]
        table_cells = "".join(normal(c.text) for _, s in slides for sh in s.shapes if sh.has_table
                              for row in sh.table.rows for c in row.cells)
        for option in one.options:
            (slide,) = [s for title, s in slides if title == normal(option.name)]  # one slide: never split
            on_slide = normal(" ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame))
            for cell in expected_cells(option, lang, slide=True):
                assert normal(cell) in on_slide, (option.id, cell)
            if option.evidence != "not_reported":   # its grade with its criteria, on the slide itself
                assert normal(LEGEND_WHOSE[lang]) in on_slide and normal(GRADE[lang][grade_of(option.evidence)]) + ":" in on_slide
            # the overview: each option with its grade, no result (a benefit there would be bare)
            grade = NO_STUDY[lang] if option.evidence == "not_reported" else GRADE[lang][grade_of(option.evidence)]
            assert normal(option.name) in table_cells and normal(grade) in table_cells, option.id
            assert not any(normal(r.text) in table_cells for r in option.results), option.id
        overviews = [s for title, s in slides if any(sh.has_table for sh in s.shapes)
                     and any(normal(sh.text_frame.text).startswith(normal(LEGEND_WHOSE[lang]))
                             for sh in s.shapes if sh.has_text_frame)]
        assert overviews, "no overview slide carries its legend on the slide"
        for slide in overviews:   # each grade of its table is explained under it, on the slide itself
            legend = normal(" ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame))
            cells = [normal(c.text) for sh in slide.shapes if sh.has_table for row in list(sh.table.rows)[1:]
                     for c in list(row.cells)[1:]]
            for grade in GRADE[lang].values():
                if any(c.startswith(normal(grade)) for c in cells):
                    assert normal(grade) + ":" in legend, grade


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_key_point_that_speaks_for_an_option_has_its_harms_on_its_slide_and_card(built, made_up, lang):
    """On the slide that shows it, and on the card when the option's row is not there, a key point that
    speaks for options is followed by each one's side effects (or that none are described) and grade."""
    from pptx import Presentation
    seen = 0
    for folder, one in cases(built, made_up, lang):
        options = {o.id: o for o in one.options}
        prs = Presentation(str(folder / "deck.pptx"))
        bodies = [[normal(p.text) for sh in s.placeholders if sh.placeholder_format.idx == 1
                   for p in sh.text_frame.paragraphs] for s in prs.slides]
        points = [p for s in one.all_sections() for p in s.key_points] + list(one.summary.key_points)
        for point in (p for p in points if p.options):
            (body,) = [b for b in bodies if normal(point.text) in b]
            after = " ".join(body[body.index(normal(point.text)) + 1:])
            for oid in point.options:
                option = options[oid]
                said = ([h.text[1:] for h in option.harms] if option.harms_reported else [NONE_REPORTED[lang]])
                grade = NO_STUDY[lang] if option.evidence == "not_reported" else GRADE[lang][grade_of(option.evidence)]
                assert all(normal(h).rstrip(".") in after for h in said) and normal(grade) in after, (oid, after)
                seen += 1
    assert seen >= 4   # the first article's warm baths, thiosulfate twice and surgery; option-1 of the made-up one
    card = normal(subprocess.run(["pdftotext", str(made_up / "out" / "made-up" / lang / "card.pdf"), "-"],
                                 check=True, capture_output=True, text=True).stdout)
    harm = edition(made_up / "content", "made-up", lang).options[0].harms[0].text
    assert normal(harm[1:]).rstrip(".") in card
    first = edition(made_up / "content", "made-up", lang).options[0]   # its grade, beside the point, in the legend
    assert normal(GRADE[lang][grade_of(first.evidence)]) + ":" in card


def test_the_article_shows_no_bare_result(built):
    """The first article's results are those of its options: no result figure, no key point restating
    one (the checks below refuse them), and its card's benefits come with their harms."""
    for lang in ("fr", "en"):
        one = edition(ROOT / "content", "calcinose", lang)
        assert not [f for f in one.key_figures if f.chart == "result"]
        assert {o.id for o in one.card_options()} >= {"thiosulfate-topical", "surgery"}


# Content that would show a benefit without the rest: (what to change in the made-up English edition,
# the field and what the message says).
def drop_harms(data: dict) -> None:
    del data["options"][0]["harms"]


def percentage(data: dict) -> None:
    data["options"][0]["results"][0]["text"] = data["options"][0]["results"][0]["text"].replace(" birds out of 100", " %")


def restating_key_point(data: dict) -> None:
    section = data["sections"][0]
    section["key_points"].append({"text": "Most birds came back.", "source": data["options"][0]["results"][0]["source"]})


def praising_key_point(data: dict) -> None:
    name = data["options"][0]["name"]
    source = data["summary"]["key_points"][0]["source"]
    data["summary"]["key_points"].append({"text": f"{name} may be helpful.", "source": source})


def praising_definition(data: dict) -> None:
    data["glossary"] = [{"term": data["options"][0]["name"], "definition": "A way to help the birds come back."}]


def unknown_option_of_a_point(data: dict) -> None:
    data["summary"]["key_points"][0]["options"] = ["nowhere"]


def figure_without_option(data: dict) -> None:
    del data["key_figures"][0]["option"]


def size_not_shown(data: dict) -> None:
    evidence = data["options"][0]["evidence"]
    evidence["text"] = "A study of birds."


def unknown_section(data: dict) -> None:
    data["options"][0]["section"] = "nowhere"


BAD = {
    "harms missing": (drop_harms, "options[0].harms", "required field is missing"),
    "a percentage": (percentage, "options[0].results[0].text", "gives a percentage without its denominator"),
    "a key point restating a result": (restating_key_point, "sections[0].key_points[2]",
                                       "restates a result of option 'option-1' without its harms and evidence"),
    "a key point speaking for an option": (praising_key_point, "summary.key_points[1].options",
                                           "speaks for option-1 («helpful») without its side effects and evidence"),
    "a glossary definition speaking for an option": (praising_definition, "glossary[0].definition",
                                                     "speaks for option-1 («help»), away from its side effects"),
    "a key point naming an unknown option": (unknown_option_of_a_point, "summary.key_points[0].options[0]",
                                             "no option 'nowhere'"),
    "a result figure without its option": (figure_without_option, "key_figures[0].option",
                                           "is missing: a result is a benefit of an option"),
    "a size the reader does not see": (size_not_shown, "options[0].evidence.studies",
                                       "is not in the evidence's text"),
    "an unknown section": (unknown_section, "options[0].section", "no section 'nowhere'"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_benefit_without_its_harms_or_evidence_is_a_located_error(tmp_path, capsys, case):
    change, field, said = BAD[case]
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    data = article(Shape(sections=2, lang="en-CA", figures=("result", "result")))
    change(data)
    path = write(tmp_path / "content", "made-up", data)
    assert main(["--check"], root=tmp_path) == 2
    errors = capsys.readouterr().err.splitlines()
    mine = [e for e in errors if f": {field}: " in e]
    assert len(mine) == 1 and said in mine[0], errors
    line = int(mine[0].split(":")[1])
    assert 1 <= line <= len(path.read_text(encoding="utf-8").splitlines())


def test_the_grade_follows_the_themes_criteria(tmp_path):
    """Move a design to another grade in templates/theme.yaml: the page prints the new grade, and a theme
    that leaves a design without a grade is a located theme error."""
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    data = article(Shape(sections=2, lang="en-CA", figures=("result",)))   # option-1: a systematic review
    write(tmp_path / "content", "made-up", data)
    theme = tmp_path / "templates" / "theme.yaml"
    settings = yaml.safe_load(theme.read_text(encoding="utf-8"))
    assert data["options"][0]["evidence"]["design"] == "systematic-review"
    for entry in settings["evidence_grades"]:
        entry["designs"] = [d for d in entry["designs"] if d != "systematic-review"]
    settings["evidence_grades"][-1]["designs"].append("systematic-review")
    theme.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["--output", str(tmp_path / "out"), "-q", "--only", "page.html"], root=tmp_path) == 0
    row = normal("".join(html_tree(tmp_path / "out" / "made-up" / "en" / "page.html")
                          .xpath("//table[@class='options']/tbody/tr")[0].itertext()))
    assert normal("Very low evidence") in row and normal("Low evidence") not in row.replace(normal("Very low evidence"), "")
    settings["evidence_grades"][-1]["designs"].remove("case-series")
    theme.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert main(["--output", str(tmp_path / "out"), "-q", "--force", "--only", "page.html"], root=tmp_path) == 2


@pytest.mark.parametrize("callouts", [(), ("call",)])
def test_the_review_sheet_weighs_the_options_and_names_the_missing_safety_net(tmp_path, callouts):
    """The clinician's sheet lists each option's harms, evidence and grade with the legend, and says when a
    topic with options has no "when to call your care team" call-out (the build never writes one)."""
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    data = article(Shape(sections=2, lang="en-CA", figures=("result", "result", "result"), callouts=callouts))
    write(tmp_path / "content", "made-up", data)
    assert main(["--proof", "--output", str(tmp_path / "out"), "-q", "--only", "page.html"], root=tmp_path) == 0
    sheet = html_tree(tmp_path / "out" / "review.html")
    (section,) = sheet.xpath("//section[@class='options']")
    text = normal("".join(section.itertext()))
    one = edition(tmp_path / "content", "made-up", "en")
    for option in one.options:
        assert normal(option.name) in text
        assert normal(GRADE["en"][grade_of(option.evidence)]) in text
    assert normal(LEGEND_START["en"]) in text
    assert ("Missing, for the clinician to write" in "".join(section.itertext())) == (not callouts)


def test_the_themes_phone_number_is_on_the_leaflet_card_page_and_closing_slide(scratch):
    """Where to call: the association's phone, when the theme gives one, beside its email in every output
    a patient keeps or sees last, a live tel: link on screen."""
    from conftest import FIXTURE_SLUG, pdftotext
    from pptx import Presentation
    theme = scratch / "templates" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace("  phone:  ", "  phone: 204 555-0100", 1), encoding="utf-8")
    shown = ("leaflet.pdf", "card.pdf", "card-press.pdf", "page.html", "deck.pptx")
    assert main(["--output", str(scratch / "out"), "-q", *(a for name in shown for a in ("--only", name))],
                root=scratch) == 0
    folder = scratch / "out" / FIXTURE_SLUG / "fr"
    for name in ("leaflet.pdf", "card.pdf", "card-press.pdf"):
        assert "204 555-0100" in pdftotext(folder / name), name
    assert html_tree(folder / "page.html").xpath("//a[@href='tel:2045550100']")
    last = list(Presentation(str(folder / "deck.pptx")).slides)[-1]
    assert any("204 555-0100" in sh.text_frame.text for sh in last.shapes if sh.has_text_frame)


@pytest.mark.parametrize("callouts", [(), ("do", "ask")])
def test_the_review_sheet_scores_pemat_from_the_edition(tmp_path, callouts):
    """PEMAT-P on the clinician's sheet: an action (a «do» call-out) and a tangible tool (questions to ask)
    are scored met only when the edition has them, with their evidence; the items no build can read are
    left to the reviewer."""
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    write(tmp_path / "content", "made-up", article(Shape(sections=2, lang="en-CA", callouts=callouts)))
    assert main(["--proof", "--output", str(tmp_path / "out"), "-q", "--only", "page.html"], root=tmp_path) == 0
    (section,) = html_tree(tmp_path / "out" / "review.html").xpath("//section[@class='pemat']")
    rows = {tr.xpath("string(td[1])"): [td.text_content() for td in tr.xpath("td")] for tr in section.xpath(".//tr[td]")}
    assert rows["20"][2] == ("yes" if callouts else "no") and rows["23"][2] == ("yes" if callouts else "no")
    assert rows["11"][2] == "yes" and rows["5"][2] == "for the reviewer"
    if callouts:
        assert "Do item 1" in rows["20"][3]


def test_an_options_heading_never_ends_a_page_without_its_table(tmp_path):
    """An article whose first options table falls near a page's end: on every leaflet page that shows the
    table's heading, the table's header row follows (read back page by page with poppler)."""
    from articles import write_picture
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shape = Shape(sections=4, subsections=(2,), lists=True, tables=((3, 4),), pictures=("tree.svg", "box.png"),
                  references=5, figures=("icons", "result", "bars", "result", "result"), callouts=("do", "call"),
                  glossary=2, card={"sections": ["part-1"], "options": ["option-2"]})
    write(tmp_path / "content", "garden", article(shape))
    for name in shape.pictures:
        write_picture(tmp_path / "content" / "garden", name)
    assert main(["--output", str(tmp_path / "out"), "-q", "--only", "leaflet.pdf"], root=tmp_path) == 0
    text = subprocess.run(["pdftotext", str(tmp_path / "out" / "garden" / "en" / "leaflet.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    heading = re.compile(r"^Treatments at a glance$", re.M)   # the heading's line (the summary names it too)
    pages = [p for p in text.split("\f") if heading.search(p)]
    assert pages
    for page in pages:
        assert "Side effects" in heading.split(page, 1)[1], page[-300:]
