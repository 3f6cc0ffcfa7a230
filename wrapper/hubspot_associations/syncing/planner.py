"""``plan``: read the current associations of every from-id of a desired set, and write the
differences to a plan file.

Written once, as a plan of effects (``_plans``): ``Client`` runs it with its blocking driver,
``AsyncClient`` with its event-loop one; only the requests differ, the SQLite steps between
them are the same code (they are short: one transaction per read chunk).

Steps, each resumable (``path=``: run ``plan`` again with the same arguments after a crash):

1. the label definitions of the pair of object types (``labels.list``), to resolve labels;
2. the desired rows, checked and resolved one by one, go into the plan file in one
   transaction (SQLite groups them by from-id on disk; memory stays flat) while their
   fingerprint is summed; a refused row is recorded as such;
3. the from-ids, in order, a chunk at a time (1,000 ids, at most ~50,000 desired rows):
   one ``batch.read`` (following every id's cursor), each id compared as soon as its
   associations are complete, its changes written; the chunk ends in one transaction that
   also records how far the reads have come;
4. the changes cut into chunks of 2,000 for ``apply``; with prune, the limit checked: more
   archives than ``max_prune`` (default: 10 % of the current associations of those from-ids)
   and the plan is ``refused`` (``PruneLimitError``), before anything is changed.
"""

from __future__ import annotations

import os
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Any, overload

from .. import _validation as check
from .._operations import Operations
from .._plans import Emit, EmitAll, Plan, Stream, forward, is_fatal
from ..batching import READ_CHUNK, BatchFailure
from ..errors import HubSpotError
from ..models import RecordAssociations
from .diff import KIND_CODE, DesiredRow, diff
from .planfile import READING, REFUSED, SyncPlan
from .rows import (
    Fingerprint,
    LabelBook,
    RowError,
    join,
    parse_row,
    split,
)
from .rows import (
    refused as refused_row,
)

if TYPE_CHECKING:
    from ..client import AsyncClient, Client

ROW_BUDGET = 50_000  # desired rows of one read chunk held in memory
_FLUSH = 10_000  # rows per executemany while ingesting
DEFAULT_PRUNE_SHARE = 0.10


class SyncError(HubSpotError):
    """Base of the errors of ``plan`` and ``apply`` that are not HubSpot's answers."""


class PruneLimitError(SyncError):
    """Prune would archive more pairs than ``max_prune``: the plan is refused (``.plan``)."""

    def __init__(self, message: str, plan: SyncPlan, archive: int, limit: int) -> None:
        super().__init__(message)
        self.plan = plan
        self.archive = archive
        self.limit = limit


def read(
    ops: Operations,
    from_type: str,
    to_type: str,
    ids: Iterable[str],
    each: Callable[[RecordAssociations], None],
) -> Plan[list[BatchFailure[str]]]:
    """``batch.read`` of ``ids`` (every cursor followed), ``each`` called with every id's
    associations once complete; the ids that could not be read. A fatal error (401, 403,
    daily limit) is raised: nothing further could be read."""
    state, stream = ops.batch_read(from_type, to_type, ids)
    yield from _drain(stream, each)
    for failure in state.errors:
        if failure.error is not None and is_fatal(failure.error):
            raise failure.error
    return state.errors


def _drain(
    stream: Stream[RecordAssociations],
    each: Callable[[RecordAssociations], None],
) -> Plan[None]:
    """Run a stream inside a plan: its effects passed on, its items handed to ``each``."""
    reply: Any = None
    thrown: BaseException | None = None
    try:
        while True:
            try:
                effect = stream.send(reply) if thrown is None else stream.throw(thrown)
            except StopIteration:
                return
            reply = thrown = None
            if isinstance(effect, Emit):
                each(effect.item)
            elif isinstance(effect, EmitAll):
                for item in effect.items:
                    each(item)
            else:
                try:
                    reply = yield from forward(effect)
                except GeneratorExit:
                    raise
                except BaseException as exc:  # thrown into the stream at its yield
                    thrown = exc
    finally:
        stream.close()


def _ingest(plan: SyncPlan, desired: Iterable[Any], book: LabelBook) -> Fingerprint:
    """Every desired row into the plan file (refused ones recorded), in the caller's
    transaction; the rows' fingerprint."""
    digest = Fingerprint()
    add, pending, size = digest.add, digest.pending, digest.SIZE
    keys = book.keys
    rows: list[tuple[str, str | None, str | None]] = []
    refused: list[tuple[int | None, str, str, str]] = []
    for index, row in enumerate(desired):
        try:
            parsed = parse_row(row, index)
        except RowError as exc:
            add(refused_row(row))
            _refuse(index, row, exc, rows, refused)
        else:
            add(parsed)
            try:
                rows.append((parsed[0], parsed[1], keys(parsed)))
            except RowError as exc:
                _refuse(index, row, exc, rows, refused)
        if len(pending) >= size:
            digest.flush()
        if len(rows) >= _FLUSH:
            plan._add_desired(rows)
            rows.clear()
        if len(refused) >= _FLUSH:
            plan._add_refused(refused)
            refused.clear()
    plan._add_desired(rows)
    plan._add_refused(refused)
    return digest


def _refuse(
    index: int,
    row: Any,
    exc: RowError,
    rows: list[tuple[str, str | None, str | None]],
    refused: list[tuple[int | None, str, str, str]],
) -> None:
    """Record a refused row; hold its pair (or its from-id, from pruning) as it is."""
    refused.append((index, repr(row)[:1000], exc.category, exc.message))
    if exc.from_id is not None:
        rows.append((exc.from_id, exc.to_id, None))


def _chunk_ids(plan: SyncPlan, after: str) -> list[str]:
    """The next from-ids to read: up to 1,000, and no more desired rows than ROW_BUDGET
    (at least one id, however many rows it has)."""
    ids: list[str] = []
    total = 0
    for from_id, count in plan._from_ids(after, READ_CHUNK):
        if ids and total + count > ROW_BUDGET:
            break
        ids.append(from_id)
        total += count
    return ids


def _read_chunk(ops: Operations, plan: SyncPlan, ids: list[str]) -> Plan[None]:
    """Read, compare and record one chunk of from-ids, in one transaction. Time spent
    comparing (loading the desired rows, diffing, writing) is told apart from the rest, the
    batch reads (requests, answers decoded and gathered by ``batch.read``)."""
    started = time.perf_counter()
    book = plan.labels
    prune = plan.prune
    labels_of: dict[str, frozenset[str]] = {}
    wanted: dict[str, list[DesiredRow]] = {}
    for from_id, to_id, labels in plan._desired_of(ids[0], ids[-1]):
        if labels is not None and (keys := labels_of.get(labels)) is None:
            keys = labels_of[labels] = split(labels)
        wanted.setdefault(from_id, []).append((to_id, None if labels is None else keys))
    current = 0
    kept: dict[int, tuple[Any, frozenset[str]]] = {}  # id of an interned types tuple -> keys
    changes: list[tuple[int, str, str, str]] = []
    comparing = time.perf_counter() - started

    def compare(record: RecordAssociations) -> None:
        nonlocal current, comparing
        began = time.perf_counter()
        have: dict[str, frozenset[str]] = {}
        for association in record.associations:
            types = association.types
            found = kept.get(id(types))
            if found is None:  # the tuple is kept alive with its keys: its id stays its own
                found = kept[id(types)] = (types, book.current_keys(types))
            have[association.to_id] = found[1]
        current += len(have)
        from_id = record.from_id
        for kind, to_id, keys in diff(
            wanted.pop(from_id, ()), have, prune=prune, default=book.default
        ):
            changes.append((KIND_CODE[kind], from_id, to_id, join(keys)))
        if len(changes) >= _FLUSH:
            plan._add_changes(changes)
            changes.clear()
        comparing += time.perf_counter() - began

    plan._begin()
    try:
        failed = yield from read(ops, plan.from_type, plan.to_type, ids, compare)
        began = time.perf_counter()
        plan._add_changes(changes)
        refused = [
            (None, from_id, f.category, f"the current associations of {from_id} could not be "
             f"read ({f.message}); its {len(wanted.get(from_id, ()))} desired row(s) "
             "make no change")
            for f in failed for from_id in f.inputs
        ]  # fmt: skip
        plan._add_refused(refused)
        done = time.perf_counter()
        comparing += done - began
        plan._set(
            read_through=ids[-1],
            current=plan._meta.get("current", 0) + current,
            seconds=_add(plan, reads=done - started - comparing, compare=comparing),
        )
        plan._commit()
    except BaseException:
        plan._rollback()
        raise


def _steps(
    ops: Operations,
    plan: SyncPlan,
    desired: Iterable[Any],
    params: dict[str, Any],
) -> Plan[SyncPlan]:
    resuming = plan.status == READING and all(plan._meta.get(k) == v for k, v in params.items())
    if not resuming:
        if plan._applying():
            raise SyncError(
                f"{plan.path} holds a plan that is being applied: finish it with apply, "
                "or plan into another file"
            )
        plan._reset(**params)
        started = time.perf_counter()
        definitions = yield from ops.labels_list(params["from_type"], params["to_type"])
        plan._set(
            definitions=[list(vars(d).values()) for d in definitions],
            seconds=_add(plan, labels=time.perf_counter() - started),
        )
    _take_in(plan, desired, params, resuming)
    while ids := _chunk_ids(plan, plan._meta["read_through"]):
        yield from _read_chunk(ops, plan, ids)
    return _finish(plan, params)


def _take_in(
    plan: SyncPlan, desired: Iterable[Any], params: dict[str, Any], resuming: bool
) -> None:
    """Read the rows once, into the plan file, in one transaction. Resuming, they are compared
    as they go in (rows given as a generator cannot be read twice): the same rows as the
    interrupted plan's and what went in is rolled back, so its reads go on where they stopped;
    other rows and they are a new plan (with the label definitions read for the interrupted
    one), read from the start."""
    started = time.perf_counter()
    plan._begin()
    try:
        if resuming:
            plan._savepoint()
            plan._clear_planning()
        digest = _ingest(plan, desired, plan.labels)
        if resuming and digest.hexdigest() == plan._meta.get("rows_fingerprint"):
            plan._rollback_to_savepoint()
            plan._commit()
            return
        from_ids = plan._group_desired()
        spent = _add(plan, ingest=time.perf_counter() - started)
        if resuming:  # a new plan: its time starts now, its reads from the first from-id
            spent = {"labels": spent.get("labels", 0.0), "ingest": spent["ingest"]}
        plan._set(
            rows=digest.rows,
            rows_fingerprint=digest.hexdigest(),
            fingerprint=_fingerprint(digest.hexdigest(), params),
            from_ids=from_ids,
            read_through="",
            current=0,
            status=READING,
            seconds=spent,
            **({"created": time.time()} if resuming else {}),
        )
        plan._commit()
    except BaseException:
        plan._rollback()
        raise


def _add(plan: SyncPlan, **seconds: float) -> dict[str, float]:
    """The plan's time per step (``SyncPlan.seconds``), these added."""
    spent = dict(plan._meta.get("seconds", {}))
    for step, value in seconds.items():
        spent[step] = spent.get(step, 0.0) + value
    return spent


def _fingerprint(rows: str, params: dict[str, Any]) -> str:
    return f"{rows}/{params['from_type']}/{params['to_type']}/prune={params['prune']}"


def _finish(plan: SyncPlan, params: dict[str, Any]) -> SyncPlan:
    current = int(plan._meta.get("current", 0))
    limit: int | None = None
    if params["prune"]:
        given = params["max_prune"]
        limit = given if given is not None else int(current * DEFAULT_PRUNE_SHARE)
    started = time.perf_counter()
    plan._finish(limit)
    plan._set(seconds=_add(plan, finish=time.perf_counter() - started))
    if plan.status == REFUSED:
        archive = plan.counts.archive
        assert limit is not None
        how = "given" if params["max_prune"] is not None else "10 % of them, the default"
        raise PruneLimitError(
            f"prune would archive {archive} of the {current} current association(s) of the "
            f"{plan._meta.get('from_ids', 0)} from-id(s) in the desired set, more than "
            f"max_prune={limit} ({how}): nothing was changed, and this plan cannot be applied. "
            f"If the desired set is complete, plan again with max_prune={archive} or more "
            f"(plan file: {plan.path})",
            plan,
            archive,
            limit,
        )
    return plan


def _open(path: str | os.PathLike[str] | None) -> SyncPlan:
    if path is None:
        return SyncPlan.temporary()
    return SyncPlan(path)


@overload
def plan(
    client: Client,
    from_type: str,
    to_type: str,
    desired: Iterable[Any],
    *,
    prune: bool = False,
    max_prune: int | None = None,
    path: str | os.PathLike[str] | None = None,
) -> SyncPlan: ...


@overload
def plan(
    client: AsyncClient,
    from_type: str,
    to_type: str,
    desired: Iterable[Any],
    *,
    prune: bool = False,
    max_prune: int | None = None,
    path: str | os.PathLike[str] | None = None,
) -> Awaitable[SyncPlan]: ...


def plan(
    client: Client | AsyncClient,
    from_type: str,
    to_type: str,
    desired: Iterable[Any],
    *,
    prune: bool = False,
    max_prune: int | None = None,
    path: str | os.PathLike[str] | None = None,
) -> SyncPlan | Awaitable[SyncPlan]:
    """Plan the changes that make the associations of ``from_type`` records to ``to_type``
    records what ``desired`` says (``await`` it with an ``AsyncClient``).

    ``desired`` is an iterable of ``(from_id, to_id)`` or ``(from_id, to_id, labels)`` rows
    (``rows``), read once, lazily; it need not fit in memory. Only the from-ids it holds are
    read and changed. ``prune=True`` also plans to archive their associations it does not
    hold, at most ``max_prune`` of them (default: 10 % of their current associations; more
    raises ``PruneLimitError``). ``path``: where the plan file is written (default: a
    temporary file); running ``plan`` again with the same arguments and path after a crash
    continues where it stopped. Nothing is changed in HubSpot: ``apply`` does that.
    """
    check.object_type(from_type, "from_type")
    check.object_type(to_type, "to_type")
    if not isinstance(prune, bool):
        raise TypeError("prune must be a bool")
    if max_prune is not None:
        check.integer(max_prune, "max_prune", low=0, high=2**62)
    if isinstance(desired, (str, bytes)) or not isinstance(desired, Iterable):
        raise TypeError(f"desired must be an iterable of rows, got {type(desired).__name__}")
    params = {
        "from_type": from_type,
        "to_type": to_type,
        "prune": prune,
        "max_prune": max_prune,
        "version": client.version,
    }
    ops = client._settings.operations
    ops.labels_list(from_type, to_type)  # UnsupportedOperation now, not mid-way
    return client._run(_steps(ops, _open(path), desired, params))
