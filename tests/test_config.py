"""Configuration: discovery, precedence, validation with file:line, select/ignore, per-path overrides,
severity and weight overrides, and `audit config`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.pipeline import Auditor
from conftest import run_cli as run
from audit.config import Config, _enabled, find_config, glob_regex, load_config
from audit.errors import ConfigError

WARNING = "A senior official said the talks had stalled.\n"




@pytest.fixture(autouse=True)
def _here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def rules_fired(capsys, *args: str) -> dict[str, list[str]]:
    code, out, err = run(capsys, "scan", *args, "--no-store", "-f", "json")
    assert code == 0, err
    data = json.loads(out)
    paths = {d["id"]: d["path"] for d in data["documents"]}
    fired: dict[str, list[str]] = {}
    for c in data["claims"]:
        fired.setdefault(paths[c["document"]], []).extend(f["rule"] for f in c["findings"] if not f["suppressed"])
    return fired


# -- discovery ----------------------------------------------------------------------------------

def test_found_upwards_and_audit_toml_wins(tmp_path, monkeypatch):
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    assert find_config() is None                               # a pyproject.toml without [tool.audit]
    write(tmp_path / "pyproject.toml", "[tool.audit]\nfail-level = 'info'\n")
    assert find_config() == (tmp_path / "pyproject.toml", ("tool", "audit"))
    write(tmp_path / ".audit.toml", "fail-level = 'warning'\n")
    assert find_config()[0] == tmp_path / ".audit.toml"
    write(tmp_path / "a" / "audit.toml", "fail-level = 'error'\n")
    cfg = load_config()
    assert cfg.path == tmp_path / "a" / "audit.toml" and cfg.fail_level == "error"
    assert load_config(isolated=True).path is None


def test_defaults_without_a_file():
    cfg = load_config()
    assert cfg.path is None and cfg.fail_level == "error" and cfg.select is None and cfg.fail_under is None


# -- validation --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, line, message", [
    ('[tool.audit]\nfail-level = "warning"\nfail_under = 50\n', 3,
     "unknown key 'fail_under' (did you mean 'fail-under'?)"),
    ('[tool.audit]\nselect = ["anonymous"]\n\n[tool.audit.severity]\nanonymous_source = "fatal"\n', 5,
     "'severity.anonymous_source' must be one of info, warning, error"),
    ('[tool.audit]\n[[tool.audit.overrides]]\npaths = ["drafts/**"]\nignor = ["x"]\n', 4,
     "unknown key 'ignor' in an override"),
    ('[tool.audit]\nfail-under = 150\n', 2, "'fail-under' must be a number from 0 to 100"),
    ('[tool.audit]\nweight = {second_hand = 2}\n', 2, "'weight.second_hand' must be a number from 0 to 1"),
    ('[tool.audit]\n[tool.audit.limits]\nfile-mb = "big"\n', 3, "'limits.file-mb' must be a number"),
    ('[tool.audit]\nselect = "anonymous\n', 2, "invalid TOML"),
])
def test_errors_name_the_file_and_line(tmp_path, text, line, message):
    write(tmp_path / "pyproject.toml", text)
    with pytest.raises(ConfigError) as info:
        load_config()
    assert info.value.exit_code == 3
    assert str(info.value).startswith(f"pyproject.toml:{line}: ")
    assert message in str(info.value)


def test_an_unknown_rule_id_is_an_error_at_its_line(capsys, tmp_path):
    write(tmp_path / "audit.toml", 'fail-level = "info"\nignore = ["anonymous_sauce"]\n')
    write(tmp_path / "a.txt", WARNING)
    code, _, err = run(capsys, "check", "a.txt", "--no-store")
    assert code == 3
    assert err.strip() == ("error: audit.toml:2: 'ignore': no rule id is or starts with 'anonymous_sauce' "
                           "(did you mean 'anonymous_source'?)")


# -- rules -------------------------------------------------------------------------------------

def test_the_more_specific_entry_wins():
    assert _enabled("anonymous_source", None, [])
    assert not _enabled("anonymous_source", None, ["anonymous"])
    assert _enabled("anonymous_source", ["anonymous_source"], ["anonymous"])
    assert not _enabled("anonymous_no_reason", ["anonymous_source"], [])
    assert not _enabled("second_hand", ["second_hand"], ["second_hand"])        # a tie goes to ignore


def test_select_ignore_severity_and_weight(capsys, tmp_path):
    write(tmp_path / "a.txt", WARNING)
    write(tmp_path / "audit.toml", 'select = ["anonymous"]\nignore = ["anonymous_bare"]\n'
                                   '[severity]\nanonymous_source = "error"\n[weight]\nanonymous_source = 0.5\n')
    code, out, _ = run(capsys, "scan", "a.txt", "--no-store", "-f", "json")
    data = json.loads(out)
    findings = {f["rule"]: f for c in data["claims"] for f in c["findings"]}
    assert set(findings) == {"anonymous_source", "anonymous_no_reason", "anonymous_uncorroborated"}
    assert findings["anonymous_source"]["severity"] == "error"
    assert findings["anonymous_source"]["weight"] == 0.5 * 0.8            # the rule's mitigation still applies
    assert {r["id"]: r["weight"] for r in data["rules"]}["anonymous_source"] == 0.5
    assert run(capsys, "check", "a.txt", "--no-store")[0] == 1                  # now an error
    assert run(capsys, "check", "a.txt", "--no-store", "--ignore", "anonymous_source")[0] == 0   # flag wins


def test_per_path_overrides(capsys, tmp_path):
    write(tmp_path / "drafts" / "a.txt", WARNING)
    write(tmp_path / "final" / "a.txt", WARNING)
    write(tmp_path / "pyproject.toml", '[tool.audit]\n[[tool.audit.overrides]]\npaths = ["drafts/**"]\n'
                                       'ignore = ["anonymous"]\n')
    fired = rules_fired(capsys, ".")
    assert not any(r.startswith("anonymous") for r in fired["drafts/a.txt"])
    assert "anonymous_source" in fired["final/a.txt"]


def test_override_paths_are_relative_to_the_configuration_file(capsys, tmp_path, monkeypatch):
    write(tmp_path / "drafts" / "a.txt", WARNING)
    write(tmp_path / "audit.toml", '[[overrides]]\npaths = ["drafts/"]\nselect = ["second_hand"]\n')
    monkeypatch.chdir(tmp_path / "drafts")
    assert rules_fired(capsys, "a.txt") == {"a.txt": []}


def test_glob_patterns():
    assert glob_regex("drafts/**").fullmatch("drafts/x/y.md")
    assert not glob_regex("drafts/**").fullmatch("final/drafts.md")
    assert glob_regex("*.txt").fullmatch("deep/in/a.txt")          # no slash: any folder
    assert glob_regex("news/*.md").fullmatch("news/a.md")
    assert not glob_regex("news/*.md").fullmatch("news/sub/a.md")
    assert glob_regex("news/**/*.md").fullmatch("news/a.md")


def test_rules_registry_and_db_are_relative_to_the_file(tmp_path, monkeypatch):
    write(tmp_path / "audit.toml", 'rules = ["house"]\nregistry = ["reg"]\ndb = "sqlite:///store/a.db"\n')
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    cfg = load_config()
    assert cfg.rules == [tmp_path / "house"] and cfg.registry == [tmp_path / "reg"]
    assert cfg.db == f"sqlite:///{(tmp_path / 'store/a.db').as_posix()}"


# -- `audit config` ----------------------------------------------------------------------------

def test_audit_config_says_where_each_value_came_from(capsys, tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.audit]\nignore = ["vague_quantity"]\n'
                                       'fail-level = "warning"\n')
    code, out, _ = run(capsys, "config", "--config", "pyproject.toml")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "# configuration file: pyproject.toml [tool.audit]"
    total = len(Auditor().rules.rules)
    assert f"# rules enabled: {total - 1} of {total}" in out
    assert next(line for line in lines if line.startswith("ignore")).endswith("# pyproject.toml:5")
    assert next(line for line in lines if line.startswith("fail-level")).endswith("# pyproject.toml:6")
    assert next(line for line in lines if line.startswith("db")).endswith("# default")


def test_describe_marks_command_line_values():
    cfg = Config()
    cfg.override("fail-level", "info", "--fail-level")
    cfg.override("select", ["anonymous,second_hand"], "--select")
    text = cfg.describe()
    assert 'fail-level = "info"' in text and "# --fail-level" in text
    assert 'select = ["anonymous", "second_hand"]' in text
