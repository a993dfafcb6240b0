"""Claim text -> matching features: content words (entities under canonical names), figures, fingerprint.

Words are lower-cased, crudely stemmed and mapped to synonym classes from `lexicons/synonyms.yaml`, so
"captives", "hostages" and "detainees" are one word, and "released" and "freed" another. Who said it is
the attribution's business: the source and relaying-outlet spans are left out of the content.
"""
from __future__ import annotations

import hashlib
import re
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from audit.frames import told_on
from audit.language import LanguagePack, norm
from audit.models import Claim, Quantity

from .blame import Blame, BlameReader
from .events import EVENT_REACH, Mood, moods

# Dotted acronyms ("U.S."), words with inner apostrophes but not a possessive 's, and numbers.
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W\d_]+(?:'(?![sS]\b)[^\W\d_]+)*|\d[\d,.]*\d|\d")
_DOTTED = re.compile(r"[A-Za-z]\.[A-Za-z]\.")
_LINK = re.compile(r"(?:https?://|www\.|(?:pic\.)?twitter\.com/)\S*", re.I)     # an embedded post's link: no words
_DIGIT = re.compile(r"\d")
_QUESTION_END = re.compile(r"\?[\s\"'”’)\]]*$")
COPY_SKETCH = 6             # trigram hashes kept per claim to find near copies (matching.py)
MIN_YEAR, MAX_YEAR = 1900, 2099   # four digits in this range name a year


@dataclass(slots=True)
class Features:
    words: frozenset[str]          # content words after stemming and synonym classes
    figures: tuple[Quantity, ...]
    fingerprint: int               # equal for verbatim copies (case and punctuation aside)
    length: int                    # words and numbers in the text
    headline: bool
    question: bool                 # a question asserts nothing: it is matched only as a copy
    moods: dict[str, Mood]         # predicate class -> asserted, possible or denied
    near: dict[str, frozenset[str]]   # predicate class -> content words within EVENT_REACH tokens of it
    singular: frozenset[str] = frozenset()   # predicate classes told only of one ("she was killed")
    dates: frozenset[tuple[int, int]] = frozenset()   # (month, day) the text names: "Oct. 7"
    years: frozenset[int] = frozenset()               # years the text names: "In November 2014"
    weekdays: frozenset[int] = frozenset()            # days of the week it names as when something happened
                                                      # (0 = Monday): "on Friday", not "said Friday"
    sketch: tuple[int, ...] = ()   # the smallest hashes of its word trigrams: near copies share some
    stock: bool = False            # a stock line ("did not respond to a request for comment") and no figure
                                   # or event besides: it neither matches nor is matched
    blame: Blame = ()              # the sides it says caused an incident, or cleared (blame.py)
    blame_sites: tuple[str, ...] = ()   # ... and the kinds of incident site it names ("hospital")


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
    """Words and numbers as written: curly apostrophes straightened, possessive 's split off as "s",
    dotted acronyms undotted ("U.S." -> "US"), links left out."""
    if "/" in text or "www." in text.lower():     # every link has one of these
        text = _LINK.sub(" ", text)
    found = _TOKEN.findall(text.replace("’", "'"))
    if _DOTTED.search(text):
        found = [t.replace(".", "") if t[0].isalpha() else t for t in found]
    return found


def _is_acronym(tok: str) -> bool:
    return len(tok) > 1 and tok.isupper()


class Vocabulary:
    """The matching lexicon compiled for lookups: synonym classes, event predicates, stopwords."""

    def __init__(self, synonyms: dict[str, list[str]], predicates: list[str], stopwords: list[str],
                 negations: Sequence[str] = (), modals: Sequence[str] = (), months: Sequence[str] = (),
                 month_abbreviations: Sequence[str] = (), not_negations: Sequence[str] = (),
                 stock_lines: Sequence[str] = (), identity_predicates: Sequence[str] = (),
                 directives: Sequence[str] = (), singular: Sequence[str] = (), weekdays: Sequence[str] = (),
                 report_words: Sequence[str] = (), report_fillers: Sequence[str] = (),
                 blame: BlameReader | None = None):
        self.blame = blame
        self.stock = re.compile("|".join(re.escape(norm(line)) for line in stock_lines)) if stock_lines else None
        self.stopwords = frozenset(w.lower().replace("’", "'") for w in stopwords)
        self.months = {m: n for n, m in enumerate(months, 1)}          # "october" and "oct" -> 10
        self.months.update((a, n) for a in month_abbreviations for m, n in list(self.months.items())
                           if m.startswith(a))
        self.weekday_index = {norm(d): i for i, d in enumerate(weekdays)}
        self.report_words = frozenset(norm(w) for w in report_words)
        self.report_fillers = frozenset(norm(w) for w in report_fillers)
        self.predicates = frozenset(predicates)
        self.identity_predicates = frozenset(identity_predicates) & self.predicates
        self.cues: dict[tuple[str, ...], str] = {}   # lower-case tokens -> "negation" | "modal" | "directive" ...
        for kind, entries in (("singular", singular), ("modal", modals), ("directive", directives),
                              ("negation", negations), ("neutral", not_negations)):
            self.cues.update((tuple(t.lower() for t in tokens(e)), kind) for e in entries if tokens(e))
        self.longest_cue = max(map(len, self.cues), default=1)
        self.cue_starts = frozenset(c[0] for c in self.cues)
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
        self.classes = frozenset(synonyms)
        self.display: dict[str, str] = {name: name for name in synonyms}   # word -> how to show it
        self._word: dict[str, str | None] = {}        # token -> content word, None for a stopword or number
        self._lower_word: dict[str, str] = {}         # token written in lower case -> its content word
        self._stem: dict[str, str] = {}               # token -> stem
        self._phrase_tokens: set[str] = set()         # tokens whose stem may start a phrase

    @classmethod
    def from_lexicon(cls, lexicon: LanguagePack) -> Vocabulary:
        return cls(lexicon.get("match_synonyms", {}), lexicon.get("match_predicates", []),
                   lexicon.get("match_stopwords", []), lexicon.get("match_negations", []),
                   lexicon.get("match_modals", []), lexicon.get("months", []),
                   lexicon.get("month_abbreviations", []), lexicon.get("match_not_negations", []),
                   lexicon.get("boilerplate", []), lexicon.get("match_identity_predicates", []),
                   lexicon.get("match_directives", []), lexicon.get("match_singular", []),
                   lexicon.get("weekdays", []), lexicon.get("frame_report_words", []),
                   lexicon.get("frame_report_day_fillers", []),
                   BlameReader(lexicon.get("match_blame_sides", {}), lexicon.get("match_blame_causes", []),
                               lexicon.get("match_blame_responsibility", []), lexicon.get("match_blame_links", []),
                               lexicon.get("match_blame_rejections", []), lexicon.get("match_negations", []),
                               lexicon.get("frame_incident_unnamed_sites", []),
                               lambda text: [t.lower() for t in tokens(text)]))

    def _learn(self, tok: str) -> None:
        """Cache a new token's stem and content word (None for a stopword or number)."""
        low = tok.lower()
        s = self._stem[tok] = stem(low)
        if s in self.phrase_starts:
            self._phrase_tokens.add(tok)
        if _is_acronym(tok) and tok in self.acronyms:
            word = self.acronyms[tok]
        elif low in self.stopwords or not low[0].isalpha() or len(low) < 2:
            word = None
        else:
            word = self.singles.get(s, s)
            self.show({word: low})
        self._word[tok] = word
        if word is not None and tok[0].islower():
            self._lower_word[tok] = word

    def show(self, forms: dict[str, str]) -> None:
        """Display each word as its form (a lower-case token) where that is the shortest form seen (the first
        alphabetically on a tie), whatever the order; classes keep their name."""
        _keep_shortest(self.display, forms.items(), self.classes)

    def words(self, toks: list[str], common: set[str]) -> set[str]:
        """Content words of a token list: phrases first (longest wins), then single words.

        Words written in lower case are added to `common`: the run's words that are not only names.
        """
        known = self._word
        if not known.keys() >= set(toks):
            for t in toks:
                if t not in known:
                    self._learn(t)
        if self._phrase_tokens.isdisjoint(toks):
            common.update(filter(None, map(self._lower_word.get, toks)))
            return set(filter(None, map(known.__getitem__, toks)))      # content words are never empty
        stems = [self._stem[t] for t in toks]
        out: set[str] = set()
        i, n = 0, len(toks)
        while i < n:
            name, length = self._phrase_at(stems, i) if stems[i] in self.phrase_starts else (None, 1)
            if name is None:
                name = known[toks[i]]
            if name is not None:
                out.add(name)
                if toks[i][0].islower():
                    common.add(name)
            i += length
        return out

    def reports_event(self, text: str) -> bool:
        """Whether a text gives a figure or names an event (a predicate class): a report, not furniture."""
        toks = tokens(text)
        return any(t[0].isdigit() for t in toks) or not self.predicates.isdisjoint(self.words(toks, set()))

    def _phrase_at(self, stems: list[str], i: int) -> tuple[str | None, int]:
        """The longest phrase starting at token i and its length, else (None, 1)."""
        for length in range(min(self.longest_phrase, len(stems) - i), 1, -1):
            name = self.phrases.get(tuple(stems[i:i + length]))
            if name:
                return name, length
        return None, 1

    def features(self, claim: Claim, common: set[str], forms: dict[str, str] | None = None) -> Features:
        """A claim's matching features; its words written in lower case are added to `common`, and with
        `forms`, each content word's shortest lower-case form in it (what `display` learns from it)."""
        toks = tokens(claim.text)
        low = list(map(str.lower, toks))
        content = _content_text(claim)
        content_toks = toks if content is claim.text else tokens(content)
        words = frozenset(self.words(content_toks, common))
        if forms is not None:
            self._forms(content_toks, forms)
        moods, near, singular = self.events(content_toks) if not self.predicates.isdisjoint(words) \
            else ({}, {}, frozenset())
        return Features(
            words=words,
            figures=tuple(claim.quantities),
            fingerprint=fingerprint(toks),
            length=len(toks),
            headline=claim.is_headline,
            question=bool(_QUESTION_END.search(claim.text)),
            moods=moods,
            near=near,
            singular=singular,
            dates=self.dates(low),
            weekdays=self.weekdays(low),
            years=frozenset(year for t in toks if len(t) == 4 and t.isdigit()
                            and MIN_YEAR <= (year := int(t)) <= MAX_YEAR) if _DIGIT.search(claim.text) else frozenset(),
            sketch=sketch(low),
            stock=bool(self.stock and not claim.quantities and self.predicates.isdisjoint(words)
                       and self.stock.search(norm(claim.text))),
            blame=(blame := self.blame.read(low) if self.blame else ()),
            blame_sites=self.blame.sites_in(low) if blame and self.blame else (),
        )

    def _forms(self, toks: list[str], forms: dict[str, str]) -> None:
        """Add the tokens' (learned) shortest lower-case form per content word that is no class to `forms`."""
        known = self._word
        _keep_shortest(forms, ((word, t.lower()) for t in toks if (word := known[t]) is not None), self.classes)

    def dates(self, low: list[str]) -> frozenset[tuple[int, int]]:
        """The (month, day) pairs the lower-case tokens name: "Oct. 7", "October 7"."""
        months = self.months
        if months.keys().isdisjoint(low):
            return frozenset()
        return frozenset((months[t], int(d)) for t, d in zip(low, low[1:])
                         if d.isdigit() and t in months and 0 < int(d) <= 31)

    def weekdays(self, low: list[str]) -> frozenset[int]:
        """The days of the week the lower-case tokens name as when something happened: not a report's day
        ("said Friday", "said late on Friday": `frames.told_on`) nor a count's start ("since Saturday")."""
        if self.weekday_index.keys().isdisjoint(low):
            return frozenset()
        found = set()
        for i, t in enumerate(low):
            day = self.weekday_index.get(t)
            if day is None:
                continue
            before = low[max(0, i - 4):i]
            if before[-1:] == ["since"] or told_on(before, self.report_words, self.report_fillers):
                continue
            found.add(day)
        return frozenset(found)

    def events(self, toks: list[str]) -> tuple[dict[str, Mood], dict[str, frozenset[str]], frozenset[str]]:
        """Each predicate class of the tokens (already learned by `words`) with its mood (events.moods)
        and the content words near it, its likely participants; and the classes told only of one (each
        occurrence right after a `match_singular` word)."""
        placed = self._placed(toks)
        classes: list[str | None] = [None] * len(toks)
        for i, word in placed:
            if word in self.predicates:
                classes[i] = word
        at = [j for j, _ in placed]
        near: dict[str, set[str]] = {}
        for i, name in enumerate(classes):
            if name is not None:
                window = placed[bisect_left(at, i - EVENT_REACH):bisect_right(at, i + EVENT_REACH)]
                near.setdefault(name, set()).update(w for _, w in window if w != name)
        cues, bridges = self._cues(toks)
        of_one: dict[str, bool] = {}
        for i, name in enumerate(classes):
            if name is not None:
                of_one[name] = of_one.get(name, True) and _told_of_one(toks, cues, i)
        return (moods(classes, cues, bridges), {name: frozenset(words) for name, words in near.items()},
                frozenset(name for name, one in of_one.items() if one))

    def _placed(self, toks: list[str]) -> list[tuple[int, str]]:
        """(token index, content word) in text order, phrases first as in `words`."""
        stems, known = self._stem, self._word
        if self._phrase_tokens.isdisjoint(toks):        # no phrase can start here: one word per token
            return [(i, w) for i, t in enumerate(toks) if (w := known[t]) is not None]
        out: list[tuple[int, str]] = []
        i, n = 0, len(toks)
        while i < n:
            name, length = self._phrase_at([stems[t] for t in toks[i:i + self.longest_phrase]], 0) \
                if stems[toks[i]] in self.phrase_starts else (None, 1)
            name = name or known[toks[i]]
            if name is not None:
                out.append((i, name))
            i += length
        return out

    def _cues(self, toks: list[str]) -> tuple[list[str | None], list[bool]]:
        """Per token: the negation, modal, directive or singular cue that ends there, and whether a negation
        reaches past it (function words, numbers and cue words do)."""
        known = self._word
        low = [t.lower() for t in toks]
        cues: list[str | None] = [None] * len(low)
        bridges = [known.get(t, "") is None for t in toks]
        for i in range(len(low)):
            if low[i].endswith("n't"):
                cues[i], bridges[i] = "negation", True
                continue
            if low[i] not in self.cue_starts:
                continue
            for length in range(min(self.longest_cue, len(low) - i), 0, -1):
                kind = self.cues.get(tuple(low[i:i + length]))
                if kind:
                    cues[i + length - 1] = kind
                    bridges[i:i + length] = [True] * length
                    break
        return cues, bridges


def fingerprint(toks: list[str]) -> int:
    """A 64-bit digest of the lower-cased words, equal for verbatim copies and stable across processes
    (stored features keep it)."""
    text = " ".join(toks).lower().encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big", signed=True)


def _told_of_one(toks: list[str], cues: list[str | None], i: int) -> bool:
    """Whether the predicate at token i is told of one: a past form right after a singular word, or after
    one adverb following it ("was killed", "was brutally killed"; not "is killing")."""
    if toks[i].lower().endswith("ing"):
        return False
    j = i - 1 - (i > 1 and toks[i - 1].lower().endswith("ly"))
    return j >= 0 and cues[j] == "singular"


def sketch(low: list[str]) -> tuple[int, ...]:
    """The COPY_SKETCH smallest CRC-32 hashes of the word trigrams of lower-case tokens (of all of them if
    fewer): stable across runs, and shared by near copies whatever their words (a min-hash sketch)."""
    n = min(3, len(low))
    grams = set(map(zlib.crc32, map(str.encode, map(" ".join, zip(*(low[k:] for k in range(n))))))) if n \
        else {zlib.crc32(b"")}
    return tuple(sorted(grams)[:COPY_SKETCH])


def _content_text(claim: Claim) -> str:
    """The claim's text with entity mentions replaced by canonical names and attribution spans removed."""
    a = claim.attribution
    edits = [(span.start, span.end, " ") for span in (a.source_span, *a.via_spans) if span is not None]
    edits += [(e.start, e.end, f" {e.canonical} ") for e in claim.entities if e.canonical]
    if not edits:
        return claim.text
    text, base = claim.text, claim.start
    pieces, cursor = [], 0
    for start, end, replacement in sorted(edits):
        start, end = start - base, end - base
        if start < cursor or end > len(text) or start < 0:
            continue                                     # outside the claim, or overlapping an earlier edit
        pieces += [text[cursor:start], replacement]
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


_VOCABULARIES: dict[str, Vocabulary] = {}


def vocabulary(lexicon: LanguagePack | None = None) -> Vocabulary:
    """The compiled vocabulary of a lexicon (the built-in one by default), compiled once per lexicon."""
    if lexicon is None:
        return _builtin_vocabulary()
    vocab = _VOCABULARIES.get(lexicon.digest)
    if vocab is None:
        vocab = _VOCABULARIES[lexicon.digest] = Vocabulary.from_lexicon(lexicon)
    return vocab


@lru_cache(maxsize=1)
def _builtin_vocabulary() -> Vocabulary:
    return vocabulary(LanguagePack.builtin())


def _keep_shortest(forms: dict[str, str], found: Iterable[tuple[str, str]], classes: frozenset[str]) -> None:
    """Keep in `forms` each word's shortest form found (the first alphabetically on a tie), whatever the order;
    classes are left out (they keep their name). One loop per claim, not a call per word."""
    for word, low in found:
        shown = forms.get(word)
        if shown != low and word not in classes and (shown is None or (len(low), low) < (len(shown), shown)):
            forms[word] = low
