"""`all`, `any` and `not`: conditions composed of conditions."""
from __future__ import annotations

from typing import ClassVar

from audit.errors import Problems
from audit.models import Span
from audit.yamlio import YamlList, YamlMap

from . import MATCHED, Compiler, Condition, ConditionType, Context, cost_of, costed, register


def every(parts: list[Condition]) -> Condition:
    """All parts hold; cheap tests run first, the evidence is the first part (in rule order) with a span."""
    order = sorted(range(len(parts)), key=lambda i: cost_of(parts[i]))

    def condition(ctx: Context) -> Span | None:
        spans: list[Span | None] = [None] * len(parts)
        for i in order:
            span = parts[i](ctx)
            if span is None:
                return None
            spans[i] = span
        return next((s for s in spans if s is not MATCHED), MATCHED)
    return costed(condition, max((cost_of(p) for p in parts), default=1))


def first(parts: list[Condition]) -> Condition:
    """The first part that holds gives the evidence."""
    def condition(ctx: Context) -> Span | None:
        for part in parts:
            span = part(ctx)
            if span is not None:
                return span
        return None
    return condition


class _Several(ConditionType):
    """A non-empty list of conditions, combined."""
    combine: ClassVar[staticmethod[[list[Condition]], Condition]]

    def compile(self, node: YamlMap, compiler: Compiler) -> Condition:
        self.check_keys(node, compiler)
        items = node[self.key]
        if not isinstance(items, YamlList) or not items:
            compiler.fail(f"'{self.key}' takes a non-empty list of conditions", node.line)
        found = Problems()
        parts = [found.check(compiler.compile, c, items.lines[i]) for i, c in enumerate(items)]
        found.raise_any()
        return self.combine(parts)


def _list(description: str) -> dict:
    return {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/condition"}, "description": description}


@register
class AllCondition(_Several):
    key, label, combine = "all", "an 'all' condition", staticmethod(every)
    properties = {"all": _list("Every condition holds.")}
    example = "{all: [{field: attribution.kind, equals: anonymous}, {field: hedged, equals: true}]}"


@register
class AnyCondition(_Several):
    key, label, combine = "any", "an 'any' condition", staticmethod(first)
    properties = {"any": _list("At least one condition holds.")}
    example = "{any: [{field: attribution.kind, equals: none}, {field: attribution.inherited, equals: true}]}"


@register
class NotCondition(ConditionType):
    key = "not"
    label = "a 'not' condition"
    properties = {"not": {"$ref": "#/$defs/condition", "description": "The condition does not hold."}}
    example = "{not: {field: document.outlet, exists: true}}"

    def compile(self, node: YamlMap, compiler: Compiler) -> Condition:
        self.check_keys(node, compiler)
        inner = compiler.compile(node["not"], node.lines["not"])
        return lambda ctx: None if inner(ctx) is not None else MATCHED
