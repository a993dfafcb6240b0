"""Markdown: read as text, with metadata from a leading `---` YAML front-matter block."""
from __future__ import annotations

import re

from audit.errors import AuditError
from audit.yamlio import YamlMap, read_yaml

from . import Article, Source, reader
from .common import Stated, meta_fields
from .text import document

_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)


@reader("markdown", ".md", ".markdown")
def read(source: Source) -> list[Article]:
    doc = document(source, "markdown")
    body_start, stated = front_matter(doc.text, source.shown)
    if body_start and not doc.text[body_start:].strip():
        raise AuditError("empty file (front matter only)", source.shown)
    return [Article(doc, stated, "front_matter", body_start)]


def front_matter(text: str, shown: str) -> tuple[int, Stated]:
    """(offset where the body starts, {key: (value, line)}) for a leading `---` YAML block."""
    if not re.match(r"---[ \t]*\r?\n", text):
        return 0, {}
    end = _FRONT_MATTER_END.search(text, text.index("\n") + 1)
    if end is None:
        raise AuditError("front matter opened with '---' is never closed", shown, 1)
    data = read_yaml(text[text.index("\n") + 1:end.start()], shown, AuditError, first_line=2)
    if data is not None and not isinstance(data, YamlMap):
        raise AuditError("front matter must be a mapping of keys to values", shown, 2)
    body = text.find("\n", end.end())
    return (len(text) if body < 0 else body + 1), meta_fields(data, shown, strict=False) if data else {}
