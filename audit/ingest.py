"""Read article files into Documents: decoded text, metadata with its provenance, audited regions.

Each input format has its reader in audit/readers (plain text and Markdown as they are, so offsets
are offsets into the file; HTML through trafilatura; JSON Lines one article per line). Page furniture (bylines, share buttons, comment
counts, repeated header lines...) is kept out of the audited regions; the patterns live in
rules/lexicons/furniture.yaml (extended by a user's lexicons) and come from the LanguagePack.
"""
from __future__ import annotations

import csv
import glob
import hashlib
import io
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from audit import TOOL_NAME
from audit.errors import AuditError, ConfigError, internal_error
from audit.language import LanguagePack
from audit.limits import Limits
from audit.models import Document, MetaValue, Notice, Skipped, Span
from audit.readers import READERS, Article, Source
from audit.readers.common import (META_ALIASES, META_KEYS, Stated, checked_date, decode, meta_fields,
                                  normalise_date, valid_unicode)
from audit.registry import Actor, Registry
from audit.yamlio import YamlMap, read_yaml

SIDECARS = ("metadata.yaml", "metadata.yml", "metadata.csv")
OUTLET_EVIDENCE = ("byline", "signature", "photo_credit", "outlet_line", "dateline", "tweet")  # most telling first

MAX_FURNITURE_CHARS = 200       # longer lines are article text
MAX_OUTLET_LINE_CHARS = 60
MIN_DUPLICATE_CHARS = 20        # shorter repeated lines ("he said.") are left alone
_GLOB_CHARS = re.compile(r"[*?\[]")
_REPORT_SUFFIXES = frozenset({".md", ".markdown", ".html", ".htm"})   # what `audit report` writes
_OWN_REPORT = re.compile(rb"\A(?:\xef\xbb\xbf)?---\r?\ntool: " + re.escape(TOOL_NAME.encode()) + rb"\r?\n"  # Markdown report
                         rb'|<meta name="generator" content="' + re.escape(TOOL_NAME.encode()) + rb'">')     # HTML report

_MARKDOWN_MARKER = re.compile(r"(?:#{1,6}|>|[-*+]|\d{1,3}[.)])\s+")
_TERMINAL = frozenset('.!?…"”’\')]')
_OUTLET_ROLE_WORDS = re.compile(
    r"\s+(?:staff(?:\s+(?:writers?|reporters?))?|newsroom|news\s+desk|desk|team|editors?|editorial|"
    r"reporters?|correspondents?|writers?|and\s+agencies|online)$", re.I)
_CREDIT_SPLIT = re.compile(r"\s*(?:,|/|;|\||\s[-–—]\s)\s*")
_TEXT_BYTES = bytes(range(32, 256)) + b"\t\n\r\f\v\x1b"
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_MACRO = re.compile(r"\{(\w+)\}")


# --- furniture patterns ---------------------------------------------------------------------------

@dataclass(slots=True)
class Furniture:
    """The compiled furniture patterns: one alternation per kind of check, plus each pattern alone."""
    lines: re.Pattern[str]
    prefixes: re.Pattern[str]
    each: dict[str, re.Pattern[str]]
    ends_article: frozenset[str]
    any_length: re.Pattern[str] | None      # the `lines` kinds that are furniture however long the line


def furniture_patterns(language: LanguagePack) -> Furniture:
    """The pack's `furniture` entry compiled (once per pack)."""
    return language.compiled(_compile_furniture)


def _compile_furniture(language: LanguagePack) -> Furniture:
    spec = language.get("furniture")
    path, line = language.where.get("furniture", (None, None))
    if not isinstance(spec, dict):
        raise ConfigError("expected a 'furniture' mapping", path, line)
    macros = spec.get("macros") or {}
    each: dict[str, re.Pattern[str]] = {}
    groups: dict[str, list[str]] = {"lines": [], "prefixes": []}
    for section in groups:
        table = spec.get(section)
        if not isinstance(table, dict):
            raise ConfigError(f"furniture '{section}' must map names to patterns", path, line)
        for name, source in table.items():
            source = _expand(str(source), macros)
            try:
                each[f"{section}:{name}"] = re.compile(source, re.I)
            except re.error as exc:
                raise ConfigError(f"furniture pattern '{name}' is not a valid regular expression: {exc}",
                                  path, line) from None
            groups[section].append(f"(?P<{name}>{_NAMED_GROUP.sub('(?:', source)})")
    long_kinds = list(spec.get("any_length") or ())
    for name in long_kinds:
        if f"lines:{name}" not in each:
            raise ConfigError(f"furniture 'any_length' names '{name}', which is not one of its 'lines'", path, line)
    long_lines = [group for name, group in zip(spec["lines"], groups["lines"]) if name in long_kinds]
    return Furniture(lines=re.compile("|".join(groups["lines"]), re.I),
                     prefixes=re.compile("|".join(groups["prefixes"]), re.I),
                     each=each, ends_article=frozenset(spec.get("ends_article") or ()),
                     any_length=re.compile("|".join(long_lines), re.I) if long_lines else None)


def _expand(source: str, macros: dict) -> str:
    for _ in range(5):      # macros may use macros
        expanded = _MACRO.sub(lambda m: macros.get(m.group(1), m.group(0)), source)
        if expanded == source:
            break
        source = expanded
    return source


# --- discovery ----------------------------------------------------------------------------------

def discover(paths: list[str], notices: list[Notice] | None = None) -> tuple[list[Path], list[Skipped]]:
    """Files to read from files, folders (recursive) and globs, each real file once, in path order whatever
    the order given, so that the same inputs give the same output; problems as Skipped, and symbolic links
    back to a folder already read as `notices`."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    notices = [] if notices is None else notices
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files += _folder(path, skipped, notices)
        elif path.is_file():
            if path.suffix.lower() in READERS:
                files.append(path)
            else:
                skipped.append(Skipped(given, None, f"unsupported file type '{path.suffix or path.name}' "
                                                    f"(supported: {', '.join(sorted(READERS))})"))
        elif _GLOB_CHARS.search(given):
            matches = [Path(m) for m in sorted(glob.glob(given, recursive=True))]
            found = _not_ours(_supported([p for p in matches if p.is_file()]), notices)
            for folder in (p for p in matches if p.is_dir()):
                found += _folder(folder, skipped, notices)
            files += found
            if not found:
                skipped.append(Skipped(given, None, "no supported files match this pattern"))
        else:
            skipped.append(Skipped(given, None, "no such file or folder"))
    unique: dict[str, Path] = {}
    for path in files:          # each real file once, under a name that is not a link when there is one
        real = os.path.realpath(path)
        if real not in unique or unique[real].is_symlink():
            unique[real] = path
    return sorted(unique.values(), key=Path.as_posix), skipped


def _supported(paths: list[Path]) -> list[Path]:
    return [p for p in paths if p.suffix.lower() in READERS]


def _not_ours(paths: list[Path], notices: list[Notice]) -> list[Path]:
    """The paths but the reports this tool wrote (a Markdown report's front matter, an HTML report's
    generator), each with a notice: a folder audited after `audit report` wrote into it holds its report."""
    kept = []
    for path in paths:
        if path.suffix.lower() not in _REPORT_SUFFIXES:
            kept.append(path)
            continue
        try:
            with path.open("rb") as fh:
                head = fh.read(2048)
        except OSError:
            head = b""                      # unreadable: reading it later says why
        if _OWN_REPORT.search(head):
            notices.append(Notice(display_path(path), None, "a report provenance-audit wrote: not audited"))
        else:
            kept.append(path)
    return kept


def _folder(root: Path, skipped: list[Skipped], notices: list[Notice]) -> list[Path]:
    """Supported files under a folder, sorted, leaving out hidden files and folders (.git). Symbolic
    links are followed into each real folder once; a broken or looping link to a file is skipped."""
    found: list[Path] = []
    seen: set[str] = set()
    for folder, subfolders, names in os.walk(root, followlinks=True):
        if os.path.realpath(folder) in seen:
            notices.append(Notice(display_path(Path(folder)), None,
                                  "symbolic link to a folder already read: not read again"))
            subfolders.clear()
            continue
        seen.add(os.path.realpath(folder))
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in names:
            path = Path(folder, name)
            if name.startswith(".") or path.suffix.lower() not in READERS:
                continue
            if path.is_file():
                found += _not_ours([path], notices)
            elif path.is_symlink():
                skipped.append(Skipped(display_path(path), None, "broken or looping symbolic link"))
    return sorted(found)


def display_path(path: Path) -> str:
    """The path relative to the working folder when it lies inside it, else as given; POSIX slashes;
    a name that is not valid UTF-8 shown with U+FFFD."""
    relative = os.path.relpath(os.path.abspath(path))
    return valid_unicode(Path(path if relative.startswith("..") else relative).as_posix())[0]


# --- loading ------------------------------------------------------------------------------------

def ingest(paths: list[str], registry: Registry, language: LanguagePack | None = None,
           progress: Callable[[int, int], None] | None = None, *, limits: Limits | None = None,
           notices: list[Notice] | None = None) -> tuple[list[Document], list[Skipped]]:
    """Load every file found; a bad file or record is recorded as Skipped and the rest go on; what was
    repaired or left out without loss goes to `notices`. `language` gives the furniture patterns (the
    built-in pack by default); `progress(done, total)` is told after each file. Document ids may repeat
    (audit.identity makes them unique for a run)."""
    furniture_patterns(language or LanguagePack.builtin())   # a bad pattern is a configuration error, not a bad file
    files, skipped = discover(paths, notices)
    return read_files(files, skipped, registry, language, progress, limits=limits, notices=notices), skipped


def read_files(files: list[Path], skipped: list[Skipped], registry: Registry, language: LanguagePack | None = None,
               progress: Callable[[int, int], None] | None = None, *, limits: Limits | None = None,
               notices: list[Notice] | None = None) -> list[Document]:
    """`ingest`'s reading of the files `discover` found, adding to its `skipped`."""
    language = language or LanguagePack.builtin()
    furniture_patterns(language)
    documents: list[Document] = []
    for done, path in enumerate(files, 1):
        try:
            documents += load(path, registry, skipped, language, limits, notices)
        except AuditError as exc:
            entry = Skipped(exc.path or display_path(path), exc.line, exc.message)
            if entry not in skipped:
                skipped.append(entry)
        except Exception as exc:    # noqa: BLE001 - one file's failure must not cost the others
            skipped.append(Skipped(display_path(path), None, internal_error("reading", exc)))
        if progress:
            progress(done, len(files))
    return documents


def input_digest(files: list[Path]) -> str | None:
    """A digest of what reading `files` gives besides the code, lexicons, registry, limits and working
    folder: each file's path and bytes, and the sidecar of its folder that `load` would read (or None when
    a file or sidecar cannot be read: such a run is not keyed by its files)."""
    digest = hashlib.sha256()
    sidecars: dict[Path, bytes] = {}
    try:
        for path in files:
            if path.parent not in sidecars:
                sidecars[path.parent] = hashlib.sha256(_sidecar_bytes(path.parent)).digest()
            digest.update(os.fsencode(path) + b"\0" + hashlib.sha256(path.read_bytes()).digest()
                          + sidecars[path.parent])
    except OSError:
        return None
    return digest.hexdigest()


def load(path: Path, registry: Registry, skipped: list[Skipped] | None = None,
         language: LanguagePack | None = None, limits: Limits | None = None,
         notices: list[Notice] | None = None) -> list[Document]:
    """The documents in one file. Raises AuditError for bad input; an article over the limits or a bad
    JSON Lines record raises too unless `skipped` is given, in which case it is recorded there and the
    other records load. Text is made valid Unicode, noted once per file in `notices`."""
    shown = display_path(path)
    limits = limits or Limits()
    try:
        limits.check_file(path.stat().st_size, shown)
        data = path.read_bytes()
    except OSError as exc:
        raise AuditError(f"cannot read: {exc.strerror or exc}", shown) from None
    _reject_binary(data, shown)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise AuditError(f"unsupported file type '{path.suffix}'", shown)
    sidecar = _sidecar_for(path)
    furniture = furniture_patterns(language or LanguagePack.builtin())
    source = Source(path, shown, data, skipped)
    articles: list[Document] = []
    repaired = {"file name"} if valid_unicode(str(path))[1] else set()
    for article in reader.read(source):
        repaired |= _make_valid(article)
        try:
            limits.check_document(article.doc)
        except AuditError as exc:
            source.bad_record(exc)
            continue
        _finish(article.doc, article.body_start, article.stated, article.origin, sidecar, registry, furniture)
        articles.append(article.doc)
    if repaired and notices is not None:
        notices.append(Notice(shown, None, "NUL or invalid Unicode (a lone surrogate, a name not in UTF-8) "
                                           f"replaced with U+FFFD in the {', '.join(sorted(repaired))}"))
    return articles


def _make_valid(article: Article) -> set[str]:
    """Replace NUL and lone surrogates (from JSON `\\ud800` escapes, undecodable file names) in an
    article's text, id and stated metadata; where any were."""
    doc, repaired = article.doc, set()
    doc.text, in_text = valid_unicode(doc.text)
    doc.id, in_id = valid_unicode(doc.id)
    for key, (value, line) in article.stated.items():
        valid, in_value = valid_unicode(value)
        article.stated[key] = (valid, line)
        if in_value:
            repaired.add("metadata")
    if in_text:
        repaired.add("text")
    if in_id:
        repaired.add("id")
    return repaired


def _reject_binary(data: bytes, shown: str) -> None:
    head = data[:8192]
    if b"\0" in head or len(head.translate(None, _TEXT_BYTES)) > len(head) * 0.05:
        raise AuditError("binary file, not text", shown)


# --- sidecar metadata -----------------------------------------------------------------------------

def _sidecar_for(path: Path) -> dict[str, Stated]:
    """The sidecar entries of the file's folder (metadata.yaml or metadata.csv), keyed by file name."""
    for name in SIDECARS:
        sidecar = path.parent / name
        try:
            stamp = sidecar.stat().st_mtime_ns
        except OSError:
            continue
        return _read_sidecar(sidecar, stamp)
    return {}


def _sidecar_bytes(folder: Path) -> bytes:
    """The name and bytes of the sidecar `_sidecar_for` picks in a folder; empty when there is none."""
    for name in SIDECARS:
        sidecar = folder / name
        if sidecar.exists():
            return name.encode() + b"\0" + sidecar.read_bytes()
    return b""


@lru_cache(maxsize=64)
def _read_sidecar(path: Path, stamp: int) -> dict[str, Stated]:
    shown = display_path(path)
    try:
        text = decode(path.read_bytes(), shown)
    except OSError as exc:
        raise AuditError(f"cannot read: {exc.strerror or exc}", shown) from None
    return _csv_sidecar(text, shown) if path.suffix == ".csv" else _yaml_sidecar(text, shown)


def _csv_sidecar(text: str, shown: str) -> dict[str, Stated]:
    reader = csv.DictReader(io.StringIO(text))
    try:
        return _csv_entries(reader, shown)
    except csv.Error as exc:        # a field over the csv module's 128 KiB, a NUL... (line_num: lines done)
        raise AuditError(f"unreadable CSV: {exc}", shown, reader.line_num + 1) from None


def _csv_entries(reader: csv.DictReader, shown: str) -> dict[str, Stated]:
    header = reader.fieldnames or []
    if "file" not in header:
        raise AuditError("a metadata.csv needs a 'file' column", shown, 1)
    for column in header:
        if column != "file" and META_ALIASES.get(column, column) not in META_KEYS:
            raise AuditError(f"unknown column '{column}' (known: file, {', '.join(META_KEYS)})", shown, 1)
    entries: dict[str, Stated] = {}
    for row in reader:
        if None in row:
            raise AuditError("more values than columns", shown, reader.line_num)
        if row.get("file"):
            fields = {META_ALIASES.get(k, k): v.strip() for k, v in row.items() if k != "file" and v}
            if "published" in fields:
                fields["published"] = checked_date(fields["published"], shown, reader.line_num)
            entries[row["file"]] = {k: (v, reader.line_num) for k, v in fields.items()}
    return entries


def _yaml_sidecar(text: str, shown: str) -> dict[str, Stated]:
    data = read_yaml(text, shown, AuditError)
    if data is None:
        return {}
    if not isinstance(data, YamlMap):
        raise AuditError("a metadata.yaml maps file names to {title, outlet, published, author, url}", shown, 1)
    entries: dict[str, Stated] = {}
    for name, fields in data.items():
        if not isinstance(fields, YamlMap):
            raise AuditError(f"the entry for '{name}' must be a mapping", shown, data.lines[name])
        entries[name] = meta_fields(fields, shown, strict=True)
    return entries


# --- metadata and regions ---------------------------------------------------------------------------

def _finish(doc: Document, body_start: int, explicit: Stated, source: str, sidecar: dict[str, Stated],
            registry: Registry, furniture: Furniture) -> None:
    """Fill regions, headline, furniture, words and metadata (explicit > sidecar > inferred)."""
    inferred = _Layout(doc, registry, furniture).run(body_start)
    side = sidecar.get(Path(doc.path).name, {})
    for key in META_KEYS:
        for fields, origin in ((explicit, source), (side, "sidecar")):
            if key in fields:
                value, _ = fields[key]
                if key == "outlet":
                    actor = registry.lookup(value)
                    value = actor.name if actor else value.strip()
                doc.meta[key] = MetaValue(value, origin)
                break
        else:
            if key in inferred:
                doc.meta[key] = MetaValue(*inferred[key])
    if "credit" in inferred:        # "Source: Al Jazeera + American press": whom the article credits
        doc.meta["credit"] = MetaValue(*inferred["credit"])
    if "outlet" not in doc.meta and (url := doc.get("url")):
        actor = registry.lookup(url)
        if actor is not None and actor.kind == "outlet":
            doc.meta["outlet"] = MetaValue(actor.name, "inferred:url")


class _Layout:
    """One pass over a document's lines: furniture set aside, headline found, paragraphs kept as
    regions, and metadata the page furniture gives away noted."""

    def __init__(self, doc: Document, registry: Registry, furniture: Furniture):
        self.doc, self.registry, self.patterns = doc, registry, furniture
        self.inferred: dict[str, tuple[str, str]] = {}    # meta key -> (value, source)
        self.outlets: dict[str, str] = {}                 # furniture kind -> outlet it names
        self.seen: set[str] = set()
        self.block: list[tuple[int, int]] = []            # kept lines of the current paragraph
        self.previous = ""
        self.started = self.tail = self.fenced = self.in_comment = False

    def run(self, body_start: int) -> dict[str, tuple[str, str]]:
        text, doc = self.doc.text, self.doc
        half = body_start + (len(text) - body_start) // 2
        offset = 0
        for raw in text.split("\n"):
            line_start, offset = offset, offset + len(raw) + 1
            content = raw.strip()
            if line_start < body_start:
                continue
            if not content:
                self.flush()
                continue
            a = line_start + len(raw) - len(raw.lstrip())
            self.line(a, a + len(content), content, half)
        self.flush()
        doc.words = sum(len(text[a:b].split()) for a, b in doc.regions)
        kind = next((k for k in (*OUTLET_EVIDENCE, *self.outlets) if k in self.outlets), None)
        if kind:
            self.inferred["outlet"] = (self.outlets[kind], f"inferred:{kind}")
        return self.inferred

    def line(self, a: int, b: int, content: str, half: int) -> None:
        if self.tail or (self.doc.format == "markdown" and self.markup(content)):
            return self.skip(a, b)
        marker = _MARKDOWN_MARKER.match(content) if self.doc.format == "markdown" else None
        if marker:
            self.flush()
            a, content = a + marker.end(), content[marker.end():]
        if self.furniture_line(a, b, content, half) or self.outlet_line(a, b, content) or self.repeated(a, b, content):
            return
        if (m := self.patterns.prefixes.match(content)) and m.end() < len(content):
            self.doc.furniture.append(Span(a, a + m.end(), m.group()))
            self.gather(m.lastgroup, self.patterns.each[f"prefixes:{m.lastgroup}"].match(content))
            a, content = a + m.end(), content[m.end():]
        if not self.started:
            self.started = True
            if _headline_like(content):
                self.doc.headline = Span(a, b, content)
                self.inferred["title"] = (content, "inferred:first_line")
                return
        if self.block and not _continues(self.previous, content):
            self.flush()
        self.block.append((a, b))
        self.previous = content
        if marker and marker.group().startswith("#"):
            self.flush()

    def furniture_line(self, a: int, b: int, content: str, half: int) -> bool:
        """Set aside a whole line of furniture ("Share This Article"), noting what it gives away. A line
        longer than MAX_FURNITURE_CHARS is article text unless an `any_length` kind matches it (a caption)."""
        patterns = self.patterns.lines if len(content) <= MAX_FURNITURE_CHARS else self.patterns.any_length
        if patterns is None or not (m := patterns.fullmatch(content)):
            return False
        kind, pattern = m.lastgroup, self.patterns.each[f"lines:{m.lastgroup}"]
        self.skip(a, b)
        self.gather(kind, pattern.fullmatch(content))
        # The page ends here (comments, related links follow) if this comes late in the text and,
        # for a signature, names a known outlet: "(The Palestine Chronicle)", not "(BEGIN VIDEO CLIP.)".
        self.tail = (kind in self.patterns.ends_article and a >= half
                     and ("outlet" not in pattern.groupindex or kind in self.outlets))
        return True

    def outlet_line(self, a: int, b: int, content: str) -> bool:
        """Set aside a bare line naming an outlet ("Daily News Egypt")."""
        if len(content) > MAX_OUTLET_LINE_CHARS or content[-1] in _TERMINAL:
            return False
        actor = self.registry.lookup(content)
        if actor is None or actor.kind != "outlet":
            return False
        self.outlets.setdefault("outlet_line", actor.name)
        self.skip(a, b)
        return True

    def repeated(self, a: int, b: int, content: str) -> bool:
        """Set aside a line seen before (a repeated header), unless it is short ("he said.")."""
        key = " ".join(content.split())
        if key in self.seen and len(key) >= MIN_DUPLICATE_CHARS:
            self.skip(a, b)
            return True
        self.seen.add(key)
        return False

    def markup(self, content: str) -> bool:
        """Markdown that is not article text: HTML comments (suppressions) and fenced code."""
        if self.in_comment or content.startswith("<!--"):
            self.in_comment = "-->" not in content
            return True
        fence = content.startswith(("```", "~~~"))
        if fence or self.fenced:
            self.fenced = self.fenced != fence
            return True
        return False

    def gather(self, kind: str | None, match: re.Match[str] | None) -> None:
        """Note the metadata a furniture line gives away (first one of each kind wins)."""
        if kind is None or match is None:
            return
        for group, value in match.groupdict().items():
            value = value and value.strip()
            if not value:
                continue
            if group in ("outlet", "author") and (actor := _outlet_named(value, self.registry)):
                self.outlets.setdefault(kind, actor.name)
            if group == "published":
                value = normalise_date(value)
            if value and group != "outlet":
                self.inferred.setdefault(group, (value, f"inferred:{kind}"))

    def skip(self, a: int, b: int) -> None:
        self.flush()
        self.doc.furniture.append(Span(a, b, self.doc.text[a:b]))

    def flush(self) -> None:
        if self.block:
            self.doc.regions.append((self.block[0][0], self.block[-1][1]))
            self.block.clear()


def _headline_like(line: str) -> bool:
    """Short, and without a closing period unless set in title case ("Part 3.")."""
    words = line.split()
    if not words or len(words) > 30 or len(line) > 250:
        return False
    if line[-1] != ".":
        return True
    long_words = [w.lstrip("'\"‘“") for w in words if len(w) > 3]
    return bool(long_words) and sum(w[:1].isupper() for w in long_words) >= 0.7 * len(long_words)


def _continues(previous: str, line: str) -> bool:
    """Whether a line continues the paragraph of the line before (hard-wrapped text)."""
    if line[0].islower():
        return True
    return previous[-1] not in _TERMINAL and len(previous) >= 0.75 * max(len(previous), len(line))


def _outlet_named(text: str, registry: Registry) -> Actor | None:
    """The outlet a byline, credit or signature names: "Palestine Chronicle Staff", "J. Doe, Reuters"."""
    for candidate in (text, _OUTLET_ROLE_WORDS.sub("", text), *reversed(_CREDIT_SPLIT.split(text))):
        actor = registry.lookup(candidate) if candidate else None
        if actor is not None and actor.kind == "outlet":
            return actor
    return None
