"""``apply``: send exactly a plan's changes with the existing batch calls, resumably.

Written once as a plan of effects (``_plans``), run by either client's driver. Kinds go in
order (archive, remove labels, add labels, create), each in the plan's chunks of at most
2,000 changes: one ``batch.archive`` / ``batch.archive_labels`` / ``batch.create`` request
per chunk (plus its retries); ``AsyncClient`` keeps ``max_concurrency`` chunks in flight.

The plan file is the journal. Per window of chunks: one transaction marks them ``sent``; they
are sent; one transaction marks each ``done`` with its counts and failed changes. So after a
crash, ``done`` chunks are never sent again, and a chunk left ``sent`` (its answer may or may
not have arrived) is checked first: its from-ids are read back and only the changes not yet
in effect are sent (the others count as succeeded). An error that every later request would
hit too (401, 403, the daily limit) stops the apply with that error; its chunk is left to
send again (or to check, if it may have been applied) on the next run.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any, overload

from .. import _batch_operations as batch_ops
from .._operations import Operations
from .._plans import Plan, gather, is_fatal
from ..batching import KEEP_FAILURES, Progress
from ..errors import UNKNOWN, HubSpotError
from ..models import AssociationInput, Pair, RecordAssociations
from .diff import ADD_LABELS, ARCHIVE, CREATE, KINDS, REMOVE_LABELS, Delta, in_effect
from .planfile import INGESTING, PENDING, READING, REFUSED, SENT, SyncPlan, SyncResult
from .planner import SyncError, read
from .rows import fingerprint, split

if TYPE_CHECKING:
    from ..client import AsyncClient, Client

_BATCH: dict[str, batch_ops.BatchKind[Any, Any]] = {
    ARCHIVE: batch_ops.ARCHIVE,
    REMOVE_LABELS: batch_ops.ARCHIVE_LABELS,
    ADD_LABELS: batch_ops.CREATE,
    CREATE: batch_ops.CREATE,
}

# (change seq, category, message, outcome, status, correlation id)
FailureRow = tuple[int, str, str, str, int | None, str | None]
Row = tuple[int, str, str, str]  # (seq, from_id, to_id, labels) of a change


class PlanRefusedError(SyncError):
    """``apply`` refused the plan before sending anything. ``reason``: ``unfinished``,
    ``prune_limit``, ``stale`` (older than ``max_age``) or ``inputs_changed``."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass
class _Outcome:
    index: int
    succeeded: int
    failures: list[FailureRow]
    fatal: HubSpotError | None = None


def _inputs(plan: SyncPlan, kind: str, rows: Sequence[Row]) -> list[Any]:
    if kind == ARCHIVE:
        return [Pair(f, t) for _, f, t, _ in rows]
    book = plan.labels
    return [AssociationInput(f, t, book.types(labels)) for _, f, t, labels in rows]


def _still_needed(ops: Operations, plan: SyncPlan, kind: str, rows: list[Row]) -> Plan[list[Row]]:
    """The changes of a chunk whose answer was lost that are not in effect yet (read back)."""
    book = plan.labels
    current: dict[str, dict[str, frozenset[str]]] = {}

    def keep(record: RecordAssociations) -> None:
        current[record.from_id] = {a.to_id: book.current_keys(a.types) for a in record.associations}

    ids = sorted({f for _, f, _, _ in rows}, key=int)
    yield from read(ops, plan.from_type, plan.to_type, ids, keep)
    return [
        row
        for row in rows
        if row[1] not in current  # could not be read: send it (the writes are idempotent)
        or not in_effect(Delta(kind, row[2], split(row[3])), current[row[1]], book.defaults)
    ]


def _send(
    ops: Operations, plan: SyncPlan, kind: str, chunk: tuple[int, int, int], verify: bool
) -> Plan[_Outcome]:
    """One chunk: (checked, if its answer was lost) sent as one batch call."""
    index, first, last = chunk
    rows = plan._chunk_changes(kind, first, last)
    planned = len(rows)
    if verify:
        rows = yield from _still_needed(ops, plan, kind, rows)
    if not rows:
        return _Outcome(index, planned, [])
    result = yield from ops.batch(
        _BATCH[kind], plan.from_type, plan.to_type, _inputs(plan, kind, rows), keep=KEEP_FAILURES
    )
    seq_of = {(f, t): seq for seq, f, t, _ in rows}
    failures: list[FailureRow] = []
    fatal: HubSpotError | None = None
    for failure in result.errors:
        if failure.error is not None and is_fatal(failure.error):
            fatal = failure.error
        for item in failure.inputs:
            seq = seq_of.get((str(getattr(item, "from_id", "")), str(getattr(item, "to_id", ""))))
            if seq is not None:
                failures.append(
                    (seq, failure.category, failure.message[:2000], failure.outcome,
                     failure.status, failure.correlation_id)
                )  # fmt: skip
    return _Outcome(index, planned - len(failures), failures, fatal)


def _steps(
    ops: Operations, plan: SyncPlan, window: int, on_progress: Progress | None
) -> Plan[SyncResult]:
    before = plan.result()
    total, done = len(plan), before.succeeded + before.failed
    for kind in KINDS:
        queue = [(c, True) for c in plan._chunks(kind, SENT)]
        queue += [(c, False) for c in plan._chunks(kind, PENDING)]
        for start in range(0, len(queue), window):
            group = queue[start : start + window]
            plan._begin()
            plan._mark(kind, [c[0] for c, _ in group], SENT)
            plan._commit()
            outcomes = yield from gather([_send(ops, plan, kind, c, v) for c, v in group])
            fatal = _record(plan, kind, outcomes)
            done += sum(o.succeeded + len(o.failures) for o in outcomes if o.fatal is None)
            if on_progress is not None:
                on_progress(done, total)
            if fatal is not None:
                raise fatal
    return plan.result()


def _record(plan: SyncPlan, kind: str, outcomes: Sequence[_Outcome]) -> HubSpotError | None:
    """Journal a window's answers in one transaction; the first fatal error, if any (its
    chunk is left to send again, or to check when it may have been applied)."""
    fatal: HubSpotError | None = None
    plan._begin()
    for outcome in outcomes:
        if outcome.fatal is None:
            plan._done(kind, outcome.index, outcome.succeeded, outcome.failures)
            continue
        fatal = fatal or outcome.fatal
        unknown = any(f[3] == UNKNOWN for f in outcome.failures)
        plan._mark(kind, [outcome.index], SENT if unknown else PENDING)
    plan._commit()
    return fatal


def _check(
    plan: SyncPlan, max_age: float | timedelta | None, desired: Iterable[Any] | None
) -> None:
    """Refuse, before anything is sent, a plan that must not be applied."""
    if plan.status in (INGESTING, READING):
        raise PlanRefusedError(
            f"the plan in {plan.path} is unfinished ({plan.status}): run plan again with the "
            "same arguments to finish it",
            "unfinished",
        )
    if plan.status == REFUSED:
        raise PlanRefusedError(
            f"the plan archives {plan.counts.archive} pair(s), more than its max_prune of "
            f"{plan.max_prune}: plan again with a higher max_prune if that is meant",
            "prune_limit",
        )
    if max_age is not None:
        limit = max_age.total_seconds() if isinstance(max_age, timedelta) else float(max_age)
        if plan.age > limit and plan.result().pending:
            raise PlanRefusedError(
                f"the plan is {plan.age:.0f} s old, older than max_age={limit:.0f} s: "
                "HubSpot may have changed since it was read; plan again",
                "stale",
            )
    if desired is not None and fingerprint(desired) != plan._meta.get("rows_fingerprint"):
        raise PlanRefusedError(
            "the desired set is not the one this plan was made from: plan again",
            "inputs_changed",
        )


@overload
def apply(
    client: Client,
    plan: SyncPlan | str | os.PathLike[str],
    *,
    max_age: float | timedelta | None = None,
    desired: Iterable[Any] | None = None,
    on_progress: Progress | None = None,
) -> SyncResult: ...


@overload
def apply(
    client: AsyncClient,
    plan: SyncPlan | str | os.PathLike[str],
    *,
    max_age: float | timedelta | None = None,
    desired: Iterable[Any] | None = None,
    on_progress: Progress | None = None,
) -> Awaitable[SyncResult]: ...


def apply(
    client: Client | AsyncClient,
    plan: SyncPlan | str | os.PathLike[str],
    *,
    max_age: float | timedelta | None = None,
    desired: Iterable[Any] | None = None,
    on_progress: Progress | None = None,
) -> SyncResult | Awaitable[SyncResult]:
    """Send the plan's changes (``await`` it with an ``AsyncClient``); the ``SyncResult`` of
    every run on this plan. Run it again after a crash: it continues where it stopped,
    never sending a change twice where it can know (see the module doc). A plan that is
    unfinished, refused by its prune limit, older than ``max_age`` (seconds or a
    ``timedelta``) or made from another ``desired`` set (when given) raises
    ``PlanRefusedError`` before anything is sent. ``on_progress(done, total)`` after each
    window of chunks."""
    if isinstance(plan, (str, os.PathLike)):
        plan = SyncPlan.load(plan)
    if not isinstance(plan, SyncPlan):
        raise TypeError(f"plan must be a SyncPlan or a plan file's path, got {type(plan).__name__}")
    _check(plan, max_age, desired)
    ops = client._settings.operations
    window = client._settings.max_concurrency  # 1 for Client: one chunk at a time
    return client._run(_steps(ops, plan, window, on_progress))
