"""The reader registry is the one place an input format is defined: discovery, loading and metadata
provenance follow a registered reader."""
from __future__ import annotations

import pkgutil

import pytest

import audit.readers
from audit.ingest import discover, ingest
from audit.models import Document
from audit.readers import READERS, Article, Reader, Source
from audit.readers.text import document
from audit.registry import Registry


def read_toy(source: Source) -> list[Article]:
    """A toy format: a `title: ...` line, then the article."""
    head, _, _ = source.data.decode().partition("\n")
    doc = document(source, "toy")
    return [Article(doc, {"title": (head.removeprefix("title: "), 1)}, "toy", len(head) + 1)]


@pytest.fixture
def toy(monkeypatch):
    monkeypatch.setitem(READERS, ".toy", Reader("toy", read_toy))


def test_a_registered_reader_is_found_loaded_and_credited(toy, tmp_path):
    (tmp_path / "a.toy").write_text("title: Talks stall\nThe ministry said the talks had stalled on Monday.\n")
    (tmp_path / "b.docx").write_text("not read")
    assert [p.name for p in discover([str(tmp_path)])[0]] == ["a.toy"]
    docs, skipped = ingest([str(tmp_path)], Registry.load())
    assert skipped == []
    [doc] = docs
    assert isinstance(doc, Document) and doc.format == "toy"
    assert doc.meta["title"].value == "Talks stall" and doc.meta["title"].source == "toy"
    assert doc.text[doc.regions[0][0]:].startswith("The ministry said")


def test_without_its_reader_the_format_is_unsupported(tmp_path):
    (tmp_path / "a.toy").write_text("title: Talks stall\n")
    files, skipped = discover([str(tmp_path / "a.toy")])
    assert files == [] and skipped[0].error.startswith("unsupported file type '.toy' (supported: ")


def test_every_reader_module_registers_itself():
    modules = {m.name for m in pkgutil.iter_modules(audit.readers.__path__)} - {"common"}
    assert {r.read.__module__.rsplit(".", 1)[1] for r in READERS.values()} == modules
    assert {r.name for r in READERS.values()} == {"text", "markdown", "html", "jsonl"}
