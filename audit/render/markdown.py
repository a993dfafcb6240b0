"""The Markdown report: one AuditResult -> a document that reads well rendered on GitHub.

It opens with one screen an editor can act on (the bottom line, scores in verbal bands, the claims to
check first), then the claims, the findings by rule, provenance chains, contested figures, figure timelines, the outlets
compared (with two or more), changes since the previous run (when any), the method and an appendix.
Every long list is capped and points to the JSON output. The sections live in `audit.render.report`;
they only format, sort, select and count what the result holds.

Every value from the corpus goes through `audit.escape.markdown` (Mermaid labels through
`audit.escape.mermaid`). The front matter holds only values the tool makes (version, hashes, counts),
written with `yaml.safe_dump`. Nothing in the report depends on the clock or the run id, so the same
inputs and rules give the same bytes.
"""
from __future__ import annotations

from audit import TOOL_NAME
import yaml

from ..models import AuditResult
from .formats import RenderOptions
from .report.chains import provenance_chains
from .report.changes import changes
from .report.claims import claim_table
from .report.figures import contested_figures, figure_timelines
from .report.findings import findings_by_rule
from .report.index import Index
from .report.method import appendix, scope_and_method
from .report.outlets import outlet_comparison
from .report.summary import summary, title


def front_matter(ix: Index) -> str:
    r = ix.result
    data = {
        "tool": TOOL_NAME,
        "version": r.run.tool_version,
        "fingerprint": r.fingerprint,
        "rules_hash": r.run.rules_hash,
        "documents": len(r.documents),
        "claims": len(r.claims),
        "findings": sum(not f.suppressed for c in r.claims for f in c.findings),
        "skipped": len(r.skipped),
    }
    return "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---"


SECTIONS = (front_matter, title, summary, claim_table, findings_by_rule, provenance_chains, contested_figures,
            figure_timelines, outlet_comparison, changes, scope_and_method, appendix)


def render_markdown(result: AuditResult, options: RenderOptions = RenderOptions()) -> str:
    """The whole report as GitHub-flavoured Markdown."""
    ix = Index.build(result)
    return "\n\n".join(text for section in SECTIONS if (text := section(ix))) + "\n"
