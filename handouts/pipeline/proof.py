"""The proof sheet: output/index.html shows every output at a glance, for approving a release.

This module makes the thumbnails and computes what the sheet shows; its markup is templates/proof.html.j2
(handouts.render.sheets)."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation

from handouts.pipeline.outputs import by_filename
from handouts.render.context import SHEETS
from handouts.writers import write_atomic

THUMB_DPI = 36
TEMPLATE = "proof.html.j2"


@dataclass(frozen=True)
class Entry:
    path: Path
    rendition: str
    paper: str
    pages: int
    unit: str
    titles: tuple[str, ...]
    thumbs: tuple[str, ...]
    talk: str = ""          # a deck: how long its talk runs, from the speaking times of its notes


@dataclass(frozen=True)
class Shown:
    """An entry as the sheet shows it: paths relative to the sheet, the file's size."""

    href: str
    entry: Entry
    kib: str
    thumbs: tuple[str, ...]


def write_proof(output_dir: Path, files: list[Path], warnings: list[str] | None, templates_dir: Path) -> Path:
    """Render thumbnails of the build's outputs and write output_dir/index.html to show them, with what
    the build flagged (an edition past its date of next review) at the top."""
    entries = [describe(path, output_dir) for path in sorted(files)]
    index = output_dir / "index.html"
    write_atomic(index, page(entries, output_dir, warnings or [], templates_dir).encode())
    return index


def describe(path: Path, output_dir: Path) -> Entry:
    """What the registry says of the output, its size in pages or slides, and its thumbnails."""
    output = by_filename(path.name)
    relative = path.relative_to(output_dir)
    paper = relative.parts[0] if relative.parts[0] == "a4" else "letter"
    page = {"paper": paper, "sheet": SHEETS[paper]}.get(output.page, output.page)
    thumbs, titles = THUMBNAILERS[output.format](path, output_dir / "proof" / relative.parent / path.stem)
    talk = ""
    if output.format == "deck":
        from handouts.render.deck.talk import minutes, talk_length
        talk = f"talk about {minutes(talk_length(path)[0])}"
    return Entry(relative, output.label, page, len(thumbs) or len(titles), output.unit, titles, thumbs, talk)


def pdf_proof(path: Path, folder: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return pdf_thumbnails(path, folder), ()


def deck_proof(path: Path, folder: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    titles = tuple(s.shapes.title.text_frame.text if s.shapes.title else "" for s in Presentation(str(path)).slides)
    return deck_thumbnails(path, folder), titles


def pdf_thumbnails(pdf_path: Path, folder: Path) -> tuple[str, ...]:
    import pypdfium2 as pdfium  # the proof extra: python build.py --proof checks that it is installed

    folder.mkdir(parents=True, exist_ok=True)
    pdf = pdfium.PdfDocument(str(pdf_path))
    out = []
    for number in range(len(pdf)):
        target = folder / f"{number + 1:02d}.png"
        pdf[number].render(scale=THUMB_DPI / 72).to_pil().save(target)
        out.append(target)
    pdf.close()
    return tuple(str(p) for p in out)


def deck_thumbnails(deck: Path, folder: Path) -> tuple[str, ...]:
    """Slide pictures through LibreOffice, when it is installed; titles alone otherwise."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return ()
    with tempfile.TemporaryDirectory() as scratch:   # its own profile: another LibreOffice running does not stop it
        profile = (Path(scratch) / "profile").as_uri()
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", scratch, str(deck)], check=True, capture_output=True, timeout=300)
        return pdf_thumbnails(Path(scratch) / f"{deck.stem}.pdf", folder)


def html_proof(path: Path, folder: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A web page: the headings of its sections, read from the file (no picture of it)."""
    from handouts.render.web.read import read_page

    return (), tuple(read_page(path.read_text(encoding="utf-8")).headings)


def docx_proof(path: Path, folder: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A Word document: the paragraphs in Word's heading styles, read from the file (no picture of it)."""
    import docx

    return (), tuple(p.text for p in docx.Document(str(path)).paragraphs
                     if p.style is not None and (p.style.name or "").startswith("Heading "))


THUMBNAILERS = {"pdf": pdf_proof, "deck": deck_proof, "html": html_proof, "docx": docx_proof}


def page(entries: list[Entry], output_dir: Path, warnings: list[str], templates_dir: Path) -> str:
    from handouts.render.sheets import render_sheet

    shown = [Shown(entry.path.as_posix(), entry, f"{(output_dir / entry.path).stat().st_size / 1024:.0f}",
                   tuple(Path(t).relative_to(output_dir).as_posix() for t in entry.thumbs))
             for entry in entries]
    return render_sheet(templates_dir, TEMPLATE, entries=shown, warnings=warnings)
