"""Entities of a sentence and a document's credit line."""
from __future__ import annotations

from operator import attrgetter

from ..models import Document, Entity, Span
from ..registry import Registry
from .spans import CAPSEQ

_START = attrgetter("start")


def sentence_entities(registry: Registry, name_stop: frozenset[str], s: str, base: int,
                      mentions=None) -> list[Entity]:
    """Registry mentions (with canonical names) and other capitalised names of a sentence."""
    if mentions is None:
        mentions = registry.find(s)
    found = [Entity(s[a:b], base + a, base + b, actor.name, actor.kind) for a, b, actor in mentions]
    for m in CAPSEQ.finditer(s):
        word = m.group()
        if " " not in word and word.lower() in name_stop:
            continue
        a, b = m.span()
        if mentions and any(x < b and a < y for x, y, _ in mentions):
            continue
        found.append(Entity(word, base + a, base + b))
    if mentions:
        found.sort(key=_START)
    return found


def credit_line(registry: Registry, doc: Document) -> tuple[list[str], list[Span]] | None:
    """The outlets of a credit line in the page furniture ("Source: Al Jazeera + American press")."""
    for f in doc.furniture:
        if f.text.lstrip().lower().startswith(("source:", "sources:")):
            mentions = [(a, b, actor) for a, b, actor in registry.find(f.text) if actor.kind == "outlet"]
            if mentions:
                return ([actor.name for _, _, actor in mentions],
                        [Span(f.start + a, f.start + b, f.text[a:b]) for a, b, _ in mentions])
    return None
