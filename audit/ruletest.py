"""Test rules like code (`audit rules test`, the test suite) and validate rule files (`audit rules validate`).

Two kinds of cases, both through the real pipeline:
- inline examples: each `match` text must fire its rule, each `no_match` text must not;
- fixture documents (.md or .txt, e.g. tests/fixtures/rules/<rule>.md) where a marker states what the
  next claim must and must not produce:

      <!-- expect: anonymous_source, anonymous_no_reason -->
      A senior official said the talks had stalled.
      <!-- expect-not: anonymous_source -->
      Defence Minister Yoav Gallant said the talks had stalled.

  Each fixture file is audited on its own (front matter sets outlet and date), so corpus rules see
  only its articles. Every rule under test needs at least one positive and one negative case.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .models import Claim, Document, MetaValue, Span
from .paths import REGISTRY_DIR
from .pipeline import Auditor
from .registry import Registry

FIXTURE_SUFFIXES = (".md", ".markdown", ".txt")
_MARKER = re.compile(r"<!--\s*expect(?P<not>-not)?\s*:\s*(?P<rules>.*?)\s*-->", re.S)


@dataclass(slots=True)
class ExampleResult:
    rule: str
    expect: bool          # True for a match example
    fired: bool
    text: str
    line: int

    @property
    def ok(self) -> bool:
        return self.expect == self.fired


def example_document(text: str, *, outlet: str | None = None, published: str | None = None,
                     headline: bool = False, doc_id: str = "example") -> Document:
    """A document built from example text; with `headline`, its first line is the headline."""
    doc = Document(id=doc_id, path=f"<{doc_id}>", sha256=hashlib.sha256(text.encode()).hexdigest(), text=text)
    start = 0
    if headline:
        first = text.split("\n", 1)[0]
        doc.headline = Span(0, len(first), first)
        start = len(first)
    doc.regions = [(start, len(text))]
    doc.line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    doc.line_numbers = list(range(1, len(doc.line_starts) + 1))
    for key, value in (("outlet", outlet), ("published", published)):
        if value:
            doc.meta[key] = MetaValue(value, "example")
    return doc


def _fires(auditor: Auditor, rule_id: str, case: dict) -> bool:
    from .corroborate import corroborate

    specs = case.get("documents") or [case]
    docs = [example_document(str(d["text"]), outlet=d.get("outlet"), published=d.get("published"),
                             headline=str(d.get("headline", "")).lower() == "true", doc_id=f"example{i}")
            for i, d in enumerate(specs)]
    claims: list[Claim] = []
    for doc in docs:
        claims += auditor.analyse(doc)
    corroborate(claims, {d.id: d for d in docs}, auditor.registry, lexicon=auditor.language)
    for doc in docs:
        auditor.rules.apply([c for c in claims if c.document == doc.id], doc, auditor.registry, "corpus")
    return any(f.rule == rule_id for c in claims if c.document == docs[0].id for f in c.findings)


def run_examples(auditor: Auditor, rule_ids: set[str] | None = None) -> list[ExampleResult]:
    results = []
    for rule in auditor.rules.rules:
        if rule_ids and rule.id not in rule_ids:
            continue
        for key, expect in (("match", True), ("no_match", False)):
            for case in rule.examples.get(key, []):
                text = str(case.get("text") or case["documents"][0]["text"])
                results.append(ExampleResult(rule.id, expect, _fires(auditor, rule.id, case), text, case["line"]))
    return results


# -- fixtures and the per-rule report ---------------------------------------------------------------------

@dataclass(slots=True)
class Case:
    rule: str
    expect: bool          # a positive case: the rule must fire
    fired: bool
    text: str
    where: str            # path:line of the example or the marker

    @property
    def ok(self) -> bool:
        return self.expect == self.fired


@dataclass
class Report:
    rules: list[str]                          # the rules under test
    cases: list[Case] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def missing(self) -> list[str]:
        """Rules without a positive or without a negative case."""
        out = []
        for rid in self.rules:
            kinds = {c.expect for c in self.cases if c.rule == rid}
            for expect, what in ((True, "positive (examples.match or <!-- expect -->)"),
                                 (False, "negative (examples.no_match or <!-- expect-not -->)")):
                if expect not in kinds:
                    out.append(f"{rid} has no {what} case")
        return out

    @property
    def ok(self) -> bool:
        return not self.errors and all(c.ok for c in self.cases) and not self.missing()


def default_fixtures(rule_dirs: list[Path]) -> list[Path]:
    """tests/fixtures/rules in the working folder, and fixtures/ inside each rule folder, where present."""
    candidates = [Path("tests/fixtures/rules"), *(Path(d) / "fixtures" for d in rule_dirs)]
    return [c for c in candidates if c.is_dir()]


def run_tests(auditor: Auditor, fixtures: list[Path], folders: list[Path] | None = None) -> Report:
    """Inline examples and fixture markers for the rules defined in `folders` (default: every rule)."""
    def under_test(rule) -> bool:
        return folders is None or any(_inside(rule.file, f) for f in folders)

    ids = [r.id for r in auditor.rules.rules if under_test(r)]
    report = Report(ids)
    paths = {r.id: r.info.path for r in auditor.rules.rules}
    for ex in run_examples(auditor, set(ids)) if ids else []:
        report.cases.append(Case(ex.rule, ex.expect, ex.fired, ex.text, f"{paths[ex.rule]}:{ex.line}"))
    for path in _fixture_files(fixtures, report):
        _run_fixture(auditor, path, set(ids), report)
    return report


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _fixture_files(paths: list[Path], report: Report) -> list[Path]:
    files = []
    for p in paths:
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if f.suffix.lower() in FIXTURE_SUFFIXES)
        elif p.is_file():
            files.append(p)
        else:
            report.errors.append(f"{p}: fixture path not found")
    return files


def _run_fixture(auditor: Auditor, path: Path, ids: set[str], report: Report) -> None:
    result = auditor.run([str(path)], None)
    if not result.documents:
        report.errors += [f"{s.path}: {s.error}" for s in result.skipped] or [f"{path}: nothing to audit"]
        return
    known = {r.id for r in auditor.rules.rules}
    for doc in result.documents:
        claims = sorted(result.claims_of(doc.id), key=lambda c: c.start)
        for m in _MARKER.finditer(doc.text):
            line = doc.position(m.start())[0]
            where = f"{doc.path}:{line}"
            target = next((c for c in claims if c.start >= m.end()), None)
            if target is None:
                report.errors.append(f"{where}: no claim follows this marker")
                continue
            fired = {f.rule for f in target.findings}
            for rid in (r for r in re.split(r"[\s,]+", m["rules"]) if r):
                if rid not in known:
                    report.errors.append(f"{where}: unknown rule '{rid}' in marker")
                elif rid in ids:
                    report.cases.append(Case(rid, not m["not"], rid in fired, target.text, where))


def render_report(report: Report) -> str:
    """Per rule: true positives, false negatives, true negatives, false positives; then each problem."""
    width = max([len("rule"), *map(len, report.rules)])
    missing = report.missing()
    out = [f"{'rule':<{width}}  {'TP':>3} {'FN':>3} {'TN':>3} {'FP':>3}"]
    out += [_rule_row(report, rid, missing, width) for rid in report.rules]
    problems = [f"{c.where}: {c.rule} {'should fire' if c.expect else 'should not fire'} on: "
                f"\"{_short(c.text)}\"" for c in report.cases if not c.ok]
    problems += missing + report.errors
    if problems:
        out += ["", "problems:", *(f"  {p}" for p in problems)]
    failed = sum(not c.ok for c in report.cases)
    others = len(missing) + len(report.errors)
    out += ["", f"{len(report.rules)} rules, {len(report.cases)} cases: {len(report.cases) - failed} passed, "
                f"{failed} failed" + (f", {others} other problem(s)" if others else "")]
    return "\n".join(out)


def _rule_row(report: Report, rid: str, missing: list[str], width: int) -> str:
    """One rule's TP/FN/TN/FP counts and its verdict."""
    cases = [c for c in report.cases if c.rule == rid]
    counts = [sum(1 for c in cases if c.expect == e and c.fired == f)
              for e, f in ((True, True), (True, False), (False, False), (False, True))]
    bad = counts[1] or counts[3] or any(m.startswith(f"{rid} ") for m in missing)
    return f"{rid:<{width}}  " + " ".join(f"{n:>3}" for n in counts) + ("  FAIL" if bad else "  ok")


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


# -- validation ---------------------------------------------------------------------------------------

def validate(paths: list[Path]) -> tuple[int, list[ConfigError]]:
    """(valid rules, errors) for rule files or folders: schema, engine checks, ids duplicated across files,
    every path that is no readable rule file, and the folders' lexicon and registry files."""
    from .language import LanguagePack
    from .rules import RuleError, read_rules, rule_files

    files: list[Path] = []
    errors: list[ConfigError] = []
    for p in paths:
        if p.is_dir():
            files += rule_files(p)
        elif p.exists() or p.is_symlink():
            files.append(p)
        else:
            errors.append(ConfigError("not found", str(p)))
    folders = sorted({(p if p.is_dir() else p.parent) for p in paths if p.exists()})
    lexicon = LanguagePack.load(folders, on_error=errors.append)
    registries = [f / "registry" for f in folders if (f / "registry").is_dir()]
    try:
        Registry.load([REGISTRY_DIR, *registries], on_error=errors.append)
    except ConfigError as exc:                        # a record naming one that does not exist
        errors.append(exc)
    seen: dict[str, str] = {}
    count = 0
    for path in files:
        try:
            _, rules = read_rules(path, lexicon, errors.append)
        except ConfigError as exc:
            errors.append(exc)
            continue
        for rule in rules:
            first = seen.setdefault(rule.id, f"{path}:{rule.info.line}")
            if first != f"{path}:{rule.info.line}":
                errors.append(RuleError(f"duplicate rule id '{rule.id}' (first at {first})", str(path),
                                        rule.info.line, 1))
            else:
                count += 1
    return count, errors
