"""Rules written like code: the published JSON Schema, `audit rules list|show|validate|test|new|docs`,
fixture documents, RE2 patterns that cannot hang a run, and invalid rules failing `check` (exit 3)."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import yaml

from audit import rules as rules_module
from conftest import run_cli as run
from audit.models import Severity
from audit.paths import RULES_DIR
from audit.conditions import regex
from audit.conditions.actor import ACTOR_FIELDS, ACTOR_TESTS
from audit.conditions.field import FIELD_TESTS, FIELDS, OF, SPAN_FIELDS
from audit.conditions.regex import compile_pattern
from audit.conditions.text import PHRASE_SCOPES
from audit.rules import PLACEHOLDERS, RULE_KEYS, SCOPES, schema
from audit.errors import ConfigError
from audit.language import LanguagePack
from audit.ruletest import Case, Report
from audit.yamlio import plain, read_yaml

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parent.parent
RULE = """\
rules:
  - id: {id}
    signal: unverified_media
    severity: warning
    weight: 0.2
    message: "Unconfirmed: {{evidence}}"
    rationale: "Unconfirmed reports need a source."
    standard: "Reuters Handbook of Journalism"
    when: {{pattern: "{pattern}"}}
    examples:
      match: ["Unconfirmed reports said the bridge fell."]
      no_match: ["The ministry said the bridge fell."]
"""

# The built-in pack's size, counted from the files themselves (each rule has one `id:` key).
BUILTIN_RULES = sum(line.lstrip(" -").startswith("id:")
                    for path in RULES_DIR.glob("*.yaml") for line in path.read_text(encoding="utf-8").splitlines())


def rule_text(rule_id: str = "house_unconfirmed", pattern: str = "\\\\bunconfirmed reports?\\\\b") -> str:
    return RULE.format(id=rule_id, pattern=pattern)




def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- the schema --------------------------------------------------------------------------------

def test_the_schema_matches_the_engine():
    defs = schema()["$defs"]
    assert set(defs["rule"]["properties"]) == set(RULE_KEYS)
    assert defs["rule"]["properties"]["severity"]["enum"] == list(Severity)
    assert defs["rule"]["properties"]["scope"]["enum"] == list(SCOPES)
    assert defs["rule"]["properties"]["evidence"]["enum"] == list(SPAN_FIELDS)
    assert set(defs["fieldCondition"]["properties"]) == {"field", "of", *FIELD_TESTS}
    assert defs["fieldCondition"]["properties"]["of"]["enum"] == list(OF)
    assert defs["fieldCondition"]["properties"]["field"]["enum"] == sorted(FIELDS)
    assert defs["phraseCondition"]["properties"]["in"]["enum"] == list(PHRASE_SCOPES)
    assert defs["actorCondition"]["properties"]["actor"]["enum"] == list(ACTOR_FIELDS)
    assert defs["actorCondition"]["properties"]["is"]["enum"] == list(ACTOR_TESTS)
    assert all(f"{{{p}}}" in defs["rule"]["properties"]["message"]["description"] for p in PLACEHOLDERS)


@pytest.mark.parametrize("path", sorted(RULES_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_built_in_rule_files_follow_the_published_schema(path):
    data = plain(read_yaml(path.read_text(encoding="utf-8"), str(path), typed=True))   # as the engine reads it
    jsonschema.Draft202012Validator.check_schema(schema())
    jsonschema.validate(data, schema(), cls=jsonschema.Draft202012Validator)


# -- validate ------------------------------------------------------------------------------------

def test_validate_accepts_the_built_in_rules(capsys):
    code, out, _ = run(capsys, "rules", "validate", str(RULES_DIR))
    assert code == 0 and out.startswith(f"ok: {BUILTIN_RULES} rule(s) valid")


def test_validate_reports_every_error_with_file_line_col(capsys, tmp_path):
    bad = write(tmp_path / "house" / "bad.yaml", rule_text("first") + rule_text("second").split("\n", 1)[1]
                .replace("    weight: 0.2\n", "    weight: 0.2\n    colour: red\n")
                + rule_text("third", "(?<!not )confirmed").split("\n", 1)[1])
    write(tmp_path / "house" / "more.yaml", rule_text("first"))
    code, _, err = run(capsys, "rules", "validate", str(tmp_path / "house"))
    assert code == 3
    lines = err.strip().splitlines()
    assert f"{bad}:17:5: unknown key 'colour' in a rule" in lines[0]
    assert lines[1].startswith(f"{bad}:32:12: pattern not supported by RE2 (invalid perl operator: (?<!)")
    assert lines[2] == f"{tmp_path / 'house' / 'more.yaml'}:2:1: duplicate rule id 'first' (first at {bad}:2)"
    assert lines[3] == "error: 3 error(s) in 1 path(s)"


SEVEN_MISTAKES = """\
rules:
  - id: seven_mistakes
    signal: unverified_media
    severity: fatal
    weight: 2
    colour: red
    message: "Unconfirmed: {evidence}"
    standard: "Reuters Handbook of Journalism"
    when:
      all:
        - {pattern: "(a)\\\\1"}
        - {field: nosuch, equals: 1}
    examples:
      match: ["Unconfirmed reports said the bridge fell."]
      no_match: [{text: "The ministry said the bridge fell.", headline: maybe}]
"""


def test_validate_reports_every_mistake_of_a_rule_in_one_run(capsys, tmp_path):
    path = write(tmp_path / "seven.yaml", SEVEN_MISTAKES)
    code, _, err = run(capsys, "rules", "validate", str(path))
    *errors, total = err.strip().splitlines()
    assert code == 3 and total == "error: 7 error(s) in 1 path(s)"
    expected = [("2:5", "rule is missing 'rationale'"),
                ("4:15", "severity must be one of info, warning, error, not 'fatal'"),
                ("5:5", "weight must be between 0 and 1"),
                ("6:5", "unknown key 'colour' in a rule"),
                ("11:12", "pattern not supported by RE2"),
                ("12:19", "unknown field 'nosuch'"),
                ("15:7", "an example's 'headline' must be true or false")]
    assert len(errors) == len(expected)
    for line, (where, message) in zip(errors, expected):
        assert line.startswith(f"{path}:{where}: {message}")

def test_schema_errors_name_the_offending_value(capsys, tmp_path):
    text = rule_text().replace('match: ["Unconfirmed reports said the bridge fell."]',
                               'match: ["Unconfirmed reports said the bridge fell.", {headline: true}]')
    path = write(tmp_path / "r.yaml", text)
    code, _, err = run(capsys, "rules", "validate", str(path))
    assert code == 3 and err.startswith(f"{path}:11:")


@pytest.mark.parametrize("old, new, line, message", [
    ("weight: 0.2", 'weight: "0.2"', 5, "'weight' must be a number"),
    ('when: {pattern: "\\\\bunconfirmed reports?\\\\b"}', "when: {field: figures, gte: many}", 9, "'gte' must be a number"),
    ('when: {pattern: "\\\\bunconfirmed reports?\\\\b"}', "when: {field: hedged, exists: maybe}", 9,
     "'exists' must be true or false"),
    ('when: {pattern: "\\\\bunconfirmed reports?\\\\b"}', "when: {pattern: 42}", 9, "'pattern' must be text"),
    ('no_match: ["The', 'no_match: [{text: "x", headline: maybe}, "The', 12, "'headline' must be true or false"),
    ('no_match: ["The', 'no_match: [{text: "x", colour: red}, "The', 12, "unknown key 'colour' in an example"),
    ('no_match: ["The', 'no_match: [{documents: [{outlet: CNN}]}, "The', 12, "each with 'text'"),
    ("Unconfirmed: {evidence}", "Unconfirmed: {nosuchfield}", 6, "unknown placeholder {nosuchfield}"),
    ("Unconfirmed: {evidence}", "Unconfirmed: {evidence", 6, "not a valid template"),
    ("Unconfirmed: {evidence}", "Unconfirmed: {evidence:{nosuch}}", 6, "unknown placeholder {nosuch}"),
])
def test_one_validation_checks_every_value(tmp_path, old, new, line, message):
    text = rule_text()
    assert old in text
    path = write(tmp_path / "r.yaml", text.replace(old, new))
    with pytest.raises(ConfigError) as info:
        rules_module.load_file(path, path.read_bytes(), LanguagePack.builtin())
    assert info.value.line == line and message in info.value.message


def test_without_re2_nested_repeats_are_refused(monkeypatch):
    monkeypatch.setattr(regex, "re2", None)
    with pytest.raises(ValueError, match="repeats a group"):
        compile_pattern("(a+)+$")
    assert compile_pattern(r"\b(?:media|press)\s+(?:\w+\s+)?reports?\b").search("Media REPORTS")
    from audit.rules import RuleSet

    assert len(RuleSet.load(LanguagePack.builtin()).rules) == BUILTIN_RULES         # the built-in patterns pass the guard


def test_a_catastrophic_pattern_cannot_hang_a_run():
    pytest.importorskip("re2")
    rx = compile_pattern("(a+)+$")
    started = time.perf_counter()
    assert rx.search("a" * 50_000 + "!") is None
    assert time.perf_counter() - started < 1


# -- an invalid rule fails check (exit 3); scan and --no-strict skip it with a warning ---------------------

def test_an_invalid_rule_fails_check_and_is_skipped_by_scan(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "house" / "rules.yaml", rule_text() + rule_text("broken", "(a)\\\\1").split("\n", 1)[1])
    write(tmp_path / "a.txt", "Unconfirmed reports said the bridge had been destroyed.\n")
    where = "house/rules.yaml:20:12: pattern not supported by RE2"
    code, out, err = run(capsys, "check", "a.txt", "--rules", "house", "--no-store", "--isolated")
    assert code == 3 and out == ""
    assert err.startswith(f"error: {where}") and "pass --no-strict to skip them" in err.splitlines()[-1]
    assert run(capsys, "check", "a.txt", "--rules", "house", "--no-store", "--isolated", "--strict")[0] == 3
    for command in (["check", "--no-strict", "--fail-level", "warning"], ["scan"]):
        code, out, err = run(capsys, *command, "a.txt", "--rules", "house", "--no-store", "--isolated")
        assert code == (1 if command[0] == "check" else 0) and "[house_unconfirmed]" in out
        assert err.splitlines()[0].startswith(f"warning: {where}") and err.splitlines()[0].endswith("(rule skipped)")
    code, _, err = run(capsys, "scan", "a.txt", "--rules", "house", "--no-store", "--isolated", "--strict")
    assert code == 3 and err.startswith(f"error: {where}")


# -- list, show ------------------------------------------------------------------------------------

def test_list_and_show(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "audit.toml", 'ignore = ["vague_quantity"]\n[severity]\nanonymous_source = "error"\n')
    code, out, _ = run(capsys, "rules", "list")
    assert code == 0 and out.startswith("ID ")
    rows = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert len(rows) == BUILTIN_RULES
    assert rows["anonymous_source"].split()[1:3] == ["anonymous_source", "error"]
    assert "rules/anonymous_source.yaml:" in rows["anonymous_source"]
    assert rows["vague_quantity"].endswith("(off in configuration)")
    code, out, _ = run(capsys, "rules", "show", "anonymous_source")
    for part in ("What it flags", "Why", "Standard", "AP News Values", "Examples", "fires on:", "when:"):
        assert part in out
    code, _, err = run(capsys, "rules", "show", "anonymous_sauce")
    assert code == 2 and "did you mean anonymous_source" in err


# -- test, fixtures ------------------------------------------------------------------------------------

def test_built_in_rules_pass_their_examples_and_fixtures(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, _ = run(capsys, "rules", "test")
    assert code == 0, out
    header, *rows = out.split("\n\n")[0].splitlines()
    assert header.split() == ["rule", "TP", "FN", "TN", "FP"]
    assert len(rows) == BUILTIN_RULES and all(r.endswith("ok") for r in rows)
    fixtures = list((ROOT / "tests/fixtures/rules").glob("*.md"))
    marked = {rid.strip() for f in fixtures for line in f.read_text().splitlines()
              if line.startswith("<!-- expect") for rid in line.split(":", 1)[1].rstrip("->").split(",")}
    assert marked == {r.split()[0] for r in rows}            # every rule has fixture coverage


def test_a_wrong_expectation_fails_with_its_location(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "house" / "rules.yaml", rule_text())
    write(tmp_path / "house" / "fixtures" / "case.md", "# Bridge\n\n<!-- expect: house_unconfirmed -->\n"
          "The ministry said the bridge fell.\n\n<!-- expect-not: house_unconfirmed -->\n"
          "Unconfirmed reports said the bridge fell.\n\n<!-- expect: no_such_rule -->\nIt fell.\n")
    code, out, _ = run(capsys, "rules", "test", "house")
    assert code == 1
    assert "house_unconfirmed    1   1   1   1  FAIL" in out
    assert "house/fixtures/case.md:3: house_unconfirmed should fire on: \"The ministry said the bridge fell.\"" in out
    assert "house/fixtures/case.md:6: house_unconfirmed should not fire on:" in out
    assert "house/fixtures/case.md:9: unknown rule 'no_such_rule' in marker" in out


def test_a_rule_needs_a_positive_and_a_negative_case():
    report = Report(["a", "b"], [Case("a", True, True, "x", "f:1"), Case("b", False, False, "y", "f:2")])
    assert report.missing() == ["a has no negative (examples.no_match or <!-- expect-not -->) case",
                                "b has no positive (examples.match or <!-- expect -->) case"]
    assert not report.ok


# -- new, docs ----------------------------------------------------------------------------------

def test_new_writes_a_template_that_validates_and_passes(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "rules", "new", "house_rule", "--dir", "house")
    assert code == 0 and out.startswith("wrote house/house_rule.yaml") and "warning" not in err
    text = (tmp_path / "house/house_rule.yaml").read_text()
    assert text.startswith("#") and "id: house_rule" in text
    assert run(capsys, "rules", "validate", "house")[0] == 0
    code, out, _ = run(capsys, "rules", "test", "house")
    assert code == 0 and "house_rule" in out and "2 cases: 2 passed" in out
    code, _, err = run(capsys, "rules", "new", "house_rule", "--dir", "house")
    assert code == 2 and "already exists" in err
    assert run(capsys, "rules", "new", "Bad Id")[0] == 2
    code, _, err = run(capsys, "rules", "new", "anonymous_source", "--dir", "override")   # a built-in's id
    assert code == 0 and "warning: 'anonymous_source' is a built-in rule's id" in err and "replaces" in err


def test_rule_docs_are_up_to_date(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, err = run(capsys, "rules", "docs", "--check")
    assert code == 0, err + " (regenerate with `audit rules docs`)"
    text = (ROOT / "docs/rules.md").read_text()
    assert all(f"## {p['id']}" in text for f in RULES_DIR.glob("*.yaml")
               for p in (yaml.safe_load(f.read_text()).get("rules") or []))


def test_built_in_rule_paths_read_the_same_from_a_wheel(tmp_path):
    """Installed from a wheel the built-in rules live in audit/builtin_rules (pyproject's package-dir):
    paths still read rules/..., so the docs and the report do not change with how the tool was installed."""
    import shutil
    import subprocess
    import sys

    site = tmp_path / "site-packages"
    shutil.copytree(ROOT / "audit", site / "audit", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "rules", site / "audit" / "builtin_rules")
    (tmp_path / "work").mkdir()

    def python(code: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", code, *args],
                              cwd=tmp_path / "work", env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
                              capture_output=True, text=True, timeout=120)

    def cli(*args: str) -> subprocess.CompletedProcess:
        return python("from audit.cli import main; main()", *args)

    where = python("import audit.paths; print(audit.paths.RULES_DIR)").stdout.strip()
    assert where == str(site / "audit" / "builtin_rules")
    listed = cli("rules", "list")
    assert listed.returncode == 0, listed.stderr
    assert "  rules/anonymous_source.yaml:" in listed.stdout and "builtin_rules" not in listed.stdout
    docs = cli("rules", "docs", "--check", "--output", str(ROOT / "docs/rules.md"))
    assert docs.returncode == 0, docs.stderr


def test_rule_paths_are_shown_from_the_rules_folder_in_either_layout(tmp_path, monkeypatch):
    from audit.paths import display_path

    monkeypatch.chdir(tmp_path)
    for folder in (tmp_path / "checkout" / "rules", tmp_path / "site" / "audit" / "builtin_rules"):
        assert display_path(folder / "second_hand.yaml", folder) == "rules/second_hand.yaml"
    assert display_path(tmp_path / "house" / "mine.yaml") == "house/mine.yaml"
    assert display_path("/elsewhere/mine.yaml") == "/elsewhere/mine.yaml"

def test_the_fixture_markers_never_become_claims(auditor):
    result = auditor.run([str(ROOT / "tests/fixtures/rules")], None)
    assert result.claims and not any("<!--" in c.text or "expect" in c.text for c in result.claims)
    json.dumps([c.text for c in result.claims])


def test_every_placeholder_a_message_may_use_is_filled():
    """The placeholders validation accepts are the ones a finding's message fills, no more, no less."""
    from audit.conditions import Context
    from audit.models import Attribution, Claim, Document, Span
    from audit.rules import PLACEHOLDERS, placeholder_values

    claim = Claim(id="c", document="d", text="t", start=0, end=1, line=1, col=1,
                  attribution=Attribution(source="S", cue="said", via=["V"], actor="A"))
    ctx = Context(claim, Document("d", "d.txt", "0", "t"), "", None)  # type: ignore[arg-type]
    assert list(placeholder_values(ctx, Span(0, 1, "E"))) == list(PLACEHOLDERS)
