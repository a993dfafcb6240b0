"""Whether two matching claims report the same event, and whether they assert or deny it.

Sharing words makes two claims candidates; it does not make them reports of one event. A pair is one
event when it shares a predicate class (killed, strike, release, talks... `match_predicates`) or an
agreeing figure of one measure, at least one participant (a shared content word that is not a
predicate: an actor, a place, a victim), and, to corroborate or contradict, publication dates within
EVENT_WINDOW_DAYS or a date both texts name ("the Oct. 7 attack", told weeks apart). Each predicate occurrence has a mood: denied when a negation cue comes within
NEGATION_REACH words before it ("not close to a deal"), possible when a modal cue comes within
MODAL_REACH words ("may release", "close to reaching an agreement to release"), else asserted.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from audit.models import FigureRelation, Quantity
from audit.quantities import relation

if TYPE_CHECKING:
    from .features import Features
    from .matching import FigureCheck

EVENT_WINDOW_DAYS = 2       # reports of one event (not of a running count) published this close together
NEGATION_REACH = 3          # words between a negation cue and the predicate it denies
COUNTED_KINDS = frozenset({"count", "percent", "money"})
MODAL_REACH = 6             # words between a modal cue and the predicate it makes a possibility


class Mood(StrEnum):
    ASSERTED = "asserted"
    POSSIBLE = "possible"
    DENIED = "denied"


class EventRelation(StrEnum):
    SAME = "same"               # one event, told the same way: may corroborate
    OPPOSITE = "opposite"       # one event, asserted by one and denied by the other: contradicts
    UPDATE = "update"           # one running count, reported again with another value


@dataclass(frozen=True, slots=True)
class EventCheck:
    relation: EventRelation
    predicates: tuple[str, ...]     # the shared predicate classes (or the figures' measure)
    participants: tuple[str, ...]   # shared content words that are not predicates


def moods(predicates: list[str | None], cues: list[str | None]) -> dict[str, Mood]:
    """The mood of each predicate class of a token sequence.

    `predicates[i]` is the predicate class of token i (or None); `cues[i]` is "negation", "modal" or None.
    A class asserted anywhere is asserted; else possible if possible anywhere; else denied.
    """
    out: dict[str, Mood] = {}
    for i, name in enumerate(predicates):
        if name is None:
            continue
        mood = Mood.ASSERTED
        if "negation" in cues[max(0, i - NEGATION_REACH):i]:
            mood = Mood.DENIED
        elif "modal" in cues[max(0, i - MODAL_REACH):i]:
            mood = Mood.POSSIBLE
        known = out.get(name)
        if known is None or _STRENGTH[mood] > _STRENGTH[known]:
            out[name] = mood
    return out


_STRENGTH = {Mood.DENIED: 0, Mood.POSSIBLE: 1, Mood.ASSERTED: 2}


def same_event(fa: Features, fb: Features, shared: frozenset[str], predicates: frozenset[str],
               figures: FigureCheck | None, days_apart: int | None, same_origin: bool) -> EventCheck | None:
    """How two claims' reports relate as events, or None when they do not report one event.

    `figures` is the pair's FigureCheck (or None); `predicates` the vocabulary's predicate classes. A fact
    and a possibility neither corroborate nor contradict each other, but one origin telling an event both
    ways still echoes itself (an echo confirms nothing).
    """
    participants = tuple(sorted(shared - predicates))
    if not participants:
        return None
    common = sorted(shared & predicates)
    counted = figures is not None and figures.telling
    if not common and not counted:
        return None
    if figures is not None and figures.relation == FigureRelation.REVISION:
        return EventCheck(EventRelation.UPDATE, _measure(figures, common), participants)
    if not _frames_agree(fa.figures, fb.figures, figures, days_apart):
        return None
    if days_apart is not None and days_apart > EVENT_WINDOW_DAYS and fa.dates.isdisjoint(fb.dates):
        return None
    agree = [p for p in common if fa.moods.get(p) == fb.moods.get(p)
             or (same_origin and Mood.DENIED not in (fa.moods.get(p), fb.moods.get(p)))]
    oppose = [p for p in common if Mood.DENIED in (fa.moods.get(p), fb.moods.get(p))
              and fa.moods.get(p) != fb.moods.get(p)]
    if agree or (counted and not oppose):
        return EventCheck(EventRelation.SAME, tuple(agree) or _measure(figures, common), participants)
    if oppose:
        return EventCheck(EventRelation.OPPOSITE, tuple(oppose), participants)
    return None                                 # a fact against a possibility: neither


def _frames_agree(first: tuple[Quantity, ...], second: tuple[Quantity, ...], figures: FigureCheck | None,
                  days_apart: int | None) -> bool:
    """Whether the claims' exact figures allow one event: none on one side; else the pair's most telling
    figures conflict (the link says so) or agree, and then no figure of one measure is given as two
    different lower (or upper) bounds ("more than 11,000" and "more than 11,470" are two reports)."""
    exact = [q for q in first if _counts(q)], [q for q in second if _counts(q)]
    if not exact[0] or not exact[1]:
        return True
    if figures is None:
        return False                            # both count something, never the same thing
    if figures.relation == FigureRelation.CONFLICTING:
        return True                             # one event told with disjoint figures: the link conflicts
    if figures.relation != FigureRelation.COMPATIBLE:
        return False
    a, b = figures.first, figures.second
    if not (figures.telling or (a.low == b.low and a.high == b.high)):
        return False
    return not any(_two_bounds(x, y, days_apart) for x in exact[0] for y in exact[1])


def _counts(q: Quantity) -> bool:
    """An exact figure of something named: a count, share or sum with its unit (not an age or a date)."""
    return not q.vague and q.unit is not None and q.kind in COUNTED_KINDS


def _two_bounds(x: Quantity, y: Quantity, days_apart: int | None) -> bool:
    """One measure given as two different bounds open on the same side."""
    open_same_side = (x.high is None and y.high is None) or (x.low is None and y.low is None)
    return (open_same_side and (x.low, x.high) != (y.low, y.high)
            and relation(x, y, days_apart) != FigureRelation.UNRELATED)


def _measure(figures: FigureCheck | None, common: list[str]) -> tuple[str, ...]:
    if common or figures is None:
        return tuple(common)
    q = figures.first
    return (" ".join(x for x in (q.unit, q.role) if x) or q.text,)
