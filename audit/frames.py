"""Figure frames: whom a figure counts, where, as of when, and how it tallies (issue 9).

The population cues are one conflict's and speak only in a document that names it (`FrameReader.sided`).

`FigureReader` reads each figure's measure and the population its own noun phrase names ("9 Israeli
soldiers"). `FrameReader.fill` first drops the measure of figures that count nothing: cells of a run of
bare numbers (a graphic's labels flattened into text) and the whole of a ratio ("one out of 57"). It then
completes the frame from the rest of the sentence, with the words of rules/lexicons/frames.yaml:
- population, when the noun phrase names no side: the side of the whole a part belongs to ("10,022
  Palestinians, including 4,104 children"), a named group for its members ("24 of its fighters",
  Hezbollah), else the nearest population cue: a place right after the figure ("1,400 people in Israel"),
  then agents ("Israeli airstrikes"), sources ("Gaza's health ministry") and places said to be where it
  happened ("in Gaza"), then any place. Places speak only for deaths, injuries and the displaced, and
  never for combatants or hostages;
- scope: the place named after the figure in its clause, else the nearest, never another side's own,
  nor one of places named side by side ("in Gaza and Israel", "between Israel and Lebanon"), which
  speak for no population either when they are two sides' own, nor the seat of a source that counts
  beyond it ("the health ministry in Ramallah");
- site: the town, camp or venue the figure is counted at, when one is named right after it or before it
  in its clause (`_site_of`); regions, countries and places where something was said are none;
- tally: `part` after "including" or before "of them", `increment` when the nearest tally word is one
  period's or one event's ("in the past 24 hours", "an airstrike"), when a weekday that is no report's day
  follows a death, wound or displacement count ("six fighters were killed Saturday"), when a past year
  is named near it ("the 2006 war killed 150"), or when such a count of a side or of nobody named is a
  few (`quantities.FEW`: "three of her cousins were killed") with no perfect near it ("have been
  killed"), in a document that names the conflict; else `running_total`;
- as_of: a running count is as of its report (the publication date, moved by "yesterday", "said
  Monday", "by Friday"); an increment or a part is as of the day it happened (the first day named), a past
  year's count as of that year's end;
- incident: the one strike, blast or raid a figure counts, when an incident noun is near it and the
  sentence names a specific place ("the blast at Al-Ahli al-Arabi Hospital", "an airstrike on a house in
  Beit Yahoun"), as a key that spelling variants share ("beit iahun" for Beit Yahoun and Beit Yahun); not
  a city, camp, region or country, where many strikes fall on one day. Such a figure is one event's count
  (an increment) unless a running-total word is nearer ("since", "toll"); a part ("including ...") counts
  no incident. An incident told at a site of a kind but not by its name ("the blast at a Gaza hospital")
  gets the key "a hospital": it is one event's count too (an increment), but relates to other figures as
  if it named no incident until matching takes it for the one named incident at such a site.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from functools import cached_property
from typing import NamedTuple

from .language import LanguagePack, lower_aligned, norm
from .models import Claim, Quantity
from .patterns import phrase_pattern
from .quantities import UNNAMED_INCIDENT, FigureReader, few, is_year, named_incident, word_before

PLACE_AFTER = 40            # characters after a figure's words where a place names its population outright
PART_BEFORE = 24            # characters before a figure where "including" makes it a part
TALLY_NEAR = 60             # characters either side of a figure searched for a tally word
DAY_AFTER = 40              # characters after a figure where a weekday makes it that day's count
ASPECT_NEAR = 40            # characters around a figure where "have been", "are dead" keep a few a running count
DENOMINATOR_BEFORE = 20     # characters before a figure searched for "one out of" (the whole of a ratio)
SEAT_BEFORE = 40            # characters before a place searched for "the ministry in" (where a source sits)
YEAR_REACH = 100            # characters either side of a figure where a past year makes it that year's count
INCIDENT_REACH = 100        # characters either side of a figure searched for an incident noun ("the blast")
PLACE_REACH = 60            # characters either side of that noun where the incident's place is named
SITE_REACH = 80             # characters between a figure and the town or camp it is counted at
_NOT_POSSESSIVE = r"(?!['’]s\b)"      # "in Israel's strikes" names no place
_FRAMED_KINDS = frozenset({"count", "vague", "percent", "money"})
_CLAUSE_MARK = re.compile(r"[.;:!?—]")
_DIGITS = re.compile(r"\d+")
_COMMA = re.compile(r"\s*,\s*")


def _phrases(table: dict[str, list[str]]) -> tuple[re.Pattern, dict[str, str]]:
    """One whole-word pattern for every phrase of a {name: [phrases]} table, and phrase -> name."""
    names = {norm(p): name for name, phrases in table.items() for p in phrases}
    return re.compile(phrase_pattern(names) + _NOT_POSSESSIVE), names


class FrameReader:
    """A language pack's frame words, compiled once (`pack.compiled(FrameReader)`)."""

    def __init__(self, pack: LanguagePack):
        self.figures = pack.compiled(FigureReader)
        cues = {f"{population}\0{kind}": words for population, by_kind in pack["frame_population_cues"].items()
                for kind, words in by_kind.items()}
        self._cues, cue_names = _phrases(cues)
        self._cue_of: dict[str, tuple[str, str]] = {      # phrase -> (population, kind)
            phrase: (name.split("\0")[0], name.split("\0")[1]) for phrase, name in cue_names.items()}
        self._groups, self._group_of = _phrases(pack["frame_groups"])
        self._sides = frozenset([None, *pack["frame_population_cues"], *pack["frame_groups"]])   # None: unsaid
        self._group_members = frozenset(pack["frame_group_members"])
        self._scopes, self._scope_of = _phrases({name: entry["words"] for name, entry in pack["frame_scopes"].items()})
        self._place_measures = frozenset(pack["frame_place_measures"])
        self._combatants = frozenset(pack["frame_combatants"])
        self._captives = frozenset(pack["frame_captives"])
        self._both_sides = _phrases({"both": pack["frame_both_sides"]})[0]
        self._not_own = {side: frozenset(subgroups) for side, subgroups in pack["frame_not_own"].items()}
        self._locatives = frozenset(norm(w) for w in pack["frame_locatives"])
        self._tallies, self._tally_of = _phrases(pack["frame_tally"])
        self._seat = re.compile(rf"{phrase_pattern(norm(w) for w in pack['frame_seat_nouns'])}\s+$")
        self._seat_places = frozenset(norm(w) for w in pack["frame_seat_places"])
        self._denominator = re.compile(rf"{phrase_pattern(norm(w) for w in pack['frame_denominators'])}\s+$")
        self._running_aspect = re.compile(phrase_pattern(norm(w) for w in pack["frame_running_aspect"]))
        self._running_aspect_before = re.compile(
            rf"{phrase_pattern(norm(w) for w in pack['frame_running_aspect_before'])}\s+$")
        days_before = {norm(k): int(v) for k, v in pack["frame_days_before"].items()}
        weekdays = [norm(d) for d in pack["weekdays"]]
        self._days, self._days_before = _phrases({"day": [*days_before, *weekdays]})[0], days_before
        self._weekday = {d: i for i, d in enumerate(weekdays)}
        self._report_words = frozenset(norm(w) for w in pack["frame_report_words"])
        self._report_fillers = frozenset(norm(w) for w in pack["frame_report_day_fillers"])
        self._day_determiners = frozenset(norm(w) for w in pack["frame_day_determiners"])
        self._period_breaks = frozenset(norm(w) for w in pack["frame_period_breaks"])
        self._place_joiner = re.compile(rf"(?:\s*,)?\s+{phrase_pattern(norm(w) for w in pack['frame_place_joiners'])}\s+")
        self._between = re.compile(rf"{phrase_pattern(norm(w) for w in pack['frame_place_between'])}\s+(?:\S+\s+){{0,3}}$")
        self._site_breaks = re.compile(phrase_pattern(norm(w) for w in pack["frame_site_breaks"]))
        self._incidents = _IncidentWords(pack)
        self._anchors = re.compile(phrase_pattern(norm(w) for w in pack["frame_cue_anchors"]))

    def sided(self, text: str) -> bool:
        """Whether a document names the conflict whose sides the population cues speak for
        (`frame_cue_anchors`): elsewhere "the health ministry" or "gunmen" name no side."""
        return self._anchors.search(text.lower()) is not None

    def fill(self, claim: Claim, published: str | None, sided: bool = True) -> None:
        """Complete the frame of each figure of a claim (offsets are the claim's, into its document); with
        `sided` false (its document names no side's conflict) no cue names a figure's population."""
        framed = [q for q in claim.quantities if q.kind in _FRAMED_KINDS]
        if not framed:
            return
        low = lower_aligned(claim.text).replace("’", "'")     # as lexicon phrases are written (`norm`)
        framed = self._counting(framed, claim, low)
        if not framed:
            return
        days = self._named_days(low)
        report_day, event_day = self._as_of(days, published)
        found = _Found(self, low, days, sided)
        places: list[tuple[int, str]] | None = None     # the sentence's incident places, read when needed
        sites: list[Place] | None = None               # the places it names (regions keyed None), when needed
        offsets: list[int] = []
        starts: list[int] | None = None                 # the figures' start offsets, read when needed
        whole: Quantity | None = None
        past = self._past_years(claim, low, published)
        for n, q in enumerate(framed):
            start, end = q.start - claim.start, q.end - claim.start
            q.tally, stated = self._tally(found, low, start, end)
            period = None if stated else _nearest_year(past, found, start, end)
            noun = found.incidents.nearest(start, end, reach=INCIDENT_REACH) \
                if q.measure in self._place_measures and q.tally != "part" else None   # a part is no toll
            if noun is not None and stated \
                    and _gap(found.tallies.nearest(start, end, reach=TALLY_NEAR), start, end) <= _gap(noun, start, end):
                noun = None                        # "since", "toll" nearer: a running count, no incident's
            if noun is not None:
                if places is None:
                    places = self._incidents.places(claim.text, low)
                    offsets = [p[0] for p in places]   # in text order: a noun's places are found by bisection
                q.incident = _nearest_place(places, offsets, start, noun, low)
                starts = starts if starts is not None else [f.start for f in framed]
                if q.incident is None and _nearest_figure(framed, starts, claim.start, noun) is q:
                    q.incident = self._incidents.unnamed_site(low, noun)
            if q.tally == "running_total" and not stated and (period or q.incident or (
                    q.measure in self._place_measures and found.event_day_after(end))):
                q.tally = "increment"              # a past year's, one strike's or one day's count ("killed Saturday")
            if q.tally == "running_total" and not stated and q.measure in self._place_measures and few(q) \
                    and sided and self.figures.population_parts(q.population)[0] in self._sides \
                    and not self._running_aspect.search(low, end, end + ASPECT_NEAR) \
                    and not self._running_aspect_before.search(low, max(0, start - ASPECT_NEAR), start):
                q.tally = "increment"              # "three of her cousins were killed": an incident's, not a war's
            if q.tally == "part" and whole is not None and whole.tally == "increment":
                q.tally = "increment"              # a part of one event's count is that event's count too
            if named_incident(q.incident):
                q.site = q.incident                # one strike's place is where it is counted
            elif q.measure in self._place_measures:
                sites = sites if sites is not None else self._incidents.sites(claim.text, low)
                bounds = (framed[n - 1].end - claim.start if n else 0,
                          framed[n + 1].start - claim.start if n + 1 < len(framed) else len(low))
                q.site = _site_of(sites, found, claim.text, (start, end), bounds, self._site_breaks)
            q.population = self._population(found, q, start, end, whole if q.tally == "part" else None)
            q.scope = self._scope(found, start, end, q.population)
            q.as_of = report_day if q.tally == "running_total" else period or event_day
            if q.tally != "part":
                whole = q

    def _population(self, found: _Found, q: Quantity, start: int, end: int, whole: Quantity | None) -> str | None:
        """The noun phrase's population; with no side named, the side of the whole a part belongs to
        ("10,022 Palestinians, including 4,104 children"), a named group for its members, or the cues'."""
        group, subgroup = self.figures.population_parts(q.population)
        if group or q.kind in ("percent", "money"):     # whose share or sum is not in the sentence's cues
            return q.population
        if whole is not None:
            group = self.figures.population_parts(whole.population)[0]
        head = q.unit.split()[-1] if q.unit else None
        if group is None and (head in self._group_members or subgroup in self._group_members):
            m = found.groups.nearest(start, end)
            group = self._group_of[norm(m.group())] if m else None
        if group is None and not (head in self._captives and q.measure in self._place_measures) \
                and not found.both_sides_after(end):
            group = self._cued_population(found, start, end, q.measure in self._place_measures
                                          and subgroup not in self._combatants)
            if subgroup in self._not_own.get(group or "", ()):
                group = None                        # "the Israeli military said it killed 400 militants"
        return " ".join(x for x in (group, subgroup) if x) or None

    def _cued_population(self, found: _Found, start: int, end: int, places: bool) -> str | None:
        """The population the nearest cue points to: a place just after the figure wins outright; then
        agents, sources and places said to be where it happened ("in Gaza"); then any place. With `places`
        false, places are no cue."""
        if places:
            for after in found.cues.starting_in(end, end + PLACE_AFTER):
                if self._cue_of[norm(after.group())][1] == "place" and found.same_clause(end, after.start()):
                    return self._cue_of[norm(after.group())][0]
        nearest = (found.said if places else found.actors).nearest(start, end) \
            or (found.cues if places else found.actors).nearest(start, end)
        return self._cue_of[norm(nearest.group())][0] if nearest else None

    def _counting(self, figures: list[Quantity], claim: Claim, low: str) -> list[Quantity]:
        """The figures that count what their words say; the others lose their measure: cells of a run of bare
        numbers ("DEAD INJURED 1,400 2,670 3,500": a table's or a graphic's labels) and denominators ("one out
        of 57 people")."""
        dropped: set[int] = set()
        for a, b in zip(figures, figures[1:]):
            if b.start > a.end and claim.text[a.end - claim.start:b.start - claim.start].isspace():
                dropped.update((id(a), id(b)))
        for q in figures:
            start = q.start - claim.start
            if self._denominator.search(low, max(0, start - DENOMINATOR_BEFORE), start):
                dropped.add(id(q))
        if not dropped:
            return figures
        for q in figures:
            if id(q) in dropped:
                q.measure = None
        return [q for q in figures if id(q) not in dropped]

    def seat(self, low: str, place: re.Match) -> bool:
        """Whether a place is named as the seat of a source that counts elsewhere too ("the health ministry in
        Ramallah", `frame_seat_places`), not where anything was counted."""
        return norm(place.group()) in self._seat_places \
            and self._seat.search(low, max(0, place.start() - SEAT_BEFORE), place.start()) is not None

    def located(self, low: str, start: int, place: str) -> bool:
        """Whether a place is introduced as where something happened ("in Gaza", or a cue that says so
        itself: "into Israel"), not as the origin or the object of something ("militants from Gaza", "Hamas,
        which rules Gaza")."""
        if place.split(maxsplit=1)[0] in self._locatives:        # a cue match: never empty
            return True
        words = low[max(0, start - 16):start].split()
        return bool(words) and words[-1] in self._locatives or words[-2:-1] == ["in"] and words[-1] == "the"

    def _scope(self, found: _Found, start: int, end: int, population: str | None) -> str | None:
        """The place named after the figure in its clause ("killed in the West Bank"), else the nearest; not
        a place that is another side's own ("attacks on Israel" is not where Palestinians were counted)."""
        after = found.scopes.first_from(end)
        m = after if after and found.same_clause(end, after.start()) else found.scopes.nearest(start, end)
        scope = self._scope_of[norm(m.group())] if m else None
        own = self.figures.default_scope(population)
        if own and scope and scope != own and self.figures.scope_owner(scope):
            return None
        return scope

    def _tally(self, found: _Found, low: str, start: int, end: int) -> tuple[str, bool]:
        """(tally, stated): part right after "including" or before "of them"; else the nearest tally word
        within TALLY_NEAR. `stated` when that word says running total ("since", "toll"): `fill` then gives
        the figure no incident."""
        before = low[max(0, start - PART_BEFORE):start]
        if any(m.end() >= len(before) - 1 and self._tally_of[norm(m.group())] == "part"
               for m in self._tallies.finditer(before)):
            return "part", False
        if low[end:end + PART_BEFORE].lstrip().startswith(("of them", "of whom", "of those")):
            return "part", False
        m = found.tallies.nearest(start, end, reach=TALLY_NEAR)
        tally = self._tally_of[norm(m.group())] if m else None
        if tally == "increment":
            return tally, False
        return "running_total", tally == "running_total"

    def _named_days(self, low: str) -> list[tuple[re.Match, bool]]:
        """The days a sentence names, each with whether it is a report's day ("said Monday", "as of
        Tuesday", "yesterday"); a day after "since" starts a count and dates nothing."""
        days = []
        for m in self._days.finditer(low):
            before = low[max(0, m.start() - 40):m.start()].split()[-4:]
            if before[-1:] != ["since"]:
                word = norm(m.group())
                days.append((m, word in self._days_before or told_on(before, self._report_words, self._report_fillers)))
        return days

    def _past_years(self, claim: Claim, low: str, published: str | None) -> list[tuple[int, str]]:
        """(offset, as-of date) of each year before the publication's that the sentence names as a time of
        its own ("the 2006 war", "in October 2016"); not a full date ("Oct. 7, 2023") nor a year that
        starts or bounds a count ("since 2002", "since the 1973 war")."""
        if not published or not published[:4].isdigit():
            return []
        out = []
        for q in claim.quantities:
            digits = _DIGITS.findall(q.text) if q.kind == "date" else []
            year = digits[0] if len(digits) == 1 and is_year(digits[0]) else None    # not "Oct. 7, 2023"
            if year and year < published[:4] \
                    and not self._period_breaks.intersection(low[max(0, q.start - claim.start - 24):q.start - claim.start].split()[-2:]):
                out.append((q.start - claim.start, f"{year}-12-31"))
        return out

    def _as_of(self, days: list[tuple[re.Match, bool]], published: str | None) -> tuple[str | None, str | None]:
        """(report date, event date): the publication date moved back to the first report's day named, and
        to the first day named at all (an airstrike "on Tuesday")."""
        try:
            day = date.fromisoformat(published[:10]) if published else None
        except ValueError:
            return None, None
        if day is None:
            return None, None
        report = event = None
        for m, reported in days:
            word = norm(m.group())
            back = self._days_before.get(word)
            if back is None:
                back = (day.weekday() - self._weekday[word]) % 7
            named = (day - timedelta(days=back)).isoformat()
            event = event or named
            if report is None and reported:
                report = named
        return report or day.isoformat(), event or day.isoformat()

    def joined_places(self, scopes: list[re.Match], low: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Spans where a sentence names places side by side ("in Gaza and Israel", "between Israel and
        Lebanon"; frame_place_joiners, frame_place_between): no one of them is a figure's scope. Commas join
        places only in a list that "and" or "or" ends ("in Gaza, Israel said" names one). The second list holds
        the spans that join two sides' own places, where no place speaks for the population either
        ("journalists killed in Gaza and Israel")."""
        runs: list[tuple[list[re.Match], list[bool]]] = []      # places side by side; whether a joiner links them
        for m in scopes:
            gap = (runs[-1][0][-1].end(), m.start()) if runs else None
            listed = bool(gap and self._place_joiner.fullmatch(low, *gap))
            if gap and (listed or _COMMA.fullmatch(low, *gap)):
                runs[-1][0].append(m)
                runs[-1][1].append(listed)
            else:
                runs.append(([m], []))
        joined, rival = [], []
        for places, links in runs:
            names = {self._scope_of[norm(m.group())] for m in places}
            span = (places[0].start(), places[-1].end())
            if (any(links) and len(names) > 1) or self._between.search(low, max(0, span[0] - 40), span[0]):
                joined.append(span)
                if sum(map(self.figures.scope_owner, names)) > 1:
                    rival.append(span)
        return joined, rival


def told_on(before: list[str], report_words: frozenset[str], fillers: frozenset[str]) -> bool:
    """Whether the words before a day name make it a report's day: a report word right before it, fillers
    allowed between ("said Monday", "as of Tuesday", "announced late on Monday"); not "ran out of fuel
    Saturday" nor "killed on Monday"."""
    i = len(before)
    while i and before[i - 1] in fillers:
        i -= 1
    return i > 0 and before[i - 1] in report_words


class _Found:
    """One claim's frame words, found once, so that n figures in a sentence cost O(n log n), not n scans."""

    def __init__(self, reader: FrameReader, low: str, days: list[tuple[re.Match, bool]], sided: bool = True):
        self.low, self._reader, self._days, self._sided = low, reader, days, sided

    # Each kind of word is found when first asked for: most figures need only a few of them.

    @cached_property
    def _event_days(self) -> list[int]:
        low, reader = self.low, self._reader
        return [m.start() for m, reported in self._days
                if not reported and word_before(low, m.start()) not in reader._day_determiners]

    @cached_property
    def _places(self) -> tuple[list[re.Match], list[tuple[int, int]], list[tuple[int, int]]]:
        """The scopes that are no seat, the places joined into one ("Gaza and the West Bank"), and the
        stretches naming rival sides."""
        low, reader = self.low, self._reader
        scopes = [m for m in reader._scopes.finditer(low) if not reader.seat(low, m)]
        return (scopes, *reader.joined_places(scopes, low))

    @cached_property
    def _cue_kinds(self) -> list[tuple[re.Match, str]]:
        if not self._sided:
            return []
        low, reader, rival_sides = self.low, self._reader, self._places[2]
        kinds = [(m, reader._cue_of[norm(m.group())][1]) for m in reader._cues.finditer(low)]
        return [(m, kind) for m, kind in kinds if not (rival_sides and kind == "place" and _inside(m, rival_sides))]

    @cached_property
    def cues(self) -> _Matches:
        return _Matches(m for m, _ in self._cue_kinds)

    @cached_property
    def actors(self) -> _Matches:
        return _Matches(m for m, kind in self._cue_kinds if kind != "place")

    @cached_property
    def said(self) -> _Matches:
        low, reader = self.low, self._reader
        return _Matches(m for m, kind in self._cue_kinds if kind != "place" or reader.located(low, m.start(), m.group()))

    @cached_property
    def groups(self) -> _Matches:
        return _Matches(self._reader._groups.finditer(self.low))

    @cached_property
    def scopes(self) -> _Matches:
        scopes, joined, _ = self._places
        return _Matches(m for m in scopes if not _inside(m, joined))

    @cached_property
    def tallies(self) -> _Matches:
        return _Matches(self._reader._tallies.finditer(self.low))

    @cached_property
    def incidents(self) -> _Matches:
        return _Matches(self._reader._incidents.nouns.finditer(self.low))

    @cached_property
    def both(self) -> _Matches:
        return _Matches(self._reader._both_sides.finditer(self.low))

    @cached_property
    def _marks(self) -> list[int]:
        return [m.start() for m in _CLAUSE_MARK.finditer(self.low)]

    def both_sides_after(self, end: int) -> bool:
        """Whether words right after a figure in its clause say it counts both sides."""
        return any(self.same_clause(end, m.start()) for m in self.both.starting_in(end, end + PLACE_AFTER))

    def event_day_after(self, end: int) -> bool:
        """Whether a weekday that is no report's day follows a figure closely in its clause ("six fighters
        were killed Saturday", "killed 30 people across Gaza on Thursday"): the count of that day."""
        i = bisect_left(self._event_days, end)
        return i < len(self._event_days) and self._event_days[i] - end <= DAY_AFTER \
            and self.same_clause(end, self._event_days[i])

    def same_clause(self, start: int, end: int) -> bool:
        """No clause mark in [start, end)."""
        i = bisect_left(self._marks, start)
        return i == len(self._marks) or self._marks[i] >= end


def _inside(m: re.Match, spans: list[tuple[int, int]]) -> bool:
    return any(a <= m.start() and m.end() <= b for a, b in spans)


class _Matches:
    """Matches of one pattern in text order (disjoint, so starts and ends both ascend), searched by bisection."""

    def __init__(self, matches: Iterable[re.Match]):
        self.matches = list(matches)
        self.starts = [m.start() for m in self.matches]
        self.ends = [m.end() for m in self.matches]

    def nearest(self, start: int, end: int, reach: int | None = None) -> re.Match | None:
        """The match nearest to [start, end) and outside it, the earlier on a tie; within `reach` characters
        when given."""
        i = bisect_right(self.ends, start) - 1
        j = bisect_left(self.starts, end)
        before = self.matches[i] if i >= 0 and (reach is None or self.ends[i] >= start - reach) else None
        after = self.matches[j] if j < len(self.matches) and (reach is None or self.starts[j] <= end + reach) else None
        if before is None or after is None:
            return before or after
        return before if start - before.end() <= after.start() - end else after

    def first_from(self, pos: int) -> re.Match | None:
        j = bisect_left(self.starts, pos)
        return self.matches[j] if j < len(self.matches) else None

    def starting_in(self, a: int, b: int) -> Iterator[re.Match]:
        """The matches that start in [a, b], in text order."""
        for j in range(bisect_left(self.starts, a), bisect_right(self.starts, b)):
            yield self.matches[j]


_NAME_WORD = r"(?:(?:al|el)-)?[A-Z][a-z][\w']*(?:-(?:al-|el-)?[A-Za-z][\w']*)*"     # title case, not capitals


class _IncidentWords:
    """The words that tie a figure to one incident at one named place (rules/lexicons/frames.yaml)."""

    def __init__(self, pack: LanguagePack):
        compounds = phrase_pattern(norm(w) for w in pack["frame_incident_noun_compounds"])
        self.nouns = re.compile(_phrases({"incident": pack["frame_incident_nouns"]})[0].pattern + rf"(?!\s+{compounds})")
        sites = sorted({norm(w) for w in pack["frame_incident_sites"]}, key=lambda w: (-len(w), w))
        self._sites = frozenset(sites)
        particles = "|".join(re.escape(w) for w in pack["frame_incident_name_particles"])
        self._name = re.compile(rf"{_NAME_WORD}(?:\s+(?:(?:{particles})\s+)?{_NAME_WORD}){{0,4}}")
        site = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sites)
        self._locative_words = frozenset(norm(w) for w in pack["frame_incident_locatives"])
        locative = "|".join(re.escape(w) for w in sorted(self._locative_words))
        # "in Beit Yahoun", "at the Al-Ahli", "in the northern city of Jabalia", "on a house in the town of"
        self._before = re.compile(rf"(?:^|\W)(?:{locative})\s+(?:(?:the|a|an)\s+)?"
                                  rf"(?:(?:[a-z'-]+\s+){{0,2}}(?:{site})\s+of\s+)?$")
        self._site_after = re.compile(rf"\s*(?:{site})(?!\w)")
        unnamed = "|".join(re.escape(norm(w)) for w in pack["frame_incident_unnamed_sites"])
        # "the blast at a Gaza City hospital", "an explosion at the hospital"; "the hospital blast"
        self._unnamed_after = re.compile(rf"\s+(?:{locative})\s+(?:a|an|the)\s+(?:[\w'-]+\s+){{0,3}}?"
                                         rf"({unnamed})(?!\w)")
        self._unnamed_before = re.compile(rf"(?:^|\W)({unnamed})\s+$")
        self._prefixes = frozenset(norm(w) for w in pack["frame_incident_name_prefixes"])
        self._fillers = frozenset(norm(w) for w in pack["frame_incident_name_fillers"])
        regions = [*pack["frame_regions"], *pack["countries"]]
        broad = [*pack["frame_incident_broad"], *regions, *(w for entry in pack["frame_scopes"].values() for w in entry["words"])]
        self._broad = self._keys(broad)
        self._regions = self._keys(regions)
        self._not_places = frozenset(
            [*(norm(w) for w in pack["weekdays"]), *(norm(w) for w in pack["months"]),
             *(norm(w).rstrip(".") for w in pack["month_abbreviations"]),
             *(norm(w) for w in pack["quantity_nationalities"]),
             *(norm(w) for words in pack["quantity_nationalities"].values() for w in words),
             *(norm(w) for words in pack["frame_groups"].values() for w in words),
             *(norm(w) for w in pack["name_stop_words"]), *(norm(w) for w in pack["frame_non_places"])])

    def places(self, text: str, low: str) -> list[tuple[int, str]]:
        """(offset, key) of each place a sentence names as where something happened: a name before a site
        noun ("Jabaliya refugee camp") or after a locative ("in Beit Yahoun"), not a broad place."""
        return [(at, key) for at, _, key, first in self._named(text, low)
                if key not in self._broad and first not in self._broad]

    def sites(self, text: str, low: str) -> list[Place]:
        """Each place a sentence names as where something happened, towns and camps included; a region or
        a country (frame_regions, common.yaml's countries) has key None: it is no site, but it is named."""
        return [Place(at, to, None if key in self._regions or first in self._regions else key)
                for at, to, key, first in self._named(text, low)]

    def _named(self, text: str, low: str) -> Iterator[tuple[int, int, str, str | None]]:
        """(start, end, key, key of the first word) of each place named after a locative or before a site
        noun."""
        text = text.replace("’", "'")
        for m in self._name.finditer(text):
            start, name = m.start(), m.group().lower()
            lead = name.split(None, 1)
            if len(lead) == 2 and lead[0] in self._locative_words:     # "In Rafah, ...": a capital locative
                start, name = m.end() - len(lead[1]), lead[1]
            name = name.rsplit("'s ", 1)[-1]                          # "Gaza's Al-Ahli hospital": Al-Ahli
            words = [w for w in re.split(r"[\s-]+", name) if w]
            site = bool(self._site_after.match(low, m.end()))
            while words and (" ".join(words[-2:]) in self._sites or words[-1] in self._sites):
                words = words[:-2] if " ".join(words[-2:]) in self._sites else words[:-1]
                site = True
            while words and words[0] in self._sites:              # "Kibbutz Be'eri"
                words, site = words[1:], True
            words = [w.rstrip("'").removesuffix("'s") for w in words]
            if not words or not (site or start > m.start() or self._before.search(low, 0, start)):
                continue
            if words[0] in self._not_places or " ".join(words) in self._not_places:
                continue
            key = self._key(words)
            if key:
                yield start, m.end(), key, self._key(words[:1])   # the first word tells "Israel-Hamas war"

    def _keys(self, places: Iterable[str]) -> frozenset[str]:
        return frozenset(key for w in places if (key := self._key(re.split(r"[\s-]+", norm(w)))))

    def unnamed_site(self, low: str, noun: re.Match) -> str | None:
        """The key of an incident told at a site of a kind but not its name, right after or before the
        incident noun ("the blast at a Gaza hospital", "the hospital blast"): UNNAMED_INCIDENT and the kind."""
        m = self._unnamed_after.match(low, noun.end()) or self._unnamed_before.search(low, 0, noun.start())
        return UNNAMED_INCIDENT + m.group(1) if m else None

    def _key(self, words: list[str]) -> str | None:
        """A place's key: its first significant word (two after a prefix such as "Beit"), spelled so that
        transliterations meet ("Jabaliya" and "Jabalia", "Yahoun" and "Yahun")."""
        words = [w.removeprefix("al-").removeprefix("el-") for w in words]
        words = [w for w in words if w and w not in self._fillers]
        if not words:
            return None
        kept = words[:2] if words[0] in self._prefixes and len(words) > 1 else words[:1]
        return " ".join(_skeleton(w) for w in kept)


def _skeleton(word: str) -> str:
    """A transliterated name's spelling reduced: letters only, ou -> u, y -> i, no doubled letters, no
    final h after a vowel ("Qusrah" and "Qusra")."""
    word = re.sub(r"[^a-z]", "", word).replace("ou", "u").replace("y", "i")
    word = re.sub(r"(.)\1+", r"\1", word)
    return re.sub(r"(?<=[aeiou])h$", "", word.replace("iia", "ia"))


def _nearest_place(places: list[tuple[int, str]], offsets: list[int], start: int, noun: re.Match,
                   low: str) -> str | None:
    """The key of the place an incident noun is about: named within PLACE_REACH after it ("the blast at
    Al-Ahli"), else before it in the same phrase, with no comma between ("Al-Ahli hospital blast"; not "Before
    the al-Ahli deaths, strikes on Gaza killed ..."); the nearest to the figure. `offsets` are the places'
    starts, in text order: the places within reach are found by bisection."""
    after = places[bisect_left(offsets, noun.end()):bisect_right(offsets, noun.end() + PLACE_REACH)]
    before = [p for p in places[bisect_left(offsets, noun.start() - PLACE_REACH):bisect_left(offsets, noun.start())]
              if not any(mark in low[p[0]:noun.start()] for mark in ",;:.—")]
    near = after or before
    return min(near, key=lambda p: (abs(p[0] - start), p[0]))[1] if near else None


class Place(NamedTuple):
    """A place a sentence names: its offsets and its key (None for a region or a country)."""
    start: int
    end: int
    key: str | None


def _site_of(sites: list[Place], found: _Found, text: str, span: tuple[int, int], bounds: tuple[int, int],
             breaks: re.Pattern) -> str | None:
    """The key of the town, camp or venue a figure is counted at (the figure at `span`, its neighbours at
    the `bounds`): the first place named after it within SITE_REACH characters with no comma or clause mark
    between ("killed 40 in the Maghazi camp"), else the last before it within SITE_REACH of its end in its
    clause ("hit the Maghazi camp overnight, killing 40"); never past a neighbouring figure ("9,500,
    including 30 at the Maghazi camp": the camp is the 30's), and never one a `breaks` word follows or
    comes between ("the ministry in Ramallah said", "Speaking in Geneva, the official said 9,500": where it
    was said). None when that place is a region or a country ("1,400 people in Israel"), one of several
    ("in Rafah and Khan Younis"), or there is none."""
    start, end = span
    low = found.low
    after = [p for p in sites if end <= p.start < bounds[1] and p.start - end <= SITE_REACH
             and "," not in low[end:p.start] and found.same_clause(end, p.start)]
    before = [p for p in sites if bounds[0] <= p.start and p.end <= start and start - p.end <= SITE_REACH
              and found.same_clause(p.start, start) and not breaks.search(low, p.end, start)]
    place = after[0] if after else before[-1] if before else None
    if place is None or breaks.match(low, _skip_space(low, place.end)) or _ANOTHER_PLACE.match(text, place.end):
        return None
    return place.key


def _nearest_year(past: list[tuple[int, str]], found: _Found, start: int, end: int) -> str | None:
    """The as-of date of the past year nearest a figure within YEAR_REACH in its clause, if any."""
    near = [(min(abs(at - start), abs(at - end)), at, day) for at, day in past]
    best = min(((gap, at, day) for gap, at, day in near if gap <= YEAR_REACH), default=None)
    if best is None or not found.same_clause(min(best[1], end), max(best[1], start)):
        return None
    return best[2]


def _skip_space(low: str, pos: int) -> int:
    while pos < len(low) and low[pos].isspace():
        pos += 1
    return pos


_ANOTHER_PLACE = re.compile(r"(?:\s*,|,?\s+and|,?\s+or)\s+(?:the\s+)?[A-Z]")   # "Rafah and Khan Younis"


def _nearest_figure(figures: list[Quantity], starts: list[int], base: int, noun: re.Match) -> Quantity:
    """The figure nearest to an incident noun, which counts that incident ("2,800 killed, and at least 500
    more died in a blast at a hospital": the 500); offsets are the document's, `base` the claim's start.
    The figures are in text order (`starts`, their start offsets): only the two around the noun can be
    nearest, found by bisection, so a sentence of many figures costs n log n."""
    i = bisect_left(starts, noun.start() + base)
    around = figures[max(0, i - 1):i + 1] or figures[-1:]
    return min(around, key=lambda q: _gap(noun, q.start - base, q.end - base))


def _gap(m: re.Match | None, start: int, end: int) -> int:
    """Characters between a match and [start, end) (a large number for no match)."""
    if m is None:
        return 1 << 30
    return start - m.end() if m.end() <= start else m.start() - end
