"""Populations of death figures against the gaza-canada `victim` label (issue 9).

    python bench/populations.py DATA_DIR [--show N]

DATA_DIR is the gaza-canada folder (or the eval folder holding it). The corpus is converted with
bench/gaza_canada.py and run through the real CLI (`audit scan --format json --no-store`). Every figure the
tool reads as a death toll (measure `killed`) in a sentence whose hand label names one population
(`victim` Israeli or Palestinian) is compared with that label: agreement when the figure's population is of
that side (its group: "israeli", "israeli soldiers"; "palestinian", "palestinian children"). Printed:
agreement over the figures given a population, how many were given none (counted as disagreeing in the
strict figure), and the confusion by label. Nothing from the data is committed.
"""
from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gaza_canada  # noqa: E402
from pairs import run_cli  # noqa: E402

SIDES = {"Israeli": "israeli", "Palestinian": "palestinian"}
# Members of a Palestinian armed group are Palestinians to the `victim` label ("1,500 Hamas militants").
GROUP_SIDES = {"hamas": "palestinian", "islamic jihad": "palestinian"}


def labels(data_dir: Path) -> dict[tuple[str, int], str]:
    """(paper, row key) -> the sentence's `victim` label."""
    out = {}
    for paper in gaza_canada.PAPERS:
        with (data_dir / f"{paper}_sentences.csv").open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                out[(paper, int(row[""]))] = row["victim"]
    return out


def death_figures(contract: dict, records: list[dict], victim: dict) -> list[tuple[str, str | None, str, str]]:
    """(label, population, figure text, sentence) of every death figure in a sentence labelled one side."""
    rows = {r["id"]: r["rows"] for r in records}
    out = []
    for claim in contract["claims"]:
        paper = claim["document"].split("-")[0]
        for q in claim["quantities"]:
            if q.get("measure") != "killed" or q.get("kind") not in ("count",):
                continue
            row = next((k for k, s, e in rows.get(claim["document"], ()) if s <= q["start"] < e), None)
            label = victim.get((paper, row)) if row is not None else None
            if label in SIDES:
                out.append((label, q.get("population"), q["text"], claim["text"]))
    return out


def agrees(label: str, population: str | None) -> bool:
    if population is None:
        return False
    side = next((s for group, s in GROUP_SIDES.items() if f"{population} ".startswith(f"{group} ")), None)
    return (side or (population.split() or [""])[0]) == SIDES[label]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--show", type=int, default=0, help="print this many disagreements")
    args = ap.parse_args()
    data = args.data_dir if (args.data_dir / "globe_sentences.csv").exists() else args.data_dir / "gaza-canada"
    scratch = Path(tempfile.mkdtemp(prefix="populations-"))
    try:
        converted = scratch / "gc.jsonl"
        gaza_canada.main([str(data), str(converted)])
        records = [json.loads(line) for line in converted.read_text(encoding="utf-8").splitlines()]
        figures = death_figures(run_cli([converted.name], scratch), records, labels(data))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    given = [f for f in figures if f[1] is not None]
    hits = sum(agrees(label, pop) for label, pop, _, _ in given)
    print(f"death figures in sentences labelled Israeli or Palestinian: {len(figures)}")
    print(f"agreement where a population is given: {hits / max(len(given), 1):.3f} ({hits}/{len(given)})")
    print(f"no population given: {len(figures) - len(given)}; "
          f"strict agreement (none counts as wrong): {hits / max(len(figures), 1):.3f}")
    confusion = Counter((label, (pop or "none").split()[0]) for label, pop, _, _ in figures)
    for (label, side), n in sorted(confusion.items()):
        print(f"  {label:12} -> {side:14} {n}")
    for label, pop, text, sentence in [f for f in given if not agrees(f[0], f[1])][:args.show]:
        print(f"- {label} / {pop}: {text} | {sentence[:200]}")


if __name__ == "__main__":
    main()
