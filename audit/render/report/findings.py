"""Findings by rule: one row per rule that fired, its reason and standard said once, and the places
where one finding applies to several claims (a source carried over to later sentences), each once."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from audit.escape.markdown import code, inline, one_line
from audit.models import Claim, Document, Severity

from .index import Index
from .words import more, plural, quote, shorten

RULES_CAP = 25
SHARED_CAP = 10
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


@dataclass
class Place:
    """One span of one document, the rules that fired there and the claims they were raised on."""
    doc: Document
    evidence: str
    start: int
    rules: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


@dataclass
class RuleFindings:
    rule: str
    severities: Counter = field(default_factory=Counter)
    places: set[tuple] = field(default_factory=set)
    mitigated: int = 0

    @property
    def total(self) -> int:
        return sum(self.severities.values())

    @property
    def rank(self) -> int:
        return max(Severity(s).rank for s in self.severities)


def _findings(ix: Index):
    for c in ix.result.claims:
        d = ix.doc(c)
        for f in c.findings:
            if not f.suppressed and d is not None:
                yield c, d, f


def by_rule(ix: Index) -> list[RuleFindings]:
    """Unsuppressed findings grouped by rule, most severe and most frequent rules first."""
    groups: dict[str, RuleFindings] = {}
    for c, d, f in _findings(ix):
        g = groups.setdefault(f.rule, RuleFindings(f.rule))
        g.severities[f.severity] += 1
        g.places.add((d.id, f.evidence.start, f.evidence.end))
        g.mitigated += f.mitigation is not None
    return sorted(groups.values(), key=lambda g: (-g.rank, -g.total, g.rule))


def shared_places(ix: Index) -> list[Place]:
    """Spans whose findings apply to more than one claim, the most claims first."""
    places: dict[tuple, Place] = {}
    for c, d, f in _findings(ix):
        p = places.setdefault((d.id, f.evidence.start, f.evidence.end),
                              Place(d, f.evidence.text, f.evidence.start))
        if f.rule not in p.rules:
            p.rules.append(f.rule)
        if c not in p.claims:
            p.claims.append(c)
    shared = [p for p in places.values() if len(p.claims) > 1]
    return sorted(shared, key=lambda p: (-len(p.claims), ix.doc_order.get(p.doc.id, 0), p.start))


def _first_sentence(text: str) -> str:
    return _SENTENCE_END.split(one_line(text), maxsplit=1)[0]


def _severity(g: RuleFindings) -> str:
    """"warning", or "warning 3, info 1" when severity overrides split a rule."""
    if len(g.severities) == 1:
        return next(iter(g.severities))
    return ", ".join(f"{s} {n}" for s, n in sorted(g.severities.items(), key=lambda x: -Severity(x[0]).rank))


def findings_by_rule(ix: Index) -> str:
    groups = by_rule(ix)
    lines = ["## Findings by rule", ""]
    if not groups:
        return "\n".join(lines + ["No rule fired."])
    mitigated = sum(g.mitigated for g in groups)
    suppressed = sum(f.suppressed for c in ix.result.claims for f in c.findings)
    notes = ["Most severe first, each rule with why it matters and the standard behind it"]
    if mitigated:
        notes.append(f"{plural(mitigated, 'finding')} weighed less for disclosed mitigation")
    if suppressed:
        notes.append(f"{plural(suppressed, 'finding')} suppressed in the articles {'is' if suppressed == 1 else 'are'} "
                     "not counted")
    lines += ["; ".join(notes) + ".", ""]
    for g in groups[:RULES_CAP]:
        rule = ix.rules.get(g.rule)
        item = (f"- **{inline(ix.rule_title(g.rule))}** ({code(g.rule)}): {_severity(g)}, "
                f"{plural(g.total, 'finding')} at {plural(len(g.places), 'place')}.")
        if rule:
            item += f" {inline(shorten(_first_sentence(rule.rationale), 160))} *{inline(rule.standard.rstrip('.'))}.*"
        lines.append(item)
    lines += more(RULES_CAP, len(groups), "rules")
    places = shared_places(ix)
    if places:
        lines += ["", "### Findings shared by several claims", "",
                  "A source or outlet named once and carried over to later sentences; each place once.", ""]
        for p in places[:SHARED_CAP]:
            line, col = p.doc.position(p.start)
            lines.append(f"- {inline(f'{p.doc.path}:{line}:{col}')} {quote(p.evidence, 60)}: "
                         + ", ".join(inline(ix.rule_title(r)) for r in p.rules) + f" ({len(p.claims)} claims)")
        lines += more(SHARED_CAP, len(places), "shared places")
    return "\n".join(lines)
