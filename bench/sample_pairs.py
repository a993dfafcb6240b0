"""Draw the candidate claim pairs that tests/fixtures/pairs/ judges (how the judged set was sampled).

    python bench/sample_pairs.py DATA_DIR OUT_DIR [--seed 20231007]

Writes OUT_DIR/gaza_canada.candidates.tsv and OUT_DIR/polnear.candidates.tsv: pair ids, splits, sides
(document id and offsets), dates and, for reading only, both sentences and the stratum. Nothing is
labelled here: each pair was then judged by hand from its two sentences, blind to the stratum and to the
tool's links, and the labels written into the fixtures. OUT_DIR holds data text: keep it out of git.

Strata (each pair is kept in the first stratum that draws it; a/b ordered by date, then row key):
- gaza-canada, from the current tool's links on the whole converted corpus
  (`audit scan gc.jsonl --format json --no-store`): `tool-conflicts` 45, `tool-corroborates` 60,
  `tool-echoes` 30 sentence pairs drawn at random among those linked so;
- gaza-canada, same figure keyword within 3 days across outlets, linked or not: `kw-hostage` 35 (both
  sentences name hostages or captives and carry a number of at least 100), `kw-death` 55 (both name
  deaths and carry a number of at least 100);
- gaza-canada, near-verbatim across outlets (difflib ratio of the lower-cased sentences, candidates
  from shared 4-word shingles, or identical text however short): `copy-high` 30 (ratio >= 0.95),
  `copy-mid` 22 (0.8-0.95), `copy-low` 10 (0.6-0.8);
- gaza-canada, within 3 days across outlets, both carrying a number of at least 100 (drawn last, so the
  strata above are unchanged): `kw-population` 40 (one sentence's `victim` label is Israeli, the other's
  Palestinian, both name deaths), `kw-measure` 25 (one names hostages and no deaths, the other deaths and
  no hostages);
- PolNeAR train (claims of the tool's run on all 840 train articles; different publishers only):
  `pn-fixed` the "six American soldiers" / "four Americans killed" pair, `pn-tool-conflicts` 16,
  `pn-tool-corroborates` 20, `pn-tool-echoes` 6, `pn-benghazi` 8 (both name Benghazi and a death),
  `pn-copy` 10 (difflib ratio >= 0.8).
- later, with `--more-corroborates 60 --seed 20261130` (the tool at b9ff583):
  `tool-corroborates-2`, 60 more gaza-canada "corroborates" links of the tool of that day, none already
  judged, so that the held-out third holds enough of the links users meet.
Split: `heldout` when sha1(id) is divisible by 3, else `tune`.
"""
from __future__ import annotations

import argparse
import csv
import difflib
import hashlib
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gaza_canada  # noqa: E402
from pairs import locate, run_cli  # noqa: E402

PAPER_OF = {v: k for k, v in gaza_canada.PAPERS.items()}
_HOSTAGE = re.compile(r"\b(hostages?|captives?|captivity|abducted|kidnapped|held)\b", re.I)
_DEATH = re.compile(r"\b(killed|dead|deaths?|died|death toll|killing)\b", re.I)
_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+\b")
_WORD = re.compile(r"\w+")
_BENGHAZI = re.compile(r"Benghazi")


def split_of(pair_id: str) -> str:
    return "heldout" if int(hashlib.sha1(pair_id.encode()).hexdigest(), 16) % 3 == 0 else "tune"


def numbers(text: str) -> list[int]:
    return [int(m.group().replace(",", "")) for m in _NUMBER.finditer(text)]


def day(s: str) -> int:
    from datetime import date
    return date.fromisoformat(s[:10]).toordinal()


def link_pairs(contract: dict, side_of: dict[str, tuple]) -> dict[str, set[tuple]]:
    """Relation -> unordered pairs of sides (sentences) linked so across documents."""
    out: dict[str, set[tuple]] = {}
    for c in contract["claims"]:
        for link in c["corroboration"]["links"]:
            a, b = side_of.get(c["id"]), side_of.get(link["claim"])
            if a and b and a[0] != b[0]:
                out.setdefault(link["relation"], set()).add(tuple(sorted((a, b))))
    return out


def copy_candidates(sents: list[dict], key_of) -> list[tuple[float, dict, dict]]:
    """Cross-outlet pairs with shared 4-word shingles (or identical text), with their difflib ratio."""
    index: dict[tuple, list[int]] = {}
    toks = [_WORD.findall(s["text"].lower()) for s in sents]
    for i, t in enumerate(toks):
        grams = {tuple(t[j:j + 4]) for j in range(max(1, len(t) - 3))}
        for g in grams:
            index.setdefault(g, []).append(i)
    seen, out = set(), []
    for postings in index.values():
        if len(postings) > 40:
            continue
        for x in postings:
            for y in postings:
                if x >= y or (x, y) in seen or key_of(sents[x]) == key_of(sents[y]):
                    continue
                seen.add((x, y))
                r = difflib.SequenceMatcher(None, sents[x]["text"].lower(), sents[y]["text"].lower()).ratio()
                if r >= 0.6:
                    out.append((round(r, 4), sents[x], sents[y]))
    return sorted(out, key=lambda t: (t[1]["key"], t[2]["key"]))


def ordered(a: dict, b: dict) -> tuple[dict, dict]:
    return (a, b) if (a["date"], a["key"]) <= (b["date"], b["key"]) else (b, a)


class Draw:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.seen: set[frozenset] = set()
        self.rows: list[dict] = []

    def take(self, stratum: str, candidates: list[tuple[dict, dict]], n: int, make_id) -> None:
        pool = [c for c in candidates if frozenset((c[0]["key"], c[1]["key"])) not in self.seen]
        got = 0
        for a, b in self.rng.sample(pool, len(pool)):
            k = frozenset((a["key"], b["key"]))
            if k in self.seen:
                continue
            self.seen.add(k)
            a, b = ordered(a, b)
            pid = make_id(a, b)
            self.rows.append({"id": pid, "split": split_of(pid), "stratum": stratum, "a": a, "b": b})
            got += 1
            if got == n:
                break
        print(f"{stratum}: {got} of {len(pool)}", file=sys.stderr)


def _gaza_links(gaza_dir: Path, out: Path) -> tuple[list[dict], dict[str, list[tuple[dict, dict]]], dict[str, str]]:
    """(sentences, relation -> linked sentence pairs across documents, sentence key -> victim label) of the
    current tool's run on the converted corpus."""
    records = gaza_canada.articles(gaza_dir)
    (out / "gc.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    contract = run_cli(["gc.jsonl"], out)
    sents, where = [], {}
    victim = {}                                    # the data's hand label: whose deaths a sentence mentions
    for paper in gaza_canada.PAPERS:
        with (gaza_dir / f"{paper}_sentences.csv").open(encoding="utf-8", newline="") as fh:
            victim.update({f"{paper}.{int(r[''])}": r["victim"] for r in csv.DictReader(fh)})
    for r in records:
        paper = PAPER_OF[r["outlet"]]
        for row, s, e in r["rows"]:
            sent = {"key": f"{paper}.{row}", "doc": r["id"], "start": s, "end": e, "text": r["text"][s:e],
                    "date": r["published"], "outlet": paper}
            sents.append(sent)
            where.setdefault(r["id"], []).append(sent)
    side_of = {}
    for c in contract["claims"]:
        for s in where[c["document"]]:
            if c["start"] < s["end"] and c["end"] > s["start"]:
                side_of[c["id"]] = s["key"]
    by_key = {s["key"]: s for s in sents}
    links = {rel: [(by_key[a[1]], by_key[b[1]]) for a, b in sorted(link_pairs(
        contract, {k: (by_key[v]["doc"], v) for k, v in side_of.items()}).get(rel, ()))]
        for rel in ("conflicts", "corroborates", "echoes")}
    return sents, links, victim


def _gaza_id(a: dict, b: dict) -> str:
    return f"{a['key']}~{b['key']}"


def gaza(gaza_dir: Path, out: Path, seed: int) -> list[dict]:
    sents, links, victim = _gaza_links(gaza_dir, out)
    draw = Draw(seed)
    make_id = _gaza_id
    draw.take("tool-conflicts", links["conflicts"], 45, make_id)
    draw.take("tool-corroborates", links["corroborates"], 60, make_id)
    draw.take("tool-echoes", links["echoes"], 30, make_id)
    for stratum, pattern, n in (("kw-hostage", _HOSTAGE, 35), ("kw-death", _DEATH, 55)):
        pool = [s for s in sents if pattern.search(s["text"]) and any(v >= 100 for v in numbers(s["text"]))]
        cands = [(x, y) for i, x in enumerate(pool) for y in pool[i + 1:]
                 if x["outlet"] != y["outlet"] and abs(day(x["date"]) - day(y["date"])) <= 3]
        draw.take(stratum, cands, n, make_id)
    copies = copy_candidates(sents, lambda s: s["outlet"])
    for stratum, low, high, n in (("copy-high", 0.95, 2, 30), ("copy-mid", 0.8, 0.95, 22),
                                  ("copy-low", 0.6, 0.8, 10)):
        draw.take(stratum, [(a, b) for r, a, b in copies if low <= r < high], n, make_id)
    near = [s for s in sents if any(v >= 100 for v in numbers(s["text"]))]

    def close(x, y):
        return x["outlet"] != y["outlet"] and abs(day(x["date"]) - day(y["date"])) <= 3

    israeli = [s for s in near if victim[s["key"]] == "Israeli" and _DEATH.search(s["text"])]
    gazan = [s for s in near if victim[s["key"]] == "Palestinian" and _DEATH.search(s["text"])]
    draw.take("kw-population", [(x, y) for x in israeli for y in gazan if close(x, y)], 40, make_id)
    held = [s for s in near if _HOSTAGE.search(s["text"]) and not _DEATH.search(s["text"])]
    dead = [s for s in near if _DEATH.search(s["text"]) and not _HOSTAGE.search(s["text"])]
    draw.take("kw-measure", [(x, y) for x in held for y in dead if close(x, y)], 25, make_id)
    return draw.rows


def more_corroborates(gaza_dir: Path, out: Path, seed: int, n: int, judged: Path) -> list[dict]:
    """A later draw: n of the current tool's gaza-canada "corroborates" links whose sentence pair the
    judged file does not hold yet (stratum `tool-corroborates-2`)."""
    _, links, _ = _gaza_links(gaza_dir, out)
    draw = Draw(seed)
    rows = [line.split("\t") for line in judged.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith(("#", "id\t"))]
    draw.seen = {frozenset(r[0].split("~")) for r in rows}
    draw.take("tool-corroborates-2", links["corroborates"], n, _gaza_id)
    return draw.rows


def polnear(pn_dir: Path, out: Path, seed: int) -> list[dict]:
    contract = run_cli([str(pn_dir)], out)
    sents, side_of = {}, {}
    for c in contract["claims"]:
        doc = c["document"]
        s = {"key": f"{doc}:{c['start']}", "doc": doc, "start": c["start"], "end": c["end"], "text": c["text"],
             "date": doc.split("_")[1], "outlet": doc.split("_")[0]}
        sents[c["id"]] = s
        side_of[c["id"]] = (doc, s["key"])
    by_key = {s["key"]: s for s in sents.values()}
    pairs = link_pairs(contract, side_of)
    links = {rel: [(by_key[a[1]], by_key[b[1]]) for a, b in sorted(pairs.get(rel, ()))
                   if by_key[a[1]]["outlet"] != by_key[b[1]]["outlet"]]
             for rel in ("conflicts", "corroborates", "echoes")}
    draw = Draw(seed)

    def make_id(a, b):
        return f"{a['doc']}:{a['start']}~{b['doc']}:{b['start']}"

    fixed = [s for s in sents.values() if "six American soldiers" in s["text"]]
    four = [s for s in sents.values() if "four Americans were killed" in s["text"]]
    draw.take("pn-fixed", [(fixed[0], four[0])], 1, make_id)
    draw.take("pn-tool-conflicts", links["conflicts"], 16, make_id)
    draw.take("pn-tool-corroborates", links["corroborates"], 20, make_id)
    draw.take("pn-tool-echoes", links["echoes"], 6, make_id)
    ben = sorted((s for s in sents.values() if _BENGHAZI.search(s["text"]) and _DEATH.search(s["text"])),
                 key=lambda s: s["key"])
    draw.take("pn-benghazi", [(x, y) for i, x in enumerate(ben) for y in ben[i + 1:] if x["outlet"] != y["outlet"]],
              8, make_id)
    allsents = sorted(sents.values(), key=lambda s: s["key"])
    copies = copy_candidates([s for s in allsents if len(s["text"]) >= 40], lambda s: s["outlet"])
    draw.take("pn-copy", [(a, b) for r, a, b in copies if r >= 0.8], 10, make_id)
    return draw.rows


def write(rows: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["id", "split", "stratum", "a_doc", "a_start", "a_end", "b_doc", "b_start", "b_end",
                    "a_date", "b_date", "a_text", "b_text"])
        for r in rows:
            a, b = r["a"], r["b"]
            w.writerow([r["id"], r["split"], r["stratum"], a["doc"], a["start"], a["end"], b["doc"], b["start"],
                        b["end"], a["date"], b["date"], a["text"], b["text"]])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--seed", type=int, default=20231007)
    ap.add_argument("--more-corroborates", type=int, metavar="N",
                    help="only draw N more gaza-canada 'corroborates' links, none of them in --judged")
    ap.add_argument("--judged", type=Path, default=Path(__file__).resolve().parent.parent
                    / "tests" / "fixtures" / "pairs" / "gaza_canada.tsv")
    args = ap.parse_args()
    gaza_dir, pn_dir = locate(args.data_dir, None)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    if args.more_corroborates:
        write(more_corroborates(gaza_dir, args.out_dir, args.seed, args.more_corroborates, args.judged),
              args.out_dir / "gaza_canada.more.candidates.tsv")
        return
    write(gaza(gaza_dir, args.out_dir, args.seed), args.out_dir / "gaza_canada.candidates.tsv")
    write(polnear(pn_dir, args.out_dir, args.seed), args.out_dir / "polnear.candidates.tsv")


if __name__ == "__main__":
    main()
