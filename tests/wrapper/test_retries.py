"""Retries (429 ten-secondly, 5xx, transport errors), DAILY fail-fast, the client-side limiter."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from hubspot_associations import (
    APIConnectionError,
    APITimeoutError,
    DailyRateLimitError,
    NotFoundError,
    RateLimitError,
    ServerError,
    ValidationError,
)
from hubspot_associations._retry import RetryPolicy, backoff, decide
from hubspot_associations._wire import Answer
from hubspot_associations.ratelimit import RateLimiter

from .fakes import (
    TOKEN,
    VERSIONS,
    batch_body,
    default_result,
    error_response,
    list_page,
    make_async_client,
    make_client,
    rate_limited,
    to_item,
)


def LIST_OK(request: httpx.Request) -> httpx.Response:
    return list_page(request, [to_item("5")])


def scripted(*answers: httpx.Response | Exception | Callable[[httpx.Request], Any]) -> Any:
    """Answer with each of `answers` in turn, then keep answering with the last."""
    queue = list(answers)

    def handler(request: httpx.Request) -> httpx.Response:
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(answer, Exception):
            raise answer
        if callable(answer):
            answer = answer(request)
        return httpx.Response(answer.status_code, headers=answer.headers, content=answer.content)

    return handler


def listing(client: Any) -> list[str]:
    return [a.to_id for a in client.records.list("contacts", 1, "companies")]


@pytest.mark.parametrize("version", VERSIONS)
def test_ten_secondly_429_waits_retry_after_then_succeeds(version: str) -> None:
    client, recorder, sleeps = make_client(
        version,
        scripted(rate_limited("TEN_SECONDLY_ROLLING", {"Retry-After": "2"}), LIST_OK),
    )
    assert listing(client) == ["5"]
    assert len(recorder.requests) == 2 and len(sleeps) == 1 and 2.0 <= sleeps[0] <= 2.2
    assert client.stats.retries == 1 and client.stats.requests == 2


@pytest.mark.parametrize("version", VERSIONS)
def test_ten_secondly_429_uses_the_interval_header_without_retry_after(version: str) -> None:
    limited = rate_limited(
        "TEN_SECONDLY_ROLLING",
        {
            "X-HubSpot-RateLimit-Interval-Milliseconds": "10000",
            "X-HubSpot-RateLimit-Remaining": "0",
        },
    )
    client, _, sleeps = make_client(version, scripted(limited, LIST_OK))
    assert listing(client) == ["5"] and len(sleeps) == 1 and 10.0 <= sleeps[0] <= 11.0


@pytest.mark.parametrize("version", VERSIONS)
def test_daily_429_fails_fast(version: str) -> None:
    client, recorder, sleeps = make_client(version, scripted(rate_limited("DAILY"), LIST_OK))
    with pytest.raises(DailyRateLimitError) as raised:
        listing(client)
    assert len(recorder.requests) == 1 and sleeps == []
    assert raised.value.policy == "DAILY" and raised.value.status == 429
    assert isinstance(raised.value, RateLimitError)
    assert "DAILY" in str(raised.value)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("status", [502, 503, 504])
def test_gateway_errors_are_retried_with_backoff(version: str, status: int) -> None:
    client, recorder, sleeps = make_client(
        version, scripted(error_response(status, "BAD_GATEWAY", "try again"), LIST_OK)
    )
    assert listing(client) == ["5"]
    assert len(recorder.requests) == 2
    assert len(sleeps) == 1 and 0.25 <= sleeps[0] <= 0.5  # first backoff: 0.5 s, half jittered


@pytest.mark.parametrize("version", VERSIONS)
def test_retries_are_bounded_by_max_retries(version: str) -> None:
    client, recorder, sleeps = make_client(
        version, scripted(error_response(502, "BAD_GATEWAY", "down")), max_retries=2
    )
    with pytest.raises(ServerError) as raised:
        listing(client)
    assert len(recorder.requests) == 3 and len(sleeps) == 2
    assert raised.value.status == 502 and sleeps[1] > sleeps[0] * 0.9


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(
    ("status", "category", "error"),
    [(400, "VALIDATION_ERROR", ValidationError), (404, "OBJECT_NOT_FOUND", NotFoundError)],
)
def test_other_4xx_are_never_retried(version: str, status: int, category: str, error: type) -> None:
    client, recorder, sleeps = make_client(
        version, scripted(error_response(status, category, "no"))
    )
    with pytest.raises(error):
        listing(client)
    assert len(recorder.requests) == 1 and sleeps == []


@pytest.mark.parametrize("version", VERSIONS)
def test_connection_errors_and_timeouts_are_retried(version: str) -> None:
    client, recorder, sleeps = make_client(
        version,
        scripted(httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), LIST_OK),
    )
    assert listing(client) == ["5"] and len(recorder.requests) == 3 and len(sleeps) == 2


@pytest.mark.parametrize("version", VERSIONS)
def test_timeouts_exhausted_raise_a_timeout_error(version: str) -> None:
    client, _, _ = make_client(version, scripted(httpx.ReadTimeout("slow")), max_retries=1)
    with pytest.raises(APITimeoutError) as raised:
        listing(client)
    assert isinstance(raised.value, APIConnectionError)
    assert raised.value.__cause__ is None  # the httpx error (and its request) is not kept


@pytest.mark.no_contract
@pytest.mark.parametrize("version", VERSIONS)
def test_html_502_page_is_retried_and_reported(version: str) -> None:
    page = httpx.Response(
        502, text="<html>Bad Gateway</html>", headers={"content-type": "text/html"}
    )
    client, recorder, _ = make_client(version, scripted(page), max_retries=1)
    with pytest.raises(ServerError, match="Bad Gateway"):
        listing(client)
    assert len(recorder.requests) == 2


@pytest.mark.parametrize("version", VERSIONS)
def test_retries_apply_to_a_users_own_http_client(version: str) -> None:
    handler = scripted(error_response(503, "UNAVAILABLE", "busy"), LIST_OK)
    http = httpx.Client(transport=httpx.MockTransport(handler), timeout=5)
    from hubspot_associations import Client

    client = Client(TOKEN, version=version, base_url="http://127.0.0.1:9", http_client=http)
    client._sleep = lambda s: None
    assert listing(client) == ["5"] and client.stats.retries == 1


@pytest.mark.parametrize("version", VERSIONS)
async def test_async_retries_and_daily_fail_fast(version: str) -> None:
    client, recorder, sleeps = make_async_client(
        version,
        scripted(
            rate_limited("TEN_SECONDLY_ROLLING", {"Retry-After": "1"}),
            error_response(502, "BAD_GATEWAY", "x"),
            httpx.Response(200, json=batch_body([default_result("1", "2")])),
            rate_limited("DAILY"),
        ),
    )
    result = await client.batch.associate_default("contacts", "companies", [(1, 2)])
    assert result.ok and len(recorder.requests) == 3 and 1.0 <= sleeps[0] <= 1.1
    with pytest.raises(DailyRateLimitError):
        await client.records.associate("contacts", 1, "companies", 2)
    assert len(recorder.requests) == 4


# --- the pure decision function ------------------------------------------------------------

POLICY = RetryPolicy(max_retries=3)


def test_decide_is_pure_and_bounded() -> None:
    gateway = Answer(502, {}, b"")
    assert decide(gateway, 0, POLICY, rng=lambda: 0.0).wait == 0.25
    assert decide(gateway, 2, POLICY, rng=lambda: 1.0).wait == 2.0
    assert not decide(gateway, 3, POLICY).retry
    assert not decide(Answer(500, {}, b""), 0, POLICY).retry
    assert not decide(Answer(409, {}, b""), 0, POLICY).retry
    assert not decide(ValueError("bug"), 0, POLICY).retry
    assert decide(httpx.ConnectError("x"), 0, POLICY).retry
    daily = Answer(429, {"X-HubSpot-RateLimit-Daily-Remaining": "0"}, b"")
    assert not decide(daily, 0, POLICY).retry
    too_long = Answer(429, {"Retry-After": "3600"}, b'{"policyName": "TEN_SECONDLY_ROLLING"}')
    assert not decide(too_long, 0, POLICY).retry
    unnamed = Answer(429, {}, b"")
    assert decide(unnamed, 0, POLICY).retry
    windowed = {"X-HubSpot-RateLimit-Interval-Milliseconds": "10000"}
    assert decide(Answer(429, windowed, b""), 0, POLICY, rng=lambda: 0.0).wait == 10.0
    assert decide(Answer(503, windowed, b""), 0, POLICY, rng=lambda: 0.0).wait == 0.25
    assert decide(Answer(503, {"Retry-After": "3"}, b""), 0, POLICY).wait == 3.0
    assert decide(Answer(200, {}, b'{"results": ['), 0, POLICY).retry  # cut-off body


def test_backoff_grows_and_is_capped() -> None:
    waits = [backoff(n, POLICY, rng=lambda: 1.0) for n in range(8)]
    assert waits == sorted(waits) and waits[-1] == POLICY.backoff_max


# --- client-side rate limiting ----------------------------------------------------------


def test_limiter_spaces_requests_over_the_window() -> None:
    now = [0.0]
    limiter = RateLimiter(3, window=10.0, clock=lambda: now[0])
    assert [limiter.reserve() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.reserve() == 10.0  # the 4th waits until the 1st leaves the window
    now[0] = 4.0
    assert limiter.reserve() == 6.0


def test_limiter_is_shared_across_threads() -> None:
    limiter = RateLimiter(50, window=10.0, clock=lambda: 0.0)
    waits: list[float] = []
    lock = threading.Lock()

    def work() -> None:
        for _ in range(25):
            wait = limiter.reserve()
            with lock:
                waits.append(wait)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(waits) == [0.0] * 50 + [10.0] * 50 + [20.0] * 50 + [30.0] * 50


@pytest.mark.parametrize("version", VERSIONS)
async def test_async_client_throttles_with_its_limiter(version: str) -> None:
    client, recorder, sleeps = make_async_client(version, scripted(LIST_OK), rate_limit=2)
    pages = await asyncio.gather(*(alisting(client) for _ in range(5)))
    assert pages == [["5"]] * 5 and len(recorder.requests) == 5
    waits = sorted(s for s in sleeps if s > 0)
    # 2 per 10 s on a clock that moves as tasks sleep: the 3rd and 4th start at 10 s, the 5th
    # at 20 s (two windows)
    assert len(waits) == 2 and sum(waits) >= 20.0


async def alisting(client: Any) -> list[str]:
    return [a.to_id async for a in client.records.list("contacts", 1, "companies")]
