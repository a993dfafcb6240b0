"""False alarms on clean text: well-sourced passages on which the built-in rules should stay nearly silent.

The passages (audit/evaluation/data/clean/*.txt) name their sources and attribute their figures. Every finding
of severity warning or worse on them is a false alarm; info findings are counted apart.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from audit.models import Severity


def false_alarms(folder: Path | str, auditor=None) -> dict:
    """Run the whole pipeline (corroboration included, no store) over the passages and count findings."""
    from audit.pipeline import Auditor

    auditor = auditor or Auditor()
    result = auditor.run([str(p) for p in sorted(Path(folder).glob("*.txt"))], None)
    per_doc: dict[str, list] = {d.id: [] for d in result.documents}
    for claim in result.claims:
        per_doc[claim.document].extend(f for f in claim.findings if not f.suppressed)
    warnings = {doc: [f for f in found if f.severity != Severity.INFO] for doc, found in per_doc.items()}
    names = {d.id: Path(d.path).name for d in result.documents}
    passages = len(per_doc)
    findings = sum(len(v) for v in per_doc.values())
    alarms = sum(len(v) for v in warnings.values())
    flagged = sum(1 for v in warnings.values() if v)
    return {
        "folder": str(folder),
        "passages": passages,
        "findings": findings,
        "warnings_or_worse": alarms,
        "findings_per_passage": _per(findings, passages),
        "warnings_per_passage": _per(alarms, passages),
        "passages_with_warning": flagged,
        "share_with_warning": _per(flagged, passages),
        "by_rule": dict(Counter(f.rule for v in per_doc.values() for f in v).most_common()),
        "alarms": [{"passage": names[doc], "rule": f.rule, "severity": f.severity, "evidence": f.evidence.text}
                   for doc, v in warnings.items() for f in v],
    }


def _per(count: int, passages: int) -> float:
    return round(count / passages, 3) if passages else 0.0


def render_clean(report: dict) -> str:
    lines = [f"precision check on {report['passages']} clean passages ({report['folder']}): "
             f"{report['findings_per_passage']:.2f} findings per passage "
             f"({report['warnings_per_passage']:.2f} warning-or-worse), "
             f"{report['passages_with_warning']}/{report['passages']} passages "
             f"({report['share_with_warning']:.0%}) with a warning-or-worse finding"]
    if report["by_rule"]:
        lines.append("  findings by rule: " + ", ".join(f"{r} {n}" for r, n in report["by_rule"].items()))
    for alarm in report["alarms"]:
        lines.append(f"  false alarm: {alarm['passage']}: {alarm['rule']} ({alarm['severity']}) \"{alarm['evidence']}\"")
    return "\n".join(lines)
