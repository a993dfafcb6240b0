"""Run rules' inline examples through the real pipeline: each `match` text must fire the rule, each
`no_match` text must not. Used by the test suite and by `audit rules test`."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .models import Claim, Document, MetaValue, Span
from .pipeline import Auditor


@dataclass(slots=True)
class ExampleResult:
    rule: str
    expect: bool          # True for a match example
    fired: bool
    text: str
    line: int

    @property
    def ok(self) -> bool:
        return self.expect == self.fired


def example_document(text: str, *, outlet: str | None = None, published: str | None = None,
                     headline: bool = False, doc_id: str = "example") -> Document:
    """A document built from example text; with `headline`, its first line is the headline."""
    doc = Document(id=doc_id, path=f"<{doc_id}>", sha256=hashlib.sha256(text.encode()).hexdigest(), text=text)
    start = 0
    if headline:
        first = text.split("\n", 1)[0]
        doc.headline = Span(0, len(first), first)
        start = len(first)
    doc.regions = [(start, len(text))]
    doc.line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    doc.line_numbers = list(range(1, len(doc.line_starts) + 1))
    for key, value in (("outlet", outlet), ("published", published)):
        if value:
            doc.meta[key] = MetaValue(value, "example")
    return doc


def _fires(auditor: Auditor, rule_id: str, case: dict) -> bool:
    from .corroborate import corroborate

    specs = case.get("documents") or [case]
    docs = [example_document(str(d["text"]), outlet=d.get("outlet"), published=d.get("published"),
                             headline=str(d.get("headline", "")).lower() == "true", doc_id=f"example{i}")
            for i, d in enumerate(specs)]
    claims: list[Claim] = []
    for doc in docs:
        claims += auditor.analyse(doc)
    corroborate(claims, {d.id: d for d in docs}, auditor.registry)
    for doc in docs:
        auditor.rules.apply([c for c in claims if c.document == doc.id], doc, auditor.registry, "corpus")
    return any(f.rule == rule_id for c in claims if c.document == docs[0].id for f in c.findings)


def run_examples(auditor: Auditor, rule_ids: set[str] | None = None) -> list[ExampleResult]:
    results = []
    for rule in auditor.rules.rules:
        if rule_ids and rule.id not in rule_ids:
            continue
        for key, expect in (("match", True), ("no_match", False)):
            for case in rule.examples.get(key, []):
                text = str(case.get("text") or case["documents"][0]["text"])
                results.append(ExampleResult(rule.id, expect, _fires(auditor, rule.id, case), text, case["line"]))
    return results
