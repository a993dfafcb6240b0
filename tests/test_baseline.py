"""Baselines: fingerprints from rule, document and normalised evidence (never lines), so only new
findings fail the build."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.baseline import fingerprint, normalise
from conftest import run_cli as run

ANON = "A senior official said the talks had stalled.\n"
NEW = "Sources said the ceasefire would hold.\n"




@pytest.fixture(autouse=True)
def _here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def check(capsys, *args: str):
    return run(capsys, "check", "news", "--no-store", "--isolated", "--fail-level", "info", *args)


def test_only_new_findings_fail(capsys, tmp_path):
    (tmp_path / "news").mkdir()
    article = tmp_path / "news" / "a.txt"
    article.write_text(ANON)
    assert check(capsys)[0] == 1
    code, _, err = check(capsys, "--write-baseline", "baseline.json")
    assert code == 0 and "baseline written: baseline.json" in err
    rows = json.loads((tmp_path / "baseline.json").read_text())["findings"]
    assert {r["rule"] for r in rows} >= {"anonymous_source"} and all(r["document"] == "news/a.txt" for r in rows)
    assert check(capsys, "--baseline", "baseline.json")[0] == 0
    article.write_text("Talks stall in Doha\n\n\nThe meeting ended.\n\n" + ANON)    # lines move: still known
    code, out, err = check(capsys, "--baseline", "baseline.json")
    assert code == 0, out + err
    article.write_text(ANON + "\n" + NEW)                                           # a new finding fails
    code, out, _ = check(capsys, "--baseline", "baseline.json")
    assert code == 1
    assert "Sources" in out and "A senior official" not in out.split("\n\n")[0]


def test_a_repeated_finding_counts_twice(capsys, tmp_path):
    (tmp_path / "news").mkdir()
    article = tmp_path / "news" / "a.txt"
    article.write_text(ANON)
    check(capsys, "--write-baseline", "baseline.json")
    article.write_text(ANON + "\n" + ANON.replace("stalled", "resumed"))   # the same evidence a second time
    assert check(capsys, "--baseline", "baseline.json")[0] == 1


def test_baseline_paths_are_relative_to_the_baseline_file(capsys, tmp_path, monkeypatch):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(ANON)
    check(capsys, "--write-baseline", "ci/baseline.json")
    monkeypatch.chdir(tmp_path / "news")
    code, _, err = run(capsys, "check", "a.txt", "--no-store", "--isolated", "--fail-level", "info",
                       "--baseline", "../ci/baseline.json")
    assert code == 0, err


def test_fingerprints_ignore_case_spacing_and_quote_styles():
    assert normalise("  The \u201cSource\u201d\n said\u00a0") == 'the "source" said'
    assert fingerprint("r", "a.txt", "A  \u2018source\u2019") == fingerprint("r", "a.txt", "a 'source'")
    assert fingerprint("r", "a.txt", "x") != fingerprint("r", "b.txt", "x") != fingerprint("q", "a.txt", "x")


def test_bad_baselines_are_one_line_errors(capsys, tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(ANON)
    code, _, err = check(capsys, "--baseline", "missing.json")
    assert code == 2 and err.startswith("error: missing.json: baseline not found")
    (tmp_path / "bad.json").write_text('{"version": 1,\n "findings": [}')
    code, _, err = check(capsys, "--baseline", "bad.json")
    assert code == 3 and err.startswith("error: bad.json:2: not a baseline file")
    code, _, err = check(capsys, "--baseline", "bad.json", "--write-baseline", "x.json")
    assert code == 2 and "not both" in err
    assert not Path("x.json").exists()


def test_a_rerun_that_takes_the_stored_run_says_what_the_baseline_matched(capsys, tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(ANON + "\n" + NEW)
    check(capsys, "--write-baseline", "baseline.json")
    (tmp_path / "news" / "a.txt").write_text(ANON + "\n" + NEW + "\n" + ANON.replace("stalled", "resumed"))
    stored = ("check", "news", "--db", f"sqlite:///{tmp_path / 'audit.db'}", "--isolated", "--fail-level", "info",
              "--baseline", "baseline.json")
    first, again = run(capsys, *stored), run(capsys, *stored)
    said = [next(line for line in err.splitlines() if line.startswith("baseline ")) for _, _, err in (first, again)]
    assert said[0] == said[1] and " 0 known" not in said[0]
    assert first[0] == again[0] == 1
