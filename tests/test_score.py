"""The score formula: 100 × Π(1 − weight), itemised, and monotone in findings."""
from __future__ import annotations

from hypothesis import given, strategies as st

from audit.models import Claim, Finding, Span
from audit.score import aggregate, score_claim

weights = st.floats(min_value=0, max_value=1, allow_nan=False)


def _claim(ws: list[float], suppressed: tuple[int, ...] = ()) -> Claim:
    c = Claim(id="c", document="d", text="x", start=0, end=1, line=1, col=1)
    c.findings = [Finding(rule=f"r{i}", signal="s", severity="warning", weight=w, message="m",
                          evidence=Span(0, 1, "x"), suppressed=i in suppressed) for i, w in enumerate(ws)]
    return c


def test_no_findings_scores_100():
    c = _claim([])
    score_claim(c)
    assert c.score == 100 and c.ledger == []


def test_ledger_adds_up_to_the_points_lost():
    c = _claim([0.3, 0.1, 0.25])
    score_claim(c)
    assert c.score == round(100 * 0.7 * 0.9 * 0.75, 1)
    assert abs(sum(i.points for i in c.ledger) - (100 - c.score)) < 0.1
    assert [i.rule for i in c.ledger] == ["r0", "r2", "r1"]          # heaviest first


def test_suppressed_findings_do_not_count():
    c = _claim([0.5, 0.5], suppressed=(1,))
    score_claim(c)
    assert c.score == 50


@given(st.lists(weights, max_size=8), weights)
def test_a_further_finding_never_raises_the_score(ws, extra):
    before, after = _claim(ws), _claim(ws + [extra])
    score_claim(before)
    score_claim(after)
    assert after.score <= before.score
    assert 0 <= after.score <= 100


def test_aggregates_per_outlet(seed_result):
    per_doc, per_outlet = aggregate(seed_result.documents, seed_result.claims)
    assert sum(m.claims for m in per_doc) == len(seed_result.claims)
    names = {m.name for m in per_outlet}
    assert {"The Palestine Chronicle", "Daily News Egypt", "Al Mayadeen English"} <= names
    chronicle = next(m for m in per_outlet if m.name == "The Palestine Chronicle")
    assert chronicle.anonymous >= 5 and chronicle.findings.get("anonymous_source", 0) >= 5
