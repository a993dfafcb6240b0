"""The `prov` output format: W3C PROV-JSON of the provenance chains (origin -> relaying outlets -> publisher).

Documents and claims are entities (a document is a collection with its claims as members); sources,
relaying outlets and publishers are agents. Each upstream step of a claim's chain is an entity of its
own, "the claim as stated by X", attributed to X: the published claim was quoted from its source's
statement (`wasDerivedFrom` typed `prov:Quotation`, PROV-N's wasQuotedFrom) or derived from the
nearest relaying outlet's report, and so on up to the source and its origin.
"""
from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from audit.models import (
    UNKNOWN_OUTLET, AttributionKind, AuditResult, ChainRole, ChainStep, Claim, Document, ResultIndex,
)
from audit.render.formats import RenderOptions

NAMESPACE = "urn:provenance-audit:"
PERSONS = {AttributionKind.NAMED_PERSON}
UNNAMED = {AttributionKind.ANONYMOUS, AttributionKind.UNNAMED_GROUP}


def render_prov(result: AuditResult, options: RenderOptions = RenderOptions()) -> str:
    return json.dumps(_Bundle(ResultIndex(result)).build(), ensure_ascii=False, indent=1)


def _local(name: str) -> str:
    """A readable, unique local name for a free-text name ("Al Jazeera" -> "al-jazeera-1f0c2a")."""
    slug = re.sub(r"[^a-z0-9]+", "-", " ".join(name.split()).casefold()).strip("-")[:40]
    return f"{slug or 'x'}-{hashlib.sha256(name.casefold().encode()).hexdigest()[:6]}"


class _Bundle:
    """The records of one PROV-JSON document, filled claim by claim."""

    def __init__(self, index: ResultIndex) -> None:
        self.index = index
        self.records: dict[str, dict[str, Any]] = {}

    def add(self, kind: str, key: str, attributes: dict[str, Any]) -> str:
        self.records.setdefault(kind, {})[key] = {k: v for k, v in attributes.items() if v is not None}
        return key

    def relate(self, kind: str, attributes: dict[str, Any]) -> None:
        self.add(kind, f"_:{kind}{len(self.records.get(kind, ())) + 1}", attributes)

    def build(self) -> dict[str, Any]:
        for document in self.index.result.documents:
            self.document(document)
        for claim in self.index.result.claims:
            self.claim(claim)
        return {"prefix": {"audit": NAMESPACE, "claim": NAMESPACE + "claim:", "doc": NAMESPACE + "document:",
                           "agent": NAMESPACE + "agent:"}, **self.records}

    def agent(self, step: ChainStep, document_id: str) -> str:
        if step.kind in UNNAMED or step.name == UNKNOWN_OUTLET:     # "a source" here is not the one there
            key, kind = f"agent:{_local(document_id + ' ' + step.name)}", "prov:Agent"
        else:
            key = f"agent:{_local(step.name)}"
            kind = "prov:Person" if step.kind in PERSONS else "prov:Organization"
        return self.add("agent", key, {"prov:type": kind, "prov:label": step.name,
                                       "audit:kind": step.kind or step.role.value})

    def document(self, d: Document) -> None:
        key = self.add("entity", f"doc:{d.id}", {
            "prov:type": "prov:Collection", "prov:label": d.title, "audit:path": d.path, "audit:sha256": d.sha256,
            "audit:published": d.date, "prov:location": d.url})
        publisher = ChainStep(d.outlet or UNKNOWN_OUTLET, ChainRole.PUBLISHER)
        self.relate("wasAttributedTo", {"prov:entity": key, "prov:agent": self.agent(publisher, d.id)})

    def claim(self, c: Claim) -> None:
        chain = self.index.chain(c)
        published = self.add("entity", f"claim:{c.id}", {
            "prov:type": "audit:Claim", "prov:value": c.text, "audit:line": c.line, "audit:score": round(c.score, 1),
            "audit:status": c.corroboration.status, "audit:attribution": c.attribution.kind})
        self.relate("hadMember", {"prov:collection": f"doc:{c.document}", "prov:entity": published})
        later = published
        for n, step in enumerate(reversed(chain)):
            entity = published if n == 0 else self.add("entity", f"claim:{c.id}.{n}", {
                "prov:type": "audit:ReportedClaim", "prov:label": f"as stated by {step.name}",
                "audit:role": step.role.value})
            self.relate("wasAttributedTo", {"prov:entity": entity, "prov:agent": self.agent(step, c.document)})
            if entity != later:
                quoted = step.role == ChainRole.SOURCE
                self.relate("wasDerivedFrom", {"prov:generatedEntity": later, "prov:usedEntity": entity,
                                               "prov:type": "prov:Quotation" if quoted else None})
            later = entity
