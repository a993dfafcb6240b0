"""Where a claim comes from: the most upstream identified node of its attribution (domain notes §5).

Independence is about origins, not outlets: sources speaking for one organisation are one origin
(Abu Obeida, "a source in Hamas" and the Al-Qassam Brigades are all Hamas); an anonymous source relayed by
several outlets is one origin at the most upstream outlet; an outlet's own reporting, anonymous or not,
is that outlet's. Copies are merged afterwards: a copy takes the origin of the earliest claim it copies.

Some origins are vague: a pronoun no earlier sentence resolved ("it says") names no one, and a description
with no registry actor ("the Health Ministry", "health officials") names a body only by words. When claims
are counted, a vague origin whose words fit the names of an identified origin among them is that origin,
and a pronoun's is never one more (`independent`); neither is the publishing outlet's own reporting.
An exact count in the outlet's own voice (no source named: "airstrikes have killed more than 4,000") is
not the outlet's reporting either: outlets relay counts, they rarely make them, so its origin is not known,
as a pronoun's, and it never confirms the count it restates.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from audit.attribution.vocabulary import Vocabulary
from audit.language import LanguagePack
from audit.models import Attribution, AttributionKind, Document
from audit.registry import Actor, Registry, name_key, name_words

NAMED_SOURCE_KINDS = frozenset({AttributionKind.NAMED_PERSON, AttributionKind.NAMED_ORG})
UNNAMED_KINDS = frozenset({AttributionKind.ANONYMOUS, AttributionKind.UNNAMED_GROUP})


@dataclass(frozen=True, slots=True)
class Origin:
    key: str          # identity for counting independent origins
    label: str        # how reports show it: "Hamas", "anonymous@CNN", "Al Mayadeen English"
    party: bool       # a party to the conflict (or an organ of one)
    words: frozenset[str] | None = None   # a vague origin's words (none for a pronoun); None: identified
    names: frozenset[str] = frozenset()   # an identified origin's words: of every name of it and its organs

    def fits(self, vague: Origin) -> bool:
        """A vague description may be this origin: its words are among this identified one's names, or one's
        words hold the other's when this one is vague too ("health officials", "the Health Ministry")."""
        if not vague.words:
            return False
        if self.words is None:
            return vague.words <= self.names
        return bool(self.words) and (vague.words <= self.words or self.words <= vague.words)


def independent(origins: Iterable[Origin]) -> list[Origin]:
    """The origins that count as independent, one per key: the identified ones, each vague description
    that fits none of them, and a pronoun's only when nothing else is left."""
    found = list(origins)
    counted = {o.key: o for o in found if o.words is None}
    for o in found:
        if o.words and not any(k.fits(o) for k in counted.values()):
            counted.setdefault(o.key, o)
    if not counted and found:
        counted[found[0].key] = found[0]
    return list(counted.values())


class OriginResolver:
    """Resolves attributions to origins, memoising registry lookups for the run."""

    def __init__(self, registry: Registry, lexicon: LanguagePack | None = None):
        self.registry = registry
        pack = lexicon or LanguagePack.builtin()
        self.v = pack.compiled(Vocabulary)
        self._forms_of_address = frozenset(name_key(w) for w in (*pack["honorifics"], *self.v.titles))
        self._actors: dict[str, Actor | None] = {}
        self._names: dict[str, frozenset[str]] = {}
        self._origins: dict[str, Origin] = {}             # one Origin per name for the run (memory at 10^6 claims)

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
        found = self._origins.get(name)
        if found is None:
            actor = self.actor(name)
            found = Origin(name_key(actor.name), actor.name, self.registry.is_party(actor), names=self._family(actor)) \
                if actor else Origin(name_key(name), name.strip(), False, names=frozenset(name_words(name)))
            self._origins[name] = found
        return found

    def one_person_per_surname(self, kinds: list[AttributionKind], origins: list[Origin]) -> list[Origin]:
        """The origins with a person called by surname alone ("Clinton", "Mr. Clinton") taken for the one
        person of the run named in full with that surname ("Hillary Clinton"), when exactly one is: one origin,
        not two independent ones. Registry actors keep their own (their names are resolved already)."""
        full: dict[str, set[str]] = {}                       # surname -> keys of the full names ending in it
        named: dict[str, Origin] = {}
        for kind, o in zip(kinds, origins):
            words = self._personal_name(kind, o)
            if len(words) > 1:
                full.setdefault(words[-1], set()).add(o.key)
                named[o.key] = o
        if not full:
            return origins
        out = []
        for kind, o in zip(kinds, origins):
            words = self._personal_name(kind, o)
            keys = full.get(words[0]) if len(words) == 1 else None
            out.append(named[next(iter(keys))] if keys and len(keys) == 1 else o)
        return out

    def _personal_name(self, kind: AttributionKind, o: Origin) -> list[str]:
        """The words of a named person's name (before an appositive's comma) without a title or form of address
        ("mr.", "sen."); none for any other origin or a registry actor's."""
        if kind != AttributionKind.NAMED_PERSON or o.words is not None or self.actor(o.label) is not None:
            return []
        words = o.key.split(",", 1)[0].split()
        while len(words) > 1 and words[0].rstrip(".") in self._forms_of_address:
            words = words[1:]
        return words

    def _family(self, root: Actor) -> frozenset[str]:
        """The words of the names of a root actor and of everything speaking for it (Hamas: its ministry's
        "health", its media office's "media")."""
        if root.name not in self._names:
            registry = self.registry
            self._names[root.name] = frozenset(w for actor in registry.actors.values()
                                               if registry.root(actor) is root for w in registry.words_of(actor))
        return self._names[root.name]

    def _vague(self, a: Attribution) -> frozenset[str] | None:
        """The words of a source that names no one for certain: none for a pronoun ("it", "he"), the words the
        registry's names use for a description of a body with no actor ("the Health Ministry": health)
        that names no place and capitalises nothing else; None for any other source."""
        v, source = self.v, a.source or ""
        if a.actor or a.via or a.inherited or not source:
            return None
        if " ".join(source.lower().split()) in v.pronouns and a.kind != AttributionKind.SELF:
            return frozenset()
        if a.kind not in (AttributionKind.NAMED_ORG, AttributionKind.ANONYMOUS, AttributionKind.UNNAMED_GROUP):
            return None
        known = self.registry.body_words
        words = name_words(source)
        if any(w in v.nationalities or w in v.countries for w in words) \
                or any(w[:1].isupper() and not all(x in known for x in name_words(w)) for w in source.split()):
            return None
        content = [w for w in words if w in known]
        content = [w for w in content if w not in v.side_heads] or content
        return frozenset(content) if content else None

    def _is_party(self, name: str | None) -> bool:
        actor = self.actor(name)
        return actor is not None and self.registry.is_party(actor)

    def publisher(self, doc: Document) -> Origin:
        """The publishing outlet's own reporting (the document itself when the outlet is unknown)."""
        if doc.outlet:
            return self.named(doc.outlet)
        return Origin(f"document:{doc.id}", f"document {doc.id}", False)

    def origin(self, a: Attribution, doc: Document, counts: bool = False) -> Origin:
        """The most upstream identified node of one attribution in one document; a vague one carries its
        words (a pronoun's origin is the unknown one of its document, not the outlet's own reporting). A claim
        that `counts` (an exact count of something) and names no source restates someone's count without
        saying whose: its origin is not known either, not the outlet's own reporting."""
        if counts and a.kind == AttributionKind.NONE and not (a.via or a.inherited):
            return Origin(f"unknown:{doc.id}:count", f"unattributed count in {self.publisher(doc).label}", False,
                          words=frozenset())
        words = self._vague(a)
        if words is not None and not words:
            return Origin(f"unknown:{doc.id}:{name_key(a.source or '')}", f"unresolved '{a.source}'", False,
                          words=words)
        found = self._identified(a, doc)
        return Origin(found.key, found.label, found.party, words=words) if words else found

    def _identified(self, a: Attribution, doc: Document) -> Origin:
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
