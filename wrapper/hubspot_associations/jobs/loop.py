"""The chunk loop of a job: send chunks concurrently, record each answered one.

The main thread reads and validates the input, hands chunks to a pool of worker threads
(each sends one chunk with one ``client.batch.<op>`` call on a shared ``Client``), and
records every answered chunk in the journal, appending its results and failures to the
output files in input order. Memory stays flat: at most ``concurrency`` chunks are in
flight and at most ``window`` answered chunks wait for an earlier one.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..client import Client
from ..errors import UNKNOWN, HubSpotError
from .journal import Journal
from .kinds import REFUSED, JobKind, Outcome, run_chunk
from .sinks import FAILURE_COLUMNS, Sink, output_format
from .source import Chunk, InputError, Source

if TYPE_CHECKING:
    from .runner import JobOptions, JobReport, Reporter


class JobStopped(Exception):
    """The input or the journal does not allow the job to go on (a ``JobError``)."""


class ChunkLoop:
    def __init__(
        self,
        options: JobOptions,
        kind: JobKind,
        size: int,
        source: Source,
        total: int | None,
        report: JobReport,
        reporter: Reporter,
        client_factory: Callable[[], Client],
        failures_path: Path,
        output_path: Path | None,
    ) -> None:
        self.options, self.kind, self.size, self.source = options, kind, size, source
        self.total, self.report, self.reporter = total, report, reporter
        self.client_factory = client_factory
        self.failures_path, self.output_path = failures_path, output_path
        self.buffer: dict[int, tuple[str, str]] = {}
        self.fatal: HubSpotError | None = None
        self.window = max(8, 2 * options.concurrency)

    def run(self, journal: Journal) -> None:
        self.journal = journal
        report = self.report
        through, out_len, fail_len, finished = journal.progress()
        totals = journal.totals()
        if finished:
            self._fold(totals)
            report.already_finished = True
            return
        done = journal.done()
        self.next_write = through
        for index, chunk in done.items():
            if index >= through and chunk.pending is not None:
                out_text, fail_text = json.loads(chunk.pending)
                self.buffer[index] = (out_text, fail_text)
        report.chunks_skipped = len(done)
        report.rows_skipped = totals.rows
        failure_columns = ("line", *self.source_columns(), *FAILURE_COLUMNS)
        failures = Sink(self.failures_path, output_format(str(self.failures_path), None),
                        failure_columns)  # fmt: skip
        output = (
            None if self.output_path is None
            else Sink(self.output_path, output_format(str(self.output_path),
                      self.options.output_format), self.kind.result_columns)
        )  # fmt: skip
        self.failures_sink, self.output_sink = failures, output
        try:
            failures.open(fail_len)
            if output is not None:
                output.open(out_len)
        except FileNotFoundError as exc:
            raise JobStopped(str(exc)) from None
        try:
            self._drain()
            self.reporter.start(self.total, totals.rows, bool(done))
            with self._client() as client:
                self._loop(client, done)
                report.requests = client.stats.requests
                report.retries = client.stats.retries
        finally:
            self.reporter.stop()
            failures.close()
            if output is not None:
                output.close()
        if self.fatal is not None:
            report.fatal = _fatal_reason(self.fatal)
            self._fold(journal.totals())
            return
        journal.finish()
        self._fold(journal.totals())

    def source_columns(self) -> tuple[str, ...]:
        # The failures file repeats the columns the job reads (known before any row is read).
        return self.kind.read_columns

    def _client(self) -> Client:
        return self.client_factory()

    def _fold(self, totals: Any) -> None:
        report = self.report
        report.rows, report.sent = totals.rows, totals.sent
        report.succeeded, report.failed, report.chunks = (
            totals.succeeded,
            totals.failed,
            totals.chunks,
        )
        report.unknown = totals.unknown
        report.categories = Counter(totals.categories or {})
        report.invalid = sum(report.categories.get(c, 0) for c in REFUSED)

    def _loop(self, client: Client, done: dict[int, Any]) -> None:
        last_done = max(done, default=-1)
        pool = ThreadPoolExecutor(self.options.concurrency, thread_name_prefix="hubspot-job")
        failures, output = self.failures_sink, self.output_sink

        def work(chunk: Chunk) -> tuple[Outcome, str, str]:
            outcome = run_chunk(self.kind, client, self.options.from_type, self.options.to_type,
                                chunk.valid, chunk.invalid, self.source.as_row)  # fmt: skip
            out_text = output.render(outcome.results) if output is not None else ""
            return outcome, out_text, failures.render_failures(outcome.failures)

        futures: dict[Future[tuple[Outcome, str, str]], Chunk] = {}

        def collect(block: bool) -> None:
            if not futures:
                return
            finished, _ = wait(list(futures), timeout=None if block else 0,
                               return_when=FIRST_COMPLETED)  # fmt: skip
            for future in finished:
                chunk = futures.pop(future)
                self._record(chunk, *future.result())

        def submit(chunk: Chunk) -> None:
            while futures and (
                len(futures) >= self.options.concurrency
                or chunk.index - self.next_write >= self.window
            ):
                collect(block=True)
            if self.fatal is None:
                futures[pool.submit(work, chunk)] = chunk

        try:
            last_seen = -1
            for chunk in self._chunks():
                last_seen = chunk.index
                collect(block=False)
                if self.fatal is not None:
                    break
                recorded = done.get(chunk.index)
                if recorded is not None:
                    if recorded.rows != chunk.rows:
                        raise JobStopped(
                            f"the journal {self.journal.path} does not match this input: chunk "
                            f"{chunk.index} (from line {chunk.first_line}) differs from the one "
                            "recorded. Use --restart to start over."
                        )
                    continue
                submit(chunk)
            if self.fatal is None and last_done > last_seen:
                raise JobStopped(
                    f"the journal {self.journal.path} does not match this input: it records "
                    f"chunk {last_done}, the input ends at chunk {last_seen}. Use --restart "
                    "to start over."
                )
            while futures:
                collect(block=True)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown(wait=True)

    def _chunks(self) -> Iterator[Chunk]:
        # Partitioning the input between workers (a shard K/N) is a filter on chunk.index
        # here, plus the shard in the journal's identity.
        try:
            yield from self.source.chunks(self.size)
        except InputError as exc:
            raise JobStopped(str(exc)) from None

    def _record(self, chunk: Chunk, outcome: Outcome, out_text: str, fail_text: str) -> None:
        started = time.perf_counter()
        self._record_chunk(chunk, outcome, out_text, fail_text)
        self.report.record_seconds += time.perf_counter() - started
        if outcome.fatal is None:
            self.report.chunks_recorded += 1
            self.reporter.advance(chunk.rows, len(outcome.failures))

    def _record_chunk(self, chunk: Chunk, outcome: Outcome, out_text: str, fail_text: str) -> None:
        if outcome.fatal is not None:
            self.fatal = self.fatal or outcome.fatal
            return  # not recorded: a later run sends this chunk again
        categories = Counter(f.category for f in outcome.failures)
        unknown = sum(1 for f in outcome.failures if f.outcome == UNKNOWN)
        args = (chunk.index, chunk.rows, outcome.sent, outcome.succeeded, len(outcome.failures),
                unknown, categories)  # fmt: skip
        if chunk.index == self.next_write:
            self._append(out_text, fail_text)
            self.next_write += 1
            self.journal.record_chunk(*args, written=self._written())
            self._drain()
        else:
            self.buffer[chunk.index] = (out_text, fail_text)
            self.journal.record_chunk(*args, pending=json.dumps([out_text, fail_text]))

    def _drain(self) -> None:
        while self.next_write in self.buffer:
            out_text, fail_text = self.buffer.pop(self.next_write)
            self._append(out_text, fail_text)
            index = self.next_write
            self.next_write += 1
            self.journal.record_written(index, self._written())

    def _append(self, out_text: str, fail_text: str) -> None:
        self.failures_sink.append(fail_text)
        self.failures_sink.sync()
        if self.output_sink is not None:
            self.output_sink.append(out_text)
            self.output_sink.sync()

    def _written(self) -> tuple[int, int, int]:
        out_len = self.output_sink.length if self.output_sink is not None else 0
        return self.next_write, out_len, self.failures_sink.length


def _fatal_reason(exc: HubSpotError) -> str:
    status = getattr(exc, "status", None)
    what = type(exc).__name__ + (f" ({status})" if status else "")
    return f"HubSpot stopped the job: {what}: {exc.message}"
