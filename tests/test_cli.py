"""The command line as a user meets it: formats, several outputs in one run, errors as one line."""
from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import run_cli as run

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"




@pytest.fixture(autouse=True)
def _here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def test_help_is_instant_without_heavy_imports():
    code = ("import sys, audit.cli; heavy = [m for m in ('audit.pipeline', 'sqlmodel', 'jsonschema', 'yaml') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_help_lists_the_commands(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("scan", "check", "report", "show", "runs", "config", "rules"):
        assert command in out
    code, out, _ = run(capsys, "rules", "--help")
    for command in ("list", "show", "validate", "test", "new", "docs"):
        assert command in out


COMMANDS = [[], ["scan"], ["check"], ["report"], ["show"], ["runs"], ["config"], ["rules"], ["rules", "list"],
            ["rules", "show"], ["rules", "validate"], ["rules", "test"], ["rules", "new"], ["rules", "docs"],
            ["eval"], ["eval", "polnear"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "audit")
def test_help_names_values_by_plain_metavars(capsys, monkeypatch, command):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, *command, "--help")
    assert code == 0
    assert not re.search(r"<[a-z|\[\] ]+>|\{[a-z_.]+\}|list\[|\bstr\b|<path>", out), out
    assert re.search(r"\b(PATH|DIR|FILE|FORMAT|URL|RULES|LEVEL|SCORE|RUN|CLAIM_ID|RULE_ID|N|COMMAND)\b", out)


def test_help_keeps_examples_whole_and_lists_each_format_once(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = run(capsys, "--help")[1]
    assert "  In CI:       audit check articles/ --fail-level warning --output sarif=audit.sarif\n" in out
    out = " ".join(run(capsys, "check", "--help")[1].split())
    listed = re.search(r"Output format on stdout: ([^.]*)\.", out).group(1).split(", ")
    assert listed[0] == "concise" and "text" not in listed and "json" in listed
    assert "check [OPTIONS] PATH..." in out
    code, text_out, _ = run(capsys, "scan", str(SEEDS), "--no-store", "--isolated", "-f", "text")
    assert code == 0 and text_out == run(capsys, "scan", str(SEEDS), "--no-store", "--isolated")[1]

def test_scan_text_is_one_line_per_finding_then_a_summary(capsys):
    code, out, _ = run(capsys, "scan", str(SEEDS), "--no-store", "--isolated")
    assert code == 0
    lines = out.splitlines()
    findings = [line for line in lines if ": warning [" in line or ": info [" in line]
    assert findings and all(line.startswith(str(SEEDS)) or line.startswith("/") for line in findings)
    assert any(line.startswith("5 documents") for line in lines)


@pytest.mark.parametrize("fmt", ["concise", "full", "grouped", "text", "json", "jsonl", "sarif", "junit",
                                 "github", "markdown"])
def test_every_format_renders(capsys, fmt):
    code, out, err = run(capsys, "scan", str(SEEDS), "--no-store", "--isolated", "--format", fmt)
    assert code == 0, err
    assert out.strip()
    if fmt in ("json", "sarif"):
        json.loads(out)
    if fmt == "junit":
        ET.fromstring(out)
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.splitlines()]
        assert all({"id", "path", "findings", "score"} <= set(r) for r in rows)
    if fmt == "github":
        assert out.startswith("::")


def test_jsonl_has_one_claim_per_line(capsys):
    _, out, _ = run(capsys, "scan", str(SEEDS), "--no-store", "--isolated", "--format", "jsonl")
    _, contract, _ = run(capsys, "scan", str(SEEDS), "--no-store", "--isolated", "--format", "json")
    assert len(out.splitlines()) == len(json.loads(contract)["claims"])


def test_claims_of_a_jsonl_file_are_located_on_the_raw_line(capsys, tmp_path):
    """Invented records: the JSON output's line and col (and SARIF's region, concise's file:line:col) open
    the file where each claim's words start, past the fields before the text and its escapes."""
    records = [
        {"id": "w1", "title": "Strike on \u201cshelter\u201d", "outlet": "Reuters", "published": "2023-11-08",
         "text": "Strike hits shelter\n\nThe Health Ministry said 40 people were killed in the strike on Tuesday."
                 "\n\n\u201cWe heard two blasts,\u201d a resident told reporters. The army said it had targeted a "
                 "\"command centre\" \U0001F600 near the school.\n\nA senior official, who spoke on condition "
                 "of anonymity, said talks would resume."},
        {"id": "w2", "outlet": "AP", "text": "The UN said 1.5 million people had fled.\tAid groups said fuel "
                                             "would run out within days."},
    ]
    content = "\n".join(json.dumps(r) for r in records) + "\n"
    (tmp_path / "week.jsonl").write_text(content, encoding="utf-8")
    file_lines = content.split("\n")
    code, out, err = run(capsys, "scan", "week.jsonl", "--no-store", "--isolated", "--format", "json",
                         "--output", "sarif=a.sarif", "--output", "concise=a.txt")
    assert code == 0, err
    claims = json.loads(out)["claims"]
    assert len(claims) >= 5
    for claim in claims:
        words = claim["text"].split("\u201c")[-1][:15]
        assert file_lines[claim["line"] - 1][claim["col"] - 1:].replace("\\u201c", "").startswith(words), claim
    anonymous = next(c for c in claims if c["text"].startswith("A senior official"))
    assert f"week.jsonl:{anonymous['line']}:{anonymous['col']}: warning" in (tmp_path / "a.txt").read_text()
    regions = [r["locations"][0]["physicalLocation"]["region"]
               for r in json.loads((tmp_path / "a.sarif").read_text())["runs"][0]["results"]]
    assert regions and all(file_lines[r["startLine"] - 1][r["startColumn"] - 1:].startswith("A senior official")
                           for r in regions)
    code, out, err = run(capsys, "report", "week.jsonl", "--no-store", "--isolated", "-o", "week.md")
    appendix = (tmp_path / "week.md").read_text(encoding="utf-8").split("### Documents")[1]
    assert "week.jsonl:1 |" in appendix and "week.jsonl:2 |" in appendix     # each record by its line


def test_several_outputs_in_one_run(capsys, tmp_path):
    code, out, err = run(capsys, "check", str(SEEDS), "--no-store", "--isolated", "--output", "sarif=out/a.sarif",
                         "--output", "junit=out/a.xml", "--output", "json=out/a.json", "--output", "markdown=a.md")
    assert code == 0, err
    assert ": warning [" in out                      # stdout keeps the --format output
    json.loads((tmp_path / "out/a.sarif").read_text())
    ET.parse(tmp_path / "out/a.xml")
    assert json.loads((tmp_path / "out/a.json").read_text())["schema_version"] == 1
    assert (tmp_path / "a.md").read_text().startswith("---") or "# " in (tmp_path / "a.md").read_text()
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_bare_output_path_replaces_stdout(capsys, tmp_path):
    code, out, _ = run(capsys, "scan", str(SEEDS), "--no-store", "--isolated", "-f", "json", "-o", "audit.json")
    assert code == 0 and out == ""
    assert json.loads((tmp_path / "audit.json").read_text())["claims"]


def test_an_unknown_output_format_is_a_usage_error_and_writes_nothing(capsys, tmp_path):
    code, out, err = run(capsys, "check", str(SEEDS), "--no-store", "--output", "sarf=a.sarif")
    assert code == 2
    assert "unknown format 'sarf'" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_output_is_one_line_and_exit_2(capsys, tmp_path):
    (tmp_path / "blocker").write_text("a file, not a folder")
    code, _, err = run(capsys, "check", str(SEEDS), "--no-store", "--isolated", "--output", "json=blocker/x.json")
    assert code == 2
    assert err.strip().splitlines()[-1] == "error: blocker/x.json: cannot write: blocker is a file, not a folder"
    (tmp_path / "kept.sarif").write_text("the previous output")
    code, _, err = run(capsys, "check", str(SEEDS), "--no-store", "--isolated", "--output", "sarif=kept.sarif",
                       "--output", "sarif=new/a.sarif", "--output", "junit=blocker/x.xml")
    assert code == 2 and "Traceback" not in err             # one output failed: none is written
    assert (tmp_path / "kept.sarif").read_text() == "the previous output"
    assert not (tmp_path / "new" / "a.sarif").exists()
    assert not [p for p in tmp_path.rglob("*.tmp")]
    (tmp_path / "adir").mkdir()
    code, _, err = run(capsys, "check", str(SEEDS), "--no-store", "--isolated", "--output", "sarif=kept.sarif",
                       "--output", "json=adir")
    assert code == 2 and err.strip().splitlines()[-1] == "error: adir: is a folder; give a file path"
    assert (tmp_path / "kept.sarif").read_text() == "the previous output"



@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_written_files_honour_the_umask(capsys, tmp_path, umask, mode):
    (tmp_path / "a.txt").write_text("A senior official said the talks had stalled.\n")
    previous = os.umask(umask)
    try:
        code, _, err = run(capsys, "scan", "a.txt", "--no-store", "--isolated", "-o", "json=out/a.json",
                           "-o", "sarif=a.sarif")
    finally:
        os.umask(previous)
    assert code == 0, err
    assert {stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "out/a.json", tmp_path / "a.sarif")} == {mode}


def test_a_rewritten_file_keeps_its_mode(capsys, tmp_path):
    (tmp_path / "a.txt").write_text("A senior official said the talks had stalled.\n")
    (tmp_path / "a.json").write_text("old")
    (tmp_path / "a.json").chmod(0o640)
    assert run(capsys, "scan", "a.txt", "--no-store", "--isolated", "-o", "json=a.json")[0] == 0
    assert stat.S_IMODE((tmp_path / "a.json").stat().st_mode) == 0o640 and "schema_version" in (
        tmp_path / "a.json").read_text()

def test_bad_flag_values_are_usage_errors(capsys):
    code, _, err = run(capsys, "check", str(SEEDS), "--fail-level", "fatal")
    assert code == 2 and "fail-level" in err and "internal error" not in err
    code, _, err = run(capsys, "check", str(SEEDS), "--fail-under", "120")
    assert code == 2


def test_nothing_to_audit_is_exit_2(capsys, tmp_path):
    code, _, err = run(capsys, "check", str(tmp_path / "missing"), "--no-store")
    assert code == 2 and err.startswith("error: nothing to audit")
    broken = tmp_path / "broken.md"
    broken.write_text('---\ntitle: "unterminated\n---\nText.\n', encoding="utf-8")
    code, _, err = run(capsys, "check", str(broken), "--no-store")   # the only input: its line still named
    assert code == 2 and err.startswith("error: nothing to audit: ") and "broken.md:2: invalid YAML" in err


def test_a_run_that_read_nothing_is_not_stored(capsys, tmp_path):
    """`scan nosuch/` fails, and leaves no empty run behind in the store (it did: `audit runs` listed it)."""
    db = f"sqlite:///{tmp_path / 'a.db'}"
    code, _, _ = run(capsys, "scan", str(tmp_path / "nosuch"), "--db", db)
    assert code == 2
    code, out, _ = run(capsys, "runs", "--db", db)
    assert out.lower().startswith("no runs yet")
    run(capsys, "scan", str(SEEDS), "--db", db, "--format", "json")
    code, out, _ = run(capsys, "runs", "--db", db)
    assert code == 0 and len(out.splitlines()) == 1 and " 5 documents " in out


def test_show_and_runs_still_work_with_a_store(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'a.db'}"
    code, out, _ = run(capsys, "scan", str(SEEDS), "--db", db, "--isolated", "-f", "json")
    claim, run_id = json.loads(out)["claims"][0]["id"], json.loads(out)["run"]["id"]
    code, out, _ = run(capsys, "runs", "--db", db)
    assert code == 0 and "5 documents" in out
    code, out, _ = run(capsys, "show", claim[:6], "--db", db)
    assert code == 0 and f"claim {claim}" in out and f"\nrun:         {run_id} (the stored run" in out


def test_show_finds_a_claim_in_any_run_ordered_wrapped_and_coloured_only_on_a_terminal(capsys, tmp_path,
                                                                                      monkeypatch):
    db = f"sqlite:///{tmp_path / 'a.db'}"
    (tmp_path / "audit.toml").write_text('[severity]\nanonymous_uncorroborated = "error"\n')
    (tmp_path / "old.txt").write_text("A senior official said the talks had stalled over the future of the "
                                      "northern border crossings and the release of prisoners.\n")
    (tmp_path / "new.txt").write_text("The ministry said the bridge had reopened.\n")
    code, out, _ = run(capsys, "scan", "old.txt", "--db", db, "-f", "json")
    claim = json.loads(out)["claims"][0]["id"]
    first_run = run(capsys, "runs", "--db", db)[1].split()[0]
    run(capsys, "scan", "new.txt", "--db", db)
    latest_run = run(capsys, "runs", "--db", db)[1].split()[0]
    monkeypatch.setenv("COLUMNS", "60")
    code, out, _ = run(capsys, "show", claim, "--db", db)
    assert code == 0 and f"claim {claim}" in out and "\x1b[" not in out
    assert all(len(line) <= 60 for line in out.splitlines())
    severities = [line.split()[0] for line in out.splitlines() if line.startswith("  ") and "] " in line]
    assert severities[0] == "error" and severities == sorted(severities, key=["error", "warning", "info"].index)
    assert run(capsys, "show", claim, "--db", db, "--run", first_run)[0] == 0
    code, _, err = run(capsys, "show", claim, "--db", db, "--run", latest_run)
    assert code == 2 and "no claim id starts with" in err
    code, _, err = run(capsys, "show", "ffffffffff", "--db", db)
    assert code == 2 and "in any of the 2 run(s) stored in sqlite:///" in err
    monkeypatch.setattr("audit.cli._colour_stdout", lambda: True)
    assert "\x1b[31merror" in run(capsys, "show", claim, "--db", db)[1]


class _Stream:
    def __init__(self, tty: bool):
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize("tty, environ, drawn", [
    (True, {}, True), (False, {}, False), (True, {"CI": "true"}, False), (True, {"TERM": "dumb"}, False)])
def test_progress_is_drawn_on_a_terminal_stderr_only(tty, environ, drawn):
    from audit.progress import shown

    assert shown(_Stream(tty), environ) is drawn


def test_progress_names_each_stage_on_stderr_and_leaves_stdout_clean(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr("audit.progress.shown", lambda stream, environ=None: True)
    code, out, err = run(capsys, "scan", str(SEEDS), "--db", f"sqlite:///{tmp_path / 'a.db'}", "--isolated",
                         "-f", "json")
    assert code == 0 and json.loads(out)["schema_version"] == 1
    for stage in ("reading", "analysing", "corroborating", "saving", "rendering"):
        assert stage in err
    assert "1/5" in err                       # files read and documents analysed are counted


def test_report_writes_html_with_its_manifest_when_asked(capsys, tmp_path):
    target = tmp_path / "story.html"
    code, out, _ = run(capsys, "report", str(SEEDS), "--no-store", "--isolated", "--format", "html", "-o", str(target))
    assert code == 0 and f"report: {target}" in out
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in page
    manifest = json.loads((tmp_path / "story.manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["inputs"]) == 5


def test_report_takes_format_equals_path_as_scan_does_and_refuses_scans_other_formats(capsys, tmp_path, monkeypatch):
    """`report -o html=PATH` writes HTML there (it used to make a folder named "html="); `-o json=PATH`
    says that JSON comes from scan, writing nothing."""
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "report", str(SEEDS), "--no-store", "--isolated", "-o", "html=story.html")
    assert code == 0 and (tmp_path / "story.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    code, _, err = run(capsys, "report", str(SEEDS), "--no-store", "--isolated", "-o", "json=story.json")
    assert code != 0 and "audit scan DIR -o json=PATH" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.html", "story.manifest.json"]


def test_the_readme_shows_the_summary_the_quickstart_prints(capsys, tmp_path):
    """The README's "What you get" block is the summary `audit report seeds/` prints, line for line."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("$ audit report seeds/\n", 1)[1].split("```", 1)[0].splitlines()
    code, out, err = run(capsys, "report", str(SEEDS), "--no-store", "--isolated", "-o", str(tmp_path / "seeds.md"))
    printed = [line for line in (out + err).splitlines() if not line.startswith("report:")]
    assert code == 0 and shown[:-1] == printed[:len(shown) - 1]
