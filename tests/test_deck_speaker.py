"""The deck as a speaker presents it, read back with python-pptx: each slide's notes speak to what it shows,
in its order; a split section in groups of two points at least; a treatment told once, on its own slide, in the
authors' sentences, the section's notes pointing to it; the summary's notes a recap; a table said as its header
and a sentence a row. On the first article (French and English) and on made-up articles with options and tables."""
from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from articles import Shape, article
from conftest import ROOT
from pptx import Presentation
from test_deck_talk import body_of, build_topic, key, said, untitled

from handouts.content.derived import SENTENCE_END, sentences
from handouts.content.meaning import normal
from handouts.content.model import Edition, Table
from handouts.content.options import source_sentences
from handouts.pipeline.build import Project, load_editions
from handouts.render.deck.notes import word_count
from handouts.render.i18n import compiled
from handouts.typography import NBSP

SHAPES = {
    "options-en": Shape(sections=3, key_points=4, paragraphs=3, paragraph_words=30,
                        figures=("result", "result", "result", "result"), tables=((3, 4), (4, 8)), references=2),
    "options-fr": Shape(sections=2, key_points=5, paragraphs=4, paragraph_words=45, figures=("result", "result"),
                        tables=((2, 3),), lang="fr-CA", references=2),
}


@pytest.fixture(scope="module")
def decks(built, tmp_path_factory) -> dict[str, tuple[Presentation, Edition]]:
    out = {}
    for name, edition in load_editions(Project(ROOT)).items():
        if name.startswith("content/calcinose/"):
            out[f"real-{Path(name).stem}"] = (Presentation(str(built / "calcinose" / Path(name).stem / "deck.pptx")),
                                              edition)
    for name, shape in SHAPES.items():
        folder = tmp_path_factory.mktemp(name)
        code, err, done = build_topic(folder, [article(shape)])
        assert code == 0, err
        edition = next(iter(load_editions(Project(folder)).values()))
        out[name] = (Presentation(str(next(done.glob("garden/*/deck.pptx")))), edition)
    return out


@pytest.fixture(params=["real-fr", "real-en", *SHAPES])
def deck(request, decks) -> tuple[Presentation, Edition]:
    return decks[request.param]


def catalog(edition: Edition) -> gettext.GNUTranslations:
    from io import BytesIO
    return gettext.GNUTranslations(BytesIO(compiled(ROOT / "templates" / "locales", edition.language)))


def title(slide) -> str:
    return slide.shapes.title.text_frame.text


def runs(prs, edition: Edition):
    """Each section's run of bulleted slides (its slide, "(1/2)", "(2/2)"...), with the section."""
    slides = list(prs.slides)
    for section in edition.all_sections():
        run = [s for s in slides if s.slide_layout.name in ("Content", "Section") and body_of(s) is not None
               and key(untitled(title(s))) == key(section.slide_title)]
        if run:
            yield section, run


def points_of(slide) -> list[str]:
    return [p.text for p in body_of(slide).text_frame.paragraphs if p.level == 0 and p.text.strip()]


def test_each_slides_notes_say_its_points_in_the_order_shown(deck):
    """The sentence each point restates is said on its own slide (or an earlier one of its section, when points of
    two slides restate one sentence), in the order the points are shown; a section's slides never say what an
    option's slide says (its results, side effects and evidence), unless a point of theirs restates it."""
    prs, edition = deck
    checked = 0
    for section, run in runs(prs, edition):
        every = sentences(section.body)
        by_text = {key(p.text): p for p in section.key_points}
        told = ""
        options = {key(s) for o in edition.options_of(section.id) for _, p in o.points()
                   for s in source_sentences(p, every)}
        for slide in run:
            notes = key(said(slide))
            shown = [by_text[key(text)] for text in points_of(slide) if key(text) in by_text]
            where = []
            for point in shown:
                found = [key(s) for s in source_sentences(point, every)]
                if key(point.text) in notes:   # said in the point's words: its sentence was out of its place
                    where.append(notes.find(key(point.text)))
                else:
                    assert all(s in notes or s in told for s in found), (title(slide), point.text)
                    where += [notes.find(s) for s in found if s in notes]
                checked += 1
            assert where == sorted(where), title(slide)
            restated = {key(s) for p in shown for s in source_sentences(p, every)}
            for sentence in options - restated:
                assert sentence not in notes, (title(slide), sentence[:60])
            told += notes
    assert checked


def test_a_sentence_said_without_the_one_before_it_is_said_in_its_points_words(deck):
    """Where the notes leave out a sentence to an option's slide, the sentence after it, when a point restates it, is
    said in that point's words: "These results will need to be confirmed" spoke of the sentence before it in the
    notes (small studies of medicines), not of the one the authors meant (a pilot study of a plant oil)."""
    prs, edition = deck
    for section, run in runs(prs, edition):
        every = sentences(section.body)
        options = {key(s) for o in edition.options_of(section.id) for _, p in o.points()
                   for s in source_sentences(p, every)}
        shown = {key(s) for p in section.key_points for s in source_sentences(p, every)}
        notes = " ".join(key(said(slide)) for slide in run)
        for block in section.body:
            if not isinstance(block, str):
                continue
            parts = sentences([block])
            for before, sentence in zip(parts, parts[1:]):
                if key(before) in options - shown and key(sentence) in shown:
                    assert key(sentence) not in notes, (section.id, sentence[:60])


def test_a_split_section_never_leaves_a_slide_one_point_its_neighbour_could_hold(deck):
    """Groups of two points at least: a slide of one point only where the slide next to it could not take it
    (six bullets, about 40 words)."""
    prs, edition = deck
    for _, run in runs(prs, edition):
        for n, slide in enumerate(run):
            mine = points_of(slide)
            if len(mine) != 1:
                continue
            for other in (run[n - 1] if n else None, run[n + 1] if n + 1 < len(run) else None):
                if other is None:
                    continue
                theirs = [p.text for p in body_of(other).text_frame.paragraphs if p.text.strip()]
                both = theirs + [p.text for p in body_of(slide).text_frame.paragraphs if p.text.strip()]
                fits = len(points_of(other)) + 1 <= 6 and sum(map(word_count, both)) <= 40
                assert not fits, (title(slide), title(other))


def option_slides(prs, edition: Edition):
    names = {key(o.name): o for o in edition.options}
    for slide in prs.slides:
        option = names.get(key(untitled(title(slide))))
        if option is not None and body_of(slide) is not None:
            yield slide, option


def slide_footnote(slide) -> str:
    return next((s.text_frame.text for s in slide.shapes if s.name == "Footnote"), "")


NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def test_option_slides_say_the_authors_sentences_not_their_labels(deck):
    """An option's notes say the sentences of its section that its lines come from (every number as the authors
    wrote it), never a line of its slide read as a label ("Result: ..."), and no number the content lacks."""
    prs, edition = deck
    seen = 0
    content = " ".join([*(s for part in edition.all_sections() for s in sentences(part.body)),
                        *(p.text for o in edition.options for _, p in o.points())])
    known = set(NUMBER.findall(content.replace(NBSP, " ")))
    before = ""   # the notes of the option slides before this one: a sentence two options share is said once
    for slide, option in option_slides(prs, edition):
        notes = said(slide)
        lines = {key(p.text) for p in body_of(slide).text_frame.paragraphs}
        assert not lines & {key(line) for line in notes.splitlines()}, title(slide)
        (section,) = [s for s in edition.all_sections() if s.id == option.section]
        every = sentences(section.body)
        for _, point in option.points():
            for sentence in source_sentences(point, every):
                assert key(sentence) in key(notes) or key(sentence) in before, (option.id, sentence[:60])
        before += key(notes)
        legend = key(slide_footnote(slide))   # the grades' legend, said as the slide prints it
        spoken = " ".join(line for line in notes.splitlines() if key(line) != legend)
        for number in NUMBER.findall(spoken.replace(NBSP, " ")):
            assert number in known, (option.id, number)
        seen += 1
    assert seen == len(edition.options)


def test_no_two_option_slides_say_the_same_sentence(deck):
    """A sentence two options share (colchicine's and minocycline's studies) is said on the first one's slide; the
    second says its own lines (its side effects), named: two slides in a row never read the same notes."""
    prs, edition = deck
    seen: dict[str, str] = {}
    for slide, option in option_slides(prs, edition):
        (section,) = [s for s in edition.all_sections() if s.id == option.section]
        notes = key(said(slide))
        for sentence in sentences(section.body):
            if key(sentence) in notes:
                assert key(sentence) not in seen, (option.id, seen.get(key(sentence)), sentence[:60])
                seen[key(sentence)] = option.id
    assert seen or not edition.options


def test_a_section_points_to_its_options_slides_instead_of_reading_them(deck):
    """A section whose options' slides say some of its sentences says, in its edition's language, that each
    option comes next, once; the sentences are said on the options' slides."""
    prs, edition = deck
    _ = catalog(edition).gettext
    pointers = {key(_("We come back to each option later in the talk, a slide for each.")),
                key(_("The results, side effects and evidence of each option follow, a slide for each."))}
    for section, run in runs(prs, edition):
        every = sentences(section.body)
        shown = {normal(s) for p in section.key_points for s in source_sentences(p, every)}
        left = {normal(s) for o in edition.options_of(section.id) for s in
                (x for _, p in o.points() for x in source_sentences(p, every))} - shown
        if not left:
            continue
        lines = [key(line) for slide in run for line in said(slide).splitlines()]
        assert len(pointers & set(lines)) == 1, section.id


def test_the_summary_notes_are_a_recap(deck):
    """The summary's slides say a sentence or two of the authors' summary each (never an option's benefit
    again: its slide said it), or name what they show; never the whole summary read out."""
    prs, edition = deck
    summary = edition.summary
    every = {key(s) for s in sentences(summary.body)}
    slides = [s for s in prs.slides if key(untitled(title(s))) == key(summary.heading)]
    assert slides
    total = 0
    for slide in slides:
        lines = [line for line in said(slide).splitlines() if key(line) != key(summary.heading)]
        told = [key(s) for line in lines for s in SENTENCE_END.split(line) if key(s) in every]
        assert len(told) <= 2, (title(slide), told)
        assert len(lines) <= 2 and not any("—" in line for line in lines), lines   # no side effects line read again
        total += len(told)
    assert total <= max(1, len(every) - 1) or len(every) <= 2


def table_slides(prs, edition: Edition):
    tables: dict[str, Table] = {key(b.caption): b for s in edition.all_sections() for b in s.body
                                if isinstance(b, Table)}
    for slide in prs.slides:
        table = tables.get(key(untitled(title(slide))))
        frame = next((f for f in slide.shapes if f.has_table), None)
        if table is not None and frame is not None:
            yield slide, table, [[c.text for c in r.cells] for r in list(frame.table.rows)[1:]]


def test_a_table_is_said_as_its_header_and_a_sentence_a_row(deck):
    """Never "header: cell; header: cell": the caption and header, then each row as "first cell: the others",
    or, for a large table, the rows named and the slide pointed to, in the edition's language."""
    prs, edition = deck
    _ = catalog(edition).gettext
    pointer = key(_("The table on the screen gives the details for: %(rows)s.").split("%")[0])
    for slide, table, rows in table_slides(prs, edition):
        lines = said(slide).splitlines()
        assert key(lines[0]) == key(table.caption + " ".join(table.header)), lines[0]
        assert not any(f"{table.header[1]}:" in line for line in lines[1:]), lines
        if len(table.rows) * len(table.header) > 24:
            assert key(lines[1]).startswith(pointer) and all(key(r[0]) in key(lines[1]) for r in rows), lines
        else:
            assert [key(line) for line in lines[1:1 + len(rows)]] == [key(" ".join(r)) for r in rows], lines


def test_each_grades_meaning_is_said_once_in_the_talk(deck):
    """The slides print the grades' legend wherever grades show; the notes say each grade's meaning once, where it
    first shows (a speaker read the whole legend thirteen times). Every meaning a slide prints is said somewhere."""
    prs, edition = deck
    intro = catalog(edition).gettext("Grades of evidence: criteria of %(association)s (design and size of the studies), "
                                     "not the article's:").split("%(")[0]
    legends = [text for slide in prs.slides if key(text := slide_footnote(slide)).startswith(key(intro))]
    printed = {":".join(part.split(":")[-2:]).strip() for text in legends   # "Grade: its meaning", the intro off
               for part in re.split(r"\s*;\s*", text)}
    assert printed or all(isinstance(o.evidence, str) for o in edition.options)   # graded options print a legend
    notes = " ".join(key(slide.notes_slide.notes_text_frame.text) for slide in prs.slides)
    for meaning in printed:
        assert notes.count(key(meaning)) == 1, meaning
