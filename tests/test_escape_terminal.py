"""Nothing from the corpus reaches a terminal or a CI log raw: control characters are shown as escapes
and no line can start a GitHub workflow command (`::error::...`), in stderr, the text formats and show."""
from __future__ import annotations

import json

import pytest

from audit.escape.terminal import escape_line
from conftest import run_cli as run

HOSTILE_NAME = "\r::error::x\x1b[2J\n.txt"
HOSTILE_TEXT = ("A senior official said the talks \x1b[31mhad\r::error::y stalled.\n\n"
                "Nobody said 12 people were killed\x1b]0;title\x07 in \u202eevil.\n")


@pytest.mark.parametrize("value, shown", [
    ("\r::error::x", "\\r::error::x"),
    ("::warning file=a::b", "\\x3a:warning file=a::b"),
    ("  ::notice::c", "  \\x3a:notice::c"),
    ("wrapped anywhere ::error::d", "wrapped anywhere \\x3a:error::d"),
    ("a\x1b[31mb\nc\td", "a\\x1b[31mb\\nc\\td"),
    ("bidi \u202e and \u2028 and \x85", "bidi \\u202e and \\u2028 and \\x85"),
    ("lone \ud800", "lone \\ud800"),
    ("plain: text, ünïcode — ok", "plain: text, ünïcode — ok"),
])
def test_escape_line(value, shown):
    assert escape_line(value) == shown


def forged(text: str) -> list[str]:
    """Lines a terminal or GitHub's log would misread: control sequences, or a workflow command."""
    return [line for line in text.split("\n")
            if line.lstrip().startswith("::") or any(c in line for c in "\r\x1b\x07\u202e")]


@pytest.fixture
def hostile(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / HOSTILE_NAME).write_text(HOSTILE_TEXT, encoding="utf-8")
    (tmp_path / "::warning::bad\r.bin").write_text("x")
    return tmp_path


@pytest.mark.parametrize("fmt", ["concise", "full", "grouped"])
def test_text_formats_and_stderr_escape_file_names_and_text(capsys, hostile, fmt):
    code, out, err = run(capsys, "check", "corpus", "::warning::bad\r.bin", "--no-store", "--isolated", "-f", fmt)
    assert code == 2 and "skipped \\x3a:warning::bad\\r.bin: unsupported file type" in err
    assert "corpus/\\r::error::x\\x1b[2J\\n.txt" in out
    assert fmt != "full" or "\\x1b[31mhad\\r::error::y" in out
    assert forged(out) == [] and forged(err) == []


def test_show_escapes_the_claim_and_its_document(capsys, hostile):
    db = f"sqlite:///{hostile / 'a.db'}"
    code, out, err = run(capsys, "scan", "corpus", "--db", db, "--isolated", "-f", "json")
    claim = json.loads(out)["claims"][0]["id"]
    code, out, err = run(capsys, "show", claim, "--db", db)
    assert code == 0 and "had \\x3a:error::y" in out and forged(out) == [] and forged(err) == []
