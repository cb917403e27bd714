"""Sign-off: who approved each edition for distribution, and the digest of the content they approved.

`content/<topic>/approvals.yaml` holds one record per edition (keyed by its file name: fr, en). An
edition whose content (its file, and the pictures of its topic folder) no longer matches its approved
digest is a draft: its outputs carry a visible draft mark, and `python build.py build --release` refuses to build it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from handouts.content.bibliography import REFERENCE_SUFFIXES
from handouts.content.plainyaml import read
from handouts.digests import PICTURE_SUFFIXES, digest, tree_digest
from handouts.errors import ContentError, Problem
from handouts.writers import write_file

APPROVALS = "approvals.yaml"
HEADER = ("# Who approved each edition of this topic for distribution: python build.py approve TOPIC/LANGUAGE\n"
          "# --by NAME --role ROLE. digest: the content as approved; any later change makes the edition a draft.\n")
FIELDS = ("by", "role", "date", "digest")      # and, for a translation, the source_digest it was approved against


@dataclass(frozen=True)
class Approval:
    by: str
    role: str
    date: dt.date
    digest: str
    source_digest: str = ""


RECORDS = (APPROVALS, "translations.yaml")   # a topic folder's YAML files that are not editions
RECORD_TEXT = 200_000   # characters of one value of a record: a translation record keeps whole sections


def edition_files(content_dir: Path) -> list[Path]:
    """Every edition file of every topic: the YAML files of a topic folder but its records."""
    return sorted(p for p in content_dir.glob("*/*.yaml") if p.name not in RECORDS)


def edition_digest(content_file: Path) -> str:
    """The edition's file, every picture of its topic folder and its references files, if any (what its outputs show)."""
    folder = content_file.parent
    pictures = sorted(p for p in folder.rglob("*") if p.suffix.lower() in PICTURE_SUFFIXES and p.is_file())
    cited = sorted(p for p in folder.iterdir() if p.suffix in REFERENCE_SUFFIXES and p.is_file())
    return "sha256:" + digest(content_file.read_bytes(), tree_digest(pictures, folder),
                              *([tree_digest(cited, folder)] if cited else []))


def read_approvals(topic_dir: Path, root: Path) -> dict[str, Approval]:
    """The topic's approvals by edition, or a located error for a malformed record."""
    path = topic_dir / APPROVALS
    if not path.is_file():
        return {}
    shown = path.relative_to(root).as_posix()
    data, marks, problems = read_records(path, shown, "a mapping of editions (fr:, en:)")
    records = {}
    for name, record in data.items():
        if (not isinstance(record, dict) or not set(FIELDS) <= set(record) <= {*FIELDS, "source_digest"}
                or not isinstance(record["date"], dt.date)):
            problems.append(Problem(shown, *marks.get((name,), (1, 1)), str(name),
                                    f"needs {', '.join(FIELDS)} (date like 2026-11-30)"))
            continue
        records[str(name)] = Approval(str(record["by"]), str(record["role"]), record["date"], str(record["digest"]),
                                      str(record.get("source_digest", "")))
    if problems:
        raise ContentError(problems)
    return records


def read_records(path: Path, shown: str, expected: str) -> tuple[dict[Any, Any], dict[tuple[Any, ...], tuple[int, int]],
                                                                 list[Problem]]:
    """A topic's record file (approvals, translations) read like content: plain, bounded, untagged, located;
    an empty file is no record."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return {}, {}, [Problem(shown, 1, 1, "(file)", f"cannot be read as UTF-8 text ({exc.__class__.__name__})")]
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return {}, {}, []
    data, marks, problems = read(text, shown, expected, max_text=RECORD_TEXT)
    return (data if isinstance(data, dict) and not problems else {}), marks, problems


def approval_of(content_file: Path, root: Path) -> Approval | None:
    """The edition's approval if its content is still the approved one; None for a draft."""
    approval = read_approvals(content_file.parent, root).get(content_file.stem)
    return approval if approval is not None and approval.digest == edition_digest(content_file) else None


def approve(content_file: Path, by: str, role: str, date: dt.date) -> Path:
    """Record that `by` approved the edition's current content; the other editions' records are kept."""
    path = content_file.parent / APPROVALS
    records: dict[str, Any] = {}
    if path.is_file():
        records, _, problems = read_records(path, path.name, "a mapping of editions (fr:, en:)")
        if problems:
            raise ContentError(problems)
    record = {"by": by, "role": role, "date": date, "digest": edition_digest(content_file)}
    source = translation_records(content_file.parent).get(content_file.stem)
    if source is not None:  # a translation is approved against its source as it is now
        record["source_digest"] = edition_digest(content_file.parent / f"{source['source']}.yaml")
    records[content_file.stem] = record
    text = HEADER + yaml.safe_dump(dict(sorted(records.items())), allow_unicode=True, sort_keys=False)
    write_file(path, text.encode("utf-8"))
    return path


TRANSLATIONS = RECORDS[1]


def translation_records(folder: Path) -> dict[str, dict[str, Any]]:
    path = folder / TRANSLATIONS
    if not path.is_file():
        return {}
    shown = f"{folder.name}/{TRANSLATIONS}"
    data, _, problems = read_records(path, shown, "a record of translations (write it with python build.py translated)")
    if problems:
        raise ContentError(problems)
    if not all(isinstance(r, dict) and {"source", "digest", "sections"} <= set(r) for r in data.values()):
        raise ContentError([Problem(shown, 1, 1, "(file)",
                                    "is not a record of translations (write it with python build.py translated)")])
    return data
