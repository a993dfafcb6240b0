"""The versioned JSON output contract (schema_version 1): one AuditResult -> one JSON object.

The contract fields (see /work/shared/acceptance/README.md and `contract.schema.json` beside this file)
are stable; the extras next to them (`col`, `ledger`, `attribution.anonymity`, `finding.standard`,
`corroboration.origin`, `run`, `skipped`, `rules`, `by_outlet`, ...) may grow. This module only copies
and renames what the result holds: it never scores, matches or re-analyses.

Unbounded interval ends are JSON null; any non-finite float that reaches the renderer becomes null too,
so the output never contains NaN or Infinity.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from audit.models import (
    SCHEMA_VERSION,
    Anonymity,
    Attribution,
    AuditResult,
    Claim,
    Corroboration,
    Document,
    Finding,
    Quantity,
    RuleInfo,
    SourcingMix,
    Span,
)

TOOL_NAME = "provenance-audit"
SCHEMA_PATH = Path(__file__).resolve().parent / "contract.schema.json"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def to_contract(result: AuditResult) -> dict[str, Any]:
    """The JSON-ready contract object for one audit result."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": result.run.tool_version},
        "documents": [_document(d) for d in result.documents],
        "claims": [_claim(c) for c in result.claims],
        # extras
        "run": {
            "id": result.run.id,
            "started": result.run.started,
            "rules_hash": result.run.rules_hash,
            "inputs": [dict(i) for i in result.run.inputs],
            "reused": result.run.reused,
            "previous_run": result.previous_run,
        },
        "skipped": [{"path": s.path, "line": s.line, "error": s.error} for s in result.skipped],
        "rules": [_rule(r) for r in result.rules],
        "by_document": [_mix(m) for m in result.by_document],
        "by_outlet": [_mix(m) for m in result.by_outlet],
        "changes": {kind: list(ids) for kind, ids in result.changes.items()},
    }


def dumps(result: AuditResult, *, indent: int | None = 2) -> str:
    """The contract as JSON text (UTF-8 friendly, never NaN or Infinity).

    Indented output goes through the stdlib's pure-Python encoder, about 6x slower than `indent=None`
    (3 s vs 0.5 s for 22k claims): pass `indent=None` for very large corpora.
    """
    return json.dumps(to_contract(result), ensure_ascii=False, indent=indent, allow_nan=False)


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the contract."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


# -- pieces ------------------------------------------------------------------------------------

def _num(x: float | int | None) -> float | int | None:
    """A JSON-safe number: None for None, NaN and the infinities."""
    if x is None:
        return None
    if isinstance(x, float) and not math.isfinite(x):
        return None
    return x


def _span(s: Span | None) -> dict[str, Any] | None:
    return None if s is None else {"start": s.start, "end": s.end, "text": s.text}


def _published(value: str | None) -> str | None:
    """YYYY-MM-DD, or null when the metadata holds no date (the raw value stays in `meta`)."""
    if value is None:
        return None
    m = _DATE.match(value.strip())
    return m.group(0) if m else None


def _document(d: Document) -> dict[str, Any]:
    return {
        "id": d.id,
        "path": d.path,
        "title": d.title,
        "outlet": d.outlet,
        "published": _published(d.published),
        "sha256": d.sha256,
        # extras
        "format": d.format,
        "meta": {k: {"value": m.value, "source": m.source} for k, m in d.meta.items()},
        "meta_sources": {k: m.source for k, m in d.meta.items()},
        "words": d.words,
        "readability": _num(d.readability),
        "headline": _span(d.headline),
        "furniture": [_span(s) for s in d.furniture],
    }


def _anonymity(a: Anonymity | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {
        "descriptor": a.descriptor,
        "role_given": a.role_given,
        "affiliation": a.affiliation,
        "reason_given": a.reason_given,
        "reason": _span(a.reason),
        "plural": a.plural,
    }


def _attribution(a: Attribution) -> dict[str, Any]:
    return {
        "kind": a.kind,
        "source": a.source,
        "cue": a.cue,
        "via": list(a.via),
        # extras
        "source_span": _span(a.source_span),
        "cue_span": _span(a.cue_span),
        "via_spans": [_span(s) for s in a.via_spans],
        "actor": a.actor,
        "anonymity": _anonymity(a.anonymity),
        "inherited": a.inherited,
        "inherited_from": a.inherited_from,
    }


def _quantity(q: Quantity) -> dict[str, Any]:
    return {
        "text": q.text,
        "low": _num(q.low),
        "high": _num(q.high),
        "unit": q.unit,
        # extras
        "start": q.start,
        "end": q.end,
        "kind": q.kind,
        "role": q.role,
        "vague": q.vague,
    }


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "signal": f.signal,
        "severity": f.severity,
        "weight": _num(f.weight),
        "message": f.message,
        "evidence": _span(f.evidence),
        # extras
        "standard": f.standard,
        "mitigation": f.mitigation,
        "suppressed": f.suppressed,
    }


def _corroboration(c: Corroboration) -> dict[str, Any]:
    return {
        "status": c.status,
        "independent_origins": c.independent_origins,
        "links": [
            {"claim": k.claim, "relation": k.relation, "why": k.why, "similarity": _num(k.similarity)}
            for k in c.links
        ],
        # extras
        "origin": c.origin,
        "party_only": c.party_only,
    }


def _claim(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "document": c.document,
        "text": c.text,
        "start": c.start,
        "end": c.end,
        "line": c.line,
        "is_headline": c.is_headline,
        "attribution": _attribution(c.attribution),
        "quantities": [_quantity(q) for q in c.quantities],
        "findings": [_finding(f) for f in c.findings],
        "score": _num(c.score),
        "corroboration": _corroboration(c.corroboration),
        # extras
        "col": c.col,
        "paragraph": c.paragraph,
        "index": c.index,
        "hedged": c.hedged,
        "entities": [
            {"text": e.text, "start": e.start, "end": e.end, "canonical": e.canonical, "kind": e.kind}
            for e in c.entities
        ],
        "ledger": [{"rule": i.rule, "weight": _num(i.weight), "points": _num(i.points)} for i in c.ledger],
    }


def _rule(r: RuleInfo) -> dict[str, Any]:
    return {
        "id": r.id,
        "signal": r.signal,
        "severity": r.severity,
        "weight": _num(r.weight),
        "message": r.message,
        "rationale": r.rationale,
        "standard": r.standard,
        "path": r.path,
        "line": r.line,
    }


def _mix(m: SourcingMix) -> dict[str, Any]:
    return {
        "name": m.name,
        "documents": m.documents,
        "claims": m.claims,
        "mean_score": _num(m.mean_score),
        "min_score": _num(m.min_score),
        "named": m.named,
        "anonymous": m.anonymous,
        "second_hand": m.second_hand,
        "unattributed": m.unattributed,
        "findings": dict(m.findings),
    }
