"""A finished web page read back with the standard library's HTML parser: its text, headings, alt texts,
links and metadata (the proof sheet lists its headings; the tests read it with other readers too)."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

HIDDEN = {"head", "style", "script", "title"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass
class Page:
    text: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    alts: list[str] = field(default_factory=list)      # <img alt> and the aria-label of an SVG drawn in the page
    links: list[str] = field(default_factory=list)     # every href and src
    meta: dict[str, str] = field(default_factory=dict)
    lang: str = ""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.hidden = 0
        self.heading: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.page.lang = values.get("lang", "")
        if tag in HIDDEN:
            self.hidden += 1
        if tag in HEADINGS:
            self.heading = []
        if tag == "img" and "alt" in values:
            self.page.alts.append(values["alt"])
        if tag == "svg" and values.get("role") == "img":
            self.page.alts.append(values.get("aria-label", ""))
        if tag == "meta" and ("name" in values or "http-equiv" in values):
            self.page.meta[values.get("name") or values["http-equiv"]] = values.get("content", "")
        self.page.links += [values[name] for name in ("href", "src") if name in values]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in HIDDEN:
            self.hidden -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        if tag in HEADINGS and self.heading is not None:
            self.page.headings.append(" ".join("".join(self.heading).split()))
            self.heading = None

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        self.page.text.append(data)
        if self.heading is not None:
            self.heading.append(data)


def read_page(html: str) -> Page:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.page
