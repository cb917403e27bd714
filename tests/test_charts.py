"""Chart kinds on a topic the code has never seen (garden birds, not medical advice), read back from the outputs."""
from __future__ import annotations

import inspect
import re
import shutil
from pathlib import Path

import pytest
from articles import write_words
from conftest import flat, pdftotext
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE

from handouts import charts
from handouts.charts.base import ChartKind, ComposesFigure
from handouts.cli import main
from handouts.content.model import BODY_SITES, KeyFigure


def words_for(lang: str):
    from babel import Locale

    from handouts.render.figures import Words
    from handouts.render.i18n import translations_for
    from handouts.render.templating import load_theme
    return Words(Locale.parse(lang), translations_for(ROOT / "templates" / "locales", lang),
                 load_theme(ROOT / "templates").grades)

ROOT = Path(__file__).resolve().parent.parent

HEAD = """lang: {lang}
title: {title}
published: 2025-03
association:
  name: Club des oiseaux du jardin
  website: https://example.org
  email: info@example.org
authors:
  - name: Camille Exemple
    degrees: BSc
    positions: [{role}]
"""
FR = HEAD.format(lang="fr-CA", title="Les oiseaux du jardin", role="Ornithologue amateur") + """\
sections:
  - id: jardiniers
    heading: Qui nourrit les oiseaux?
    body:
      - >-
        Plus de 95 % des jardiniers interrogés nourrissent les oiseaux. Seuls 5 % des jardiniers
        ont vu un pic. Environ 25 % des jardiniers tiennent un carnet. Jusqu'à 20-40 % des
        jardiniers installent un nichoir.
    key_points:
      - {text: Plus de 95 % des jardiniers interrogés nourrissent les oiseaux., source: Plus de 95 %}
  - id: chants
    heading: Chants et nids
    body:
      - >-
        Les merles chantent pendant 3-5 % de l'aube. Le nourrissage au nid dure 12 jours chez la
        mésange, 14 jours chez le moineau, 9 jours chez le pinson et 1 jour chez le roitelet. Les
        mésanges se posent sur les doigts et les orteils des jardiniers patients.
    key_points:
      - {text: "Les merles chantent pendant 3-5 % de l'aube.", source: Les merles chantent}
summary:
  heading: En bref
  body: [Un exemple inventé pour les tests, sans conseil d'aucune sorte.]
  key_points:
    - {text: Un exemple inventé pour les tests., source: Un exemple inventé}
references:
  - authors: [Exemple C]
    title: Oiseaux des jardins
    journal: Rev Jard
    year: 2024
    volume: "1"
    pages: 1-2
    doi: 10.1000/jardin
key_figures:
  - id: nourrissent
    section: jardiniers
    chart: icons
    title: Qui nourrit les oiseaux?
    values: [{label: des jardiniers interrogés, value: 95, more_than: true}]
    sentence: Plus de 95 % des jardiniers interrogés nourrissent les oiseaux
  - id: pic
    section: jardiniers
    chart: icons
    title: Qui a vu un pic?
    values: [{label: des jardiniers, value: 5}]
    sentence: Seuls 5 % des jardiniers ont vu un pic
  - id: carnet
    section: jardiniers
    chart: icons
    title: Environ combien tiennent un carnet?
    values: [{label: des jardiniers, value: 25}]
    sentence: Environ 25 % des jardiniers tiennent un carnet
  - id: nichoir
    section: jardiniers
    chart: icons
    title: Qui installe un nichoir?
    values: [{label: des jardiniers, value: 20, high: 40, up_to: true}]
    sentence: Jusqu'à 20-40 % des jardiniers installent un nichoir
  - id: merles
    section: chants
    chart: stat
    title: Le chant des merles
    values: [{label: de l'aube, value: 3, high: 5}]
    sentence: Les merles chantent pendant 3-5 % de l'aube
  - id: nourrissage
    section: chants
    chart: bars
    title: Durée du nourrissage au nid
    unit: days
    values:
      - {label: mésange, value: 12}
      - {label: moineau, value: 14}
      - {label: pinson, value: 9}
      - {label: roitelet, value: 1}
    sentence: >-
      Le nourrissage au nid dure 12 jours chez la mésange, 14 jours chez le moineau, 9 jours chez le
      pinson et 1 jour chez le roitelet
  - id: perchoirs
    section: chants
    chart: body-sites
    title: Où se posent les mésanges?
    sites: [fingers, toes]
    sentence: Les mésanges se posent sur les doigts et les orteils des jardiniers patients
"""
EN = HEAD.format(lang="en-CA", title="Garden birds", role="Amateur birder") + """\
sections:
  - id: jardiniers
    heading: Who feeds the birds?
    body:
      - >-
        More than 95% of gardeners surveyed feed the birds. Only 5% of gardeners have seen a
        woodpecker. About 25% of gardeners keep a notebook. Up to 20-40% of gardeners put up a nest box.
    key_points:
      - {text: More than 95% of gardeners surveyed feed the birds., source: More than 95%}
  - id: chants
    heading: Songs and nests
    body:
      - >-
        Blackbirds sing for 3-5% of the dawn. Feeding at the nest lasts 12 days for the tit, 14 days
        for the sparrow, 9 days for the finch and 1 day for the wren. Tits perch on the fingers and
        toes of patient gardeners.
    key_points:
      - {text: Blackbirds sing for 3-5% of the dawn., source: Blackbirds sing}
summary:
  heading: In short
  body: [A made-up example for the tests, with no advice of any kind.]
  key_points:
    - {text: A made-up example for the tests., source: A made-up example}
references:
  - authors: [Example C]
    title: Garden birds
    journal: Gard Rev
    year: 2024
    volume: "1"
    pages: 1-2
    doi: 10.1000/jardin
key_figures:
  - id: nourrissent
    section: jardiniers
    chart: icons
    title: Who feeds the birds?
    values: [{label: of gardeners surveyed, value: 95, more_than: true}]
    sentence: More than 95% of gardeners surveyed feed the birds
  - id: pic
    section: jardiniers
    chart: icons
    title: Who has seen a woodpecker?
    values: [{label: of gardeners, value: 5}]
    sentence: Only 5% of gardeners have seen a woodpecker
  - id: carnet
    section: jardiniers
    chart: icons
    title: About how many keep a notebook?
    values: [{label: of gardeners, value: 25}]
    sentence: About 25% of gardeners keep a notebook
  - id: nichoir
    section: jardiniers
    chart: icons
    title: Who puts up a nest box?
    values: [{label: of gardeners, value: 20, high: 40, up_to: true}]
    sentence: Up to 20-40% of gardeners put up a nest box
  - id: merles
    section: chants
    chart: stat
    title: Blackbird song
    values: [{label: of the dawn, value: 3, high: 5}]
    sentence: Blackbirds sing for 3-5% of the dawn
  - id: nourrissage
    section: chants
    chart: bars
    title: Feeding at the nest
    unit: days
    values:
      - {label: tit, value: 12}
      - {label: sparrow, value: 14}
      - {label: finch, value: 9}
      - {label: wren, value: 1}
    sentence: >-
      Feeding at the nest lasts 12 days for the tit, 14 days for the sparrow, 9 days for the finch
      and 1 day for the wren
  - id: perchoirs
    section: chants
    chart: body-sites
    title: Where do tits perch?
    sites: [fingers, toes]
    sentence: Tits perch on the fingers and toes of patient gardeners
"""

CAPTIONS = {
    "fr": ["plus de 95 % des jardiniers interrogés : plus de 95 personnes sur 100",
           "5 % des jardiniers : 5 personnes sur 100",
           "25 % des jardiniers : 25 personnes sur 100",
           "jusqu'à 20 à 40 % des jardiniers : jusqu'à 2 à 4 personnes sur 10",
           "3 à 5 % de l'aube",
           "Silhouettes hachurées : jusqu'au haut de la fourchette.",
           "Chaque silhouette représente une personne; silhouettes pleines : les personnes concernées."],
    "en": ["more than 95% of gardeners surveyed: more than 95 people in 100",
           "5% of gardeners: 5 people in 100",
           "25% of gardeners: 25 people in 100",
           "up to 20–40% of gardeners: up to 2–4 people in 10",
           "3 to 5% of the dawn",
           "Hatched figures: up to the high end of the range.",
           "Each figure is one person; solid figures: the people concerned."],
}


def scratch(tmp_path: Path, fr: str = FR, en: str = EN) -> Path:
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    topic = tmp_path / "content" / "jardin"
    topic.mkdir(parents=True)
    (topic / "fr.yaml").write_text(fr, encoding="utf-8")
    (topic / "en.yaml").write_text(en, encoding="utf-8")
    write_words(topic, fr + en)   # the test topic's made-up words
    return tmp_path


@pytest.fixture(scope="module")
def garden(tmp_path_factory) -> Path:
    root = scratch(tmp_path_factory.mktemp("garden"))
    out = root / "out"
    assert main(["--output", str(out), "-q", "--strict", "--only", "leaflet.pdf", "--only", "deck.pptx"], root=root) == 0
    return out / "jardin"   # the outputs these tests read


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_captions_say_each_case_in_words(garden, lang):
    text = flat(pdftotext(garden / lang / "leaflet.pdf"))
    for caption in CAPTIONS[lang]:
        assert flat(caption) in text
    assert "0 à 0" not in text and "10 à 10" not in text and "0 to 0" not in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_deck_icons_are_100_people_unless_every_number_is_a_multiple_of_10(garden, lang):
    prs = Presentation(str(garden / lang / "deck.pptx"))
    groups = [s for slide in prs.slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]
    people = [len(g.shapes) // 2 for g in groups if any(s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE and
                                                       s.auto_shape_type == MSO_SHAPE.ROUND_2_SAME_RECTANGLE for s in g.shapes)]
    assert people == [100, 100, 100, 10]
    legend = " ".join(s.text_frame.text for slide in prs.slides for s in slide.shapes if s.has_text_frame)
    assert flat(CAPTIONS[lang][5]) in flat(legend) and flat(CAPTIONS[lang][6]) in flat(legend)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_deck_bars_and_stat_carry_every_value(garden, lang):
    prs = Presentation(str(garden / lang / "deck.pptx"))
    found = {s.chart.chart_type: s.chart for slide in prs.slides for s in slide.shapes if s.has_chart}
    bars = found[XL_CHART_TYPE.BAR_CLUSTERED]
    assert list(bars.plots[0].series[0].values) == [12, 14, 9, 1]
    assert bars.value_axis.maximum_scale == 15  # a round maximum above 14 days
    assert list(bars.plots[0].categories) == (["mésange", "moineau", "pinson", "roitelet"] if lang == "fr"
                                               else ["tit", "sparrow", "finch", "wren"])
    assert list(found[XL_CHART_TYPE.DOUGHNUT].plots[0].series[0].values) == [3, 2, 95]  # solid, range, rest
    text = flat(" ".join(s.text_frame.text for slide in prs.slides for s in slide.shapes if s.has_text_frame))
    assert CAPTIONS[lang][4].split(" de")[0].split(" of")[0] in text  # the stat shows its range


@pytest.mark.parametrize("lang, sites", [("fr", ["doigts", "orteils"]), ("en", ["fingers", "toes"])])
def test_body_sites_label_only_the_named_sites(garden, lang, sites):
    prs = Presentation(str(garden / lang / "deck.pptx"))
    slide = next(s for s in prs.slides if any(sh.shape_type == MSO_SHAPE_TYPE.GROUP and
                                              sh.shapes[0].shape_type == MSO_SHAPE_TYPE.FREEFORM for sh in s.shapes))
    group = next(sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.GROUP)
    every = set(charts.kind("body-sites").names(KeyFigure(
        id="a", section="s", chart="body-sites", title="T", sentence="s", sites=BODY_SITES), words_for(lang)))
    labels = [s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text in every]
    assert sorted(labels) == sorted(sites)
    descr = group._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
    assert all(site in descr for site in sites)


def test_svg_geometry(garden):
    """The pictures themselves: 100 icons for 5 %, 10 for 20-40 %, hatching only for a range, a row per bar."""
    import gettext

    from babel import Locale

    from handouts.charts.base import Paint
    from handouts.render.figures import Words

    words = Words(Locale.parse("en"), gettext.NullTranslations())
    paint = Paint("#0b4a66", "#1a1a1a", "#d5dde2")
    icons = charts.kind("icons")
    five = KeyFigure(id="a", section="s", chart="icons", title="T", sentence="5", values=[{"label": "x", "value": 5}])
    rng = KeyFigure(id="a", section="s", chart="icons", title="T", sentence="20 40",
                    values=[{"label": "x", "value": 20, "high": 40}])
    assert icons.svg(five, words, paint).count("<g transform") == 100
    assert icons.svg(rng, words, paint).count("<g transform") == 10
    assert icons.svg(rng, words, paint).count('fill="url(#maybe)"') == 2
    assert icons.svg(five, words, paint).count('fill="url(#maybe)"') == 0
    capped = KeyFigure(id="a", section="s", chart="icons", title="T", sentence="20 40",
                       values=[{"label": "x", "value": 20, "high": 40, "up_to": True}])
    drawn = icons.svg(capped, words, paint)   # "up to 20-40 %" caps the whole range: no one solid
    assert drawn.count('fill="url(#maybe)"') == 4 and drawn.count(f'fill="{paint.mark}" stroke') == 0
    assert [icons.people(p, 100) for p in (2.5, 5, 95, 0.4)] == [3, 5, 95, 0]
    bars = KeyFigure(id="b", section="s", chart="bars", title="T", sentence="1 2 3 4 5 6 7", unit="count",
                     values=[{"label": f"b{n}", "value": n} for n in range(1, 8)])
    drawn = charts.kind("bars").svg(bars, words, paint)
    assert drawn.count(f'fill="{paint.mark}"') == 7
    assert charts.kind("bars").scale(bars) == (8, 2)


def located(tmp_path, capsys, old: str, new: str) -> list[str]:
    root = scratch(tmp_path, fr=FR.replace(old, new))
    assert main(["--output", str(tmp_path / "out"), "-q"], root=root) == 2
    assert not (tmp_path / "out" / "jardin").exists()
    return capsys.readouterr().err.strip().splitlines()


def line_of(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    offset = [m.start() for m in re.finditer(re.escape(needle), text)][occurrence]
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_an_unknown_chart_kind_is_a_located_error(tmp_path, capsys):
    errors = located(tmp_path, capsys, "    chart: icons\n    title: Environ combien",
                     "    chart: pie\n    title: Environ combien")
    line, col = line_of(FR, "chart: icons", 2)
    assert errors == [f"content/jardin/fr.yaml:{line}:{col + 7}: key_figures[2].chart: unknown chart kind 'pie' "
                      "(one of: bars, body-sites, icons, result, stat)"]


def test_a_stat_with_two_values_is_a_located_error(tmp_path, capsys):
    old = "    values: [{label: de l'aube, value: 3, high: 5}]"
    errors = located(tmp_path, capsys, old, "    values: [{label: de l'aube, value: 3}, {label: du jour, value: 5}]")
    line, col = line_of(FR, old)
    assert errors == [f"content/jardin/fr.yaml:{line}:{col + 12}: key_figures[4].values: has 2 values "
                      "(a stat chart shows exactly one; use bars for several)"]


@pytest.mark.parametrize("old, new, message", [
    ("    sites: [fingers, toes]\n", "    sites: []\n",
     "key_figures[6].sites: is missing (the places to mark, from: head, face, mouth, neck, shoulders, chest, back, "
     "elbows, forearms, wrists, hands, fingers, hips, knees, lower-legs, ankles, feet, toes)"),
    ("    values: [{label: des jardiniers, value: 5}]\n",
     "    values: [{label: des jardiniers, value: 5}]\n    sites: [hands]\n",
     "key_figures[1].sites: is not used by an icons chart (sites belong to a body-sites chart)"),
    ("    chart: bars\n    title: Durée du nourrissage au nid\n    unit: days\n",
     "    chart: icons\n    title: Durée du nourrissage au nid\n    unit: days\n",
     "key_figures[5].values: has 4 values (an icons chart shows exactly one; use bars for several)"),
])
def test_each_kind_judges_its_figure(tmp_path, capsys, old, new, message):
    assert old in FR
    errors = located(tmp_path, capsys, old, new)
    assert any(e.split(": ", 1)[1] == message for e in errors), errors


@pytest.mark.parametrize("lang, quantity, unit, said", [
    ("fr", {"value": 20, "high": 40, "up_to": True}, "%", "jusqu'à 20 à 40 %"),
    ("en", {"value": 20, "high": 40, "up_to": True}, "%", "up to 20–40%"),
    ("fr", {"value": 80, "more_than": True}, "%", "plus de 80 %"),
    ("en", {"value": 10, "up_to": True}, "%", "up to 10%"),
    ("fr", {"value": 3, "high": 5}, "days", "3 à 5 jours"),
    ("en", {"value": 3, "high": 5}, "days", "3 to 5 days"),
    ("fr", {"value": 1}, "days", "1 jour"),
    ("en", {"value": 1}, "weeks", "1 week"),
    ("en", {"value": 2}, "years", "2 years"),
    ("fr", {"value": 6}, "months", "6 mois"),
    ("en", {"value": 1200}, "count", "1,200"),
])
def test_quantities_in_words(lang, quantity, unit, said):
    from handouts.content.model import Quantity

    words = words_for(lang)
    assert flat(words.amount(Quantity(label="x", **quantity), unit)) == flat(said)


def _members(protocol: type) -> dict[str, inspect.Signature]:
    """A protocol's functions, each with its signature as a module function has it (no self)."""
    out = {}
    for name, member in vars(protocol).items():
        if inspect.isfunction(member) and not name.startswith("_"):
            signature = inspect.signature(member)
            out[name] = signature.replace(parameters=list(signature.parameters.values())[1:])
    return out


@pytest.mark.parametrize("name", sorted(charts.KINDS))
def test_every_kind_has_the_protocol_s_functions_with_their_signatures(name):
    kind = charts.kind(name)
    expected = _members(ChartKind) | (_members(ComposesFigure) if hasattr(kind, "figure_html") else {})
    assert set(_members(ChartKind)) == {"validate", "svg", "caption", "alt", "drawing", "draw_deck"}
    for member, signature in expected.items():
        assert inspect.isfunction(getattr(kind, member, None)), f"{name} has no function {member}"
        assert inspect.signature(getattr(kind, member)) == signature, f"{name}.{member}"
