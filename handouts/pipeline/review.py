"""The review sheet: output/review.html, what a clinician reads to approve an edition. Every text that no
author wrote word for word (key points, call-out items, short headings, figure titles, definitions) beside
the sentences it restates, what of the source it drops (numbers, qualifiers, conditions, populations,
designs) and any action of the care team it gives to the reader highlighted; the approval and review
status on top."""
from __future__ import annotations

import html
import re
from pathlib import Path

from handouts.checks.readability import Reading
from handouts.content.approvals import approval_of
from handouts.content.derived import Comparison, comparisons
from handouts.content.model import Edition
from handouts.errors import dotted
from handouts.writers import write_atomic

STYLE = ("body{font-family:sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse;width:100%}"
         "th,td{border:1px solid #bbb;padding:.35em .5em;vertical-align:top;text-align:left}"
         "mark{background:#ffd54d;font-weight:bold}.ok{color:#185c1e}.bad{color:#a00;font-weight:bold}"
         ".status{padding:.4em;border-left:6px solid #888;background:#f3f3f3}.moved{color:#a00}")


def write_review(output_dir: Path, root: Path, editions: dict[str, Edition], warnings: list[str],
                 readings: dict[str, list[Reading]] | None = None) -> Path:
    sections = [edition_review(name, edition, root) + reading_table((readings or {}).get(name, []))
                for name, edition in sorted(editions.items())]
    flags = "".join(f'<p class="bad">Warning: {html.escape(w)}</p>' for w in warnings)
    page = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Review sheet</title>'
            f"<style>{STYLE}</style></head><body><h1>Review sheet</h1><p>Each derived text beside the source "
            "sentences it restates; <mark>highlighted</mark>: a number, qualifier, condition, population or "
            "study design of the source that it does not keep, or an action the source gives to the care team that it "
            f"gives to the reader.</p>{flags}{''.join(sections)}</body></html>\n")
    target = output_dir / "review.html"
    write_atomic(target, page.encode())
    return target


def edition_review(name: str, edition: Edition, root: Path) -> str:
    approval = approval_of(root / name, root)
    status = (f"Approved by {approval.by} ({approval.role}) on {approval.date.isoformat()}" if approval
              else "Draft: not approved since its last change")
    rows = [row(c, edition.language) for c in comparisons(edition)]
    unfaithful = sum(1 for c in comparisons(edition) if not c.faithful)
    return (f"<section><h2>{html.escape(name)} — {html.escape(edition.title)}</h2>"
            f'<p class="status">{html.escape(status)} · next review {edition.review_due.isoformat()} · '
            f'<span class="{"bad" if unfaithful else "ok"}">{unfaithful} derived text(s) flagged by the build\'s checks '
            "(the checks read words, not meaning: every row below is for the clinician to read)</span></p>"
            "<table><tr><th>Field</th><th>Derived text</th><th>Source</th><th>Dropped</th></tr>"
            f"{''.join(rows)}</table>{options_review(edition, root)}{pemat_review(edition)}</section>")


def pemat_review(edition: Edition) -> str:
    """PEMAT-P: the items the build reads, scored with their evidence; the others for the reviewer."""
    from handouts.checks.pemat import items, score
    found = items(edition)
    totals = []
    for kind in ("understandability", "actionability"):
        met, scored, left = score(found, kind)
        totals.append(f"{kind}: {met} of {scored} items read by the build met"
                      f"{f' ({round(100 * met / scored)} %)' if scored else ''}, {left} for the reviewer")
    rows = "".join(
        f"<tr><td>{i.number}</td><td>{html.escape(i.words)}</td>"
        f'<td class="{"ok" if i.met else "bad" if i.met is False else ""}">'
        f"{'yes' if i.met else 'no' if i.met is False else 'for the reviewer'}</td><td>{html.escape(i.evidence)}</td></tr>"
        for i in found)
    return ('<section class="pemat"><h3>PEMAT-P (printable materials)</h3>'
            f"<p>{html.escape('; '.join(totals))}. The usual threshold is 70 % for each.</p>"
            "<table><tr><th>Item</th><th>Criterion</th><th>Met</th><th>Evidence</th></tr>"
            f"{rows}</table></section>")


def options_review(edition: Edition, root: Path) -> str:
    """The options as the outputs weigh them: each one's harms and evidence, its grade by the theme's
    criteria and the legend of those criteria, for the clinician to check; and the safety-net slot
    ("when to call your care team") that only a clinician may fill, listed when it is empty."""
    from handouts.content.grades import label, legend
    from handouts.render.figures import Words
    from handouts.render.i18n import translations_for
    from handouts.render.templating import load_theme
    missing = ""
    has_call = any(c.kind == "call" for s in edition.all_sections() for c in s.callouts)
    if edition.options and not has_call:
        missing = ('<p class="bad">Missing, for the clinician to write: a "when to call your care team" call-out '
                   "(<code>callouts: [{kind: call, items: [...]}]</code>): this topic has options a patient may weigh, and "
                   "no output yet says when to get help. The build never writes one.</p>")
    if not edition.options:
        return missing
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
        rows.append(f"<tr><td>{html.escape(o.name)}</td><td>{html.escape(harms)}</td><td>{html.escape(evidence)}</td>"
                    f"<td>{html.escape(grade)}</td></tr>")
    lines = "".join(f"<li>{html.escape(line)}</li>" for line in legend(words.grades, words))
    return (f'<section class="options"><h3>Options: harms, evidence and grade</h3>{missing}'
            "<table><tr><th>Option</th><th>Harms</th><th>Evidence (design, size)</th><th>Grade (the theme's "
            f"criteria)</th></tr>{''.join(rows)}</table><p>The grades' legend, printed beside them in every output:</p>"
            f"<ul>{lines}</ul></section>")


def row(c: Comparison, language: str) -> str:
    dropped = ", ".join([*c.lost_numbers, *(str(loss) for loss in c.lost)]) or ("—" if not c.problem else c.problem)
    moved = (f'<br><span class="moved">Action of the care team given to the reader: «{html.escape(c.moved_action)}» '
             "(the source says who does it; the derived text reads as an instruction)</span>" if c.moved_action else "")
    css = "ok" if c.faithful else "bad"
    return (f"<tr><td>{html.escape(dotted(c.at))}<br><small>{html.escape(c.kind)}</small></td>"
            f"<td>{html.escape(c.derived)}</td><td>{highlight(c.source, c, language)}</td>"
            f'<td class="{css}">{html.escape(dropped)}{moved}</td></tr>')


def highlight(source: str, c: Comparison, language: str) -> str:
    """The source, escaped, with what the derived text drops, and the care team's action it moves, marked."""
    text = html.escape(source)
    for number in c.lost_numbers:
        shown = (number, number.replace(".", ",")) if "." in number else (number,)
        for spelled in shown:
            text = re.sub(rf"(?<![\d.,]){re.escape(spelled)}(?![\d])", lambda m: f"<mark>{m.group()}</mark>", text)
    for words in [*(loss.words for loss in c.lost), *([c.moved_action] if c.moved_action else [])]:
        text = re.sub(rf"(?i)(?<!\w){words_pattern(words)}(?!\w)", lambda m: f"<mark>{m.group()}</mark>", text)
    return text


def words_pattern(words: str) -> str:
    """Normal words (handouts.content.meaning.normal) as they stand in an escaped source: any case, apostrophe or space."""
    parts = {"'": "(?:&#x27;|’)", " ": r"[\s\u00a0\u202f]+"}
    return "".join(parts.get(ch, re.escape(html.escape(ch))) for ch in words)



def reading_table(readings: list[Reading]) -> str:
    """Each section's reading level, its longest sentences and the rare words the glossary does not explain."""
    if not readings:
        return ""
    rows = []
    for r in readings:
        scores = "<br>".join(f"{html.escape(k)}: {v:.1f}" for k, v in r.scores.items()) or "—"
        over = "".join(f'<br><span class="bad">{html.escape(o)}</span>' for o in r.over)
        longest = "".join(f"<li>{html.escape(s)} <small>({len(s.split())} words)</small></li>" for s in r.longest)
        rare = html.escape(", ".join(r.rare)) or "—"
        rows.append(f"<tr><td>{html.escape(dotted(r.at) if r.at else r.name)}<br><small>{html.escape(r.name)}</small></td>"
                    f"<td>{scores}{over}</td><td>{r.sentences}</td><td>{r.words_per_sentence:.1f}</td>"
                    f"<td>{r.longest_words}<ol>{longest}</ol></td><td>{rare}</td></tr>")
    return ('<section class="reading"><h3>Reading level and jargon</h3><table><tr><th>Section</th><th>Reading level'
            "</th><th>Sentences</th><th>Words a sentence</th><th>Longest sentences (words)</th><th>Rare words the "
            f"glossary does not explain</th></tr>{''.join(rows)}</table></section>")
