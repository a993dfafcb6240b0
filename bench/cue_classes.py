"""Precision of each cue class on a PolNeAR split, to decide which classes to keep.

    python bench/cue_classes.py ../shared/eval/polnear [--split dev] [--examples CLASS]

For every attribution the pipeline outputs (primary, secondary and nested ones, and cues kept without a
source), the class of its cue (a key of audit.attribution.cues.PRIORITY) and two precisions: its cue span
overlaps a gold Cue ("cue P"), and its sentence holds a gold Cue at all ("sentence P"). Tune on train, keep
a class when its sentence precision holds on dev (at least --keep, 0.80 by default: "keep" in the table). `--examples CLASS` prints the ids and offsets of that class's
misses (never the text: PolNeAR has no licence; read them in your own copy). Never run it on the test split.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from audit.attribution.cues import CueFinder  # noqa: E402
from audit.evaluation.polnear import load_split  # noqa: E402
from audit.ingest import ingest  # noqa: E402
from audit.pipeline import Auditor  # noqa: E402


def _recording_cue_classes() -> dict[tuple[str, int, int], str]:
    """Wrap CueFinder.find so that every cue candidate's class is kept by (sentence, start, end)."""
    classes: dict[tuple[str, int, int], str] = {}
    find = CueFinder.find

    def recording(self, s, *args, **kwargs):
        cues = find(self, s, *args, **kwargs)
        classes.update({(s, c.start, c.end): c.kind for c in cues})
        return cues
    CueFinder.find = recording                   # type: ignore[method-assign]
    return classes


def _role(claim, attribution) -> str:
    if attribution is claim.attribution:
        return "primary" if attribution.source_span else "no source"
    return "nested" if attribution.nested else "secondary"


def measure(root: str, split: str) -> dict[str, dict[str, list]]:
    """Per class and per role: [count, cue hits, sentence hits, misses as (article, start, end)]."""
    classes = _recording_cue_classes()
    auditor = Auditor()
    table: dict[str, dict[str, list]] = {"class": defaultdict(lambda: [0, 0, 0, []]),
                                         "role": defaultdict(lambda: [0, 0, 0, []])}
    for art in load_split(root, split):
        docs, _ = ingest([str(art.text_path)], auditor.registry, auditor.language)
        gold = [p for g in art.cues for p in g.pieces]
        for claim in auditor.analyse(docs[0]):
            in_sentence = any(claim.start <= a < claim.end for a, _ in gold)
            for at in claim.attributions:
                a, b = at.cue_span.start, at.cue_span.end
                hit = any(a < y and x < b for x, y in gold)
                kind = classes.get((claim.text, a - claim.start, b - claim.start), "?")
                for group, key in (("class", kind), ("role", _role(claim, at))):
                    row = table[group][key]
                    row[0] += 1
                    row[1] += hit
                    row[2] += in_sentence
                    if not hit:
                        row[3].append((art.id, a, b))
    return table


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("root")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--examples", metavar="CLASS", help="print the misses of one class or role")
    ap.add_argument("--keep", type=float, default=0.80, help="sentence precision a class needs to be kept")
    args = ap.parse_args()
    if args.split == "test":
        sys.exit("the test split is kept out: tune on train, check on dev")
    table = measure(args.root, args.split)
    for group, rows in table.items():
        print(f"{group:16} {'count':>6} {'cue P':>7} {'sentence P':>11}")
        for key, (n, cue_hits, sentence_hits, _) in sorted(rows.items(), key=lambda kv: -kv[1][0]):
            verdict = ("keep" if sentence_hits / n >= args.keep else "below") if group == "class" else ""
            print(f"{key:16} {n:>6} {cue_hits / n:>7.3f} {sentence_hits / n:>11.3f}  {verdict}")
        print()
    if args.examples:
        rows = table["class"].get(args.examples) or table["role"].get(args.examples)
        for article, a, b in (rows[3] if rows else []):
            print(f"{article}\t{a}\t{b}")


if __name__ == "__main__":
    main()
