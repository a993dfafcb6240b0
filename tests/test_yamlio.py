"""YAML reading is bounded: no aliases, merge keys, tags or deep nesting, each refused at file:line."""
from __future__ import annotations

import pytest

from audit.errors import ConfigError
from audit.paths import LEXICONS_DIR, REGISTRY_DIR, RULES_DIR
from audit.yamlio import MAX_DEPTH, read_yaml


@pytest.mark.parametrize("text, line, reason", [
    ("a: 1\nb: &x [1, 2]\nc: *x\n", 2, "anchors and aliases"),
    ("a: &a [*a]\n", 1, "anchors and aliases"),                                     # a recursive alias
    ("base: {x: 1}\nmore:\n  <<: {x: 2}\n", 3, "merge keys"),                       # even without an alias
    ("a: 1\ncmd: !!python/object/apply:os.system ['touch pwned']\n", 2, "!!python/object/apply:os.system"),
    ("n: !!int '12'\n", 1, "tags"),
    ("x:\n" + "- " * (MAX_DEPTH + 1) + "deep\n", 2, f"deeper than {MAX_DEPTH}"),
    ("[" * 5000 + "]" * 5000, 1, ""),                                                 # libyaml's own limit
    ("gte: " + "9" * 5000 + "\n", 1, "number too long"),
])
def test_unbounded_yaml_is_refused_at_its_line(tmp_path, monkeypatch, text, line, reason):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as caught:
        read_yaml(text, "r.yaml", typed=True)
    assert (caught.value.path, caught.value.line) == ("r.yaml", line) and reason in caught.value.message
    assert not (tmp_path / "pwned").exists()


def test_plain_strings_and_typed_scalars_still_read():
    data = read_yaml("a: !!str 5\nb: 5\nc: [x, {d: 1.5}]\n", "r.yaml", typed=True)
    assert data == {"a": "5", "b": 5, "c": ["x", {"d": 1.5}]}


def test_built_in_files_read_within_the_bounds():
    for path in [*RULES_DIR.glob("*.yaml"), *LEXICONS_DIR.glob("*.yaml"), *REGISTRY_DIR.glob("*.yaml")]:
        read_yaml(path.read_text(encoding="utf-8"), str(path), typed=True)
