"""Contested figures and figure timelines.

Contested figures: the pairs of claims linked as conflicting (a conflict is decided on frames: the same
measure, population and scope, as of about the same date) joined into the counts they dispute, each with
its values and, for each value, the claims giving it, their sources, outlets and dates. Figure timelines:
the most reported running counts, each value on its as-of date with the outlets reporting it and how it
moved from the value before.
"""
from __future__ import annotations

from dataclasses import dataclass

from audit.escape.markdown import inline
from audit.models import Claim, FigureRelation, LinkRelation, Quantity, TimelinePoint
from audit.quantities import frame_words, named_incident, nominal

from .index import Index, attribution
from .table import table
from .words import MOVE_LABELS, figure_text, first_few, more, quote

CONTESTS_CAP = 10           # contested counts shown
VALUE_CLAIMS = 3            # claims and sources cited per value of a contested count
TIMELINES_CAP = 5           # timelines shown
TIMELINE_POINTS = 12        # values shown per timeline: the first, moves sampled evenly, the last
_MOVES = (FigureRelation.UPDATE, FigureRelation.REVISION_DOWN)


Pair = tuple[Claim, Claim, list[str]]       # two conflicting claims and the reasons given
Told = tuple[Claim, Quantity]                # a claim and its figure of a contested count


def conflict_pairs(ix: Index) -> tuple[list[Pair], set[frozenset]]:
    """Each pair of claims linked as conflicting, once (weakest claim first), with the reasons its first claim
    gives (the other's when it gives none); and the pairs whose figures conflict (not only their accounts)."""
    pairs: dict[frozenset, Pair] = {}
    figures: set[frozenset] = set()
    for c in ix.worst_first:
        for k in c.corroboration.links:
            other = ix.claims.get(k.claim)
            if k.relation != LinkRelation.CONFLICTS or other is None:
                continue
            key = frozenset((c.id, other.id))
            first, _, whys = pairs.setdefault(key, (c, other, []))
            if k.why and (first is c or not whys) and k.why not in whys:
                whys.append(k.why)
            if k.figure_relation == FigureRelation.CONFLICTING:
                figures.add(key)
    return list(pairs.values()), figures


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


def contests(pairs: list[Pair], figures: set[frozenset]) -> tuple[list[list[Told]], list[Pair]]:
    """The conflict pairs whose `figures` conflict joined into the counts they dispute (each the claims with
    their figure of it, the most reported first), and the other pairs (one claim denies the other, or they
    blame opposite sides; or no figure of one frame). Two pairs are one contest when a claim's same figure is
    in both ("over 500" against 471, and against "100 to 300")."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def root(node: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node
    told: dict[tuple[str, int], Told] = {}
    statements: list[Pair] = []
    for a, b, whys in pairs:
        ends = []
        for c, other in ((a, b), (b, a)) if frozenset((a.id, b.id)) in figures else ():
            shared = shared_frame(c, other)
            if shared:
                ends.append((c.id, next(i for i, q in enumerate(c.quantities) if q is shared[0])))
                told[ends[-1]] = (c, shared[0])
        if len(ends) == 2:
            parent[root(ends[0])] = root(ends[1])
        else:
            statements.append((a, b, whys))
    groups: dict[tuple[str, int], list[Told]] = {}
    for node in told:
        if node in parent:
            groups.setdefault(root(node), []).append(told[node])
    return sorted(groups.values(), key=lambda g: (-len(g), g[0][0].id)), statements


@dataclass
class ContestedValue:
    """One value of a contested count: the figure in plain words, the claims giving it, their outlets (each
    once) and the dates it is as of."""
    figure: str
    claims: list[Claim]
    outlets: list[str]
    as_of: str


@dataclass
class Contest:
    """A count that reports give conflicting values for: its frame in words, its values (largest first)
    and one reason matching gave, preferring a pair of independent origins."""
    frame: str
    values: list[ContestedValue]
    why: str | None


def contest_views(ix: Index) -> tuple[list[Contest], list[Pair]]:
    """Every contested count, the most reported first, and the contradicted statements (pairs with no
    figure of one frame); what the Markdown and HTML reports show, in plain text."""
    pairs, figures = conflict_pairs(ix)
    found, statements = contests(pairs, figures)
    whys = {frozenset((a.id, b.id)): w for a, b, w in pairs}
    views = []
    for contest in found:
        by_value: dict[tuple, list[Told]] = {}
        for c, q in sorted(contest, key=lambda x: (x[1].as_of or "", x[0].id)):
            by_value.setdefault((q.low, q.high), []).append((c, q))
        named = max((q for _, q in contest), key=lambda q: (named_incident(q.incident), q.population is not None,
                                                            q.scope is not None))   # the frame told most fully
        origins = {c.id: c.corroboration.origin for c, _ in contest}
        shown = sorted((len({origins[i] for i in pair}) == 1, sorted(pair)) for pair in whys   # independent first
                       if pair <= origins.keys() and whys[pair])
        views.append(Contest(frame_words(named),
                             [_value(ix, v) for v in sorted(by_value.values(), key=lambda v: -nominal(v[0][1]))],
                             whys[frozenset(shown[0][1])][0] if shown else None))
    return views, statements


def _value(ix: Index, told: list[Told]) -> ContestedValue:
    days = sorted({q.as_of for _, q in told if q.as_of})
    claims = [c for c, _ in told]
    return ContestedValue(figure_text(told[0][1]), claims, list(dict.fromkeys(ix.outlet(c) for c in claims)),
                          " to ".join(dict.fromkeys((days[0], days[-1]))) if days else "undated")


def contested_figures(ix: Index) -> str:
    lines = ["## Contested figures", ""]
    found, statements = contest_views(ix)
    if not found and not statements:
        return "\n".join(lines + ["No two reports give conflicting figures for one frame (measure, population, "
                                  "scope and date); counts that rose or were revised are in *Figure timelines*."])
    lines.append("Counts that reports give conflicting values for: the same measure of the same people, in the "
                 "same place and as of about the same date, where the values cannot all be right. Each value "
                 "with the claims that give it, their sources and outlets.")
    for n, contest in enumerate(found[:CONTESTS_CAP], 1):
        lines += ["", f"### Contest {n}: {inline(contest.frame)}", ""]
        lines += table(["Value", "Claims", "Sources", "Outlets", "As of"], [_value_row(ix, v) for v in contest.values])
        if contest.why:
            lines += ["", "Why they conflict, for example: " + inline(contest.why)]
    lines += more(CONTESTS_CAP, len(found), "contested counts")
    if statements:
        lines += ["", "### Statements contradicted", ""]
        lines += table(["Claim", "Source", "Contradicted by", "Source", "Why"],
                       [[f"{quote(c.text, 60)} {ix.ref(c)}", attribution(c, 30), f"{quote(o.text, 60)} {ix.ref(o)}",
                         attribution(o, 30), " · ".join(inline(w) for w in reasons) or "—"]
                        for c, o, reasons in statements[:CONTESTS_CAP]])
        lines += more(CONTESTS_CAP, len(statements), "contradicted statements")
    return "\n".join(lines)


def _value_row(ix: Index, value: ContestedValue) -> list[str]:
    """One value of a contested count: as written first, the claims giving it (the first few cited), their
    sources and outlets, and the dates it is as of."""
    claims = value.claims
    cited = first_few([f"{quote(c.text, 50)} {ix.ref(c)}" for c in claims], VALUE_CLAIMS, ", ", " and ")
    sources = first_few(list(dict.fromkeys(attribution(c, 30) for c in claims)), VALUE_CLAIMS, "; ", "; ")
    return [inline(value.figure), f"{len(claims)}: {cited}", sources,
            ", ".join(inline(x) for x in value.outlets), value.as_of]


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
                 _change(t.points, p, points[n - 1] if n else None)] for n, p in enumerate(points)]
        lines += ["", f"### {inline(' '.join(x for x in (t.population, t.measure) if x))}{inline(', ' + t.scope) if t.scope else ''}",
                  ""]
        lines += table(["As of", "Value", "Outlets", "Claims", "Change"], rows)
        lines += more(len(points), len(t.points), "values (those not shown agree with the value before them, "
                                                  "or are moves between the rows shown)")
    lines += more(TIMELINES_CAP, len(timelines), "timelines")
    return "\n".join(lines)


def _change(points: list[TimelinePoint], p: TimelinePoint, shown_before: TimelinePoint | None) -> str:
    """How a value moved from the point before it, naming that point when the row above is not it."""
    if not p.relation or p.relation not in MOVE_LABELS:
        return "—"
    before = points[next(i for i, x in enumerate(points) if x is p) - 1]
    if before is shown_before:
        return MOVE_LABELS[p.relation]
    joiner = "with" if p.relation == FigureRelation.COMPATIBLE else "from"
    return f"{MOVE_LABELS[p.relation]} {joiner} {inline(before.text)} ({inline(before.as_of)})"


def _shown_points(points: list[TimelinePoint]) -> list[TimelinePoint]:
    """The values that tell how a count moved: the first, each update or revision down, and the last; at
    most TIMELINE_POINTS, the moves then sampled evenly over the whole run of the count, so that its early
    weeks show as well as its last."""
    moves = [i for i, p in enumerate(points) if p.relation in _MOVES and 0 < i < len(points) - 1]
    room = TIMELINE_POINTS - 2
    if len(moves) > room:
        moves = [moves[round(k * (len(moves) - 1) / (room - 1))] for k in range(room)]
    return [points[i] for i in sorted({0, len(points) - 1, *moves})]
