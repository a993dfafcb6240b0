"""The hostile cases of issue 11 through the CLI, each beside one good article: a documented exit code,
one located line naming the file (and line), and the good article's results always there.

The subprocess timeout is only a guard against a hang, not a speed test (bench/hostile.py times them)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS

GOOD = (SEEDS / "004_46c607ac9c3904df.txt").read_bytes()
HANG_GUARD = 300        # seconds; every case finishes in a few
LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n" for previous, name in zip("abcdefgh", "bcdefghi"))


def scan(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """`audit scan corpus --format json` from `cwd`, run from this checkout's code."""
    return subprocess.run([sys.executable, "-m", "audit.cli", "scan", "corpus", "--no-store", "--format", "json",
                           *args], capture_output=True, text=True, cwd=cwd, timeout=HANG_GUARD,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


@pytest.fixture()
def corpus(tmp_path) -> Path:
    """tmp_path/corpus holding good.txt; tests add their hostile file beside it."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "good.txt").write_bytes(GOOD)
    return tmp_path


def good_results(out: subprocess.CompletedProcess) -> None:
    data = json.loads(out.stdout)
    good = [d["id"] for d in data["documents"] if d["path"] == "corpus/good.txt"]
    assert good and any(c["document"] == good[0] for c in data["claims"])


def located(out: subprocess.CompletedProcess, prefix: str, where: str, what: str) -> str:
    """The one stderr line naming `where`; it says `what` and starts with `prefix` ("skipped", "error"...)."""
    assert "Traceback" not in out.stderr and "internal error" not in out.stderr
    lines = [line for line in out.stderr.splitlines() if where in line]
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith(f"{prefix} {where}") and what in lines[0], lines[0]
    return lines[0]


# --- YAML: anchors and aliases refused where they stand ---------------------------------------------

def test_billion_laughs_in_front_matter_skips_that_file(corpus):
    (corpus / "corpus" / "laughs.md").write_text(f"---\n{LAUGHS}---\nThe minister said so.\n", encoding="utf-8")
    out = scan(corpus)
    assert out.returncode == 2
    located(out, "skipped", "corpus/laughs.md:2:", "anchors and aliases")
    good_results(out)


def test_billion_laughs_in_a_sidecar_skips_its_folder(corpus):
    tips = corpus / "corpus" / "tips"
    tips.mkdir()
    (tips / "metadata.yaml").write_text(LAUGHS, encoding="utf-8")
    (tips / "tip.txt").write_text("The minister said five people died.\n", encoding="utf-8")
    out = scan(corpus)
    assert out.returncode == 2
    located(out, "skipped", "corpus/tips/metadata.yaml:1:", "anchors and aliases")
    good_results(out)


def test_billion_laughs_in_a_rule_file_skips_the_rule_or_fails_strict(corpus):
    (corpus / "rules").mkdir()
    (corpus / "rules" / "laughs.yaml").write_text(LAUGHS, encoding="utf-8")
    out = scan(corpus, "--rules", "rules")
    assert out.returncode == 0
    located(out, "warning:", "rules/laughs.yaml:1:", "anchors and aliases")
    good_results(out)
    strict = scan(corpus, "--rules", "rules", "--strict")
    assert strict.returncode == 3
    located(strict, "error:", "rules/laughs.yaml:1:", "anchors and aliases")


@pytest.mark.parametrize("folder", ["registry", "lexicons"])
def test_billion_laughs_in_a_registry_or_lexicon_file_is_refused(corpus, folder):
    (corpus / "rules" / folder).mkdir(parents=True)
    (corpus / "rules" / folder / "laughs.yaml").write_text(LAUGHS, encoding="utf-8")
    out = scan(corpus, "--rules", "rules", "--strict")
    assert out.returncode == 3
    located(out, "error:", f"rules/{folder}/laughs.yaml:1:", "anchors and aliases")
