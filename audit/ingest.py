"""Read article files into Documents: decoded text, metadata with its provenance, audited regions.

Plain text and Markdown are read as they are (offsets are offsets into the file); HTML goes through
trafilatura; JSON Lines holds one article per line. Page furniture (bylines, share buttons, comment
counts, repeated header lines...) is kept out of the audited regions; the patterns live in
rules/lexicons/furniture.yaml (extended by a user's lexicons) and come from the LanguagePack.
"""
from __future__ import annotations

import csv
import glob
import hashlib
import html
import io
import json
import os
import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from audit.errors import AuditError, ConfigError
from audit.language import LanguagePack
from audit.models import Document, MetaValue, Skipped, Span
from audit.registry import Actor, Registry
from audit.yamlio import YamlMap, read_yaml

SUPPORTED = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")
FORMATS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
           ".jsonl": "jsonl"}
META_KEYS = ("title", "outlet", "published", "author", "url")
META_ALIASES = {"date": "published", "publisher": "outlet", "site_name": "outlet", "authors": "author",
                "link": "url"}
SIDECARS = ("metadata.yaml", "metadata.yml", "metadata.csv")
OUTLET_EVIDENCE = ("byline", "signature", "photo_credit", "outlet_line", "dateline", "tweet")  # most telling first

MAX_FURNITURE_CHARS = 200       # longer lines are article text
MAX_OUTLET_LINE_CHARS = 60
MIN_DUPLICATE_CHARS = 20        # shorter repeated lines ("he said.") are left alone
_GLOB_CHARS = re.compile(r"[*?\[]")
_MARKDOWN_MARKER = re.compile(r"(?:#{1,6}|>|[-*+]|\d{1,3}[.)])\s+")
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
_TERMINAL = frozenset('.!?…"”’\')]')
_OUTLET_ROLE_WORDS = re.compile(
    r"\s+(?:staff(?:\s+(?:writers?|reporters?))?|newsroom|news\s+desk|desk|team|editors?|editorial|"
    r"reporters?|correspondents?|writers?|and\s+agencies|online)$", re.I)
_CREDIT_SPLIT = re.compile(r"\s*(?:,|/|;|\||\s[-–—]\s)\s*")
_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_MONTH_FIRST = re.compile(r"([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I)
_DAY_FIRST = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})", re.I)
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_TEXT_BYTES = bytes(range(32, 256)) + b"\t\n\r\f\v\x1b"
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_MACRO = re.compile(r"\{(\w+)\}")
_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)


# --- furniture patterns ---------------------------------------------------------------------------

@dataclass(slots=True)
class Furniture:
    """The compiled furniture patterns: one alternation per kind of check, plus each pattern alone."""
    lines: re.Pattern[str]
    prefixes: re.Pattern[str]
    each: dict[str, re.Pattern[str]]
    ends_article: frozenset[str]


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
    return Furniture(lines=re.compile("|".join(groups["lines"]), re.I),
                     prefixes=re.compile("|".join(groups["prefixes"]), re.I),
                     each=each, ends_article=frozenset(spec.get("ends_article") or ()))


def _expand(source: str, macros: dict) -> str:
    for _ in range(5):      # macros may use macros
        expanded = _MACRO.sub(lambda m: macros.get(m.group(1), m.group(0)), source)
        if expanded == source:
            break
        source = expanded
    return source


# --- discovery ----------------------------------------------------------------------------------

def discover(paths: list[str]) -> tuple[list[Path], list[Skipped]]:
    """Files to read from files, folders (recursive, sorted) and globs; problems as Skipped."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files += _folder(path)
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED:
                files.append(path)
            else:
                skipped.append(Skipped(given, None, f"unsupported file type '{path.suffix or path.name}' "
                                                    f"(supported: {', '.join(SUPPORTED)})"))
        elif _GLOB_CHARS.search(given):
            matches = [Path(m) for m in sorted(glob.glob(given, recursive=True))]
            found = _supported([p for p in matches if p.is_file()])
            for folder in (p for p in matches if p.is_dir()):
                found += _folder(folder)
            files += found
            if not found:
                skipped.append(Skipped(given, None, "no supported files match this pattern"))
        else:
            skipped.append(Skipped(given, None, "no such file or folder"))
    unique = {}
    for path in files:
        unique.setdefault(os.path.abspath(path), path)
    return list(unique.values()), skipped


def _supported(paths: list[Path]) -> list[Path]:
    return [p for p in paths if p.suffix.lower() in SUPPORTED]


def _folder(root: Path) -> list[Path]:
    """Supported files under a folder, sorted, leaving out hidden files and folders (.git)."""
    return _supported(sorted(p for p in root.rglob("*") if p.is_file()
                             and not any(part.startswith(".") for part in p.relative_to(root).parts)))


def display_path(path: Path) -> str:
    """The path relative to the working folder when it lies inside it, else as given; POSIX slashes."""
    relative = os.path.relpath(os.path.abspath(path))
    return Path(path if relative.startswith("..") else relative).as_posix()


# --- loading ------------------------------------------------------------------------------------

def ingest(paths: list[str], registry: Registry,
           language: LanguagePack | None = None) -> tuple[list[Document], list[Skipped]]:
    """Load every file found; a bad file or record is recorded as Skipped and the rest go on.
    `language` gives the furniture patterns (the built-in pack by default)."""
    language = language or LanguagePack.builtin()
    furniture_patterns(language)            # a bad pattern is a configuration error, not a bad file
    files, skipped = discover(paths)
    documents: list[Document] = []
    for path in files:
        try:
            documents += load(path, registry, skipped, language)
        except AuditError as exc:
            entry = Skipped(exc.path or display_path(path), exc.line, exc.message)
            if entry not in skipped:
                skipped.append(entry)
    used: set[str] = set()
    for doc in documents:
        base, n = doc.id, 1
        while doc.id in used:
            n += 1
            doc.id = f"{base}-{n}"
        used.add(doc.id)
    return documents, skipped


def load(path: Path, registry: Registry, skipped: list[Skipped] | None = None,
         language: LanguagePack | None = None) -> list[Document]:
    """The documents in one file. Raises AuditError for bad input; a bad JSON Lines record raises
    too unless `skipped` is given, in which case it is recorded there and the other records load."""
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AuditError(f"cannot read: {exc.strerror or exc}", shown) from None
    _reject_binary(data, shown)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise AuditError(f"unsupported file type '{path.suffix}'", shown)
    sidecar = _sidecar_for(path)
    furniture = furniture_patterns(language or LanguagePack.builtin())
    if fmt == "jsonl":
        return _load_jsonl(path, shown, data, sidecar, registry, furniture, skipped)
    sha = hashlib.sha256(data).hexdigest()
    if fmt == "html":
        return [_load_html(path, shown, data, sha, sidecar, registry, furniture)]
    text = _decode(data, shown)
    if not text.strip():
        raise AuditError("empty file", shown)
    doc = Document(id=path.stem, path=shown, sha256=sha, text=text, format=fmt)
    body_start, explicit = _front_matter(text, shown) if fmt == "markdown" else (0, {})
    if body_start and not text[body_start:].strip():
        raise AuditError("empty file (front matter only)", shown)
    doc.line_starts = list(accumulate((len(line) + 1 for line in text.split("\n")[:-1]), initial=0))
    doc.line_numbers = list(range(1, len(doc.line_starts) + 1))
    _finish(doc, body_start, explicit, "front_matter", sidecar, registry, furniture)
    return [doc]


def _reject_binary(data: bytes, shown: str) -> None:
    head = data[:8192]
    if b"\0" in head or len(head.translate(None, _TEXT_BYTES)) > len(head) * 0.05:
        raise AuditError("binary file, not text", shown)


def _decode(data: bytes, shown: str, encoding: str = "utf-8-sig", first_line: int = 1) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + first_line
        name = "UTF-8" if encoding.startswith("utf") else encoding
        raise AuditError(f"not valid {name} at line {line} (byte 0x{data[exc.start]:02x}); "
                         "re-save the file as UTF-8", shown, line) from None


def _front_matter(text: str, shown: str) -> tuple[int, dict[str, tuple[str, int]]]:
    """(offset where the body starts, {key: (value, line)}) for a leading `---` YAML block."""
    if not re.match(r"---[ \t]*\r?\n", text):
        return 0, {}
    end = _FRONT_MATTER_END.search(text, text.index("\n") + 1)
    if end is None:
        raise AuditError("front matter opened with '---' is never closed", shown, 1)
    data = read_yaml(text[text.index("\n") + 1:end.start()], shown, AuditError, first_line=2)
    if data is not None and not isinstance(data, YamlMap):
        raise AuditError("front matter must be a mapping of keys to values", shown, 2)
    body = text.find("\n", end.end())
    return (len(text) if body < 0 else body + 1), _meta_fields(data, shown, strict=False) if data else {}


def _meta_fields(data: YamlMap, shown: str, strict: bool) -> dict[str, tuple[str, int]]:
    """Known metadata keys of a mapping, as (text, line); lists of authors joined."""
    out = {}
    for key, value in data.items():
        name = META_ALIASES.get(key.lower(), key.lower())
        line = data.lines[key]
        if name not in META_KEYS:
            if strict:
                raise AuditError(f"unknown key '{key}' (known: {', '.join(META_KEYS)})", shown, line)
            continue
        if isinstance(value, list) and name == "author" and all(isinstance(v, str) for v in value):
            value = ", ".join(value)
        if value is not None and not isinstance(value, str):
            raise AuditError(f"'{key}' must be text", shown, line)
        if value:
            out[name] = (_checked_date(value, shown, line) if name == "published" else value, line)
    return out


def _checked_date(value: str, shown: str, line: int | None) -> str:
    """A stated publication date as YYYY-MM-DD; an unreadable one is an input error."""
    normalised = normalise_date(value)
    if normalised is None:
        raise AuditError(f"cannot read the date '{value}' (use YYYY-MM-DD)", shown, line)
    return normalised


def _load_jsonl(path: Path, shown: str, data: bytes, sidecar: dict, registry: Registry, furniture: Furniture,
                skipped: list[Skipped] | None) -> list[Document]:
    docs = []
    if not data.strip():
        raise AuditError("empty file", shown)
    for number, raw in enumerate(data.split(b"\n"), 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(_decode(raw, shown, first_line=number))
            if not isinstance(record, dict):
                raise AuditError("each line must be a JSON object", shown, number)
            text = record.get("text")
            if not isinstance(text, str) or not text.strip():
                raise AuditError("record has no 'text' field (or it is empty)", shown, number)
            fields = {}
            for key, value in record.items():
                name = META_ALIASES.get(key, key)
                if name in META_KEYS and value not in (None, ""):
                    value = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
                    fields[name] = (_checked_date(value, shown, number) if name == "published" else value, number)
        except json.JSONDecodeError as exc:
            error = AuditError(f"invalid JSON: {exc.msg} (column {exc.colno})", shown, number)
        except AuditError as exc:
            error = AuditError(exc.message, shown, number)
        else:
            doc_id = str(record["id"]) if record.get("id") not in (None, "") else f"{path.stem}-{number}"
            doc = Document(id=doc_id, path=shown, sha256=hashlib.sha256(raw).hexdigest(), text=text,
                           format="jsonl", line_starts=[0], line_numbers=[number])
            _finish(doc, 0, fields, "jsonl", sidecar, registry, furniture)
            docs.append(doc)
            continue
        if skipped is None:
            raise error
        skipped.append(Skipped(shown, number, error.message))
    return docs


def _load_html(path: Path, shown: str, data: bytes, sha: str, sidecar: dict, registry: Registry,
               furniture: Furniture) -> Document:
    import trafilatura  # slow to import: only when there is HTML to read

    declared = _HTML_CHARSET.search(data[:4096])
    encoding = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    try:
        raw = _decode(data, shown, "utf-8-sig" if encoding in ("utf-8", "utf8") else encoding)
    except LookupError:
        raw = _decode(data, shown)
    if not raw.strip():
        raise AuditError("empty file", shown)
    result = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False)
    info = result if isinstance(result, dict) or result is None else result.as_dict()   # dict before 2.0
    text = (info or {}).get("text") or ""
    if not text.strip():
        raise AuditError("no article text found in the HTML", shown)
    doc = Document(id=path.stem, path=shown, sha256=sha, text=text, format="html")
    doc.line_starts, doc.line_numbers = _html_line_map(raw, text)
    info["published"] = normalise_date(info.get("date") or "")
    info["outlet"] = info.get("sitename")
    fields = {key: (str(info[key]), None) for key in META_KEYS if info.get(key)}
    _finish(doc, 0, fields, "html", sidecar, registry, furniture)
    return doc


def _html_line_map(raw: str, text: str) -> tuple[list[int], list[int]]:
    """For each extracted line, the HTML source line where its opening words first appear (best effort)."""
    source_lines = [html.unescape(line) if "&" in line else line for line in raw.split("\n")]
    source = "\n".join(source_lines)
    source_starts = list(accumulate((len(line) + 1 for line in source_lines[:-1]), initial=0))
    starts, numbers, cursor, offset = [], [], 0, 0
    for line in text.split("\n"):
        probe = " ".join(line.split()[:4])[:40]
        found = source.find(probe, cursor) if probe else -1
        if found < 0 and probe:
            found = source.find(probe)
        if found >= 0:
            cursor = found
        starts.append(offset)
        numbers.append(bisect_right(source_starts, cursor))
        offset += len(line) + 1
    return starts, numbers


# --- sidecar metadata -----------------------------------------------------------------------------

def _sidecar_for(path: Path) -> dict[str, dict[str, tuple[str, int]]]:
    """The sidecar entries of the file's folder (metadata.yaml or metadata.csv), keyed by file name."""
    for name in SIDECARS:
        sidecar = path.parent / name
        try:
            stamp = sidecar.stat().st_mtime_ns
        except OSError:
            continue
        return _read_sidecar(sidecar, stamp)
    return {}


@lru_cache(maxsize=64)
def _read_sidecar(path: Path, stamp: int) -> dict[str, dict[str, tuple[str, int]]]:
    shown = display_path(path)
    try:
        text = _decode(path.read_bytes(), shown)
    except OSError as exc:
        raise AuditError(f"cannot read: {exc.strerror or exc}", shown) from None
    entries: dict[str, dict[str, tuple[str, int]]] = {}
    if path.suffix == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        header = reader.fieldnames or []
        if "file" not in header:
            raise AuditError("a metadata.csv needs a 'file' column", shown, 1)
        for column in header:
            if column != "file" and META_ALIASES.get(column, column) not in META_KEYS:
                raise AuditError(f"unknown column '{column}' (known: file, {', '.join(META_KEYS)})", shown, 1)
        for row in reader:
            if None in row:
                raise AuditError("more values than columns", shown, reader.line_num)
            if row.get("file"):
                fields = {META_ALIASES.get(k, k): v.strip() for k, v in row.items() if k != "file" and v}
                if "published" in fields:
                    fields["published"] = _checked_date(fields["published"], shown, reader.line_num)
                entries[row["file"]] = {k: (v, reader.line_num) for k, v in fields.items()}
        return entries
    data = read_yaml(text, shown, AuditError)
    if data is None:
        return {}
    if not isinstance(data, YamlMap):
        raise AuditError("a metadata.yaml maps file names to {title, outlet, published, author, url}", shown, 1)
    for name, fields in data.items():
        if not isinstance(fields, YamlMap):
            raise AuditError(f"the entry for '{name}' must be a mapping", shown, data.lines[name])
        entries[name] = _meta_fields(fields, shown, strict=True)
    return entries


# --- metadata and regions ---------------------------------------------------------------------------

def normalise_date(value: str) -> str | None:
    """YYYY-MM-DD for an ISO date or timestamp, "November 4, 2023" or "4 Nov 2023"; None otherwise."""
    value = value.strip()
    if m := _ISO_DATE.match(value):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _MONTH_FIRST.search(value) or _DAY_FIRST.search(value):
        first, second, year = m.groups()
        month_word, day = (first, second) if first.isalpha() else (second, first)
        month, day, year = _MONTHS.get(month_word.lower()[:3]), int(day), int(year)
        if month is None:
            return None
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _finish(doc: Document, body_start: int, explicit: dict[str, tuple[str, int | None]], source: str,
            sidecar: dict, registry: Registry, furniture: Furniture) -> None:
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
    if "outlet" not in doc.meta and doc.get("url"):
        actor = registry.lookup(doc.get("url"))
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
        if len(content) <= MAX_FURNITURE_CHARS and (m := self.patterns.lines.fullmatch(content)):
            kind, pattern = m.lastgroup, self.patterns.each[f"lines:{m.lastgroup}"]
            self.skip(a, b)
            self.gather(kind, pattern.fullmatch(content))
            # The page ends here (comments, related links follow) if this comes late in the text and,
            # for a signature, names a known outlet: "(The Palestine Chronicle)", not "(BEGIN VIDEO CLIP.)".
            self.tail = (kind in self.patterns.ends_article and a >= half
                         and ("outlet" not in pattern.groupindex or kind in self.outlets))
            return
        if len(content) <= MAX_OUTLET_LINE_CHARS and content[-1] not in _TERMINAL:
            actor = self.registry.lookup(content)
            if actor is not None and actor.kind == "outlet":       # a bare "Daily News Egypt" line
                self.outlets.setdefault("outlet_line", actor.name)
                return self.skip(a, b)
        key = " ".join(content.split())
        if key in self.seen and len(key) >= MIN_DUPLICATE_CHARS:
            return self.skip(a, b)
        self.seen.add(key)
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

    def gather(self, kind: str, match: re.Match[str]) -> None:
        """Note the metadata a furniture line gives away (first one of each kind wins)."""
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
