"""HTML: the main text and metadata as trafilatura extracts them, each sentence of it mapped back to the
source line and column where its opening words appear (a paragraph of the text may run over several source
lines, and markup before it shifts its columns)."""
from __future__ import annotations

import html
import re
from bisect import bisect_right
from itertools import accumulate

from audit.errors import AuditError
from audit.models import Document

from . import Article, Source, reader
from .common import META_KEYS, decode, normalise_date

_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)
_SENTENCE_START = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")     # where a text line's sentences start
PROBES = (4, 2)                 # opening words searched for in the source, the longer first


@reader("html", ".html", ".htm")
def read(source: Source) -> list[Article]:
    import trafilatura  # slow to import: only when there is HTML to read

    shown, data = source.shown, source.data
    declared = _HTML_CHARSET.search(data[:4096])
    encoding = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    try:
        raw = decode(data, shown, "utf-8-sig" if encoding in ("utf-8", "utf8") else encoding)
    except LookupError:
        raw = decode(data, shown)
    if not raw.strip():
        raise AuditError("empty file", shown)
    try:
        result = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False)
    except Exception as exc:        # lxml and trafilatura on malformed markup: AssertionError, ValueError...
        detail = " ".join(str(exc).split())[:200]
        raise AuditError(f"could not parse HTML ({type(exc).__name__}{': ' if detail else ''}{detail})", shown) from None
    info = (result if isinstance(result, dict) or result is None else result.as_dict()) or {}   # dict before 2.0
    text = info.get("text") or ""
    if not text.strip():
        raise AuditError("no article text found in the HTML", shown)
    doc = Document(id=source.path.stem, path=shown, sha256=source.sha256, text=text, format="html")
    doc.line_starts, doc.line_numbers, doc.col_starts, doc.col_shifts = _position_map(raw, text)
    info["published"] = normalise_date(info.get("date") or "")
    info["outlet"] = info.get("sitename")
    return [Article(doc, {key: (str(info[key]), None) for key in META_KEYS if info.get(key)}, "html")]


def _position_map(raw: str, text: str) -> tuple[list[int], list[int], list[int], list[int]]:
    """(line_starts, line_numbers, col_starts, col_shifts) of the text (see Document): each sentence of each
    extracted line starts where its opening words first appear in the source after the sentence before (best
    effort: with markup inside a sentence, only its start is exact); a sentence not found keeps the place of
    the one before it."""
    source_lines = [html.unescape(line) if "&" in line else line for line in raw.split("\n")]
    source = "\n".join(source_lines)
    source_starts = list(accumulate((len(line) + 1 for line in source_lines[:-1]), initial=0))
    starts: list[int] = []
    numbers: list[int] = []
    shifts: list[int] = []
    cursor, offset = 0, 0
    for line in text.split("\n"):
        for start in [0] + [m.end() for m in _SENTENCE_START.finditer(line)]:
            found = _find(source, line[start:], cursor)
            number = bisect_right(source_starts, found if found >= 0 else cursor)
            column = found - source_starts[number - 1] if found >= 0 else 0
            cursor = max(cursor, found)
            starts.append(offset + start)
            numbers.append(number)
            shifts.append(column)
        offset += len(line) + 1
    return starts, numbers, starts, shifts


def _find(source: str, sentence: str, cursor: int) -> int:
    """Where the sentence's opening words appear in the source, at or after `cursor` if they do there, else
    anywhere; -1 if nowhere."""
    words = sentence.split()
    for n in PROBES:
        probe = " ".join(words[:n])[:40]
        if not probe:
            return -1
        found = source.find(probe, cursor)
        if found < 0:
            found = source.find(probe)
        if found >= 0:
            return found
    return -1
