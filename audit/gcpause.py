"""Pausing the cyclic garbage collector while a run builds or walks a million small objects."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: building or serialising a million small objects
    otherwise triggers repeated full collections that triple the time taken. What was built then goes
    to the oldest generation unscanned (freeze, unfreeze): else the next two young collections would scan
    all of it (1.2 s after reading PolNeAR train's run), and only a full collection looks at it again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
