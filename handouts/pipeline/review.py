"""The review sheet: output/review.html, what a clinician reads to approve an edition. Every text that no
author wrote word for word (key points, call-out items, short headings, figure titles, definitions) beside
the sentences it restates, what of the source it drops (numbers, qualifiers, conditions, populations,
designs) and any action of the care team it gives to the reader highlighted; the approval and review
status on top.

This module computes what the sheet shows; its markup is templates/review.html.j2 (handouts.render.sheets)."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from handouts.checks.pemat import Item
from handouts.checks.readability import Reading
from handouts.content.approvals import approval_of
from handouts.content.derived import Comparison, comparisons
from handouts.content.model import Edition
from handouts.errors import dotted
from handouts.writers import write_atomic

TEMPLATE = "review.html.j2"


@dataclass(frozen=True)
class Row:
    """A derived text beside its source: the source in runs, each marked (True) or not."""

    at: str
    kind: str
    derived: str
    source: tuple[tuple[str, bool], ...]
    dropped: str             # what it drops, in words, or the problem that stopped the comparison; "—": nothing
    faithful: bool
    moved_action: str        # the care team's action it gives to the reader, if any


@dataclass(frozen=True)
class OptionRow:
    name: str
    harms: str
    evidence: str            # design and size
    grade: str               # by the theme's criteria


@dataclass(frozen=True)
class Options:
    """The options as the outputs weigh them, and whether the safety-net call-out that only a clinician may
    write is missing."""

    missing_call: bool
    rows: tuple[OptionRow, ...]
    legend: tuple[str, ...]  # the grades' legend, printed beside them in every output


@dataclass(frozen=True)
class Pemat:
    totals: tuple[str, ...]  # per kind: met of scored, and the items left to the reviewer
    items: tuple[Item, ...]


@dataclass(frozen=True)
class ReadingRow:
    at: str                  # the section's field, or its name
    reading: Reading


@dataclass(frozen=True)
class EditionReview:
    name: str                # the content file
    title: str
    status: str              # approved by whom and when, or a draft
    review_due: str
    unfaithful: int          # derived texts the build's checks flag
    rows: tuple[Row, ...]
    options: Options | None  # None: the edition weighs no options
    pemat: Pemat
    readings: tuple[ReadingRow, ...]


def write_review(output_dir: Path, root: Path, editions: dict[str, Edition], warnings: list[str],
                 readings: dict[str, list[Reading]] | None = None) -> Path:
    from handouts.render.sheets import render_sheet

    reviews = [edition_review(name, edition, root, (readings or {}).get(name, []))
               for name, edition in sorted(editions.items())]
    page = render_sheet(root / "templates", TEMPLATE, warnings=warnings, editions=reviews)
    target = output_dir / "review.html"
    write_atomic(target, page.encode())
    return target


def edition_review(name: str, edition: Edition, root: Path, readings: Sequence[Reading] = ()) -> EditionReview:
    approval = approval_of(root / name, root)
    status = (f"Approved by {approval.by} ({approval.role}) on {approval.date.isoformat()}" if approval
              else "Draft: not approved since its last change")
    found = list(comparisons(edition))
    return EditionReview(name, edition.title, status, edition.review_due.isoformat(),
                         sum(1 for c in found if not c.faithful), tuple(row(c) for c in found),
                         options_review(edition, root), pemat_review(edition),
                         tuple(ReadingRow(dotted(r.at) if r.at else r.name, r) for r in readings))


def pemat_review(edition: Edition) -> Pemat:
    """PEMAT-P: the items the build reads, scored with their evidence; the others for the reviewer."""
    from handouts.checks.pemat import items, score
    found = items(edition)
    totals = []
    for kind in ("understandability", "actionability"):
        met, scored, left = score(found, kind)
        totals.append(f"{kind}: {met} of {scored} items read by the build met"
                      f"{f' ({round(100 * met / scored)} %)' if scored else ''}, {left} for the reviewer")
    return Pemat(tuple(totals), tuple(found))


def options_review(edition: Edition, root: Path) -> Options | None:
    """The options as the outputs weigh them: each one's harms and evidence, its grade by the theme's
    criteria and the legend of those criteria, for the clinician to check; and the safety-net slot
    ("when to call your care team") that only a clinician may fill, listed when it is empty."""
    if not edition.options:
        return None
    from handouts.content.grades import label, legend
    from handouts.render.figures import Words
    from handouts.render.i18n import translations_for
    from handouts.render.templating import load_theme
    has_call = any(c.kind == "call" for s in edition.all_sections() for c in s.callouts)
    templates = root / "templates"
    words = Words(edition.locale, translations_for(templates / "locales", edition.language), load_theme(templates).grades)
    rows = []
    for o in edition.options:
        harms = "not reported" if isinstance(o.harms, str) else f"{len(o.harms)} named"
        if isinstance(o.evidence, str):
            evidence, grade = "not reported", "—"
        else:
            size = ", ".join(f"{n} {k}" for k, n in (("studies", o.evidence.studies), ("patients", o.evidence.patients)) if n)
            evidence, grade = f"{o.evidence.design}{' · ' + size if size else ''}", label(o.evidence, words.grades, words)
        rows.append(OptionRow(o.name, harms, evidence, grade))
    return Options(not has_call, tuple(rows), tuple(legend(words.grades, words)))


def row(c: Comparison) -> Row:
    dropped = ", ".join([*c.lost_numbers, *(str(loss) for loss in c.lost)]) or ("—" if not c.problem else c.problem)
    return Row(dotted(c.at), c.kind, c.derived, highlight(c.source, c), dropped, c.faithful, c.moved_action)


def highlight(source: str, c: Comparison) -> tuple[tuple[str, bool], ...]:
    """The source in runs, marked (True) where it holds what the derived text drops or the care team's
    action it moves."""
    marked = [False] * len(source)
    patterns = []
    for number in c.lost_numbers:
        shown = (number, number.replace(".", ",")) if "." in number else (number,)
        patterns += [rf"(?<![\d.,]){re.escape(spelled)}(?![\d])" for spelled in shown]
    for words in [*(loss.words for loss in c.lost), *([c.moved_action] if c.moved_action else [])]:
        patterns.append(rf"(?i)(?<!\w){words_pattern(words)}(?!\w)")
    for pattern in patterns:
        for found in re.finditer(pattern, source):
            marked[found.start():found.end()] = [True] * (found.end() - found.start())
    runs: list[tuple[str, bool]] = []
    for char, mark in zip(source, marked):
        if runs and runs[-1][1] == mark:
            runs[-1] = (runs[-1][0] + char, mark)
        else:
            runs.append((char, mark))
    return tuple(runs)


def words_pattern(words: str) -> str:
    """Normal words (handouts.content.meaning.normal) as they stand in the source: any case, apostrophe or space."""
    parts = {"'": "['’]", " ": r"[\s\u00a0\u202f]+"}
    return "".join(parts.get(ch, re.escape(ch)) for ch in words)
