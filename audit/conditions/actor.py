"""`actor`: a registry test on whom the claim speaks for, the outlets it came through, or its publisher."""
from __future__ import annotations

from audit.models import Span
from audit.registry import Actor, Registry
from audit.yamlio import YamlMap

from . import MATCHED, Compiler, Condition, ConditionType, Context, register

ACTOR_FIELDS = ("attribution.actor", "attribution.via", "document.outlet")
ACTOR_TESTS = ("party", "affiliated", "outlet")


@register
class ActorCondition(ConditionType):
    key = "actor"
    label = "an actor condition"
    required = ("is",)
    properties = {
        "actor": {"enum": list(ACTOR_FIELDS), "description": "Whose registry entry to test."},
        "is": {"enum": list(ACTOR_TESTS),
               "description": "party: a party to the conflict; affiliated: an outlet tied to a party or a state; "
                              "outlet: a news outlet."},
    }
    example = "{actor: attribution.actor, is: party}"

    def compile(self, node: YamlMap, compiler: Compiler) -> Condition:
        self.check_keys(node, compiler)
        which, test = node["actor"], node.get("is")
        if which not in ACTOR_FIELDS:
            compiler.fail(f"actor takes one of {', '.join(ACTOR_FIELDS)}", node.lines["actor"])
        if test not in ACTOR_TESTS:
            compiler.fail(f"'is' must be one of {', '.join(ACTOR_TESTS)}", node.line)

        def holds(reg: Registry, name: str | None) -> Actor | None:
            actor = reg.lookup(name) if name else None
            if actor is None:
                return None
            ok = {"party": reg.is_party, "affiliated": reg.is_affiliated_outlet,
                  "outlet": lambda a: a.kind == "outlet"}[test](actor)
            return actor if ok else None

        def condition(ctx: Context) -> Span | None:
            claim = ctx.claim
            if which == "attribution.via":
                for outlet, span in zip(claim.attribution.via, claim.attribution.via_spans):
                    actor = holds(ctx.registry, outlet)
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


def _describe(actor: Actor) -> str:
    """The registry facts behind a tag, with their evidence: "Al Jazeera (state; owner: ...; source, date)"."""
    facts = [actor.ownership, f"owner: {actor.owner}" if actor.owner else None,
             ", ".join(f"{role} in {c}" for c, role in actor.roles.items() if role != "none") or None]
    cites = "; ".join(f"{e.get('source')}, {e.get('date')}" for e in actor.evidence[:2])
    text = ", ".join(f for f in facts if f)
    return f"{actor.name} ({text}{'; ' + cites if cites else ''})"
