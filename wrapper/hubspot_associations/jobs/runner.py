"""Running a bulk job: where its files are, its lock and journal, then the chunk loop
(``loop.py``); every problem that stops it becomes a ``JobError`` (exit status 2)."""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..client import Client
from .journal import Journal, JournalMismatch
from .kinds import JobKind
from .labels import LabelResolver, LabelsUnavailable
from .lock import JobLock, LockHeld
from .loop import ChunkLoop, JobStopped
from .paths import default_paths, ensure, job_base, state_dir
from .sinks import FAILURE_COLUMNS, STDOUT_NAME, Sink, output_format
from .source import InputError, Scan, Source

STDOUT = "-"  # --output -: the results go to standard output


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
    labels = None
    if kind.labels:  # read on the first row that names a label
        labels = LabelResolver(options.from_type, options.to_type,
                               lambda: _read_labels(client_factory, options))  # fmt: skip
    source = Source(options.input, options.input_format, kind, options.shard, labels)
    try:
        return _run_source(options, source, size, client_factory, reporter, started)
    except OSError as exc:  # the disk, not the rows: the journal keeps what was done
        if exc.filename == STDOUT_NAME:  # its reader went away (| head): no journal to keep
            raise JobError("standard output was closed before every result was written") from None
        where = f"{exc.filename}: " if exc.filename else ""
        resume = "" if options.dry_run else _RESUME
        raise JobError(f"cannot write {where}{exc.strerror or exc}{resume}") from None
    except LabelsUnavailable as exc:
        raise JobError(f"{exc} (the label column needs them)") from None
    finally:
        source.close()


def _read_labels(client_factory: Callable[[], Client], options: JobOptions) -> list[Any]:
    with client_factory() as client:
        return client.labels.list(options.from_type, options.to_type)


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
    scan = scanned(source)
    to_stdout = options.output == STDOUT
    if to_stdout and options.journal:
        raise JobError("--output - cannot be resumed (the results went to a pipe): no --journal")
    base = job_base(source.job_input, kind.name, options.from_type, options.to_type,
                    options.shard, scan.fingerprint)  # fmt: skip
    if source.stdin:
        ensure(base.parent)
    paths = default_paths(base, source.format, journal=options.journal,
                          failures=options.failures, output=None if to_stdout else options.output,
                          read=kind.name == "read", dry_run=options.dry_run,
                          piped=to_stdout)  # fmt: skip
    if options.dry_run:
        report.failures = paths.failures
        _dry_run(source, size, _rows(scan.rows, options.shard), report, reporter)
        report.elapsed = time.monotonic() - started
        return report
    output = Path(STDOUT) if to_stdout else paths.output
    report.failures, report.output = paths.failures, output
    identity = {
        "command": kind.name,
        "from_type": options.from_type,
        "to_type": options.to_type,
        "input": "-" if source.stdin else str(Path(options.input).resolve()),
        "input_fingerprint": scan.fingerprint,
        "input_format": source.format,
        "chunk_size": size,
        "shard": None if options.shard is None else f"{options.shard[0]}/{options.shard[1]}",
        "failures": str(paths.failures.resolve()),
        "output": None if output is None else str(output if to_stdout else output.resolve()),
    }
    loop = ChunkLoop(options, kind, size, source, _rows(scan.rows, options.shard), report,
                     reporter, client_factory, paths.failures, output)  # fmt: skip
    if to_stdout:  # a fresh job each time: its journal lives as long as the run
        with tempfile.TemporaryDirectory(prefix="hubspot-job-") as folder:
            _journalled(loop, Path(folder) / "journal", identity)
    else:
        report.journal = paths.journal
        with locked(paths.journal):
            if options.restart:
                _remove_journal(paths.journal)
            _journalled(loop, paths.journal, identity)
    report.elapsed = time.monotonic() - started
    return report


def scanned(source: Source) -> Scan:
    """The input read once up front (standard input first copied to the state folder):
    its fingerprint and rows, or a ``JobError`` for what makes it unusable."""
    if source.stdin:
        source.spool(ensure(state_dir()))
    try:
        return source.scan()
    except InputError as exc:
        raise JobError(str(exc)) from None


def _journalled(loop: ChunkLoop, journal_path: Path, identity: dict[str, Any]) -> None:
    """Open (or create) the journal, check it is this job's, and run the loop on it."""
    for path in (loop.failures_path, loop.output_path):  # writable? before the journal is
        if path is not None and str(path) != STDOUT:
            open(path, "ab").close()
    try:
        journal = Journal(journal_path)
    except sqlite3.Error as exc:
        raise JobError(f"cannot open the journal {journal_path}: {exc}") from None
    report = loop.report
    try:
        try:
            journal.start(identity)
        except JournalMismatch as exc:  # the message says what differs: input, output...
            changed = exc.key == "input_fingerprint"
            hint = " (a changed file? other rows on standard input?)" if changed else ""
            raise JobError(
                f"the journal {journal_path} does not match this job: {exc}{hint}. "
                "Use --restart to start over, or --journal to choose another file."
            ) from None
        loop.run(journal)
    except JobStopped as exc:
        raise JobError(str(exc)) from None
    except sqlite3.Error as exc:
        raise JobError(f"cannot write the journal {journal_path}: {exc}{_RESUME}") from None
    finally:
        report.journal_seconds = journal.commit_seconds
        report.journal_commits = journal.commits
        journal.close()


@contextlib.contextmanager
def locked(path: Path, what: str = "the journal", run: str = "job") -> Iterator[None]:
    """One process at a time on ``path``: the lock ``<path>.lock``, else a ``JobError``."""
    lock = JobLock(Path(f"{path}.lock"))
    try:
        lock.acquire()
    except LockHeld as exc:
        raise JobError(
            f"{what} {path} is in use by {exc.holder} (another run of this {run}): wait for "
            "it to end, or stop it"
        ) from None
    try:
        yield
    finally:
        lock.release()


def _dry_run(source: Source, size: int, total: int, report: JobReport, reporter: Reporter) -> None:
    """Read and check every row; write the rows the job would refuse to the failures file."""
    assert report.failures is not None
    kind = source.kind
    failures = Sink(report.failures, output_format(str(report.failures), None),
                    ("line", *kind.read_columns, *FAILURE_COLUMNS))  # fmt: skip
    failures.open(0)
    reporter.start(total, 0, False)
    try:
        for chunk in source.chunks(size):
            report.rows += chunk.rows
            report.chunks += 1
            report.invalid += len(chunk.invalid)
            report.failed += len(chunk.invalid)
            report.categories.update(f.category for f in chunk.invalid)
            failures.append(failures.render_failures(chunk.invalid))
            reporter.advance(chunk.rows, len(chunk.invalid))
        failures.sync()
    except InputError as exc:
        raise JobError(str(exc)) from None
    finally:
        reporter.stop()
        failures.close()
