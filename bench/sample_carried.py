"""Draw claims whose attribution is carried over (`attribution.inherited`), for hand-labelling; score a label file.

    python bench/sample_carried.py dump GC.jsonl ../shared/eval/polnear OUT.json
    python bench/sample_carried.py draw OUT.json [--seed 20261201] [--gc 80] [--polnear 60]
    python bench/sample_carried.py score OUT.json tests/fixtures/carried_sample.tsv [--show]

dump: runs the real pipeline (`ingest` -> `Auditor().analyse`) over the gaza-canada JSON Lines file and over
every PolNeAR **train** article that no kind label file (audit/evaluation/data/kinds/*.tsv: only its article
column is read, as bench/sample_anonymous.py does) names, and writes, per claim whose primary attribution is
carried over, the claim's offsets, the carried source and the offsets of the source it was carried from. The
dump holds text: keep it outside the repository.

draw: from the dump, sorted by (corpus, article, start), draws --gc gaza-canada and --polnear PolNeAR claims
with one seeded generator per corpus and prints rows for labelling, with the claim, the sentence it was carried
from and the text before it (to read; never commit PolNeAR text: the label file keeps for PolNeAR only ids and
offsets).

The halves are fixed by rule: `heldback` when the first 8 hex digits of sha256("CORPUS:ARTICLE:START") are
below a third of 16^8, else `tune`.

Labels: `right` (the carried speaker is the claim's speaker), `wrong` (another speaker: `right_speaker` names
it; for PolNeAR offsets "start-end" of a mention), `none` (nobody should be named: the writer's own words).

score: reruns the pipeline on the labelled articles and, per corpus and half, counts the labelled claims the
tool still carries to the same speaker (their label stands), carries to another speaker (judged against
`right_speaker` by its last name word, else shown as `review`), or no longer carries (own cue, unresolved
anaphor, no attribution). Precision: right / (right + wrong + none) over the claims still carried to a speaker.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from audit.evaluation.polnear import load_split, read_article  # noqa: E402

from labelling import half, labelled_articles  # noqa: E402

_PRONOUNS = {"he", "she", "they", "it", "his", "her", "him"}
COLUMNS = ["corpus", "half", "article", "start", "end", "claim", "tool_source", "label", "right_speaker"]


def _records(corpus: str, doc, claims) -> dict:
    by_id = {c.id: c for c in claims}
    out = {"text": doc.text, "claims": {}}
    for c in claims:
        a = c.attribution
        rec = {"start": c.start, "end": c.end, "id": c.id, "kind": str(a.kind), "inherited": a.inherited,
               "source": a.source, "actor": a.actor}
        if a.inherited and a.inherited_from in by_id:
            prior = by_id[a.inherited_from]
            origin = next((x for x in [prior.attribution, *prior.attributions]
                           if x.source == a.source and x.source_span is not None), None)
            rec["from"] = [prior.start, prior.end]
            rec["origin"] = [origin.source_span.start, origin.source_span.end] if origin else None
        out["claims"][str(c.start)] = rec
    return out


def dump(args) -> None:
    from audit.ingest import ingest
    from audit.pipeline import Auditor

    auditor = Auditor()
    out: dict = {"gaza-canada": {}, "polnear": {}}
    docs, _ = ingest([args.gc], auditor.registry, auditor.language)
    for doc in docs:
        if args.only is None or doc.id in args.only:
            out["gaza-canada"][doc.id] = _records("gaza-canada", doc, auditor.analyse(doc))
    skip = labelled_articles()
    for art in load_split(args.polnear, "train"):
        if art.id in skip or (args.only is not None and art.id not in args.only):
            continue
        doc = read_article(art.text_path, art.outlet, auditor)
        if doc is not None:
            out["polnear"][art.id] = _records("polnear", doc, auditor.analyse(doc))
    Path(args.out).write_text(json.dumps(out), encoding="utf-8")


def _pool(data: dict, corpus: str) -> list[tuple[str, int, dict]]:
    return sorted(((aid, int(s), rec) for aid, d in data[corpus].items() for s, rec in d["claims"].items()
                   if rec["inherited"]), key=lambda r: (r[0], r[1]))


def draw(args) -> None:
    data = json.loads(Path(args.dump).read_text(encoding="utf-8"))
    print("\t".join(COLUMNS + ["context"]))
    for corpus, n in (("gaza-canada", args.gc), ("polnear", args.polnear)):
        pool = _pool(data, corpus)
        drawn = sorted(random.Random(args.seed).sample(pool, min(n, len(pool))), key=lambda r: (r[0], r[1]))
        print(f"# {corpus}: pool {len(pool)} carried claims in {len(data[corpus])} articles; seed {args.seed}",
              file=sys.stderr)
        for aid, start, rec in drawn:
            text = data[corpus][aid]["text"]
            tool = rec["source"] if corpus == "gaza-canada" else "%d-%d" % tuple(rec["origin"] or (0, 0))
            ctx = text[max(0, start - args.context):start].replace("\n", " ¶ ")
            origin = text[rec["origin"][0]:rec["origin"][1]] if rec.get("origin") else "?"
            print("\t".join([corpus, half(corpus, aid, start), aid, str(start), str(rec["end"]), rec["id"], tool,
                             "", "", f"SRC=[{rec['source']}] ORIGIN=[{origin}] CLAIM=[{text[start:rec['end']]}]"
                             f" BEFORE=[{ctx}]"]))


def read_labels(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader([line for line in fh if not line.startswith("#")], delimiter="\t"))


def _last_word(name: str) -> str:
    words = re.findall(r"[A-Za-z][\w'-]*", name or "")
    return words[-1].lower() if words else ""


def judge(row: dict, rec: dict | None, text: str) -> str:
    """The row's verdict for the tool's present attribution of the claim."""
    if rec is None:
        return "missing"
    if not rec["inherited"] or (rec["source"] or "").lower() in _PRONOUNS:
        return "not carried"                            # own cue, none, or an unresolved pronoun carried on
    now = rec["source"] if row["corpus"] == "gaza-canada" else "%d-%d" % tuple(rec.get("origin") or (0, 0))
    if now == row["tool_source"]:
        return row["label"]
    right = row["right_speaker"]
    if row["corpus"] == "polnear" and right and "-" in right:
        a, b = map(int, right.split("-"))
        right = text[a:b]
        now = rec["source"] or ""
    if right and _last_word(right) and _last_word(right) in (now or "").lower():
        return "right"
    if row["label"] == "right" and row["corpus"] == "gaza-canada" and _last_word(row["tool_source"]) \
            and _last_word(row["tool_source"]) in (now or "").lower():
        return "right"
    return "review"


def score(args) -> None:
    rows = read_labels(Path(args.labels))
    data = json.loads(Path(args.dump).read_text(encoding="utf-8"))
    table: dict = defaultdict(Counter)
    for row in rows:
        doc = data[row["corpus"]].get(row["article"])
        rec = doc["claims"].get(row["start"]) if doc else None
        verdict = judge(row, rec, doc["text"] if doc else "")
        table[(row["corpus"], row["half"])][verdict] += 1
        table[(row["corpus"], row["half"], "was")][row["label"]] += 1
        if args.show and (verdict != row["label"]):
            print(f"  {row['corpus']} {row['half']} {row['article']} {row['start']}: {row['label']} -> {verdict}"
                  + (f" now [{rec['source']}]" if rec and row["corpus"] == "gaza-canada" else ""))
    for corpus in ("gaza-canada", "polnear"):
        for name in ("tune", "heldback"):
            was, now = table[(corpus, name, "was")], table[(corpus, name)]
            print(f"{corpus} {name}: before {_precision(was)}; now {_precision(now)}; now {dict(now)}")


def _precision(c: Counter) -> str:
    carried = c["right"] + c["wrong"] + c["none"]
    return f"{c['right']}/{carried} = {c['right'] / carried:.3f}" if carried else "n/a"


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("gc")
    d.add_argument("polnear")
    d.add_argument("out")
    d.add_argument("--only", type=lambda s: set(s.split(",")), default=None)
    r = sub.add_parser("draw")
    r.add_argument("dump")
    r.add_argument("--seed", type=int, default=20261201)
    r.add_argument("--gc", type=int, default=80)
    r.add_argument("--polnear", type=int, default=60)
    r.add_argument("--context", type=int, default=700)
    s = sub.add_parser("score")
    s.add_argument("dump")
    s.add_argument("labels")
    s.add_argument("--show", action="store_true")
    args = p.parse_args(argv)
    {"dump": dump, "draw": draw, "score": score}[args.cmd](args)


if __name__ == "__main__":
    main()
