"""The pipeline, top to bottom: load and validate, decide what is stale, render it, then write."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable, Collection
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from handouts.content.approvals import approval_of, edition_digest, edition_files
from handouts.digests import digest
from handouts.errors import BuildErrors, ContentError, HandoutError, ReleaseError, UsageError
from handouts.pipeline.cache import STATE, Inputs, State, environment_digest
from handouts.pipeline.links import with_links
from handouts.pipeline.load import picture_named
from handouts.pipeline.outputs import OUTPUTS, Output
from handouts.render import budget
from handouts.render.context import PAPERS, RenderContext
from handouts.render.governance import build_date
from handouts.writers import clean_orphans, discard, is_unwritable, probe, unwritable, write_temp

if TYPE_CHECKING:
    from handouts.content.model import Edition
    from handouts.pipeline.validated import Validated
    from handouts.render.rendered import Rendered

MANIFEST = "SHA256SUMS"
INTERNAL = 3          # the exit status of an unexpected error: a bug to report
TASKS_PER_WORKER = 60
Task = tuple[Output, "Edition", RenderContext, str, Path]   # what render_one() makes, and the names it goes by


@dataclass(frozen=True)
class Outcome:
    """What became of one task, sent back from its worker: its temporary file and the facts of the file, or
    the error's lines and exit status; and the libraries' warnings met while rendering it, as report lines."""

    temp: Path | None
    facts: Rendered | None = None       # the renderer's facts, its bytes dropped (they are in temp)
    lines: tuple[str, ...] = ()
    code: int = 0
    internal: bool = False
    details: str = ""                   # an internal error's traceback, for --debug
    met: tuple[str, ...] = ()
    picture: str | None = None          # the topic's picture a renderer could not use, for the build to locate


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "templates"


@dataclass(frozen=True)
class Job:
    """One output to make: where it goes, from which edition, with which renderer."""

    path: Path
    name: str           # as shown to the user: hand-care/fr/leaflet.pdf
    key: str
    output: Output
    content: str        # the content file it comes from, relative to the project
    ctx: RenderContext

    @property
    def topic(self) -> str:
        """The topic's folder name: content/<topic>/<language>.yaml."""
        return self.content.split("/")[1]


@dataclass
class BuildResult:
    built: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    site: Path | None = None    # the site index, written by every build that commits
    notes: list[str] = field(default_factory=list)      # the page count of each output laid out without a budget

    @property
    def outputs(self) -> list[Path]:
        return sorted(self.built + self.skipped)


@dataclass
class Library:
    """The content files of the project, their digests, what earlier builds recorded, and the validated
    editions once they had to be read (a build that finds everything up to date reads none)."""

    project: Project
    digests: dict[str, str]
    state: State
    editions: dict[str, Edition] | None = None
    warnings: list[str] = field(default_factory=list)   # errors when the build is strict
    notices: list[str] = field(default_factory=list)    # translations out of date: --release refuses them
    cache: Validated | None = None      # what earlier builds found in each content file and topic

    def read(self) -> dict[str, Edition]:
        if self.editions is None:   # ContentError on any problem
            try:
                self.editions, self.warnings, self.notices = load_content(self.project, self.cache)
            except ContentError:
                if self.cache is not None:   # what was found in the valid files is kept (a commit keeps the rest)
                    self.cache.flush(create=False)
                raise
            self.state.contents = {name: about(self.digests[name], self.editions[name]) for name in self.digests}
        return self.editions


def about(digest: str, edition: Edition) -> dict[str, str]:
    """What the state keeps of a content file: its digest, and what a build that reads no edition needs
    (its folder's language, the date of its next review, and, for the site index, its title and language)."""
    name = edition.locale.get_language_name() or edition.language
    return {"digest": digest, "language": edition.language, "review_due": edition.review_due.isoformat(),
            "title": edition.title, "lang": edition.lang, "language_name": name[:1].upper() + name[1:]}


def forget_files() -> None:
    """Forget the press profile's colour transforms this process made (the one cache: LittleCMS transforms
    cannot cross processes): a build in the same process (--watch, a test) reads the profile as it is now."""
    from handouts.render import press
    press._inks.cache_clear()


def build(project: Project, output_dir: Path, paper: str = "letter", check: bool = False, strict: bool = False,
          force: bool = False, jobs: int = 1, progress: Callable[[int, int], None] | None = None,
          release: bool = False, clean: bool = True, only: Collection[str] | None = None) -> BuildResult:
    """Load, plan, render, commit: invalid content stops the build before anything renders; the outputs that
    rendered are committed even when others failed (those keep their previous files), and then the failures
    are raised. `clean`: remove
    the temporary files of killed builds first, and complete a commit a kill interrupted (only a command that
    holds the output folder does). `only`: the registry's file names of the outputs to make (default: all)."""
    check_only(only)
    if clean:
        recover(output_dir)
    forget_files()
    library = load(project, output_dir, validate=check or force or release, keep=not check)
    if strict and library.warnings:
        raise ContentError([], library.warnings)
    if check:
        return BuildResult(warnings=library.warnings + library.notices)
    if library.editions is not None:  # content that changed: what cannot fit is refused before rendering
        budget.check(tuple(o for o in OUTPUTS if only is None or o.filename in only), library.editions, paper)
    plan, wanted = chosen(plan_jobs(project, output_dir, paper, strict, library), only)
    plan, wanted = with_links(plan, plan, library.state.contents), with_links(wanted, plan, library.state.contents)
    if release:
        refuse_drafts(wanted, project.root)
    stale = [job for job in wanted if force or not library.state.is_current(job.path, job.name, job.key)]
    stale = with_settings(stale, project, library)
    stale, paging_notes = plan_talks(stale, library)
    new_folders = _missing_folders([job.path.parent for job in stale], output_dir)
    rendered, met, facts, failure = render(stale, library, output_dir, jobs, progress, new_folders)
    if failure is not None and not rendered:
        _remove_empty(new_folders)
        raise failure
    made = [job for job in stale if job.name in rendered]
    result = commit(rendered, made, plan, library.state, output_dir, paper, project.templates,
                    [job for job in stale if job.name not in rendered])
    if library.cache is not None:
        library.cache.flush(create=True)
    if failure is not None:   # what rendered is in place; the rest said, and the build's status says it failed
        _remove_empty(new_folders)
        raise failure
    result.notes = [f"{job.name}: {facts[job.name].pages} pages (no page budget)" for job in stale
                    if job.output.rendition and job.output.budget is None]
    result.warnings = library.warnings + library.notices + overdue_reviews(library, build_date()) + met
    result.warnings += [note for job in stale for note in facts[job.name].notes] + paging_notes
    return result


def with_settings(stale: list[Job], project: Project, library: Library) -> list[Job]:
    """The jobs given the theme and the compiled catalogs they use (their edition's; a talk's, those of every
    language of its topic, whose slide plan it shares), each read and checked once per build (a theme or catalog
    error is said once, before anything renders): renderers read no configuration."""
    if not stale:
        return stale
    from handouts.render.i18n import compiled
    from handouts.render.templating import load_theme

    theme = load_theme(project.templates)
    languages: dict[str, set[str]] = {}   # topic: its languages
    for content in library.digests:
        languages.setdefault(content.split("/")[1], set()).add(library.state.contents[content]["language"])
    catalogs = {lang: compiled(project.templates / "locales", lang) for lang in sorted(set().union(*languages.values()))}

    def used(job: Job) -> set[str]:
        own = library.state.contents[job.content]["language"]
        return languages[job.topic] if job.output.whole_topic else {own}

    return [replace(job, ctx=replace(job.ctx, theme=theme, catalogs={lang: catalogs[lang] for lang in sorted(used(job))}))
            for job in stale]


def plan_talks(stale: list[Job], library: Library) -> tuple[list[Job], list[str]]:
    """The slide plan of each topic whose deck or script is to be made, made once for all its languages and
    given to those jobs; and the report's lines where one language's text set that plan (decks made only)."""
    topics = sorted({job.topic for job in stale if job.output.whole_topic})
    if not topics:
        return stale, []
    from handouts.render.deck.slides import topic_paging

    editions = library.read()
    planned, lines = {}, []
    for topic in topics:
        job = next(job for job in stale if job.output.whole_topic and job.topic == topic)
        pace = job.output.settings.get("words_per_minute")   # a slide's notes kept within about 2 minutes at it
        planned[topic], notes = topic_paging([e for name, e in sorted(editions.items()) if name.split("/")[1] == topic],
                                             job.ctx, *([pace] if pace else []))
        if any(job.output.format == "deck" and job.topic == topic for job in stale):
            lines += [f"{topic}: {line}" for line in notes]
    return [replace(job, ctx=replace(job.ctx, paging=planned[job.topic]))
            if job.topic in planned and job.output.whole_topic else job
            for job in stale], lines


def check_only(only: Collection[str] | None) -> None:
    """--only names outputs of the registry: any other name is refused, with the names there are."""
    names = [output.filename for output in OUTPUTS]
    unknown = [name for name in only or () if name not in names]
    if unknown:
        raise UsageError([f"--only {', '.join(unknown)}: no such output (the outputs: {', '.join(names)})"])


def chosen(plan: list[Job], only: Collection[str] | None) -> tuple[list[Job], list[Job]]:
    """The plan an --only build commits, and the jobs it may render: the outputs asked for, and the others
    of the plan that are already in the folder, left as they are (so neither removed as gone, nor missing
    from the site index and SHA256SUMS, which list what is in the folder)."""
    if only is None:
        return plan, plan
    wanted = [job for job in plan if job.output.filename in only]
    return [job for job in plan if job.output.filename in only or job.path.is_file()], wanted


def recover(output_dir: Path) -> None:
    """Complete the commit of a build killed while committing, then remove the temporary files of killed
    builds: the folder agrees with its SHA256SUMS before anything reads it."""
    from handouts.pipeline.journal import finish
    try:
        finish(output_dir)
    except OSError as exc:
        if not is_unwritable(exc):
            raise
        raise unwritable(output_dir, exc, "an interrupted build's outputs are not all in place") from None
    clean_orphans(output_dir)


def overdue_reviews(library: Library, today: dt.date) -> list[str]:
    """Editions past their date of next review: a warning each, for the build's report and the proof sheet."""
    return [f"{name}: its next review was due on {entry['review_due']} (review it with its clinicians, then set "
            "reviewed: to the month of that review)"
            for name, entry in sorted(library.state.contents.items()) if entry["review_due"] <= today.isoformat()]


def refuse_drafts(plan: list[Job], root: Path) -> None:
    """A release is built from approved, up-to-date editions with nothing left to write (no TODO): name every
    other, and each TODO, and build nothing."""
    from handouts.content import todos
    from handouts.content.translations import is_current
    drafts = sorted({job.content for job in plan if job.ctx.draft})
    stale = sorted({job.content for job in plan if not is_current(root / job.content, root)})
    lines = [f"{content}: is a draft (not approved since its last change): approve it with "
             f"python build.py approve {content.split('/')[1]}/{Path(content).stem} --by NAME --role ROLE"
             for content in drafts]
    lines += [f"{content}: is a translation out of date with its source: translate it and record it with "
              f"python build.py translated {content.split('/')[1]}/{Path(content).stem}, or have its approver "
              "accept it (python build.py approve)" for content in stale]
    lines += [line for content in sorted({job.content for job in plan}) for line in todos.in_file(root / content, content)]
    if lines:
        raise ReleaseError(lines)


def load(project: Project, output_dir: Path, validate: bool, keep: bool = True) -> Library:
    """The content's digests and the cache state; every edition read when asked (`validate`: each checked
    afresh), or when a content file changed since the last build (each taken from what earlier builds found
    in it when it did not change). `keep`: what is found is kept for the next builds."""
    from handouts.pipeline.validated import FOLDER, Validated
    digests = {f.relative_to(project.root).as_posix(): edition_digest(f) for f in edition_files(project.content)}
    cache = Validated(output_dir / FOLDER, fresh=validate) if keep else None
    library = Library(project, digests, State.load(output_dir), cache=cache)
    if validate or not _all_known(digests, library.state):
        library.read()
    return library


def render(stale: list[Job], library: Library, output_dir: Path, jobs: int,
           progress: Callable[[int, int], None] | None, new_folders: set[Path]
           ) -> tuple[dict[str, Path], list[str], dict[str, Rendered], BuildErrors | None]:
    """Every stale output rendered to a temporary file, the libraries' warnings met, the files' facts, and
    the failures of those that did not render (None when all did); when nothing can render (invalid content,
    a folder that cannot take a file), no trace of this build is left."""
    if not stale:
        return {}, [], {}, None
    try:
        probe(output_dir)  # a folder that cannot take a file is said before anything is rendered
        return render_jobs(stale, library.read(), jobs, progress)
    except HandoutError:
        _remove_empty(new_folders)
        raise


def _remove_empty(new_folders: set[Path]) -> None:
    """The folders this build made and left empty: a failed output leaves no trace, not even an empty folder."""
    for folder in sorted(new_folders, key=lambda f: len(f.parts), reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def commit(rendered: dict[str, Path], stale: list[Job], plan: list[Job], state: State, output_dir: Path,
           paper: str, templates_dir: Path, failed: list[Job] | None = None) -> BuildResult:
    """The outputs rendered (`stale`): the site index (every output of the plan that has a file), the manifest
    and the state are made beside them as temporary files too, and only once every one is whole do they all
    take their places. An output that `failed` keeps its previous file, listed with its bytes as they are, and
    its state entry (the key of that file), or is left out of the index and the manifest when it has none. A full
    disk or a read-only folder stops the build before anything moved, its temporary files removed; a kill
    while they move leaves a journal that the next command completes."""
    from handouts.pipeline.journal import apply, record
    staged = {job.path: rendered[job.name] for job in stale}   # where each file goes: its temporary file, whole
    folder = output_dir if paper == "letter" else output_dir / paper
    missing = {job.name for job in failed or [] if not job.path.is_file()}
    plan = [job for job in plan if job.name not in missing]
    result = BuildResult([j.path for j in stale], [j.path for j in plan if j not in stale])
    try:
        for job in stale:
            state.record(staged[job.path], job.name, job.key)   # a rename keeps the size and time recorded
        result.site = stage_site_index(plan, state, output_dir, folder, Inputs(templates_dir, paper, False), staged)
        staged[folder / MANIFEST] = write_temp(folder / MANIFEST, manifest(folder, result.outputs + [result.site], staged))
        gone = gone_outputs(plan + [job for job in failed or [] if job.name in missing], state, paper)
        for name in gone:
            del state.outputs[name]
        staged[output_dir / STATE] = write_temp(output_dir / STATE, state.encoded())
        journal = record(output_dir, staged, [output_dir / name for name in gone])
    except OSError as exc:
        discard(list(staged.values()))
        if not is_unwritable(exc):
            raise
        raise unwritable(output_dir, exc) from None
    apply(output_dir, journal)
    result.removed = [output_dir / name for name in gone]
    return result


def stage_site_index(plan: list[Job], state: State, output_dir: Path, folder: Path, inputs: Inputs,
                     staged: dict[Path, Path]) -> Path:
    """output/site/index.html (output/a4/site/... for A4): every output of the plan, edition by edition;
    made again when what it shows or what it is made with changed, like an output (the state keeps its key),
    and staged with the outputs when its bytes changed."""
    from handouts.render.web.site import SITE_INDEX, SITE_LANGUAGE, SITE_TEMPLATES, Planned, entries, render_site
    planned = [Planned(job.path, job.topic, state.contents[job.content]["language"], job.output, job.ctx.draft)
               for job in plan]
    editions = entries(planned, state.contents, folder, staged)
    languages = sorted({SITE_LANGUAGE, *(edition.language for edition in editions)})   # each edition's in its own
    key = digest(environment_digest(), inputs.templates_digest(SITE_TEMPLATES), inputs.paper,
                 *(inputs.catalog_digest(language) for language in languages),
                 json.dumps([asdict(edition) for edition in editions], sort_keys=True))
    path = folder / SITE_INDEX
    name = path.relative_to(output_dir).as_posix()
    if not state.is_current(path, name, key, state.indexes):
        from handouts.render.configuration import configured
        ctx = configured(RenderContext(inputs.templates_dir, inputs.templates_dir, inputs.paper), languages)
        data = render_site(editions, ctx)
        if not path.is_file() or path.read_bytes() != data:
            staged[path] = write_temp(path, data)
        state.record(staged.get(path, path), name, key, state.indexes)
    return path


def gone_outputs(plan: list[Job], state: State, paper: str) -> list[str]:
    """The outputs of content files, topics, languages or outputs that no longer exist (of this paper size)."""
    prefix = "" if paper == "letter" else f"{paper}/"
    current = {job.name for job in plan}
    return [name for name in state.outputs if name not in current
            and (name.startswith(prefix) if prefix else not any(name.startswith(f"{p}/") for p in PAPERS if p != "letter"))]


def _missing_folders(folders: list[Path], output_dir: Path) -> set[Path]:
    """The folders, up to output_dir, that do not exist yet (so a failed build can remove them)."""
    missing = set()
    for folder in folders:
        for candidate in (folder, *folder.parents):
            if candidate.exists():
                break
            missing.add(candidate)
            if candidate == output_dir:
                break
    return missing


def load_content(project: Project, cache: Validated | None = None) -> tuple[dict[str, Edition], list[str], list[str]]:
    """Every edition, keyed by its content file, validated (all problems reported together), and the
    warnings and notices of the reading."""
    from handouts.pipeline.load import load_library
    topics = load_library(project.content, cache)
    editions = {f"content/{topic.slug}/{path}": edition
                for topic in topics for path, edition in zip(topic.files, topic.editions)}
    return (editions, [line for topic in topics for line in topic.warnings],
            [line for topic in topics for line in topic.notices])


def load_editions(project: Project) -> dict[str, Edition]:
    return load_content(project)[0]


def _all_known(digests: dict[str, str], state: State) -> bool:
    return bool(digests) and digests.keys() == state.contents.keys() and all(
        state.contents[name]["digest"] == value and {"review_due", "title"} <= state.contents[name].keys()
        for name, value in digests.items())


def plan_jobs(project: Project, output_dir: Path, paper: str, strict: bool, library: Library) -> list[Job]:
    """Every output of every edition, in a stable order, with the key of its inputs."""
    paper_dir = output_dir if paper == "letter" else output_dir / paper  # Letter is the default
    inputs = Inputs(project.templates, paper, strict)
    jobs = []
    for content, content_digest in library.digests.items():
        topic, language = content.split("/")[1], library.state.contents[content]["language"]
        approval = approval_of(project.root / content, project.root)
        ctx = RenderContext(project.templates, project.content / topic, paper, strict, approval)
        for output in OUTPUTS:
            name = f"{topic}/{language}/{output.filename}"
            read = topic_digest(library.digests, topic) if output.whole_topic else content_digest
            key = inputs.key(output, f"{read}:{approval}", language)
            jobs.append(Job(paper_dir / topic / language / output.filename,
                            name if paper == "letter" else f"{paper}/{name}", key, output, content, ctx))
    return jobs


def topic_digest(digests: dict[str, str], topic: str) -> str:
    """Every edition of a topic: a deck and its script read them all, to make the same slide plan in every language."""
    return digest(*(value for name, value in sorted(digests.items()) if name.split("/")[1] == topic))


def render_jobs(jobs: list[Job], editions: dict[str, Edition], workers: int, progress: Callable[[int, int], None] | None
                ) -> tuple[dict[str, Path], list[str], dict[str, Rendered], BuildErrors | None]:
    """Render in this process or in `workers` processes, each output to a temporary file beside its
    target (so memory stays flat however many there are); collect every failure, in a stable order, the
    libraries' warnings, each once, and the files' facts. An output made from another (the booklet, from the
    leaflet) is made in the same task as that other when both are to be made."""
    groups = tasks_of(jobs, editions)
    count = len(jobs)
    if (workers > 1 and len(groups) > 1) or len(groups) > TASKS_PER_WORKER:  # a long build renews its worker too
        results = [outcome for outcomes in _in_pool(groups, workers, progress, count) for outcome in outcomes]
    else:
        results = []
        for group in groups:
            results += render_group(group)
            if progress:
                progress(len(results), count)
    by_name = {task[3]: outcome for task, outcome in zip((t for g in groups for t in g), results)}
    outcomes = [located(job, by_name[job.name]) for job in jobs]
    failed = [o for o in outcomes if o.temp is None]
    failure = None
    if failed:
        details = [o.details for o in failed if o.internal]
        # an output made from another (the booklet, from the leaflet) reports the other's error once, as the other's
        failure = BuildErrors(list(dict.fromkeys(line for o in failed for line in (o.lines[:1] if o.internal else o.lines))),
                              max(o.code for o in failed), details)
    met = list(dict.fromkeys(line for o in outcomes for line in o.met))
    made = {job.name: o.temp for job, o in zip(jobs, outcomes) if o.temp is not None}
    facts = {job.name: o.facts for job, o in zip(jobs, outcomes) if o.facts is not None}
    return made, met, facts, failure


def located(job: Job, outcome: Outcome) -> Outcome:
    """An output that failed on one of its topic's pictures, said where the content file names the picture (a
    picture the check passed but a renderer could not draw), in the content error's form."""
    if outcome.picture is None or len(outcome.lines) != 1:
        return outcome
    said = outcome.lines[0].removeprefix(f"{job.name}: ")
    named, _, rest = said.partition(": ")
    said = rest if rest and (named == outcome.picture or named.endswith(f"/{outcome.picture}")) else said
    source = job.ctx.topic_dir / Path(job.content).name
    where = picture_named(source, job.content, outcome.picture, f"cannot go into {job.name}: {said}")
    return outcome if where is None else replace(outcome, lines=(where,))


def tasks_of(jobs: list[Job], editions: dict[str, Edition]) -> list[list[Task]]:
    """The jobs as tasks, an output made from another put after that other in one group when both are made."""
    tasks = {job.name: (job.output, editions[job.content], job.ctx, job.name, job.path) for job in jobs}
    groups: dict[str, list[Task]] = {}
    for job in jobs:
        source = job.name.rsplit("/", 1)[0] + "/" + job.output.source if job.output.source else None
        if source in tasks:
            groups.setdefault(source, [tasks[source]])
            groups[source].append(tasks[job.name])
        else:
            groups.setdefault(job.name, [tasks[job.name]])
    return list(groups.values())


def render_group(group: list[Task]) -> list[Outcome]:
    """The tasks of a group in order, each made from the first one's facts and bytes when it is made from it."""
    first, made = render_one(group[0])
    outcomes = [first]
    for task in group[1:]:
        outcomes.append(render_one(task, made)[0])   # when the first failed, made is None: made anew, failing alike
    return outcomes


def render_one(task: Task, source: Rendered | None = None) -> tuple[Outcome, Rendered | None]:
    """Render one output to a temporary file, with the libraries' warnings met on the way (the one channel of
    warnings: WeasyPrint's, Pillow's, fontTools' ...; under --strict they fail the output, unwritten); a
    HandoutError comes back as data, to cross processes intact. Also the rendered output itself, for a group's
    next task."""
    from handouts.reporting import caught

    output, edition, ctx, name, path = task
    with caught(name) as met:
        outcome, rendered = _render_to_temp(output, edition, ctx, name, path, source)
    if ctx.strict and met and outcome.temp is not None:   # --strict: a library's warning fails its output
        outcome.temp.unlink()
        return Outcome(None, lines=tuple(met), code=1), None
    return replace(outcome, met=tuple(met)), rendered


def _render_to_temp(output: Output, edition: Edition, ctx: RenderContext, name: str, path: Path,
                    source: Rendered | None) -> tuple[Outcome, Rendered | None]:
    from handouts import overtime
    from handouts.content.model import Picture
    drawings = sorted({b.image for s in edition.all_sections() for b in s.body
                       if isinstance(b, Picture) and b.image.lower().endswith(".svg")})
    which = f" ({', '.join(drawings)})" if drawings else ""
    late = Outcome(None, lines=(f"{name}: took longer than {overtime.OUTPUT_SECONDS:g} s to make: a picture of its "
                                f"edition{which} may be too complex to draw (simplify it or save it as PNG), or its "
                                "text too long",), code=2)
    try:
        with overtime.budgeted(overtime.OUTPUT_SECONDS):
            rendered = output.render(edition, ctx, name, source)
    except overtime.Overtime:   # the content's fault: a picture or a text past what a renderer does in its time
        return late, None
    except HandoutError as exc:
        if overtime.Clock.ran_out:   # a renderer swallowed the Overtime, then failed on what it left out
            return late, None   # each line names an output of the edition (a picture's error names the picture only)
        folder = name.rsplit("/", 1)[0] + "/"
        lines = tuple(line if line.startswith(folder) else f"{name}: {line}" for line in exc.lines())
        return Outcome(None, lines=lines, code=exc.exit_code, picture=getattr(exc, "picture", None)), None
    except Exception as exc:  # a bug, not the content's fault: one line for the user, the traceback for --debug
        if overtime.Clock.ran_out:   # ... unless a renderer swallowed the Overtime and failed on what it left out
            return late, None
        import traceback
        return Outcome(None, lines=(internal_message(name, exc),), code=INTERNAL, internal=True,
                       details=traceback.format_exc()), None
    if overtime.Clock.ran_out:   # made, but past its time: what it left out on the way is not known
        return late, None
    try:
        return Outcome(write_temp(path, rendered.data), replace(rendered, data=b"")), rendered
    except OSError as exc:  # the folder's fault (full, read-only): the same line for every output, said once
        if not is_unwritable(exc):
            raise
        error = unwritable(path.parents[len(Path(name).parts) - 1], exc)   # the output folder: name is relative to it
        return Outcome(None, lines=tuple(error.lines()), code=error.exit_code), None


def internal_message(name: str, exc: BaseException) -> str:
    return (f"internal error while building {name}: {exc.__class__.__name__}: {exc} "
            "(please report it; run with --debug for details)")


def _in_pool(groups: list[list[Task]], workers: int, progress: Callable[[int, int], None] | None,
             count: int) -> list[list[Outcome]]:
    """Worker processes, each importing the renderers once and making many outputs. Workers are
    renewed every TASKS_PER_WORKER groups (a round), since the C libraries under the engines keep
    a little memory per document and a large library would otherwise grow them without bound."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    results: list[list[Outcome]] = []
    done = 0
    size = workers * TASKS_PER_WORKER
    for start in range(0, len(groups), size):
        batch = groups[start:start + size]
        with ProcessPoolExecutor(max_workers=min(workers, len(batch)), mp_context=context,
                                 initializer=_start_worker, initargs=(os.getpid(),)) as pool:
            for outcomes in pool.map(render_group, batch):
                results.append(outcomes)
                done += len(outcomes)
                if progress:
                    progress(done, count)
    return results


def _start_worker(parent: int) -> None:
    """A worker names its temporary files by its build, which renames them after the worker ended (so that
    another command knows them as a live build's); and it ends when its build is killed, instead of lingering
    (Linux's PR_SET_PDEATHSIG); a build killed before the worker asked for that is not seen by it, so the
    worker checks too."""
    from handouts import writers

    writers.owner = parent
    try:
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(1)


def manifest(output_dir: Path, outputs: list[Path], staged: dict[Path, Path]) -> bytes:
    """SHA256SUMS of this build's outputs (one file per paper size), in `sha256sum -c` format, each read
    where its bytes are now (its temporary file, for those about to take their places); the system libraries
    they were made with first, in comment lines that `sha256sum -c` skips."""
    from handouts.pipeline.environment import header
    sums = "".join(f"{hashlib.sha256(staged.get(p, p).read_bytes()).hexdigest()}  {p.relative_to(output_dir).as_posix()}\n"
                   for p in sorted(outputs))
    return (header() + sums).encode()
