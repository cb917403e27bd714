"""A result is never a bare number: every `result` figure shows its evidence (design, size, duration,
grade) in words, in the leaflet and on its slide, at nearly the weight of its number, and never in a
shape whose size is the number; its grade is the theme's criteria's, never typed. Read back from a
made-up topic (the real article shows its results in its options table: tests/test_options.py)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from articles import built_in_two_languages, edition_of
from conftest import flat, pdftotext
from pptx import Presentation
from pptx.util import Emu
from test_charts import FR as GARDEN_FR
from test_charts import line_of, located, words_for

from handouts import charts
from handouts.charts.base import Paint

ROOT = Path(__file__).resolve().parent.parent

# The catalog's words, written out literally: the tests' own record of them.
DESIGN = {
    "fr": {"systematic-review": "Revue systématique", "meta-analysis": "Méta-analyse",
           "randomised-trial": "Essai randomisé", "cohort-study": "Étude de cohorte", "case-series": "Série de cas",
           "pilot-study": "Étude pilote", "case-report": "Rapport de cas", "expert-opinion": "Avis d'experts",
           "prospective-studies": "Études prospectives", "small-studies": "Petites études"},
    "en": {"systematic-review": "Systematic review", "meta-analysis": "Meta-analysis",
           "randomised-trial": "Randomized trial", "cohort-study": "Cohort study", "case-series": "Case series",
           "pilot-study": "Pilot study", "case-report": "Case report", "expert-opinion": "Expert opinion",
           "prospective-studies": "Prospective studies", "small-studies": "Small studies"},
}
GRADE = {"fr": {"high": "Preuves élevées", "moderate": "Preuves modérées", "low": "Preuves faibles",
                "very-low": "Preuves très faibles"},
         "en": {"high": "High evidence", "moderate": "Moderate evidence", "low": "Low evidence",
                "very-low": "Very low evidence"}}


def grade_of(evidence) -> str:
    """The grade templates/theme.yaml's criteria give, written out: the tests' own reading of them."""
    if evidence.design in ("meta-analysis", "randomised-trial"):
        return "high" if (evidence.patients or 0) >= 300 else "moderate"
    return "low" if evidence.design in ("systematic-review", "cohort-study", "prospective-studies") else "very-low"


MARKS = {"high": 4, "moderate": 3, "low": 2, "very-low": 1}
LEGEND = {  # each grade's line of the legend, as templates/theme.yaml's criteria read
    "fr": {"high": "Preuves élevées : méta-analyse ou essai randomisé, au moins 300 patients",
           "moderate": "Preuves modérées : méta-analyse ou essai randomisé",
           "low": "Preuves faibles : revue systématique ou étude de cohorte ou études prospectives",
           "very-low": "Preuves très faibles : petites études ou étude pilote ou série de cas ou rapport de cas ou "
                       "avis d'experts"},
    "en": {"high": "High evidence: meta-analysis or randomized trial, at least 300 patients",
           "moderate": "Moderate evidence: meta-analysis or randomized trial",
           "low": "Low evidence: systematic review or cohort study or prospective studies",
           "very-low": "Very low evidence: small studies or pilot study or case series or case report or expert opinion"},
}
STUDIES = {"fr": ("étude", "études"), "en": ("study", "studies")}
OVER = {"fr": "sur", "en": "over"}
WHOSE = {"fr": "Critères de Scleroderma Manitoba, pas ceux de l'article :",   # the theme's association
         "en": "Criteria of Scleroderma Manitoba, not the article's:"}
UNITS = {"fr": {"days": ("jour", "jours"), "weeks": ("semaine", "semaines"), "months": ("mois", "mois"),
                "years": ("an", "ans")},
         "en": {"days": ("day", "days"), "weeks": ("week", "weeks"), "months": ("month", "months"),
                "years": ("year", "years")}}

def plural(pair: tuple[str, str], n: float, lang: str) -> str:
    return pair[0] if (n <= 1 if lang == "fr" else n == 1) else pair[1]


def expected(figure, lang: str) -> tuple[str, str]:
    """(evidence line, strength label) of a figure, from the literal tables above."""
    e = figure.evidence
    parts = [DESIGN[lang][e.design]]
    if e.studies:
        parts.append(f"{e.studies} {plural(STUDIES[lang], e.studies, lang)}")
    if e.patients:
        parts.append(f"{e.patients} patient{'s' if e.patients > 1 else ''}")
    if e.duration:
        parts.append(f"{OVER[lang]} {e.duration.value:g} {plural(UNITS[lang][e.duration.unit], e.duration.value, lang)}")
    return " · ".join(parts), GRADE[lang][grade_of(e)]


@pytest.fixture(scope="module")
def made_up(tmp_path_factory) -> Path:
    """A made-up topic with a result of every design and grade, on studies and on patients, in two languages."""
    return built_in_two_languages(tmp_path_factory.mktemp("results"), ROOT / "templates", sections=4,
                                  only=("leaflet.pdf", "deck.pptx"),
                                  figures=("result",) * 12, card={"sections": ["part-1"], "options": ["option-1"]})


def results(content: Path, topic: str, lang: str):
    return [f for f in edition_of(content, topic, lang).key_figures if f.chart == "result"]


def cases(built: Path, made_up: Path, lang: str):
    """(output folder, result figures) of the made-up topic."""
    return [(made_up / "out" / "made-up" / lang, results(made_up / "content", "made-up", lang))]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_result_shows_design_size_duration_and_grade(built, made_up, lang):
    for folder, figures in cases(built, made_up, lang):
        leaflet = flat(pdftotext(folder / "leaflet.pdf"))
        prs = Presentation(str(folder / "deck.pptx"))
        for figure in figures:
            line, strength = expected(figure, lang)
            meaning = flat(LEGEND[lang][grade_of(figure.evidence)])   # the grade's criteria beside its marks
            assert f"{line} {strength} {WHOSE[lang]} {meaning}" in leaflet, (figure.id, line)  # real text, in order
            slide = next(s for s in prs.slides if s.shapes.title is not None and flat(s.shapes.title.text) == flat(figure.title))
            texts = [flat(s.text_frame.text) for s in slide.shapes if s.has_text_frame]
            assert any(line in t for t in texts) and strength in texts and any(t.endswith(meaning) for t in texts), \
                (figure.id, texts)
    made = results(made_up / "content", "made-up", lang)
    assert {f.evidence.design for f in made} == set(DESIGN[lang]) and {grade_of(f.evidence) for f in made} == set(GRADE[lang])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_result_is_never_a_ring_or_a_bar(built, made_up, lang):
    for folder, figures in cases(built, made_up, lang):
        prs = Presentation(str(folder / "deck.pptx"))
        for figure in figures:
            slide = next(s for s in prs.slides if s.shapes.title is not None and flat(s.shapes.title.text) == flat(figure.title))
            assert not any(s.has_chart for s in slide.shapes), figure.id
            for rel in slide.part.rels.values():
                assert "chart" not in rel.reltype, figure.id
        assert not any(b"c:doughnutChart" in part.blob for part in prs.part.package.iter_parts()
                       if part.partname.endswith(".xml") and "/charts/" in part.partname)
    words = words_for(lang)
    paint = Paint("#0b4a66", "#1a1a1a", "#d5dde2")
    kind = charts.kind("result")
    drawn = {}
    for _, figures in cases(built, made_up, lang):
        for figure in figures:
            picture = kind.svg(figure, words, paint)
            assert not re.search(r"<(path|circle|ellipse|text)\b", picture), figure.id  # no arc, no glyph outlines
            assert picture.count("<rect") == 4 and picture.count(f'fill="{paint.mark}"') == MARKS[grade_of(figure.evidence)]
            drawn.setdefault(grade_of(figure.evidence), set()).add(picture)
    assert all(len(pictures) == 1 for pictures in drawn.values())  # the number does not change the picture


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_number_weighs_like_its_evidence_on_the_slide(built, made_up, lang):
    for folder, figures in cases(built, made_up, lang):
        prs = Presentation(str(folder / "deck.pptx"))
        width, height = prs.slide_width, prs.slide_height
        for figure in figures:
            slide = next(s for s in prs.slides if s.shapes.title is not None and flat(s.shapes.title.text) == flat(figure.title))
            line, strength = expected(figure, lang)
            runs = [(flat(r.text), r) for s in slide.shapes if s.has_text_frame and s != slide.shapes.title
                    for p in s.text_frame.paragraphs for r in p.runs if r.text.strip()]
            sizes = {text: run.font.size.pt for text, run in runs}
            amount = max(sizes.values())
            # body type at least (S4: 24 pt), the number at most half as large again (with its harms, the
            # card may take 24 pt rather than 28)
            assert amount <= 40 and amount <= 1.5 * sizes[line] and sizes[line] >= 24 and sizes[strength] >= 24
            assert all(run.font._rPr.get("lang") == figure_lang(lang) for _, run in runs)
            for shape in slide.shapes:
                assert 0 <= shape.left and shape.left + shape.width <= width, figure.id
                assert 0 <= shape.top and shape.top + shape.height <= Emu(height), figure.id


def figure_lang(lang: str) -> str:
    return f"{lang}-CA"


RESULT = """  - id: merles
    section: chants
    chart: stat
    title: Le chant des merles
    values: [{label: de l'aube, value: 3, high: 5}]
"""


def test_a_result_without_evidence_is_a_located_error(tmp_path, capsys):
    assert RESULT in GARDEN_FR
    errors = located(tmp_path, capsys, RESULT, RESULT.replace("chart: stat", "chart: result"))
    line, col = line_of(GARDEN_FR, "id: merles")
    assert [e for e in errors if ".evidence:" in e] == [
        f"content/jardin/fr.yaml:{line}:{col}: key_figures[4].evidence: is missing (a result shows "
        "its evidence: design, and studies or patients)"]


def test_a_result_without_studies_or_patients_is_a_located_error(tmp_path, capsys):
    errors = located(tmp_path, capsys, RESULT, RESULT.replace("chart: stat", "chart: result")
                     + "    evidence: {design: expert-opinion}\n")
    line, col = line_of(GARDEN_FR.replace(RESULT, RESULT + "    evidence: {design: expert-opinion}\n"),
                        "{design")
    assert [e for e in errors if ".evidence:" in e] == [
        f"content/jardin/fr.yaml:{line}:{col}: key_figures[4].evidence: has neither studies nor "
        "patients (a result shows how many studies or patients it rests on)"]


def test_a_stat_with_evidence_is_a_located_error(tmp_path, capsys):
    evidence = "    evidence: {design: case-series, patients: 3}\n"
    errors = located(tmp_path, capsys, RESULT, RESULT + evidence)
    line, col = line_of(GARDEN_FR.replace(RESULT, RESULT + evidence), "{design")
    assert errors == [f"content/jardin/fr.yaml:{line}:{col}: key_figures[4].evidence: is not shown by a stat "
                      "chart (a result of a study is a result chart: write chart: result)"]
