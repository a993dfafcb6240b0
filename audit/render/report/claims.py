"""The claim table: one row per claim with all its signals, worst first."""
from __future__ import annotations

from collections import Counter

from audit.escape.markdown import inline
from audit.models import AttributionKind, Claim, LinkRelation

from .index import SIGNAL_LABEL, STATUS_LABEL, Index, attribution
from .table import table
from .words import more, plural, quote, score, shorten

CLAIMS_CAP = 20


def signals(c: Claim) -> str:
    """Its signals in plain words, each with its number of findings when more than one ("anonymous (4
    findings)": four rules on one anonymous source, not four sources)."""
    counts = Counter(f.signal for f in c.findings if not f.suppressed)
    return ", ".join(inline(SIGNAL_LABEL.get(s, s.replace("_", " "))) + (f" ({n} findings)" if n > 1 else "")
                     for s, n in counts.items()) or "—"


def further_sources(c: Claim, limit: int = 30) -> str:
    """The claim's other attributions, nested ones left out ("; also anonymous: officials briefed ..."), and
    so is an outlet the row already names as the relay ("X via CNN", not "; also outlet: CNN" again)."""
    return "".join(f"; also {inline(AttributionKind(a.kind).label)}: {inline(shorten(a.source or '', limit))}"
                   for a in c.attributions
                   if a != c.attribution and not a.nested and a.kind != AttributionKind.NONE
                   and not (a.actor and a.actor in c.attribution.via))


def status(c: Claim) -> str:
    cor = c.corroboration
    out = STATUS_LABEL.get(cor.status, cor.status)
    if cor.independent_origins > 1:
        out += f", {cor.independent_origins} origins"
        event = corroborated_event(c)
        out += f" ({', '.join(event[:2])})" if event else ""
    return inline(out + (", party only" if cor.party_only else ""))


def corroborated_event(c: Claim) -> list[str]:
    """The kind of event the claim's first corroborating link matched on (empty if none names one)."""
    return next((k.event for k in c.corroboration.links if k.relation == LinkRelation.CORROBORATES and k.event), [])


def claim_table(ix: Index) -> str:
    flagged = [c for c in ix.worst_first if c.findings]
    clean = len(ix.worst_first) - len(flagged)
    shown = flagged[:CLAIMS_CAP]
    lines = ["## Claims, weakest first", "",
             f"{plural(len(flagged), 'claim')} with findings"
             + (f"; {plural(clean, 'claim')} with none {'is' if clean == 1 else 'are'} not listed" if clean else "")
             + ". `audit show ID` gives one claim in full: its findings, score ledger and links.", ""]
    if not flagged:
        return "\n".join(lines + ["No claim has a finding."])
    rows = [[score(c.score),
             quote(c.text, 70) + (" (headline)" if c.is_headline else "") + " " + ix.ref(c),
             attribution(c, 30) + further_sources(c), status(c), signals(c)] for c in shown]
    lines += table(["Score", "Claim", "Source", "Corroboration", "Signals"], rows)
    lines += more(len(shown), len(flagged), "claims with findings")
    return "\n".join(lines)
