"""Domain terms and derived facts of the model, and the JSON contract's vocabulary matching them."""
from __future__ import annotations

import json

from audit.models import (
    Attribution, AttributionKind, Claim, CorroborationStatus, FigureRelation, Finding, LinkRelation, Severity, Span,
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
    assert defs["link"]["properties"]["figure_relation"]["enum"] == [*FigureRelation, None]
