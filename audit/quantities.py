"""Figures in news text as intervals, and how two figures relate (domain notes §4).

`extract_quantities` reads every figure of a sentence ("captured about 240 Israelis", "between 200
and 250 captives", "dozens of casualties") into a `Quantity`: an interval with its counted unit and
the predicate it goes with. `relation` then says whether two figures agree, conflict, revise one
another or are a part and its whole.

Reading rules (the widths live in rules/lexicons/quantities.yaml):
- a bare figure is exact unless round: ending in 000 it stands for ±5%, ending in 00 for ±2%;
- "about N" is ±10%, ±20% when N has one significant digit ("about 50,000"), never narrower than ±1
  for counts; "more than N" is [N, None]; "up to N" is [0, N]; "nearly N" is [0.9N, N];
- "A to B", "between A and B", "A-B" are [A, B]; "A or B" widens that by 5% each way;
- vague phrases carry the bounds the lexicon gives them, None where no bound is meaningful;
- dates, times and durations come back with kind "date" or "duration" so callers can skip them;
  ordinals, labels ("Resolution 2334") and codes ("501(c)3", "F-16", "COVID-19") are not figures.

Relations: figures of different measures (kind, counted group, predicate) are "unrelated"; of the same
measure they are "compatible" when the intervals overlap, or when one is vague with an open bound.
Disjoint figures are a "part" when the smaller counts a narrower group ("13 Israelis" of "24 released")
or when the groups cannot be compared; otherwise they are "conflicting" if asserted within
SAME_TIME_DAYS of each other and a "revision" (a running tally) if further apart.

Speed: one compiled scanner finds every candidate. It tries to match only after a non-word character,
and only where a look-ahead trie of every word a figure can start with passes (about one word in
twenty); unit, predicate and interval are then worked out per figure.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import yaml

from .models import FigureRelation, Quantity
from .paths import LEXICONS_DIR
from .patterns import phrase_pattern

SAME_TIME_DAYS = 2.0  # figures asserted further apart than this are a running tally, not a conflict

_LEX = yaml.safe_load((LEXICONS_DIR / "quantities.yaml").read_text(encoding="utf-8"))
_WIDTH = _LEX["quantity_widths"]


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _index(table: dict[str, list[str]]) -> dict[str, str]:
    """word -> canonical name, from a {canonical: [words]} table."""
    return {_norm(word): name for name, words in table.items() for word in words}


def _trie(tails: dict[str, str]) -> str:
    """Trie-shaped regex for literal phrases, each followed by its own tail pattern."""
    root: dict = {}
    for phrase, tail in tails.items():
        node = root
        for ch in _norm(phrase):
            node = node.setdefault(ch, {})
        node[""] = tail

    def emit(node: dict) -> str:
        branches = [re.escape(ch).replace(r"\ ", r"\s+") + emit(child) for ch, child in node.items() if ch]
        if "" in node:
            branches.append(node[""])
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return emit(root)


def _alternation(phrases) -> str:
    """Longest-first alternation of literal phrases; a space matches any whitespace."""
    return "(?:" + _trie(dict.fromkeys(phrases, "")) + ")"


# ---- lexicon tables --------------------------------------------------------------------------

_NUMBER_WORDS = _LEX["quantity_number_words"]
_SMALL_VALUES = {**_NUMBER_WORDS["ones"], **_NUMBER_WORDS["teens"], **_NUMBER_WORDS["tens"]}
_MULTIPLIERS = {**_NUMBER_WORDS["multipliers"], **_NUMBER_WORDS["abbreviations"]}
_HEDGES = _index(_LEX["quantity_hedges"])
_POSTFIX_HEDGES = _index(_LEX["quantity_postfix_hedges"])
_FRACTIONS = {_norm(k): float(v) for k, v in _LEX["quantity_fractions"].items()}
_VAGUE = {_norm(k): tuple(v) for k, v in _LEX["quantity_vague"].items()}
_NOT_VAGUE_BEFORE = frozenset(_LEX["quantity_not_vague_before"])
_TIME_UNITS = _index(_LEX["quantity_time_units"])
_CURRENCY_BEFORE = {_norm(w): code for code, forms in _LEX["quantity_currencies"].items()
                    for w in forms["before"]}
_CURRENCY_AFTER = {_norm(w): code for code, forms in _LEX["quantity_currencies"].items()
                   for w in forms["after"]}
_CURRENCY_CODES = frozenset(_LEX["quantity_currencies"])
_ROLES = _index(_LEX["quantity_roles"])
_ROLE_CLASSES = _LEX["quantity_role_classes"]
_UNITS = _LEX["quantity_units"]
_HEADS = _index({name: entry["words"] for name, entry in _UNITS.items()})
_HEAD_GROUPS = {name: entry["group"] for name, entry in _UNITS.items()}
_HEAD_ROLES = {name: entry.get("role") for name, entry in _UNITS.items()}
_NATIONALITY_ADJECTIVES = frozenset(_LEX["quantity_nationalities"])
_NATIONALITY_NOUNS = {_norm(w): adj for adj, nouns in _LEX["quantity_nationalities"].items() for w in nouns}
_NATIONALITY_PLURALS = {adj: (_norm(nouns[0]) if nouns else adj)
                        for adj, nouns in _LEX["quantity_nationalities"].items()}
_PEOPLE_OF = {plural: adj for adj, plural in _NATIONALITY_PLURALS.items()}
_CAPITALS_ONLY = {_norm(w): w for nouns in _LEX["quantity_nationalities"].values() for w in nouns
                  if w.isupper()}
_LABEL_WORDS = frozenset(_LEX["quantity_label_words"])
_UNIT_STOPWORDS = frozenset(_LEX["quantity_unit_stopwords"]) | frozenset(w for w in _ROLES if " " not in w)


# ---- the scanner -----------------------------------------------------------------------------

_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sept sep oct nov dec").split()
_ONES = _alternation(_NUMBER_WORDS["ones"])
_SMALL = (rf"(?:{_alternation(_NUMBER_WORDS['tens'])}(?:[-\s]{_ONES}(?![a-z]))?"
          rf"|{_alternation(_NUMBER_WORDS['teens'])}|{_ONES})(?![a-z])")
_MULTIPLIER = _alternation(_NUMBER_WORDS["multipliers"]) + "(?![a-z])"
_SPELLED = rf"(?:{_SMALL}|an?(?=\s+{_MULTIPLIER}))(?:\s+{_MULTIPLIER}(?:\s+(?:and\s+)?{_SMALL})?)*"
_DIGITS = (rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?"
           rf"(?:\s?{_MULTIPLIER}|{_alternation(_NUMBER_WORDS['abbreviations'])})?(?!\w)")
_NUMBER = rf"(?:{_DIGITS}|{_SPELLED}(?!\w))"
_CURRENCY = rf"(?:{_alternation(_CURRENCY_BEFORE)}\s?)"
_PERCENT = rf"(?:\s?(?:%|{_alternation(_LEX['quantity_percent_words'])}(?!\w)))"
_POSTFIX = "(?:" + "|".join(
    (r"\s?" if p[0] in "+-" else r"\s+") + re.escape(p).replace(r"\ ", r"\s+") + r"(?![\w+])"
    for p in sorted(_POSTFIX_HEDGES, key=len, reverse=True)) + ")"
_HEDGE = phrase_pattern(_HEDGES)
_RANGE_JOINER = r"(?:\s*[-–]\s*|-?\s+(?:to|or)\s+|(?(between)\s+and\s+|(?!)))"
_MONTH = _alternation(_MONTHS)

_FIGURE = (rf"(?P<fig>(?:(?P<hedge>{_HEDGE})\s+)?(?:(?P<between>between|from)\s+)?"
           rf"(?P<cur>{_CURRENCY})?(?P<a>{_NUMBER})(?P<pct1>{_PERCENT})?"
           rf"(?:(?P<joiner>{_RANGE_JOINER})(?P<cur2>{_CURRENCY})?(?P<b>{_NUMBER})(?P<pct2>{_PERCENT})?)?"
           rf"(?P<post>{_POSTFIX})?)")
_DATE = (r"(?P<date>\d{4}-\d{1,2}-\d{1,2}(?!\w)|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?!\w)"
         r"|\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\b\.?)?(?!\w)|\d{1,2}\s?[ap]\.?m\b\.?"
         rf"|(?P<month>{_MONTH})\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{4}})(?!\w)"
         rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month_after>{_MONTH})\.?(?:,?\s+\d{{4}})?(?!\w)"
         r"|(?:\d\d)?\d0s(?!\w)|'\d0s(?!\w))")
# Not figures: ordinals ("2nd"), codes ("501(c)3"), ids and timestamps ("1449075600"), "9/11", "24/7".
_SKIP = r"(?P<skip>\d+(?:st|nd|rd|th)(?!\w)|\d+\([a-z0-9]{1,3}\)(?:\(?\d+\)?)?|\d{8,}(?!\w)|\d+/\d+(?![\w/]))"
_ALWAYS_FRACTIONS = [f for f in _FRACTIONS if "-" in f or f.endswith("s")]
_FRACTION = (rf"(?P<frac>(?:(?P<frac_hedge>{_HEDGE})\s+)?(?P<fraction>{_alternation(_ALWAYS_FRACTIONS)}"
             rf"|{_alternation(set(_FRACTIONS) - set(_ALWAYS_FRACTIONS))}(?=\s+of(?!\w))))")
_VAGUE_DURATION = rf"(?P<vague_duration>{phrase_pattern(_LEX['quantity_vague_durations'])})"
_VAGUE_PHRASE = rf"(?P<vague>{phrase_pattern(_VAGUE)})"
_LEAD = r"[\s(\[{\"“‘'—–]"  # a space, bracket, quote or dash: never "F-16", "v2.5", "#3"

# Where a figure can start: a digit or sign, a month before a day, or a starting word or phrase.
# Checked first so that the full alternation runs at about one word in twenty.
_WORD_END, _NUMBER_WORD_END = r"(?![\w-])", r"(?![a-z])"  # "one-", "twenty-four" go on
_GATE = "(?=[\\d$€£¥₪']|" + _trie({
    **{phrase: _WORD_END for phrase in (*_HEDGES, *_FRACTIONS, *_VAGUE, *_LEX["quantity_vague_durations"],
                                        "between", "from")},
    **{currency: r"\s?\d" for currency in _CURRENCY_BEFORE},  # "US$5", "USD 3bn"
    **{f"{article} {word}": _NUMBER_WORD_END
       for article in ("a", "an") for word in _NUMBER_WORDS["multipliers"]},
    **{word: _NUMBER_WORD_END for word in _SMALL_VALUES},
    **{month: r"\.?\s+\d" for month in _MONTHS},
}) + ")"
_SCANNER = re.compile(_LEAD + _GATE + "(?:" + "|".join(
    (_DATE, _SKIP, _FRACTION, _VAGUE_DURATION, _VAGUE_PHRASE, _FIGURE)) + ")")
_FIGURE_ONLY = re.compile(_LEAD + _FIGURE)

# ---- context around a figure -----------------------------------------------------------------

_WORD = r"(?:[a-z]\.){2,}|[^\W\d_][\w'’]*"
_UNIT_WORDS = re.compile(
    r"(?:-(?=[^\W\d_])|[^\S\n]+(?:of[^\S\n]+(?:(?:the|its|their|his|her|our|these|those)[^\S\n]+)?)?)"
    rf"(?P<w1>{_WORD})(?:(?:[^\S\n]+|-)(?P<w2>{_WORD}))?(?:[^\S\n]+(?P<w3>{_WORD}))?")
_ROLE_BARRIERS = frozenset(_LEX["quantity_role_barriers"])
_ROLE_WORD = re.compile(r"[^\w-]" + phrase_pattern([*_ROLES, *_ROLE_BARRIERS]))  # tried at word starts only
_ATTACHED_ROLE = re.compile(
    rf"\s*,?\s*(?:{phrase_pattern(_LEX['quantity_role_links'])}\s+){{0,3}}(?P<role>{phrase_pattern(_ROLES)})")
_OR_MORE_AFTER = re.compile(r",?\s+or\s+more(?!\w)")
_CLAUSE_BREAKS = (".", ";", "!", "?", "\n", '"', "“", "”", "''")
_ROLE_WINDOW = 60       # characters before a figure searched for its predicate
_INHERIT_MAX_WORDS = 4  # "24 captives, including 13 Israelis": 13 shares the predicate of 24


class _Reading(NamedTuple):
    """One figure as read, in scan coordinates (one more than text offsets)."""
    start: int
    end: int
    low: float | None
    high: float | None
    unit: str | None
    kind: str
    implied_role: str | None  # what the counted noun implies ("prisoners": held)
    words_end: int            # where the figure's own words (unit, attached predicate) end
    vague: bool = False


def _number(written: str) -> tuple[float, float]:
    """(value, multiplier) of "5,200", "1.2 million", "3bn", "twenty-four", "two hundred and fifty"."""
    if written[0].isdigit():
        digits = written.rstrip("abcdefghijklmnopqrstuvwxyz").rstrip()
        multiplier = _MULTIPLIERS.get(written[len(digits):].strip(), 1)
        return round(float(digits.replace(",", "")) * multiplier, 6), multiplier
    total, current, multiplier = 0.0, 0.0, 1
    for token in re.split(r"[\s-]+", written):
        if token in _SMALL_VALUES:
            current += _SMALL_VALUES[token]
        elif token in _MULTIPLIERS:
            multiplier = _MULTIPLIERS[token]
            if multiplier < 1000:
                current = (current or 1) * multiplier
            else:
                total, current = total + (current or 1) * multiplier, 0.0
    return total + current, multiplier


def _halo(value: float) -> float:
    """Relative width a bare round figure stands for ("5,000" is not a head count)."""
    if value >= 1000 and value % 1000 == 0:
        return _WIDTH["round_thousands"]
    if value >= 100 and value % 100 == 0:
        return _WIDTH["round_hundreds"]
    return 0.0


def _very_round(value: float) -> bool:
    """One significant digit: "50", "1,000", "50,000"."""
    return 10 <= value < 1e15 and value == int(value) and len(str(int(value)).rstrip("0")) == 1


def _hedged(low: float, high: float, hedge: str | None, kind: str, very_round: bool = False):
    """Apply a hedge category to the interval [low, high]."""
    if hedge == "approximate":
        width = _WIDTH["approximate_very_round"] if very_round else _WIDTH["approximate"]
        floor = _WIDTH["approximate_min_count"] if kind == "count" else 0.0
        return max(low - max(low * width, floor), 0.0), high + max(high * width, floor)
    if hedge == "at_least":
        return low, None
    if hedge == "at_most":
        return 0.0, high
    if hedge == "nearly":
        return low * (1 - _WIDTH["nearly"]), high
    if hedge == "just_over":
        return low, high * (1 + _WIDTH["just_over"])
    return low, high


def _original_word(text: str, start: int, end: int, word: str) -> bool:
    """False for a word listed in capitals ("US") written otherwise ("us")."""
    return word not in _CAPITALS_ONLY or text[start - 1:end - 1] == _CAPITALS_ONLY[word]


def _noun(word: str) -> bool:
    """A known counted noun, or a word that looks like a plural noun ("bases", "officials")."""
    return word in _HEADS or (len(word) > 3 and word[-1] == "s" and word[-2] not in "siu'’"
                              and word not in _UNIT_STOPWORDS)


def _unit_after(scan: str, text: str, pos: int):
    """(unit, kind, implied role, end, known) of the counted noun phrase after a figure."""
    m = _UNIT_WORDS.match(scan, pos)
    if m is None:
        return None, "count", None, pos, False
    words = [(m.group(g), m.start(g), m.end(g)) for g in ("w1", "w2", "w3") if m.group(g)]
    nationality = head = None
    end = pos
    for i, (word, start, stop) in enumerate(words):
        word = word.removesuffix("'s").removesuffix("’s")
        if i + 1 < len(words):
            pair = word + " " + words[i + 1][0]
            if pair in _CURRENCY_AFTER:
                return _CURRENCY_AFTER[pair], "money", None, words[i + 1][2], True
            if pair in _HEADS:
                head, end = _HEADS[pair], words[i + 1][2]
                break
        if word in _TIME_UNITS:
            return _TIME_UNITS[word], "duration", None, stop, True
        if word in _CURRENCY_AFTER:
            return _CURRENCY_AFTER[word], "money", None, stop, True
        if word in _NATIONALITY_NOUNS and _original_word(text, start, stop, word):
            nationality, end = _NATIONALITY_NOUNS[word], stop
            if i + 1 < len(words) and _noun(words[i + 1][0]):  # "2 US officials"
                continue
            head = "people"
            break
        if word in _NATIONALITY_ADJECTIVES:
            nationality, end = word, stop
            continue
        if word in _HEADS:
            head, end = _HEADS[word], stop
            break
        if word in _UNIT_STOPWORDS:
            break
        if _noun(word):  # an unknown plural noun
            head, end = word, stop
            break
    if head is None and nationality is None:
        return None, "count", None, pos, False
    if head in (None, "people") and nationality:
        unit = _NATIONALITY_PLURALS[nationality]
    else:
        unit = f"{nationality} {head}" if nationality else head
    return unit, "count", _HEAD_ROLES.get(head), end, head in _HEAD_GROUPS or nationality is not None


def _role_before(scan: str, start: int, window_start: int) -> str | None:
    """The nearest predicate before a figure, within its clause."""
    lo = max(window_start, start - _ROLE_WINDOW)
    for mark in _CLAUSE_BREAKS:
        lo = max(lo, scan.rfind(mark, lo, start) + 1)
    role = None
    for m in _ROLE_WORD.finditer(scan, lo - 1, start):
        role = _ROLES.get(_norm(m.group()[1:]))  # None after a barrier ("said")
    return role


def _word_before(scan: str, pos: int) -> str:
    words = scan[max(0, pos - 16):pos].split()
    return words[-1] if words else ""


def _read_figure(m: re.Match, scan: str, text: str) -> _Reading | None:
    """A numeric figure with its hedges, range, unit and kind; None for a label or a stray "one"."""
    start, end = m.start("fig"), m.end("fig")
    hedge = _HEDGES.get(_norm(m.group("hedge") or ""))
    has_range = m.group("b") is not None
    if m.group("between") and not has_range:
        start, hedge = m.start("cur") if m.group("cur") else m.start("a"), None
    written = m.group("a")
    if hedge is None and start == m.start("a") and _word_before(scan, start) in _LABEL_WORDS:
        return None  # "Resolution 2334", "No. 10"
    value, multiplier = _number(written)
    currency = m.group("cur") or m.group("cur2")
    if m.group("pct1") or m.group("pct2"):
        unit, kind, implied, unit_end, known = "%", "percent", None, end, True
    elif currency:
        unit, kind, implied, unit_end, known = _CURRENCY_BEFORE[_norm(currency)], "money", None, end, True
    else:
        unit, kind, implied, unit_end, known = _unit_after(scan, text, end)
    if written == "one" and not (hedge or has_range or known):  # "no one", "one of them"
        return None
    post = _POSTFIX_HEDGES.get(_norm(m.group("post") or "").lstrip("-"))
    plain = hedge is None and post is None and currency is None
    if has_range:
        other_written = m.group("b")
        other, other_multiplier = _number(other_written)
        if plain and not known and _is_year(written) and (_is_year(other_written) or len(other_written) == 2):
            return _Reading(start, end, None, None, None, "date", None, end)  # "2015-16"
        if multiplier == 1 < other_multiplier and value <= other / other_multiplier:
            value *= other_multiplier  # "1 to 2 million"
        low, high = min(value, other), max(value, other)
        if "or" in m.group("joiner").split():
            low, high = low * (1 - _WIDTH["alternatives"]), high * (1 + _WIDTH["alternatives"])
        low, high = _hedged(low, high, hedge, kind)
    else:
        if plain and kind == "count" and not known and _is_year(written):
            return _Reading(start, end, value, value, None, "date", None, end)
        if hedge is None and "dozen" in written:
            hedge = "approximate"  # "a dozen" is a round guess
        if hedge is None and post is None and kind in ("count", "money"):
            halo = _halo(value)
            low, high = value * (1 - halo), value * (1 + halo)
        else:
            low, high = _hedged(value, value, hedge, kind, _very_round(value))
    if post and high is not None:
        low, high = _hedged(low, high, post, kind)
    if _OR_MORE_AFTER.match(scan, unit_end):  # "between 200 and 250 captives, or more"
        high = None
    return _Reading(start, end, low, high, unit, kind, implied, unit_end)


def _is_year(written: str) -> bool:
    return len(written) == 4 and written.isdigit() and 1800 <= int(written) <= 2099


def _read_vague(m: re.Match, scan: str, text: str) -> _Reading | None:
    phrase = _norm(m.group("vague"))
    start, end = m.span("vague")
    if phrase == "many" and _word_before(scan, start) in _NOT_VAGUE_BEFORE:  # "how many", "as many"
        return None
    low, high = _VAGUE[phrase]
    unit, kind, implied, unit_end, _ = _unit_after(scan, text, end)
    if kind == "duration":  # "a few days", "several weeks"
        return _Reading(start, end, low, high, unit, kind, None, unit_end)
    return _Reading(start, end, low, high, unit, "vague", implied, unit_end, vague=True)


def _read_fraction(m: re.Match, scan: str, text: str) -> _Reading:
    share = _FRACTIONS[_norm(m.group("fraction"))]
    low, high = _hedged(share, share, _HEDGES.get(_norm(m.group("frac_hedge") or "")), "percent")
    high = None if high is None else min(high, 100.0)
    return _Reading(m.start("frac"), m.end("frac"), low, high, "%", "percent", None, m.end("frac"))


def _read_vague_duration(m: re.Match, scan: str, text: str) -> _Reading:
    start, end = m.span("vague_duration")
    return _Reading(start, end, None, None, _TIME_UNITS[m.group("vague_duration").split()[-1]], "duration",
                    None, end)


_READERS = {"fig": _read_figure, "vague": _read_vague, "frac": _read_fraction,
            "vague_duration": _read_vague_duration}


def extract_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Every figure in `text` as a Quantity, with offsets shifted by `offset`."""
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" lower-cases to two characters: keep the offsets aligned
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    scan = " " + lowered  # every pattern is lower-case; the space lets a figure open the text
    shift = offset - 1
    found: list[Quantity] = []
    pos = context_end = role_context_end = 0
    previous_role = None
    while (m := _SCANNER.search(scan, pos)) is not None:
        group, pos = m.lastgroup, m.end()
        if group == "date":
            month = "month" if m.group("month") else "month_after" if m.group("month_after") else None
            if month is None or text[m.start(month) - 1].isupper():
                found.append(Quantity(text[m.start(group) - 1:pos - 1], m.start(group) + shift, pos + shift,
                                      None, None, kind="date"))
                context_end = pos
                continue
            if month == "month":  # "may 5": the verb, not the month
                pos = m.end(month)
                continue
            m, group = _FIGURE_ONLY.match(scan, m.start()), "fig"  # "10 may be released"
            if m is None:  # "10th of may"
                continue
        if group == "skip":
            context_end = pos
            continue
        r = _READERS[group](m, scan, text)
        if r is None:
            continue
        words_end, role = max(r.words_end, r.end), None
        if r.kind not in ("date", "duration"):
            # the predicate: attached after the noun, else the nearest before the figure, else the one
            # of a figure just before ("24 released, including 13 Israelis"), else the noun's own
            attached = _ATTACHED_ROLE.match(scan, words_end)
            if attached:
                role, words_end = _ROLES[_norm(attached.group("role"))], attached.end()
            else:
                role = _role_before(scan, r.start, context_end)
            if role is None and previous_role and _short_gap(scan, role_context_end, r.start):
                role = previous_role
            role = role or r.implied_role
            previous_role, role_context_end = role, words_end
        context_end = words_end
        found.append(Quantity(text[r.start - 1:r.end - 1], r.start + shift, r.end + shift, _tidy(r.low),
                              _tidy(r.high), r.unit, r.kind, role, r.vague))
    return found


def _tidy(bound: float | None) -> float | None:
    """Round away float noise ("5 or 6" -> 6.3, not 6.300000000000001)."""
    return None if bound is None else round(bound, 6)


def _short_gap(scan: str, start: int, end: int) -> bool:
    gap = scan[start:end]
    return len(gap.split()) <= _INHERIT_MAX_WORDS and not any(c in gap for c in _CLAUSE_BREAKS)


# ---- comparing figures -----------------------------------------------------------------------


def overlaps(a: Quantity, b: Quantity) -> bool:
    """Whether the intervals share a point (None bounds are infinite)."""
    return ((a.low is None or b.high is None or a.low <= b.high)
            and (b.low is None or a.high is None or b.low <= a.high))


@lru_cache(maxsize=4096)
def _measure(unit: str) -> tuple[str | None, str]:
    """(nationality, head) of a canonical unit: "israeli soldiers" -> ("israeli", "soldiers")."""
    if unit in _PEOPLE_OF:
        return _PEOPLE_OF[unit], "people"
    first, _, rest = unit.partition(" ")
    if rest and first in _NATIONALITY_ADJECTIVES:
        return first, rest
    return None, unit


def _comparable_kind(q: Quantity) -> str | None:
    if q.kind in ("count", "percent", "money"):
        return q.kind
    if q.kind == "vague":
        return "money" if q.unit in _CURRENCY_CODES else "count"
    return None


def _role_class(role: str | None) -> str | None:
    return _ROLE_CLASSES.get(role, role)


def _heads_compatible(head_a: str, head_b: str, both_nationalities: bool) -> bool:
    if head_a == head_b:
        return True
    groups = {_HEAD_GROUPS.get(head_a, "thing"), _HEAD_GROUPS.get(head_b, "thing")}
    if "thing" in groups:
        return False
    if groups == {"held"}:  # captives vs prisoners: only a shared nationality says who is held
        return both_nationalities
    return groups != {"subgroup"}  # soldiers vs women: different people


def same_measure(a: Quantity, b: Quantity) -> bool:
    """Whether two figures count the same kind of thing (kind, unit and role compatible)."""
    kind = _comparable_kind(a)
    if kind is None or kind != _comparable_kind(b):
        return False
    role = _role_class(a.role)
    if role != _role_class(b.role):
        return False
    if kind != "count" or a.unit is None or b.unit is None:
        # a percentage, a sum or an uncounted figure is only comparable through a shared predicate
        return role is not None and (kind != "money" or a.unit == b.unit)
    nationality_a, head_a = _measure(a.unit)
    nationality_b, head_b = _measure(b.unit)
    if nationality_a and nationality_b and nationality_a != nationality_b:
        return False
    return _heads_compatible(head_a, head_b, bool(nationality_a and nationality_b))


def _scope_order(a: Quantity, b: Quantity) -> int | None:
    """-1 when a counts a narrower group than b, 1 when b does, 0 for the same scope, None when unknown."""
    if _comparable_kind(a) != "count":
        return 0
    if a.unit is None or b.unit is None:
        return None
    (nationality_a, head_a), (nationality_b, head_b) = _measure(a.unit), _measure(b.unit)
    a_narrower = (nationality_a and not nationality_b) or (
        _HEAD_GROUPS.get(head_a) == "subgroup" and _HEAD_GROUPS.get(head_b) != "subgroup")
    b_narrower = (nationality_b and not nationality_a) or (
        _HEAD_GROUPS.get(head_b) == "subgroup" and _HEAD_GROUPS.get(head_a) != "subgroup")
    if a_narrower and b_narrower:
        return None
    return -1 if a_narrower else 1 if b_narrower else 0


def relation(a: Quantity, b: Quantity, days_apart: float | None = None) -> FigureRelation:
    """How two figures relate: unrelated, compatible, part, conflicting or revision (module notes)."""
    if not same_measure(a, b):
        return FigureRelation.UNRELATED
    if overlaps(a, b):
        return FigureRelation.COMPATIBLE
    if any(q.vague and (q.low is None or q.high is None) for q in (a, b)):
        return FigureRelation.COMPATIBLE
    order = _scope_order(a, b)
    a_below = a.high is not None and b.low is not None and a.high < b.low
    if order is None or order == (-1 if a_below else 1):  # a part below its whole, or scopes may differ
        return FigureRelation.PART
    if days_apart is not None and abs(days_apart) > SAME_TIME_DAYS:
        return FigureRelation.REVISION
    return FigureRelation.CONFLICTING
