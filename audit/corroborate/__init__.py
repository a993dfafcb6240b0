"""Corroboration stage: match claims across documents, trace their origins, judge independence.

`corroborate` fills `claim.corroboration` for every claim of the run, in place: the claim's origin, the
links to matching claims of other documents (this run's or earlier runs' `prior` claims, which are not
modified), how many independent origins report a compatible version, whether all of them are parties to
the conflict, and a status (corroborated, echo, uncorroborated, contradicted, contested).
"""
from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import TYPE_CHECKING

from audit.language import LanguagePack
from audit.models import Claim, Document, LinkRelation
from audit.quantities import FigureReader
from audit.registry import Registry

from .features import Vocabulary, vocabulary
from .matching import Match, Matcher, day_number
from .origins import Origin, OriginResolver
from .spread import Scorer
from .timelines import sideless_measures
from .verdicts import MAX_LINKS, Related, Side, relation_of, verdict

if TYPE_CHECKING:
    from .stored import StoredFeatures

__all__ = ["corroborate"]

Row = tuple[Claim, Document, bool]                     # a claim, its document, whether it is this run's


def corroborate(claims: list[Claim], documents: dict[str, Document], registry: Registry,
                prior: Iterable[tuple[Claim, Document]] = (), lexicon: LanguagePack | None = None,
                stored: StoredFeatures | None = None, jobs: int = 1, scorer: Scorer | None = None) -> frozenset[str]:
    """Fill `corroboration` of every claim in `claims` (their documents keyed by id in `documents`); return
    the running measures the story follows without sides (`timelines.sideless_measures`, decided once over
    every claim read, earlier runs' too), for its figure timelines.

    `prior` are claims of earlier runs with their documents: new claims may link to them; they are not
    changed. `lexicon` supplies the matching synonyms and stopwords (the built-in lexicon by default).
    `stored` gives the matching features the store keeps (else each claim's are computed). The candidate
    pairs are scored by `scorer` (an executor's `score`), else on `jobs` local processes: the same result.
    """
    vocab = vocabulary(lexicon)
    new_ids = {c.id for c in claims}
    rows: list[Row] = [(c, d, False) for c, d in prior if c.id not in new_ids]
    rows += [(c, documents[c.document], True) for c in claims]
    day_of: dict[str, int | None] = {}
    for _, doc, _ in rows:
        if doc.id not in day_of:
            day_of[doc.id] = day_number(doc.published)
    days = [day_of[d.id] for _, d, _ in rows]
    resolver = OriginResolver(registry, lexicon)
    origins = resolver.one_person_per_surname([c.attribution.kind for c, _, _ in rows],
                                              [resolver.origin(c.attribution, d, _counts(c)) for c, d, _ in rows])
    figures = (lexicon or LanguagePack.builtin()).compiled(FigureReader)
    sideless = sideless_measures((q for c, _, _ in rows for q in c.quantities), figures)
    members, matches, weight = _match(rows, days, origins, vocab, figures, sideless, stored, jobs, scorer)
    sides = _merge_copy_origins(rows, days, origins, members, matches)
    _judge(rows, sides, members, matches, vocab.display, weight)
    return sideless


def _counts(claim: Claim) -> bool:
    """The claim gives an exact count of something (a framed figure, not "dozens")."""
    return any(q.kind == "count" and q.measure and not q.vague for q in claim.quantities)


def _match(rows: list[Row], days: list[int | None], origins: list[Origin], vocab: Vocabulary,
           figures: FigureReader, sideless: frozenset[str], stored: StoredFeatures | None, jobs: int,
           scorer: Scorer | None):
    """(verbatim-copy units, matching pairs of units, word weights); features are dropped on return."""
    common: set[str] = set()                            # words seen in lower case: not only names
    feats = (stored.features(vocab, [(c, d) for c, d, _ in rows], common) if stored is not None
             else [vocab.features(c, common) for c, _, _ in rows])
    matcher = Matcher(feats, common, [d.id for _, d, _ in rows], days, [new for _, _, new in rows],
                      [o.key for o in origins], vocab, [c.text for c, _, _ in rows], sideless, figures)
    return matcher.members, matcher.matches(jobs, scorer), matcher.weight


def _judge(rows: list[Row], sides: list[Side], members: dict[int, list[int]], matches: list[Match],
           display: dict[str, str], weight: dict[str, float]) -> None:
    """Relate each new claim to its copies and matches, and fill its corroboration."""
    rep_of = list(range(len(rows)))
    for rep, unit in members.items():
        for i in unit:
            rep_of[i] = rep
    adjacent: dict[int, list[Match]] = {}
    for m in matches:
        adjacent.setdefault(m.a, []).append(m)
        adjacent.setdefault(m.b, []).append(m)
    doc_ids = [d.id for _, d, _ in rows]

    def outside(unit: int, doc_id: str, limit: int | None = MAX_LINKS) -> list[Side]:
        """Claims of a unit of verbatim copies that are not in the given document (up to `limit`)."""
        return [sides[j] for j in islice((j for j in members[unit] if doc_ids[j] != doc_id), limit)]

    for i, (claim, doc, new) in enumerate(rows):
        if not new:
            continue
        mine, rep = sides[i], rep_of[i]
        related = []
        copies = outside(rep, doc.id, None)             # copies are never capped
        if copies:
            related.append(Related(LinkRelation.ECHOES, None, True, copies))
        for m in adjacent.get(rep, ()):
            mine_first = m.a == rep
            others = outside(m.b if mine_first else m.a, doc.id, None if m.copy else MAX_LINKS)
            if others:
                related.append(Related(relation_of(mine, others[0], m), m, mine_first, others))
        claim.corroboration = verdict(mine, related, display, weight)


def _merge_copy_origins(rows: list[Row], days: list[int | None], origins: list[Origin],
                        members: dict[int, list[int]], matches: list[Match]) -> list[Side]:
    """Copies count as one origin: each claim takes the origin of the earliest claim it was copied with."""
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for rep, unit in members.items():
        for i in unit[1:]:
            parent[find(i)] = find(rep)
    for m in matches:
        if m.copy:
            parent[find(m.a)] = find(m.b)

    def age(i: int) -> tuple:
        claim, doc, new = rows[i]
        return (days[i] is None, days[i] or 0, new, doc.id, claim.index)

    earliest: dict[int, int] = {}                       # root of a group of copies -> its earliest claim
    for i in range(len(rows)):
        root = find(i)
        if root != i:
            best = earliest.get(root, root)
            earliest[root] = i if age(i) < age(best) else best
    return [Side(c, origins[earliest.get(find(i), i)], days[i]) for i, (c, _, _) in enumerate(rows)]
