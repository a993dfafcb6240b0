"""Draw sources the tool itself labels `anonymous` on PolNeAR train, for hand-labelling; score a label file.

    python bench/sample_anonymous.py draw ../shared/eval/polnear [--seed 20261201] [--n 150] [--context 300]
    python bench/sample_anonymous.py score ../shared/eval/polnear tests/fixtures/anonymous_sample.tsv

draw: runs the real pipeline (`ingest` -> `Auditor().analyse`, the article's outlet from metadata.tsv, as
`audit eval polnear` does) over every PolNeAR **train** article that no kind label file
(audit/evaluation/data/kinds/*.tsv: only its article column is read) names, collects every attribution of a
claim that is not nested and whose kind is `anonymous`, one per distinct source span (article, start, end), and
draws --n of them uniformly with one seeded generator from the sorted list. It prints one row per draw,
tab-separated: article, start, end, the tool's kind, the half (see below), an empty label column, then the
source text, its sentence and (with --context N) the N characters before the sentence, for reading pronouns.
The printout holds PolNeAR text: read it to label, never commit it; the label file keeps only the first six
columns.

The halves are fixed by rule: `heldback` when the first 8 hex digits of sha256("ARTICLE:START:END") are below
a third of 16^8 (as polnear_sources_extra.tsv), else `tune`.

score: reruns the pipeline on the labelled articles and reports, per half, the precision of `anonymous` on the
sample (of the labelled spans the tool still calls anonymous, the share labelled anonymous), how many of the
spans labelled anonymous it still calls anonymous, and what the others became. A span is matched by its
offsets exactly, else by the tool's source overlapping it (spans move when trimming changes). With --show, the
rows whose kind and label disagree are printed (article and offsets only).
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from audit.evaluation.polnear import load_split, read_article  # noqa: E402

from labelling import half, labelled_articles, sentence  # noqa: E402


def attributions(root: Path, articles: set[str] | None = None):
    """(article, text, [(start, end, kind, attribution)]) for every train article outside the label files (or
    the given ones), every non-nested attribution with a source span."""
    from audit.pipeline import Auditor

    auditor = Auditor()
    skip = labelled_articles()
    for art in load_split(root, "train"):
        if art.id in skip or (articles is not None and art.id not in articles):
            continue
        doc = read_article(art.text_path, art.outlet, auditor)
        if doc is None:
            continue
        found = [(at.source_span.start, at.source_span.end, str(at.kind), at)
                 for c in auditor.analyse(doc) for at in c.attributions
                 if not at.nested and at.source_span is not None]
        yield art.id, doc.text, found


def draw(args) -> None:
    pool, texts = set(), {}
    for aid, text, found in attributions(args.root):
        texts[aid] = text
        pool.update((aid, a, b, k) for a, b, k, _ in found if k == "anonymous")
    spans = sorted(pool)
    rng = random.Random(args.seed)
    drawn = sorted(rng.sample(spans, min(args.n, len(spans))))
    print(f"# pool {len(spans)} anonymous source spans in {len(texts)} train articles; seed {args.seed}",
          file=sys.stderr)
    for aid, a, b, kind in drawn:
        text = texts[aid]
        s, e = sentence(text, a, b)
        flat = [text[a:b], text[s:e]] + ([text[max(0, s - args.context):s]] if args.context else [])
        print("\t".join([aid, str(a), str(b), kind, half(aid, a, b), "", *(" ".join(x.split()) for x in flat)]))


def score(args) -> None:
    with args.labels.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader([line for line in fh if not line.startswith("#")], delimiter="\t"))
    by_article = defaultdict(list)
    for row in rows:
        if args.half in ("all", half(row["article"], int(row["start"]), int(row["end"]))):
            by_article[row["article"]].append(row)
    now = {}
    for aid, text, found in attributions(args.root, set(by_article)):
        for row in by_article[aid]:
            a, b = int(row["start"]), int(row["end"])
            exact = [k for x, y, k, _ in found if (x, y) == (a, b)]
            near = [k for x, y, k, _ in found if x < b and a < y]
            now[(aid, a, b)] = exact[0] if exact else near[0] if near else "missed"
    for name in ("tune", "heldback"):
        if args.half not in ("all", name):
            continue
        mine = [r for rs in by_article.values() for r in rs if half(r["article"], int(r["start"]), int(r["end"])) == name]
        pairs = [(r["label"], now.get((r["article"], int(r["start"]), int(r["end"])), "missed"), r) for r in mine]
        pred = [p for p in pairs if p[1] == "anonymous"]
        tp = sum(1 for g, _, _ in pred if g == "anonymous")
        gold = [p for p in pairs if p[0] == "anonymous"]
        kept = sum(1 for _, k, _ in gold if k == "anonymous")
        print(f"{name}: {len(pairs)} rows; anonymous now on {len(pred)}, right on {tp} "
              f"(precision {tp / len(pred) if pred else 0:.3f}); labelled anonymous {len(gold)}, still anonymous {kept}")
        print("  labels of the rows still anonymous:", dict(Counter(g for g, _, _ in pred).most_common()))
        print("  rows no longer anonymous (label->now):",
              dict(Counter(f"{g}->{k}" for g, k, _ in pairs if k != "anonymous").most_common()))
        if args.show:
            for g, k, r in pairs:
                if (g == "anonymous") != (k == "anonymous"):
                    print(f"    {r['article']} {r['start']} {r['end']} label {g} now {k}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw")
    d.add_argument("root", type=Path)
    d.add_argument("--seed", type=int, default=20261201)
    d.add_argument("--n", type=int, default=150)
    d.add_argument("--context", type=int, default=0)
    s = sub.add_parser("score")
    s.add_argument("root", type=Path)
    s.add_argument("labels", type=Path)
    s.add_argument("--half", choices=("all", "tune", "heldback"), default="all")
    s.add_argument("--show", action="store_true")
    args = ap.parse_args()
    draw(args) if args.cmd == "draw" else score(args)


if __name__ == "__main__":
    main()
