"""The command line: one-line messages for every user mistake, never a traceback."""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from handouts.errors import HandoutError, UsageError
from handouts.pipeline.build import BuildResult, Project, build
from handouts.pipeline.warnings import caught
from handouts.render.context import PAPERS
from handouts.terminal import say

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="build.py", description="Build every handout of content/ into output/.")
    parser.add_argument("--output", type=Path, default=None,
                        help="output folder (default: output/); with --export-xliff, the file to write")
    parser.add_argument("--paper", choices=sorted(PAPERS), default="letter", help="paper size (default: letter)")
    parser.add_argument("--check", action="store_true", help="validate the content, render nothing")
    parser.add_argument("--force", action="store_true", help="rebuild every output, even those up to date")
    parser.add_argument("--only", action="append", metavar="OUTPUT",
                        help="make only this output of each edition, e.g. leaflet.pdf (repeatable; default: all)")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                        help="worker processes (default: the number of cores)")
    parser.add_argument("--watch", action="store_true", help="rebuild what a saved change affects, until Ctrl-C")
    parser.add_argument("--proof", action="store_true", help="also write output/index.html, a proof sheet of every output")
    parser.add_argument("--strict", action="store_true", help="fail on any WeasyPrint warning (bad CSS, missing resource)")
    parser.add_argument("--release", action="store_true", help="refuse to build editions not approved (drafts)")
    parser.add_argument("--approve", metavar="TOPIC/LANGUAGE", help="record that a clinician approved the edition")
    parser.add_argument("--translated", metavar="TOPIC/LANGUAGE",
                        help="record that the edition is translated from its source's current content")
    parser.add_argument("--by", help="with --approve: who approves (name)")
    parser.add_argument("--role", help="with --approve: their role, e.g. rheumatologist")
    parser.add_argument("--new", metavar="TOPIC", help="write a skeleton edition content/TOPIC/<language>.yaml")
    parser.add_argument("--lang", help="the language tag of --new (default: fr-CA), or of a new edition made by "
                                       "--export-xliff/--import-xliff (default: from the source edition's region)")
    parser.add_argument("--export-xliff", metavar="TOPIC/LANGUAGE",
                        help="write the source edition's texts beside this edition's for a translator "
                             "(default file: translations/TOPIC-LANGUAGE.xlf)")
    parser.add_argument("--xliff-format", choices=("xliff", "po"), default="xliff",
                        help="with --export-xliff: XLIFF 2.0 (default) or PO")
    parser.add_argument("--from", dest="source_lang", metavar="LANGUAGE",
                        help="the source edition, for --export-xliff and --translated (default: the one its "
                             "translation record names, else the topic's other edition)")
    parser.add_argument("--import-xliff", metavar="FILE", type=Path,
                        help="write a translated XLIFF or PO file back into its edition (or create the edition)")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    args = parse_args(argv)
    try:
        return dispatch(args, root)
    except Exception as exc:  # a bug, not a user's mistake: one line, the traceback only with --debug
        if args.debug:
            raise
        from handouts.pipeline.build import INTERNAL, internal_message
        say(internal_message("the handouts", exc), error=True)
        return INTERNAL


def dispatch(args: argparse.Namespace, root: Path | None) -> int:
    project = Project(root or Path(__file__).resolve().parent.parent)
    output_dir = args.output or project.root / "output"
    if args.new:
        return new_topic(project, args.new, args.lang or "fr-CA")
    if args.export_xliff or args.import_xliff:
        return translations(project, args)
    if args.approve:
        return report(lambda: approve_edition(project, args.approve, args.by, args.role))
    if args.translated:
        return report(lambda: record_translated(project, args.translated, args.source_lang))
    if args.watch:
        from handouts.pipeline.watch import watch
        return watch(project, output_dir, lambda: run(args, project, output_dir, jobs=1))
    return run(args, project, output_dir)


def report(action: Callable[[], str]) -> int:
    """Run one command; print its one-line result, or its problems one a line."""
    try:
        say(action())
    except HandoutError as exc:
        for line in exc.lines():
            say(line, error=True)
        return exc.exit_code
    return 0


def new_topic(project: Project, topic: str, lang: str) -> int:
    from handouts.content.skeleton import write_skeleton

    return report(lambda: f"wrote {write_skeleton(project.content, topic, lang).relative_to(project.root).as_posix()}"
                          ": fill it in, then run python build.py")


def translations(project: Project, args: argparse.Namespace) -> int:
    """--export-xliff or --import-xliff, reported in one line."""
    from handouts.pipeline.xliff import export_translations, import_translations

    if args.import_xliff:
        return report(lambda: import_translations(project.content, args.import_xliff, args.lang))
    return report(lambda: export_translations(project.content, args.export_xliff, args.xliff_format,
                                              args.source_lang, args.lang, args.output))


def approve_edition(project: Project, target: str, by: str | None, role: str | None) -> str:
    """Validate every edition, then record the approval of one: who, their role, today, and the digest."""
    import datetime as dt

    from handouts.content.approvals import approve
    from handouts.pipeline.build import load_editions

    path = project.content / f"{target}.yaml"
    problems = [f"--approve {target}: no edition content/{target}.yaml (TOPIC/LANGUAGE, like hand-care/fr)"
                ] if target.count("/") != 1 or not path.is_file() else []
    problems += [f"--approve needs --{name} (who approves, and their role)" for name, value in (("by", by), ("role", role))
                 if not (value or "").strip()]
    if problems:
        raise UsageError(problems)
    load_editions(project)  # only valid content is approved
    assert by is not None and role is not None  # checked above
    written = approve(path, by.strip(), role.strip(), dt.date.today())
    return f"approved content/{target}.yaml by {by.strip()} ({role.strip()}): recorded in " \
           f"{written.relative_to(project.root).as_posix()}"


def run(args: argparse.Namespace, project: Project, output_dir: Path, jobs: int | None = None) -> int:
    """One build, holding the output folder (a check holds it only if free, and never waits for it)."""
    from handouts.pipeline.lock import holding
    from handouts.writers import shown_folder

    def waiting() -> None:
        if not args.quiet:
            say(f"waiting: another build is writing in {shown_folder(output_dir)} (it goes on when that one ends)",
                error=True)

    with holding(output_dir, wait=not args.check, waiting=waiting) as held:
        return reported(args, project, output_dir, jobs, clean=held)


def reported(args: argparse.Namespace, project: Project, output_dir: Path, jobs: int | None, clean: bool) -> int:
    """One build, reported: errors one a line on stderr, then a one-line summary unless quiet."""
    started = time.perf_counter()
    try:
        with caught() as met, progress_display(args.quiet) as progress:  # the libraries' warnings outside renders
            result = build(project, output_dir, paper=args.paper, check=args.check, strict=args.strict,
                           force=args.force, jobs=jobs or args.jobs, progress=progress, release=args.release,
                           clean=clean, only=args.only)
        result.warnings = list(dict.fromkeys(result.warnings + met))  # each line once, whoever raised it
    except HandoutError as exc:
        for line in exc.lines():
            say(line, error=True)
        if args.debug:
            for detail in getattr(exc, "details", []):
                for line in detail.splitlines():  # a traceback, a line at a time
                    say(line, error=True)
        return exc.exit_code
    if not args.quiet:
        for line in result.warnings:
            say(f"warning: {line}", error=True)
        for line in result.notes:
            say(line)
    if args.proof and not args.check:
        from handouts.pipeline.proof import write_proof
        from handouts.writers import is_unwritable, unwritable

        try:
            with caught() as met:
                write_proof(output_dir, result.outputs, result.warnings)
                write_review_sheet(project, output_dir, result.warnings, args.quiet)
        except OSError as exc:
            if not is_unwritable(exc):
                raise
            fault = unwritable(output_dir, exc, "the outputs are built, the proof and review sheets are not")
            say(str(fault), error=True)
            return fault.exit_code
        for line in [] if args.quiet else met:
            say(f"warning: {line}", error=True)
    if not args.quiet:
        say(summary(args, result, time.perf_counter() - started, output_dir))
    return 0


def write_review_sheet(project: Project, output_dir: Path, warnings: list[str], quiet: bool = False) -> None:
    """The review sheet beside the proof sheet: the derived texts of every edition beside their sources, and
    each section's reading level and jargon (a section over its target is a warning, never an error)."""
    from handouts.checks.readability import advice
    from handouts.pipeline.build import load_editions
    from handouts.pipeline.review import write_review

    editions = load_editions(project)
    readings, advised = {}, []
    for name in sorted(editions):
        _, readings[name], lines = advice(project.root / name, project.root, project.templates)
        advised += lines
    if not quiet:
        for line in advised:
            say(f"warning: {line}", error=True)
    write_review(output_dir, project.root, editions, warnings + advised, readings)


def record_translated(project: Project, target: str, source: str | None) -> str:
    """Validate every edition, then record that TOPIC/LANGUAGE is translated from its source as it is now."""
    from handouts.content.approvals import edition_files, translation_records
    from handouts.content.translations import record_translation
    from handouts.pipeline.build import load_editions

    path = project.content / f"{target}.yaml"
    if target.count("/") != 1 or not path.is_file():
        raise UsageError([f"--translated {target}: no edition content/{target}.yaml (TOPIC/LANGUAGE, like hand-care/en)"])
    folder = path.parent
    others = sorted(p.stem for p in edition_files(project.content) if p.parent == folder and p.stem != path.stem)
    name = source or (translation_records(folder).get(path.stem) or {}).get("source") or (others[0] if len(others) == 1 else None)
    if name is None or name not in others:
        raise UsageError([f"--translated {target}: which edition is its source? (--from LANGUAGE, one of: "
                          f"{', '.join(others) or 'none'})"])
    editions = load_editions(project)
    source_file = folder / f"{name}.yaml"
    written = record_translation(path, source_file, editions[f"content/{folder.name}/{name}.yaml"])
    return (f"recorded content/{target}.yaml as translated from content/{folder.name}/{name}.yaml: "
            f"{written.relative_to(project.root).as_posix()}")


def summary(args: argparse.Namespace, result: BuildResult, seconds: float, output_dir: Path) -> str:
    if args.check:
        return "content is valid"
    removed = f", removed {len(result.removed)}" if result.removed else ""
    return (f"built {len(result.built)}, up to date {len(result.skipped)}{removed}, "
            f"into {_shown(output_dir)} in {seconds:.1f} s")


class progress_display:
    """A progress bar on a terminal for builds of more than a few outputs; nothing otherwise."""

    def __init__(self, quiet: bool) -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        self.bar: Progress | None = None
        self.task: TaskID | None = None

    def __enter__(self) -> Callable[[int, int], None] | None:
        return self.update if self.enabled else None

    def update(self, done: int, total: int) -> None:
        if self.bar is None and total >= 4:
            from rich.progress import Progress

            self.bar = Progress(transient=True, auto_refresh=False)  # no thread: workers are forked
            self.bar.start()
            self.task = self.bar.add_task("rendering", total=total)
        if self.bar is not None and self.task is not None:
            self.bar.update(self.task, completed=done, refresh=True)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix() + "/"
    except ValueError:
        return path.as_posix()
