"""Progress of a job on stderr: a rich bar (rate and ETA) on a terminal, plain periodic
lines otherwise (logs, CI, pipes)."""

from __future__ import annotations

import sys
import time
from typing import IO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)


class BarReporter:
    """A rich progress bar: rows done of all, percent, rows per second, elapsed, ETA."""

    def __init__(self, title: str, console: Console | None = None, unit: str = "rows") -> None:
        # The title goes on its own line; the bar takes what the other columns leave.
        self._progress = Progress(
            BarColumn(bar_width=None),
            TaskProgressColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TextColumn("[red]{task.fields[failed]} failed"),
            console=console or Console(stderr=True),
            transient=False,
            expand=True,
        )
        self._title = title
        self._unit = unit
        self._task: TaskID | None = None
        self._failed = 0
        self._rows = 0
        self._started = time.monotonic()

    def start(self, total: int | None, done: int, resumed: bool) -> None:
        title = self._title + (
            f" (resuming: {done:,} {self._unit} already done)" if resumed else ""
        )
        self._progress.console.print(f"[bold]{title}")
        self._progress.start()
        self._task = self._progress.add_task(
            title, total=total, completed=done, failed=0, rate=f"- {self._unit}/s"
        )
        self._started = time.monotonic()

    def advance(self, rows: int, failed: int) -> None:
        assert self._task is not None
        self._failed += failed
        self._rows += rows
        rate = self._rows / max(time.monotonic() - self._started, 1e-9)
        self._progress.update(
            self._task, advance=rows, failed=f"{self._failed:,}", rate=f"{rate:,.0f} {self._unit}/s"
        )

    def stop(self) -> None:
        self._progress.stop()


class LineReporter:
    """One plain line every ``interval`` seconds, and one at the end."""

    def __init__(
        self, title: str, interval: float = 10.0, stream: IO[str] | None = None, unit: str = "rows"
    ) -> None:
        self._title = title
        self._unit = unit
        self._interval = interval
        self._stream = stream or sys.stderr
        self._total: int | None = None
        self._done = 0
        self._start_done = 0
        self._failed = 0
        self._started = self._last = time.monotonic()

    def start(self, total: int | None, done: int, resumed: bool) -> None:
        self._total, self._done, self._start_done = total, done, done
        self._started = self._last = time.monotonic()
        if resumed:
            self._print(f"{self._title}: resuming, {done:,} {self._unit} already done")

    def advance(self, rows: int, failed: int) -> None:
        self._done += rows
        self._failed += failed
        now = time.monotonic()
        if now - self._last >= self._interval:
            self._last = now
            self._line(now)

    def stop(self) -> None:
        self._line(time.monotonic())

    def _line(self, now: float) -> None:
        elapsed = max(now - self._started, 1e-9)
        rate = (self._done - self._start_done) / elapsed
        if self._total:
            left = max(self._total - self._done, 0)
            eta = f", ETA {_clock(left / rate)}" if rate > 0 else ""
            where = (
                f"{self._done:,}/{self._total:,} {self._unit} "
                f"({100 * self._done / self._total:.1f} %)"
            )
        else:
            eta, where = "", f"{self._done:,} {self._unit}"
        self._print(
            f"{self._title}: {where}, {self._failed:,} failed, {rate:,.0f} {self._unit}/s, "
            f"elapsed {_clock(elapsed)}{eta}"
        )

    def _print(self, text: str) -> None:
        print(text, file=self._stream, flush=True)


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
