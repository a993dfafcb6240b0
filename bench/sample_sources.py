"""Draw PolNeAR gold Source spans for hand-labelling their source kind, and print them with their sentence.

    python bench/sample_sources.py ../shared/eval/polnear [--seed 20261206] [--random 160] [--anon 90]
        [--exclude audit/evaluation/data/kinds/polnear_sources.tsv ...] [--context 400]

Pool: every single-piece gold Source span of train and dev (the alphabetically first annotation file per
article, as `audit eval polnear` reads them; never the test split), one row per distinct
(split, article, start, end), minus the spans already in the --exclude label files (by default the
label files under audit/evaluation/data/kinds/). Two draws with one seeded generator, in this order:

- "random": --random spans drawn uniformly from the pool;
- "anon-head": --anon spans drawn uniformly from the rest of the pool whose text has an
  anonymous-sounding head (source(s), official(s), aide(s), adviser(s), insider(s), strategist(s),
  operative(s), ally/allies, associate(s), confidant(s), staffer(s), person, familiar with, close to,
  privy to, briefed on, with knowledge of, knowledgeable, spokesman/spokeswoman/spokesperson), so the
  anonymous kind gets support.

Output (stdout, tab-separated, one candidate per line): sample, split, article, start, end, an empty
label column, then the span text, its sentence and (with --context N) the N characters before the
sentence, for reading pronouns. The printout holds PolNeAR text: read it to label, never commit it; the
label file keeps only the first six columns.
"""
from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from audit.evaluation.polnear import load_split  # noqa: E402

from labelling import LABELS, sentence  # noqa: E402
ANON_HEAD = re.compile(
    r"\b(?:sources?|officials?|aides?|advis[eo]rs?|insiders?|strategists?|operatives?|all(?:y|ies)|associates?"
    r"|confidants?|spokes(?:man|woman|men|women|person|people)|person|staffers?|familiar"
    r"|close to|privy to|briefed on|knowledge of|knowledgeable)\b", re.IGNORECASE)


def read_keys(paths: list[Path]) -> set[tuple[str, str, int, int]]:
    """(split, article, start, end) of every row of the given label files."""
    keys = set()
    for path in paths:
        with path.open(encoding="utf-8", newline="") as fh:
            lines = [line for line in fh if not line.startswith("#")]
        for row in csv.DictReader(lines, delimiter="\t"):
            keys.add((row["split"], row["article"], int(row["start"]), int(row["end"])))
    return keys


def pool(root: Path, exclude: set) -> tuple[list[tuple[str, str, int, int]], dict[str, str]]:
    """Sorted distinct single-piece gold Source spans of train and dev not in `exclude`, and the texts."""
    spans, texts = set(), {}
    for split in ("train", "dev"):
        for art in load_split(root, split):
            texts[f"{split}/{art.id}"] = art.text_path.read_text(encoding="utf-8")
            for g in art.sources:
                key = (split, art.id, g.start, g.end)
                if len(g.pieces) == 1 and g.end > g.start and key not in exclude:
                    spans.add(key)
    return sorted(spans), texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("root", type=Path, help="PolNeAR folder (metadata.tsv, train/, dev/)")
    ap.add_argument("--seed", type=int, default=20261206)
    ap.add_argument("--random", type=int, default=160, help="spans drawn from the whole pool")
    ap.add_argument("--anon", type=int, default=90, help="spans drawn from those with an anonymous-sounding head")
    ap.add_argument("--exclude", type=Path, nargs="*", default=None,
                    help="label files whose spans are left out (default: audit/evaluation/data/kinds/*.tsv)")
    ap.add_argument("--context", type=int, default=0, help="characters of text before the sentence to print")
    args = ap.parse_args()
    exclude = read_keys(args.exclude if args.exclude is not None else sorted(LABELS.glob("*.tsv")))
    spans, texts = pool(args.root, exclude)
    rng = random.Random(args.seed)
    drawn = rng.sample(spans, min(args.random, len(spans)))
    taken = set(drawn)
    anon = [k for k in spans if k not in taken
            and ANON_HEAD.search(texts[f"{k[0]}/{k[1]}"][k[2]:k[3]])]
    rows = [("random", k) for k in drawn] + [("anon-head", k) for k in rng.sample(anon, min(args.anon, len(anon)))]
    print(f"# pool {len(spans)} spans, {len(anon)} with an anonymous-sounding head; seed {args.seed}",
          file=sys.stderr)
    for sample, (split, article, start, end) in rows:
        text = texts[f"{split}/{article}"]
        a, b = sentence(text, start, end)
        flat = [text[start:end], text[a:b]]
        if args.context:
            flat.append(text[max(0, a - args.context):a])
        flat = [" ".join(s.split()) for s in flat]
        print("\t".join([sample, split, article, str(start), str(end), "", *flat]))


if __name__ == "__main__":
    main()
