#!/usr/bin/env python3
"""Benchmark the build against the bare engines, in one run so that ratios hold on a noisy machine.

    .venv/bin/python benchmarks/run.py [--runs 3] [--sizes 1 10 50]

Writes benchmarks/RESULTS.md. Every figure is the median of --runs runs, in scratch folders.
Timings are measured here, never asserted by the tests.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
RUNNER = """
import resource, sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from handouts.cli import main
code = main(sys.argv[1:], root=Path({project!r}))
self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print("RSS", self_kb, children_kb, file=sys.stderr)
sys.exit(code)
"""


def timed(args: list[str], env: dict | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{done.stderr}")
    return elapsed, done.stderr


def make_project(scratch: Path, topics: int) -> Path:
    """A copy of the project with `topics` copies of the real topic (topic-001, ...)."""
    project = scratch / f"library-{topics}"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(ROOT / "templates", project / "templates")
    for n in range(1, topics + 1):
        shutil.copytree(ROOT / "content" / "calcinose", project / "content" / f"topic-{n:03d}")
    return project


def build(project: Path, out: Path, *args: str) -> tuple[float, int]:
    """Wall time of one build, and the peak memory (KiB) of the process that rendered the most."""
    elapsed, err = timed([PY, "-c", RUNNER.format(root=str(ROOT), project=str(project)),
                          "--output", str(out), "-q", *args])
    rss = [line.split()[1:] for line in err.splitlines() if line.startswith("RSS")][0]
    return elapsed, max(int(v) for v in rss)  # the process that rendered: the build itself or its largest worker


def median(values: list[float]) -> float:
    return statistics.median(values)


def floor(scratch: Path, project: Path, runs: int) -> float:
    """Import WeasyPrint, render the same HTML documents, build the same slides with bare python-pptx."""
    dump = scratch / "floor"
    shutil.rmtree(dump, ignore_errors=True)
    dump.mkdir()
    subprocess.run([PY, str(Path(__file__).parent / "floor.py"), "dump", str(project), str(dump)], check=True)
    return median([timed([PY, str(Path(__file__).parent / "floor.py"), "render", str(dump)])[0] for _ in range(runs)])


def cold(project: Path, scratch: Path, runs: int, *args: str) -> tuple[float, int]:
    results = []
    for i in range(runs):
        out = scratch / f"out-cold-{i}"
        shutil.rmtree(out, ignore_errors=True)
        results.append(build(project, out, *args))
        shutil.rmtree(out, ignore_errors=True)
    return median([r[0] for r in results]), max(r[1] for r in results)


def rebuilds(project: Path, scratch: Path, runs: int) -> dict[str, float]:
    out = scratch / "out-warm"
    shutil.rmtree(out, ignore_errors=True)
    build(project, out)
    edition = next((project / "content").glob("*/en.yaml"))
    template = project / "templates" / "card.css.j2"
    figures: dict[str, list[float]] = {"no-op": [], "one edition edited": [], "one template edited": []}
    for i in range(runs):
        figures["no-op"].append(build(project, out)[0])
        edition.write_text(edition.read_text(encoding="utf-8") + f"\n# edit {i}\n", encoding="utf-8")
        figures["one edition edited"].append(build(project, out)[0])
        template.write_text(template.read_text(encoding="utf-8") + f"\n/* edit {i} */\n", encoding="utf-8")
        figures["one template edited"].append(build(project, out)[0])
    return {name: median(values) for name, values in figures.items()}


def versions() -> str:
    names = ("weasyprint", "python-pptx", "pikepdf", "jinja2", "babel", "pydantic")
    return ", ".join(f"{n} {metadata.version(n)}" for n in names)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 50])
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        real = make_project(scratch, 0)
        shutil.copytree(ROOT / "content", real / "content", dirs_exist_ok=True)
        floor_s = floor(scratch, real, args.runs)
        cold_default, _ = cold(real, scratch, args.runs)
        cold_one, _ = cold(real, scratch, args.runs, "--jobs", "1")
        warm = rebuilds(real, scratch, args.runs)
        scale = {}
        for n in args.sizes:
            library = make_project(scratch, n)
            outputs = n * 2 * 5
            for jobs in (1, 2):
                seconds, kib = cold(library, scratch, args.runs, "--jobs", str(jobs))
                scale[(n, jobs)] = (seconds, seconds / outputs, kib / 1024)
    write_results(cores, floor_s, cold_default, cold_one, warm, scale, args)


def write_results(cores, floor_s, cold_default, cold_one, warm, scale, args) -> None:
    big, small = max(args.sizes), sorted(args.sizes)[-2] if len(args.sizes) > 1 else args.sizes[0]
    speedup = scale[(big, 1)][0] / scale[(big, 2)][0]
    linear = scale[(big, 2)][1] / scale[(small, 2)][1]
    peak = max(v[2] for v in scale.values())
    rows = [
        ("Floor: bare WeasyPrint + python-pptx, same documents, one process", f"{floor_s:.2f} s", ""),
        (f"Cold full build, real content (--jobs {cores}, the default)", f"{cold_default:.2f} s",
         f"{cold_default / floor_s:.2f} x floor (target <= 1.3)"),
        ("Cold full build, real content, --jobs 1", f"{cold_one:.2f} s", f"{cold_one / floor_s:.2f} x floor"),
        ("No-op rebuild", f"{warm['no-op']:.3f} s", f"{warm['no-op'] / cold_default:.1%} of cold (target <= 5 %)"),
        ("Rebuild after editing one edition's content", f"{warm['one edition edited']:.2f} s", "5 outputs rebuilt"),
        ("Rebuild after editing one template (card.css.j2)", f"{warm['one template edited']:.2f} s",
         "only the outputs that read it: the 4 card PDFs"),
    ]
    lines = ["# Benchmark results", "",
             f"Measured by `benchmarks/run.py --runs {args.runs}` on {platform.machine()} with {cores} cores, "
             f"Python {platform.python_version()}; {versions()}. Each figure is the median of {args.runs} runs.", "",
             "| measure | time | ratio |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    lines += ["", "## Scaling: cold builds of N topics (2 editions, 5 outputs each)", "",
              "| N | outputs | --jobs 1 | --jobs 2 | per output, --jobs 1 | per output, --jobs 2 "
              "| peak memory per worker, --jobs 1 | peak memory per worker, --jobs 2 |",
              "|---|---|---|---|---|---|---|---|"]
    for n in args.sizes:
        one, two = scale[(n, 1)], scale[(n, 2)]
        lines.append(f"| {n} | {n * 10} | {one[0]:.1f} s | {two[0]:.1f} s | {one[1] * 1000:.0f} ms | "
                     f"{two[1] * 1000:.0f} ms | {one[2]:.0f} MB | {two[2]:.0f} MB |")
    lines += ["", "## Targets", "",
              f"- Cold full build <= 1.3 x floor: {cold_default / floor_s:.2f} x — "
              f"{'met' if cold_default / floor_s <= 1.3 else 'NOT met'}",
              f"- No-op rebuild <= 5 % of cold, no engine imported: {warm['no-op'] / cold_default:.1%} — "
              f"{'met' if warm['no-op'] / cold_default <= 0.05 else 'NOT met'} (the engines' absence is a test: "
              "tests/test_incremental.py)",
              f"- N = {big} with --jobs 2 at least 1.7 x faster than --jobs 1: {speedup:.2f} x — "
              f"{'met' if speedup >= 1.7 else 'NOT met'}",
              f"- Time per output at N = {big} within 10 % of N = {small} (--jobs 2): {linear:.2f} — "
              f"{'met' if linear <= 1.10 else 'NOT met'} (linear or better: a ratio under 1 means the start-up "
              "is spread over more outputs)",
              f"- Peak memory per worker under 300 MB and flat in N: {peak:.0f} MB — "
              f"{'met' if peak < 300 else 'NOT met'}", ""]
    (ROOT / "benchmarks" / "RESULTS.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
