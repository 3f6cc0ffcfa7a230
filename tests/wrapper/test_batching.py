"""Chunking at HubSpot's caps and one aggregated result, every input exactly once."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any
from unittest import mock

import httpx
import pytest
from hubspot_associations import (
    AssociationInput,
    AssociationType,
    BatchError,
    CreatedAssociation,
    Pair,
    ValidationError,
)
from hubspot_associations._accounting import ItemError, tie_errors
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.spec_facts import VERSIONS, success

from .fakes import (
    batch_body,
    batch_path,
    body_of,
    default_result,
    error_response,
    item_error,
    labels_pair,
    make_async_client,
    make_client,
    rate_limited,
    reply,
)

TYPES = [("HUBSPOT_DEFINED", 279)]


def create_ok(request: httpx.Request) -> httpx.Response:
    inputs = body_of(request)["inputs"]
    return reply(
        request,
        "batch_create",
        batch_body(labels_pair(i["from"]["id"], i["to"]["id"]) for i in inputs),
    )


@pytest.mark.parametrize("version", VERSIONS)
def test_5000_creates_are_3_requests_and_one_result(version: str) -> None:
    client, recorder, _ = make_client(version, create_ok)
    inputs = [(i, 100000 + i, TYPES) for i in range(5000)]
    result = client.batch.create("contacts", "companies", inputs)
    assert [len(body_of(r)["inputs"]) for r in recorder.requests] == [2000, 2000, 1000]
    assert set(recorder.paths) == {batch_path(version, "contacts", "companies", "create")}
    assert result.ok and len(result.results) == 5000 and len(result.succeeded) == 5000
    assert result.results[4999] == CreatedAssociation(
        "4999", "104999", (AssociationType("HUBSPOT_DEFINED", 279),), ()
    )
    assert result.succeeded[0] == AssociationInput(
        "0", "100000", (AssociationType("HUBSPOT_DEFINED", 279),)
    )
    result.raise_for_errors()  # nothing to raise


@pytest.mark.parametrize("version", VERSIONS)
def test_207_mixed_results_are_mapped_back_to_inputs(version: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        results, errors = [], []
        for i in body_of(request)["inputs"]:
            frm, to = i["from"]["id"], i["to"]["id"]
            if to == "999":
                errors.append(
                    item_error(
                        "OBJECT_NOT_FOUND",
                        f"No companies with id {to}",
                        {"fromObjectId": [frm], "toObjectId": [to]},
                    )
                )
            elif frm == "7":
                errors.append(item_error("VALIDATION_ERROR", "bad type", {"ids": [frm]}))
            else:
                results.append(labels_pair(frm, to))
        return reply(request, "batch_create", batch_body(results, errors), partial=True)

    client, _, _ = make_client(version, handler)
    result = client.batch.create(
        "contacts", "companies", [(1, 2, TYPES), (3, 999, TYPES), (7, 8, TYPES), (9, 10, TYPES)]
    )
    assert [(i.from_id, i.to_id) for i in result.succeeded] == [("1", "2"), ("9", "10")]
    assert [(f.category, [(i.from_id, i.to_id) for i in f.inputs]) for f in result.errors] == [
        ("OBJECT_NOT_FOUND", [("3", "999")]),
        ("VALIDATION_ERROR", [("7", "8")]),
    ]
    assert result.errors[0].message == "No companies with id 999"
    with pytest.raises(BatchError, match=r"2 of 4 inputs failed") as raised:
        result.raise_for_errors()
    assert len(raised.value.failures) == 2


@pytest.mark.parametrize("version", VERSIONS)
def test_errors_are_read_from_a_200_body_too(version: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        error = item_error(
            "OBJECT_NOT_FOUND", "no such record", {"fromObjectId": ["5"], "toObjectId": ["6"]}
        )
        return httpx.Response(200, json=batch_body([default_result("7", "8")], [error]))

    client, _, _ = make_client(version, handler)
    result = client.batch.associate_default("contacts", "companies", [(5, 6), (7, 8)])
    assert result.failed_inputs == [Pair("5", "6")] and result.succeeded == [Pair("7", "8")]


@pytest.mark.parametrize("version", VERSIONS)
def test_a_chunk_rejected_as_a_whole_fails_its_inputs_only(version: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        inputs = body_of(request)["inputs"]
        if inputs[0]["from"]["id"] == "2000":
            return error_response(400, "VALIDATION_ERROR", "Invalid input JSON")
        return create_ok(request)

    client, recorder, _ = make_client(version, handler)
    result = client.batch.create("contacts", "companies", [(i, i + 1, TYPES) for i in range(4500)])
    assert len(recorder.requests) == 3  # the failure did not stop the other chunks
    assert len(result.succeeded) == 2500 and len(result.failed_inputs) == 2000
    failure = result.errors[0]
    assert failure.category == "VALIDATION_ERROR" and failure.status == 400
    assert isinstance(failure.error, ValidationError)
    assert len(result.errors) == 1  # one failure for the one request that failed
    assert [i.from_id for i in failure.inputs] == [str(i) for i in range(2000, 4000)]


@pytest.mark.parametrize("version", VERSIONS)
def test_daily_limit_fails_the_rest_without_sending(version: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return rate_limited("DAILY")

    client, recorder, sleeps = make_client(version, handler)
    result = client.batch.associate_default("contacts", "companies", [(i, i) for i in range(6000)])
    assert len(recorder.requests) == 1 and sleeps == []
    assert len(result.failed_inputs) == 6000 and not result.succeeded
    assert {f.category for f in result.errors} == {"RATE_LIMITS"}


@pytest.mark.parametrize("version", VERSIONS)
def test_empty_batch_sends_nothing(version: str) -> None:
    client, recorder, _ = make_client(version, create_ok)
    result = client.batch.create("contacts", "companies", [])
    assert result.ok and result.results == [] and recorder.requests == []


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.slow
async def test_async_sends_chunks_concurrently_within_the_bound(version: str) -> None:
    running = 0
    peak = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01)
        running -= 1
        return create_ok(request)

    client, recorder, _ = make_async_client(version, handler, max_concurrency=2)  # type: ignore[arg-type]
    result = await client.batch.create(
        "contacts", "companies", [(i, i + 1, TYPES) for i in range(2000 * 4)]
    )
    assert len(recorder.requests) == 4 and peak == 2
    assert len(result.succeeded) == 8000
    # results keep the order of the inputs, whatever order the chunks finished in
    assert [r.from_id for r in result.results] == [str(i) for i in range(8000)]


# --- the invariant, under random per-item and per-chunk failures ------------------------

CHUNK_FATE = st.sampled_from(["ok", "ok", "ok", "400", "502x", "429"])
SMALL_CHUNK = 10  # the property is about chunk boundaries, not HubSpot's exact cap


def fate_server(chunk_fates: list[str], bad: set[int]) -> Any:
    calls = Counter[str]()

    def handler(request: httpx.Request) -> httpx.Response:
        inputs = body_of(request)["inputs"]
        index = int(inputs[0]["from"]["id"]) // SMALL_CHUNK
        fate = chunk_fates[index % len(chunk_fates)]
        calls[fate] += 1
        if fate == "400":
            return error_response(400, "VALIDATION_ERROR", "rejected")
        if fate == "502x":  # retries exhausted
            return error_response(502, "BAD_GATEWAY", "upstream failed")
        if fate == "429" and calls[fate] % 2 == 1:  # first attempt limited, retry succeeds
            return rate_limited("TEN_SECONDLY_ROLLING", {"Retry-After": "1"})
        results, errors = [], []
        for i in inputs:
            frm = i["from"]["id"]
            if int(frm) in bad:
                errors.append(item_error("OBJECT_NOT_FOUND", "nope", {"fromObjectId": [frm]}))
            else:
                results.append(labels_pair(frm, i["to"]["id"]))
        return reply(request, "batch_create", batch_body(results, errors), partial=bool(errors))

    return handler


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    size=st.integers(min_value=0, max_value=6 * SMALL_CHUNK),
    fates=st.lists(CHUNK_FATE, min_size=1, max_size=6),
    bad=st.sets(st.integers(min_value=0, max_value=6 * SMALL_CHUNK), max_size=20),
    version=st.sampled_from(VERSIONS),
)
def test_every_input_exactly_once(size: int, fates: list[str], bad: set[int], version: str) -> None:
    client, _, _ = make_client(version, fate_server(fates, bad), max_retries=2)
    inputs = [(i, i + 1, TYPES) for i in range(size)]
    with mock.patch("hubspot_associations._batch_operations.WRITE_CHUNK", SMALL_CHUNK):
        result = client.batch.create("contacts", "companies", inputs)
    seen = Counter(i.from_id for i in result.succeeded) + Counter(
        i.from_id for i in result.failed_inputs
    )
    assert seen == Counter(str(i) for i in range(size))
    for failure in result.errors:
        assert failure.inputs, "every failure here is tied to an input"
    for item in result.failed_inputs:
        chunk_fate = fates[(int(item.from_id) // SMALL_CHUNK) % len(fates)]
        assert int(item.from_id) in bad or chunk_fate in ("400", "502x")


@pytest.mark.parametrize("version", [v for v in VERSIONS if success(v, "batch_archive") != {204}])
def test_archive_errors_come_from_its_200_body(version: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        error = item_error(
            "OBJECT_NOT_FOUND",
            "No records found with ids 404",
            {"fromObjectId": ["404"], "toObjectId": ["1"], "ids": ["404"]},
        )
        return httpx.Response(200, json=batch_body([], [error]))

    client, _, _ = make_client(version, handler)
    result = client.batch.archive("contacts", "companies", [(404, 1), (404, 2), (5, 1)])
    assert result.failed_inputs == [Pair("404", "1")]
    assert result.succeeded == [Pair("404", "2"), Pair("5", "1")]


@pytest.mark.parametrize("version", VERSIONS)
def test_an_error_naming_no_ids_is_kept_but_tied_to_no_input(version: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        error = item_error("INTERNAL_ERROR", "something went wrong", {})
        body = batch_body([labels_pair("1", "2")], [error])
        return reply(request, "batch_create", body, partial=True)

    client, _, _ = make_client(version, handler)
    result = client.batch.create("contacts", "companies", [(1, 2, TYPES)])
    assert [(f.category, f.inputs) for f in result.errors] == [("INTERNAL_ERROR", ())]
    assert len(result.succeeded) == 1 and not result.ok
    with pytest.raises(BatchError, match="0 of 1 inputs failed"):
        result.raise_for_errors()


@pytest.mark.parametrize("version", VERSIONS)
def test_progress_is_reported_after_each_chunk(version: str) -> None:
    client, _, _ = make_client(version, create_ok)
    seen: list[tuple[int, int]] = []
    client.batch.create(
        "contacts",
        "companies",
        [(i, i + 1, TYPES) for i in range(4500)],
        on_progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(2000, 4500), (4000, 4500), (4500, 4500)]


@pytest.mark.parametrize("version", VERSIONS)
async def test_async_progress_counts_failed_and_skipped_chunks(version: str) -> None:
    client, _, _ = make_async_client(version, lambda r: rate_limited("DAILY"), max_concurrency=1)
    seen: list[int] = []
    result = await client.batch.archive(
        "contacts",
        "companies",
        [(i, i) for i in range(5000)],
        on_progress=lambda d, t: seen.append(d),
    )
    assert seen == [2000, 4000, 5000] and len(result.failed_inputs) == 5000


# -- tying errors to inputs: the indexed look-up decides exactly like the plain rule ---------

_ids = st.sampled_from([str(i) for i in range(6)])
_keys = st.lists(st.tuples(_ids, st.none() | _ids), max_size=8)
_errors = st.lists(
    st.dictionaries(
        st.sampled_from(["fromObjectId", "toObjectId", "ids", "id", "other"]),
        st.lists(_ids, max_size=2).map(tuple),
        max_size=3,
    ).map(lambda context: ItemError("OBJECT_NOT_FOUND", "m", None, context)),
    max_size=5,
)


@given(keys=_keys, errors=_errors)
def test_tie_errors_claims_what_the_plain_rule_claims(
    keys: list[tuple[str, str | None]], errors: list[ItemError]
) -> None:
    claimed: set[int] = set()
    expected = []
    for error in errors:  # the definition: first error naming an input claims it
        positions = [i for i, k in enumerate(keys) if i not in claimed and error.matches(k)]
        claimed.update(positions)
        expected.append(positions)
    assert [positions for _, positions in tie_errors(errors, keys)] == expected
