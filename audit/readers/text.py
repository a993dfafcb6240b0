"""Plain text: the file as it is, so offsets are offsets into the file."""
from __future__ import annotations

from itertools import accumulate

from audit.errors import AuditError
from audit.models import Document

from . import Article, Source, reader
from .common import decode


def document(source: Source, fmt: str) -> Document:
    """The whole file as one document with its line starts; an empty file is an input error."""
    text = decode(source.data, source.shown)
    if not text.strip():
        raise AuditError("empty file", source.shown)
    doc = Document(id=source.path.stem, path=source.shown, sha256=source.sha256, text=text, format=fmt)
    doc.line_starts = list(accumulate((len(line) + 1 for line in text.split("\n")[:-1]), initial=0))
    doc.line_numbers = list(range(1, len(doc.line_starts) + 1))
    return doc


@reader("text", ".txt")
def read(source: Source) -> list[Article]:
    return [Article(document(source, "text"))]
