"""Scoring a run's candidate pairs on several local processes (`--jobs N`).

Each probing unit meets only earlier units of its keys' posting lists, which are built before any pair is
scored, so the units can be scored in any grouping. They are cut into consecutive slices; forked processes
inherit the matcher (nothing is sent but a slice's bounds) and send back their slices' matches, which
are joined in slice order: the same matches in the same order as one process finds them, whatever N.
"""
from __future__ import annotations

from collections.abc import Callable
from multiprocessing import get_all_start_methods, get_context
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .matching import Match, Matcher

# Where a run's candidate pairs are scored: (matcher, probing units in order) -> (their matches in that
# order, the pairs scored). `scored` on local processes; an executor's `score` (audit/executors.py).
Scorer = Callable[["Matcher", list[int]], tuple[list["Match"], int]]

SLICES_PER_JOB = 16         # slices per process, taken as they finish: later units meet more and cost more
MIN_UNITS = 4000            # fewer probing units are scored here: starting processes would cost more

_work: tuple[Matcher, list[int]] | None = None    # what the forked processes inherit


def scored(matcher: Matcher, units: list[int], jobs: int) -> tuple[list[Match], int]:
    """The matches of the probing `units` (in order) with the earlier units they meet, found on `jobs`
    processes where the platform can fork, and the number of pairs scored."""
    global _work
    if jobs < 2 or len(units) < MIN_UNITS or "fork" not in get_all_start_methods():
        return matcher.pairs(units)
    _work = (matcher, units)
    try:
        with get_context("fork").Pool(jobs) as pool:
            done = pool.map(_slice, slice_bounds(len(units), jobs), chunksize=1)
    finally:
        _work = None
    return [m for found, _ in done for m in found], sum(count for _, count in done)


def slice_bounds(units: int, workers: int) -> list[tuple[int, int]]:
    """The bounds of SLICES_PER_JOB consecutive slices per worker of `units` probing units."""
    step = -(-units // (workers * SLICES_PER_JOB))
    return [(i, i + step) for i in range(0, units, step)]


def _slice(bounds: tuple[int, int]) -> tuple[list[Match], int]:
    assert _work is not None
    matcher, units = _work
    return matcher.pairs(units[bounds[0]:bounds[1]])
