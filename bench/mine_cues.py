"""Mine attribution cue candidates from the PolNeAR TRAIN split and print them with their precision.

    python bench/mine_cues.py ../shared/eval/polnear [--split train] [--min 5] [--kind cue|source-head]

For every word (or two-word phrase) that annotators marked as (part of) a Cue, print how often it occurs
in the text at all, how often inside a gold Cue, and the ratio (its precision as a cue word). The output
is a reading aid for editing rules/lexicons/attribution.yaml by hand: the lexicon stays data, chosen
by a person, not dumped from this script. Never run it on a test split.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from audit.evaluation.polnear import load_split  # noqa: E402

_WORD = re.compile(r"[A-Za-z][\w’'-]*")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("root")
    ap.add_argument("--split", default="train")
    ap.add_argument("--min", type=int, default=5, help="minimum count inside gold cues")
    ap.add_argument("--kind", default="cue", choices=("cue", "source-head"))
    ap.add_argument("--top", type=int, default=200)
    args = ap.parse_args()
    if args.split == "test":
        sys.exit("the test split is kept out: mine train, tune on dev")
    inside: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for art in load_split(args.root, args.split):
        text = art.text_path.read_text(encoding="utf-8")
        spans = art.cues if args.kind == "cue" else art.sources
        marked = [(a, b) for g in spans for a, b in g.pieces]
        if args.kind == "source-head":       # last word of each source span
            for g in spans:
                words = _WORD.findall(text[g.start:g.end])
                if words:
                    inside[words[-1].lower()] += 1
            for m in _WORD.finditer(text):
                total[m.group().lower()] += 1
            continue
        words = list(_WORD.finditer(text))
        for i, m in enumerate(words):
            w = m.group().lower()
            total[w] += 1
            hit = any(a <= m.start() < b for a, b in marked)
            if hit:
                inside[w] += 1
            if i + 1 < len(words):
                pair = f"{w} {words[i + 1].group().lower()}"
                total[pair] += 1
                if hit and any(a <= words[i + 1].start() < b for a, b in marked):
                    inside[pair] += 1
    rows = [(w, n, total[w], n / total[w]) for w, n in inside.items() if n >= args.min]
    rows.sort(key=lambda r: (-r[1], r[0]))
    print(f"{'candidate':28} {'in gold':>8} {'in text':>8} {'precision':>9}")
    for w, n, t, p in rows[: args.top]:
        print(f"{w:28} {n:>8} {t:>8} {p:>9.2f}")


if __name__ == "__main__":
    main()
