"""Who does it: a restatement that turns an action its source gives to the care team ("administrer des
antibiotiques", "performed by physiotherapists") into an instruction to the reader ("Bien soigner les
plaies ; antibiotiques si ...") without naming who acts. The phrases are data (handouts/content/phrases.py)."""
from __future__ import annotations

from typing import Any

from handouts.content import phrases
from handouts.content.meaning import WORD, has, normal


def moved_action(derived: str, source: str, language: str, instruction: bool = False) -> str:
    """The source's care-team phrase when `derived` reads as an instruction to the reader (or is one,
    `instruction`: a "do" call-out item) and names no one of the care team; else ''."""
    table = phrases.of(language)
    if not table:
        return ""
    said = next((p for p in table["care_team"] if has(normal(source), p)), "")
    words = normal(derived)
    if not said or any(has(words, actor) for actor in table["actors"]):
        return ""
    return said if instruction or reads_as_instruction(words, normal(source), table) else ""


def reads_as_instruction(words: str, source: str, table: dict[str, Any]) -> bool:
    """It opens (after the language's leading words) on an infinitive: a word of the language's infinitive
    endings, or one the source puts after an infinitive particle ("to care"), or a care-team verb."""
    first = next((w for w in WORD.findall(words) if w not in table["leading_words"]), "")
    if not first or first in table["not_instructions"]:
        return False
    if any(first.endswith(ending) and len(first) > len(ending) + 2 for ending in table["infinitive_endings"]):
        return True
    if any(has(source, p + ("" if p.endswith("'") else " ") + first) for p in table["infinitive_particles"]):
        return True
    return first in table["care_team"]  # a care-team verb of one word ("administrer", "prescribe")
