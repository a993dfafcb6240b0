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
from functools import lru_cache
from pathlib import Path
from typing import Any

from audit.codec import dump, dump_timeline
from audit.models import (
    SCHEMA_VERSION,
    AuditResult,
    Claim,
    Document,
    Span,
)
from audit.render.formats import RenderOptions

TOOL_NAME = "provenance-audit"
SCHEMA_PATH = Path(__file__).resolve().parent / "contract.schema.json"


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
        "rules": [_finite(dump(r)) for r in result.rules],
        "by_document": [_finite(dump(m)) for m in result.by_document],
        "by_outlet": [_finite(dump(m)) for m in result.by_outlet],
        "changes": {kind: list(ids) for kind, ids in result.changes.items()},
        "learned_furniture": [_finite(dump(f)) for f in result.learned_furniture],
        "timelines": [_finite(dump_timeline(t)) for t in result.timelines],
    }


def dumps(result: AuditResult, *, indent: int | None = 2) -> str:
    """The contract as JSON text (UTF-8 friendly, never NaN or Infinity).

    Indented output goes through the stdlib's pure-Python encoder, about 6x slower than `indent=None`
    (3 s vs 0.5 s for 22k claims): pass `indent=None` for very large corpora.
    """
    return json.dumps(to_contract(result), ensure_ascii=False, indent=indent, allow_nan=False)


def render_json(result: AuditResult, options: RenderOptions = RenderOptions()) -> str:
    """The `json` output format: the contract, indented."""
    return dumps(result)


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


def _document(d: Document) -> dict[str, Any]:
    return {
        "id": d.id,
        "path": d.path,
        "title": d.title,
        "outlet": d.outlet,
        "published": d.date,                  # null when the metadata holds no date (the raw value is in meta)
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


def _finite(value: Any) -> Any:
    """A codec dump made JSON-safe: NaN and the infinities become null, everywhere in the tree."""
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return _num(value) if isinstance(value, float) else value


def _claim(c: Claim) -> dict[str, Any]:
    """The codec's claim dump: every contract field, plus col, paragraph, index, entities and the ledger."""
    return _finite(dump(c))
