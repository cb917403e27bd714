"""Incremental and parallel builds: only what changed is redone, and the bytes are the same."""
from __future__ import annotations

import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import FIXTURE_SLUG, expected_outputs, pinned

from handouts.pipeline.build import Project, build
from handouts.pipeline.outputs import OUTPUTS, by_filename

ROOT = Path(__file__).resolve().parent.parent


def names(paths: list[Path], out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in paths)


def outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))   # the hidden state and
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(out).parts)}  # validation aside


# Every output of the synthetic topic: the registry's files for each of its editions.
ALL = expected_outputs(Path(__file__).resolve().parent / "fixtures" / "content")
EN = [n for n in ALL if n.startswith(f"{FIXTURE_SLUG}/en/")]
FR = [n for n in ALL if n.startswith(f"{FIXTURE_SLUG}/fr/")]
# A deck and its script read every edition of their topic (the same slide plan in every language): editing one
# rebuilds them in every language.
FR_DECKS = [n for n in FR if by_filename(n.rsplit("/", 1)[1]).whole_topic]
EN_EDITED, FR_KEPT = sorted(EN + FR_DECKS), [n for n in FR if n not in FR_DECKS]


def summary(built: list[str], up_to_date: list[str]) -> str:
    return f"built {len(built)}, up to date {len(up_to_date)}"


def test_cached_build_gives_the_same_bytes_as_a_forced_build(scratch, tmp_path, scratch_built):
    """The shared build (every output made with workers) is up to date, and a forced build with none makes the
    same bytes."""
    out = tmp_path / "out"
    built_before(scratch_built, out)
    again = build(Project(scratch), out, jobs=2, strict=True)
    assert again.built == [] and names(again.skipped, out) == ALL
    forced = build(Project(scratch), out, force=True, jobs=1, strict=True)
    assert names(forced.built, out) == ALL
    assert outputs(out) == outputs(scratch_built)


def built_before(scratch_built: Path, out: Path) -> None:
    """The output folder as a full build of the unedited scratch project leaves it: a copy of the shared one
    (the same bytes, state and times; the scratch project's files are the same). It was built strictly, and
    strictness is part of an output's key: the builds that follow are strict too."""
    shutil.copytree(scratch_built, out)


def test_a_copy_of_the_shared_build_is_up_to_date(scratch, tmp_path, scratch_built):
    out = tmp_path / "out"
    built_before(scratch_built, out)
    result = build(Project(scratch), out, jobs=1, strict=True)
    assert result.built == [] and names(result.skipped, out) == ALL


def test_editing_one_edition_rebuilds_only_its_outputs(scratch, tmp_path, scratch_built, stub_renderers):
    out = tmp_path / "out"
    built_before(scratch_built, out)
    path = scratch / "content" / FIXTURE_SLUG / "en.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# a reviewer's note\n", encoding="utf-8")
    result = build(Project(scratch), out, jobs=2, strict=True)
    assert names(result.built, out) == EN_EDITED


def test_a_template_change_rebuilds_only_the_outputs_that_read_it(scratch, tmp_path, scratch_built, stub_renderers):
    out = tmp_path / "out"
    built_before(scratch_built, out)
    css = scratch / "templates" / "card.css.j2"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* tweak */\n", encoding="utf-8")
    result = build(Project(scratch), out, jobs=2, strict=True)
    readers = [o.filename for o in OUTPUTS if "card.css.j2" in o.templates]
    assert readers and len(readers) < len(OUTPUTS)
    assert names(result.built, out) == [n for n in ALL if n.split("/")[-1] in readers]


def test_theme_and_catalog_changes_are_seen(scratch, tmp_path, scratch_built, stub_renderers):
    out = tmp_path / "out"
    built_before(scratch_built, out)
    theme = scratch / "templates" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace('#0b4a66"      # title', '#0b4a67"      # title'),
                     encoding="utf-8")
    assert names(build(Project(scratch), out, jobs=2, strict=True).built, out) == ALL
    po = scratch / "templates" / "locales" / "fr" / "LC_MESSAGES" / "messages.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Plan de la présentation"', 'msgstr "Plan"'),
                  encoding="utf-8")
    assert names(build(Project(scratch), out, jobs=2, strict=True).built, out) == FR


def test_a_second_build_in_one_process_reads_the_theme_and_catalog_as_they_are_now(scratch, tmp_path):
    """--watch rebuilds in its own process: the rebuilt files carry the new colour and the new message,
    not what the process read before (their bytes, not only which files were rebuilt). The page reads the
    theme, the deck the catalog: both builds make those alone."""
    out = tmp_path / "out"
    read = ["page.html", "deck.pptx"]
    assert len(build(Project(scratch), out, jobs=1, only=read, strict=True).built) == 2 * len(read)
    theme = scratch / "templates" / "theme.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace('#0b4a66"      # title', '#123456"      # title'),
                     encoding="utf-8")
    po = scratch / "templates" / "locales" / "fr" / "LC_MESSAGES" / "messages.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Plan de la présentation"',
                                                         'msgstr "Plan de l\'exposé"'), encoding="utf-8")
    assert len(build(Project(scratch), out, jobs=1, only=read, strict=True).built) == 2 * len(read)
    page = (out / FIXTURE_SLUG / "en" / "page.html").read_text(encoding="utf-8").lower()
    assert "--heading: #123456" in page   # the title colour the theme now names
    from pptx import Presentation
    deck = Presentation(str(out / FIXTURE_SLUG / "fr" / "deck.pptx"))
    titles = [s.shapes.title.text_frame.text.replace("\xa0", " ") for s in deck.slides if s.shapes.title is not None]
    assert any(t.startswith("Plan de l’exposé") or t.startswith("Plan de l'exposé") for t in titles), titles


def test_a_changed_or_missing_output_is_rebuilt(scratch, tmp_path, scratch_built, stub_renderers):
    out = tmp_path / "out"
    built_before(scratch_built, out)
    missing, edited = OUTPUTS[0].filename, OUTPUTS[-1].filename
    (out / FIXTURE_SLUG / "fr" / missing).unlink()
    (out / FIXTURE_SLUG / "en" / edited).write_bytes(b"edited by hand")
    result = build(Project(scratch), out, jobs=1, strict=True)
    assert names(result.built, out) == sorted([f"{FIXTURE_SLUG}/en/{edited}", f"{FIXTURE_SLUG}/fr/{missing}"])


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from pathlib import Path; "
            f"from handouts.cli import main; code = main(sys.argv[1:], root=Path({str(project)!r})); "
            "print('engines:', 'weasyprint' in sys.modules, 'pptx' in sys.modules); sys.exit(code)")
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300)


def test_a_no_op_build_imports_no_rendering_engine(scratch, scratch_built):
    built_before(scratch_built, scratch / "output")   # the default output folder
    gone = [ALL[0], ALL[-1]]
    for name in gone:
        (scratch / "output" / name).unlink()
    first = run_cli(scratch, "--jobs", "2", "--strict")
    assert first.returncode == 0 and summary(gone, [n for n in ALL if n not in gone]) in first.stdout
    again = run_cli(scratch, "--strict")
    assert again.returncode == 0
    assert summary([], ALL) in again.stdout
    assert "engines: False False" in again.stdout
    quiet = run_cli(scratch, "-q", "--strict")
    assert quiet.stdout.strip() == "engines: False False" and quiet.stderr == ""


def test_watch_mode_rebuilds_what_a_save_affects_and_reports_errors(scratch, scratch_built):
    built_before(scratch_built, scratch / "output")   # its first build finds everything up to date
    code = (f"import sys; sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'tests')!r}]; import stubs; stubs.install(); "
            f"from pathlib import Path; from handouts.cli import main; "
            f"sys.exit(main(['--watch', '--strict'], root=Path({str(scratch)!r})))")   # what is rebuilt: stub renderers
    process = subprocess.Popen([sys.executable, "-u", "-c", code], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    received: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [received.put(line) for line in process.stdout], daemon=True).start()
    lines: list[str] = []

    def wait_for(text: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                lines.append(received.get(timeout=1))
            except queue.Empty:
                continue
            if text in lines[-1]:
                return
        raise AssertionError(f"{text!r} not seen in {lines}")

    try:
        wait_for("watching")
        path = scratch / "content" / FIXTURE_SLUG / "en.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text + "\n# saved\n", encoding="utf-8")
        wait_for(summary(EN_EDITED, FR_KEPT))
        path.write_text(text.replace("lang: en-CA", "lang: xx-ZZ"), encoding="utf-8")
        wait_for("lang: unknown language tag 'xx-ZZ'")
        path.write_text(text, encoding="utf-8")
        wait_for(summary(EN_EDITED, FR_KEPT))
        assert process.poll() is None  # still watching after an error
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def test_every_template_an_output_includes_is_one_of_its_cache_inputs():
    """What a template includes or imports (the call-outs and options of plain.html.j2, the stylesheets)
    changes the output's bytes: it must be among the templates whose change rebuilds that output."""
    from jinja2 import Environment, FileSystemLoader, meta
    templates = Path(__file__).resolve().parent.parent / "templates"
    env = Environment(loader=FileSystemLoader(templates), extensions=["jinja2.ext.i18n"])

    def used(name: str) -> set[str]:
        found = {name}
        for child in meta.find_referenced_templates(env.parse((templates / name).read_text(encoding="utf-8"))):
            if child is not None and (templates / child).is_file():
                found |= used(child)
        return found

    only_large = {"leaflet-large.css.j2"}   # included under {% if large %}: read by the large print alone
    for output in OUTPUTS:
        for name in (t for t in output.templates if t.endswith(".html.j2")):
            missing = used(name) - set(output.templates) - (set() if output.settings.get("large") else only_large)
            assert not missing, (output.filename, missing)


def test_the_cache_key_names_every_library_the_renderers_require_and_the_lock_pins_them():
    """The versions in the cache key are the renderers and all they require, read from their metadata (a
    hand-kept list missed pyphen, markupsafe and pydantic-core); each one installed is pinned in the lock."""
    from importlib import metadata

    from handouts.pipeline.cache import LIBRARIES, libraries
    named = libraries()
    assert set(LIBRARIES) <= set(named) and {"markupsafe", "pydantic-core", "webencodings"} <= set(named)
    locked = set(pinned())
    installed = []
    for name in named:
        try:
            metadata.version(name)
        except metadata.PackageNotFoundError:
            continue   # required under a marker this Python does not meet (importlib-metadata, pytz)
        installed.append(name.replace(".", "-"))
    assert set(installed) <= locked, sorted(set(installed) - locked)


def test_a_build_validates_only_the_content_files_that_changed(scratch, tmp_path, monkeypatch):
    """What validation found in a content file and in a topic is kept by digest: an edit of one topic reads
    that topic's changed file afresh, takes the others from the cache, and reports every warning as a build
    that validated everything does; an invalid file is read again every time; a word list or --force
    (validate) checks afresh."""
    import pytest
    from articles import Shape, article, write

    import handouts.pipeline.load as load_module
    from handouts.errors import ContentError
    from handouts.pipeline.build import load, load_content

    fr = scratch / "content" / FIXTURE_SLUG / "fr.yaml"
    fr.write_text(fr.read_text(encoding="utf-8").replace("lead: >-\n  Une", "lead: >-\n  Xyzzyq. Une", 1),
                  encoding="utf-8")   # a warning in a topic that the edits below leave alone
    garden = write(scratch / "content", "garden", article(Shape(sections=1)))
    out = tmp_path / "out"
    read = []
    original = load_module.read_marked
    monkeypatch.setattr(load_module, "read_marked", lambda path, *args, **kw: read.append(path.name if path.parent.name
                        == "garden" else path.relative_to(scratch / "content").as_posix()) or original(path, *args, **kw))

    def validated(validate: bool = False) -> list[str]:
        read.clear()
        library = load(Project(scratch), out, validate=validate)
        try:
            library.read()
        finally:
            assert library.cache is not None
            library.cache.flush(create=True)
        return library.warnings

    every = sorted(f"{FIXTURE_SLUG}/{name}" for name in ("en.yaml", "fr.yaml")) + ["en.yaml"]
    first = validated()
    assert sorted(read) == every and any("«Xyzzyq»" in line for line in first)
    garden.write_text(garden.read_text(encoding="utf-8") + "# a reviewer's note\n", encoding="utf-8")
    assert validated() == first and read == ["en.yaml"]
    assert load_content(Project(scratch))[1] == first   # as a build that validates every file reports them
    assert validated() == first and read == []   # nothing changed: every finding from the cache

    garden.write_text(garden.read_text(encoding="utf-8") + "title: [\n", encoding="utf-8")
    for _ in range(2):   # an error is never kept
        with pytest.raises(ContentError):
            validated()
        assert read == ["en.yaml"]
    garden.write_text(garden.read_text(encoding="utf-8").replace("title: [\n", ""), encoding="utf-8")
    assert validated() == first and read == []   # the fixed file's earlier finding, kept by its digest

    (scratch / "content" / "words.txt").write_text("Xyzzyq\n", encoding="utf-8")
    assert not any("«Xyzzyq»" in line for line in validated()) and sorted(read) == every
    validated(validate=True)
    assert sorted(read) == every
