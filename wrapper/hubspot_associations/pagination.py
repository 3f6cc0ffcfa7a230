"""Paging state machines, I/O-free.

- ``CursorPager``: ``after`` paging of list (GET ``?after=&limit=``) and search answers:
  each answer's ``paging.next.after`` is the next request's cursor, absent on the last page.
  A cursor that comes back (``a, b, a``, or one that does not move) would page forever:
  it raises ``PagingCycleError`` (batch read: that id fails with it).
- ``BatchReadState``: batch read with one cursor per input id. An id whose result carries
  ``paging.next.after`` is sent again with that cursor (before fresh ids) until done; its
  associations are gathered and handed out once complete. An id HubSpot answers with a
  ``NO_ASSOCIATIONS_FOUND`` error (or leaves out) has no associations: an empty result,
  not a failure. Any other error, or a chunk failing as a whole, is a failure of that id.
  Every input id ends exactly once: emitted, or in ``errors``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping, Sequence
from typing import Any

from .batching import (
    READ_CHUNK,
    BatchFailure,
    body_errors,
    chunk_failure,
    summarize,
    tie_errors,
)
from .errors import BatchError, HubSpotError, PagingCycleError
from .models import Association, RecordAssociations, parse_association

NO_ASSOCIATIONS = "NO_ASSOCIATIONS_FOUND"


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


class BatchReadState:
    """Per-id cursors of a batch read. ``next_chunk`` -> send -> ``on_answer``/``on_failure``."""

    def __init__(self, ids: Iterable[str], chunk_size: int = READ_CHUNK) -> None:
        self._fresh: deque[str] = deque(dict.fromkeys(ids))  # unique, in order
        self.total = len(self._fresh)
        self._cursors: deque[tuple[str, str]] = deque()
        self._gathered: dict[str, list[Association]] = {}
        self._seen: dict[str, set[str]] = {}  # cursors each id has been sent with
        self._chunk_size = chunk_size
        self.errors: list[BatchFailure[str]] = []

    def next_chunk(self) -> list[tuple[str, str | None]]:
        """Ids (with cursors) to send next; continuations first. Empty when finished."""
        chunk: list[tuple[str, str | None]] = []
        while self._cursors and len(chunk) < self._chunk_size:
            chunk.append(self._cursors.popleft())
        while self._fresh and len(chunk) < self._chunk_size:
            chunk.append((self._fresh.popleft(), None))
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
            after = next_cursor(wire)
            seen = self._seen.setdefault(from_id, set())
            if after is None:
                done.append(self._finish(from_id))
            elif after == sent_after or after in seen:  # it would page forever
                self._gathered.pop(from_id, None)
                self._seen.pop(from_id, None)
                self.errors.extend(chunk_failure([from_id], cycle_error(after, len(seen) + 1)))
            else:
                seen.add(after)
                self._cursors.append((from_id, after))
        order = list(pending)
        for error, positions in tie_errors(body_errors(body), [(i, None) for i in order]):
            ids = tuple(order[p] for p in positions)
            if NO_ASSOCIATIONS in (error.sub_category or ""):
                continue  # left in `pending`: an empty result below
            for i in ids:
                del pending[i]
                self._gathered.pop(i, None)
            self.errors.append(
                BatchFailure(ids, error.category, error.message, error.sub_category, error.context)
            )
        # Ids HubSpot left out, or said have no associations: complete, possibly empty.
        done.extend(self._finish(i) for i in pending)
        return done

    def on_failure(
        self, chunk: Sequence[tuple[str, str | None]], exc: HubSpotError, *, sent: bool = True
    ) -> None:
        ids = [i for i, _ in chunk]
        for i in ids:
            self._gathered.pop(i, None)
            self._seen.pop(i, None)
        self.errors.extend(chunk_failure(ids, exc, sent=sent))

    def fail_rest(self, exc: HubSpotError) -> None:
        """A fatal error (401, 403, DAILY 429): every id not sent yet fails with it too."""
        rest = [i for i, _ in self._cursors] + list(self._fresh)
        self._cursors.clear()
        self._fresh.clear()
        self.on_failure([(i, None) for i in rest], exc, sent=False)

    def _finish(self, from_id: str) -> RecordAssociations:
        self._seen.pop(from_id, None)
        return RecordAssociations(from_id, tuple(self._gathered.pop(from_id, [])))

    def raise_for_errors(self) -> None:
        if self.errors:
            raise BatchError(
                "batch read: " + summarize(self.errors, self.total, "id(s)"), list(self.errors)
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

    def raise_for_errors(self) -> None:
        self._state.raise_for_errors()
