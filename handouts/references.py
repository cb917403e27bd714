"""Vancouver (NLM Citing Medicine) citations of the model's references."""
from __future__ import annotations

from .model import Reference

MAX_AUTHORS = 6


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


def citation(ref: Reference) -> str:
    """The whole citation as plain text, DOI included."""
    title = ref.title if ref.title.endswith((".", "?", "!")) else ref.title + "."
    return f"{author_list(ref)}. {title} {source_part(ref)} {ref.doi_url}"


def compact(ref: Reference) -> str:
    """First author, journal and year, for the card and slides: 'Nowaczyk J et al. Arch Dermatol Res. 2022.'"""
    more = " et al." if len(ref.authors) > 1 else "."
    return f"{ref.authors[0]}{more} {ref.journal}. {ref.year}."
