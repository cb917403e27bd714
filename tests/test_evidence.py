"""A result is never a bare number: every `result` figure shows its evidence (design, size, duration,
strength) in words, in the leaflet and on its slide, at nearly the weight of its number, and never in a
shape whose size is the number. Read back from the real article and from a made-up topic."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from articles import Shape, article, write
from conftest import flat, pdftotext
from pptx import Presentation
from pptx.util import Emu
from test_charts import FR as GARDEN_FR
from test_charts import line_of, located, words_for

from handouts import charts
from handouts.charts.base import Paint
from handouts.cli import main
from handouts.readers import load_library

ROOT = Path(__file__).resolve().parent.parent

# The catalog's words, written out literally: the tests' own record of them.
DESIGN = {
    "fr": {"systematic-review": "Revue systématique", "meta-analysis": "Méta-analyse",
           "randomised-trial": "Essai randomisé", "cohort-study": "Étude de cohorte", "case-series": "Série de cas",
           "pilot-study": "Étude pilote", "case-report": "Rapport de cas", "expert-opinion": "Avis d'experts"},
    "en": {"systematic-review": "Systematic review", "meta-analysis": "Meta-analysis",
           "randomised-trial": "Randomized trial", "cohort-study": "Cohort study", "case-series": "Case series",
           "pilot-study": "Pilot study", "case-report": "Case report", "expert-opinion": "Expert opinion"},
}
STRENGTH = {"fr": {"limited": "Preuves limitées", "moderate": "Preuves modérées", "strong": "Preuves solides"},
            "en": {"limited": "Limited evidence", "moderate": "Moderate evidence", "strong": "Strong evidence"}}
STUDIES = {"fr": ("étude", "études"), "en": ("study", "studies")}
OVER = {"fr": "sur", "en": "over"}
UNITS = {"fr": {"days": ("jour", "jours"), "weeks": ("semaine", "semaines"), "months": ("mois", "mois"),
                "years": ("an", "ans")},
         "en": {"days": ("day", "days"), "weeks": ("week", "weeks"), "months": ("month", "months"),
                "years": ("year", "years")}}

# The real article's two results, as a reader must see them.
CALCINOSE = {
    "fr": {"thiosulfate": ("plus de 80 % des patients dont la calcinose s'améliorerait",
                           "Revue systématique · 40 études · sur 5 mois", "Preuves limitées"),
           "neem": ("45 % des patients avec une cicatrisation complète",
                    "Étude pilote · 21 patients · sur 40 jours", "Preuves limitées",
                    "À confirmer par des études plus grandes")},
    "en": {"thiosulfate": ("more than 80% of patients whose calcinosis could improve",
                           "Systematic review · 40 studies · over 5 months", "Limited evidence"),
           "neem": ("45% of patients with complete healing",
                    "Pilot study · 21 patients · over 40 days", "Limited evidence",
                    "To be confirmed by larger studies")},
}


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
    return " · ".join(parts), STRENGTH[lang][e.strength]


@pytest.fixture(scope="module")
def made_up(tmp_path_factory) -> Path:
    """A made-up topic with a result of every design and strength, on studies and on patients, in two languages."""
    root = tmp_path_factory.mktemp("results")
    shutil.copytree(ROOT / "templates", root / "templates")
    for lang in ("fr-CA", "en-CA"):
        write(root / "content", "made-up", article(Shape(sections=4, lang=lang, figures=("result",) * 8)))
    assert main(["--output", str(root / "out"), "-q", "--strict"], root=root) == 0
    return root


def results(content: Path, topic: str, lang: str):
    (found,) = [t for t in load_library(content) if t.slug == topic]
    (edition,) = [e for e in found.editions if e.language == lang]
    return [f for f in edition.key_figures if f.chart == "result"]


def cases(built: Path, made_up: Path, lang: str):
    """(output folder, result figures) of the real article and of the made-up topic."""
    return [(built / "calcinose" / lang, results(ROOT / "content", "calcinose", lang)),
            (made_up / "out" / "made-up" / lang, results(made_up / "content", "made-up", lang))]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_article_shows_its_results_with_their_evidence(built, lang):
    figures = results(ROOT / "content", "calcinose", lang)
    assert {f.id for f in figures} == set(CALCINOSE[lang])
    leaflet = flat(pdftotext(built / "calcinose" / lang / "leaflet.pdf"))
    prs = Presentation(str(built / "calcinose" / lang / "deck.pptx"))
    for figure in figures:
        slide = next(s for s in prs.slides if s.shapes.title is not None and flat(s.shapes.title.text) == flat(figure.title))
        on_slide = flat(" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame))
        for words in CALCINOSE[lang][figure.id]:
            assert flat(words) in leaflet, words
            for line in words.split(" des patients" if lang == "fr" else " of patients"):
                assert flat(line) in on_slide, line


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_result_shows_design_size_duration_and_strength(built, made_up, lang):
    for folder, figures in cases(built, made_up, lang):
        leaflet = flat(pdftotext(folder / "leaflet.pdf"))
        prs = Presentation(str(folder / "deck.pptx"))
        for figure in figures:
            line, strength = expected(figure, lang)
            assert f"{line} {strength}" in leaflet, (figure.id, line)  # real text, in reading order
            slide = next(s for s in prs.slides if s.shapes.title is not None and flat(s.shapes.title.text) == flat(figure.title))
            texts = [flat(s.text_frame.text) for s in slide.shapes if s.has_text_frame]
            assert any(line in t for t in texts) and strength in texts, (figure.id, texts)
    made = results(made_up / "content", "made-up", lang)
    assert {f.evidence.design for f in made} == set(DESIGN[lang]) and {f.evidence.strength for f in made} == set(STRENGTH[lang])


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
            assert picture.count("<rect") == 3 and picture.count(f'fill="{paint.mark}"') == kind.level(figure)
            drawn.setdefault(figure.evidence.strength, set()).add(picture)
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
            assert amount <= 40 and amount <= 1.5 * sizes[line] and sizes[line] >= 28 and sizes[strength] >= 28
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
    assert errors == [f"content/jardin/fr.yaml:{line}:{col}: key_figures[4].evidence: is missing (a result shows "
                      "its evidence: design, strength, and studies or patients)"]


def test_a_result_without_studies_or_patients_is_a_located_error(tmp_path, capsys):
    errors = located(tmp_path, capsys, RESULT, RESULT.replace("chart: stat", "chart: result")
                     + "    evidence: {design: expert-opinion, strength: limited}\n")
    line, col = line_of(GARDEN_FR.replace(RESULT, RESULT + "    evidence: {design: expert-opinion, strength: limited}\n"),
                        "{design")
    assert errors == [f"content/jardin/fr.yaml:{line}:{col}: key_figures[4].evidence: has neither studies nor "
                      "patients (a result shows how many studies or patients it rests on)"]


def test_a_stat_with_evidence_is_a_located_error(tmp_path, capsys):
    evidence = "    evidence: {design: case-series, strength: limited, patients: 3}\n"
    errors = located(tmp_path, capsys, RESULT, RESULT + evidence)
    line, col = line_of(GARDEN_FR.replace(RESULT, RESULT + evidence), "{design")
    assert errors == [f"content/jardin/fr.yaml:{line}:{col}: key_figures[4].evidence: is not shown by a stat "
                      "chart (a result of a study is a result chart: write chart: result)"]
