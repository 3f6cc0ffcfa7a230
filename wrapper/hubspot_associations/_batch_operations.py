"""The plans of the batch operations, shared by the sync and async clients (see ``_plans``).

A batch reads its inputs lazily, sends them in chunks at HubSpot's caps with at most
``max_concurrency`` chunks in flight, and accounts for every input exactly once (``batching``);
batch read streams one ``RecordAssociations`` per id (``pagination``).
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Sized
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from . import _validation as check
from ._accounting import Keys, account
from ._plans import (
    Call,
    Emit,
    EmitAll,
    Handle,
    Plan,
    Stream,
    cancel,
    emit,
    forward,
    is_fatal,
    logger,
    request,
    spawn,
    wait,
)
from ._retry import RetryPolicy
from .batching import (
    KEEP_ALL,
    READ_CHUNK,
    WRITE_CHUNK,
    BatchFailure,
    BatchResult,
    ChunkResult,
    Progress,
    chunk_failure,
    chunked,
    interrupted,
    interrupted_chunk,
    invalid_input,
    keep_mode,
    partial_result,
)
from .errors import (
    HubSpotError,
)
from .literals import Keep
from .models import (
    AssociationInput,
    AssociationLimit,
    AssociationType,
    CreatedAssociation,
    LimitInput,
    Pair,
    RecordAssociations,
    parse_default,
    parse_labels_pair,
    parse_limit,
    to_association_input,
    to_association_type,
    to_limit_input,
    to_pair,
)
from .pagination import (
    BatchReadState,
    decode_read_page,
)
from .versions import ApiVersion

I = TypeVar("I")  # noqa: E741
R = TypeVar("R")
T = TypeVar("T")


def _source(values: Any, argument: str) -> tuple[Iterator[Any], int | None]:
    """The inputs as an iterator, read lazily, and their number when known; a value that is
    not an iterable of inputs at all raises now."""
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Iterable):
        raise TypeError(f"{argument} must be an iterable of inputs, got {type(values).__name__}")
    return iter(values), len(values) if isinstance(values, Sized) else None


def _convert(
    raw: Sequence[Any], offset: int, argument: str, convert: Callable[[Any, str], T]
) -> tuple[list[Any], list[T], list[BatchFailure[Any]]]:
    """(every input of the chunk as reported, the valid ones, one failure per invalid one)."""
    reported: list[Any] = []
    valid: list[T] = []
    invalid: list[BatchFailure[Any]] = []
    for i, value in enumerate(raw, offset):
        try:
            item = convert(value, f"{argument}[{i}]")
        except (TypeError, ValueError) as exc:
            invalid.append(invalid_input(value, exc))
            reported.append(value)
        else:
            valid.append(item)
            reported.append(item)
    return reported, valid, invalid


def _pair_wire(item: Pair) -> dict[str, Any]:
    return {"from": {"id": item.from_id}, "to": {"id": item.to_id}}


def _labelled_wire(item: AssociationInput) -> dict[str, Any]:
    return {
        "from": {"id": item.from_id},
        "to": {"id": item.to_id},
        "types": [t.to_wire() for t in item.types],
    }


def _archive_wire(item: Pair) -> dict[str, Any]:
    return {"from": {"id": item.from_id}, "to": [{"id": item.to_id}]}


def _limit_wire(item: LimitInput) -> dict[str, Any]:
    return {
        "category": item.category,
        "typeId": item.type_id,
        "maxToObjectIds": item.max_to_object_ids,
    }


def _pair_keys(item: Pair | AssociationInput | CreatedAssociation) -> Keys:
    return (item.from_id, item.to_id)


def _type_keys(item: LimitInput | AssociationType | AssociationLimit) -> Keys:
    return (str(item.type_id), None)


def _results(body: Any) -> list[Any]:
    results = body.get("results") if isinstance(body, Mapping) else None
    return [r for r in results if isinstance(r, Mapping)] if isinstance(results, list) else []


def _each(parse: Callable[[Any], R]) -> Callable[[Any, Sequence[Any]], list[R]]:
    return lambda body, chunk: [parse(r) for r in _results(body)]


def _type_wire(item: AssociationType) -> dict[str, Any]:
    return {"category": item.category, "typeId": item.type_id}


def _no_results(body: Any, chunk: Sequence[Any]) -> list[Any]:
    return []


def _parse_created(body: Any, chunk: Sequence[AssociationInput]) -> list[CreatedAssociation]:
    """Created pairs, with the types that were asked for (HubSpot answers with labels only)."""
    types = {(i.from_id, i.to_id): i.types for i in chunk}
    made = [parse_labels_pair(r) for r in _results(body)]
    return [
        CreatedAssociation(m.from_id, m.to_id, types.get((m.from_id, m.to_id), ()), m.labels)
        for m in made
    ]


@dataclass(frozen=True)
class BatchKind(Generic[I, R]):
    """What differs between batch operations: inputs, wire shape, error keys, results."""

    operation: str
    argument: str
    convert: Callable[[Any, str], I]
    to_wire: Callable[[I], Any]
    keys: Callable[[I], Keys]
    parse: Callable[[Any, Sequence[I]], list[R]]
    # The input a result is about (see ``_accounting.account``); None: no result per input.
    result_key: Callable[[R], Keys] | None = None


CREATE: BatchKind[AssociationInput, CreatedAssociation] = BatchKind(
    "batch_create", "inputs", to_association_input, _labelled_wire, _pair_keys, _parse_created,
    _pair_keys,
)  # fmt: skip
ASSOCIATE_DEFAULT: BatchKind[Pair, CreatedAssociation] = BatchKind(
    "batch_associate_default", "pairs", to_pair, _pair_wire, _pair_keys, _each(parse_default),
    _pair_keys,
)  # fmt: skip
ARCHIVE: BatchKind[Pair, object] = BatchKind(
    "batch_archive", "pairs", to_pair, _archive_wire, _pair_keys, _no_results
)
ARCHIVE_LABELS: BatchKind[AssociationInput, object] = BatchKind(
    "batch_archive_labels", "inputs", to_association_input, _labelled_wire, _pair_keys, _no_results
)
LIMITS_CREATE: BatchKind[LimitInput, AssociationLimit] = BatchKind(
    "limits_batch_create", "inputs", to_limit_input, _limit_wire, _type_keys, _each(parse_limit),
    _type_keys,
)  # fmt: skip
LIMITS_UPDATE: BatchKind[LimitInput, AssociationLimit] = BatchKind(
    "limits_batch_update", "inputs", to_limit_input, _limit_wire, _type_keys, _each(parse_limit),
    _type_keys,
)  # fmt: skip
LIMITS_PURGE: BatchKind[AssociationType, object] = BatchKind(
    "limits_batch_purge", "types", to_association_type, _type_wire, _type_keys, _no_results
)


@dataclass
class _Flight:
    """A chunk of a batch stream once read: where it is, and whether its request has
    started (then it may have been applied)."""

    index: int
    offset: int
    raw: Sequence[Any]
    started: bool = False


class BatchOperations:
    """Builds the batch plans of one client (its version and retry policy); ``Operations``
    adds the others."""

    def __init__(self, version: ApiVersion, policy: RetryPolicy) -> None:
        self.version = version
        self.policy = policy

    def _call(self, operation: str, args: Mapping[str, Any], body: Any = None) -> Call:
        self.version.facts(operation)  # UnsupportedOperation now, not mid-way
        return Call(operation, args, body)

    def _batch_path(self, operation: str, from_type: Any, to_type: Any) -> dict[str, str]:
        args = {
            "from_object_type": check.object_type(from_type, "from_type"),
            "to_object_type": check.object_type(to_type, "to_type"),
        }
        self._call(operation, args)
        return args

    def batch_read(
        self, from_type: Any, to_type: Any, ids: Any
    ) -> tuple[BatchReadState, Stream[RecordAssociations]]:
        args = self._batch_path("batch_read", from_type, to_type)
        source, _ = _source(ids, "ids")
        state = BatchReadState(source, READ_CHUNK, check.record_id)
        return state, self._batch_read(args, state)

    def _batch_read(
        self, args: Mapping[str, str], state: BatchReadState
    ) -> Stream[RecordAssociations]:
        while chunk := state.next_chunk():
            call = Call("batch_read", args, state.body(chunk), decode_read_page)
            try:
                answer = yield from request(call, self.policy)
            except HubSpotError as exc:
                state.on_failure(chunk, exc)
                if is_fatal(exc):
                    state.fail_rest(exc)
                continue
            done = state.on_answer(chunk, answer.body)
            del answer  # the answer's bytes go before the next one arrives
            for item in done:
                yield from emit(item)
            del done

    def batch(
        self,
        kind: BatchKind[I, R],
        from_type: Any,
        to_type: Any,
        values: Any,
        on_progress: Progress | None = None,
        max_concurrency: int = 1,
        keep: Keep = KEEP_ALL,  # checked at run time too (keep_mode): callers may not type-check
    ) -> Plan[BatchResult[I, R]]:
        """Check now; the plan runs ``batch_stream`` and folds its chunks into one result."""
        result: BatchResult[I, R] = BatchResult(keep_mode(keep))
        return self._fold(
            self.batch_stream(kind, from_type, to_type, values, on_progress, max_concurrency),
            result,
        )

    @staticmethod
    def _fold(
        stream: Stream[ChunkResult[I, R]], result: BatchResult[I, R]
    ) -> Plan[BatchResult[I, R]]:
        """Fold the stream's chunks into ``result``. An exception performing an effect is
        passed on to the stream (which accounts for its chunks in flight); whatever stops
        the stream leaves with the result of every chunk accounted for (``interrupted``)."""
        reply: Any = None
        thrown: BaseException | None = None
        try:
            while True:
                try:
                    effect = stream.send(reply) if thrown is None else stream.throw(thrown)
                except StopIteration:
                    return result
                reply = thrown = None
                if isinstance(effect, Emit):
                    result.add(effect.item)
                elif isinstance(effect, EmitAll):
                    for item in effect.items:
                        result.add(item)
                else:
                    try:
                        reply = yield from forward(effect)
                    except GeneratorExit:
                        raise
                    except BaseException as exc:
                        thrown = exc
        except GeneratorExit:
            stream.close()
            raise
        except BaseException as exc:
            partial = partial_result(exc, chain=False)  # the stream's chunks not emitted
            if partial is not None:
                result.merge(partial)
            raise interrupted(exc, result, fresh=False)  # noqa: B904 - its cause is set

    def batch_stream(
        self,
        kind: BatchKind[I, R],
        from_type: Any,
        to_type: Any,
        values: Any,
        on_progress: Progress | None = None,
        max_concurrency: int = 1,
    ) -> Stream[ChunkResult[I, R]]:
        """Check the arguments now; the stream reads ``values`` chunk by chunk, keeps at most
        ``max_concurrency`` chunks in flight and emits one ``ChunkResult`` per chunk, in input
        order."""
        args = self._batch_path(kind.operation, from_type, to_type)
        source, size = _source(values, kind.argument)
        return self._batch_stream(kind, args, source, size, on_progress, max(1, max_concurrency))

    def _batch_stream(
        self,
        kind: BatchKind[I, R],
        args: Mapping[str, Any],
        source: Iterator[Any],
        size: int | None,
        on_progress: Progress | None,
        max_concurrency: int,
    ) -> Stream[ChunkResult[I, R]]:
        """Chunks in input order. If anything stops it (an exception performing an effect,
        from ``on_progress`` or from ``source``), the chunks in flight are cancelled and
        accounted for, and it raises ``interrupted(...)`` with the chunks it had not emitted
        (see ``batching``). Closed early, it logs the chunks it had in flight (the driver
        cancels them)."""
        fatal: list[HubSpotError] = []
        in_flight: deque[tuple[_Flight, Handle[ChunkResult[I, R]]]] = deque()
        spawning: _Flight | None = None
        ready: ChunkResult[I, R] | None = None  # answered, not emitted yet
        read = done = 0
        try:
            # After the last chunk, a None: nothing more to send, every chunk in flight is due.
            for index, raw in enumerate(itertools.chain(chunked(source, WRITE_CHUNK), [None])):
                if raw is not None:
                    offset, read = read, read + len(raw)
                    spawning = _Flight(index, offset, raw)
                    handle = yield from spawn(self._chunk(kind, args, spawning, fatal))
                    in_flight.append((spawning, handle))
                    spawning = None
                # The first chunk goes alone: its answer's rate-limit headers tell the limiter
                # the account's limit before max_concurrency chunks leave at once.
                room = 0 if raw is None else max_concurrency if index else 1
                while in_flight and len(in_flight) >= room:
                    ready = yield from wait(in_flight[0][1])
                    in_flight.popleft()
                    done += len(ready.inputs)
                    if on_progress is not None:
                        on_progress(done, size)
                    chunk, ready = ready, None
                    yield from emit(chunk)
        except GeneratorExit:
            if in_flight:
                first, last = in_flight[0][0], in_flight[-1][0]
                logger.warning(
                    "batch stream closed with %d chunk(s) in flight (inputs %d to %d): "
                    "cancelled; they may have been applied",
                    len(in_flight),
                    first.offset,
                    last.offset + len(last.raw) - 1,
                )
            raise
        except BaseException as exc:
            stopped: BaseException = exc
            flights = [f for f, _ in in_flight] + ([spawning] if spawning is not None else [])
            handles = [h for _, h in in_flight]
            outcomes: list[ChunkResult[I, R] | None] = [None] * len(flights)
            if handles:
                try:
                    outcomes[: len(handles)] = yield from cancel(handles)
                except GeneratorExit:
                    raise
                except BaseException as again:  # cancelled again while waiting for them
                    stopped = again
            partial: BatchResult[I, R] = BatchResult(KEEP_ALL)
            if ready is not None:
                partial.add(ready)
            # Chunks never sent after the last one that was are left out; one never sent
            # before it (cancelled before its first step while a later one went) is a
            # failure, so the result still covers a prefix of the inputs, each once.
            pairs = list(zip(flights, outcomes, strict=True))
            while pairs and not (pairs[-1][0].started or isinstance(pairs[-1][1], ChunkResult)):
                pairs.pop()
            for flight, outcome in pairs:
                if isinstance(outcome, ChunkResult):
                    partial.add(outcome)
                else:
                    partial.add(self._interrupted_chunk(kind, flight))
            raise interrupted(stopped, partial)  # noqa: B904 - its cause is set

    @staticmethod
    def _interrupted_chunk(kind: BatchKind[I, R], flight: _Flight) -> ChunkResult[I, R]:
        reported, items, invalid = _convert(flight.raw, flight.offset, kind.argument, kind.convert)
        return interrupted_chunk(
            flight.index, flight.offset, reported, items, invalid, sent=flight.started
        )

    def _chunk(
        self,
        kind: BatchKind[I, R],
        args: Mapping[str, Any],
        flight: _Flight,
        fatal: list[HubSpotError],
    ) -> Plan[ChunkResult[I, R]]:
        """One chunk: validate its inputs, send the valid ones (unless an earlier chunk hit
        401/403/DAILY), and account for every input."""
        index, offset, raw = flight.index, flight.offset, flight.raw
        reported, items, failures = _convert(raw, offset, kind.argument, kind.convert)
        succeeded: list[I] = []
        results: list[R] = []
        if items and fatal:
            failures.extend(chunk_failure(items, fatal[0], sent=False))
        elif items:
            call = Call(kind.operation, args, {"inputs": [kind.to_wire(item) for item in items]})
            flight.started = True
            try:
                answer = yield from request(call, self.policy)
            except HubSpotError as exc:
                if is_fatal(exc):
                    fatal.append(exc)
                failures.extend(chunk_failure(items, exc))
            else:
                body = answer.body
                parsed = kind.parse(body, items)
                succeeded, answered, results = account(
                    items, body, kind.keys, parsed, kind.result_key
                )
                failures.extend(answered)
        return ChunkResult(
            index, offset, tuple(reported), tuple(succeeded), tuple(failures), tuple(results)
        )
