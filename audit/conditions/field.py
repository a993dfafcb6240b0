"""`field`: a claim, document or corroboration field compared with a value; and the fields a rule reads."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from audit.models import FIGURE_KINDS, Attribution, Claim, Span
from audit.readability import readability
from audit.yamlio import YamlMap

from . import MATCHED, Compiler, Condition, ConditionType, Context, costed, register



def _figures(c: Claim):
    return [q for q in c.quantities if q.kind in FIGURE_KINDS and not q.vague]


def _anon(a: Attribution, name: str):
    return getattr(a.anonymity, name) if a.anonymity else None


# Fields of one attribution: a rule reads them on the primary attribution, or with `of: any` / `of: all`
# on each of the claim's own attributions (nested ones, inside an attributed quotation, are not its own).
ATTRIBUTION_FIELDS: dict[str, Callable[[Attribution], object]] = {
    "attribution.kind": lambda a: a.kind,
    "attribution.source": lambda a: a.source,
    "attribution.cue": lambda a: a.cue,
    "attribution.via": lambda a: a.via,
    "attribution.via_count": lambda a: len(a.via),
    "attribution.actor": lambda a: a.actor,
    "attribution.inherited": lambda a: a.inherited,
    "attribution.anonymity.role_given": lambda a: _anon(a, "role_given"),
    "attribution.anonymity.reason_given": lambda a: _anon(a, "reason_given"),
    "attribution.anonymity.affiliation": lambda a: _anon(a, "affiliation"),
    "attribution.anonymity.plural": lambda a: _anon(a, "plural"),
}
OF = ("primary", "any", "all")


def own_attributions(c: Claim) -> list[Attribution]:
    """The attributions `of: any|all` range over: the claim's own, or its (empty) primary when it has none."""
    return [a for a in c.attributions if not a.nested] or [c.attribution]


def _on_primary(read: Callable[[Attribution], object]) -> Callable[[Context], object]:
    return lambda x: read(x.claim.attribution)


FIELDS: dict[str, Callable[[Context], object]] = {
    "text": lambda x: x.claim.text,
    "is_headline": lambda x: x.claim.is_headline,
    "hedged": lambda x: x.claim.hedged,
    **{name: _on_primary(read) for name, read in ATTRIBUTION_FIELDS.items()},
    "attributions.count": lambda x: sum(not a.nested for a in x.claim.attributions),
    "figures": lambda x: len(_figures(x.claim)),
    "vague_quantities": lambda x: sum(q.vague for q in x.claim.quantities),
    "document.outlet": lambda x: x.doc.outlet,
    "document.published": lambda x: x.doc.published,
    "document.readability": lambda x: readability(x.doc),
    "corroboration.status": lambda x: x.claim.corroboration.status,
    "corroboration.independent_origins": lambda x: x.claim.corroboration.independent_origins,
    "corroboration.party_only": lambda x: x.claim.corroboration.party_only,
    "corroboration.links": lambda x: len(x.claim.corroboration.links),
}
SPAN_FIELDS = ("attribution.source", "attribution.cue", "attribution.via", "figures", "text")
TESTS: dict[str, dict[str, Any]] = {
    "equals": {"description": "The field equals this value."},
    "in": {"type": "array", "description": "The field is one of these values."},
    "not_in": {"type": "array", "description": "The field is none of these values."},
    "exists": {"type": "boolean", "description": "The field is set (true) or unset (false)."},
    "matches": {"type": "string", "minLength": 1,
                "description": "The field matches this regular expression (RE2 syntax, case-insensitive)."},
    "gte": {"type": "number", "description": "The field is at least this number."},
    "lte": {"type": "number", "description": "The field is at most this number."},
    "contains": {"description": "The field (a list or text) contains this value."},
    "empty": {"type": "boolean", "description": "The field is empty (true) or not (false)."},
}
FIELD_TESTS = tuple(TESTS)


def field_span(claim: Claim, name: str | None, attribution: Attribution | None = None) -> Span | None:
    """The part of the claim a span field names, to cite as evidence (of `attribution`, default the primary)."""
    a = attribution or claim.attribution
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


@register
class FieldCondition(ConditionType):
    key = "field"
    label = "a field condition"
    properties = {"field": {"enum": sorted(FIELDS), "description": "The claim, document or corroboration field to test."},
                  "of": {"enum": list(OF), "description": "For attribution.* fields: test the primary attribution "
                         "(default), any or all of the claim's own attributions (those nested in an attributed "
                         "quotation excluded); the evidence is the first one that passes."},
                  **TESTS}
    constraints = {"minProperties": 2, "maxProperties": 3}
    example = "{field: attribution.kind, equals: anonymous}"

    def compile(self, node: YamlMap, compiler: Compiler) -> Condition:
        name = node["field"]
        tests = [k for k in node if k not in ("field", "of")]
        self.check_keys(node, compiler)
        if len(tests) != 1:
            compiler.fail(f"a field condition takes exactly one test of {', '.join(FIELD_TESTS)}", node.line)
        if name not in FIELDS:
            compiler.fail(f"unknown field '{name}' (known: {', '.join(sorted(FIELDS))})", node.lines["field"])
        if name.startswith("corroboration.") and compiler.scope != "corpus":
            compiler.fail(f"'{name}' is only known after corroboration: give the rule 'scope: corpus'",
                          node.lines["field"])
        test = tests[0]
        check = _check(test, _coerce(node[test]), node.lines[test], compiler)
        span_of = name if name in SPAN_FIELDS else None
        of = node.get("of", "primary")
        if of not in OF or (of != "primary" and name not in ATTRIBUTION_FIELDS):
            compiler.fail(f"'of: {of}' takes one of {', '.join(OF)}, and any/all only with an attribution.* field",
                          node.lines.get("of", node.line))
        if of == "primary":
            get = FIELDS[name]

            def condition(ctx: Context) -> Span | None:
                if not check(get(ctx)):
                    return None
                return (field_span(ctx.claim, span_of) if span_of else None) or MATCHED
            return costed(condition, 0)
        return costed(_over_attributions(ATTRIBUTION_FIELDS[name], check, of == "all", span_of), 0)


def _over_attributions(read: Callable[[Attribution], object], check: Callable[[Any], bool], every: bool,
                       span_of: str | None) -> Condition:
    """The test on any (or all) of the claim's own attributions; the evidence is the first that passes."""
    def condition(ctx: Context) -> Span | None:
        own = own_attributions(ctx.claim)
        passed = [a for a in own if check(read(a))]
        if not passed or (every and len(passed) < len(own)):
            return None
        return (field_span(ctx.claim, span_of, passed[0]) if span_of else None) or MATCHED
    return condition


def _check(test: str, want: Any, line: int, compiler: Compiler) -> Callable[[Any], bool]:
    """The test of a field value against the wanted one."""
    if test == "matches":
        rx = compiler.pattern(str(want), line)
        return lambda v: v is not None and rx.search(str(v)) is not None
    if test in ("in", "not_in"):
        if not isinstance(want, list):
            compiler.fail(f"'{test}' takes a list", line)
        return (lambda v: v in want) if test == "in" else (lambda v: v not in want)
    return {
        "equals": lambda v: v == want,
        "exists": lambda v: (v is not None) == bool(want),
        "gte": lambda v: v is not None and v >= want,
        "lte": lambda v: v is not None and v <= want,
        "contains": lambda v: v is not None and want in v,
        "empty": lambda v: (not v) == bool(want),
    }[test]


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
