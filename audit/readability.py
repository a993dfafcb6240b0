"""Readability of an article: Flesch reading ease (0-100, higher is easier) of its audited text.

Shown per article with `--readability` and in the report, and readable by rules as the field
`document.readability`. textstat 0.7.8 ships its syllable dictionary, so nothing is downloaded.
"""
from __future__ import annotations

from .models import Document


def flesch(doc: Document) -> float | None:
    """Flesch reading ease of the document's audited regions; None when they hold no text."""
    import textstat

    body = " ".join(doc.text[a:b] for a, b in doc.regions)
    return round(textstat.flesch_reading_ease(body), 1) if body.strip() else None


def readability(doc: Document) -> float | None:
    """The document's readability, computed once and kept on it (so the analysis cache stores it)."""
    if doc.readability is None:
        doc.readability = flesch(doc)
    return doc.readability
