"""What a source sentence says that a restatement of it must keep: its amounts (numbers), its
qualifiers (hedges, "jusqu'à", "en moyenne"), its restrictions of when and of whom (conditions,
populations) and the design of the study it reports. The phrases are data, per language
(handouts/content/phrases.py); this module only reads them.

A question states nothing to keep but its numbers ("Qui peuvent être touchés ?" hedges nothing); a
number after a label ("type 5") is a name, not an amount; a decimal comma is a decimal point."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from handouts.content import phrases

NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
QUESTION = re.compile(r"[^.!?]*\?")
CLAUSE_END = re.compile(r"[,;:.!?()«»\[\]]")
WORD = re.compile(r"[^\W\d_][\w'-]*")
ELISION = re.compile(r"^(?:l|d|s|qu|n|j|c|m|t|lorsqu|jusqu)'")
SHARED = 4             # letters two words share, at least, to be one word in two forms ("plaie", "plaies")
ENDING = 3             # letters of the shorter word that may differ ("infecté", "infection")
RESTRICTION_WORDS = 4  # the content words that name a restriction, at most


@dataclass(frozen=True)
class Loss:
    """Something of the source that a restatement does not keep."""

    kind: str    # qualifier, condition, population, design
    words: str   # as the source says it

    def __str__(self) -> str:
        return f'"{self.words}"' if self.kind == "qualifier" else f'{self.kind} "{self.words}"'


def normal(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ").lower().split())


def has(words: str, phrase: str) -> bool:
    return find(words, phrase) is not None


def find(words: str, phrase: str, start: int = 0) -> re.Match[str] | None:
    return pattern(phrase).search(words, start)


def pattern(phrase: str) -> re.Pattern[str]:
    """`phrase` as whole words of a normal text, also after an elision ("d'administrer"); a phrase ending in
    an elision ("lorsqu'") runs on."""
    end = "" if phrase.endswith("'") else r"(?!\w)"
    return re.compile(rf"(?<!\w){re.escape(phrase)}{end}")


def numbers(text: str) -> list[str]:
    """Every number of a text, a decimal comma read as a point ("1,9" is "1.9")."""
    return [n.replace(",", ".") for n in NUMBER.findall(text)]


def amounts(text: str, language: str) -> list[str]:
    """The numbers of a text that are amounts: not those after a label of the language ("type 5")."""
    labels = phrases.of(language).get("labels", [])
    words = normal(text)
    return [m.group().replace(",", ".") for m in NUMBER.finditer(words)
            if not any(words[:m.start()].rstrip().endswith(f" {label}") or words[:m.start()].rstrip() == label
                       for label in labels)]


def claims(text: str, table: dict[str, Any], masks: str) -> str:
    """The text's statements, normal: its questions left out, and the table's `masks` phrases blotted."""
    words = QUESTION.sub(" | ", normal(text))
    for phrase in table.get(masks, []):
        words = pattern(phrase).sub(" | ", words)
    return words


def losses(source: str, language: str, shown: str, context: str = "", designs: tuple[str, ...] = ()) -> list[Loss]:
    """What `source` states that `shown` (a derived text and what else shows it, normal) does not keep:
    qualifiers, conditions and populations, designs. `context` keeps restrictions too (the title's
    subject); `designs` are the model's designs shown beside the text (a result's evidence)."""
    table = phrases.of(language)
    if not table:
        return []
    lost = [Loss("qualifier", q) for q in qualifiers(source, table)
            if not any(has(shown, w) for w in (q, *table["qualifiers"][q]))]
    lost += [Loss(kind, said) for kind, said, words in restrictions(source, table)
             if not kept(words, content(shown, table), content(normal(context), table))]
    for design, names in table["designs"].items():
        said = next((n for n in names if has(claims(source, table, "not_qualifiers"), n)), None)
        if said and design not in designs and not any(has(shown, n) for n in names):
            lost.append(Loss("design", said))
    return lost


def qualifiers(text: str, table: dict[str, Any]) -> list[str]:
    words = claims(text, table, "not_qualifiers")
    return [q for q in table["qualifiers"] if has(words, q)]


def restrictions(text: str, table: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    """(kind, the words of the source, the words that keep it) for each restriction the text states. A
    restriction ends at the end of its clause, at the next restriction, at a relative pronoun, or at a
    person ("chez 45 % des patients" restricts nothing: it counts)."""
    out = []
    for clause in CLAUSE_END.split(claims(text, table, "not_restrictions")):
        marks = _marks(clause, table)
        for (kind, start, end), after in zip(marks, [*(m[1] for m in marks[1:]), len(clause)]):
            said = _to_person(clause[end:after], table)
            words = content(said, table)[:RESTRICTION_WORDS]
            if words:
                opening = clause[start:end]
                out.append((kind, f"{opening}{'' if opening.endswith(chr(39)) else ' '}{said}".strip(), words))
    return out


def kept(words: list[str], shown: list[str], context: list[str]) -> bool:
    """A restriction is kept by one of its words shown, or by the context saying all of them (the subject of
    the whole article: "atteints de sclérodermie" under a title about scleroderma)."""
    return any(same_word(w, k) for w in words for k in shown) or all(
        any(same_word(w, k) for k in context) for w in words)


def _to_person(words: str, table: dict[str, Any]) -> str:
    """The words up to the first person they name, included, or to a relative pronoun, left out ("atteintes
    de sclérodermie qui sont des hommes": what follows "qui" describes, it does not restrict)."""
    out: list[str] = []
    for word in words.split():
        if word in table["relatives"]:
            break
        out.append(word)
        if word in table["persons"]:
            break
    return " ".join(out)


def same_word(a: str, b: str) -> bool:
    """One word in two forms: they share their beginning but for the last letters of the shorter one."""
    shared = len(os.path.commonprefix([a, b]))
    return shared >= max(SHARED, min(len(a), len(b)) - ENDING)


def _marks(clause: str, table: dict[str, Any]) -> list[tuple[str, int, int]]:
    """Where restrictions open in a clause: a condition anywhere; a population after a person, or after
    another population of the clause."""
    found: list[tuple[str, int, int]] = []
    for kind, names in (("condition", table["conditions"]), ("population", table["populations"])):
        for name in names:
            for m in pattern(name).finditer(clause):
                found.append((kind, m.start(), m.end()))
    found.sort(key=lambda m: (m[1], -m[2]))
    kept: list[tuple[str, int, int]] = []
    for kind, start, end in found:
        if kept and start < kept[-1][2]:
            continue  # inside a longer phrase already taken ("en cas de" holds no "de")
        before = clause[:start].split()
        if kind == "population" and not (before and before[-1] in table["persons"]) \
                and not any(k == "population" for k, _, _ in kept):
            continue
        kept.append((kind, start, end))
    return kept


def content(text: str, table: dict[str, Any]) -> list[str]:
    """The words of a text that say something: not the language's plain words or short words."""
    plain = set(table.get("plain_words", []))
    words = (ELISION.sub("", w) for w in WORD.findall(text))
    return [w for w in words if len(w) >= 4 and w not in plain]
