"""JUnit XML for CI test reports: a test suite per document, a test case per claim.

A claim fails when it has an unsuppressed finding at or above `fail_level`, or scores under
`fail_under`; the failure lists those findings as `path:line:col: severity [rule] message`. Findings
below the level, and suppressed ones, go to the case's `system-out`, so nothing is hidden.
"""
from __future__ import annotations

from audit import TOOL_NAME
import re
import xml.etree.ElementTree as ET

from ..models import AuditResult, Claim, Document
from .formats import RenderOptions
from .text import Located, located_findings

_INVALID_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def _line(x: Located) -> str:
    f = x.finding
    mark = " (suppressed)" if f.suppressed else ""
    return f"{x.doc.path}:{x.line}:{x.col}: {f.severity} [{f.rule}] {f.message}{mark}"


def render_junit(result: AuditResult, options: RenderOptions = RenderOptions()) -> str:
    by_claim: dict[str, list[Located]] = {}
    for x in located_findings(result, suppressed=True):
        by_claim.setdefault(x.claim.id, []).append(x)
    claims: dict[str, list[Claim]] = {}
    for c in result.claims:
        claims.setdefault(c.document, []).append(c)
    root = ET.Element("testsuites", name=TOOL_NAME)
    failed = sum(_suite(root, doc, claims.get(doc.id, []), by_claim, options) for doc in result.documents)
    for s in result.skipped:
        suite = ET.SubElement(root, "testsuite", name=_clean(s.path), tests="1", failures="0", errors="1",
                              skipped="0")
        case = ET.SubElement(suite, "testcase", classname=_clean(s.path), name="read", file=_clean(s.path))
        ET.SubElement(case, "error", message=_clean(s.error)).text = _clean(f"{s.where}: {s.error}")
    total = sum(len(claims.get(doc.id, [])) for doc in result.documents)
    root.set("tests", str(total + len(result.skipped)))
    root.set("failures", str(failed))
    root.set("errors", str(len(result.skipped)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(root: ET.Element, doc: Document, claims: list[Claim], by_claim: dict[str, list[Located]],
           options: RenderOptions) -> int:
    """One document's test suite; returns how many of its cases fail."""
    suite = ET.SubElement(root, "testsuite", name=_clean(doc.path))
    failed = sum(_case(suite, doc, claim, by_claim.get(claim.id, []), options) for claim in claims)
    for key, value in (("tests", len(claims)), ("failures", failed), ("errors", 0), ("skipped", 0)):
        suite.set(key, str(value))
    return failed


def _case(suite: ET.Element, doc: Document, claim: Claim, found: list[Located], options: RenderOptions) -> bool:
    """One claim's test case, failing on findings at or above the level or a low score; True if it fails."""
    failing = [x for x in found if x.finding.fails_at(options.fail_level)]
    case = ET.SubElement(suite, "testcase", classname=_clean(doc.path), name=_clean(_name(claim)),
                         file=_clean(doc.path), line=str(claim.line), time="0")
    under = options.fail_under if options.fail_under is not None and claim.score < options.fail_under else None
    if failing or under is not None:
        _failure(case, claim, failing, under)
    rest = [x for x in found if not any(x is y for y in failing)]
    if rest:
        ET.SubElement(case, "system-out").text = _clean("\n".join(_line(x) for x in rest))
    return bool(failing) or under is not None


def _failure(case: ET.Element, claim: Claim, failing: list[Located], under: float | None) -> None:
    """The case's failure: the findings at or above the level, else the score under `fail_under`."""
    rules = ", ".join(dict.fromkeys(x.finding.rule for x in failing))
    summary = f"score {claim.score:g}/100" + (f" (under {under:g})" if under is not None else "")
    failure = ET.SubElement(case, "failure", type=failing[0].finding.severity if failing else "score",
                            message=_clean(f"{summary}: {rules}" if rules else summary))
    failure.text = _clean("\n".join(_line(x) for x in failing) or summary)


def _name(claim: Claim) -> str:
    text = " ".join(claim.text.split())
    text = text if len(text) <= 80 else text[:79] + "…"
    return f"line {claim.line}: {text} ({claim.id})"
