"""Score attribution extraction against PolNeAR (brat standoff annotations of US political news).

Layout read (the corpus itself is never copied into the project; the folder is an argument):

    DIR/metadata.tsv                       compartment, filename, publisher, ... per article
    DIR/SPLIT/text/ARTICLE.txt
    DIR/SPLIT/attributions/ARTICLE_ANNOTATOR.ann

Conventions, stated in every report:
- one annotation file per article: the alphabetically first (several annotators marked some articles);
- `Discuss` and `Discard` spans (annotators' own marks) are ignored;
- a discontinuous span ("12 20;31 40") counts as its envelope (first start to last end) for exact
  matching and as its pieces for overlap;
- spans are compared after stripping surrounding whitespace and punctuation; the "relaxed" exact
  source measure also strips one leading determiner (the, a, an) on both sides;
- a sentence (a claim: the headline or a sentence of the body) is gold-positive when a Cue starts
  inside it, predicted positive when its attribution kind is not "none" or it has a cue; gold cues
  that start outside every claim (furniture the tool skips) count as missed positives for every system;
- overlap matching is one-to-one (each gold span matches at most one prediction, largest overlap first);
- confidence intervals: percentile bootstrap over articles (resample articles with replacement).
"""
from __future__ import annotations

import csv
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from audit.errors import AuditError

IGNORED_TYPES = frozenset({"Discuss", "Discard"})
STRIP = " \t\r\n,;:.!?\"'“”‘’()[]{}—–-…*"
_DETERMINER = re.compile(r"(?:the|a|an)\s+", re.IGNORECASE)
# The published pattern baseline: a said/told/according-to sentence is attributed.
BASELINE_PATTERN = re.compile(r"(?<![\w-])(?:said|says|say|told|tells|according\s+to)(?![\w-])", re.IGNORECASE)

METRICS = ("sentence", "sentence_all_positive", "sentence_pattern",
           "source_exact", "source_exact_relaxed", "source_overlap", "cue_exact", "cue_overlap")
METRIC_LABELS = {
    "sentence": "sentence has an attribution (tool)",
    "sentence_all_positive": "  baseline: every sentence positive",
    "sentence_pattern": "  baseline: said/told/according-to pattern",
    "source_exact": "source span, exact",
    "source_exact_relaxed": "source span, exact, leading the/a/an stripped",
    "source_overlap": "source span, overlap",
    "cue_exact": "cue span, exact",
    "cue_overlap": "cue span, overlap",
}


@dataclass(slots=True, frozen=True)
class GoldSpan:
    start: int                                   # envelope of the pieces
    end: int
    text: str
    pieces: tuple[tuple[int, int], ...]


@dataclass(slots=True)
class Article:
    id: str
    split: str
    publisher: str
    text_path: Path
    ann_path: Path | None
    sources: list[GoldSpan] = field(default_factory=list)
    cues: list[GoldSpan] = field(default_factory=list)
    outlet: str | None = None                    # the publisher column of metadata.tsv, when there is one


@dataclass(slots=True)
class Prediction:
    """What the tool said about one article: its sentences, and the source and cue spans it found."""
    sentences: list[tuple[int, int, bool]]       # start, end, predicted positive
    sources: list[tuple[int, int]]
    cues: list[tuple[int, int]]


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    def prf(self) -> tuple[float, float, float]:
        return prf(self.tp, self.fp, self.fn)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# --- loading ---------------------------------------------------------------------------------------

def parse_ann(text: str) -> dict[str, list[GoldSpan]]:
    """Text-bound annotations of a brat .ann file by type (Discuss and Discard left out)."""
    spans: dict[str, list[GoldSpan]] = {}
    for line in text.splitlines():
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        head = parts[1].split(" ", 1)
        if len(head) < 2 or head[0] in IGNORED_TYPES:
            continue
        try:
            pieces = tuple(sorted((int(a), int(b)) for a, b in (p.split() for p in head[1].split(";"))))
        except ValueError:
            continue
        surface = parts[2] if len(parts) > 2 else ""
        spans.setdefault(head[0], []).append(
            GoldSpan(min(a for a, _ in pieces), max(b for _, b in pieces), surface, pieces))
    for found in spans.values():
        found.sort(key=lambda g: (g.start, g.end))
    return spans


def read_metadata(root: Path) -> dict[str, dict[str, str]]:
    path = root / "metadata.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["filename"]: row for row in csv.DictReader(fh, delimiter="\t")}


def split_folder(root: Path, split: str) -> Path:
    """DIR/SPLIT when it exists, else DIR itself when it holds text/ (a split folder was given)."""
    for folder in (root / split, root):
        if (folder / "text").is_dir():
            return folder
    raise AuditError(f"no PolNeAR split '{split}' under {root} (expected {root / split / 'text'})")


def load_split(root: Path | str, split: str = "dev") -> list[Article]:
    """Articles of one split with the Source and Cue spans of their alphabetically first annotation file."""
    root = Path(root)
    folder = split_folder(root, split)
    meta = read_metadata(root) or read_metadata(folder.parent)
    anns: dict[str, list[Path]] = {}
    ann_dir = folder / "attributions"
    if ann_dir.is_dir():
        for path in ann_dir.glob("*.ann"):
            anns.setdefault(path.stem.rsplit("_", 1)[0], []).append(path)
    articles = []
    for text_path in sorted((folder / "text").glob("*.txt")):
        aid = text_path.stem
        chosen = min(anns[aid], key=lambda p: p.name) if aid in anns else None
        spans = parse_ann(chosen.read_text(encoding="utf-8")) if chosen else {}
        publisher = meta.get(aid, {}).get("publisher") or aid.split("_", 1)[0]
        articles.append(Article(aid, split, publisher, text_path, chosen,
                                spans.get("Source", []), spans.get("Cue", []), meta.get(aid, {}).get("publisher")))
    if not articles:
        raise AuditError(f"no articles in {folder / 'text'}")
    return articles


def read_article(path: Path, outlet: str | None, auditor):
    """One article as a Document, its outlet taken from the corpus metadata when the text names none (so
    "The Post has learned" in a Post article is the publisher's own voice)."""
    from audit.ingest import ingest
    from audit.models import MetaValue

    docs, _ = ingest([str(path)], auditor.registry, auditor.language)
    if docs and outlet and not docs[0].outlet:
        docs[0].meta["outlet"] = MetaValue(outlet, "metadata.tsv")
    return docs[0] if docs else None


# --- span normalisation and matching --------------------------------------------------------------

def trim(text: str, start: int, end: int, determiner: bool = False) -> tuple[int, int]:
    """Offsets without surrounding whitespace and punctuation (and a leading the/a/an if asked)."""
    while start < end and (text[start] in STRIP or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in STRIP or text[end - 1].isspace()):
        end -= 1
    if determiner:
        m = _DETERMINER.match(text, start, end)
        if m and m.end() < end:
            start = m.end()
    return start, end


def exact_counts(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> Counts:
    g, p = Counter(gold), Counter(pred)
    tp = sum((g & p).values())
    return Counts(tp, len(pred) - tp, len(gold) - tp)


def overlap_counts(gold: list[tuple[tuple[int, int], ...]], pred: list[tuple[int, int]]) -> Counts:
    """One-to-one matching of predicted spans to gold spans that share at least one character."""
    pairs = []
    for i, (a, b) in enumerate(pred):
        for j, pieces in enumerate(gold):
            shared = sum(max(0, min(b, y) - max(a, x)) for x, y in pieces)
            if shared > 0:
                pairs.append((-shared, i, j))
    pairs.sort()
    used_p, used_g = set(), set()
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    tp = len(used_p)
    return Counts(tp, len(pred) - tp, len(gold) - tp)


def score_article(text: str, article: Article, pred: Prediction) -> dict[str, Counts]:
    """Per-metric counts for one article."""
    out = _sentence_counts(text, article, pred)
    for name, golds, preds in (("source", article.sources, pred.sources), ("cue", article.cues, pred.cues)):
        g_exact = [trim(text, g.start, g.end) for g in golds]
        p_exact = [trim(text, a, b) for a, b in preds]
        out[f"{name}_exact"] = exact_counts(g_exact, p_exact)
        if name == "source":
            out["source_exact_relaxed"] = exact_counts([trim(text, g.start, g.end, True) for g in golds],
                                                       [trim(text, a, b, True) for a, b in preds])
        pieces = [tuple(trim(text, x, y) for x, y in g.pieces) for g in golds]
        out[f"{name}_overlap"] = overlap_counts(pieces, p_exact)
    return out


def _sentence_counts(text: str, article: Article, pred: Prediction) -> dict[str, Counts]:
    """Sentence-level counts for the tool and the two baselines; gold cues outside every sentence are misses."""
    starts = sorted(min(a for a, _ in g.pieces) for g in article.cues)
    sentences = sorted(pred.sentences)
    gold_pos = []
    covered = set()
    for a, b, _ in sentences:
        inside = [s for s in starts if a <= s < b]
        gold_pos.append(bool(inside))
        covered.update(inside)
    uncovered = sum(1 for s in starts if s not in covered)
    systems = {
        "sentence": [positive for _, _, positive in sentences],
        "sentence_all_positive": [True] * len(sentences),
        "sentence_pattern": [BASELINE_PATTERN.search(text, a, b) is not None for a, b, _ in sentences],
    }
    out = {name: _binary_counts(gold_pos, guesses, uncovered) for name, guesses in systems.items()}
    out["_uncovered_cues"] = Counts(fn=uncovered)
    return out


def _binary_counts(gold: list[bool], guesses: list[bool], missed: int) -> Counts:
    c = Counts(fn=missed)
    for g, p in zip(gold, guesses):
        if g and p:
            c.tp += 1
        elif p:
            c.fp += 1
        elif g:
            c.fn += 1
    return c


def predict(claims) -> Prediction:
    """The tool's answer for one article from its claims (sentences = claims): every attribution of a
    claim but the nested ones (inside an attributed quotation: not a source of the claim)."""
    sentences, sources, cues = [], [], []
    for c in claims:
        sentences.append((c.start, c.end, bool(c.attributions)))
        for at in (a for a in c.attributions if not a.nested):
            if at.source_span is not None:
                sources.append((at.source_span.start, at.source_span.end))
            cues.append((at.cue_span.start, at.cue_span.end))
    return Prediction(sentences, sources, cues)


# --- aggregation and bootstrap ---------------------------------------------------------------------

def summarise(per_article: list[dict[str, Counts]], metrics=METRICS, resamples: int = 1000,
              seed: int = 20261122) -> dict[str, dict]:
    """Micro P/R/F1 per metric with 95% percentile bootstrap intervals over articles."""
    n = len(per_article)
    rng = random.Random(seed)
    draws = [[rng.randrange(n) for _ in range(n)] for _ in range(resamples)] if n else []
    out = {}
    for m in metrics:
        rows = [(c[m].tp, c[m].fp, c[m].fn) for c in per_article]
        tp, fp, fn = (sum(col) for col in zip(*rows)) if rows else (0, 0, 0)
        p, r, f = prf(tp, fp, fn)
        samples = []
        for draw in draws:
            t = f_ = n_ = 0
            for i in draw:
                a, b, c = rows[i]
                t += a
                f_ += b
                n_ += c
            samples.append(prf(t, f_, n_))
        ci = {}
        for k, key in enumerate(("p", "r", "f1")):
            vals = sorted(s[k] for s in samples)
            ci[key] = [round(vals[int(0.025 * (len(vals) - 1))], 4), round(vals[int(0.975 * (len(vals) - 1))], 4)] \
                if vals else [0.0, 0.0]
        out[m] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn, "ci": ci}
    return out


def evaluate(root: Path | str, split: str = "dev", auditor=None, resamples: int = 1000,
             seed: int = 20261122) -> dict:
    """Run the real pipeline over a PolNeAR split and score it. Returns a JSON-ready report."""
    from audit.pipeline import Auditor

    auditor = auditor or Auditor()
    articles = load_split(root, split)
    per_article, publishers = [], []
    sentences = words = 0
    for art in articles:
        doc = read_article(art.text_path, art.outlet, auditor)
        if doc is None:
            continue
        claims = auditor.analyse(doc)
        pred = predict(claims)
        per_article.append(score_article(doc.text, art, pred))
        publishers.append(art.publisher)
        sentences += len(claims)
        words += doc.words
    report = {
        "corpus": "PolNeAR v1.0.0",
        "split": split,
        "articles": len(per_article),
        "sentences": sentences,
        "words": words,
        "gold_sources": sum(len(a.sources) for a in articles),
        "gold_cues": sum(len(a.cues) for a in articles),
        "gold_cues_outside_claims": sum(c["_uncovered_cues"].fn for c in per_article),
        "conventions": {
            "annotation_file": "alphabetically first .ann per article",
            "ignored": sorted(IGNORED_TYPES),
            "discontinuous": "envelope for exact match, pieces for overlap",
            "determiners": "source_exact keeps them; source_exact_relaxed strips a leading the/a/an on both sides",
            "bootstrap": {"resamples": resamples, "seed": seed, "unit": "article", "interval": "95% percentile"},
        },
        "metrics": summarise(per_article, resamples=resamples, seed=seed),
    }
    by_publisher: dict[str, dict] = {}
    report["by_publisher"] = by_publisher
    for pub in sorted(set(publishers)):
        group = [c for c, p in zip(per_article, publishers) if p == pub]
        by_publisher[pub] = {"articles": len(group), **summarise(
            group, metrics=("sentence", "sentence_pattern", "source_exact", "source_overlap", "cue_exact"),
            resamples=resamples, seed=seed)}
    return report


def _fmt(m: dict, key: str) -> str:
    lo, hi = m["ci"][key]
    return f"{m[key]:.3f} [{lo:.3f}-{hi:.3f}]"


def render_text(report: dict) -> str:
    lines = [f"{report['corpus']} {report['split']}: {report['articles']} articles, {report['sentences']:,} sentences, "
             f"{report['words']:,} words, {report['gold_cues']:,} gold cues, {report['gold_sources']:,} gold sources",
             f"({report['gold_cues_outside_claims']} gold cues start outside every claim and count as missed; "
             f"alphabetically first annotation file per article; 95% bootstrap CI over articles, "
             f"{report['conventions']['bootstrap']['resamples']} resamples)", ""]
    lines.append(f"{'measure':48} {'precision':>21} {'recall':>21} {'F1':>21}")
    for name in METRICS:
        m = report["metrics"][name]
        lines.append(f"{METRIC_LABELS[name]:48} {_fmt(m, 'p'):>21} {_fmt(m, 'r'):>21} {_fmt(m, 'f1'):>21}")
    lines += ["", "by publisher (F1):",
              f"  {'publisher':14} {'articles':>8} {'sentence':>9} {'pattern':>9} {'source exact':>13} "
              f"{'source overlap':>15} {'cue exact':>10}"]
    for pub, m in report["by_publisher"].items():
        lines.append(f"  {pub:14} {m['articles']:>8} {m['sentence']['f1']:>9.3f} {m['sentence_pattern']['f1']:>9.3f} "
                     f"{m['source_exact']['f1']:>13.3f} {m['source_overlap']['f1']:>15.3f} {m['cue_exact']['f1']:>10.3f}")
    return "\n".join(lines)
