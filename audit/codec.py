"""Lossless conversion between the dataclasses of audit.models and JSON-ready dicts.

`dump` turns any model dataclass into plain dicts, lists, strings and numbers (tuples become lists);
the `load_*` functions rebuild the dataclasses, so `load_claim(json.loads(json.dumps(dump(c)))) == c`.
Claim and Document have hand-written converters because a large corpus holds a million claims.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from audit.models import (
    Anonymity,
    Attribution,
    AttributionKind,
    AuditResult,
    Claim,
    Corroboration,
    CorroborationStatus,
    Document,
    Entity,
    FigureRelation,
    Finding,
    LearnedFurniture,
    LedgerItem,
    Link,
    LinkRelation,
    MetaValue,
    Notice,
    Quantity,
    RuleInfo,
    RunInfo,
    Severity,
    Skipped,
    SourcingMix,
    Span,
    Timeline,
    TimelinePoint,
)


def dump(obj: Any) -> dict[str, Any]:
    """A model dataclass as a JSON-ready dict (a fresh tree: mutating it leaves `obj` untouched)."""
    dumper = _DUMPERS.get(type(obj))
    return dumper(obj) if dumper else asdict(obj)


_LEGACY_RELATIONS = {"revision": "update"}    # figure relations as runs stored before frames named them


# -- dump --------------------------------------------------------------------------------------

def _span(s: Span | None) -> dict[str, Any] | None:
    return None if s is None else {"start": s.start, "end": s.end, "text": s.text}


def _dump_attribution(a: Attribution) -> dict[str, Any]:
    anon = a.anonymity
    return {
        "kind": a.kind,
        "source": a.source,
        "source_span": _span(a.source_span),
        "cue": a.cue,
        "cue_span": _span(a.cue_span),
        "via": list(a.via),
        "via_spans": [_span(s) for s in a.via_spans],
        "actor": a.actor,
        "anonymity": None if anon is None else {
            "descriptor": anon.descriptor,
            "role_given": anon.role_given,
            "affiliation": anon.affiliation,
            "reason_given": anon.reason_given,
            "reason": _span(anon.reason),
            "plural": anon.plural,
        },
        "inherited": a.inherited,
        "inherited_from": a.inherited_from,
        "nested": a.nested,
    }


def _dump_finding(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "signal": f.signal,
        "severity": f.severity,
        "weight": f.weight,
        "message": f.message,
        "evidence": _span(f.evidence),
        "standard": f.standard,
        "mitigation": f.mitigation,
        "suppressed": f.suppressed,
    }


def _dump_claim(c: Claim) -> dict[str, Any]:
    cor = c.corroboration
    return {
        "id": c.id,
        "document": c.document,
        "text": c.text,
        "start": c.start,
        "end": c.end,
        "line": c.line,
        "col": c.col,
        "is_headline": c.is_headline,
        "paragraph": c.paragraph,
        "index": c.index,
        "quantities": [
            {"text": q.text, "start": q.start, "end": q.end, "low": q.low, "high": q.high,
             "unit": q.unit, "kind": q.kind, "role": q.role, "vague": q.vague, "measure": q.measure,
             "population": q.population, "scope": q.scope, "as_of": q.as_of, "tally": q.tally}
            for q in c.quantities
        ],
        "entities": [
            {"text": e.text, "start": e.start, "end": e.end, "canonical": e.canonical, "kind": e.kind}
            for e in c.entities
        ],
        "attribution": _dump_attribution(c.attribution),
        "attributions": [_dump_attribution(a) for a in c.attributions],
        "hedged": c.hedged,
        "findings": [_dump_finding(f) for f in c.findings],
        "score": c.score,
        "ledger": [{"rule": i.rule, "weight": i.weight, "points": i.points} for i in c.ledger],
        "corroboration": {
            "status": cor.status,
            "independent_origins": cor.independent_origins,
            "origin": cor.origin,
            "party_only": cor.party_only,
            "links": [
                {"claim": k.claim, "relation": k.relation, "why": k.why, "similarity": k.similarity,
                 "figure_relation": k.figure_relation}
                for k in cor.links
            ],
        },
    }


def _dump_document(d: Document) -> dict[str, Any]:
    return {
        "id": d.id,
        "path": d.path,
        "sha256": d.sha256,
        "text": d.text,
        "format": d.format,
        "meta": {k: {"value": m.value, "source": m.source} for k, m in d.meta.items()},
        "regions": [list(r) for r in d.regions],
        "headline": _span(d.headline),
        "furniture": [_span(s) for s in d.furniture],
        "line_starts": list(d.line_starts),
        "line_numbers": list(d.line_numbers),
        "words": d.words,
        "readability": d.readability,
    }


def _dump_run(r: RunInfo) -> dict[str, Any]:
    return {
        "id": r.id,
        "started": r.started,
        "tool_version": r.tool_version,
        "rules_hash": r.rules_hash,
        "inputs": [dict(i) for i in r.inputs],
        "reused": r.reused,
    }


def _dump_result(r: AuditResult) -> dict[str, Any]:
    return {
        "run": _dump_run(r.run),
        "documents": [_dump_document(d) for d in r.documents],
        "claims": [_dump_claim(c) for c in r.claims],
        "rules": [asdict(i) for i in r.rules],
        "skipped": [asdict(s) for s in r.skipped],
        "by_document": [asdict(m) for m in r.by_document],
        "by_outlet": [asdict(m) for m in r.by_outlet],
        "previous_run": r.previous_run,
        "changes": {kind: list(ids) for kind, ids in r.changes.items()},
        "notices": [asdict(n) for n in r.notices],
        "learned_furniture": [asdict(f) for f in r.learned_furniture],
        "timelines": [dump_timeline(t) for t in r.timelines],
    }


_DUMPERS: dict[type, Callable[[Any], dict[str, Any]]] = {
    Claim: _dump_claim,
    Document: _dump_document,
    RunInfo: _dump_run,
    AuditResult: _dump_result,
}


# -- load --------------------------------------------------------------------------------------

def _load_span(d: dict[str, Any] | None) -> Span | None:
    return None if d is None else _read_span(d)


def _read_span(d: dict[str, Any]) -> Span:
    return Span(d["start"], d["end"], d["text"])


def _load_attribution(d: dict[str, Any]) -> Attribution:
    anon = d["anonymity"]
    return Attribution(
        kind=AttributionKind(d["kind"]),
        source=d["source"],
        source_span=_load_span(d["source_span"]),
        cue=d["cue"],
        cue_span=_load_span(d["cue_span"]),
        via=list(d["via"]),
        via_spans=[_read_span(s) for s in d["via_spans"]],
        actor=d["actor"],
        anonymity=None if anon is None else Anonymity(
            descriptor=anon["descriptor"],
            role_given=anon["role_given"],
            affiliation=anon["affiliation"],
            reason_given=anon["reason_given"],
            reason=_load_span(anon["reason"]),
            plural=anon["plural"],
        ),
        inherited=d["inherited"],
        inherited_from=d["inherited_from"],
        nested=d.get("nested", False),        # absent in runs stored before nesting was recorded
    )


def _load_finding(d: dict[str, Any]) -> Finding:
    return Finding(
        rule=d["rule"],
        signal=d["signal"],
        severity=Severity(d["severity"]),
        weight=d["weight"],
        message=d["message"],
        evidence=_read_span(d["evidence"]),
        standard=d["standard"],
        mitigation=d["mitigation"],
        suppressed=d["suppressed"],
    )


def _load_link(d: dict[str, Any]) -> Link:
    figures = d.get("figure_relation")          # absent in runs stored before links recorded it
    return Link(claim=d["claim"], relation=LinkRelation(d["relation"]), why=d["why"], similarity=d["similarity"],
                figure_relation=None if figures is None else FigureRelation(_LEGACY_RELATIONS.get(figures, figures)))


def _load_rule_info(d: dict[str, Any]) -> RuleInfo:
    return RuleInfo(**{**d, "severity": Severity(d["severity"])})


def load_claim(d: dict[str, Any]) -> Claim:
    cor = d["corroboration"]
    return Claim(
        id=d["id"],
        document=d["document"],
        text=d["text"],
        start=d["start"],
        end=d["end"],
        line=d["line"],
        col=d["col"],
        is_headline=d["is_headline"],
        paragraph=d["paragraph"],
        index=d["index"],
        quantities=[Quantity(**q) for q in d["quantities"]],
        entities=[Entity(**e) for e in d["entities"]],
        attribution=_load_attribution(d["attribution"]),
        attributions=[_load_attribution(a) for a in d.get("attributions", [])],
        hedged=d["hedged"],
        findings=[_load_finding(f) for f in d["findings"]],
        score=d["score"],
        ledger=[LedgerItem(**i) for i in d["ledger"]],
        corroboration=Corroboration(
            status=CorroborationStatus(cor["status"]),
            independent_origins=cor["independent_origins"],
            origin=cor["origin"],
            party_only=cor["party_only"],
            links=[_load_link(k) for k in cor["links"]],
        ),
    )


def load_document(d: dict[str, Any]) -> Document:
    return Document(
        id=d["id"],
        path=d["path"],
        sha256=d["sha256"],
        text=d["text"],
        format=d["format"],
        meta={k: MetaValue(m["value"], m["source"]) for k, m in d["meta"].items()},
        regions=[(start, end) for start, end in d["regions"]],
        headline=_load_span(d["headline"]),
        furniture=[_read_span(s) for s in d["furniture"]],
        line_starts=list(d["line_starts"]),
        line_numbers=list(d["line_numbers"]),
        words=d["words"],
        readability=d["readability"],
    )


def load_run(d: dict[str, Any]) -> RunInfo:
    return RunInfo(
        id=d["id"],
        started=d["started"],
        tool_version=d["tool_version"],
        rules_hash=d["rules_hash"],
        inputs=[dict(i) for i in d["inputs"]],
        reused=d["reused"],
    )


def _load_sourcing_mix(d: dict[str, Any]) -> SourcingMix:
    return SourcingMix(**{**d, "findings": dict(d["findings"])})


def load_result(d: dict[str, Any]) -> AuditResult:
    return AuditResult(
        run=load_run(d["run"]),
        documents=[load_document(x) for x in d["documents"]],
        claims=[load_claim(x) for x in d["claims"]],
        rules=[_load_rule_info(x) for x in d["rules"]],
        skipped=[Skipped(**x) for x in d["skipped"]],
        by_document=[_load_sourcing_mix(x) for x in d["by_document"]],
        by_outlet=[_load_sourcing_mix(x) for x in d["by_outlet"]],
        previous_run=d["previous_run"],
        changes={kind: list(ids) for kind, ids in d["changes"].items()},
        notices=[Notice(**n) for n in d.get("notices", ())],   # the store keeps no notices
        learned_furniture=[LearnedFurniture(**f) for f in d.get("learned_furniture", ())],
        timelines=[_load_timeline(t) for t in d.get("timelines", ())],   # absent in runs stored before them
    )


def dump_timeline(t: Timeline) -> dict[str, Any]:
    return asdict(t)


def _load_timeline(d: dict[str, Any]) -> Timeline:
    points = [TimelinePoint(**{**p, "relation": None if p["relation"] is None else FigureRelation(p["relation"])})
              for p in d["points"]]
    return Timeline(d["measure"], d["population"], d["scope"], points)
