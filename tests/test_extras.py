"""The optional features (extras of pyproject.toml): a command whose extra is not installed says in one line
which extra to install, exit 2, before it builds or writes anything; pyproject.toml's extras hold their packages."""
from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest

from handouts.cli import EXTRAS, main

ROOT = Path(__file__).resolve().parent.parent

# each option that needs an extra: its arguments and the extra
OPTIONS = {
    "--proof": (["--proof", "-q"], "proof"),
    "--watch": (["--watch", "-q"], "watch"),
    "--export-xliff": (["--export-xliff", "hand-care/en"], "xliff"),
    "--import-xliff": (["--import-xliff", "hand-care-en.xlf"], "xliff"),
}


@pytest.mark.parametrize("option", sorted(OPTIONS))
def test_a_command_without_its_extra_says_which_to_install(tmp_path, capsys, monkeypatch, option):
    args, extra = OPTIONS[option]
    for module in EXTRAS[extra]:
        monkeypatch.setitem(sys.modules, module, None)   # as if not installed: importing it raises ImportError
    assert main([*args, "--output", str(tmp_path / "out")], root=tmp_path) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [f"{option} needs the '{extra}' extra ({next(iter(EXTRAS[extra].values()))} is not "
                                f"installed): pip install -e '.[{extra}]'"]
    assert list(tmp_path.iterdir()) == []


def test_the_extras_of_pyproject_hold_the_packages_the_commands_need():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["optional-dependencies"]

    def packages(requirements: list[str]) -> set[str]:
        """The names of the requirements, an extra of the project itself ("handouts[proof,watch]") expanded."""
        out: set[str] = set()
        for requirement in requirements:
            name = re.split(r"[\s<>=!~\[;]", requirement, maxsplit=1)[0].lower()
            if name == project["name"]:
                for extra in re.findall(r"\[(.*?)\]", requirement)[0].split(","):
                    out |= packages(declared[extra.strip()])
            else:
                out.add(name)
        return out

    required = packages(project["dependencies"])
    for extra, modules in EXTRAS.items():
        wanted = set(modules.values())
        assert wanted <= packages(declared[extra]) and wanted <= packages(declared["all"]), extra
        assert not wanted & required, f"{extra}: its packages are optional, not in dependencies"
    assert packages(declared["all"]) <= packages(declared["test"])   # the tests exercise every optional feature
