"""Progress on stderr: a Rich bar (documents done and failed, elapsed, estimate)
when stderr is a terminal, nothing otherwise (CI logs and pipes stay clean)."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TextIO

from prereview.batch.board import Row

TERMINAL: TextIO | None = None
"""Where the bar goes when the caller has pointed stderr elsewhere (the flow path
sends Prefect's stderr to a log file, the bar still to the user's terminal)."""


class Progress:
    """``with Progress(total) as p: p.advance(row)``; silent unless ``stream`` is a
    terminal (or ``force``)."""

    def __init__(self, total: int, stream: TextIO | None = None, force: bool = False) -> None:
        self.total = total
        self.done = 0
        self.failed = 0
        self.reused = 0
        stream = stream if stream is not None else (TERMINAL or sys.stderr)
        self._bar = None
        if force or stream.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as RichProgress

            console = Console(file=stream, force_terminal=force or None)
            self._bar = RichProgress(
                TextColumn("reviewing"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[failed]} failed"),
                TextColumn("{task.fields[reused]} reused"),
                TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
                console=console, transient=False,
            )
            self._task = self._bar.add_task("batch", total=total, failed=0, reused=0)

    def __enter__(self) -> Progress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()

    def advance(self, row: Row) -> None:
        self.done += 1
        self.failed += row.status == "error"
        self.reused += row.status == "reused"
        if self._bar is not None:
            self._bar.update(self._task, advance=1, failed=self.failed, reused=self.reused)
