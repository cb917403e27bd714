"""Translators' files: an edition's texts exported to XLIFF 2.0 or PO beside their translation, and imported back."""
from __future__ import annotations

import re
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from babel import Locale, UnknownLocaleError

from handouts.content.approvals import edition_files, translation_records
from handouts.content.yamltext import Path_, replace_values, same, scalars
from handouts.errors import ContentError, UsageError, dotted
from handouts.pipeline.load import read_edition
from handouts.writers import write_file

FORMATS = {"xliff": ".xlf", "po": ".po"}
XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
_SECTION = r"(sections\[\](\.subsections\[\])*|summary)"
# The texts a reader reads, by their path with indexes left out. Ids, numbers, dates, addresses, author names and
# the references' titles and journals (citations, quoted as published) are not translated.
TRANSLATABLE = re.compile("|".join((
    r"title|lead|translation_note|acknowledgement|association\.name|authors\[\]\.positions\[\]",
    _SECTION + r"\.(heading|short_heading)",
    _SECTION + r"\.body\[\](\.items\[\]|\.alt|\.caption|\.header\[\]|\.rows\[\]\[\])?",
    _SECTION + r"\.key_points\[\](\.text|\.source(\[\])?)?",
    _SECTION + r"\.callouts\[\]\.items\[\](\.text|\.source(\[\])?)?",
    r"glossary\[\]\.(term|definition|forms\[\]|source(\[\])?)",
    r"key_figures\[\]\.(title|study|sentence|values\[\]\.label)",
    r"references\[\]\.language_note",
)))
QUOTE = re.compile(r".*\.(source(\[\d+\])?|sentence)")
QUOTE_NOTE = ("Quotes words of this section's body, which the build looks for there: copy the same words from "
              "your translation of the body.")


@dataclass(frozen=True)
class Unit:
    """One text: where it stands in the edition file (sections[3].body[0]), the source, and its translation."""

    path: str
    source: str
    target: str


@dataclass(frozen=True)
class Exchange:
    """What a translator's file is about: a topic, its source edition's file and language, and the target language."""

    topic: str
    source_file: str
    source_lang: str
    target_lang: str

    @property
    def target_file(self) -> str:
        return f"{self.target_lang.split('-')[0]}.yaml"




def texts(text: str) -> dict[str, tuple[Path_, str]]:
    """The translatable texts of an edition file by their dotted path, in the order of the file."""
    found = {}
    for at, scalar in scalars(text).items():
        name = dotted(at)
        if isinstance(scalar.value, str) and TRANSLATABLE.fullmatch(re.sub(r"\[\d+\]", "[]", name)):
            found[name] = (at, scalar.value)
    return found


def export_translations(content: Path, target: str, fmt: str, source_lang: str | None, lang: str | None,
                        output: Path | None) -> str:
    """Write the source edition's texts beside the target edition's (empty for a new language); say what was written."""
    match = re.fullmatch(r"([a-z0-9]+(?:-[a-z0-9]+)*)/([a-z]{2,3})", target)
    if not match:
        raise UsageError([f"--export-xliff {target}: not TOPIC/LANGUAGE (like hand-care/en)"])
    topic, language = match.groups()
    source_path = _source_file(content, topic, language, source_lang)
    source = _valid(source_path, content.parent)
    target_path = content / topic / f"{language}.yaml"
    if target_path.is_file():
        target_text = _valid(target_path, content.parent)
        tag = str(scalars(target_text)[("lang",)].value)
    else:
        target_text, tag = "", lang or default_tag(language, str(scalars(source)[("lang",)].value))
    current = {dotted(at): scalar.value for at, scalar in scalars(target_text).items()} if target_text else {}
    units = [Unit(name, value, current[name] if isinstance(current.get(name), str) else "")
             for name, (_, value) in texts(source).items()]
    exchange = Exchange(topic, source_path.name, str(scalars(source)[("lang",)].value), tag)
    path = output or content.parent / "translations" / f"{topic}-{language}{FORMATS[fmt]}"
    write_file(path, po_bytes(exchange, units) if fmt == "po" else xliff_bytes(exchange, units),
               elsewhere="write it elsewhere with --output FILE")
    todo = sum(1 for unit in units if not unit.target)
    return f"wrote {_shown(path, content.parent)}: {len(units)} texts of content/{topic}/{source_path.name} " \
           f"({todo} without translation)"


def import_translations(content: Path, file: Path, lang: str | None) -> str:
    """Write a translator's file back into its edition, replacing only the changed values; create a new edition."""
    exchange, units = read_units(file)
    folder = content / exchange.topic
    source_path = folder / exchange.source_file
    if not exchange.topic or not source_path.is_file():
        raise UsageError([f"{file}: its source edition content/{exchange.topic}/{exchange.source_file} does not exist"])
    sources = texts(source_path.read_bytes().decode("utf-8"))
    target_path = folder / exchange.target_file
    creating = not target_path.is_file()
    base = (source_path if creating else target_path).read_bytes().decode("utf-8")
    present = {dotted(at): (at, scalar.value) for at, scalar in scalars(base).items()}
    shown = _shown(target_path, content.parent)
    changes: dict[Path_, str] = {}
    problems: list[str] = []
    done = {unit.path for unit in units if unit.target.strip()}
    for unit in units:
        where = f"{file.name}: {unit.path}"
        if unit.path not in sources:
            problems.append(f"{where}: no longer in content/{exchange.topic}/{exchange.source_file} (export again)")
        elif not same(sources[unit.path][1], unit.source):
            problems.append(f"{where}: its source text changed since the export (export again, translate the new text)")
        elif not unit.target.strip():
            continue
        elif unit.path not in present or not isinstance(present[unit.path][1], str):
            problems.append(f"{where}: no longer in {shown} (add the field there by hand, then export again)")
        elif not same(present[unit.path][1], unit.target):
            changes[present[unit.path][0]] = unit.target
    if creating:
        problems += [f"{file.name}: {name}: not translated (a new edition needs every text)"
                     for name in sources if name not in done]
        changes[("lang",)] = _new_tag(exchange, lang, file)
    if problems:
        raise UsageError(problems)
    if not changes:
        return f"{shown} is up to date with {file.name}: nothing to change"
    text = replace_values(base, changes)
    _, found = read_edition(target_path, content.parent, text.encode("utf-8"))
    if errors := [p for p in found if not p.warning]:
        raise ContentError(errors)
    write_file(target_path, text.encode("utf-8"))
    if creating:
        return f"created {shown} ({changes[('lang',)]}) from content/{exchange.topic}/{exchange.source_file}: " \
               f"{len(done)} texts translated"
    return f"updated {shown}: {len(changes)} texts changed"


def default_tag(language: str, source_tag: str) -> str:
    """A new edition's language tag: the language in the source edition's region if Babel knows it, else alone."""
    region = source_tag.partition("-")[2]
    for tag in (f"{language}-{region}" if region else "", language):
        try:
            if tag:
                Locale.parse(tag, sep="-")
                return tag
        except (UnknownLocaleError, ValueError):
            continue
    raise UsageError([f"unknown language {language!r} (a language Babel knows, like es)"])


def xliff_bytes(exchange: Exchange, units: list[Unit]) -> bytes:
    """An XLIFF 2.0 document: one unit per text, named by its path, its state initial until translated."""
    from lxml import etree
    from translate.storage import xliff2

    store = xliff2.Xliff2File()
    store.setsourcelanguage(exchange.source_lang)
    store.settargetlanguage(exchange.target_lang)
    assert store.body is not None  # a new document has its file element
    store.body.set("id", exchange.topic)
    store.body.set("original", f"{exchange.topic}/{exchange.source_file}")
    for item in units:
        unit = store.UnitClass(item.source)
        if item.target:
            unit.target = item.target
        store.addunit(unit)
        unit.setid(re.sub(r"\[(\d+)\]", r".\1", item.path))   # an NMTOKEN: sections.3.body.0
        element = unit.getunitelement()
        element.set("name", item.path)
        unit.xmlelement.set("state", "translated" if item.target else "initial")
        if QUOTE.fullmatch(item.path):  # notes come before the segment in XLIFF 2.0
            notes = etree.Element(f"{{{XLIFF_NS}}}notes")
            etree.SubElement(notes, f"{{{XLIFF_NS}}}note", category="instruction").text = QUOTE_NOTE
            element.insert(0, notes)
    out = BytesIO()
    store.serialize(out)
    return out.getvalue()


def po_bytes(exchange: Exchange, units: list[Unit]) -> bytes:
    """A PO file: each text's path is its msgctxt; the header names the topic and the source edition."""
    from translate.storage import pypo

    store = pypo.pofile()
    store.updateheader(add=True, Language=exchange.target_lang, Project_Id_Version=exchange.topic, POT_Creation_Date=None,
                       PO_Revision_Date=None, X_Source_Language=exchange.source_lang,
                       X_Handouts_Original=f"{exchange.topic}/{exchange.source_file}")
    for item in units:
        unit = store.UnitClass(item.source)
        unit.setcontext(item.path)
        unit.target = item.target
        if QUOTE.fullmatch(item.path):
            unit.addnote(QUOTE_NOTE, origin="developer")
        store.addunit(unit)
    return bytes(store)


def read_units(file: Path) -> tuple[Exchange, list[Unit]]:
    """The exchange and units of a translator's file, XLIFF 2.0 or PO (by its suffix)."""
    from lxml import etree
    from translate.storage import pypo, xliff2

    if not file.is_file():
        raise UsageError([f"--import-xliff {file}: no such file"])
    try:
        if file.suffix == ".po":
            po = pypo.pofile.parsestring(file.read_bytes())
            header = po.parseheader()
            original, source_lang, target_lang = (header.get(key, "") for key in
                                                  ("X-Handouts-Original", "X-Source-Language", "Language"))
            units = [Unit(u.getcontext(), u.source, "" if u.isfuzzy() else u.target or "")
                     for u in po.units if not u.isheader() and not u.isobsolete()]
        else:
            xlf = xliff2.Xliff2File.parsestring(file.read_bytes())
            original, source_lang = xlf.body.get("original", ""), xlf.getsourcelanguage()
            target_lang = xlf.gettargetlanguage() or ""
            units = [Unit(u.getunitelement().get("name") or u.getid(), u.source or "", u.target or "")
                     for u in xlf.units]
    except (ValueError, etree.XMLSyntaxError) as exc:
        raise UsageError([f"--import-xliff {file}: not an XLIFF 2.0 or PO file ({exc})"]) from None
    topic, _, source_file = original.partition("/")
    if not source_file or not target_lang:
        raise UsageError([f"--import-xliff {file}: not a file of --export-xliff (no topic, source or target language)"])
    return Exchange(topic, source_file, source_lang, target_lang), units


def _new_tag(exchange: Exchange, lang: str | None, file: Path) -> str:
    """The language tag of a new edition: --lang, or the one the export chose."""
    tag = lang or exchange.target_lang
    if tag.split("-")[0] != exchange.target_lang.split("-")[0]:
        raise UsageError([f"--lang {tag}: {file.name} translates into {exchange.target_lang} (a tag of that language)"])
    return tag


def _source_file(content: Path, topic: str, language: str, wanted: str | None) -> Path:
    """The source edition: --from LANGUAGE, the one the translation record names, or the topic's first other
    edition by file name."""
    files = [p for p in edition_files(content) if p.parent.name == topic]
    wanted = wanted or (translation_records(content / topic).get(language) or {}).get("source")
    choices = [p for p in files if p.stem != language and (wanted is None or p.stem == wanted)]
    if not choices:
        have = ", ".join(p.stem for p in files) or "none"
        raise UsageError([f"--export-xliff {topic}/{language}: no source edition"
                          f"{' ' + wanted if wanted else ''} in content/{topic}/ (editions: {have})"])
    return choices[0]


def _valid(path: Path, root: Path) -> str:
    """The text of an edition file that validates (only valid content is sent to translators)."""
    _, problems = read_edition(path, root)
    if errors := [p for p in problems if not p.warning]:
        raise ContentError(errors)
    return path.read_bytes().decode("utf-8")


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
