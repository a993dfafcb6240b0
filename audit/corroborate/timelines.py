"""Figure timelines: each frame's running count over time, with the claims and outlets that report it.

A frame is (measure, population, scope); only running totals go in (not parts, increments, vague figures
or counts at one town or camp), of a known population, or of none in a story without sides
(`sideless_measures`). A timeline has one point per as-of date: the
value most claims report that day (the higher on a tie), with those claims and their outlets, and how it
relates to the point before (update, revision_down or compatible); and its reports: every value of the
count reported each day (the day's point among them, and older or newer statements beside it), each
related to the point before. A value under OTHER_COUNT_SHARE of the highest so far is another count
sharing the frame (one family's dead, one strike's) and is left out. Frames reported on fewer than
MIN_DATES dates are left out; the most reported timelines come first.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from audit.models import Claim, Document, FigureRelation, Quantity, Timeline, TimelinePoint
from audit.quantities import OTHER_COUNT_SHARE, FigureReader, nominal

MIN_DATES = 2               # a timeline needs values on at least this many dates
_TOLD_AGAIN = (FigureRelation.UPDATE, FigureRelation.REVISION_DOWN, FigureRelation.COMPATIBLE)

Frame = tuple[str, str, str]                                # measure, population, scope ("" when none)
Reports = dict[str, dict[tuple, tuple[Quantity, list[Claim]]]]   # as-of date -> (low, high) -> figure, claims


def figure_timelines(claims: list[Claim], documents: dict[str, Document], reader: FigureReader,
                     sideless: frozenset[str] | None = None) -> list[Timeline]:
    """The timelines of a run's running counts; `sideless` as corroboration decided it (`corroborate`
    returns it), else decided over `claims`."""
    reports: dict[Frame, Reports] = {}
    if sideless is None:
        sideless = sideless_measures((q for c in claims for q in c.quantities), reader)
    for claim in claims:
        for q in claim.quantities:
            frame = _frame(q, reader, sideless)
            if frame is not None and q.as_of:
                by_value = reports.setdefault(frame, {}).setdefault(q.as_of, {})
                by_value.setdefault((q.low, q.high), (q, []))[1].append(claim)
    timelines = [_timeline(frame, by_date, documents, reader)
                 for frame, by_date in sorted(reports.items()) if len(by_date) >= MIN_DATES]
    timelines.sort(key=lambda t: -sum(len(p.claims) for p in t.points))
    return timelines


def _timeline(frame: Frame, by_date: Reports, documents: dict[str, Document], reader: FigureReader) -> Timeline:
    timeline = Timeline(frame[0], frame[1], frame[2] or None)
    previous: Quantity | None = None
    peak = 0.0
    for as_of in sorted(by_date):
        q, reporting = max(by_date[as_of].values(), key=lambda v: (len(v[1]), nominal(v[0])))
        if nominal(q) < OTHER_COUNT_SHARE * peak:
            continue
        peak = max(peak, nominal(q))
        for value, claims in sorted(by_date[as_of].values(), key=lambda v: (nominal(v[0]), v[0].text)):
            if nominal(value) >= OTHER_COUNT_SHARE * peak:
                timeline.reports.append(_point(as_of, value, claims, documents, previous, reader))
                if value is q:
                    timeline.points.append(timeline.reports[-1])   # the day's point is one of its reports
        previous = q
    return timeline


def _point(as_of: str, q: Quantity, reporting: list[Claim], documents: dict[str, Document],
           previous: Quantity | None, reader: FigureReader) -> TimelinePoint:
    """A value on a date with the claims and outlets that report it, related to the point before."""
    outlets = sorted({documents[c.document].outlet or c.document for c in reporting if c.document in documents})
    relation = None if previous is None else reader.relation(previous, q)
    if relation not in _TOLD_AGAIN:
        relation = None                         # another incident's count stated as a total: no step of this one
    return TimelinePoint(as_of, q.text, q.low, q.high, sorted(c.id for c in reporting), outlets, relation)


def running_total(q: Quantity, running: frozenset[str], sideless: frozenset[str] = frozenset()) -> bool:
    """An exact running total of one of the `running` measures, of a known population, or of none in a
    `sideless` measure."""
    return _exact_running(q, running) and (bool(q.population) or q.measure in sideless)


def sideless_measures(figures: Iterable[Quantity], reader: FigureReader) -> frozenset[str]:
    """The running measures of people whose exact running totals in a run mostly name no population: a
    story without sides (an earthquake's dead, a flood's displaced), whose counts are followed without one.
    Where most name one (a war's), a count that names none may be anyone's and joins no timeline; counts of
    things (drones shot down) name no population and are no one count."""
    named: Counter[str] = Counter()
    unnamed: Counter[str] = Counter()
    people = reader.running_measures - reader.thing_measures
    for q in figures:
        if _exact_running(q, people):
            (named if q.population else unnamed)[str(q.measure)] += 1
    return frozenset(m for m, n in unnamed.items() if n > named[m])


def _exact_running(q: Quantity, running: frozenset[str]) -> bool:
    return not q.vague and q.kind == "count" and q.tally == "running_total" and q.measure in running


def _frame(q: Quantity, reader: FigureReader, sideless: frozenset[str]) -> Frame | None:
    if not running_total(q, reader.running_measures, sideless) or q.site:
        return None                             # a town's or a camp's count is not the scope's running count
    return str(q.measure), q.population or "", q.scope or reader.default_scope(q.population) or ""
