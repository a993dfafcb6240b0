"""One index over an AuditResult that every section reads: lookups, the worst-first order, and how
a claim is cited, attributed and labelled. It only selects and sorts what the result holds."""
from __future__ import annotations

from dataclasses import dataclass, field

from audit.escape.markdown import code, inline, one_line
from audit.models import (
    UNKNOWN_OUTLET,
    AttributionKind,
    AuditResult,
    Claim,
    CorroborationStatus,
    Document,
    LinkRelation,
    ResultIndex,
    RuleInfo,
    ScoreBand,
    readable_id,
)

from .words import shorten

STATUS_LABEL = {
    CorroborationStatus.CORROBORATED: "corroborated",
    CorroborationStatus.ECHO: "echo only",
    CorroborationStatus.UNCORROBORATED: "uncorroborated",
    CorroborationStatus.CONTRADICTED: "contradicted",
    CorroborationStatus.CONTESTED: "contested",
}
SIGNAL_LABEL = {
    "anonymous_source": "anonymous",
    "second_hand": "second-hand",
    "missing_figures": "missing figures",
    "outlet_affiliation": "affiliated outlet",
    "unattributed": "unattributed",
    "party_source": "party source",
    "unverified_media": "unverified media",
}
REPORTED = (LinkRelation.CORROBORATES, LinkRelation.ECHOES)      # links to other reports of the same claim


def same_name(s: str | None) -> str:
    """A display name as compared: one line, case folded ("CNN" and "cnn" are one outlet)."""
    return one_line(s or "").casefold()


@dataclass
class Index:
    result: AuditResult
    docs: dict[str, Document] = field(default_factory=dict)
    doc_order: dict[str, int] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    rules: dict[str, RuleInfo] = field(default_factory=dict)
    worst_first: list[Claim] = field(default_factory=list)
    model: ResultIndex = field(init=False)    # the model's index: provenance chains

    @classmethod
    def build(cls, result: AuditResult) -> Index:
        ix = cls(result)
        ix.docs = {d.id: d for d in result.documents}
        ix.doc_order = {d.id: i for i, d in enumerate(result.documents)}
        ix.claims = {c.id: c for c in result.claims}
        ix.rules = {r.id: r for r in result.rules}
        ix.worst_first = sorted(result.claims, key=ix.badness)
        ix.model = ResultIndex(result)
        return ix

    def badness(self, c: Claim) -> tuple:
        return (c.score, CorroborationStatus(c.corroboration.status).rank,
                self.doc_order.get(c.document, 1 << 30), c.index, c.start)

    @property
    def outlets(self) -> list[str]:
        """Named outlets of the corpus, each once, in document order."""
        return list(dict.fromkeys(d.outlet for d in self.result.documents if d.outlet))

    def doc(self, c: Claim) -> Document | None:
        return self.docs.get(c.document)

    def outlet(self, c: Claim) -> str:
        d = self.doc(c)
        return (d.outlet if d else None) or UNKNOWN_OUTLET

    def path(self, c: Claim) -> str:
        d = self.doc(c)
        return d.path if d else c.document

    def where(self, c: Claim) -> str:
        """file:line, escaped."""
        return inline(f"{self.path(c)}:{c.line}")

    def ref(self, c: Claim) -> str:
        """Claim id and file:line, the way every section cites a claim."""
        return f"{code(c.id)} {self.where(c)}"

    def rule_title(self, rule_id: str) -> str:
        rule = self.rules.get(rule_id)
        return rule.label if rule else readable_id(rule_id)

    def linked(self, c: Claim, relations: tuple[LinkRelation, ...]) -> list[Claim]:
        out: list[Claim] = []
        for k in c.corroboration.links:
            other = self.claims.get(k.claim)
            if other is not None and k.relation in relations and other not in out:
                out.append(other)
        return out


def legend() -> str:
    """The score bands with their thresholds: "85–100 strong · 65–84 fair · 40–64 weak · under 40 poor"."""
    bands = list(ScoreBand)
    tops = [100] + [int(b.floor) - 1 for b in bands[:-1]]
    return " · ".join(f"{b.floor:.0f}–{top} {b}" if b.floor else f"under {top + 1} {b}" for b, top in zip(bands, tops))


def attribution(c: Claim, limit: int = 40) -> str:
    """"anonymous: A source in Hamas via Al Jazeera", escaped; "(carried over)" when the source was named in an
    earlier sentence and resolved to this one ("he said"), which a reader should check."""
    a = c.attribution
    out = inline(AttributionKind(a.kind).label)
    source = a.source_label
    if source:
        out += ": " + inline(shorten(source, limit)) + (" (carried over)" if a.inherited else "")
    via = [v for v in a.via if same_name(v) != same_name(source)]     # "CNN via CNN" says it once
    if via:
        out += " via " + inline(" ← ".join(via))
    return out
