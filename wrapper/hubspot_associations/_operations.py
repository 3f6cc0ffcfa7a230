"""Every public operation as a plan (see ``_base``), shared by the sync and async clients.

Each method validates its arguments at call time (so bad input fails before any request,
even for lazy iterators) and returns a plan or stream that the client's driver runs.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Sized
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar

from . import _validation as check
from ._accounting import Keys, account, body_errors
from ._base import (
    Call,
    Emit,
    EmitAll,
    Handle,
    Plan,
    Stream,
    cancel,
    emit,
    emit_all,
    fetch,
    forward,
    is_fatal,
    logger,
    nothing,
    request,
    spawn,
    wait,
)
from ._retry import RetryPolicy
from ._wire import error_context, error_sub_category, is_no_associations
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
    FAILED,
    MAX_MESSAGE,
    APIStatusError,
    HubSpotError,
    MalformedResponseError,
    error_from_response,
)
from .literals import Keep
from .models import (
    Association,
    AssociationInput,
    AssociationLimit,
    AssociationType,
    CreatedAssociation,
    HighUsageReport,
    LabelDefinition,
    LimitInput,
    Pair,
    Record,
    RecordAssociations,
    parse_association,
    parse_default,
    parse_label_definition,
    parse_labels_pair,
    parse_limit,
    parse_record,
    parse_report,
    to_association_input,
    to_association_type,
    to_limit_input,
    to_pair,
    to_types,
)
from .pagination import (
    Associations,
    BatchReadState,
    CursorPager,
    ListPage,
    cycle_error,
    decode_list_page,
    decode_read_page,
    next_cursor,
)
from .versions import ApiVersion

I = TypeVar("I")  # noqa: E741
R = TypeVar("R")
T = TypeVar("T")

MAX_PAGE_SIZE = 500


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


def _raise_body_errors(body: Any) -> None:
    """Single-record calls answer with a batch body; an error in it is an error of the call."""
    errors = body_errors(body)
    if errors:
        first = errors[0]
        error = APIStatusError(
            first.message[:MAX_MESSAGE] or "the operation failed",
            status=200,
            category=first.category[:200],
            sub_category=first.sub_category,
            context={k: list(v) for k, v in first.context.items()},
            body=body,
        )
        error.outcome = FAILED  # HubSpot answered that it did not do it
        raise error


# What GET list answers where batch read reports a per-item error about the record.
_STATUS_OF_CATEGORY = {"OBJECT_NOT_FOUND": 404, "VALIDATION_ERROR": 400}


def _raise_record_error(body: Any, record: str) -> None:
    """Raise the per-item error of a batch-read answer that concerns ``record``, except
    "no associations", which is an empty result."""
    errors = body.get("errors") if isinstance(body, Mapping) else None
    for error in errors if isinstance(errors, list) else []:
        if not isinstance(error, Mapping):
            continue
        ids = {i for values in error_context(error.get("context")).values() for i in values}
        if record not in ids:
            continue
        if is_no_associations(error_sub_category(error.get("subCategory"))):
            return
        status = _STATUS_OF_CATEGORY.get(str(error.get("category")), 400)
        raise error_from_response(status, {}, json.dumps(error).encode())


# HubSpot's ids of its standard object types (custom objects are named by id, 2-<n>).
_TYPE_IDS = {
    "contact": "0-1", "company": "0-2", "deal": "0-3", "ticket": "0-5", "product": "0-7",
    "line_item": "0-8", "quote": "0-14", "task": "0-27", "note": "0-46", "meeting": "0-47",
    "call": "0-48", "email": "0-49",
}  # fmt: skip
_TYPE_IDS |= {("companies" if n == "company" else n + "s"): i for n, i in _TYPE_IDS.items()}


def _type_id(object_type: str) -> str | None:
    """``0-1`` stays; ``contacts``/``CONTACT`` -> ``0-1``; other names -> None."""
    if re.fullmatch(r"\d+-\d+", object_type):
        return object_type
    return _TYPE_IDS.get(object_type.lower())


def _with_object_types(
    found: list[LabelDefinition], from_type: str, to_type: str
) -> list[LabelDefinition]:
    """Versions whose label definitions leave out the object type ids (2025-09, 2026-09)
    get them from the request, when it named the types by id or by a standard object's
    name, so every version gives the same ``LabelDefinition``s."""
    ids = (_type_id(from_type), _type_id(to_type))
    return [
        replace(
            d,
            from_object_type_id=d.from_object_type_id or ids[0],
            to_object_type_id=d.to_object_type_id or ids[1],
        )
        for d in found
    ]


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_") or "label"


def _list_of(parse: Callable[[Any], T]) -> Callable[[Any], list[T]]:
    """A parser of a ``{"results": [...]}`` body: each result parsed."""
    return lambda body: [parse(r) for r in _results(body)]


def _about(made: list[CreatedAssociation], frm: str, to: str) -> list[CreatedAssociation]:
    """The results about the pair asked for (either direction); an answer with none does not
    say it was made: ``MalformedResponseError``, outcome unknown (it may have been)."""
    mine = [m for m in made if (m.from_id, m.to_id) in ((frm, to), (to, frm))]
    if not mine:
        named = ", ".join(f"{m.from_id}->{m.to_id}" for m in made[:3]) or "nothing"
        raise MalformedResponseError(
            f"the answer does not mention the association {frm}->{to} (it names {named}): "
            "it may have been made",
            status=200,
            category="UNACCOUNTED",
        )
    return mine


def _created_default(body: Any, frm: str, to: str) -> CreatedAssociation:
    _raise_body_errors(body)
    made = _about([parse_default(r) for r in _results(body)], frm, to)
    types = tuple(t for m in made if m.from_id == frm for t in m.types)
    return CreatedAssociation(frm, to, types or tuple(t for m in made for t in m.types))


def _created_labelled(
    body: Any, frm: str, to: str, specs: tuple[AssociationType, ...]
) -> CreatedAssociation:
    (made,) = _about([parse_labels_pair(body)], frm, to)
    return CreatedAssociation(frm, to, specs, made.labels)


def _label_definitions(body: Any, from_type: str, to_type: str) -> list[LabelDefinition]:
    found = [parse_label_definition(r) for r in _results(body)]
    return _with_object_types(found, from_type, to_type)


@dataclass
class _Flight:
    """A chunk of a batch stream once read: where it is, and whether its request has
    started (then it may have been applied)."""

    index: int
    offset: int
    raw: Sequence[Any]
    started: bool = False


class Operations:
    """Builds the plans of one client (its version and retry policy)."""

    def __init__(self, version: ApiVersion, policy: RetryPolicy) -> None:
        self.version = version
        self.policy = policy

    def _call(self, operation: str, args: Mapping[str, Any], body: Any = None) -> Call:
        self.version.facts(operation)  # UnsupportedOperation now, not mid-way
        return Call(operation, args, body)

    # --- records -----------------------------------------------------------------------

    def records_list(
        self, object_type: Any, object_id: Any, to_object_type: Any, page_size: Any
    ) -> Stream[Association]:
        args = {
            "object_type": check.object_type(object_type, "object_type"),
            "object_id": check.record_id(object_id, "object_id"),
            "to_object_type": check.object_type(to_object_type, "to_object_type"),
            "limit": check.integer(page_size, "page_size", low=1, high=MAX_PAGE_SIZE),
        }
        if not self.version.has("list") and self.version.has("batch_read"):
            return self._list_by_batch_read(args)
        self._call("list", args)
        return self._list(args)

    def _list(self, args: Mapping[str, Any]) -> Stream[Association]:
        """Pages decoded compactly (like batch read), handed out a page at a time."""
        pager = CursorPager()
        build = Associations()
        while not pager.done:
            query = {**args, **({"after": pager.after} if pager.after else {})}
            answer = yield from request(Call("list", query, None, decode_list_page), self.policy)
            body = answer.body
            del answer
            if isinstance(body, ListPage):
                items = build.page(pager, body)
            else:
                items = [parse_association(wire) for wire in pager.advance(body)]
            yield from emit_all(items)

    def _list_by_batch_read(self, args: Mapping[str, Any]) -> Stream[Association]:
        """``records.list`` where the version has no GET list (2026-09): batch read of the
        one record, following its cursor; the same ``Association``s, page by page (the page
        size is the server's). An unknown record fails as the GET list would."""
        record = args["object_id"]
        path = {"from_object_type": args["object_type"], "to_object_type": args["to_object_type"]}
        after: str | None = None
        seen: set[str] = set()
        pages = 0
        while True:
            wanted = {"id": record, **({"after": after} if after else {})}
            call = Call("batch_read", path, {"inputs": [wanted]})
            answer = yield from request(call, self.policy)
            pages += 1
            after = None
            found: list[Any] = []
            for result in _results(answer.body):
                source = result.get("from")
                if not isinstance(source, Mapping) or str(source.get("id")) != record:
                    continue
                targets = result.get("to")
                found.extend(w for w in (targets if isinstance(targets, list) else []))
                after = next_cursor(result)
            _raise_record_error(answer.body, record)
            if after is not None and after in seen:  # it would page forever
                raise cycle_error(after, pages)
            for wire in found:
                if isinstance(wire, Mapping):
                    yield from emit(parse_association(wire))
            if after is None:
                return
            seen.add(after)

    def search(
        self,
        object_type: Any,
        query: str | None,
        filter_groups: Sequence[Mapping[str, Any]],
        properties: Sequence[str],
        sorts: Sequence[str],
        page_size: int,
    ) -> Stream[Record]:
        args = {"object_type": check.object_type(object_type, "object_type")}
        body: dict[str, Any] = {
            "filterGroups": [dict(g) for g in filter_groups],
            "properties": [check.text(p, "properties[]") for p in properties],
            "sorts": [check.text(s, "sorts[]") for s in sorts],
            "limit": check.integer(page_size, "page_size", low=1, high=200),
        }
        if query is not None:
            body["query"] = check.text(query, "query")
        self._call("search", args)
        return self._paged("search", args, lambda: body, parse_record, cursor_in_body=True)

    def _paged(
        self,
        operation: str,
        args: Mapping[str, Any],
        body: Callable[[], dict[str, Any]],
        parse: Callable[[Any], T],
        cursor_in_body: bool = False,
    ) -> Stream[T]:
        pager = CursorPager()
        while not pager.done:
            if cursor_in_body:
                call = Call(operation, args, {**body(), "after": pager.after or "0"})
            else:
                call = Call(operation, {**args, **({"after": pager.after} if pager.after else {})})
            answer = yield from request(call, self.policy)
            for wire in pager.advance(answer.body):
                yield from emit(parse(wire))

    def associate(
        self, from_type: Any, from_id: Any, to_type: Any, to_id: Any, types: Any
    ) -> Plan[CreatedAssociation]:
        frm = check.record_id(from_id, "from_id")
        to = check.record_id(to_id, "to_id")
        path = (check.object_type(from_type, "from_type"), check.object_type(to_type, "to_type"))
        if types is None:
            call = self._call(
                "create_default",
                {
                    "from_object_type": path[0],
                    "from_object_id": frm,
                    "to_object_type": path[1],
                    "to_object_id": to,
                },
            )
            return fetch(call, self.policy, lambda body: _created_default(body, frm, to))
        specs = to_types(types, "types")
        call = self._call(
            "create",
            {
                "object_type": path[0],
                "object_id": frm,
                "to_object_type": path[1],
                "to_object_id": to,
            },
            [t.to_wire() for t in specs],
        )
        return fetch(call, self.policy, lambda body: _created_labelled(body, frm, to, specs))

    def remove(self, from_type: Any, from_id: Any, to_type: Any, to_id: Any) -> Plan[None]:
        call = self._call(
            "archive",
            {
                "object_type": check.object_type(from_type, "from_type"),
                "object_id": check.record_id(from_id, "from_id"),
                "to_object_type": check.object_type(to_type, "to_type"),
                "to_object_id": check.record_id(to_id, "to_id"),
            },
        )
        return fetch(call, self.policy, nothing)

    # --- batches -----------------------------------------------------------------------

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
        window: int = 1,
        keep: Keep | str = KEEP_ALL,  # str until the resources' signatures say Keep
    ) -> Plan[BatchResult[I, R]]:
        """Check now; the plan runs ``batch_stream`` and folds its chunks into one result."""
        result: BatchResult[I, R] = BatchResult(keep_mode(keep))
        return self._fold(
            self.batch_stream(kind, from_type, to_type, values, on_progress, window), result
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
        window: int = 1,
    ) -> Stream[ChunkResult[I, R]]:
        """Check the arguments now; the stream reads ``values`` chunk by chunk, keeps at most
        ``window`` chunks in flight and emits one ``ChunkResult`` per chunk, in input order."""
        args = self._batch_path(kind.operation, from_type, to_type)
        source, size = _source(values, kind.argument)
        return self._batch_stream(kind, args, source, size, on_progress, max(1, window))

    def _batch_stream(
        self,
        kind: BatchKind[I, R],
        args: Mapping[str, Any],
        source: Iterator[Any],
        size: int | None,
        on_progress: Progress | None,
        window: int,
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
                # the account's limit before a window's worth of chunks leaves at once.
                room = 0 if raw is None else window if index else 1
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

    # --- label definitions ---------------------------------------------------------------

    def labels_list(self, from_type: Any, to_type: Any) -> Plan[list[LabelDefinition]]:
        args = self._batch_path("labels_list", from_type, to_type)
        return self._labels(Call("labels_list", args))

    def labels_create(
        self, from_type: Any, to_type: Any, label: Any, name: Any, inverse_label: Any
    ) -> Plan[list[LabelDefinition]]:
        args = self._batch_path("labels_create", from_type, to_type)
        body = {"label": check.text(label, "label")}
        body["name"] = _slug(label) if name is None else check.text(name, "name")
        if inverse_label is not None:
            body["inverseLabel"] = check.text(inverse_label, "inverse_label")
        return self._labels_create(args, body)

    def _labels_create(
        self, args: Mapping[str, Any], body: Mapping[str, Any]
    ) -> Plan[list[LabelDefinition]]:
        """Create a label. If an attempt's answer was lost and the retry hears "already
        exists", the lost attempt made it: answer with the label as it now exists."""
        try:
            return (yield from self._labels(Call("labels_create", args, body)))
        except APIStatusError as exc:
            if not exc.may_have_applied or not 400 <= (exc.status or 0) < 500:
                raise
            lost = exc
        frm, to = args["from_object_type"], args["to_object_type"]
        wanted = [(frm, to, body["label"])]
        if body.get("inverseLabel") is not None:
            wanted.append((to, frm, body["inverseLabel"]))
        found: list[LabelDefinition] = []
        for a, b, label in wanted:
            pair = {"from_object_type": a, "to_object_type": b}
            defined = yield from self._labels(Call("labels_list", pair))
            mine = [d for d in defined if d.label == label and d.category == "USER_DEFINED"]
            if len(mine) != 1:
                raise lost  # not (only) ours: the error stands
            found.extend(mine)
        return found

    def labels_update(
        self, from_type: Any, to_type: Any, type_id: Any, label: Any, inverse_label: Any
    ) -> Plan[None]:
        args = self._batch_path("labels_update", from_type, to_type)
        body: dict[str, Any] = {
            "associationTypeId": check.integer(type_id, "type_id", low=1),
            "label": check.text(label, "label"),
        }
        if inverse_label is not None:
            body["inverseLabel"] = check.text(inverse_label, "inverse_label")
        return fetch(Call("labels_update", args, body), self.policy, nothing)

    def labels_delete(self, from_type: Any, to_type: Any, type_id: Any) -> Plan[None]:
        args: dict[str, Any] = self._batch_path("labels_archive", from_type, to_type)
        args["association_type_id"] = check.integer(type_id, "type_id", low=1)
        return fetch(Call("labels_archive", args), self.policy, nothing)

    def _labels(self, call: Call) -> Plan[list[LabelDefinition]]:
        frm, to = call.args["from_object_type"], call.args["to_object_type"]
        return fetch(call, self.policy, lambda body: _label_definitions(body, frm, to))

    # --- limits ------------------------------------------------------------------------

    def limits_list(self, from_type: Any, to_type: Any) -> Plan[list[AssociationLimit]]:
        if from_type is None and to_type is None:
            return fetch(self._call("limits_list_all", {}), self.policy, _list_of(parse_limit))
        if from_type is None or to_type is None:
            raise ValueError("give both from_type and to_type, or neither (all limits)")
        args = self._batch_path("limits_list", from_type, to_type)
        return fetch(Call("limits_list", args), self.policy, _list_of(parse_limit))

    # --- reports -----------------------------------------------------------------------

    def high_usage(self, user_id: Any) -> Plan[HighUsageReport]:
        call = self._call(
            "high_usage_report", {"user_id": check.integer(user_id, "user_id", low=1)}
        )
        return fetch(call, self.policy, parse_report)
