"""Changes since the previous run, shown only when something changed (so re-running a report on the
same inputs writes the same bytes)."""
from __future__ import annotations

from audit.escape.markdown import code, inline

from .index import STATUS_LABEL, Index
from .words import figure, more, quote

CHANGES_CAP = 20
LABELS = {
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
FIGURE_KINDS = ("revised_figures", "figures_revised", "newly_conflicting", "new_conflicts")


def changes(ix: Index) -> str:
    r = ix.result
    kinds = [k for k in LABELS if r.changes.get(k)] + sorted(k for k in r.changes if k not in LABELS and r.changes[k])
    if not r.previous_run or not kinds:
        return ""
    lines = ["## Changes since the previous run", "", f"Compared with run {code(r.previous_run)}."]
    removed = {c.id: c for c in r.removed_claims}
    for kind in kinds:
        ids = r.changes[kind]
        lines += ["", f"### {inline(LABELS.get(kind, kind.replace('_', ' ').capitalize()))} ({len(ids):,})", ""]
        for cid in ids[:CHANGES_CAP]:
            c = ix.claims.get(cid)
            if c is None:
                gone = removed.get(cid)
                lines.append(f"- {quote(gone.text, 90)}; was {code(cid)} {inline(f'{gone.path}:{gone.line}')}"
                             if gone else f"- {code(cid)} (not in this run)")
                continue
            item = f"- {quote(c.text, 90)} — {inline(ix.outlet(c))}; now {STATUS_LABEL.get(c.corroboration.status)}"
            if kind in FIGURE_KINDS and c.quantities:
                item += "; figures: " + "; ".join(figure(q) for q in c.quantities)
            lines.append(f"{item}; {ix.ref(c)}")
        lines += more(CHANGES_CAP, len(ids), "claims")
    return "\n".join(lines)
