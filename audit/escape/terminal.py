"""Corpus values (file names, article text, metadata, messages quoting them) made safe for a terminal
line or a CI log.

Control characters are shown as Python-style escapes (`\\r`, `\\x1b`, `\\u202e`), so a value cannot move
the cursor, recolour the terminal, end the line, or reorder what follows (bidirectional controls); and a
word of a value that begins with `::` has its first colon escaped, so that wherever the value is placed
or wrapped, no line begins with `::` (after blanks, as GitHub Actions reads it): a file named
`::error::x` is not read as a workflow command.
"""
from __future__ import annotations

import re

# C0 and C1 controls, DEL, line and paragraph separators, bidirectional controls, lone surrogates.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_COMMAND = re.compile(r"(^|\s):(?=:)")        # "::" opening the value or any word of it


def _escape(match: re.Match) -> str:
    ch = match.group()
    return _NAMED.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


def escape_line(value: object) -> str:
    """`value` as text that stays on one terminal line and cannot start a workflow command, even when
    wrapped at spaces."""
    return _COMMAND.sub(r"\1\\x3a", _CONTROL.sub(_escape, str(value)))
