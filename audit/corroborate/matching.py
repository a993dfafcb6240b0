"""Find pairs of claims that report the same thing, without comparing all pairs.

1. Verbatim copies (same words, case and punctuation aside; MIN_COPY_WORDS words or more; a question
   only with questions) are grouped into one unit and matched once.
2. Blocking: an inverted index from keys (content words, and figure keys "#unit:magnitude") to units.
   A unit probes only its rare keys (in at most KEY_CAP units); one made of common words only probes
   its MIN_PROBES rarest, whose posting lists stop growing at KEY_CAP. A second index holds each unit's
   sketch (its smallest word-trigram hashes), so near copies meet whatever their words; a unit sharing
   two sketch hashes is a candidate. Each unit probes the units before it, so a pair is seen once and
   the cost grows about linearly with the corpus.
3. Near copies: a candidate this similar, with its predicates in the same mood, is checked for shared
   word shingles (a "not" or "may" added to a sentence makes it another statement, not a copy).
4. Scoring: at least MIN_SHARED_WORDS shared content words, not all of them names (a name is a word never
   seen in lower case in the run), then their IDF-weighted overlap (the mean of Jaccard and containment;
   Jaccard alone for headlines and claims under SHORT_CLAIM_WORDS words, whose containment flatters),
   plus bonuses for a shared event predicate and for same-measure exact figures. Calling two independent
   origins a match takes MATCH_THRESHOLD; two claims from the same origin need only ECHO_THRESHOLD, since
   an echo never corroborates anything. Then the pair must report one event (events.same_event), and
   unless an exact figure agrees, not with other participants: when each claim names, next to a predicate
   that its participants identify (a win, a vote, a poll), someone or somewhere the other never mentions
   (Kasich in Ohio, Sanders in New Hampshire), and they share fewer than SHARED_IDENTITY such names, they
   are two events.
5. Running counts: successive values of one count ("203 hostages", then "222") share few rare words and
   no figure key, so the reports of each running total of a known population are also put in a timeline
   keyed by its frame (measure, population and site). A report is compared with the nearest earlier
   report of each of at most FRAME_REACH other documents in the FRAME_DAYS before it (FRAME_SCAN reports
   looked at, so a big frame costs a constant per claim), leaving out values that cannot be the same count (as in
   timelines, a count does not fall under OTHER_COUNT_SHARE of an earlier value); when the two figures
   relate as an update or a revision down, the pair links as one count reported again, whatever its words.
   Such a link is never a corroboration or a conflict.
6. Incidents: the counts of one named incident (one strike or blast at one place, `Quantity.incident`)
   are compared across documents, whatever their words, when the days they happened are at most
   INCIDENT_DAYS apart (each with at most INCIDENT_SCAN later ones, so a much-told incident costs a constant
   per count); a pair whose exact counts of one measure and population cannot both be true links
   as conflicting (al-Ahli hospital: "more than 500" killed, then 471), and that replaces any other match
   of the pair but a near copy. A count told at a site of a kind but not its name ("the blast at a Gaza
   hospital", incident "a hospital") is taken for the named incident whose counts, as of up to
   RESOLVE_DAYS before it (the latest INCIDENT_SCAN of them), come from claims that name that kind of site,
   when exactly one does: it is then dated to that incident's day. An incident count that names no population takes the other's.
"""
from __future__ import annotations

import math
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from difflib import SequenceMatcher
from itertools import chain

from audit.models import FIGURE_KINDS, REVISIONS, FigureRelation, Quantity
from audit.language import LanguagePack
from audit.quantities import INCIDENT_DAYS, UNNAMED_INCIDENT, FigureReader, named_incident, nominal, one_count, relation

from .blame import opposed, told
from .events import EventCheck, EventRelation, Relate, same_event, same_mood
from .features import Features, Vocabulary, tokens
from .spread import Scorer, scored
from .timelines import running_total

KEY_CAP = 64                # a key in more units than this is not rare: it is not probed
MIN_PROBES = 2              # a claim of common words still probes its rarest keys
IDF_FLOOR_CLAIMS = 50       # IDF as if there were at least this many claims, so tiny runs weigh words evenly
SHORT_CLAIM_WORDS = 6       # fewer content words than this: Jaccard only (containment flatters short text)
MIN_SHARED_WORDS = 3        # fewer shared content words: only a copy can match
MIN_COPY_WORDS = 3          # words and numbers a sentence needs for its copies to be matched ("Talks resumed." has 2)
MATCH_THRESHOLD = 0.30      # independent origins: the bar for corroborating or contradicting
ECHO_THRESHOLD = 0.22       # same origin: the bar for an echo
PREDICATE_BONUS = 0.05      # both report the same kind of event (released, killed, talks...)
FIGURE_BONUS = 0.20         # exact figures of the same measure: the claims count the same thing
SHARED_IDENTITY = 2         # names shared next to a win, vote or poll that make it one event (winner and contest)
WINDOW_DAYS = 90            # claims published further apart than this are not compared
COPY_SHINGLE = 5            # words per shingle (fewer for claims under 20 words)
CONTRADICTION_THRESHOLD = 0.5   # a denial contradicts only a claim this close: the same statement, negated
COPY_MIN_TEXT = 0.5         # only pairs this similar in content words are checked for copying by shingles
COPY_ALIGN_MIN_TEXT = 0.3   # ... and this similar for copying by alignment (a line cut short or extended)
COPY_BLOCK = 3              # words in a row that an edited line keeps when its clauses come in another order
COPY_THRESHOLD = 0.6        # shared shingles over the shorter claim's: a near-verbatim copy
COPY_ALIGNED = 0.8          # or the shorter claim's words found in order in the other, the same counts in both
COPY_ALIGN_MAX = 150        # words of the longer claim beyond which that alignment is not tried (its cost is quadratic)
COPY_KEY_CAP = 64           # a sketch hash in more units than this is a stock phrase, not a copy key
FRAME_DAYS = 7              # a running count's report is compared with reports up to this many days before it
FRAME_REACH = 24            # ... by at most this many other documents (each one's latest report)
FRAME_SCAN = 96             # ... found among at most this many earlier reports of the count
INCIDENT_SCAN = 96          # an incident's count is compared with at most this many later counts of it
DAY_SLACK = 1               # a night's events are told as of either day ("late Sunday", "on Monday")
RESOLVE_DAYS = 7            # an unnamed site's count may be of a named incident this many days before it
Report = tuple[int, float, int, int]    # a running count's as-of day and value, the unit and its figure
_RANK = {FigureRelation.UPDATE: 4, FigureRelation.REVISION_DOWN: 4, FigureRelation.COMPATIBLE: 3,
         FigureRelation.CONFLICTING: 2, FigureRelation.PART: 0.5}              # see compare_figures


@dataclass(slots=True)
class FigureCheck:
    """The most telling relation between the same-measure exact figures of two claims."""
    relation: FigureRelation    # compatible | part | conflicting | update | revision_down
    first: Quantity             # the figure of the pair's first claim
    second: Quantity
    telling: bool               # says the claims count the same thing (not a mere part or open overlap)


@dataclass(slots=True)
class Match:
    a: int                      # entry index of the unit representatives
    b: int
    score: float
    shared: tuple[str, ...]     # the content words both claims use
    figures: FigureCheck | None
    copy: bool                  # near-verbatim: the pair counts as one origin
    event: EventCheck | None = None     # the event both report (None for a copy told another way)
    shown: str = ""             # the telling shared words, as links explain them (filled when first needed)


def compare_figures(first: tuple[Quantity, ...], second: tuple[Quantity, ...], days_apart: float | None,
                    relate: Relate = relation) -> FigureCheck | None:
    """The most telling relation of the pairs of figures: an update or a revision down of one running count
    (the news the two claims carry) wins over agreement on another, and agreement over a conflict.

    Vague figures ("dozens") are left out. A part and its whole ("33 women" of "240") and two figures
    open on the same side ("over 1,200", "more than 6,000") always fit together: that says little, so it
    is the weakest relation and cannot hide a conflict. `relate` is the run's language pack's
    `FigureReader.relation` (the built-in one by default).
    """
    best, best_rank = None, 0.0
    for x in first:
        if x.vague:
            continue
        for y in second:
            if y.vague:
                continue
            rel = relate(x, y, days_apart)
            rank = _RANK.get(rel, 0)
            if rank == _RANK[FigureRelation.COMPATIBLE] and ((x.low is None and y.low is None)
                                                or (x.high is None and y.high is None)):
                rank = _RANK[FigureRelation.PART]
            if rank > best_rank:
                best, best_rank = FigureCheck(rel, x, y, rank >= _RANK[FigureRelation.CONFLICTING]), rank
    return best


def _met_twice(lists: list[list[int]], found: set[int]) -> None:
    """Add to `found` the units in two of the `lists` (none of which holds a unit twice)."""
    seen: set[int] = set()
    for units in lists:
        found.update(seen.intersection(units))
        seen.update(units)


def _values(figures: tuple[Quantity, ...]) -> list[tuple]:
    """The values a claim's counts, shares and sums were read as, in order: two copies of a line give the
    same ones (a date added or dropped, "on Oct. 7", makes no other report)."""
    return sorted((q.kind, q.low is None, q.low or 0, q.high is None, q.high or 0) for q in figures
                  if q.kind not in ("date", "duration"))


def _kept_in_runs(short: list[str], long: list[str]) -> int:
    """How many words of `short` recur in `long` in common runs of COPY_BLOCK words or more, each word used
    once, the longest runs taken first (clauses may come in another order)."""
    a: list[object] = list(short)
    b: list[object] = list(long)
    kept = 0
    while True:
        m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
        if m.size < COPY_BLOCK:
            return kept
        kept += m.size
        a[m.a:m.a + m.size] = [object() for _ in range(m.size)]     # matched: matches nothing again
        b[m.b:m.b + m.size] = [object() for _ in range(m.size)]


def _replaced(found: list[Match], conflicts: dict[tuple[int, int], Match]) -> list[Match]:
    """`found` with the `conflicts` (by pair of units) in place of the pairs' other matches, near copies aside."""
    if not conflicts:
        return found
    kept = [m for m in found if m.copy or (m.a, m.b) not in conflicts]
    copies = {(m.a, m.b) for m in kept if m.copy}
    return kept + [m for pair, m in sorted(conflicts.items()) if pair not in copies]


def day_number(iso: str | None) -> int | None:
    """The day an ISO date (or date-time) names, as a day number; None when there is none or it is no date."""
    try:
        return date.fromisoformat(iso[:10]).toordinal() if iso else None
    except ValueError:
        return None


def _one_count(earlier: Report, later: Report) -> bool:
    """Whether two reports of a frame can be one count's (`quantities.one_count`)."""
    return one_count(earlier[1], later[1], later[0] - earlier[0])


class Matcher:
    """Blocking, scoring and copy detection over a run's claims (prior claims first)."""

    def __init__(self, feats: list[Features], common: set[str], docs: list[str], days: list[int | None],
                 new: list[bool], origin_keys: list[str], vocab: Vocabulary, texts: list[str],
                 sideless: frozenset[str], figures: FigureReader | None = None):
        self.feats, self.common, self.days, self.origin_keys, self.texts = feats, common, days, origin_keys, texts
        reader = figures or LanguagePack.builtin().compiled(FigureReader)
        self.running: frozenset[str] = reader.running_measures   # the measures that are running counts
        self.sideless = sideless                           # running measures followed without sides
        self.relate: Relate = reader.relation
        self.predicates = vocab.predicates
        self.identity_predicates = vocab.identity_predicates
        self.not_names = common | vocab.months.keys()      # content words that are no name of a participant
        self.matchable = [not f.stock and f.length >= MIN_COPY_WORDS and bool(f.words) for f in feats]
        self.asserting = [m and not f.question for m, f in zip(self.matchable, feats)]   # a question only copies
        self.members = self._group_verbatim_copies()
        self.reps = list(self.members)
        self.unit_new = {r: any(new[i] for i in m) for r, m in self.members.items()}
        self.unit_doc = {r: docs[r] if all(docs[i] == docs[r] for i in m) else None for r, m in self.members.items()}
        self.keys = {r: self._keys(feats[r], vocab) for r in self.reps}
        self.df = Counter(chain.from_iterable(self.keys.values()))
        self.sketch_df = Counter(chain.from_iterable(feats[r].sketch for r in self.reps if self.matchable[r]))
        n = max(len(self.reps), IDF_FLOOR_CLAIMS)
        self.weight = {k: math.log(1 + n / d) for k, d in self.df.items() if k[0] != "#"}
        self.total = {r: sum(map(self.weight.__getitem__, feats[r].words)) for r in self.reps}
        self._shingles: dict[tuple[int, int], array] = {}   # (claim, n) -> its n-gram hashes
        self.scored = 0                                    # candidate pairs scored, for benchmarks
        self.probes: dict[int, list[str]] = {}             # probing unit -> the keys it probes
        self.postings: dict[str, list[int]] = {}           # probed key -> its first KEY_CAP units
        self.copy_postings: dict[int, list[int]] = {}      # sketch hash -> its units
        self._resolved: dict[tuple[int, int], Quantity] = {}   # (unit, figure) told at an unnamed site -> as named

    def _group_verbatim_copies(self) -> dict[int, list[int]]:
        """Representative entry index -> all entries with the same words and both questions or both not
        (itself first)."""
        first: dict[tuple[int, bool], int] = {}
        members: dict[int, list[int]] = {}
        for i, f in enumerate(self.feats):
            rep = first.setdefault((f.fingerprint, f.question), i) if self.matchable[i] else i
            members.setdefault(rep, []).append(i)
        return members

    @staticmethod
    def _keys(f: Features, vocab: Vocabulary) -> list[str]:
        keys = sorted(f.words)
        for q in f.figures:
            if q.vague or not q.unit or q.kind not in FIGURE_KINDS:
                continue
            value = nominal(q)
            if not 0 < value < math.inf:                     # no magnitude (a sum of huge bounds may overflow)
                continue
            magnitude = math.log10(value)
            for unit in sorted(vocab.words(tokens(q.unit), set())) or [q.unit.lower()]:
                keys += (f"#{unit}:{math.floor(magnitude)}", f"#{unit}:{math.floor(magnitude + 0.5)}+")
        return keys

    def matches(self, jobs: int = 1, scorer: Scorer | None = None) -> list[Match]:
        """Every matching pair of units with at least one new claim, each pair once, its pairs scored by
        `scorer`, else on `jobs` local processes (spread.py)."""
        probes = {r: self._probes(r) for r in self.reps if self.matchable[r] and self.unit_new[r]}
        self._index(probes)
        found, count = scorer(self, list(probes)) if scorer else scored(self, list(probes), jobs)
        self.scored += count
        found += self._count_matches({(m.a, m.b) for m in found})
        return self._blame_matches(self._incident_matches(found))

    def _index(self, probes: dict[int, list[str]]) -> None:
        """Post each matchable unit under the keys and sketch hashes some new unit probes (`probes`): the
        rare ones when all claims are new, one file's when `audit check FILE` brings one file's claims among
        a store's. A key's list keeps its first KEY_CAP units; a unit meets only those before it (`pairs`)."""
        self.probes = probes
        df, sketch_df = self.df, self.sketch_df       # a key or hash of one unit makes no pair: not posted
        probed = {k for keys in probes.values() for k in keys if df[k] > 1}
        sketched = {h for r in probes for h in self.feats[r].sketch if 1 < sketch_df[h] <= COPY_KEY_CAP}
        postings: dict[str, list[int]] = {k: [] for k in probed}
        copy_postings: dict[int, list[int]] = {h: [] for h in sketched}
        keys, feats = self.keys, self.feats
        for r in filter(self.matchable.__getitem__, self.reps):
            for k in filter(probed.__contains__, keys[r]):
                units = postings[k]
                units.append(r)
                if len(units) == KEY_CAP:
                    probed.discard(k)                   # full
            for h in filter(sketched.__contains__, feats[r].sketch):
                copy_postings[h].append(r)
        self.postings, self.copy_postings = postings, copy_postings

    def pairs(self, units: list[int]) -> tuple[list[Match], int]:
        """The matches of each probing unit of `units` with the earlier units it meets (in order), and the
        number of pairs scored."""
        found: list[Match] = []
        count = 0
        for r in units:
            for s in self._candidates(r):
                if self._comparable(r, s):
                    count += 1
                    if match := self.score(r, s):
                        found.append(match)
        return found, count

    def _incident_matches(self, found: list[Match]) -> list[Match]:
        """The matches with each pair of units whose counts of one incident conflict (module notes, 6)."""
        counts: dict[tuple[str, str], list[tuple[int, int, int]]] = {}   # (incident, measure) -> (day, unit, figure)
        unnamed: list[tuple[int, int, int, Quantity]] = []
        for r in self.reps:
            if not self.asserting[r]:
                continue
            for n, q in enumerate(self.feats[r].figures):
                day = day_number(q.as_of)
                if q.incident and q.measure and day is not None and not q.vague and q.kind == "count":
                    if named_incident(q.incident):
                        counts.setdefault((q.incident, q.measure), []).append((day, r, n))
                    else:
                        unnamed.append((day, r, n, q))
        self._resolved.clear()
        told_by_measure = self._told_by_measure(counts) if unnamed else {}
        for day, r, n, q in unnamed:
            if (told := self._resolve(told_by_measure.get(str(q.measure), ([], [])), day, q)) is not None:
                counts[told[0]].append((told[1], r, n))
                self._resolved[(r, n)] = replace(q, incident=told[0][0], site=told[0][0], tally="increment",
                                                 as_of=date.fromordinal(told[1]).isoformat())
        conflicts: dict[tuple[int, int], Match] = {}
        for key in sorted(counts):
            reports = sorted(counts[key])
            for i, (day, r, n) in enumerate(reports):
                for d, s, k in reports[i + 1:i + 1 + INCIDENT_SCAN]:
                    if d - day > INCIDENT_DAYS:
                        break
                    pair = (max(r, s), min(r, s))       # units are probed latest first, as in matches
                    if r == s or pair in conflicts or not (self.unit_new[r] or self.unit_new[s]) \
                            or not self._comparable(r, s):
                        continue
                    first, second = ((r, n), (s, k)) if r > s else ((s, k), (r, n))
                    match = self._incident_match(first, second)
                    if match:
                        conflicts[pair] = match
        return _replaced(found, conflicts)

    def _blame_matches(self, found: list[Match]) -> list[Match]:
        """The matches with each pair of units that name one kind of incident site, are told within
        INCIDENT_DAYS of each other (each with at most INCIDENT_SCAN later ones) and give opposite accounts of
        who caused it (blame.py)."""
        by_site: dict[str, list[tuple[int, int]]] = {}      # site -> (day, unit)
        for r in self.reps:
            f = self.feats[r]
            if f.blame and self.asserting[r] and (day := self.days[r]) is not None:
                for site in f.blame_sites:
                    by_site.setdefault(site, []).append((day, r))
        conflicts: dict[tuple[int, int], Match] = {}
        for site in sorted(by_site):
            reports = sorted(by_site[site])
            for i, (day, r) in enumerate(reports):
                for d, s in reports[i + 1:i + 1 + INCIDENT_SCAN]:
                    if d - day > INCIDENT_DAYS:
                        break
                    pair = (max(r, s), min(r, s))       # units are probed latest first, as in matches
                    if pair in conflicts or not (self.unit_new[r] or self.unit_new[s]) or not self._comparable(r, s):
                        continue
                    if opposed(self.feats[r].blame, self.feats[s].blame):
                        conflicts[pair] = self._blame_match(*pair, site)
        return _replaced(found, conflicts)

    def _blame_match(self, a: int, b: int, site: str) -> Match:
        """Two opposite accounts of who caused an incident at a kind of site, as a conflicting match scored on
        their shared words; its event is their shared predicate classes at that site."""
        fa, fb = self.feats[a], self.feats[b]
        shared = fa.words & fb.words
        score = self._similarity(a, b, shared) if shared else 0.0
        event = EventCheck(EventRelation.OPPOSITE, tuple(sorted(fa.moods.keys() & fb.moods.keys())), (site,),
                           (told(fa.blame), told(fb.blame)))
        return Match(a, b, round(min(score, 1.0), 3), tuple(sorted(shared)), None, False, event)

    def _told_by_measure(self, counts: dict[tuple[str, str], list[tuple[int, int, int]]]) -> dict[str, tuple]:
        """Measure -> (days, [(day, incident key, the claim's text in lower case)]) of the named incidents'
        counts, by day, for `_resolve` to take a window by bisection."""
        told: dict[str, list[tuple[int, tuple[str, str], str]]] = {}
        for key, reports in counts.items():
            told.setdefault(key[1], []).extend((d, key, self.texts[r].lower()) for d, r, _ in reports)
        return {measure: ([t[0] for t in entries], entries) for measure, entries in
                ((m, sorted(e)) for m, e in told.items())}

    @staticmethod
    def _resolve(told: tuple, day: int, q: Quantity) -> tuple[tuple[str, str], int] | None:
        """The named incident a count told at an unnamed site is of, with the day it happened: the one
        incident of that measure (`told`, from `_told_by_measure`) with counts as of up to RESOLVE_DAYS before
        `day` in claims that name the kind of site (module notes, 6), among the latest INCIDENT_SCAN such
        counts (so a much-told incident costs a constant per count); None when none or several are."""
        days, entries = told
        site = str(q.incident)[len(UNNAMED_INCIDENT):]
        lo, hi = bisect_left(days, day - RESOLVE_DAYS), bisect_right(days, day)
        found: tuple[tuple[str, str], int] | None = None
        for d, key, low in reversed(entries[max(lo, hi - INCIDENT_SCAN):hi]):   # the latest first
            if site not in low:
                continue
            if found is None:
                found = (key, d)
            elif found[0] != key:
                return None                    # two incidents fit: none is taken
        return found

    def _figure(self, unit: int, n: int) -> Quantity:
        """A unit's figure n, as taken for a named incident when it was told at an unnamed site."""
        return self._resolved.get((unit, n)) or self.feats[unit].figures[n]

    def _incident_match(self, first: tuple[int, int], second: tuple[int, int]) -> Match | None:
        """Two counts of one incident as a conflicting match, or None when they can both be true. A count
        that names no population is of the incident's, as the other gives it."""
        (a, i), (b, j) = first, second
        x, y = self._figure(a, i), self._figure(b, j)
        if x.population is None or y.population is None:
            people = x.population or y.population
            x, y = replace(x, population=x.population or people), replace(y, population=y.population or people)
        if self.relate(x, y, self.days_apart(a, b)) != FigureRelation.CONFLICTING:
            return None
        return self._figure_match(a, b, FigureCheck(FigureRelation.CONFLICTING, x, y, True), EventRelation.SAME,
                                  (x.incident or "",))

    def _figure_match(self, a: int, b: int, figures: FigureCheck, relation: EventRelation,
                      participants: tuple[str, ...] | None = None) -> Match:
        """The match of a pair that its figures alone decide (a conflict of one incident, one count reported
        again), scored on its shared words like any other; its event is the figures' measure, with the
        shared words that are no predicate as participants unless `participants` are given."""
        shared = self.feats[a].words & self.feats[b].words
        score = self._similarity(a, b, shared) if shared else 0.0
        who = participants if participants is not None else tuple(sorted(shared - self.predicates))
        event = EventCheck(relation, (figures.first.measure or "",), who)
        return Match(a, b, round(min(score, 1.0), 3), tuple(sorted(shared)), figures, False, event)

    def _count_matches(self, matched: set[tuple[int, int]]) -> list[Match]:
        """Pairs not yet matched that report successive values of one running count (module notes, 5)."""
        reports: dict[tuple[str, str, str], set[Report]] = {}      # (measure, population, site) -> its reports
        for r in self.reps:
            if self.asserting[r]:
                for frame, report in self._running_counts(r):
                    reports.setdefault(frame, set()).add(report)
        found = []
        for frame in sorted(reports):
            timeline = sorted(reports[frame])
            for i, report in enumerate(timeline):
                for earlier in self._earlier_reports(timeline, i):
                    r, s = report[2], earlier[2]
                    pair = (max(r, s), min(r, s))               # units are probed latest first, as in matches
                    if pair in matched or not (self.unit_new[r] or self.unit_new[s]):
                        continue
                    matched.add(pair)
                    self.scored += 1
                    match = self._count_match(*((report, earlier) if r > s else (earlier, report)))
                    if match:
                        found.append(match)
        return found

    def _running_counts(self, r: int) -> list[tuple[tuple[str, str, str], Report]]:
        """((measure, population, site), report) of each exact running total of a known population, or of none
        in a story without sides (a town's or a camp's count is another count than its scope's)."""
        out = []
        for n, q in enumerate(self.feats[r].figures):
            day = day_number(q.as_of)
            if running_total(q, self.running, self.sideless) and q.measure and day is not None:
                out.append(((q.measure, q.population or "", q.site or ""), (day, nominal(q), r, n)))
        return out

    def _earlier_reports(self, timeline: list[Report], i: int) -> list[Report]:
        """The nearest earlier report of another value of the same count (`_one_count`) by each of up to
        FRAME_REACH other documents within FRAME_DAYS before report i (same-day reports listed before it count as
        earlier), of FRAME_SCAN reports at most."""
        report = timeline[i]
        day, value, r, _ = report
        found: dict[str | int, Report] = {}               # document (a unit of copies: itself) -> its report
        for earlier in reversed(timeline[max(0, i - FRAME_SCAN):i]):
            d, v, s, _ = earlier
            if day - d > FRAME_DAYS or len(found) >= FRAME_REACH:
                break
            if v != value and s != r and _one_count(earlier, report) and self._comparable(r, s):
                found.setdefault(self.unit_doc[s] or s, earlier)
        return list(found.values())

    def _count_match(self, first: Report, second: Report) -> Match | None:
        """Two reports of a count as one count reported again, or None when the figures are no update or
        revision down (the pair's first unit is the later in the run, as in `matches`)."""
        a, b = first[2], second[2]
        x, y = self.feats[a].figures[first[3]], self.feats[b].figures[second[3]]
        rel = self.relate(x, y, self.days_apart(a, b))
        if rel not in REVISIONS:
            return None
        return self._figure_match(a, b, FigureCheck(rel, x, y, True), EventRelation.UPDATE)

    def _probes(self, r: int) -> list[str]:
        """The keys unit r probes: its rare ones, else its MIN_PROBES rarest."""
        df, keys = self.df, self.keys[r]
        probes = [k for k in keys if df[k] <= KEY_CAP]
        return probes if len(probes) >= MIN_PROBES else sorted(keys, key=df.__getitem__)[:MIN_PROBES]

    def _candidates(self, r: int) -> list[int]:
        """Earlier units sharing two of r's probes (a figure key counts twice) or two sketch hashes."""
        probes, postings = self.probes[r], self.postings
        found: set[int] = set()
        lists = []
        for k in probes:
            if units := postings.get(k):
                earlier = units[:bisect_left(units, r)]
                if k[0] == "#" or len(probes) < 2:      # a figure key counts twice; one probe is enough alone
                    found.update(earlier)
                else:
                    lists.append(earlier)
        _met_twice(lists, found)
        sketch, postings_of = self.feats[r].sketch, self.copy_postings
        copies = [units[:bisect_left(units, r)] for h in sketch if (units := postings_of.get(h))]
        if len(sketch) < 2:
            found.update(chain.from_iterable(copies))
        else:
            _met_twice(copies, found)
        return sorted(found)

    def _comparable(self, a: int, b: int) -> bool:
        doc = self.unit_doc[a]
        if doc is not None and doc == self.unit_doc[b]:
            return False
        da, db = self.days[a], self.days[b]
        return da is None or db is None or abs(da - db) <= WINDOW_DAYS

    def days_apart(self, a: int, b: int) -> int | None:
        da, db = self.days[a], self.days[b]
        return None if da is None or db is None else abs(da - db)

    def score(self, a: int, b: int) -> Match | None:
        """The pair as a match, or None: a near-verbatim copy whatever its length (a quoted question too),
        else a pair of assertions sharing enough words (not only names) that reports the same event
        (events.same_event)."""
        fa, fb = self.feats[a], self.feats[b]
        shared = fa.words & fb.words
        if not shared:
            return None
        text = self._similarity(a, b, shared)
        if text >= COPY_ALIGN_MIN_TEXT and same_mood(fa, fb, shared) and self._near_copy(a, b, text):
            figures = (compare_figures(fa.figures, fb.figures, self.days_apart(a, b), self.relate)
                       if fa.figures else None)
            if not (figures and figures.relation == FigureRelation.CONFLICTING
                    and self.origin_keys[a] != self.origin_keys[b]):
                return Match(a, b, round(min(text, 1.0), 3), tuple(sorted(shared)), figures, True)
            # one template, two sources, figures that cannot both be true: no copy of one report
        if fa.question or fb.question or len(shared) < MIN_SHARED_WORDS or self.common.isdisjoint(shared):
            return None                                    # no assertion, too little in common, or only names
        return self._event_match(a, b, shared, text)

    def _similarity(self, a: int, b: int, shared: frozenset[str]) -> float:
        """IDF-weighted overlap: the mean of Jaccard and containment (Jaccard alone for short claims)."""
        fa, fb = self.feats[a], self.feats[b]
        common = sum(map(self.weight.__getitem__, shared))
        ta, tb = self.total[a], self.total[b]
        jaccard = common / (ta + tb - common)
        short = fa.headline or fb.headline or min(len(fa.words), len(fb.words)) < SHORT_CLAIM_WORDS
        return jaccard if short else (jaccard + common / min(ta, tb)) / 2

    def _event_match(self, a: int, b: int, shared: frozenset[str], text: float) -> Match | None:
        """A match on similarity, figures and the event both report, or None."""
        fa, fb = self.feats[a], self.feats[b]
        score = text + (PREDICATE_BONUS if shared & self.predicates else 0.0)
        same_origin = self.origin_keys[a] == self.origin_keys[b]
        threshold = ECHO_THRESHOLD if same_origin else MATCH_THRESHOLD
        figures = None
        if fa.figures and fb.figures and score + FIGURE_BONUS >= threshold:
            figures = compare_figures(fa.figures, fb.figures, self.days_apart(a, b), self.relate)
            if figures and figures.telling:
                score += FIGURE_BONUS
        if score < threshold or self._other_years(a, b):
            return None
        event = same_event(fa, fb, shared, self.predicates, figures, self.days_apart(a, b), same_origin, self.relate)
        if event is not None and event.relation == EventRelation.SAME and opposed(fa.blame, fb.blame):
            event = replace(event, relation=EventRelation.OPPOSITE, blamed=(told(fa.blame), told(fb.blame)))
        elif event is None or (event.relation == EventRelation.OPPOSITE and score < CONTRADICTION_THRESHOLD):
            return None
        if event.relation != EventRelation.UPDATE and self._other_days(a, b):
            return None
        agreeing = figures is not None and figures.telling and figures.relation == FigureRelation.COMPATIBLE
        if not agreeing and self._other_names(fa, fb, event.predicates):
            return None
        return Match(a, b, round(min(score, 1.0), 3), tuple(sorted(shared)), figures, False, event)

    def _other_names(self, fa: Features, fb: Features, predicates: tuple[str, ...]) -> bool:
        """Each claim names, next to an identity predicate of the event (vocabulary), someone or somewhere
        the other never mentions, and they share fewer than two such names (a winner and a contest: "Clinton
        won Nevada" is one event with "Clinton took Nevada's caucuses, defeating Sanders", another than
        "Clinton won Ohio"). A name is a word never seen in lower case in the run."""
        def names(f: Features) -> set[str]:
            return {w for p in predicates if p in self.identity_predicates
                    for w in f.near.get(p, ()) if w not in self.not_names}
        first, second = names(fa), names(fb)
        return len(first & second) < SHARED_IDENTITY and bool(first - fb.words) and bool(second - fa.words)

    def _other_years(self, a: int, b: int) -> bool:
        """The claims are dated to different years: both name years and share none, or one names only
        years the other was not published in ("In November 2014, the Knesset passed a law" is not this
        week's report that murderers stay in prison)."""
        ya, yb = self.feats[a].years, self.feats[b].years
        if ya and yb:
            return ya.isdisjoint(yb)
        dated, undated = (ya, b) if ya else (yb, a)
        day = self.days[undated]
        return bool(dated) and day is not None and date.fromordinal(day).year not in dated

    def _other_days(self, a: int, b: int) -> bool:
        """The claims tell of different days: both name the weekday something happened on and no two of
        those days are within DAY_SLACK, or one names a day more than DAY_SLACK after the other was first
        published (by any copy: "On Friday, a settler shot a man" is not what an article of the Wednesday before
        reported)."""
        da, db = self._event_days(a), self._event_days(b)
        if da and db:
            return all(abs(x - y) > DAY_SLACK for x in da for y in db)
        named, other = (da, b) if da else (db, a)
        first = min((d for i in self.members[other] if (d := self.days[i]) is not None), default=None)
        return bool(named) and first is not None and min(named) > first + DAY_SLACK

    def _event_days(self, i: int) -> set[int]:
        """The days (day numbers) of the weekdays claim i names, within the week up to its publication."""
        day = self.days[i]
        if day is None or not self.feats[i].weekdays:
            return set()
        weekday = date.fromordinal(day).weekday()
        return {day - (weekday - named) % 7 for named in self.feats[i].weekdays}

    def _near_copy(self, a: int, b: int, text: float) -> bool:
        """Most word n-grams of the shorter claim recur in the other (n = COPY_SHINGLE, less for short text);
        or, a line lightly edited, cut short or extended, both giving the same counts: most of the shorter
        claim's words recur in the other in order ("have been killed in Israel" for "in Israel have been
        killed"), or in runs of COPY_BLOCK words or more in any order ("On Wednesday, an explosion killed
        hundreds at a hospital" for "An explosion at a hospital has killed hundreds")."""
        if text >= COPY_MIN_TEXT:
            n = min(COPY_SHINGLE, max(2, min(self.feats[a].length, self.feats[b].length) // 4))
            sa, sb = self._shingles_of(a, n), self._shingles_of(b, n)
            if len(set(sa).intersection(sb)) >= COPY_THRESHOLD * min(len(sa), len(sb)):
                return True
        fa, fb = self.feats[a], self.feats[b]
        if max(fa.length, fb.length) > COPY_ALIGN_MAX or _values(fa.figures) != _values(fb.figures):
            return False
        short, long = sorted((self._lower_tokens(a), self._lower_tokens(b)), key=lambda t: (len(t), t))
        need = COPY_ALIGNED * len(short)
        present = set(long)
        if sum(w in present for w in short) < need:     # neither alignment can keep more words than these
            return False
        in_order = sum(block.size for block in SequenceMatcher(None, short, long, autojunk=False).get_matching_blocks())
        return in_order >= need or _kept_in_runs(short, long) >= need

    def _lower_tokens(self, i: int) -> list[str]:
        """Claim i's words and numbers in lower case, as its copies are compared."""
        return tokens(self.texts[i].lower())

    def _shingles_of(self, i: int, n: int) -> array:
        s = self._shingles.get((i, n))
        if s is None:
            toks = self._lower_tokens(i)
            grams = zip(*(toks[k:] for k in range(n))) if len(toks) >= n else (tuple(toks),)
            s = self._shingles[(i, n)] = array("q", set(map(hash, grams)))
        return s
