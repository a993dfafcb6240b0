"""The Markdown report: one AuditResult -> a document that reads well rendered on GitHub.

Every section is one small function of a shared index over the result. The renderer only formats,
sorts, selects and counts what the result holds: scores, statuses, links, mixes and changes come from
the pipeline and are never recomputed here.

All text that comes from the corpus (claim text, evidence, titles, outlet names, paths, error messages)
goes through `escape_md` so that an article cannot inject Markdown, HTML, links or mentions; Mermaid
labels go through `escape_mermaid`.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

import yaml

from audit.models import (
    AttributionKind,
    AuditResult,
    Claim,
    CorroborationStatus,
    Document,
    Finding,
    LinkRelation,
    Quantity,
    SourcingMix,
)
from audit.render.formats import RenderOptions

from .text import SEVERITY_ORDER

LEDGER_CAP = 50          # rows of the claim ledger
CHAIN_CAP = 10           # Mermaid diagrams
LIST_CAP = 25            # items per list of weak claims
CONFLICT_CAP = 25        # contested-figure tables
FINDINGS_CAP = 150       # findings shown per article
DOCS_CAP = 200           # documents in the corpus table, findings section and manifest
CHANGES_CAP = 50         # claims listed per kind of change
CLAIM_CHARS = 90         # claim text in tables
JSON_HINT = "`audit scan --format json`"

ZWJ = "\u200d"

STATUS_ORDER = {CorroborationStatus.CONTRADICTED: 0, CorroborationStatus.CONTESTED: 1,
                CorroborationStatus.UNCORROBORATED: 2, CorroborationStatus.ECHO: 3, CorroborationStatus.CORROBORATED: 4}
KIND_LABEL = {
    AttributionKind.NAMED_PERSON: "named person",
    AttributionKind.NAMED_ORG: "named organisation",
    AttributionKind.OUTLET: "another outlet",
    AttributionKind.ANONYMOUS: "anonymous",
    AttributionKind.UNNAMED_GROUP: "unnamed group",
    AttributionKind.DOCUMENT: "document",
    AttributionKind.SELF: "outlet's own reporting",
    AttributionKind.NONE: "unattributed",
}
REPORTED = (LinkRelation.CORROBORATES, LinkRelation.ECHOES)      # links to other reports of the same claim
CHANGE_LABEL = {
    "new": "New claims",
    "new_claims": "New claims",
    "status_changed": "Corroboration status changed",
    "revised_figures": "Revised figures",
    "figures_revised": "Revised figures",
    "newly_conflicting": "Newly conflicting",
    "new_conflicts": "Newly conflicting",
    "removed": "No longer in the corpus",
    "gone": "No longer in the corpus",
}
CHANGE_ORDER = ("new", "new_claims", "status_changed", "revised_figures", "figures_revised",
                "newly_conflicting", "new_conflicts", "removed", "gone")


# -- escaping ----------------------------------------------------------------------------------

# Characters with inline meaning in CommonMark/GFM/GitHub ($ is GitHub math), escaped everywhere.
_MD_ESCAPE = {c: "\\" + c for c in "\\`*_[]()#|~$!"}
_MD_ESCAPE.update({"<": "&lt;", ">": "&gt;", "&": "&amp;"})
_HTML_ESCAPE = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;"}
_HTML_ESCAPE.update({c: f"&#{ord(c)};" for c in "\\`*[](){}#|~$!"})  # "_" is common in paths and inert
_SPACE = re.compile(r"\s+")
_SCHEME = re.compile(r"://")
_WWW = re.compile(r"(?i)\b(www)(\.)")
_ISSUE_REF = re.compile(r"#(?=\d)")
_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])(?= |$)")


def _flatten(text: object) -> str:
    """One line: control and separator characters become spaces, whitespace runs collapse."""
    s = "" if text is None else str(text)
    s = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in s)
    return _SPACE.sub(" ", s).strip()


def escape_md(text: object, *, html: bool = False) -> str:
    """Corpus text made inert for a Markdown report, on one line.

    Markdown context (default; table cells included): backslash-escape \\ ` * _ [ ] ( ) # | ~ $ !,
    entity-encode < > &, and escape - + = or an ordered-list marker at the start (the only place
    they mean anything once newlines are gone). `html=True` is for text inside raw HTML blocks such
    as `<summary>`, where backslashes would show: & < > " ' and the Markdown punctuation above become
    character references instead.
    Both contexts break autolinks (`://`, `www.`), @mentions and #123 issue references with a
    zero-width joiner, which GitHub's post-processing would otherwise link.
    """
    s = _flatten(text)
    s = _SCHEME.sub(":" + ZWJ + "//", s)
    s = _WWW.sub(lambda m: m.group(1) + ZWJ + m.group(2), s)
    s = s.replace("@", "@" + ZWJ)
    s = _ISSUE_REF.sub("#" + ZWJ, s)
    if html:
        return "".join(_HTML_ESCAPE.get(ch, ch) for ch in s)
    lead = ""
    if s[:1] in ("-", "+", "="):
        lead, s = "\\" + s[0], s[1:]
    else:
        m = _ORDERED_MARKER.match(s)
        if m and m.group(2) == ".":
            lead, s = m.group(1) + "\\.", s[m.end():]
    return lead + "".join(_MD_ESCAPE.get(ch, ch) for ch in s)


def escape_mermaid(text: object, limit: int = 48) -> str:
    """A Mermaid node label (to be put in double quotes): special characters as #code; entities."""
    s = shorten(text, limit)
    return "".join(
        "#quot;" if ch == '"' else f"#{ord(ch)};" if ch in "#;[](){}<>&|`\\" else ch for ch in s
    )


def shorten(text: object, limit: int) -> str:
    """One line of at most `limit` characters, cut at a word boundary with an ellipsis."""
    s = _flatten(text)
    if len(s) <= limit:
        return s
    cut = s[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def code(text: object) -> str:
    """An inline code span for identifiers; falls back to escaped text if a code span would be unsafe."""
    s = _flatten(text)
    if s and re.fullmatch(r"[\w.:/+=-]+", s) and "://" not in s:
        return f"`{s}`"
    return escape_md(s)


# -- formatting helpers ------------------------------------------------------------------------

def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _pct(n: int, total: int) -> str:
    return f"{100 * n / total:.0f}%" if total else "—"


def _score(x: float | None) -> str:
    return "—" if x is None else f"{x:.0f}"


def _mean(x: float | None) -> str:
    return "—" if x is None else f"{x:.1f}"


def _number(x: float) -> str:
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def _finite(x: float | None) -> float | None:
    return x if x is not None and math.isfinite(x) else None


def _interval(q: Quantity) -> str:
    low, high = _finite(q.low), _finite(q.high)
    if low is not None and low == high:
        return f"= {_number(low)}"
    lo = "−∞" if low is None else _number(low)
    hi = "∞" if high is None else _number(high)
    return f"{'(' if low is None else '['}{lo}, {hi}{')' if high is None else ']'}"


def _quantity(q: Quantity) -> str:
    """The figure as written, then how it was read: "about 240 [216, 264] (israelis)"."""
    out = escape_md(q.text)
    low, high = _finite(q.low), _finite(q.high)
    if not (low is not None and low == high):
        out += " " + escape_md(_interval(q))
    if q.unit:
        out += f" \\({escape_md(q.unit)}\\)"
    return out


def _table(headers: list[str], rows: Iterable[list[str]], align: str = "") -> list[str]:
    """A GFM table; cells must already be escaped. `align` holds l/r/c per column."""
    marks = {"l": ":--", "r": "--:", "c": ":-:"}
    out = ["| " + " | ".join(headers) + " |",
           "| " + " | ".join(marks.get(a, "---") for a in align.ljust(len(headers), "l")) + " |"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def _more(shown: int, total: int, what: str) -> list[str]:
    if total <= shown:
        return []
    return ["", f"*{total - shown} more {what} not shown; {JSON_HINT} lists them all.*"]


# -- index over the result ---------------------------------------------------------------------

@dataclass
class _Index:
    result: AuditResult
    docs: dict[str, Document] = field(default_factory=dict)
    doc_order: dict[str, int] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    claims_by_doc: dict[str, list[Claim]] = field(default_factory=dict)
    by_doc_mix: dict[str, SourcingMix] = field(default_factory=dict)
    worst_first: list[Claim] = field(default_factory=list)

    @classmethod
    def build(cls, result: AuditResult) -> "_Index":
        ix = cls(result)
        ix.docs = {d.id: d for d in result.documents}
        ix.doc_order = {d.id: i for i, d in enumerate(result.documents)}
        ix.claims = {c.id: c for c in result.claims}
        for c in result.claims:
            ix.claims_by_doc.setdefault(c.document, []).append(c)
        for m in result.by_document:
            ix.by_doc_mix[m.name] = m
        ix.worst_first = sorted(result.claims, key=ix.badness)
        return ix

    def badness(self, c: Claim) -> tuple:
        return (c.score, STATUS_ORDER.get(c.corroboration.status, 5),
                self.doc_order.get(c.document, 1 << 30), c.index, c.start)

    def doc(self, c: Claim) -> Document | None:
        return self.docs.get(c.document)

    def doc_mix(self, d: Document) -> SourcingMix | None:
        return self.by_doc_mix.get(d.id) or self.by_doc_mix.get(d.path)

    def outlet(self, c: Claim) -> str:
        d = self.doc(c)
        return (d.outlet if d else None) or "unknown outlet"

    def where(self, c: Claim) -> str:
        d = self.doc(c)
        return escape_md(f"{d.path if d else c.document}:{c.line}")

    def ref(self, c: Claim) -> str:
        """Claim id and file:line, the way every section cites a claim."""
        return f"{code(c.id)} · {self.where(c)}"

    def linked(self, c: Claim, relations: tuple[LinkRelation, ...]) -> list[Claim]:
        out = []
        for k in c.corroboration.links:
            other = self.claims.get(k.claim)
            if other is not None and k.relation in relations and other not in out:
                out.append(other)
        return out


def _source_label(c: Claim) -> str | None:
    """The source as the article first described it (an inherited "the source" shows its descriptor)."""
    a = c.attribution
    if a.inherited and a.anonymity and a.anonymity.descriptor:
        return a.anonymity.descriptor
    return a.source


def _attribution(c: Claim, limit: int = 48) -> str:
    a = c.attribution
    out = escape_md(KIND_LABEL.get(a.kind, a.kind))
    source = _source_label(c)
    if source:
        out += ": " + escape_md(shorten(source, limit))
    via = [v for v in a.via if _same_name_key(v) != _same_name_key(source or "")]     # "CNN via CNN" says it once
    if via:
        out += " via " + escape_md(" ← ".join(via))
    return out


def _quote(c: Claim, limit: int = CLAIM_CHARS) -> str:
    return "“" + escape_md(shorten(c.text, limit)) + "”"


def _affiliation(d: Document | None) -> str | None:
    if d is None:
        return None
    return d.get("affiliation") or d.get("outlet_affiliation") or d.get("ownership")


def _outlet_label(ix: _Index, d: Document | None) -> str:
    name = escape_md((d.outlet if d else None) or "unknown outlet")
    aff = _affiliation(d)
    return f"{name} ({escape_md(aff)})" if aff else name


# -- sections ----------------------------------------------------------------------------------

def front_matter(ix: _Index) -> str:
    r = ix.result
    inputs = r.run.inputs or [{"path": d.path, "sha256": d.sha256} for d in r.documents]
    data = {
        "tool": "provenance-audit",
        "version": r.run.tool_version,
        "run": r.run.id,
        "started": r.run.started,
        "rules_hash": r.run.rules_hash,
        "previous_run": r.previous_run,
        "inputs": [{"path": i.get("path"), "sha256": i.get("sha256")} for i in inputs],
    }
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1 << 16)
    return "---\n" + body + "---"


def title(ix: _Index) -> str:
    r = ix.result
    return (f"# Sourcing and provenance audit\n\n"
            f"{len(r.claims)} claims in {len(r.documents)} documents · run {code(r.run.id)} · "
            f"{escape_md(r.run.started)} · provenance-audit {escape_md(r.run.tool_version)}")


def _callout_claim(ix: _Index) -> Claim | None:
    """The most consequential uncorroborated claim: one with a definite figure or a party source
    first, then the lowest score."""
    def consequential(c: Claim) -> bool:
        has_figure = any(not q.vague for q in c.quantities)
        party = c.corroboration.party_only or "party_source" in c.signals
        return has_figure or party

    pool = [c for c in ix.worst_first if c.corroboration.status == CorroborationStatus.UNCORROBORATED]
    if not pool:
        return None
    return min(pool, key=lambda c: (not consequential(c),) + ix.badness(c))


def bottom_line(ix: _Index) -> str:
    r = ix.result
    n = len(r.claims)
    status = Counter(c.corroboration.status for c in r.claims)
    anonymous = sum(c.attribution.kind == AttributionKind.ANONYMOUS for c in r.claims)
    second = sum(c.attribution.second_hand for c in r.claims)
    party_only = sum(c.corroboration.party_only for c in r.claims)
    outlets = {d.outlet for d in r.documents if d.outlet}
    lines = ["## Bottom line", ""]
    lines.append(f"- **{n} claims** audited in {len(r.documents)} documents from {len(outlets)} named outlets.")
    lines.append(f"- **{_pct(anonymous, n)}** rest on anonymous sources ({anonymous} of {n}).")
    lines.append(f"- **{_pct(second, n)}** are second-hand, relayed from another outlet ({second} of {n}).")
    lines.append(f"- **{status[CorroborationStatus.UNCORROBORATED]} uncorroborated**, "
                 f"**{status[CorroborationStatus.ECHO]} echo-only** (repeated, but from one origin), "
                 f"**{status[CorroborationStatus.CONTESTED] + status[CorroborationStatus.CONTRADICTED]} "
                 f"contested or contradicted**; {party_only} rest only on parties to the conflict.")
    mixes = [m for m in r.by_outlet if m.claims]
    if mixes:
        worst = min(mixes, key=lambda m: (m.mean_score, m.name))
        lines.append(f"- Weakest-sourced outlet: **{escape_md(worst.name)}**, mean score "
                     f"{_mean(worst.mean_score)} over {worst.claims} claims.")
    lines.append("")
    c = _callout_claim(ix)
    if c is None:
        lines += ["> [!NOTE]", "> No claim is uncorroborated: each has at least one other report."]
        return "\n".join(lines)
    d = ix.doc(c)
    figures = "; ".join(_quantity(q) for q in c.quantities if not q.vague)
    lines += [
        "> [!WARNING]",
        f"> **Most consequential uncorroborated claim**: score {_score(c.score)}, "
        f"{_outlet_label(ix, d)}, {escape_md((d.published if d else None) or 'date unknown')}, {ix.ref(c)}",
        ">",
        f"> “{escape_md(shorten(c.text, 400))}”",
        ">",
        f"> Source: {_attribution(c, 80)}. Signals: {escape_md(', '.join(c.signals) or 'none')}."
        + (f" Figures: {figures}." if figures else ""),
    ]
    return "\n".join(lines)


def scope_and_method(ix: _Index) -> str:
    r = ix.result
    words = sum(d.words for d in r.documents)
    lines = ["## Scope and method", "",
             f"**Read:** {len(r.documents)} documents, {words:,} words, {len(r.claims)} claims "
             f"(sentences and headlines carrying a checkable statement)."]
    if r.run.reused:
        lines[-1] += f" Stored analysis was reused for {_plural(r.run.reused, 'unchanged document')}."
    if r.skipped:
        lines += ["", f"**Skipped {_plural(len(r.skipped), 'file')}:**", ""]
        for s in r.skipped:
            where = f"{s.path}:{s.line}" if s.line else s.path
            lines.append(f"- {escape_md(where)}: {escape_md(s.error)}")
    else:
        lines += ["", "No input file was skipped."]
    lines += [
        "",
        "**What this audit cannot judge.** Whether a claim is true; whether a source exists, is who the "
        "article says, or said what is quoted; anything that would need the network (the original "
        "reports an article cites, social-media posts, later corrections). It describes how each claim "
        "is sourced and who else reports it, offline and reproducibly.",
        "",
        "**Scores.** Each claim starts at 100 (best sourced). Every finding that is not suppressed "
        "multiplies it by (1 − weight): score = 100 × Π(1 − wᵢ). Weights come from the rules (appendix); "
        "disclosed mitigation (\"could not be independently verified\", a named second source) lowers a "
        "finding's weight rather than hiding it.",
    ]
    weights = sorted({i.weight for c in r.claims for i in c.ledger})
    if weights:
        lines[-1] += f" Weights applied in this run range from {weights[0]:g} to {weights[-1]:g}."
    example = next((c for c in ix.worst_first if len(c.ledger) >= 2), None) or \
        next((c for c in ix.worst_first if c.ledger), None)
    if example is not None:
        steps = " ".join(f"− {i.points:.1f} ({code(i.rule)}, w={i.weight:g})" for i in example.ledger)
        lines[-1] += f" For example, {code(example.id)}: 100 {steps} = {_score(example.score)}."
    lines += [
        "",
        "**Corroboration** counts independent origins, not outlets: ten outlets relaying one source are "
        "one origin. *corroborated*: another independent origin reports a compatible version; *echo*: "
        "others report it, all from the same origin; *uncorroborated*: nobody else; *contradicted*: an "
        "independent origin conflicts; *contested*: both.",
    ]
    return "\n".join(lines)


def corpus(ix: _Index) -> str:
    r = ix.result
    rows = []
    for d in r.documents[:DOCS_CAP]:
        mix = ix.doc_mix(d)
        n = len(ix.claims_by_doc.get(d.id, ()))
        title_cell = escape_md(shorten(d.title or "(untitled)", 70)) + "<br>" + escape_md(d.path)
        rows.append([
            title_cell,
            _outlet_label(ix, d),
            escape_md(d.published or "—"),
            f"{d.words:,}",
            str(n),
            _mean(mix.mean_score) if mix else "—",
            "—" if d.readability is None else f"{d.readability:.0f}",
        ])
    lines = ["## Corpus", ""]
    lines += _table(["Document", "Outlet", "Published", "Words", "Claims", "Mean score", "Readability"],
                    rows, "lllrrrr")
    lines += _more(min(len(r.documents), DOCS_CAP), len(r.documents), "documents")
    lines += ["", "*Readability is Flesch reading ease of the audited text (higher is easier).*"]
    return "\n".join(lines)


def _published(ix: _Index, c: Claim) -> str | None:
    d = ix.doc(c)
    return d.published if d and d.published else None


def _first_seen(ix: _Index, c: Claim) -> str:
    """Among the claim and the versions it corroborates or echoes, the one published first."""
    pool = [c] + ix.linked(c, REPORTED)
    first = min(pool, key=lambda x: (_published(ix, x) is None, _published(ix, x) or "", x is not c,
                                     ix.doc_order.get(x.document, 0)))
    date = _published(ix, first)
    out = f"{escape_md(ix.outlet(first))}, {escape_md(date or 'date unknown')}"
    if date and any(_published(ix, x) is None for x in pool):
        out += " (earliest dated)"
    return out


def _carriers(ix: _Index, c: Claim) -> list[str]:
    names: list[str] = []
    for x in [c] + ix.linked(c, REPORTED):
        name = ix.outlet(x)
        if name not in names:
            names.append(name)
    return names


def claim_ledger(ix: _Index) -> str:
    rows = []
    shown = ix.worst_first[:LEDGER_CAP]
    for rank, c in enumerate(shown, 1):
        cor = c.corroboration
        rows.append([
            str(rank),
            f"**{_score(c.score)}**",
            f"{_quote(c)}<br>{ix.ref(c)}" + (" · headline" if c.is_headline else ""),
            _first_seen(ix, c),
            escape_md(", ".join(_carriers(ix, c))),
            _attribution(c),
            f"{escape_md(cor.status)}<br>{_plural(cor.independent_origins, 'origin')}"
            + (" · party only" if cor.party_only else ""),
            escape_md(", ".join(c.signals) or "—"),
        ])
    lines = ["## Claim ledger", "",
             "Worst-sourced first; score 100 = best sourced. *Status* gives the corroboration verdict and the "
             "number of independent origins.", ""]
    lines += _table(["#", "Score", "Claim", "First seen", "Carried by", "Attribution", "Status", "Signals"],
                    rows, "rrllllll")
    lines += _more(len(shown), len(ix.worst_first), "claims")
    return "\n".join(lines)


class _Mermaid:
    """One flowchart; nodes keyed so that shared origins and outlets converge."""

    def __init__(self) -> None:
        self.ids: dict[tuple, str] = {}
        self.lines: list[str] = ["flowchart LR"]
        self.edges: set[tuple[str, str, str]] = set()

    def node(self, key: tuple, label: str, shape: str) -> str:
        if key not in self.ids:
            nid = f"n{len(self.ids) + 1}"
            self.ids[key] = nid
            opener, closer = {"source": ('(["', '"])'), "outlet": ('["', '"]'),
                              "claim": ('[["', '"]]')}[shape]
            self.lines.append(f"  {nid}{opener}{label}{closer}")
        return self.ids[key]

    def edge(self, a: str, b: str, relation: str = "") -> None:
        key = (min(a, b), max(a, b), relation) if relation else (a, b, "")
        if a == b or key in self.edges:
            return
        self.edges.add(key)
        if relation:
            self.lines.append(f"  {a} -.-|{re.sub(r'[^a-z_]', '', relation)}| {b}")
        else:
            self.lines.append(f"  {a} --> {b}")


def _same_name_key(s: str) -> str:
    """A display name as the chart compares it: one line, case folded ("CNN" and "cnn" are one node)."""
    return _flatten(s).casefold()


def _chain(ix: _Index, m: _Mermaid, c: Claim) -> str:
    """Draw origin -> source -> intermediaries -> publishing outlet for one claim; return its node id."""
    a, cor = c.attribution, c.corroboration
    prev: str | None = None
    steps: list[tuple[tuple, str, str]] = []
    source = _source_label(c)
    if cor.origin and (not source or _same_name_key(cor.origin) != _same_name_key(source)):
        steps.append((("src", _same_name_key(cor.origin)), escape_mermaid(cor.origin) + "<br>origin", "source"))
    if source:
        label = f"{escape_mermaid(source)}<br>{escape_mermaid(KIND_LABEL.get(a.kind, a.kind))}"
        steps.append((("src", _same_name_key(source)), label, "source"))
    elif not cor.origin:
        steps.append((("none", c.id), escape_mermaid(KIND_LABEL.get(a.kind, a.kind)), "source"))
    for outlet in reversed(a.via):
        steps.append((("outlet", _same_name_key(outlet)), escape_mermaid(outlet), "outlet"))
    d = ix.doc(c)
    pub = f"{escape_mermaid(ix.outlet(c))}<br>{escape_mermaid((d.path if d else c.document) + ':' + str(c.line), 60)}"
    steps.append((("claim", c.id), pub, "claim"))
    last_label = None
    for key, label, shape in steps:
        base = label.split("<br>")[0].casefold()
        if base == last_label and shape != "claim":      # "Al Jazeera (origin)" then "Al Jazeera": one node
            continue
        last_label = base
        nid = m.node(key, label, shape)
        if prev is not None:
            m.edge(prev, nid)
        prev = nid
    assert prev is not None
    return prev


def _chain_key(c: Claim) -> tuple:
    """Claims without links whose chains are identical share one diagram."""
    src = _source_label(c)
    return (c.document, _same_name_key(c.corroboration.origin or ""), _same_name_key(src or ""),
            tuple(_same_name_key(v) for v in c.attribution.via))


def provenance_chains(ix: _Index) -> str:
    lines = ["## Provenance chains", "",
             "Origin → source → intermediary outlets → publishing outlet (double-edged box, with file:line). "
             "Dotted lines join versions of the claim in other articles, labelled *corroborates*, *echoes* "
             "or *conflicts*."]
    diagrams: list[tuple[list[Claim], list[Claim]]] = []   # (claims the diagram stands for, claims drawn)
    by_key: dict[tuple, list[Claim]] = {}
    drawn: set[str] = set()
    for c in ix.worst_first:
        if c.id in drawn or not (c.attribution.via or c.corroboration.links):
            continue
        if not c.corroboration.links:
            heads = by_key.get(_chain_key(c))
            if heads is not None:
                heads.append(c)
                drawn.add(c.id)
                continue
        group = [c] + ix.linked(c, (*REPORTED, LinkRelation.CONFLICTS))
        heads = [c]
        if not c.corroboration.links:
            by_key[_chain_key(c)] = heads
        diagrams.append((heads, group))
        drawn.update(x.id for x in group)
    for heads, group in diagrams[:CHAIN_CAP]:
        m = _Mermaid()
        nodes = {x.id: _chain(ix, m, x) for x in group}
        for x in group:
            for k in x.corroboration.links:
                if k.claim in nodes:
                    m.edge(nodes[x.id], nodes[k.claim], k.relation)
        c = heads[0]
        cor = c.corroboration
        lines += ["", f"### {_quote(c, 80)}", "",
                  f"{ix.ref(c)} · {escape_md(cor.status)} · "
                  f"{_plural(cor.independent_origins, 'independent origin')}"]
        if len(heads) > 1:
            lines += ["", "Same chain: " + "; ".join(f"{_quote(x, 60)} {ix.ref(x)}" for x in heads[1:])]
        lines += ["", "```mermaid", *m.lines, "```"]
    if not diagrams:
        lines += ["", "No claim was relayed through another outlet or matched in another article."]
    lines += _more(min(len(diagrams), CHAIN_CAP), len(diagrams), "provenance chains")
    return "\n".join(lines)


def _claim_item(ix: _Index, c: Claim) -> str:
    d = ix.doc(c)
    item = (f"- **{_score(c.score)}** {_quote(c)} — {_attribution(c)}; "
            f"{escape_md(ix.outlet(c))}, {escape_md((d.published if d else None) or 'date unknown')}; "
            f"{ix.ref(c)}")
    others = ix.linked(c, REPORTED)
    if others:
        item += "; also in " + ", ".join(f"{escape_md(ix.outlet(x))} ({ix.where(x)})" for x in others)
    return item


def weak_claims(ix: _Index) -> str:
    groups = [
        ("Uncorroborated", "No other article reports them",
         [c for c in ix.worst_first if c.corroboration.status == CorroborationStatus.UNCORROBORATED]),
        ("Echo only", "Repeated elsewhere, but every version traces to the same origin",
         [c for c in ix.worst_first if c.corroboration.status == CorroborationStatus.ECHO]),
        ("Party only", "Every origin is a party to the conflict",
         [c for c in ix.worst_first if c.corroboration.party_only]),
    ]
    lines = ["## Uncorroborated, echo-only and party-only claims"]
    for name, what, claims in groups:
        lines += ["", f"### {name} ({len(claims)})", "", f"*{what}. Worst first.*", ""]
        lines += [_claim_item(ix, c) for c in claims[:LIST_CAP]] or ["None."]
        lines += _more(min(len(claims), LIST_CAP), len(claims), "claims")
    return "\n".join(lines)


def _conflict_pairs(ix: _Index) -> list[tuple[Claim, Claim, list[str]]]:
    pairs: dict[frozenset, tuple[Claim, Claim, list[str]]] = {}
    for c in ix.worst_first:
        for k in c.corroboration.links:
            other = ix.claims.get(k.claim)
            if k.relation != LinkRelation.CONFLICTS or other is None:
                continue
            key = frozenset((c.id, other.id))
            if key not in pairs:
                pairs[key] = (c, other, [])
            whys = pairs[key][2]
            if k.why and k.why not in whys:
                whys.append(k.why)
    return list(pairs.values())


def contested_figures(ix: _Index) -> str:
    pairs = _conflict_pairs(ix)
    lines = ["## Contested figures", "",
             "Claims linked as *conflicts*: every value with its source. Intervals are how the figures "
             "were read (∞ = open-ended)."]
    if not pairs:
        lines += ["", "No conflicting figures were found."]
    for n, (a, b, whys) in enumerate(pairs[:CONFLICT_CAP], 1):
        rows = []
        for c in (a, b):
            d = ix.doc(c)
            rows.append([
                "<br>".join(_quantity(q) for q in c.quantities) or "—",
                _quote(c, 70),
                _attribution(c, 40),
                escape_md(ix.outlet(c)),
                escape_md((d.published if d else None) or "—"),
                ix.ref(c),
            ])
        lines += ["", f"### Conflict {n}: {escape_md(ix.outlet(a))} vs {escape_md(ix.outlet(b))}", ""]
        lines += _table(["Figures", "Claim", "Source", "Outlet", "Published", "Where"], rows)
        if whys:
            lines += ["", "Why they conflict: " + " · ".join(escape_md(w) for w in whys)]
    lines += _more(min(len(pairs), CONFLICT_CAP), len(pairs), "conflicts")
    return "\n".join(lines)


def sourcing_mix(ix: _Index) -> str:
    r = ix.result
    lines = ["## Sourcing mix per outlet", ""]
    if not r.by_outlet:
        return "\n".join(lines + ["No per-outlet figures in this result."])
    affiliation = {d.outlet: _affiliation(d) for d in r.documents if d.outlet and _affiliation(d)}
    rows = []
    for m in sorted(r.by_outlet, key=lambda m: (m.mean_score, m.name)):
        name = escape_md(m.name) + (f" ({escape_md(affiliation[m.name])})" if m.name in affiliation else "")
        top = ", ".join(f"{escape_md(s)} {n}" for s, n in
                        sorted(m.findings.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
        rows.append([name, str(m.documents), str(m.claims), _pct(m.named, m.claims),
                     _pct(m.anonymous, m.claims), _pct(m.second_hand, m.claims),
                     _pct(m.unattributed, m.claims), _mean(m.mean_score), _score(m.min_score), top or "—"])
    lines += _table(["Outlet", "Docs", "Claims", "Named", "Anonymous", "Second-hand", "Unattributed",
                     "Mean score", "Worst", "Top signals"], rows, "lrrrrrrrrl")
    lines += ["", "*Named covers named people, organisations and documents; unattributed covers no "
              "attribution and the outlet's own reporting. Second-hand overlaps the other columns, so a "
              "row need not add up to 100%.*"]
    return "\n".join(lines)


def _finding_item(d: Document, f: Finding) -> str:
    line, col = d.position(f.evidence.start)
    where = escape_md(f"{d.path}:{line}:{col}")
    message = _flatten(f.message)
    if message and message[-1] not in ".!?":
        message += "."
    item = (f"- **{escape_md(f.severity)}** {code(f.rule)} ({escape_md(f.signal)}): "
            f"“{escape_md(shorten(f.evidence.text, 140))}” — {where}. {escape_md(message)}")
    if f.standard:
        item += f" *Standard:* {escape_md(f.standard)}."
    if f.mitigation:
        item += f" *Mitigated (weight {f.weight:g}):* {escape_md(f.mitigation)}."
    if f.suppressed:
        item = "- *(suppressed)* " + item[2:]
    return item


def findings_per_article(ix: _Index) -> str:
    r = ix.result
    lines = ["## Findings per article"]
    for d in r.documents[:DOCS_CAP]:
        findings = sorted(
            (f for c in ix.claims_by_doc.get(d.id, ()) for f in c.findings),
            key=lambda f: (f.evidence.start, SEVERITY_ORDER.get(f.severity, 3), f.rule),
        )
        sev = Counter(f.severity for f in findings if not f.suppressed)
        suppressed = sum(f.suppressed for f in findings)
        counts = ", ".join(f"{sev[s]} {s}" for s in SEVERITY_ORDER if sev[s])
        summary = (f"<b>{escape_md(d.path, html=True)}</b> · "
                   f"{escape_md(d.outlet or 'unknown outlet', html=True)} · {_plural(len(findings), 'finding')}"
                   + (f" ({counts}" + (f"; {suppressed} suppressed" if suppressed else "") + ")"
                      if findings else ""))
        lines += ["", f"<details><summary>{summary}</summary>", ""]
        if d.title:
            lines += [f"**{escape_md(d.title)}**", ""]
        lines += [_finding_item(d, f) for f in findings[:FINDINGS_CAP]] or ["No findings."]
        lines += _more(min(len(findings), FINDINGS_CAP), len(findings), "findings")
        lines += ["", "</details>"]
    lines += _more(min(len(r.documents), DOCS_CAP), len(r.documents), "articles")
    return "\n".join(lines)


def changes(ix: _Index) -> str:
    r = ix.result
    lines = ["## Changes since the last run", ""]
    if not r.previous_run:
        return "\n".join(lines + ["This is the first run on this corpus: there is nothing to compare with."])
    lines.append(f"Compared with run {code(r.previous_run)}.")
    kinds = [k for k in CHANGE_ORDER if k in r.changes] + sorted(k for k in r.changes if k not in CHANGE_ORDER)
    if not any(r.changes.get(k) for k in kinds):
        return "\n".join(lines + ["", "No claim changed."])
    for kind in kinds:
        ids = r.changes[kind]
        label = CHANGE_LABEL.get(kind, kind.replace("_", " ").capitalize())
        lines += ["", f"### {escape_md(label)} ({len(ids)})", ""]
        for cid in ids[:CHANGES_CAP]:
            c = ix.claims.get(cid)
            if c is None:
                lines.append(f"- {code(cid)} (not in this run)")
                continue
            extra = f"now **{escape_md(c.corroboration.status)}**"
            figures = "; ".join(_quantity(q) for q in c.quantities)
            if figures and kind in ("revised_figures", "figures_revised", "newly_conflicting", "new_conflicts"):
                extra += f"; figures: {figures}"
            lines.append(f"- {_quote(c)} — {escape_md(ix.outlet(c))}; {extra}; {ix.ref(c)}")
        if not ids:
            lines.append("None.")
        lines += _more(min(len(ids), CHANGES_CAP), len(ids), "claims")
    return "\n".join(lines)


def appendix(ix: _Index) -> str:
    r = ix.result
    hits = Counter(f.rule for c in r.claims for f in c.findings if not f.suppressed)
    rows = [[code(rule.id), escape_md(rule.signal), escape_md(rule.severity), f"{rule.weight:g}",
             escape_md(rule.standard or "—"), escape_md(f"{rule.path}:{rule.line}"), str(hits[rule.id])]
            for rule in r.rules]
    lines = ["## Appendix", "", "### Rules used", ""]
    lines += _table(["Rule", "Signal", "Severity", "Weight", "Standard", "Defined at", "Hits"], rows,
                    "lllrllr") if rows else ["No rules were recorded for this run."]
    lines += ["", f"Rules hash: {code(r.run.rules_hash)}", "", "### Corpus manifest", ""]
    for d in r.documents[:DOCS_CAP]:
        lines.append(f"- {escape_md(d.path)} ({escape_md(d.format)}) — sha256 {code(d.sha256)}")
        for key, mv in d.meta.items():
            lines.append(f"  - {escape_md(key)}: {escape_md(mv.value if mv.value is not None else '—')} "
                         f"({escape_md(mv.source)})")
    for s in r.skipped:
        lines.append(f"- {escape_md(s.path)} — skipped")
    lines += _more(min(len(r.documents), DOCS_CAP), len(r.documents), "documents")
    return "\n".join(lines)


SECTIONS = (front_matter, title, bottom_line, scope_and_method, corpus, claim_ledger, provenance_chains,
            weak_claims, contested_figures, sourcing_mix, findings_per_article, changes, appendix)


def render_markdown(result: AuditResult, options: RenderOptions = RenderOptions()) -> str:
    """The whole report as GitHub-flavoured Markdown."""
    ix = _Index.build(result)
    return "\n\n".join(section(ix) for section in SECTIONS) + "\n"
