"""A small fuzzing budget in the suite (issue 11): hostile corpora beside a good article never raise
anything but the tool's own located errors, and the good article's results always reach the output and
the store. bench/fuzz.py runs the same strategies with a large budget and also counts the located
"internal error" entries (bugs met and contained), which must come down to none."""
from __future__ import annotations

import tempfile
from pathlib import Path

from fuzzing import audit_corpus
from hypothesis import HealthCheck, given, settings
from strategies import corpora


@settings(max_examples=40, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(corpora())
def test_hostile_input_never_crashes_and_never_costs_the_good_article(corpus):
    with tempfile.TemporaryDirectory() as root:
        outcome = audit_corpus(corpus, Path(root))
    assert not outcome.crashes and not outcome.lost, (outcome.crashes, outcome.lost, outcome.internal_errors)
