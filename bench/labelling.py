"""What the hand-labelling scripts share (sample_sources, sample_anonymous, sample_carried): the kind label
files, whose articles a new sample leaves out; the fixed rule that holds a third of a sample back; and the
rough sentence around a span, shown to the labeller."""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from audit.evaluation.kinds import held_out  # noqa: E402

LABELS = Path(__file__).resolve().parent.parent / "audit" / "evaluation" / "data" / "kinds"
_BOUNDARY = re.compile(r"(?:[.!?][\"”’)]*\s+|\n+)")


def half(*key: object) -> str:
    """"heldback" for the third of rows the fixed rule holds back (`held_out` of the key), else "tune"."""
    return "heldback" if held_out(*key) else "tune"


def labelled_articles() -> set[str]:
    """Articles named in any kind label file (their article column only)."""
    out = set()
    for path in sorted(LABELS.glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as fh:
            lines = [line for line in fh if not line.startswith("#")]
        out.update(row["article"] for row in csv.DictReader(lines, delimiter="\t"))
    return out


def sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Rough sentence around [start, end): from the last boundary before start to the first after end."""
    begin = 0
    for m in _BOUNDARY.finditer(text, 0, start):
        begin = m.end()
    m = _BOUNDARY.search(text, end)
    return begin, (m.start() + 1 if m else len(text))
