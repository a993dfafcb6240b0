"""The sourcing mix per outlet, shown only when the corpus has two or more named outlets."""
from __future__ import annotations

from audit.escape.markdown import inline
from audit.models import ScoreBand

from .index import Index
from .table import table
from .words import mean, more, share

OUTLETS_CAP = 20


def outlet_comparison(ix: Index) -> str:
    named = set(ix.outlets)
    mixes = sorted((m for m in ix.result.by_outlet if m.name in named and m.claims),
                   key=lambda m: (m.mean_score, m.name))
    if len(mixes) < 2:
        return ""
    rows = []
    for m in mixes[:OUTLETS_CAP]:
        rows.append([inline(m.name), f"{m.claims:,}",
                     f"{mean(m.mean_score)} {ScoreBand.of(m.mean_score)}", share(m.named, m.claims),
                     share(m.anonymous, m.claims), share(m.second_hand, m.claims), share(m.unattributed, m.claims)])
    lines = ["## Outlets compared", "", "Weakest-sourced first. Shares of each outlet's claims; second-hand "
             "overlaps the others, so a row need not add up to 100%.", ""]
    lines += table(["Outlet", "Claims", "Mean score", "Named", "Anonymous", "Second-hand", "No source"],
                   rows, "lrlrrrr")
    lines += more(OUTLETS_CAP, len(mixes), "outlets")
    return "\n".join(lines)
