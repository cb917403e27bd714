"""PEMAT-P (the Patient Education Materials Assessment Tool for printable materials, AHRQ) on the review
sheet: the items the build can read from an edition, filled in with their evidence, and the others listed
for the clinician or editor to score. Nothing here changes an output: it tells the reviewer where the
edition stands (the usual threshold is 70 % for understandability and for actionability)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from handouts.content.derived import sentences
from handouts.content.model import Edition, ListBlock

DIRECT = {"fr": re.compile(r"\b(vous|votre|vos)\b", re.I), "en": re.compile(r"\b(you|your)\b", re.I)}


@dataclass(frozen=True)
class Item:
    """One PEMAT-P item: its number and words, and its score (True, False, or None for the reviewer)."""

    number: int
    kind: str              # "understandability" or "actionability"
    words: str
    met: bool | None
    evidence: str


def items(edition: Edition) -> list[Item]:
    """The PEMAT-P items, in the tool's order, those the build can read scored with their evidence."""
    sections = list(edition.all_sections())
    headings = [s.heading for s in sections]
    longest = max((sum(len(t.split()) for t in sentences(s.body)) for s in sections), default=0)
    terms = [g.term for g in edition.glossary]
    callouts = [c for s in sections for c in s.callouts]
    do_items = [i.text for c in callouts if c.kind == "do" for i in c.items]
    tools = [c.kind for c in callouts if c.kind in ("ask",)] + [
        "list" for s in sections for b in s.body if isinstance(b, ListBlock)]
    percent = [p.text for o in edition.options for _, p in o.points() if "%" in p.text]
    direct = DIRECT.get(edition.language)
    addressed = [t for t in do_items if direct and direct.search(t)]
    cues = len(callouts) + len(edition.key_figures) + len(edition.options)
    u, a = "understandability", "actionability"
    return [
        Item(1, u, "The material makes its purpose completely evident.", bool(edition.lead),
             f"lead: «{edition.lead}»" if edition.lead else "no lead paragraph says what the material is for"),
        Item(2, u, "The material does not include information or content that distracts from its purpose.", None, ""),
        Item(3, u, "The material uses common, everyday language.", None, "see the reading level below"),
        Item(4, u, "Medical terms are used only to familiarize audience with the terms; when used, they are defined.",
             bool(terms) or None, f"defined in Words to know: {', '.join(terms)}" if terms else
             "no glossary: the reviewer judges whether terms need defining"),
        Item(5, u, "The material uses the active voice.", None, ""),
        Item(6, u, "Numbers appearing in the material are clear and easy to understand.", not percent,
             "options give rates as natural frequencies on 100" if not percent else f"percentages: {percent}"),
        Item(7, u, "The material does not expect the user to perform calculations.", None, ""),
        Item(8, u, "The material breaks or 'chunks' information into short sections.", longest <= 300,
             f"{len(sections)} sections and subsections; the longest has {longest} words"),
        Item(9, u, "The material's sections have informative headers.", None, "headings: " + " | ".join(headings)),
        Item(10, u, "The material presents information in a logical sequence.", None, ""),
        Item(11, u, "The material provides a summary.", True, f"summary: «{edition.summary.heading}»"),
        Item(12, u, "The material uses visual cues (e.g., arrows, boxes, bullets, bold) to draw attention to key points.",
             cues > 0, f"{len(callouts)} call-out(s), {len(edition.key_figures)} key figure(s), "
             f"{len(edition.options)} option row(s)"),
        Item(20, a, "The material clearly identifies at least one action the user can take.", bool(do_items),
             "«What you can do»: " + " | ".join(do_items) if do_items else "no «do» call-out"),
        Item(21, a, "The material addresses the user directly when describing actions.", bool(addressed),
             f"{len(addressed)} of {len(do_items)} action(s) address the reader" if do_items else "no action"),
        Item(22, a, "The material breaks down any action into manageable, explicit steps.", None, ""),
        Item(23, a, "The material provides a tangible tool (e.g., menus, checklists) whenever it could help the user "
             "take action.", bool(tools), ", ".join(tools) if tools else "no checklist or questions to ask"),
        Item(25, a, "The material explains how to use the charts, graphs, tables, or diagrams to take actions.", None, ""),
        Item(26, a, "The material uses visual aids whenever they could make it easier to act on the instructions.",
             None, ""),
    ]


def score(found: list[Item], kind: str) -> tuple[int, int, int]:
    """(met, scored, for the reviewer) among the items of one kind."""
    mine = [i for i in found if i.kind == kind]
    scored = [i for i in mine if i.met is not None]
    return sum(1 for i in scored if i.met), len(scored), len(mine) - len(scored)
