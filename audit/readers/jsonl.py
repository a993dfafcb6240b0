"""JSON Lines: one article per line, an object with `text` and metadata fields. A bad line is skipped
(and reported) while the other lines load. Numbers are kept as their text: they are only ever used as
text (ids, metadata), so a number of any length reads, and JSON nested past Python's recursion limit is a
bad line.

A record's text is on one file line, after the fields before it and with its escapes (\\n, \\", \\u2019)
as the file holds them: its document maps text offsets to columns of that line (Document.col_starts), so
every location printed leads to the claim in the file."""
from __future__ import annotations

import hashlib
import json
import re

from audit.errors import AuditError
from audit.models import Document

from . import Article, Source, reader
from .common import META_ALIASES, META_KEYS, Stated, checked_date, decode

# An escape of a JSON string, which reads as one character: a \u surrogate pair (json joins a high and a
# low surrogate into one character), any other \uXXXX, or a backslash and one character.
_ESCAPE = re.compile(r"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)", re.S)
_VALUE = json.JSONDecoder(parse_int=str).raw_decode       # (a JSON value at an index, the index past it)


@reader("jsonl", ".jsonl")
def read(source: Source) -> list[Article]:
    if not source.data.strip():
        raise AuditError("empty file", source.shown)
    articles = []
    for number, raw in enumerate(source.data.split(b"\n"), 1):
        if not raw.strip():
            continue
        try:
            articles.append(_record(source, number, raw))
        except json.JSONDecodeError as exc:
            source.bad_record(AuditError(f"invalid JSON: {exc.msg} (column {exc.colno})", source.shown, number))
        except RecursionError:
            source.bad_record(AuditError("JSON nested too deeply", source.shown, number))
        except AuditError as exc:
            source.bad_record(AuditError(exc.message, source.shown, number))
    return articles


def _record(source: Source, number: int, raw: bytes) -> Article:
    shown = source.shown
    line = decode(raw, shown, first_line=number)
    record = json.loads(line, parse_int=str)
    if not isinstance(record, dict):
        raise AuditError("each line must be a JSON object", shown, number)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise AuditError("record has no 'text' field (or it is empty)", shown, number)
    stated: Stated = {}
    for key, value in record.items():
        name = META_ALIASES.get(key, key)
        if name in META_KEYS and value not in (None, ""):
            value = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            stated[name] = (checked_date(value, shown, number) if name == "published" else value, number)
    doc_id = str(record["id"]) if record.get("id") not in (None, "") else f"{source.path.stem}-{number}"
    doc = Document(id=doc_id, path=shown, sha256=hashlib.sha256(raw).hexdigest(), text=text, format="jsonl",
                   line_starts=[0], line_numbers=[number])
    doc.col_starts, doc.col_shifts = _columns(line, _text_token(line))
    return Article(doc, stated, "jsonl")


def _text_token(line: str) -> int:
    """Where the string of the top-level "text" field starts in `line`, a JSON object json has read (its
    opening quote; of the last "text" field, the one json keeps)."""
    found, i = -1, _blank(line, 0) + 1
    while True:
        i = _blank(line, i)
        if line[i] != '"':                                  # "}": the end of the object
            return found
        key, i = _VALUE(line, i)
        i = _blank(line, _blank(line, i) + 1)               # past the ":"
        if key == "text":
            found = i
        i = _blank(line, _VALUE(line, i)[1])
        if line[i] != ",":
            return found
        i += 1


def _blank(line: str, i: int) -> int:
    """The index of the first character at or after `i` that is not JSON whitespace."""
    while i < len(line) and line[i] in " \t\n\r":
        i += 1
    return i


def _columns(line: str, quote: int) -> tuple[list[int], list[int]]:
    """(col_starts, col_shifts) of the text whose string opens at `quote` in `line`: its first character
    is one past the quote, and each escape, one character of the text, is longer in the file."""
    start, end = quote + 1, _VALUE(line, quote)[1] - 1
    starts, shifts, extra = [0], [start], 0
    for m in _ESCAPE.finditer(line, start, end):
        offset = m.start() - start - extra                  # the escape's character in the text
        extra += m.end() - m.start() - 1
        starts.append(offset + 1)
        shifts.append(start + extra)
    return starts, shifts
