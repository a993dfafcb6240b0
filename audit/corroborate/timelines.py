"""Figure timelines: each frame's running count over time, with the claims and outlets that report it.

A frame is (measure, population, scope); only running totals of a known population go in (not parts,
increments, vague or open-ended figures). A point is one value on one as-of date; each point says how it
relates to the point before it (update, revision_down or compatible). Frames reported on fewer than
MIN_DATES dates are left out; the longest timelines come first.
"""
from __future__ import annotations

from audit.models import Claim, Document, Quantity, Timeline, TimelinePoint
from audit.quantities import FigureReader

MIN_DATES = 2               # a timeline needs values on at least this many dates

Frame = tuple[str, str, str]    # measure, population, scope ("" when none)


def figure_timelines(claims: list[Claim], documents: dict[str, Document], reader: FigureReader) -> list[Timeline]:
    """The timelines of a run's running counts."""
    points: dict[Frame, dict[tuple, tuple[Quantity, list[Claim]]]] = {}
    for claim in claims:
        for q in claim.quantities:
            frame = _frame(q, reader)
            if frame is not None and q.as_of:
                key = (q.as_of, q.low, q.high)
                points.setdefault(frame, {}).setdefault(key, (q, []))[1].append(claim)
    timelines = []
    for frame, by_value in points.items():
        if len({as_of for as_of, _, _ in by_value}) < MIN_DATES:
            continue
        ordered = sorted(by_value.items(), key=lambda kv: kv[0])
        timeline = Timeline(frame[0], frame[1], frame[2] or None)
        previous: Quantity | None = None
        for (as_of, low, high), (q, reporting) in ordered:
            outlets = sorted({documents[c.document].outlet or c.document for c in reporting if c.document in documents})
            relation = None if previous is None else reader.relation(previous, q)
            timeline.points.append(TimelinePoint(as_of, q.text, low, high, sorted(c.id for c in reporting), outlets,
                                                 relation))
            previous = q
        timelines.append(timeline)
    timelines.sort(key=lambda t: (-sum(len(p.claims) for p in t.points), t.measure, t.population, t.scope or ""))
    return timelines


def _frame(q: Quantity, reader: FigureReader) -> Frame | None:
    if (q.vague or q.kind != "count" or q.tally != "running_total" or not q.measure or not q.population
            or q.measure not in reader.running_measures or q.low is None or q.high is None):
        return None
    return q.measure, q.population, q.scope or reader.default_scope(q.population) or ""
