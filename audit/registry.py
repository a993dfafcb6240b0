"""Outlet and actor registry: who owns an outlet, who speaks for whom, who is a party to a conflict.

Records live in `rules/registry/*.yaml` (top-level keys `actors` and `conflicts`). Every tag that
drives a finding (ownership, owner, alignment, speaks_for, each conflict role) must cite evidence;
ratings by others are kept apart, each with who gave it and when.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NoReturn, TypeVar
from urllib.parse import urlsplit

from audit.errors import ConfigError, unless_refused
from audit.files import read_data_file
from audit.paths import REGISTRY_DIR
from audit.patterns import trie
from audit.yamlio import YamlList, YamlMap, check_keys, read_yaml

KINDS = ("outlet", "org", "person", "state", "group")
OWNERSHIPS = ("state", "public", "private", "party", "advocacy", "armed_group_channel", "ngo")
ROLES = ("party", "organ_of_party", "public_media_of_party", "aligned_with_party", "none")  # strongest first
PARTY_ROLES = frozenset({"party", "organ_of_party"})
AFFILIATED_OWNERSHIP = frozenset({"state", "party", "advocacy", "armed_group_channel"})
AFFILIATED_ROLES = frozenset({"party", "organ_of_party", "public_media_of_party", "aligned_with_party"})
EVIDENCED_TAGS = ("ownership", "owner", "alignment", "speaks_for")   # plus roles.<conflict>

ACTOR_KEYS = frozenset({"name", "aliases", "kind", "domains", "country", "ownership", "owner", "alignment",
                        "speaks_for", "roles", "evidence", "ratings"})
CONFLICT_KEYS = frozenset({"id", "name", "parties", "started", "evidence"})
EVIDENCE_KEYS = frozenset({"for", "claim", "source", "date"})
RATING_KEYS = frozenset({"by", "value", "date"})
DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})
_SEPARATORS = re.compile(r"[\s\-\u2010\u2011]+")
_EDGE_PUNCTUATION = " \"'.,;:!?()[]"
_DOMAIN = re.compile(r"(?:[a-z][a-z0-9+.-]*://)?(?:[\w-]+\.)+[a-z]{2,}(?:[/:?#]\S*)?", re.IGNORECASE)
_ARABIC_ARTICLE = re.compile(r"[AE]l ")
_TRIE_CHARS = {" ": r"[\s\-\u2010\u2011]+", "'": "['\u2018\u2019]"}
_BODY_KINDS = ("org", "state", "group")           # what a description can name: not outlets, not people
_SIDE_KINDS = ("state", "group")                  # what a place or people word alone can name
_FUNCTION_WORDS = frozenset({"the", "of", "in", "for", "and", "a", "an", "at", "to", "on", "s"})


def name_words(text: str) -> list[str]:
    """The words of a name or description, as the two are compared ("Gaza's Health Ministry": gaza, health,
    ministry): normalised, possessives and function words dropped, in order."""
    words = (w.removesuffix("'s").strip(_EDGE_PUNCTUATION) for w in name_key(text).split())
    return [w for w in words if w and w not in _FUNCTION_WORDS]


def name_key(name: str) -> str:
    """Normalised lookup key: case, curly quotes, hyphens, a leading "the" and a possessive ignored."""
    key = _SEPARATORS.sub(" ", name.translate(_QUOTES).lower()).strip(_EDGE_PUNCTUATION)
    key = key.removeprefix("the ").removesuffix("'s").strip(_EDGE_PUNCTUATION)
    return key


def spellings(alias: str) -> set[str]:
    """Case forms of an alias that count as a mention: as written, capitalised, title case, capitals,
    and with a lower-case Arabic article ("al-Qassam"). So an acronym matches only in capitals and
    a proper name never all in lower case."""
    base = _SEPARATORS.sub(" ", alias.translate(_QUOTES)).strip(_EDGE_PUNCTUATION)
    base = base[4:] if base.lower().startswith("the ") else base
    title = " ".join(word[:1].upper() + word[1:] for word in base.split(" "))
    forms = {base, base.upper(), base[:1].upper() + base[1:], title}
    return forms | {f[0].lower() + f[1:] for f in forms if _ARABIC_ARTICLE.match(f)}


# --- records ------------------------------------------------------------------------------------

@dataclass(slots=True)
class Actor:
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    ownership: str | None = None
    owner: str | None = None
    country: str | None = None
    alignment: str | None = None
    speaks_for: str | None = None
    roles: dict[str, str] = field(default_factory=dict)      # conflict id -> role (parties filled in)
    evidence: list[dict] = field(default_factory=list)       # {for: [tags], claim, source, date}
    ratings: list[dict] = field(default_factory=list)        # {by, value, date}, never merged
    path: str = ""
    line: int = 0


@dataclass(slots=True)
class Conflict:
    id: str
    name: str
    parties: list[str]
    started: str | None = None
    evidence: list[dict] = field(default_factory=list)
    path: str = ""
    line: int = 0


class _Record:
    """Typed access to one YAML mapping, raising ConfigError at the offending line."""

    def __init__(self, data: object, path: str, line: int, what: str):
        if not isinstance(data, YamlMap):
            raise ConfigError(f"{what} must be a mapping", path, line)
        self.data, self.path, self.what = data, path, what

    def line(self, key: str | None = None) -> int:
        return self.data.lines.get(key, self.data.line) if key else self.data.line

    def fail(self, message: str, key: str | None = None) -> NoReturn:
        raise ConfigError(message, self.path, self.line(key))

    def need(self, key: str, choices: tuple[str, ...] = ()) -> str:
        """A required text value."""
        value = self.text(key, choices)
        if value is None:
            self.fail(f"{self.what} needs '{key}'")
        return value

    def text(self, key: str, choices: tuple[str, ...] = ()) -> str | None:
        value = self.data.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            self.fail(f"'{key}' must be text", key)
        if choices and value not in choices:
            self.fail(f"'{key}' must be one of {', '.join(choices)}, not '{value}'", key)
        return value

    def texts(self, key: str) -> list[str]:
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.fail(f"'{key}' must be a list of text", key)
        return list(value)

    def items(self, key: str, allowed: frozenset[str], required: tuple[str, ...]) -> list[dict]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, YamlList):
            self.fail(f"'{key}' must be a list", key)
        out = []
        for item, line in zip(value, value.lines):
            rec = _Record(item, self.path, line, f"an item of '{key}'")
            check_keys(rec.data, allowed, self.path, f"'{key}'")
            entry: dict[str, Any] = {k: rec.need(k) for k in required}
            if "date" in entry and not DATE.fullmatch(entry["date"]):
                rec.fail(f"date must be YYYY, YYYY-MM or YYYY-MM-DD, not '{entry['date']}'", "date")
            if "for" in allowed:
                entry = {"for": rec.texts("for"), **entry}
                if not entry["for"]:
                    rec.fail("evidence needs 'for': the tag(s) it supports")
            out.append(entry)
        return out


def _read_actor(rec: _Record) -> Actor:
    check_keys(rec.data, ACTOR_KEYS, rec.path, "an actor record")
    actor = Actor(
        name=rec.need("name"), kind=rec.need("kind", choices=KINDS),
        aliases=rec.texts("aliases"), domains=[d.lower().removeprefix("www.") for d in rec.texts("domains")],
        ownership=rec.text("ownership", choices=OWNERSHIPS), owner=rec.text("owner"),
        country=rec.text("country"), alignment=rec.text("alignment"), speaks_for=rec.text("speaks_for"),
        evidence=rec.items("evidence", EVIDENCE_KEYS, ("claim", "source", "date")),
        ratings=rec.items("ratings", RATING_KEYS, ("by", "value", "date")),
        path=rec.path, line=rec.line())
    roles = rec.data.get("roles") or YamlMap()
    if not isinstance(roles, YamlMap):
        rec.fail("'roles' must map conflict ids to roles", "roles")
    for conflict, role in roles.items():
        if role not in ROLES:
            raise ConfigError(f"role in '{conflict}' must be one of {', '.join(ROLES)}, not '{role}'",
                              rec.path, roles.lines[conflict])
        actor.roles[conflict] = role
    supported = {tag for item in actor.evidence for tag in item["for"]}
    tags = [(t, rec.line(t)) for t in EVIDENCED_TAGS if getattr(actor, t)]
    tags += [(f"roles.{c}", roles.lines[c]) for c in actor.roles]
    for tag, line in tags:
        if tag not in supported:
            raise ConfigError(f"'{actor.name}': tag '{tag}' has no evidence (add an evidence item with for: {tag})",
                              rec.path, line)
    return actor


_Item = TypeVar("_Item", Actor, Conflict)


def _put(table: dict[str, tuple[int, _Item]], key: str, folder_index: int, item: _Item) -> None:
    """Record an item; the same name twice in one folder is an error, a later folder replaces it."""
    previous = table.get(key)
    if previous and previous[0] == folder_index:
        old = previous[1]
        raise ConfigError(f"'{key}' is defined twice (first at {old.path}:{old.line})", item.path, item.line)
    table[key] = (folder_index, item)


def _read_conflict(rec: _Record) -> Conflict:
    check_keys(rec.data, CONFLICT_KEYS, rec.path, "a conflict record")
    conflict = Conflict(id=rec.need("id"), name=rec.need("name"),
                        parties=rec.texts("parties"), started=rec.text("started"),
                        evidence=rec.items("evidence", EVIDENCE_KEYS, ("claim", "source", "date")),
                        path=rec.path, line=rec.line())
    if not conflict.parties:
        rec.fail(f"conflict '{conflict.id}' needs 'parties'")
    if conflict.started and not DATE.fullmatch(conflict.started):
        rec.fail(f"'started' must be YYYY-MM-DD, not '{conflict.started}'", "started")
    if not any("parties" in item["for"] for item in conflict.evidence):
        rec.fail(f"conflict '{conflict.id}': 'parties' has no evidence (add an evidence item with for: parties)",
                 "parties")
    return conflict


# --- the registry ---------------------------------------------------------------------------------

class Registry:
    """All actors and conflicts, with name lookup and one compiled pattern to find mentions in text."""

    def __init__(self, actors: dict[str, Actor], conflicts: dict[str, Conflict], digest: str):
        self.actors = actors            # canonical name -> Actor
        self.conflicts = conflicts      # id -> Conflict
        self._digest = digest
        self._by_key: dict[str, Actor] = {}
        self._by_domain: dict[str, Actor] = {}
        self._forms: set[str] = set()
        for actor in actors.values():
            for alias in (actor.name, *actor.aliases):
                other = self._by_key.setdefault(name_key(alias), actor)
                if other is not actor:
                    raise ConfigError(f"'{alias}' of '{actor.name}' already names '{other.name}' "
                                      f"({other.path}:{other.line})", actor.path, actor.line)
                self._forms |= spellings(alias)
            for domain in actor.domains:
                self._by_domain[domain] = actor
        self._check_references()

    @cached_property
    def _bodies(self) -> list[tuple[Actor, frozenset[str]]]:
        """Each name and alias of an organisation, state or group with its words, for descriptions."""
        return [(actor, frozenset(name_words(alias))) for actor in self.actors.values() if actor.kind in _BODY_KINDS
                for alias in (actor.name, *actor.aliases)]

    @cached_property
    def body_words(self) -> frozenset[str]:
        """Every word of a name or alias of an organisation, state or group."""
        return frozenset(w for _, words in self._bodies for w in words)

    @cached_property
    def _words_by_actor(self) -> dict[str, frozenset[str]]:
        found: dict[str, set[str]] = {}
        for actor, words in self._bodies:
            found.setdefault(actor.name, set()).update(words)
        return {name: frozenset(words) for name, words in found.items()}

    def words_of(self, actor: Actor) -> frozenset[str]:
        """The words of all names of an organisation, state or group ("military" for the IDF, whose alias is
        "Israeli military"); none for an outlet or a person."""
        return self._words_by_actor.get(actor.name, frozenset())

    def described(self, words: list[str], places: frozenset[str]) -> Actor | None:
        """The body a description names by a place or people word and, narrowing it, other words of the
        registry's names ("Israeli officials" -> Israel, "Palestinian health officials" -> the Gaza Health
        Ministry, "Gaza authorities" -> Hamas): every name holding the place words, then, word by word, those
        also holding another word of the description when some do. One body when the words narrowed the
        names to one; else their one root when that is a state or an armed group; else None (ambiguous,
        "Palestinian officials", or a place the registry does not name, "Canadian officials")."""
        known = [w for w in words if w in self.body_words]
        side = [w for w in known if w in places]
        if not side:
            return None
        names = [(actor, ws) for actor, ws in self._bodies if all(w in ws for w in side)]
        narrowed = False
        for w in known:
            if w in side:
                continue
            some = [(actor, ws) for actor, ws in names if w in ws]
            if some:
                names, narrowed = some, True
        bodies = {actor.name: actor for actor, _ in names}
        if narrowed and len(bodies) == 1:
            return next(iter(bodies.values()))
        roots = {self.root(actor).name: self.root(actor) for actor in bodies.values()}
        if len(roots) == 1:
            root = next(iter(roots.values()))
            return root if root.kind in _SIDE_KINDS else None
        return None

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        """Every name and alias in one pattern, compiled on first use (a run taken from the store finds
        none): case-sensitive over the case forms, four times faster than one IGNORECASE pattern."""
        return re.compile(r"(?<![\w@#])" + _trie(sorted(self._forms)) + r"(?!\w)")

    @classmethod
    def load(cls, dirs: list[Path] | None = None,
             on_error: Callable[[ConfigError], None] | None = None) -> Registry:
        """Read every *.yaml in the folders; a record in a later folder replaces one of the same name. A
        user's file that cannot be read goes to `on_error` and is left out (else it raises)."""
        actors: dict[str, tuple[int, Actor]] = {}
        conflicts: dict[str, tuple[int, Conflict]] = {}
        digest = hashlib.sha256()
        for folder_index, folder in enumerate(Path(d) for d in (dirs or [REGISTRY_DIR])):
            if not folder.is_dir():
                raise ConfigError("registry folder not found", str(folder))
            for path in sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml")):
                read = unless_refused(lambda: _read_raw(path), None if folder == REGISTRY_DIR else on_error,
                                      "registry file")
                if read is None:
                    continue
                raw, items = read
                digest.update(path.name.encode() + b"\0" + raw)
                for item in items:
                    if isinstance(item, Actor):
                        _put(actors, name_key(item.name), folder_index, item)
                    else:
                        _put(conflicts, item.id, folder_index, item)
        return cls({a.name: a for _, a in actors.values()}, {c.id: c for _, c in conflicts.values()},
                   digest.hexdigest())

    def _check_references(self) -> None:
        for conflict in self.conflicts.values():
            for party in conflict.parties:
                actor = self.lookup(party)
                if actor is None:
                    raise ConfigError(f"conflict '{conflict.id}': unknown party '{party}'",
                                      conflict.path, conflict.line)
                role = actor.roles.setdefault(conflict.id, "party")
                if role != "party":
                    raise ConfigError(f"'{actor.name}' is a party to '{conflict.id}' but has role '{role}'",
                                      actor.path, actor.line)
        for actor in self.actors.values():
            for conflict_id in actor.roles:
                if conflict_id not in self.conflicts:
                    raise ConfigError(f"'{actor.name}': unknown conflict '{conflict_id}' in roles",
                                      actor.path, actor.line)
            seen = [actor]
            while seen[-1].speaks_for:
                boss = self.lookup(seen[-1].speaks_for)
                if boss is None:
                    raise ConfigError(f"'{seen[-1].name}' speaks_for unknown actor '{seen[-1].speaks_for}'",
                                      seen[-1].path, seen[-1].line)
                if any(boss is s for s in seen):
                    raise ConfigError(f"speaks_for loop through '{boss.name}'", actor.path, actor.line)
                seen.append(boss)

    def lookup(self, name: str) -> Actor | None:
        """The actor named by a name, alias or web address; None when unknown."""
        actor = self._by_key.get(name_key(name))
        if actor is None and _DOMAIN.fullmatch(name.strip()):
            url = name.strip() if "//" in name else "//" + name.strip()
            host = (urlsplit(url).hostname or "").removeprefix("www.")
            while host and actor is None:
                actor = self._by_domain.get(host)
                host = host.partition(".")[2] if host.count(".") > 1 else ""
        return actor

    def find(self, text: str) -> list[tuple[int, int, Actor]]:
        """Every mention of a known name or alias: (start, end, actor), longest match first, left to right."""
        by_key = self._by_key
        return [(m.start(), m.end(), actor) for m in self._pattern.finditer(text)
                if (actor := by_key.get(name_key(m.group()))) is not None]

    def root(self, actor: Actor) -> Actor:
        """The top organisation an actor speaks for (Abu Obeida -> Al-Qassam Brigades -> Hamas)."""
        while actor.speaks_for and (parent := self.lookup(actor.speaks_for)) is not None:
            actor = parent
        return actor

    def conflict_role(self, actor: Actor, conflict: str | None = None) -> str:
        """The actor's role in a conflict (the strongest over all conflicts when None), else its root's."""
        for who in (actor, self.root(actor)):
            roles = who.roles.values() if conflict is None else [who.roles.get(conflict, "none")]
            role = min(roles, key=ROLES.index, default="none")
            if role != "none":
                return role
        return "none"

    def is_party(self, actor: Actor) -> bool:
        """A party to some conflict, or an organ of one (directly or through whom it speaks for)."""
        return self.conflict_role(actor) in PARTY_ROLES

    def is_affiliated_outlet(self, actor: Actor) -> bool:
        """An outlet that is state, party, advocacy or armed-group owned, or tied to a party to a conflict."""
        return actor.kind == "outlet" and (actor.ownership in AFFILIATED_OWNERSHIP
                                           or self.conflict_role(actor) in AFFILIATED_ROLES)

    def hash(self) -> str:
        """sha256 over the loaded registry files, for cache keys."""
        return self._digest


def _read_raw(path: Path) -> tuple[bytes, list[Actor | Conflict]]:
    raw = read_data_file(path)
    return raw, _read_file(raw, str(path))


def _read_file(raw: bytes, path: str) -> list[Actor | Conflict]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", path,
                          raw.count(b"\n", 0, exc.start) + 1) from None
    data = read_yaml(text, path)
    if data is None:
        return []
    rec = _Record(data, path, 1, "a registry file")
    check_keys(rec.data, frozenset({"actors", "conflicts"}), path, "a registry file")
    items: list[Actor | Conflict] = []
    for key, reader, what in (("conflicts", _read_conflict, "a conflict"), ("actors", _read_actor, "an actor")):
        records = data.get(key)
        if records is None:
            continue
        if not isinstance(records, YamlList):
            rec.fail(f"'{key}' must be a list of records", key)
        items += [reader(_Record(r, path, line, what)) for r, line in zip(records, records.lines)]
    return items


def _trie(keys: list[str]) -> str:
    """A trie-shaped alternation of the aliases: one pass over the text, the longest alias at a position wins."""
    return trie(dict.fromkeys(keys, ""), lambda ch: _TRIE_CHARS.get(ch, re.escape(ch))) or r"(?!x)x"
