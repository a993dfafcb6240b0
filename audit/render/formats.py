"""Output formats: one table from a format's name to its renderer, read by `--format` and `--output`.

Every renderer has one signature, `render(result, options) -> Rendered`, and is imported only when
its format is used, so `audit --help` stays fast. Text formats return a str; the JSON formats return
UTF-8 chunks (a claim at a time) that are written as they come, so a 60 MB output is never whole in
memory. To add a format, write its renderer and add a row to
FORMATS.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from ..codec import with_claims
from ..models import Severity

if TYPE_CHECKING:
    from ..models import AuditResult


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """What a renderer is told besides the result."""
    fail_level: Severity = Severity.INFO  # junit: a finding at or above this fails its claim's test case
    fail_under: float | None = None     # junit: so does a score under this
    colour: bool = False                # terminal formats: ANSI colour
    root: Path | None = None            # sarif, github: paths relative to this (default: the repository root)


Rendered = str | Iterator[bytes]        # text, or UTF-8 chunks
Renderer = Callable[["AuditResult", RenderOptions], Rendered]


def chunks(rendered: Rendered) -> Iterator[bytes]:
    """A rendered output as UTF-8 chunks."""
    if isinstance(rendered, str):
        yield rendered.encode()
    else:
        yield from rendered



@dataclass(frozen=True, slots=True)
class OutputFormat:
    """A format's name, its renderer as "module:function" (relative to audit.render, or absolute),
    whether it is meant for a terminal (coloured when stdout is one), and whether `--help` lists it
    (an old name kept working for another format is not)."""
    name: str
    renderer: str
    terminal: bool = False
    listed: bool = True
    stored_claims: bool = False     # writes the claims of a result read from the store as their stored JSON

    def render(self, result: AuditResult, options: RenderOptions = RenderOptions()) -> Rendered:
        module, _, function = self.renderer.partition(":")
        render: Renderer = getattr(import_module(module, __package__), function)
        return render(result if self.stored_claims else with_claims(result), options)


FORMATS: dict[str, OutputFormat] = {f.name: f for f in (
    OutputFormat("concise", ".text:render_text", terminal=True),
    OutputFormat("full", ".text:render_full", terminal=True),
    OutputFormat("grouped", ".text:render_grouped", terminal=True),
    OutputFormat("json", ".json_contract:render_json", stored_claims=True),
    OutputFormat("jsonl", ".text:render_jsonl"),
    OutputFormat("sarif", ".sarif:render_sarif"),
    OutputFormat("junit", ".junit:render_junit"),
    OutputFormat("github", ".github:render_github"),
    OutputFormat("markdown", ".markdown:render_markdown"),
    OutputFormat("html", ".html:render_html"),
    OutputFormat("csv", ".csv_export:render_csv"),
    OutputFormat("prov", ".prov_json:render_prov"),
    OutputFormat("jsonld", ".jsonld:render_jsonld"),
    OutputFormat("text", ".text:render_text", terminal=True, listed=False),     # concise's original name
)}
LISTED_FORMATS = [name for name, f in FORMATS.items() if f.listed]
