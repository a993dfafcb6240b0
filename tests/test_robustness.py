"""Hostile and random text never crashes the pipeline, and every offset stays inside the text."""
from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings, strategies as st

from audit.pipeline import Auditor
from audit.ruletest import example_document

AUDITOR = Auditor()
newsy = st.sampled_from([
    "said", "told CNN", "according to", "a senior official", "“", "”", "\"", ",", ".", " ", "\n", "Hamas",
    "240", "more than 6,000", "between 200 and 250", "he added", "the source said", "Al Jazeera", "as per NYT",
    "—", "(", ")", "sources familiar with", "about", "dozens of", "appeared to show", "'s", "Mr.", "U.S.",
])
text = st.one_of(st.text(max_size=400), st.lists(newsy, max_size=60).map("".join),
                 st.lists(st.one_of(newsy, st.text(max_size=5)), max_size=60).map(" ".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text, st.booleans())
@example(", ,sAID", False)                  # a bare comma between commas before a cue: once an IndexError
def test_pipeline_never_crashes_and_offsets_stay_inside(body, headline):
    doc = example_document(body, headline=headline and bool(body.split("\n", 1)[0].strip()))
    claims = AUDITOR.analyse(doc)
    n = len(body)
    for c in claims:
        assert 0 <= c.start < c.end <= n and body[c.start:c.end] == c.text
        a = c.attribution
        for span in [a.source_span, a.cue_span, *a.via_spans]:
            if span is not None:
                assert 0 <= span.start <= span.end <= n and body[span.start:span.end] == span.text
        for q in c.quantities:
            assert c.start <= q.start < q.end <= c.end
        for f in c.findings:
            assert 0 <= f.evidence.start <= f.evidence.end <= n
            assert body[f.evidence.start:f.evidence.end] == f.evidence.text
