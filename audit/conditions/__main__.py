"""`python -m audit.conditions`: rewrite rules/rule.schema.json from the condition types."""
import json

from .schema import SCHEMA_PATH, dumps, with_conditions

current = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
SCHEMA_PATH.write_text(dumps(with_conditions(current)), encoding="utf-8")
print(f"wrote {SCHEMA_PATH}")
