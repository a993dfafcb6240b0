"""The rules engine: load YAML rules, validate them with file:line errors, compile and apply them.

The engine knows a closed set of condition types; the knowledge lives in the rule files:
  field     a claim field compared: equals, in, not_in, exists, matches, gte, lte, contains, empty
  phrase    any phrase of a list (or of a lexicon) in the claim, its context or its document
  pattern   a regular expression in the same scopes
  actor     a registry test on attribution.actor, attribution.via or document.outlet: party, affiliated
  all / any / not   composition
A rule fires when `when` holds and `unless` does not; `mitigate` entries lower its weight when their
condition holds. Rules with `scope: corpus` run after corroboration and may read corroboration fields.

A rule file is parsed once (line-aware YAML) and checked once, by the loader and the compiler below;
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

from .errors import ConfigError
from .language import LanguagePack
from .models import Claim, Document, Finding, RuleInfo, Severity, Span
from .patterns import phrase_pattern
from .paths import RULES_DIR
from .registry import Registry
from .yamlio import YamlList, YamlMap, check_keys, plain, read_yaml

try:
    import re2
except ImportError:  # google-re2 not installed: `re` behind a guard against catastrophic backtracking
    re2 = None

RULE_KEYS = frozenset("""id signal severity weight message rationale standard scope when unless evidence
mitigate examples""".split())
REQUIRED = ("id", "signal", "severity", "weight", "message", "rationale", "standard", "when", "examples")
SCOPES = ("claim", "corpus")
PHRASE_SCOPES = ("claim", "context", "document")
FIELD_TESTS = ("equals", "in", "not_in", "exists", "matches", "gte", "lte", "contains", "empty")
ACTOR_TESTS = ("party", "affiliated", "outlet")
ACTOR_FIELDS = ("attribution.actor", "attribution.via", "document.outlet")
FIGURE_KINDS = frozenset({"count", "percent", "money"})
# Values the loader checks before compiling (the JSON Schema says the same): a field test's value,
# a pattern, an example.
VALUE_TYPES = {"exists": bool, "empty": bool, "gte": (int, float), "lte": (int, float), "matches": str,
               "pattern": str}
EXAMPLE_KEYS = frozenset({"text", "headline", "outlet", "published", "documents"})
EXAMPLE_LISTS = ("match", "no_match")
_ID = re.compile(r"^[a-z][a-z0-9_.-]*$")
SCHEMA_PATH = RULES_DIR / "rule.schema.json"
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


class Context:
    """What a condition can see: the claim, its neighbours, its document and the registry."""

    __slots__ = ("claim", "doc", "neighbours", "registry", "note")

    def __init__(self, claim: Claim, doc: Document, neighbours: str, registry: Registry):
        self.claim, self.doc, self.neighbours, self.registry = claim, doc, neighbours, registry
        self.note: str | None = None              # registry evidence picked up by an actor test


MATCHED = Span(-1, -1, "")                        # a match with no span of its own
Condition = Callable[[Context], Span | None]


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
        cited = _field_span(claim, self.evidence) if self.evidence else None
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
    compiler = _Compiler(path, lexicon, scope)
    evidence = item.get("evidence")
    if evidence is not None and evidence not in SPAN_FIELDS:
        raise ConfigError(f"evidence must be one of {', '.join(SPAN_FIELDS)}", path, item.lines["evidence"])
    info = RuleInfo(id=rid, signal=_text(item, "signal", path), severity=Severity(severity), weight=weight,
                    message=_text(item, "message", path), rationale=_text(item, "rationale", path),
                    standard=_text(item, "standard", path), path=_display(path), line=item.line)
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


class _Compiler:
    """Turns a condition mapping into a function of a Context returning a Span (match) or None."""

    def __init__(self, path: str, lexicon: LanguagePack, scope: str):
        self.path, self.lexicon, self.scope = path, lexicon, scope

    def fail(self, message: str, line: int | None):
        raise ConfigError(message, self.path, line)

    def pattern(self, source: str, line: int):
        """A user's pattern, case-insensitive, compiled so that matching takes linear time."""
        try:
            return compile_pattern(source)
        except ValueError as exc:
            self.fail(str(exc), line)

    def compile(self, node, line: int) -> Condition:
        if not isinstance(node, YamlMap) or not node:
            self.fail("a condition must be a mapping (field, phrase, pattern, actor, all, any or not)", line)
        line = node.line
        if "all" in node or "any" in node:
            key = "all" if "all" in node else "any"
            check_keys(node, frozenset({key}), self.path, f"an '{key}' condition")
            items = node[key]
            if not isinstance(items, YamlList) or not items:
                self.fail(f"'{key}' takes a non-empty list of conditions", line)
            parts = [self.compile(c, items.lines[i]) for i, c in enumerate(items)]
            return _all(parts) if key == "all" else _any(parts)
        if "not" in node:
            check_keys(node, frozenset({"not"}), self.path, "a 'not' condition")
            inner = self.compile(node["not"], node.lines["not"])
            return lambda ctx: None if inner(ctx) is not None else MATCHED
        if "field" in node:
            return self._field(node)
        if "phrase" in node or "pattern" in node:
            return self._text(node)
        if "actor" in node:
            return self._actor(node)
        self.fail(f"unknown condition type (keys: {', '.join(node)}); use field, phrase, pattern, actor, all, any "
                  "or not", line)

    def _field(self, node: YamlMap) -> Condition:
        name = node["field"]
        tests = [k for k in node if k != "field"]
        check_keys(node, frozenset({"field", *FIELD_TESTS}), self.path, "a field condition")
        if len(tests) != 1:
            self.fail(f"a field condition takes exactly one test of {', '.join(FIELD_TESTS)}", node.line)
        if name not in FIELDS:
            self.fail(f"unknown field '{name}' (known: {', '.join(sorted(FIELDS))})", node.lines["field"])
        if name.startswith("corroboration.") and self.scope != "corpus":
            self.fail(f"'{name}' is only known after corroboration: give the rule 'scope: corpus'", node.lines["field"])
        test, want = tests[0], node[tests[0]]
        get = FIELDS[name]
        want = _coerce(want)
        if test == "matches":
            rx = self.pattern(str(want), node.lines[test])
            check = lambda v: v is not None and rx.search(str(v)) is not None  # noqa: E731
        elif test in ("in", "not_in"):
            if not isinstance(want, list):
                self.fail(f"'{test}' takes a list", node.lines[test])
            check = (lambda v: v in want) if test == "in" else (lambda v: v not in want)
        else:
            check = {
                "equals": lambda v: v == want,
                "exists": lambda v: (v is not None) == bool(want),
                "gte": lambda v: v is not None and v >= want,
                "lte": lambda v: v is not None and v <= want,
                "contains": lambda v: v is not None and want in v,
                "empty": lambda v: (not v) == bool(want),
            }[test]
        span_of = name if name in SPAN_FIELDS else None

        def condition(ctx: Context) -> Span | None:
            if not check(get(ctx)):
                return None
            return (_field_span(ctx.claim, span_of) if span_of else None) or MATCHED
        condition.cost = 0
        return condition

    def _text(self, node: YamlMap) -> Condition:
        key = "phrase" if "phrase" in node else "pattern"
        check_keys(node, frozenset({key, "in"}), self.path, f"a {key} condition")
        scope = node.get("in", "claim")
        if scope not in PHRASE_SCOPES:
            self.fail(f"'in' must be one of {', '.join(PHRASE_SCOPES)}", node.lines["in"])
        value = node[key]
        if key == "phrase":
            if isinstance(value, YamlMap) and set(value) == {"lexicon"}:
                phrases = self.lexicon.get(value["lexicon"])
                if not isinstance(phrases, list):
                    self.fail(f"unknown lexicon list '{value['lexicon']}'", node.lines[key])
            elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                phrases = value
            else:
                self.fail("phrase takes a list of phrases or {lexicon: NAME}", node.lines[key])
            rx = re.compile(phrase_pattern(phrases), re.IGNORECASE)   # generated, with lookbehind: `re`
        else:
            rx = self.pattern(str(value), node.lines[key])

        def condition(ctx: Context) -> Span | None:
            claim = ctx.claim
            if scope == "claim":
                m = rx.search(claim.text)
                return Span(claim.start + m.start(), claim.start + m.end(), m.group()) if m else None
            if scope == "context":
                return MATCHED if rx.search(ctx.neighbours) else None
            for a, b in ctx.doc.regions:
                m = rx.search(ctx.doc.text, a, b)
                if m:
                    return Span(m.start(), m.end(), m.group())
            return None
        condition.cost = 2
        return condition

    def _actor(self, node: YamlMap) -> Condition:
        check_keys(node, frozenset({"actor", "is"}), self.path, "an actor condition")
        which, test = node["actor"], node.get("is")
        if which not in ACTOR_FIELDS:
            self.fail(f"actor takes one of {', '.join(ACTOR_FIELDS)}", node.lines["actor"])
        if test not in ACTOR_TESTS:
            self.fail(f"'is' must be one of {', '.join(ACTOR_TESTS)}", node.line)

        def holds(reg: Registry, name: str | None):
            actor = reg.lookup(name) if name else None
            if actor is None:
                return None
            ok = {"party": reg.is_party, "affiliated": reg.is_affiliated_outlet,
                  "outlet": lambda a: a.kind == "outlet"}[test](actor)
            return actor if ok else None

        def condition(ctx: Context) -> Span | None:
            claim = ctx.claim
            if which == "attribution.via":
                for name, span in zip(claim.attribution.via, claim.attribution.via_spans):
                    actor = holds(ctx.registry, name)
                    if actor:
                        ctx.note = _describe(actor)
                        return span
                return None
            name = claim.attribution.actor if which == "attribution.actor" else ctx.doc.outlet
            actor = holds(ctx.registry, name)
            if actor is None:
                return None
            ctx.note = _describe(actor)
            return (claim.attribution.source_span if which == "attribution.actor" else None) or MATCHED
        return condition


def compile_pattern(source: str):
    """A case-insensitive pattern from a user's rule: RE2 when installed (linear time; no lookaround or
    backreferences), else `re` after rejecting nested repeats. Raises ValueError with the reason."""
    try:
        re.compile(source)
    except re.error as exc:
        raise ValueError(f"invalid regular expression: {exc}") from None
    if re2 is not None:
        options = re2.Options()
        options.case_sensitive = False
        options.log_errors = False
        try:
            return re2.compile(source, options)
        except re2.error as exc:
            reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
            raise ValueError(f"pattern not supported by RE2 ({reason}): lookaround and backreferences can "
                             "take exponential time; express exclusions with an unless or not condition") from None
    if _nested_repeat(source):
        raise ValueError("pattern repeats a group that repeats or has alternatives (or uses a backreference), "
                         "which can take exponential time; install google-re2 or simplify the pattern")
    return re.compile(source, re.IGNORECASE)


def _nested_repeat(source: str) -> bool:
    """Whether an unbounded repeat contains another repeat or alternatives, or the pattern has a
    backreference: the shapes of catastrophic backtracking."""
    from re import _parser as sre          # the stdlib's own regex parser (Python 3.11+)

    repeats = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)

    def walk(items, inside: bool) -> bool:
        for op, arg in items:
            if op in repeats:
                _, high, sub = arg
                if inside or walk(sub, high == sre.MAXREPEAT or high > 1):
                    return True
            elif op == sre.BRANCH:
                if inside or any(walk(b, inside) for b in arg[1]):
                    return True
            elif op == sre.SUBPATTERN and walk(arg[-1], inside):
                return True
            elif op in (sre.ASSERT, sre.ASSERT_NOT) and walk(arg[1], inside):
                return True
            elif op in (sre.GROUPREF, sre.GROUPREF_EXISTS):
                return True
        return False

    return walk(sre.parse(source), False)


def _all(parts: list[Condition]) -> Condition:
    """All parts hold; cheap tests run first, the evidence is the first part (in rule order) with a span."""
    order = sorted(range(len(parts)), key=lambda i: getattr(parts[i], "cost", 1))

    def condition(ctx: Context) -> Span | None:
        spans: list[Span | None] = [None] * len(parts)
        for i in order:
            span = parts[i](ctx)
            if span is None:
                return None
            spans[i] = span
        return next((s for s in spans if s is not MATCHED), MATCHED)
    condition.cost = max((getattr(p, "cost", 1) for p in parts), default=1)
    return condition


def _any(parts: list[Condition]) -> Condition:
    def condition(ctx: Context) -> Span | None:
        for part in parts:
            span = part(ctx)
            if span is not None:
                return span
        return None
    return condition


# -- fields a rule can read --------------------------------------------------------------------------

def _figures(c: Claim):
    return [q for q in c.quantities if q.kind in FIGURE_KINDS and not q.vague]


FIELDS: dict[str, Callable[[Context], object]] = {
    "text": lambda x: x.claim.text,
    "is_headline": lambda x: x.claim.is_headline,
    "hedged": lambda x: x.claim.hedged,
    "attribution.kind": lambda x: x.claim.attribution.kind,
    "attribution.source": lambda x: x.claim.attribution.source,
    "attribution.cue": lambda x: x.claim.attribution.cue,
    "attribution.via": lambda x: x.claim.attribution.via,
    "attribution.via_count": lambda x: len(x.claim.attribution.via),
    "attribution.actor": lambda x: x.claim.attribution.actor,
    "attribution.inherited": lambda x: x.claim.attribution.inherited,
    "attribution.anonymity.role_given": lambda x: _anon(x, "role_given"),
    "attribution.anonymity.reason_given": lambda x: _anon(x, "reason_given"),
    "attribution.anonymity.affiliation": lambda x: _anon(x, "affiliation"),
    "attribution.anonymity.plural": lambda x: _anon(x, "plural"),
    "figures": lambda x: len(_figures(x.claim)),
    "vague_quantities": lambda x: sum(q.vague for q in x.claim.quantities),
    "document.outlet": lambda x: x.doc.outlet,
    "document.published": lambda x: x.doc.published,
    "corroboration.status": lambda x: x.claim.corroboration.status,
    "corroboration.independent_origins": lambda x: x.claim.corroboration.independent_origins,
    "corroboration.party_only": lambda x: x.claim.corroboration.party_only,
    "corroboration.links": lambda x: len(x.claim.corroboration.links),
}
SPAN_FIELDS = ("attribution.source", "attribution.cue", "attribution.via", "figures", "text")


def _anon(ctx: Context, name: str):
    anonymity = ctx.claim.attribution.anonymity
    return getattr(anonymity, name) if anonymity else None


def _field_span(claim: Claim, name: str | None) -> Span | None:
    a = claim.attribution
    if name == "attribution.source":
        return a.source_span
    if name == "attribution.cue":
        return a.cue_span
    if name == "attribution.via":
        return a.via_spans[0] if a.via_spans else None
    if name == "figures":
        figures = _figures(claim)
        return Span(figures[0].start, figures[0].end, figures[0].text) if figures else None
    if name == "text":
        return Span(claim.start, claim.end, claim.text)
    return None


def _describe(actor) -> str:
    """The registry facts behind a tag, with their evidence: "Al Jazeera (state; owner: ...; source, date)"."""
    facts = [actor.ownership, f"owner: {actor.owner}" if actor.owner else None,
             ", ".join(f"{role} in {c}" for c, role in actor.roles.items() if role != "none") or None]
    cites = "; ".join(f"{e.get('source')}, {e.get('date')}" for e in actor.evidence[:2])
    text = ", ".join(f for f in facts if f)
    return f"{actor.name} ({text}{'; ' + cites if cites else ''})"


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


def _coerce(value):
    """YAML scalars arrive as text: turn 'true', '3', '0.5' into their values."""
    if isinstance(value, list):
        return [_coerce(v) for v in value]
    if not isinstance(value, str):
        return value
    low = value.lower()
    if low in ("true", "false"):
        return low == "true"
    if low in ("null", "~"):
        return None
    try:
        return float(value) if "." in value else int(value)
    except ValueError:
        return value


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


def _display(path: str) -> str:
    p = Path(path).resolve()
    for base in (RULES_DIR.parent, Path.cwd()):
        try:
            return p.relative_to(base).as_posix()
        except ValueError:
            continue
    return path
