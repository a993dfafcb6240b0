"""Plain-text renderers for the terminal: findings (concise, full, grouped), JSON Lines, the run
summary and one claim in full. Colour (ANSI) only when asked for: the CLI asks on a terminal."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from ..models import AuditResult, Claim, Document, Finding, Severity
from .formats import RenderOptions

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}     # most severe first
_COLOURS = {"error": "31", "warning": "33", "info": "36", "path": "1", "dim": "2", "rule": "35"}


@dataclass(slots=True)
class Located:
    """A finding with its document, claim and file position (end exclusive, as in SARIF)."""
    doc: Document
    claim: Claim
    finding: Finding
    line: int
    col: int
    end_line: int
    end_col: int


def located_findings(result: AuditResult, *, suppressed: bool = False) -> list[Located]:
    """Every finding (suppressed ones only when asked) in document order, then by position."""
    docs = {d.id: d for d in result.documents}
    order = {d.id: i for i, d in enumerate(result.documents)}
    out = []
    for claim in result.claims:
        doc = docs[claim.document]
        for f in claim.findings:
            if f.suppressed and not suppressed:
                continue
            if f.evidence.start >= 0:
                (line, col), (end_line, end_col) = doc.position(f.evidence.start), doc.position(f.evidence.end)
            else:
                line, col, end_line, end_col = claim.line, claim.col, claim.line, claim.col
            out.append(Located(doc, claim, f, line, col, end_line, end_col))
    out.sort(key=lambda x: (order[x.doc.id], x.line, x.col, SEVERITY_ORDER[x.finding.severity], x.finding.rule))
    return out


def _paint(text: str, what: str, colour: bool) -> str:
    return f"\x1b[{_COLOURS[what]}m{text}\x1b[0m" if colour else text


def _short(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_text(result: AuditResult, options: RenderOptions = RenderOptions()) -> str:
    """Concise: one line per finding, `path:line:col: severity [rule] message (claim id)`, then the summary."""
    lines = [_headline(x, options.colour) for x in located_findings(result)]
    if lines:
        lines.append("")
    return "\n".join([*lines, render_summary(result)]) + "\n"


def _headline(x: Located, colour: bool) -> str:
    f = x.finding
    return (f"{_paint(f'{x.doc.path}:{x.line}:{x.col}:', 'path', colour)} {_paint(f.severity, f.severity, colour)} "
            f"[{_paint(f.rule, 'rule', colour)}] {f.message}  {_paint(f'(claim {x.claim.id})', 'dim', colour)}")


def render_full(result: AuditResult, options: RenderOptions = RenderOptions()) -> str:
    """Each finding with the source line it cites, the evidence underlined, the score and the standard."""
    colour = options.colour
    out: list[str] = []
    for x in located_findings(result):
        f = x.finding
        out.append(_headline(x, colour))
        excerpt, caret = _excerpt(x)
        gutter = " " * len(str(x.line))
        out += [f"{gutter} |", f"{x.line} | {excerpt}", f"{gutter} | {_paint(caret, f.severity, colour)}"]
        note = f"claim score {x.claim.score:g}/100, finding weight {f.weight:g}"
        if f.mitigation:
            note += f" (mitigated: {f.mitigation})"
        out.append(f"{gutter} = {note}")
        if f.standard:
            out.append(f"{gutter} = standard: {f.standard}")
        out.append("")
    out.append(render_summary(result))
    return "\n".join(out) + "\n"


def _excerpt(x: Located, width: int = 100) -> tuple[str, str]:
    """The document line holding the evidence, cut to `width` around it, and a caret underline."""
    text, start = x.doc.text, x.finding.evidence.start
    if start < 0:
        start = x.claim.start
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", start)
    b = len(text) if b < 0 else b
    end = min(max(x.finding.evidence.end, start + 1), b)
    lo = max(a, min(start - 20, b - width))
    hi = min(b, max(lo + width, end))
    prefix, suffix = ("…" if lo > a else ""), ("…" if hi < b else "")
    line = prefix + text[lo:hi].replace("\t", " ") + suffix
    caret = " " * (len(prefix) + start - lo) + "^" * max(min(end, hi) - start, 1)
    return line, caret


def render_grouped(result: AuditResult, options: RenderOptions = RenderOptions()) -> str:
    """Findings grouped under their file, `line:col  severity  rule  message`, then the summary."""
    colour = options.colour
    out: list[str] = []
    current = None
    found = located_findings(result)
    width = min(max((len(x.finding.rule) for x in found), default=0), 30)
    for x in found:
        if x.doc.path != current:
            if current is not None:
                out.append("")
            current = x.doc.path
            out.append(_paint(current, "path", colour))
        f = x.finding
        where = f"{x.line}:{x.col}"
        out.append(f"  {where:<9} {_paint(f'{f.severity:<7}', f.severity, colour)}  "
                   f"{_paint(f'{f.rule:<{width}}', 'rule', colour)}  {f.message}")
    if out:
        out.append("")
    out.append(render_summary(result))
    return "\n".join(out) + "\n"


def render_jsonl(result: AuditResult, options: RenderOptions = RenderOptions()) -> str:
    """JSON Lines: one claim per line, as in the JSON contract, with its document's path."""
    from .json_contract import to_contract

    contract = to_contract(result)
    paths = {d["id"]: d["path"] for d in contract["documents"]}
    return "".join(json.dumps({"schema_version": contract["schema_version"], "path": paths[c["document"]], **c},
                              ensure_ascii=False, allow_nan=False) + "\n" for c in contract["claims"])


def render_summary(result: AuditResult) -> str:
    claims = result.claims
    kinds = Counter(c.attribution.kind for c in claims)
    statuses = Counter(c.corroboration.status for c in claims)
    findings = Counter(f.severity for c in claims for f in c.findings if not f.suppressed)
    suppressed = sum(f.suppressed for c in claims for f in c.findings)
    mean = sum(c.score for c in claims) / len(claims) if claims else 100.0
    words = sum(d.words for d in result.documents)
    parts = [
        f"{len(result.documents)} documents, {words:,} words, {len(claims)} claims, mean score {mean:.1f}",
        "attribution: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()),
        "corroboration: " + ", ".join(f"{k} {n}" for k, n in statuses.most_common()),
        "findings: " + (", ".join(f"{findings[s]} {s}" for s in SEVERITY_ORDER if findings[s])
                        or "none") + (f" ({suppressed} suppressed)" if suppressed else ""),
    ]
    if result.skipped:
        parts.append(f"skipped {len(result.skipped)} file(s)")
    if result.run.reused:
        parts.append(f"{result.run.reused} unchanged document(s) reused from the store")
    return "\n".join(parts)


def render_claim(claim: Claim, doc: Document, claims: dict[str, Claim], docs: dict[str, Document]) -> str:
    """Everything about one claim, for `audit show`."""
    out = [f"claim {claim.id}  {doc.path}:{claim.line}:{claim.col}" + ("  (headline)" if claim.is_headline else ""),
           f"  {_short(claim.text, 400)}", "",
           f"outlet:      {doc.outlet or 'unknown'}   published: {doc.published or 'unknown'}",
           *_attribution_lines(claim, doc), "", f"score {claim.score:g}/100"]
    out += [f"  -{item.points:5.1f}  {item.rule} (weight {item.weight:g})" for item in claim.ledger]
    out += ["", "findings:" if claim.findings else "findings: none", *_finding_lines(claim, doc), "",
            *_corroboration_lines(claim, claims, docs)]
    return "\n".join(out)


def _attribution_lines(claim: Claim, doc: Document) -> list[str]:
    """Who the claim is attributed to, through whom, how anonymous, and its figures."""
    a = claim.attribution
    out = [f"attribution: {a.kind}" + (f" — \"{a.source}\"" if a.source else "")
           + (f" (cue \"{a.cue}\")" if a.cue else "") + (" [carried over]" if a.inherited else ""),
           "chain:       " + " ← ".join([doc.outlet or "this article", *a.via, a.source or "(nobody named)"])]
    if a.actor:
        out.append(f"speaks for:  {a.actor}")
    if n := a.anonymity:
        out.append(f"anonymity:   role given: {'yes' if n.role_given else 'no'}; affiliation: {n.affiliation or 'none'};"
                   f" reason given: {'yes' if n.reason_given else 'no'}" + (f" (\"{n.reason.text}\")" if n.reason else ""))
    if claim.quantities:
        out.append("figures:     " + "; ".join(
            f"{q.text} [{_bound(q.low)}, {_bound(q.high)}]{' ' + q.unit if q.unit else ''}" for q in claim.quantities))
    return out


def _finding_lines(claim: Claim, doc: Document) -> list[str]:
    out = []
    for f in claim.findings:
        line, col = doc.position(f.evidence.start) if f.evidence.start >= 0 else (claim.line, claim.col)
        out.append(f"  {f.severity:7} [{f.rule}] {f.message}" + ("  (suppressed)" if f.suppressed else ""))
        out.append(f"          evidence: \"{_short(f.evidence.text, 120)}\" at {doc.path}:{line}:{col}")
        if f.mitigation:
            out.append(f"          mitigated: {f.mitigation}")
        out.append(f"          standard: {f.standard}")
    return out


def _corroboration_lines(claim: Claim, claims: dict[str, Claim], docs: dict[str, Document]) -> list[str]:
    """The corroboration status, then each link with the claim it leads to and why."""
    c = claim.corroboration
    out = [f"corroboration: {c.status}, {c.independent_origins} independent origin(s)"
           + (f", origin: {c.origin}" if c.origin else "") + (" — every origin is a party" if c.party_only else "")]
    for link in c.links:
        other = claims.get(link.claim)
        where = ""
        if other is not None:
            od = docs.get(other.document)
            where = f"{od.path if od else other.document}:{other.line}  \"{_short(other.text, 90)}\""
        out.append(f"  {link.relation:12} {link.claim}  {where}")
        out.append(f"               why: {link.why}")
    return out


def _bound(value: float | None) -> str:
    if value is None:
        return "∞"
    return f"{value:g}"


# -- rules ----------------------------------------------------------------------------------------------

def _example_text(case: dict) -> str:
    docs = case.get("documents")
    text = str(case.get("text") or docs[0]["text"])
    text = " / ".join(line.strip() for line in text.splitlines() if line.strip())
    notes = []
    if str(case.get("headline", "")).lower() == "true":
        notes.append("first line is the headline")
    if case.get("outlet"):
        notes.append(f"outlet: {case['outlet']}")
    if docs and len(docs) > 1:
        notes.append(f"with {len(docs) - 1} other article(s)")
    return f"\"{text}\"" + (f" ({'; '.join(notes)})" if notes else "")


def _condition_yaml(rule) -> str:
    import yaml

    keys = ("scope", "when", "unless", "evidence", "mitigate")
    shown = {k: rule.definition[k] for k in keys if k in rule.definition}
    return yaml.safe_dump(shown, sort_keys=False, default_flow_style=None, width=100, allow_unicode=True).rstrip()


def render_rule(rule) -> str:
    """One rule for the terminal (`audit rules show`): what it flags, why, the standard, examples."""
    import textwrap

    i = rule.info

    def para(text: str) -> list[str]:
        return textwrap.wrap(text, 96, initial_indent="  ", subsequent_indent="  ")

    out = [f"{i.id}  ({i.severity}, weight {i.weight:g}, signal {i.signal}, scope {rule.scope})",
           f"defined in {i.path}:{i.line}", "", "What it flags", *para(i.message), ""]
    if rule.definition:
        out += ["  " + line for line in _condition_yaml(rule).splitlines()] + [""]
    out += ["Why", *para(i.rationale), "", "Standard", *para(i.standard), "", "Examples"]
    for key, label in (("match", "fires on"), ("no_match", "does not fire on")):
        for case in rule.examples.get(key, []):
            out.append(f"  {label + ':':<18}{_example_text(case)}")
    return "\n".join(out)


def render_rule_docs(rules) -> str:
    """The rule reference in Markdown (docs/rules.md), generated from the rules themselves."""
    out = ["# Rule reference", "",
           "Generated from the rule files by `audit rules docs`; do not edit by hand (a test checks that it is",
           "up to date). Write your own rules with `audit rules new`; see `rules/rule.schema.json` for the format.",
           "", "| Rule | Title | Signal | Severity | Weight |", "| --- | --- | --- | --- | --- |"]
    out += [f"| [{r.id}](#{r.id.replace('.', '')}) | {r.info.label} | {r.info.signal} | {r.info.severity} | {r.info.weight:g} |"
            for r in rules]
    for r in rules:
        i = r.info
        out += ["", f"## {i.id}", "", f"**{i.label}**", "",
                f"Signal `{i.signal}` · severity **{i.severity}** · weight {i.weight:g} · scope {r.scope} · "
                f"defined in `{i.path}`", "",
                f"**What it flags:** `{i.message}`", "", f"**Why:** {i.rationale}", "", f"**Standard:** {i.standard}"]
        if r.definition:
            out += ["", "**Condition:**", "", "```yaml", _condition_yaml(r), "```"]
        out += ["", "**Examples:**", ""]
        out += [f"- fires on: {_example_text(c)}" for c in r.examples.get("match", [])]
        out += [f"- does not fire on: {_example_text(c)}" for c in r.examples.get("no_match", [])]
    return "\n".join(out) + "\n"
