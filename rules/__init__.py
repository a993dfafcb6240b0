"""Built-in rule packs (YAML data; shipped from the top-level rules/ folder)."""
