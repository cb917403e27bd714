"""The typed, frozen model of one language edition of a topic: the contract for every renderer."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from babel import Locale, UnknownLocaleError
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

KEY_POINT_MAX_WORDS = 20
KEY_POINT_MAX_CHARS = 150
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    if match := XML_FORBIDDEN.search(text):
        raise ValueError(f"contains control character U+{ord(match.group()):04X} (printable text only)")
    return text


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_xml_safe)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


def _short(text: str) -> str:
    words = sum(1 for token in text.split() if any(ch.isalnum() for ch in token))
    if words > KEY_POINT_MAX_WORDS or len(text) > KEY_POINT_MAX_CHARS:
        raise ValueError(
            f"key point has {words} words and {len(text)} characters "
            f"(at most {KEY_POINT_MAX_WORDS} words and {KEY_POINT_MAX_CHARS} characters)"
        )
    return text


ShortText = Annotated[Text, AfterValidator(_short)]


def _month_or_day(value: object) -> object:
    """'2024-04' is the first of the month; a full date is kept."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}", value):
        return f"{value}-01"
    return value


Month = Annotated[dt.date, BeforeValidator(_month_or_day),
                  WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$",
                                  "description": "a month (2024-04) or a day (2024-04-15)"})]


class Frozen(BaseModel):
    """Immutable, and a misspelled or unknown key is an error, not a silently missing part."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Association(Frozen):
    name: Text
    website: Annotated[str, StringConstraints(pattern=r"^https://[^\s/]+(/\S*)?$")]
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")]
    phone: Annotated[str, StringConstraints(pattern=r"^\+?[0-9][0-9 ().-]{5,24}[0-9]$")] | None = None  # printed as written

    @property
    def phone_uri(self) -> str:
        """tel: with the digits alone, for a live link."""
        return "tel:" + "".join(ch for ch in (self.phone or "") if ch.isdigit() or ch == "+")

    @property
    def website_label(self) -> str:
        """The address as printed: without the scheme."""
        return self.website.removeprefix("https://").rstrip("/")


class Author(Frozen):
    name: Text
    degrees: Text | None = None     # MD, PhD ...: optional, for authors who have none to show

    @property
    def signature(self) -> str:
        return f"{self.name}, {self.degrees}" if self.degrees else self.name
    positions: tuple[Text, ...] = Field(min_length=1)


class ListBlock(Frozen):
    items: tuple[Text, ...] = Field(min_length=1)


class Picture(Frozen):
    """A picture of the topic's own folder, with the alt text that describes it to every reader."""

    image: Annotated[str, StringConstraints(pattern=r"^[\w./-]+\.(svg|png|jpe?g)$")]
    alt: Text
    caption: Text | None = None


class Table(Frozen):
    """A table of the article: a caption, a header row, and rows as long as the header."""

    caption: Text
    header: tuple[Text, ...] = Field(min_length=1)
    rows: tuple[tuple[Text, ...], ...] = Field(min_length=1)

    @field_validator("rows")
    @classmethod
    def _rectangular(cls, rows: tuple[tuple[str, ...], ...], info: ValidationInfo) -> tuple[tuple[str, ...], ...]:
        width = len(info.data.get("header") or ())
        for number, row in enumerate(rows, 1):
            if width and len(row) != width:
                raise ValueError(f"row {number} has {len(row)} cells (as many as the header: {width})")
        return rows


BLOCK_KEYS = {"items": "ListBlock", "image": "Picture", "header": "Table", "rows": "Table"}   # a block's kind by its keys


def block_kind(value: Any) -> str | None:
    """Which kind of body block a value is, by its keys (anything but a mapping is read as a paragraph): pydantic
    then reports the errors of that kind only, not one per kind it could have been; None (keys of no kind, or
    of two) is one error naming the kinds."""
    if isinstance(value, BaseModel):
        return type(value).__name__
    if not isinstance(value, dict):
        return "Text"
    found = {kind for key, kind in BLOCK_KEYS.items() if key in value}
    return found.pop() if len(found) == 1 else None


Block = Annotated[Annotated[Text, Tag("Text")] | Annotated[ListBlock, Tag("ListBlock")] | Annotated[Picture, Tag("Picture")]
                  | Annotated[Table, Tag("Table")], Discriminator(block_kind)]


class Point(Frozen):
    """A key point: the author's short restatement of its section, naming the sentence(s) it restates by a
    few of their words (`source`), so that the build can check it keeps their numbers and qualifiers."""

    text: ShortText
    source: tuple[Text, ...] = ()
    options: tuple[Slug, ...] | None = None   # the options whose benefit it speaks of: their harms go beside it

    @model_validator(mode="before")
    @classmethod
    def _plain(cls, value: object) -> object:
        if isinstance(value, str):
            return {"text": value}
        if isinstance(value, dict) and isinstance(value.get("source"), str):
            return {**value, "source": [value["source"]]}
        return value

    def __str__(self) -> str:
        return self.text


_WORDS = {"type": "string", "minLength": 1}
KeyPoint = Annotated[Point, WithJsonSchema({
    "description": f"a short point (at most {KEY_POINT_MAX_WORDS} words), or {{text, source: words of the sentence(s) it "
                   "restates, options: the options it speaks for}",
    "anyOf": [_WORDS, {"type": "object", "additionalProperties": False, "required": ["text"], "properties": {
        "text": _WORDS, "source": {"anyOf": [_WORDS, {"type": "array", "items": _WORDS}]},
        "options": {"type": "array", "items": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
                    "description": "the ids of the options whose benefit it speaks of (their side effects and "
                                   "evidence are shown beside it); [] when it speaks of none"}}}]})]


CALLOUT_KINDS = ("do", "call", "ask")


class Callout(Frozen):
    """What a reader should do, in its own box: `do` (what you can do), `call` (when to call your care
    team) or `ask` (questions to ask). Each item names the sentence(s) of its section it comes from
    (`source`), like a key point, so that the build checks it keeps their numbers and qualifiers."""

    kind: Literal[CALLOUT_KINDS]  # type: ignore[valid-type]
    items: tuple[KeyPoint, ...] = Field(min_length=1)


class Section(Frozen):
    id: Slug
    heading: Text
    short_heading: Text | None = None
    body: tuple[Block, ...] = Field(min_length=1)
    key_points: tuple[KeyPoint, ...] = Field(min_length=1)
    callouts: tuple[Callout, ...] = ()
    subsections: tuple[Section, ...] = ()

    @property
    def slide_title(self) -> str:
        return self.short_heading or self.heading

    @property
    def point_texts(self) -> tuple[str, ...]:
        return tuple(p.text for p in self.key_points)


class Summary(Frozen):
    heading: Text
    body: tuple[Block, ...] = Field(min_length=1)
    key_points: tuple[KeyPoint, ...] = Field(min_length=1)

    @property
    def point_texts(self) -> tuple[str, ...]:
        return tuple(p.text for p in self.key_points)


REFERENCE_TYPES = ("article-journal", "book", "chapter", "report", "guideline", "webpage")
# The fields each type of reference needs, besides its title (CSL's names for the types; a guideline is printed as
# a report, the kind of document Citing Medicine files it under).
REQUIRED_FIELDS = {
    "article-journal": ("authors", "journal", "year", "volume", "pages", "doi"),
    "book": ("publisher", "year"),
    "chapter": ("authors", "container_title", "publisher", "year", "pages"),
    "report": ("publisher", "year"),
    "guideline": ("publisher", "year"),
    "webpage": ("url", "accessed"),
}
# a book needs authors or editors
_AUTHORS_OR_EDITORS = ("book",)


class PersonName(Frozen):
    """A person's name in parts, as a reference manager exports it: the processor prints the family name and
    the initials of the given names (Vancouver: "Feldman BM")."""

    family: Text
    given: Text | None = None


# An author as printed ("Nowaczyk J", "World Health Organization"), or a person's name in parts.
Name = Annotated[Text | PersonName, WithJsonSchema({
    "description": "an author as printed (Nowaczyk J, an organisation), or {family, given}",
    "anyOf": [_WORDS, {"type": "object", "additionalProperties": False, "required": ["family"],
                       "properties": {"family": _WORDS, "given": _WORDS}}]})]


def _type_requirements() -> list[dict[str, Any]]:
    """The JSON Schema of the fields each type needs (the model checks the same in `_fields_of_type`)."""
    rules: list[dict[str, Any]] = []
    for kind, fields in REQUIRED_FIELDS.items():
        when: dict[str, Any] = {"properties": {"type": {"const": kind}}, "required": ["type"]}
        if kind == "article-journal":   # the default type
            when = {"anyOf": [when, {"not": {"required": ["type"]}}]}
        rules.append({"if": when, "then": {"required": list(fields)}})
    return rules


class Reference(Frozen):
    """One work the edition cites, in fields a CSL processor prints in Vancouver style. `type` says what it is
    (a journal article by default) and which fields it needs (REQUIRED_FIELDS)."""

    model_config = ConfigDict(json_schema_extra={"allOf": _type_requirements()})  # type: ignore[dict-item]  # JSON

    type: Literal[REFERENCE_TYPES] = "article-journal"  # type: ignore[valid-type]
    authors: tuple[Name, ...] = ()
    editors: tuple[Name, ...] = ()
    title: Text
    journal: Text | None = None          # an article's journal, as printed (its NLM abbreviation)
    container_title: Text | None = None  # the book a chapter is in, the site a web page is part of
    edition: Text | None = None          # a book's edition: 2 (printed "2nd ed.") or words
    publisher: Text | None = None
    place: Text | None = None            # where the publisher is
    year: int | None = Field(default=None, ge=1800, le=2200)
    volume: Text | None = None
    issue: Text | None = None
    pages: Text | None = None            # as published: 515-25
    number: Text | None = None           # a report's or guideline's number
    genre: Text | None = None            # what kind of document, when its title does not say (shown in brackets)
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://[^\s/]+(/\S*)?$")] | None = None
    accessed: dt.date | None = None      # when a web page was read (a web page changes)
    online_first: dt.date | None = None
    language_note: Text | None = None
    # the language of the title and journal (a tag like en); by default the edition's
    lang: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")] | None = None

    @model_validator(mode="after")
    def _fields_of_type(self) -> Reference:
        missing = [name for name in REQUIRED_FIELDS[self.type] if not getattr(self, name)]
        if self.type in _AUTHORS_OR_EDITORS and not (self.authors or self.editors):
            missing.insert(0, "authors (or editors)")
        if missing:
            article = "an" if self.type[0] in "aeiou" else "a"
            raise ValueError(f"{article} {self.type} reference needs {', '.join(missing)}")
        return self

    @property
    def doi_url(self) -> str | None:
        return f"https://doi.org/{self.doi}" if self.doi else None

    @property
    def link(self) -> str | None:
        """The address a reader follows: the DOI's, else the web address."""
        return self.doi_url or self.url

    @property
    def identity(self) -> str:
        """What names the work in any language: its DOI, else its address, else its title and year."""
        return (self.doi or "").lower() or self.url or f"{self.title.casefold()} ({self.year})"


class Quantity(Frozen):
    """One number of the source: a value, a range (value to high), a lower bound (more_than) or an
    upper bound (up_to, which also applies to a range: "jusqu'à 20-40 %")."""

    label: Text
    value: float = Field(ge=0)
    high: float | None = None
    more_than: bool = False
    up_to: bool = False

    @field_validator("high")
    @classmethod
    def _ordered(cls, high: float | None, info: ValidationInfo) -> float | None:
        low = info.data.get("value")
        if high is not None and low is not None and high <= low:
            raise ValueError(f"high {high:g} is not above value {low:g} (a range goes from value to high)")
        return high

    @field_validator("up_to")
    @classmethod
    def _one_bound(cls, up_to: bool, info: ValidationInfo) -> bool:
        if up_to and info.data.get("more_than"):
            raise ValueError("more_than and up_to together (a number has one bound at most)")
        return up_to


BODY_SITES = ("head", "face", "mouth", "neck", "shoulders", "chest", "back", "elbows", "forearms", "wrists",
              "hands", "fingers", "hips", "knees", "lower-legs", "ankles", "feet", "toes")
BodySite = Literal[BODY_SITES]  # type: ignore[valid-type]
UNITS = ("%", "count", "days", "weeks", "months", "years")


DESIGNS = ("systematic-review", "meta-analysis", "randomised-trial", "cohort-study", "prospective-studies",
           "small-studies", "case-series", "pilot-study", "case-report", "expert-opinion")


class Duration(Frozen):
    value: float = Field(gt=0)
    unit: Literal["days", "weeks", "months", "years"]


class Evidence(Frozen):
    """Where a result comes from, in fields a reader can weigh: the design of the study, how many studies
    or patients, for how long (each translated through the catalog). Its grade is not typed: the theme's
    criteria give it from the design and the number of patients (handouts/content/grades.py)."""

    design: Literal[DESIGNS]  # type: ignore[valid-type]
    studies: int | None = Field(default=None, ge=1)
    patients: int | None = Field(default=None, ge=1)
    duration: Duration | None = None


class KeyFigure(Frozen):
    """Numbers of a section drawn as a picture; the sentence they come from is quoted, not retyped."""

    id: Slug
    section: Slug
    chart: Slug                 # a kind of handouts.charts (checked against its registry by the reader)
    title: Text
    unit: Literal[UNITS] = "%"  # type: ignore[valid-type]
    values: tuple[Quantity, ...] = ()
    sites: tuple[BodySite, ...] = ()
    sentence: Text
    study: Text | None = None            # a note on the study, in the source's words (a caveat, for example)
    evidence: Evidence | None = None     # required by kinds that show a result of a study
    option: Slug | None = None           # the option (options[].id) whose result this is: shown with its harms


NOT_REPORTED = "not_reported"


class OptionEvidence(Point):
    """What an option's results rest on: the words a reader sees (`text`, with its `source`, checked like a
    key point), and the design and size that give its grade by the theme's criteria."""

    design: Literal[DESIGNS]  # type: ignore[valid-type]
    studies: int | None = Field(default=None, ge=1)
    patients: int | None = Field(default=None, ge=1)


class Option(Frozen):
    """A choice a patient may weigh (a medicine, a procedure, a remedy), as IPDAS asks: how it is given and by whom, for
    whom, its results, its harms (or `not_reported`) and its evidence (or `not_reported`), each named by
    the sentence of its section it comes from, so that no output shows a benefit without the rest."""

    id: Slug
    section: Slug
    name: Text
    how: KeyPoint | None = None            # how it is given, and by whom, when the source says
    for_whom: KeyPoint | None = None       # its indication, when the source states one
    results: tuple[KeyPoint, ...] = Field(min_length=1)
    harms: Literal["not_reported"] | tuple[KeyPoint, ...]
    evidence: Literal["not_reported"] | OptionEvidence

    @property
    def harms_reported(self) -> bool:
        return self.harms != NOT_REPORTED

    def points(self) -> Iterator[tuple[tuple[str | int, ...], Point]]:
        """Every derived text of the option with its field, in the order a reader meets them."""
        if self.how is not None:
            yield ("how",), self.how
        if self.for_whom is not None:
            yield ("for_whom",), self.for_whom
        for i, point in enumerate(self.results):
            yield ("results", i), point
        if not isinstance(self.harms, str):
            for i, point in enumerate(self.harms):
                yield ("harms", i), point
        if not isinstance(self.evidence, str):
            yield ("evidence",), self.evidence


class GlossaryEntry(Frozen):
    """A word of the text explained in plain words, in the edition's language: the term as a reader meets
    it, its definition, the other forms the text uses (plural, inflected), and optionally a few words of
    the sentence of the text that the definition comes from (`source`, shown on the review sheet)."""

    term: Text
    definition: Text
    forms: tuple[Text, ...] = ()
    source: tuple[Text, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _one_source(cls, value: object) -> object:
        if isinstance(value, dict) and isinstance(value.get("source"), str):
            return {**value, "source": [value["source"]]}
        return value


class CardSelection(Frozen):
    """What the card carries besides the summary: the key points of whole sections, and/or single
    key points named `section-id/N` (N counts from 1)."""

    sections: tuple[Slug, ...] = ()
    key_points: tuple[Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*/[1-9][0-9]*$")], ...] = ()
    callouts: tuple[Slug, ...] = ()     # sections whose call-outs the card carries too (by default none)
    options: tuple[Slug, ...] | None = None   # the options the card's table shows (by default every option)


REFERENCES_FILE = r"^[\w-]+(\.[\w-]+)*\.(json|bib|ris)$"   # a CSL-JSON, BibTeX or RIS file of the topic's folder


def _unread_file(value: object) -> object:
    """`references: {file: refs.json}` is read by the loader (handouts/pipeline/load.py) into the references it holds."""
    if isinstance(value, dict):
        raise ValueError("a references file is read with its topic's folder (load the edition with "
                         "handouts.pipeline.load.read_edition)")
    return value


class Edition(Frozen):
    lang: str
    title: Text
    published: Month
    association: Association
    authors: tuple[Author, ...] = Field(min_length=1)
    acknowledgement: Text | None = None
    translation_note: Text | None = None
    lead: Text | None = None
    sections: tuple[Section, ...] = Field(min_length=1)
    summary: Summary
    references: Annotated[tuple[Reference, ...], BeforeValidator(_unread_file)] = Field(min_length=1)
    key_figures: tuple[KeyFigure, ...] = ()
    glossary: tuple[GlossaryEntry, ...] = ()
    options: tuple[Option, ...] = ()
    card: CardSelection | None = None
    version: Annotated[str, StringConstraints(pattern=r"^[0-9]+(\.[0-9]+)*$")] = "1"
    reviewed: Month | None = None        # the last review; by default the publication
    next_review: Month | None = None     # by default three years after the last review
    code: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]+(-[A-Z0-9]+)*$")] | None = None

    @field_validator("lang")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        if not re.fullmatch(r"[a-z]{2,3}(-[A-Z]{2})?", value):
            raise ValueError(f"{value!r} is not a language tag (like fr-CA or en-CA)")
        try:
            Locale.parse(value, sep="-")
        except (UnknownLocaleError, ValueError):
            raise ValueError(f"unknown language tag {value!r} (a locale Babel knows, like fr-CA)") from None
        return value

    @property
    def shown_acknowledgement(self) -> str | None:
        """The acknowledgement is for the pictures: shown only by an edition that has some."""
        pictures = any(isinstance(b, Picture) for s in self.all_sections() for b in s.body)
        return self.acknowledgement if pictures else None

    @property
    def last_review(self) -> dt.date:
        return self.reviewed or self.published

    @property
    def review_due(self) -> dt.date:
        """When the edition must be reviewed again: its next_review, or three years after its last review."""
        if self.next_review:
            return self.next_review
        last = self.last_review
        return last.replace(year=last.year + 3, day=min(last.day, 28) if last.month == 2 else last.day)

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.lang, sep="-")

    @property
    def language(self) -> str:
        """The primary language subtag, which names the output folder."""
        return self.lang.split("-")[0]

    def figures_of(self, section_id: str) -> tuple[KeyFigure, ...]:
        return tuple(f for f in self.key_figures if f.section == section_id)

    def card_groups(self) -> list[tuple[Section, tuple[Point, ...]]]:
        """The sections the card shows, in reading order, each with the key points it carries: the
        card's selection, or by default every top-level section with all its points."""
        if self.card is None:
            return [(section, section.key_points) for section in self.sections]
        named: dict[str, set[int]] = {}
        for choice in self.card.key_points:
            section_id, number = choice.split("/")
            named.setdefault(section_id, set()).add(int(number))
        groups = []
        for section in self.all_sections():
            if section.id in self.card.sections:
                groups.append((section, section.key_points))
            elif section.id in named:
                groups.append((section, tuple(p for n, p in enumerate(section.key_points, 1) if n in named[section.id])))
        return groups

    def card_callouts(self) -> list[Callout]:
        """The call-outs the card carries: those of the sections its selection names, in reading order."""
        chosen = self.card.callouts if self.card else ()
        return [c for section in self.all_sections() if section.id in chosen for c in section.callouts]

    def card_options(self) -> tuple[Option, ...]:
        """The options the card's table shows: its selection, or every option."""
        chosen = self.card.options if self.card else None
        return self.options if chosen is None else tuple(o for o in self.options if o.id in chosen)

    def options_of(self, section_id: str) -> tuple[Option, ...]:
        return tuple(o for o in self.options if o.section == section_id)

    def options_in(self, section: Section) -> tuple[Option, ...]:
        """The options of a top-level section and its subsections: its table follows that section."""
        ids = {section.id, *(sub.id for sub in section.subsections)}
        return tuple(o for o in self.options if o.section in ids)

    def all_sections(self) -> Iterator[Section]:
        """Every section and subsection, in reading order."""
        for section in self.sections:
            yield section
            yield from section.subsections


class Topic(Frozen):
    """One topic folder: its slug, its editions and the file name of each, in a stable order."""

    slug: Slug
    editions: tuple[Edition, ...]
    files: tuple[str, ...]
    warnings: tuple[str, ...] = ()   # located lines: derived texts that drop part of their source (errors if strict)
    notices: tuple[str, ...] = ()    # located lines: translations out of date with their source (release refuses)
