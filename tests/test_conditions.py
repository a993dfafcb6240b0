"""The condition-type registry is the one place a condition type is defined: the rule compiler dispatches
through it and the published schema's condition part is assembled from it."""
from __future__ import annotations

import json
import re

import pytest
import yaml

from audit.conditions import MATCHED, TYPES, Compiler, ConditionType, Context
from audit.conditions.schema import SCHEMA_PATH, dumps, with_conditions
from audit.errors import ConfigError
from audit.registry import YamlMap, read_yaml
from audit.rules import schema
from audit.ruletest import example_document

jsonschema = pytest.importorskip("jsonschema")


class QuoteCondition(ConditionType):
    """A toy type: the claim quotes someone word for word (true) or not (false)."""
    key = "quote"
    label = "a quote condition"
    properties = {"quote": {"type": "boolean", "description": "The claim holds a direct quotation."}}
    example = "{quote: true}"

    def compile(self, node: YamlMap, compiler: Compiler):
        self.check_keys(node, compiler)
        want = node["quote"] == "true"
        return lambda ctx: MATCHED if ('"' in ctx.claim.text) == want else None


def compiler(auditor) -> Compiler:
    return Compiler("<test>", auditor.language, "claim")


def test_the_published_schema_is_assembled_from_the_condition_types():
    text = SCHEMA_PATH.read_text(encoding="utf-8")
    assert text == dumps(with_conditions(json.loads(text))), "out of date: run `python -m audit.conditions`"


@pytest.mark.parametrize("key", sorted(TYPES))
def test_each_type_has_an_example_that_compiles_and_follows_the_schema(auditor, key):
    kind = TYPES[key]
    compiler(auditor).compile(read_yaml(kind.example, "<example>"), 1)
    jsonschema.validate(yaml.safe_load(kind.example), {"$ref": f"#/$defs/{kind.name}", "$defs": schema()["$defs"]},
                        cls=jsonschema.Draft202012Validator)


def test_a_registered_condition_type_compiles_composes_and_joins_the_schema(monkeypatch, auditor):
    monkeypatch.setitem(TYPES, "quote", QuoteCondition())
    node = read_yaml("all: [{quote: true}, {field: attribution.kind, equals: named_person}]", "<test>")
    condition = compiler(auditor).compile(node, 1)
    for text, fires in (('Defence Minister Yoav Gallant said "the talks have stalled" on Monday.', True),
                        ("Defence Minister Yoav Gallant said the talks had stalled on Monday.", False)):
        doc = example_document(text)
        [claim] = auditor.analyse(doc)
        assert (condition(Context(claim, doc, claim.text, auditor.registry)) is not None) == fires
    assert with_conditions(schema())["$defs"]["quoteCondition"]["examples"] == [{"quote": True}]
    with pytest.raises(ConfigError, match="unknown key 'colour' in a quote condition"):
        compiler(auditor).compile(read_yaml("{quote: true, colour: red}", "<test>"), 1)


def test_an_unknown_condition_type_names_the_known_ones(auditor):
    *rest, last = sorted(TYPES)
    with pytest.raises(ConfigError, match=re.escape(f"use {', '.join(rest)} or {last}")):
        compiler(auditor).compile(read_yaml("{quote: true}", "<test>"), 1)


def _fires(auditor, rule: str, text: str):
    condition = compiler(auditor).compile(read_yaml(rule, "<test>"), 1)
    doc = example_document(text)
    [claim] = auditor.analyse(doc)
    return condition(Context(claim, doc, claim.text, auditor.registry))


def test_attribution_fields_test_the_primary_or_any_or_all_of_the_claims_own_attributions(auditor):
    text = "The plan will fail, Senator Mary Lee said, according to officials familiar with the talks."
    assert _fires(auditor, "{field: attribution.kind, equals: anonymous}", text) is None
    hit = _fires(auditor, "{field: attribution.kind, of: any, equals: anonymous}", text)
    assert hit is not None
    cited = _fires(auditor, "{field: attribution.source, of: any, matches: familiar}", text)
    assert cited.text == "officials familiar with the talks"          # the evidence is the passing attribution
    assert _fires(auditor, "{field: attribution.kind, of: all, equals: named_person}", text) is None
    assert _fires(auditor, "{field: attribution.kind, of: all, in: [named_person, anonymous]}", text) is not None
    assert _fires(auditor, "{field: attributions.count, gte: 2}", text) is not None


def test_of_nested_attributions_are_not_the_claims_own(auditor):
    text = 'Mary Lee said: "Senior officials told me the plan will fail."'
    assert _fires(auditor, "{field: attribution.kind, of: any, equals: anonymous}", text) is None


def test_of_takes_primary_any_or_all_and_only_attribution_fields(auditor):
    with pytest.raises(ConfigError, match="of: some"):
        compiler(auditor).compile(read_yaml("{field: attribution.kind, of: some, equals: anonymous}", "<test>"), 1)
    with pytest.raises(ConfigError, match="only with an attribution"):
        compiler(auditor).compile(read_yaml("{field: hedged, of: any, equals: true}", "<test>"), 1)


def test_a_phrase_matches_whatever_its_case_and_cites_the_text_as_written(auditor):
    text = "Residents of the harbour district REPORTEDLY saw Two Boats leave the Pier."
    hit = _fires(auditor, "{phrase: [reportedly, two boats]}", text)
    assert hit is not None and hit.text == "REPORTEDLY"
    claim_start = text.index("REPORTEDLY")
    assert hit.start - claim_start == _fires(auditor, "{phrase: [reportedly]}", text).start - claim_start
    assert _fires(auditor, "{phrase: [Two Boats], in: context}", text) is not None
    found = _fires(auditor, "{phrase: [the PIER], in: document}", text)
    assert found is not None and found.text == "the Pier"
    assert _fires(auditor, "{phrase: [boats left]}", text) is None
