"""Corpus text made inert for an HTML page: element text, double-quoted attribute values, and JSON
data inside a `<script type="application/json">` element.

Characters that cannot stand in an HTML document (C0/C1 controls other than tab and newlines, lone
surrogates) become U+FFFD, so the page always encodes as UTF-8 and parses without errors.
"""
from __future__ import annotations

import json
import re
from typing import Any

_UNFIT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})
_SCRIPT = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                         "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _fit(value: object) -> str:
    return _UNFIT.sub("\ufffd", "" if value is None else str(value))


def text(value: object) -> str:
    """For element content: & < > as character references."""
    return _fit(value).translate(_TEXT)


def attribute(value: object) -> str:
    """For an attribute value in double (or single) quotes: & < > " ' as character references."""
    return _fit(value).translate(_ATTRIBUTE)


def script_json(data: Any) -> str:
    """JSON for a `<script type="application/json">` element: no `</script>`, `<!--` or `]]>` can
    form (< > & are \\u escapes, still the same JSON), and U+2028/2029 are escaped for old parsers."""
    encoded = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return _fit(encoded).translate(_SCRIPT)
