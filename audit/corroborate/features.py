"""Claim text -> matching features: normalised content words, canonical entities, figures, copy fingerprint.

Words are lower-cased, crudely stemmed and mapped to synonym classes from `lexicons/synonyms.yaml`, so
"captives", "hostages" and "detainees" are one word, and "released" and "freed" another. Who said it is
the attribution's business: the source and relaying-outlet spans are left out of the content.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from audit.lexicon import Lexicon
from audit.models import Claim, Quantity

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W\d_]+(?:['’][^\W\d_]+)*|\d[\d,.]*\d|\d")
_QUESTION_END = re.compile(r"\?[\s\"'”’)\]]*$")


@dataclass(slots=True)
class Features:
    words: frozenset[str]          # content words after stemming and synonym classes
    entities: frozenset[str]       # canonical registry names of the entities, lower-cased
    figures: tuple[Quantity, ...]
    fingerprint: int               # equal for verbatim copies (case and punctuation aside)
    headline: bool
    question: bool                 # a question asserts nothing: it neither matches nor is matched


def stem(word: str) -> str:
    """Crude English suffix stripping: plurals, -ed, -ing, -ation and a final e; consistent, not pretty."""
    w = word
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ied"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    elif len(w) > 6 and w.endswith("ation"):
        w = w[:-5] + "at"
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "lsz":
        w = w[:-1]
    return w


def tokens(text: str) -> list[str]:
    """Words and numbers as written, curly apostrophes straightened and possessives dropped."""
    out = []
    for tok in _TOKEN.findall(text):
        tok = tok.replace("’", "'")
        if tok.endswith("'s") or tok.endswith("'S"):
            tok = tok[:-2]
        if "." in tok and tok[0].isalpha():
            tok = tok.replace(".", "")
        out.append(tok)
    return out


def _is_acronym(tok: str) -> bool:
    return len(tok) > 1 and tok.isupper()


class Vocabulary:
    """The matching lexicon compiled for lookups: synonym classes, event predicates, stopwords."""

    def __init__(self, synonyms: dict[str, list[str]], predicates: list[str], stopwords: list[str]):
        self.stopwords = frozenset(w.lower().replace("’", "'") for w in stopwords)
        self.predicates = frozenset(predicates)
        self.acronyms: dict[str, str] = {}                 # "US" -> class, matched in capitals only
        self.singles: dict[str, str] = {}                  # stem -> class
        self.phrases: dict[tuple[str, ...], str] = {}      # stems -> class
        for name, entries in synonyms.items():
            for entry in entries:
                toks = tokens(entry)
                if len(toks) == 1 and _is_acronym(toks[0]):
                    self.acronyms[toks[0]] = name
                elif len(toks) == 1:
                    self.singles[stem(toks[0].lower())] = name
                elif toks:
                    self.phrases[tuple(stem(t.lower()) for t in toks)] = name
        self.longest_phrase = max(map(len, self.phrases), default=1)
        self.phrase_starts = frozenset(p[0] for p in self.phrases)
        self.display: dict[str, str] = {name: name for name in synonyms}   # word -> how to show it
        self._word: dict[str, tuple[str, str | None]] = {}                 # token -> (stem, word or None)

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon) -> Vocabulary:
        return cls(lexicon.get("match_synonyms", {}), lexicon.get("match_predicates", []),
                   lexicon.get("match_stopwords", []))

    def _lookup(self, tok: str) -> tuple[str, str | None]:
        """(stem, content word or None for a stopword or number) of one token, cached."""
        hit = self._word.get(tok)
        if hit is None:
            low = tok.lower()
            s = stem(low)
            if _is_acronym(tok) and tok in self.acronyms:
                word = self.acronyms[tok]
            elif low in self.stopwords or not low[0].isalpha() or len(low) < 2:
                word = None
            else:
                word = self.singles.get(s, s)
                self.display.setdefault(word, low)
            hit = self._word[tok] = (s, word)
        return hit

    def words(self, text: str) -> set[str]:
        """Content words of a text: phrases first (longest wins), then single words."""
        looked = [self._lookup(t) for t in tokens(text)]
        out: set[str] = set()
        i, n = 0, len(looked)
        while i < n:
            s, word = looked[i]
            if s in self.phrase_starts:
                for length in range(min(self.longest_phrase, n - i), 1, -1):
                    name = self.phrases.get(tuple(x[0] for x in looked[i:i + length]))
                    if name:
                        out.add(name)
                        i += length
                        break
                else:
                    if word:
                        out.add(word)
                    i += 1
                continue
            if word:
                out.add(word)
            i += 1
        return out

    def features(self, claim: Claim) -> Features:
        content, entities = _content_text(claim)
        return Features(
            words=frozenset(self.words(content)),
            entities=entities,
            figures=tuple(claim.quantities),
            fingerprint=hash(" ".join(tokens(claim.text.lower()))),
            headline=claim.is_headline,
            question=bool(_QUESTION_END.search(claim.text)),
        )


def _content_text(claim: Claim) -> tuple[str, frozenset[str]]:
    """The claim's text with entity mentions replaced by canonical names and attribution spans removed."""
    a = claim.attribution
    edits: list[tuple[int, int, str]] = []
    for span in (a.source_span, *a.via_spans):
        if span is not None:
            edits.append((span.start, span.end, " "))
    entities = set()
    for e in claim.entities:
        if e.canonical:
            entities.add(e.canonical.lower())
            edits.append((e.start, e.end, f" {e.canonical} "))
    if not edits:
        return claim.text, frozenset(entities)
    text, base = claim.text, claim.start
    pieces, cursor = [], 0
    for start, end, replacement in sorted(edits):
        start, end = start - base, end - base
        if start < cursor or end > len(text) or start < 0:
            continue                                     # outside the claim, or overlapping an earlier edit
        pieces += [text[cursor:start], replacement]
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces), frozenset(entities)


_VOCABULARIES: dict[str, Vocabulary] = {}


def vocabulary(lexicon: Lexicon | None = None) -> Vocabulary:
    """The compiled vocabulary of a lexicon (the built-in one by default), compiled once per lexicon."""
    lexicon = lexicon or Lexicon.load()
    vocab = _VOCABULARIES.get(lexicon.digest)
    if vocab is None:
        vocab = _VOCABULARIES[lexicon.digest] = Vocabulary.from_lexicon(lexicon)
    return vocab
