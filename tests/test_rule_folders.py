"""Every problem in a rule folder is a located error (issue 11): exit 3 and `file:line` under --strict,
a warning naming the file and line otherwise, the other rules loaded; never an internal error."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import SEEDS, run_cli

EXAMPLES = '{match: ["The minister said 5 died."], no_match: ["He said 5 died."]}'


def rule(rule_id: str, examples: str = EXAMPLES, weight: str = "0.1") -> str:
    return f"""rules:
  - id: {rule_id}
    signal: anonymous_source
    severity: warning
    weight: {weight}
    message: "m"
    rationale: "r"
    standard: "s"
    when: {{phrase: [minister]}}
    examples: {examples}
"""


def make(folder: Path, case: str) -> tuple[str, str]:
    """Lay out the case in `folder` (beside a valid rule); (the file named, words the error must say)."""
    (folder / "good.yaml").write_text(rule("good_rule"), encoding="utf-8")
    if case == "a folder named x.yaml":
        (folder / "x.yaml").mkdir()
        return "x.yaml:1", "is a folder"
    if case == "a symbolic link loop":
        os.symlink("b.yaml", folder / "a.yaml")
        os.symlink("a.yaml", folder / "b.yaml")
        return "a.yaml:1", "symbolic link loop"
    if case == "a dangling symbolic link":
        os.symlink("nowhere.yaml", folder / "d.yaml")
        return "d.yaml:1", "broken symbolic link (to 'nowhere.yaml')"
    if case == "a named pipe":
        os.mkfifo(folder / "p.yaml")
        return "p.yaml:1", "not a regular file"
    if case == "examples given as a number":
        (folder / "e.yaml").write_text(rule("e_rule", examples="5"), encoding="utf-8")
        return "e.yaml:10", "examples needs"
    if case == "a weight of the wrong type":
        (folder / "w.yaml").write_text(rule("w_rule", weight="[1]"), encoding="utf-8")
        return "w.yaml:5", "'weight' must be a number"
    if case == "mitigate given as a number":
        (folder / "m.yaml").write_text(rule("m_rule") + "    mitigate: 5\n", encoding="utf-8")
        return "m.yaml:11", "'mitigate' must be a list"
    if case == "a tag the YAML loader cannot construct":
        (folder / "t.yaml").write_text(rule("t_rule", weight="!!float abc"), encoding="utf-8")
        return "t.yaml:5", "YAML tags such as '!!float' are not supported"     # refused by audit.yamlio
    if case == "two files defining one id":
        (folder / "z.yaml").write_text(rule("good_rule"), encoding="utf-8")
        return "z.yaml:2", "duplicate rule id 'good_rule' (first at rules/good.yaml:2)"
    raise AssertionError(case)


CASES = ["a folder named x.yaml", "a symbolic link loop", "a dangling symbolic link", "a named pipe",
         "examples given as a number", "mitigate given as a number", "a weight of the wrong type", "a tag the YAML loader cannot construct",
         "two files defining one id"]


@pytest.fixture()
def workdir(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_bytes((SEEDS / "004_46c607ac9c3904df.txt").read_bytes())
    (tmp_path / "rules").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("case", CASES)
def test_a_rule_folder_problem_is_located(workdir, capsys, case):
    where, what = make(workdir / "rules", case)
    code, _, err = run_cli(capsys, "scan", "ok.txt", "--no-store", "--rules", "rules", "--strict")
    assert code == 3 and f"error: rules/{where}" in err and what in err, err
    code, _, err = run_cli(capsys, "scan", "ok.txt", "--no-store", "--rules", "rules", "--format", "json")
    assert code == 0 and f"warning: rules/{where}" in err and what in err, err
    code, out, err = run_cli(capsys, "rules", "list", "--rules", "rules")
    assert code == 0 and "good_rule" in out and f"warning: rules/{where}" in err     # the valid rule loads
    code, out, err = run_cli(capsys, "rules", "validate", "rules")
    assert code == 3 and f"rules/{where}" in out + err and what in out + err
    assert "internal error:" not in err       # the CLI's last resort, for an error nobody located


def test_an_unreadable_rule_file_is_located(workdir, capsys, monkeypatch):
    (workdir / "rules" / "secret.yaml").write_text(rule("secret_rule"), encoding="utf-8")
    read_bytes = Path.read_bytes

    def denied(path):
        if path.name == "secret.yaml":
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", denied)
    code, _, err = run_cli(capsys, "scan", "ok.txt", "--no-store", "--rules", "rules", "--strict")
    assert code == 3 and "error: rules/secret.yaml:1:1: cannot be read: Permission denied" in err


def test_a_rule_folder_may_replace_a_built_in_rule_but_not_repeat_its_own(workdir, capsys):
    (workdir / "rules" / "mine.yaml").write_text(rule("anonymous_source"), encoding="utf-8")
    code, _, err = run_cli(capsys, "scan", "ok.txt", "--no-store", "--rules", "rules", "--strict")
    assert code in (0, 1) and not err.strip()
    (workdir / "more").mkdir()
    (workdir / "more" / "again.yaml").write_text(rule("anonymous_source"), encoding="utf-8")
    code, _, err = run_cli(capsys, "scan", "ok.txt", "--no-store", "--rules", "rules", "--rules", "more", "--strict")
    assert code == 3 and "more/again.yaml:2:1: duplicate rule id 'anonymous_source' (first at rules/mine.yaml:2)" in err


@pytest.mark.parametrize("sub, name", [("lexicons", "cues.yaml"), ("registry", "outlets.yaml")])
def test_a_broken_lexicon_or_registry_file_is_located(workdir, capsys, sub, name):
    """Refused under --strict; otherwise a warning naming it, and the run goes on without that file."""
    (workdir / "rules" / sub).mkdir()
    os.symlink("nowhere.yaml", workdir / "rules" / sub / name)
    (workdir / "rules" / "good.yaml").write_text(rule("good_rule"), encoding="utf-8")
    where = f"rules/{sub}/{name}:1: is a broken symbolic link"
    code, _, err = run_cli(capsys, "scan", "ok.txt", "--no-store", "--rules", "rules", "--strict")
    assert code == 3 and f"error: {where}" in err, err
    code, out, err = run_cli(capsys, "scan", "ok.txt", "--no-store", "--rules", "rules", "--format", "json")
    assert code == 0 and f"warning: {where}" in err and f"({sub[:-1] if sub == 'lexicons' else sub} file skipped)" in err
    assert "good_rule" in {r["id"] for r in json.loads(out)["rules"]}
    code, out, err = run_cli(capsys, "rules", "validate", "rules")
    assert code == 3 and where in out + err
