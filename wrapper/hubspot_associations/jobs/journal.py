"""The job journal: an SQLite file recording which chunks are done and how far the output
files are written, so a job killed at any moment resumes where it stopped.

Protocol (one transaction per step, the output files flushed and fsynced *before* the
transaction that records their new length):

- a chunk answered in input order: its lines are appended to the output and failures files,
  then one transaction inserts the chunk row and records both files' lengths;
- a chunk answered before an earlier one: one transaction inserts the chunk row with its
  lines kept in the journal (``pending``); they are appended, and the lengths recorded, when
  the chunks before it are written.

On resume the files are truncated to the recorded lengths (anything past them was written by
a step whose transaction never committed) and every chunk with a row is skipped. So each
failure is in the failures file exactly once, and a chunk is sent again only if it was in
flight at the kill.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMAT = 3

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS chunks (
    idx INTEGER PRIMARY KEY,
    rows INTEGER NOT NULL,
    sent INTEGER NOT NULL,
    succeeded INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    unknown INTEGER NOT NULL,
    categories TEXT NOT NULL,
    pending TEXT
);
CREATE TABLE IF NOT EXISTS progress (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    written_through INTEGER NOT NULL,
    output_length INTEGER NOT NULL,
    failures_length INTEGER NOT NULL,
    finished INTEGER NOT NULL
);
"""


class JournalMismatch(Exception):
    """The journal belongs to another job or another input; ``key``: what differs (None:
    the journal's format)."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class DoneChunk:
    rows: int
    pending: str | None


@dataclass
class Totals:
    rows: int = 0
    sent: int = 0
    succeeded: int = 0
    failed: int = 0
    unknown: int = 0  # of the failed: may have been applied (the answer was lost)
    chunks: int = 0
    categories: dict[str, int] | None = None


class Journal:
    """One job's journal file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        # WAL + synchronous=NORMAL: a commit survives a killed process; after a power loss
        # the last commits may be lost, never half-applied (the files are then truncated).
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self.commit_seconds = 0.0
        self.commits = 0

    def close(self) -> None:
        self._db.close()

    # --- identity ----------------------------------------------------------------------------

    def identity(self) -> dict[str, Any] | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'job'").fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def start(self, identity: Mapping[str, Any]) -> None:
        """Adopt ``identity`` for a new journal, or check it against the recorded one."""
        recorded = self.identity()
        if recorded is None:
            with self._tx():
                self._db.execute(
                    "INSERT INTO meta VALUES ('job', ?), ('format', ?)",
                    (json.dumps(dict(identity), sort_keys=True), str(FORMAT)),
                )
                self._db.execute("INSERT INTO progress VALUES (1, 0, 0, 0, 0)")
            return
        fmt = self._db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        if fmt is None or int(fmt[0]) != FORMAT:
            raise JournalMismatch("it was written by another version of this tool")
        for key, value in identity.items():
            if recorded.get(key) != value:
                if not self.done():  # nothing done yet: nothing to keep, nothing to mix up
                    with self._tx():
                        self._db.execute(
                            "UPDATE meta SET value = ? WHERE key = 'job'",
                            (json.dumps(dict(identity), sort_keys=True),),
                        )
                        self._db.execute("UPDATE progress SET output_length = 0, finished = 0, "
                                         "failures_length = 0, written_through = 0")  # fmt: skip
                    return
                raise JournalMismatch(
                    f"it records {key} = {recorded.get(key)!r}, this run has {value!r}", key
                )

    # --- state -------------------------------------------------------------------------------

    def progress(self) -> tuple[int, int, int, bool]:
        row = self._db.execute(
            "SELECT written_through, output_length, failures_length, finished FROM progress"
        ).fetchone()
        return int(row[0]), int(row[1]), int(row[2]), bool(row[3])

    def done(self) -> dict[int, DoneChunk]:
        return {
            int(idx): DoneChunk(int(rows), pending)
            for idx, rows, pending in self._db.execute("SELECT idx, rows, pending FROM chunks")
        }

    def totals(self) -> Totals:
        totals = Totals(categories={})
        for rows, sent, ok, failed, unknown, categories in self._db.execute(
            "SELECT rows, sent, succeeded, failed, unknown, categories FROM chunks"
        ):
            totals.rows += rows
            totals.sent += sent
            totals.succeeded += ok
            totals.failed += failed
            totals.unknown += unknown
            totals.chunks += 1
            for category, n in json.loads(categories).items():
                assert totals.categories is not None
                totals.categories[category] = totals.categories.get(category, 0) + n
        return totals

    # --- steps -------------------------------------------------------------------------------

    def record_chunk(
        self,
        index: int,
        rows: int,
        sent: int,
        succeeded: int,
        failed: int,
        unknown: int,
        categories: Mapping[str, int],
        *,
        pending: str | None = None,
        written: tuple[int, int, int] | None = None,
    ) -> None:
        """A chunk is done: either already written (``written`` = new written_through and
        file lengths) or with its lines kept in ``pending`` until the chunks before it are."""
        with self._tx():
            self._db.execute(
                "INSERT OR REPLACE INTO chunks VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    index,
                    rows,
                    sent,
                    succeeded,
                    failed,
                    unknown,
                    json.dumps(dict(categories)),
                    pending,
                ),
            )
            if written is not None:
                self._set_written(*written)

    def record_written(self, index: int, written: tuple[int, int, int]) -> None:
        """A pending chunk's lines are now in the files."""
        with self._tx():
            self._db.execute("UPDATE chunks SET pending = NULL WHERE idx = ?", (index,))
            self._set_written(*written)

    def finish(self) -> None:
        with self._tx():
            self._db.execute("UPDATE progress SET finished = 1")

    def _set_written(self, through: int, output_length: int, failures_length: int) -> None:
        self._db.execute(
            "UPDATE progress SET written_through = ?, output_length = ?, failures_length = ?",
            (through, output_length, failures_length),
        )

    def _tx(self) -> _Transaction:
        return _Transaction(self)


class _Transaction:
    def __init__(self, journal: Journal) -> None:
        self._journal = journal

    def __enter__(self) -> None:
        self._started = time.perf_counter()
        self._journal._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        db = self._journal._db
        if exc is None:
            try:
                db.execute("COMMIT")
            except sqlite3.Error:  # a full disk: the transaction is not recorded
                with contextlib.suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
                raise
        else:
            with contextlib.suppress(sqlite3.Error):
                db.execute("ROLLBACK")
        self._journal.commit_seconds += time.perf_counter() - self._started
        self._journal.commits += 1
