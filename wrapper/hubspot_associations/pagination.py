"""Paging state machines, I/O-free.

- ``CursorPager``: ``after`` paging of list (GET ``?after=&limit=``) and search answers:
  each answer's ``paging.next.after`` is the next request's cursor, absent on the last page.
  A cursor that comes back (``a, b, a``, or one that does not move) would page forever:
  it raises ``PagingCycleError`` (batch read: that id fails with it).
- ``BatchReadState``: batch read with one cursor per input id. An id whose result carries
  ``paging.next.after`` is sent again with that cursor (before fresh ids) until done; its
  associations are gathered and handed out once complete. An id HubSpot answers with a
  ``NO_ASSOCIATIONS_FOUND`` error naming it has no associations: an empty result, not a
  failure. An id the answer leaves out (neither a result nor an error naming it) is not
  believed empty: it fails as ``UNACCOUNTED``, outcome unknown, like an unaccounted input of
  a batch write. Any other error, or a chunk failing as a whole, is a failure of that id.
  Every input id ends exactly once: emitted, or in ``errors``. Ids are read from the
  iterable lazily, as chunks need them; an id that fails validation is a failure of its own
  (``INVALID_INPUT``), never sent. Associations are kept only for ids still being paged.

Batch read answers are the big ones (1,000 ids x 500 associations = 500,000 items, ~50 MB of
JSON per answer), so they are decoded compactly: msgspec reads the answer into small typed
records, leaving each id's ``to`` list as a raw slice of the bytes that is decoded only when
that id is folded in (measured on such an answer: 0.35 s CPU and 2 MiB above the body,
against 1.2 s and 360 MiB for ``json.loads``; see the README). Association types are
interned, so a million associations of one type share one ``AssociationType``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Mapping, Sequence
from typing import Annotated, Any

import msgspec

from ._accounting import body_errors, tie_errors
from ._validation import INT32_MAX, RECORD_ID_MAX, is_record_id
from ._wire import is_no_associations, parse_json
from .batching import (
    READ_CHUNK,
    UNACCOUNTED,
    BatchFailure,
    chunk_failure,
    invalid_input,
    retryable_inputs,
    summarize,
)
from .errors import (
    UNKNOWN,
    BatchError,
    HubSpotError,
    MalformedResponseError,
    PagingCycleError,
)
from .models import Association, AssociationType, RecordAssociations, parse_association


def next_cursor(body: Any) -> str | None:
    paging = body.get("paging") if isinstance(body, Mapping) else None
    nxt = paging.get("next") if isinstance(paging, Mapping) else None
    after = nxt.get("after") if isinstance(nxt, Mapping) else None
    return None if after is None or after == "" else str(after)


def cycle_error(after: str, pages: int) -> PagingCycleError:
    return PagingCycleError(
        f"the paging cursor {after[:60]!r} came back after {pages} page(s): the pages would "
        "never end",
        status=200,
        category="PAGING_CYCLE",
    )


class CursorPager:
    """``after`` paging: call ``advance(body)`` with each answer until ``done``."""

    def __init__(self) -> None:
        self.after: str | None = None
        self.done = False
        self.pages = 0
        self._seen: set[str] = set()

    def advance(self, body: Any) -> list[Any]:
        """The items of one page; moves the cursor. ``PagingCycleError`` if it comes back."""
        self.pages += 1
        after = next_cursor(body)
        if after is not None and (after == self.after or after in self._seen):
            raise cycle_error(after, self.pages)
        if after is not None:
            self._seen.add(after)
        self.done = after is None
        self.after = after
        results = body.get("results") if isinstance(body, Mapping) else None
        return list(results) if isinstance(results, list) else []


# --- the compact shape of a batch read answer (unknown fields are skipped) -----------------
# The required fields are those ``answers.SHAPES`` requires: a body that does not decode into
# these falls back to a JSON tree, which ``answers.examine`` then refuses with its reason.


class _Id(msgspec.Struct):
    id: str | int


class _Next(msgspec.Struct):
    after: str | int | None = None


class _Paging(msgspec.Struct):
    next: _Next | None = None


class _Result(msgspec.Struct):
    from_: _Id = msgspec.field(name="from")
    to: msgspec.Raw = msgspec.Raw(b"[]")
    paging: _Paging | None = None


class ReadPage(msgspec.Struct):
    status: str
    results: list[_Result]
    errors: list[dict[str, Any]] = []


# Ids and type ids are held to the checks of inputs (``_validation``): ints by the decoder,
# id strings where the associations are built (a pattern here would triple the decode time).
_RecordInt = Annotated[int, msgspec.Meta(ge=0, le=RECORD_ID_MAX)]
_TypeId = Annotated[int, msgspec.Meta(ge=1, le=INT32_MAX)]


class _Type(msgspec.Struct):
    category: str
    typeId: _TypeId
    label: str | None = None


class _To(msgspec.Struct):
    toObjectId: str | _RecordInt
    associationTypes: msgspec.Raw = msgspec.Raw(b"[]")  # decoded once per distinct value


_TYPES = msgspec.json.Decoder(list[_Type])
_new_association = Association.__new__
# Slots are set through their descriptors: a frozen dataclass's __init__ costs ~3x more, and
# a million associations are built per million read.
_set_to_id = vars(Association)["to_id"].__set__
_set_types = vars(Association)["types"].__set__


_PAGE = msgspec.json.Decoder(ReadPage)
_TOS = msgspec.json.Decoder(list[_To])


def decode_read_page(content: bytes) -> Any:
    """A batch read answer as a ``ReadPage``; a body of another shape as a JSON tree (the
    generic path reads it), and None when it is not JSON at all."""
    try:
        return _PAGE.decode(content)
    except msgspec.ValidationError:
        return parse_json(content)
    except msgspec.DecodeError:
        return None


class ListPage(msgspec.Struct):
    results: list[_To]
    paging: _Paging | None = None


_LIST_PAGE = msgspec.json.Decoder(ListPage)


def decode_list_page(content: bytes) -> Any:
    """A list answer as a ``ListPage`` (else a JSON tree, or None when not JSON)."""
    try:
        return _LIST_PAGE.decode(content)
    except msgspec.ValidationError:
        return parse_json(content)
    except msgspec.DecodeError:
        return None


class Associations:
    """Builds ``Association``s from compactly decoded items, sharing their types."""

    def __init__(self) -> None:
        self._types: dict[bytes, tuple[AssociationType, ...]] = {}

    def build(self, tos: Iterable[_To], into: list[Association]) -> None:
        types = self._types
        append = into.append
        for to in tos:
            to_id = to.toObjectId
            if type(to_id) is str:
                # the common case decided at full speed, `is_record_id` the rest
                fast = to_id.isdigit() and len(to_id) < 19 and to_id.isascii() and to_id[0] != "0"
                if not fast and not is_record_id(to_id):
                    raise Unreadable(f"toObjectId {to_id[:40]!r} is not a record id")
            else:
                to_id = str(to_id)
            key = bytes(to.associationTypes)
            shared = types.get(key)
            if shared is None:
                shared = types[key] = _parse_types(key)
            association = _new_association(Association)
            _set_to_id(association, to_id)
            _set_types(association, shared)
            append(association)

    def page(self, pager: CursorPager, page: ListPage) -> list[Association]:
        """One list page: its associations; moves ``pager``'s cursor."""
        nxt = page.paging.next if page.paging is not None else None
        after = None if nxt is None else nxt.after
        pager.advance({"paging": {"next": {"after": after}}} if after is not None else {})
        items: list[Association] = []
        try:
            self.build(page.results, items)
        except Unreadable as exc:
            raise malformed(str(exc)) from None
        return items


def _parse_types(raw: bytes) -> tuple[AssociationType, ...]:
    try:
        wire = _TYPES.decode(raw)
    except msgspec.MsgspecError as exc:  # e.g. a string typeId: never dropped in silence
        raise Unreadable(f"the association types {raw[:100]!r} do not decode: {exc}") from None
    return tuple(AssociationType(t.category, t.typeId, t.label) for t in wire)


class Unreadable(ValueError):
    """A part of a decoded answer that is not what it must be (see ``malformed``)."""


def malformed(problem: str) -> MalformedResponseError:
    """A 2xx answer (or a part of one) the SDK cannot read."""
    return MalformedResponseError(problem[:500], status=200, category="MALFORMED_RESPONSE")


class BatchReadState:
    """Per-id cursors of a batch read. ``next_chunk`` -> send -> ``on_answer``/``on_failure``."""

    def __init__(
        self,
        ids: Iterable[Any],
        chunk_size: int = READ_CHUNK,
        check: Callable[[Any, str], str] | None = None,
    ) -> None:
        self._ids = iter(ids)
        self._check = check
        self._read = 0
        self._seen: set[int | str] = set()  # every id read, to read duplicates once
        self._cursors: deque[tuple[str, str]] = deque()
        self._gathered: dict[str, list[Association]] = {}
        self._cursors_seen: dict[str, set[str]] = {}  # cursors each id has been sent with
        self._chunk_size = chunk_size
        self._build = Associations()
        self.errors: list[BatchFailure[str]] = []

    def _fresh(self) -> str | None:
        """The next id not read before, validated; None when the ids are used up."""
        for value in self._ids:
            index, self._read = self._read, self._read + 1
            try:
                from_id = value if self._check is None else self._check(value, f"ids[{index}]")
            except (TypeError, ValueError) as exc:
                self.errors.append(invalid_input(value, exc))
                continue
            key: int | str = int(from_id) if from_id.isdigit() else from_id
            if key in self._seen:
                continue
            self._seen.add(key)
            return from_id
        return None

    def next_chunk(self) -> list[tuple[str, str | None]]:
        """Ids (with cursors) to send next; continuations first. Empty when finished."""
        chunk: list[tuple[str, str | None]] = []
        while self._cursors and len(chunk) < self._chunk_size:
            chunk.append(self._cursors.popleft())
        while len(chunk) < self._chunk_size and (fresh := self._fresh()) is not None:
            chunk.append((fresh, None))
        return chunk

    @staticmethod
    def body(chunk: Sequence[tuple[str, str | None]]) -> dict[str, Any]:
        return {
            "inputs": [
                {"id": i} if after is None else {"id": i, "after": after} for i, after in chunk
            ]
        }

    def on_answer(
        self, chunk: Sequence[tuple[str, str | None]], body: Any
    ) -> list[RecordAssociations]:
        """Fold one answer in; return the ids that are now complete."""
        pending = dict(chunk)  # id -> the cursor it was sent with
        done: list[RecordAssociations] = []
        if isinstance(body, ReadPage):
            for result in body.results:
                self._fold(result, pending, done)
            self._settle(self._errors(body.errors, pending), pending, done)
            return done
        results = body.get("results") if isinstance(body, Mapping) else None
        for wire in results if isinstance(results, list) else []:
            if not isinstance(wire, Mapping) or not isinstance(wire.get("from"), Mapping):
                continue
            from_id = str(wire["from"].get("id"))
            if from_id not in pending:
                continue  # not asked in this chunk (or answered twice): ignore
            sent_after = pending.pop(from_id)
            gathered = self._gathered.setdefault(from_id, [])
            gathered.extend(parse_association(t) for t in wire.get("to") or [])
            self._advance(from_id, sent_after, next_cursor(wire), done)
        errors = body.get("errors") if isinstance(body, Mapping) else None
        self._settle(self._errors(errors, pending), pending, done)
        return done

    def _settle(
        self, empty: set[str], pending: dict[str, str | None], done: list[RecordAssociations]
    ) -> None:
        """The ids of a chunk the answer gave neither a page nor a failure: those an error
        said have no associations are complete (possibly with earlier pages); the others
        were left out, and their associations are not known."""
        done.extend(self._finish(i) for i in pending if i in empty)
        left_out = tuple(i for i in pending if i not in empty)
        for i in left_out:
            self._gathered.pop(i, None)
            self._cursors_seen.pop(i, None)
        if left_out:
            self.errors.append(BatchFailure(
                left_out, UNACCOUNTED,
                "the answer has neither a result nor an error for these ids: their "
                "associations are not known", outcome=UNKNOWN,
            ))  # fmt: skip

    def _fold(
        self, result: _Result, pending: dict[str, str | None], done: list[RecordAssociations]
    ) -> None:
        """One id's page of a compactly decoded answer."""
        if result.from_ is None or result.from_.id is None:
            return
        from_id = str(result.from_.id)
        if from_id not in pending:
            return  # not asked in this chunk (or answered twice): ignore
        sent_after = pending.pop(from_id)
        gathered = self._gathered.setdefault(from_id, [])
        try:
            tos = _TOS.decode(result.to)
            self._build.build(tos, gathered)
        except (msgspec.MsgspecError, Unreadable) as exc:  # this id's associations
            self._gathered.pop(from_id, None)
            self._cursors_seen.pop(from_id, None)
            error = malformed(f"the associations of {from_id} are not readable: {exc}")
            self.errors.extend(chunk_failure([from_id], error))
            return
        nxt = result.paging.next if result.paging is not None else None
        after = None if nxt is None or nxt.after in (None, "") else str(nxt.after)
        self._advance(from_id, sent_after, after, done)

    def _advance(
        self,
        from_id: str,
        sent_after: str | None,
        after: str | None,
        done: list[RecordAssociations],
    ) -> None:
        """After one page of ``from_id``: done, next page, or a cursor that came back."""
        if after is None:
            done.append(self._finish(from_id))
            return
        seen = self._cursors_seen.setdefault(from_id, set())
        if after == sent_after or after in seen:  # it would page forever
            self._gathered.pop(from_id, None)
            self._cursors_seen.pop(from_id, None)
            self.errors.extend(chunk_failure([from_id], cycle_error(after, len(seen) + 1)))
            return
        seen.add(after)
        self._cursors.append((from_id, after))

    def _errors(self, errors: Any, pending: dict[str, str | None]) -> set[str]:
        """Fail the ids the answer's errors name; return those said to have no associations
        (an error naming no id says it of none)."""
        body = {"errors": errors} if isinstance(errors, list) else None
        order = list(pending)
        empty: set[str] = set()
        for error, positions in tie_errors(body_errors(body), [(i, None) for i in order]):
            ids = tuple(order[p] for p in positions)
            if is_no_associations(error.sub_category):
                if any(error.ids()):
                    empty.update(ids)  # left in `pending`: an empty result
                continue
            for i in ids:
                del pending[i]
                self._gathered.pop(i, None)
            self.errors.append(
                BatchFailure(ids, error.category, error.message, error.sub_category, error.context)
            )
        return empty

    def on_failure(
        self, chunk: Sequence[tuple[str, str | None]], exc: HubSpotError, *, sent: bool = True
    ) -> None:
        ids = [i for i, _ in chunk]
        for i in ids:
            self._gathered.pop(i, None)
            self._cursors_seen.pop(i, None)
        self.errors.extend(chunk_failure(ids, exc, sent=sent))

    def fail_rest(self, exc: HubSpotError) -> None:
        """A fatal error (401, 403, DAILY 429): every id not sent yet fails with it too."""
        rest = [i for i, _ in self._cursors]
        while (fresh := self._fresh()) is not None:
            rest.append(fresh)
        self._cursors.clear()
        self.on_failure([(i, None) for i in rest], exc, sent=False)

    def _finish(self, from_id: str) -> RecordAssociations:
        self._cursors_seen.pop(from_id, None)
        return RecordAssociations(from_id, tuple(self._gathered.pop(from_id, [])))

    def raise_for_errors(self) -> None:
        if self.errors:
            raise BatchError(
                "batch read: " + summarize(self.errors, self._read, "id(s)"), list(self.errors)
            )


class BatchReadIterator(Iterator[RecordAssociations]):
    """What ``client.batch.read`` returns: lazy results, plus the failures seen so far."""

    def __init__(self, items: Iterator[RecordAssociations], state: BatchReadState) -> None:
        self._items = items
        self._state = state

    def __iter__(self) -> BatchReadIterator:
        return self

    def __next__(self) -> RecordAssociations:
        return next(self._items)

    @property
    def errors(self) -> list[BatchFailure[str]]:
        """Ids that failed (complete once iteration has finished)."""
        return self._state.errors

    def retryable_inputs(self) -> list[str]:
        """Failed ids worth reading again (see ``BatchResult.retryable_inputs``)."""
        return retryable_inputs(self._state.errors)

    def raise_for_errors(self) -> None:
        self._state.raise_for_errors()


class AsyncBatchReadIterator(AsyncIterator[RecordAssociations]):
    """What ``AsyncClient.batch.read`` returns: ``async for`` over results, plus failures."""

    def __init__(self, items: AsyncIterator[RecordAssociations], state: BatchReadState) -> None:
        self._items = items
        self._state = state

    def __aiter__(self) -> AsyncBatchReadIterator:
        return self

    async def __anext__(self) -> RecordAssociations:
        return await self._items.__anext__()

    @property
    def errors(self) -> list[BatchFailure[str]]:
        return self._state.errors

    def retryable_inputs(self) -> list[str]:
        return retryable_inputs(self._state.errors)

    def raise_for_errors(self) -> None:
        self._state.raise_for_errors()
