"""Load the word lists under rules/lexicons/ (built-in first, then users' rule folders extend them)."""
from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from .errors import ConfigError
from .paths import LEXICONS_DIR


class Lexicon:
    """Named phrase lists merged from every `lexicons/*.yaml` found in the given folders."""

    def __init__(self, lists: dict[str, object], digest: str):
        self.lists = lists
        self.digest = digest

    def __getitem__(self, name: str):
        return self.lists[name]

    def get(self, name: str, default=None):
        return self.lists.get(name, default)

    @classmethod
    def load(cls, rule_dirs: list[Path] = ()) -> Lexicon:
        folders = [LEXICONS_DIR] + [Path(d) / "lexicons" for d in rule_dirs]
        lists: dict[str, object] = {}
        sha = hashlib.sha256()
        for folder in folders:
            if not folder.is_dir():
                continue
            for path in sorted(folder.glob("*.yaml")):
                raw = path.read_bytes()
                sha.update(raw)
                try:
                    data = yaml.safe_load(raw) or {}
                except yaml.YAMLError as exc:
                    line = getattr(getattr(exc, "problem_mark", None), "line", None)
                    raise ConfigError(f"invalid YAML: {getattr(exc, 'problem', exc)}", str(path),
                                      line + 1 if line is not None else None) from None
                if not isinstance(data, dict):
                    raise ConfigError("a lexicon file must be a mapping of list names to lists", str(path), 1)
                for name, value in data.items():
                    _merge(lists, str(name), value, path)
        return cls(lists, sha.hexdigest())


def _merge(lists: dict, name: str, value: object, path: Path) -> None:
    """Lists extend lists; mappings merge key by key; anything else is an error."""
    if isinstance(value, list):
        lists[name] = list(lists.get(name, [])) + [str(v) for v in value]
    elif isinstance(value, dict):
        merged = dict(lists.get(name, {}))
        for key, sub in value.items():
            merged[key] = merged.get(key, []) + [str(v) for v in (sub or [])] if isinstance(sub, list) else sub
        lists[name] = merged
    else:
        raise ConfigError(f"lexicon entry {name!r} must be a list or a mapping", str(path))
