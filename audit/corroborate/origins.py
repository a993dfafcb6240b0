"""Where a claim comes from: the most upstream identified node of its attribution (domain notes §5).

Independence is about origins, not outlets: sources speaking for one organisation are one origin
(Abu Obeida, "a source in Hamas" and the Al-Qassam Brigades are all Hamas); an anonymous source relayed by
several outlets is one origin at the most upstream outlet; an outlet's own reporting, anonymous or not,
is that outlet's. Copies are merged afterwards: a copy takes the origin of the earliest claim it copies.
"""
from __future__ import annotations

from dataclasses import dataclass

from audit.models import Attribution, AttributionKind, Document
from audit.registry import Actor, Registry, name_key

NAMED_SOURCE_KINDS = frozenset({AttributionKind.NAMED_PERSON, AttributionKind.NAMED_ORG})
UNNAMED_KINDS = frozenset({AttributionKind.ANONYMOUS, AttributionKind.UNNAMED_GROUP})


@dataclass(frozen=True, slots=True)
class Origin:
    key: str          # identity for counting independent origins
    label: str        # how reports show it: "Hamas", "anonymous@CNN", "Al Mayadeen English"
    party: bool       # a party to the conflict (or an organ of one)


class OriginResolver:
    """Resolves attributions to origins, memoising registry lookups for the run."""

    def __init__(self, registry: Registry):
        self.registry = registry
        self._actors: dict[str, Actor | None] = {}

    def actor(self, name: str | None) -> Actor | None:
        """The rooted registry actor a name stands for (Abu Obeida -> Hamas), or None."""
        if not name:
            return None
        if name not in self._actors:
            found = self.registry.lookup(name)
            self._actors[name] = self.registry.root(found) if found else None
        return self._actors[name]

    def named(self, name: str) -> Origin:
        """The origin of a named source: its registry root when known, else the name itself."""
        actor = self.actor(name)
        if actor:
            return Origin(name_key(actor.name), actor.name, self.registry.is_party(actor))
        return Origin(name_key(name), name.strip(), False)

    def _is_party(self, name: str | None) -> bool:
        actor = self.actor(name)
        return actor is not None and self.registry.is_party(actor)

    def publisher(self, doc: Document) -> Origin:
        """The publishing outlet's own reporting (the document itself when the outlet is unknown)."""
        if doc.outlet:
            return self.named(doc.outlet)
        return Origin(f"document:{doc.id}", f"document {doc.id}", False)

    def origin(self, a: Attribution, doc: Document) -> Origin:
        """The most upstream identified node of one attribution in one document."""
        if a.actor:
            return self.named(a.actor)
        kind = a.kind
        if kind in NAMED_SOURCE_KINDS and a.source:
            return self.named(a.source)
        if kind == AttributionKind.OUTLET and a.source:
            return self.named(a.source)
        if kind in UNNAMED_KINDS:
            affiliation = a.anonymity.affiliation if a.anonymity else None
            who = "anonymous" if kind == AttributionKind.ANONYMOUS else f"unnamed:{name_key(a.source or 'group')}"
            if a.via:                                   # the unnamed source at the most upstream outlet
                outlet = self.named(a.via[-1])
                return Origin(outlet.key, f"{who}@{outlet.label}", outlet.party or self._is_party(affiliation))
            home = self.publisher(doc)
            if affiliation:
                who += f":{affiliation}"
            return Origin(home.key, f"{who}@{home.label}", home.party or self._is_party(affiliation))
        if a.via:                                       # a report, or reporting, credited to another outlet
            return self.named(a.via[-1])
        if kind == AttributionKind.DOCUMENT and a.source:
            return self.named(a.source)
        return self.publisher(doc)
