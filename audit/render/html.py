"""The HTML report: one self-contained, offline page for a browser.

The stylesheet and script (report.css, report.js beside this module) are inlined, and the
Content-Security-Policy allows exactly those two by hash and nothing else: no remote load, no image,
no other script, even if something slipped through. Every value from the corpus goes through
`audit.escape.html`; the claim table's script reads its sort and filter keys from a JSON block, never
from page text. Provenance chains are drawn as HTML boxes, so no diagram library is needed.
"""
from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from audit import TOOL_NAME
from audit.escape.html import attribute, script_json, text
from audit.models import (
    UNKNOWN_OUTLET, AttributionKind, AuditResult, Claim, CorroborationStatus, Document, Finding, ResultIndex, ScoreBand,
    Severity,
)
from audit.render.formats import RenderOptions
from audit.render.report.changes import change_groups
from audit.render.report.figures import CONTESTS_CAP, VALUE_CLAIMS, contest_views
from audit.render.report.index import Index
from audit.render.report.words import MOVE_LABELS, first_few, plural

CLAIM_CAP = 2000         # rows of the claim table
CHECK_FIRST = 5          # claims in "check these first"
CHAIN_CAP = 50           # provenance chains
FINDINGS_CAP = 100       # distinct findings per article
CLAIM_CHARS = 160        # claim text in tables
TIMELINES_CAP = 5        # figure timelines
TIMELINE_ROWS = 12       # values per timeline: the first ones and the last
ASSETS = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def _asset(name: str) -> tuple[str, str]:
    """(content, CSP hash source) of report.css or report.js."""
    content = (ASSETS / name).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(content.encode("utf-8")).digest()).decode("ascii")
    return content, f"'sha256-{digest}'"


def render_html(result: AuditResult, options: RenderOptions = RenderOptions()) -> str:
    """The whole report as one HTML page."""
    report = Index.build(result)
    index = report.model
    worst_first = sorted(result.claims, key=lambda c: (c.score, CorroborationStatus(c.corroboration.status).rank, index.order[c.document],
                                                       c.index))
    css, css_hash = _asset("report.css")
    js, js_hash = _asset("report.js")
    policy = (f"default-src 'none'; style-src {css_hash}; script-src {js_hash}; base-uri 'none'; "
              "form-action 'none'")
    body = [_header(result), _summary(result, worst_first), _claim_table(index, worst_first),
            _chains(index, worst_first), _contests(index, report), _timelines(result), _changes(report),
            _outlets(result), _findings(index), _corpus(result)]
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="{TOOL_NAME}">',
        f"<title>Sourcing and provenance audit · {len(result.claims)} claims</title>",
        f"<style>{css}</style>", "</head>", "<body>", *body, f"<script>{js}</script>", "</body>", "</html>", ""])


# -- pieces ------------------------------------------------------------------------------------

def _short(value: str, limit: int = CLAIM_CHARS) -> str:
    one_line = " ".join(value.split())
    return one_line if len(one_line) <= limit else one_line[:limit - 1].rsplit(" ", 1)[0] + "…"


def _band(band: ScoreBand) -> str:
    return f'<span class="band band-{band.value}">{band.value}</span>'


def _score(claim: Claim) -> str:
    return f"<b>{claim.score:.0f}</b> {_band(claim.band)}"


def _quote(claim: Claim, limit: int = CLAIM_CHARS) -> str:
    short = _short(claim.text, limit)
    title = f' title="{attribute(claim.text)}"' if short != claim.text else ""
    return f"<q{title}>{text(short)}</q>"


def _where(document: Document, claim: Claim) -> str:
    return f'<span class="where">{text(document.path)}:{claim.line} · <code>{text(claim.id)}</code></span>'


def _attribution(claim: Claim) -> str:
    a = claim.attribution
    out = text(AttributionKind(a.kind).label)
    if a.source_label:
        out += ": " + text(_short(a.source_label, 60))
    if a.via:
        out += " via " + text(" ← ".join(a.via))
    return out


def _table(headers: Iterable[str], rows: Iterable[Iterable[str]], numeric: Iterable[int] = ()) -> str:
    """A table; cells must already be escaped. `numeric` columns are right-aligned."""
    right = set(numeric)
    head = "".join(f'<th{" class=num" if i in right else ""}>{h}</th>' for i, h in enumerate(headers))
    body = "\n".join("<tr>" + "".join(f'<td{" class=num" if i in right else ""}>{cell}</td>'
                                      for i, cell in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>"


def _tally(title: str, counts: Counter, labels: dict[str, str]) -> str:
    """Claims per value, in the order of `labels` (value -> what the reader sees)."""
    rows = [[text(label), str(counts[value])] for value, label in labels.items() if counts[value]]
    return _table([title, "claims"], rows, numeric=[1])


def _more(shown: int, total: int, what: str) -> str:
    return f'<p class="note">{total - shown} more {what} are in the JSON output.</p>' if total > shown else ""


# -- sections ----------------------------------------------------------------------------------

def _header(result: AuditResult) -> str:
    run = result.run
    return (f"<header><h1>Sourcing and provenance audit</h1>"
            f'<p class="meta">{len(result.claims)} claims in {len(result.documents)} documents · run '
            f"<code>{text(run.id)}</code> · {text(run.started)} · provenance-audit {text(run.tool_version)} · "
            f"rules <code>{text(run.rules_hash[:12])}</code></p></header>")


def _band_rows(claims: list[Claim]) -> list[list[str]]:
    """One row per score band: its name, its range, how many claims fall in it and a meter."""
    total = len(claims) or 1
    bands = Counter(c.band for c in claims)
    floors = [b.floor for b in ScoreBand]
    return [[_band(b), f"{b.floor:g} and above" if i == 0 else f"{b.floor:g} to under {floors[i - 1]:g}",
             str(bands[b]), f'<meter min="0" max="{total}" value="{bands[b]}"></meter>']
            for i, b in enumerate(ScoreBand)]


def _cards(result: AuditResult) -> list[tuple[object, str]]:
    """The headline figures: (value, label)."""
    claims = result.claims
    mean = sum(c.score for c in claims) / (len(claims) or 1)
    findings = Counter(f.severity for c in claims for f in c.findings if not f.suppressed)
    return [(len(result.documents), "documents"), (sum(d.words for d in result.documents), "words"),
            (len(claims), "claims"), (f"{mean:.1f} {_band(ScoreBand.of(mean))}", "mean score"),
            (", ".join(f"{findings[s]} {s}" for s in reversed(Severity) if findings[s]) or "none", "findings")]


def _summary(result: AuditResult, worst_first: list[Claim]) -> str:
    claims = result.claims
    band_rows = _band_rows(claims)
    cards = _cards(result)
    first = [f"<li>{_score(c)} {_quote(c, 120)} — {text(c.corroboration.status)}; "
             f"{text(', '.join(c.signals) or 'no signal')}</li>" for c in worst_first[:CHECK_FIRST]]
    return "\n".join([
        '<section id="summary"><h2>Summary</h2>',
        '<div class="cards">' + "".join(f'<div class="card"><b>{value}</b>{label}</div>' for value, label in cards)
        + "</div>",
        '<p class="note">Each claim starts at 100; every finding multiplies it by (1 − weight). The band names '
        "a score range: strong, fair, weak, poor.</p>",
        '<div class="tallies">',
        _table(["band", "score", "claims", "share"], band_rows, numeric=[2]),
        _tally("corroboration", Counter(c.corroboration.status for c in claims),
               {s: s.value for s in sorted(CorroborationStatus, key=lambda s: s.rank)}),
        _tally("attribution", Counter(c.attribution.kind for c in claims), {k: k.label for k in AttributionKind}),
        "</div>",
        f"<h3>Check these first</h3><ol>{''.join(first) or '<li>No claims.</li>'}</ol>",
        _joined(result), "</section>"])


def _joined(result: AuditResult) -> str:
    """The stored articles, not among the files read, that took part in corroboration."""
    if not result.joined:
        return ""
    files = ", ".join(f"<code>{text(p)}</code>" for p in result.joined[:CHECK_FIRST])
    rest = f" and {len(result.joined) - CHECK_FIRST} more" if len(result.joined) > CHECK_FIRST else ""
    return (f'<p class="note">Also compared with {plural(len(result.joined), "earlier article")} from the store, '
            f"not among these files (run <code>{text(str(result.context_run))}</code>): {files}{rest}. Corroboration, echoes, "
            "updates and conflicts count them; <code>--no-store</code> audits these files alone.</p>")


def _contests(index: ResultIndex, report: Index) -> str:
    """Counts that reports give conflicting values for, each value with the claims, sources and outlets
    giving it; then statements one claim contradicts."""
    found, statements = contest_views(report)
    if not found and not statements:
        return ""
    blocks = []
    for n, contest in enumerate(found[:CONTESTS_CAP], 1):
        rows = [[text(v.figure), str(len(v.claims)), _cited(index, v.claims), _sources(v.claims),
                 text(", ".join(v.outlets)), text(v.as_of)] for v in contest.values]
        blocks.append(f"<h3>Contest {n}: {text(contest.frame)}</h3>"
                      + _table(["value", "claims", "giving it", "sources", "outlets", "as of"], rows, numeric=[1])
                      + (f'<p class="note">Why they conflict, for example: {text(contest.why)}</p>' if contest.why else ""))
    if statements:
        rows = [[f"{_quote(c, 80)} {_where(index.documents[c.document], c)}", _attribution(c),
                 f"{_quote(o, 80)} {_where(index.documents[o.document], o)}", _attribution(o),
                 text(" · ".join(reasons) or "—")] for c, o, reasons in statements[:CONTESTS_CAP]]
        blocks.append("<h3>Statements contradicted</h3>"
                      + _table(["claim", "source", "contradicted by", "source", "why"], rows)
                      + _more(len(rows), len(statements), "contradicted statements"))
    return ('<section id="contests"><h2>Contested figures</h2><p class="note">Counts that reports give conflicting '
            "values for: the same measure of the same people, in the same place and as of about the same date, "
            "where the values cannot all be right.</p>" + "".join(blocks)
            + _more(CONTESTS_CAP, len(found), "contested counts") + "</section>")


def _cited(index: ResultIndex, claims: list[Claim]) -> str:
    """The first few claims giving a value, each with its file:line, and how many more."""
    return first_few([f"{_quote(c, 80)} {_where(index.documents[c.document], c)}" for c in claims], VALUE_CLAIMS,
                     "<br>", "<br>and ")


def _sources(claims: list[Claim]) -> str:
    """The sources of the claims giving a value, each once: the first few, and how many more."""
    return first_few(list(dict.fromkeys(_attribution(c) for c in claims)), VALUE_CLAIMS, "; ", "; ")


def _changes(report: Index) -> str:
    """What changed since the previous run, when something did."""
    groups = change_groups(report)
    if not groups:
        return ""
    blocks = []
    for label, total, items in groups:
        rows = []
        for item in items:
            said = f"<q>{text(_short(item.text, 120))}</q>" if item.text is not None else "—"
            now = ("no longer in the corpus" if item.removed
                   else f"{item.status}, {item.outlet}" + (f"; figures: {'; '.join(item.figures)}" if item.figures else ""))
            rows.append([said, text(now), f"<code>{text(item.id)}</code> {text(item.where)}"])
        blocks.append(f"<h3>{text(label)} ({total:,})</h3>" + _table(["claim", "now", "where"], rows)
                      + _more(len(items), total, "claims"))
    return (f'<section id="changes"><h2>Changes since the previous run</h2><p class="note">Compared with run '
            f"<code>{text(str(report.result.previous_run))}</code>.</p>" + "".join(blocks) + "</section>")


def _timelines(result: AuditResult) -> str:
    """Running counts reported on several dates: each value, who reported it and how it moved."""
    if not result.timelines:
        return ""
    blocks = []
    for t in result.timelines[:TIMELINES_CAP]:
        half = TIMELINE_ROWS // 2
        points = t.points if len(t.points) <= TIMELINE_ROWS else t.points[:half] + t.points[-half:]
        rows = [[text(p.as_of), text(p.text), text(", ".join(p.outlets) or "—"), str(len(p.claims)),
                 text(MOVE_LABELS.get(p.relation, "—") if p.relation else "—")] for p in points]
        title = " ".join(x for x in (t.population, t.measure) if x) + (f", {t.scope}" if t.scope else "")
        blocks.append(f"<h3>{text(title)}</h3>" + _table(["as of", "value", "outlets", "claims", "change"], rows,
                                                            numeric=[3])
                      + _more(len(points), len(t.points), "values of this count"))
    return ('<section id="timelines"><h2>Figure timelines</h2><p class="note">Each value on the date it was reported '
            "as of, who reported it, and how it moved from the value before (a rise is an update, not a conflict)."
            "</p>" + "".join(blocks) + _more(TIMELINES_CAP, len(result.timelines), "timelines") + "</section>")


def _claim_table(index: ResultIndex, worst_first: list[Claim]) -> str:
    shown = worst_first[:CLAIM_CAP]
    outlets = sorted({index.publisher(c) for c in shown})
    signals = sorted({s for c in shown for s in c.signals})
    rows, data = [], {}
    for c in shown:
        document = index.documents[c.document]
        rows.append(f'<tr data-claim="{attribute(c.id)}"><td class="num">{_score(c)}</td>'
                    f"<td>{_quote(c)}<br>{_where(document, c)}</td><td>{text(index.publisher(c))}</td>"
                    f"<td>{_attribution(c)}</td><td>{text(c.corroboration.status)}</td>"
                    f'<td class="signals">{text(", ".join(c.signals))}</td></tr>')
        search = " ".join([c.text, c.attribution.source_label or "", *c.attribution.via, document.path])
        data[c.id] = {"score": c.score, "status_rank": CorroborationStatus(c.corroboration.status).rank,
                      "kind": AttributionKind(c.attribution.kind).label, "outlet": index.publisher(c), "signals": c.signals, "search": search.lower()}

    def choice(element_id: str, label: str, values: list[str]) -> str:
        options = "".join(f'<option value="{attribute(v)}">{text(v)}</option>' for v in values)
        return (f'<label>{label}<select id="{element_id}"><option value="">all</option>{options}</select>'
                "</label>")
    sortable = '<th{}><button type="button" data-sort="{}">{}</button></th>'
    return "\n".join([
        '<section id="claims"><h2>Claims</h2>',
        '<p class="note">Worst-sourced first. Sort by a column header; filter by text, outlet or signal.</p>',
        '<div class="filters"><label>Text<input id="filter-text" type="search" placeholder="claim, source, file">'
        "</label>" + choice("filter-outlet", "Outlet", outlets) + choice("filter-signal", "Signal", signals)
        + f'<span id="claims-shown" aria-live="polite">{len(shown)} of {len(shown)} claims shown</span></div>',
        '<table id="claim-table"><thead><tr>' + sortable.format(' class="num" aria-sort="ascending"', "score", "Score")
        + "<th>Claim</th><th>Outlet</th>" + sortable.format("", "kind", "Attribution")
        + sortable.format("", "status", "Status") + "<th>Signals</th></tr></thead><tbody>",
        *rows, "</tbody></table>", _more(len(shown), len(worst_first), "claims"),
        f'<script type="application/json" id="claim-data">{script_json(data)}</script>', "</section>"])


def _chain(index: ResultIndex, claim: Claim) -> str:
    steps = []
    for step in index.chain(claim):
        role = AttributionKind(step.kind).label if step.kind else step.role.value
        steps.append(f'<li class="{step.role.value}"><span class="box"><span class="role">{text(role)}</span>'
                     f"{text(step.name)}</span></li>")
    return f'<ol class="chain">{"".join(steps)}</ol>'


def _chains(index: ResultIndex, worst_first: list[Claim]) -> str:
    figures, drawn = [], set()
    for c in worst_first:
        if c.id in drawn or not (c.attribution.via or c.corroboration.links):
            continue
        linked = [(link, index.claims[link.claim]) for link in c.corroboration.links if link.claim in index.claims]
        drawn.update([c.id, *(other.id for _, other in linked)])
        versions = "".join(
            f"<li>{text(link.relation)}: {_quote(other, 100)} {text(index.publisher(other))}, "
            f"{_where(index.documents[other.document], other)}{_chain(index, other)}</li>" for link, other in linked)
        figures.append(
            f"<figure><figcaption>{_score(c)} {_quote(c, 120)} {_where(index.documents[c.document], c)} · "
            f"{text(c.corroboration.status)}, {c.corroboration.independent_origins} independent origin(s)"
            f"</figcaption>{_chain(index, c)}" + (f"<ul>{versions}</ul>" if versions else "") + "</figure>")
    return "\n".join([
        '<section id="chains"><h2>Provenance chains</h2>',
        '<p class="note">Origin → source → relaying outlets → publishing outlet (double border), worst claims '
        "first; versions of the claim in other articles below it.</p>",
        *(figures[:CHAIN_CAP] or ["<p>No claim was relayed through another outlet or matched in another article.</p>"]),
        _more(min(len(figures), CHAIN_CAP), len(figures), "chains"), "</section>"])


def _outlets(result: AuditResult) -> str:
    if len(result.by_outlet) < 2:
        return ""

    def share(n: int, total: int) -> str:
        return f"{100 * n / total:.0f}%" if total else "—"
    rows = [[text(m.name), str(m.documents), str(m.claims), f"{m.mean_score:.1f}", share(m.named, m.claims),
             share(m.anonymous, m.claims), share(m.second_hand, m.claims), share(m.unattributed, m.claims)]
            for m in sorted(result.by_outlet, key=lambda m: (m.mean_score, m.name))]
    return ('<section id="outlets"><h2>Sourcing mix per outlet</h2>'
            + _table(["outlet", "documents", "claims", "mean score", "named", "anonymous", "second-hand",
                      "unattributed"], rows, numeric=range(1, 8)) + "</section>")


def _findings(index: ResultIndex) -> str:
    by_document: dict[str, list[Finding]] = {}
    for c in index.result.claims:
        by_document.setdefault(c.document, []).extend(f for f in c.findings if not f.suppressed)
    blocks = []
    for document in index.result.documents:
        repeats = Counter((f.evidence.start, f.evidence.end, f.rule) for f in by_document.get(document.id, []))
        distinct = {(f.evidence.start, f.evidence.end, f.rule): f for f in by_document.get(document.id, [])}
        ordered = sorted(distinct.items(), key=lambda kv: (-Severity(kv[1].severity).rank, kv[0]))
        rows = [[text(f.severity), f"<code>{text(f.rule)}</code>", text(f.message),
                 f"<q>{text(_short(f.evidence.text, 140))}</q>", str(document.position(f.evidence.start)[0]),
                 str(repeats[key])] for key, f in ordered[:FINDINGS_CAP]]
        blocks.append(f"<details><summary><b>{text(document.path)}</b> · {text(document.outlet or UNKNOWN_OUTLET)}"
                      f" · {len(distinct)} finding(s)</summary>"
                      + (_table(["severity", "rule", "message", "evidence", "line", "×"], rows, numeric=[4, 5])
                         if rows else "<p>No findings.</p>")
                      + _more(min(len(ordered), FINDINGS_CAP), len(ordered), "findings") + "</details>")
    return '<section id="findings"><h2>Findings per article</h2>' + "\n".join(blocks) + "</section>"


def _corpus(result: AuditResult) -> str:
    claims = Counter(c.document for c in result.claims)
    rows = [[text(d.location), text(d.title or "—"), text(d.outlet or "—"), text(d.date or d.published or "—"),
             str(d.words), str(claims[d.id])] for d in result.documents]
    skipped = "".join(f"<li>{text(s.path)}{':' + str(s.line) if s.line else ''}: {text(s.error)}</li>"
                      for s in result.skipped)
    return ('<section id="corpus"><h2>Corpus</h2>'
            + _table(["file", "title", "outlet", "published", "words", "claims"], rows, numeric=[4, 5])
            + (f"<h3>Skipped</h3><ul>{skipped}</ul>" if skipped else "") + "</section>")
