"""`python build.py import FILE --topic TOPIC --lang LANG`: an article in DOCX, ODT, Markdown, HTML or text
(its headings marked with #) read through Pandoc's JSON document tree (the pandoc binary of pypandoc-binary,
the `import` extra) into content/TOPIC/<language>.yaml, its pictures beside it. The texts are copied as
written; what only an editor can write is a TODO (handouts/content/todos.py) with which the file validates."""
from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import yaml
from babel import Locale

from handouts.content import imported, pandoc_tree
from handouts.content.schema import MODELINE
from handouts.content.skeleton import new_edition
from handouts.content.todos import MARK
from handouts.errors import ContentError, UsageError
from handouts.writers import write_file

# What pandoc reads each kind of file as: a text file as Markdown (its headings marked with #); Markdown
# without "smart" typography, which would change the authors' quotes and dashes; Word with its styles.
FORMATS = {".docx": "docx+styles", ".odt": "odt", ".md": "markdown-smart", ".markdown": "markdown-smart",
           ".txt": "markdown-smart", ".html": "html", ".htm": "html"}
PICTURE_TYPES = (".svg", ".png", ".jpg", ".jpeg")
PANDOC_SECONDS = 120

HEADER = f"""{MODELINE}
# Imported from {{source}} by python build.py import: every text is copied as written.
# What only an editor can write is left marked, in capitals: the build warns at each mark, and --release
# refuses the file while one is left. Examples of every field: python build.py new example --lang {{lang}} (content/example/).
"""
TOP_TODOS = {
    "published": f"# {MARK}: the month the article was published (2024-04)",
    "association": f"# {MARK}: the association that publishes it (name, https:// website, email)",
}
TAIL = f"""
# {MARK}: what only an editor can write, each optional: key_figures (numbers drawn as pictures), card (what
# the one-page card carries), glossary (words to know), options (the treatments a reader compares).
"""


def import_article(content_dir: Path, source: Path, topic: str, lang: str, force: bool = False,
                   today: dt.date | None = None) -> str:
    """Write the article as content/<topic>/<language>.yaml and its pictures; the one-line result."""
    target = checked(content_dir, source, topic, lang, force)
    with tempfile.TemporaryDirectory(prefix="import-") as scratch:
        tree = read_tree(source, Path(scratch))
        blocks = tree.get("blocks", [])
        title, authors = meta_text(tree, "title") or properties(source)[0], meta_text(tree, "author") or properties(source)[1]
        result = imported.arrange(list(pandoc_tree.parts(blocks)), lang, title, authors)
        result.unplaced += [f"a footnote: {note}" for note in pandoc_tree.notes(blocks) if note]
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
    return (f"wrote {shown} and {len(pictures)} picture(s): {todos} {MARK}(s) left to write "
            f"(python build.py check names each)")


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


def meta_text(tree: dict[str, Any], key: str) -> str:
    """A field of the document's metadata as text (Word's Title and Author paragraphs, Markdown's title block);
    a list of authors joined by semicolons."""
    value = tree.get("meta", {}).get(key)
    if not isinstance(value, dict):
        return ""
    if value.get("t") == "MetaList":
        return "; ".join(pandoc_tree.flat(item.get("c", [])) for item in value.get("c", []))
    return pandoc_tree.flat(value.get("c", []))


def properties(source: Path) -> tuple[str, str]:
    """A Word document's title and authors as its properties hold them (used when its text marks none)."""
    if source.suffix.lower() != ".docx":
        return "", ""
    import docx
    try:
        props = docx.Document(str(source)).core_properties
    except Exception:  # a file pandoc reads but python-docx does not: its text says what it says
        return "", ""
    return (props.title or "").strip(), (props.author or "").strip()


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
            result.unplaced.append(f"the picture {picture.target}: not found, or not SVG, PNG or JPEG "
                                   f"(convert it, save it in content/{folder.name}/ as {picture.name})")
    return found


def content_text(result: imported.Imported, source: str, today: dt.date) -> str:
    """The YAML of the content file: the data, a TODO comment above each field the document did not give,
    the optional editor's fields named at the end, then every text the article had no place for."""
    data = dict(result.data)
    found = published_in(result.unplaced, data["lang"])
    data["published"] = found or f"{today:%Y-%m}"   # a month the file validates with, a TODO above it when not found
    data["association"] = {"name": f"{MARK}: the association", "website": "https://example.org",
                           "email": "info@example.org"}
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)
    if yaml.safe_load(body) != data:   # the texts must come back as written
        raise AssertionError("the content file would not hold the article's texts as written")
    lines = []
    for line in body.splitlines():
        key = line.split(":", 1)[0]
        if key in TOP_TODOS and not line.startswith(" ") and not (key == "published" and found):
            lines.append(TOP_TODOS[key])
        lines.append(line)
    text = HEADER.format(source=source, lang=data["lang"]) + "\n".join(lines) + "\n" + TAIL
    if result.unplaced:
        text += f"\n# {MARK}: texts of the article that have no field here (place each, or delete it):\n"
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
