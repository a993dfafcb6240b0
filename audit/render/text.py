"""Plain-text renderers for the terminal: findings (concise, full, grouped), JSON Lines, the run
summary and one claim in full. Colour (ANSI) only when asked for: the CLI asks on a terminal. Every
value from the corpus (paths, text, metadata, messages quoting them) goes through escape_line, so it
cannot inject control sequences or a CI workflow command."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ..codec import to_json_after
from ..escape.terminal import escape_line
from ..models import SCHEMA_VERSION, AuditResult, Claim, Document, Finding, Quantity, Severity
from .formats import RenderOptions
from .report.words import plural

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
    out.sort(key=lambda x: (order[x.doc.id], x.line, x.col, -Severity(x.finding.severity).rank, x.finding.rule))
    return out


def _paint(text: str, what: str, colour: bool) -> str:
    return f"\x1b[{_COLOURS[what]}m{text}\x1b[0m" if colour else text


def _short(text: str, width: int = 100) -> str:
    """The text on one line, escaped, cut to about `width` characters."""
    text = " ".join(text.split())
    return escape_line(text if len(text) <= width else text[: width - 1] + "…")


def render_text(result: AuditResult, options: RenderOptions = RenderOptions()) -> str:
    """Concise: one line per finding, `path:line:col: severity [rule] message (claim id)`, then the summary."""
    lines = [_headline(x, options.colour) for x in located_findings(result)]
    if lines:
        lines.append("")
    return "\n".join([*lines, render_summary(result)]) + "\n"


def _headline(x: Located, colour: bool) -> str:
    f = x.finding
    where = f"{escape_line(x.doc.path)}:{x.line}:{x.col}:"
    return (f"{_paint(where, 'path', colour)} {_paint(f.severity, f.severity, colour)} "
            f"[{_paint(f.rule, 'rule', colour)}] {escape_line(f.message)}  {_paint(f'(claim {x.claim.id})', 'dim', colour)}")


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
            note += f" (mitigated: {escape_line(f.mitigation)})"
        out.append(f"{gutter} = {note}")
        if f.standard:
            out.append(f"{gutter} = standard: {escape_line(f.standard)}")
        out.append("")
    out.append(render_summary(result))
    return "\n".join(out) + "\n"


def _excerpt(x: Located, width: int = 100) -> tuple[str, str]:
    """The document line holding the evidence, cut to `width` around it and escaped, and a caret
    underline (measured on the escaped text)."""
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
    before, marked, after = (escape_line(text[i:j].replace("\t", " "))
                             for i, j in ((lo, start), (start, min(end, hi)), (min(end, hi), hi)))
    caret = " " * (len(prefix) + len(before)) + "^" * max(len(marked), 1)
    return prefix + before + marked + after + suffix, caret


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
            out.append(_paint(escape_line(current), "path", colour))
        f = x.finding
        where = f"{x.line}:{x.col}"
        out.append(f"  {where:<9} {_paint(f'{f.severity:<7}', f.severity, colour)}  "
                   f"{_paint(f'{f.rule:<{width}}', 'rule', colour)}  {escape_line(f.message)}")
    if out:
        out.append("")
    out.append(render_summary(result))
    return "\n".join(out) + "\n"


def render_jsonl(result: AuditResult, options: RenderOptions = RenderOptions()) -> Iterator[bytes]:
    """JSON Lines: one claim per line, as in the JSON contract, after schema_version and its document's
    path; UTF-8, a line at a time."""
    paths = {d.id: d.path for d in result.documents}
    for c in result.claims:
        yield to_json_after({"schema_version": SCHEMA_VERSION, "path": paths[c.document]}, c) + b"\n"


def render_summary(result: AuditResult) -> str:
    claims = result.claims
    kinds = Counter(c.attribution.kind for c in claims)
    statuses = Counter(c.corroboration.status for c in claims)
    findings = Counter(f.severity for c in claims for f in c.findings if not f.suppressed)
    suppressed = sum(f.suppressed for c in claims for f in c.findings)
    mean = sum(c.score for c in claims) / len(claims) if claims else 100.0
    words = sum(d.words for d in result.documents)
    parts = [
        f"{plural(len(result.documents), 'document')}, {plural(words, 'word')}, {plural(len(claims), 'claim')}, "
        f"mean score {mean:.1f}",
        "attribution: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()),
        "corroboration: " + ", ".join(f"{k} {n}" for k, n in statuses.most_common()),
        "findings: " + (", ".join(f"{findings[s]} {s}" for s in reversed(Severity) if findings[s])
                        or "none") + (f" ({suppressed} suppressed)" if suppressed else ""),
    ]
    if result.skipped:
        parts.append(f"skipped {plural(len(result.skipped), 'input')} (files or JSON Lines records)")
    if result.run.reused:
        parts.append(f"{result.run.reused} unchanged document(s) reused from the store")
    return "\n".join(parts)


def render_claim(claim: Claim, doc: Document, claims: dict[str, Claim], docs: dict[str, Document], *,
                 run: str | None = None, width: int = 100, colour: bool = False) -> str:
    """Everything about one claim, for `audit show`: lines wrapped to `width` under their label,
    findings most severe first, ANSI colour if `colour`; the stored run it was read from, if given."""
    where = f"{escape_line(doc.path)}:{claim.line}:{claim.col}"
    lines = [(_paint(f"claim {claim.id}", "path", colour) + f"  {where}"
              + ("  (headline)" if claim.is_headline else ""), 2),
             (f"  {escape_line(' '.join(claim.text.split()))}", 2), ("", 0),
             (f"outlet:      {escape_line(doc.outlet or 'unknown')}   "
              f"published: {escape_line(doc.published or 'unknown')}", 13),
             *([(f"run:         {escape_line(run)} (the stored run it is read from)", 13)] if run else []),
             *((line, 13) for line in _attribution_lines(claim, doc)), ("", 0), (f"score {claim.score:g}/100", 0),
             *((f"  -{item.points:5.1f}  {item.rule} (weight {item.weight:g})", 4) for item in claim.ledger),
             ("", 0), ("findings:" if claim.findings else "findings: none", 0),
             *_finding_lines(claim, doc, colour), ("", 0), *_corroboration_lines(claim, claims, docs)]
    return "\n".join(wrapped for text, indent in lines for wrapped in _fill(text, width, indent))


def _fill(text: str, width: int, indent: int) -> list[str]:
    """One line wrapped at spaces to `width`, continuation lines indented by `indent`."""
    import textwrap

    return textwrap.wrap(text, width, subsequent_indent=" " * indent, break_long_words=False,
                         break_on_hyphens=False) or [text]


def _attribution_lines(claim: Claim, doc: Document) -> list[str]:
    """Who the claim is attributed to, through whom, how anonymous, and its figures."""
    a = claim.attribution
    out = [f"attribution: {a.kind}" + (f" — \"{escape_line(a.source)}\"" if a.source else "")
           + (f" (cue \"{escape_line(a.cue)}\")" if a.cue else "") + (" [carried over]" if a.inherited else ""),
           "chain:       " + " ← ".join(map(escape_line, [doc.outlet or "this article", *a.via,
                                                           a.source or "(nobody named)"]))]
    out += [f"also:        {b.kind}" + (f" — \"{escape_line(b.source)}\"" if b.source else "")
            + f" (cue \"{escape_line(b.cue or '')}\")" + (" [nested in a quotation]" if b.nested else "")
            for b in claim.attributions if b != a]
    if a.actor:
        out.append(f"speaks for:  {escape_line(a.actor)}")
    if n := a.anonymity:
        out.append(f"anonymity:   role given: {'yes' if n.role_given else 'no'}; "
                   f"affiliation: {escape_line(n.affiliation or 'none')}; "
                   f"reason given: {'yes' if n.reason_given else 'no'}"
                   + (f" (\"{escape_line(n.reason.text)}\")" if n.reason else ""))
    return out + _figure_lines(claim.quantities)


def _figure_lines(quantities: list[Quantity]) -> list[str]:
    """The figures as read, then each one's frame: measure, population, scope, site, as of, tally, incident."""
    if not quantities:
        return []
    out = ["figures:     " + "; ".join(
        f"{escape_line(q.text)} [{_bound(q.low)}, {_bound(q.high)}]{' ' + escape_line(q.unit) if q.unit else ''}"
        for q in quantities)]
    for q in quantities:
        fields = (("measure", q.measure), ("population", q.population), ("scope", q.scope), ("site", q.site),
                  ("as of", q.as_of), ("tally", q.tally), ("incident", q.incident))
        if q.measure:
            out.append(f"  frame:     {escape_line(q.text)}: "
                       + ", ".join(f"{name} {escape_line(value)}" for name, value in fields if value))
    return out


def _finding_lines(claim: Claim, doc: Document, colour: bool) -> list[tuple[str, int]]:
    """Each finding, most severe and heaviest first: severity, rule, message, evidence, mitigation, standard."""
    out = []
    for f in sorted(claim.findings, key=lambda f: (-Severity(f.severity).rank, -f.weight, f.rule)):
        line, col = doc.position(f.evidence.start) if f.evidence.start >= 0 else (claim.line, claim.col)
        out.append((f"  {_paint(f'{f.severity:7}', f.severity, colour)} [{_paint(f.rule, 'rule', colour)}] "
                    f"{escape_line(f.message)}" + ("  (suppressed)" if f.suppressed else ""), 10))
        out.append((f"          evidence: \"{_short(f.evidence.text, 120)}\" at {escape_line(doc.path)}:{line}:{col}",
                    20))
        if f.mitigation:
            out.append((f"          mitigated: {escape_line(f.mitigation)}", 21))
        out.append((f"          standard: {escape_line(f.standard)}", 20))
    return out


def _corroboration_lines(claim: Claim, claims: dict[str, Claim], docs: dict[str, Document]) -> list[tuple[str, int]]:
    """The corroboration status, then each link with the claim it leads to and why."""
    c = claim.corroboration
    out = [(f"corroboration: {c.status}, {c.independent_origins} independent origin(s)"
            + (f", origin: {escape_line(c.origin)}" if c.origin else "")
            + (" — every origin is a party" if c.party_only else ""), 15)]
    for link in c.links:
        other = claims.get(link.claim)
        where = ""
        if other is not None:
            od = docs.get(other.document)
            where = f"{escape_line(od.path if od else other.document)}:{other.line}  \"{_short(other.text, 90)}\""
        out.append((f"  {link.relation:12} {link.claim}  {where}", 15))
        out.append((f"               why: {escape_line(link.why)}", 20))
    return out


def _bound(value: float | None) -> str:
    if value is None:
        return "∞"
    return f"{value:g}"


# -- rules ----------------------------------------------------------------------------------------------

def _example_text(case: dict) -> str:
    docs = case.get("documents") or [{}]
    text = str(case.get("text") or docs[0].get("text", ""))
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
