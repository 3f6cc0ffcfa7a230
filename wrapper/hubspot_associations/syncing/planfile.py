"""``SyncPlan``: a plan of changes kept in one SQLite file, which is also its apply journal.

While planning, the file holds the desired rows (grouped on disk by from-id, so a desired
set far bigger than memory is fine) and how far the reads have come; once planned, only the
changes, the refused rows, the chunks ``apply`` sends them in and what became of each chunk.
Every step is one transaction, so a process killed at any moment leaves a file that the next
``plan``/``apply`` continues from.

Tables: ``meta`` (key -> JSON), ``desired`` (planning only), ``refused``, ``changes`` (one row
per change, in from-id order), ``chunks`` (kind, index, the changes' seq range, state:
pending, sent or done, and counts) and ``failures`` (one row per failed change, written in
the transaction that marks its chunk done: each failure is there once).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import time
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..batching import WRITE_CHUNK
from ..errors import FAILED, UNKNOWN, BatchError
from ..models import AssociationType, LabelDefinition
from .diff import KIND_CODE, KINDS
from .rows import LabelBook

FORMAT = 1
PENDING, SENT, DONE = 0, 1, 2
# Plan states: rows going in, reads under way, ready to apply, refused by the prune limit.
INGESTING, READING, READY, REFUSED = "ingesting", "reading", "ready", "refused"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS desired (from_id TEXT NOT NULL, to_id TEXT, labels TEXT);
CREATE TABLE IF NOT EXISTS refused (
    seq INTEGER PRIMARY KEY, row INTEGER, input TEXT NOT NULL,
    category TEXT NOT NULL, message TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY, kind INTEGER NOT NULL, from_id TEXT NOT NULL,
    to_id TEXT NOT NULL, labels TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    kind INTEGER NOT NULL, idx INTEGER NOT NULL, first_seq INTEGER NOT NULL,
    last_seq INTEGER NOT NULL, size INTEGER NOT NULL, state INTEGER NOT NULL DEFAULT 0,
    succeeded INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0,
    unknown INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (kind, idx)
);
CREATE TABLE IF NOT EXISTS failures (
    seq INTEGER PRIMARY KEY, category TEXT NOT NULL, message TEXT NOT NULL,
    outcome TEXT NOT NULL, status INTEGER, correlation_id TEXT
);
"""
_TABLES = ("meta", "desired", "refused", "changes", "chunks", "failures")


@dataclass(frozen=True, slots=True)
class Change:
    """One change of a plan: ``kind`` is ``create``, ``add_labels``, ``remove_labels`` or
    ``archive``; ``types`` are the labels it creates, adds or removes (for ``create`` without
    labels: the default type; for ``archive``: none, the whole pair goes)."""

    kind: str
    from_id: str
    to_id: str
    types: tuple[AssociationType, ...] = ()

    def __str__(self) -> str:
        names = ", ".join(t.label or "unlabelled" for t in self.types)
        return f"{self.kind} {self.from_id} -> {self.to_id}" + (f" [{names}]" if names else "")


@dataclass(frozen=True, slots=True)
class Refusal:
    """A desired row the plan refused (``row``: its position in the input), or a from-id whose
    current associations could not be read (``row`` None): no change comes from it."""

    row: int | None
    input: str
    category: str
    message: str


@dataclass(frozen=True)
class PlanCounts:
    rows: int  # desired rows read
    refused: int  # rows refused (each a Refusal) and from-ids that could not be read
    from_ids: int  # distinct from-ids in the desired set
    current: int  # their associations before the plan (read from HubSpot)
    create: int = 0
    add_labels: int = 0
    remove_labels: int = 0
    archive: int = 0

    @property
    def changes(self) -> int:
        return self.create + self.add_labels + self.remove_labels + self.archive


@dataclass(frozen=True, slots=True)
class ChangeFailure:
    """A change that did not succeed. ``outcome`` is ``FAILED`` (not applied) or ``UNKNOWN``
    (sent, the answer lost: it may have been applied; the next plan tells)."""

    change: Change
    category: str
    message: str
    outcome: str = FAILED
    status: int | None = None
    correlation_id: str | None = None


@dataclass(frozen=True)
class KindResult:
    planned: int = 0
    succeeded: int = 0
    failed: int = 0
    unknown: int = 0  # of ``failed``: may have been applied

    @property
    def pending(self) -> int:
        return self.planned - self.succeeded - self.failed


@dataclass
class SyncResult:
    """What applying a plan did, over every run of ``apply`` on it (resumed ones too)."""

    kinds: dict[str, KindResult]
    plan: SyncPlan = field(repr=False)

    def _sum(self, name: str) -> int:
        return sum(getattr(k, name) for k in self.kinds.values())

    @property
    def succeeded(self) -> int:
        return self._sum("succeeded")

    @property
    def failed(self) -> int:
        return self._sum("failed")

    @property
    def unknown(self) -> int:
        return self._sum("unknown")

    @property
    def pending(self) -> int:
        return self._sum("pending")

    @property
    def ok(self) -> bool:
        return self.failed == 0 and self.pending == 0

    def failures(self) -> Iterator[ChangeFailure]:
        return self.plan.failures()

    def raise_for_errors(self) -> None:
        if self.failed:
            failures = list(self.failures())
            raise BatchError(
                f"sync: {self.failed} of {self._sum('planned')} change(s) failed "
                f"({self.unknown} may have been applied): "
                + "; ".join(f"{f.change}: {f.category}: {f.message}" for f in failures[:5]),
                [],
            )


class SyncPlan:
    """A plan of changes that makes HubSpot's associations match a desired set.

    ``counts`` says how many of each kind, ``changes()`` (or iterating the plan) gives them,
    ``refused()`` the rows that produce no change, ``summary()`` a readable digest. The plan
    lives in one SQLite file: ``save(path)`` copies it, ``SyncPlan.load(path)`` opens one.
    """

    def __init__(self, path: str | os.PathLike[str], *, _temporary: str | None = None) -> None:
        self.path = Path(path)
        self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            self._check_file()
        except BaseException:
            self._conn.close()
            raise
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("PRAGMA cache_size=-16000")
        self._conn.executescript(_SCHEMA)
        self._meta: dict[str, Any] = dict(self._read_meta())
        self._book: LabelBook | None = None
        self._cleanup = (
            weakref.finalize(self, shutil.rmtree, _temporary, True) if _temporary else None
        )

    def _check_file(self) -> None:
        """Refuse a file that is not a plan (never add tables to someone else's database)."""
        try:
            tables = {n for (n,) in self._conn.execute("SELECT name FROM sqlite_master")}
        except sqlite3.DatabaseError as exc:
            raise ValueError(f"{self.path} is not a sync plan file: {exc}") from None
        if tables and "meta" not in tables:
            raise ValueError(f"{self.path} is not a sync plan file")
        if "meta" in tables:
            found = self._conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
            if found is not None and json.loads(found[0]) != FORMAT:
                raise ValueError(f"{self.path} is a sync plan file of another format")

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> SyncPlan:
        """Open a plan file written by ``plan`` (or ``save``)."""
        if not Path(path).is_file():
            raise FileNotFoundError(f"no plan file at {path}")
        plan = cls(path)
        if plan._meta.get("format") != FORMAT:
            plan.close()
            raise ValueError(f"{path} is not a sync plan file (format {FORMAT})")
        return plan

    @classmethod
    def temporary(cls) -> SyncPlan:
        """A plan in a temporary directory, removed when the plan is closed or collected."""
        where = tempfile.mkdtemp(prefix="hubspot-sync-")
        return cls(Path(where) / "plan.sqlite", _temporary=where)

    def close(self) -> None:
        self._conn.close()
        if self._cleanup is not None:
            self._cleanup()

    def __enter__(self) -> SyncPlan:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write a copy of the plan (with what has been applied of it) to ``path``."""
        if Path(path).resolve() == self.path.resolve():
            return
        target = sqlite3.connect(path)
        try:
            self._conn.backup(target)
        finally:
            target.close()

    # --- what the plan says ---------------------------------------------------------------

    @property
    def from_type(self) -> str:
        return str(self._meta["from_type"])

    @property
    def to_type(self) -> str:
        return str(self._meta["to_type"])

    @property
    def prune(self) -> bool:
        return bool(self._meta.get("prune"))

    @property
    def max_prune(self) -> int | None:
        """The most pairs prune may archive (given, or 10 % of ``counts.current``)."""
        value = self._meta.get("max_prune_limit")
        return None if value is None else int(value)

    @property
    def status(self) -> str:
        """``ingesting`` / ``reading`` (unfinished), ``ready``, or ``refused`` (prune limit)."""
        return str(self._meta.get("status", INGESTING))

    @property
    def fingerprint(self) -> str:
        """The desired set's fingerprint (``rows.fingerprint``) and the plan's parameters."""
        return str(self._meta.get("fingerprint", ""))

    @property
    def created_at(self) -> datetime:
        return datetime.fromtimestamp(float(self._meta.get("created", 0.0)), tz=UTC)

    @property
    def age(self) -> float:
        """Seconds since the current associations were read."""
        return time.time() - float(self._meta.get("created", 0.0))

    @property
    def seconds(self) -> dict[str, float]:
        """Where planning spent its time: ``labels``, ``ingest`` (reading, checking and
        grouping the desired rows), ``reads`` (the batch reads: requests and answers),
        ``compare`` (comparing and writing the changes), ``finish`` (chunks, clean-up)."""
        return dict(self._meta.get("seconds", {}))

    @property
    def apply_started(self) -> bool:
        """Whether ``apply`` has begun on this plan (a chunk was sent): the file is its journal."""
        return self._applying()

    @property
    def notes(self) -> dict[str, Any]:
        """JSON values attached with ``annotate`` (the command line keeps the name and the
        fingerprint of its input there); a new plan in the same file starts without."""
        return dict(self._meta.get("notes", {}))

    def annotate(self, **values: Any) -> None:
        """Attach JSON values to the plan (added to ``notes``), in one transaction."""
        self._set(notes={**self.notes, **values})

    @property
    def labels(self) -> LabelBook:
        if self._book is None:
            definitions = [LabelDefinition(*d) for d in self._meta.get("definitions", [])]
            self._book = LabelBook(definitions, self.from_type, self.to_type)
        return self._book

    @property
    def counts(self) -> PlanCounts:
        m = self._meta
        by_kind = {KINDS[k]: n for k, n in self._conn.execute(
            "SELECT kind, count(*) FROM changes GROUP BY kind")}  # fmt: skip
        refused = self._conn.execute("SELECT count(*) FROM refused").fetchone()[0]
        return PlanCounts(
            m.get("rows", 0), refused, m.get("from_ids", 0), m.get("current", 0), **by_kind
        )

    def __len__(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM changes").fetchone()[0])

    def __iter__(self) -> Iterator[Change]:
        return self.changes()

    def changes(self, kind: str | None = None) -> Iterator[Change]:
        """The changes, kind by kind in the order ``apply`` sends them (or those of one kind)."""
        kinds = KINDS if kind is None else (kind,)
        for k in kinds:
            rows = self._conn.execute(
                "SELECT from_id, to_id, labels FROM changes WHERE kind = ? ORDER BY seq",
                (KIND_CODE[k],),
            )
            for from_id, to_id, labels in rows:
                yield Change(k, from_id, to_id, self.labels.types(labels))

    def refused(self) -> Iterator[Refusal]:
        for row, given, category, message in self._conn.execute(
            "SELECT row, input, category, message FROM refused ORDER BY seq"
        ):
            yield Refusal(row, given, category, message)

    def summary(self, sample: int = 5) -> str:
        """Counts and the first ``sample`` changes of each kind, for people."""
        c = self.counts
        lines = [
            f"sync plan {self.from_type} -> {self.to_type} ({self.status}), "
            f"{c.rows} desired row(s) over {c.from_ids} from-id(s) holding {c.current} "
            f"association(s): {c.create} to create, {c.add_labels} to add labels to, "
            f"{c.remove_labels} to remove labels from, {c.archive} to archive"
            + ("" if self.prune else " (no prune)")
            + (f"; {c.refused} refused" if c.refused else "")
        ]
        for kind in KINDS:
            for i, change in enumerate(self.changes(kind)):
                if i == sample:
                    lines.append(f"  ... {getattr(c, kind) - sample} more {kind}")
                    break
                lines.append(f"  {change}")
        return "\n".join(lines)

    # --- planning (used by ``planner``) ------------------------------------------------------

    def _read_meta(self) -> Iterator[tuple[str, Any]]:
        for name, value in self._conn.execute("SELECT key, value FROM meta"):
            yield name, json.loads(value)

    def _set(self, **values: Any) -> None:
        """Set meta values (inside the caller's transaction, if any)."""
        self._conn.executemany(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)",
            [(k, json.dumps(v)) for k, v in values.items()],
        )
        self._meta.update(values)

    def _begin(self) -> None:
        self._conn.execute("BEGIN")

    def _commit(self) -> None:
        self._conn.execute("COMMIT")

    def _rollback(self) -> None:
        """Undo the open transaction; what is known of the plan is the file's again."""
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")
        self._meta = dict(self._read_meta())

    def _savepoint(self) -> None:
        self._conn.execute("SAVEPOINT resume")

    def _rollback_to_savepoint(self) -> None:
        """Undo what came after ``_savepoint`` (the transaction stays open)."""
        self._conn.execute("ROLLBACK TO resume")
        self._conn.execute("RELEASE resume")
        self._meta = dict(self._read_meta())
        self._book = None

    def _clear_planning(self) -> None:
        """Forget the rows, refusals and changes of an unfinished plan (in a transaction)."""
        for table in ("desired", "refused", "changes"):
            self._conn.execute(f"DELETE FROM {table}")
        self._conn.execute("DROP INDEX IF EXISTS desired_by_from")

    def _reset(self, **params: Any) -> None:
        """Start over: every table emptied, the parameters set, status ``ingesting``."""
        self._rollback()
        self._begin()
        for table in _TABLES:
            self._conn.execute(f"DELETE FROM {table}")
        self._conn.execute("DROP INDEX IF EXISTS desired_by_from")
        self._meta = {}
        self._book = None
        self._set(format=FORMAT, status=INGESTING, created=time.time(), **params)
        self._commit()

    def _add_desired(self, rows: Sequence[tuple[str, str | None, str | None]]) -> None:
        self._conn.executemany("INSERT INTO desired VALUES (?, ?, ?)", rows)

    def _add_refused(self, rows: Sequence[tuple[int | None, str, str, str]]) -> None:
        self._conn.executemany(
            "INSERT INTO refused (row, input, category, message) VALUES (?, ?, ?, ?)", rows
        )

    def _group_desired(self) -> int:
        """Index the desired rows by from-id (SQLite sorts on disk); the number of from-ids."""
        self._conn.execute("CREATE INDEX IF NOT EXISTS desired_by_from ON desired (from_id, to_id)")
        return int(self._conn.execute("SELECT count(DISTINCT from_id) FROM desired").fetchone()[0])

    def _from_ids(self, after: str, limit: int) -> list[tuple[str, int]]:
        """(from-id, its desired rows) of the next ``limit`` from-ids after ``after``."""
        return self._conn.execute(
            "SELECT from_id, count(*) FROM desired WHERE from_id > ? GROUP BY from_id "
            "ORDER BY from_id LIMIT ?",
            (after, limit),
        ).fetchall()

    def _desired_of(self, first: str, last: str) -> Iterator[tuple[str, str | None, str | None]]:
        """Desired rows of the from-ids in [first, last], by from-id."""
        return self._conn.execute(
            "SELECT from_id, to_id, labels FROM desired WHERE from_id BETWEEN ? AND ? "
            "ORDER BY from_id",
            (first, last),
        )

    def _add_changes(self, rows: Sequence[tuple[int, str, str, str]]) -> None:
        """(kind code, from_id, to_id, label keys) rows."""
        self._conn.executemany(
            "INSERT INTO changes (kind, from_id, to_id, labels) VALUES (?, ?, ?, ?)", rows
        )

    def _finish(self, limit: int | None) -> None:
        """Cut the changes into chunks (per kind, in seq order), drop the desired rows, and set
        the status: ``refused`` when prune archives more than ``limit``."""
        self._begin()
        chunks: list[tuple[int, int, int, int, int]] = []
        for code, _ in enumerate(KINDS):
            size = first = last = 0
            for (seq,) in self._conn.execute(
                "SELECT seq FROM changes WHERE kind = ? ORDER BY seq", (code,)
            ):
                if size == WRITE_CHUNK:
                    chunks.append((code, len(chunks), first, last, size))
                    size = 0
                first, last, size = (seq if size == 0 else first), seq, size + 1
            if size:
                chunks.append((code, len(chunks), first, last, size))
        self._conn.executemany(
            "INSERT INTO chunks (kind, idx, first_seq, last_seq, size) VALUES (?, ?, ?, ?, ?)",
            chunks,
        )
        archived = self.counts.archive
        refused = limit is not None and archived > limit
        self._set(status=REFUSED if refused else READY, max_prune_limit=limit)
        self._conn.execute("DROP INDEX IF EXISTS desired_by_from")
        self._conn.execute("DELETE FROM desired")
        self._commit()
        self._conn.execute("VACUUM")  # the desired rows were most of the file
        self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # --- the apply journal (used by ``applier``) -------------------------------------------

    def _chunks(self, kind: str, state: int) -> list[tuple[int, int, int]]:
        """(index, first seq, last seq) of the chunks of ``kind`` in ``state``."""
        return self._conn.execute(
            "SELECT idx, first_seq, last_seq FROM chunks WHERE kind = ? AND state = ? ORDER BY idx",
            (KIND_CODE[kind], state),
        ).fetchall()

    def _chunk_changes(self, kind: str, first: int, last: int) -> list[tuple[int, str, str, str]]:
        """(seq, from_id, to_id, labels) of the changes of one chunk."""
        rows = self._conn.execute(
            "SELECT seq, from_id, to_id, labels FROM changes "
            "WHERE seq BETWEEN ? AND ? AND kind = ? ORDER BY seq",
            (first, last, KIND_CODE[kind]),
        )
        return rows.fetchall()

    def _mark(self, kind: str, indexes: Sequence[int], state: int) -> None:
        self._conn.executemany(
            "UPDATE chunks SET state = ? WHERE kind = ? AND idx = ?",
            [(state, KIND_CODE[kind], i) for i in indexes],
        )

    def _done(
        self,
        kind: str,
        index: int,
        succeeded: int,
        failures: Sequence[tuple[int, str, str, str, int | None, str | None]],
    ) -> None:
        """One chunk answered (inside the caller's transaction): its counts and failures."""
        unknown = sum(1 for f in failures if f[3] == UNKNOWN)
        self._conn.execute(
            "UPDATE chunks SET state = ?, succeeded = ?, failed = ?, unknown = ? "
            "WHERE kind = ? AND idx = ?",
            (DONE, succeeded, len(failures), unknown, KIND_CODE[kind], index),
        )
        self._conn.executemany(
            "INSERT OR REPLACE INTO failures VALUES (?, ?, ?, ?, ?, ?)", failures
        )

    def _applying(self) -> bool:
        """Whether any chunk has been sent."""
        return (
            self._conn.execute("SELECT 1 FROM chunks WHERE state > 0 LIMIT 1").fetchone()
            is not None
        )

    def result(self) -> SyncResult:
        """What applying the plan has done so far (nothing, if it has not been applied)."""
        kinds = {kind: KindResult() for kind in KINDS}
        for code, planned, succeeded, failed, unknown in self._conn.execute(
            "SELECT kind, sum(size), sum(succeeded), sum(failed), sum(unknown) FROM chunks "
            "GROUP BY kind"
        ):
            kinds[KINDS[code]] = KindResult(planned, succeeded, failed, unknown)
        return SyncResult(kinds, self)

    def failures(self) -> Iterator[ChangeFailure]:
        """Every change that failed when applied, each once, in plan order."""
        book = self.labels
        for (
            kind,
            from_id,
            to_id,
            labels,
            category,
            message,
            outcome,
            status,
            cid,
        ) in self._conn.execute(
            "SELECT c.kind, c.from_id, c.to_id, c.labels, f.category, f.message, f.outcome, "
            "f.status, f.correlation_id FROM failures f JOIN changes c ON c.seq = f.seq "
            "ORDER BY c.kind, c.seq"
        ):
            change = Change(KINDS[kind], from_id, to_id, book.types(labels))
            yield ChangeFailure(change, category, message, outcome, status, cid)
