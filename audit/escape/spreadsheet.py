"""Corpus text made inert for a spreadsheet cell: a text cell that a spreadsheet would read as a formula
(starting with = + - @, a tab or a carriage return) gets a leading apostrophe, as OWASP advises against
CSV injection. Numbers pass unchanged."""
from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> object:
    """A CSV cell: None as empty, numbers as they are, text guarded against formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
