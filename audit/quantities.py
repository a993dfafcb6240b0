"""Figures in news text as intervals, and how two figures relate (domain notes §4).

`extract_quantities` reads every figure of a sentence ("captured about 240 Israelis", "between 200
and 250 captives", "dozens of casualties") into a `Quantity`: an interval with its counted unit and
the predicate it goes with. `relation` then says whether two figures agree, conflict, revise one
another or are a part and its whole.

Reading rules (the words and widths live in rules/lexicons/quantities.yaml, read from the LanguagePack):
- a bare figure is exact unless round: ending in 000 it stands for ±5%, ending in 00 for ±2%;
- "about N" is ±10%, ±20% when N has one significant digit ("about 50,000"), never narrower than ±1
  for counts; "more than N" is [N, None]; "up to N" is [0, N]; "nearly N" is [0.9N, N];
- "A to B", "between A and B", "A-B" are [A, B]; "A or B" widens that by 5% each way;
- vague phrases carry the bounds the lexicon gives them, None where no bound is meaningful;
- dates, times and durations come back with kind "date" or "duration" so callers can skip them;
  ordinals, labels ("Resolution 2334") and codes ("501(c)3", "F-16", "COVID-19") are not figures.

Frames: each figure gets its measure (from its predicate's class, or its noun: "prisoners" held are
"detained"), and the population its own noun phrase names ("9 Israeli soldiers"); audit/frames.py
completes population, scope, as-of date and tally from the sentence.

Relations, decided on frames: figures of different measures, populations (neither containing the
other) or scopes are "unrelated". Within a frame they are "compatible" when the intervals overlap (a
vague open figure fits anything), except that an open bound or a rounded value and another number on
different dates of a running count are a count reported again. Counts at two towns or camps
(`Quantity.site`) are "unrelated" unless they state one value (49 at a nightclub and 49 in its city); a
count at one is narrower than a count of its scope. A narrower population below a wider one is a "part".
Two disjoint values of a running measure (quantity_measures: deaths, hostages as identified...) are an
"update", or a "revision_down" when the later is lower: never a conflict; but two of no known population,
unless both are dated, are "unrelated" (undated tolls of two attacks), and so are two dated values that
one count cannot take (`one_count`: one raid's three dead and a territory's 83). They are "conflicting" only for
a level (prisoners held) or an event's count, of a known population and one scope, as of dates at most
SAME_REPORT_DAYS apart; one period's or event's counts further apart are "unrelated" (other days). Counts
of named incidents (`Quantity.incident`: one strike or blast at one place) are of one event only when the
incident is the same and its as-of dates (the days it happened, which must be known) are at most
INCIDENT_DAYS apart; counts of two incidents, or of an incident and of no named one, are "unrelated", and
so are two counts told at an unnamed site ("a hospital") until matching takes them for a named incident.
A count of a few (under FEW: "two men", "three of her cousins") with no named incident may be any of a
day's incidents: it conflicts with no other count of that day. A period's or event's count dated after a
running total's as-of date is no part of it: "unrelated".

`FigureReader(pack)` compiles one language pack's words (once per pack: `pack.compiled(FigureReader)`);
the module functions read and compare with the built-in pack.

Speed: one compiled scanner finds every candidate. It tries to match only after a non-word character,
and only where a look-ahead trie of every word a figure can start with passes (about one word in
twenty); unit, predicate and interval are then worked out per figure.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterator
from datetime import date
from typing import NamedTuple

from .language import LanguagePack, lower_aligned, norm
from .models import FigureRelation, Quantity
from .patterns import phrase_pattern, trie

SAME_REPORT_DAYS = 1.0  # figures as of dates this close can be the same report
INCIDENT_DAYS = 2.0     # counts of one incident as of dates this close are of the same incident
FEW = 10                # a count under this is of people one can name: of one incident, unless said otherwise
ROUNDED_DOWN = 0.9      # a later lower bound at least this share of a count's earlier value rounds it down
OTHER_COUNT_SHARE = 0.5  # a later value under this share of an earlier one is another count of the frame
MAX_DAILY_GROWTH = 2.0  # a running count at most doubles from one day to the next
UNNAMED_INCIDENT = "a "  # the start of an incident key that names a kind of site, not a place ("a hospital")


def _index(table: dict[str, list[str]]) -> dict[str, str]:
    """word -> canonical name, from a {canonical: [words]} table."""
    return {norm(word): name for name, words in table.items() for word in words}


def _normed_trie(tails: dict[str, str]) -> str:
    """`patterns.trie` of phrases compared as lexicon phrases are (`norm`), each with its tail pattern."""
    return trie({norm(phrase): tail for phrase, tail in tails.items()})


def _alternation(phrases) -> str:
    """Longest-first alternation of literal phrases; a space matches any whitespace."""
    return "(?:" + _normed_trie(dict.fromkeys(phrases, "")) + ")"


# ---- patterns that need no word list ---------------------------------------------------------

_RANGE_JOINER = r"(?:\s*[-–]\s*|-?\s+(?:to|or)\s+|(?(between)\s+and\s+|(?!)))"
# Not figures: ordinals ("2nd"), codes ("501(c)3"), ids and timestamps ("1449075600"), "9/11", "24/7".
_SKIP = r"(?P<skip>\d+(?:st|nd|rd|th)(?!\w)|\d+\([a-z0-9]{1,3}\)(?:\(?\d+\)?)?|\d{8,}(?!\w)|\d+/\d+(?![\w/]))"
_LEAD = r"[\s(\[{\"“‘'—–]"  # a space, bracket, quote or dash: never "F-16", "v2.5", "#3"
_WORD_END, _NUMBER_WORD_END = r"(?![\w-])", r"(?![a-z])"  # "one-", "twenty-four" go on
_WORD = r"(?:[a-z]\.){2,}|[^\W\d_][\w'’]*"
_UNIT_WORDS = re.compile(
    r"(?:-(?=[^\W\d_])|[^\S\n]+(?:of[^\S\n]+(?:(?:the|its|their|his|her|our|these|those)[^\S\n]+)?)?)"
    rf"(?P<w1>{_WORD})(?:(?:[^\S\n]+|-)(?P<w2>{_WORD}))?(?:[^\S\n]+(?P<w3>{_WORD}))?")
_OR_MORE_AFTER = re.compile(r",?\s+or\s+more(?!\w)")
# A person's age set off after a name: "Adi Vital-Kaploun, 33, was killed" (a bare number, no unit).
_NAME_BEFORE = re.compile(r"[A-Z][\w'’.-]*,\s$")
_AGE_AFTER = re.compile(r",\s|\s*[―—–]\s")   # the appositive closes with a comma or a dash ("Crutcher, 40 ― a father")
MAX_AGE = 120
CHANGE_REACH = 6        # words before "from X to Y" searched for a change word ("rose", "revised")
_CLAUSE_MARK = re.compile(r"[.;!?\n\"“”]|''")     # a clause break, unless an abbreviation's dot (`_breaks`)
_ROLE_WINDOW = 60       # characters before a figure searched for its predicate
_ROLE_AFTER_WINDOW = 80 # characters after a figure searched for its predicate when none comes before
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


class _Unit(NamedTuple):
    """What a figure counts, as read from the words after it (or its sign)."""
    unit: str | None
    kind: str
    implied_role: str | None
    end: int                  # where the unit's words end
    known: bool               # a listed noun, nationality, currency or time unit



class FigureReader:
    """Every figure of a text read with one language pack's words; how two figures relate."""

    def __init__(self, pack: LanguagePack):
        self._read_tables(pack)
        self._compile_scanner(pack)
        self._compile_context(pack)
        self._readers = {"fig": self._read_figure, "vague": self._read_vague, "frac": self._read_fraction,
                         "vague_duration": self._read_vague_duration}
        self._measures: dict[str, tuple[str | None, str]] = {}

    # ---- word tables ---------------------------------------------------------------------------

    def _read_tables(self, lx: LanguagePack) -> None:
        self._width = lx["quantity_widths"]
        self._month_abbreviations = frozenset(norm(w) for w in lx["month_abbreviations"])
        self._number_words = numbers = lx["quantity_number_words"]
        self._small_values = {**numbers["ones"], **numbers["teens"], **numbers["tens"]}
        self._multipliers = {**numbers["multipliers"], **numbers["abbreviations"]}
        self._hedges = _index(lx["quantity_hedges"])
        self._postfix_hedges = _index(lx["quantity_postfix_hedges"])
        self._fractions = {norm(k): float(v) for k, v in lx["quantity_fractions"].items()}
        self._vague = {norm(k): tuple(v) for k, v in lx["quantity_vague"].items()}
        self._not_vague_before = frozenset(lx["quantity_not_vague_before"])
        self._time_units = _index(lx["quantity_time_units"])
        currencies = lx["quantity_currencies"]
        self._currency_before = {norm(w): code for code, forms in currencies.items() for w in forms["before"]}
        self._currency_after = {norm(w): code for code, forms in currencies.items() for w in forms["after"]}
        self._currency_codes = frozenset(currencies)
        self._roles = _index(lx["quantity_roles"])
        self._role_classes = lx["quantity_role_classes"]
        units = lx["quantity_units"]
        self._heads = _index({name: entry["words"] for name, entry in units.items()})
        self._head_groups = {name: entry["group"] for name, entry in units.items()}
        self._head_roles = {name: entry.get("role") for name, entry in units.items()}
        self._label_words = frozenset(lx["quantity_label_words"])
        self._change_words = frozenset(lx["quantity_change_words"])
        self._change_directions = frozenset(lx["quantity_change_directions"])
        self._unit_skipped = frozenset(lx["quantity_unit_skipped"])
        self._unit_stopwords = (frozenset(lx["quantity_unit_stopwords"])
                                | frozenset(w for w in self._roles if " " not in w))
        self._read_nationalities(lx["quantity_nationalities"])
        self._place_peoples = {norm(w): people for people, places in lx["quantity_place_peoples"].items()
                               for w in places}
        self._read_frames(lx)

    def _read_frames(self, lx: LanguagePack) -> None:
        """Measures by predicate class and counted noun, which are running counts, groups and default scopes."""
        measures = lx["quantity_measures"]
        self._role_measures = {role: name for name, entry in measures.items() for role in entry.get("roles", [])}
        self._noun_measures = {noun: name for name, entry in measures.items() for noun in entry.get("nouns", [])}
        self.running_measures = frozenset(name for name, entry in measures.items() if entry.get("running"))
        self._people_measures = frozenset(name for name, entry in measures.items() if entry.get("people"))
        self.thing_measures = frozenset(name for name, entry in measures.items() if entry.get("things"))
        self._roles_yielding = frozenset(lx["quantity_roles_yielding_to_noun"])
        groups = [*self._nationality_adjectives, *(norm(g) for g in lx["frame_groups"])]
        self._group_words = frozenset(norm(w) for words in lx["frame_groups"].values() for w in words)  # "10 Hamas fighters"
        self._population_groups = sorted(groups, key=lambda g: (-len(g), g))
        self._population_parts: dict[str, tuple[str | None, str | None]] = {}
        self._default_scopes = {norm(group): scope for scope, entry in lx["frame_scopes"].items()
                                for group in entry.get("default_for", [])}
        self._scope_owners = frozenset(self._default_scopes.values())

    def _read_nationalities(self, nationalities: dict[str, list[str]]) -> None:
        self._nationality_adjectives = frozenset(nationalities)
        self._nationality_nouns = {norm(w): adj for adj, nouns in nationalities.items() for w in nouns}
        self._nationality_plurals = {adj: (norm(nouns[0]) if nouns else adj) for adj, nouns in nationalities.items()}
        self._people_of = {plural: adj for adj, plural in self._nationality_plurals.items()}
        self._capitals_only = {norm(w): w for nouns in nationalities.values() for w in nouns if w.isupper()}

    # ---- the scanner ---------------------------------------------------------------------------

    def _compile_scanner(self, lx: LanguagePack) -> None:
        """One pattern for every candidate, behind a look-ahead gate of the words a figure starts with."""
        numbers = self._number_words
        months = [*lx["months"], *lx["month_abbreviations"]]
        ones = _alternation(numbers["ones"])
        small = (rf"(?:{_alternation(numbers['tens'])}(?:[-\s]{ones}(?![a-z]))?"
                 rf"|{_alternation(numbers['teens'])}|{ones})(?![a-z])")
        multiplier = _alternation(numbers["multipliers"]) + "(?![a-z])"
        share = rf"(?:{_alternation(self._fractions)})\s+(?:of\s+)?an?(?=\s+{multiplier})"   # "half a million"
        spelled = rf"(?:{share}|{small}|an?(?=\s+{multiplier}))(?:\s+{multiplier}(?:\s+(?:and\s+)?{small})?)*"
        self._share_of = re.compile(rf"(?P<share>{_alternation(self._fractions)})\s+(?:of\s+)?an?\s+"
                                    rf"(?P<multiplier>{multiplier})$")
        digits = (rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?"
                  rf"(?:\s?{multiplier}|{_alternation(numbers['abbreviations'])})?(?!\w)(?!/\d)")   # not "9/11"
        number = rf"(?:{digits}|{spelled}(?!\w))"
        currency = rf"(?:{_alternation(self._currency_before)}\s?)"
        percent = rf"(?:\s?(?:%|{_alternation(lx['quantity_percent_words'])}(?!\w)))"
        postfix = "(?:" + "|".join(
            (r"\s?" if p[0] in "+-" else r"\s+") + re.escape(p).replace(r"\ ", r"\s+") + r"(?![\w+])"
            for p in sorted(self._postfix_hedges, key=len, reverse=True)) + ")"
        hedge = phrase_pattern(self._hedges)
        month = _alternation(months)
        figure = (rf"(?P<fig>(?:(?P<hedge>{hedge})\s+)?(?:(?P<between>between|from)\s+)?"
                  rf"(?P<cur>{currency})?(?P<a>{number})(?P<pct1>{percent})?"
                  rf"(?:(?P<joiner>{_RANGE_JOINER})(?P<cur2>{currency})?(?P<b>{number})(?P<pct2>{percent})?)?"
                  rf"(?P<post>{postfix})?)")
        date = (r"(?P<date>\d{4}-\d{1,2}-\d{1,2}(?!\w)|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?!\w)"
                r"|\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\b\.?)?(?!\w)|\d{1,2}\s?[ap]\.?m\b\.?"
                rf"|(?P<month>{month})\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{4}})(?!\w)"
                rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month_after>{month})\.?(?:,?\s+\d{{4}})?(?!\w)"
                r"|(?:\d\d)?\d0s(?!\w)|'\d0s(?!\w))")
        always = [f for f in self._fractions if "-" in f or f.endswith("s")]
        fraction = (rf"(?P<frac>(?:(?P<frac_hedge>{hedge})\s+)?(?P<fraction>{_alternation(always)}"
                    rf"|{_alternation(set(self._fractions) - set(always))}(?=\s+of(?!\w)))"
                    rf"(?!\s+(?:of\s+)?an?\s+{multiplier}))")          # not "a quarter of a million": a count
        vague_duration = rf"(?P<vague_duration>{phrase_pattern(lx['quantity_vague_durations'])})"
        vague = rf"(?P<vague>{phrase_pattern(self._vague)})"
        gate = self._gate(lx["quantity_vague_durations"], months)
        self._scanner = re.compile(_LEAD + gate + "(?:" + "|".join(
            (date, _SKIP, fraction, vague_duration, vague, figure)) + ")")
        self._figure_only = re.compile(_LEAD + figure)

    def _gate(self, vague_durations: list[str], months: list[str]) -> str:
        """Where a figure can start: a digit or sign, a month before a day, or a starting word or phrase.
        Checked first so that the full alternation runs at about one word in twenty."""
        return "(?=[\\d$€£¥₪']|" + _normed_trie({
            **{phrase: _WORD_END for phrase in (*self._hedges, *self._fractions, *self._vague, *vague_durations,
                                                "between", "from")},
            **{currency: r"\s?\d" for currency in self._currency_before},  # "US$5", "USD 3bn"
            **{f"{article} {word}": _NUMBER_WORD_END
               for article in ("a", "an") for word in self._number_words["multipliers"]},
            **{word: _NUMBER_WORD_END for word in self._small_values},
            **{month: r"\.?\s+\d" for month in months},
        }) + ")"

    def _compile_context(self, lx: LanguagePack) -> None:
        """Patterns for the predicate a figure goes with."""
        barriers = frozenset(lx["quantity_role_barriers"])
        self._role_word = re.compile(r"[^\w-]" + phrase_pattern([*self._roles, *barriers]))  # at word starts only
        self._attached_role = re.compile(
            rf"\s*,?\s*(?:{phrase_pattern(lx['quantity_role_links'])}\s+){{0,3}}"
            rf"(?P<role>{phrase_pattern(self._roles)})")
        self._passive_links = frozenset(norm(w) for w in lx["quantity_passive_links"])
        self._done_to = frozenset(lx["quantity_done_to"])
        self._object_start = re.compile(rf"\s+{phrase_pattern(lx['quantity_object_starts'])}\s")
        self._toll_of = re.compile(      # "bringing the total of Palestinians killed there to 51"
            rf"{phrase_pattern(lx['quantity_toll_nouns'])}\s+of\s+(?:the\s+)?"
            rf"(?P<np>[^\W\d][\w'’-]*(?:\s+[^\W\d][\w'’-]*){{0,2}}?)\s+(?P<role>{phrase_pattern(self._roles)})"
            rf"[^.;:!?]{{0,{_ROLE_AFTER_WINDOW}}}?\sto\s+$")
        self._role_toll = re.compile(    # "the death toll from Tuesday's earthquake in southern Peru rose to 87"
            rf"(?P<role>{phrase_pattern(self._roles)})\s+{phrase_pattern(lx['quantity_toll_nouns'])}"
            rf"(?:\s+(?:among|of|for)\s+(?:the\s+|its\s+)?(?P<np>[^\W\d][\w'’-]*(?:\s+[^\W\d][\w'’-]*){{0,2}}?))?\b"
            rf"[^.;:!?]{{0,{2 * _ROLE_AFTER_WINDOW}}}?\sto\s+$")

    # ---- reading -------------------------------------------------------------------------------

    def read(self, text: str, offset: int = 0) -> list[Quantity]:
        """Every figure in `text` as a Quantity, with offsets shifted by `offset`."""
        scan = " " + lower_aligned(text)  # every pattern is lower-case; the space lets a figure open the text
        shift = offset - 1
        found: list[Quantity] = []
        pos = context_end = role_context_end = 0
        previous_role = None
        while (m := self._scanner.search(scan, pos)) is not None:
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
                m, group = self._figure_only.match(scan, m.start()), "fig"  # "10 may be released"
                if m is None:  # "10th of may"
                    continue
            if group == "skip" or group is None:
                context_end = pos
                continue
            if group == "fig" and not m.group("hedge") and _in_name(text, m.start("a") - 1):
                continue                                    # "Ground Zero": a number word in a name
            r = self._readers[group](m, scan, text)
            if r is None:
                continue
            words_end, role = max(r.words_end, r.end), None
            toll = self._toll(scan, text, r) if r.kind == "count" and r.unit is None else None
            if toll:
                before = next((q for q in reversed(found) if q.kind == "count"), None)
                unit = toll[0] or (before.unit if before and before.role == toll[1] else None)
                r, role = r._replace(unit=unit), toll[1]     # a toll raised by the count before counts its people
                previous_role, role_context_end = role, words_end
            elif r.kind not in ("date", "duration"):
                lead = m.start("between") if group == "fig" and m.group("between") else r.start   # "from 500 to 471"
                role, words_end = self._role(scan, text, r._replace(start=min(lead, r.start)), words_end, context_end,
                                             previous_role, role_context_end)
                previous_role, role_context_end = role, words_end
            context_end = words_end
            found.append(Quantity(text[r.start - 1:r.end - 1], r.start + shift, r.end + shift, _tidy(r.low),
                                  _tidy(r.high), r.unit, r.kind, role, r.vague,
                                  measure=self.measure_of(r.kind, r.unit, role), population=self.population_of(r.unit)))
        return found

    def _role(self, scan: str, text: str, r: _Reading, words_end: int, context_end: int, previous_role: str | None,
              previous_end: int) -> tuple[str | None, int]:
        """(the figure's predicate, where its words end): the role attached after the noun (unless the
        counted do it to someone: "three attackers killed a soldier"), else the nearest before the figure,
        else the one of a figure just before ("24 released, including 13 Israelis"), else the noun's own."""
        attached = self._attached_role.match(scan, words_end)
        role: str | None
        acting = attached is not None and self._does(scan, text, attached)
        if attached and not acting:
            return self._roles[norm(attached.group("role"))], attached.end()
        role = self._role_before(scan, r.start, context_end)
        if role is None and previous_role and self._short_gap(scan, previous_end, r.start):
            role = previous_role
        if role in self._roles_yielding and r.implied_role:   # "killing 1,400 and taking 241 hostages"
            return r.implied_role, words_end
        if role or r.implied_role or not self._counts_people(r.unit) or acting:
            return role or r.implied_role, words_end
        return self._role_after(scan, text, words_end), words_end

    def _toll(self, scan: str, text: str, r: _Reading) -> tuple[str | None, str] | None:
        """(counted noun, predicate) of a bare figure that a toll phrase before it brings up to ("raising the
        total of Lebanese militants killed to 14": 14 Lebanese militants killed; "the death toll among French
        citizens has risen to 12"; "the death toll from the earthquake rose to 87": 87 killed, no noun), or None."""
        if not scan[max(0, r.start - 4):r.start].rstrip().endswith(" to"):
            return None                               # the common case, before any search
        m = self._toll_of.search(scan, max(0, r.start - 2 * _ROLE_AFTER_WINDOW), r.start)
        if m is None:
            m = self._role_toll.search(scan, max(0, r.start - 3 * _ROLE_AFTER_WINDOW), r.start)
            if m is None:
                return None
            unit = self._unit_after(scan, text, m.start("np") - 1) if m.group("np") else None
            return (unit.unit if unit and unit.kind == "count" else None), self._roles[norm(m.group("role"))]
        unit = self._unit_after(scan, text, m.start("np") - 1)
        return (unit.unit, self._roles[norm(m.group("role"))]) if unit.unit and unit.kind == "count" else None

    def _does(self, scan: str, text: str, attached: re.Match) -> bool:
        """Whether the counted do what the predicate after them says, to an object of it: active, not
        passive ("killed an Israeli soldier", "wounded 15"; not "were killed", "killed in a strike")."""
        if self._roles[norm(attached.group("role"))] not in self._done_to \
                or not self._passive_links.isdisjoint(attached.group()[:attached.start("role") - attached.start()].split()):
            return False
        end = attached.end()
        return bool(self._object_start.match(scan, end)) or self._takes_people(scan, text, end)

    def _counts_people(self, unit: str | None) -> bool:
        """Whether a figure counts people, or may ("1,200 people", "Palestinians", a bare "1,400")."""
        if unit is None:
            return True
        nationality, head = self._measure(unit)
        return nationality is not None or self._head_groups.get(head, "thing") != "thing"

    def _role_after(self, scan: str, text: str, start: int) -> str | None:
        """The first predicate after a figure's words, within its clause and before any other figure:
        "More than 5,000 Palestinians, including 2,000 minors, have been killed"."""
        end = min(len(scan), start + _ROLE_AFTER_WINDOW)
        end = next(self._breaks(scan, start, end), end)
        m = self._role_word.search(scan, start - 1, end)
        if m is None or self._takes_people(scan, text, m.end()):
            return None                 # "2.3 million reeling from bombardment that has killed thousands"
        return self._roles.get(norm(m.group()[1:]))   # None for a barrier ("said")

    def _takes_people(self, scan: str, text: str, pos: int) -> bool:
        """Whether a count of people (or a vague amount) follows at `pos`: a predicate's own object ("killed
        thousands", "killing 40"), not a time or a distance ("killed 2 days later", "10 km away", "in 2023")."""
        m = self._scanner.match(scan, pos)
        if m is None or m.lastgroup not in ("fig", "vague"):
            return False
        r = self._readers[m.lastgroup](m, scan, text)
        return (r is not None and r.kind in ("count", "vague") and self._counts_people(r.unit)
                and not (r.unit is None and is_year(text[r.start - 1:r.end - 1])))

    def _breaks(self, scan: str, start: int, end: int) -> Iterator[int]:
        """The offsets of clause breaks in scan[start:end]; the dots of an initialism ("u.n. agency") or of an
        abbreviated month before its day ("oct. 7") are none."""
        for m in _CLAUSE_MARK.finditer(scan, start, end):
            if m.group() != "." or not self._abbreviation_dot(scan, m.start()):
                yield m.start()

    def _abbreviation_dot(self, scan: str, i: int) -> bool:
        """Whether the dot at i is an initialism's or an abbreviated month's before its day."""
        if scan[i - 2:i - 1] == "." and scan[i - 1:i].isalpha() or scan[i + 1:i + 2].isalpha() and scan[i + 2:i + 3] == ".":
            return True                                     # "u.n.", "u.s."
        word = scan[max(0, i - 5):i].split()[-1:]
        return bool(word) and word[0] in self._month_abbreviations and scan[i + 1:i + 4].strip()[:1].isdigit()

    def _short_gap(self, scan: str, start: int, end: int) -> bool:
        return len(scan[start:end].split()) <= _INHERIT_MAX_WORDS and next(self._breaks(scan, start, end), None) is None

    def _number(self, written: str) -> tuple[float, float]:
        """(value, multiplier) of "5,200", "1.2 million", "3bn", "twenty-four", "two hundred and fifty"."""
        if written[0].isdigit():
            digits = written.rstrip("abcdefghijklmnopqrstuvwxyz").rstrip()
            multiplier = self._multipliers.get(written[len(digits):].strip(), 1)
            return round(float(digits.replace(",", "")) * multiplier, 6), multiplier
        if m := self._share_of.match(written):        # "half a million", "a quarter of a million"
            multiplier = self._multipliers[m.group("multiplier")]
            return round(self._fractions[norm(m.group("share"))] / 100 * multiplier, 6), multiplier
        total, current, multiplier = 0.0, 0.0, 1
        for token in re.split(r"[\s-]+", written):
            if token in self._small_values:
                current += self._small_values[token]
            elif token in self._multipliers:
                multiplier = self._multipliers[token]
                if multiplier < 1000:
                    current = (current or 1) * multiplier
                else:
                    total, current = total + (current or 1) * multiplier, 0.0
        return total + current, multiplier

    def _halo(self, value: float) -> float:
        """Relative width a bare round figure stands for ("5,000" is not a head count)."""
        if value >= 1000 and value % 1000 == 0:
            return self._width["round_thousands"]
        if value >= 100 and value % 100 == 0:
            return self._width["round_hundreds"]
        return 0.0

    def _hedged(self, low: float, high: float, hedge: str | None, kind: str, very_round: bool = False):
        """Apply a hedge category to the interval [low, high]."""
        width = self._width
        if hedge == "approximate":
            share = width["approximate_very_round"] if very_round else width["approximate"]
            floor = width["approximate_min_count"] if kind == "count" else 0.0
            return max(low - max(low * share, floor), 0.0), high + max(high * share, floor)
        if hedge == "at_least":
            return low, None
        if hedge == "at_most":
            return 0.0, high
        if hedge == "nearly":
            return low * (1 - width["nearly"]), high
        if hedge == "just_over":
            return low, high * (1 + width["just_over"])
        return low, high

    def _original_word(self, text: str, start: int, end: int, word: str) -> bool:
        """False for a word listed in capitals ("US") written otherwise ("us")."""
        return word not in self._capitals_only or text[start - 1:end - 1] == self._capitals_only[word]

    def _noun(self, word: str) -> bool:
        """A known counted noun, or a word that looks like a plural noun ("bases", "officials")."""
        return word in self._heads or (len(word) > 3 and word[-1] == "s" and word[-2] not in "siu'’"
                                       and word not in self._unit_stopwords and word not in self._group_words)

    def _unit_after(self, scan: str, text: str, pos: int) -> _Unit:
        """The counted noun phrase after a figure: "240 Israelis", "2 US officials", "5 million dollars"."""
        m = _UNIT_WORDS.match(scan, pos)
        words = [(m.group(g), m.start(g), m.end(g)) for g in ("w1", "w2", "w3") if m.group(g)] if m else []
        nationality, end = None, pos
        for i, (word, start, stop) in enumerate(words):
            word = word.removesuffix("'s").removesuffix("’s")
            following = words[i + 1] if i + 1 < len(words) else None
            unit = self._fixed_unit(word, following, stop, nationality)
            if unit:
                return unit
            if word in self._nationality_nouns and self._original_word(text, start, stop, word):
                nationality, end = self._nationality_nouns[word], stop
                if following and self._noun(following[0]):  # "2 US officials"
                    continue
                return self._counted("people", nationality, end)
            if word in self._nationality_adjectives:
                nationality, end = word, stop
                continue
            if word in self._place_peoples and following and self._head_groups.get(
                    self._heads.get(following[0], ""), "thing") != "thing":
                nationality = nationality or self._place_peoples[word]   # "Gaza residents": Palestinians
                continue
            if word in self._heads:
                return self._counted(self._heads[word], nationality, stop)
            if word in self._unit_skipped:      # "four more soldiers"
                continue
            if word in self._unit_stopwords:
                break
            if self._noun(word):  # an unknown plural noun
                return self._counted(word, nationality, stop)
        return self._counted(None, nationality, end)

    def _fixed_unit(self, word: str, following: tuple | None, stop: int, nationality: str | None) -> _Unit | None:
        """The unit a word, or the word and the next, settle: a two-word noun, a currency, a time unit."""
        if following:
            pair = word + " " + following[0]
            if pair in self._currency_after:
                return _Unit(self._currency_after[pair], "money", None, following[2], True)
            if pair in self._heads:
                return self._counted(self._heads[pair], nationality, following[2])
        if word in self._time_units:
            return _Unit(self._time_units[word], "duration", None, stop, True)
        if word in self._currency_after:
            return _Unit(self._currency_after[word], "money", None, stop, True)
        return None

    def _counted(self, head: str | None, nationality: str | None, end: int) -> _Unit:
        """A count of `head` (None: unnamed) of a nationality: "israeli soldiers", "israelis"."""
        if head is None and nationality is None:
            return _Unit(None, "count", None, end, False)
        unit: str | None
        if head in (None, "people") and nationality:
            unit = self._nationality_plurals[nationality]
        else:
            unit = f"{nationality} {head}" if nationality else head
        return _Unit(unit, "count", self._head_roles.get(head), end,
                     head in self._head_groups or nationality is not None)

    def _role_before(self, scan: str, start: int, window_start: int) -> str | None:
        """The nearest predicate before a figure, within its clause."""
        lo = max(window_start, start - _ROLE_WINDOW)
        for mark in self._breaks(scan, lo, start):
            lo = mark + 1
        role = None
        for m in self._role_word.finditer(scan, lo - 1, start):
            role = self._roles.get(norm(m.group()[1:]))  # None after a barrier ("said")
        return role

    def _read_figure(self, m: re.Match, scan: str, text: str) -> _Reading | None:
        """A numeric figure with its hedges, range, unit and kind; None for a label or a stray "one"."""
        changed = self._changed(m, scan)
        start, hedge = self._figure_start(m, changed)
        if hedge is None and start == m.start("a") and word_before(scan, start) in self._label_words:
            return None  # "Resolution 2334", "No. 10"
        end = m.end("fig")
        unit = self._figure_unit(m, scan, text, end)
        if m.group("a") == "one" and not (hedge or m.group("b") or unit.known):  # "no one", "one of them"
            return None
        if hedge is None and unit.unit is None and m.group("b") is None and _age(text, start - 1, end - 1):
            return None
        low, high, kind = self._bounds(m, hedge, unit, changed)
        if kind == "date":
            return _Reading(start, end, low, high, None, "date", None, end)
        if _OR_MORE_AFTER.match(scan, unit.end):  # "between 200 and 250 captives, or more"
            high = None
        return _Reading(start, end, low, high, unit.unit, kind, unit.implied_role, unit.end)

    def _figure_start(self, m: re.Match, changed: bool) -> tuple[int, str | None]:
        """Where a figure starts, and its hedge: "between 5" with no second figure is just "5"; a change
        ("revised from 500 to 471", `_changed`) is just its new value."""
        if m.group("between") and m.group("b") is None:
            return (m.start("cur") if m.group("cur") else m.start("a")), None
        if changed:
            return (m.start("cur2") if m.group("cur2") else m.start("b")), None
        return m.start("fig"), self._hedges.get(norm(m.group("hedge") or ""))

    def _changed(self, m: re.Match, scan: str) -> bool:
        """Whether "from X to Y" tells a change ("the toll rose from 200 to 300"): a change word comes at
        most CHANGE_REACH words before "from", or a direction right before it ("down from 500 to 471")."""
        if m.group("between") != "from" or m.group("b") is None or m.group("joiner").strip() != "to":
            return False
        before = scan[max(0, m.start("between") - 80):m.start("between")].split()[-CHANGE_REACH:]
        if before and before[-1] in self._change_directions:      # "revised the toll ... down from 500 to 471"
            return True
        return not self._change_words.isdisjoint(w.strip(".,;:!?\"'()") for w in before)   # "Revised: ..."

    def _figure_unit(self, m: re.Match, scan: str, text: str, end: int) -> _Unit:
        """A percentage, a sum in a currency written before it, or what the words after it count."""
        if m.group("pct1") or m.group("pct2"):
            return _Unit("%", "percent", None, end, True)
        currency = m.group("cur") or m.group("cur2")
        if currency:
            return _Unit(self._currency_before[norm(currency)], "money", None, end, True)
        return self._unit_after(scan, text, end)

    def _bounds(self, m: re.Match, hedge: str | None, unit: _Unit,
                changed: bool) -> tuple[float | None, float | None, str]:
        """(low, high, kind) of a figure, a range or a change's new value, hedges applied; kind "date" for a
        bare year."""
        post = self._postfix_hedges.get(norm(m.group("post") or "").lstrip("-"))
        plain = hedge is None and post is None and not (m.group("cur") or m.group("cur2"))
        if m.group("b") is not None and not changed:
            low, high, kind = self._range_bounds(m, hedge, plain, unit)
        else:
            low, high, kind = self._single_bounds(m.group("b" if changed else "a"), hedge, post, plain, unit)
        if post and high is not None and kind != "date":
            low, high = self._hedged(low, high, post, kind)
        return low, high, kind

    def _range_bounds(self, m: re.Match, hedge: str | None, plain: bool, unit: _Unit):
        """"200 to 250", "between 200 and 250", "5 or 6", "1 to 2 million"; "2015-16" is a date."""
        written, other_written = m.group("a"), m.group("b")
        value, multiplier = self._number(written)
        other, other_multiplier = self._number(other_written)
        if plain and not unit.known and is_year(written) and (is_year(other_written) or len(other_written) == 2):
            return None, None, "date"
        if multiplier == 1 < other_multiplier and value <= other / other_multiplier:
            value *= other_multiplier  # "1 to 2 million"
        low, high = min(value, other), max(value, other)
        if "or" in m.group("joiner").split():
            low, high = low * (1 - self._width["alternatives"]), high * (1 + self._width["alternatives"])
        return (*self._hedged(low, high, hedge, unit.kind), unit.kind)

    def _single_bounds(self, written: str, hedge: str | None, post: str | None, plain: bool, unit: _Unit):
        """One figure: exact, round (a halo) or hedged; a bare year is a date."""
        value, _ = self._number(written)
        if plain and unit.kind == "count" and not unit.known and is_year(written):
            return value, value, "date"
        if hedge is None and "dozen" in written:
            hedge = "approximate"  # "a dozen" is a round guess
        if hedge is None and post is None and unit.kind in ("count", "money"):
            halo = self._halo(value)
            return value * (1 - halo), value * (1 + halo), unit.kind
        return (*self._hedged(value, value, hedge, unit.kind, _very_round(value)), unit.kind)

    def _read_vague(self, m: re.Match, scan: str, text: str) -> _Reading | None:
        phrase = norm(m.group("vague"))
        start, end = m.span("vague")
        if phrase == "many" and word_before(scan, start) in self._not_vague_before:  # "how many", "as many"
            return None
        low, high = self._vague[phrase]
        unit = self._unit_after(scan, text, end)
        if unit.kind == "duration":  # "a few days", "several weeks"
            return _Reading(start, end, low, high, unit.unit, unit.kind, None, unit.end)
        return _Reading(start, end, low, high, unit.unit, "vague", unit.implied_role, unit.end, vague=True)

    def _read_fraction(self, m: re.Match, scan: str, text: str) -> _Reading:
        share = self._fractions[norm(m.group("fraction"))]
        low, high = self._hedged(share, share, self._hedges.get(norm(m.group("frac_hedge") or "")), "percent")
        high = None if high is None else min(high, 100.0)
        return _Reading(m.start("frac"), m.end("frac"), low, high, "%", "percent", None, m.end("frac"))

    def _read_vague_duration(self, m: re.Match, scan: str, text: str) -> _Reading:
        start, end = m.span("vague_duration")
        unit = self._time_units[m.group("vague_duration").split()[-1]]
        return _Reading(start, end, None, None, unit, "duration", None, end)

    # ---- frames and comparing figures ------------------------------------------------------------

    def _measure(self, unit: str) -> tuple[str | None, str]:
        """(nationality, head) of a canonical unit: "israeli soldiers" -> ("israeli", "soldiers")."""
        measure = self._measures.get(unit)
        if measure is None:
            first, _, rest = unit.partition(" ")
            if unit in self._people_of:
                measure = self._people_of[unit], "people"
            elif rest and first in self._nationality_adjectives:
                measure = first, rest
            else:
                measure = None, unit
            self._measures[unit] = measure
        return measure

    def measure_of(self, kind: str, unit: str | None, role: str | None) -> str | None:
        """What a figure measures: "percent", "money", or its predicate's measure ("killed", "held");
        a count of prisoners held is "detained". None for a count with no predicate, a date or a duration,
        and for a count of things under a measure of people ("15 states will hold contests")."""
        if kind == "percent" or (kind == "vague" and unit == "%"):
            return "percent"
        if kind == "money" or (kind == "vague" and unit in self._currency_codes):
            return "money"
        if kind not in ("count", "vague"):
            return None
        measure = self._role_measures.get(self._role_class(role) or "")
        head = self._measure(unit)[1] if unit else None
        by_noun = self._noun_measures.get(head or "")
        measure = by_noun if by_noun and measure in (None, "held") else measure
        if measure is not None and measure not in self.thing_measures and self._head_groups.get(head or "") == "thing":
            return None                 # "killed in two air strikes": two strikes
        return None if measure in self._people_measures and not self._counts_people(unit) else measure

    def population_of(self, unit: str | None) -> str | None:
        """Who a counted noun phrase counts: "israeli soldiers", "palestinian", "children"; None for "people"."""
        if not unit:
            return None
        nationality, head = self._measure(unit)
        subgroup = head if self._head_groups.get(head) == "subgroup" else None
        return " ".join(x for x in (nationality, subgroup) if x) or None

    def default_scope(self, population: str | None) -> str | None:
        """Where a population's count applies when no place is named (a Palestinian toll is Gaza's)."""
        return self._default_scopes.get(self.population_parts(population)[0] or "")

    def scope_owner(self, scope: str) -> bool:
        """Whether a scope is some population's own (Israel is Israelis'; the West Bank is no default)."""
        return scope in self._scope_owners

    def population_parts(self, population: str | None) -> tuple[str | None, str | None]:
        """(group, subgroup) of a population: "israeli soldiers" -> ("israeli", "soldiers")."""
        if not population:
            return None, None
        parts = self._population_parts.get(population)
        if parts is None:
            group = next((g for g in self._population_groups if population == g or population.startswith(g + " ")),
                         None)
            rest = population[len(group):].strip() if group else population
            parts = self._population_parts[population] = (group, rest or None)
        return parts

    def _role_class(self, role: str | None) -> str | None:
        return self._role_classes.get(role, role)

    def _frame(self, q: Quantity) -> _Frame | None:
        """A figure's frame, from its fields or, for a figure built without one, from its unit and predicate;
        None when it measures nothing comparable."""
        measure = q.measure or self.measure_of(q.kind, q.unit, q.role)
        if measure is None:
            return None
        role = self._role_class(q.role)
        if measure in ("money", "percent") and role is None:
            return None                    # a sum or a share is comparable only through a shared predicate
        population = q.population if q.population is not None else self.population_of(q.unit)
        detail = role if measure in ("money", "percent") else None
        currency = q.unit if measure == "money" else None
        return _Frame(measure, detail, currency, population, q.scope or self.default_scope(population))

    def relation(self, a: Quantity, b: Quantity, days_apart: float | None = None) -> FigureRelation:
        """How two figures relate, decided on their frames (module notes)."""
        fa, fb = self._frame(a), self._frame(b)
        if fa is None or fb is None or fa[:3] != fb[:3] or (fa.scope and fb.scope and fa.scope != fb.scope):
            return FigureRelation.UNRELATED
        if named_incident(a.incident) and named_incident(b.incident) and a.incident != b.incident:
            return FigureRelation.UNRELATED      # two strikes' counts
        dated = _dated_days(a, b)                # signed: which came first is known
        days = dated if dated is not None else None if days_apart is None else abs(days_apart)
        agree = self._agree(a, b, fa.measure, days, ordered=dated is not None)
        nesting = _nesting(self.population_parts(fa.population), self.population_parts(fb.population))
        if nesting is None:
            return FigureRelation.UNRELATED
        two_sites = bool(a.site and b.site and a.site != b.site)
        if agree and (not two_sites or _one_value(a, b)):
            return FigureRelation.COMPATIBLE     # one count, though told at a venue and at its city
        if two_sites:
            return FigureRelation.UNRELATED      # counted at two towns or camps ("at least 18", "at least 32")
        if nesting == 0 and bool(a.site) != bool(b.site):
            nesting = -1 if a.site else 1        # a town's or a camp's count is narrower than the scope's
        a_below = nominal(a) < nominal(b)
        if nesting and nesting != (-1 if a_below else 1):
            if dated is not None and self._side_unsaid(fa, fb, a, b, dated, a_below):
                return FigureRelation.UPDATE    # a count that names no side, then more of one side's, later
            return FigureRelation.UNRELATED
        if nesting:
            return FigureRelation.PART
        return self._over_time(a, b, fa, fa.scope == fb.scope, days, a_below, ordered=dated is not None)

    def _side_unsaid(self, fa: _Frame, fb: _Frame, a: Quantity, b: Quantity, days: float, a_below: bool) -> bool:
        """Two running totals of one measure where only the later, larger one names the side it counts,
        both count the same subgroup, and the earlier one is said to be of that side's place ("the estimated
        150 hostages" Hamas took from Israel, then "about 240" Israeli hostages): it left the side unsaid."""
        (ga, sa), (gb, sb) = self.population_parts(fa.population), self.population_parts(fb.population)
        if sa != sb or (ga is None) == (gb is None) or fa.measure not in self.running_measures:
            return False
        if not days or {a.tally, b.tally} != {"running_total"}:
            return False
        unsaid, side, unsaid_first = (a, gb, days > 0) if ga is None else (b, ga, days < 0)
        return unsaid_first and a_below == (days > 0) and unsaid.scope is not None \
            and unsaid.scope == self._default_scopes.get(side or "")

    def _agree(self, a: Quantity, b: Quantity, measure: str, days: float | None, ordered: bool) -> bool:
        """Whether two figures of one frame agree: a vague open figure fits anything; overlapping intervals
        agree, except a bound or rounded value and a different number on different dates of a running count,
        unless the later rounds the earlier exact value ("242", then "roughly 240") or is a lower bound just
        under it ("212", then "more than 200"): the count rounded, not a revision."""
        if any(q.vague and (q.low is None or q.high is None) for q in (a, b)):
            return True
        if not overlaps(a, b):
            return False
        if not (days and measure in self.running_measures and _reported_again(a, b)):
            return True
        if not ordered:                    # days apart, but which came first is unknown: either order
            return _restated(a, b) or _restated(b, a)
        return _restated(a, b) if days > 0 else _restated(b, a)

    def _over_time(self, a: Quantity, b: Quantity, frame: _Frame, same_scope: bool, days: float | None,
                   a_below: bool, ordered: bool) -> FigureRelation:
        """Two disjoint figures of one frame. Running totals: a count reported again (a level, such as
        prisoners held, disagrees within one report time). A total and one period's or event's count: a part,
        unless the count is dated after the total. Two counts of a period or an event: they disagree when they
        are of the same day (which came later is known only from as-of dates: `ordered`), named the same
        incident or, with none named, are not a few. Without a population or both dates, nothing says two
        running totals are one count."""
        later = days if ordered else None
        same_report = days is None or abs(days) <= SAME_REPORT_DAYS
        known = frame.population is not None and same_scope
        # a part (of a total: a part of an event's count is read as an increment) tallies as its total
        tallies = {"increment" if q.tally == "increment" else "running_total" for q in (a, b)}
        if tallies == {"running_total"}:
            if frame.measure in self.running_measures or not same_report:
                if frame.population is None and not ordered:
                    return FigureRelation.UNRELATED    # neither who is counted nor when: not one count told again
                if frame.measure in self.running_measures and not _one_count(a, b, later):
                    return FigureRelation.UNRELATED    # one strike's dead and the war's, far apart in size
                return _revised(later, a_below)
            return FigureRelation.CONFLICTING if known else FigureRelation.UNRELATED
        if "running_total" in tallies:             # the count of a day or an event is part of the total
            part_below = a_below == (a.tally == "increment")
            after_total = later is not None and later != 0 and (later > 0) == (b.tally == "increment")
            return FigureRelation.PART if part_below and not after_total else FigureRelation.UNRELATED
        if named_incident(a.incident) or named_incident(b.incident):   # one incident's: the same, within a day or two
            one_incident = a.incident == b.incident and days is not None and abs(days) <= INCIDENT_DAYS
            same_people = known or (same_scope and _same_counted(a, b))     # the incident says whose deaths
            return FigureRelation.CONFLICTING if same_people and one_incident else FigureRelation.UNRELATED
        if few(a) or few(b):
            return FigureRelation.UNRELATED        # a few killed somewhere: any of the day's incidents
        return FigureRelation.CONFLICTING if known and not days else FigureRelation.UNRELATED


def frame_words(q: Quantity, *, as_of: bool = False) -> str:
    """A figure's frame in words: "palestinian killed, gaza, at maghazi" or "..., incident ahli" (", as of
    2023-10-17" with `as_of`); the unit and the predicate stand in for a figure read without a frame."""
    what = " ".join(x for x in (q.population or q.unit, q.measure or q.role) if x)
    at = q.site and q.site != q.incident and f"at {q.site}"
    return ", ".join(x for x in (what, q.scope, at, q.incident and f"incident {q.incident}",
                                 as_of and q.as_of and f"as of {q.as_of}") if x)


def named_incident(key: str | None) -> bool:
    """Whether an incident key names its place: two counts told at "a hospital" may be of two hospitals."""
    return bool(key) and not str(key).startswith(UNNAMED_INCIDENT)


class _Frame(NamedTuple):
    """What a figure counts: the measure, what else must match for shares and sums, whom, and where."""
    measure: str
    detail: str | None          # the predicate class of a share or a sum ("killed" in "killed 40%")
    currency: str | None
    population: str | None
    scope: str | None           # stated, else the population's default


def _nesting(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> int | None:
    """0 for the same (group, subgroup), -1 when a is narrower than b ("israeli soldiers" of "israeli"),
    1 when b is, None when neither holds the other ("israeli" and "palestinian"; "soldiers" and "women")."""
    if a == b:
        return 0
    (group_a, sub_a), (group_b, sub_b) = a, b
    if (group_a and group_b and group_a != group_b) or (sub_a and sub_b and sub_a != sub_b):
        return None
    b_adds = bool((group_b and not group_a) or (sub_b and not sub_a))
    a_adds = bool((group_a and not group_b) or (sub_a and not sub_b))
    if a_adds == b_adds:
        return None                     # "israeli" and "children": neither contains the other
    return -1 if a_adds else 1


def _restated(earlier: Quantity, later: Quantity) -> bool:
    """The later figure restates the earlier count: rounds its exact value ("242", then "roughly 240") or is a
    lower bound just under it ("212", then "more than 200"), rather than revising it."""
    if _exact(earlier) and _holds(later, nominal(earlier)) and _rounded_from(later, nominal(earlier)):
        return True
    return (later.high is None and later.low is not None
            and ROUNDED_DOWN * nominal(earlier) <= later.low < nominal(earlier))


def _dated_days(a: Quantity, b: Quantity) -> float | None:
    """Days from a's as-of date to b's when both have one that parses, else None (which came first unknown)."""
    if a.as_of and b.as_of:
        try:
            return float((date.fromisoformat(b.as_of) - date.fromisoformat(a.as_of)).days)
        except ValueError:
            return None
    return None


def few(q: Quantity) -> bool:
    """Whether a figure is an exact or least count under FEW ("two", "at least one")."""
    top = q.high if q.high is not None else q.low
    return q.kind == "count" and not q.vague and top is not None and top < FEW


def _in_name(text: str, i: int) -> bool:
    """The number word at text[i] is capitalised after a capitalised word of the same sentence: part of a name
    ("Ground Zero", "Channel Four"), not a count; not in a headline written in title case ("Hamas Frees Two
    Hostages"), where every word is capitalised."""
    if not text[i].isupper():
        return False
    before = text[:i].rstrip()
    word = before.rsplit(None, 1)[-1] if before else ""
    if not (word[:1].isupper() and word[-1:].isalpha()):
        return False
    words = [w for w in text.split() if w[:1].isalpha()]
    return 2 * sum(w[0].isupper() for w in words) <= len(words)


def nominal(q: Quantity) -> float:
    """The value a figure states: its bound when open ("more than 7,000"), else its middle."""
    if q.low is None or q.high is None:
        return q.low if q.high is None and q.low is not None else q.high or 0.0
    return (q.low + q.high) / 2


def _reported_again(a: Quantity, b: Quantity) -> bool:
    """Two values of a running count on different days that fit each other's stated precision but state
    different numbers: an open bound and another number ("more than 7,000", then 7,326), or a value whose
    middle the other's range does not hold ("some 200" hostages, then "about 240"; not "nearly 1,200" and
    "about 1,200", whose ranges each hold the other's middle). A count reported again, not the same report."""
    if None in (a.low, a.high, b.low, b.high):
        return nominal(a) != nominal(b)
    return not (_holds(a, nominal(b)) and _holds(b, nominal(a)))


def _one_value(a: Quantity, b: Quantity) -> bool:
    """The same stated value: one interval, or two exact numbers that overlap (not two open bounds)."""
    exact = a.low == a.high and b.low == b.high and a.low is not None and b.low is not None
    return (a.low, a.high) == (b.low, b.high) or (exact and overlaps(a, b))


def _exact(q: Quantity) -> bool:
    return q.low is not None and q.low == q.high


def _rounded_from(q: Quantity, value: float) -> bool:
    """Whether a rounded figure states `value` rounded at its own precision (its trailing zeros): "about 240"
    is 242 rounded to tens, not 222; a figure with no trailing zero is no rounding of another."""
    stated, step = round(nominal(q)), 1
    while stated and stated % (step * 10) == 0:
        step *= 10
    return step > 1 and round(value / step) * step == stated


def _holds(q: Quantity, value: float) -> bool:
    return q.low is not None and q.high is not None and q.low <= value <= q.high


def one_count(earlier: float, later: float, days: float | None) -> bool:
    """Whether two values of a running count's frame can be that one count's, `days` apart: a later value
    under OTHER_COUNT_SHARE of an earlier one is another count sharing the frame (one strike's dead, one
    family's), and so is, on the same day, either value under that share of the other. A count does not
    more than double in a day: a much smaller earlier value is one incident's ("at least 260" at a
    festival, then "more than 1,200" in all the next day). With no dates, nothing says they are not."""
    if days is None:
        return True
    if days == 0:
        return min(earlier, later) >= OTHER_COUNT_SHARE * max(earlier, later)
    return OTHER_COUNT_SHARE * earlier <= later <= MAX_DAILY_GROWTH ** min(days, 512) * earlier   # no overflow


def _one_count(a: Quantity, b: Quantity, days: float | None) -> bool:
    """`one_count` of two figures, `days` from a to b (negative when b is the earlier)."""
    if days is not None and days < 0:
        return one_count(nominal(b), nominal(a), -days)
    return one_count(nominal(a), nominal(b), days)


def _same_counted(a: Quantity, b: Quantity) -> bool:
    """Two figures that name no population count the same people: the same counted noun, or one of them
    only "people" ("five miners", "5 people"; not "five miners" and "two rescuers")."""
    return a.unit == b.unit or "people" in (a.unit or "people", b.unit or "people")


def _revised(days: float | None, a_below: bool) -> FigureRelation:
    """A running count given twice: an update, or a revision down when the later value is lower."""
    if days and (days > 0) != a_below:
        return FigureRelation.REVISION_DOWN
    return FigureRelation.UPDATE


def _age(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is an age set off after a name ("Romi, 23, was shot"), not a count."""
    written = text[start:end]
    return (written.isdigit() and int(written) <= MAX_AGE and bool(_AGE_AFTER.match(text, end))
            and bool(_NAME_BEFORE.search(text, max(0, start - 40), start)))


def _very_round(value: float) -> bool:
    """One significant digit: "50", "1,000", "50,000"."""
    return 10 <= value < 1e15 and value == int(value) and len(str(int(value)).rstrip("0")) == 1


def word_before(scan: str, pos: int) -> str:
    """The word right before a position ("" at the start)."""
    words = scan[max(0, pos - 16):pos].split()
    return words[-1] if words else ""


def is_year(written: str) -> bool:
    return len(written) == 4 and written.isdigit() and 1800 <= int(written) <= 2099


def _tidy(bound: float | None) -> float | None:
    """Round away float noise ("5 or 6" -> 6.3, not 6.300000000000001); a bound past what a float holds
    ("more than 1e310") is no bound at all."""
    return None if bound is None or not math.isfinite(bound) else round(bound, 6)


def overlaps(a: Quantity, b: Quantity) -> bool:
    """Whether the intervals share a point (None bounds are infinite)."""
    return ((a.low is None or b.high is None or a.low <= b.high)
            and (b.low is None or a.high is None or b.low <= a.high))


# ---- with the built-in language pack -----------------------------------------------------------

def _builtin() -> FigureReader:
    return LanguagePack.builtin().compiled(FigureReader)


def extract_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Every figure in `text`, read with the built-in words (an Auditor reads with its own pack)."""
    return _builtin().read(text, offset)


def relation(a: Quantity, b: Quantity, days_apart: float | None = None) -> FigureRelation:
    return _builtin().relation(a, b, days_apart)
