"""Whether two matching claims report the same event, and whether they assert or deny it.

Sharing words makes two claims candidates; it does not make them reports of one event. A pair is one
event when it shares a predicate class (killed, strike, release, talks... `match_predicates`) with a
participant (a shared content word within EVENT_REACH tokens of that predicate in both claims: an
actor, a place, a victim), or an agreeing figure of one measure and a shared content word; and, to
corroborate or contradict, publication dates within EVENT_WINDOW_DAYS or a date both texts name ("the
Oct. 7 attack", told weeks apart). A death told of one victim only, with no count, is not the report of a
toll of MANY or more that the other claim gives: it is one death within it. When a publication date is
unknown, time cannot confirm the event, so two signs of it are needed (two shared predicates, or one and
an agreeing figure) to corroborate.

Each predicate occurrence has a mood: denied when a negation cue comes within
NEGATION_REACH words before it ("not close to a deal"), possible within MODAL_REACH words after a modal
cue ("may release", "close to reaching an agreement to release"; only the first of each predicate: in
"expected to win after a narrow win" the second win happened) or DIRECTIVE_REACH words after a demand,
call, goal or attempt ("demanding that police release"), else asserted.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from collections.abc import Callable
from typing import TYPE_CHECKING

from audit.models import FIGURE_KINDS, REVISIONS, FigureRelation, Quantity
from audit.quantities import nominal, relation

Relate = Callable[[Quantity, Quantity, "float | None"], FigureRelation]   # a FigureReader's `relation`

if TYPE_CHECKING:
    from .features import Features
    from .matching import FigureCheck

EVENT_WINDOW_DAYS = 2       # reports of one event (not of a running count) published this close together
UNTIMED_EVIDENCE = 2        # shared predicates (an agreeing figure counts as one) when a date is unknown
EVENT_REACH = 8             # tokens around a predicate whose content words may be its participants
NEGATION_REACH = 4          # words between a negation cue and the predicate it denies ("not close to a deal")
MODAL_REACH = 6             # words between a modal cue and the predicate it makes a possibility
MANY = 10                   # a count this large is a toll: one victim's death within it is a part of it
DIRECTIVE_REACH = 4         # ... and for a demand, call, goal or attempt ("called on Charlotte police to release")


class Mood(StrEnum):
    ASSERTED = "asserted"
    POSSIBLE = "possible"
    DENIED = "denied"
    MIXED = "mixed"             # denied once and asserted or expected elsewhere in the claim


class EventRelation(StrEnum):
    SAME = "same"               # one event, told the same way: may corroborate
    OPPOSITE = "opposite"       # one event, asserted by one and denied by the other: contradicts
    UPDATE = "update"           # one running count, reported again with another value


@dataclass(frozen=True, slots=True)
class EventCheck:
    relation: EventRelation
    predicates: tuple[str, ...]     # the shared predicate classes (or the figures' measure)
    participants: tuple[str, ...]   # shared content words that are not predicates
    blamed: tuple[str, ...] = ()     # opposite accounts of who caused it, the first claim's and the second's


def moods(predicates: list[str | None], cues: list[str | None], bridges: list[bool]) -> dict[str, Mood]:
    """The mood of each predicate class of a token sequence.

    `predicates[i]` is the predicate class of token i (or None); `cues[i]` is "negation", "modal",
    "directive" or None;
    `bridges[i]` says whether token i lets a negation reach past it (a function word or a cue). A class
    both denied and not is mixed; else asserted if asserted anywhere, possible if possible anywhere, else
    denied.
    """
    seen: dict[str, set[Mood]] = {}
    modal, reach = -MODAL_REACH - 1, MODAL_REACH    # the last modal or directive cue, and how far it reaches
    spent: set[str] = set()                     # the classes it has covered
    for i, name in enumerate(predicates):
        cue = cues[i]
        if cue is not None and cue in _REACH:
            modal, reach, spent = i, _REACH[cue], set()
        if name is None:
            continue
        mood = Mood.ASSERTED
        if _negated(cues, bridges, i):
            mood = Mood.DENIED
        elif i - modal <= reach and name not in spent:
            mood = Mood.POSSIBLE
            spent.add(name)
        seen.setdefault(name, set()).add(mood)
    return {name: Mood.MIXED if Mood.DENIED in found and len(found) > 1 else max(found, key=_STRENGTH.__getitem__)
            for name, found in seen.items()}


_STRENGTH = {Mood.DENIED: 0, Mood.POSSIBLE: 1, Mood.ASSERTED: 2}
_REACH = {"modal": MODAL_REACH, "directive": DIRECTIVE_REACH}


def _negated(cues: list[str | None], bridges: list[bool], i: int) -> bool:
    """A negation cue within NEGATION_REACH tokens before token i, with only bridges between."""
    for j in range(i - 1, max(-1, i - 1 - NEGATION_REACH), -1):
        if cues[j] == "negation":
            return True
        if not bridges[j]:
            return False
    return False


def same_event(fa: Features, fb: Features, shared: frozenset[str], predicates: frozenset[str],
               figures: FigureCheck | None, days_apart: int | None, same_origin: bool,
               relate: Relate = relation) -> EventCheck | None:
    """How two claims' reports relate as events, or None when they do not report one event.

    `figures` is the pair's FigureCheck (or None); `predicates` the vocabulary's predicate classes. A fact
    and a possibility neither corroborate nor contradict each other, but one origin telling an event both
    ways still echoes itself (an echo confirms nothing).
    """
    participants = tuple(sorted(shared - predicates))
    common = sorted(shared & predicates)
    counted = figures is not None and figures.telling
    if not common and not counted:
        return None
    if figures is not None and figures.relation in REVISIONS:
        return EventCheck(EventRelation.UPDATE, _measure(figures, common), participants) if participants else None
    if not _frames_agree(fa.figures, fb.figures, figures, days_apart, relate):
        return None
    named_date = not fa.dates.isdisjoint(fb.dates)
    if days_apart is not None and days_apart > EVENT_WINDOW_DAYS and not named_date:
        return None
    event = _by_mood(fa, fb, common, figures if counted else None, participants, same_origin)
    if event is not None and event.relation == EventRelation.SAME \
            and any(_one_of_many(fa, fb, p) or _one_of_many(fb, fa, p) for p in event.predicates):
        return None                             # one victim's death and a toll: a part, not one report
    if event is None or event.relation != EventRelation.SAME or days_apart is not None or named_date or same_origin:
        return event
    evidence = len(set(event.predicates) & set(common)) + counted    # no date to match: two signs of one event
    return event if evidence >= UNTIMED_EVIDENCE else None


def _by_mood(fa: Features, fb: Features, common: list[str], counted: FigureCheck | None,
             participants: tuple[str, ...], same_origin: bool) -> EventCheck | None:
    """Opposite when one only denies a shared predicate that the other asserts or expects; else one event
    when a shared predicate has the same mood in both, or when no predicate is shared but an agreeing
    figure is; else (a fact against a possibility) none."""
    def mood_pair(p: str) -> tuple[Mood, Mood]:       # a predicate met only in a phrase is asserted
        return fa.moods.get(p, Mood.ASSERTED), fb.moods.get(p, Mood.ASSERTED)

    agree = [p for p in common if _agree(*mood_pair(p), same_origin)]
    oppose = [p for p in common if _oppose(*mood_pair(p))]
    if oppose and (who := _participants(fa, fb, oppose, participants)):
        return EventCheck(EventRelation.OPPOSITE, tuple(oppose), who)
    if agree and (who := _participants(fa, fb, agree, participants)):
        return EventCheck(EventRelation.SAME, tuple(agree), who)
    if counted and participants and not common:
        return EventCheck(EventRelation.SAME, _measure(counted, common), participants)
    return None


def _participants(fa: Features, fb: Features, predicates: list[str], shared: tuple[str, ...]) -> tuple[str, ...]:
    """The shared content words found near one of the predicates in both claims: its participants."""
    empty: frozenset[str] = frozenset()
    return tuple(w for w in shared if any(w in fa.near.get(p, empty) and w in fb.near.get(p, empty)
                                           for p in predicates))


def _agree(a: Mood, b: Mood, same_origin: bool) -> bool:
    """One way of telling: the same mood, or a fact told also with a denial of part of it ("no shooting at
    the hospital", "despite clashes"); one origin may tell a fact as a possibility and still echo itself."""
    return (a == b or {a, b} == {Mood.ASSERTED, Mood.MIXED}
            or (same_origin and Mood.DENIED not in (a, b)))


def _oppose(a: Mood, b: Mood) -> bool:
    return {a, b} in ({Mood.DENIED, Mood.ASSERTED}, {Mood.DENIED, Mood.POSSIBLE})


def same_mood(fa: Features, fb: Features, shared: frozenset[str]) -> bool:
    """Whether every shared predicate has one mood in both: a near copy that adds "not" or "may" is
    not a copy of the fact."""
    return all(fa.moods.get(p, Mood.ASSERTED) == fb.moods.get(p, Mood.ASSERTED)
               for p in shared if p in fa.moods or p in fb.moods)


def _frames_agree(first: tuple[Quantity, ...], second: tuple[Quantity, ...], figures: FigureCheck | None,
                  days_apart: int | None, relate: Relate) -> bool:
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
    return not any(_two_bounds(x, y, days_apart, relate) for x in exact[0] for y in exact[1])


def _one_of_many(one: Features, many: Features, predicate: str) -> bool:
    """One claim tells a predicate only of one victim ("she was killed") and counts none, the other counts
    at least MANY: one death within a toll, a part of it, not the same report. Only a predicate class
    named as a measure counts (killed, wounded, missing, destroyed)."""
    if predicate not in one.singular or any(_counts(q) and q.measure == predicate for q in one.figures):
        return False
    return any(_counts(q) and q.measure == predicate and nominal(q) >= MANY for q in many.figures)


def _counts(q: Quantity) -> bool:
    """An exact figure of something named: a count, share or sum with its unit, or with the measure its
    predicate gives ("killing 24", "three others were wounded"); not an age or a date."""
    return not q.vague and (q.unit is not None or q.measure is not None) and q.kind in FIGURE_KINDS


def _two_bounds(x: Quantity, y: Quantity, days_apart: int | None, relate: Relate) -> bool:
    """One measure given as two different bounds open on the same side."""
    open_same_side = (x.high is None and y.high is None) or (x.low is None and y.low is None)
    return (open_same_side and (x.low, x.high) != (y.low, y.high)
            and relate(x, y, days_apart) != FigureRelation.UNRELATED)


def _measure(figures: FigureCheck | None, common: list[str]) -> tuple[str, ...]:
    if common or figures is None:
        return tuple(common)
    q = figures.first
    return (" ".join(x for x in (q.unit, q.role) if x) or q.text,)
