"""The condition part of rules/rule.schema.json, assembled from the condition types.

The schema file is committed, for users' editors and the rule validator; a test checks that it equals
what this module assembles. After adding or changing a condition type, rewrite it with
`python -m audit.conditions`.
"""
from __future__ import annotations

import json
from typing import Any

from audit.paths import RULES_DIR

from . import TYPES

SCHEMA_PATH = RULES_DIR / "rule.schema.json"


def with_conditions(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with its `condition` definition and one definition per condition type rebuilt."""
    types = [TYPES[key] for key in sorted(TYPES)]
    names = {"condition", *(t.name for t in types)}
    defs = {name: value for name, value in schema["$defs"].items() if name not in names}
    defs["condition"] = {"description": "One condition, named by its key: " + ", ".join(t.key for t in types) + ".",
                         "oneOf": [{"$ref": f"#/$defs/{t.name}"} for t in types]}
    defs.update((t.name, t.schema()) for t in types)
    return {**schema, "$defs": defs}


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"

