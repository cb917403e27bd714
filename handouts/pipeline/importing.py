"""`python build.py import FILE --topic TOPIC --lang LANG`: an article in DOCX, ODT, Markdown, HTML or text
(its headings marked with #) read through Pandoc's JSON document tree (the pandoc binary of pypandoc-binary,
the `import` extra) into content/TOPIC/<language>.yaml, its pictures beside it. The texts are copied as
written; what only an editor can write is a TODO (handouts/content/todos.py) with which the file validates."""
from __future__ import annotations

import datetime as dt
import gettext
import json
import re
import subprocess
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from babel import Locale

from handouts.content import casing, imported, pandoc_tree, publisher
from handouts.content.schema import MODELINE
from handouts.content.skeleton import new_edition
from handouts.content.todos import MARK, todo
from handouts.errors import CatalogError, ContentError, UsageError
from handouts.messages import N_
from handouts.pipeline import document_properties
from handouts.writers import write_file

# What pandoc reads each kind of file as: a text file as Markdown (its headings marked with #); Markdown
# without "smart" typography, which would change the authors' quotes and dashes; Word with its styles.
FORMATS = {".docx": "docx+styles", ".odt": "odt", ".md": "markdown-smart", ".markdown": "markdown-smart",
           ".txt": "markdown-smart", ".html": "html", ".htm": "html"}
PICTURE_TYPES = (".svg", ".png", ".jpg", ".jpeg")
PANDOC_SECONDS = 120

# The comments written for the editor, in the edition's language (the catalogs of templates/locales; English
# where the language has none). A TODO stays the word TODO, which the build looks for.
HEADER = N_("Imported from %(source)s by python build.py import: every text is copied as written. What only an "
            "editor can write is left marked, in capitals: the build warns at each mark, and --release refuses the "
            "file while one is left. Examples of every field: python build.py new example --lang %(lang)s "
            "(content/example/).")
PUBLISHED = N_("the month the article was published (2024-04)")
ASSOCIATION = N_("the association that publishes it (name, https:// website, email)")
ASSOCIATION_LINES = N_("the association that publishes it (name, https:// website, email); lines of the article to "
                       "look at: %(lines)s")
ASSOCIATION_FOUND = N_("the association, as the article writes it: %(lines)s")
ASSOCIATION_PROPERTY = N_("the association, as the document's properties name it: %(name)s")
ASSOCIATION_CAPITALS = N_("its name is in capitals in the article: write it as the association writes it")
ASSOCIATION_MISSING = N_("the association's %(fields)s: the article does not give it")
TAIL = N_("what only an editor can write, each optional: key_figures (numbers drawn as pictures), card (what the "
          "one-page card carries), glossary (words to know), options (the treatments a reader compares).")
UNPLACED = N_("texts of the article that have no field here (place each, or delete it):")
WIDTH = 110


def import_article(content_dir: Path, source: Path, topic: str, lang: str, force: bool = False,
                   today: dt.date | None = None) -> str:
    """Write the article as content/<topic>/<language>.yaml and its pictures; the one-line result."""
    target = checked(content_dir, source, topic, lang, force)
    say = catalog(content_dir.parent, lang)
    with tempfile.TemporaryDirectory(prefix="import-") as scratch:
        tree = read_tree(source, Path(scratch))
        blocks = tree.get("blocks", [])
        properties = document_properties.title_and_authors(source)
        title = document_properties.meta_text(tree, "title") or properties[0]
        authors = document_properties.meta_text(tree, "author") or properties[1]
        result = imported.arrange(list(pandoc_tree.parts(blocks)), lang, title, authors, say)
        association(result, document_properties.publisher(source, tree))   # from the article's own lines
        result.unplaced += [say(N_("a footnote: %(note)s")) % {"note": note} for note in pandoc_tree.notes(blocks) if note]
        pictures = placed(result, source, Path(scratch), target.parent)
        text = content_text(result, source.name, today or dt.date.today())
        for name, origin in pictures.items():
            if (target.parent / name).exists() and not force and (target.parent / name).read_bytes() != origin.read_bytes():
                raise UsageError([f"content/{topic}/{name}: already exists (--force replaces it)"])
        for name, origin in pictures.items():
            write_file(target.parent / name, origin.read_bytes())
        write_file(target, text.encode("utf-8"))
    problems = validate(target, content_dir.parent)
    shown = target.relative_to(content_dir.parent).as_posix()
    if problems:
        raise ContentError([], [f"wrote {shown}, which does not validate yet:"] + problems)
    todos = text.count(MARK)
    recased = (f"; {result.recased} title or heading(s) in capitals put in sentence case (check each: its comment "
               "quotes it as written)") if result.recased else ""
    return (f"wrote {shown} and {len(pictures)} picture(s): {todos} {MARK}(s) left to write "
            f"(python build.py check names each){recased}")


def catalog(root: Path, lang: str) -> Callable[[str], str]:
    """The gettext of the edition's language (its catalog in templates/locales), English where it has none."""
    from handouts.render.i18n import translations_for
    try:
        return translations_for(root / "templates" / "locales", lang.split("-")[0].lower()).gettext
    except (CatalogError, OSError):
        return gettext.NullTranslations().gettext


def checked(content_dir: Path, source: Path, topic: str, lang: str, force: bool) -> Path:
    problems = []
    if not source.is_file():
        problems.append(f"import {source}: no such file")
    elif source.suffix.lower() not in FORMATS:
        problems.append(f"import {source.name}: not a file it reads (one of: {', '.join(sorted(FORMATS))})")
    named, target = new_edition(content_dir, topic, lang, "--topic")
    problems += named
    if not problems and target.exists() and not force:
        problems.append(f"{target.relative_to(content_dir.parent).as_posix()}: already exists (--force replaces it)")
    if problems:
        raise UsageError(problems)
    return target


def pandoc() -> str:
    import pypandoc
    return str(pypandoc.get_pandoc_path())


def read_tree(source: Path, scratch: Path) -> dict[str, Any]:
    """Pandoc's JSON tree of the file, its embedded pictures extracted under scratch."""
    command = [pandoc(), "--from", FORMATS[source.suffix.lower()], "--to", "json",
               f"--extract-media={scratch / 'media'}", f"--resource-path={source.resolve().parent}", str(source.resolve())]
    try:
        done = subprocess.run(command, capture_output=True, timeout=PANDOC_SECONDS, cwd=scratch)
    except subprocess.TimeoutExpired:
        raise UsageError([f"import {source.name}: pandoc did not read it in {PANDOC_SECONDS} s"]) from None
    if done.returncode:
        said = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
        raise UsageError([f"import {source.name}: pandoc cannot read it ({said})"])
    tree: dict[str, Any] = json.loads(done.stdout)
    return tree


def placed(result: imported.Imported, source: Path, scratch: Path, folder: Path) -> dict[str, Path]:
    """Each picture's name in the topic's folder and the file it comes from (extracted from the document, or
    beside it); a picture of another type, or missing, is replaced by a TODO in its place's comment."""
    found: dict[str, Path] = {}
    for picture in result.pictures:
        origin = Path(picture.target)
        origin = origin if origin.is_absolute() else (scratch / origin if (scratch / origin).is_file()
                                                      else source.parent / origin)
        if origin.suffix.lower() in PICTURE_TYPES and origin.is_file():
            found[picture.name] = origin
        else:
            said = result.say(N_("the picture %(target)s: not found, or not SVG, PNG or JPEG (convert it, save it in "
                                 "content/%(topic)s/ as %(name)s)"))
            result.unplaced.append(said % {"target": picture.target, "topic": folder.name, "name": picture.name})
    return found


def association(result: imported.Imported, named: str) -> None:
    """The association that publishes the article, where the document says it so that it can be told: its lines
    that no field took (after the references, a signature block: name, web address, email), else a property of
    the document naming its publisher. Else a TODO that quotes the article's short lines an editor should look
    at. The lines it was read from leave the list of texts with no field."""
    say = result.say
    found = publisher.found_in(result.unplaced)
    fields = {"name": "", "website": "https://example.org", "email": "info@example.org"}
    if found:
        fields.update({k: v for k, v in (("name", found.name), ("website", found.website), ("email", found.email),
                                          ("phone", found.phone)) if v})
        result.unplaced = [line for line in result.unplaced if line not in found.lines]
        result.note("association", ASSOCIATION_FOUND, lines=quoted(found.lines, say))
        if casing.is_all_capitals(found.name):
            result.note("association", ASSOCIATION_CAPITALS)
        missing = [key for key in ("website", "email") if not getattr(found, key)]
        if missing:
            result.note("association", ASSOCIATION_MISSING, True, fields=", ".join(missing))
    elif named:
        fields["name"] = named
        result.note("association", ASSOCIATION_PROPERTY, name=named)
        result.note("association", ASSOCIATION_MISSING, True, fields="website, email")
    else:
        fields["name"] = todo(say, N_("the association"))
        lines = publisher.candidates(result.unplaced)
        result.note("association", ASSOCIATION_LINES if lines else ASSOCIATION, True, lines=quoted(lines, say))
    result.data["association"] = fields


QUOTED = N_("“%(text)s”")


def quoted(lines: list[str], say: Callable[[str], str]) -> str:
    """The lines quoted as the edition's language quotes, one after the other."""
    return ", ".join(say(QUOTED) % {"text": " ".join(line.split())} for line in lines)


def comment(text: str, indent: str = "") -> list[str]:
    """A comment for the editor, wrapped, every line of it marked #."""
    return [f"{indent}# {line}" for line in textwrap.wrap(text, WIDTH - len(indent) - 2, break_long_words=False,
                                                           break_on_hyphens=False)]


def content_text(result: imported.Imported, source: str, today: dt.date) -> str:
    """The YAML of the content file: the data, a comment above each field the document did not give or that the
    import changed (a TODO where something is left to do), the optional editor's fields named at the end, then
    every text the article had no place for; each in the edition's language."""
    data, say = dict(result.data), result.say
    found = published_in(result.unplaced, data["lang"])
    data["published"] = found or f"{today:%Y-%m}"   # a month the file validates with, a TODO above it when not found
    if found:   # its line is placed: no longer among the texts the article had no place for
        result.unplaced = [text for text in result.unplaced if published_in([text], data["lang"]) != found]
    else:
        result.note("published", PUBLISHED, True)
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=WIDTH)
    if yaml.safe_load(body) != data:   # the texts must come back as written
        raise AssertionError("the content file would not hold the article's texts as written")
    lines = comment(say(HEADER) % {"source": source, "lang": data["lang"]})
    lines[0:0] = [MODELINE.rstrip("\n")]
    for line in body.splitlines():
        key = line.split(":", 1)[0]
        section = re.fullmatch(r"(\s*)- id: (\S+)", line)
        if section and section.group(2) in result.notes:
            lines += [c for note in result.notes[section.group(2)] for c in comment(note, section.group(1))]
        elif not line.startswith((" ", "-")) and key in result.notes:
            lines += [c for note in result.notes[key] for c in comment(note)]
        lines.append(line)
    text = "\n".join(lines) + "\n\n" + "\n".join(comment(todo(say, TAIL))) + "\n"
    if result.unplaced:
        text += "\n" + "\n".join(comment(todo(say, UNPLACED))) + "\n"
        text += "".join(f"#   {' '.join(item.split())}\n" for item in result.unplaced)
    return text


def published_in(texts: list[str], lang: str) -> str | None:
    """The month of publication a text of the article gives alone on its line, as its language writes a month and a
    year ("Avril 2024", "April 2024"): YYYY-MM, or None."""
    months = {name.lower(): number for number, name in Locale.parse(lang, sep="-").months["format"]["wide"].items()}
    months.update({name.lower(): number for number, name in Locale.parse(lang, sep="-").months["stand-alone"]["wide"].items()})
    for text in texts:
        words = text.split()
        if len(words) == 2 and words[0].lower() in months and re.fullmatch(r"(19|20)\d\d", words[1]):
            return f"{words[1]}-{months[words[0].lower()]:02d}"
    return None


def validate(target: Path, root: Path) -> list[str]:
    """The errors of the content file written (its TODOs are warnings, not errors)."""
    from handouts.pipeline.load import read_edition
    _edition, problems = read_edition(target, root, advise=False)
    return [str(p) for p in problems if not p.warning]
