"""The run's manifest as JSON: every input with its sha256 and metadata sources, the skipped files and
the rule ids. `audit report` writes it beside the report (reports/NAME.manifest.json). It holds nothing
that changes between runs on the same inputs and rules (no clock time, no run id)."""
from __future__ import annotations

from audit import TOOL_NAME
import json

from ..models import AuditResult
from .formats import RenderOptions


def to_manifest(result: AuditResult) -> dict:
    run = result.run
    return {
        "tool": TOOL_NAME,
        "version": run.tool_version,
        "fingerprint": result.fingerprint,
        "rules_hash": run.rules_hash,
        "inputs": [{"path": d.path, "sha256": d.sha256, "format": d.format,
                    "meta": {key: {"value": mv.value, "source": mv.source} for key, mv in d.meta.items()}}
                   for d in result.documents],
        "skipped": [{"path": s.path, "line": s.line, "error": s.error} for s in result.skipped],
        "rules": [r.id for r in result.rules],      # ids only: where rules live differs between installs
    }


def render_manifest(result: AuditResult, options: RenderOptions = RenderOptions()) -> str:
    return json.dumps(to_manifest(result), indent=2, ensure_ascii=False) + "\n"
