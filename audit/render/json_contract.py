"""The versioned JSON output contract (schema_version 1): one AuditResult -> one JSON object.

The contract fields (see /work/shared/acceptance/README.md and `contract.schema.json` beside this file)
are stable; the extras next to them (`col`, `ledger`, `attribution.anonymity`, `finding.standard`,
`corroboration.origin`, `run`, `skipped`, `notices`, `rules`, `by_outlet`, ...) may grow. This module only copies
and renames what the result holds: it never scores, matches or re-analyses.

Claims, rules and mixes are the model's dataclasses as they are: audit.codec writes them field by
field in one pass (no intermediate dicts). Unbounded interval ends are JSON null; any non-finite float
that reaches the encoder becomes null too, so the output never contains NaN or Infinity.
"""
from __future__ import annotations

import json
from functools import lru_cache
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from msgspec.json import format as format_json

from audit import TOOL_NAME
from audit.codec import from_json, to_json, with_claims
from audit.models import SCHEMA_VERSION, AuditResult, Claim, Document
from audit.render.formats import RenderOptions

_CLAIMS_HERE = "\0claims\0"            # where the streamed claims go (no article text holds NUL after ingest)
CLAIMS_PER_CHUNK = 500                # encoded together: one call per claim cost a third more
SCHEMA_PATH = Path(__file__).resolve().parent / "contract.schema.json"


def contract(result: AuditResult) -> dict[str, Any]:
    """The contract object for one audit result, holding the result's own dataclasses, for `to_json` (the
    claims of a result read from the store without them decoded first)."""
    return _contract(with_claims(result))


def _contract(result: AuditResult) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": result.run.tool_version},
        "documents": [_document(d) for d in result.documents],
        "claims": result.claims,        # every contract field, plus col, paragraph, index, entities, the ledger
        # extras
        "run": {
            "id": result.run.id,
            "started": result.run.started,
            "rules_hash": result.run.rules_hash,
            "inputs": result.run.inputs,
            "reused": result.run.reused,
            "previous_run": result.previous_run,
            "context_run": result.context_run,
            "joined": result.joined,         # files of the stored articles that joined corroboration
        },
        "skipped": result.skipped,
        "notices": result.notices,      # input repaired or left out without loss, directives unused
        "rules": result.rules,
        "by_document": result.by_document,
        "by_outlet": result.by_outlet,
        "changes": result.changes,
        "removed_claims": result.removed_claims,    # the claims changes["removed"] names, as they read
        "learned_furniture": result.learned_furniture,
        "timelines": result.timelines,
    }


def to_contract(result: AuditResult) -> dict[str, Any]:
    """The contract as plain dicts, lists, strings and numbers, exactly as `dumps` writes it, for code
    that reads it."""
    return from_json(to_json(contract(result)))


def dumps(result: AuditResult, *, indent: int | None = 2) -> str:
    """The contract as JSON text (UTF-8 friendly, never NaN or Infinity), indented or compact (None)."""
    return to_json(contract(result), indent=indent).decode()


def render_json(result: AuditResult, options: RenderOptions = RenderOptions()) -> Iterator[bytes]:
    """The `json` output format: the contract, indented, in UTF-8 chunks: the claims CLAIMS_PER_CHUNK at
    a time, the rest around them; byte for byte what encoding the whole contract at once gives."""
    parts = _contract(result)                   # stored claims stay JSON (`_claim_chunks`)
    claims, parts["claims"] = parts["claims"], _CLAIMS_HERE
    head, _, tail = to_json(parts, indent=2).partition(to_json(_CLAIMS_HERE))
    yield head + b"["
    written = False
    for chunk in _claim_chunks(claims, result.stored_claims):
        yield (b"," if written else b"") + chunk
        written = True
    yield (b"\n  ]" if written else b"]") + tail


def _claim_chunks(claims: list[Claim], stored: list[bytes] | None) -> Iterator[bytes]:
    """The claims, CLAIMS_PER_CHUNK at a time, as indented JSON lines at the depth of the contract's claims
    list, without its brackets: from `stored` (each document's claims as compact JSON) when given."""
    if stored is not None:      # [[{...},{...}]] -> [\n  [\n    {...},\n    {...}\n  ]\n]
        yield from (format_json(b"[" + array + b"]", indent=2)[5:-6] for array in stored if array != b"[]")
        return
    for start in range(0, len(claims), CLAIMS_PER_CHUNK):
        chunk = to_json(claims[start:start + CLAIMS_PER_CHUNK], indent=2)     # [\n  {...},\n  {...}\n]
        yield chunk[1:-2].replace(b"\n", b"\n  ")


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the contract."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


# -- pieces ------------------------------------------------------------------------------------

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
        "meta": d.meta,
        "meta_sources": {k: m.source for k, m in d.meta.items()},
        "words": d.words,
        "readability": d.readability,
        "headline": d.headline,
        "furniture": d.furniture,
    }
