"""The command line's subcommands: each runs with its own options only, `python build.py` alone builds, and the
old flags still run the same thing for one release, saying what to type instead."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import FIXTURE_SLUG, ROOT, make_scratch, snapshot

import handouts.cli as cli
from handouts.cli import OLD_FLAGS, main, parse_args

EDITION = f"{FIXTURE_SLUG}/en"

# each command: the options its --help lists (besides --help), no other
OPTIONS = {
    "build": {"--paper", "--strict", "--force", "--only", "--jobs", "--release", "--output", "--quiet", "--debug"},
    "check": {"--strict", "--output", "--quiet", "--debug"},
    "proof": {"--paper", "--strict", "--force", "--only", "--jobs", "--release", "--output", "--quiet", "--debug"},
    "watch": {"--paper", "--strict", "--force", "--only", "--release", "--output", "--proof", "--check", "--quiet",
              "--debug"},
    "new": {"--lang", "--debug"},
    "import": {"--topic", "--lang", "--force", "--debug"},
    "approve": {"--by", "--role", "--debug"},
    "translated": {"--from", "--debug"},
    "xliff": set(),
    "xliff export": {"--format", "--from", "--lang", "--to", "--debug"},
    "xliff import": {"--lang", "--debug"},
}

# each old flag: an old command line, and the subcommand line it now is
OLD = {
    "--new": (["--new", "hand-care", "--lang", "en-CA"], ["new", "hand-care", "--lang", "en-CA"]),
    "--export-xliff": (["--export-xliff", EDITION, "--xliff-format", "po", "--from", "fr", "--output", "en.po"],
                       ["xliff", "export", EDITION, "--format", "po", "--from", "fr", "--to", "en.po"]),
    "--import-xliff": (["--import-xliff", "en.po", "--lang", "en-CA"], ["xliff", "import", "en.po", "--lang", "en-CA"]),
    "--import": (["--import", "article.docx", "--topic", "hand-care", "--lang", "fr-CA", "--force"],
                 ["import", "article.docx", "--topic", "hand-care", "--lang", "fr-CA", "--force"]),
    "--approve": (["--approve", f"{FIXTURE_SLUG}/fr", "--by", "A. Person", "--role", "nurse"],
                  ["approve", f"{FIXTURE_SLUG}/fr", "--by", "A. Person", "--role", "nurse"]),
    "--translated": (["--translated", EDITION, "--from", "fr"], ["translated", EDITION, "--from", "fr"]),
    "--watch": (["--watch", "--proof", "--paper", "a4", "--output", "out"],
                ["watch", "--proof", "--paper", "a4", "--output", "out"]),
    "--check": (["--check", "--strict", "--output", "out", "-q"], ["check", "--strict", "--output", "out", "-q"]),
    "--proof": (["--proof", "--output", "out", "--jobs", "1", "--force"],
                ["proof", "--output", "out", "--jobs", "1", "--force"]),
}


def listed_options(help_text: str) -> set[str]:
    """The long options a --help lists (its options section), but --help."""
    section = help_text.split("options:", 1)[1]
    return set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", section)) - {"--help"}


def notice(flag: str) -> str:
    return f"{flag} is now `python build.py {OLD_FLAGS[flag][1]}`; the old flag goes in the next release"


def test_the_help_lists_every_command(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: build.py")
    for name in ("build", "check", "proof", "watch", "new", "import", "approve", "translated", "xliff"):
        assert re.search(rf"^\s+{name}\b", out, re.MULTILINE), name


@pytest.mark.parametrize("command", OPTIONS)
def test_each_commands_help_lists_only_its_options(command, capsys):
    assert main([*command.split(), "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: build.py {command}")
    assert listed_options(out) == OPTIONS[command]


def test_each_commands_help_runs_as_build_py():
    for command in ["", *OPTIONS]:
        done = subprocess.run([sys.executable, str(ROOT / "build.py"), *command.split(), "--help"],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and done.stderr == "", (command, done.stderr)
        assert done.stdout.startswith(f"usage: build.py {command}".rstrip()), command


def test_the_old_flags_table_names_every_mode_of_the_old_command_line():
    assert set(OLD) == set(OLD_FLAGS)
    for flag, (_, now) in OLD_FLAGS.items():
        assert now.split()[0] in OPTIONS, flag


@pytest.mark.parametrize("flag", OLD)
def test_an_old_flag_means_its_subcommand(flag):
    old, new = OLD[flag]
    then, now = vars(parse_args(old)), vars(parse_args(new))
    assert then.pop("old") == flag and now.pop("old") is None
    assert then == now


@pytest.mark.parametrize("flag", OLD)
def test_an_old_flag_prints_its_notice_once_even_quiet(flag, monkeypatch, tmp_path, capsys):
    ran = []
    monkeypatch.setattr(cli, "dispatch", lambda args, root: ran.append(args.command) or 0)
    old, _ = OLD[flag]
    assert main([*old, "-q"], root=tmp_path, notices=True) == 0
    assert capsys.readouterr().err.splitlines() == [notice(flag)]
    assert ran == [OLD_FLAGS[flag][0]]
    assert main(OLD[flag][1], root=tmp_path, notices=True) == 0   # the subcommand: no notice
    assert capsys.readouterr().err == ""


def test_a_command_line_run_as_build_py_prints_the_notice():
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--approve", "no-such/xx", "--by", "A", "--role", "B"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        notice("--approve"),
        "--approve no-such/xx: no edition content/no-such/xx.yaml (TOPIC/LANGUAGE, like hand-care/fr)"]


def test_no_command_is_build(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(cli, "build", lambda project, output_dir, **options: calls.append((output_dir, options))
                        or cli.BuildResult())
    for argv in ([], ["build"], ["--output", "out", "-q", "--paper", "a4", "--strict"],
                 ["build", "--output", "out", "-q", "--paper", "a4", "--strict"]):
        assert main(argv, root=tmp_path) == 0
    assert calls[0] == calls[1] and calls[2] == calls[3] and calls[0] != calls[2]
    assert calls[0][0] == tmp_path / "output" and calls[0][1]["check"] is False


def test_build_then_proof_and_watch(scratch, monkeypatch, capsys, stub_renderers):
    """A build (its renderers stubbed: the commands are tested here): `python build.py`; then `build` finds it
    up to date, `proof` writes its sheets and `watch` rebuilds in one process (the proof sheet's thumbnails and
    the watcher are tested elsewhere)."""
    assert main([], root=scratch) == 0
    out = scratch / "output"
    built = snapshot(out)
    assert f"{FIXTURE_SLUG}/fr/leaflet.pdf" in built and "built" in capsys.readouterr().out
    assert main(["build"], root=scratch) == 0
    assert capsys.readouterr().out.startswith("built 0, up to date")
    assert snapshot(out) == built

    import handouts.pipeline.proof as proof
    sheets = []
    monkeypatch.setattr(proof, "write_proof", lambda output_dir, outputs, warnings, templates: sheets.append(output_dir))
    assert main(["proof", "-q"], root=scratch) == 0
    assert sheets == [out] and (out / "review.html").is_file()

    import handouts.pipeline.watch as watch
    monkeypatch.setattr(watch, "watch", lambda project, output_dir, rebuild: rebuild())
    assert main(["watch", "--proof", "-q"], root=scratch) == 0
    assert sheets == [out, out]


@pytest.mark.parametrize("command", [["build"], ["check"]])
def test_a_relative_output_folder_is_where_the_command_is_typed(scratch, tmp_path, monkeypatch, capsys, stub_renderers,
                                                                command):
    """`--output out` names a folder where the command is typed (it ended in an internal error: its temporary
    files' paths were absolute, the folder's relative)."""
    here = tmp_path / "elsewhere"
    here.mkdir()
    monkeypatch.chdir(here)
    assert main([*command, "--output", "out", "-q"], root=scratch) == 0, capsys.readouterr().err
    if command == ["build"]:
        assert (here / "out" / FIXTURE_SLUG / "fr" / "leaflet.pdf").is_file()
        assert not (scratch / "output").exists()


def test_check(scratch, capsys):
    assert main(["check"], root=scratch) == 0
    assert capsys.readouterr().out.strip() == "content is valid"
    assert not (scratch / "output").exists() or not any((scratch / "output").iterdir())


def test_new(tmp_path, capsys):
    (tmp_path / "content").mkdir()
    assert main(["new", "hand-care", "--lang", "en-CA"], root=tmp_path) == 0
    assert "wrote content/hand-care/en.yaml" in capsys.readouterr().out
    assert main(["new", "Hand_Care"], root=tmp_path) == 2
    assert capsys.readouterr().err.splitlines() == [
        "new Hand_Care: not a folder name (lower-case letters, digits and hyphens, like hand-care)"]


def test_approve_and_translated(scratch, capsys):
    assert main(["approve", f"{FIXTURE_SLUG}/fr", "--by", "A. Person", "--role", "nurse"], root=scratch) == 0
    assert f"approved content/{FIXTURE_SLUG}/fr.yaml by A. Person (nurse)" in capsys.readouterr().out
    assert "A. Person" in (scratch / "content" / FIXTURE_SLUG / "approvals.yaml").read_text(encoding="utf-8")
    assert main(["translated", EDITION, "--from", "fr"], root=scratch) == 0
    assert f"recorded content/{EDITION}.yaml as translated from" in capsys.readouterr().out
    assert main(["approve", f"{FIXTURE_SLUG}/de", "--by", "X", "--role", "Y"], root=scratch) == 2
    assert main(["approve", f"{FIXTURE_SLUG}/fr"], root=scratch) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"approve {FIXTURE_SLUG}/de: no edition content/{FIXTURE_SLUG}/de.yaml (TOPIC/LANGUAGE, like hand-care/fr)",
        "approve needs --by (who approves, and their role)",
        "approve needs --role (who approves, and their role)",
    ]


def test_xliff_export_to_a_file_and_import(scratch, capsys):
    edition = scratch / "content" / FIXTURE_SLUG / "en.yaml"
    before = edition.read_bytes()
    assert main(["xliff", "export", EDITION, "--format", "po", "--to", str(scratch / "en.po")], root=scratch) == 0
    assert (scratch / "en.po").is_file() and not (scratch / "translations").exists()
    assert main(["xliff", "import", str(scratch / "en.po")], root=scratch) == 0
    assert "nothing to change" in capsys.readouterr().out
    assert edition.read_bytes() == before
    assert main(["xliff", "import", str(scratch / "missing.po")], root=scratch) == 2
    assert capsys.readouterr().err.splitlines() == [f"xliff import {scratch / 'missing.po'}: no such file"]


@pytest.mark.parametrize("flag", ["--new", "--approve", "--translated", "--export-xliff", "--check"])
def test_an_old_flag_does_what_its_subcommand_does(flag, tmp_path, capsys):
    """The same command line, old and new, on two copies of a project: the same files, the same report."""
    old, new = OLD[flag]
    results = []
    for name, argv in (("old", old), ("new", new)):
        root = make_scratch(tmp_path / name)
        code = main([str(root / a) if a in ("en.po", "out") else a for a in argv], root=root)
        report = capsys.readouterr()
        results.append((code, snapshot(root / "content"), snapshot(root) if flag == "--export-xliff" else None,
                        report.out.replace(str(root), "ROOT")))
    assert results[0] == results[1] and results[0][0] == 0


@pytest.mark.parametrize("argv, line", [
    (["bild"], "build.py: argument COMMAND: invalid choice: 'bild'"),
    (["check", "--paper", "a4"], "build.py check: unrecognized arguments: --paper a4"),
    (["xliff"], "build.py xliff: the following arguments are required: COMMAND"),
    (["approve"], "build.py approve: the following arguments are required: TOPIC/LANGUAGE"),
    (["build", "--jobs", "many"], "build.py build: argument --jobs/-j: invalid int value: 'many'"),
    (["xliff", "export", EDITION, "--output", "en.xlf"], "build.py xliff export: unrecognized arguments: --output"),
    (["--nonsense"], "build.py: unrecognized arguments: --nonsense"),
])
def test_a_usage_error_is_one_line_exit_2(argv, line, tmp_path, capsys):
    assert main(argv, root=tmp_path) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith(line), err
    assert "Traceback" not in err[0] and not any(tmp_path.iterdir())


def test_only_is_read_the_same_with_or_without_the_command():
    """`python build.py --only a --only b` (the build's options without a command) is `build --only a --only b`."""
    from handouts.cli import parse_args
    old, new = parse_args(["--only", "card.pdf", "--only", "page.html"]), parse_args(["build", "--only", "card.pdf",
                                                                                      "--only", "page.html"])
    assert old.only == new.only == ["card.pdf", "page.html"] and old.command == new.command == "build"
