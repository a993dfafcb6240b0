"""Configuration: `[tool.audit]` in pyproject.toml, or a standalone `audit.toml` / `.audit.toml`.

The file is found by walking up from the current folder; in one folder audit.toml wins over
.audit.toml, which wins over a pyproject.toml with a [tool.audit] table. Paths and globs in the file
are relative to its folder. Command-line flags override it. Unknown keys are errors naming file:line.

    select = ["anonymous", "second_hand"]    # rule ids or id prefixes; default: every rule
    ignore = ["anonymous_bare_descriptor"]   # the longer (more specific) of select/ignore wins
    rules = ["house-rules"]                  # extra rule folders
    registry = ["registry-extra"]            # extra registry folders
    db = "sqlite:///.audit/audit.db"
    keep-runs = 10                           # the store keeps the newest 10 runs (default: all)
    fail-level = "warning"                   # info | warning | error
    fail-under = 60                          # fail when a claim scores under this
    [severity]
    anonymous_source = "error"
    [weight]
    anonymous_source = 0.4
    [[overrides]]
    paths = ["drafts/**"]
    ignore = ["unattributed"]
    [limits]                                 # see audit/limits.py for the defaults
    file-mb = 64
    document-chars = 5_000_000
    line-chars = 2_000_000
    seconds = 30                             # per article

(In pyproject.toml, the same keys under [tool.audit], [tool.audit.severity], [[tool.audit.overrides]].)
"""
from __future__ import annotations

import dataclasses
import difflib
import hashlib
import json
import os
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .limits import NAMES as LIMIT_KEYS
from .limits import Limits
from .models import Severity

FILENAMES = ("audit.toml", ".audit.toml", "pyproject.toml")
KEYS = ("select", "ignore", "rules", "registry", "db", "keep-runs", "fail-level", "fail-under", "severity",
        "weight", "overrides", "limits")
OVERRIDE_KEYS = ("paths", "select", "ignore")
DEFAULT_DB = "sqlite:///.audit/audit.db"


@dataclass(slots=True)
class Override:
    paths: list[str]
    select: list[str] | None
    ignore: list[str]
    patterns: list[re.Pattern] = field(default_factory=list)


@dataclass
class Config:
    """The effective configuration; `origins` says where each value came from."""
    path: Path | None = None                  # the file read, if any
    root: Path = field(default_factory=Path.cwd)   # its folder: paths and globs are relative to it
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    rules: list[Path] = field(default_factory=list)
    registry: list[Path] = field(default_factory=list)
    db: str | None = None
    keep_runs: int | None = None              # runs the store keeps after each save (None: all)
    fail_level: Severity = Severity.ERROR
    fail_under: float | None = None
    severity: dict[str, Severity] = field(default_factory=dict)
    weight: dict[str, float] = field(default_factory=dict)
    overrides: list[Override] = field(default_factory=list)
    limits: Limits = field(default_factory=Limits)
    origins: dict[str, str] = field(default_factory=dict)
    lines: dict[tuple, int] = field(default_factory=dict)

    # -- values from the command line ---------------------------------------------------------------

    def override(self, key: str, value: Any, flag: str) -> None:
        """A command-line flag's value, when given, replaces the file's."""
        if value is None or value == []:
            return
        if key in ("select", "ignore"):
            value = [v.strip() for item in value for v in item.split(",") if v.strip()]
        if key in ("rules", "registry"):
            value = [Path(v) for v in value]
        setattr(self, key.replace("-", "_"), value)
        self.origins[key] = flag

    def origin(self, key: str) -> str:
        return self.origins.get(key, "default")

    # -- rules ------------------------------------------------------------------------------------

    def check_rule_ids(self, rule_ids: list[str]) -> None:
        """Every rule id or prefix named in the configuration names at least one loaded rule."""
        named: list[tuple[str, str, tuple]] = []
        for key in ("select", "ignore"):
            named += [(key, r, (key,)) for r in getattr(self, key) or []]
        for key in ("severity", "weight"):
            named += [(key, r, (key, r)) for r in getattr(self, key)]
        for i, o in enumerate(self.overrides):
            named += [("overrides", r, ("overrides", i)) for r in (o.select or []) + o.ignore]
        for key, name, where in named:
            if not any(rid == name or rid.startswith(name) for rid in rule_ids):
                close = difflib.get_close_matches(name, rule_ids, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else " (see `audit rules list`)"
                self.fail(f"'{key}': no rule id is or starts with '{name}'{hint}", key, where)

    def apply_rules(self, ruleset):
        """The rule set with select/ignore, severity and weight applied (digest updated for the cache)."""
        from .rules import RuleSet

        self.check_rule_ids([r.id for r in ruleset.rules])
        kept = []
        for rule in ruleset.rules:
            if not self.enabled(rule.id) and not any(self.enabled(rule.id, [o]) for o in self.overrides):
                continue
            info = rule.info
            severity, weight = _lookup(self.severity, rule.id), _lookup(self.weight, rule.id)
            if severity is not None or weight is not None:
                info = dataclasses.replace(info, severity=severity or info.severity,
                                           weight=info.weight if weight is None else weight)
                rule = dataclasses.replace(rule, info=info)
            kept.append(rule)
        settings = json.dumps([self.select, self.ignore, self.severity, self.weight,
                               [(o.paths, o.select, o.ignore) for o in self.overrides]], sort_keys=True)
        return RuleSet(kept, hashlib.sha256((ruleset.digest + settings).encode()).hexdigest())

    def enabled(self, rule_id: str, overrides: Sequence[Override] = ()) -> bool:
        """Whether a rule runs, globally or under the given per-path overrides (later ones win)."""
        select, ignore = self.select, list(self.ignore)
        for o in overrides:
            select = o.select if o.select is not None else select
            ignore += o.ignore
        return _enabled(rule_id, select, ignore)

    def drop_by_path(self, documents, claims) -> None:
        """Remove findings of rules that per-path overrides turn off for a document."""
        if not self.overrides:
            return
        docs = {d.id: d for d in documents}
        matching: dict[str, list[Override]] = {}
        for claim in claims:
            path = docs[claim.document].path
            if path not in matching:
                matching[path] = self.overrides_for(path)
            if matching[path]:
                claim.findings = [f for f in claim.findings if self.enabled(f.rule, matching[path])]

    def overrides_for(self, path: str) -> list[Override]:
        rel = Path(os.path.relpath(Path(path).resolve(), self.root.resolve())).as_posix()
        return [o for o in self.overrides if any(p.fullmatch(rel) for p in o.patterns)]

    # -- errors -----------------------------------------------------------------------------------

    def fail(self, message: str, key: str, where: tuple | None = None) -> None:
        origin = self.origin(key)
        if self.path is None or origin.startswith("-"):
            raise ConfigError(f"{origin}: {message}" if origin.startswith("-") else message)
        raise ConfigError(message, _shown(self.path), self.line(where or (key,)))

    def line(self, where: tuple) -> int | None:
        while where:
            if where in self.lines:
                return self.lines[where]
            where = where[:-1]
        return None

    # -- display ----------------------------------------------------------------------------------

    def describe(self, rule_ids: list[str] | None = None) -> str:
        """The effective configuration as TOML, each value followed by where it came from."""
        def q(value) -> str:
            if isinstance(value, list):
                return "[" + ", ".join(q(v) for v in value) + "]"
            if isinstance(value, Path):
                value = _shown(value)
            if isinstance(value, str):
                return json.dumps(value, ensure_ascii=False)
            return f"{value:g}" if isinstance(value, float) else str(value)

        def row(text: str, origin: str) -> str:
            return f"{text:<52} # {origin}"

        source = f"{_shown(self.path)}" + (" [tool.audit]" if self.path.name == "pyproject.toml" else "") \
            if self.path else "none found (defaults)"
        out = [f"# configuration file: {source}"]
        if rule_ids is not None:
            on = [r for r in rule_ids if self.enabled(r)]
            out.append(f"# rules enabled: {len(on)} of {len(rule_ids)}")
        out += [
            row(f"select = {q(self.select)}", self.where("select")) if self.select is not None
            else row("# select = [...]", "default: every rule"),
            row(f"ignore = {q(self.ignore)}", self.where("ignore")),
            row(f"rules = {q(self.rules)}", self.where("rules")),
            row(f"registry = {q(self.registry)}", self.where("registry")),
            row(f"db = {q(self.db or DEFAULT_DB)}", self.where("db")),
            row(f"keep-runs = {self.keep_runs}", self.where("keep-runs")) if self.keep_runs is not None
            else row("# keep-runs = N", "default: every run"),
            row(f"fail-level = {q(self.fail_level)}", self.where("fail-level")),
            row(f"fail-under = {q(self.fail_under) if self.fail_under is not None else 0}",
                self.where("fail-under", "no score threshold")),
        ]
        for table in ("severity", "weight"):
            out += ["", row(f"[{table}]", self.where(table))]
            for rid, value in getattr(self, table).items():
                out.append(row(f"{rid} = {q(value)}", self.where(table, key=(table, rid))))
        out += ["", row("[limits]", self.where("limits"))]
        out += [f"{name} = {q(getattr(self.limits, name.replace('-', '_')))}" for name in LIMIT_KEYS]
        for i, o in enumerate(self.overrides):
            out += ["", row("[[overrides]]", self.where("overrides", key=("overrides", i))),
                    f"paths = {q(o.paths)}"]
            if o.select is not None:
                out.append(f"select = {q(o.select)}")
            out.append(f"ignore = {q(o.ignore)}")
        return "\n".join(out)

    def where(self, name: str, default: str = "default", key: tuple | None = None) -> str:
        origin = self.origin(name)
        if origin == "default":
            return default if default == "default" else f"default: {default}"
        if origin == "file" and self.path is not None:
            line = self.line(key or (name,))
            return f"{_shown(self.path)}:{line}" if line else _shown(self.path)
        return origin


# -- loading ---------------------------------------------------------------------------------------

def find_config(start: Path | None = None) -> tuple[Path, tuple[str, ...]] | None:
    """The nearest configuration file from `start` upwards, and the table its settings live in."""
    folder = (start or Path.cwd()).resolve()
    for here in (folder, *folder.parents):
        for name in FILENAMES:
            candidate = here / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml":
                return candidate, ()
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                return candidate, ("tool", "audit")     # load_config reports the problem
            if "audit" in data.get("tool", {}):
                return candidate, ("tool", "audit")
    return None


def load_config(path: Path | None = None, *, isolated: bool = False) -> Config:
    """The configuration from `path`, else the nearest file found, else the defaults."""
    if isolated:
        return Config()
    if path is not None:
        if not path.is_file():
            raise ConfigError("configuration file not found", str(path))
        table: tuple[str, ...] = ("tool", "audit") if path.name == "pyproject.toml" else ()
    else:
        found = find_config()
        if found is None:
            return Config()
        path, table = found
    shown = _shown(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError("not valid UTF-8", shown) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", shown) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", message)
        line = int(m.group(1)) if m else None
        message = re.sub(r"\s*\(at line \d+, column (\d+)\)", r" (column \1)", message) if m else message
        raise ConfigError(f"invalid TOML: {message}", shown, line) from None
    except RecursionError:          # tomllib recurses once per nested array or inline table
        raise ConfigError("invalid TOML: nested too deeply", shown) from None
    for part in table:
        data = data.get(part, {})
    config = Config(path=path, root=path.parent.resolve(), lines=_key_lines(text, table))
    _read(config, data)
    return config


def _read(config: Config, data: dict) -> None:
    if not isinstance(data, dict):
        config.fail("[tool.audit] must be a table", "")
    for key, value in data.items():
        if key not in KEYS:
            close = difflib.get_close_matches(key.replace("_", "-"), KEYS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(KEYS)}"
            config.origins[key] = "file"
            config.fail(f"unknown key '{key}' ({hint})", key)
        config.origins[key] = "file"
        if key in ("select", "ignore"):
            setattr(config, key, _strings(config, key, value))
        elif key in ("rules", "registry"):
            setattr(config, key, [config.root / p for p in _strings(config, key, value)])
        elif key == "db":
            config.db = _db_url(config, _string(config, key, value))
        elif key == "keep-runs":
            config.keep_runs = _count(config, key, value)
        elif key == "fail-level":
            config.fail_level = _severity(config, key, value)
        elif key == "fail-under":
            config.fail_under = _number(config, key, value, 0, 100)
        elif key == "severity":
            config.severity = {rid: _severity(config, key, v, (key, rid)) for rid, v in _table(
                config, key, value).items()}
        elif key == "weight":
            config.weight = {rid: _number(config, key, v, 0, 1, (key, rid)) for rid, v in _table(
                config, key, value).items()}
        elif key == "overrides":
            config.overrides = _overrides(config, value)
        elif key == "limits":
            config.limits = _limits(config, value)


def _limits(config: Config, value: Any) -> Limits:
    if not isinstance(value, dict):
        config.fail("'limits' must be a table ([limits])", "limits")
    for key in value:
        if key not in LIMIT_KEYS:
            config.fail(f"unknown key '{key}' in [limits] (known keys: {', '.join(LIMIT_KEYS)})", "limits",
                        ("limits", key))
    values: dict[str, Any] = {}
    for key, number in value.items():
        name = key.replace("-", "_")
        values[name] = _number(config, "limits", number, 0.001, 1e12, ("limits", key))
        if name.endswith("chars"):
            values[name] = int(values[name])
    return Limits(**values)


def _overrides(config: Config, value: Any) -> list[Override]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        config.fail("'overrides' must be an array of tables ([[overrides]])", "overrides")
    out = []
    for i, item in enumerate(value):
        where = ("overrides", i)
        for key in item:
            if key not in OVERRIDE_KEYS:
                config.fail(f"unknown key '{key}' in an override (known keys: {', '.join(OVERRIDE_KEYS)})",
                            "overrides", (*where, key))
        if "paths" not in item:
            config.fail("an override needs 'paths' (globs relative to the configuration file)", "overrides", where)
        paths = _strings(config, "overrides", item["paths"], (*where, "paths"))
        select = _strings(config, "overrides", item["select"], (*where, "select")) if "select" in item else None
        ignore = _strings(config, "overrides", item.get("ignore", []), (*where, "ignore"))
        out.append(Override(paths, select, ignore, [glob_regex(p) for p in paths]))
    return out


def glob_regex(pattern: str) -> re.Pattern:
    """A path glob as a regex: `**` any folders, `*` and `?` within a name; a pattern without `/`
    matches the file name in any folder, and one ending in `/` everything below that folder."""
    pattern = pattern.strip().removeprefix("./")
    if pattern.endswith("/"):
        pattern += "**"
    if "/" not in pattern:
        pattern = "**/" + pattern
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out))


def _enabled(rule_id: str, select: list[str] | None, ignore: list[str]) -> bool:
    """Selected unless a longer (more specific) ignore entry matches; ties go to ignore."""
    def best(entries) -> int:
        return max((len(e) for e in entries if rule_id == e or rule_id.startswith(e)), default=-1)

    chosen = 0 if select is None else best(select)
    return chosen >= 0 and chosen > best(ignore)


def _lookup(table: dict, rule_id: str):
    keys = [k for k in table if rule_id == k or rule_id.startswith(k)]
    return table[max(keys, key=len)] if keys else None


def _strings(config: Config, key: str, value: Any, where: tuple | None = None) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        config.fail(f"'{_label(key, where)}' must be a list of text", key, where)
    return [v.strip() for v in value]


def _label(key: str, where: tuple | None) -> str:
    """The name of a setting as written, a nested one with its table ("limits.file-mb")."""
    return ".".join(str(w) for w in where if not isinstance(w, int)) if where else key


def _string(config: Config, key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        config.fail(f"'{key}' must be text", key)
    return value.strip()


def _severity(config: Config, key: str, value: Any, where: tuple | None = None) -> Severity:
    if value not in tuple(Severity):
        config.fail(f"'{_label(key, where)}' must be one of {', '.join(Severity)}, not {value!r}", key, where)
    return Severity(value)


def _number(config: Config, key: str, value: Any, low: float, high: float, where: tuple | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        config.fail(f"'{_label(key, where)}' must be a number from {low:g} to {high:g}, not {value!r}", key, where)
    return float(value)


def _count(config: Config, key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        config.fail(f"'{key}' must be a whole number of at least 1, not {value!r}", key)
    return value


def _table(config: Config, key: str, value: Any) -> dict:
    if not isinstance(value, dict):
        config.fail(f"'{key}' must be a table of rule ids ([{key}] or {key}.RULE = ...)", key)
    return value


def _db_url(config: Config, url: str) -> str:
    """A relative SQLite path is relative to the configuration file's folder."""
    prefix = "sqlite:///"
    rest = url[len(prefix):]
    if url.startswith(prefix) and rest and not rest.startswith("/") and rest != ":memory:":
        return prefix + (config.root / rest).as_posix()
    return url


def _shown(path: Path) -> str:
    """A path as the user would type it from here: relative when close by, else absolute."""
    rel = Path(os.path.relpath(Path(path).resolve(), Path.cwd().resolve()))
    return rel.as_posix() if rel.parts[:3].count("..") < 3 else str(Path(path).resolve())


# -- where keys are in the TOML text ----------------------------------------------------------------

_KEY = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_DOTTED = rf"{_KEY}(?:\s*\.\s*{_KEY})*"
_TABLE = re.compile(rf"^\s*\[\s*({_DOTTED})\s*\]")
_ARRAY_TABLE = re.compile(rf"^\s*\[\[\s*({_DOTTED})\s*\]\]")
_ASSIGN = re.compile(rf"^\s*({_DOTTED})\s*=")
_STRINGS = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'[^']*'")


def _split(dotted: str) -> tuple[str, ...]:
    return tuple(k.strip().strip("\"'") for k in re.findall(_KEY, dotted))


def _key_lines(text: str, table: tuple[str, ...]) -> dict[tuple, int]:
    """The line of every key under `table`, keyed by its path below it: ("severity", "x"),
    ("overrides", 0, "ignore"). Lines inside multi-line strings and arrays are skipped."""
    lines: dict[tuple, int] = {}
    current: tuple = ()
    counts: dict[tuple, int] = {}
    depth, in_string = 0, None

    def record(path: tuple, number: int) -> None:
        if path[:len(table)] == table and len(path) > len(table):
            lines.setdefault(path[len(table):], number)

    for number, line in enumerate(text.splitlines(), 1):
        if in_string:
            if in_string in line:
                in_string = None
            continue
        if depth == 0:
            if m := _ARRAY_TABLE.match(line):
                base = _split(m.group(1))
                counts[base] = counts.get(base, -1) + 1
                current = (*base, counts[base])
                record(base, number)
                record(current, number)
            elif m := _TABLE.match(line):
                current = _split(m.group(1))
                for i in range(len(table) + 1, len(current) + 1):
                    record(current[:i], number)
            elif m := _ASSIGN.match(line):
                path = (*current, *_split(m.group(1)))
                for i in range(len(table) + 1, len(path) + 1):
                    record(path[:i], number)
        for quote in ('"""', "'''"):
            if line.count(quote) % 2:
                in_string = quote
        body = _STRINGS.sub("", line).split("#", 1)[0]
        depth = max(depth + body.count("[") + body.count("{") - body.count("]") - body.count("}"), 0)
    return lines
