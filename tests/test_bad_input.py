"""Bad input from the command line: one line naming the file (and line), non-zero exit, no traceback,
the good files still audited, nothing half-written."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import SEEDS

GOOD = (SEEDS / "004_46c607ac9c3904df.txt").read_bytes()


def audit(*args, cwd):
    return subprocess.run([sys.executable, "-m", "audit.cli", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


@pytest.fixture()
def corpus(tmp_path):
    (tmp_path / "ok.txt").write_bytes(GOOD)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"ab\x00\x01\x02cd")
    (tmp_path / "latin1.txt").write_bytes("Line one.\nCafé said he.\n".encode("latin-1"))
    (tmp_path / "broken.md").write_text("---\ntitle: [unclosed\n---\nThe minister said so.\n", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text('{"text": "The minister said 5 people died."}\nnot json\n', encoding="utf-8")
    return tmp_path


def test_bad_files_are_skipped_with_one_line_each_and_the_rest_audited(corpus):
    out = audit("scan", ".", "--no-store", "--format", "json", cwd=corpus)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    lines = [l for l in out.stderr.splitlines() if l.strip()]
    expected = {"empty.txt": "empty", "binary.txt": "binary", "latin1.txt:2": "UTF-8",
                "broken.md:2": "YAML", "feed.jsonl:2": "JSON"}
    for where, what in expected.items():
        assert any(where in l and what in l for l in lines), (where, lines)
    data = json.loads(out.stdout)
    assert {d["path"] for d in data["documents"]} >= {"ok.txt"}
    assert {s["path"] for s in data["skipped"]} >= {"empty.txt", "binary.txt", "latin1.txt", "broken.md"}


@pytest.mark.parametrize("args, needle", [
    (("scan", "missing.txt", "--no-store"), "missing.txt"),
    (("scan", "ok.txt", "--db", "nosuchdb://x"), "nosuchdb"),
    (("scan", "ok.txt", "--db", "sqlite:////dev/null/x/y.db"), "/dev/null/x"),   # under a file: no folder
    (("show", "zzzzzz", "--db", "sqlite:///s.db"), "s.db"),
])
def test_usage_and_runtime_errors_are_one_line(corpus, args, needle):
    out = audit(*args, cwd=corpus)
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and needle in out.stderr


def test_invalid_rule_file_exits_3_with_file_and_line(corpus):
    rules = corpus / "myrules"
    rules.mkdir()
    (rules / "r.yaml").write_text("rules:\n  - id: ok_id\n    signal: s\n    severity: fatal\n", encoding="utf-8")
    out = audit("scan", "ok.txt", "--no-store", "--rules", "myrules", "--strict", cwd=corpus)
    assert out.returncode == 3
    *problems, advice = out.stderr.strip().splitlines()
    assert problems and all(line.startswith("error: myrules/r.yaml:") for line in problems)
    assert advice.startswith("error: ") and "--no-strict" in advice and "Traceback" not in out.stderr


def test_report_is_written_whole_or_not_at_all(corpus):
    target = corpus / "reports" / "story.md"
    target.parent.mkdir()
    target.write_text("previous report\n", encoding="utf-8")
    out = audit("report", "missing-folder", "--out", str(target), "--no-store", cwd=corpus)
    assert out.returncode == 2
    assert target.read_text(encoding="utf-8") == "previous report\n"
    assert list(target.parent.iterdir()) == [target]
