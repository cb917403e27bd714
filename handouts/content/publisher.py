"""The association that publishes an article, as the article's own lines say it where it can be told: a block
of short lines that no field took (after the references, a signature block) holding its web address or its
email, and its name on a line beside them (or on the same line: "Name · www.example.org · info@example.org").
No name is known in advance: what the lines say is what is found."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.I)
WEBSITE = re.compile(r"(?<![@\w.-])(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/[^\s·|,;]*)?",
                     re.I)
PHONE = re.compile(r"(?<!\w)\+?\d[\d ().-]{5,24}\d(?!\w)")
SEPARATORS = " \t\n·•|,;–—-"
NAME_WORDS = 10     # at most, on a line of its own
NEAR = 2            # lines: how far from its address a name line may be


@dataclass
class Publisher:
    name: str = ""
    website: str = ""     # https://...
    email: str = ""
    phone: str = ""
    lines: list[str] = field(default_factory=list)   # the lines it was read from, as written

    @property
    def complete(self) -> bool:
        return bool(self.name and self.website and self.email)


def _address(text: str) -> tuple[str, str, str, str]:
    """The email, web address and phone a line holds, and what is left of it."""
    email = EMAIL.search(text)
    rest = EMAIL.sub(" ", text)
    website = WEBSITE.search(rest)
    rest = WEBSITE.sub(" ", rest)
    phone = PHONE.search(rest)
    rest = PHONE.sub(" ", rest) if phone else rest
    site = ""
    if website:
        host = re.sub(r"^https?://", "", website.group(), flags=re.I).rstrip("/.")
        site = f"https://{host}"
    return (email.group() if email else "", site, phone.group().strip() if phone else "",
            " ".join(rest.strip(SEPARATORS).split()))


def _is_name(text: str) -> bool:
    """A short line that is no sentence, date or note: a name."""
    words = text.split()
    return (0 < len(words) <= NAME_WORDS and not re.search(r"\d|[.:;!?]$|:", text)
            and any(ch.isupper() for ch in text))


def found_in(lines: list[str]) -> Publisher | None:
    """The publisher the lines name (in their order), or None: a line with a web address or an email, its name
    the rest of that line or the nearest name line beside it, and the other addresses among its neighbours."""
    parsed = [_address(line) for line in lines]
    anchors = [i for i, (email, site, _phone, _rest) in enumerate(parsed) if email or site]
    if not anchors:
        return None
    first = anchors[0]
    block = [i for i in range(max(0, first - NEAR), min(len(lines), anchors[-1] + NEAR + 1))
             if any(abs(i - a) <= NEAR for a in anchors)]
    found = Publisher()
    for i in sorted(block, key=lambda i: (abs(i - first), i)):
        email, site, phone, rest = parsed[i]
        taken = False
        for name, value in (("email", email), ("website", site), ("phone", phone)):
            if value and not getattr(found, name):
                setattr(found, name, value)
                taken = True
        if not found.name and _is_name(rest) and (taken or not (email or site or phone)):
            found.name, taken = rest, True
        if taken:
            found.lines.append(lines[i])
    found.lines.sort(key=lines.index)
    return found if found.name and (found.website or found.email) else None


def candidates(lines: list[str]) -> list[str]:
    """The lines an editor should look at for the publisher: the short ones, as written."""
    return [line for line in lines if 0 < len(line.split()) <= NAME_WORDS]
