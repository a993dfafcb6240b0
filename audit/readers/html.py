"""HTML: the main text and metadata as trafilatura extracts them, each line mapped back to the source
line where its opening words appear."""
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
    doc.line_starts, doc.line_numbers = _line_map(raw, text)
    info["published"] = normalise_date(info.get("date") or "")
    info["outlet"] = info.get("sitename")
    return [Article(doc, {key: (str(info[key]), None) for key in META_KEYS if info.get(key)}, "html")]


def _line_map(raw: str, text: str) -> tuple[list[int], list[int]]:
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
