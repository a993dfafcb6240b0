"""Corpus text made inert in Mermaid flowchart labels.

A node label goes between double quotes (`n1["..."]`); an edge label between pipes (`-.-|...|`).
Quotes, brackets, pipes, angle brackets, backticks and the other characters Mermaid parses become
`#code;` entities, so a label cannot close its node, start a link, a click handler or HTML.
"""
from __future__ import annotations

from .markdown import one_line

_SPECIAL = frozenset('#;[](){}<>&|`\\"')


def label(text: object) -> str:
    """A node or edge label on one line."""
    return "".join("#quot;" if ch == '"' else f"#{ord(ch)};" if ch in _SPECIAL else ch for ch in one_line(text))
