"""Contested figures and figure timelines.

Contested figures: each pair of claims linked as conflicting once (a conflict is decided on frames: the
same measure, population and scope, as of about the same date), with the figures of the frame they share,
their sources and dates. Figure timelines: the most reported running counts, each value on its as-of date
with the outlets reporting it and how it moved from the value before.
"""
from __future__ import annotations

from audit.escape.markdown import inline
from audit.models import Claim, FigureRelation, LinkRelation, Quantity, TimelinePoint
from audit.quantities import frame_words, named_incident

from .index import Index, attribution
from .table import table
from .words import figure, more, quote

CONFLICTS_CAP = 10
TIMELINES_CAP = 5           # timelines shown
TIMELINE_POINTS = 12        # values shown per timeline: the first, then the latest moves and the last
_MOVES = (FigureRelation.UPDATE, FigureRelation.REVISION_DOWN)
_CHANGE = {FigureRelation.UPDATE: "update", FigureRelation.REVISION_DOWN: "revised down",
           FigureRelation.COMPATIBLE: "agrees"}


def conflict_pairs(ix: Index) -> list[tuple[Claim, Claim, list[str]]]:
    pairs: dict[frozenset, tuple[Claim, Claim, list[str]]] = {}
    for c in ix.worst_first:
        for k in c.corroboration.links:
            other = ix.claims.get(k.claim)
            if k.relation != LinkRelation.CONFLICTS or other is None:
                continue
            whys = pairs.setdefault(frozenset((c.id, other.id)), (c, other, []))[2]
            if k.why and k.why not in whys:
                whys.append(k.why)
    return list(pairs.values())


def shared_frame(c: Claim, other: Claim) -> list[Quantity]:
    """The figures of `c` whose frame the other claim reports too: the ones a conflict is about (all of
    them for figures read without frames, as in runs stored before frames)."""
    theirs = [q for q in other.quantities if q.measure]
    shared = [q for q in c.quantities if q.measure and any(_one_frame(q, t) for t in theirs)]
    return shared or [q for q in c.quantities if not q.measure]


def _one_frame(a: Quantity, b: Quantity) -> bool:
    """The same measure, population and incident, as matching relates them: an unstated scope is the
    other's ("471 killed at Al-Ahli" and "more than 500 killed in Gaza"); two counts of incidents, one told
    at an unnamed site ("a hospital"), may be of the incident matching took it for, and one that names no
    population counts the other's."""
    incidents = a.incident is not None and b.incident is not None
    same_incident = a.incident == b.incident or (incidents and not (named_incident(a.incident)
                                                                    and named_incident(b.incident)))
    same_people = a.population == b.population or (incidents and None in (a.population, b.population))
    return (a.measure == b.measure and same_incident and same_people
            and (a.scope == b.scope or None in (a.scope, b.scope)))


def contested_figures(ix: Index) -> str:
    pairs = conflict_pairs(ix)
    lines = ["## Contested figures", ""]
    if not pairs:
        return "\n".join(lines + ["No two reports give conflicting figures for one frame (measure, population, "
                                  "scope and date); counts that rose or were revised are in *Figure timelines*."])
    lines.append("Pairs of claims whose figures for the same measure of the same people, in the same place and "
                 "as of about the same date, cannot both be right.")
    for n, (a, b, whys) in enumerate(pairs[:CONFLICTS_CAP], 1):
        rows = []
        for c, other in ((a, b), (b, a)):
            figures, d = shared_frame(c, other), ix.doc(c)
            rows.append(["; ".join(figure(q) for q in figures) or "—",
                         inline(frame_words(figures[0], as_of=True)) if figures and figures[0].measure else "—",
                         f"{quote(c.text, 70)} {ix.ref(c)}",
                         attribution(c, 30),
                         inline(ix.outlet(c)) + ", " + inline((d.published if d else None) or "undated")])
        lines += ["", f"### Conflict {n}: {inline(ix.outlet(a))} and {inline(ix.outlet(b))}", ""]
        lines += table(["Figures", "Frame", "Claim", "Source", "Outlet"], rows)
        if whys:
            lines += ["", "Why they conflict: " + " · ".join(inline(w) for w in whys)]
    lines += more(CONFLICTS_CAP, len(pairs), "conflicts")
    return "\n".join(lines)


def figure_timelines(ix: Index) -> str:
    """The main running counts over time; nothing when no count was reported on two dates."""
    timelines = ix.result.timelines
    if not timelines:
        return ""
    lines = ["## Figure timelines", "",
             "Running counts reported on several dates: each value on the date it was reported as of, who "
             "reported it, and how it moved from the value before (a rise is an update, not a conflict)."]
    for t in timelines[:TIMELINES_CAP]:
        points = _shown_points(t.points)
        rows = [[inline(p.as_of), inline(p.text), inline(", ".join(p.outlets)) or "—", str(len(p.claims)),
                 _CHANGE.get(p.relation, "—") if p.relation else "—"] for p in points]
        lines += ["", f"### {inline(' '.join((t.population, t.measure)))}{inline(', ' + t.scope) if t.scope else ''}",
                  ""]
        lines += table(["As of", "Value", "Outlets", "Claims", "Change"], rows)
        lines += more(len(points), len(t.points), "values (those not shown agree with the value before, or "
                                                  "are older moves)")
    lines += more(TIMELINES_CAP, len(timelines), "timelines")
    return "\n".join(lines)


def _shown_points(points: list[TimelinePoint]) -> list[TimelinePoint]:
    """The values that tell how a count moved: the first, each update or revision down, and the last; at
    most TIMELINE_POINTS, keeping the latest moves."""
    keep = sorted({0, len(points) - 1} | {i for i, p in enumerate(points) if p.relation in _MOVES})
    if len(keep) > TIMELINE_POINTS:
        keep = keep[:1] + keep[-(TIMELINE_POINTS - 1):]
    return [points[i] for i in keep]
