"""Rule condition types: one class per type, registered under the key that names it in a rule.

Each type carries the JSON Schema of its mapping (assembled into rules/rule.schema.json by
schema.py), a short example, and how it compiles a condition mapping into a function of a Context that returns the matched Span,
MATCHED (a match with no span of its own) or None. Every module of this package is imported with it,
so adding a type is adding a module:

    @register
    class Quote(ConditionType):
        key = "quote"
        ...
"""
from __future__ import annotations

import pkgutil
from collections.abc import Callable
from importlib import import_module
from typing import Any, ClassVar, NoReturn

import yaml

from audit.errors import ConfigError
from audit.language import LanguagePack, lower_aligned
from audit.models import Claim, Document, Span
from audit.registry import Registry
from audit.yamlio import YamlMap, check_keys

from .regex import compile_pattern


class Context:
    """What a condition can see: the claim, its neighbours, its document and the registry."""

    __slots__ = ("claim", "doc", "neighbours", "registry", "note", "_lowered", "_document")

    def __init__(self, claim: Claim, doc: Document, neighbours: str, registry: Registry,
                 document: dict[str, str] | None = None):
        self.claim, self.doc, self.neighbours, self.registry = claim, doc, neighbours, registry
        self.note: str | None = None              # registry evidence picked up by an actor test
        self._lowered: dict[str, str] = {}
        self._document = {} if document is None else document   # shared by the contexts of one document

    def lowered(self, scope: str) -> str:
        """The claim's text, its neighbours' or its document's in lower case, offset for offset (lowered once:
        every phrase condition searches these)."""
        cache = self._document if scope == "document" else self._lowered
        low = cache.get(scope)
        if low is None:
            text = self.claim.text if scope == "claim" else self.neighbours if scope == "context" else self.doc.text
            low = cache[scope] = lower_aligned(text)
        return low


MATCHED = Span(-1, -1, "")                        # a match with no span of its own
Condition = Callable[[Context], Span | None]


def costed(condition: Condition, cost: int) -> Condition:
    """Note how dear a condition is to test (0 a field, 1 by default, 2 a text search), so that `all`
    tries the cheap parts first."""
    setattr(condition, "cost", cost)
    return condition


def cost_of(condition: Condition) -> int:
    return getattr(condition, "cost", 1)


class ConditionType:
    """A kind of condition: the key that names it, the properties of its mapping (the keys it takes,
    as JSON Schema), an example in YAML, and how it compiles."""
    key: ClassVar[str]
    label: ClassVar[str]                          # "a field condition", for messages
    properties: ClassVar[dict[str, Any]]
    required: ClassVar[tuple[str, ...]] = ()      # besides the key
    constraints: ClassVar[dict[str, Any]] = {}    # further JSON Schema keywords for the mapping
    example: ClassVar[str]

    @property
    def name(self) -> str:
        """Its name under the schema's $defs."""
        return f"{self.key}Condition"

    def schema(self) -> dict[str, Any]:
        """The JSON Schema of its mapping, with the example."""
        return {"type": "object", "additionalProperties": False, "required": [self.key, *self.required],
                **self.constraints, "properties": self.properties, "examples": [yaml.safe_load(self.example)]}

    def check_keys(self, node: YamlMap, compiler: Compiler) -> None:
        check_keys(node, frozenset(self.properties), compiler.path, self.label)

    def compile(self, node: YamlMap, compiler: Compiler) -> Condition:
        raise NotImplementedError


TYPES: dict[str, ConditionType] = {}


def register(cls: type[ConditionType]) -> type[ConditionType]:
    """Make a condition type known by its key (a class decorator)."""
    TYPES[cls.key] = cls()
    return cls


class Compiler:
    """Turns one rule's condition mappings into Conditions, dispatching on the first key that names a type."""

    def __init__(self, path: str, lexicon: LanguagePack, scope: str):
        self.path, self.lexicon, self.scope = path, lexicon, scope

    def fail(self, message: str, line: int | None) -> NoReturn:
        raise ConfigError(message, self.path, line)

    def pattern(self, source: str, line: int):
        """A user's pattern, case-insensitive, compiled so that matching takes linear time."""
        try:
            return compile_pattern(source)
        except ValueError as exc:
            self.fail(str(exc), line)

    def compile(self, node: object, line: int) -> Condition:
        if not isinstance(node, YamlMap) or not node:
            self.fail(f"a condition must be a mapping ({_keys()})", line)
        kind = next((TYPES[key] for key in node if key in TYPES), None)
        if kind is None:
            self.fail(f"unknown condition type (keys: {', '.join(node)}); use {_keys()}", node.line)
        return kind.compile(node, self)


def _keys() -> str:
    *rest, last = sorted(TYPES)
    return f"{', '.join(rest)} or {last}"


for _module in pkgutil.iter_modules(__path__):
    if not _module.name.startswith("_"):
        import_module(f"{__name__}.{_module.name}")
