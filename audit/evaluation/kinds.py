"""Check the attribution-kind classifier against hand-labelled PolNeAR source spans.

The labels (audit/evaluation/data/kinds/polnear_sources*.tsv) hold the article id, offsets and a kind for each
sampled gold Source, and which rows are held out from tuning; the span text is read from the PolNeAR folder
at run time. Two measures:

- end to end: the kind of the attribution (any of a claim's own, not only its primary one) whose extracted
  source overlaps the labelled span; a labelled source the extractor did not find counts as "missed" (a
  recall error for its kind);
- classifier alone: the labelled span given straight to the classifier, with the attributions extracted
  from the earlier sentences of the article as history (so "he" and "the source" can be resolved).
"""
from __future__ import annotations

import csv
import hashlib
from collections import Counter, defaultdict
from pathlib import Path

from audit.models import AttributionKind

KINDS = tuple(k for k in AttributionKind if k != AttributionKind.NONE)


USES = ("tune", "heldout")


def held_out(*key: object) -> bool:
    """The fixed rule that put a third of the new labels aside: sha256 of the key's parts joined by ":"
    ("ARTICLE:START:END") below 1/3."""
    digest = hashlib.sha256(":".join(map(str, key)).encode("utf-8")).hexdigest()
    return int(digest[:8], 16) * 3 < 16 ** 8


def load_labels(path: Path | str, use: str = "all") -> list[dict]:
    """Rows of the labels file (comment lines start with #), "skip" rows left out.

    Each row gets a "use" (tune or heldout): its own "use" column when the file has one, else the whole file's
    (a file named *_heldout.tsv is held out, any other is the tuning set). `use` other than "all" keeps those.
    """
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    default = "heldout" if path.stem.endswith("_heldout") else "tune"
    for row in rows:
        row["start"], row["end"] = int(row["start"]), int(row["end"])
        row["use"] = row.get("use") or default
    return [r for r in rows if r["label"] != "skip" and use in ("all", r["use"])]


def load_label_sets(paths, use: str = "all") -> list[dict]:
    """Rows of several label files merged (a span listed twice is kept once), optionally one use only."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    rows, seen = [], set()
    for path in paths:
        for row in load_labels(path, use):
            key = (row["split"], row["article"], row["start"], row["end"])
            if key not in seen:
                seen.add(key)
                rows.append(row)
    return rows


def per_kind(pairs: list[tuple[str, str]]) -> dict[str, dict]:
    """Precision, recall and support per kind from (gold, predicted) pairs; "missed" is never a kind."""
    out: dict[str, dict] = {}
    for kind in KINDS:
        tp = sum(1 for g, p in pairs if g == kind and p == kind)
        pred = sum(1 for _, p in pairs if p == kind)
        gold = sum(1 for g, _ in pairs if g == kind)
        if not gold and not pred:
            continue
        precision = tp / pred if pred else 0.0
        recall = tp / gold if gold else 0.0
        out[kind] = {"precision": round(precision, 3), "recall": round(recall, 3), "support": gold, "predicted": pred}
    return out


def evaluate_kinds(root: Path | str, labels, auditor=None, use: str = "all") -> dict:
    """Per-kind precision and recall of the real pipeline on the labelled sample.

    `labels`: one label file or several (merged); `use`: "all", "tune" or "heldout" rows only.
    """
    from audit.pipeline import Auditor

    auditor = auditor or Auditor()
    end_to_end, alone, errors = [], [], []
    for doc, claims, items in _labelled_articles(Path(root), load_label_sets(labels, use), auditor):
        for row in items:
            predicted, kind = _judge(row, doc, claims, auditor)
            end_to_end.append((row["label"], predicted))
            alone.append((row["label"], kind))
            if predicted != row["label"]:
                errors.append({"article": row["article"], "span": doc.text[row["start"]:row["end"]],
                               "gold": row["label"], "predicted": predicted, "classifier": kind})
    found = [(g, p) for g, p in end_to_end if p != "missed"]
    confusion = Counter(end_to_end)
    return {
        "labels": str(labels) if isinstance(labels, (str, Path)) else [str(p) for p in labels],
        "use": use,
        "sources": len(end_to_end),
        "found": len(found),
        "end_to_end": per_kind(end_to_end),
        "end_to_end_accuracy_when_found": _accuracy(found),
        "classifier_alone": per_kind(alone),
        "classifier_alone_accuracy": _accuracy(alone),
        "confusion": {f"{g}->{p}": n for (g, p), n in sorted(confusion.items()) if g != p},
        "errors": errors,
    }


def _labelled_articles(root: Path, rows: list[dict], auditor):
    """(document, its claims, its label rows) for every labelled article present under `root`."""
    from .polnear import read_article, read_metadata, split_folder

    meta = read_metadata(root)
    by_article: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        by_article[(row["split"], row["article"])].append(row)
    for (split, article), items in sorted(by_article.items()):
        path = split_folder(root, split) / "text" / f"{article}.txt"
        doc = read_article(path, meta.get(article, {}).get("publisher"), auditor) if path.is_file() else None
        if doc is not None:
            yield doc, auditor.analyse(doc), items


def _judge(row: dict, doc, claims, auditor) -> tuple[str, str]:
    """(end-to-end kind or "missed", classifier-alone kind) for one labelled span."""
    from audit.attribution import Ref

    a, b = row["start"], row["end"]
    found = [at for c in claims for at in c.attributions if not at.nested and at.source_span is not None
             and at.source_span.start < b and a < at.source_span.end]
    predicted = found[0].kind if found else "missed"
    sentence = next((c for c in claims if c.start <= a < c.end), None)
    history = [(c.attribution.kind, Ref(c.id, c.attribution)) for c in claims
               if sentence is not None and c.index < sentence.index and c.attribution.kind != AttributionKind.NONE]
    kind = auditor.extractor.classify(doc.text[a:b], sentence.text if sentence else doc.text[a:b], history)
    return predicted, kind


def _accuracy(pairs: list[tuple[str, str]]) -> float:
    return round(sum(g == p for g, p in pairs) / len(pairs), 3) if pairs else 0.0


def render_kinds(report: dict) -> str:
    which = "" if report.get("use", "all") == "all" else f" ({report['use']} labels)"
    found = report["found"] / report["sources"] if report["sources"] else 0.0
    lines = [f"source kinds on {report['sources']} hand-labelled PolNeAR sources{which}: gold sources found "
             f"{report['found']} ({found:.1%}); kind right on {report['end_to_end_accuracy_when_found']:.1%} of "
             f"those; classifier alone (given the gold span) right on {report['classifier_alone_accuracy']:.1%}",
             "  end to end: an unfound source is a miss for its kind; classifier alone: not end to end",
             f"  {'kind':14} {'support':>7} {'end-to-end P':>13} {'R':>6} {'classifier P':>13} {'R':>6}"]
    for kind in KINDS:
        e = report["end_to_end"].get(kind)
        c = report["classifier_alone"].get(kind)
        if not e and not c:
            continue
        e = e or {"precision": 0, "recall": 0, "support": 0}
        c = c or {"precision": 0, "recall": 0}
        lines.append(f"  {kind:14} {e['support']:>7} {e['precision']:>13.3f} {e['recall']:>6.3f} "
                     f"{c['precision']:>13.3f} {c['recall']:>6.3f}")
    top = sorted(report["confusion"].items(), key=lambda kv: -kv[1])[:8]
    if top:
        lines.append("  most frequent confusions (gold->predicted): " + ", ".join(f"{k} {n}" for k, n in top))
    return "\n".join(lines)
