"""Streamed batches: one ChunkResult per chunk, lazy input, bounded read-ahead, bad inputs as
failures, every input reported exactly once under faults; tokens that refresh after a 401."""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from collections.abc import Iterator
from typing import Any
from unittest import mock

import httpx
import pytest
from hubspot_associations import AuthenticationError, Pair
from hubspot_associations.batching import INVALID_INPUT, ChunkResult
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .fakes import (
    VERSIONS,
    batch_body,
    body_of,
    error_response,
    item_error,
    labels_pair,
    make_async_client,
    make_client,
    rate_limited,
    reply,
)

TYPES = [("HUBSPOT_DEFINED", 279)]
SMALL = 10  # chunk size for these tests: the behaviour is about boundaries, not the cap


def create_ok(request: httpx.Request) -> httpx.Response:
    inputs = body_of(request)["inputs"]
    return reply(
        request,
        "batch_create",
        batch_body(labels_pair(i["from"]["id"], i["to"]["id"]) for i in inputs),
    )


def default_ok(request: httpx.Request) -> httpx.Response:
    inputs = body_of(request)["inputs"]
    spec = {"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 279}
    results = [{"from": i["from"], "to": i["to"], "associationSpec": spec} for i in inputs]
    return reply(request, "batch_associate_default", batch_body(results))


class Counted:
    """A generator of inputs that counts how many were read."""

    def __init__(self, n: int, bad: set[int] = frozenset()) -> None:  # type: ignore[assignment]
        self.n, self.bad, self.read = n, bad, 0

    def __iter__(self) -> Iterator[Any]:
        for i in range(self.n):
            self.read += 1
            yield (i, "not-an-id" if i in self.bad else i + 1, TYPES)


def reported(chunks: list[ChunkResult[Any, Any]]) -> Counter[str]:
    """How often each input (by from id) was reported, as a success or a failure."""
    seen: Counter[str] = Counter()
    for chunk in chunks:
        for item in chunk.succeeded:
            seen[str(item.from_id)] += 1
        for item in chunk.failed_inputs:
            seen[str(item.from_id if hasattr(item, "from_id") else item[0])] += 1
    return seen


@pytest.mark.parametrize("version", VERSIONS)
def test_stream_reads_the_input_one_chunk_at_a_time(version: str) -> None:
    client, recorder, _ = make_client(version, create_ok)
    source = Counted(35)
    with mock.patch("hubspot_associations._batch_operations.WRITE_CHUNK", SMALL):
        stream = client.batch.stream_create("contacts", "companies", iter(source))
        assert source.read == 0 and recorder.requests == []  # nothing before iteration
        first = next(stream)
        assert source.read == SMALL and len(recorder.requests) == 1
        rest = list(stream)
    chunks = [first, *rest]
    assert [(c.index, c.offset, len(c.inputs)) for c in chunks] == [
        (0, 0, 10),
        (1, 10, 10),
        (2, 20, 10),
        (3, 30, 5),
    ]
    assert all(len(c.succeeded) == len(c.results) == len(c.inputs) for c in chunks)
    assert reported(chunks) == Counter(str(i) for i in range(35))


@pytest.mark.parametrize("version", VERSIONS)
async def test_async_stream_keeps_max_concurrency_chunks_in_flight(version: str) -> None:
    running = peak = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01)
        running -= 1
        return create_ok(request)

    client, _, _ = make_async_client(version, handler, max_concurrency=3)  # type: ignore[arg-type]
    source = Counted(100)
    with mock.patch("hubspot_associations._batch_operations.WRITE_CHUNK", SMALL):
        chunks = []
        async for chunk in client.batch.stream_create("contacts", "companies", iter(source)):
            # bounded read-ahead: the chunks in flight and the one reported, no more
            assert source.read <= (chunk.index + 1 + 3) * SMALL
            chunks.append(chunk)
    assert peak == 3
    assert [c.offset for c in chunks] == list(range(0, 100, SMALL))  # in input order
    assert sum(len(c.succeeded) for c in chunks) == 100


@pytest.mark.parametrize("version", VERSIONS)
def test_bad_inputs_in_a_stream_are_failures_and_never_sent(version: str) -> None:
    client, recorder, _ = make_client(version, create_ok)
    bad = {3, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26}  # chunk 2 (20..29) is mostly bad
    mixed = list(Counted(40, bad))
    mixed[5] = "not a tuple"
    with mock.patch("hubspot_associations._batch_operations.WRITE_CHUNK", SMALL):
        chunks = list(client.batch.stream_create("contacts", "companies", iter(mixed)))
        result = client.batch.create("contacts", "companies", iter(mixed))
    invalid = [f for c in chunks for f in c.failures]
    assert {f.category for f in invalid} == {INVALID_INPUT}
    assert [f.inputs[0] for f in invalid] == [mixed[i] for i in sorted({*bad, 5})]
    assert "inputs[3]" in invalid[0].message and "to_id" in invalid[0].message
    assert "inputs[5]" in invalid[1].message
    sent = [i["from"]["id"] for r in recorder.requests for i in body_of(r)["inputs"]]
    assert len(sent) == 2 * (40 - 12) and not {"3", "5", "17", "20"} & set(sent)
    assert sum(len(c.succeeded) for c in chunks) == 28 and chunks[2].offset == 20
    assert result.succeeded_count == 28 and result.failed_count == 12 and result.total == 40


@pytest.mark.parametrize("version", VERSIONS)
async def test_async_bad_inputs_are_failures(version: str) -> None:
    client, _, _ = make_async_client(version, default_ok)
    pairs: list[Any] = [(1, 2), (3, "x"), (4, 5), None]
    result = await client.batch.associate_default("contacts", "companies", pairs)
    assert result.succeeded == [Pair("1", "2"), Pair("4", "5")]
    assert [(f.category, f.inputs) for f in result.errors] == [
        (INVALID_INPUT, ((3, "x"),)),
        (INVALID_INPUT, (None,)),
    ]


@pytest.mark.parametrize("version", VERSIONS)
def test_keep_failures_keeps_counts_and_failures_only(version: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        inputs = body_of(request)["inputs"]
        errors = [
            item_error("OBJECT_NOT_FOUND", "gone", {"fromObjectId": [i["from"]["id"]]})
            for i in inputs
            if i["from"]["id"] == "7"
        ]
        ok = [labels_pair(i["from"]["id"], i["to"]["id"]) for i in inputs if i["from"]["id"] != "7"]
        return reply(request, "batch_create", batch_body(ok, errors), partial=True)

    client, _, _ = make_client(version, handler)
    result = client.batch.create(
        "contacts", "companies", ((i, i + 1, TYPES) for i in range(50)), keep="failures"
    )
    assert result.succeeded_count == 49 and result.failed_count == 1
    assert [i.from_id for i in result.failed_inputs] == ["7"]
    with pytest.raises(AttributeError, match="keep='failures'"):
        result.succeeded  # noqa: B018
    with pytest.raises(ValueError, match="keep"):
        client.batch.create("contacts", "companies", [], keep="nothing")


# --- exactly once, under faults at random points ---------------------------------------------

FATE = st.sampled_from(["ok", "ok", "ok", "items", "400", "502x", "429", "drop", "401"])


def fault_server(fates: list[str]) -> Any:
    """Each request's fate is the next of `fates` (cycled); 429s are followed by success."""
    sequence = itertools.cycle(fates)
    last_429 = [False]

    def handler(request: httpx.Request) -> httpx.Response:
        inputs = body_of(request)["inputs"]
        fate = next(sequence)
        if last_429[0]:
            fate, last_429[0] = "ok", False
        if fate == "400":
            return error_response(400, "VALIDATION_ERROR", "rejected")
        if fate == "502x":
            return error_response(502, "BAD_GATEWAY", "upstream failed")
        if fate == "429":
            last_429[0] = True
            return rate_limited("TEN_SECONDLY_ROLLING", {"Retry-After": "1"})
        if fate == "drop":
            raise httpx.ReadError("connection dropped")
        if fate == "401":
            return error_response(401, "INVALID_AUTHENTICATION", "bad token")
        results, errors = [], []
        for i in inputs:
            frm = i["from"]["id"]
            if fate == "items" and int(frm) % 3 == 0:
                errors.append(item_error("OBJECT_NOT_FOUND", "nope", {"fromObjectId": [frm]}))
            else:
                results.append(labels_pair(frm, i["to"]["id"]))
        return reply(request, "batch_create", batch_body(results, errors), partial=bool(errors))

    return handler


def check_exactly_once(chunks: list[ChunkResult[Any, Any]], size: int, bad: set[int]) -> None:
    assert reported(chunks) == Counter(str(i) for i in range(size))
    assert [c.index for c in chunks] == list(range(len(chunks)))
    offsets = [c.offset for c in chunks]
    assert offsets == [sum(len(c.inputs) for c in chunks[:k]) for k in range(len(chunks))]
    for chunk in chunks:
        for failure in chunk.failures:
            if failure.category == INVALID_INPUT:
                assert all(item[0] in bad for item in failure.inputs)


EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CASE = {
    "size": st.integers(min_value=0, max_value=6 * SMALL),
    "fates": st.lists(FATE, min_size=1, max_size=8),
    "bad": st.sets(st.integers(min_value=0, max_value=6 * SMALL), max_size=8),
    "version": st.sampled_from(VERSIONS),
}


@EXAMPLES
@given(**CASE)
def test_stream_reports_every_input_exactly_once(
    size: int, fates: list[str], bad: set[int], version: str
) -> None:
    client, _, _ = make_client(version, fault_server(fates), max_retries=1)
    with mock.patch("hubspot_associations._batch_operations.WRITE_CHUNK", SMALL):
        chunks = list(client.batch.stream_create("contacts", "companies", Counted(size, bad)))
    check_exactly_once(chunks, size, bad)


@EXAMPLES
@given(**CASE, concurrency=st.integers(min_value=1, max_value=4))
def test_async_stream_reports_every_input_exactly_once(
    size: int, fates: list[str], bad: set[int], version: str, concurrency: int
) -> None:
    async def run() -> list[ChunkResult[Any, Any]]:
        client, _, _ = make_async_client(
            version, fault_server(fates), max_retries=1, max_concurrency=concurrency
        )
        with mock.patch("hubspot_associations._batch_operations.WRITE_CHUNK", SMALL):
            stream = client.batch.stream_create("contacts", "companies", Counted(size, bad))
            return [chunk async for chunk in stream]

    check_exactly_once(asyncio.run(run()), size, bad)


# --- tokens that refresh -----------------------------------------------------------------------


def expiring_server(valid: set[str]) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        token = request.headers["Authorization"].split()[1]
        if token not in valid:
            return error_response(401, "EXPIRED_AUTHENTICATION", "The OAuth token expired.")
        return create_ok(request)

    return handler


@pytest.mark.parametrize("version", VERSIONS)
def test_401_then_a_fresh_token_from_the_callable(version: str) -> None:
    tokens = iter(["expired-token", "fresh-token", "fresh-token"])
    client, recorder, _ = make_client(
        version, expiring_server({"fresh-token"}), token=lambda: next(tokens)
    )
    result = client.batch.create("contacts", "companies", [(1, 2, TYPES)])
    assert result.ok and len(recorder.requests) == 2
    assert [r.headers["Authorization"] for r in recorder.requests] == [
        "Bearer expired-token",
        "Bearer fresh-token",
    ]


@pytest.mark.parametrize("version", VERSIONS)
async def test_async_401_then_a_fresh_token(version: str) -> None:
    tokens = iter(["old", "new", "new", "new"])
    client, recorder, _ = make_async_client(
        version, expiring_server({"new"}), token=lambda: next(tokens)
    )
    result = await client.batch.create("contacts", "companies", [(1, 2, TYPES)])
    assert result.ok and len(recorder.requests) == 2


@pytest.mark.parametrize("version", VERSIONS)
def test_a_second_401_in_a_row_or_a_static_token_is_fatal(version: str) -> None:
    client, recorder, _ = make_client(version, expiring_server(set()), token=lambda: "stale")
    result = client.batch.create("contacts", "companies", [(i, i, TYPES) for i in range(3)])
    assert len(recorder.requests) == 2  # the first try and one retry, then fatal
    assert result.failed_count == 3 and isinstance(result.errors[0].error, AuthenticationError)

    client, recorder, _ = make_client(version, expiring_server(set()))  # a str token
    result = client.batch.create("contacts", "companies", [(1, 2, TYPES)])
    assert len(recorder.requests) == 1 and result.failed_count == 1


@pytest.mark.parametrize("version", VERSIONS)
def test_renewed_tokens_that_are_all_refused_stop_after_three_refreshes(version: str) -> None:
    fresh = (f"token-{n}" for n in itertools.count())
    client, recorder, _ = make_client(version, expiring_server(set()), token=lambda: next(fresh))
    result = client.batch.create("contacts", "companies", [(1, 2, TYPES)])
    assert len(recorder.requests) == 4 and result.failed_count == 1
