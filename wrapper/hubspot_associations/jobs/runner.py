"""Running a bulk job: stream the input in chunks, send them concurrently, journal each one.

The main thread reads and validates the input, hands chunks to a pool of worker threads
(each sends one chunk with one ``client.batch.<op>`` call on a shared ``Client``), and
records every answered chunk in the journal, appending its results and failures to the
output files in input order. Memory stays flat: at most ``concurrency`` chunks are in
flight and at most ``window`` answered chunks wait for an earlier one.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..client import Client
from ..errors import UNKNOWN, HubSpotError
from .journal import Journal, JournalMismatch
from .kinds import JobKind, Outcome, run_chunk
from .lock import JobLock, LockHeld
from .paths import default_paths, ensure, job_base, state_dir
from .sinks import FAILURE_COLUMNS, Sink, output_format
from .source import Chunk, InputError, Source


class JobError(Exception):
    """The job cannot run or cannot go on (exit status 2): bad input, journal, fatal API error."""


class Reporter(Protocol):
    def start(self, total: int | None, done: int, resumed: bool) -> None: ...
    def advance(self, rows: int, failed: int) -> None: ...
    def stop(self) -> None: ...


class Silent:
    def start(self, total: int | None, done: int, resumed: bool) -> None:
        pass

    def advance(self, rows: int, failed: int) -> None:
        pass

    def stop(self) -> None:
        pass


@dataclass
class JobOptions:
    kind: JobKind
    from_type: str
    to_type: str
    input: str
    input_format: str | None = None
    output: str | None = None
    output_format: str | None = None
    failures: str | None = None
    journal: str | None = None
    restart: bool = False
    dry_run: bool = False
    concurrency: int = 4
    chunk_size: int | None = None
    shard: tuple[int, int] | None = None  # (k, n): this worker's share of the rows (--shard)


@dataclass
class JobReport:
    """What the job did, for the summary and the exit status."""

    kind: str
    rows: int = 0
    invalid: int = 0
    sent: int = 0
    succeeded: int = 0
    failed: int = 0
    unknown: int = 0  # of the failed: sent, answer lost, may have been applied
    categories: Counter[str] = field(default_factory=Counter)
    chunks: int = 0
    chunks_skipped: int = 0
    rows_skipped: int = 0
    requests: int = 0
    retries: int = 0
    elapsed: float = 0.0
    journal_seconds: float = 0.0  # SQLite transactions alone
    journal_commits: int = 0
    record_seconds: float = 0.0  # per answered chunk: append + fsync the files + commit
    chunks_recorded: int = 0
    journal: Path | None = None
    failures: Path | None = None
    output: Path | None = None
    fatal: str | None = None
    dry_run: bool = False
    already_finished: bool = False

    @property
    def exit_code(self) -> int:
        if self.fatal is not None:
            return 2
        return 1 if self.failed else 0


def _rows(rows: int, shard: tuple[int, int] | None) -> int:
    """The rows of the input that are this shard's (every n-th, from the k-th)."""
    if shard is None:
        return rows
    k, n = shard
    return max(0, (rows - k + n) // n)


def _remove_journal(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def run_job(
    options: JobOptions,
    client_factory: Callable[[], Client],
    reporter: Reporter | None = None,
) -> JobReport:
    """Run (or resume) one job; raises ``JobError`` for what makes it impossible."""
    started = time.monotonic()
    reporter = reporter or Silent()
    kind = options.kind
    size = options.chunk_size or kind.chunk_size
    if not 1 <= size <= kind.chunk_size:
        raise JobError(f"--chunk-size must be between 1 and {kind.chunk_size}")
    source = Source(options.input, options.input_format, kind, options.shard)
    try:
        return _run_source(options, source, size, client_factory, reporter, started)
    except OSError as exc:  # the disk, not the rows: the journal keeps what was done
        where = f"{exc.filename}: " if exc.filename else ""
        raise JobError(f"cannot write {where}{exc.strerror or exc}{_RESUME}") from None
    finally:
        source.close()


_RESUME = "; the journal keeps what was done: run the same command again once this is fixed"


def _run_source(
    options: JobOptions,
    source: Source,
    size: int,
    client_factory: Callable[[], Client],
    reporter: Reporter,
    started: float,
) -> JobReport:
    kind = options.kind
    report = JobReport(kind.name, dry_run=options.dry_run)
    if source.stdin:
        source.spool(ensure(state_dir()))
    try:
        scan = source.scan()
    except InputError as exc:
        raise JobError(str(exc)) from None
    if options.dry_run:
        _dry_run(source, size, _rows(scan.rows, options.shard), report, reporter)
        report.elapsed = time.monotonic() - started
        return report

    base = job_base(options.input, kind.name, options.from_type, options.to_type,
                    options.shard, scan.fingerprint)  # fmt: skip
    if source.stdin:
        ensure(base.parent)
    paths = default_paths(base, source.format, journal=options.journal,
                          failures=options.failures, output=options.output,
                          read=kind.name == "read")  # fmt: skip
    journal_path, failures_path, output_path = paths.journal, paths.failures, paths.output
    report.journal, report.failures, report.output = journal_path, failures_path, output_path
    identity = {
        "command": kind.name,
        "from_type": options.from_type,
        "to_type": options.to_type,
        "input": "-" if source.stdin else str(Path(options.input).resolve()),
        "input_fingerprint": scan.fingerprint,
        "input_format": source.format,
        "chunk_size": size,
        "shard": None if options.shard is None else f"{options.shard[0]}/{options.shard[1]}",
        "failures": str(failures_path.resolve()),
        "output": None if output_path is None else str(output_path.resolve()),
    }
    with _locked(journal_path):
        if options.restart:
            _remove_journal(journal_path)
        for path in (failures_path, output_path):  # writable? before the journal says a word
            if path is not None:
                open(path, "ab").close()
        try:
            journal = Journal(journal_path)
        except sqlite3.Error as exc:
            raise JobError(f"cannot open the journal {journal_path}: {exc}") from None
        try:
            try:
                journal.start(identity)
            except JournalMismatch as exc:
                raise JobError(
                    f"the journal {journal_path} does not match this job: {exc}. It belongs to "
                    "another input or command (a changed file? other rows on standard input?). "
                    "Use --restart to start over, or --journal to choose another file."
                ) from None
            _Run(options, kind, size, source, _rows(scan.rows, options.shard), journal, report,
                 reporter, client_factory, failures_path, output_path).run()  # fmt: skip
        except sqlite3.Error as exc:
            raise JobError(f"cannot write the journal {journal_path}: {exc}{_RESUME}") from None
        finally:
            report.journal_seconds = journal.commit_seconds
            report.journal_commits = journal.commits
            journal.close()
    report.elapsed = time.monotonic() - started
    return report


@contextlib.contextmanager
def _locked(journal_path: Path) -> Iterator[None]:
    lock = JobLock(Path(f"{journal_path}.lock"))
    try:
        lock.acquire()
    except LockHeld as exc:
        raise JobError(
            f"the journal {journal_path} is in use by {exc.holder} (another run of this job): "
            "wait for it to end, or stop it"
        ) from None
    try:
        yield
    finally:
        lock.release()


def _dry_run(source: Source, size: int, total: int, report: JobReport, reporter: Reporter) -> None:
    reporter.start(total, 0, False)
    try:
        for chunk in source.chunks(size):
            report.rows += chunk.rows
            report.chunks += 1
            report.invalid += len(chunk.invalid)
            report.failed += len(chunk.invalid)
            report.categories.update(f.category for f in chunk.invalid)
            reporter.advance(chunk.rows, len(chunk.invalid))
    except InputError as exc:
        raise JobError(str(exc)) from None
    finally:
        reporter.stop()


class _Run:
    def __init__(
        self,
        options: JobOptions,
        kind: JobKind,
        size: int,
        source: Source,
        total: int | None,
        journal: Journal,
        report: JobReport,
        reporter: Reporter,
        client_factory: Callable[[], Client],
        failures_path: Path,
        output_path: Path | None,
    ) -> None:
        self.options, self.kind, self.size, self.source = options, kind, size, source
        self.total, self.journal, self.report, self.reporter = total, journal, report, reporter
        self.client_factory = client_factory
        self.failures_path, self.output_path = failures_path, output_path
        self.buffer: dict[int, tuple[str, str]] = {}
        self.fatal: HubSpotError | None = None
        self.window = max(8, 2 * options.concurrency)

    def run(self) -> None:
        journal, report = self.journal, self.report
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
            raise JobError(str(exc)) from None
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
        return self.kind.columns

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
        report.invalid = report.categories.get("INVALID_ROW", 0)

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
                        raise JobError(
                            f"the journal {self.journal.path} does not match this input: chunk "
                            f"{chunk.index} (from line {chunk.first_line}) differs from the one "
                            "recorded. Use --restart to start over."
                        )
                    continue
                submit(chunk)
            if self.fatal is None and last_done > last_seen:
                raise JobError(
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
            raise JobError(str(exc)) from None

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
