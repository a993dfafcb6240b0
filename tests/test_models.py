"""Domain terms and derived facts of the model, and the JSON contract's vocabulary matching them."""
from __future__ import annotations

import json

from audit.models import (
    Anonymity, Attribution, AttributionKind, AuditResult, ChainRole, Claim, Corroboration, CorroborationStatus,
    Document, FigureRelation, Finding, Link, LinkRelation, MetaValue, ResultIndex, RunInfo, ScoreBand, Severity,
    Span,
)
from audit.render.json_contract import SCHEMA_PATH


def finding(severity: str, suppressed: bool = False, signal: str = "s") -> Finding:
    return Finding("r", signal, Severity(severity), 0.1, "m", Span(0, 1, "x"), suppressed=suppressed)


def test_enum_members_are_their_values():
    assert AttributionKind.NAMED_PERSON == "named_person" and f"{Severity.WARNING:9}|" == "warning  |"
    assert json.dumps([CorroborationStatus.ECHO, LinkRelation.CONFLICTS]) == '["echo", "conflicts"]'


def test_second_hand():
    assert Attribution(kind=AttributionKind.OUTLET).second_hand
    assert Attribution(kind=AttributionKind.ANONYMOUS, via=["Reuters"]).second_hand
    assert not Attribution(kind=AttributionKind.NAMED_PERSON).second_hand


def test_signals_are_unsuppressed_and_unique_in_order():
    claim = Claim("c", "d", "t", 0, 1, 1, 1, findings=[
        finding("info", signal="b"), finding("error", signal="a"), finding("info", signal="b"),
        finding("error", True, signal="z")])
    assert claim.signals == ["b", "a"]


def test_fails_at_counts_unsuppressed_findings_at_or_above_the_level():
    assert finding("warning").fails_at(Severity.WARNING) and finding("error").fails_at(Severity.INFO)
    assert not finding("info").fails_at(Severity.WARNING)
    assert not finding("error", suppressed=True).fails_at(Severity.INFO)


def test_contract_schema_uses_the_model_vocabulary():
    defs = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))["$defs"]
    assert defs["attribution"]["properties"]["kind"]["enum"] == list(AttributionKind)
    assert defs["finding"]["properties"]["severity"]["enum"] == list(Severity)
    assert defs["corroboration"]["properties"]["status"]["enum"] == list(CorroborationStatus)
    assert defs["link"]["properties"]["relation"]["enum"] == list(LinkRelation)
    assert defs["link"]["properties"]["figure_relation"]["enum"] == [*FigureRelation, "revision", None]   # + the older name


def test_score_bands_cover_every_score():
    assert [ScoreBand.of(x) for x in (100, 85, 84.4, 65, 40, 39.4, 0)] == [
        "strong", "strong", "fair", "fair", "weak", "poor", "poor"]
    assert ScoreBand.of(float("nan")) == ScoreBand.POOR


def test_status_rank_puts_what_needs_checking_first():
    assert sorted(CorroborationStatus, key=lambda s: s.rank)[:2] == ["contradicted", "contested"]


def test_document_date_and_url_take_only_what_they_claim_to_be():
    def doc(**meta: str) -> Document:
        return Document("d", "d.txt", "0", "", meta={k: MetaValue(v, "front_matter") for k, v in meta.items()})
    assert doc(published="2023-11-14T10:00Z").date == "2023-11-14" and doc(published="14 Nov").date is None
    assert doc(url=" https://example.org/a?b=1 ").url == "https://example.org/a?b=1"
    assert doc(url="javascript:alert(1)").url is None and doc(url='https://x" onclick="y').url is None


def _indexed() -> tuple[ResultIndex, Claim, Claim]:
    docs = [Document(i, f"{i}.txt", "0", "", meta={"outlet": MetaValue(o, "sidecar"),
                                                   "published": MetaValue(p, "sidecar")})
            for i, o, p in (("a", "Daily", "2023-11-15"), ("b", "Weekly", "2023-11-13"))]
    relayed = Claim("c1", "a", "t", 0, 1, 1, 1, attribution=Attribution(
        AttributionKind.ANONYMOUS, "the source", inherited=True, anonymity=Anonymity("a senior official"),
        via=["CNN", "Al Jazeera"]), corroboration=Corroboration(origin="Hamas", links=[Link("c2", LinkRelation.ECHOES, "")]))
    earlier = Claim("c2", "b", "t", 0, 1, 1, 1, corroboration=Corroboration(links=[Link("c1", LinkRelation.ECHOES, "")]))
    result = AuditResult(RunInfo("r", "", "0", ""), docs, [relayed, earlier], [])
    return ResultIndex(result), relayed, earlier


def test_chain_runs_from_origin_through_relays_to_the_publisher():
    index, relayed, earlier = _indexed()
    assert [(s.name, s.role) for s in index.chain(relayed)] == [
        ("Hamas", ChainRole.ORIGIN), ("a senior official", ChainRole.SOURCE), ("Al Jazeera", ChainRole.RELAY),
        ("CNN", ChainRole.RELAY), ("Daily", ChainRole.PUBLISHER)]
    assert [s.role for s in index.chain(earlier)] == [ChainRole.PUBLISHER]
    relayed.corroboration.origin = "A Senior  Official"
    assert [s.name for s in index.chain(relayed)][:2] == ["a senior official", "Al Jazeera"]


def test_first_appearance_is_the_earliest_dated_version():
    index, relayed, earlier = _indexed()
    assert index.versions(relayed) == [relayed, earlier]
    assert index.first_appearance(relayed) is earlier and index.first_appearance(earlier) is earlier


def test_a_score_is_banded_as_it_is_shown():
    from audit.models import ScoreBand

    assert f"{84.6:.0f}" == "85" and ScoreBand.of(84.6) is ScoreBand.STRONG
    assert ScoreBand.of(84.4) is ScoreBand.FAIR
    assert ScoreBand.of(39.4) is ScoreBand.POOR and ScoreBand.of(39.6) is ScoreBand.WEAK
