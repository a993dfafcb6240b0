"""Corroboration stage: match claims across documents, trace their origins, judge independence.

`corroborate` fills `claim.corroboration` for every claim of the run, in place: the claim's origin, the
links to matching claims of other documents (this run's or earlier runs' `prior` claims, which are not
modified), how many independent origins report a compatible version, whether all of them are parties to
the conflict, and a status (corroborated, echo, uncorroborated, contradicted, contested).
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from audit.lexicon import Lexicon
from audit.models import Claim, Document, Link
from audit.registry import Registry

from .features import vocabulary
from .matching import Matcher
from .origins import Origin, OriginResolver
from .verdicts import Side, relate, verdict

__all__ = ["corroborate"]


def corroborate(claims: list[Claim], documents: dict[str, Document], registry: Registry,
                prior: Iterable[tuple[Claim, Document]] = (), lexicon: Lexicon | None = None) -> None:
    """Fill `corroboration` of every claim in `claims` (their documents keyed by id in `documents`).

    `prior` are claims of earlier runs with their documents: new claims may link to them; they are not
    changed. `lexicon` supplies the matching synonyms and stopwords (the built-in lexicon by default).
    """
    vocab = vocabulary(lexicon)
    resolver = OriginResolver(registry)
    new_ids = {c.id for c in claims}
    rows = [(c, d, False) for c, d in prior if c.id not in new_ids]
    rows += [(c, documents[c.document], True) for c in claims]
    day_of: dict[str, int | None] = {}
    for _, doc, _ in rows:
        if doc.id not in day_of:
            day_of[doc.id] = _day(doc.published)
    days = [day_of[d.id] for _, d, _ in rows]
    origins = [resolver.origin(c.attribution, d) for c, d, _ in rows]
    matcher = Matcher([vocab.features(c) for c, _, _ in rows], [d.id for _, d, _ in rows], days,
                      [new for _, _, new in rows], [o.key for o in origins], vocab, [c.text for c, _, _ in rows])
    matches = matcher.matches()

    rep_of = list(range(len(rows)))
    for rep, members in matcher.members.items():
        for i in members:
            rep_of[i] = rep
    sides = _merge_copy_origins(rows, days, origins, matcher, matches)
    adjacent: dict[int, list] = {}
    for m in matches:
        adjacent.setdefault(m.a, []).append((m.b, m))
        adjacent.setdefault(m.b, []).append((m.a, m))
    display, weight = vocab.display, matcher.weight

    for i, (claim, doc, new) in enumerate(rows):
        if not new:
            continue
        mine, rep = sides[i], rep_of[i]
        links: list[tuple[Link, Origin]] = []
        for j in matcher.members[rep]:
            if j != i and rows[j][1].id != doc.id:
                links.append((relate(mine, sides[j], None, True, display, weight), sides[j].origin))
        for other, m in adjacent.get(rep, ()):
            for j in matcher.members[other]:
                if rows[j][1].id != doc.id:
                    links.append((relate(mine, sides[j], m, m.a == rep, display, weight), sides[j].origin))
        claim.corroboration = verdict(mine, links)


def _day(published: str | None) -> int | None:
    try:
        return date.fromisoformat(published[:10]).toordinal() if published else None
    except ValueError:
        return None


def _merge_copy_origins(rows, days, origins: list[Origin], matcher: Matcher, matches) -> list[Side]:
    """Copies count as one origin: each claim takes the origin of the earliest claim it was copied with."""
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for rep, members in matcher.members.items():
        for i in members[1:]:
            parent[find(i)] = find(rep)
    for m in matches:
        if m.copy:
            parent[find(m.a)] = find(m.b)

    def age(i: int) -> tuple:
        claim, doc, new = rows[i]
        return (days[i] is None, days[i] or 0, new, doc.id, claim.index)

    earliest: dict[int, int] = {}
    for i in range(len(rows)):
        root = find(i)
        if root not in earliest or age(i) < age(earliest[root]):
            earliest[root] = i
    return [Side(c, origins[earliest[find(i)]], days[i]) for i, (c, _, _) in enumerate(rows)]
