"""Scan benchmark: audit a folder of real articles without corroboration and print words per second
and peak memory, in one process and with all cores.

    python bench/scan.py ../shared/eval/polnear/train/text [--jobs N] [--repeat 3]

What is timed is the per-document pipeline (ingest, segment, extract, claim rules, score) with the
store off; start-up (compiling lexicons, registry and rules) is reported separately.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from audit.ingest import ingest  # noqa: E402
from audit.pipeline import Auditor  # noqa: E402
from audit.score import score_claim  # noqa: E402

_AUDITOR: Auditor | None = None


def _init() -> None:
    global _AUDITOR
    _AUDITOR = Auditor()


def _audit_files(paths: list[str]) -> tuple[int, int]:
    documents, _ = ingest(paths, _AUDITOR.registry)
    words = claims = 0
    for doc in documents:
        found = _AUDITOR.analyse(doc)
        for c in found:
            score_claim(c)
        words += doc.words
        claims += len(found)
    return words, claims


def _peak_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", help="folder of .txt articles, e.g. ../shared/eval/polnear/train/text")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes for the parallel run")
    parser.add_argument("--repeat", type=int, default=3, help="best of N single-process runs")
    args = parser.parse_args()
    files = sorted(str(p) for p in Path(args.folder).iterdir() if p.suffix in (".txt", ".md"))
    if not files:
        sys.exit(f"no .txt or .md files in {args.folder}")

    t0 = time.perf_counter()
    _init()
    startup = time.perf_counter() - t0
    best = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        words, claims = _audit_files(files)
        best = min(best, time.perf_counter() - t0)
    print(f"documents {len(files)}  words {words:,}  claims {claims:,}  start-up {startup:.2f} s")
    print(f"single process: {best:.2f} s  {words / best:,.0f} words/s  peak RSS {_peak_mib():.0f} MiB")

    chunks = [files[i::args.jobs * 4] for i in range(args.jobs * 4)]
    t0 = time.perf_counter()
    with ProcessPoolExecutor(args.jobs, initializer=_init) as pool:
        totals = list(pool.map(_audit_files, chunks))
    elapsed = time.perf_counter() - t0
    words = sum(w for w, _ in totals)
    print(f"{args.jobs} processes:    {elapsed:.2f} s  {words / elapsed:,.0f} words/s (start-up included)  "
          f"peak RSS per process {_peak_mib():.0f} MiB")


if __name__ == "__main__":
    main()
