"""Plain-text renderers for the terminal: findings list, run summary, one claim in full."""
from __future__ import annotations

from collections import Counter

from ..models import AuditResult, Claim, Document

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def _short(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_text(result: AuditResult) -> str:
    """One line per finding, `path:line:col: severity [rule] message`, then the summary."""
    docs = {d.id: d for d in result.documents}
    lines = []
    for claim in result.claims:
        doc = docs[claim.document]
        for f in sorted(claim.findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.evidence.start)):
            if f.suppressed:
                continue
            line, col = doc.position(f.evidence.start) if f.evidence.start >= 0 else (claim.line, claim.col)
            lines.append(f"{doc.path}:{line}:{col}: {f.severity} [{f.rule}] {f.message}  (claim {claim.id})")
    lines.append("")
    lines.append(render_summary(result))
    return "\n".join(lines) + "\n"


def render_summary(result: AuditResult) -> str:
    claims = result.claims
    kinds = Counter(c.attribution.kind for c in claims)
    statuses = Counter(c.corroboration.status for c in claims)
    findings = Counter(f.severity for c in claims for f in c.findings if not f.suppressed)
    mean = sum(c.score for c in claims) / len(claims) if claims else 100.0
    words = sum(d.words for d in result.documents)
    parts = [
        f"{len(result.documents)} documents, {words:,} words, {len(claims)} claims, mean score {mean:.1f}",
        "attribution: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()),
        "corroboration: " + ", ".join(f"{k} {n}" for k, n in statuses.most_common()),
        "findings: " + (", ".join(f"{findings[s]} {s}" for s in ("error", "warning", "info") if findings[s])
                        or "none"),
    ]
    if result.skipped:
        parts.append(f"skipped {len(result.skipped)} file(s)")
    if result.run.reused:
        parts.append(f"{result.run.reused} unchanged document(s) reused from the store")
    return "\n".join(parts)


def render_claim(claim: Claim, doc: Document, claims: dict[str, Claim], docs: dict[str, Document]) -> str:
    """Everything about one claim, for `audit show`."""
    a = claim.attribution
    out = [f"claim {claim.id}  {doc.path}:{claim.line}:{claim.col}" + ("  (headline)" if claim.is_headline else ""),
           f"  {_short(claim.text, 400)}", "",
           f"outlet:      {doc.outlet or 'unknown'}   published: {doc.published or 'unknown'}",
           f"attribution: {a.kind}" + (f" — \"{a.source}\"" if a.source else "")
           + (f" (cue \"{a.cue}\")" if a.cue else "") + (" [carried over]" if a.inherited else "")]
    chain = [doc.outlet or "this article", *a.via, a.source or "(nobody named)"]
    out.append("chain:       " + " ← ".join(chain))
    if a.actor:
        out.append(f"speaks for:  {a.actor}")
    if a.anonymity:
        n = a.anonymity
        out.append(f"anonymity:   role given: {'yes' if n.role_given else 'no'}; affiliation: {n.affiliation or 'none'};"
                   f" reason given: {'yes' if n.reason_given else 'no'}" + (f" (\"{n.reason.text}\")" if n.reason else ""))
    if claim.quantities:
        out.append("figures:     " + "; ".join(
            f"{q.text} [{_bound(q.low)}, {_bound(q.high)}]{' ' + q.unit if q.unit else ''}" for q in claim.quantities))
    out += ["", f"score {claim.score:g}/100"]
    for item in claim.ledger:
        out.append(f"  -{item.points:5.1f}  {item.rule} (weight {item.weight:g})")
    out.append("")
    out.append("findings:" if claim.findings else "findings: none")
    for f in claim.findings:
        line, col = doc.position(f.evidence.start) if f.evidence.start >= 0 else (claim.line, claim.col)
        out.append(f"  {f.severity:7} [{f.rule}] {f.message}" + ("  (suppressed)" if f.suppressed else ""))
        out.append(f"          evidence: \"{_short(f.evidence.text, 120)}\" at {doc.path}:{line}:{col}")
        if f.mitigation:
            out.append(f"          mitigated: {f.mitigation}")
        out.append(f"          standard: {f.standard}")
    c = claim.corroboration
    out += ["", f"corroboration: {c.status}, {c.independent_origins} independent origin(s)"
            + (f", origin: {c.origin}" if c.origin else "") + (" — every origin is a party" if c.party_only else "")]
    for link in c.links:
        other = claims.get(link.claim)
        where = ""
        if other is not None:
            od = docs.get(other.document)
            where = f"{od.path if od else other.document}:{other.line}  \"{_short(other.text, 90)}\""
        out.append(f"  {link.relation:12} {link.claim}  {where}")
        out.append(f"               why: {link.why}")
    return "\n".join(out)


def _bound(value: float | None) -> str:
    if value is None:
        return "∞"
    return f"{value:g}"
