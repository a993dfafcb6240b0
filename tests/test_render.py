"""Renderers: the JSON contract (schema_version 1) and the Markdown report."""
from __future__ import annotations

import copy
import html
import json
import re
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

from factories import HOSTILE, seed_result  # noqa: E402  (HOSTILE: the planted line)

from audit.models import AuditResult, Claim, RunInfo  # noqa: E402
from audit.render import json_contract  # noqa: E402
from audit.render.json_contract import dumps, to_contract  # noqa: E402
from audit.render.markdown import ZWJ, _flatten, escape_md, escape_mermaid, render_markdown  # noqa: E402

jsonschema = pytest.importorskip("jsonschema")

SECTIONS = [
    "# Sourcing and provenance audit",
    "## Bottom line",
    "## Scope and method",
    "## Corpus",
    "## Claim ledger",
    "## Provenance chains",
    "## Uncorroborated, echo-only and party-only claims",
    "## Contested figures",
    "## Sourcing mix per outlet",
    "## Findings per article",
    "## Changes since the last run",
    "## Appendix",
    "### Rules used",
    "### Corpus manifest",
]


@pytest.fixture(scope="module")
def result() -> AuditResult:
    return seed_result()


@pytest.fixture(scope="module")
def report(result) -> str:
    text = render_markdown(result)
    Path("/tmp/report.md").write_text(text, encoding="utf-8")
    return text


@pytest.fixture(scope="module")
def contract(result) -> dict:
    return json.loads(dumps(result))


def by_text(result: AuditResult, fragment: str) -> Claim:
    return next(c for c in result.claims if fragment in c.text)


def section(report: str, heading: str) -> str:
    start = report.index(heading + "\n")
    nxt = re.search(r"^## ", report[start + len(heading):], re.M)
    return report[start: start + len(heading) + nxt.start()] if nxt else report[start:]


def unescaped_pipes(line: str) -> int:
    """Pipes that split a GFM table row (not preceded by an odd run of backslashes)."""
    n = 0
    for m in re.finditer(r"(\\*)\|", line):
        if len(m.group(1)) % 2 == 0:
            n += 1
    return n


# -- JSON contract -----------------------------------------------------------------------------

def test_schema_is_valid_and_output_validates(contract):
    schema = json_contract.schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(contract)


def test_contract_has_the_exact_field_names(contract):
    assert contract["schema_version"] == 1
    assert contract["tool"] == {"name": "provenance-audit", "version": "0.1.0"}
    for d in contract["documents"]:
        assert {"id", "path", "title", "outlet", "published", "sha256"} <= d.keys()
        assert {"meta_sources", "words", "readability"} <= d.keys()
    doc_ids = {d["id"] for d in contract["documents"]}
    relations = set()
    for c in contract["claims"]:
        assert {"id", "document", "text", "start", "end", "line", "is_headline", "attribution", "quantities",
                "findings", "score", "corroboration"} <= c.keys()
        assert c["document"] in doc_ids
        assert {"kind", "source", "cue", "via"} <= c["attribution"].keys()
        for q in c["quantities"]:
            assert {"text", "low", "high", "unit"} <= q.keys()
        for f in c["findings"]:
            assert {"rule", "signal", "severity", "weight", "message", "evidence"} <= f.keys()
            assert set(f["evidence"]) == {"start", "end", "text"}
        cor = c["corroboration"]
        assert {"status", "independent_origins", "links"} <= cor.keys()
        for k in cor["links"]:
            assert {"claim", "relation", "why"} <= k.keys()
            relations.add(k["relation"])
    assert relations == {"corroborates", "echoes", "conflicts"}


def test_contract_carries_extras(contract):
    claim = next(c for c in contract["claims"] if c["findings"] and c["ledger"])
    assert {"col", "ledger"} <= claim.keys()
    assert {"standard", "suppressed"} <= claim["findings"][0].keys()
    assert {"origin", "party_only"} <= claim["corroboration"].keys()
    assert "anonymity" in claim["attribution"]
    assert {"run", "skipped", "rules", "by_outlet", "changes"} <= contract.keys()
    assert any(f["suppressed"] for c in contract["claims"] for f in c["findings"])
    assert contract["skipped"][0]["error"].startswith("invalid JSON")


def test_offsets_and_evidence_point_into_the_text(result, contract):
    docs = {d.id: d for d in result.documents}
    for c in contract["claims"]:
        text = docs[c["document"]].text
        assert text[c["start"]:c["end"]] == c["text"]
        for f in c["findings"]:
            e = f["evidence"]
            assert text[e["start"]:e["end"]] == e["text"]


def test_infinite_bounds_are_null(result, contract):
    raw = dumps(result)
    assert "Infinity" not in raw and "NaN" not in raw
    json.loads(raw, parse_constant=lambda name: pytest.fail(f"non-JSON constant {name}"))
    quantities = {q["text"]: q for c in contract["claims"] for q in c["quantities"]}
    assert quantities["over 1,200"]["low"] == 1200 and quantities["over 1,200"]["high"] is None
    assert quantities["up to 50"]["low"] is None and quantities["up to 50"]["high"] == 50
    assert quantities["approximately 50"]["low"] == 45 and quantities["approximately 50"]["high"] == 55


def test_non_finite_floats_become_null():
    r = seed_result()
    r.documents[0].readability = float("nan")
    r.claims[0].quantities[0].low = float("-inf")
    out = json.loads(dumps(r))
    assert out["documents"][0]["readability"] is None
    assert out["claims"][0]["quantities"][0]["low"] is None


def test_published_is_a_date_or_null():
    r = seed_result()
    r.documents[0].meta["published"] = type(r.documents[1].meta["published"])("2023-11-15 03:12:57", "html")
    r.documents[1].meta["published"].value = "last Tuesday"
    out = to_contract(r)
    assert out["documents"][0]["published"] == "2023-11-15"
    assert out["documents"][1]["published"] is None
    assert out["documents"][1]["meta"]["published"]["value"] == "last Tuesday"


def test_dumps_is_readable_utf8(result):
    raw = dumps(result)
    assert "‘Negotiations Will Not Take Long’" in raw            # ensure_ascii=False
    assert raw.startswith('{\n  "schema_version": 1,')           # indent=2
    assert json.loads(raw) == to_contract(result)
    compact = dumps(result, indent=None)
    assert "\n" not in compact and json.loads(compact) == json.loads(raw)


def test_renderers_do_not_touch_the_result(result):
    before = copy.deepcopy(result)
    to_contract(result)
    render_markdown(result)
    assert result == before


# -- Markdown report ---------------------------------------------------------------------------

def test_every_section_in_order(report):
    positions = [report.index(h + "\n") for h in SECTIONS]
    assert positions == sorted(positions)


def test_front_matter_is_the_reports_provenance(report, result):
    assert report.startswith("---\n")
    block = report.split("---\n", 2)[1]
    meta = yaml.safe_load(block)
    assert meta["tool"] == "provenance-audit" and meta["version"] == "0.1.0"
    assert meta["run"] == result.run.id and meta["started"] == result.run.started
    assert meta["rules_hash"] == result.run.rules_hash
    assert {i["path"]: i["sha256"] for i in meta["inputs"]}[result.documents[0].path] == result.documents[0].sha256


def test_bottom_line_bullets_and_one_callout(report, result):
    bl = section(report, "## Bottom line")
    assert "**22 claims**" in bl
    assert "rest on anonymous sources (7 of 22)" in bl
    assert "second-hand" in bl and "(7 of 22)" in bl
    assert "**14 uncorroborated**" in bl and "**4 echo-only**" in bl and "**2 contested or contradicted**" in bl
    assert "Weakest-sourced outlet: **The Palestine Chronicle**" in bl
    assert report.count("> [!WARNING]") == 1 and report.count("> [!") == 1
    callout = bl[bl.index("> [!WARNING]"):]
    # an uncorroborated claim with a definite figure and a party source, the lowest-scored such
    target = by_text(result, "50 different military bases")
    assert target.corroboration.status == "uncorroborated"
    assert "seeds/000\\_e219391f38c01fb7.txt:11" in callout and target.id in callout
    assert "50 different military bases" in callout


def test_callout_falls_back_to_a_note_without_uncorroborated_claims():
    r = seed_result()
    for c in r.claims:
        c.corroboration.status = "corroborated"
    md = render_markdown(r)
    assert "> [!NOTE]" in md and "> [!WARNING]" not in md


def test_scope_lists_skipped_files_and_reads_weights_from_the_ledger(report, result):
    scope = section(report, "## Scope and method")
    assert f"3 documents, {sum(d.words for d in result.documents):,} words, 22 claims" in scope
    assert "seeds/broken\\|&lt;b&gt;feed&lt;/b&gt;.jsonl:3: invalid JSON" in scope
    assert "seeds/scan.pdf: unsupported format .pdf" in scope
    assert "cannot judge" in scope and "network" in scope
    assert "100 × Π(1 − wᵢ)" in scope
    assert "range from 0.1 to 0.4" in scope


def test_corpus_table(report):
    corpus = section(report, "## Corpus")
    assert "Al Mayadeen English (aligned with Hezbollah \\(registry\\))" in corpus
    assert "unknown outlet" in corpus
    row = next(line for line in corpus.splitlines() if "000\\_e219391f38c01fb7" in line)
    assert "| 172 | 6 | 61.3 | 52 |" in row


def ledger_rows(report: str) -> list[str]:
    ledger = section(report, "## Claim ledger")
    return [line for line in ledger.splitlines() if re.match(r"^\| \d+ \|", line)]


def test_ledger_is_worst_first_with_file_line(report, result):
    rows = ledger_rows(report)
    assert len(rows) == len(result.claims)
    scores = [int(re.match(r"^\| \d+ \| \*\*(\d+)\*\*", r).group(1)) for r in rows]
    assert scores == sorted(scores)
    assert result.claims and all(
        any(c.id in r and f"{escape_md(result.document(c.document).path)}:{c.line}" in r for r in rows)
        for c in result.claims)
    first = rows[0]
    assert "A source in Hamas" in first and "contradicted" in first and "party only" in first


def test_ledger_first_seen_and_carriers(report, result):
    rows = ledger_rows(report)
    arouri = next(r for r in rows if "Saleh al-Arouri, has made" in r)
    assert "unknown outlet, The Palestine Chronicle" in arouri        # carried by (echo link)
    assert "unknown outlet, 2023-11-14 (earliest dated)" in arouri     # Palestine Chronicle is undated
    headline = next(r for r in rows if "invasion killed chance" in r)
    assert "headline" in headline


def test_ledger_is_capped_with_a_pointer_to_json():
    r = seed_result()
    template = r.claims[0]
    for i in range(60):
        c = copy.deepcopy(template)
        c.id = f"extra-{i:03d}"
        c.corroboration.links = []
        r.claims.append(c)
    md = render_markdown(r)
    assert len(ledger_rows(md)) == 50
    assert "32 more claims not shown; `audit scan --format json` lists them all." in md


def test_mermaid_chains(report):
    chains = section(report, "## Provenance chains")
    blocks = re.findall(r"```mermaid\n(.*?)```", chains, re.S)
    assert blocks and all(b.startswith("flowchart LR\n") for b in blocks)
    joined = "\n".join(blocks)
    assert "-.-|echoes|" in joined and "-.-|conflicts|" in joined and "-.-|corroborates|" in joined
    hamas = next(b for b in blocks if "A source in Hamas" in b)
    # origin -> source -> Al Jazeera -> The Palestine Chronicle
    ids = {label: nid for nid, label in re.findall(r"(n\d+)\W+\"([^\"<]+)", hamas)}
    assert f"{ids['Hamas']} --> {ids['A source in Hamas']}" in hamas
    assert f"{ids['A source in Hamas']} --> {ids['Al Jazeera']}" in hamas
    assert f"{ids['Al Jazeera']} --> {ids['The Palestine Chronicle']}" in hamas
    assert "Same chain:" in chains                     # two NYT claims of one article share a diagram


NODE = re.compile(r'^  n\d+(\(\[|\[\[|\[)"[^"\n]*"(\]\)|\]\]|\])$')
EDGE = re.compile(r"^  n\d+ (-->|-\.-\|[a-z_]+\|) n\d+$")


def test_repeated_names_are_said_once():
    r = seed_result()
    c = by_text(r, "senior US official as quoted by CNN")
    c.attribution.kind, c.attribution.source, c.attribution.via = "outlet", "CNN", ["CNN"]
    c.attribution.anonymity, c.corroboration.origin = None, "CNN"
    md = render_markdown(r)
    row = next(line for line in ledger_rows(md) if c.id in line)
    assert "another outlet: CNN |" in row
    chunk = next(x for x in section(md, "## Provenance chains").split("\n### ") if c.id in x.split("```")[0])
    block = re.search(r"```mermaid\n(.*?)```", chunk, re.S).group(1)
    assert block.count('"CNN') == 1                     # origin, source and intermediary are one node


def test_mermaid_labels_are_escaped():
    r = seed_result()
    c = by_text(r, "senior US official as quoted by CNN")
    c.attribution.source = 'a "senior" [US] official; #1 <b>x</b> (end) `code` | pipe'
    c.attribution.via = ['Evil "Outlet"]; click n1 call alert()']
    md = render_markdown(r)
    block = next(b for b in re.findall(r"```mermaid\n(.*?)```", md, re.S) if "Evil" in b)
    for line in block.splitlines()[1:]:
        assert NODE.match(line) or EDGE.match(line), line
    assert "#quot;senior#quot; #91;US#93; official#59; #35;1 #60;b#62;x" in block


def test_weak_claims_and_contested_figures(report, result):
    weak = section(report, "## Uncorroborated, echo-only and party-only claims")
    assert "### Uncorroborated (14)" in weak and "### Echo only (4)" in weak and "### Party only (8)" in weak
    contested = section(report, "## Contested figures")
    assert "in the hundreds \\[200, 999\\] \\(israelis\\)" in contested
    assert "dozens of casualties \\[24, 99\\]" in contested
    assert "hundreds injured" in contested
    assert "seeds/000\\_e219391f38c01fb7.txt:9" in contested and "seeds/001\\_183dc3059bcf71ec.txt:7" in contested
    assert "2023-11-14" in contested
    assert "Why they conflict: Israeli dead on 7 October" in contested
    assert contested.count("### Conflict") == 1           # one pair, not one per direction


def test_sourcing_mix(report):
    mix = section(report, "## Sourcing mix per outlet")
    row = next(line for line in mix.splitlines() if line.startswith("| The Palestine Chronicle"))
    assert row.startswith("| The Palestine Chronicle | 1 | 6 | 17% | 67% | 50% | 17% | 61.3 | 32 |")


def test_findings_per_article(report):
    findings = section(report, "## Findings per article")
    assert findings.count("<details><summary>") == 3 and findings.count("</details>") == 3
    assert "<b>seeds/003_3afaf3625089db91.txt</b> · Al Mayadeen English · 11 findings" in findings
    assert "1 suppressed" in findings
    assert "- *(suppressed)* **warning** `second-hand.relayed`" in findings
    assert "“A source in Hamas” — seeds/000\\_e219391f38c01fb7.txt:9:1." in findings
    assert "*Standard:* AP News Values: anonymous sources; Reuters Handbook." in findings
    assert "*Mitigated (weight 0.15):* reason given" in findings


def test_changes_since_last_run(report, result):
    changes = section(report, "## Changes since the last run")
    assert "run-20231115T070000Z-b21c" in changes
    for label in ("New claims (3)", "Corroboration status changed (1)", "Revised figures (1)",
                  "Newly conflicting (2)", "No longer in the corpus (1)"):
        assert f"### {label}" in changes
    assert "`0badc0de-007` (not in this run)" in changes
    assert "over 1,200 \\[1,200, ∞\\)" in changes


def test_first_run_note():
    r = seed_result()
    r.previous_run, r.changes = None, {}
    changes = section(render_markdown(r), "## Changes since the last run")
    assert "first run" in changes and "###" not in changes


def test_appendix(report):
    appendix = section(report, "## Appendix")
    assert "| `anon.bare-descriptor` | anonymous\\_source | warning | 0.35 |" in appendix
    assert "rules/anonymous.yaml:4" in appendix
    assert "  - outlet: The Palestine Chronicle (inferred:signature)" in appendix
    assert "sha256 `8ab3b6c6" in appendix


def test_tables_keep_their_shape(report):
    table: list[str] = []
    for line in report.splitlines() + [""]:
        if line.startswith("| "):
            table.append(line)
            continue
        if table:
            widths = {unescaped_pipes(row) for row in table}
            assert len(widths) == 1, table
            table = []


# -- hostile text ------------------------------------------------------------------------------

def test_hostile_claim_is_inert(report, result):
    assert any(c.text == HOSTILE for c in result.claims)
    assert "<script" not in report
    assert "](" not in report
    assert "http://" not in report
    assert not re.search(r"@\w", report)
    row = next(r for r in ledger_rows(report) if "heading" in r)
    assert ("\\# heading &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\[x\\]\\(http:" + ZWJ + "//evil\\) "
            "\\| pipe @" + ZWJ + "user: 12 captives freed.") in row
    assert unescaped_pipes(row) == 9


def test_hostile_metadata_is_inert():
    r = seed_result()
    d = r.documents[2]
    d.meta["outlet"].value = "<img src=x onerror=alert(1)> [Evil](http://evil) | @outlet"
    d.meta["title"].value = "# Title\n\n<script>x</script>"
    d.path = "seeds/<b>x</b>|y.txt"
    md = render_markdown(r)
    assert "<img" not in md and "<script" not in md and "<b>x" not in md and "](" not in md
    assert "\n# Title" not in md
    summary = next(line for line in md.splitlines() if "onerror" in line and "<summary>" in line)
    assert ("&lt;img src=x onerror=alert&#40;1&#41;&gt; &#91;Evil&#93;&#40;http:" + ZWJ + "//evil&#41; "
            "&#124; @" + ZWJ + "outlet") in summary


def test_report_renders_safely_with_a_markdown_parser(report):
    markdown_it = pytest.importorskip("markdown_it")
    md = markdown_it.MarkdownIt("commonmark").enable("table").enable("strikethrough")
    out = md.render(report)
    assert "<script" not in out and "<a " not in out and "<img" not in out
    headings = re.findall(r"<h1>(.*?)</h1>", out)
    assert headings == ["Sourcing and provenance audit"]
    assert "# heading &lt;script&gt;alert(1)&lt;/script&gt; [x](http:" in out


def test_empty_result_renders():
    r = AuditResult(run=RunInfo("run-0", "2023-11-16T00:00:00Z", "0.1.0", "sha256:0"), documents=[],
                    claims=[], rules=[])
    md = render_markdown(r)
    for h in SECTIONS:
        assert h + "\n" in md
    assert "> [!NOTE]" in md
    out = json.loads(dumps(r))
    jsonschema.Draft202012Validator(json_contract.schema()).validate(out)


# -- escaping properties -----------------------------------------------------------------------

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200) | st.text(
    alphabet="<>[]()#|\\`*_~!&@:/.wh tp-+=1\n\t$", max_size=80)


@given(TEXT)
@settings(max_examples=400)
def test_escape_md_leaves_nothing_live(s):
    out = escape_md(s)
    assert "<" not in out and ">" not in out
    assert "](" not in out
    assert not out.startswith("#")
    assert not re.match(r"[-+=]|\d{1,9}[.)]( |$)", out)
    assert unescaped_pipes(out) == 0
    assert "\n" not in out and "\r" not in out
    assert "://" not in out
    assert not re.search(r"@[^\u200d]", out) and not out.endswith("@")
    assert not re.search(r"(?i)\bwww\.", out)


@given(TEXT)
@settings(max_examples=300)
def test_escape_md_round_trips_as_plain_text(s):
    """Rendered as inline Markdown, escaped text shows exactly the original characters."""
    markdown_it = pytest.importorskip("markdown_it")
    md = markdown_it.MarkdownIt("commonmark")
    rendered = md.renderInline(escape_md(s))
    assert "<" not in rendered.replace("&lt;", "")          # no tag of any kind
    shown = html.unescape(rendered).replace(ZWJ, "")
    assert shown == _flatten(s).replace(ZWJ, "")


@given(TEXT)
def test_escape_md_html_mode(s):
    out = escape_md(s, html=True)
    assert "<" not in out and ">" not in out and '"' not in out
    assert "\n" not in out and "://" not in out
    assert html.unescape(out).replace(ZWJ, "") == _flatten(s).replace(ZWJ, "")


@given(TEXT)
def test_escape_mermaid(s):
    out = escape_mermaid(s)
    stripped = re.sub(r"#(quot|\d+);", "", out)
    assert not set(stripped) & set('"[](){}<>;|`\\\n')
    assert "#" not in stripped
