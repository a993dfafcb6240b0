"""`phrase` and `pattern`: words or a regular expression in the claim, its context or its document."""
from __future__ import annotations

import re
from typing import Any

from audit.models import Span
from audit.patterns import phrase_pattern
from audit.yamlio import YamlMap

from . import MATCHED, Compiler, Condition, ConditionType, Context, costed, register

PHRASE_SCOPES = ("claim", "context", "document")
_IN = {"enum": list(PHRASE_SCOPES), "default": "claim",
       "description": "Where to look: the claim, its neighbouring sentences in the paragraph, or the whole document."}


class _Search(ConditionType):
    """A search of the claim (the match is the evidence), its neighbours in the paragraph, or the
    document's audited regions."""
    lowered = False                               # the regex reads the text in lower case (Context.lowered)

    def regex(self, node: YamlMap, compiler: Compiler) -> Any:
        raise NotImplementedError

    def compile(self, node: YamlMap, compiler: Compiler) -> Condition:
        self.check_keys(node, compiler)
        scope = node.get("in", "claim")
        if scope not in PHRASE_SCOPES:
            compiler.fail(f"'in' must be one of {', '.join(PHRASE_SCOPES)}", node.lines["in"])
        rx, lowered = self.regex(node, compiler), self.lowered

        def condition(ctx: Context) -> Span | None:
            claim = ctx.claim
            if scope == "claim":
                m = rx.search(ctx.lowered(scope) if lowered else claim.text)
                return Span(claim.start + m.start(), claim.start + m.end(), claim.text[m.start():m.end()]) if m else None
            if scope == "context":
                return MATCHED if rx.search(ctx.lowered(scope) if lowered else ctx.neighbours) else None
            text = ctx.lowered(scope) if lowered else ctx.doc.text
            for a, b in ctx.doc.regions:
                m = rx.search(text, a, b)
                if m:
                    return Span(m.start(), m.end(), ctx.doc.text[m.start():m.end()])
            return None
        return costed(condition, 2)


@register
class PhraseCondition(_Search):
    key = "phrase"
    label = "a phrase condition"
    properties = {
        "phrase": {"oneOf": [
            {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1},
             "description": "Phrases, matched as whole words, case-insensitive."},
            {"type": "object", "additionalProperties": False, "required": ["lexicon"], "properties": {"lexicon": {
                "type": "string", "minLength": 1,
                "description": "A list name from rules/lexicons or your rules folder's lexicons/."}}},
        ]},
        "in": _IN,
    }
    example = "{phrase: [reportedly, allegedly], in: context}"
    lowered = True                                # a lower-case pattern on lowered text: twice as fast as IGNORECASE

    def regex(self, node: YamlMap, compiler: Compiler) -> Any:
        value = node["phrase"]
        if isinstance(value, YamlMap) and set(value) == {"lexicon"}:
            phrases = compiler.lexicon.get(value["lexicon"])
            if not isinstance(phrases, list):
                compiler.fail(f"unknown lexicon list '{value['lexicon']}'", node.lines["phrase"])
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            phrases = value
        else:
            compiler.fail("phrase takes a list of phrases or {lexicon: NAME}", node.lines["phrase"])
        return re.compile(phrase_pattern(phrases))   # generated, with lookbehind: `re`; lower case, as the text searched


@register
class PatternCondition(_Search):
    key = "pattern"
    label = "a pattern condition"
    properties = {
        "pattern": {"type": "string", "minLength": 1,
                    "description": "A regular expression in RE2 syntax (no lookaround or backreferences), "
                                   "case-insensitive."},
        "in": _IN,
    }
    example = r"{pattern: '\bunconfirmed reports?\b'}"

    def regex(self, node: YamlMap, compiler: Compiler) -> Any:
        return compiler.pattern(str(node["pattern"]), node.lines["pattern"])
