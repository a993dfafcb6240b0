"""Round trips through audit.codec, including through JSON text."""
from __future__ import annotations

import json
from dataclasses import asdict

from hypothesis import given, settings
from hypothesis import strategies as st

from audit import codec
from audit.models import (
    Anonymity, Attribution, AttributionKind, AuditResult, Claim, Corroboration, CorroborationStatus, Document,
    Entity, FigureRelation, Finding, LedgerItem, Link, LinkRelation, MetaValue, Notice, Quantity, RuleInfo, RunInfo,
    Severity, Skipped, SourcingMix, Span,
)

texts = st.text(max_size=12)
maybe_texts = st.none() | texts
ints = st.integers(min_value=0, max_value=10**6)
floats = st.floats(allow_nan=False, allow_infinity=False)
maybe_floats = st.none() | floats
spans = st.builds(Span, start=ints, end=ints, text=texts)
maybe_spans = st.none() | spans
few = {"max_size": 3}

quantities = st.builds(Quantity, text=texts, start=ints, end=ints, low=maybe_floats, high=maybe_floats,
                       unit=maybe_texts, kind=texts, role=maybe_texts, vague=st.booleans())
entities = st.builds(Entity, text=texts, start=ints, end=ints, canonical=maybe_texts, kind=maybe_texts)
anonymities = st.builds(Anonymity, descriptor=texts, role_given=st.booleans(), affiliation=maybe_texts,
                        reason_given=st.booleans(), reason=maybe_spans, plural=st.booleans())
attributions = st.builds(
    Attribution, kind=st.sampled_from(AttributionKind), source=maybe_texts,
    source_span=maybe_spans, cue=maybe_texts, cue_span=maybe_spans, via=st.lists(texts, **few),
    via_spans=st.lists(spans, **few), actor=maybe_texts, anonymity=st.none() | anonymities,
    inherited=st.booleans(), inherited_from=maybe_texts, nested=st.booleans(),
)
severities = st.sampled_from(Severity)
findings = st.builds(Finding, rule=texts, signal=texts, severity=severities, weight=floats, message=texts,
                     evidence=spans, standard=texts, mitigation=maybe_texts, suppressed=st.booleans())
ledger_items = st.builds(LedgerItem, rule=texts, weight=floats, points=floats)
links = st.builds(Link, claim=texts, relation=st.sampled_from(LinkRelation), why=texts, similarity=floats,
                  figure_relation=st.none() | st.sampled_from(FigureRelation))
corroborations = st.builds(Corroboration, status=st.sampled_from(CorroborationStatus), independent_origins=ints, origin=maybe_texts,
                           party_only=st.booleans(), links=st.lists(links, **few))
claims = st.builds(
    Claim, id=texts, document=texts, text=st.text(), start=ints, end=ints, line=ints, col=ints,
    is_headline=st.booleans(), paragraph=ints, index=ints, quantities=st.lists(quantities, **few),
    entities=st.lists(entities, **few), attribution=attributions, attributions=st.lists(attributions, **few),
    hedged=st.booleans(), findings=st.lists(findings, **few), score=floats, ledger=st.lists(ledger_items, **few),
    corroboration=corroborations,
)
documents = st.builds(
    Document, id=texts, path=texts, sha256=texts, text=st.text(), format=texts,
    meta=st.dictionaries(texts, st.builds(MetaValue, value=maybe_texts, source=texts), max_size=3),
    regions=st.lists(st.tuples(ints, ints), **few), headline=maybe_spans, furniture=st.lists(spans, **few),
    line_starts=st.lists(ints, **few), line_numbers=st.lists(ints, **few), words=ints, readability=maybe_floats,
)
runs = st.builds(RunInfo, id=texts, started=texts, tool_version=texts, rules_hash=texts,
                 inputs=st.lists(st.dictionaries(texts, texts, max_size=2), **few), reused=ints)
mixes = st.builds(SourcingMix, name=texts, documents=ints, claims=ints, mean_score=floats, min_score=floats,
                  named=ints, anonymous=ints, second_hand=ints, unattributed=ints,
                  findings=st.dictionaries(texts, ints, max_size=3))
results = st.builds(
    AuditResult, run=runs, documents=st.lists(documents, **few), claims=st.lists(claims, **few),
    rules=st.lists(st.builds(RuleInfo, id=texts, signal=texts, severity=severities, weight=floats, message=texts,
                             rationale=texts, standard=texts, path=texts, line=ints), **few),
    skipped=st.lists(st.builds(Skipped, path=texts, line=st.none() | ints, error=texts), **few),
    by_document=st.lists(mixes, **few), by_outlet=st.lists(mixes, **few), previous_run=maybe_texts,
    changes=st.dictionaries(texts, st.lists(texts, **few), max_size=3),
    notices=st.lists(st.builds(Notice, path=texts, line=st.none() | ints, message=texts), **few),
)


def through_json(d: dict) -> dict:
    return json.loads(json.dumps(d))


@given(claims)
def test_claim_round_trip(claim):
    assert codec.load_claim(codec.dump(claim)) == claim
    assert codec.load_claim(through_json(codec.dump(claim))) == claim


@given(claims)
def test_loads_give_back_enum_members(claim):
    loaded = codec.load_claim(through_json(codec.dump(claim)))
    assert type(loaded.attribution.kind) is AttributionKind
    assert type(loaded.corroboration.status) is CorroborationStatus
    assert all(type(f.severity) is Severity for f in loaded.findings)
    assert all(type(k.relation) is LinkRelation for k in loaded.corroboration.links)
    assert all(k.figure_relation is None or type(k.figure_relation) is FigureRelation
               for k in loaded.corroboration.links)


def test_links_stored_before_figure_relations_load():
    claim = Claim("c", "d", "t", 0, 1, 1, 1, corroboration=Corroboration(
        links=[Link("x", LinkRelation.ECHOES, "same wording", 0.9)]))
    stored = codec.dump(claim)
    del stored["corroboration"]["links"][0]["figure_relation"]
    assert codec.load_claim(stored) == claim


def test_claims_stored_before_several_attributions_load():
    stored = codec.dump(Claim("c", "d", "t", 0, 1, 1, 1))
    del stored["attributions"], stored["attribution"]["nested"]
    assert codec.load_claim(stored) == Claim("c", "d", "t", 0, 1, 1, 1)


@given(claims, documents)
def test_dumps_cover_every_field(claim, doc):
    assert codec.dump(claim) == asdict(claim)
    assert through_json(codec.dump(doc)) == through_json(asdict(doc))


@given(documents)
def test_document_round_trip(doc):
    assert codec.load_document(through_json(codec.dump(doc))) == doc


@given(runs)
def test_run_round_trip(run):
    assert codec.load_run(through_json(codec.dump(run))) == run


@settings(max_examples=50)
@given(results)
def test_result_round_trip(result):
    assert codec.load_result(through_json(codec.dump(result))) == result


def test_dump_is_a_fresh_tree():
    doc = Document(id="d", path="p", sha256="s", text="t", meta={"title": MetaValue("T", "html")}, regions=[(0, 1)])
    dumped = codec.dump(doc)
    dumped["meta"]["title"]["value"] = "changed"
    dumped["line_starts"].append(9)
    assert doc.get("title") == "T" and doc.line_starts == [0]


def test_json_is_the_stdlib_encoding_byte_for_byte(seed_result):
    """The contract through msgspec is what json.dumps wrote before, indentation and floats included
    (floats in exponent form would differ only in spelling, 1e16 for 1e+16, never in value)."""
    from audit.render.json_contract import contract, dumps

    plain = json.loads(json.dumps(codec.dump(contract(seed_result))))
    assert dumps(seed_result) == json.dumps(plain, indent=2, ensure_ascii=False, allow_nan=False)


def test_non_finite_floats_are_written_as_null():
    doc = Document(id="d", path="p", sha256="s", text="t", readability=float("nan"))
    assert codec.from_json(codec.to_json(doc))["readability"] is None


def test_lone_surrogates_are_escaped_and_read_back():
    doc = Document(id="d\ud800", path="p", sha256="s", text="lone \udc80 surrogate")
    data = codec.to_json(doc)
    assert data.isascii() and codec.load_document(codec.from_json(data)) == doc
    assert codec.from_json(codec.to_json(doc, indent=2)) == codec.dump(doc)


def test_to_json_after_puts_the_keys_first():
    claim = Claim("c", "d", "t", 0, 1, 1, 1)
    line = codec.to_json_after({"schema_version": 1, "path": "a.txt"}, claim)
    assert list(codec.from_json(line))[:4] == ["schema_version", "path", "id", "document"]
    assert codec.load_claim(codec.from_json(line)) == claim
