"""The `anonymous` kind's precision (issue 10): descriptors the tool took for withheld identities that the
guideline (docs/accuracy.md section 2) gives another kind. Invented sentences."""
from __future__ import annotations

from audit.models import Document


def _claims(auditor, text: str):
    doc = Document(id="t", path="t.txt", sha256="", text=text, regions=[(0, len(text))], meta={})
    return auditor.extractor.claims(doc)


def _kind_of(auditor, text: str, source: str) -> str:
    found = [a for c in _claims(auditor, text) for a in c.attributions if a.source == source]
    assert found, [(a.source, a.kind) for c in _claims(auditor, text) for a in c.attributions]
    return found[0].kind


def test_a_figure_is_anonymous_only_as_a_senior_figure(auditor):
    """ "senior figure" is listed: "figure" alone names no withheld identity ("another harbour figure")."""
    assert _kind_of(auditor, "A senior Harbour Party figure said the vote would fail.",
                    "A senior Harbour Party figure") == "anonymous"
    assert _kind_of(auditor, "Another Harbour Party figure said the vote would fail.",
                    "Another Harbour Party figure") != "anonymous"
