"""Build every output once per test session into a temporary folder; tests read the finished files."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from handouts.cli import main
from handouts.fonts import FONT_DIR

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The output folder of one full build of the real content."""
    out = tmp_path_factory.mktemp("output")
    assert main(["--output", str(out), "-q", "--strict"]) == 0
    return out


@pytest.fixture(scope="session")
def editions(built) -> list[Path]:
    return sorted(p for p in built.glob("*/*") if p.is_dir())


@pytest.fixture
def project(tmp_path) -> Path:
    """A scratch copy of the project's content and templates, to edit in a test."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder and its bytes (the hidden build state is not an output)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def pdftotext(path: Path) -> str:
    """Text of a PDF through poppler, an independent reader."""
    return subprocess.run(["pdftotext", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def flat(text: str) -> str:
    """Whitespace of any kind (no-break spaces, line breaks) folded to one space."""
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


def soffice_pdf(deck: Path, out: Path, env: dict[str, str]) -> Path:
    """Convert a deck to PDF with LibreOffice, an independent reader of PPTX."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.fail("LibreOffice (soffice) is not installed: see README, test set-up")
    subprocess.run([exe, "--headless", "--convert-to", "pdf", "--outdir", str(out), str(deck)],
                   check=True, capture_output=True, env=env, timeout=180)
    return out / (deck.stem + ".pdf")
