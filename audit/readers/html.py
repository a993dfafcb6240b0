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
# Character references: numeric, named with ";", and the few legacy names a page may leave without it ("&amp ").
_REFERENCE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;|(?:amp|lt|gt|quot|nbsp)(?![A-Za-z0-9;]))")
_RUN = 64                       # characters compared at once while walking a sentence along its source


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
    file as it holds them (a reference such as "&amp;" counts its own five). Each sentence of each extracted line
    starts where its opening words first appear in the source after the sentence before; from there the text is
    walked along the source past tags, references and runs of white space, with a new entry wherever the two
    part, so that a finding inside the sentence points at its own column too (best effort: where the walk loses
    the source, the rest of the sentence keeps the last place). A sentence not found keeps the place of the one
    before it."""
    source = _Unescaped(raw)
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
        for start, end in zip(bounds, bounds[1:]):
            found = _find(source.text, line[start:], cursor)
            if found < 0:
                at = min(cursor, len(source.text))
                place(offset + start, at + source.shift_at(at)[0])
                continue
            pairs, cursor = _walk(line, start, end, source, found)
            for at, raw_offset in pairs:
                place(offset + at, raw_offset)
        offset += len(line) + 1
    return starts, numbers, starts, shifts


class _Unescaped:
    """The source with its character references unescaped (`text`), and where each of its characters stands in
    the file, kept as the offsets where the difference between the two changes (one entry per reference)."""

    __slots__ = ("text", "starts", "shifts")

    def __init__(self, raw: str):
        self.starts, self.shifts = [0], [0]       # from starts[k] on, file offset = offset + shifts[k]
        if "&" not in raw:
            self.text = raw
            return
        pieces: list[str] = []
        done = length = 0
        for m in _REFERENCE.finditer(raw):
            pieces.append(raw[done:m.start()])
            length += m.start() - done
            value = html.unescape(m.group())
            self.starts.append(length)            # the value's characters stand at the reference
            self.shifts.append(m.start() - length)
            pieces.append(value)
            length += len(value)
            self.starts.append(length)            # and what follows it after the reference
            self.shifts.append(m.end() - length)
            done = m.end()
        pieces.append(raw[done:])
        self.text = "".join(pieces)

    def shift_at(self, offset: int) -> tuple[int, int]:
        """(how far the file offset of `offset` lies after it, the next offset where that changes: the text's
        length if none)."""
        k = bisect_right(self.starts, offset)
        return self.shifts[k - 1], self.starts[k] if k < len(self.starts) else len(self.text)


def _walk(line: str, start: int, end: int, source: _Unescaped, at: int) -> tuple[list[tuple[int, int]], int]:
    """(text offset, file offset) wherever the sentence line[start:end] and the file part, from the source's
    offset `at` (the first pair is the sentence's start): at a reference ("&amp;" is one character of text),
    past tags, and past white space that only one of them has or that differs in length; the walk stops at the
    first character it cannot match. Also returns where in the source it stopped."""
    src = source.text
    shift, change = source.shift_at(at)
    out = [(start, at + shift)]
    i, j = start, at
    while i < end and j < len(src):
        if line[i] == src[j]:
            if j >= change:
                shift, change = source.shift_at(j)
            raw = j + shift
            if raw - out[-1][1] != i - out[-1][0]:
                out.append((i, raw))
            n = min(_RUN, end - i, change - j)     # a run of equal characters with no reference inside
            if n > 1 and line[i:i + n] == src[j:j + n]:
                i += n
                j += n
            else:
                i += 1
                j += 1
        elif src[j] == "<":
            close = src.find(">", j)
            if close < 0:
                break
            j = close + 1
        elif src[j].isspace():
            j += 1
        elif line[i].isspace():
            i += 1
        else:
            break
    return out, j


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
