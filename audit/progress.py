"""Progress of a long command on stderr: the stage (reading, analysing, corroborating, saving,
rendering) and, where it is known, how many of how many.

Drawn only when stderr is a terminal and CI is not set, so it shows with `audit scan DIR --format json
> out.json` and stays out of pipes and CI logs; it never writes to stdout.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress as Bar


def shown(stream: TextIO, environ: Mapping[str, str] = os.environ) -> bool:
    """Whether to draw progress on `stream`: a terminal that is not dumb, outside CI."""
    return stream.isatty() and not environ.get("CI") and environ.get("TERM") != "dumb"


class Progress:
    """A transient bar on stderr, updated with `progress(stage, done, total)`; a no-op when not shown.

    Use it as a context manager; it is gone from the screen when the block ends."""

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.bar: Bar | None = None

    def __enter__(self) -> Progress:
        if shown(self.stream):
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeElapsedColumn

            bar = Bar(TextColumn("{task.description:<13}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=Console(file=self.stream, force_terminal=True), transient=True,
                      redirect_stdout=False, redirect_stderr=False)
            self.task = bar.add_task("starting", total=None)
            bar.start()
            self.bar = bar
        return self

    def __call__(self, stage: str, done: int = 0, total: int | None = None) -> None:
        if self.bar is not None:
            new_stage = stage != self.bar.tasks[0].description
            self.bar.update(self.task, description=stage, completed=done, total=total, refresh=new_stage)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
