"""A translation knows what it was translated from: `content/<topic>/translations.yaml` records, per
translated edition, its source edition, the digest of the source's content and the source's section
texts as translated. When the source changes, the translation is out of date: the build says which
sections changed since (their old and new text), and `--release` refuses it until it is recorded as
translated again (`python build.py translated TOPIC/LANGUAGE`) or its approver accepts it
(`python build.py approve` records that)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from handouts.content.approvals import TRANSLATIONS, approval_of, edition_digest, translation_records
from handouts.errors import Problem
from handouts.writers import write_file

if TYPE_CHECKING:
    from handouts.content.model import Edition, Section
    from handouts.pipeline.load import Read

HEADER = ("# Which edition each translation was made from, and that source's text as translated:\n"
          "# python build.py translated TOPIC/LANGUAGE records it. Do not edit by hand.\n")


def source_of(reads: list[Read]) -> Read:
    """The edition the others are compared with: the source that a translation record names, else the first."""
    by_name = {r.path.stem: r for r in reads}
    for record in translation_records(reads[0].path.parent).values():
        if record["source"] in by_name:
            return by_name[record["source"]]
    return reads[0]


def section_texts(edition: Edition) -> dict[str, str]:
    """Each section's own text (heading, paragraphs, lists, pictures' words, tables), as a translator reads it."""
    from handouts.content.derived import sentences
    from handouts.content.model import Picture

    def text(section: Section) -> str:
        pictures = [f"{b.alt} {b.caption or ''}".strip() for b in section.body if isinstance(b, Picture)]
        return " ".join([section.heading, *sentences(section.body), *pictures])

    out = {s.id: text(s) for s in edition.all_sections()}
    out["summary"] = " ".join([edition.summary.heading, *sentences(edition.summary.body)])
    return out


def out_of_date(folder: Path, reads: list[Read], root: Path) -> list[Problem]:
    """A warning per section of a translation whose source text changed since it was translated."""
    by_name = {r.path.stem: r for r in reads}
    problems = []
    for name, record in sorted(translation_records(folder).items()):
        target, source = by_name.get(name), by_name.get(record["source"])
        if target is None or source is None or edition_digest(source.path) == record["digest"]:
            continue
        assert source.edition is not None  # the reads of valid content only
        now = section_texts(source.edition)
        changed = [sid for sid in now if record["sections"].get(sid) != now[sid]]
        changed += [sid for sid in record["sections"] if sid not in now]
        for sid in changed:
            old, new = _changed_sentences(record["sections"].get(sid, ""), now.get(sid, ""))
            problems.append(Problem(target.shown, 1, 1, f"translation of {source.shown}",
                                    f"out of date: section {sid!r} changed in its source since it was translated: "
                                    f"was «{old}», now «{new}» (translate it, then python build.py translated "
                                    f"{folder.name}/{name})", warning=True))
        if not changed:  # the source changed elsewhere (a figure, a reference, a key point)
            problems.append(Problem(target.shown, 1, 1, f"translation of {source.shown}",
                                    "out of date: its source changed since it was translated (check it, then python "
                                    f"build.py translated {folder.name}/{name})", warning=True))
    return problems


def _changed_sentences(old: str, new: str) -> tuple[str, str]:
    """The sentences of the old text that the new one no longer has, and the new ones."""
    from handouts.content.derived import SENTENCE_END
    before, after = SENTENCE_END.split(old), SENTENCE_END.split(new)
    gone = " ".join(s for s in before if s not in after) or "(nothing)"
    added = " ".join(s for s in after if s not in before) or "(nothing)"
    return gone, added


def is_current(content_file: Path, root: Path) -> bool:
    """A translation is current when its source is unchanged since it was translated, or when its approver
    accepted it as it is against the current source."""
    record = translation_records(content_file.parent).get(content_file.stem)
    if record is None:
        return True
    source = content_file.parent / f"{record['source']}.yaml"
    if not source.is_file() or edition_digest(source) == record["digest"]:
        return True
    approval = approval_of(content_file, root)
    return approval is not None and approval.source_digest == edition_digest(source)


def record_translation(content_file: Path, source_file: Path, source: Edition) -> Path:
    """Record that the edition is translated from the source's current content."""
    path = content_file.parent / TRANSLATIONS
    data = translation_records(content_file.parent)
    data[content_file.stem] = {"source": source_file.stem, "digest": edition_digest(source_file),
                               "sections": section_texts(source)}
    write_file(path, (HEADER + yaml.safe_dump(dict(sorted(data.items())), allow_unicode=True, sort_keys=False,
                                                width=100)).encode("utf-8"))
    return path
