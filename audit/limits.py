"""How much work one input may cost, in one place. Each limit refuses with a one-line located error
naming the setting that raises it: `[limits]` in the configuration (see audit.config).

Other bounds are fixed, not settings: YAML nesting (audit.yamlio.MAX_DEPTH), JSON nesting (Python's
recursion limit: deeper is a located error) and CSV fields (the csv module's 128 KiB)."""
from __future__ import annotations

import time
from dataclasses import dataclass, fields

from .errors import AuditError
from .models import Document


@dataclass(frozen=True, slots=True)
class Limits:
    file_mb: float = 64                 # an input file larger than this is not read
    document_chars: int = 5_000_000     # one article: a file, a JSON Lines record, an HTML page's text
    line_chars: int = 2_000_000         # one line of an article
    seconds: float = 30                 # analysing one article, checked between sentences and stages

    def check_file(self, size: int, shown: str) -> None:
        if size > self.file_mb * 2**20:
            raise AuditError(f"file is {size / 2**20:,.1f} MB, over the limit of {self.file_mb:g} MB "
                             f"([limits] file-mb)", shown)

    def check_document(self, doc: Document) -> None:
        """Refuse an article over the size or line-length limit, naming the line."""
        if len(doc.text) > self.document_chars:
            raise AuditError(f"article is {len(doc.text):,} characters long, over the limit of "
                             f"{self.document_chars:,} ([limits] document-chars)", doc.path, doc.position(0)[0])
        offset = 0
        for line in doc.text.split("\n"):
            if len(line) > self.line_chars:
                raise AuditError(f"line is {len(line):,} characters long, over the limit of {self.line_chars:,} "
                                 "([limits] line-chars)", doc.path, doc.position(offset)[0])
            offset += len(line) + 1

    def deadline(self, doc: Document) -> Deadline:
        return Deadline(doc, self.seconds)


NAMES = tuple(f.name.replace("_", "-") for f in fields(Limits))     # the configuration's keys


class Deadline:
    """The time one article may take. `check` is called between sentences and between stages: it cannot
    interrupt a single regular-expression match or library call, which linear-time matching keeps short."""

    def __init__(self, doc: Document, seconds: float):
        self.doc, self.seconds = doc, seconds
        self.end = time.monotonic() + seconds

    def check(self, offset: int = 0) -> None:
        """Raise a located AuditError once the time is up (`offset`: where in the article work stopped)."""
        if time.monotonic() > self.end:
            raise AuditError(f"analysis stopped after {self.seconds:g} s, the limit per article "
                             "([limits] seconds); the article is skipped", self.doc.path,
                             self.doc.position(offset)[0])
