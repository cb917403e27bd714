"""The command line: one-line messages for every user mistake, never a traceback."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import Project, build
from .context import PAPERS
from .errors import HandoutError


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="build.py", description="Build every handout of content/ into output/.")
    parser.add_argument("--output", type=Path, default=None, help="output folder (default: output/)")
    parser.add_argument("--paper", choices=sorted(PAPERS), default="letter", help="paper size (default: letter)")
    parser.add_argument("--check", action="store_true", help="validate the content, render nothing")
    parser.add_argument("--proof", action="store_true", help="also write output/index.html, a proof sheet of every output")
    parser.add_argument("--strict", action="store_true", help="fail on any WeasyPrint warning (bad CSS, missing resource)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    args = parse_args(argv)
    project = Project((root or Path(__file__).resolve().parent.parent))
    output_dir = args.output or project.root / "output"
    try:
        written = build(project, output_dir, paper=args.paper, check=args.check, strict=args.strict)
    except HandoutError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return exc.exit_code
    if args.proof and not args.check:
        from .proof import write_proof  # thumbnails need pdfium and, for decks, LibreOffice

        write_proof(output_dir, written)
    if not args.quiet:
        print("content is valid" if args.check else f"built {len(written)} files into {_shown(output_dir)}")
    return 0


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix() + "/"
    except ValueError:
        return path.as_posix()
