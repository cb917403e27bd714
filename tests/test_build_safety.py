"""Nothing lost, nothing reached outside the project, the same bytes every time."""
from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
import types
from pathlib import Path

import pytest
from conftest import FIXTURE_SLUG, flat, pdftotext, snapshot
from pptx import Presentation

from handouts import writers
from handouts.cli import main
from handouts.pipeline.build import recover
from handouts.pipeline.journal import JOURNAL
from handouts.pipeline.outputs import LEAFLET_PAGES, OUTPUTS
from handouts.render.pdf.fetcher import ProjectFetcher, RefusedResource

pytestmark = pytest.mark.runs_long   # tests/conftest.py: started first

ROOT = Path(__file__).resolve().parent.parent
FR = f"content/{FIXTURE_SLUG}/fr.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run_build(project: Path, *args: str) -> subprocess.Popen:
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from pathlib import Path; "
            f"from handouts.cli import main; sys.exit(main(sys.argv[1:], root=Path({str(project)!r})))")
    return subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


# --- Layout failures are errors, with the output and place named --------------------------------

# Each case renders the output that fails and the web page beside it (what did render is kept): --only.
CARD_SENTENCES = 70  # the fixture's card has room to spare: this overflows it by part of a page
LAYOUT_CASES = {
    "card overflows": ("  body:\n    - >-\n      Une mangeoire aide les oiseaux",
                       "  body:\n    - Une phrase de plus pour allonger le résumé de la fiche. " * 1 +
                       "\n    - " + "Une phrase de plus pour allonger le résumé. " * CARD_SENTENCES +
                       "\n    - >-\n      Une mangeoire aide les oiseaux",
                       f"{FIXTURE_SLUG}/fr/card.pdf: overflows its 1-page budget by 1 page(s), about ", "card.pdf"),
    "slide title cannot fit": ("    short_heading: Où la placer ?",
                               "    short_heading: " + "Un titre de diapositive beaucoup trop long " * 4,
                               # after the cover, 2 outline slides, 4 sections, 2 figures
                               f"{FIXTURE_SLUG}/fr/deck.pptx: slide 10 «Un titre de diapositive", "deck.pptx"),
    "leaflet over its page budget": ("    key_points:\n      - text: En hiver",
                                     "".join("      - " + "Un paragraphe ajouté pour dépasser le budget. " * 10 + "\n"
                                             for _ in range(18 * LEAFLET_PAGES // 4)) + "    key_points:\n      - text: En hiver",
                                     f"{FIXTURE_SLUG}/fr/leaflet.pdf: overflows its {LEAFLET_PAGES}-page budget by ",
                                     "leaflet.pdf"),
}


def listed(folder: Path) -> set[str]:
    """The files SHA256SUMS names."""
    return {line.split("  ", 1)[1] for line in (folder / "SHA256SUMS").read_text().splitlines()
            if not line.startswith("#")}   # the system libraries' versions head the file


@pytest.mark.parametrize("case", list(LAYOUT_CASES))
def test_layout_failure_names_output_and_place(scratch, capsys, case):
    """A layout failure is an error naming the output and the place; the outputs that did render are
    committed (the build's progress is kept), the failed ones are not, and SHA256SUMS states what is there."""
    old, new, start, failing = LAYOUT_CASES[case]
    edit(scratch / FR, old, new)
    out = scratch / "output"
    out.mkdir()
    (out / "keep.txt").write_text("previous")
    assert main(["--only", failing, "--only", "page.html"], root=scratch) == 2
    lines = capsys.readouterr().err.splitlines()
    assert any(line.startswith(start) for line in lines), lines
    failed = {line.split(": ", 1)[0] for line in lines if line.startswith(f"{FIXTURE_SLUG}/")}
    written = snapshot(out)
    assert written["keep.txt"] == b"previous" and not failed & written.keys(), failed
    assert any(name.startswith(f"{FIXTURE_SLUG}/") for name in written)   # what rendered is kept
    assert listed(out) == set(written) - {"keep.txt", "SHA256SUMS"} and agrees(out)


def test_one_failed_output_keeps_the_others_and_the_fixed_build_makes_only_what_is_missing(scratch, capsys):
    """(The leaflet made by its renderer, the other outputs by the stubs of tests/stubs.py.) One edition's
    leaflet overflows its page budget: the other edition's outputs, and this edition's
    other outputs, are written with a true SHA256SUMS and a state that records them; once the content is
    fixed, the next build makes this edition's outputs (their content changed again) and the talks (a deck and
    its script read every edition of their topic), and nothing else."""
    import stubs
    stubs.install(real=("leaflet.pdf",))
    try:
        made_with_stubs(scratch, capsys)
    finally:
        stubs.uninstall()


def made_with_stubs(scratch: Path, capsys) -> None:
    old, new, _, _ = LAYOUT_CASES["leaflet over its page budget"]
    out = scratch / "output"
    edit(scratch / FR, old, new)
    assert main(["--jobs", "2"], root=scratch) == 2
    lines = capsys.readouterr().err.splitlines()
    assert any(line.startswith(f"{FIXTURE_SLUG}/fr/leaflet.pdf: overflows its {LEAFLET_PAGES}-page budget by ")
               for line in lines), lines
    failed = {line.split(": ", 1)[0] for line in lines if line.startswith(f"{FIXTURE_SLUG}/")}
    failed |= {f"{FIXTURE_SLUG}/fr/{o.filename}" for o in OUTPUTS if o.source == "leaflet.pdf"}   # made from it
    written = snapshot(out)
    english = {f"{FIXTURE_SLUG}/en/{o.filename}" for o in OUTPUTS}
    french = {f"{FIXTURE_SLUG}/fr/{o.filename}" for o in OUTPUTS}
    assert failed <= french and english <= written.keys()
    assert not failed & written.keys() and french - failed <= written.keys()
    assert listed(out) == set(written) - {"SHA256SUMS"} and agrees(out) and not leftovers(out)

    edit(scratch / FR, new, old)
    assert main(["--jobs", "2"], root=scratch) == 0
    report = capsys.readouterr().out.splitlines()[-1]
    decks = {f"{FIXTURE_SLUG}/en/{o.filename}" for o in OUTPUTS if o.whole_topic}   # the deck and its script
    assert report.startswith(f"built {len(french | decks)}, up to date {len(english - decks)},"), report
    after = snapshot(out)
    assert {name: after[name] for name in english - decks} == {name: written[name] for name in english - decks}
    assert english | french <= after.keys() and listed(out) == set(after) - {"SHA256SUMS"} and agrees(out)


# --- Nothing lost ---------------------------------------------------------------------------------

def test_interrupted_write_leaves_the_previous_file(tmp_path, monkeypatch):
    target = tmp_path / "leaflet.pdf"
    target.write_bytes(b"previous complete file")

    class Crash(Exception):
        pass

    def crash(fd, data):
        os.write(fd, data[:10])
        raise Crash

    monkeypatch.setattr(writers.os, "fdopen", lambda fd, mode: type("H", (), {
        "__enter__": lambda s: s, "__exit__": lambda s, *a: False, "write": lambda s, d: crash(fd, d),
        "flush": lambda s: None, "fileno": lambda s: fd})())
    with pytest.raises(Crash):
        writers.write_atomic(target, b"a new file that never finishes")
    assert target.read_bytes() == b"previous complete file"
    assert [p.name for p in tmp_path.iterdir()] == ["leaflet.pdf"]


def test_killed_builds_leave_each_file_old_or_new_whole(scratch, scratch_built, tmp_path):
    out = scratch / "output"
    shutil.copytree(scratch_built, out)
    old = snapshot(scratch_built)
    edit(scratch / FR, "lead: >-\n  Une mangeoire", "lead: >-\n  Nouvelle version. Une mangeoire")
    assert main(["--output", str(tmp_path / "new"), "-q"], root=scratch) == 0
    new = snapshot(tmp_path / "new")
    for delay in (0.4, 0.9, 1.4, 1.9, 2.4, 2.9, 3.4):
        process = run_build(scratch, "--output", str(out), "-q")
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.communicate()
        for name, data in snapshot(out).items():
            if name.endswith(".tmp"):
                continue  # a temporary file the kill left behind, never an output
            assert data in (old[name], new[name]), name


def committing(project: Path, out: Path, copies: Path | None = None, kill_after: int = 0) -> subprocess.Popen:
    """A build whose commit copies the folder before its first rename into out and after each one into
    copies/<step> (what a kill at that step leaves), or kills itself with SIGKILL after kill_after renames.
    Its renderers are the stubs of tests/stubs.py: what is tested is the commit, not the files' contents."""
    code = (f"import os, shutil, signal, sys; sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'tests')!r}]\n"
            "import stubs; stubs.install()\nfrom pathlib import Path\n"
            f"from handouts.cli import main\nout, copies, kill = {str(out)!r}, {str(copies)!r}, {kill_after}\n"
            "real, steps = os.replace, []\n"
            "def replace(source, target):\n"
            "    if not str(target).startswith(out + '/'):\n        return real(source, target)\n"
            "    if kill == 0 and not steps:\n        shutil.copytree(out, f'{copies}/00')\n"
            "    real(source, target)\n    steps.append(target)\n"
            "    if kill == 0:\n        shutil.copytree(out, f'{copies}/{len(steps):02d}')\n"
            "    elif len(steps) == kill:\n        os.kill(os.getpid(), signal.SIGKILL)\n"
            f"os.replace = replace\nsys.exit(main(sys.argv[1:], root=Path({str(project)!r})))\n")
    return subprocess.Popen([sys.executable, "-c", code, "--output", str(out), "-q", "--jobs", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def agrees(folder: Path) -> bool:
    return subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=folder, capture_output=True).returncode == 0


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob(".*") if p.name.endswith(".tmp") or p.name == JOURNAL]


def test_a_kill_at_any_step_of_the_commit_ends_in_files_that_agree_with_sha256sums(scratch, scratch_built, tmp_path):
    """One build is copied at every step of its commit, as a kill there would leave it; another is killed
    for real half-way. The next command completes the commit: every file new, SHA256SUMS agreeing."""
    new, copies, out = scratch / "output", tmp_path / "copies", tmp_path / "killed"
    shutil.copytree(scratch_built, new)
    shutil.copytree(scratch_built, out)
    old = snapshot(scratch_built)
    edit(scratch / FR, "lead: >-\n  Une mangeoire", "lead: >-\n  Nouvelle version. Une mangeoire")
    assert committing(scratch, new, copies).communicate()[1] == ""
    assert agrees(new) and not leftovers(new)
    steps = sorted(copies.iterdir())
    assert len(steps) > 10   # the journal, then each output, the site index, SHA256SUMS and the state
    torn = [number for number, step in enumerate(steps) if not agrees(step)]
    assert torn   # some outputs new, the rest and SHA256SUMS old: what a kill there leaves, until completed
    for step in steps:
        recover(step)
        assert agrees(step) and not leftovers(step), step.name
        assert snapshot(step) == (old if step.name == "00" else snapshot(new)), step.name  # before the journal: old

    killed = committing(scratch, out, kill_after=torn[0])
    killed.communicate()
    assert killed.returncode == -signal.SIGKILL
    assert not agrees(out) and JOURNAL in leftovers(out)
    assert main(["--check", "--output", str(out), "-q"], root=scratch) == 0
    assert agrees(out) and not leftovers(out)
    assert snapshot(out) == snapshot(new)


def failing(code: int, message: str):
    def fail(*args, **kwargs):
        raise OSError(code, message)
    return fail


def read_only(monkeypatch) -> None:
    """The output folder refuses every new file, as a read-only file system does (to root too)."""
    monkeypatch.setattr(writers, "tempfile", types.SimpleNamespace(mkstemp=failing(errno.EROFS, "Read-only file system")))


def full_while_rendering(monkeypatch) -> None:
    """The disk fills up: an empty file still fits, no byte more."""
    fill = writers.fill
    monkeypatch.setattr(writers, "fill", lambda handle, data: failing(errno.ENOSPC, "No space left on device")()
                        if data else fill(handle, data))


def full_at_commit(monkeypatch) -> None:
    """The disk fills up once every output is rendered, as the manifest is written."""
    import handouts.pipeline.build
    write_temp = handouts.pipeline.build.write_temp
    no_space = failing(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(handouts.pipeline.build, "write_temp",
                        lambda path, data: no_space() if path.name == "SHA256SUMS" else write_temp(path, data))


FAULTS = {read_only: "it is on a read-only file system (make it writable, or build elsewhere with --output DIR)",
          full_while_rendering: "the disk is full (free some space, then build again)",
          full_at_commit: "the disk is full (free some space, then build again)"}


@pytest.mark.parametrize("fault", FAULTS, ids=lambda fault: fault.__name__)
def test_a_read_only_or_full_output_folder_is_one_line_and_loses_nothing(scratch, scratch_built, capsys, monkeypatch,
                                                                        stub_renderers, fault):
    out = scratch / "output"
    shutil.copytree(scratch_built, out)
    edit(scratch / FR, "lead: >-\n  Une mangeoire", "lead: >-\n  Nouvelle version. Une mangeoire")
    before = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    fault(monkeypatch)
    assert main(["--output", str(out), "-q", "--jobs", "2"], root=scratch) == 2
    assert capsys.readouterr().err.splitlines() == [f"{out}/: cannot be written, {FAULTS[fault]}; the previous "
                                                    "outputs are as they were"]
    assert {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before  # no .tmp


def test_two_builds_at_once_both_finish_with_valid_files(scratch, scratch_built):
    out = scratch / "output"
    first, second = run_build(scratch, "--output", str(out), "-q"), run_build(scratch, "--output", str(out), "-q")
    errors = first.communicate()[1] + second.communicate()[1]
    assert first.returncode == 0 and second.returncode == 0, errors
    assert snapshot(out) == snapshot(scratch_built)
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=out, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


def test_a_check_and_a_proof_during_a_long_build_do_not_harm_it(scratch, tmp_path, capsys):
    """The build renders with workers, whose temporary files wait for it once they have ended; it blocks
    there, as a long build would, while a check and a proof start in the same output folder."""
    out, ready, go = scratch / "output", tmp_path / "ready", tmp_path / "go"
    code = (f"import sys, time; sys.path.insert(0, {str(ROOT)!r}); from pathlib import Path\n"
            "import handouts.pipeline.build as build\nfrom handouts.cli import main\ncommit = build.commit\n"
            "def blocking(*args):\n"
            f"    Path({str(ready)!r}).touch()\n"
            f"    while not Path({str(go)!r}).exists():\n        time.sleep(0.05)\n"
            "    return commit(*args)\n"
            f"build.commit = blocking\nsys.exit(main(sys.argv[1:], root=Path({str(scratch)!r})))\n")
    long_build = subprocess.Popen([sys.executable, "-c", code, "--output", str(out), "-q", "--jobs", "2"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    started = time.monotonic()
    while not ready.exists():
        assert long_build.poll() is None and time.monotonic() - started < 600, long_build.communicate()
        time.sleep(0.1)
    waiting = sorted(out.rglob(".*.tmp"))
    assert waiting  # every output, rendered, waits to take its place
    assert main(["--check", "--output", str(out)], root=scratch) == 0
    assert sorted(out.rglob(".*.tmp")) == waiting
    proof = run_build(scratch, "--output", str(out), "--proof")
    time.sleep(3)
    assert proof.poll() is None  # it waits for the build
    go.touch()
    assert long_build.communicate()[1] == "" and long_build.returncode == 0
    _, errors = proof.communicate()
    assert proof.returncode == 0, errors
    assert errors.splitlines()[0] == f"waiting: another build is writing in {out}/ (it goes on when that one ends)"
    assert not list(out.rglob(".*.tmp")) and (out / "index.html").is_file()
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=out, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout


# --- Byte-identical builds --------------------------------------------------------------------------

def test_same_inputs_same_bytes(built, tmp_path):
    """The real article's leaflet and deck made again are the session's, byte for byte (every output of the
    synthetic topic is compared with committed checksums in test_reproducible, and cached with forced in
    test_incremental)."""
    read = ("leaflet.pdf", "deck.pptx")
    out = tmp_path / "out"   # the session's folder: its other files are in the plan, which a leaflet's links name
    shutil.copytree(built, out)
    assert main(["--output", str(out), "-q", "--strict", "--force", *(a for n in read for a in ("--only", n))]) == 0
    again = {name: data for name, data in snapshot(out).items() if name.endswith(read)}
    before = {name: data for name, data in snapshot(built).items() if name.endswith(read)}
    assert len(again) >= 2 * len(read) and again == before   # every edition of every topic in content/


def test_manifest_lists_every_output(built):
    """Every output, its checksum; the system libraries they were made with first, in comment lines that
    `sha256sum -c` skips without a warning."""
    from handouts.pipeline.environment import system_versions
    lines = (built / "SHA256SUMS").read_text().splitlines()
    comments = [line for line in lines if line.startswith("#")]
    assert lines[:len(comments)] == comments   # the header, then the checksums
    assert [f"# {name} {version}" for name, version in system_versions().items()] == comments[1:]
    listed = sorted(line.split("  ", 1)[1] for line in lines if not line.startswith("#"))
    assert listed == sorted(name for name in snapshot(built) if name != "SHA256SUMS")   # the hidden state aside
    assert "site/index.html" in listed
    check = subprocess.run(["sha256sum", "-c", "--strict", "--warn", "SHA256SUMS"], cwd=built, capture_output=True, text=True)
    assert check.returncode == 0 and check.stderr == "", check.stderr


def test_no_clock_or_machine_path_in_outputs(built):
    for path in built.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert str(ROOT).encode() not in data and b"/tmp/" not in data
            assert time.strftime("%Y%m%d").encode() not in data


# --- Text in content is text ------------------------------------------------------------------------

HOSTILE = "<script>alert(1)</script> & <b>gras</b> {{ 7*7 }} {% if x %}"


def test_markup_and_template_syntax_in_content_appear_literally(scratch, tmp_path):
    edit(scratch / FR, "lead: >-\n  Une mangeoire", f"lead: >-\n  \"{HOSTILE}\" Une mangeoire")
    with (scratch / "content" / FIXTURE_SLUG / "words.txt").open("a", encoding="utf-8") as words:
        words.write("script alert\n")   # not French: the spelling check would stop a strict build
    read = ("leaflet.pdf", "leaflet-press.pdf", "deck.pptx")
    assert main(["--output", str(tmp_path), "-q", "--strict", *(a for n in read for a in ("--only", n))], root=scratch) == 0
    folder = tmp_path / FIXTURE_SLUG / "fr"
    for name in ("leaflet.pdf", "leaflet-press.pdf"):
        assert HOSTILE in flat(pdftotext(folder / name))
    notes = " ".join(s.notes_slide.notes_text_frame.text for s in Presentation(str(folder / "deck.pptx")).slides)
    assert HOSTILE in notes


# --- No reach outside the project -------------------------------------------------------------------

@pytest.mark.parametrize("url", ["file:///etc/passwd", "https://example.org/logo.png"])
def test_template_reference_outside_the_project_fails(scratch, capsys, url):
    edit(scratch / "templates" / "leaflet.html.j2", "<main>", f'<main><img src="{url}" alt="x">')
    assert main(["--output", str(scratch / "out"), "--only", "leaflet.pdf"], root=scratch) != 0
    err = capsys.readouterr().err
    assert f"{FIXTURE_SLUG}/fr/leaflet.pdf: refused to load {url!r}: only files of the project's templates " \
           "and the topic's folder may be used" in err
    assert not (scratch / "out").exists()   # the only outputs asked for failed: nothing written, not even a folder


def test_fetcher_serves_project_files_and_nothing_else(scratch):
    fetcher = ProjectFetcher((scratch / "templates", scratch / "content" / FIXTURE_SLUG))
    assert fetcher((scratch / "templates" / "theme.yaml").as_uri()).url
    for url in ("file:///etc/passwd", (scratch / "content" / FIXTURE_SLUG / ".." / ".." / "x").as_uri(),
                "http://localhost/", "data:text/plain,x", "font:../../../etc/passwd"):
        with pytest.raises(RefusedResource):
            fetcher(url)


def test_content_image_url_is_a_content_error(scratch, capsys):
    edit(scratch / FR, "      - >-\n        Placez la mangeoire",
         "      - image: https://example.org/x.png\n        alt: x\n      - >-\n        Placez la mangeoire")
    assert main(["--check"], root=scratch) == 2
    assert "sections[2].body[0].image: malformed value 'https://example.org/x.png' (a picture file beside " \
           "the content file, like figure.svg)" in capsys.readouterr().err


def test_weasyprint_warning_fails_a_strict_build(scratch, capsys):
    edit(scratch / "templates" / "leaflet.css.j2", ".columns {", ".columns { colour: blue; ")
    assert main(["--output", str(scratch / "out"), "--strict", "--only", "leaflet.pdf"], root=scratch) == 1
    assert f"{FIXTURE_SLUG}/fr/leaflet.pdf: WeasyPrint: Ignored `colour: blue`" in capsys.readouterr().err
    assert not (scratch / "out").exists()   # the only outputs asked for failed: nothing written, not even a folder
