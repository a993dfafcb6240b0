"""Every rule's inline examples, run through the real pipeline (like Semgrep's rule tests)."""
from __future__ import annotations

import pytest

from audit.pipeline import Auditor
from audit.ruletest import run_examples

_AUDITOR = Auditor()
_RESULTS = run_examples(_AUDITOR)


def test_every_rule_has_both_kinds_of_example():
    for rule in _AUDITOR.rules.rules:
        assert rule.examples["match"] and rule.examples["no_match"], rule.id


@pytest.mark.parametrize("result", _RESULTS,
                         ids=lambda r: f"{r.rule}:{'match' if r.expect else 'no_match'}:{r.line}")
def test_rule_example(result):
    verb = "should fire" if result.expect else "should not fire"
    assert result.ok, f"{result.rule} {verb} on: {result.text!r} (rules file line {result.line})"
