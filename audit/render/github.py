"""GitHub Actions: workflow-command annotations and the job summary.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step, so findings are ranked
(severity, then weight, then the claim's score) and only the first 10 of each level are printed as
annotations; a plain closing line counts the rest. The full Markdown report goes to the step summary
(`$GITHUB_STEP_SUMMARY`) without its front matter, cut to stay under GitHub's 1 MiB limit with a note
saying so.
"""
from __future__ import annotations

from ..models import AuditResult, Severity
from .formats import RenderOptions
from .markdown import render_markdown
from .sarif import relative_uri, repository_root
from .text import Located, located_findings

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
PER_LEVEL = 10
SUMMARY_LIMIT = 1024 * 1024          # bytes GitHub accepts in one step summary
TRUNCATED = ("\n\n> **Note:** this report was cut to fit GitHub's 1 MiB job-summary limit. "
             "Write the whole report with `audit check ... --output markdown=report.md`.\n")


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def ranked(result: AuditResult) -> list[Located]:
    """Unsuppressed findings, most severe first, then heaviest, then on the weakest claims."""
    return sorted(located_findings(result), key=lambda x: (
        -Severity(x.finding.severity).rank, -x.finding.weight, x.claim.score, x.doc.path, x.line, x.col))


def render_github(result: AuditResult, options: RenderOptions = RenderOptions()) -> str:
    root = (options.root or repository_root()).resolve()
    found = ranked(result)
    shown: dict[str, int] = {}
    lines = []
    for x in found:
        f = x.finding
        if shown.get(f.severity, 0) >= PER_LEVEL:
            continue
        shown[f.severity] = shown.get(f.severity, 0) + 1
        where = f"file={_prop(relative_uri(x.doc.path, root))},line={x.line},endLine={x.end_line},col={x.col}"
        if x.end_line == x.line:
            where += f",endColumn={max(x.end_col, x.col + 1)}"
        lines.append(f"::{COMMANDS[f.severity]} {where},title={_prop(f'{f.rule} ({f.severity})')}::"
                     f"{_data(f.message)}")
    for s in result.skipped:
        line = f",line={s.line}" if s.line else ""
        lines.append(f"::warning file={_prop(relative_uri(s.path, root))}{line},title=skipped::{_data(s.error)}")
    counts = {sev: sum(x.finding.severity == sev for x in found) for sev in COMMANDS}
    total = sum(counts.values())
    summary = (f"provenance-audit: {total} finding(s) in {len(result.documents)} document(s)"
               + (" (" + ", ".join(f"{n} {sev}" for sev, n in counts.items() if n) + ")" if total else ""))
    hidden = total - sum(shown.values())
    if hidden:
        summary += (f"; {hidden} not shown as annotations (GitHub shows {PER_LEVEL} per level per step): "
                    "see the job summary")
    lines.append(summary)
    return "\n".join(lines) + "\n"


def step_summary(result: AuditResult, limit: int = SUMMARY_LIMIT) -> str:
    """The Markdown report for `$GITHUB_STEP_SUMMARY` without its YAML front matter (machine-readable
    provenance, which GitHub would show as raw text), at most `limit` bytes (UTF-8)."""
    report = without_front_matter(render_markdown(result))
    if len(report.encode("utf-8")) <= limit:
        return report
    budget = limit - len(TRUNCATED.encode("utf-8")) - 8
    cut = report.encode("utf-8")[:budget].decode("utf-8", errors="ignore")
    cut = cut[:cut.rfind("\n") + 1] if "\n" in cut else cut
    if sum(line.lstrip().startswith(("```", "~~~")) for line in cut.splitlines()) % 2:
        cut += "```\n"                          # close a code block (a Mermaid chart) left open
    return cut + TRUNCATED


def without_front_matter(markdown: str) -> str:
    """The Markdown after a leading `---` ... `---` YAML block, if there is one."""
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 3)
        if end >= 0:
            return markdown[end + len("\n---\n"):].lstrip("\n")
    return markdown
