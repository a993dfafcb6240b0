"""Conversion between the dataclasses of audit.models and JSON, through msgspec.

`to_json` writes model dataclasses (alone or inside dicts and lists) straight to JSON bytes, fields in
declaration order, enums as their values, NaN and the infinities as null; `from_json` reads JSON back
to plain values and `dump` gives the same plain values without the text. The `load_*` functions rebuild
the dataclasses, so `load_claim(from_json(to_json(c))) == c`; `load_block` reads a stored document with its
claims straight into them. The JSON output, JSON Lines and the store's JSON columns all go through `to_json`.
"""
from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, get_type_hints

import msgspec

from audit.gcpause import gc_paused
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
    RemovedClaim,
    RuleInfo,
    RunInfo,
    Severity,
    Skipped,
    SourcingMix,
    Span,
    Timeline,
    TimelinePoint,
    fails_at,
)

COMPRESSION = 6             # zlib level of stored blocks and analyses: JSON shrinks about 6x
PENDING_COMPRESSION = 1     # zlib level of an analysis kept (or sent by a worker) until the run saves it, when
                            # it is compressed again at COMPRESSION or as what differs from its block: PolNeAR
                            # train's 6.6 MB and 0.15 s, against 36.7 MB as they are, 0.36 s at 6
_ENCODER = msgspec.json.Encoder()
_DECODER = msgspec.json.Decoder()


@dataclass(slots=True)
class _Block:
    document: Document
    claims: list[Claim]


_BLOCK_DECODER = msgspec.json.Decoder(_Block)


@dataclass(slots=True)
class _RawBlock:
    document: Document
    claims: msgspec.Raw


_RAW_BLOCK_DECODER = msgspec.json.Decoder(_RawBlock)
_CLAIMS_DECODER = msgspec.json.Decoder(list[Claim])


class _LinkView(msgspec.Struct):
    claim: str
    relation: LinkRelation
    figure_relation: FigureRelation | None = None


class _CorroborationView(msgspec.Struct):
    status: CorroborationStatus
    links: list[_LinkView]


class _FindingView(msgspec.Struct):
    severity: Severity
    suppressed: bool = False

    def fails_at(self, level: Severity) -> bool:
        return fails_at(self.severity, self.suppressed, level)


class ClaimView(msgspec.Struct):
    """A claim's id, document, status, links, score and findings' severities, as `pipeline.compare` and
    `audit check`'s verdict read them."""
    id: str
    document: str
    corroboration: _CorroborationView
    score: int | float
    findings: list[_FindingView]


_VIEWS_DECODER = msgspec.json.Decoder(list[ClaimView])


class ClaimPlace(msgspec.Struct):
    """A claim's id, document, line and text: where a claim no longer in the corpus was."""
    id: str
    document: str
    line: int
    text: str


_PLACES_DECODER = msgspec.json.Decoder(list[ClaimPlace])


def dump(obj: Any) -> Any:
    """A model dataclass as JSON-ready dicts, lists, strings and numbers (a fresh tree: mutating it
    leaves `obj` untouched)."""
    return msgspec.to_builtins(obj)


_LEGACY_RELATIONS = {"revision": "update"}    # figure relations as runs stored before frames named them


def to_json(value: Any, *, indent: int | None = None) -> bytes:
    """`value` as UTF-8 JSON, compact or indented by `indent` spaces, never NaN or Infinity (they become
    null). A lone surrogate (from undecodable input) has no UTF-8 form: such a value is written with
    \\u escapes instead (the stdlib's ensure_ascii), which read back to the same text."""
    try:
        data = _ENCODER.encode(value)
    except UnicodeEncodeError:
        return json.dumps(dump(value), ensure_ascii=True, allow_nan=False, indent=indent,
                          separators=None if indent else (",", ":")).encode()
    return msgspec.json.format(data, indent=indent) if indent else data


def to_json_after(first: dict[str, Any], value: Any) -> bytes:
    """The JSON object of dataclass `value` with the keys of `first` before its own fields: each
    encoded once, the two objects joined."""
    return to_json(first)[:-1] + b"," + to_json(value)[1:]


def from_json(data: bytes | str) -> Any:
    """Plain values from JSON text; \\u escapes of lone surrogates (see `to_json`) read back too."""
    try:
        return _DECODER.decode(data)
    except msgspec.DecodeError:
        return json.loads(data)


# -- load --------------------------------------------------------------------------------------

def load_block(data: bytes) -> tuple[Document, list[Claim]]:
    """The document and claims of the JSON {"document": ..., "claims": [...]}, decoded straight into the
    dataclasses (their numbers annotated `int | float` keep the type they were written with, so the block
    encodes back to the same bytes); a block that does not fit them (written by older code, or holding
    \\u escapes of lone surrogates) is read through `from_json` and the `load_*` functions."""
    try:
        block = _BLOCK_DECODER.decode(data)
    except msgspec.DecodeError:
        tree = from_json(data)
        return load_document(tree["document"]), [load_claim(c) for c in tree["claims"]]
    return block.document, block.claims


def analysis_json(doc: Document, claims: list[Claim]) -> bytes:
    """A document's analysis as the store caches it: the JSON of the document, without its text (the file
    gives it), and its claims."""
    return to_json({"document": replace(doc, text=""), "claims": claims})


def pack_analysis(doc: Document, claims: list[Claim]) -> bytes:
    """A document's analysis as the store keeps it until the run is saved, and as workers return it: its
    `analysis_json`, compressed at PENDING_COMPRESSION (the save compresses what it writes again)."""
    return zlib.compress(analysis_json(doc, claims), PENDING_COMPRESSION)


def unpack_analysis(payload: bytes, text: str) -> tuple[Document, list[Claim]]:
    """The document (given its `text` back) and claims of a `pack_analysis` payload."""
    doc, claims = load_block(zlib.decompress(payload))
    doc.text = text
    return doc, claims


class _Fields(msgspec.Struct):
    """A block or analysis with each field of its document and claims left as its JSON."""
    document: dict[str, msgspec.Raw]
    claims: list[dict[str, msgspec.Raw]]


_FIELDS_DECODER = msgspec.json.Decoder(_Fields)


def analysis_delta(analysis: bytes, block: bytes) -> bytes | None:
    """An `analysis_json` as what it holds that `block` (the JSON of a stored block of the same document,
    after corroboration, corpus rules, review and scores) does not: the fields of its document (but the
    text) and of each of its claims whose JSON differs, compressed; mostly each claim's corroboration
    before the run corroborated it (0.2 MB for PolNeAR train's 840 analyses against 5.4 MB whole). It gives
    the analysis back byte for byte (`with_delta`): each field's JSON decodes into the dataclasses' types
    and encodes to the same bytes, as blocks do (`load_block`). None where the two do not have as many
    claims, or either was written with \\u escapes (a lone surrogate), which those decoders refuse."""
    if b"\\ud" in analysis or b"\\ud" in block:
        return None
    try:
        mine, theirs = _FIELDS_DECODER.decode(analysis), _FIELDS_DECODER.decode(block)
    except msgspec.DecodeError:
        return None
    if len(mine.claims) != len(theirs.claims):
        return None
    delta = _ENCODER.encode(_Fields(
        {k: v for k, v in mine.document.items() if k != "text" and v != theirs.document.get(k)},
        [{k: v for k, v in claim.items() if v != other.get(k)} for claim, other in zip(mine.claims, theirs.claims)]))
    return zlib.compress(delta, COMPRESSION)


def unpack_analysis_delta(delta: bytes, block: bytes, text: str) -> tuple[Document, list[Claim]] | None:
    """The document (given its `text` back) and claims of an `analysis_delta` payload over the compressed
    `block` it was made from; None if it does not read (written by other code: the analysis is done again)."""
    try:
        unpacked = with_delta(zlib.decompress(delta), zlib.decompress(block))
    except zlib.error:
        return None
    if unpacked is not None:
        unpacked[0].text = text
    return unpacked


def with_delta(delta: bytes, block: bytes) -> tuple[Document, list[Claim]] | None:
    """The document and claims of the JSON `block` with the fields of the JSON `delta` in place of theirs."""
    try:
        fields = _FIELDS_DECODER.decode(delta)
        base = _BLOCK_DECODER.decode(block)
        doc, claims = base.document, base.claims
        if len(fields.claims) != len(claims):
            return None
        for name, value in fields.document.items():
            setattr(doc, name, _field_decoder(Document, name).decode(value))
        for claim, changed in zip(claims, fields.claims):
            for name, value in changed.items():
                setattr(claim, name, _field_decoder(Claim, name).decode(value))
    except (msgspec.DecodeError, KeyError, AttributeError):
        return None
    return doc, claims


@cache
def _field_decoder(cls: type, name: str) -> msgspec.json.Decoder:
    """A decoder of the JSON of field `name` of dataclass `cls`."""
    return msgspec.json.Decoder(get_type_hints(cls)[name])


def load_block_raw(data: bytes) -> tuple[Document, bytes] | None:
    """The document of a block as `load_block` reads it, and its claims left as their JSON array, the
    bytes `to_json` wrote; None for a block `load_block` would read the slow way."""
    try:
        block = _RAW_BLOCK_DECODER.decode(data)
    except msgspec.DecodeError:
        return None
    return block.document, bytes(block.claims)


def with_claims(result: AuditResult) -> AuditResult:
    """The result with its claims decoded, if it was read from the store without them (with the collector
    paused, as Store.load_run decodes them)."""
    if result.stored_claims is None:
        return result
    with gc_paused():
        claims = [c for data in result.stored_claims for c in load_claims(data)]
    return replace(result, claims=claims, stored_claims=None)


def load_claims(data: bytes) -> list[Claim]:
    """The claims of a JSON array of claims (the claims of `load_block_raw`)."""
    try:
        return _CLAIMS_DECODER.decode(data)
    except msgspec.DecodeError:
        return [load_claim(c) for c in from_json(data)]


def load_claim_places(data: bytes) -> list[ClaimPlace]:
    """The id, document, line and text of each claim of a JSON array of claims."""
    return _PLACES_DECODER.decode(data)


def load_claim_views(data: bytes) -> list[ClaimView] | list[Claim]:
    """The id, status and links of each claim of a JSON array of claims, the rest skipped (claims with
    values this code does not know, written by older code, are read whole)."""
    try:
        return _VIEWS_DECODER.decode(data)
    except msgspec.DecodeError:
        return load_claims(data)


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
                figure_relation=None if figures is None else FigureRelation(_LEGACY_RELATIONS.get(figures, figures)),
                event=d.get("event", []))           # absent in runs stored before links named their event


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
        col_starts=list(d.get("col_starts", [])),      # absent in runs stored before columns were mapped
        col_shifts=list(d.get("col_shifts", [])),
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
        context_run=d.get("context_run"),     # absent in runs stored before it
        joined=list(d.get("joined", ())),     # absent in runs stored before it
        folder=d.get("folder"),               # absent in runs stored before it
        changes={kind: list(ids) for kind, ids in d["changes"].items()},
        removed_claims=[RemovedClaim(**r) for r in d.get("removed_claims", ())],   # absent in runs stored before it
        notices=[Notice(**n) for n in d.get("notices", ())],   # absent in runs stored before the store kept them
        learned_furniture=[LearnedFurniture(**f) for f in d.get("learned_furniture", ())],
        timelines=[_load_timeline(t) for t in d.get("timelines", ())],   # absent in runs stored before them
    )


def _load_timeline(d: dict[str, Any]) -> Timeline:
    def points(key: str) -> list[TimelinePoint]:      # "reports" is absent in runs stored before it
        return [TimelinePoint(**{**p, "relation": None if p["relation"] is None else FigureRelation(p["relation"])})
                for p in d.get(key, ())]
    return Timeline(d["measure"], d["population"], d["scope"], points("points"), points("reports"))
