"""Failed batches: each failure has a ``kind`` saying why, and ``retryable_inputs()`` gives the
inputs worth sending again as they are (rate limits, 5xx, no answer, answers not believed or
not accounting for them, interruptions), in order; the retry recipe of the docs works."""

from __future__ import annotations

import time
from typing import Any
from unittest import mock

import httpx
import pytest
from hubspot_associations import BatchFailure, Pair

from .fakes import (
    batch_body,
    body_of,
    default_result,
    error_response,
    item_error,
    make_client,
    rate_limited,
    reply,
)

pytestmark = pytest.mark.no_contract


def by_first_id(request: httpx.Request) -> httpx.Response:
    """Each chunk of two pairs meets another kind of failure, chosen by its first id."""
    pairs = [(i["from"]["id"], i["to"]["id"]) for i in body_of(request)["inputs"]]
    first = pairs[0][0]
    if first == "1":  # 1 made, 2 refused by a per-item error
        missing = item_error("OBJECT_NOT_FOUND", "no 2", {"fromObjectId": ["2"]})
        return reply(
            request, "batch_associate_default", batch_body([default_result("1", "1")], [missing])
        )
    if first == "3":
        return error_response(503, "SERVICE_UNAVAILABLE", "down")
    if first == "5":  # asks for a wait longer than max_wait: not waited for
        return rate_limited("TEN_SECONDLY_ROLLING", {"Retry-After": "3600"})
    if first == "7":
        raise httpx.ReadTimeout("lost", request=request)
    if first == "9":  # says nothing about either pair
        return reply(request, "batch_associate_default", batch_body([]))
    if first == "13":
        return error_response(400, "VALIDATION_ERROR", "bad")
    made = [default_result(a, b) for a, b in pairs]
    return reply(request, "batch_associate_default", batch_body(made))


PAIRS: list[Any] = [(i, i) for i in range(1, 11)] + [(11, 11), (12, "x"), (13, 13), (14, 14)]


def run(pairs: list[Any]) -> Any:
    client, _, _ = make_client("2026-03", by_first_id, max_retries=0)
    with mock.patch("hubspot_associations._batch_operations.WRITE_CHUNK", 2):
        return client.batch.associate_default("contacts", "companies", pairs)


def kinds(failures: list[BatchFailure[Any]]) -> list[tuple[str, list[Any]]]:
    return [(f.kind, [getattr(i, "from_id", i) for i in f.inputs]) for f in failures]


def test_every_failure_has_a_kind_and_the_retryable_ones_are_listed_in_order() -> None:
    result = run(PAIRS)
    assert kinds(result.errors) == [
        ("rejected", ["2"]),
        ("server_error", ["3", "4"]),
        ("rate_limit", ["5", "6"]),
        ("connection", ["7", "8"]),
        ("bad_answer", ["9", "10"]),
        ("invalid_input", [(12, "x")]),
        ("rejected", ["13", "14"]),
    ]
    assert [f.retryable for f in result.errors] == [False, True, True, True, True, False, False]
    assert result.retryable_inputs() == [Pair(str(i), str(i)) for i in range(3, 11)]


def test_auth_failures_are_not_retryable_and_daily_limits_are() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        first = body_of(request)["inputs"][0]["from"]["id"]
        return rate_limited("DAILY") if first == "1" else error_response(401, "EXPIRED", "no")

    for first, kind, retryable in (("1", "rate_limit", True), ("2", "auth", False)):
        client, _, _ = make_client("2026-03", handler)
        result = client.batch.associate_default("contacts", "companies", [(first, 9)])
        (failure,) = result.errors
        assert (failure.kind, failure.retryable) == (kind, retryable)


def associate_with_retries(
    client: Any, pairs: list[Any], attempts: int = 3, pause: float = 30.0
) -> list[BatchFailure[Any]]:
    """The retry recipe of the docs: what still failed after sending the retryable inputs
    again up to ``attempts`` times."""
    result = client.batch.associate_default("contacts", "companies", pairs)
    final = [f for f in result.errors if not f.retryable]  # sending again would not help
    for attempt in range(attempts):
        again = result.retryable_inputs()
        if not again:
            break
        time.sleep(pause * 2**attempt)  # let the rate limit window or the outage pass
        result = client.batch.associate_default("contacts", "companies", again)
        final += [f for f in result.errors if not f.retryable]
    return final + [f for f in result.errors if f.retryable]


def test_the_retry_recipe_ends_with_what_sending_again_cannot_fix() -> None:
    attempts: dict[str, int] = {}

    def flaky(request: httpx.Request) -> httpx.Response:
        pairs = [(i["from"]["id"], i["to"]["id"]) for i in body_of(request)["inputs"]]
        first = pairs[0][0]
        attempts[first] = attempts.get(first, 0) + 1
        if first == "5":  # a rate limit that outlasts every attempt
            return rate_limited("TEN_SECONDLY_ROLLING", {"Retry-After": "3600"})
        if first == "9":
            return error_response(400, "VALIDATION_ERROR", "bad")
        if attempts[first] <= {"3": 2, "7": 1}.get(first, 0):  # fails, then works
            return error_response(502, "BAD_GATEWAY", "gateway")
        made = [default_result(a, b) for a, b in pairs]
        return reply(request, "batch_associate_default", batch_body(made))

    client, recorder, _ = make_client("2026-03", flaky, max_retries=0)
    pairs = [(i, i) for i in range(1, 11)]
    with mock.patch("hubspot_associations._batch_operations.WRITE_CHUNK", 2):
        left = associate_with_retries(client, pairs, pause=0)
    assert kinds(left) == [("rejected", ["9", "10"]), ("rate_limit", ["5", "6"])]
    assert attempts == {"1": 1, "3": 3, "5": 4, "7": 2, "9": 1}
    assert len(recorder.requests) == 11


def test_batch_read_and_streamed_chunks_list_their_retryable_inputs_too() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return error_response(503, "SERVICE_UNAVAILABLE", "down")

    client, _, _ = make_client("2026-03", handler, max_retries=0)
    read = client.batch.read("contacts", "companies", [1, 2, "x"])
    assert list(read) == [] and read.retryable_inputs() == ["1", "2"]
    (chunk,) = client.batch.stream_archive("contacts", "companies", [(1, 2), (3, "x")])
    assert chunk.retryable_inputs() == [Pair("1", "2")]
