"""Judged links benchmark: how many of the links the tool once made, and judged by hand, it still makes.

    python bench/judged_links.py TEXT_DIR LINKS.tsv [LINKS.tsv ...] [--json RUN.json]

Runs the real CLI on TEXT_DIR (`audit scan TEXT_DIR --format json --no-store`, or reads a saved run with
--json), then for each judged links file (tests/fixtures/pairs/polnear_*_links.tsv: links an earlier run
made, each judged right, wrong or unsure; files with a `use` column are scored on their `tune` rows unless
--use says otherwise, their held-out rows being measured once at the end of a round) prints, per relation:
- the judged links and their judgements;
- how many the run still makes with that relation, and the precision of those: right / (right + wrong);
- how many the run no longer makes (right links lost, wrong links gone);
and, over the whole run, the links of that relation no judged file covers: a precision measured on the
judged links says nothing of new ones, so they are counted. Last, copy recall on pairs mined without the
tool's links: every two claims of different documents whose texts (lower-cased, punctuation dropped) have
a difflib ratio of at least COPY_RATIO, found through a shared 4-word shingle; the share the run links as
echoes (a copy taken for an independent report is a miss), with the relations of the others.

TEXT_DIR is what the CLI scans: PolNeAR's `dev/text` or `train/text` for the polnear_* files, the
converted gaza-canada corpus (`python bench/gaza_canada.py ../shared/eval/gaza-canada gc.jsonl`) for
gaza_canada_update_links.tsv.

The article text is read from TEXT_DIR at run time; nothing of it is kept (PolNeAR has no licence).
"""
from __future__ import annotations

import argparse
import csv
import difflib
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pairs import run_cli  # noqa: E402

RELATIONS = {"update": "updates"}     # polnear_dev_links.tsv writes "update" for the updates relation
COPY_RATIO = 0.95                     # near-verbatim: "How many times...?" quoted with and without quote marks
SHINGLE = 4
SHINGLE_CAP = 30                      # a shingle in more claims than this is a stock phrase, not a lead

Side = tuple[str, int]
Pair = frozenset[Side]


def run(text_dir: str, saved: str | None) -> dict:
    """The JSON of the CLI's run on text_dir (or of a saved run)."""
    if saved:
        return json.loads(Path(saved).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as scratch:      # no store, no config picked up from the cwd
        return run_cli([str(Path(text_dir).resolve())], Path(scratch))


def run_links(data: dict) -> dict[Pair, str]:
    """Each linked claim pair of a run (document, start of each side) -> its relation."""
    claims = {c["id"]: c for c in data["claims"]}
    links: dict[Pair, str] = {}
    for c in data["claims"]:
        for link in (c["corroboration"] or {}).get("links", []):
            other = claims[link["claim"]]
            links[frozenset({(c["document"], c["start"]), (other["document"], other["start"])})] = link["relation"]
    return links


def judged(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def report(path: Path, links: dict[Pair, str], use: str) -> set[Pair]:
    """Print one judged file's figures (of its rows for `use` where it has a use column); return the pairs
    it covers, all of them."""
    rows = judged(path)
    covered = {frozenset({(r["a_doc"], int(r["a_start"])), (r["b_doc"], int(r["b_start"]))}) for r in rows}
    split = bool(rows) and "use" in rows[0]
    if split and use != "all":
        rows = [r for r in rows if r["use"] == use]
    print(f"## {path.name}: {len(rows)} judged links" + (f" (use={use})" if split else ""))
    by_relation: dict[str, Counter] = {}
    relabelled: dict[str, Counter] = {r: Counter() for r in ("corroborates", "echoes", "updates", "conflicts")}
    for row in rows:
        pair = frozenset({(row["a_doc"], int(row["a_start"])), (row["b_doc"], int(row["b_start"]))})
        relation = RELATIONS.get(row["relation"], row["relation"])
        now = links.get(pair)
        kept = "kept" if now == relation else "lost"
        if now is not None and now != relation:
            relabelled[relation][now] += 1
        by_relation.setdefault(relation, Counter())[(row["judgement"], kept)] += 1
    for relation, n in sorted(by_relation.items()):
        right, wrong, unsure = (n[(j, "kept")] for j in ("right", "wrong", "unsure"))
        decided = right + wrong
        precision = f"{right / decided:.3f} ({right}/{decided})" if decided else "n/a"
        print(f"{relation:13} judged right {n[('right', 'kept')] + n[('right', 'lost')]}, wrong "
              f"{n[('wrong', 'kept')] + n[('wrong', 'lost')]}, unsure {n[('unsure', 'kept')] + n[('unsure', 'lost')]}"
              f" | still made: {right + wrong + unsure}, precision {precision}"
              f" | no longer made: right {n[('right', 'lost')]}, wrong {n[('wrong', 'lost')]}, unsure {n[('unsure', 'lost')]}"
              + (f" (now made as: {', '.join(f'{r} {k}' for r, k in sorted(relabelled[relation].items()))})"
                 if relabelled[relation] else ""))
    return covered


def copy_recall(data: dict, links: dict[Pair, str]) -> None:
    """Print the share of mined near-verbatim pairs across documents that the run links."""
    text = {c["id"]: re.sub(r"\W+", " ", c["text"].lower()).strip() for c in data["claims"]}
    side = {c["id"]: (c["document"], c["start"]) for c in data["claims"]}
    holders: dict[str, list[str]] = {}
    for cid, t in text.items():
        words = t.split()
        for g in {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}:
            holders.setdefault(g, []).append(cid)
    pairs = {(a, b) for ids in holders.values() if len(ids) <= SHINGLE_CAP
             for i, a in enumerate(ids) for b in ids[i + 1:] if side[a][0] != side[b][0]}
    copies = [p for p in sorted(pairs) if difflib.SequenceMatcher(None, text[p[0]], text[p[1]]).ratio() >= COPY_RATIO]
    made = Counter(links.get(frozenset({side[a], side[b]}), "none") for a, b in copies)
    share = f"{made['echoes'] / len(copies):.3f}" if copies else "n/a"
    print(f"## copy recall on mined near-verbatim pairs (difflib ratio >= {COPY_RATIO}, across documents): "
          f"{share} ({made['echoes']}/{len(copies)} linked as echoes"
          + "".join(f", {n} {r}" for r, n in sorted(made.items()) if r != "echoes") + ")")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("text_dir")
    ap.add_argument("links", nargs="+", type=Path)
    ap.add_argument("--json", help="read this saved run instead of running the CLI")
    ap.add_argument("--use", choices=("tune", "heldout", "all"), default="tune",
                    help="rows of files with a use column to score (default tune: held-out rows are measured once)")
    args = ap.parse_args()
    data = run(args.text_dir, args.json)
    links = run_links(data)
    covered: set[Pair] = set()
    for path in args.links:
        covered |= report(path, links, args.use)
    unjudged = Counter(r for pair, r in links.items() if pair not in covered)
    made = Counter(links.values())
    print("## links of the run no judged file covers: "
          + ", ".join(f"{r} {unjudged[r]} of {made[r]}" for r in sorted(made)))
    copy_recall(data, links)


if __name__ == "__main__":
    main()
