"""Renderers: the JSON contract (schema_version 1) and the Markdown report's layout.

Escaping is tested in test_escape.py, and the rendered report against injection in test_report_safety.py.
"""
from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from factories import HOSTILE, seed_result  # noqa: E402  (HOSTILE: the planted line)

from audit.models import AuditResult, Claim, MetaValue, RunInfo  # noqa: E402
from audit.render import json_contract  # noqa: E402
from audit.render.json_contract import dumps, to_contract  # noqa: E402
from audit.render.manifest import to_manifest  # noqa: E402
from audit.render.markdown import render_markdown  # noqa: E402

jsonschema = pytest.importorskip("jsonschema")

SECTIONS = [
    "# Sourcing and provenance audit",
    "## Summary",
    "### Check these first",
    "## Claims, weakest first",
    "## Findings by rule",
    "## Provenance chains",
    "## Contested figures",
    "## Outlets compared",
    "## Changes since the previous run",
    "## Scope and method",
    "## Appendix",
]
ALWAYS = [h for h in SECTIONS if h not in ("## Outlets compared", "## Changes since the previous run")]


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


@pytest.fixture(scope="module")
def several(result) -> AuditResult:
    """The seed result with one claim holding a second, anonymous attribution and a nested one."""
    from audit.models import Attribution, AttributionKind, Span

    out = copy.deepcopy(result)
    claim = min((c for c in out.claims if c.attribution.cue_span and c.findings), key=lambda c: c.score)
    cue = claim.attribution.cue_span
    claim.attributions = [claim.attribution,
                          Attribution(AttributionKind.ANONYMOUS, "officials briefed on the talks", cue=cue.text,
                                      cue_span=Span(cue.start + 1, cue.end + 1, cue.text)),
                          Attribution(AttributionKind.NAMED_PERSON, "Quoted Person", cue="said", nested=True,
                                      cue_span=Span(cue.start + 2, cue.end + 2, cue.text))]
    return out


def test_every_attribution_is_in_the_contract_and_validates(several):
    contract = json.loads(dumps(several))
    jsonschema.validate(contract, json_contract.schema())
    claim = next(c for c in contract["claims"] if len(c["attributions"]) == 3)
    assert claim["attributions"][0] == claim["attribution"]
    assert [a["nested"] for a in claim["attributions"]] == [False, False, True]


def test_show_and_the_report_list_the_further_attributions(several):
    from audit.render.text import render_claim

    claim = next(c for c in several.claims if len(c.attributions) == 3)
    docs = {d.id: d for d in several.documents}
    shown = render_claim(claim, docs[claim.document], {c.id: c for c in several.claims}, docs)
    assert 'also:        anonymous — "officials briefed on the talks"' in shown
    assert '"Quoted Person" (cue "said") [nested in a quotation]' in shown
    table = section(render_markdown(several), "## Claims, weakest first")
    assert "; also anonymous: officials briefed on the talks" in table and "Quoted Person" not in table


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


def test_front_matter_holds_only_what_the_tool_makes(report, result):
    assert report.startswith("---\n")
    meta = yaml.safe_load(report.split("---\n", 2)[1])
    assert meta == {"tool": "provenance-audit", "version": "0.1.0", "fingerprint": result.fingerprint,
                    "rules_hash": result.run.rules_hash, "documents": 3, "claims": 22, "findings": 35,
                    "skipped": 2}


def test_no_clock_time_or_run_id(report, result):
    assert result.run.id not in report and result.run.started not in report
    later = copy.deepcopy(result)
    later.run.id, later.run.started, later.run.reused = "run-other", "2030-01-01T00:00:00Z", 3
    assert render_markdown(later) == report


def test_fingerprint_follows_inputs_rules_and_version(result):
    other = copy.deepcopy(result)
    assert other.fingerprint == result.fingerprint
    other.run.rules_hash = "sha256:other"
    assert other.fingerprint != result.fingerprint


def test_manifest_lists_every_input_with_its_metadata_sources(result):
    manifest = to_manifest(result)
    assert manifest["fingerprint"] == result.fingerprint
    first = manifest["inputs"][0]
    assert first["path"] == result.documents[0].path and first["sha256"] == result.documents[0].sha256
    assert first["meta"]["outlet"] == {"value": "The Palestine Chronicle", "source": "inferred:signature"}
    assert [s["path"] for s in manifest["skipped"]] == [s.path for s in result.skipped]


def test_summary_names_no_weakest_outlet_when_their_mean_scores_are_close():
    result = seed_result()
    named = [m for m in result.by_outlet if m.claims]
    for n, mix in enumerate(named):
        mix.mean_score = 80.0 + n / 10
    summary = section(render_markdown(result), "## Summary")
    assert "weakest-sourced" not in summary
    assert f"No outlet stands out: their mean scores range from 80.0 to {80 + (len(named) - 1) / 10:.1f}." in summary


def test_a_carried_over_source_is_marked_where_the_report_names_it(report, result):
    carried = [c for c in result.claims if c.attribution.inherited and c.attribution.source]
    assert carried
    row = next(line for line in section(report, "## Claims, weakest first").splitlines() if carried[0].id in line)
    assert "(carried over)" in row
    from audit.render.report.index import attribution
    named = next(c for c in result.claims if c.attribution.source and not c.attribution.inherited)
    assert "(carried over)" not in attribution(named)


def test_check_these_first_takes_one_claim_per_dispute():
    from factories import link

    from audit.render.report.index import Index
    from audit.render.report.summary import check_first
    result = seed_result()
    first, second, *_ = check_first(Index.build(result))
    other = next(c for c in result.claims if c not in (first, second) and c.document != first.document)
    link(other, first, "conflicts", "figures differ")
    link(other, second, "conflicts", "figures differ")              # both in conflict with one claim
    chosen = check_first(Index.build(result))
    assert chosen[0] is first and second not in chosen


def test_summary_says_when_the_articles_are_not_one_story():
    result = seed_result()
    result.documents = result.documents * 4              # a dozen articles
    linked = sum(bool(c.corroboration.links) for c in result.claims)
    assert linked >= 0.1 * len(result.claims)
    assert "linked to another article's" not in section(render_markdown(result), "## Summary")
    for c in result.claims:
        c.corroboration.links = []
    assert "Only 0% of the claims are linked to another article's" in section(render_markdown(result), "## Summary")


def test_summary_states_bands_with_thresholds(report):
    summary = section(report, "## Summary")
    assert "85–100 strong · 65–84 fair · 40–64 weak · under 40 poor" in summary
    assert "**Bottom line:** 7 claims of 22 (32%) score under 65; 14 are reported by no other article" in summary
    assert "7 rest on anonymous sources; 8 only on parties to the conflict; 2 conflict" in summary
    assert "The weakest-sourced outlet is **The Palestine Chronicle** (mean score " in summary
    assert "; next, " in summary
    assert "mean 70.6 (fair); 5 strong, 10 fair, 6 weak, 1 poor" in summary


def test_summary_fits_one_screen(report):
    start = report.index("## Summary")
    assert report[start:report.index("## Claims")].count("\n") < 40


def check_items(report: str) -> list[str]:
    chunk = section(report, "## Summary").split("### Check these first", 1)[1]
    return re.findall(r"(?m)^\d\. .*\n   .*", chunk)


def test_check_first_ranks_by_consequence_and_says_why(report, result):
    items = check_items(report)
    assert len(items) == 5
    conflicted = by_text(result, "losses in the ranks")
    assert conflicted.id in items[0] and "another independent report conflicts with it" in items[0]
    figure = next(i for i in items if by_text(result, "50 different military bases").id in i)
    assert "a figure (50 military bases) rests on an anonymous source" in figure
    assert "no other article reports it" in figure and "relayed via Al Jazeera" in figure
    assert "**54** weak" in figure


def test_a_single_outlet_has_no_weakest_outlet_or_comparison():
    r = seed_result()
    for d in r.documents:
        d.meta["outlet"] = MetaValue("Only Outlet", "front_matter")
    md = render_markdown(r)
    assert "weakest-sourced" not in md.lower() and "## Outlets compared" not in md


def claim_rows(report: str) -> list[str]:
    return [line for line in section(report, "## Claims, weakest first").splitlines()
            if line.startswith("| **")]


def test_one_row_per_claim_with_findings_worst_first(report, result):
    rows = claim_rows(report)
    flagged = [c for c in result.claims if c.findings]
    assert len(rows) == len(flagged) - 1 == 20          # capped at 20
    assert "… and 1 more claims with findings in the JSON output" in report
    scores = [int(re.match(r"^\| \*\*(\d+)\*\*", r).group(1)) for r in rows]
    assert scores == sorted(scores)
    first = rows[0]
    assert "**32** poor" in first and "contradicted, party only" in first
    assert "anonymous, second-hand, party source, affiliated outlet, missing figures" in first
    assert "seeds/000\\_e219391f38c01fb7.txt:9" in first
    assert "1 claim with none is not listed" in report


def test_repeated_signals_are_counted_in_one_row(report, result):
    c = by_text(result, "senior US official as quoted by CNN")
    row = next(r for r in claim_rows(report) if c.id in r)
    assert "anonymous (2 findings), second-hand" in row


def test_intervals_are_in_words(report):
    assert "∞" not in report and not re.search(r"\\\[\d[\d,]*, ", report)
    assert "over 1,200 \\(at least 1,200 administrative detainees\\)" in report
    assert "approximately 5,200 \\(about 5,200 \\(4,680–5,720\\) palestinians\\)" in report
    assert "dozens of casualties \\(between 24 and 99\\)" in report


def test_findings_by_rule_say_each_standard_once(report, result):
    findings = section(report, "## Findings by rule")
    assert findings.count("Reuters Handbook: conflict reporting") == 1
    assert report.count("Readers cannot weigh a source described only as") == 1
    party = next(line for line in findings.splitlines() if "(`party.source`)" in line)
    assert party.startswith("- **Party source** (`party.source`): warning, 7 findings at 7 places.")
    assert "1 finding suppressed in the articles is not counted" in findings
    assert "2 findings weighed less for disclosed mitigation" in findings


def test_rule_titles_replace_ids():
    r = seed_result()
    r.rules[0].title = "Source described only as a source"
    md = render_markdown(r)
    assert f"**Source described only as a source** (`{r.rules[0].id}`)" in md


def test_shared_findings_are_listed_once_with_a_count():
    r = seed_result()
    a, b = by_text(r, "50 different military bases"), by_text(r, "We have enough Israeli prisoners")
    shared = copy.deepcopy(next(f for f in a.findings if f.signal == "second_hand"))
    b.findings.append(shared)
    md = render_markdown(r)
    chunk = section(md, "## Findings by rule").split("### Findings shared by several claims")[1]
    line, col = r.document(a.document).position(shared.evidence.start)
    assert chunk.count(f":{line}:{col} ") == 1
    assert "(2 claims)" in chunk


def test_lists_are_capped_with_a_pointer_to_json():
    r = seed_result()
    template = next(c for c in r.claims if c.findings)
    for i in range(60):
        c = copy.deepcopy(template)
        c.id = f"extra-{i:03d}"
        c.corroboration.links = []
        r.claims.append(c)
    md = render_markdown(r)
    assert len(claim_rows(md)) == 20
    assert "… and 61 more claims with findings in the JSON output (`audit scan --format json`)." in md


def test_mermaid_chains(report):
    chains = section(report, "## Provenance chains")
    blocks = re.findall(r"```mermaid\n(.*?)```", chains, re.S)
    assert len(blocks) == 3 and all(b.startswith("flowchart LR\n") for b in blocks)
    assert "more provenance chains in the JSON output" in chains
    hamas = next(b for b in blocks if "A source in Hamas" in b)
    ids = {label: nid for nid, label in re.findall(r"(n\d+)\W+\"([^\"<]+)", hamas)}
    assert f"{ids['Hamas']} --> {ids['A source in Hamas']}" in hamas
    assert f"{ids['A source in Hamas']} --> {ids['Al Jazeera']}" in hamas
    assert f"{ids['Al Jazeera']} --> {ids['The Palestine Chronicle']}" in hamas
    assert "-.-|conflicts|" in hamas


NODE = re.compile(r'^  n\d+(\(\[|\[\[|\[)"[^"\n]*"(\]\)|\]\]|\])$')
EDGE = re.compile(r"^  n\d+ (-->|-\.-\|[a-z_]+\|) n\d+$")


def test_repeated_names_are_said_once():
    r = seed_result()
    c = by_text(r, "senior US official as quoted by CNN")
    c.attribution.kind, c.attribution.source, c.attribution.via = "outlet", "CNN", ["CNN"]
    c.attribution.anonymity, c.corroboration.origin = None, "CNN"
    md = render_markdown(r)
    row = next(line for line in claim_rows(md) if c.id in line)
    assert "| another outlet: CNN |" in row
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


def test_contested_figures(report):
    contested = section(report, "## Contested figures")
    assert contested.count("### Contest ") == 1           # one pair, not one per direction
    rows = [line for line in contested.splitlines()
            if line.startswith("| ") and not line.startswith(("| Value", "| :--"))]
    assert rows[0].startswith("| in the hundreds \\(between 200 and 999 israelis\\) | 1: ")
    assert "seeds/000\\_e219391f38c01fb7.txt:9 | anonymous: A source in Hamas via Al Jazeera | The Palestine " \
           "Chronicle | undated |" in rows[0]
    assert rows[1].startswith("| dozens of casualties \\(between 24 and 99\\) | 1: ")
    assert "seeds/001\\_183dc3059bcf71ec.txt:7 | unattributed | unknown outlet |" in rows[1]
    assert "Why they conflict, for example: Israeli dead on 7 October" in contested


def test_contested_figures_join_the_pairs_of_one_count_and_keep_other_counts_apart():
    """Conflicts that share a claim's figure are one contested count, its values highest first, each
    with every claim giving it; a conflict over another count is a contest of its own, and one without
    figures (a denial) is listed as a contradicted statement."""
    from factories import ClaimBuilder, link, make_document

    text = ("Officials said 500 people were killed in the blast at the hospital.\n"
            "Doctors said 500 people were killed in the blast at the hospital.\n"
            "Analysts said 471 people were killed in the blast at the hospital.\n"
            "Spies said 100 to 300 people were killed in the blast at the hospital.\n"
            "A ministry said a second blast killed 30 people.\n"
            "An agency said a second blast killed 60 people.\n")
    doc = make_document("story.txt", text, {"outlet": ("The Daily", "metadata")})
    builder = ClaimBuilder(doc)
    claims = [builder.add(line, quantities=((number, low, high, "people"),))
              for line, number, low, high in zip(text.splitlines(), ("500", "500", "471", "100 to 300", "30", "60"),
                                                   (500, 500, 471, 100, 30, 60), (500, 500, 471, 300, 30, 60))]
    for c in claims:
        q = c.quantities[0]
        q.measure, q.population, q.incident = "killed", "palestinian", "ahli" if "hospital" in c.text else "second"
    first, second, analysts, spies, ministry, agency = claims
    for a, b in ((first, analysts), (second, analysts), (first, spies), (ministry, agency)):
        link(a, b, "conflicts", f"figures {a.quantities[0].text} vs {b.quantities[0].text}",
             figure_relation="conflicting")
    for c, origin in zip(claims, ("Officials", "Doctors", "Officials", "Spies", "Ministry", "Agency")):
        c.corroboration.origin = origin         # the example shown is a pair of independent origins
    denied = ClaimBuilder(make_document("other.txt", "The talks collapsed.\nThe talks did not collapse.\n", {}))
    said, denial = denied.add("The talks collapsed."), denied.add("The talks did not collapse.")
    link(said, denial, "conflicts", "one denies the other")
    result = AuditResult(run=RunInfo("run-0", "2023-11-16T00:00:00Z", "0.1.0", "sha256:0"),
                         documents=[doc, denied.doc], claims=claims + [said, denial], rules=[])
    contested = section(render_markdown(result), "## Contested figures")
    assert [line for line in contested.splitlines() if line.startswith("### ")] == [
        "### Contest 1: palestinian killed, incident ahli", "### Contest 2: palestinian killed, incident second",
        "### Statements contradicted"]
    assert contested.rstrip().splitlines()[-1].endswith("| one denies the other |")
    values = [line.split(" | ")[:2] for line in contested.split("### Statements")[0].splitlines()
              if line.startswith("| ") and not line.startswith(("| Value", "| :--"))]
    assert [v[0] for v in values] == ["| 500 people", "| 471 people", "| 100 to 300 \\(between 100 and 300 people\\)",
                                      "| 60 people", "| 30 people"]
    assert values[0][1].startswith("2: ") and values[1][1].startswith("1: ")
    assert "Why they conflict, for example: figures 500 vs 100 to 300\n" in contested   # not Officials vs Officials


def test_outlets_compared(report):
    outlets = section(report, "## Outlets compared")
    row = next(line for line in outlets.splitlines() if line.startswith("| The Palestine Chronicle"))
    assert row == "| The Palestine Chronicle | 6 | 61.3 weak | 17% | 67% | 50% | 17% |"


def test_changes_since_the_previous_run(report):
    changes = section(report, "## Changes since the previous run")
    assert "run-20231115T070000Z-b21c" in changes
    for label in ("New claims (3)", "Corroboration status changed (1)", "Revised figures (1)",
                  "Newly conflicting (2)", "No longer in the corpus (2)"):
        assert f"### {label}" in changes
    assert "`0badc0de-007` (not in this run)" in changes           # a run stored before removed claims were kept
    assert "- “An earlier draft said 12 were killed.”; was `0badc0de-008` seeds/old\\|draft.txt:4" in changes
    assert "over 1,200 \\(at least 1,200 administrative detainees\\)" in changes


def test_no_changes_section_without_changes():
    r = seed_result()
    r.changes = {k: [] for k in r.changes}
    assert "## Changes" not in render_markdown(r)
    r.previous_run, r.changes = None, {}
    assert "## Changes" not in render_markdown(r)


def test_scope_lists_skipped_files(report, result):
    scope = section(report, "## Scope and method")
    assert "3 documents, 22 claims" in scope
    assert "seeds/broken\\|&lt;b&gt;feed&lt;/b&gt;.jsonl:3: invalid JSON" in scope
    assert "seeds/scan.pdf: unsupported format .pdf" in scope
    assert "Not judged" in scope and "100 × Π(1 − wᵢ)" in scope


def test_appendix(report, result):
    appendix = section(report, "## Appendix")
    row = next(line for line in appendix.splitlines() if "000\\_e219391f38c01fb7" in line)
    assert row.endswith("| The Palestine Chronicle | — | 6 | 61.3 weak |")
    assert "10 rules ran (10 fired)" in appendix and result.run.rules_hash in appendix
    assert "NAME.manifest.json" in appendix


def test_tables_keep_their_shape(report):
    table: list[str] = []
    for line in report.splitlines() + [""]:
        if line.startswith("| "):
            table.append(line)
            continue
        if table:
            widths = {unescaped_pipes(row) for row in table}
            assert len(widths) == 1, table
            assert widths.pop() <= 8, table[0]               # at most 7 columns
            table = []


def test_hostile_claim_is_escaped_in_its_row(report, result):
    assert any(c.text == HOSTILE for c in result.claims)
    row = next(r for r in claim_rows(report) if "heading" in r)
    assert "“\\# heading &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\[x\\]\\(http:" in row
    assert unescaped_pipes(row) == 6


def test_empty_result_renders():
    r = AuditResult(run=RunInfo("run-0", "2023-11-16T00:00:00Z", "0.1.0", "sha256:0"), documents=[],
                    claims=[], rules=[])
    md = render_markdown(r)
    for h in ALWAYS:
        assert h + "\n" in md
    out = json.loads(dumps(r))
    jsonschema.Draft202012Validator(json_contract.schema()).validate(out)


def test_a_timeline_shows_how_the_count_moved_not_its_latest_repeats():
    """A long timeline shows its first value, each update or revision down and its last; the values that
    only agree with the one before are folded into the closing line, and when the moves are too many they
    are sampled over the whole timeline."""
    from audit.models import FigureRelation, TimelinePoint
    from audit.render.report.figures import TIMELINE_POINTS, _change, _shown_points

    def point(day: int, value: int, relation=FigureRelation.COMPATIBLE) -> TimelinePoint:
        return TimelinePoint(f"2023-10-{day:02}", f"{value:,}", value, value, relation=relation)

    points = [point(1, 700, None), point(2, 900, FigureRelation.UPDATE)]
    points += [point(day, 900) for day in range(3, 25)]
    points += [point(25, 800, FigureRelation.REVISION_DOWN), point(26, 800)]
    shown = _shown_points(points)
    assert [p.text for p in shown] == ["700", "900", "800", "800"]
    many = [point(1, 100, None)] + [point(day, 100 + day, FigureRelation.UPDATE) for day in range(2, 31)]
    shown = _shown_points(many)
    assert len(shown) == TIMELINE_POINTS and shown[0] is many[0] and shown[-1] is many[-1]
    days = [int(p.as_of[-2:]) for p in shown]
    assert days == sorted(days) and days[1] <= 3 and days[-2] >= 28     # early moves shown, not only the latest
    assert max(b - a for a, b in zip(days, days[1:])) <= 4
    before = many[many.index(shown[2]) - 1]                 # hidden: the change names the value it moved from
    assert shown[1] is many[1] and _change(many, shown[1], shown[0]) == "update"
    assert _change(many, shown[2], shown[1]) == f"update from {before.text} ({before.as_of})"
    told = [point(1, 100, None), point(2, 110, FigureRelation.UPDATE), point(3, 110)]
    assert _change(told, told[2], told[0]) == "agrees with 110 (2023-10-02)"


def test_the_report_does_not_list_the_relay_again_as_a_further_attribution():
    from audit.models import Attribution, AttributionKind
    from audit.render.report.claims import further_sources

    relay = Attribution(AttributionKind.OUTLET, "Harbour Radio", actor="Harbour Radio", cue="according to")
    primary = Attribution(AttributionKind.NAMED_PERSON, "Mayor Lind", cue="said", via=["Harbour Radio"])
    other = Attribution(AttributionKind.OUTLET, "Coast News", actor="Coast News", cue="reported")
    claim = Claim(id="c", document="d", text="Mayor Lind said the ferry runs, according to Harbour Radio.",
                  start=0, end=10, line=1, col=1, attribution=primary, attributions=[primary, relay, other])
    assert further_sources(claim) == "; also another outlet: Coast News"


def test_the_summary_counts_one_of_a_kind_in_the_singular(capsys, tmp_path):
    from conftest import run_cli
    (tmp_path / "a.txt").write_text("Officials said on Monday that talks resumed in Cairo.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    code, out, err = run_cli(capsys, "scan", str(tmp_path), "--no-store", "--isolated")
    summary = out + err
    assert "1 document, " in summary and " 1 claim, " in summary and "skipped 1 input (files or JSON" in summary


def test_fractions_read_from_words_are_shown_to_three_significant_digits():
    from audit.render.report.words import number
    assert [number(x) for x in (65.03, 63.37, 0.125, 12_000, 1234.4)] == ["65", "63.4", "0.125", "12,000", "1,234"]
