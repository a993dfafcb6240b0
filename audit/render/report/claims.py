"""The claim table: one row per claim with all its signals, worst first."""
from __future__ import annotations

from collections import Counter

from audit.escape.markdown import inline
from audit.models import Claim

from .index import SIGNAL_LABEL, STATUS_LABEL, Index, attribution
from .table import table
from .words import more, plural, quote, score

CLAIMS_CAP = 20


def signals(c: Claim) -> str:
    """Its signals in plain words, each with its number of findings when more than one."""
    counts = Counter(f.signal for f in c.findings if not f.suppressed)
    return ", ".join(inline(SIGNAL_LABEL.get(s, s.replace("_", " "))) + (f" ×{n}" if n > 1 else "")
                     for s, n in counts.items()) or "—"


def status(c: Claim) -> str:
    cor = c.corroboration
    out = STATUS_LABEL.get(cor.status, cor.status)
    if cor.independent_origins > 1:
        out += f", {cor.independent_origins} origins"
    return inline(out + (", party only" if cor.party_only else ""))


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
             attribution(c, 30), status(c), signals(c)] for c in shown]
    lines += table(["Score", "Claim", "Source", "Corroboration", "Signals"], rows)
    lines += more(len(shown), len(flagged), "claims with findings")
    return "\n".join(lines)
