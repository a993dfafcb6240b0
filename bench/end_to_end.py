"""End-to-end benchmark: what a user runs, each figure also as a ratio to a reference measured in the
same run, so that a loaded or slower machine still gives comparable figures.

    python bench/end_to_end.py ../shared/eval/polnear/train/text [--jobs 2] [--claims 100000]

DIR is copied to a scratch folder first, so that one file can be changed. Runs, each as its own process
from a working folder with the default store, .audit/audit.db:
1. `audit scan DIR --format json` with a fresh store;
2. the same again, unchanged (the stored run is taken whole);
3. `audit check DIR --format json` with nothing changed (the stored run is taken whole);
4. `audit scan DIR --format json` after one sentence is added to one file (the other analyses come from
   the store's cache);
5. `audit check FILE` of that one file against the store;
6. `audit scan DIR --format json --jobs N` with a fresh store;
and `bench/corroborate.py`'s corroboration of --claims claims (the stage alone, as that script times it).
It also prints the store's size after the first run and after the next four, against the text's size, with
the size of each table and index (SQLite's dbstat, where the sqlite3 module has it). `--store-only` runs
the five store runs alone, without the references, the `--jobs` run and the corroboration figure: the
sizes are the same, the timings are not bracketed.

The reference is a plain regex tokenisation of the same files, `re.findall(r"\\w+", text)` over every
file, run as a process of its own and timed the same way (wall clock from start to exit, peak RSS):
the median of three runs right before and three right after each measurement, as one short run
varies several-fold on a loaded machine. Each figure is printed with its ratio to that reference:
time x ref, words/s as a fraction of the reference's, peak memory x ref, CPU time (of the process and
the workers it waited for) x ref. It prints; it asserts nothing.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")
REFERENCE_RUNS = 3
ROOT = Path(__file__).resolve().parent.parent
REFERENCE = """
import re, sys
from pathlib import Path
from typing import Callable, TypeVar
words = 0
for path in sorted(Path(sys.argv[1]).rglob("*")):
    if path.is_file():
        words += len(re.findall(r"\\w+", path.read_text(encoding="utf-8", errors="replace")))
print(words)
"""
AUDITED_WORDS = """
import json, sys
print(sum(d["words"] for d in json.load(open(sys.argv[1], encoding="utf-8"))["documents"]))
"""


@dataclass
class Measured:
    seconds: float
    peak_mib: float
    cpu_seconds: float = 0.0      # user + system time of the process and the children it waited for


ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


def measure(command: list[str], cwd: Path, stdout: Path) -> Measured:
    """Run a command to its end, its output to a file: wall-clock seconds, the peak RSS of its largest
    process and CPU seconds. (This process stays small: a child's peak RSS counts the pages it shared
    at fork.)"""
    with stdout.open("wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"{' '.join(command)} exited {os.waitstatus_to_exitcode(status)}")
    return Measured(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def python_output(source: str, *args: str) -> str:
    return subprocess.run([sys.executable, "-c", source, *args], check=True, capture_output=True, text=True).stdout


def reference(folder: Path, scratch: Path) -> tuple[Measured, int]:
    measured = measure([sys.executable, "-c", REFERENCE, str(folder)], folder, scratch / "reference.txt")
    return measured, int((scratch / "reference.txt").read_text())


def bracketed(folder: Path, scratch: Path, run: Callable[[], T]) -> tuple[T, Measured, int]:
    """`run()` with the median reference of three runs before it and three after it."""
    refs = [reference(folder, scratch) for _ in range(REFERENCE_RUNS)]
    result = run()
    refs += [reference(folder, scratch) for _ in range(REFERENCE_RUNS)]
    median = Measured(*(statistics.median(getattr(r, field) for r, _ in refs)
                        for field in ("seconds", "peak_mib", "cpu_seconds")))
    return result, median, refs[0][1]


def scan(folder: Path, cwd: Path, *options: str, command: str = "scan") -> tuple[Measured, int]:
    """`audit COMMAND FOLDER --format json` in `cwd`: the measurement and the words audited."""
    output = cwd / "scan.json"
    measured = measure([sys.executable, "-m", "audit.cli", command, str(folder), "--format", "json", *options],
                       cwd, output)
    return measured, int(python_output(AUDITED_WORDS, str(output)))


def change_one_file(folder: Path) -> Path:
    """Add a sentence to the first file: one changed document."""
    path = sorted(p for p in folder.rglob("*") if p.is_file())[0]
    with path.open("a", encoding="utf-8") as f:
        f.write("\n\nOfficials said on Monday that 12 more people had been questioned.\n")
    return path


def store_size(cwd: Path, text_bytes: int) -> str:
    """The store's size against the text's, then each table's and index's of more than 10 kB."""
    database = cwd / ".audit" / "audit.db"
    size = database.stat().st_size
    lines = [f"{size / 1e6:.2f} MB, {size / text_bytes:.2f}x the text"]
    try:
        with contextlib.closing(sqlite3.connect(database)) as conn:
            tables = conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
    except sqlite3.Error:        # a sqlite3 built without dbstat
        tables = []
    lines += [f"    {name:<36} {pages / 1e6:>6.2f} MB" for name, pages in tables if pages > 10_000]
    return "\n".join(lines)


def row(name: str, run: Measured, words: int, ref: Measured, ref_words: int) -> str:
    rate, ref_rate = words / run.seconds, ref_words / ref.seconds
    return (f"{name:<28} {run.seconds:>8.2f} s {run.seconds / ref.seconds:>7.1f}x ref   "
            f"{rate:>10,.0f} words/s {rate / ref_rate:>7.3f} of ref   "
            f"{run.peak_mib:>6.0f} MiB {run.peak_mib / ref.peak_mib:>6.1f}x ref   "
            f"{run.cpu_seconds:>7.2f} cpu s {run.cpu_seconds / ref.cpu_seconds:>6.1f}x ref")


def corroboration_seconds(folder: Path, claims: int) -> float:
    """bench/corroborate.py's timing of the corroboration stage on `claims` claims, in a process of its own."""
    sys.path.insert(0, str(ROOT / "bench"))
    from corroborate import base_sentences, measure

    return measure(base_sentences(folder), claims)["seconds"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="folder of articles, e.g. ../shared/eval/polnear/train/text")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the third run")
    parser.add_argument("--claims", type=int, default=100_000, help="claims for the corroboration figure")
    parser.add_argument("--store-only", action="store_true",
                        help="only the five runs on one store, for its sizes: no references, --jobs run or corroboration")
    args = parser.parse_args()
    print(f"{args.folder.resolve()}: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")
    print(f"{'run':<28} {'time':>10} {'':>11}   {'throughput':>18} {'':>14}   {'peak memory':>10} {'':>9}   "
          f"{'cpu time':>11}")
    with tempfile.TemporaryDirectory() as first, tempfile.TemporaryDirectory() as second:
        folder = Path(first) / "corpus"
        shutil.copytree(args.folder.resolve(), folder)
        text_bytes = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        changed: list[Path] = []
        runs = [("scan, fresh store", Path(first), "scan", (), None),
                ("scan, unchanged re-run", Path(first), "scan", (), None),
                ("check DIR, unchanged re-run", Path(first), "check", ("--exit-zero",), None),
                ("scan, one file changed", Path(first), "scan", (), lambda: changed.append(change_one_file(folder))),
                ("check one file, large store", Path(first), "check", ("--exit-zero",), None),
                (f"scan --jobs {args.jobs}, fresh store", Path(second), "scan", ("--jobs", str(args.jobs)), None)]
        if args.store_only:
            runs = runs[:5]
        for name, cwd, command, options, before in runs:
            if before:
                before()
            target = changed[0] if name.startswith("check one file") else folder
            if args.store_only:
                run, words = scan(target, cwd, *options, command=command)
                print(f"{name:<28} {run.seconds:>8.2f} s   {run.cpu_seconds:>7.2f} cpu s   {run.peak_mib:>6.0f} MiB")
            else:
                (run, words), ref, ref_words = bracketed(folder, Path(second),
                                                         lambda: scan(target, cwd, *options, command=command))
                print(row(name, run, words, ref, ref_words))
                print(row("  reference (regex words)", ref, ref_words, ref, ref_words))
            if cwd == Path(first):
                print(f"  store: {store_size(cwd, text_bytes)}")
        if args.store_only:
            return
        seconds, ref, _ = bracketed(folder, Path(second), lambda: corroboration_seconds(folder, args.claims))
    print(f"corroborate {args.claims:,} claims     {seconds:>8.2f} s {seconds / ref.seconds:>7.1f}x ref "
          f"(reference {ref.seconds:.2f} s)")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
