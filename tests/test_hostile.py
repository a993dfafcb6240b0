"""The hostile cases of issue 11 through the CLI, each beside one good article: a documented exit code,
one located line naming the file (and line), and the good article's results always there.

The subprocess timeout is only a guard against a hang, not a speed test (bench/hostile.py times them)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from conftest import ROOT, SEEDS, run_cli

GOOD = (SEEDS / "004_46c607ac9c3904df.txt").read_bytes()
HANG_GUARD = 300        # seconds; every case finishes in a few
LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n" for previous, name in zip("abcdefgh", "bcdefghi"))


class Run(NamedTuple):
    returncode: int
    stdout: str
    stderr: str


SCAN = ("scan", "corpus", "--no-store", "--format", "json")


def scan(cwd: Path, *args: str) -> Run:
    """`audit scan corpus --format json` from `cwd` in a subprocess (for cases that hung), from this checkout."""
    out = subprocess.run([sys.executable, "-m", "audit.cli", *SCAN, *args], capture_output=True, text=True,
                         cwd=cwd, timeout=HANG_GUARD, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    return Run(out.returncode, out.stdout, out.stderr)


def scan_here(cwd: Path, capsys, monkeypatch, *args: str) -> Run:
    """The same scan in this process."""
    monkeypatch.chdir(cwd)
    return Run(*run_cli(capsys, *SCAN, *args))


@pytest.fixture()
def corpus(tmp_path) -> Path:
    """tmp_path/corpus holding good.txt; tests add their hostile file beside it."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "good.txt").write_bytes(GOOD)
    return tmp_path


def good_results(out: Run) -> dict:
    """The JSON output, asserting that good.txt was audited once, with claims."""
    data = json.loads(out.stdout)
    good = [d["id"] for d in data["documents"] if d["path"] == "corpus/good.txt"]
    assert len(good) == 1 and any(c["document"] == good[0] for c in data["claims"])
    return data


def located(out: Run, start: str, what: str) -> str:
    """The one stderr line starting with `start` ("skipped FILE:LINE:", "FILE: warning:"); it says `what`."""
    assert "Traceback" not in out.stderr and "internal error" not in out.stderr
    lines = [line for line in out.stderr.splitlines() if line.startswith(start)]
    assert len(lines) == 1 and what in lines[0], out.stderr
    return lines[0]


# --- YAML: anchors and aliases refused where they stand ---------------------------------------------

def test_billion_laughs_in_front_matter_skips_that_file(corpus):
    (corpus / "corpus" / "laughs.md").write_text(f"---\n{LAUGHS}---\nThe minister said so.\n", encoding="utf-8")
    out = scan(corpus)
    assert out.returncode == 2
    located(out, "skipped corpus/laughs.md:2:", "anchors and aliases")
    good_results(out)


def test_billion_laughs_in_a_sidecar_skips_its_folder(corpus):
    tips = corpus / "corpus" / "tips"
    tips.mkdir()
    (tips / "metadata.yaml").write_text(LAUGHS, encoding="utf-8")
    (tips / "tip.txt").write_text("The minister said five people died.\n", encoding="utf-8")
    out = scan(corpus)
    assert out.returncode == 2
    located(out, "skipped corpus/tips/metadata.yaml:1:", "anchors and aliases")
    good_results(out)


def test_billion_laughs_in_a_rule_file_skips_the_rule_or_fails_strict(corpus):
    (corpus / "rules").mkdir()
    (corpus / "rules" / "laughs.yaml").write_text(LAUGHS, encoding="utf-8")
    out = scan(corpus, "--rules", "rules")
    assert out.returncode == 0
    located(out, "warning: rules/laughs.yaml:1:", "anchors and aliases")
    good_results(out)
    strict = scan(corpus, "--rules", "rules", "--strict")
    assert strict.returncode == 3
    located(strict, "error: rules/laughs.yaml:1:", "anchors and aliases")


@pytest.mark.parametrize("folder", ["registry", "lexicons"])
def test_billion_laughs_in_a_registry_or_lexicon_file_is_refused(corpus, folder):
    (corpus / "rules" / folder).mkdir(parents=True)
    (corpus / "rules" / folder / "laughs.yaml").write_text(LAUGHS, encoding="utf-8")
    out = scan(corpus, "--rules", "rules", "--strict")
    assert out.returncode == 3
    located(out, f"error: rules/{folder}/laughs.yaml:1:", "anchors and aliases")


# --- long runs: linear in the sentence ----------------------------------------------------------------

@pytest.mark.parametrize("name, text", [
    pytest.param("cues.txt", "The minister said. " + " ".join(["said"] * 200_000) + ".\n", id="200k-cue-words"),
    ("dots.txt", "The minister said five people died.\n" + "." * 100_000 + "\n"),
    pytest.param("figures.txt", "Officials said " + ", ".join(f"{i} people were killed in Gaza" for i in range(5000))
                 + ".\n", id="5000-figures-in-a-sentence"),
    pytest.param("quotes.txt", "The minister said " + " ".join(f'"we will win {i}," said the man' for i in range(5000))
                 + ".\n", id="5000-quotations-in-a-sentence"),
    pytest.param("according.txt", "Five died, " + ", ".join(["according to officials"] * 5000) + ".\n",
                 id="5000-sources-in-a-sentence"),
])
def test_long_runs_of_cue_words_or_dots_are_audited(corpus, name, text):
    (corpus / "corpus" / name).write_text(text, encoding="utf-8")
    out = scan(corpus)
    assert out.returncode == 0, out.stderr
    assert f"corpus/{name}" in {d["path"] for d in good_results(out)["documents"]}


# --- limits -----------------------------------------------------------------------------------------

def test_a_50_mb_single_line_article_is_refused_at_the_document_limit(corpus):
    (corpus / "corpus" / "huge.txt").write_bytes(b"The minister said so. " * (50 * 2**20 // 22))
    out = scan(corpus)
    assert out.returncode == 2
    located(out, "skipped corpus/huge.txt:1:", "over the limit of 5,000,000 ([limits] document-chars)")
    good_results(out)


def test_a_line_over_the_line_limit_is_refused_at_its_line(corpus, capsys, monkeypatch):
    (corpus / "corpus" / "long.txt").write_text("The minister said so.\n" + "word " * 500_000, encoding="utf-8")
    out = scan_here(corpus, capsys, monkeypatch)
    assert out.returncode == 2
    located(out, "skipped corpus/long.txt:2:", "([limits] line-chars)")
    good_results(out)


def test_limits_come_from_the_configuration(corpus, capsys, monkeypatch):
    (corpus / "audit.toml").write_text("[limits]\nfile-mb = 0.001\n", encoding="utf-8")
    (corpus / "corpus" / "small.txt").write_text("The minister said so.\n" * 20, encoding="utf-8")
    out = scan_here(corpus, capsys, monkeypatch)
    assert out.returncode == 2
    located(out, "skipped corpus/good.txt:", "over the limit of 0.001 MB ([limits] file-mb)")
    assert "corpus/small.txt" in {d["path"] for d in json.loads(out.stdout)["documents"]}


def test_a_document_over_the_time_limit_is_skipped_at_the_line_reached(corpus, capsys, monkeypatch):
    from audit.limits import Deadline, Limits

    class RunsOutAtLine3(Deadline):
        def check(self, offset: int = 0) -> None:
            if self.doc.path.endswith("slow.txt") and self.doc.position(offset)[0] >= 3:
                self.end = float("-inf")
            super().check(offset)

    monkeypatch.setattr(Limits, "deadline", lambda limits, doc: RunsOutAtLine3(doc, limits.seconds))
    (corpus / "corpus" / "slow.txt").write_text("Headline\n\nThe minister said so.\nOthers said not.\n",
                                                 encoding="utf-8")
    out = scan_here(corpus, capsys, monkeypatch)
    assert out.returncode == 2
    located(out, "skipped corpus/slow.txt:3:", "analysis stopped after 30 s, the limit per article")
    good_results(out)


# --- JSON Lines -------------------------------------------------------------------------------------

def test_json_nested_past_the_recursion_limit_skips_that_record(corpus, capsys, monkeypatch):
    (corpus / "corpus" / "feed.jsonl").write_text(
        '{"text": "The minister said five people died."}\n'
        '{"text": "x", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}\n", encoding="utf-8")
    out = scan_here(corpus, capsys, monkeypatch)
    assert out.returncode == 2
    located(out, "skipped corpus/feed.jsonl:2:", "JSON nested too deeply")
    assert "feed-1" in {d["id"] for d in good_results(out)["documents"]}


def test_integers_longer_than_python_converts_are_read_as_text(corpus, capsys, monkeypatch):
    (corpus / "corpus" / "feed.jsonl").write_text(
        '{"id": ' + "9" * 5000 + ', "text": "The minister said five people died.", "views": ' + "1" * 5000 + "}\n",
        encoding="utf-8")
    out = scan_here(corpus, capsys, monkeypatch)
    assert out.returncode == 0, out.stderr
    assert "9" * 5000 in {d["id"] for d in good_results(out)["documents"]}


def test_integers_longer_than_python_converts_in_article_text_are_audited(corpus, capsys, monkeypatch):
    (corpus / "corpus" / "long-number.txt").write_text(
        f"The minister said {'9' * 5000} people died.\nOfficials said {'1,' * 3000}1 people fled.\n", encoding="utf-8")
    out = scan_here(corpus, capsys, monkeypatch)
    assert out.returncode == 0, out.stderr
    assert "corpus/long-number.txt" in {d["path"] for d in good_results(out)["documents"]}


# --- valid Unicode at ingest --------------------------------------------------------------------------

def test_lone_surrogates_and_nul_are_replaced_and_noted_once_per_file(corpus, capsys, monkeypatch):
    (corpus / "corpus" / "feed.jsonl").write_text(
        '{"text": "The minister said \\ud800 five people died.", "title": "A \\udfff title"}\n'
        '{"text": "Officials said \\u0000 three died."}\n', encoding="utf-8")
    (corpus / "corpus" / "nul.txt").write_bytes(b"The minister said so.\n" + b"x" * 9000 + b"\nHe said \x00 so.\n")
    monkeypatch.chdir(corpus)
    out = Run(*run_cli(capsys, "scan", "corpus", "--db", "sqlite:///s.db", "--format", "json"))    # saved too
    assert out.returncode == 0, out.stderr
    feed = located(out, "corpus/feed.jsonl: warning:", "U+FFFD")
    assert "metadata, text" in feed
    located(out, "corpus/nul.txt: warning:", "U+FFFD in the text")
    data = good_results(out)
    texts = "".join(c["text"] for c in data["claims"])
    assert "\ufffd five people" in texts and "\ufffd three" in texts and "\x00" not in texts
    assert {n["path"] for n in data["notices"] if "U+FFFD" in n["message"]} == {"corpus/feed.jsonl", "corpus/nul.txt"}


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_is_shown_with_a_replacement_character(corpus, capsys, monkeypatch):
    (corpus / "corpus").joinpath(os.fsdecode(b"bad\xffname.txt")).write_text("The minister said so.\n")
    out = scan_here(corpus, capsys, monkeypatch)
    assert out.returncode == 0, out.stderr
    located(out, "corpus/bad\ufffdname.txt: warning:", "U+FFFD in the file name, id")
    assert "corpus/bad\ufffdname.txt" in {d["path"] for d in good_results(out)["documents"]}


# --- sidecars, HTML, folders ------------------------------------------------------------------------------

def test_a_csv_sidecar_field_over_128_kib_is_a_located_error(corpus, capsys, monkeypatch):
    tips = corpus / "corpus" / "tips"
    tips.mkdir()
    (tips / "metadata.csv").write_text("file,title\ntip.txt," + "x" * 200_000 + "\n", encoding="utf-8")
    (tips / "tip.txt").write_text("The minister said five people died.\n", encoding="utf-8")
    out = scan_here(corpus, capsys, monkeypatch)
    assert out.returncode == 2
    located(out, "skipped corpus/tips/metadata.csv:2:", "unreadable CSV: field larger than field limit")
    good_results(out)


def test_an_exception_inside_the_html_parser_is_could_not_parse(corpus, capsys, monkeypatch):
    import trafilatura

    def fails(*args, **kwargs):
        raise AssertionError("unexpected\nstate")
    monkeypatch.setattr(trafilatura, "bare_extraction", fails)  # the malformed markup of the issue, in effect
    (corpus / "corpus" / "page.html").write_text("<html><body><p>The minister said so.</p>", encoding="utf-8")
    out = scan_here(corpus, capsys, monkeypatch)
    assert out.returncode == 2
    located(out, "skipped corpus/page.html:", "could not parse HTML (AssertionError: unexpected state)")
    good_results(out)


def test_symbolic_link_loops_read_each_real_file_once_and_dangling_links_are_skipped(corpus, capsys, monkeypatch):
    (corpus / "corpus" / "sub").mkdir()
    (corpus / "corpus" / "sub" / "loop").symlink_to("..")
    (corpus / "corpus" / "again.txt").symlink_to("good.txt")
    (corpus / "corpus" / "gone.txt").symlink_to("nowhere.txt")
    (corpus / "corpus" / "self.txt").symlink_to("self.txt")
    out = scan_here(corpus, capsys, monkeypatch)
    assert out.returncode == 2
    located(out, "corpus/sub/loop: warning:", "folder already read")
    assert {"path": "corpus/sub/loop", "line": None, "message": "symbolic link to a folder already read: not read again"} \
        in good_results(out)["notices"]
    located(out, "skipped corpus/gone.txt:", "broken or looping symbolic link")
    located(out, "skipped corpus/self.txt:", "broken or looping symbolic link")
    assert [d["path"] for d in good_results(out)["documents"]] == ["corpus/good.txt"]
