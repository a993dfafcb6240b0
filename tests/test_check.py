"""`audit check` in CI: exit codes, JUnit, GitHub annotations and job summary, pre-commit in a git
repository, and the analysis cache that keeps re-runs on changed files cheap."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import run_cli as run

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CLEAN = "The International Committee of the Red Cross said on Monday that its teams had reached the hospital.\n"
WARNING = "A senior official said the talks had stalled.\n"      # anonymous_source (warning) and infos




@pytest.fixture(autouse=True)
def _here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- exit codes ------------------------------------------------------------------------------------

def test_clean_text_exits_0(capsys, tmp_path):
    write(tmp_path / "a.txt", CLEAN)
    code, _, err = run(capsys, "check", "a.txt", "--no-store", "--isolated", "--fail-level", "info")
    assert code == 0, err
    assert "audit check passed" in err


def test_fail_level_decides(capsys, tmp_path):
    write(tmp_path / "a.txt", WARNING)
    code, _, err = run(capsys, "check", "a.txt", "--no-store", "--isolated")          # default: error
    passed = err.strip().splitlines()[-1]
    assert code == 0 and passed.endswith(" warning finding(s); --fail-level warning fails on them)")
    code, _, err = run(capsys, "check", "a.txt", "--no-store", "--isolated", "--fail-level", "warning")
    assert code == 1 and "fails on them" not in err
    code, _, err = run(capsys, "check", "a.txt", "--no-store", "--isolated", "--fail-level", "warning")
    assert code == 1 and "at or above warning" in err
    assert run(capsys, "check", "a.txt", "--no-store", "--isolated", "--fail-level", "warning",
               "--exit-zero")[0] == 0


def test_an_unknown_fail_level_is_one_plain_usage_error(capsys, tmp_path):
    write(tmp_path / "a.txt", WARNING)
    code, _, err = run(capsys, "check", "a.txt", "--no-store", "--isolated", "--fail-level", "bogus")
    assert code == 2 and "'bogus' is not one of info, warning, error." in err and "Value error" not in err
    assert run(capsys, "check", "a.txt", "--no-store", "--isolated", "--fail-level", "WARNING")[0] == 1


def test_fail_under_fails_on_a_low_score(capsys, tmp_path):
    write(tmp_path / "a.txt", WARNING)
    code, _, err = run(capsys, "check", "a.txt", "--no-store", "--isolated", "--fail-under", "95")
    assert code == 1 and "scoring under 95" in err
    assert run(capsys, "check", "a.txt", "--no-store", "--isolated", "--fail-under", "10")[0] == 0


def test_the_configuration_sets_the_level_and_flags_override_it(capsys, tmp_path):
    write(tmp_path / "a.txt", WARNING)
    write(tmp_path / "audit.toml", 'fail-level = "warning"\n')
    assert run(capsys, "check", "a.txt", "--no-store")[0] == 1
    assert run(capsys, "check", "a.txt", "--no-store", "--fail-level", "error")[0] == 0
    write(tmp_path / "audit.toml", 'fail-level = "fatal"\n')
    code, _, err = run(capsys, "check", "a.txt", "--no-store")
    assert code == 3 and err.startswith("error: audit.toml:1: 'fail-level' must be one of")


def test_unreadable_files_are_reported_and_exit_2_after_the_others_are_audited(capsys, tmp_path):
    write(tmp_path / "a.txt", WARNING)
    write(tmp_path / "empty.md", "")
    code, out, err = run(capsys, "check", ".", "--no-store", "--isolated", "--fail-level", "warning",
                         "--output", "sarif=a.sarif")
    assert code == 2
    assert "skipped empty.md: empty file" in err and "1 file(s) could not be audited" in err
    assert "a.txt:1:1: warning [anonymous_source]" in out and (tmp_path / "a.sarif").is_file()
    write(tmp_path / "feed.jsonl", '{not json\n{"text": "A source said so."}\n{nor this\n')   # 2 bad records
    code, _, err = run(capsys, "check", ".", "--no-store", "--isolated")
    assert code == 2 and "3 input(s) in 2 file(s) could not be audited" in err


# -- JUnit ---------------------------------------------------------------------------------------

def test_junit_has_a_case_per_claim_and_failures_for_findings(capsys, tmp_path):
    write(tmp_path / "a.txt", CLEAN + "\n" + WARNING)
    code, out, _ = run(capsys, "check", "a.txt", "--no-store", "--isolated", "--fail-level", "warning",
                       "--format", "junit")
    assert code == 1
    root = ET.fromstring(out)
    cases = root.findall(".//testcase")
    assert len(cases) == 2 and root.get("tests") == "2" and root.get("failures") == "1"
    failure = cases[1].find("failure")
    assert failure is not None and "anonymous_source" in failure.text and "a.txt:3:1" in failure.text
    assert cases[1].find("system-out") is not None        # the info findings, below the level


# -- GitHub --------------------------------------------------------------------------------------

def test_github_annotations_rank_and_cap_per_level(seed_result, monkeypatch):
    from audit.render.formats import RenderOptions
    from audit.render.github import PER_LEVEL, render_github

    monkeypatch.chdir(ROOT)                     # the session's seed audit has paths relative to the checkout

    lines = render_github(seed_result, RenderOptions(root=ROOT)).splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    levels = [line[2:line.index(" ")] for line in annotations]
    assert levels == sorted(levels, key=["error", "warning", "notice"].index)     # most severe first
    assert all(levels.count(level) <= PER_LEVEL for level in set(levels))
    assert levels.count("warning") == PER_LEVEL                                    # the seeds have more
    assert "not shown as annotations" in lines[-1]
    first = annotations[0]
    assert first.startswith("::warning file=seeds/") and ",line=" in first and ",col=" in first
    assert ",title=" in first and "::" in first[2:]


def test_github_escapes_workflow_command_data():
    from audit.render.github import _data, _prop

    assert _data("50% of\nthem") == "50%25 of%0Athem"
    assert _prop("a:b,c") == "a%3Ab%2Cc"


def test_step_summary_gets_the_report_cut_under_the_limit(capsys, tmp_path, monkeypatch, seed_result):
    from audit.render.github import TRUNCATED, step_summary

    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = run(capsys, "check", str(SEEDS), "--no-store", "--isolated", "--format", "github")
    assert code == 0 and out.startswith("::")
    assert "# Sourcing and provenance audit" in summary.read_text()
    assert not summary.read_text().startswith("---") and "rules_hash:" not in summary.read_text()
    cut = step_summary(seed_result, limit=20_000)
    assert len(cut.encode()) <= 20_000 and cut.endswith(TRUNCATED)
    assert sum(line.startswith("```") for line in cut.splitlines()) % 2 == 0       # no code block left open


# -- pre-commit, in a git repository ---------------------------------------------------------------

def _git_repo(path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    return path


def _audit(args: list[str], cwd: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "audit.cli", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "CI": "true", **env}, timeout=300)


def test_pre_commit_entry_with_file_names(tmp_path):
    import yaml

    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())[0]
    assert hook["id"] == "audit-check" and hook["entry"] == "audit check"
    repo = _git_repo(tmp_path / "repo")
    write(repo / "articles/clean.md", "# Talks\n\n" + CLEAN)
    write(repo / "articles/weak.txt", WARNING)
    write(repo / "pyproject.toml", '[tool.audit]\nfail-level = "warning"\n')
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    # pre-commit runs `entry` + `args` + the staged file names, from the repository root
    entry = hook["entry"].split()[1:]
    ok = _audit([*entry, "articles/clean.md"], repo)
    assert ok.returncode == 0, ok.stderr
    failing = _audit([*entry, "articles/clean.md", "articles/weak.txt"], repo)
    assert failing.returncode == 1
    assert "articles/weak.txt:1:1: warning [anonymous_source]" in failing.stdout
    assert (repo / ".audit/audit.db").is_file()                          # the analysis cache


def test_annotations_use_repository_relative_paths_from_a_subfolder(tmp_path):
    repo = _git_repo(tmp_path / "repo")
    write(repo / "news/weak.txt", WARNING)
    summary = tmp_path / "summary.md"
    done = _audit(["check", "weak.txt", "--no-store", "--format", "github", "--fail-level", "warning"],
                  repo / "news", GITHUB_STEP_SUMMARY=str(summary))
    assert done.returncode == 1
    assert done.stdout.startswith("::warning file=news/weak.txt,line=1,endLine=1,col=1,")
    assert summary.read_text().startswith("---") or "Sourcing and provenance audit" in summary.read_text()


# -- speed on changed files ------------------------------------------------------------------------

def test_a_re_run_reaudits_only_the_changed_file(capsys, tmp_path):
    for i, name in enumerate(sorted(SEEDS.glob("*.txt"))):
        shutil.copy(name, tmp_path / f"a{i}.txt")
    db = f"sqlite:///{tmp_path / 'cache.db'}"
    run(capsys, "check", ".", "--db", db, "--isolated")
    (tmp_path / "a0.txt").write_text((tmp_path / "a0.txt").read_text() + "\nThe army said 3 soldiers died.\n")
    code, out, _ = run(capsys, "check", ".", "--db", db, "--isolated", "--format", "json")
    run_info = json.loads(out)["run"]
    assert run_info["reused"] == len(run_info["inputs"]) - 1


def test_checking_one_file_after_another_checks_each_against_the_folders_run(capsys, tmp_path):
    """`audit check FILE` corroborates FILE against the stored run of its folder; one file checked after
    another is checked against that run and the other file, not against the other file alone (which
    would leave it with fewer links), and names the run it was checked against."""
    for i, name in enumerate(sorted(SEEDS.glob("*.txt"))):
        shutil.copy(name, tmp_path / f"a{i}.txt")
    db = ("--db", f"sqlite:///{tmp_path / 'audit.db'}", "--isolated", "--format", "json")

    def checked(path: str) -> dict:
        code, out, err = run(capsys, "check", path, *db, "--exit-zero")
        assert code == 0, err
        return json.loads(out)

    def links(result: dict) -> list:
        return [(c["id"], c["corroboration"]) for c in result["claims"]]
    folder = checked(".")
    first = checked("a2.txt")
    assert first["run"]["context_run"] == folder["run"]["id"] and any(c[1]["links"] for c in links(first))
    other = checked("a1.txt")
    assert other["run"]["context_run"] == folder["run"]["id"]           # one step back, never a chain
    for _ in range(3):
        again = checked("a2.txt")
        assert again["run"]["context_run"] == folder["run"]["id"] and links(again) == links(first)
    assert checked(".")["run"]["context_run"] is None
    again = checked("a2.txt")                  # not the old run of a2 alone, which no stored article joined
    assert again["run"]["context_run"] is not None and links(again) == links(first)


def test_a_file_checked_alone_before_its_folder_is_not_taken_whole_once_the_folder_is_stored(capsys, tmp_path):
    """`check a2` on an empty store, then the folder, then `check a2` twice: each later check of a2 is
    corroborated with the folder, not taken whole from the first run of a2 alone."""
    for i, name in enumerate(sorted(SEEDS.glob("*.txt"))):
        shutil.copy(name, tmp_path / f"a{i}.txt")
    db = ("--db", f"sqlite:///{tmp_path / 'audit.db'}", "--isolated", "--format", "json", "--exit-zero")
    links = []
    for target in ("a2.txt", ".", "a2.txt", "a2.txt", "a2.txt"):
        code, out, err = run(capsys, "check", target, *db)
        assert code == 0, err
        result = json.loads(out)
        links.append(sum(len(c["corroboration"]["links"]) for c in result["claims"]
                         if c["document"] == next(d["id"] for d in result["documents"] if d["path"] == "a2.txt")))
    assert links[0] == 0 and links[2] == links[3] == links[4] > 0


def test_keep_runs_keeps_the_run_files_were_checked_against_and_no_corroborate_joins_nothing(capsys, tmp_path):
    """With `keep-runs = 2`, checking one file again and again keeps the folder's run it is checked against,
    so its corroboration does not fade; --no-corroborate joins no stored article and says none joined."""
    for i, name in enumerate(sorted(SEEDS.glob("*.txt"))):
        shutil.copy(name, tmp_path / f"a{i}.txt")
    (tmp_path / "audit.toml").write_text("keep-runs = 2\n", encoding="utf-8")
    db = ("--db", f"sqlite:///{tmp_path / 'audit.db'}", "--format", "json", "--exit-zero")
    assert run(capsys, "check", ".", *db)[0] == 0
    counts = []
    for _ in range(4):
        code, out, err = run(capsys, "check", "a2.txt", *db)
        counts.append(sum(len(c["corroboration"]["links"]) for c in json.loads(out)["claims"]))
    assert counts[0] > 0 and len(set(counts)) == 1, counts
    code, out, err = run(capsys, "check", "a2.txt", *db, "--no-corroborate")
    assert code == 0 and json.loads(out)["run"]["context_run"] is None and "corroborated with" not in err



def test_a_shared_store_joins_the_same_articles_from_another_working_folder(capsys, tmp_path, monkeypatch):
    """Stored paths are read from the folder the run that stored them worked in: checking a file from
    inside its folder joins the folder's articles audited from the folder above, and not the file's own
    stored copy."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for i, name in enumerate(sorted(SEEDS.glob("*.txt"))):
        shutil.copy(name, folder / f"a{i}.txt")
    db = ("--db", f"sqlite:///{tmp_path / 'shared.db'}", "--isolated", "--format", "json", "--exit-zero")
    assert run(capsys, "check", "articles", *db)[0] == 0
    code, out, err = run(capsys, "check", "articles/a2.txt", *db)
    above = json.loads(out)
    monkeypatch.chdir(folder)
    code, out, err = run(capsys, "check", "a2.txt", *db)
    inside = json.loads(out)
    assert code == 0 and "corroborated with the claims of 4 earlier articles" in err

    def links(result: dict) -> list:
        return sorted((c["text"], sorted(k["relation"] for k in c["corroboration"]["links"])) for c in result["claims"])
    assert links(inside) == links(above) and any(relations for _, relations in links(inside))
