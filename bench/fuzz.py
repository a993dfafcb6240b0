"""Fuzz the tool with hostile input (issue 11), with the strategies of tests/strategies.py and a fixed seed.

    python bench/fuzz.py --seed 1 --count 10000 [--minutes 10] [--hang 10] [--cli-every 100] [--out fuzz-out]

Each input is a hostile folder (article text, front matter, sidecars, JSON Lines, odd file names, now and
then a rule folder) audited in process beside a good article, into an in-memory store; one input in
`--cli-every` also goes through the CLI into an SQLite file. Prints how many inputs met an internal error
(an exception that escaped, or a located "internal error" entry), a hang (over `--hang` seconds) or lost
the good article's results (from the output or the store), with the kinds of internal error; each
offending input is saved under `--out/<seed>-<n>/` (the folders as audited, and `problems.txt`).
Stops after `--count` inputs or `--minutes`, whichever comes first, and says how many ran.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fuzzing import Outcome, audit_corpus, good_claims
from strategies import Corpus, corpora

from audit.store import Store

_KIND = re.compile(r"internal error while ([\w ]+?): (\w+)|^(?:loading rules: )?(\w+(?:Error|Exception)\w*)")


class Hang(BaseException):
    """Raised by the alarm in the middle of an input that takes too long (not an Exception: the tool's
    guards must not catch it)."""


class OutOfTime(BaseException):
    """Stops the generation when the time budget is spent."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--minutes", type=float, default=10.0, help="time budget (default 10)")
    parser.add_argument("--hang", type=float, default=10.0, help="seconds an input may take (default 10)")
    parser.add_argument("--cli-every", type=int, default=100, help="one input in N also through the CLI")
    parser.add_argument("--out", type=Path, default=Path("fuzz-out"), help="where offending inputs go")
    args = parser.parse_args()
    tally = Tally(args)
    good_claims()                                   # warm up: the default auditor and the expected claims
    tally.started = time.monotonic()
    try:
        fuzz(args, tally)
    except OutOfTime:
        pass
    tally.report()


def fuzz(args: argparse.Namespace, tally: Tally) -> None:
    @seed(args.seed)
    @settings(max_examples=args.count, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(corpora())
    def one(corpus: Corpus) -> None:
        if time.monotonic() - tally.started > args.minutes * 60:
            raise OutOfTime
        tally.add(corpus)

    one()


class Tally:
    """Counts of inputs and of the problems they met; saves the offending inputs."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.counts: Counter[str] = Counter()
        self.kinds: Counter[str] = Counter()
        self.started = 0.0

    def add(self, corpus: Corpus) -> None:
        n = self.counts["inputs"]
        self.counts["inputs"] += 1
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            outcome = run_bounded(corpus, root / "in", self.args.hang)
            if self.args.cli_every and n % self.args.cli_every == 0:
                self.counts["through the CLI"] += 1
                through_cli(root, corpus, self.args.hang, outcome)
            hung = outcome.seconds > self.args.hang
            for what, met in (("internal errors", outcome.crashes or outcome.internal_errors), ("hangs", hung),
                              ("lost good results", outcome.lost)):
                self.counts[what] += bool(met)
            self.kinds.update({kind_of(p) for p in outcome.crashes + outcome.internal_errors})
            if outcome.problems or hung:
                self.save(n, root, outcome)

    def save(self, n: int, root: Path, outcome: Outcome) -> None:
        target = self.args.out / f"{self.args.seed}-{n}"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(root / "in", target, symlinks=True)
        rules = " --rules rules" if (target / "rules").exists() else ""
        lines = [f"{outcome.seconds:.1f} s", *outcome.crashes, *outcome.internal_errors, *outcome.lost,
                 f"reproduce: audit scan hostile good --no-store{rules}"]
        (target / "problems.txt").write_text("\n".join(lines) + "\n", encoding="utf-8", errors="backslashreplace")

    def report(self) -> None:
        c = self.counts
        minutes = (time.monotonic() - self.started) / 60
        print(f"seed {self.args.seed}: {c['inputs']} inputs in {minutes:.1f} min "
              f"({c['through the CLI']} also through the CLI)")
        for what in ("internal errors", "hangs", "lost good results"):
            print(f"  {what}: {c[what]}")
        for kind, count in self.kinds.most_common():
            print(f"    {count:5}  {kind}")
        if c["internal errors"] or c["hangs"] or c["lost good results"]:
            print(f"  offending inputs: {self.args.out}/{self.args.seed}-*/ (problems.txt in each)")


def run_bounded(corpus: Corpus, root: Path, hang: float) -> Outcome:
    """audit_corpus, interrupted after 3 × `hang` seconds (a hang inside C code runs on to its end)."""
    def interrupt(*_):
        raise Hang

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 3 * hang)
    started = time.perf_counter()
    try:
        return audit_corpus(corpus, root)
    except Hang:
        return Outcome(crashes=[], seconds=time.perf_counter() - started)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def through_cli(root: Path, corpus: Corpus, hang: float, outcome: Outcome) -> None:
    """`audit scan` of the same folders into an SQLite file; what goes wrong is added to `outcome`."""
    folder = root / "in"
    args = [sys.executable, "-m", "audit.cli", "scan", "hostile", "good", "--db", "sqlite:///cli.db",
            "--format", "json", *(["--rules", "rules"] if corpus.rules else [])]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        done = subprocess.run(args, cwd=folder, capture_output=True, text=True, errors="backslashreplace",
                              timeout=3 * hang, env=env, check=False)
    except subprocess.TimeoutExpired:
        outcome.seconds = max(outcome.seconds, 3 * hang)
        return
    if "internal error:" in done.stderr or "Traceback" in done.stderr:
        outcome.crashes.append("CLI: " + done.stderr.strip().splitlines()[-1])
    outcome.internal_errors += ["CLI: " + line for line in done.stderr.splitlines() if "internal error while" in line]
    try:
        output = json.loads(done.stdout)
        with Store(f"sqlite:///{folder / 'cli.db'}") as store:
            stored = store.load_run()
    except Exception as exc:    # noqa: BLE001 - no output or no stored run: the good results are lost
        outcome.lost.append(f"CLI (exit {done.returncode}): {type(exc).__name__}: {done.stderr.strip()[-300:]}")
        return
    ids = {d["id"] for d in output["documents"] if d["path"] == "good/ok.txt"}
    printed = {(c["start"], c["end"], c["text"]) for c in output["claims"] if c["document"] in ids}
    kept = {(c.start, c.end, c.text) for c in stored.claims if c.document in ids}
    if not good_claims() <= printed or not good_claims() <= kept:
        outcome.lost.append(f"CLI (exit {done.returncode}): the good article's claims are missing")


def kind_of(problem: str) -> str:
    """"reading: RecursionError" from a problem line, for the summary."""
    m = _KIND.search(problem.removeprefix("CLI: ").split(": ", 1)[-1]) or _KIND.search(problem)
    if m is None:
        return problem[:80]
    return f"{m[1]}: {m[2]}" if m[1] else m[3]


if __name__ == "__main__":
    main()
