"""The HTTP behind a result: ``with_raw_response`` and ``recording()``."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from hubspot_associations import (
    Exchange,
    LabelDefinition,
    RawResponse,
    ServerError,
    latest_version,
)

from .fakes import (
    BASE,
    TOKEN,
    batch_body,
    error_response,
    make_async_client,
    make_client,
    schema_path,
)

LABEL = {"category": "USER_DEFINED", "typeId": 36, "label": "Manager"}
EXPECTED = [LabelDefinition("USER_DEFINED", 36, "Manager", "0-1", "0-2")]


def flaky(statuses: list[int]) -> Any:
    """Answers with the given statuses in turn (then 200), each with a correlation id."""
    count = iter(range(1000))

    def handler(request: httpx.Request) -> httpx.Response:
        n = next(count)
        status = statuses[n] if n < len(statuses) else 200
        headers = {"X-HubSpot-Correlation-Id": f"corr-{n}", "Set-Cookie": "s=1"}
        if status != 200:
            return error_response(status, "SERVICE_UNAVAILABLE", "busy", headers)
        return httpx.Response(200, json={"results": [LABEL]}, headers=headers)

    return handler


def check_labels_raw(raw: RawResponse[Any]) -> None:
    assert raw.parse() == EXPECTED
    assert raw.status_code == 200
    assert raw.correlation_id == "corr-1" == raw.headers["x-hubspot-correlation-id"]
    assert [(e.method, e.status_code, e.correlation_id) for e in raw.exchanges] == [
        ("GET", 503, "corr-0"),
        ("GET", 200, "corr-1"),
    ]
    url = BASE + schema_path(latest_version(), "contacts/companies/labels")
    assert [e.url for e in raw.exchanges] == [url, url]
    assert all(isinstance(e, Exchange) and e.elapsed >= 0 for e in raw.exchanges)
    # neither the token nor any credential header is kept
    for e in raw.exchanges:
        assert "authorization" not in e.headers and "set-cookie" not in e.headers
    assert TOKEN not in repr(raw) + repr(raw.exchanges) + str(
        [dict(e.headers) for e in raw.exchanges]
    )


def test_with_raw_response_gives_status_headers_and_every_attempt() -> None:
    client, recorder, sleeps = make_client(latest_version(), flaky([503]))
    raw = client.with_raw_response.labels.list("contacts", "companies")
    check_labels_raw(raw)
    assert len(recorder.requests) == 2 and len(sleeps) == 1  # the retry is in it
    # the plain call is unchanged, and records nothing
    assert client.labels.list("contacts", "companies") == EXPECTED


async def test_async_with_raw_response_gives_status_headers_and_every_attempt() -> None:
    client, recorder, _ = make_async_client(latest_version(), flaky([503]))
    raw = await client.with_raw_response.labels.list("contacts", "companies")
    check_labels_raw(raw)
    assert len(recorder.requests) == 2


def test_a_transport_error_attempt_is_recorded_without_a_status() -> None:
    calls = iter(range(10))

    def handler(request: httpx.Request) -> httpx.Response:
        if next(calls) == 0:
            raise httpx.ConnectError("refused", request=request)
        return httpx.Response(200, json={"results": [LABEL]})

    client, _, _ = make_client(latest_version(), handler)
    raw = client.with_raw_response.labels.list("contacts", "companies", timeout=3)
    assert [(e.status_code, e.error) for e in raw.exchanges] == [
        (None, "ConnectError"),
        (200, None),
    ]
    assert raw.parse() == EXPECTED and raw.correlation_id is None


def test_batch_calls_list_the_attempts_of_every_chunk() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=batch_body([]))

    client, recorder, _ = make_client(latest_version(), handler)
    pairs = [(i, 10_000 + i) for i in range(2500)]  # two chunks
    raw = client.with_raw_response.batch.archive("contacts", "companies", pairs)
    assert raw.parse().ok and len(raw.parse().succeeded) == 2500
    assert [e.status_code for e in raw.exchanges] == [200, 200] and len(recorder.requests) == 2
    empty = client.with_raw_response.batch.archive("contacts", "companies", [])
    assert empty.exchanges == () and empty.status_code is None and empty.correlation_id is None


def test_iterators_are_not_offered_and_recording_sees_their_pages() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        after = request.url.params.get("after")
        if request.method == "GET" and after is None:
            return httpx.Response(
                200,
                json={"results": [], "paging": {"next": {"after": "p2"}}},
                headers={"X-HubSpot-Correlation-Id": "page-1"},
            )
        return httpx.Response(200, json={"results": []}, headers={"X-HubSpot-Correlation-Id": "2"})

    version = "2026-03"  # a version with GET list
    client, _, _ = make_client(version, handler)
    for name in ("list", "search"):
        with pytest.raises(AttributeError, match="recording"):
            getattr(client.with_raw_response.records, name)
    with pytest.raises(AttributeError, match="iterator"):
        client.with_raw_response.batch.stream_create  # noqa: B018
    with pytest.raises(AttributeError, match="iterator"):
        client.with_raw_response.batch.read  # noqa: B018
    with client.recording() as exchanges:
        assert list(client.records.list("contacts", 1, "companies")) == []
    assert [e.correlation_id for e in exchanges] == ["page-1", "2"]
    # another client's requests are not in this client's recording
    other, _, _ = make_client(version, handler)
    with client.recording() as mine:
        list(other.records.list("contacts", 1, "companies"))
        client.with_options(timeout=3).limits.list()  # a copy records into its original's
    assert len(mine) == 1 and mine[0].url.endswith("/definitions/configurations/all")


def test_recording_keeps_the_attempts_of_a_call_that_raised() -> None:
    client, _, _ = make_client(latest_version(), flaky([503, 503]), max_retries=1)
    with client.recording() as exchanges, pytest.raises(ServerError):
        client.labels.list("contacts", "companies")
    assert [e.status_code for e in exchanges] == [503, 503]
    assert exchanges[-1].correlation_id == "corr-1"


async def test_async_batch_chunks_in_flight_are_all_recorded() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=batch_body([]))

    client, _, _ = make_async_client(latest_version(), handler, max_concurrency=3)
    pairs = [(i, 10_000 + i) for i in range(9000)]  # five chunks, concurrent tasks
    raw = await client.with_raw_response.batch.archive("contacts", "companies", pairs)
    assert len(raw.exchanges) == 5 and raw.parse().ok


def test_async_iterators_are_recorded() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"results": []})

    client, _, _ = make_async_client("2026-03", handler)

    async def main() -> list[Exchange]:
        with client.recording() as exchanges:
            assert [a async for a in client.records.list("contacts", 1, "companies")] == []
        return exchanges

    assert [e.status_code for e in asyncio.run(main())] == [200]
