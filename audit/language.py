"""The language pack: every word list and pattern table of rules/lexicons/*.yaml, in one place.

The built-in files come first, then each user rule folder's `lexicons/`: a list extends the list of
the same name, a mapping merges key by key (recursively: lists extend, other values replace). Each file is read and checked once (an entry is a list of text or a mapping; errors name
file:line). Stages take the pack and build their compiled form once per pack with `compiled`:
figures (`quantities.FigureReader`), page furniture (`ingest.furniture_patterns`), attribution cues.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from .errors import ConfigError, unless_refused
from .files import read_data_file
from .paths import LEXICONS_DIR
from .yamlio import YamlList, YamlMap, plain, read_yaml

T = TypeVar("T")


def norm(phrase: str) -> str:
    """The form lexicon phrases and the words matched against them are compared in: lower case,
    straight apostrophes, single spaces."""
    return " ".join(phrase.lower().replace("’", "'").split())


def lower_aligned(text: str) -> str:
    """`text` in lower case character for character, so that offsets into it are offsets into `text` ("İ"
    lower-cases to two characters and is kept as it is)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    return low


class LanguagePack:
    """Named word lists and tables merged from every `lexicons/*.yaml` of the given rule folders."""

    def __init__(self, lists: dict[str, Any], digest: str, where: dict[str, tuple[str, int]] | None = None):
        self.lists = lists
        self.digest = digest            # sha256 over the files read, for cache keys
        self.where = where or {}        # name -> (file, line) of its last definition, for errors
        self._compiled: dict[Callable, Any] = {}

    def __getitem__(self, name: str):
        return self.lists[name]

    def get(self, name: str, default=None):
        return self.lists.get(name, default)

    def compiled(self, build: Callable[[LanguagePack], T]) -> T:
        """`build(self)`, built on the first call only: a stage's compiled form of this pack."""
        if build not in self._compiled:
            self._compiled[build] = build(self)
        return self._compiled[build]

    @classmethod
    def load(cls, rule_dirs: Iterable[Path | str] = (),
             on_error: Callable[[ConfigError], None] | None = None) -> LanguagePack:
        """The built-in lexicons extended by each rule folder's `lexicons/` (absent folders are skipped).
        A user's file that cannot be read goes to `on_error` and is left out (else it raises)."""
        lists: dict[str, Any] = {}
        where: dict[str, tuple[str, int]] = {}
        sha = hashlib.sha256()
        for folder in [LEXICONS_DIR, *(Path(d) / "lexicons" for d in rule_dirs)]:
            for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
                read = unless_refused(lambda: _read_raw(path), None if folder == LEXICONS_DIR else on_error,
                                      "lexicon file")
                if read is None:
                    continue
                raw, data = read
                sha.update(raw)
                for name, value in data.items():
                    lists[name] = _merged(lists.get(name), plain(value))
                    where[name] = (str(path), data.lines[name])
        return cls(lists, sha.hexdigest(), where)

    @staticmethod
    @lru_cache(maxsize=1)
    def builtin() -> LanguagePack:
        """The built-in pack alone, loaded once per process."""
        return LanguagePack.load()


def _read_raw(path: Path) -> tuple[bytes, YamlMap]:
    raw = read_data_file(path)
    return raw, _read_file(raw, str(path))


def _read_file(raw: bytes, path: str) -> YamlMap:
    """One lexicon file, checked: a mapping of names to lists of text or to mappings."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError("not valid UTF-8", path, raw.count(b"\n", 0, exc.start) + 1) from None
    data = read_yaml(text, path, typed=True)
    if data is None:
        return YamlMap()
    if not isinstance(data, YamlMap):
        raise ConfigError("a lexicon file must be a mapping of list names to lists", path, 1)
    for name, value in data.items():
        if isinstance(value, YamlList):
            _check_words(name, value, path)
        elif not isinstance(value, YamlMap):
            raise ConfigError(f"lexicon entry '{name}' must be a list or a mapping", path, data.lines[name])
    return data


def _check_words(name: str, words: YamlList, path: str) -> None:
    for word, line in zip(words, words.lines):
        if not isinstance(word, str):
            raise ConfigError(f"lexicon list '{name}' holds {word!r}, not text: quote it", path, line)


def _merged(old: Any, new: Any) -> Any:
    """A list extends the list before it; a mapping merges key by key, recursively; the rest replaces."""
    if isinstance(new, list) and isinstance(old, list):
        return [*old, *new]
    if isinstance(new, dict) and isinstance(old, dict):
        return {**old, **{key: _merged(old.get(key), value) for key, value in new.items()}}
    return new
