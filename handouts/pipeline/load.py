"""Read content files into validated models, locating every problem to its file, line and field."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from handouts import charts
from handouts.checks import agreement, spelling
from handouts.content import derived, glossary, meaning, options, plainyaml, todos, translations
from handouts.content.approvals import edition_files
from handouts.content.bibliography import read_references
from handouts.content.located import Location, Path_, position, shown_path
from handouts.content.model import REFERENCES_FILE, XML_FORBIDDEN, Edition, KeyFigure, Reference, Section, Topic
from handouts.errors import ContentError, Problem
from handouts.errors import dotted as _dotted
from handouts.fonts import missing_characters
from handouts.render import drawing

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    from handouts.pipeline.validated import Validated



def load_library(content_dir: Path, cache: Validated | None = None) -> list[Topic]:
    """Load every topic under content_dir, or raise one ContentError listing every problem (warnings,
    such as a key point that drops a number of its source, are kept with their topic). With a cache, a
    content file or a topic whose entry is there is taken from it, warnings included, instead of checked."""
    topics, problems = [], []
    if not content_dir.is_dir():
        raise ContentError([Problem(content_dir.name, 1, 1, "(folder)", "does not exist (a folder per topic)")])
    for folder in sorted(p for p in content_dir.iterdir() if p.is_dir()):
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", folder.name):
            problems.append(Problem(shown_path(folder, content_dir.parent), 1, 1, "(folder)",
                                    f"{folder.name!r} is not a topic name (lower-case letters, digits and hyphens, "
                                    "like hand-care: rename the folder)"))
            continue
        editions, files, reads, found = [], [], [], []   # found: this topic's problems, each reported once
        keys = []
        for path in (p for p in edition_files(content_dir) if p.parent == folder):
            read = None
            if cache is not None:
                keys.append(key := cache.file_key(path, shown_path(path, content_dir.parent)))
                if (read := cache.read(key, path, shown_path(path, content_dir.parent))) is None:
                    cache.keep_read(key, read := read_marked(path, content_dir.parent))
            else:
                read = read_marked(path, content_dir.parent)
            found += read.problems
            if read.edition is not None:
                editions.append(read.edition)
                files.append(path.name)
                reads.append(read)
        found += _check_topic(reads)
        notices: list[Problem] = []
        if not any(not p.warning for p in found):  # the editions of a topic say the same things
            topic_key = cache.topic_key(folder, keys) if cache is not None else ""
            if cache is None or (checked := cache.topic(topic_key)) is None:
                checked = agreement.disagreements(reads), translations.out_of_date(folder, reads, content_dir.parent)
                if cache is not None:
                    cache.keep_topic(topic_key, *checked)
            found += checked[0]
            notices = list(checked[1])
        notices += [p for read in reads if read.edition is not None
                    for p in spelling.unchecked(read.edition.lang, read.shown, read.where(("lang",)))]
        problems += found
        warnings = tuple(str(p) for p in sorted(found) if p.warning)
        if editions:
            topics.append(Topic(slug=folder.name, editions=tuple(editions), files=tuple(files), warnings=warnings,
                                notices=tuple(str(p) for p in notices)))
    if any(not p.warning for p in problems):
        raise ContentError([p for p in problems if not p.warning])
    if cache is not None:
        cache.complete = True   # every entry this library needs is known: the others can go
    return topics


@dataclass(frozen=True)
class Read:
    """One content file read: its edition (None when invalid), its problems, where each value stands."""

    path: Path
    shown: str
    edition: Edition | None
    problems: list[Problem]
    marks: dict[Path_, Location]

    def where(self, at: Path_) -> Location:
        return self.marks.get(at, self.marks.get(at[:-1], (1, 1))) if at else (1, 1)


def read_edition(path: Path, root: Path, raw: bytes | None = None,
                 advise: bool = True) -> tuple[Edition | None, list[Problem]]:
    """Parse and validate one content file (or the bytes it is about to hold); return the edition or the problems.
    advise=False skips the warnings (derived texts, spelling) for a reader that only needs the edition."""
    read = read_marked(path, root, raw, advise)
    return read.edition, read.problems


def read_marked(path: Path, root: Path, raw: bytes | None = None, advise: bool = True) -> Read:
    shown = shown_path(path, root)
    edition, problems, marks = _read(path, shown, raw, advise)
    return Read(path, shown, edition, problems, marks)


def _read(path: Path, shown: str, raw: bytes | None = None,
          advise: bool = True) -> tuple[Edition | None, list[Problem], dict[Path_, Location]]:
    marks: dict[Path_, Location] = {}
    if raw is None and path.stat().st_size > MAX_FILE_BYTES:  # read no further than what is needed to say so
        return None, [Problem(shown, 1, 1, "(file)", f"is {path.stat().st_size:,} bytes (at most {MAX_FILE_BYTES:,}: "
                                                     "an article is far smaller)")], marks
    raw = path.read_bytes() if raw is None else raw
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(shown, 1, 1, "(file)", f"is {len(raw):,} bytes (at most {MAX_FILE_BYTES:,})")], marks
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = position(raw, exc.start)
        message = f"byte 0x{raw[exc.start]:02X} is not UTF-8 (save the file as UTF-8)"
        return None, [Problem(shown, line, col, "(file)", message)], marks
    if match := XML_FORBIDDEN.search(text):
        line, col = position(text, match.start())
        return None, [Problem(shown, line, col, "(text)",
                              f"control character U+{ord(match.group()):04X} (printable text only)")], marks
    data, marks, problems = plainyaml.read(text, shown, "a mapping of fields (lang, title, ...)")
    if problems:
        return None, problems, marks
    if isinstance(data, dict) and isinstance(data.get("references"), dict):
        problems = _read_references_file(data, path, shown, marks)
        if problems:
            return None, problems, marks
    try:
        edition = Edition.model_validate(data)
    except ValidationError as exc:
        return None, [_problem(shown, err, data, marks) for err in _relevant(exc.errors(), data)], marks
    problems = _check_edition(edition, shown, marks) + _check_glyphs(data, shown, marks)
    problems += _check_assets(data, path.parent, shown, marks)
    if advise and not problems:  # derived texts are weighed against their sources once the edition is sound
        problems = [Problem(shown, *marks.get(at, (1, 1)), _dotted(at), message, warning=True)
                    for at, message in derived.check(edition)]
        problems += spelling.check(data, text, path, shown, marks, edition.lang)
        problems += todos.left(text, shown)
    return edition, problems, marks


MAX_FILE_BYTES = 1_000_000     # an article with its two dozen paragraphs is about 20 kB


def _relevant(errors: list[ErrorDetails], data: Any) -> list[ErrorDetails]:
    """The errors an editor can act on: a body block whose keys name no kind is one error (the model's
    discriminator reports only the errors of the kind its keys name); no 'is empty' for a list whose
    entries failed."""
    kept: list[ErrorDetails] = []
    for err in errors:
        if err["type"] == "union_tag_not_found":
            err = err.copy()
            err["type"] = "block_kind"
        kept.append(err)
    failed = [e["loc"] for e in kept]
    unique = {(e["loc"], e["type"]): e for e in kept}
    return [e for e in unique.values()
            if not (e["type"] == "too_short" and any(f[:len(e["loc"])] == e["loc"] and f != e["loc"] for f in failed))]


def _value_at(data: Any, loc: Path_) -> Any:
    for part in loc:
        if isinstance(data, dict) and part in data or isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _problem(shown: str, err: ErrorDetails, data: Any, marks: dict[Path_, Location]) -> Problem:
    """Turn one pydantic error into a located Problem."""
    at = _data_path(err["loc"], data)
    if err["type"] == "missing":
        line, col = marks.get(at[:-1], (1, 1))
        return Problem(shown, line, col, _dotted(at), "required field is missing")
    if err["type"] == "extra_forbidden":
        line, col = marks.get(at + ("<key>",), marks.get(at, (1, 1)))
        return Problem(shown, line, col, _dotted(at), "unknown field (check its spelling)")
    line, col = marks.get(at, (1, 1))
    return Problem(shown, line, col, _dotted(at), _explain(err))


def _data_path(loc: tuple[int | str, ...], data: Any) -> Path_:
    """Keep the parts of a pydantic location that name real keys or indexes (drop union tags)."""
    at: list[Any] = []
    here = data
    for part in loc:
        if isinstance(here, dict) and part in here:
            at.append(part)
            here = here[part]
        elif isinstance(here, list) and isinstance(part, int) and part < len(here):
            at.append(part)
            here = here[part]
        elif isinstance(here, dict) and isinstance(part, str) and part[:1].islower() and "[" not in part:
            at.append(part)
            here = None
    return tuple(at)


def _explain(err: ErrorDetails) -> str:
    """'what is wrong (what was expected)', in words a content editor knows."""
    kind, given = err["type"], err.get("input")
    expected = {
        "string_type": "text", "int_parsing": "a whole number", "int_type": "a whole number",
        "date_from_datetime_parsing": "a date like 2024-04-15", "date_parsing": "a date like 2024-04-15",
        "date_type": "a date like 2024-04", "tuple_type": "a list", "model_type": "a mapping of fields",
        "model_attributes_type": "a mapping of fields",
    }
    if kind in expected:
        return f"wrong value {_short_repr(given)} ({expected[kind]})"
    bound = err.get("ctx") or {}
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        word = {"greater_than_equal": "at least", "greater_than": "more than", "less_than_equal": "at most",
                "less_than": "less than"}[kind]
        limit = next(iter(bound.values()), "")
        limit = f"{limit:g}" if isinstance(limit, float) else limit
        year = err["loc"] and err["loc"][-1] == "year"
        return f"wrong value {_short_repr(given)} ({word} {limit}{', a plausible year' if year else ''})"
    if kind == "block_kind":
        return ("is not a block (a paragraph, a list with items:, a picture with image: and alt:, or a table with "
                "caption:, header: and rows:)")
    if kind in ("too_short", "string_too_short"):
        return "is empty (at least one entry)" if kind == "too_short" else "is empty (some text)"
    if kind == "string_pattern_mismatch":
        return f"malformed value {_short_repr(given)} ({_pattern_hint(err)})"
    return err["msg"].removeprefix("Value error, ")


def _short_repr(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _pattern_hint(err: ErrorDetails) -> str:
    pattern = (err.get("ctx") or {}).get("pattern", "")
    if pattern.startswith("^10"):
        return "a DOI like 10.1000/xyz123, without https://doi.org/"
    if pattern.startswith("^https"):
        return "an address starting with https://"
    if "svg" in pattern:
        return "a picture file beside the content file, like figure.svg"
    if "@" in pattern:
        return "an email address like info@example.org"
    return "lower-case letters, digits and hyphens, like first-steps"




def _check_edition(edition: Edition, shown: str, marks: dict[Path_, Location]) -> list[Problem]:
    """Rules across fields: unique section ids, references listed once."""
    problems = []
    seen: set[str] = set()
    for at, section in _section_paths(edition):
        if section.id in seen:
            line, col = marks.get(at + ("id",), (1, 1))
            problems.append(Problem(shown, line, col, _dotted(at + ("id",)),
                                    f"duplicate section id {section.id!r} (each id once per edition)"))
        seen.add(section.id)
    problems += _check_key_figures(edition, shown, marks) + _check_card(edition, shown, marks)
    problems += [Problem(shown, *_nearest(marks, at), _dotted(at), message) for at, message in glossary.check(edition)]
    problems += [Problem(shown, *_nearest(marks, at), _dotted(at), message) for at, message in options.check(edition)]
    cited: set[str] = set()
    for i, ref in enumerate(edition.references):
        if ref.identity in cited:
            field = "doi" if ref.doi else "url" if ref.url else "title"
            line, col = marks.get(("references", i, field), marks.get(("references",), (1, 1)))
            problems.append(Problem(shown, line, col, f"references[{i}].{field}",
                                    f"reference {ref.doi or ref.url or ref.title} is listed twice (each reference once)"))
        cited.add(ref.identity)
    return problems


def _read_references_file(data: dict[str, Any], path: Path, shown: str, marks: dict[Path_, Location]) -> list[Problem]:
    """`references: {file: refs.json}`: the references of that file of the topic's folder, in place of the mapping;
    or the located problems of the file (its syntax, an unknown type, a field a type needs)."""
    spec = data["references"]
    at = ("references", "file")
    line, col = marks.get(at, marks.get(("references",), (1, 1)))
    name = spec.get("file")
    if set(spec) != {"file"} or not isinstance(name, str) or not re.fullmatch(REFERENCES_FILE, name):
        return [Problem(shown, line, col, "references.file", "names no references file of the topic's folder "
                        "(references: {file: refs.json}, a .json, .bib or .ris file beside this one; or a list)")]
    source = path.parent / name
    if not source.is_file():
        return [Problem(shown, line, col, "references.file", f"{name} is not in the topic's folder (export it there)")]
    file_shown = str(Path(shown).parent / name) if "/" in shown else name
    entries, problems = read_references(source, file_shown)
    for entry in entries:
        try:
            Reference.model_validate(entry.data)
        except ValidationError as exc:
            for err in exc.errors():
                key = next((str(part) for part in err["loc"] if isinstance(part, str)), "")
                problems.append(Problem(file_shown, *entry.where(key), f"{entry.name}.{key}" if key else entry.name,
                                        "required field is missing" if err["type"] == "missing" else _explain(err)))
    if not problems:
        data["references"] = [entry.data for entry in entries]
    return problems


def _quoted(number: float, sentence: str) -> bool:
    """The number is one of the sentence's, however it writes its decimals ("1,9" is 1.9)."""
    return number in {float(n) for n in meaning.numbers(sentence)}


def _check_evidence(figure: KeyFigure, at: Path_, shown: str, marks: dict[Path_, Location]) -> list[Problem]:
    """The evidence's numbers (studies, patients, duration) come from the quoted sentence too."""
    evidence = figure.evidence
    if evidence is None:
        return []
    numbers = {"studies": evidence.studies, "patients": evidence.patients,
               "duration": evidence.duration.value if evidence.duration else None}
    problems = []
    for name, number in numbers.items():
        if number is not None and not _quoted(number, figure.sentence):
            line, col = marks.get(at + ("evidence", name), marks.get(at + ("evidence",), (1, 1)))
            problems.append(Problem(shown, line, col, _dotted(at + ("evidence", name)),
                                    f"{number:g} is not in the quoted sentence (a number the source gives)"))
    return problems


def _check_card(edition: Edition, shown: str, marks: dict[Path_, Location]) -> list[Problem]:
    """The card's selection names sections and key points that exist, and selects something."""
    if edition.card is None:
        return []
    points = {s.id: len(s.key_points) for s in edition.all_sections()}

    def problem(at: Path_, message: str) -> Problem:
        line, col = marks.get(at, (1, 1))
        return Problem(shown, line, col, _dotted(at), message)

    missing_callouts = [problem(("card", "callouts", i), f"section {sid!r} has no call-outs (the id of a section with "
                                                  "callouts:)")
                 for i, sid in enumerate(edition.card.callouts)
                 if not any(s.id == sid and s.callouts for s in edition.all_sections())]
    if not edition.card.sections and not edition.card.key_points and not edition.card.options:
        return [problem(("card",), "selects nothing (list sections: or key_points:, or remove card: "
                                   "to carry every top-level section)")]
    problems = missing_callouts + [problem(("card", "sections", i), f"no section {sid!r} (the id of a section or subsection)")
                            for i, sid in enumerate(edition.card.sections) if sid not in points]
    for i, choice in enumerate(edition.card.key_points):
        sid, number = choice.split("/")
        if sid not in points:
            problems.append(problem(("card", "key_points", i), f"no section {sid!r} (the id of a section or subsection)"))
        elif int(number) > points[sid]:
            problems.append(problem(("card", "key_points", i), f"section {sid!r} has {points[sid]} key points "
                                                              f"(a number from 1 to {points[sid]})"))
    return problems


def _section_paths(edition: Edition) -> Iterator[tuple[Path_, Section]]:
    for i, section in enumerate(edition.sections):
        yield ("sections", i), section
        for j, sub in enumerate(section.subsections):
            yield ("sections", i, "subsections", j), sub


def _check_topic(reads: list[Read]) -> list[Problem]:
    """Each edition's language names its output folder, so it must be unique in the topic: the second file of a
    language is told where its `lang` is, and which file has the language already."""
    problems: list[Problem] = []
    seen: dict[str, Read] = {}
    for read in reads:
        assert read.edition is not None   # the topic's valid editions
        if (first := seen.get(read.edition.language)) is not None:
            problems.append(Problem(read.shown, *read.where(("lang",)), "lang",
                                    f"{read.edition.language!r} is the language of {first.path.name} already "
                                    "(one file per language: give this edition its own language, or remove a file)"))
        seen.setdefault(read.edition.language, read)
    return problems


def _check_glyphs(data: Any, shown: str, marks: dict[Path_, Location], at: Path_ = ()) -> list[Problem]:
    """Every character must exist in the typeface: a fallback font would break the PDFs' fonts rule."""
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in _check_glyphs(value, shown, marks, at + (key,))]
    if isinstance(data, list):
        return [p for i, value in enumerate(data) for p in _check_glyphs(value, shown, marks, at + (i,))]
    if not isinstance(data, str) or not (missing := missing_characters(data)):
        return []
    listed = ", ".join(f"U+{ord(ch):04X} {ch!r}" for ch in missing)
    line, col = marks.get(at, (1, 1))
    return [Problem(shown, line, col, _dotted(at), f"character(s) {listed} not in Atkinson Hyperlegible "
                                                   "(use a character the typeface has)")]


def _check_assets(data: Any, topic_dir: Path, shown: str, marks: dict[Path_, Location]) -> list[Problem]:
    """Every image a content file names must be a file inside the topic's own folder."""
    problems = []
    for at, name in _image_fields(data):
        target = (topic_dir / name).resolve()
        line, col = marks.get(at, (1, 1))
        if not target.is_relative_to(topic_dir.resolve()):
            problems.append(Problem(shown, line, col, _dotted(at),
                                    f"{name!r} points outside the topic's folder (a file beside {Path(shown).name})"))
        elif not target.is_file():
            what = "is not a file" if target.exists() else "does not exist"   # a folder, a device, a pipe
            if twin := _same_letters(target):
                what += (f": the file beside it named {twin.name!r} writes the same letters with other characters "
                         "(as macOS or a zip file may): rename the file, typing its name again")
            problems.append(Problem(shown, line, col, _dotted(at),
                                    f"{name!r} {what} (a picture file beside {Path(shown).name})"))
        elif wrong := drawing.problem(target):   # checked, and a drawing drawn
            problems.append(Problem(shown, line, col, _dotted(at), f"{name!r} {wrong}"))
    return problems


def _same_letters(target: Path) -> Path | None:
    """The file of the target's folder whose name is the target's in another Unicode form (é as one character or
    as e and an accent), or None."""
    import unicodedata
    wanted = unicodedata.normalize("NFC", target.name)
    folder = target.parent
    if not folder.is_dir():
        return None
    return next((f for f in folder.iterdir() if f.name != target.name and unicodedata.normalize("NFC", f.name) == wanted),
                None)


def _image_fields(data: Any, at: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """Where a content file names a picture (`image:`), and the name, in reading order."""
    if isinstance(data, list):
        for i, value in enumerate(data):
            yield from _image_fields(value, at + (i,))
    elif isinstance(data, dict):
        if isinstance(data.get("image"), str):
            yield at + ("image",), data["image"]
        for key, value in data.items():
            yield from _image_fields(value, at + (key,))


def picture_named(path: Path, shown: str, name: str, said: str) -> str | None:
    """`said` about the picture `name`, located where the content file at `path` first names it (None: it names
    no such picture, as when the picture is the theme's)."""
    data, marks, problems = plainyaml.read(path.read_text(encoding="utf-8"), shown, "a mapping")
    for at, named in ([] if problems else _image_fields(data)):
        if name in (named, Path(named).name):
            return str(Problem(shown, *marks.get(at, (1, 1)), _dotted(at), f"{named!r} {said}"))
    return None


def _flat(text: str) -> str:
    return " ".join(text.split())


def _check_chart(figure: KeyFigure, at: Path_, shown: str, marks: dict[Path_, Location]) -> list[Problem]:
    """The figure's chart kind must exist; the kind itself judges the figure's numbers and sites."""
    if figure.chart not in charts.KINDS:
        line, col = marks.get(at + ("chart",), (1, 1))
        return [Problem(shown, line, col, _dotted(at + ("chart",)), f"unknown chart kind {figure.chart!r} "
                        f"(one of: {', '.join(sorted(charts.KINDS))})")]
    return [Problem(shown, *_nearest(marks, at + field), _dotted(at + field), message)
            for field, message in charts.kind(figure.chart).validate(figure)]


def _nearest(marks: dict[Path_, Location], at: Path_) -> Location:
    """Where a field stands, or the nearest enclosing field when it is absent from the file."""
    while at and at not in marks:
        at = at[:-1]
    return marks.get(at, (1, 1))


def _check_key_figures(edition: Edition, shown: str, marks: dict[Path_, Location]) -> list[Problem]:
    """A key figure quotes its section word for word, and each of its numbers is in that quote."""
    bodies: dict[str, str] = {}
    for section in edition.all_sections():  # a duplicated id is reported once, by _check_edition
        bodies.setdefault(section.id, _flat(" ".join(b for b in section.body if isinstance(b, str))))
    problems = []
    for i, figure in enumerate(edition.key_figures):
        at = ("key_figures", i)
        if figure.section not in bodies:
            line, col = marks.get(at + ("section",), (1, 1))
            problems.append(Problem(shown, line, col, _dotted(at + ("section",)),
                                    f"no section {figure.section!r} (the id of a section or subsection)"))
        elif _flat(figure.sentence) not in bodies[figure.section]:
            line, col = marks.get(at + ("sentence",), (1, 1))
            problems.append(Problem(shown, line, col, _dotted(at + ("sentence",)),
                                    f"is not a quote of section {figure.section!r} (its words, exactly)"))
        problems += _check_chart(figure, at, shown, marks)
        for j, quantity in enumerate(figure.values):
            for number in (quantity.value, quantity.high):
                if number is not None and not _quoted(number, figure.sentence):
                    line, col = marks.get(at + ("values", j), (1, 1))
                    problems.append(Problem(shown, line, col, _dotted(at + ("values", j)),
                                            f"{number:g} is not in the quoted sentence (a number the source gives)"))
        problems += _check_evidence(figure, at, shown, marks)
    return problems
