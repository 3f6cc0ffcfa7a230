"""Rate-limit headers a server may get wrong or abuse (issue 16): infinite, NaN, negative,
huge or non-ASCII numbers never make a wait infinite or unsleepable, and a client that met
them goes on working (before, one ``Retry-After: inf`` left every later call raising a bare
``OverflowError`` from ``time.sleep``)."""

from __future__ import annotations

import math
from collections.abc import Callable

import httpx
import pytest
from hubspot_associations import RateLimitError
from hubspot_associations._wire import MAX_SERVER_WAIT, announced_limit, retry_after_seconds
from hubspot_associations.ratelimit import MAX_PAUSE, RateLimiter

from .fakes import make_client, rate_limited

HOSTILE = [
    "inf",
    "-inf",
    "nan",
    "1e308",
    "1e12",
    "-5",
    "99999999999999999999",
    "\u0661\u0660",
    "0x10",
    "1_0",
]
WAIT_HEADERS = ["Retry-After", "X-HubSpot-RateLimit-Interval-Milliseconds"]
LABELS = {"results": []}


def once_then_ok(first: httpx.Response) -> Callable[[httpx.Request], httpx.Response]:
    answers = [first]

    def handler(request: httpx.Request) -> httpx.Response:
        return answers.pop() if answers else httpx.Response(200, json=LABELS)

    return handler


@pytest.mark.parametrize("name", WAIT_HEADERS)
@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_wait_header_leaves_the_client_usable(name: str, value: str) -> None:
    first = rate_limited("TEN_SECONDLY_ROLLING", {name: value.encode()})  # type: ignore[dict-item]
    client, _, sleeps = make_client("2026-03", once_then_ok(first))
    with client:
        try:
            client.labels.list("contacts", "companies")
        except RateLimitError as exc:  # a wait over max_wait is not waited for: fine
            assert exc.retry_after is None or 0 <= exc.retry_after <= MAX_SERVER_WAIT
        for _ in range(3):  # the calls after it are not broken
            assert client.labels.list("contacts", "companies") == []
    assert all(math.isfinite(s) and 0 <= s <= MAX_PAUSE * 1.1 for s in sleeps), sleeps


@pytest.mark.parametrize("value", ["inf", "nan", "1e308", "-1", "0", "1.5", "99999999999"])
def test_a_hostile_announced_limit_is_not_learned(value: str) -> None:
    headers = {
        "X-HubSpot-RateLimit-Max": value,
        "X-HubSpot-RateLimit-Interval-Milliseconds": "10000",
        "X-HubSpot-RateLimit-Remaining": value,
    }
    client, recorder, sleeps = make_client(
        "2026-03", lambda request: httpx.Response(200, json=LABELS, headers=headers)
    )
    with client:
        for _ in range(5):
            assert client.labels.list("contacts", "companies") == []
    assert all(s <= 10.5 for s in sleeps), sleeps
    assert len(recorder.requests) == 5


@pytest.mark.parametrize("value", ["inf", "nan", "1e308", "-1000", "0", "86400001", "1e4"])
def test_a_hostile_window_is_not_learned(value: str) -> None:
    limiter = RateLimiter(None, clock=lambda: 0.0)
    headers = {"X-HubSpot-RateLimit-Max": "1", "X-HubSpot-RateLimit-Interval-Milliseconds": value}
    limiter.observe(200, headers)
    assert [limiter.reserve() for _ in range(3)] == [0.0, 0.0, 0.0]


def test_believable_headers_are_still_read() -> None:
    assert retry_after_seconds({"retry-after": " 2 "}) == 2.0
    assert retry_after_seconds({"X-HubSpot-RateLimit-Interval-Milliseconds": "1500"}) == 1.5
    assert retry_after_seconds({"Retry-After": "0.25"}) == 0.25
    assert retry_after_seconds({"Retry-After": "1e12"}) is None
    assert retry_after_seconds({"Retry-After": "9" * 15}) == MAX_SERVER_WAIT
    assert announced_limit(
        {"X-HubSpot-RateLimit-Max": "190", "X-HubSpot-RateLimit-Interval-Milliseconds": "10000"}
    ) == (190, 10.0)


@pytest.mark.parametrize("value", ["61", "999999999", str(10**14)])
def test_the_limiter_pauses_at_most_max_pause(value: str) -> None:
    clock = [0.0]
    limiter = RateLimiter(None, clock=lambda: clock[0])
    limiter.observe(429, {"Retry-After": value})
    assert limiter.reserve() == MAX_PAUSE
    clock[0] = MAX_PAUSE
    assert limiter.reserve() == 0.0
