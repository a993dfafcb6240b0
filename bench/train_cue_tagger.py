"""Train the optional learned cue tagger (audit/attribution/learned.py) on a PolNeAR split.

    python bench/train_cue_tagger.py PolNeAR OUT.json [--split train] [--epochs 5] [--margin -3] [--holdout-every N] [--exclude-labelled]

The model is written outside the repository on purpose: PolNeAR has no licence, so no model trained on it
is committed. `--holdout-every N` leaves every Nth article of the split out of training (articles 0, N,
2N ... in name order), to pick the margin on them, never on dev. `--exclude-labelled` leaves out every article
holding a hand-labelled source kind (audit/evaluation/data/kinds/), so that the end-to-end kinds figures of
`audit eval polnear --cue-model` are not measured on sentences the model was trained on. Sentences are the pipeline's own claims, so the model sees what it will tag.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from audit.attribution.learned import CueTagger, tokenize  # noqa: E402
from audit.evaluation.polnear import load_split, read_article  # noqa: E402
from audit.pipeline import Auditor  # noqa: E402


def labelled_sentences(root: str, split: str, auditor, articles=None):
    """(words, tags) per claim sentence, tags B/I on tokens inside a gold Cue piece."""
    out = []
    for art in articles if articles is not None else load_split(root, split):
        doc = read_article(art.text_path, art.outlet, auditor)
        if doc is None:
            continue
        pieces = sorted(p for g in art.cues for p in g.pieces)
        for c in auditor.analyse(doc):
            toks = tokenize(c.text)
            tags, prev_in = [], None
            for a, b, _ in toks:
                a, b = a + c.start, b + c.start
                piece = next((p for p in pieces if p[0] < b and a < p[1]), None)
                tags.append("O" if piece is None else ("I" if prev_in == piece else "B"))
                prev_in = piece
            out.append(([t for _, _, t in toks], tags))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("polnear")
    ap.add_argument("out")
    ap.add_argument("--split", default="train")
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--holdout-every", type=int, default=0)
    ap.add_argument("--exclude-labelled", action="store_true")
    ap.add_argument("--margin", type=float, default=-3.0,
                    help="how much a cue must beat 'no cue' by; -3 was best for sentence F1 with precision >= 0.87 on every "
                         "10th train article held out of training (bench/train_cue_tagger.py --holdout-every 10)")
    args = ap.parse_args()
    auditor = Auditor()
    articles = load_split(args.polnear, args.split)
    if args.exclude_labelled:
        from audit.evaluation.kinds import load_label_sets
        from audit.evaluation.shipped import kind_label_files
        labelled = {r["article"] for r in load_label_sets(kind_label_files(every=True), "all")}
        articles = [a for a in articles if a.id not in labelled]
    if args.holdout_every:
        articles = [a for i, a in enumerate(articles) if i % args.holdout_every]
    t = time.perf_counter()
    data = labelled_sentences(args.polnear, args.split, auditor, articles)
    print(f"{len(data)} sentences, {sum(len(w) for w, _ in data)} tokens ({time.perf_counter() - t:.1f}s)")
    t = time.perf_counter()
    model = CueTagger.train(data, epochs=args.epochs)
    print(f"trained {args.epochs} epochs, {len(model.weights)} features ({time.perf_counter() - t:.1f}s)")
    model.margin = args.margin
    model.save(args.out)


if __name__ == "__main__":
    main()
