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
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .conditions import MATCHED, Compiler, Condition, Context
from .conditions.field import SPAN_FIELDS, field_span
from .conditions.schema import SCHEMA_PATH
from .errors import ConfigError, ConfigErrors, Problems, internal_error
from .files import read_data_file
from .language import LanguagePack
from .models import Claim, Document, Finding, RuleInfo, Severity, Span
from .paths import RULES_DIR, display_path
from .registry import Registry
from .yamlio import YamlList, YamlMap, check_keys, misspelt, plain, read_yaml

RULE_KEYS = frozenset("""id title signal severity weight message rationale standard scope when unless evidence
mitigate examples""".split())
REQUIRED = ("id", "signal", "severity", "weight", "message", "rationale", "standard", "when", "examples")
SCOPES = ("claim", "corpus")
# Values the loader checks before compiling (the JSON Schema says the same): a field test's value,
# a pattern, an example.
VALUE_TYPES: dict[str, type | tuple[type, ...]] = {"exists": bool, "empty": bool, "gte": (int, float), "lte": (int, float), "matches": str,
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
    def load(cls, lexicon: LanguagePack, rule_dirs: Sequence[Path] = (), on_error: OnError | None = None) -> RuleSet:
        """Built-in rules, then each folder's (a user's rule replaces a built-in one of the same id; two
        user rules with one id are an error, and the first stays).

        Without `on_error` the first invalid rule or unusable file raises; with it, each is passed to
        `on_error` and skipped, and the others load."""
        by_id: dict[str, Rule] = {}
        builtin: set[str] = set()       # ids of built-in rules no user rule has replaced
        sha = hashlib.sha256()
        for folder_index, folder in enumerate([RULES_DIR, *map(Path, rule_dirs)]):
            if not folder.is_dir():
                raise ConfigError("rules folder not found", str(folder))
            for path in rule_files(folder):
                try:
                    raw, rules = read_rules(path, lexicon, on_error)
                except ConfigError as exc:
                    if on_error is None:
                        raise
                    on_error(exc)
                    continue
                sha.update(path.name.encode() + b"\0" + raw)
                for rule in rules:
                    other = by_id.get(rule.id)
                    if other and not (folder_index and rule.id in builtin):
                        first = f"{other.info.path}:{other.info.line}"
                        duplicate = RuleError(f"duplicate rule id '{rule.id}' (first at {first})", str(path),
                                              rule.info.line, 1)
                        if on_error is None:
                            raise duplicate
                        on_error(duplicate)
                        continue
                    if folder_index:
                        builtin.discard(rule.id)
                    else:
                        builtin.add(rule.id)
                    by_id[rule.id] = rule
        return cls(sorted(by_id.values(), key=lambda r: r.id), sha.hexdigest())

    def apply(self, claims: list[Claim], doc: Document, registry: Registry, scope: str) -> None:
        """Append the findings of every rule of `scope` to each claim of one document."""
        rules = self.claim_rules if scope == "claim" else self.corpus_rules
        if not rules:
            return
        document: dict[str, str] = {}             # the document's lowered text, shared by its claims' contexts
        for i, claim in enumerate(claims):
            lo, hi = max(i - 1, 0), min(i + 2, len(claims))
            neighbours = " ".join(c.text for c in claims[lo:hi] if c.paragraph == claim.paragraph)
            ctx = Context(claim, doc, neighbours, registry, document)
            for rule in rules:
                finding = rule.apply(ctx)
                if finding:
                    claim.findings.append(finding)


# -- loading and validation ------------------------------------------------------------------------

def rule_files(folder: Path) -> list[Path]:
    """The rule files of a folder (`*.yaml`, `*.yml`), in name order; whether each is a readable file
    is read_rules' to say."""
    return sorted(folder.glob("*.y*ml"))


def read_rules(path: Path, lexicon: LanguagePack, on_error: OnError | None = None) -> tuple[bytes, list[Rule]]:
    """The bytes and rules of one rule file (see load_file). A path that is no readable file, and anything
    else that stops the file from loading, is a RuleError naming it: a rule folder never causes an
    internal error."""
    try:
        raw = read_data_file(path)
    except ConfigError as exc:
        raise RuleError(exc.message, exc.path, exc.line, 1) from None
    try:
        return raw, load_file(path, raw, lexicon, on_error)
    except ConfigError:
        raise
    except Exception as exc:    # noqa: BLE001 - reported as an error in this file, with what went wrong
        raise RuleError(internal_error("loading this rule file", exc), str(path), 1, 1) from None


def load_file(path: Path, raw: bytes, lexicon: LanguagePack, on_error: OnError | None = None) -> list[Rule]:
    """Every rule of one YAML file: a mapping with `rules:` (a list) or a single rule mapping.

    A file that cannot be read as rules raises; an invalid rule raises too (every problem of the rule)
    unless `on_error` is given, which then receives each problem while the file's other rules load."""
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
            located = sorted((_located(e, lines) for e in getattr(exc, "errors", [exc])),
                             key=lambda e: (e.line or 0, getattr(e, "col", None) or 0))
            if on_error is None:
                raise (located[0] if len(located) == 1 else ConfigErrors(located)) from None
            for error in located:
                on_error(error)
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
    """One rule, checked whole: every problem is reported together (a ConfigErrors), not the first only."""
    if not isinstance(item, YamlMap):
        raise ConfigError("a rule must be a mapping", path, getattr(item, "line", None))
    found = Problems()
    found.check(check_keys, item, RULE_KEYS, path, "a rule")
    for key in REQUIRED:
        if key not in item and not misspelt(item, key):
            found.add(ConfigError(f"rule is missing '{key}'", path, item.line))
    rid = found.check(_rule_id, item, path)
    severity = found.check(_choice, item, "severity", tuple(Severity), path)
    weight = found.check(_number, item, "weight", path, True)
    scope = found.check(_choice, item, "scope", SCOPES, path, "claim")
    evidence = found.check(_choice, item, "evidence", SPAN_FIELDS, path, None)
    signal, rationale, standard = (found.check(_text, item, key, path) for key in ("signal", "rationale", "standard"))
    message = found.check(_message, item, path)
    title = found.check(_text, item, "title", path) if "title" in item else ""
    compiler = Compiler(path, lexicon, scope or "claim")
    when = found.check(_condition, item, "when", compiler)
    unless = found.check(_condition, item, "unless", compiler)
    mitigations = found.check(_mitigations, item, compiler)
    examples = found.check(_examples, item, path)
    found.raise_any()
    info = RuleInfo(id=rid, signal=signal, severity=Severity(severity), weight=weight, message=message,
                    rationale=rationale, standard=standard, path=display_path(path), line=item.line,
                    title=title or "")
    return Rule(info=info, scope=scope, when=when, unless=unless, evidence=evidence, mitigations=mitigations,
                examples=examples)


def _rule_id(item: YamlMap, path: str) -> str | None:
    rid = _text(item, "id", path)
    if rid is not None and not _ID.match(rid):
        raise ConfigError(f"rule id '{rid}' must be lowercase letters, digits, '_', '.' or '-'", path, item.lines["id"])
    return rid


def _choice(item: YamlMap, key: str, choices: tuple[str, ...], path: str, default: str | None = ""):
    """The value of `key`, one of `choices`; `default` when the key is optional and absent."""
    if key not in item:
        return default or None
    value = item[key]
    if value not in choices:
        raise ConfigError(f"{key} must be one of {', '.join(choices)}, not '{value}'", path, item.lines[key])
    return value


def _condition(item: YamlMap, key: str, compiler: Compiler) -> Condition | None:
    """The compiled condition under `key` (when, unless), its values' types checked first."""
    if key not in item:
        return None
    _check_values(item[key], compiler.path)
    return compiler.compile(item[key], item.lines[key])


def _mitigations(item: YamlMap, compiler: Compiler) -> list[Mitigation]:
    """Every `mitigate` entry, each checked whole."""
    found, out = Problems(), []
    if not isinstance(item.get("mitigate") or [], list):
        raise ConfigError("'mitigate' must be a list of entries with when, factor and note", compiler.path,
                          item.lines["mitigate"])
    for m in item.get("mitigate") or []:
        out.append(found.check(_mitigation, m, compiler, item.lines["mitigate"]))
    found.raise_any()
    return out


def _mitigation(m, compiler: Compiler, line: int) -> Mitigation:
    path = compiler.path
    if not isinstance(m, YamlMap):
        raise ConfigError("each mitigate entry needs when, factor and note", path, line)
    found = Problems()
    found.check(check_keys, m, frozenset({"when", "factor", "note"}), path, "a mitigate entry")
    factor = found.check(_number, m, "factor", path, True)
    if "when" not in m or "factor" not in m:
        found.add(ConfigError("a mitigation needs 'when' and a factor between 0 and 1", path, m.line))
    note = m.get("note", "")
    if not isinstance(note, str):
        found.add(ConfigError("a mitigation's 'note' must be text", path, m.lines["note"]))
    condition = found.check(_condition, m, "when", compiler)
    found.raise_any()
    return Mitigation(condition, factor, note)


def _check_values(node, path: str) -> None:
    """The type of every field test's value and pattern in a condition tree (VALUE_TYPES), all reported."""
    found = Problems()
    if isinstance(node, YamlList):
        for child in node:
            found.check(_check_values, child, path)
    elif isinstance(node, YamlMap):
        for key, value in node.items():
            want = VALUE_TYPES.get(key)
            if want and (not isinstance(value, want) or isinstance(value, bool) and want is not bool):
                kind = "true or false" if want is bool else "text" if want is str else "a number"
                found.add(ConfigError(f"'{key}' must be {kind}", path, node.lines[key]))
            found.check(_check_values, value, path)
    found.raise_any()


def _examples(item: YamlMap, path: str) -> dict[str, list[dict]] | None:
    """The `examples`, every case checked."""
    if "examples" not in item:
        return None
    raw, line = item["examples"], item.lines["examples"]
    if not isinstance(raw, YamlMap) or not all(isinstance(raw.get(k), YamlList) and raw[k] for k in EXAMPLE_LISTS):
        raise ConfigError("examples needs a non-empty 'match' and 'no_match' list", path, line)
    found = Problems()
    found.check(check_keys, raw, frozenset(EXAMPLE_LISTS), path, "examples")
    out: dict[str, list[dict]] = {}
    for key in EXAMPLE_LISTS:
        cases = []
        for i, case in enumerate(raw[key]):
            case_line = raw[key].lines[i]
            if isinstance(case, str):
                case = {"text": case}
            if not isinstance(case, dict) or not (case.get("text") or case.get("documents")):
                found.add(ConfigError("an example is a text or a mapping with 'text' (or 'documents')", path,
                                      case_line))
                continue
            found.check(_check_example, case, path)
            cases.append({**case, "line": case_line})
        out[key] = cases
    found.raise_any()
    return out


PLACEHOLDERS = ("source", "cue", "via", "actor", "outlet", "evidence", "registry", "status", "origins")


def _message(item: YamlMap, path: str) -> str | None:
    """The message text, whose {placeholders} must be ones a finding fills (PLACEHOLDERS)."""
    message = _text(item, "message", path)
    if message is None:
        return None
    try:
        names = _fields(message)
    except ValueError as exc:
        raise ConfigError(f"'message' is not a valid template ({exc}); write a literal brace as {{{{ or }}}}",
                          path, item.lines["message"]) from None
    unknown = [n for n in names if n not in PLACEHOLDERS]
    if unknown:
        raise ConfigError(f"'message' has an unknown placeholder {{{unknown[0]}}}; use one of "
                          + " ".join(f"{{{p}}}" for p in PLACEHOLDERS), path, item.lines["message"])
    return message


def _fields(template: str) -> list[str]:
    """The placeholders of a template, those nested in a format spec too ("{evidence:{width}}")."""
    names = []
    for _, name, spec, _ in string.Formatter().parse(template):
        if name is not None:
            names.append(name)
            names += _fields(spec or "")
    return names


def _format(message: str, ctx: Context, evidence: Span) -> str:
    try:
        return message.format_map(placeholder_values(ctx, evidence))
    except ValueError:                  # a format spec that does not fit its value ("{origins:x}")
        return message


def placeholder_values(ctx: Context, evidence: Span) -> dict[str, object]:
    """What each of PLACEHOLDERS stands for in a finding's message."""
    a = ctx.claim.attribution
    return dict(source=a.source or "", cue=a.cue or "", via=" ← ".join(a.via), actor=a.actor or "",
                outlet=ctx.doc.outlet or "the publisher", evidence=evidence.text, registry=ctx.note or "",
                status=ctx.claim.corroboration.status, origins=ctx.claim.corroboration.independent_origins)


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


def _text(item: YamlMap, key: str, path: str) -> str | None:
    """Non-empty text under `key`; None when absent (a missing required key is reported once, apart)."""
    if key not in item:
        return None
    value = item[key]
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"'{key}' must be non-empty text", path, item.lines[key])
    return " ".join(value.split()) if key in ("rationale", "message") else value.strip()


def _number(item: YamlMap, key: str, path: str, fraction: bool = False) -> float | None:
    """The number under `key` (between 0 and 1 if `fraction`); None when absent."""
    if key not in item:
        return None
    value = item[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(f"'{key}' must be a number", path, item.lines[key])
    if fraction and not 0 <= value <= 1:
        raise ConfigError(f"{key} must be between 0 and 1", path, item.lines[key])
    return float(value)

