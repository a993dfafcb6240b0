"""The composite GitHub Action (action.yml): its audit step run as GitHub runs it (bash -eo pipefail)
with a stand-in `audit`, for how paths reach the command and what the step outputs."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
# Records its arguments (NUL-separated), writes a JSON result where --output json=PATH says, exits 1.
FAKE_AUDIT = """#!/usr/bin/env bash
printf '%s\\0' "$@" > "$AUDIT_ARGS"
for arg in "$@"; do
  case "$arg" in json=*) cat > "${arg#json=}" <<'JSON'
{"claims": [{"findings": [{"suppressed": false}, {"suppressed": true}]}, {"findings": [{"suppressed": false}]}]}
JSON
  esac
done
exit 1
"""


def run_step(tmp_path: Path, **inputs: str) -> tuple[int, list[str], dict[str, str]]:
    """(exit code, audit's arguments, the step's outputs)."""
    step = next(s for s in ACTION["runs"]["steps"] if s.get("id") == "audit")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "audit").write_text(FAKE_AUDIT)
    (bin_dir / "audit").chmod(0o755)
    (bin_dir / "python").symlink_to(sys.executable)
    outputs = tmp_path / "outputs"
    outputs.write_text("")
    env = {"PATH": f"{bin_dir}{os.pathsep}/usr/bin:/bin", "GITHUB_OUTPUT": str(outputs), "RUNNER_TEMP": str(tmp_path),
           "AUDIT_ARGS": str(tmp_path / "args"), **{k: "" for k in step["env"]},
           **{f"INPUT_{k.upper()}": v for k, v in inputs.items()}}
    done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], env=env,
                          capture_output=True, text=True, timeout=60)
    args = (tmp_path / "args").read_text().split("\0")[:-1]
    return done.returncode, args, dict(line.split("=", 1) for line in outputs.read_text().splitlines())


pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="the Action's steps run in bash")


def test_paths_one_per_line_may_hold_spaces(tmp_path):
    code, args, outputs = run_step(tmp_path, paths="my articles/a b.md\n  drafts/*.md  \n\n", args="--rules house rules2")
    assert code == 1
    assert args[args.index("--") + 1:] == ["my articles/a b.md", "drafts/*.md"]
    assert args[:args.index("--")][-3:] == ["--rules", "house", "rules2"]
    assert outputs == {"exit-code": "1", "findings": "2", "json": str(tmp_path / "provenance-audit.json"), "sarif": ""}


def test_paths_on_one_line_are_split_at_spaces_and_options_pass_through(tmp_path):
    code, args, outputs = run_step(tmp_path, paths="a.md news/", fail_level="warning", sarif="out dir/a.sarif")
    assert args[args.index("--") + 1:] == ["a.md", "news/"]
    assert args[0] == "check" and "--fail-level" in args and "sarif=out dir/a.sarif" in args
    assert "--no-strict" not in args                      # an invalid rule fails the step (exit 3)
    assert outputs["sarif"] == "out dir/a.sarif" and outputs["exit-code"] == "1"


def test_the_action_declares_its_outputs():
    assert set(ACTION["outputs"]) == {"exit-code", "findings", "json", "sarif"}
    for name, output in ACTION["outputs"].items():
        assert output["value"] == f"${{{{ steps.audit.outputs.{name} }}}}" and output["description"]
