"""The rules engine: load YAML rules, validate them with file:line errors, compile and apply them.

Conditions are compiled by their types in audit/conditions (field, phrase, pattern, actor, and the
all / any / not compositions); the knowledge lives in the rule files. A rule fires when `when` holds
and `unless` does not; `mitigate` entries lower its weight when their condition holds. Rules with
`scope: corpus` run after corroboration and may read corroboration fields.

A rule file is parsed once (line-aware YAML) and checked once, by the loader below and the condition types;
errors read `file:line:col: message`. The published JSON Schema `rules/rule.schema.json` describes the
same format for editors (a test keeps the two in step). Users' regular expressions
are compiled with RE2 (linear time, so a pattern cannot hang a run); the generated lexicon phrase
patterns use lookbehind and stay on `re`.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .conditions import MATCHED, Compiler, Condition, Context
from .conditions.field import SPAN_FIELDS, field_span
from .conditions.schema import SCHEMA_PATH
from .errors import ConfigError
from .language import LanguagePack
from .models import Claim, Document, Finding, RuleInfo, Severity, Span
from .paths import RULES_DIR, display_path
from .registry import Registry
from .yamlio import YamlList, YamlMap, check_keys, plain, read_yaml

RULE_KEYS = frozenset("""id title signal severity weight message rationale standard scope when unless evidence
mitigate examples""".split())
REQUIRED = ("id", "signal", "severity", "weight", "message", "rationale", "standard", "when", "examples")
SCOPES = ("claim", "corpus")
# Values the loader checks before compiling (the JSON Schema says the same): a field test's value,
# a pattern, an example.
VALUE_TYPES = {"exists": bool, "empty": bool, "gte": (int, float), "lte": (int, float), "matches": str,
               "pattern": str}
EXAMPLE_KEYS = frozenset({"text", "headline", "outlet", "published", "documents"})
EXAMPLE_LISTS = ("match", "no_match")
_ID = re.compile(r"^[a-z][a-z0-9_.-]*$")
OnError = Callable[[ConfigError], None]


class RuleError(ConfigError):
    """An invalid rule file, reported as `path:line:col: message`."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None, col: int | None = None):
        super().__init__(message, path, line)
        self.col = col

    def __str__(self) -> str:
        if self.path and self.line and self.col:
            return f"{self.path}:{self.line}:{self.col}: {self.message}"
        return super().__str__()


@dataclass(slots=True)
class Mitigation:
    condition: Condition
    factor: float
    note: str


@dataclass(slots=True)
class Rule:
    info: RuleInfo
    scope: str
    when: Condition
    unless: Condition | None
    evidence: str | None
    mitigations: list[Mitigation]
    examples: dict[str, list[dict]] = field(default_factory=dict)
    definition: dict = field(default_factory=dict)     # the rule as written (plain YAML data), for docs
    file: Path | None = None                           # the rule file, absolute

    @property
    def id(self) -> str:
        return self.info.id

    def apply(self, ctx: Context) -> Finding | None:
        span = self.when(ctx)
        if span is None or (self.unless and self.unless(ctx) is not None):
            return None
        claim = ctx.claim
        cited = field_span(claim, self.evidence) if self.evidence else None
        evidence = cited or (span if span is not MATCHED else Span(claim.start, claim.end, claim.text))
        weight, notes = self.info.weight, []
        for m in self.mitigations:
            if m.condition(ctx) is not None:
                weight *= m.factor
                notes.append(m.note)
        return Finding(rule=self.id, signal=self.info.signal, severity=self.info.severity,
                       weight=round(weight, 4), message=_format(self.info.message, ctx, evidence),
                       evidence=evidence, standard=self.info.standard,
                       mitigation="; ".join(notes) or None)


class RuleSet:
    """Rules loaded from the built-in folder and any user folders, in id order."""

    def __init__(self, rules: list[Rule], digest: str):
        self.rules = rules
        self.digest = digest
        self.claim_rules = [r for r in rules if r.scope == "claim"]
        self.corpus_rules = [r for r in rules if r.scope == "corpus"]

    @property
    def infos(self) -> list[RuleInfo]:
        return [r.info for r in self.rules]

    @classmethod
    def load(cls, lexicon: LanguagePack, rule_dirs: list[Path] = (), on_error: OnError | None = None) -> RuleSet:
        """Built-in rules, then each folder's (a user's rule replaces a built-in one of the same id).

        Without `on_error` the first invalid rule raises; with it, each invalid rule (or unreadable
        file) is passed to `on_error` and skipped, and the others load."""
        by_id: dict[str, Rule] = {}
        sha = hashlib.sha256()
        for folder in [RULES_DIR, *map(Path, rule_dirs)]:
            if not folder.is_dir():
                raise ConfigError("rules folder not found", str(folder))
            for path in sorted(folder.glob("*.y*ml")):
                raw = path.read_bytes()
                sha.update(path.name.encode() + b"\0" + raw)
                try:
                    rules = load_file(path, raw, lexicon, on_error)
                except ConfigError as exc:
                    if on_error is None:
                        raise
                    on_error(exc)
                    continue
                for rule in rules:
                    other = by_id.get(rule.id)
                    if other and other.info.path == rule.info.path:
                        exc = RuleError(f"duplicate rule id '{rule.id}' (first at line {other.info.line})",
                                        str(path), rule.info.line, 1)
                        if on_error is None:
                            raise exc
                        on_error(exc)
                        continue
                    by_id[rule.id] = rule
        return cls(sorted(by_id.values(), key=lambda r: r.id), sha.hexdigest())

    def apply(self, claims: list[Claim], doc: Document, registry: Registry, scope: str) -> None:
        """Append the findings of every rule of `scope` to each claim of one document."""
        rules = self.claim_rules if scope == "claim" else self.corpus_rules
        if not rules:
            return
        for i, claim in enumerate(claims):
            lo, hi = max(i - 1, 0), min(i + 2, len(claims))
            neighbours = " ".join(c.text for c in claims[lo:hi] if c.paragraph == claim.paragraph)
            ctx = Context(claim, doc, neighbours, registry)
            for rule in rules:
                finding = rule.apply(ctx)
                if finding:
                    claim.findings.append(finding)


# -- loading and validation ------------------------------------------------------------------------

def load_file(path: Path, raw: bytes, lexicon: LanguagePack, on_error: OnError | None = None) -> list[Rule]:
    """Every rule of one YAML file: a mapping with `rules:` (a list) or a single rule mapping.

    A file that cannot be read as rules raises; an invalid rule raises too unless `on_error` is given,
    which then receives the error while the file's other rules load."""
    where = str(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError("not valid UTF-8", where) from None
    lines = text.splitlines()
    try:
        items = _rule_items(read_yaml(text, where, typed=True), where)
    except ConfigError as exc:
        raise _located(exc, lines) from None
    rules = []
    for item in items:
        try:
            rule = _compile_rule(item, where, lexicon)
        except ConfigError as exc:
            if on_error is None:
                raise _located(exc, lines) from None
            on_error(_located(exc, lines))
            continue
        rule.definition, rule.file = plain(item), path.resolve()
        rules.append(rule)
    return rules


def _rule_items(data: object, path: str) -> list:
    """The rules of a file: its `rules:` list, or the file itself as one rule."""
    if not isinstance(data, YamlMap):
        raise ConfigError("a rule file must be a mapping with a 'rules' list", path, 1)
    if "rules" not in data:
        return [data]
    check_keys(data, frozenset({"rules"}), path, "a rule file")
    if not isinstance(data["rules"], YamlList) or not data["rules"]:
        raise ConfigError("'rules' must be a non-empty list of rules", path, data.lines["rules"])
    return data["rules"]


@lru_cache(maxsize=1)
def schema() -> dict:
    """The published JSON Schema of rule files (rules/rule.schema.json)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _located(exc: ConfigError, lines: list[str]) -> ConfigError:
    """The error with a column: at the key it names (`'weight' must be a number`), else at a quoted
    value it names, else at a pattern on that line, else where the line's text starts."""
    if isinstance(exc, RuleError) or not exc.line or not 0 < exc.line <= len(lines):
        return exc
    text = lines[exc.line - 1]
    quoted = re.findall(r"'([^']+)'", exc.message)
    found = (next((m for q in quoted if (m := re.search(rf"(?<![\w-]){re.escape(q)}\s*:", text))), None)
             or next((m for q in quoted if (m := re.search(rf"(?<![\w-]){re.escape(q)}(?![\w-])", text))), None)
             or re.search(r"(?<![\w-])(?:pattern|matches)\s*:", text))
    col = found.start() + 1 if found else len(text) - len(text.lstrip(" -")) + 1
    return RuleError(exc.message, exc.path, exc.line, col)


def _compile_rule(item, path: str, lexicon: LanguagePack) -> Rule:
    if not isinstance(item, YamlMap):
        raise ConfigError("a rule must be a mapping", path, getattr(item, "line", None))
    check_keys(item, RULE_KEYS, path, "a rule")
    for key in REQUIRED:
        if key not in item:
            raise ConfigError(f"rule is missing '{key}'", path, item.line)
    rid = _text(item, "id", path)
    if not _ID.match(rid):
        raise ConfigError(f"rule id '{rid}' must be lowercase letters, digits, '_', '.' or '-'", path, item.lines["id"])
    severity = _text(item, "severity", path)
    if severity not in tuple(Severity):
        raise ConfigError(f"severity must be one of {', '.join(Severity)}, not '{severity}'", path,
                          item.lines["severity"])
    weight = _number(item, "weight", path)
    if not 0 <= weight <= 1:
        raise ConfigError("weight must be between 0 and 1", path, item.lines["weight"])
    scope = item.get("scope", "claim")
    if scope not in SCOPES:
        raise ConfigError(f"scope must be one of {', '.join(SCOPES)}", path, item.lines["scope"])
    for key in ("when", "unless", "mitigate"):
        _check_values(item.get(key), path)
    compiler = Compiler(path, lexicon, scope)
    evidence = item.get("evidence")
    if evidence is not None and evidence not in SPAN_FIELDS:
        raise ConfigError(f"evidence must be one of {', '.join(SPAN_FIELDS)}", path, item.lines["evidence"])
    info = RuleInfo(id=rid, signal=_text(item, "signal", path), severity=Severity(severity), weight=weight,
                    message=_text(item, "message", path), rationale=_text(item, "rationale", path),
                    standard=_text(item, "standard", path), path=display_path(path), line=item.line,
                    title=_text(item, "title", path) if "title" in item else "")
    mitigations = []
    for m in item.get("mitigate") or []:
        if not isinstance(m, YamlMap):
            raise ConfigError("each mitigate entry needs when, factor and note", path, item.lines["mitigate"])
        check_keys(m, frozenset({"when", "factor", "note"}), path, "a mitigate entry")
        factor = _number(m, "factor", path)
        if not 0 <= factor <= 1 or "when" not in m:
            raise ConfigError("a mitigation needs 'when' and a factor between 0 and 1", path, m.line)
        note = m.get("note", "")
        if not isinstance(note, str):
            raise ConfigError("a mitigation's 'note' must be text", path, m.lines["note"])
        mitigations.append(Mitigation(compiler.compile(m["when"], m.lines["when"]), factor, note))
    return Rule(info=info, scope=scope, when=compiler.compile(item["when"], item.lines["when"]),
                unless=compiler.compile(item["unless"], item.lines["unless"]) if "unless" in item else None,
                evidence=evidence, mitigations=mitigations,
                examples=_examples(item["examples"], path, item.lines["examples"]))


def _check_values(node, path: str) -> None:
    """The type of every field test's value and pattern in a condition tree (VALUE_TYPES)."""
    if isinstance(node, YamlList):
        for child in node:
            _check_values(child, path)
    elif isinstance(node, YamlMap):
        for key, value in node.items():
            want = VALUE_TYPES.get(key)
            if want and (not isinstance(value, want) or isinstance(value, bool) and want is not bool):
                kind = {bool: "true or false", str: "text"}.get(want, "a number")
                raise ConfigError(f"'{key}' must be {kind}", path, node.lines[key])
            _check_values(value, path)


def _examples(raw, path: str, line: int) -> dict[str, list[dict]]:
    if not isinstance(raw, YamlMap) or not all(isinstance(raw.get(k), YamlList) and raw[k] for k in EXAMPLE_LISTS):
        raise ConfigError("examples needs a non-empty 'match' and 'no_match' list", path, line)
    check_keys(raw, frozenset(EXAMPLE_LISTS), path, "examples")
    out: dict[str, list[dict]] = {}
    for key in EXAMPLE_LISTS:
        cases = []
        for i, case in enumerate(raw[key]):
            case_line = raw[key].lines[i]
            if isinstance(case, str):
                case = {"text": case}
            if not isinstance(case, dict) or not (case.get("text") or case.get("documents")):
                raise ConfigError("an example is a text or a mapping with 'text' (or 'documents')", path, case_line)
            _check_example(case, path)
            cases.append({**case, "line": case_line})
        out[key] = cases
    return out


class _Defaulting(dict):
    def __missing__(self, key):
        return ""


def _format(message: str, ctx: Context, evidence: Span) -> str:
    a = ctx.claim.attribution
    values = _Defaulting(source=a.source or "", cue=a.cue or "", via=" ← ".join(a.via), actor=a.actor or "",
                         outlet=ctx.doc.outlet or "the publisher", evidence=evidence.text, registry=ctx.note or "",
                         status=ctx.claim.corroboration.status,
                         origins=ctx.claim.corroboration.independent_origins)
    try:
        return message.format_map(values)
    except (ValueError, IndexError, AttributeError):
        return message


def _check_example(case: dict, path: str, keys: frozenset[str] = EXAMPLE_KEYS) -> None:
    """An example mapping: known keys, text where text is due, documents each with a text."""
    if not isinstance(case, YamlMap):
        return
    check_keys(case, keys, path, "an example")
    for key in ("text", "outlet", "published"):
        if key in case and not (isinstance(case[key], str) and case[key]):
            raise ConfigError(f"an example's '{key}' must be non-empty text", path, case.lines[key])
    if "headline" in case and not isinstance(case["headline"], bool):
        raise ConfigError("an example's 'headline' must be true or false", path, case.lines["headline"])
    if "documents" in case:
        documents = case["documents"]
        if not isinstance(documents, YamlList) or not all(isinstance(d, YamlMap) and "text" in d for d in documents):
            raise ConfigError("'documents' takes a list of documents, each with 'text'", path, case.lines["documents"])
        for document in documents:
            _check_example(document, path, keys - {"documents"})


def _text(item: YamlMap, key: str, path: str) -> str:
    value = item[key]
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"'{key}' must be non-empty text", path, item.lines[key])
    return " ".join(value.split()) if key in ("rationale", "message") else value.strip()


def _number(item: YamlMap, key: str, path: str) -> float:
    value = item.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(f"'{key}' must be a number", path, item.lines.get(key, item.line))
    return float(value)

