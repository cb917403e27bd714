"""A title or heading written all in capitals ("WHAT IS IT ?") put in sentence case in its
document's language ("What is it ?"): only the case of its letters changes, never a letter.
A word keeps the form the document's running text gives it inside a sentence: an acronym it writes in
capitals (ANA, CREST), a name it writes capitalised (Raynaud); any other word is lower case (in German, whose
nouns take a capital, a word the running text does not show keeps one); the first letter is a capital."""
from __future__ import annotations

import re
from collections.abc import Iterable

WORD = re.compile(r"[^\W\d_]+")
SENTENCE_END = re.compile(r"[.!?:]\s*$|^\s*$")
CAPITALISED_NOUNS = {"de", "lb"}   # languages whose nouns take a capital: an unknown word keeps its first
DOTTED = {"tr", "az"}              # languages whose I and İ are two letters, lower-cased as ı and i


def shown_forms(texts: Iterable[str]) -> dict[str, str]:
    """Each word's form inside a sentence of the running text, by its lower-case form: its lower case when the
    text writes it so once, else the form it writes it in (an acronym, a name). A sentence's first word
    says nothing of its case."""
    forms: dict[str, str] = {}
    for text in texts:
        for match in WORD.finditer(text):
            word = match.group()
            if SENTENCE_END.search(text[:match.start()]):
                continue   # a sentence's (or a text's) first word
            key = word.lower()
            if word == key or forms.get(key) == key:
                forms[key] = key
            else:
                forms.setdefault(key, word)
    return forms


def is_all_capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha() and ch.lower() != ch.upper()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def sentence_case(text: str, forms: dict[str, str], lang: str) -> str:
    """The text in sentence case when it is all capitals (else as it is)."""
    if not is_all_capitals(text):
        return text
    language = lang.split("-")[0].lower()

    def lower(word: str) -> str:
        if language in DOTTED:
            word = word.replace("I", "ı").replace("İ", "i")
        return word.lower()

    def cased(match: re.Match[str]) -> str:
        word = match.group()
        known = forms.get(word.lower())
        if known is not None:
            return known if known != known.lower() else lower(word)
        return word[:1] + lower(word[1:]) if language in CAPITALISED_NOUNS else lower(word)

    result = WORD.sub(cased, text)
    first = next((i for i, ch in enumerate(result) if ch.isalpha()), None)
    if first is not None:
        head = result[first]
        result = result[:first] + ("İ" if language in DOTTED and head == "i" else head.upper()) + result[first + 1:]
    return result
