"""Convert the gaza-canada death-mention sentences into the tool's JSON Lines input.

    python bench/gaza_canada.py DATA_DIR OUT.jsonl

DATA_DIR is the gaza-canada folder (`globe_sentences.csv`, `star_sentences.csv`, `post_sentences.csv`;
MIT licence, Benjamin Cuthbert / The Breach). Only death-mention sentences survive in that data, so each
record is a *partial* article: the sentences of one `url`, in row order, one paragraph each (joined by a
blank line, surrounding whitespace stripped, inner line breaks turned into spaces). Per record:

- `id`: `<paper>-<first row key, 4 digits>` (paper = globe | star | post), e.g. `post-0013`; stable as long
  as the CSV rows are;
- `title`, `url`, `outlet` (The Globe and Mail / Toronto Star / National Post), `published` (the
  article's date, YYYY-MM-DD; the earliest when rows of one url disagree);
- `rows`: the sentence row keys with their character offsets in `text`, `[[row, start, end], ...]`
  (the tool ignores fields it does not know; the judged pairs and `bench/pairs.py` use them).

Nothing from the data is committed: the output goes wherever OUT.jsonl points.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

PAPERS = {"globe": "The Globe and Mail", "star": "Toronto Star", "post": "National Post"}
SEPARATOR = "\n\n"


def sentence_text(raw: str) -> str:
    """A sentence as the converted article holds it: stripped, one line."""
    return raw.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").strip()


def articles(data_dir: str | Path) -> list[dict]:
    """Every partial article of the three papers, as JSON Lines records, in a stable order."""
    out = []
    for paper, outlet in PAPERS.items():
        path = Path(data_dir) / f"{paper}_sentences.csv"
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        groups: dict[str, list[dict]] = {}
        for row in rows:
            groups.setdefault(row["url"], []).append(row)
        for url, members in groups.items():
            members.sort(key=lambda r: int(r[""]))
            parts, spans, offset = [], [], 0
            for r in members:
                text = sentence_text(r["sentence"])
                if not text:
                    continue
                if parts:
                    offset += len(SEPARATOR)
                spans.append([int(r[""]), offset, offset + len(text)])
                parts.append(text)
                offset += len(text)
            if not parts:
                continue
            out.append({
                "id": f"{paper}-{int(members[0]['']):04d}",
                "title": members[0]["title"].strip(),
                "outlet": outlet,
                "published": min(r["date"][:10] for r in members),
                "url": url,
                "text": SEPARATOR.join(parts),
                "rows": spans,
            })
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir")
    ap.add_argument("out")
    args = ap.parse_args(argv)
    records = articles(args.data_dir)
    with open(args.out, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(records)} articles, {sum(len(r['rows']) for r in records)} sentences -> {args.out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
