"""Per-pair relations, links and per-claim verdicts (domain notes §5).

A pair `conflicts` when its same-measure figures are disjoint (a revision over time is not a conflict),
else `echoes` when both claims trace to one origin (copies included), else `corroborates`. Relations are
decided per pair and never chained: A~B and B~C says nothing about A and C.
"""
from __future__ import annotations

from dataclasses import dataclass

from audit.models import Claim, Corroboration, Link, Quantity

from .matching import Match
from .origins import Origin

MAX_LINKS = 50              # links kept per claim (conflicts first, then corroborations); counts use all
SHOWN_WORDS = 4             # shared words quoted in a link's explanation
_ORDER = {"conflicts": 0, "corroborates": 1, "echoes": 2}


@dataclass(slots=True)
class Side:
    """One claim of the run as the verdict stage sees it."""
    claim: Claim
    origin: Origin              # after merging copies: the origin of the earliest copy
    day: int | None


def relate(mine: Side, theirs: Side, match: Match | None, mine_first: bool,
           display: dict[str, str], weight: dict[str, float]) -> Link:
    """The link from `mine` to `theirs`; `match` is None for verbatim copies."""
    same_origin = mine.origin.key == theirs.origin.key
    if match is None:
        return Link(theirs.claim.id, "echoes", f"verbatim copy; origin {theirs.origin.label}", 1.0)
    figures = match.figures
    days = None if mine.day is None or theirs.day is None else abs(mine.day - theirs.day)
    if figures:
        a, b = (figures.first, figures.second) if mine_first else (figures.second, figures.first)
    if figures and figures.relation == "conflicting":
        why = f"figures {a.text} vs {b.text}{_measure(a)}{_apart(days)}"
        if same_origin:
            why += f"; same origin ({mine.origin.label})"
        return Link(theirs.claim.id, "conflicts", why, match.score)
    words = ", ".join(display.get(w, w) for w in sorted(match.shared, key=lambda w: -weight.get(w, 0))[:SHOWN_WORDS])
    if match.copy:
        why = f"near-verbatim copy; origin {theirs.origin.label}"
    elif same_origin:
        via = theirs.claim.attribution.via
        why = f"same origin ({theirs.origin.label})" + (f" via {', '.join(via)}" if via else "")
        why += f"; shares {words}"
    else:
        why = f"independent origin ({theirs.origin.label}); shares {words}"
    if figures and figures.relation == "revision":
        why += f"; revision {a.text} then {b.text}{_measure(a)}{_apart(days)}, not a conflict"
    elif figures and figures.relation == "part":
        why += f"; figures {a.text} and {b.text} fit as part and whole"
    elif figures:
        why += f"; figures {a.text} and {b.text} agree{_measure(a)}"
    relation = "echoes" if same_origin or match.copy else "corroborates"
    return Link(theirs.claim.id, relation, why, match.score)


def _measure(q: Quantity) -> str:
    what = " ".join(x for x in (q.unit, q.role) if x)
    return f" ({what})" if what else ""


def _apart(days: int | None) -> str:
    if days is None:
        return ""
    return ", same day" if days == 0 else f", {days} day{'s' if days != 1 else ''} apart"


def verdict(mine: Side, links: list[tuple[Link, Origin]]) -> Corroboration:
    """Status, independent origins and party flag of one claim from all its links."""
    compatible = [mine.origin] + [o for link, o in links if link.relation != "conflicts"]
    keys = {o.key for o in compatible}
    corroborated = any(link.relation == "corroborates" for link, _ in links)
    contradicted = any(link.relation == "conflicts" and o.key != mine.origin.key for link, o in links)
    if corroborated and contradicted:
        status = "contested"
    elif contradicted:
        status = "contradicted"
    elif corroborated:
        status = "corroborated"
    elif any(link.relation == "echoes" for link, _ in links):
        status = "echo"
    else:
        status = "uncorroborated"
    kept = sorted((link for link, _ in links), key=lambda l: (_ORDER[l.relation], -l.similarity, l.claim))
    return Corroboration(status=status, independent_origins=len(keys), origin=mine.origin.label,
                         party_only=all(o.party for o in compatible), links=kept[:MAX_LINKS])
