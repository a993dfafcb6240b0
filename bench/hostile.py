"""Time and peak memory of each hostile case of issue 11, through the CLI, each beside one good article.

    python bench/hostile.py [CASE ...]        # all cases by default; `--list` names them

Each case runs `audit scan corpus --no-store --format json` in a fresh folder under /usr/bin/time -v
(peak memory is the maximum resident set size of the process), with a 600 s cap. Prints one row per case:
time, peak memory, exit code and the first stderr line (the located error or note).
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOOD = (ROOT / "seeds" / "004_46c607ac9c3904df.txt").read_bytes()
CAP = 600
LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n" for previous, name in zip("abcdefgh", "bcdefghi"))


def _normal_text(size: int) -> str:
    """About `size` characters of real, distinct news text (PolNeAR articles when ../shared has them; the
    seeds otherwise), paragraphs kept, to compare the hostile cases with."""
    folder = ROOT.parent / "shared" / "eval" / "polnear" / "train" / "text"
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else sorted((ROOT / "seeds").glob("*.txt"))
    out, total = [], 0
    for path in files:
        out.append(path.read_text(encoding="utf-8"))
        total += len(out[-1])
        if total >= size:
            break
    return "\n\n".join(out)


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)


def _rule_folder(sub: str) -> Callable[[Path], list[str]]:
    def make(root: Path) -> list[str]:
        _write(root / "rules" / sub / "laughs.yaml", LAUGHS)
        return ["--rules", "rules", "--strict"]
    return make


def _in_corpus(name: str, data: str | bytes) -> Callable[[Path], list[str]]:
    def make(root: Path) -> list[str]:
        _write(root / "corpus" / name, data)
        return []
    return make


def _sidecar(name: str, data: str) -> Callable[[Path], list[str]]:
    """A sidecar in corpus/tips/ beside an article it describes (a sidecar is read for its folder's files)."""
    def make(root: Path) -> list[str]:
        _write(root / "corpus" / "tips" / name, data)
        _write(root / "corpus" / "tips" / "tip.txt", "The minister said five people died.\n")
        return []
    return make


def _symlink_loop(root: Path) -> list[str]:
    (root / "corpus" / "sub").mkdir()
    (root / "corpus" / "sub" / "loop").symlink_to("..")
    return []


def _two_long_sentences(root: Path) -> list[str]:
    """Two articles of one long sentence each, the same few words reordered: a near-copy test that aligned
    their words would be quadratic in their length."""
    words = "the report said people near the city were killed in the war there".split()
    for n in range(2):
        _write(root / "corpus" / f"long{n}.txt", " ".join(words[(i * (n + 3)) % len(words)] for i in range(3000)) + ".\n")
    return []


CASES: dict[str, Callable[[Path], list[str]]] = {
    "laughs-front-matter": _in_corpus("laughs.md", f"---\n{LAUGHS}---\nThe minister said so.\n"),
    "laughs-sidecar": _sidecar("metadata.yaml", LAUGHS),
    "laughs-rule-file": _rule_folder(""),
    "laughs-registry": _rule_folder("registry"),
    "laughs-lexicon": _rule_folder("lexicons"),
    "200k-cue-words": _in_corpus("cues.txt", "The minister said. " + " ".join(["said"] * 200_000) + ".\n"),
    "100k-dots": _in_corpus("dots.txt", "The minister said five people died.\n" + "." * 100_000 + "\n"),
    "20k-incident-figures": _in_corpus("blasts.txt", "Officials said " + ", ".join(
        f"a blast at a hospital killed {i} people" for i in range(1, 20_001)) + ".\n"),
    "20k-named-incident-figures": _in_corpus("named.txt", "Officials said " + ", ".join(
        f"a blast at Al-Ahli Hospital killed {i} people" for i in range(1, 20_001)) + ".\n"),
    "normal-1MB-article": _in_corpus("normal.txt", _normal_text(2**20)),
    "50MB-single-line": _in_corpus("huge.txt", b"The minister said so. " * (50 * 2**20 // 22)),
    "deep-json": _in_corpus("feed.jsonl", '{"text": "x", "a": ' + "[" * 100_000 + "]" * 100_000 + "}\n"),
    "5000-digit-int-json": _in_corpus("feed.jsonl", '{"text": "The minister said so.", "n": ' + "9" * 5000 + "}\n"),
    "csv-field-200KiB": _sidecar("metadata.csv", "file,title\ntip.txt," + "x" * 200_000 + "\n"),
    "lone-surrogate-json": _in_corpus("feed.jsonl", '{"text": "The minister said \\ud800 so."}\n'),
    "nul-after-8KB": _in_corpus("nul.txt", b"The minister said so.\n" + b"x" * 9000 + b"\nHe said \x00 so.\n"),
    "symlink-loop": _symlink_loop,
    "two-long-near-copies": _two_long_sentences,
}


def run(name: str) -> tuple[float, float, int, str]:
    """(seconds, peak MiB, exit code, first stderr line) of one case."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        _write(root / "corpus" / "good.txt", GOOD)
        args = CASES[name](root)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        command = ["/usr/bin/time", "-v", sys.executable, "-m", "audit.cli", "scan", "corpus", "--no-store",
                   "--format", "json", *args]
        started = time.perf_counter()
        try:
            out = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=CAP)
        except subprocess.TimeoutExpired:
            return CAP, float("nan"), -1, f"killed after {CAP} s"
        seconds = time.perf_counter() - started
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", out.stderr)
    lines = [line for line in out.stderr.splitlines() if line and not line.startswith("\t")
             and not line.startswith("Command ")]
    return seconds, int(peak.group(1)) / 1024 if peak else float("nan"), out.returncode, (lines or [""])[0]


def main(names: list[str]) -> None:
    if names == ["--list"]:
        print("\n".join(CASES))
        return
    print(f"{'case':<22} {'time':>8} {'peak':>9} {'exit':>4}  first stderr line")
    for name in names or CASES:
        seconds, peak, code, line = run(name)
        print(f"{name:<22} {seconds:7.1f}s {peak:7.0f}MiB {code:>4}  {line[:110]}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
