"""Changes since the previous run, shown only when something changed (so re-running a report on the
same inputs writes the same bytes)."""
from __future__ import annotations

from dataclasses import dataclass

from audit.escape.markdown import code, inline

from .index import STATUS_LABEL, Index
from .words import figure_text, more, quote

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


@dataclass
class ChangedClaim:
    """A claim of one kind of change, as plain text: what it says (None when not kept), where (file:line),
    its id, whether it is no longer in the corpus, else its corroboration now, its outlet and, for changed
    figures, its figures."""
    text: str | None
    where: str
    id: str
    removed: bool
    status: str | None = None
    outlet: str | None = None
    figures: list[str] | None = None


def change_groups(ix: Index) -> list[tuple[str, int, list[ChangedClaim]]]:
    """(label, number of claims, the first CHANGES_CAP of them) per kind of change since the previous run;
    none when nothing changed or there is no previous run."""
    r = ix.result
    kinds = [k for k in LABELS if r.changes.get(k)] + sorted(k for k in r.changes if k not in LABELS and r.changes[k])
    if not r.previous_run:
        return []
    removed = {c.id: c for c in r.removed_claims}
    groups = []
    for kind in kinds:
        ids = r.changes[kind]
        items = []
        for cid in ids[:CHANGES_CAP]:
            c = ix.claims.get(cid)
            if c is None:
                gone = removed.get(cid)
                items.append(ChangedClaim(gone.text if gone else None, f"{gone.path}:{gone.line}" if gone else "",
                                          cid, removed=True))
                continue
            figures = [figure_text(q) for q in c.quantities] if kind in FIGURE_KINDS else None
            items.append(ChangedClaim(c.text, f"{ix.path(c)}:{c.line}", c.id, False,
                                      STATUS_LABEL.get(c.corroboration.status), ix.outlet(c), figures))
        groups.append((LABELS.get(kind, kind.replace("_", " ").capitalize()), len(ids), items))
    return groups


def changes(ix: Index) -> str:
    groups = change_groups(ix)
    if not groups:
        return ""
    lines = ["## Changes since the previous run", "", f"Compared with run {code(ix.result.previous_run)}."]
    for label, total, items in groups:
        lines += ["", f"### {inline(label)} ({total:,})", ""]
        for item in items:
            if item.removed:
                lines.append(f"- {quote(item.text, 90)}; was {code(item.id)} {inline(item.where)}"
                             if item.text is not None else f"- {code(item.id)} (not in this run)")
                continue
            line = f"- {quote(item.text, 90)} — {inline(item.outlet)}; now {item.status}"
            if item.figures:
                line += "; figures: " + "; ".join(inline(f) for f in item.figures)
            lines.append(f"{line}; {code(item.id)} {inline(item.where)}")
        lines += more(CHANGES_CAP, total, "claims")
    return "\n".join(lines)
