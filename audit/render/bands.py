"""Verbal bands for claim scores, with their thresholds, for every human-facing renderer.

A score is 100 × Π(1 − weight) over a claim's findings, so the bands read as how much the findings
weigh: one minor finding (weight up to 0.2) keeps a claim sound; one heavy finding or two minor ones
make it fair; several make it weak or poor. A band describes sourcing, not truth.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Band:
    name: str
    low: int                  # lowest score in the band
    high: int                 # highest score in the band
    meaning: str

    @property
    def range(self) -> str:
        return f"under {self.high + 1}" if self.low == 0 else f"{self.low}–{self.high}"


BANDS = (
    Band("sound", 80, 100, "at most one minor finding"),
    Band("fair", 60, 79, "one serious or a few minor findings"),
    Band("weak", 40, 59, "several findings"),
    Band("poor", 0, 39, "many or heavy findings"),
)


def band(score: float) -> Band:
    """The band a score falls in (scores are shown rounded, so the band follows the rounded score)."""
    rounded = round(score)
    return next(b for b in BANDS if rounded >= b.low)


def legend() -> str:
    """"80–100 sound · 60–79 fair · 40–59 weak · under 40 poor"."""
    return " · ".join(f"{b.range} {b.name}" for b in BANDS)
