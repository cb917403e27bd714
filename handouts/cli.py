"""The command line: subcommands (`python build.py build`, `check`, `approve` ...), one-line messages for every
user mistake, never a traceback. The old flags (`--check`, `--approve` ...) still work for one release."""
from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from handouts.errors import HandoutError, MissingExtra, UsageError
from handouts.pipeline.build import BuildResult, Project, build
from handouts.render.context import PAPERS
from handouts.reporting import caught
from handouts.terminal import say

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

# The optional features, each an extra of pyproject.toml: the modules it needs and the package of each.
EXTRAS = {"xliff": {"translate.storage": "translate-toolkit"},
          "proof": {"pypdfium2": "pypdfium2", "wordfreq": "wordfreq"},
          "watch": {"watchfiles": "watchfiles"},
          "import": {"pypandoc": "pypandoc-binary"}}

PROG = "build.py"

# The old flags, one release more: each runs its subcommand, saying once (even with -q) what to type instead.
# In the order the old command line chose its mode when several were given.
OLD_FLAGS: dict[str, tuple[str, str]] = {   # old flag: (subcommand, how to write it now)
    "--new": ("new", "new TOPIC --lang LANGUAGE"),
    "--import": ("import", "import FILE --topic TOPIC --lang LANGUAGE"),
    "--export-xliff": ("xliff export", "xliff export TOPIC/LANGUAGE [--format po] [--to FILE]"),
    "--import-xliff": ("xliff import", "xliff import FILE"),
    "--approve": ("approve", "approve TOPIC/LANGUAGE --by NAME --role ROLE"),
    "--translated": ("translated", "translated TOPIC/LANGUAGE"),
    "--watch": ("watch", "watch"),
    "--check": ("check", "check"),
    "--proof": ("proof", "proof"),
}
# How the commands' messages name them, old flag first: a subcommand's messages name the subcommand.
SPELLED = {"--new ": "new ", "--import ": "import ", "--export-xliff ": "xliff export ", "--import-xliff ": "xliff import ",
           "--approve ": "approve ", "--translated ": "translated ", "with --output FILE": "with --to FILE",
           "a file of --export-xliff": "a file of xliff export"}


class Parser(argparse.ArgumentParser):
    """A parser whose every mistake is one line naming the command (exit 2), never a usage block. It keeps what it
    was given: its arguments (`arguments`) and its commands by name (`commands`), for the old flags' shim."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.arguments: list[argparse.Action] = []
        self.commands: dict[str, Parser] = {}
        super().__init__(*args, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        action = super().add_argument(*args, **kwargs)
        self.arguments.append(action)
        return action

    def error(self, message: str) -> NoReturn:
        raise UsageError([f"{self.prog}: {message} (see python {self.prog} --help)"])


def parser() -> Parser:
    """`python build.py COMMAND [options]`: each command with its own options only."""
    main_parser = Parser(prog=PROG, description="Build the handouts of content/ into output/, check the content, "
                                                "and keep the editions' records. Without a command: build.",
                         epilog="Each command has its own help: python build.py COMMAND --help.")
    commands = main_parser.add_subparsers(title="commands", metavar="COMMAND", dest="command")

    def command(name: str, summary: str, description: str = "") -> Parser:
        sub: Parser = commands.add_parser(name, help=summary, description=description or f"{summary[0].upper()}{summary[1:]}.")
        sub.set_defaults(command=name)
        main_parser.commands[name] = sub
        return sub

    build_options(command("build", "build every handout that is out of date (the default command)"))
    check = command("check", "validate the content and render nothing")
    check.add_argument("--strict", action="store_true", help="make every content warning an error")
    output_option(check, "the output folder whose leftovers of a killed build are removed when no build "
                         "holds it (default: output/)")
    common_options(check)
    check.set_defaults(check=True)
    proof = command("proof", "build, then write the proof sheet (output/index.html) and the review sheet "
                             "(output/review.html: each derived text beside its source, reading level, jargon)")
    build_options(proof)
    proof.set_defaults(proof=True)
    watch = command("watch", "build, then rebuild what each saved change of content/ or templates/ affects, "
                             "until Ctrl-C")
    build_options(watch, jobs=False, common=False)
    watch.add_argument("--proof", action="store_true", help="also write the proof and review sheets each time")
    watch.add_argument("--check", action="store_true", help="only validate the content each time, render nothing")
    common_options(watch)

    new = command("new", "write a skeleton edition content/TOPIC/LANGUAGE.yaml to fill in")
    new.add_argument("topic", metavar="TOPIC", help="the topic's folder name, like hand-care")
    new.add_argument("--lang", metavar="LANGUAGE", default="fr-CA", help="the edition's language tag (default: fr-CA)")
    common_options(new, quiet=False)
    article = command("import", "write an article (DOCX, ODT, Markdown, HTML or text) as content/TOPIC/LANGUAGE.yaml "
                                "to finish: its texts as written, TODOs for what only an editor writes")
    article.add_argument("file", metavar="FILE", type=Path, help="the article: .docx, .odt, .md, .html or .txt")
    article.add_argument("--topic", required=True, help="the topic's folder name, like hand-care")
    article.add_argument("--lang", metavar="LANGUAGE", required=True, help="the article's language tag, like fr-CA")
    article.add_argument("--force", action="store_true", help="replace the edition and pictures if they exist")
    common_options(article, quiet=False)
    approve = command("approve", "record that a clinician approved an edition as it is now")
    approve.add_argument("target", metavar="TOPIC/LANGUAGE", help="the edition, like hand-care/fr")
    approve.add_argument("--by", metavar="NAME", help="who approves, by name (required)")
    approve.add_argument("--role", help="their role, like rheumatologist (required)")
    common_options(approve, quiet=False)
    translated = command("translated", "record that an edition is translated from its source's current content")
    translated.add_argument("target", metavar="TOPIC/LANGUAGE", help="the translated edition, like hand-care/en")
    from_option(translated)
    common_options(translated, quiet=False)

    xliff = command("xliff", "write an edition's texts to a translator's file (XLIFF or PO), or read one back")
    files = xliff.add_subparsers(title="commands", metavar="COMMAND", dest="xliff_command", required=True)
    export = files.add_parser("export", help="write the source edition's texts beside this edition's, for a translator",
                              description="Write the source edition's texts beside this edition's, for a translator "
                                          "(the edition need not exist yet).")
    export.set_defaults(command="xliff export")
    xliff.commands["export"] = export
    export.add_argument("target", metavar="TOPIC/LANGUAGE", help="the edition to translate into, like hand-care/en")
    export.add_argument("--format", dest="xliff_format", choices=("xliff", "po"), default="xliff",
                        help="XLIFF 2.0 (default) or PO")
    from_option(export)
    export.add_argument("--lang", metavar="LANGUAGE",
                        help="the language tag of a new edition (default: from the source edition's region)")
    export.add_argument("--to", type=Path, metavar="FILE",
                        help="the file to write (default: translations/TOPIC-LANGUAGE.xlf, or .po)")
    common_options(export, quiet=False)
    read = files.add_parser("import", help="write a translated XLIFF or PO file back into its edition",
                            description="Write a translated XLIFF or PO file back into its edition "
                                        "(or create the edition).")
    read.set_defaults(command="xliff import")
    xliff.commands["import"] = read
    read.add_argument("file", metavar="FILE", type=Path, help="the translated file")
    read.add_argument("--lang", metavar="LANGUAGE",
                      help="the language tag of a new edition (default: the one the export chose)")
    common_options(read, quiet=False)
    return main_parser


def build_options(sub: Parser, jobs: bool = True, common: bool = True) -> None:
    sub.add_argument("--paper", choices=sorted(PAPERS), default="letter",
                     help="paper size (default: letter; a4 builds into output/a4/)")
    sub.add_argument("--strict", action="store_true",
                     help="fail on any content warning or WeasyPrint warning (bad CSS, missing resource)")
    sub.add_argument("--force", action="store_true", help="rebuild every output, even those up to date")
    sub.add_argument("--only", action="append", metavar="OUTPUT",
                     help="make only this output of each edition, e.g. leaflet.pdf (repeatable; default: all)")
    if jobs:
        sub.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, metavar="N",
                         help="worker processes (default: the number of cores)")
    sub.add_argument("--release", action="store_true", help="refuse to build editions not approved (drafts)")
    output_option(sub, "the output folder (default: output/)")
    if common:
        common_options(sub)


def output_option(sub: Parser, text: str) -> None:
    sub.add_argument("--output", type=Path, metavar="DIR", help=text)


def from_option(sub: Parser) -> None:
    sub.add_argument("--from", dest="source_lang", metavar="LANGUAGE",
                     help="the source edition (default: the one its translation record names, "
                          "else the topic's other edition)")


def common_options(sub: Parser, quiet: bool = True) -> None:
    if quiet:
        sub.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    sub.add_argument("--debug", action="store_true", help="show the traceback of an internal error")


def old_parser() -> Parser:
    """The command line before subcommands: one set of mode flags (kept one release, see OLD_FLAGS)."""
    old = Parser(prog=PROG, add_help=False)
    old.add_argument("--output", type=Path, default=None)
    old.add_argument("--paper", choices=sorted(PAPERS), default="letter")
    old.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1)
    for flag in ("--check", "--force", "--watch", "--proof", "--strict", "--release", "--debug"):
        old.add_argument(flag, action="store_true")
    old.add_argument("-q", "--quiet", action="store_true")
    for flag in ("--approve", "--translated", "--by", "--role", "--new", "--lang", "--export-xliff"):
        old.add_argument(flag)
    old.add_argument("--only", action="append")
    old.add_argument("--xliff-format", choices=("xliff", "po"), default="xliff")
    old.add_argument("--from", dest="source_lang")
    old.add_argument("--import-xliff", type=Path)
    old.add_argument("--import", type=Path)
    old.add_argument("--topic")
    return old


def modern(argv: list[str]) -> tuple[list[str], str | None]:
    """The subcommand line that an old command line means, and the old flag that chose it (None: a build).
    Options the chosen command does not have are left out, as the old command line ignored them."""
    old = old_parser().parse_args(argv)
    flag = next((flag for flag in OLD_FLAGS if getattr(old, flag[2:].replace("-", "_")) not in (None, False)), None)
    name = OLD_FLAGS[flag][0] if flag else "build"
    value = getattr(old, flag[2:].replace("-", "_")) if flag else None
    positionals = [] if value in (None, True) else [str(value)]
    if name == "xliff export":
        old.to, old.output = old.output, None
    sub = subparser(name)
    options = []
    for action in sub.arguments:
        given = getattr(old, action.dest, None)
        if not action.option_strings or action.dest == "help" or given in (None, False) or given == action.default:
            continue
        spelled = max(action.option_strings, key=len)
        values = given if isinstance(given, list) else [given]   # a repeatable option (--only): each value
        options += [spelled if value is True else f"{spelled}={value}" for value in values]
    return [*name.split(), *options, "--", *positionals] if positionals else [*name.split(), *options], flag


def subparser(name: str) -> Parser:
    """The parser of one command (`xliff export`: of the subcommand)."""
    found = parser()
    for word in name.split():
        found = found.commands[word]
    return found


def parse_args(argv: list[str], notices: bool = False) -> argparse.Namespace:
    """The command's arguments; a command line of the old flags is read as its subcommand (saying so if notices)."""
    flag = None
    if not argv or (argv[0].startswith("-") and not {"-h", "--help"} & set(argv)):
        argv, flag = modern(argv)
        if flag and notices:
            say(f"{flag} is now `python build.py {OLD_FLAGS[flag][1]}`; the old flag goes in the next release",
                error=True)
    args, extra = parser().parse_known_args(argv)
    if extra:  # named by the command they were given to
        subparser(args.command or "").error(f"unrecognized arguments: {' '.join(extra)}")
    for name, value in vars(subparser("build").parse_args([])).items():  # the build's defaults
        if not hasattr(args, name):
            setattr(args, name, value)
    for name in ("check", "proof"):
        args.__dict__.setdefault(name, False)
    args.old = flag
    return args


def main(argv: Sequence[str] | None = None, root: Path | None = None, notices: bool | None = None) -> int:
    """Run one command line (sys.argv's by default). The old flags' notice is printed for a command line
    typed or scripted (`python build.py --check`: argv None), or when notices is true."""
    given = list(sys.argv[1:] if argv is None else argv)
    try:
        args = parse_args(given, notices=argv is None if notices is None else notices)
    except UsageError as exc:
        for line in exc.lines():
            say(line, error=True)
        return exc.exit_code
    except SystemExit as exc:  # --help printed
        return exc.code if isinstance(exc.code, int) else 0
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
    output_dir = args.output.absolute() if args.output else project.root / "output"   # relative: to where it is typed
    spelled = renamed if args.old is None else None
    if args.command == "new":
        return new_topic(project, args.topic, args.lang or "fr-CA", spelled)
    if args.command == "import":
        return missing_extra(args.old or "import", "import") or report(lambda: import_article(
            project.content, args.file, args.topic, args.lang, args.force), spelled)
    if args.command in ("xliff export", "xliff import"):
        return missing_extra(args.old or args.command, "xliff") or translations(project, args, spelled)
    if args.command == "approve":
        return report(lambda: approve_edition(project, args.target, args.by, args.role), spelled)
    if args.command == "translated":
        return report(lambda: record_translated(project, args.target, args.source_lang), spelled)
    if getattr(args, "proof", False) and not getattr(args, "check", False) and (
            code := missing_extra(args.old or args.command, "proof")):
        return code
    if args.command == "watch":
        if code := missing_extra(args.old or "watch", "watch"):
            return code
        from handouts.pipeline.watch import watch
        return watch(project, output_dir, lambda: run(args, project, output_dir, jobs=1))
    return run(args, project, output_dir)


def missing_extra(option: str, extra: str) -> int:
    """0 when the packages of the extra that the option needs are installed; else its exit code, having said
    in one line which extra to install."""
    for module, package in EXTRAS[extra].items():
        try:
            importlib.import_module(module)
        except ImportError:
            error = MissingExtra(option, extra, package)
            for line in error.lines():
                say(line, error=True)
            return error.exit_code
    return 0


def renamed(line: str) -> str:
    """A command's message as a subcommand's: `approve garden/de: ...`, not `--approve garden/de: ...`."""
    for old, new in SPELLED.items():
        if old.startswith("-"):  # the command that opens the line
            line = new + line.removeprefix(old) if line.startswith(old) else line
        else:                    # a phrase that names an option or a command
            line = line.replace(old, new)
    return line


def report(action: Callable[[], str], spelled: Callable[[str], str] | None = None) -> int:
    """Run one command; print its one-line result, or its problems one a line."""
    try:
        say(action())
    except HandoutError as exc:
        for line in exc.lines():
            say(spelled(line) if spelled else line, error=True)
        return exc.exit_code
    return 0


def new_topic(project: Project, topic: str, lang: str, spelled: Callable[[str], str] | None = None) -> int:
    from handouts.content.skeleton import write_skeleton

    return report(lambda: f"wrote {write_skeleton(project.content, topic, lang).relative_to(project.root).as_posix()}"
                          ": fill it in, then run python build.py", spelled)


def import_article(content: Path, source: Path, topic: str, lang: str, force: bool) -> str:
    from handouts.pipeline.importing import import_article as write_article
    return write_article(content, source, topic, lang, force)


def translations(project: Project, args: argparse.Namespace, spelled: Callable[[str], str] | None = None) -> int:
    """`xliff export` or `xliff import`, reported in one line."""
    from handouts.pipeline.xliff import export_translations, import_translations

    if args.command == "xliff import":
        return report(lambda: import_translations(project.content, args.file, args.lang), spelled)
    return report(lambda: export_translations(project.content, args.target, args.xliff_format,
                                              args.source_lang, args.lang, args.to), spelled)


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
        from handouts.pipeline.proof import write_proof  # thumbnails need pdfium (the proof extra) and, for decks, LibreOffice
        from handouts.writers import is_unwritable, unwritable

        try:
            with caught() as met:
                write_proof(output_dir, result.outputs, result.warnings, project.templates)
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
