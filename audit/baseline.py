"""Baselines: accept the findings a corpus has today so that only new findings fail the build.

A finding's fingerprint is its rule, its document (path, plus the record id in JSON Lines) and its
evidence text normalised (case, spacing, quote and dash styles), never a line number: edits elsewhere
in a file do not make old findings new. The same evidence twice is two findings, so the baseline keeps
one entry per finding. Paths are taken relative to the baseline file's folder, so a baseline works from
any working folder. Findings matched by the baseline are marked suppressed, like in-document
suppressions: they stay in JSON output but count neither for scores nor for exit codes.
"""
from __future__ import annotations

from audit import TOOL_NAME
import hashlib
import json
import os
import unicodedata
from collections import Counter
from pathlib import Path

from .errors import AuditError, ConfigError
from .models import Claim, Document, Finding

VERSION = 1
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                       "\u00a0": " "})


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).translate(_FOLD).lower().split())


def document_key(doc: Document, base: Path | None = None) -> str:
    """The document's path (relative to `base` when given; POSIX), with the record id for JSON Lines."""
    path = doc.path
    if base is not None:
        path = Path(os.path.relpath(Path(doc.path).resolve(), base.resolve())).as_posix()
    return f"{path}#{doc.id}" if doc.format == "jsonl" else path


def fingerprint(rule: str, document: str, evidence: str) -> str:
    return hashlib.sha256(f"{rule}\0{document}\0{normalise(evidence)}".encode()).hexdigest()[:32]


def _entries(documents: list[Document], claims: list[Claim], base: Path):
    docs = {d.id: d for d in documents}
    for claim in claims:
        key = document_key(docs[claim.document], base)
        for f in claim.findings:
            if not f.suppressed:
                yield f, key


def write_baseline(path: Path, documents: list[Document], claims: list[Claim]) -> str:
    """The baseline file's text for the unsuppressed findings of a run."""
    rows = sorted(({"fingerprint": fingerprint(f.rule, key, f.evidence.text), "rule": f.rule, "document": key,
                    "evidence": normalise(f.evidence.text)} for f, key in _entries(documents, claims, path.parent)),
                  key=lambda r: (r["document"], r["rule"], r["evidence"]))
    return json.dumps({"version": VERSION, "tool": TOOL_NAME, "findings": rows},
                      ensure_ascii=False, indent=1) + "\n"


class Baseline:
    """Fingerprints read from a baseline file; `apply` marks the findings it holds suppressed."""

    def __init__(self, path: Path):
        self.path = path
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise AuditError("baseline not found (write one with --write-baseline)", str(path)) from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            line = getattr(exc, "lineno", None)
            raise ConfigError(f"not a baseline file: {getattr(exc, 'msg', exc)}", str(path), line) from None
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
            raise ConfigError(f"not a version {VERSION} baseline file (expected {{\"version\": {VERSION}, "
                              "\"findings\": [...]}})", str(path))
        self.counts = Counter(str(row.get("fingerprint")) for row in data["findings"] if isinstance(row, dict))
        self.matched = 0

    def apply(self, documents: list[Document], claims: list[Claim]) -> None:
        left = Counter(self.counts)
        found: list[tuple[Finding, str]] = list(_entries(documents, claims, self.path.parent))
        for f, key in found:
            fp = fingerprint(f.rule, key, f.evidence.text)
            if left[fp] > 0:
                left[fp] -= 1
                f.suppressed = True
                self.matched += 1
