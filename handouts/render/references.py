"""Vancouver (NLM Citing Medicine) citations of the model's references."""
from __future__ import annotations

from handouts.content.model import Reference
from handouts.typography import typeset_quotes

MAX_AUTHORS = 6


def as_printed(ref: Reference, language: str) -> Reference:
    """The reference with typographic quotes and apostrophes in its authors, title and journal, in its own
    language (else the edition's): "Raynaud's" reads "Raynaud’s"; its words, hyphens and pages as published."""
    own = ref.lang or language
    return ref.model_copy(update={"authors": tuple(typeset_quotes(name, own) for name in ref.authors),
                                  "title": typeset_quotes(ref.title, own), "journal": typeset_quotes(ref.journal, own)})


def author_list(ref: Reference) -> str:
    """Up to six authors, then 'et al.', as Vancouver style asks."""
    names = list(ref.authors[:MAX_AUTHORS])
    if len(ref.authors) > MAX_AUTHORS:
        names.append("et al")
    return ", ".join(names)


def source_part(ref: Reference) -> str:
    """'Arch Dermatol Res. 2022;314(6):515-25.'"""
    issue = f"({ref.issue})" if ref.issue else ""
    return f"{ref.journal}. {ref.year};{ref.volume}{issue}:{ref.pages}."


def citation(ref: Reference, language: str) -> str:
    """The whole citation as plain text, DOI included, as printed in an edition of that language."""
    ref = as_printed(ref, language)
    title = ref.title if ref.title.endswith((".", "?", "!")) else ref.title + "."
    return f"{author_list(ref)}. {title} {source_part(ref)} {ref.doi_url}"


def compact(ref: Reference, language: str) -> str:
    """First author, journal and year, for the card and slides: 'Nowaczyk J et al. Arch Dermatol Res. 2022.'"""
    ref = as_printed(ref, language)
    more = " et al." if len(ref.authors) > 1 else "."
    return f"{ref.authors[0]}{more} {ref.journal}. {ref.year}."
