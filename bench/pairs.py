"""Judged claim pairs benchmark: how the tool's links compare with pairs judged by hand (issue 9).

    python bench/pairs.py DATA_DIR [--polnear DIR] [--keep DIR]

DATA_DIR is the eval folder holding `gaza-canada/` and `polnear/train/text/` (or the gaza-canada folder
itself; PolNeAR is then looked for at DATA_DIR/../polnear/train/text, or give --polnear). Nothing from
the data is committed: the articles are read from DATA_DIR at run time.

What it does:
1. converts gaza-canada with bench/gaza_canada.py and runs the real CLI on it
   (`audit scan gc.jsonl --format json --no-store`); copies the PolNeAR train articles that
   tests/fixtures/pairs/polnear.tsv names into a scratch folder and runs the CLI on them the same way;
2. maps each judged pair's sentence span to the tool's claims (every claim of that document whose
   span overlaps the sentence's offsets) and collects the links between a claim of one side and a claim
   of the other, in either direction;
3. prints, separately for `tune` and `heldout`:
   - conflict precision: of the pairs with a link the tool calls conflicting, the share judged `conflict`;
   - update recall: of the pairs judged `update`, the share linked by something that names an update or
     a revision: a relation or any other link field whose value contains "update" or "revision". Today
     no relation does; the current tool writes "revision X then Y ..., not a conflict" into a
     corroborates/echoes link's `why`, and that counts; and, besides, the share linked so or whose sides
     give two values of one figure timeline that relate as an update or a revision down (each timeline's
     `reports` in the JSON: the tool told them as one running count, linking each report to the nearest
     earlier ones, not to every earlier one),
     with the precision of that reading: of the pairs whose sides give two values of one timeline, the
     share judged `update` or `revision_down`;
   - corroborates precision: of the pairs with a `corroborates` link, the share judged `corroborates`,
     `compatible` or `copy`;
   - copy recall: of the pairs judged `copy`, the share linked as `echoes` or by a relation or `why`
     naming a copy;
   each with its counts, and a table of judged label by the tool's strongest relation;
4. prints the same two figures on the figures alone, whether or not matching linked the claims: of the
   pairs judged `update`, the share where a figure of one side and a figure of the other (as the JSON
   reads them, frames included) relate as an update or a revision down (`audit.quantities.relation`);
   of the pairs with a figure pair that relates as conflicting, the share judged `conflict`. This
   separates reading figures as frames from matching claims.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import gaza_canada  # noqa: E402

from audit.models import Quantity  # noqa: E402
from audit.quantities import relation  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "pairs"
COLUMNS = ["id", "split", "a_doc", "a_start", "a_end", "b_doc", "b_start", "b_end", "a_date", "b_date",
           "label", "note"]
TEXT_COLUMNS = ["a_text", "b_text"]
LABELS = ("conflict", "update", "revision_down", "compatible", "part", "different_measure",
          "different_population", "different_event", "copy", "corroborates", "contradicts")
SPLITS = ("tune", "heldout")
_UPDATE_WHY = re.compile(r"\b(revision|revised|update[sd]?)\b[^;]*\bthen\b|revision_down")
_COPY_WHY = re.compile(r"verbatim copy|\bcopy;")
RELATIONS = ("conflict", "update", "copy", "corroborates", "other")   # strongest first, as tallied
REVISED = {"update", "revision_down"}


@dataclass
class Pair:
    id: str
    split: str
    source: str                 # gaza_canada | polnear
    a: tuple[str, int, int]
    b: tuple[str, int, int]
    label: str
    relations: set[str] = field(default_factory=set)        # normalised: conflict, corroborates, copy, ...
    figure_relations: set[str] = field(default_factory=set)  # between the two sides' figures, linked or not
    mapped: bool = True         # both sides map to at least one claim
    one_timeline: bool = False  # a claim of each side gives another value of one figure timeline


def read_pairs(path: Path) -> list[dict]:
    """Rows of a pairs TSV, `#` comment lines skipped."""
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def load_pairs(fixtures: Path = FIXTURES) -> list[Pair]:
    out = []
    for name in ("gaza_canada", "polnear"):
        for r in read_pairs(fixtures / f"{name}.tsv"):
            out.append(Pair(r["id"], r["split"], name, (r["a_doc"], int(r["a_start"]), int(r["a_end"])),
                            (r["b_doc"], int(r["b_start"]), int(r["b_end"])), r["label"]))
    return out


def run_cli(inputs: list[str], cwd: Path) -> dict:
    """`audit scan INPUTS --format json --no-store` with this worktree's code, as the JSON contract."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    code = "import sys; sys.argv[0] = 'audit'; from audit.cli import main; main()"
    proc = subprocess.run([sys.executable, "-c", code, "scan", *inputs, "--format", "json", "--no-store"],
                          cwd=cwd, env=env, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"audit scan failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


def normalise(link: dict) -> set[str]:
    """The relations a link names, in this benchmark's terms (tolerant of renamed relations)."""
    rel = str(link.get("relation", "")).lower()
    out = set()
    if rel.startswith("conflict") or rel in ("contradicts", "contradicting"):
        out.add("conflict")
    elif rel.startswith("corroborat"):
        out.add("corroborates")
    elif rel.startswith("echo") or "copy" in rel or "copies" in rel:
        out.add("copy")
    elif rel:
        out.add("other")
    why = str(link.get("why", "")).lower()
    if _UPDATE_WHY.search(why):
        out.add("update")
    if _COPY_WHY.search(why):
        out.add("copy")
    for key, value in link.items():             # the figure relation as a field of its own (issue 9)
        if key in ("claim", "why", "relation", "similarity"):
            continue
        text = (value if isinstance(value, str) else json.dumps(value)).lower()
        if "update" in text or "revision" in text:
            out.add("update")
    return out


class Links:
    """Claims by document and the links between claims, from one JSON contract."""

    def __init__(self, contract: dict):
        self.by_doc: dict[str, list[tuple[int, int, str]]] = {}
        self.links: dict[tuple[str, str], list[dict]] = {}
        self.figures: dict[str, list[Quantity]] = {}
        self.values: dict[str, list[tuple[int, Quantity]]] = {}    # claim -> (timeline, value) it reports
        for t, timeline in enumerate(contract.get("timelines", [])):
            for point in timeline.get("reports") or timeline["points"]:    # every report, else each day's point
                value = Quantity(point["text"], 0, 0, point["low"], point["high"], measure=timeline["measure"],
                                 population=timeline["population"], scope=timeline["scope"], as_of=point["as_of"],
                                 tally="running_total")
                for cid in point["claims"]:
                    self.values.setdefault(cid, []).append((t, value))
        for c in contract["claims"]:
            self.figures[c["id"]] = [Quantity(**q) for q in c["quantities"] if q["kind"] == "count" and not q["vague"]]
            self.by_doc.setdefault(c["document"], []).append((c["start"], c["end"], c["id"]))
            for link in c.get("corroboration", {}).get("links", []):
                self.links.setdefault((c["id"], link["claim"]), []).append(link)

    def claims(self, doc: str, start: int, end: int) -> list[str]:
        return [cid for s, e, cid in self.by_doc.get(doc, ()) if s < end and e > start]

    def relate(self, pair: Pair) -> None:
        a, b = self.claims(*pair.a), self.claims(*pair.b)
        pair.mapped = bool(a and b)
        for x in a:
            for y in b:
                for link in self.links.get((x, y), []) + self.links.get((y, x), []):
                    pair.relations |= normalise(link)
                pair.figure_relations |= {str(relation(q, r)) for q in self.figures[x] for r in self.figures[y]}
                pair.one_timeline |= any(t == u and str(relation(v, w)) in REVISED for t, v in self.values.get(x, ())
                                         for u, w in self.values.get(y, ()))


def strongest(relations: set[str]) -> str:
    return next((r for r in RELATIONS if r in relations), "none")


def ratio(hit: int, n: int) -> str:
    return f"{hit / n:.2f} ({hit}/{n})" if n else "n/a (0/0)"


def report(pairs: list[Pair], split: str) -> list[str]:
    ps = [p for p in pairs if p.split == split]
    tool_conf = [p for p in ps if "conflict" in p.relations]
    updates = [p for p in ps if p.label == "update"]
    tool_corr = [p for p in ps if "corroborates" in p.relations]
    timed = [p for p in ps if p.one_timeline]
    copies = [p for p in ps if p.label == "copy"]
    out = [f"## {split}: {len(ps)} pairs ({sum(p.source == 'gaza_canada' for p in ps)} gaza-canada, "
           f"{sum(p.source == 'polnear' for p in ps)} PolNeAR; {sum(not p.mapped for p in ps)} with a side "
           "that maps to no claim)",
           f"conflict precision      {ratio(sum(p.label == 'conflict' for p in tool_conf), len(tool_conf))}",
           f"update recall           {ratio(sum('update' in p.relations for p in updates), len(updates))}",
           f"  linked or in one timeline "
           f"{ratio(sum('update' in p.relations or p.one_timeline for p in updates), len(updates))}",
           f"  two values of one timeline: judged one count told again "
           f"{ratio(sum(p.label in REVISED for p in timed), len(timed))}",
           f"corroborates precision  "
           f"{ratio(sum(p.label in ('corroborates', 'compatible', 'copy') for p in tool_corr), len(tool_corr))}",
           f"copy recall             {ratio(sum('copy' in p.relations for p in copies), len(copies))}",
           figures_alone(ps),
           "", "judged label x tool's strongest relation (conflict > update > copy > corroborates > other):"]
    return out + label_table(ps)


def label_table(ps: list[Pair]) -> list[str]:
    """Judged label by the tool's strongest relation, one row per label that occurs."""
    cols = [*RELATIONS, "none"]
    table = Counter((p.label, strongest(p.relations)) for p in ps)
    out = [f"{'':22}" + "".join(f"{c:>13}" for c in cols)]
    for label in LABELS:
        if any(table[(label, c)] for c in cols):
            out.append(f"{label:22}" + "".join(f"{table[(label, c)]:>13}" for c in cols))
    return out


def figures_alone(ps: list[Pair]) -> str:
    """Update recall and conflict precision of the figure relations between the sides, linked or not."""
    updates = [p for p in ps if p.label == "update"]
    conflicts = [p for p in ps if "conflicting" in p.figure_relations]
    found = sum(bool(p.figure_relations & REVISED) for p in updates)
    return (f"figures alone: update recall {ratio(found, len(updates))}"
            f", conflict precision {ratio(sum(p.label == 'conflict' for p in conflicts), len(conflicts))}")


def check_offsets(converted: Path, table: Path) -> None:
    """Each gaza-canada side's offsets must still select its sentence in the converted corpus."""
    texts = {}
    with converted.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            texts[rec["id"]] = rec["text"]
    bad = []
    for r in read_pairs(table):
        for side in "ab":
            got = texts.get(r[f"{side}_doc"], "")[int(r[f"{side}_start"]):int(r[f"{side}_end"])]
            if not got.startswith(r[f"{side}_text"].removesuffix(" […]")):
                bad.append(f"{r['id']} ({side})")
    if bad:
        sys.exit(f"{len(bad)} pair sides no longer match the converted corpus: {', '.join(bad[:5])}")


def locate(data_dir: Path, polnear: str | None) -> tuple[Path, Path]:
    if (data_dir / "globe_sentences.csv").exists():
        gaza = data_dir
        pn = Path(polnear) if polnear else data_dir.parent / "polnear" / "train" / "text"
    else:
        gaza = data_dir / "gaza-canada"
        pn = Path(polnear) if polnear else data_dir / "polnear" / "train" / "text"
    return gaza, pn


def evaluate(data_dir: Path, polnear: str | None = None, keep: str | None = None,
             fixtures: Path = FIXTURES) -> list[Pair]:
    gaza, pn = locate(data_dir, polnear)
    pairs = load_pairs(fixtures)
    scratch = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="pairs-"))
    scratch.mkdir(parents=True, exist_ok=True)
    try:
        gc_file = scratch / "gc.jsonl"
        gaza_canada.main([str(gaza), str(gc_file)])
        check_offsets(gc_file, fixtures / "gaza_canada.tsv")
        gc = Links(run_cli([gc_file.name], scratch))
        names = sorted({d for p in pairs if p.source == "polnear" for d in (p.a[0], p.b[0])})
        pn_links = None
        if names:
            folder = scratch / "polnear"
            folder.mkdir(exist_ok=True)
            for name in names:
                shutil.copyfile(pn / f"{name}.txt", folder / f"{name}.txt")
            pn_links = Links(run_cli(["polnear"], scratch))
        for p in pairs:
            (gc if p.source == "gaza_canada" else pn_links).relate(p)
    finally:
        if not keep:
            shutil.rmtree(scratch, ignore_errors=True)
    return pairs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--polnear", help="PolNeAR train text folder (default: found beside gaza-canada)")
    ap.add_argument("--keep", help="keep the converted corpus and the CLI's inputs in this folder")
    args = ap.parse_args()
    pairs = evaluate(args.data_dir, args.polnear, args.keep)
    for split in SPLITS:
        print("\n".join(report(pairs, split)))
        print()


if __name__ == "__main__":
    main()
