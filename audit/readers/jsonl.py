"""JSON Lines: one article per line, an object with `text` and metadata fields. A bad line is skipped
(and reported) while the other lines load. Numbers are kept as their text: they are only ever used as
text (ids, metadata), so a number of any length reads, and JSON nested past Python's recursion limit is a
bad line."""
from __future__ import annotations

import hashlib
import json

from audit.errors import AuditError
from audit.models import Document

from . import Article, Source, reader
from .common import META_ALIASES, META_KEYS, Stated, checked_date, decode


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
    record = json.loads(decode(raw, shown, first_line=number), parse_int=str)
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
    return Article(doc, stated, "jsonl")
