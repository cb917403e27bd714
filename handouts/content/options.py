"""Options a patient may weigh (IPDAS): each benefit beside its harms and its evidence, or refused.

An option's texts are derived texts, checked against the sentences of its section like key points (in
handouts/content/derived.py). Here are the rules across fields: an option exists where it is named, its numbers
of patients or events are natural frequencies with their denominator ("8 sur 10"), a result figure names
the option it is a result of, and no key point or call-out restates an option's result on its own (the
options table and slides show the result with its harms and evidence; a key point would show it bare).
A key point that speaks for an option it names ("le thiosulfate … peut s'avérer utile") says which
(`options:`): the slides and the card show those options' side effects and evidence beside it.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from handouts.content import phrases
from handouts.content.derived import sentences
from handouts.content.meaning import has, normal, numbers
from handouts.content.model import Edition, Option, Point, Section

Path_ = tuple[Any, ...]
PERCENT = re.compile(r"\d\s*%(?!\s+(?:des|of the|of)\s+\d)")   # unless its denominator follows


def check(edition: Edition) -> Iterator[tuple[Path_, str]]:
    """(where, what) for every option rule the edition breaks."""
    sections = {s.id: s for s in edition.all_sections()}
    seen: set[str] = set()
    for i, option in enumerate(edition.options):
        at: Path_ = ("options", i)
        if option.id in seen:
            yield at + ("id",), f"duplicate option id {option.id!r} (each option once per edition)"
        seen.add(option.id)
        if option.section not in sections:
            yield at + ("section",), f"no section {option.section!r} (the id of the section whose sentences it restates)"
        if not isinstance(option.evidence, str):
            for name in ("studies", "patients"):
                number = getattr(option.evidence, name)
                if number is not None and str(number) not in numbers(option.evidence.text):
                    yield at + ("evidence", name), (f"{number} is not in the evidence's text «{option.evidence.text}» "
                                                    "(a number the reader sees, from the source)")
        for field, point in option.points():
            if field[0] in ("results", "harms", "evidence") and PERCENT.search(point.text):
                yield at + field + ("text",), (
                    f"«{point.text}» gives a percentage without its denominator: write it as a natural frequency "
                    "(« plus de 80 patients sur 100 », « 15 cas sur 100 ») or with the study's number "
                    "(« 45 % des 21 patients »)")
    yield from _figures(edition, seen)
    yield from _bare_results(edition, sections)
    yield from _speaking_for(edition, seen)
    yield from _praising_definitions(edition)
    if edition.card is not None and edition.card.options is not None:
        for i, oid in enumerate(edition.card.options):
            if oid not in seen:
                yield ("card", "options", i), f"no option {oid!r} (the id of one of options:)"


def _figures(edition: Edition, options: set[str]) -> Iterator[tuple[Path_, str]]:
    """A result figure shows a benefit: it names its option, which carries the harms and evidence."""
    for i, figure in enumerate(edition.key_figures):
        at: Path_ = ("key_figures", i)
        if figure.option is not None and figure.option not in options:
            yield at + ("option",), f"no option {figure.option!r} (the id of one of options:)"
        elif figure.chart == "result" and figure.option is None and edition.options:
            yield at + ("option",), ("is missing: a result is a benefit of an option, shown with its harms and "
                                     "evidence (the id of one of options:)")
        elif figure.chart == "result" and not edition.options:
            yield at + ("option",), ("a result needs the option it is a result of, with its harms and evidence "
                                     "(add options: with the choice it is a result of, and option: its id)")


def _bare_results(edition: Edition, sections: dict[str, Section]) -> Iterator[tuple[Path_, str]]:
    """A key point or call-out item that restates a sentence an option takes a result from."""
    results: dict[str, Option] = {}
    for option in edition.options:
        if option.section in sections:
            body = sentences(sections[option.section].body)
            for point in option.results:
                for sentence in source_sentences(point, body):
                    results.setdefault(normal(sentence), option)
    if not results:
        return
    for i, section in enumerate(edition.sections):
        for at, part in [(("sections", i), section),
                         *((("sections", i, "subsections", j), sub) for j, sub in enumerate(section.subsections))]:
            body = sentences(part.body)
            restating = [(at + ("key_points", k), p) for k, p in enumerate(part.key_points)]
            restating += [(at + ("callouts", c, "items", k), p) for c, callout in enumerate(part.callouts)
                          for k, p in enumerate(callout.items)]
            for where, point in restating:
                for sentence in source_sentences(point, body):
                    shown = results.get(normal(sentence))
                    if shown is not None and shown.id not in (point.options or ()):
                        yield where, (f"«{point.text}» restates a result of option {shown.id!r} without its harms and "
                                      "evidence: the options table and slides show that result with them; leave it "
                                      "to the option, or restate another sentence")
                        break


def key_points(edition: Edition) -> Iterator[tuple[Path_, Point]]:
    """Every key point and call-out item of the edition, with its field."""
    for i, section in enumerate(edition.sections):
        for at, part in [(("sections", i), section),
                         *((("sections", i, "subsections", j), sub) for j, sub in enumerate(section.subsections))]:
            yield from ((at + ("key_points", k), p) for k, p in enumerate(part.key_points))
            yield from ((at + ("callouts", c, "items", k), p) for c, callout in enumerate(part.callouts)
                        for k, p in enumerate(callout.items))
    yield from ((("summary", "key_points", k), p) for k, p in enumerate(edition.summary.key_points))


def _speaking_for(edition: Edition, ids: set[str]) -> Iterator[tuple[Path_, str]]:
    """A key point that speaks for an option it names says which, so that its harms go beside it."""
    recommends = phrases.of(edition.language).get("recommends", [])
    for at, point in key_points(edition):
        if point.options is not None:
            yield from ((at + ("options", k), f"no option {oid!r} (the id of one of options:)")
                        for k, oid in enumerate(point.options) if oid not in ids)
            continue
        praise, named = speaks_for(point.text, edition.options, recommends)
        if praise and named:
            yield at + ("options",), (
                f"«{point.text}» speaks for {', '.join(named)} («{praise}») without its side effects and evidence: "
                f"say which options it is about (options: [{', '.join(named)}]) and the slides and the card show "
                "their side effects and evidence beside it; options: [] if it speaks for none")


def _praising_definitions(edition: Edition) -> Iterator[tuple[Path_, str]]:
    """A glossary entry of an option says what it is, not what it does for the reader: its benefit is
    shown with its harms and evidence, and a definition stands alone."""
    recommends = phrases.of(edition.language).get("recommends", [])
    for i, entry in enumerate(edition.glossary):
        praise, named = speaks_for(f"{entry.term} {entry.definition}", edition.options, recommends)
        if praise and named and has(normal(entry.definition), praise):
            yield ("glossary", i, "definition"), (
                f"«{entry.definition}» speaks for {', '.join(named)} («{praise}»), away from its side effects and "
                "evidence: say what it is or how it works, and leave its results to the option")


def speaks_for(text: str, options: tuple[Option, ...], recommends: list[str]) -> tuple[str | None, list[str]]:
    """The phrase by which a text speaks for a choice, and the options it names (either may be empty)."""
    said = normal(text)
    return next((p for p in recommends if has(said, p)), None), named_in(said, options)


def named_in(text: str, options: tuple[Option, ...]) -> list[str]:
    """The options a normal text names: those whose whole name it has, or when none, those whose name's
    first or longest word it has when that is a long one ("thiosulfate" names "Thiosulfate de sodium
    injecté" and "Topical sodium thiosulfate")."""
    names = {o.id: normal(re.sub(r"[,;:.]", " ", o.name.split("(")[0])) for o in options}
    whole = [oid for oid, name in names.items() if has(text, name)]
    keys = {oid: {name.split()[0], max(name.split(), key=len)} for oid, name in names.items() if name.split()}
    return whole or [oid for oid, words in keys.items() if any(len(w) >= 6 and has(text, w) for w in words)]


def source_sentences(point: Point, body: list[str]) -> list[str]:
    """The sentences of `body` that the point's source words name (one each, where found once)."""
    found = []
    for words in point.source:
        hits = [s for s in body if normal(words) in normal(s)]
        if len(hits) == 1:
            found.append(hits[0])
    return found
