"""In-document suppressions: next-claim and block forms, reasons required, unused ones reported,
suppressed findings kept in JSON but left out of scores and exit codes, comments never claims."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli as run
from audit.pipeline import Auditor

ANON = "A senior official said the talks had stalled."




@pytest.fixture(autouse=True)
def _here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="module")
def audit():
    auditor = Auditor()

    def audit(path: Path):
        result = auditor.run([str(path)], None)
        return result, [str(n) for n in result.notices]
    return audit


def findings(result) -> dict[str, list[tuple[str, bool]]]:
    return {c.text: [(f.rule, f.suppressed) for f in c.findings] for c in result.claims}


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_next_claim_suppression(audit, tmp_path, suffix):
    doc = tmp_path / f"a{suffix}"
    doc.write_text(f'Talks stall\n\n<!-- audit: ignore anonymous_source reason="identity known to the desk" -->\n'
                   f"{ANON}\n\nAnother official said the delegations left.\n")
    result, notices = audit(doc)
    got = findings(result)
    assert ("anonymous_source", True) in got[ANON]
    assert ("anonymous_no_reason", False) in got[ANON]                      # other rules still count
    assert ("anonymous_source", False) in got["Another official said the delegations left."]
    assert notices == []
    assert not any("<!--" in c.text or "audit:" in c.text for c in result.claims)


def test_suppressed_findings_do_not_lower_the_score(audit, tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text(f'<!-- audit: ignore anonymous reason="cleared" -->\n{ANON}\n')
    result, _ = audit(doc)
    claim = next(c for c in result.claims if c.text == ANON)
    assert claim.findings and all(f.suppressed for f in claim.findings)
    assert claim.score == 100.0 and claim.ledger == []


def test_block_suppression(audit, tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text("# Roundup\n\n<!-- audit: ignore-start anonymous_source reason='wire roundup' -->\n"
                   f"{ANON}\n\nSources said the ceasefire would hold.\n<!-- audit: ignore-end -->\n\n"
                   "A source said the army would withdraw.\n")
    result, notices = audit(doc)
    got = findings(result)
    assert ("anonymous_source", True) in got[ANON]
    assert ("anonymous_source", True) in got["Sources said the ceasefire would hold."]
    assert ("anonymous_source", False) in got["A source said the army would withdraw."]
    assert notices == []


def test_a_reason_is_required(audit, tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text(f"# Talks\n\n<!-- audit: ignore anonymous_source -->\n{ANON}\n")
    result, notices = audit(doc)
    assert ("anonymous_source", False) in findings(result)[ANON]
    assert notices == ['a.md:3: warning: suppression of anonymous_source has no reason and is ignored: '
                       'add reason="..."']


@pytest.mark.parametrize("directive, notice", [
    ('<!-- audit: ignore second_hand reason="x" -->', "a.md:3: warning: unused suppression: no second_hand "
                                                       "finding on the next claim"),
    ('<!-- audit: ignore secnd_hand reason="x" -->', "a.md:3: warning: unknown rule 'secnd_hand' in suppression"),
    ('<!-- audit: ingore anonymous reason="x" -->', "a.md:3: warning: unknown audit directive 'ingore'"),
    ("<!-- audit: ignore-end -->", "a.md:3: warning: ignore-end without an ignore-start"),
    ('<!-- audit: ignore-start anonymous reason="x" -->', "a.md:3: warning: ignore-start without an ignore-end"),
    ('<!-- audit: ignore reason="x" -->', "a.md:3: warning: ignore names no rule"),
])
def test_problems_are_one_line_notices(audit, tmp_path, directive, notice):
    doc = tmp_path / "a.md"
    doc.write_text(f"# Talks\n\n{directive}\n{ANON}\n")
    _, notices = audit(doc)
    assert any(n.startswith(notice) for n in notices), notices


def test_a_trailing_directive_has_no_claim(audit, tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text(f'# Talks\n\n{ANON}\n\n<!-- audit: ignore anonymous reason="x" -->\n')
    _, notices = audit(doc)
    assert notices == ["a.md:5: warning: no claim follows this suppression"]


def test_suppressed_findings_stay_in_json_and_do_not_fail_the_check(capsys, tmp_path):
    (tmp_path / "a.txt").write_text(f'<!-- audit: ignore anonymous reason="cleared by legal" -->\n{ANON}\n')
    code, out, err = run(capsys, "check", "a.txt", "--no-store", "--isolated", "--fail-level", "info",
                         "--format", "json")
    assert code == 0, err
    claim = next(c for c in json.loads(out)["claims"] if c["text"] == ANON)
    assert claim["findings"] and all(f["suppressed"] for f in claim["findings"])
    code, out, _ = run(capsys, "check", "a.txt", "--no-store", "--isolated", "--fail-level", "info")
    assert "[anonymous" not in out and "findings: none (3 suppressed)" in out
