"""Entities of a sentence and a document's credit line."""
from __future__ import annotations

from bisect import bisect_right
from operator import attrgetter, itemgetter

from ..models import Document, Entity, Span
from ..registry import Actor, Registry
from .spans import CAPSEQ

_START = attrgetter("start")


def sentence_entities(registry: Registry, name_stop: frozenset[str], s: str, base: int,
                      mentions=None) -> list[Entity]:
    """Registry mentions (with canonical names) and other capitalised names of a sentence."""
    if mentions is None:
        mentions = registry.find(s)
    found = [Entity(s[a:b], base + a, base + b, actor.name, actor.kind) for a, b, actor in mentions]
    covered = _Covered(mentions)
    for m in CAPSEQ.finditer(s):
        word = m.group()
        if " " not in word and word.lower() in name_stop:
            continue
        a, b = m.span()
        if covered.overlaps(a, b):
            continue
        found.append(Entity(word, base + a, base + b))
    if mentions:
        found.sort(key=_START)
    return found


class _Covered:
    """The disjoint stretches of text some mentions cover, in order. A name is tested against them by
    bisection, so a sentence of n mentions and n names costs n log n, not n²."""

    def __init__(self, mentions: list[tuple[int, int, Actor]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for a, b, _ in sorted(mentions, key=itemgetter(0)):
            if self.ends and a <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], b)
            else:
                self.starts.append(a)
                self.ends.append(b)

    def overlaps(self, a: int, b: int) -> bool:
        i = bisect_right(self.ends, a)      # the first stretch ending after `a`
        return i < len(self.ends) and self.starts[i] < b


def credit_line(registry: Registry, doc: Document) -> tuple[list[str], list[Span]] | None:
    """The outlets of a credit line in the page furniture ("Source: Al Jazeera + American press")."""
    for f in doc.furniture:
        if f.text.lstrip().lower().startswith(("source:", "sources:")):
            mentions = [(a, b, actor) for a, b, actor in registry.find(f.text) if actor.kind == "outlet"]
            if mentions:
                return ([actor.name for _, _, actor in mentions],
                        [Span(f.start + a, f.start + b, f.text[a:b]) for a, b, _ in mentions])
    return None
