"""Contested figures: each pair of conflicting claims once, every value with its source."""
from __future__ import annotations

from audit.escape.markdown import inline
from audit.models import Claim, LinkRelation

from .index import Index, attribution
from .table import table
from .words import figure, more, quote

CONFLICTS_CAP = 10


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


def contested_figures(ix: Index) -> str:
    pairs = conflict_pairs(ix)
    lines = ["## Contested figures", ""]
    if not pairs:
        return "\n".join(lines + ["No two independent reports give conflicting figures."])
    lines.append("Pairs of claims whose figures for the same measure cannot both be right.")
    for n, (a, b, whys) in enumerate(pairs[:CONFLICTS_CAP], 1):
        rows = []
        for c in (a, b):
            d = ix.doc(c)
            rows.append(["; ".join(figure(q) for q in c.quantities) or "—",
                         f"{quote(c.text, 70)} {ix.ref(c)}",
                         attribution(c, 30),
                         inline(ix.outlet(c)) + ", " + inline((d.published if d else None) or "undated")])
        lines += ["", f"### Conflict {n}: {inline(ix.outlet(a))} and {inline(ix.outlet(b))}", ""]
        lines += table(["Figures", "Claim", "Source", "Outlet"], rows)
        if whys:
            lines += ["", "Why they conflict: " + " · ".join(inline(w) for w in whys)]
    lines += more(CONFLICTS_CAP, len(pairs), "conflicts")
    return "\n".join(lines)
