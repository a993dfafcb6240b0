"""Corroboration's candidate pairs scored on several processes give what one process gives."""
from __future__ import annotations

import copy

import msgspec

import audit.corroborate as stage
import audit.corroborate.spread as spread
from audit.corroborate import corroborate


def test_pairs_scored_on_two_processes_give_the_same_matches_in_the_same_order(seed_result, auditor, monkeypatch):
    documents = {d.id: d for d in seed_result.documents}
    found: dict[int, tuple[list, int]] = {}

    class Recording(stage.Matcher):
        def matches(self, jobs: int = 1, scorer=None):
            out = found[jobs] = (super().matches(jobs, scorer), self.scored)
            return out[0]

    def corroborated(jobs: int) -> list[bytes]:
        claims = copy.deepcopy(seed_result.claims)
        corroborate(claims, documents, auditor.registry, lexicon=auditor.language, jobs=jobs)
        return [msgspec.json.encode(c.corroboration) for c in claims]

    forked = []
    real = spread.get_context
    monkeypatch.setattr(spread, "get_context", lambda method: forked.append(method) or real(method))
    monkeypatch.setattr(stage, "Matcher", Recording)
    monkeypatch.setattr(spread, "MIN_UNITS", 1)                 # the seeds' few units are spread too
    monkeypatch.setattr(spread, "SLICES_PER_JOB", 1)            # in two halves, one a process
    one = corroborated(1)
    assert not forked
    assert corroborated(2) == one
    assert forked == ["fork"]
    assert found[2] == found[1]
    matches, _ = found[1]
    probing = sorted({m.a for m in matches})
    assert matches[0].a < probing[len(probing) // 2] <= matches[-1].a     # both halves found matches
