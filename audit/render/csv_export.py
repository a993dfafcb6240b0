"""The `csv` output format: claims and their findings for spreadsheets, one row per finding.

Claim columns repeat on each of its findings' rows; a claim without findings has one row with the
finding columns empty, so every claim is there and a filter on `rule` or `severity` keeps whole facts.
Suppressed findings are listed with `suppressed` true. Text cells go through `audit.escape.spreadsheet`.
"""
from __future__ import annotations

import csv
import io

from audit.escape.spreadsheet import cell
from audit.models import AuditResult, Claim, Document, Finding
from audit.render.formats import RenderOptions

CLAIM_COLUMNS = ("claim_id", "document", "line", "column", "outlet", "published", "claim", "attribution_kind",
                 "source", "cue", "via", "status", "independent_origins", "score", "band")
FINDING_COLUMNS = ("rule", "signal", "severity", "weight", "suppressed", "message", "evidence")
COLUMNS = CLAIM_COLUMNS + FINDING_COLUMNS


def render_csv(result: AuditResult, options: RenderOptions = RenderOptions()) -> str:
    documents = {d.id: d for d in result.documents}
    out = io.StringIO()
    writer = csv.writer(out)                 # RFC 4180: CRLF rows, so a CR or LF inside a cell is quoted
    writer.writerow(COLUMNS)
    for claim in result.claims:
        columns = _claim(claim, documents[claim.document])
        findings: list[Finding | None] = list(claim.findings) or [None]
        for finding in findings:
            writer.writerow([cell(v) for v in columns + _finding(finding)])
    return out.getvalue()


def _claim(c: Claim, d: Document) -> list[object]:
    a = c.attribution
    return [c.id, d.path, c.line, c.col, d.outlet, d.date or d.published, c.text, a.kind, a.source_label, a.cue,
            "; ".join(a.via), c.corroboration.status, c.corroboration.independent_origins, round(c.score, 1), c.band]


def _finding(f: Finding | None) -> list[object]:
    if f is None:
        return [None] * len(FINDING_COLUMNS)
    return [f.rule, f.signal, f.severity, f.weight, f.suppressed, f.message, f.evidence.text]
