"""What readers and sidecar files share: decoding, the metadata keys and their aliases, and dates."""
from __future__ import annotations

import re
from datetime import date

from audit.errors import AuditError
from audit.yamlio import YamlMap

META_KEYS = ("title", "outlet", "published", "author", "url")
META_ALIASES = {"date": "published", "publisher": "outlet", "site_name": "outlet", "authors": "author",
                "link": "url"}
Stated = dict[str, tuple[str, int | None]]      # metadata a file states: key -> (value, line)
_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_MONTH_FIRST = re.compile(r"([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I)
_DAY_FIRST = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})", re.I)
_INVALID = re.compile("[\x00\ud800-\udfff]")     # NUL and lone surrogates (a str holds no pairs)
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def decode(data: bytes, shown: str, encoding: str = "utf-8-sig", first_line: int = 1) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + first_line
        name = "UTF-8" if encoding.startswith("utf") else encoding
        raise AuditError(f"not valid {name} at line {line} (byte 0x{data[exc.start]:02x}); "
                         "re-save the file as UTF-8", shown, line) from None


def valid_unicode(text: str) -> tuple[str, int]:
    """(text with each NUL and lone surrogate replaced by U+FFFD, how many were replaced). One character
    for one, so offsets into the file still hold; nothing downstream (extraction, the store, output
    encodings) then has to cope with them."""
    if not _INVALID.search(text):
        return text, 0
    return _INVALID.subn("\ufffd", text)


def meta_fields(data: YamlMap, shown: str, strict: bool) -> Stated:
    """Known metadata keys of a mapping, as (text, line); lists of authors joined."""
    out: Stated = {}
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
            out[name] = (checked_date(value, shown, line) if name == "published" else value, line)
    return out


def checked_date(value: str, shown: str, line: int | None) -> str:
    """A stated publication date as YYYY-MM-DD; an unreadable one is an input error."""
    normalised = normalise_date(value)
    if normalised is None:
        raise AuditError(f"cannot read the date '{value}' (use YYYY-MM-DD)", shown, line)
    return normalised


def normalise_date(value: str) -> str | None:
    """YYYY-MM-DD for an ISO date or timestamp, "November 4, 2023" or "4 Nov 2023"; None otherwise."""
    value = value.strip()
    if m := _ISO_DATE.match(value):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _MONTH_FIRST.search(value) or _DAY_FIRST.search(value):
        first, second, year_text = m.groups()
        month_word, day_text = (first, second) if first.isalpha() else (second, first)
        named = _MONTHS.get(month_word.lower()[:3])
        if named is None:
            return None
        month, day, year = named, int(day_text), int(year_text)
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
