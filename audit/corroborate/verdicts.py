"""Per-pair relations, links and per-claim verdicts (domain notes §5).

A pair `conflicts` when its same-measure figures are disjoint or one claim denies the event the other
asserts, else `echoes` when both claims trace to one origin (copies included), else `updates` when they
give successive values of one count (neither confirms the other), else `corroborates`. Relations are
decided per pair and never chained: A~B and B~C says nothing about A and C. Copy links are never capped.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass

from audit.models import (REVISIONS, Claim, Corroboration, CorroborationStatus, FigureRelation, Link, LinkRelation,
                          Quantity)
from audit.quantities import frame_words

from .events import EventRelation
from .matching import Match
from .origins import Origin, independent

MAX_LINKS = 50              # links kept per claim besides copies (conflicts first); counts use all
SHOWN_WORDS = 4             # shared words quoted in a link's explanation
_ORDER = {LinkRelation.CONFLICTS: 0, LinkRelation.CORROBORATES: 1, LinkRelation.ECHOES: 2,
          LinkRelation.UPDATES: 3}


@dataclass(slots=True)
class Side:
    """One claim of the run as the verdict stage sees it."""
    claim: Claim
    origin: Origin              # after merging copies: the origin of the earliest copy
    day: int | None


@dataclass(slots=True)
class Related:
    """A claim's relation to one unit of verbatim copies (which share one origin)."""
    relation: LinkRelation
    match: Match | None         # None: the claim's own verbatim copies
    mine_first: bool            # the claim is the match's first side
    others: list[Side]          # the unit's claims outside the claim's document (MAX_LINKS of them unless copies)

    @property
    def copy(self) -> bool:
        return self.match is None or self.match.copy

    @property
    def score(self) -> float:
        return self.match.score if self.match else 1.0

    @property
    def figure_relation(self) -> FigureRelation | None:
        return self.match.figures.relation if self.match and self.match.figures else None


def same_origin(a: Origin, b: Origin) -> bool:
    """One origin, or a description naming no actor that fits the other ("the Health Ministry" and the Gaza
    Health Ministry's Hamas, or "health officials"); not a pronoun, which might be anyone and so tells nothing."""
    return a.key == b.key or b.fits(a) or a.fits(b)


def relation_of(mine: Side, theirs: Side, match: Match) -> LinkRelation:
    if match.figures and match.figures.relation == FigureRelation.CONFLICTING:
        return LinkRelation.CONFLICTS
    if match.event and match.event.relation == EventRelation.OPPOSITE:
        return LinkRelation.CONFLICTS
    if match.copy or same_origin(mine.origin, theirs.origin):
        return LinkRelation.ECHOES
    if match.event and match.event.relation == EventRelation.UPDATE:
        return LinkRelation.UPDATES
    return LinkRelation.CORROBORATES


def explain(mine: Side, theirs: Side, r: Related, display: dict[str, str], weight: dict[str, float]) -> str:
    """Why the claim is related to `theirs`, short and human-readable."""
    match = r.match
    if match is None:
        return f"verbatim copy; origin {theirs.origin.label}"
    one = same_origin(mine.origin, theirs.origin)
    known = mine.origin if theirs.origin.words and not mine.origin.words else theirs.origin   # the identified one
    figures = match.figures
    days = None if mine.day is None or theirs.day is None else abs(mine.day - theirs.day)
    if figures:
        a, b = (figures.first, figures.second) if r.mine_first else (figures.second, figures.first)
    event = match.event
    if r.relation == LinkRelation.CONFLICTS and event and event.blamed:
        mine_told, theirs_told = event.blamed if r.mine_first else event.blamed[::-1]
        why = f"opposite accounts of who caused it: {mine_told} vs {theirs_told} ({_event(match, display, weight)})"
        return why + (f"; same origin ({known.label})" if one else "")
    if r.relation == LinkRelation.CONFLICTS and event and event.relation == EventRelation.OPPOSITE:
        why = f"opposite assertions: one denies what the other asserts ({_event(match, display, weight)})"
        return why + (f"; same origin ({known.label})" if one else "")
    if r.relation == LinkRelation.CONFLICTS:
        when = _incident_days(a, b) if a.incident else _apart(days)
        why = f"figures {a.text} vs {b.text}{_measure(a)}{when}"
        return why + (f"; same origin ({known.label})" if one else "")
    if match.copy:
        why = f"near-verbatim copy; origin {theirs.origin.label}"
    elif one:
        via = theirs.claim.attribution.via
        why = f"same origin ({known.label})" + (f" via {', '.join(via)}" if via else "")
        why += f"; {_event(match, display, weight)}"
    elif mine.origin.words == frozenset():          # a pronoun names no one; an unattributed count, no source
        why = f"this claim's origin not known ({mine.origin.label}), the other's {theirs.origin.label}; " \
              f"{_event(match, display, weight)}"
    elif theirs.origin.words == frozenset():
        why = f"origin not known ({theirs.origin.label}); {_event(match, display, weight)}"
    else:
        why = f"independent origin ({theirs.origin.label}); {_event(match, display, weight)}"
    return why + (_figures_why(figures.relation, a, b, days) if figures else "")


def _figures_why(relation: FigureRelation, a: Quantity, b: Quantity, days: int | None) -> str:
    """What the figures of a pair that does not conflict say: an update, a part and its whole, or agreement."""
    if relation in REVISIONS:
        earlier, later = (a, b) if (a.as_of or "") <= (b.as_of or "") else (b, a)
        change = "update" if relation == FigureRelation.UPDATE else "revision down"
        return f"; {change} {earlier.text} then {later.text}{_measure(a)}{_apart(days)}, not a conflict"
    if relation == FigureRelation.PART:
        return f"; figures {a.text} and {b.text} fit as part and whole"
    return f"; figures {a.text} and {b.text} agree{_measure(a)}"


def _event(match: Match, display: dict[str, str], weight: dict[str, float]) -> str:
    """The event a match is about: "same event: killed (soldiers, gaza)" (filled once per match)."""
    if not match.shown and match.event:
        who = sorted(match.event.participants, key=lambda w: (-weight.get(w, 0), w))[:SHOWN_WORDS]
        what = ", ".join(display.get(w, w) for w in match.event.predicates)
        kind = "same count" if match.event.relation == EventRelation.UPDATE else "same event"
        match.shown = f"{kind}: {what}" + (f" ({', '.join(display.get(w, w) for w in who)})" if who else "")
    return match.shown


def _measure(q: Quantity) -> str:
    """The figure's frame in a few words, in brackets: " (palestinian killed, incident ahli)"."""
    what = frame_words(q)
    return f" ({what})" if what else ""


def _incident_days(a: Quantity, b: Quantity) -> str:
    """When an incident happened, as each figure dates it: ", both as of 2023-10-17"."""
    if not (a.as_of and b.as_of):
        return ""
    return f", both as of {a.as_of}" if a.as_of == b.as_of else f", as of {a.as_of} and {b.as_of}"


def _apart(days: int | None) -> str:
    if days is None:
        return ""
    return ", same day" if days == 0 else f", {days} day{'s' if days != 1 else ''} apart"


def verdict(mine: Side, related: list[Related], display: dict[str, str], weight: dict[str, float]) -> Corroboration:
    """Status, independent origins, party flag and the strongest links of one claim."""
    compatible = independent([mine.origin] + [r.others[0].origin for r in related
                                              if r.relation in (LinkRelation.CORROBORATES, LinkRelation.ECHOES)])
    status = _status(mine, related)
    if status == CorroborationStatus.CORROBORATED and len(compatible) < 2:    # "it says" beside its one source
        status = CorroborationStatus.ECHO
    related.sort(key=lambda r: (_ORDER[r.relation], -r.score))
    links: list[Link] = []
    budget = MAX_LINKS                                  # for links other than copies
    for r in related:
        kept = r.others if r.copy else r.others[:budget]
        if not kept:
            continue
        why = sys.intern(explain(mine, r.others[0], r, display, weight))   # many links share one text
        event = [display.get(w, w) for w in r.match.event.predicates] if r.match and r.match.event else []
        links += [Link(theirs.claim.id, r.relation, why, r.score, r.figure_relation, event) for theirs in kept]
        if not r.copy:
            budget -= len(kept)
    return Corroboration(status=status, independent_origins=len(compatible),
                         origin=mine.origin.label, party_only=all(o.party for o in compatible), links=links)


def _status(mine: Side, related: list[Related]) -> CorroborationStatus:
    corroborated = any(r.relation == LinkRelation.CORROBORATES for r in related)
    contradicted = any(r.relation == LinkRelation.CONFLICTS and not same_origin(r.others[0].origin, mine.origin)
                       for r in related)
    if corroborated and contradicted:
        return CorroborationStatus.CONTESTED
    if contradicted:
        return CorroborationStatus.CONTRADICTED
    if corroborated:
        return CorroborationStatus.CORROBORATED
    if any(r.relation == LinkRelation.ECHOES for r in related):
        return CorroborationStatus.ECHO
    return CorroborationStatus.UNCORROBORATED
