"""Build every output once per test run into a temporary folder shared by the xdist workers; tests read
the finished files."""
from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from handouts.cli import main
from handouts.fonts import FONT_DIR
from handouts.pipeline.load import load_library
from handouts.pipeline.outputs import OUTPUTS

ROOT = Path(__file__).resolve().parent.parent
# A small synthetic topic, not the real article: the tests that edit content edit this one, so a
# change of the article's text, or a new topic in content/, changes none of their expectations.
FIXTURE_SLUG = "bird-feeders"
FIXTURE = ROOT / "tests" / "fixtures" / "content" / FIXTURE_SLUG


def pinned(lock: str = "requirements.lock") -> dict[str, str]:
    """A lock file's pins, name (normalized, as pip compares them: pydantic-core) to version, read from its
    `name==version \\` and `name[extra]==version \\` lines (the hash and comment lines after each skipped)."""
    text = (ROOT / lock).read_text(encoding="utf-8")
    pins = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)", text, re.M)
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in pins}


def shared(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder made once per test run, however many xdist workers ask for it: the first one makes it
    under a file lock in the run's temporary folder, the others wait for it and read it. Tests only read it:
    a test that edits or builds again copies it first (checked when each worker's session ends)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent   # the run's folder, above each worker's own
    folder, done = base / "shared" / name, base / "shared" / f"{name}.done"
    folder.parent.mkdir(exist_ok=True)
    with open(base / "shared" / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)   # released when the file closes, or when a failed worker ends
        if not done.exists():
            if folder.exists():
                shutil.rmtree(folder)   # a worker that failed to make it left it half made
            make(folder)
            done.write_text(digest_of(folder), encoding="utf-8")
    SHARED[folder] = done
    return folder


SHARED: dict[Path, Path] = {}   # the shared folders this process read, and the record of their bytes


@pytest.fixture(scope="session", autouse=True)
def shared_untouched():
    """At the end of the session, every shared folder this process read is as it was made: no test wrote
    into it (an error of the last test's teardown otherwise)."""
    yield
    changed = [folder.name for folder, done in SHARED.items() if digest_of(folder) != done.read_text(encoding="utf-8")]
    assert not changed, f"a test wrote into the shared build(s) {changed}: copy them to edit or build again"


def digest_of(folder: Path) -> str:
    """One digest of every file under folder, hidden ones (the build's state) included."""
    sha = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            sha.update(p.relative_to(folder).as_posix().encode() + b"\0" + hashlib.sha256(p.read_bytes()).digest())
    return sha.hexdigest()


def build_into(out: Path, root: Path | None = None, *args: str) -> None:
    assert main(["--output", str(out), "-q", "--strict", *args], root=root) == 0


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The output folder of one full build of the real content, made once per run and only read."""
    return shared(tmp_path_factory, "output", build_into)


@pytest.fixture(scope="session")
def editions(built) -> list[Path]:
    return sorted(p for p in built.glob("*/*") if p.is_dir())


@pytest.fixture
def project(tmp_path) -> Path:
    """A scratch copy of the project's content and templates, to edit in a test."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    return tmp_path


@pytest.fixture
def scratch(tmp_path) -> Path:
    """A scratch project of the templates and the synthetic topic alone, to edit in a test."""
    return make_scratch(tmp_path)


@pytest.fixture(scope="session")
def scratch_built(tmp_path_factory) -> Path:
    """The output folder of one full build of an unedited scratch project (the synthetic topic), made once
    per run and only read: copy it to build in it again."""
    def make(out: Path) -> None:
        build_into(out, make_scratch(tmp_path_factory.mktemp("scratch")))
    return shared(tmp_path_factory, "scratch-output", make)


def make_scratch(folder: Path) -> Path:
    shutil.copytree(FIXTURE, folder / "content" / FIXTURE_SLUG)
    shutil.copytree(ROOT / "templates", folder / "templates")
    return folder


def expected_outputs(content: Path) -> list[str]:
    """Every output a build of the content folder makes, as topic/language/file: the registry's
    files for each edition of each topic."""
    return sorted(f"{topic.slug}/{edition.language}/{output.filename}"
                  for topic in load_library(content) for edition in topic.editions for output in OUTPUTS)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder and its bytes (the hidden build state, its files and folders, is not an output)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)}


def pdftotext(path: Path) -> str:
    """Text of a PDF through poppler, an independent reader."""
    return subprocess.run(["pdftotext", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def flat(text: str) -> str:
    """Whitespace of any kind (no-break spaces, line breaks) folded to one space, quotes and apostrophes
    to the straight ones and a range's en dash to a hyphen, as authors type them (typography is tested
    on its own, in test_typography)."""
    text = text.translate(str.maketrans("’‘“”–", "''\"\"-"))
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.fixture(scope="session")
def font_env(tmp_path_factory) -> dict[str, str]:
    """Environment in which LibreOffice sees the project's typeface, as a speaker's machine would."""
    conf = tmp_path_factory.mktemp("fontconfig")
    (conf / "fonts.conf").write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{FONT_DIR}</dir><include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>"
        f"<cachedir>{conf / 'cache'}</cachedir></fontconfig>")
    return {**os.environ, "FONTCONFIG_FILE": str(conf / "fonts.conf"), "HOME": str(conf)}


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole test session: Debian's, driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Chromium is not installed (apt-get install chromium): see README, test set-up")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable)
        yield chromium
        chromium.close()


def soffice_pdf(deck: Path, out: Path, env: dict[str, str]) -> Path:
    """Convert a deck to PDF with LibreOffice, an independent reader of PPTX."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.fail("LibreOffice (soffice) is not installed: see README, test set-up")
    subprocess.run([exe, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(deck)],
                   check=True, capture_output=True, env=env, timeout=180)
    return out / (deck.stem + ".pdf")


@pytest.fixture
def stub_renderers():
    """The registry's renderers replaced by cheap stand-ins (tests/stubs.py) for this test, in this process
    and in the build's forked workers: for the pipeline's own properties, not the files' contents."""
    import stubs
    stubs.install()
    yield
    stubs.uninstall()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The files in the order the xdist workers get them (--dist loadfile, --no-loadscope-reorder): those
    marked `runs_long` first, fewest tests first (a file of one long test started last would run alone at
    the end while the other worker waits), then the others by their number of tests, most first (xdist's
    own order)."""
    def file_of(item: pytest.Item) -> str:
        return item.nodeid.split("::", 1)[0]
    count: dict[str, int] = {}
    long: set[str] = set()
    for item in items:
        count[file_of(item)] = count.get(file_of(item), 0) + 1
        if item.get_closest_marker("runs_long"):
            long.add(file_of(item))
    items.sort(key=lambda item: (0, count[file_of(item)]) if file_of(item) in long else (1, -count[file_of(item)]))
