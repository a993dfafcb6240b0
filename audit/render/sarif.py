"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, IDE viewers).

Paths inside the repository root (the nearest folder with `.git` above the working folder, else the
working folder) are relative URIs under the `%SRCROOT%` base id; files outside it get an absolute
`file://` URI and no base (SARIF 2.1.0 §3.4.4 forbids a base with an absolute URI). Every result has a
location (the evidence, or the claim when a finding cites none) and `partialFingerprints` that do not
depend on line numbers (rule, path and normalised evidence, as baselines use), numbered when the same
evidence repeats. A finding that several claims share at one span with one message is one result
(`properties.claims` lists the claims), so code scanning opens one alert for it. Suppressed findings
are kept with a `suppressions` entry. Rules, with their rationale and standard as help text, are in
`tool.driver.rules`; skipped files are tool notifications.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .. import HOMEPAGE, TOOL_NAME
from ..baseline import fingerprint
from ..models import AuditResult, Document, RuleInfo, Severity
from .formats import RenderOptions
from .text import located_findings

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
BASE_ID = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT_KEY = "provenanceAudit/v1"


def repository_root(start: Path | None = None) -> Path:
    """The nearest folder holding `.git` at or above `start` (the working folder), else `start`."""
    here = (start or Path.cwd()).resolve()
    return next((p for p in (here, *here.parents) if (p / ".git").exists()), here)


def artifact_location(path: str, root: Path) -> dict:
    """A SARIF artifactLocation: relative to the `%SRCROOT%` base inside the root, absolute outside."""
    uri = relative_uri(path, root)
    return {"uri": uri} if uri.startswith("file:") else {"uri": uri, "uriBaseId": BASE_ID}


def relative_uri(path: str, root: Path) -> str:
    """A repository-relative URI for a document path (an absolute file URI when outside the root)."""
    absolute = Path(path).resolve()
    rel = os.path.relpath(absolute, root)
    if rel.startswith(".."):
        return absolute.as_uri()
    return quote(Path(rel).as_posix())


def render_sarif(result: AuditResult, options: RenderOptions = RenderOptions()) -> str:
    root = (options.root or repository_root()).resolve()
    rule_index = {r.id: i for i, r in enumerate(result.rules)}
    locations: dict[str, dict] = {}
    seen: Counter[str] = Counter()
    results = []
    by_key: dict[tuple, dict] = {}
    for x in located_findings(result, suppressed=True):
        f, doc = x.finding, x.doc
        location = locations.setdefault(doc.id, artifact_location(doc.path, root))
        region: dict[str, Any] = {"startLine": x.line, "startColumn": x.col, "endLine": x.end_line,
                                  "endColumn": max(x.end_col, x.col + 1) if x.end_line == x.line else x.end_col}
        key = (f.rule, doc.id, *region.values(), f.message, f.suppressed)
        if key in by_key:                       # the same finding reached through another claim
            by_key[key]["properties"]["claims"].append(x.claim.id)
            continue
        print_ = fingerprint(f.rule, _doc_key(doc, location["uri"]), f.evidence.text)
        seen[print_] += 1
        if f.evidence.text:
            region["snippet"] = {"text": f.evidence.text}
        item: dict[str, Any] = {
            "ruleId": f.rule,
            "level": LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
            "partialFingerprints": {FINGERPRINT_KEY: f"{print_}:{seen[print_]}"},
            "properties": {"claim": x.claim.id, "claims": [x.claim.id], "signal": f.signal, "weight": f.weight,
                           "claimScore": x.claim.score, "standard": f.standard},
        }
        by_key[key] = item
        if f.rule in rule_index:
            item["ruleIndex"] = rule_index[f.rule]
        if f.mitigation:
            item["properties"]["mitigation"] = f.mitigation
        if f.suppressed:
            item["suppressions"] = [{"kind": "inSource"}]
        results.append(item)
    run = {
        "tool": {"driver": {"name": TOOL_NAME, "informationUri": HOMEPAGE, "version": result.run.tool_version,
                            "semanticVersion": result.run.tool_version,
                            "rules": [_rule(r) for r in result.rules]}},
        "originalUriBaseIds": {BASE_ID: {"uri": root.as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": [
            {"level": "warning", "message": {"text": f"skipped: {s.error}"},
             "locations": [{"physicalLocation": {
                 "artifactLocation": artifact_location(s.path, root),
                 **({"region": {"startLine": s.line}} if s.line else {})}}]}
            for s in result.skipped]}],
        "results": results,
        "properties": {"runId": result.run.id, "rulesHash": result.run.rules_hash},
    }
    return json.dumps({"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}, ensure_ascii=False,
                      indent=2, allow_nan=False) + "\n"


def _doc_key(doc: Document, uri: str) -> str:
    return f"{uri}#{doc.id}" if doc.format == "jsonl" else uri


def _rule(r: RuleInfo) -> dict:
    help_text = f"{r.rationale}\n\nStandard: {r.standard}\n\nDefined in {r.path}:{r.line}."
    return {
        "id": r.id,
        "name": "".join(part.capitalize() for part in r.id.replace(".", "_").replace("-", "_").split("_")),
        "shortDescription": {"text": _first_sentence(r.rationale)},
        "fullDescription": {"text": r.rationale},
        "help": {"text": help_text,
                 "markdown": f"{r.rationale}\n\n**Standard:** {r.standard}\n\n"
                             f"Signal `{r.signal}`, weight {r.weight:g}. Defined in `{r.path}:{r.line}`."},
        "defaultConfiguration": {"level": LEVELS[r.severity]},
        "properties": {"tags": [r.signal], "signal": r.signal, "weight": r.weight, "standard": r.standard},
    }


def _first_sentence(text: str) -> str:
    end = text.find(". ")
    return text if end < 0 else text[:end + 1]
