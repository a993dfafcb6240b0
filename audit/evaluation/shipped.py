"""Where the data `audit eval` ships with lives (audit/evaluation/data/, package data in the wheel)."""
from __future__ import annotations

from pathlib import Path

from audit.errors import AuditError

DATA = Path(__file__).resolve().parent / "data"
KINDS = DATA / "kinds"
KINDS_DEFAULT = KINDS / "polnear_sources.tsv"
CLEAN = DATA / "clean"


def kind_label_files(every: bool) -> list[Path]:
    """The shipped label files: the first one, or all of them; a broken install is an error, never a skip."""
    files = sorted(KINDS.glob("polnear_sources*.tsv")) if every else [KINDS_DEFAULT]
    if not files or not all(f.is_file() for f in files):
        raise AuditError(f"the source-kind labels are missing from this install (expected {KINDS_DEFAULT}): "
                         "reinstall the package or pass --kinds FILE")
    return files


def clean_passages() -> Path:
    """The shipped clean passages; a broken install is an error, never a silently skipped check."""
    if not any(CLEAN.glob("*.txt")):
        raise AuditError(f"the clean passages are missing from this install (expected {CLEAN}/*.txt): "
                         "reinstall the package or pass --clean DIR")
    return CLEAN
