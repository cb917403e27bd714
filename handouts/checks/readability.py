"""Readability and jargon, per section and per edition, for the editor and the approving clinician: the
formula suited to the language, the average and longest sentences, and the words rare in everyday
language that the glossary does not explain. A section over a target (templates/theme.yaml,
`readability:`) is a warning; never an error, even with --strict: the text belongs to its authors.

Formulas, on the sentences of handouts.content.derived.sentences (paragraphs cut at sentence ends, list items,
table cells) and syllables counted by hyphenation dictionaries (Pyphen, the fallback that textstat
uses for every language; textstat's own English syllables come from NLTK's CMU dictionary, downloaded at run time):
- French, Kandel and Moles (1958): 207 - 1.015 x words/sentence - 73.6 x syllables/word (higher is
  easier; textstat's flesch_reading_ease for "fr" uses these constants);
- English, Flesch-Kincaid grade: 0.39 x words/sentence + 11.8 x syllables/word - 15.59, and SMOG
  (McLaughlin 1969): 1.043 x sqrt(words of 3+ syllables x 30 / sentences) + 3.1291.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from handouts.content.derived import sentences
from handouts.content.model import Edition, Section, Summary
from handouts.errors import dotted

WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
LETTERS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
ELISION = re.compile(r"^[^\W\d_]{1,3}['’](?=\w)")
LONGEST_SHOWN = 2


@dataclass(frozen=True)
class Targets:
    """The settings of templates/theme.yaml's `readability:` (each optional, defaults here)."""

    kandel_moles_at_least: float = 60.0   # French: 60-70 reads as "standard"; higher is easier
    grade_at_most: float = 8.0            # English: Flesch-Kincaid grade and SMOG
    sentence_words_at_most: float = 20.0  # average words per sentence, any language
    rare_below_zipf: float = 3.0          # wordfreq's Zipf frequency: 3 is about once per million words

    @classmethod
    def problems(cls, data: Any) -> list[str]:
        """What is wrong with the theme's `readability:` settings, as 'readability.key: what' lines."""
        if data is None:
            return []
        if not isinstance(data, dict):
            return ["readability: is not a mapping of targets (kandel_moles_at_least, grade_at_most, ...)"]
        out = []
        for key, value in data.items():
            if key not in cls.__dataclass_fields__:
                out.append(f"readability.{key}: unknown target (one of: {', '.join(cls.__dataclass_fields__)})")
            elif isinstance(value, bool) or not isinstance(value, (int, float)):
                out.append(f"readability.{key}: wrong value {value!r} (a number)")
        return out

    @classmethod
    def from_settings(cls, data: Any) -> Targets:
        if not isinstance(data, dict):
            return cls()
        known = {k: float(v) for k, v in data.items() if k in cls.__dataclass_fields__ and isinstance(v, (int, float))}
        return cls(**known)


@dataclass(frozen=True)
class Reading:
    """One section's (or the summary's, or the whole edition's) reading level."""

    at: tuple[Any, ...]           # the section's field in the content file
    name: str                     # the section id, "summary" or "edition"
    sentences: int
    words: int
    syllables: int
    polysyllables: int
    scores: dict[str, float]      # formula name: value
    longest: tuple[str, ...]      # the longest sentences, longest first
    longest_words: int
    rare: tuple[str, ...]         # words rare in everyday language the glossary does not explain
    over: tuple[str, ...] = field(default=())   # what is over its target, in words

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0


def words_of(text: str) -> list[str]:
    return WORD.findall(text)


@cache
def _hyphenator(language: str) -> Any:
    import pyphen  # type: ignore[import-untyped]
    return pyphen.Pyphen(lang=language if language in pyphen.LANGUAGES else {"fr": "fr_FR", "en": "en_US"}.get(
        language, "en_US"))


def syllables(word: str, language: str) -> int:
    """Syllables of a word by its hyphenation points (textstat's method without a pronouncing dictionary)."""
    word = ELISION.sub("", word.lower())
    return sum(len(_hyphenator(language).positions(part)) + 1 for part in re.split(r"[-’']", word) if part)


def scores(language: str, n_sentences: int, n_words: int, n_syllables: int, polysyllables: int) -> dict[str, float]:
    if not n_sentences or not n_words:
        return {}
    wps, spw = n_words / n_sentences, n_syllables / n_words
    if language == "fr":
        return {"Kandel-Moles": 207 - 1.015 * wps - 73.6 * spw}
    if language == "en":
        return {"Flesch-Kincaid grade": 0.39 * wps + 11.8 * spw - 15.59,
                "SMOG": 1.043 * math.sqrt(polysyllables * 30 / n_sentences) + 3.1291}
    return {}


def explained(edition: Edition) -> set[str]:
    """The words that the edition's glossary explains (every word of every term and form), lower case."""
    out: set[str] = set()
    for entry in getattr(edition, "glossary", ()):
        for phrase in (entry.term, *entry.forms):
            out |= {w.lower() for w in words_of(phrase)}
    return out


def rare_words(texts: list[str], language: str, below: float, known: set[str]) -> tuple[str, ...]:
    from wordfreq import zipf_frequency  # the proof extra (the review sheet): python build.py --proof checks it
    found: dict[str, None] = {}
    for text in texts:
        for word in LETTERS.findall(text):
            plain = ELISION.sub("", word)
            if len(plain) < 3 or plain.lower() in known or plain.lower() in (w.lower() for w in found):
                continue
            if zipf_frequency(plain, language) < below:
                found[plain] = None
    return tuple(found)


def reading(at: tuple[Any, ...], name: str, texts: list[str], language: str, targets: Targets,
            known: set[str]) -> Reading:
    counts = [(s, words_of(s)) for s in texts if words_of(s)]
    n_words = sum(len(w) for _, w in counts)
    per_word = [syllables(w, language) for _, ws in counts for w in ws]
    result = scores(language, len(counts), n_words, sum(per_word), sum(1 for n in per_word if n >= 3))
    ranked = sorted(counts, key=lambda c: -len(c[1]))
    rare = rare_words(texts, language, targets.rare_below_zipf, known)
    draft = Reading(at, name, len(counts), n_words, sum(per_word), sum(1 for n in per_word if n >= 3), result,
                    tuple(s for s, _ in ranked[:LONGEST_SHOWN]), len(ranked[0][1]) if ranked else 0, rare)
    return Reading(**{**draft.__dict__, "over": tuple(over_target(draft, targets))})


def over_target(r: Reading, targets: Targets) -> Iterator[str]:
    for formula, value in r.scores.items():
        if formula == "Kandel-Moles" and value < targets.kandel_moles_at_least:
            yield f"Kandel-Moles {value:.0f} (target: at least {targets.kandel_moles_at_least:g})"
        elif formula != "Kandel-Moles" and value > targets.grade_at_most:
            yield f"{formula} {value:.1f} (target: at most {targets.grade_at_most:g})"
    if r.words_per_sentence > targets.sentence_words_at_most:
        yield (f"{r.words_per_sentence:.1f} words a sentence on average (target: at most "
               f"{targets.sentence_words_at_most:g})")


def own_texts(part: Section | Summary) -> list[str]:
    return sentences(part.body)


def edition_readings(edition: Edition, targets: Targets) -> list[Reading]:
    """Each section, subsection and the summary, then the whole edition."""
    language, known = edition.language, explained(edition)
    out: list[Reading] = []
    every: list[str] = []
    for i, section in enumerate(edition.sections):
        parts: list[tuple[tuple[Any, ...], Section]] = [(("sections", i), section)]
        parts += [(("sections", i, "subsections", j), sub) for j, sub in enumerate(section.subsections)]
        for at, part in parts:
            texts = own_texts(part)
            every += texts
            out.append(reading(at, part.id, texts, language, targets, known))
    texts = own_texts(edition.summary)
    every += texts
    out.append(reading(("summary",), "summary", texts, language, targets, known))
    out.append(reading((), "edition", every, language, targets, known))
    return out


def load_targets(templates_dir: Path) -> Targets:
    from handouts.content.located import read_settings
    data, _, problems = read_settings(templates_dir / "theme.yaml", templates_dir.parent)
    return Targets.from_settings((data or {}).get("readability") if not problems else None)


def advice(content_file: Path, root: Path, templates_dir: Path) -> tuple[Edition | None, list[Reading], list[str]]:
    """An edition's readings and a located warning for each section over a target (or rare words the glossary
    does not explain): for the review sheet and the build's report, never an error."""
    from handouts.pipeline.load import read_marked
    read = read_marked(content_file, root)
    if read.edition is None:
        return None, [], []
    readings = edition_readings(read.edition, load_targets(templates_dir))
    lines = []
    for r in readings:
        if r.name == "edition":
            continue
        line, col = read.where(r.at)
        what = list(r.over)
        if r.rare:
            what.append(f"rare words the glossary does not explain: {', '.join(r.rare)}")
        if what:
            lines.append(f"{read.shown}:{line}:{col}: {dotted(r.at)}: reading level: {'; '.join(what)}")
    return read.edition, readings, lines
