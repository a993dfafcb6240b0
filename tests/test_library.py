"""The library applies the same policy as the CLI: configuration, in-document suppressions and a baseline."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.baseline import Baseline
from audit.config import load_config
from audit.pipeline import Auditor
from audit.render.json_contract import dumps
from conftest import run_cli as run

ANON = "A senior official said the talks had stalled.\n"
BARE = "About 25 people were killed, according to a source.\n"
CONFIG = """select = ["anonymous"]
ignore = ["anonymous_bare"]
[severity]
anonymous_source = "error"
[[overrides]]
paths = ["drafts/**"]
ignore = ["anonymous_uncorroborated"]
"""


@pytest.fixture(autouse=True)
def _here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def without_run_id(contract: dict) -> dict:
    contract["run"].pop("id")
    contract["run"].pop("started")
    return contract


def test_library_and_cli_give_the_same_json(capsys, tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "final").mkdir()
    (tmp_path / "drafts" / "a.md").write_text(f'<!-- audit: ignore anonymous_source reason="vetted" -->\n{ANON}')
    (tmp_path / "final" / "b.txt").write_text(f"{ANON}\n{BARE}")
    code, _, err = run(capsys, "check", "final", "--no-store", "--isolated", "--select", "anonymous_no_reason",
                       "--write-baseline", "baseline.json")
    assert code == 0, err
    (tmp_path / "audit.toml").write_text(CONFIG)

    code, out, err = run(capsys, "scan", "drafts", "final", "--no-store", "-f", "json", "--baseline", "baseline.json")
    assert code == 0, err
    result = Auditor.from_config(load_config()).run(["drafts", "final"], baseline=Baseline(Path("baseline.json")))
    assert without_run_id(json.loads(dumps(result))) == without_run_id(json.loads(out))

    findings = {(Path(d.path).name, f.rule): f for d in result.documents for c in result.claims_of(d.id)
                for f in c.findings}
    assert findings["a.md", "anonymous_source"].suppressed                     # in-document suppression
    assert ("a.md", "anonymous_uncorroborated") not in findings                # per-path override
    assert ("b.txt", "anonymous_uncorroborated") in findings
    assert findings["b.txt", "anonymous_source"].severity == "error"           # severity override
    assert not any(rule == "anonymous_bare_descriptor" for _, rule in findings)   # ignore
    assert not any(rule.startswith("second_hand") for _, rule in findings)    # select
    assert findings["b.txt", "anonymous_no_reason"].suppressed                 # baseline
    assert not findings["a.md", "anonymous_no_reason"].suppressed
    assert result.notices == []
