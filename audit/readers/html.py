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
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


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
    """(line_starts, line_numbers, col_starts, col_shifts) of the text (see Document), in the characters of the
    file as it holds them (an entity such as "&amp;" counts its own five). Each sentence of each extracted line
    starts where its opening words first appear in the source after the sentence before; from there the text is
    walked along the source past tags, entities and runs of white space, with a new entry wherever the two part,
    so that a finding inside the sentence points at its own column too (best effort: where the walk loses the
    source, the rest of the sentence keeps the last place). A sentence not found keeps the place of the one
    before it."""
    source, index = _unescaped(raw)
    raw_starts = list(accumulate((len(line) + 1 for line in raw.split("\n")[:-1]), initial=0))
    starts: list[int] = []
    numbers: list[int] = []
    shifts: list[int] = []

    def place(at: int, raw_offset: int) -> None:
        number = bisect_right(raw_starts, raw_offset)
        starts.append(at)
        numbers.append(number)
        shifts.append(raw_offset - raw_starts[number - 1])

    cursor, offset = 0, 0
    for line in text.split("\n"):
        bounds = [0] + [m.end() for m in _SENTENCE_START.finditer(line)] + [len(line)]
        for start, end in zip(bounds, bounds[1:] or [len(line)]):
            found = _find(source, line[start:], cursor)
            if found < 0:
                place(offset + start, index[cursor] if cursor < len(index) else len(raw))
                continue
            cursor = max(cursor, found)
            for at, raw_offset in _walk(line, start, end, source, index, found):
                place(offset + at, raw_offset)
        offset += len(line) + 1
    return starts, numbers, starts, shifts


def _unescaped(raw: str) -> tuple[str, list[int]]:
    """The source with its character references unescaped, and for each of its characters the offset in `raw`
    of the character or reference it comes from."""
    if "&" not in raw:
        return raw, list(range(len(raw)))
    pieces: list[str] = []
    index: list[int] = []
    done = 0
    for m in _ENTITY.finditer(raw):
        pieces.append(raw[done:m.start()])
        index.extend(range(done, m.start()))
        value = html.unescape(m.group())
        pieces.append(value)
        index.extend([m.start()] * len(value) if value != m.group() else range(m.start(), m.end()))
        done = m.end()
    pieces.append(raw[done:])
    index.extend(range(done, len(raw)))
    return "".join(pieces), index


def _walk(line: str, start: int, end: int, source: str, index: list[int], at: int) -> list[tuple[int, int]]:
    """(text offset, file offset) wherever the sentence line[start:end] and the file part, from the source's
    offset `at` (the first pair is the sentence's start): at a reference ("&amp;" is one character of text),
    past tags, and past white space that only one of them has or that differs in length; the walk stops at the
    first character it cannot match."""
    out = [(start, index[at])]
    i, j = start, at
    while i < end and j < len(source):
        if line[i] == source[j]:
            if index[j] - out[-1][1] != i - out[-1][0]:
                out.append((i, index[j]))
            i += 1
            j += 1
        elif source[j] == "<":
            close = source.find(">", j)
            if close < 0:
                break
            j = close + 1
        elif source[j].isspace():
            j += 1
        elif line[i].isspace():
            i += 1
        else:
            break
    return out


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
