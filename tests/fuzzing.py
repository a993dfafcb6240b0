"""Audit a hostile corpus (tests/strategies.py) beside a good article, and judge the outcome: internal
errors, and whether the good article's results reached the output and the store. Shared by
tests/test_fuzz.py and bench/fuzz.py."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from strategies import Corpus

from audit.errors import AuditError
from audit.pipeline import Auditor
from audit.store import Store

GOOD = Path(__file__).resolve().parent.parent / "seeds" / "004_46c607ac9c3904df.txt"


@dataclass
class Outcome:
    crashes: list[str] = field(default_factory=list)           # exceptions that escaped the tool
    internal_errors: list[str] = field(default_factory=list)   # located entries that are internal errors
    lost: list[str] = field(default_factory=list)              # how the good article's results went missing
    seconds: float = 0.0

    @property
    def problems(self) -> list[str]:
        return self.crashes + self.internal_errors + self.lost


@cache
def default_auditor() -> Auditor:
    return Auditor()


@cache
def good_claims() -> frozenset[tuple[int, int, str]]:
    """The good article's claims audited alone: (start, end, text)."""
    result = default_auditor().run([str(GOOD)], None, corroboration=False)
    return frozenset((c.start, c.end, c.text) for c in result.claims)


def write_corpus(corpus: Corpus, root: Path) -> tuple[Path, Path, Path | None]:
    """The good article in root/good, the hostile files in root/hostile, rules (if any) in root/rules."""
    good, hostile = root / "good", root / "hostile"
    good.mkdir(parents=True)
    hostile.mkdir()
    (good / "ok.txt").write_bytes(GOOD.read_bytes())
    for name, data in corpus.files.items():
        (hostile / name).write_bytes(data)
    if not corpus.rules:
        return good, hostile, None
    rules = root / "rules"
    rules.mkdir()
    for name, text in corpus.rules.items():
        (rules / name).write_bytes(text.encode("utf-8", "surrogatepass"))
    return good, hostile, rules


def audit_corpus(corpus: Corpus, root: Path) -> Outcome:
    """Write the corpus under `root`, audit it beside the good article into an in-memory store, judge."""
    good, hostile, rules = write_corpus(corpus, root)
    outcome = Outcome()
    started = time.perf_counter()
    try:
        _audit(good, hostile, rules, outcome)
    finally:
        outcome.seconds = time.perf_counter() - started
    return outcome


def _audit(good: Path, hostile: Path, rules: Path | None, outcome: Outcome) -> None:
    rule_errors: list[AuditError] = []
    try:
        auditor = Auditor([rules], on_rule_error=rule_errors.append) if rules else default_auditor()
    except AuditError:
        return                  # a located refusal of the rule folder (a bad lexicon or registry file)
    except Exception as exc:    # noqa: BLE001
        outcome.crashes.append(f"loading rules: {type(exc).__name__}: {exc}")
        return
    outcome.internal_errors += [str(e) for e in rule_errors if e.message.startswith("internal error")]
    store = Store("sqlite://")
    try:
        result = auditor.run([str(hostile), str(good)], store)
        stored = store.load_run()
    except AuditError as exc:
        outcome.lost.append(f"the run failed: {exc}")
        return
    except Exception as exc:    # noqa: BLE001
        outcome.crashes.append(f"{type(exc).__name__}: {exc}")
        outcome.lost.append("the run crashed")
        return
    finally:
        store.close()
    outcome.internal_errors += [f"{s.path}:{s.line}: {s.error}" for s in result.skipped if s.error.startswith("internal error")]
    for where, found in (("output", result), ("store", stored)):
        if not good_claims() <= _claims_of_good(found):
            outcome.lost.append(f"the good article's claims are missing from the {where}")


def _claims_of_good(result) -> set[tuple[int, int, str]]:
    ids = {d.id for d in result.documents if Path(d.path).parts[-2:] == ("good", "ok.txt")}
    return {(c.start, c.end, c.text) for c in result.claims if c.document in ids}
