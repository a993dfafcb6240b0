"""Round trips through audit.codec, including through JSON text."""
from __future__ import annotations

import json
import zlib
from dataclasses import asdict, is_dataclass
from typing import get_args, get_type_hints

from hypothesis import given, settings
from hypothesis import strategies as st

from audit import codec
from audit.models import (
    Anonymity, Attribution, AttributionKind, AuditResult, Claim, Corroboration, CorroborationStatus, Document,
    Entity, FigureRelation, Finding, LedgerItem, Link, LinkRelation, MetaValue, Notice, Quantity, RuleInfo, RunInfo,
    Severity, Skipped, SourcingMix, Span, Timeline, TimelinePoint,
)

texts = st.text(max_size=12)
maybe_texts = st.none() | texts
ints = st.integers(min_value=0, max_value=10**6)
floats = st.floats(allow_nan=False, allow_infinity=False)
maybe_floats = st.none() | floats
numbers = st.integers(min_value=-10**12, max_value=10**12) | floats   # the fields annotated int | float
maybe_numbers = st.none() | numbers
spans = st.builds(Span, start=ints, end=ints, text=texts)
maybe_spans = st.none() | spans
few = {"max_size": 3}

quantities = st.builds(Quantity, text=texts, start=ints, end=ints, low=maybe_numbers, high=maybe_numbers,
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
findings = st.builds(Finding, rule=texts, signal=texts, severity=severities, weight=numbers, message=texts,
                     evidence=spans, standard=texts, mitigation=maybe_texts, suppressed=st.booleans())
ledger_items = st.builds(LedgerItem, rule=texts, weight=numbers, points=numbers)
links = st.builds(Link, claim=texts, relation=st.sampled_from(LinkRelation), why=texts, similarity=numbers,
                  figure_relation=st.none() | st.sampled_from(FigureRelation))
corroborations = st.builds(Corroboration, status=st.sampled_from(CorroborationStatus), independent_origins=ints, origin=maybe_texts,
                           party_only=st.booleans(), links=st.lists(links, **few))
claims = st.builds(
    Claim, id=texts, document=texts, text=st.text(), start=ints, end=ints, line=ints, col=ints,
    is_headline=st.booleans(), paragraph=ints, index=ints, quantities=st.lists(quantities, **few),
    entities=st.lists(entities, **few), attribution=attributions, attributions=st.lists(attributions, **few),
    hedged=st.booleans(), findings=st.lists(findings, **few), score=numbers, ledger=st.lists(ledger_items, **few),
    corroboration=corroborations,
)
documents = st.builds(
    Document, id=texts, path=texts, sha256=texts, text=st.text(), format=texts,
    meta=st.dictionaries(texts, st.builds(MetaValue, value=maybe_texts, source=texts), max_size=3),
    regions=st.lists(st.tuples(ints, ints), **few), headline=maybe_spans, furniture=st.lists(spans, **few),
    line_starts=st.lists(ints, **few), line_numbers=st.lists(ints, **few), words=ints, readability=maybe_numbers,
)
runs = st.builds(RunInfo, id=texts, started=texts, tool_version=texts, rules_hash=texts,
                 inputs=st.lists(st.dictionaries(texts, texts, max_size=2), **few), reused=ints)
mixes = st.builds(SourcingMix, name=texts, documents=ints, claims=ints, mean_score=floats, min_score=floats,
                  named=ints, anonymous=ints, second_hand=ints, unattributed=ints,
                  findings=st.dictionaries(texts, ints, max_size=3))
timeline_points = st.builds(TimelinePoint, as_of=texts, text=texts, low=maybe_numbers, high=maybe_numbers,
                            claims=st.lists(texts, **few), outlets=st.lists(texts, **few),
                            relation=st.none() | st.sampled_from(FigureRelation))
timelines = st.builds(Timeline, measure=texts, population=texts, scope=maybe_texts,
                      points=st.lists(timeline_points, **few), reports=st.lists(timeline_points, **few))
results = st.builds(
    AuditResult, run=runs, documents=st.lists(documents, **few), claims=st.lists(claims, **few),
    rules=st.lists(st.builds(RuleInfo, id=texts, signal=texts, severity=severities, weight=floats, message=texts,
                             rationale=texts, standard=texts, path=texts, line=ints), **few),
    skipped=st.lists(st.builds(Skipped, path=texts, line=st.none() | ints, error=texts), **few),
    by_document=st.lists(mixes, **few), by_outlet=st.lists(mixes, **few), previous_run=maybe_texts,
    changes=st.dictionaries(texts, st.lists(texts, **few), max_size=3),
    notices=st.lists(st.builds(Notice, path=texts, line=st.none() | ints, message=texts), **few),
    timelines=st.lists(timelines, **few),
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


@given(documents, st.lists(claims, **few))
def test_a_block_loads_into_the_dataclasses_and_encodes_to_the_same_bytes(doc, claims):
    data = codec.to_json({"document": doc, "claims": claims})
    loaded = codec.load_block(data)
    assert loaded == (doc, claims)
    assert codec.to_json({"document": loaded[0], "claims": loaded[1]}) == data


@given(documents, st.lists(claims, **few))
def test_a_block_read_with_its_claims_as_json_gives_what_they_encode_to(doc, claims):
    """load_block_raw leaves the claims as the bytes to_json writes of them alone; a block written with
    \\u escapes (a lone surrogate) is not read that way."""
    data = codec.to_json({"document": doc, "claims": claims})
    raw = codec.load_block_raw(data)
    if raw is None:
        assert b"\\ud" in data
        return
    assert raw == (doc, codec.to_json(claims)) and codec.load_claims(raw[1]) == claims

    def seen(c) -> tuple:       # what compare reads of a claim
        return c.id, c.corroboration.status, [(k.claim, k.relation, k.figure_relation) for k in c.corroboration.links]
    assert [seen(v) for v in codec.load_claim_views(raw[1])] == [seen(c) for c in claims]


@settings(max_examples=300)
@given(documents, st.lists(st.tuples(claims, claims), **few), documents)
def test_an_analysis_comes_back_from_what_differs_from_a_block(doc, pairs, other):
    """An analysis and a block of as many claims, each field of either drawn: the analysis stored as what
    differs from the block reads back byte for byte (analysis_delta does not check it: it follows from each
    field's JSON decoding to what encodes to it), or is refused for \\u escapes, and stored whole."""
    mine, theirs = [a for a, _ in pairs], [b for _, b in pairs]
    analysis = codec.analysis_json(doc, mine)
    block = codec.to_json({"document": other, "claims": theirs})
    delta = codec.analysis_delta(analysis, block)
    if delta is None:
        assert b"\\ud" in analysis + block
        return
    back = codec.unpack_analysis_delta(delta, zlib.compress(block), doc.text)
    assert back == (doc, mine) and codec.analysis_json(*back) == analysis


@settings(max_examples=10)
@given(documents, claims)
def test_an_analysis_is_not_stored_against_a_block_of_other_claims(doc, claim):
    assert codec.analysis_delta(codec.analysis_json(doc, [claim]), codec.to_json({"document": doc, "claims": []})) is None
    assert codec.unpack_analysis_delta(b"not zlib", zlib.compress(b"{}"), "") is None


def test_every_number_of_a_block_may_be_whole():
    """A field typed `float` alone would decode a stored `1` as `1.0`: the re-run's JSON would differ."""
    seen, todo, bare = set(), [Document, Claim], []
    while todo:
        cls = todo.pop()
        for name, hint in get_type_hints(cls).items():
            for t in _leaf_types(hint):
                if t is float and int not in _leaf_types(hint):
                    bare.append(f"{cls.__name__}.{name}")
                if is_dataclass(t) and t not in seen:
                    seen.add(t)
                    todo.append(t)
    assert bare == []


def _leaf_types(hint) -> set:
    args = get_args(hint)
    return set().union(*map(_leaf_types, args)) if args else {hint}


def test_blocks_stored_by_older_code_load():
    claim = Claim("c", "d", "t", 0, 1, 1, 1, corroboration=Corroboration(
        links=[Link("x", LinkRelation.UPDATES, "a count again", 0.9, FigureRelation.UPDATE)]))
    stored = codec.dump(claim)
    stored["corroboration"]["links"][0]["figure_relation"] = "revision"
    del stored["attributions"]
    doc = Document(id="d", path="p", sha256="s", text="\ud800 lone")
    data = b'{"document":' + codec.to_json(doc) + b',"claims":[' + codec.to_json(stored) + b"]}"
    assert codec.load_block(data) == (doc, [claim])


def test_claims_stored_by_older_code_load_from_their_json_alone():
    """What compare reads of a stored run's claims, and their decoding, take old values as load_block does."""
    claim = Claim("c", "d", "t", 0, 1, 1, 1, corroboration=Corroboration(
        links=[Link("x", LinkRelation.UPDATES, "a count again", 0.9, FigureRelation.UPDATE)]))
    stored = codec.dump(claim)
    stored["corroboration"]["links"][0]["figure_relation"] = "revision"
    data = b"[" + codec.to_json(stored) + b"]"
    assert codec.load_claims(data) == [claim]
    assert codec.load_claim_views(data)[0].corroboration.links[0].figure_relation is FigureRelation.UPDATE


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


def test_a_run_stored_before_timeline_reports_loads():
    timeline = Timeline("killed", "palestinian", "gaza", [TimelinePoint("2023-10-20", "4,137", 4137, 4137, ["c"])])
    stored = codec.dump(AuditResult(run=RunInfo("r", "t", "v", "h"), documents=[], claims=[], rules=[],
                                    timelines=[timeline]))
    del stored["timelines"][0]["reports"]
    assert codec.load_result(through_json(stored)).timelines == [timeline]


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
