"""GitHub-flavoured Markdown tables."""
from __future__ import annotations

from collections.abc import Iterable

_ALIGN = {"l": ":--", "r": "--:", "c": ":-:"}


def table(headers: list[str], rows: Iterable[list[str]], align: str = "") -> list[str]:
    """A GFM table; cells must already be escaped. `align` holds l/r/c per column (default l)."""
    out = ["| " + " | ".join(headers) + " |",
           "| " + " | ".join(_ALIGN[a] for a in align.ljust(len(headers), "l")) + " |"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out
