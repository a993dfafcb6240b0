"""Score claims from their findings and aggregate per document and per outlet.

score = 100 × Π (1 − weight) over a claim's unsuppressed findings, heaviest first. Each factor is at
most 1, so a further finding never raises a score; the ledger records the points each finding took.
"""
from __future__ import annotations

from collections import Counter

from .models import NAMED_KINDS, UNATTRIBUTED_KINDS, AttributionKind, Claim, Document, LedgerItem, SourcingMix


def score_claim(claim: Claim) -> None:
    score = 100.0
    claim.ledger = []
    for f in sorted((f for f in claim.findings if not f.suppressed), key=lambda f: (-f.weight, f.rule)):
        after = score * (1.0 - min(max(f.weight, 0.0), 1.0))
        claim.ledger.append(LedgerItem(rule=f.rule, weight=f.weight, points=round(score - after, 2)))
        score = after
    claim.score = round(score, 1)


def sourcing_mix(name: str, claims: list[Claim], documents: int) -> SourcingMix:
    mix = SourcingMix(name=name, documents=documents, claims=len(claims))
    if not claims:
        return mix
    scores = [c.score for c in claims]
    mix.mean_score = round(sum(scores) / len(scores), 1)
    mix.min_score = min(scores)
    signals: Counter[str] = Counter()
    for c in claims:
        kind = c.attribution.kind
        mix.named += kind in NAMED_KINDS
        mix.anonymous += kind == AttributionKind.ANONYMOUS
        mix.second_hand += c.attribution.second_hand
        mix.unattributed += kind in UNATTRIBUTED_KINDS
        signals.update(c.signals)
    mix.findings = dict(sorted(signals.items()))
    return mix


def aggregate(documents: list[Document], claims: list[Claim]) -> tuple[list[SourcingMix], list[SourcingMix]]:
    """Per-document and per-outlet sourcing mixes (outlet "unknown" when none is known)."""
    by_doc: dict[str, list[Claim]] = {d.id: [] for d in documents}
    for c in claims:
        by_doc.setdefault(c.document, []).append(c)
    per_document = [sourcing_mix(d.id, by_doc[d.id], 1) for d in documents]
    outlets: dict[str, list[Document]] = {}
    for d in documents:
        outlets.setdefault(d.outlet or "unknown", []).append(d)
    per_outlet = [sourcing_mix(name, [c for d in docs for c in by_doc[d.id]], len(docs))
                  for name, docs in sorted(outlets.items())]
    return per_document, per_outlet
