"""YAML read once into dicts and lists that remember the line of every key and item.

Registry files, rule files, lexicons, front matter and metadata sidecars are all read here, so an
error anywhere can name `file:line`, and the work is bounded everywhere: anchors, aliases and merge keys
are refused (none of these files needs them, and refusing is simpler than bounding what they expand
to: a "billion laughs" or a recursive alias), as are explicit tags other than `!!str`, nesting deeper
than MAX_DEPTH and numbers longer than Python converts.
"""
from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from audit.errors import AuditError, ConfigError, ConfigErrors


class YamlMap(dict[str, Any]):
    """A YAML mapping remembering its own line and the line of each key."""
    __slots__ = ("line", "lines")
    line: int
    lines: dict[str, int]


class YamlList(list[Any]):
    """A YAML sequence remembering its own line and the line of each item."""
    __slots__ = ("line", "lines")
    line: int
    lines: list[int]


MAX_DEPTH = 50                  # nested mappings and lists; the built-in files use under 10
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_OPEN, _CLOSE = (yaml.MappingStartEvent, yaml.SequenceStartEvent), (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_CONSTRUCTOR = SafeConstructor()
# Typed scalars: what YAML's safe schema reads, except that dates stay text.
_TYPED = {f"tag:yaml.org,2002:{name}": getattr(SafeConstructor, f"construct_yaml_{name}")
          for name in ("bool", "int", "float")}


def read_yaml(text: str, path: str, error: type[AuditError] = ConfigError, first_line: int = 1,
              typed: bool = False):
    """Parse one YAML document into dicts, lists and scalars (None for null) that carry line numbers.

    Scalars are text unless `typed`, when booleans and numbers are read as such."""
    try:
        _check_bounded(text, path, error, first_line)
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if mark is None or mark.index >= len(text.rstrip()):      # at the end: say where it began
            mark = getattr(exc, "context_mark", None) or mark
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise error(f"invalid YAML: {problem}", path, mark.line + first_line if mark else None) from None
    return None if node is None else _Reader(path, error, first_line, typed).read(node)


def _check_bounded(text: str, path: str, error: type[AuditError], first_line: int) -> None:
    """Refuse anchors, aliases, explicit tags and deep nesting, from the parser's events (which libyaml
    makes without recursion), before anything is composed."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        line = (event.start_mark.line if event.start_mark else 0) + first_line
        tag = getattr(event, "tag", None)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise error("YAML anchors and aliases (&name, *name) are not supported: write the value out",
                        path, line)
        if tag not in (None, _STR):
            raise error(f"YAML tags such as '{tag.replace('tag:yaml.org,2002:', '!!')}' are not supported",
                        path, line)
        if isinstance(event, _OPEN):
            depth += 1
            if depth > MAX_DEPTH:
                raise error(f"YAML nested deeper than {MAX_DEPTH} levels", path, line)
        elif isinstance(event, _CLOSE):
            depth -= 1


class _Reader:
    """Turns composed YAML nodes into YamlMap, YamlList and scalars."""

    def __init__(self, path: str, error: type[AuditError], first_line: int, typed: bool):
        self.path, self.error, self.first_line, self.typed = path, error, first_line, typed

    def read(self, node: yaml.Node):
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node)
        if isinstance(node, yaml.SequenceNode):
            out = YamlList(self.read(item) for item in node.value)
            out.line, out.lines = self._line(node), [self._line(item) for item in node.value]
            return out
        if node.tag.endswith(":null"):
            return None
        construct = _TYPED.get(node.tag) if self.typed else None
        try:
            return construct(_CONSTRUCTOR, node) if construct else node.value
        except ValueError:          # an integer of more digits than Python converts (4,300)
            raise self.error(f"number too long: '{node.value[:20]}...'", self.path, self._line(node)) from None

    def _mapping(self, node: yaml.MappingNode) -> YamlMap:
        out = YamlMap()
        out.line, out.lines = self._line(node), {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            key_line = self._line(key_node)
            if not isinstance(key, str) or key_node.tag.endswith(":null"):
                raise self.error("mapping keys must be plain text", self.path, key_line)
            if key_node.tag.endswith(":merge"):
                raise self.error("YAML merge keys (<<) are not supported: write the keys out", self.path, key_line)
            if key in out:
                raise self.error(f"duplicate key '{key}'", self.path, key_line)
            out[key] = self.read(value_node)
            out.lines[key] = key_line
        return out

    def _line(self, node: yaml.Node) -> int:
        return node.start_mark.line + self.first_line


def plain(data):
    """The same data as plain dicts and lists (for dumping), without line numbers."""
    if isinstance(data, dict):
        return {key: plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [plain(item) for item in data]
    return data


def check_keys(mapping: YamlMap, allowed: frozenset[str], path: str, what: str) -> None:
    """Reject keys outside `allowed`, naming the line of every unknown key and the known key it may
    be a misspelling of."""
    import difflib

    known = ", ".join(sorted(allowed))
    unknown = []
    for key in mapping:
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.75)
            hint = f"did you mean '{close[0]}'?" if close else f"known keys: {known}"
            unknown.append(ConfigError(f"unknown key '{key}' in {what} ({hint})", path, mapping.lines[key]))
    if unknown:
        raise unknown[0] if len(unknown) == 1 else ConfigErrors(unknown)


def misspelt(mapping: YamlMap, key: str) -> bool:
    """Whether a key of `mapping` looks like a misspelling of `key` (reported as unknown, with the hint)."""
    import difflib

    return bool(difflib.get_close_matches(key, [k for k in mapping if isinstance(k, str)], n=1, cutoff=0.75))
