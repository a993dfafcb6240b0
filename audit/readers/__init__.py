"""Input formats: one module per format, each registering its file suffixes and a `read` function.

A reader turns one file's bytes into Articles: Documents with their offsets and line numbers, and the
metadata the file itself states. Finding files, sidecar metadata, page layout and inferred metadata
are ingest's. Every module of this package is imported with it, so adding a format is adding a module:

    @reader("docx", ".docx")
    def read(source: Source) -> list[Article]: ...
"""
from __future__ import annotations

import hashlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from audit.errors import AuditError
from audit.models import Document, Skipped

from .common import Stated


@dataclass(slots=True)
class Source:
    """A file to read: its path, the path to show in messages, and its bytes (known not to be binary)."""
    path: Path
    shown: str
    data: bytes
    skipped: list[Skipped] | None = None    # where bad records of a many-article file go; None: raise

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def bad_record(self, error: AuditError) -> None:
        """A record that cannot be read: noted in `skipped` so the other records load, else raised."""
        if self.skipped is None:
            raise error
        self.skipped.append(Skipped(self.shown, error.line, error.message))


@dataclass(slots=True)
class Article:
    """A document as its file gives it, and the metadata the file states."""
    doc: Document
    stated: Stated = field(default_factory=dict)
    origin: str = "file"         # what the stated metadata is called in the report: front_matter, html, jsonl
    body_start: int = 0          # where the article starts (after front matter)


Read = Callable[[Source], list[Article]]


@dataclass(frozen=True, slots=True)
class Reader:
    name: str                    # the documents' format
    read: Read


READERS: dict[str, Reader] = {}  # file suffix (lowercase, with the dot) -> its reader


def reader(name: str, *suffixes: str) -> Callable[[Read], Read]:
    """Register the decorated function as the reader of files with these suffixes."""
    def register(read: Read) -> Read:
        for suffix in suffixes:
            READERS[suffix] = Reader(name, read)
        return read
    return register


for _module in pkgutil.iter_modules(__path__):
    if not _module.name.startswith("_"):
        import_module(f"{__name__}.{_module.name}")
