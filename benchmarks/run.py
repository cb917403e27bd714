#!/usr/bin/env python3
"""Benchmark the build against the bare engines, in one run so that ratios hold on a noisy machine.

    .venv/bin/python benchmarks/run.py [--runs 3] [--cases floor,cold,incremental,library] [--topics 200]

floor: the bare engines making every output of the real content (benchmarks/floor.py); cold: full builds
of the real content; incremental: no-op and one-edit rebuilds of it; library: --topics synthetic topics
(tests/articles.py, two editions each), built cold with --jobs 1 and --jobs 2, then one topic edited, against
the same edit in a one-topic project. Writes benchmarks/RESULTS.md with the cases run. Every figure is the
median of --runs runs, in scratch folders; each has its wall time and its CPU time (user + system of the
build and every process it waited for). Timings are measured here, never asserted by the tests.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from handouts.pipeline.outputs import OUTPUTS  # noqa: E402  (the registry: how many outputs an edition has)

PY = sys.executable
RUNNER = """
import sys
sys.path.insert(0, {root!r})
from pathlib import Path
from handouts.cli import main
sys.exit(main(sys.argv[1:], root=Path({project!r})))
"""
CASES = ("floor", "cold", "incremental", "library")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def tree_rss(pid: int) -> int:
    """The resident memory (KiB) of a process and all its descendants now, read from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, IndexError, ValueError):
            continue
    tree, todo = set(), [pid]
    while todo:
        here = todo.pop()
        tree.add(here)
        todo += [child for child, parent in parents.items() if parent == here and child not in tree]
    return sum(rss.get(p, 0) for p in tree)


class Run:
    """One measured command: wall time, CPU time of it and its children, peak RSS of its process tree."""

    def __init__(self, args: list[str]) -> None:
        cpu = children_cpu()
        start = time.perf_counter()
        process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.peak_kib = 0
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                self.peak_kib = max(self.peak_kib, tree_rss(process.pid))
                done.wait(0.25)

        sampler = threading.Thread(target=sample)
        sampler.start()
        out, err = process.communicate()
        done.set()
        sampler.join()
        self.wall = time.perf_counter() - start
        self.cpu = children_cpu() - cpu
        self.out, self.err = out, err
        if process.returncode != 0:
            raise SystemExit(f"failed: {' '.join(args)}\n{err}")


def make_project(scratch: Path, topics: int) -> Path:
    """A copy of the project's templates with `topics` synthetic topics (tests/articles.py), two editions each."""
    sys.path.insert(0, str(ROOT / "tests"))
    from articles import Shape, article, write
    project = scratch / f"library-{topics}"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(ROOT / "templates", project / "templates")
    for n in range(1, topics + 1):
        for lang in ("en-CA", "fr-CA"):
            write(project / "content", f"topic-{n:03d}", article(Shape(sections=3, lists=True, figures=("stat",),
                                                                       lang=lang)))
    return project


def build(project: Path, out: Path, *args: str) -> Run:
    return Run([PY, "-c", RUNNER.format(root=str(ROOT), project=str(project)), "--output", str(out), "-q", *args])


def floor(scratch: Path, project: Path, runs: int) -> list[Run]:
    """Import the engines, make every output of the registry from what the build hands them, bare."""
    dump = scratch / "floor"
    shutil.rmtree(dump, ignore_errors=True)
    dump.mkdir()
    subprocess.run([PY, str(Path(__file__).parent / "floor.py"), "dump", str(project), str(dump)], check=True)
    return [Run([PY, str(Path(__file__).parent / "floor.py"), "render", str(dump)]) for _ in range(runs)]


def cold(project: Path, scratch: Path, runs: int, *args: str) -> list[Run]:
    results = []
    for i in range(runs):
        out = scratch / f"out-cold-{i}"
        shutil.rmtree(out, ignore_errors=True)
        results.append(build(project, out, *args))
        shutil.rmtree(out, ignore_errors=True)
    return results


def edit_content(edition: Path, i: int) -> None:
    edition.write_text(edition.read_text(encoding="utf-8") + f"\n# edit {i}\n", encoding="utf-8")


def rebuilds(project: Path, scratch: Path, runs: int) -> dict[str, list[Run]]:
    out = scratch / "out-warm"
    shutil.rmtree(out, ignore_errors=True)
    build(project, out)
    edition = next((project / "content").glob("*/en.yaml"))
    template = project / "templates" / "card.css.j2"
    figures: dict[str, list[Run]] = {"no-op": [], "one edition edited": [], "one template edited": []}
    for i in range(runs):
        figures["no-op"].append(build(project, out))
        edit_content(edition, i)
        figures["one edition edited"].append(build(project, out))
        template.write_text(template.read_text(encoding="utf-8") + f"\n/* edit {i} */\n", encoding="utf-8")
        figures["one template edited"].append(build(project, out))
    return figures


def library_case(scratch: Path, topics: int, runs: int) -> dict[str, list[Run]]:
    """Cold builds of the library with one and two workers; then one topic's edition edited, in the library
    and in a one-topic project (each built first), the rebuild timed until done."""
    library = make_project(scratch, topics)
    figures: dict[str, list[Run]] = {"cold --jobs 1": [], "cold --jobs 2": [], "edit in library": [],
                                     "edit in one-topic project": []}
    for jobs in (1, 2):
        figures[f"cold --jobs {jobs}"] = cold(library, scratch, runs, "--jobs", str(jobs))
    single = make_project(scratch, 1)
    for project, name in ((library, "edit in library"), (single, "edit in one-topic project")):
        out = scratch / f"out-edit-{project.name}"
        shutil.rmtree(out, ignore_errors=True)
        build(project, out, "--jobs", "2")
        edition = project / "content" / "topic-001" / "en.yaml"
        for i in range(runs):
            edit_content(edition, i)
            figures[name].append(build(project, out, "--jobs", "2"))
    return figures


def median(runs: list[Run], what: str = "wall") -> float:
    return statistics.median(getattr(run, what) for run in runs)


def versions() -> str:
    names = ("weasyprint", "python-pptx", "pikepdf", "jinja2", "babel", "pydantic")
    return ", ".join(f"{n} {metadata.version(n)}" for n in names)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cases", default=",".join(CASES), help="of: " + ",".join(CASES))
    parser.add_argument("--topics", type=int, default=200, help="the library case's number of topics")
    args = parser.parse_args()
    cases = [c for c in args.cases.split(",") if c]
    if unknown := set(cases) - set(CASES):
        parser.error(f"unknown cases: {', '.join(sorted(unknown))}")
    measured: dict[str, dict[str, list[Run]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        real = scratch / "real"
        shutil.copytree(ROOT / "templates", real / "templates")
        shutil.copytree(ROOT / "content", real / "content")
        if "floor" in cases:
            measured["floor"] = {"floor": floor(scratch, real, args.runs)}
        if "cold" in cases:
            measured["cold"] = {"default": cold(real, scratch, args.runs),
                                "--jobs 1": cold(real, scratch, args.runs, "--jobs", "1")}
        if "incremental" in cases:
            measured["incremental"] = rebuilds(real, scratch, args.runs)
        if "library" in cases:
            measured["library"] = library_case(scratch, args.topics, args.runs)
    write_results(measured, args)


def timing(runs: list[Run]) -> str:
    return f"{median(runs):.2f} s wall, {median(runs, 'cpu'):.2f} s CPU"


def write_results(measured: dict[str, dict[str, list[Run]]], args: argparse.Namespace) -> None:
    cores = os.cpu_count() or 1
    lines = ["# Benchmark results", "",
             f"Measured by `benchmarks/run.py --runs {args.runs} --cases {args.cases}"
             f"{f' --topics {args.topics}' if 'library' in measured else ''}` on {dt.date.today().isoformat()}, "
             f"{platform.machine()} with {cores} cores, Python {platform.python_version()}; {versions()}. "
             f"Each figure is the median of {args.runs} run(s): wall time, and CPU time (user + system of the build "
             "and every process it waited for: its workers, Hunspell). The machine was shared with other work "
             "while it ran: wall times are noisy, CPU times less so. Only the cases named above were run.", ""]
    floor_runs = measured.get("floor", {}).get("floor")
    if floor_runs:
        lines += ["## Floor", "", "The bare engines making every output of the registry for the real content "
                  "(benchmarks/floor.py), one process: " + timing(floor_runs) + ".", ""]
    if "cold" in measured:
        rows = measured["cold"]
        lines += ["## Cold builds of the real content", "", "| build | time | CPU / floor's CPU |", "|---|---|---|"]
        for name, runs in rows.items():
            ratio = f"{median(runs, 'cpu') / median(floor_runs, 'cpu'):.2f} x" if floor_runs else ""
            lines.append(f"| {'--jobs ' + str(cores) + ' (the default)' if name == 'default' else name} | "
                         f"{timing(runs)} | {ratio} |")
        lines.append("")
    if "incremental" in measured:
        lines += ["## Rebuilds of the real content", "", "| rebuild | time |", "|---|---|"]
        lines += [f"| {name} | {timing(runs)} |" for name, runs in measured["incremental"].items()]
        lines.append("")
    if "library" in measured:
        rows, n = measured["library"], args.topics
        one, two = rows["cold --jobs 1"], rows["cold --jobs 2"]
        outputs = n * 2 * len(OUTPUTS)
        talks = [o.filename for o in OUTPUTS if o.whole_topic]   # remade in the other edition too
        lines += [f"## A library of N = {n} synthetic topics (2 editions each, {outputs} outputs)", "",
                  "| measure (N = " + str(n) + ") | time | peak RSS of the process tree |", "|---|---|---|"]
        for name, runs in rows.items():
            lines.append(f"| {name} | {timing(runs)} | {max(r.peak_kib for r in runs) / 1024:.0f} MB |")
        lines += ["", f"- Speedup of --jobs 2 over --jobs 1 at N = {n}: {median(one) / median(two):.2f} x wall "
                  f"(the CPU time of --jobs 2 is {median(two, 'cpu') / median(one, 'cpu'):.2f} x that of --jobs 1)",
                  f"- Per output at N = {n}: {median(one) / outputs * 1000:.0f} ms (--jobs 1), "
                  f"{median(two) / outputs * 1000:.0f} ms (--jobs 2), wall",
                  f"- An edit of one topic (its en edition: {len(OUTPUTS) + len(talks)} outputs rebuilt, its "
                  f"{len(OUTPUTS)} and the other edition's {' and '.join(talks)}): "
                  f"{median(rows['edit in library']):.2f} s in the {n}-topic library against "
                  f"{median(rows['edit in one-topic project']):.2f} s in a one-topic project (wall; "
                  f"{median(rows['edit in library'], 'cpu'):.2f} s against "
                  f"{median(rows['edit in one-topic project'], 'cpu'):.2f} s CPU)", ""]
    (ROOT / "benchmarks" / "RESULTS.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
