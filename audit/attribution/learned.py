"""An optional learned cue tagger (issue 10): an averaged perceptron that marks the tokens of a sentence that
introduce an attribution ("says", "took aim at", "is choosing not to respond to"), for the long tail of cue
words no lexicon lists. It is off by default: the rules alone are the default path. It runs offline and
deterministically (pure Python, no download; training visits the data in a fixed order), and the model is a
JSON file of feature weights that `Extractor.use_cue_model(path)` loads.

No model ships with the package: one trained on PolNeAR would carry a corpus without a licence.
`bench/train_cue_tagger.py` trains one from a PolNeAR folder into a path of your choice, and
`audit eval polnear DIR --cue-model PATH` measures rules+model, to set beside the rules-only run
(docs/accuracy.md). The extractor tags a sentence with the model when the rules find no attribution in it,
and adds the model's cues that the rules did not find as further attributions, sources found the rules' way.
It costs about four times the rules' extraction time.
"""
from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from pathlib import Path

TOKEN = re.compile(r"\w+(?:[’'.-]\w+)*|[^\w\s]")
TAGS = ("O", "B", "I")


def default_pronouns() -> frozenset[str]:
    """The pronouns the "pron" feature tests, from the built-in language pack (grammar.yaml)."""
    from ..language import LanguagePack

    return frozenset(LanguagePack.builtin()["cue_tagger_pronouns"])


def tokenize(s: str) -> list[tuple[int, int, str]]:
    """Word and punctuation tokens of a sentence with their offsets."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(s)]


def _shape(w: str) -> str:
    if w[:1].isupper():
        return "X" if len(w) > 1 and w.isupper() else "Xx"
    if w[:1].isdigit():
        return "d"
    return "x" if w[:1].isalpha() else w[:1]


def features(words: list[str], i: int, prev_tag: str, pronouns: frozenset[str]) -> list[str]:
    """Features of token i: the word, its suffixes and shape, its neighbours, the previous tag, and whether
    the word before is one of `pronouns`."""
    w = words[i]
    low = w.lower()
    p1 = words[i - 1].lower() if i else "<s>"
    p2 = words[i - 2].lower() if i > 1 else "<s>"
    n1 = words[i + 1].lower() if i + 1 < len(words) else "</s>"
    n2 = words[i + 2].lower() if i + 2 < len(words) else "</s>"
    ps = _shape(words[i - 1]) if i else "<s>"
    return ["b", "w=" + low, "s3=" + low[-3:], "s2=" + low[-2:], "sh=" + _shape(w), "p1=" + p1, "n1=" + n1,
            "p2=" + p2, "n2=" + n2, "ps=" + ps, "pt=" + prev_tag, "pt+w=" + prev_tag + low,
            "p1+w=" + p1 + "|" + low, "w+n1=" + low + "|" + n1, "ps+s3=" + ps + low[-3:],
            "pron=" + str(p1 in pronouns), "pos=" + ("0" if i == 0 else "1" if i < 4 else "n")]


class CueTagger:
    """Averaged perceptron over tokens, tags O/B/I (outside, begins, inside a cue), greedy left to right."""

    def __init__(self, weights: dict[str, dict[str, float]] | None = None, margin: float = 0.0,
                 pronouns: frozenset[str] | None = None):
        self.weights = weights or {}
        self.margin = margin              # how much "B" must beat "O" by to open a cue (precision knob)
        self.pronouns = default_pronouns() if pronouns is None else pronouns

    # -- use ---------------------------------------------------------------------------------

    def _scores(self, feats: list[str]) -> dict[str, float]:
        scores = dict.fromkeys(TAGS, 0.0)
        for f in feats:
            row = self.weights.get(f)
            if row:
                for tag, w in row.items():
                    scores[tag] += w
        return scores

    def tag(self, words: list[str], margin: float | None = None) -> list[str]:
        margin = self.margin if margin is None else margin
        tags: list[str] = []
        prev = "O"
        for i in range(len(words)):
            scores = self._scores(features(words, i, prev, self.pronouns))
            if prev == "O":
                scores["I"] = float("-inf")
                scores["B"] -= margin
            best = max(TAGS, key=lambda t: (scores[t], -TAGS.index(t)))
            tags.append(best)
            prev = best
        return tags

    def cues(self, s: str, margin: float | None = None) -> list[tuple[int, int]]:
        """Cue spans of a sentence (offsets into s)."""
        toks = tokenize(s)
        tags = self.tag([t for _, _, t in toks], margin)
        spans: list[tuple[int, int]] = []
        for (a, b, _), tag in zip(toks, tags):
            if tag == "B":
                spans.append((a, b))
            elif tag == "I" and spans:
                spans[-1] = (spans[-1][0], b)
        return spans

    # -- training ----------------------------------------------------------------------------

    @classmethod
    def train(cls, sentences: list[tuple[list[str], list[str]]], epochs: int = 5, seed: int = 20261130,
              pronouns: frozenset[str] | None = None) -> CueTagger:
        """Averaged perceptron on (words, tags) pairs; deterministic for a given order and seed. `pronouns`:
        those the "pron" feature tests (grammar.yaml's cue_tagger_pronouns by default)."""
        weights: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        totals: dict[tuple[str, str], float] = defaultdict(float)
        stamps: dict[tuple[str, str], int] = defaultdict(int)
        step = 0
        model = cls(pronouns=pronouns)
        model.weights = weights                        # type: ignore[assignment]
        order = list(range(len(sentences)))
        rng = random.Random(seed)
        for _ in range(epochs):
            rng.shuffle(order)
            for k in order:
                words, gold = sentences[k]
                prev = "O"
                for i in range(len(words)):
                    step += 1
                    feats = features(words, i, prev, model.pronouns)
                    scores = model._scores(feats)
                    if prev == "O":
                        scores["I"] = float("-inf")
                    guess = max(TAGS, key=lambda t: (scores[t], -TAGS.index(t)))
                    truth = gold[i]
                    if guess != truth:
                        for f in feats:
                            for tag, delta in ((truth, 1.0), (guess, -1.0)):
                                key = (f, tag)
                                totals[key] += (step - stamps[key]) * weights[f][tag]
                                stamps[key] = step
                                weights[f][tag] += delta
                    prev = truth                      # teacher forcing on the previous tag
        averaged: dict[str, dict[str, float]] = {}
        for f, row in weights.items():
            for tag, w in row.items():
                key = (f, tag)
                total = totals[key] + (step - stamps[key]) * w
                avg = round(total / step, 4)
                if avg:
                    averaged.setdefault(f, {})[tag] = avg
        return cls(averaged, pronouns=model.pronouns)

    # -- files -------------------------------------------------------------------------------

    def save(self, path: Path | str) -> None:
        data = {"format": "audit-cue-tagger/1", "margin": self.margin, "pronouns": sorted(self.pronouns),
                "weights": self.weights}
        Path(path).write_text(json.dumps(data, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, path: Path | str) -> CueTagger:
        """A model file written by `save`; an unreadable or foreign file is refused with its path."""
        from ..errors import AuditError

        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise AuditError(f"cannot read the cue tagger model: {exc}", str(path)) from exc
        if not isinstance(data, dict) or data.get("format") != "audit-cue-tagger/1" \
                or not isinstance(data.get("weights"), dict):
            raise AuditError("not a cue tagger model (bench/train_cue_tagger.py writes one)", str(path))
        pronouns = data.get("pronouns")                   # older files: the lexicon's list
        return cls(data["weights"], float(data.get("margin", 0.0)),
                   frozenset(pronouns) if isinstance(pronouns, list) else None)
