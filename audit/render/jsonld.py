"""The `jsonld` output format: schema.org `Claim` items as JSON-LD, for fact-checking tools and search.

Each claim has its `text`, its `author` (the source; the publishing outlet, when known, for its own or
unattributed reporting), its `appearance` (every article carrying it: its own and those whose versions it corroborates
or echoes) and its `firstAppearance` (the earliest published of them). Articles are `NewsArticle`
nodes of the graph, referred to by `@id`, with url (http(s) only), headline, publisher and datePublished.
"""
from __future__ import annotations

import json
from typing import Any

from audit.models import (
    UNATTRIBUTED_KINDS, AttributionKind, AuditResult, Claim, Document, ResultIndex,
)
from audit.render.formats import RenderOptions

CONTEXT = "https://schema.org"
ID_PREFIX = "urn:provenance-audit:"
PERSONS = {AttributionKind.NAMED_PERSON, AttributionKind.ANONYMOUS}


def render_jsonld(result: AuditResult, options: RenderOptions = RenderOptions()) -> str:
    index = ResultIndex(result)
    graph = [_article(d) for d in result.documents] + [_claim(index, c) for c in result.claims]
    return json.dumps({"@context": CONTEXT, "@graph": graph}, ensure_ascii=False, indent=1)


def _article_id(document_id: str) -> str:
    return f"{ID_PREFIX}document:{document_id}"


def _organization(name: str | None) -> dict[str, Any] | None:
    return {"@type": "Organization", "name": name} if name else None


def _article(d: Document) -> dict[str, Any]:
    article = {"@type": "NewsArticle", "@id": _article_id(d.id), "identifier": d.path, "url": d.url,
               "headline": d.title, "publisher": _organization(d.outlet), "datePublished": d.date}
    return {k: v for k, v in article.items() if v is not None}


def _author(index: ResultIndex, c: Claim) -> dict[str, Any] | None:
    a = c.attribution
    if a.kind in UNATTRIBUTED_KINDS or not a.source_label:
        return _organization(index.documents[c.document].outlet)
    kind = AttributionKind(a.kind)
    return {"@type": "Person" if kind in PERSONS else "Organization", "name": a.source_label,
            "description": kind.label}


def _claim(index: ResultIndex, c: Claim) -> dict[str, Any]:
    appearances = list(dict.fromkeys(_article_id(v.document) for v in index.versions(c)))
    claim = {"@type": "Claim", "@id": f"{ID_PREFIX}claim:{c.id}", "identifier": c.id, "text": c.text,
             "author": _author(index, c), "appearance": [{"@id": a} for a in appearances],
             "firstAppearance": {"@id": _article_id(index.first_appearance(c).document)}}
    return {k: v for k, v in claim.items() if v is not None}
