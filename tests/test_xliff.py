"""Translators' files: an export and its import change exactly what the translator changed, and nothing else."""
from __future__ import annotations

import difflib
import re

import pytest
from conftest import FIXTURE_SLUG
from translate.storage import pypo, xliff2

from handouts.cli import main
from handouts.content.model import Edition, ListBlock, Picture, Point, Table
from handouts.content.yamltext import scalars
from handouts.pipeline.load import read_edition
from handouts.pipeline.xliff import texts

SUFFIX = {"xliff": "xlf", "po": "po"}


def export(root, target: str, fmt: str = "xliff", *extra: str):
    """Export one edition of the scratch topic; the file written."""
    assert main(["--export-xliff", f"{FIXTURE_SLUG}/{target}", "--xliff-format", fmt, *extra], root=root) == 0
    return root / "translations" / f"{FIXTURE_SLUG}-{target}.{SUFFIX[fmt]}"


def load(path):
    """The file, parsed by translate-toolkit; its units by their path in the content."""
    if path.suffix == ".po":
        store = pypo.pofile.parsefile(str(path))
        return store, {u.getcontext(): u for u in store.units if not u.isheader()}
    store = xliff2.Xliff2File.parsefile(str(path))
    return store, {u.getunitelement().get("name"): u for u in store.units}


def model_texts(edition: Edition) -> int:
    """How many translatable texts an edition has, counted on the model (not on the exporter's rules)."""
    def blocks(body) -> int:
        return sum(1 if isinstance(b, str) else len(b.items) if isinstance(b, ListBlock)
                   else 1 + (b.caption is not None) if isinstance(b, Picture)
                   else 1 + len(b.header) + sum(len(r) for r in b.rows) if isinstance(b, Table) else 0 for b in body)

    def points(points: tuple[Point, ...]) -> int:
        return sum(1 + len(p.source) for p in points)

    sections = list(edition.all_sections())
    return (1 + sum(t is not None for t in (edition.lead, edition.translation_note, edition.acknowledgement))
            + 1 + sum(len(a.positions) for a in edition.authors)
            + sum(1 + (s.short_heading is not None) + blocks(s.body) + points(s.key_points) for s in sections)
            + 1 + blocks(edition.summary.body) + points(edition.summary.key_points)
            + sum(2 + len(f.values) + (f.study is not None) for f in edition.key_figures)
            + sum(r.language_note is not None for r in edition.references))


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_the_file_holds_one_unit_per_translatable_text(scratch, fmt):
    source = scratch / "content" / FIXTURE_SLUG / "fr.yaml"
    edition, _ = read_edition(source, scratch)
    store, units = load(export(scratch, "en", fmt, "--from", "fr"))
    assert len(store.units) - (fmt == "po") == len(units) == model_texts(edition) == len(texts(source.read_text("utf-8")))
    assert units["sections[0].body[0]"].source.startswith("En hiver, les jours sont courts")
    assert units["sections[0].body[0]"].target.startswith("In winter, days are short")
    assert "sections[1].subsections[0].key_points[0].source" in units and "references[0].title" not in units
    if fmt == "xliff":
        assert store.getsourcelanguage() == "fr-CA" and store.gettargetlanguage() == "en-CA"
        assert all(re.fullmatch(r"[\w.:-]+", u.getid()) for u in store.units)  # ids are NMTOKENs, as XLIFF 2.0 wants


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_a_round_trip_without_changes_keeps_every_byte(scratch, fmt, capsys):
    edition = scratch / "content" / FIXTURE_SLUG / "en.yaml"
    before = edition.read_bytes()
    assert main(["--import-xliff", str(export(scratch, "en", fmt))], root=scratch) == 0
    assert "nothing to change" in capsys.readouterr().out
    assert edition.read_bytes() == before


CHANGED = {  # a folded paragraph, a plain list item, a key point's text
    "sections[0].body[0]": "In winter, days are short and insects are scarce, and nights are long. In our survey, more "
                           "than 60% of gardens with a feeder were visited by chickadees every week. A feeder adds to "
                           "natural food without replacing it. Chickadees and nuthatches often come first.",
    "sections[1].subsections[0].body[1].items[0]": "black oil sunflower, which most species take;",
    "summary.key_points[2].text": "Wash the feeder often, in hot water.",
}


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_a_round_trip_changes_exactly_the_edited_values(scratch, fmt):
    edition = scratch / "content" / FIXTURE_SLUG / "en.yaml"
    before = edition.read_text("utf-8")
    path = export(scratch, "en", fmt)
    store, units = load(path)
    for name, text in CHANGED.items():
        units[name].target = text
    store.savefile(str(path))
    assert main(["--import-xliff", str(path), "-q"], root=scratch) == 0
    after = edition.read_text("utf-8")
    old, new = scalars(before), scalars(after)
    assert {at for at in old if old[at].value != new[at].value} == {at for at, _ in texts(before).values()
                                                                    if _dotted(at) in CHANGED}
    assert all(new[at].value == CHANGED[_dotted(at)] for at, _ in texts(before).values() if _dotted(at) in CHANGED)
    lines = set()  # the lines of the old file that hold the changed values
    for at, _ in texts(before).values():
        if _dotted(at) in CHANGED:
            lines |= set(range(old[at].node.start_mark.line, old[at].node.end_mark.line + 1))
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines()).get_opcodes():
        assert tag == "equal" or set(range(i1, max(i2, i1 + 1))) <= lines, (tag, before.splitlines()[i1:i2])
    assert [line for line in before.splitlines() if line.lstrip().startswith("#")] == \
           [line for line in after.splitlines() if line.lstrip().startswith("#")]
    assert max(len(line) for line in after.splitlines()) <= max(100, max(len(line) for line in before.splitlines()))


def _dotted(at) -> str:
    from handouts.pipeline.xliff import dotted
    return dotted(at)


def test_a_unit_whose_source_changed_is_refused_and_nothing_is_written(scratch, capsys):
    folder = scratch / "content" / FIXTURE_SLUG
    path = export(scratch, "en", "xliff", "--from", "fr")
    store, units = load(path)
    units["sections[0].heading"].target = "Why feed garden birds in winter?"
    store.savefile(str(path))
    source = folder / "fr.yaml"
    source.write_text(source.read_text("utf-8").replace("Quoi leur offrir ?", "Que leur offrir ?"), "utf-8")
    target = folder / "en.yaml"
    target.write_text(target.read_text("utf-8").replace("    short_heading: Why feed them?\n", ""), "utf-8")
    before = target.read_bytes()
    assert main(["--import-xliff", str(path)], root=scratch) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{path.name}: sections[0].short_heading: no longer in content/{FIXTURE_SLUG}/en.yaml "
        "(add the field there by hand, then export again)",
        f"{path.name}: sections[1].heading: its source text changed since the export "
        "(export again, translate the new text)",
    ]
    assert target.read_bytes() == before


def test_a_new_language_starts_from_the_export_and_builds(scratch, tmp_path, capsys):
    folder = scratch / "content" / FIXTURE_SLUG
    english = texts((folder / "en.yaml").read_text("utf-8"))
    (folder / "en.yaml").unlink()
    path = export(scratch, "en")
    store, units = load(path)
    assert all(not u.target for u in units.values())
    assert main(["--import-xliff", str(path)], root=scratch) == 2
    assert f"{path.name}: title: not translated (a new edition needs every text)" in capsys.readouterr().err
    assert not (folder / "en.yaml").exists()
    for name, unit in units.items():  # the fixture's own English where it has the same text, else a stand-in
        unit.target = english[name][1] if name in english else unit.source.upper()
    store.savefile(str(path))
    assert main(["--import-xliff", str(path), "--lang", "en-CA"], root=scratch) == 0
    assert f"created content/{FIXTURE_SLUG}/en.yaml (en-CA) from content/{FIXTURE_SLUG}/fr.yaml" in capsys.readouterr().out
    created = (folder / "en.yaml").read_text("utf-8")
    assert created.startswith((folder / "fr.yaml").read_text("utf-8").split("\nlang:")[0])  # its comments are kept
    assert main(["--output", str(tmp_path / "out"), "-q", "--strict", "--only", "leaflet.pdf"], root=scratch) == 0
    assert (tmp_path / "out" / FIXTURE_SLUG / "en" / "leaflet.pdf").is_file()


def test_bad_arguments_are_one_line_each(scratch, capsys):
    assert main(["--export-xliff", "bird feeders"], root=scratch) == 2
    assert main(["--export-xliff", f"{FIXTURE_SLUG}/en", "--from", "de"], root=scratch) == 2
    assert main(["--import-xliff", str(scratch / "missing.xlf")], root=scratch) == 2
    assert capsys.readouterr().err.splitlines() == [
        "--export-xliff bird feeders: not TOPIC/LANGUAGE (like hand-care/en)",
        f"--export-xliff {FIXTURE_SLUG}/en: no source edition de in content/{FIXTURE_SLUG}/ (editions: en, fr)",
        f"--import-xliff {scratch / 'missing.xlf'}: no such file",
    ]
