"""Pacing from HubSpot's rate-limit headers, and tokens that expire, on the emulator; and the
limiter itself on a fake clock. Counts are asserted (429s, failures), never time."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any
from unittest import mock

import pytest
from hubspot_associations import AsyncClient, Client, DailyRateLimitError
from hubspot_associations.ratelimit import Limiter, RateLimiter
from hubspot_associations.testing import Emulator

SMALL = 5  # inputs per request: many requests from a small job
PAIRS = [(i, 1000 + i) for i in range(1, 61)]  # 12 requests


def limited(hub: Emulator) -> None:
    hub.reset()
    hub.faults.rate_limit(2, interval=0.5)  # 4 requests/s, headers on every answer


def count_429(hub: Emulator) -> int:
    return hub.stats().by_status.get(429, 0)


@pytest.mark.parametrize("version", ["v4"])
def test_client_paces_itself_from_the_headers(hubspot_emulator: Emulator, version: str) -> None:
    limited(hubspot_emulator)
    with (
        Client("t", version=version, base_url=hubspot_emulator.url) as client,
        mock.patch("hubspot_associations._batch_operations.WRITE_CHUNK", SMALL),
    ):
        result = client.batch.associate_default("contacts", "companies", iter(PAIRS))
    assert result.ok and result.succeeded_count == 60
    assert count_429(hubspot_emulator) <= 1


@pytest.mark.parametrize("version", ["2026-03"])
def test_async_client_paces_its_concurrent_chunks(hubspot_emulator: Emulator, version: str) -> None:
    limited(hubspot_emulator)

    async def run() -> Any:
        async with AsyncClient("t", version=version, base_url=hubspot_emulator.url) as client:
            with mock.patch("hubspot_associations._batch_operations.WRITE_CHUNK", SMALL):
                return await client.batch.associate_default("contacts", "companies", PAIRS)

    result = asyncio.run(run())
    assert result.ok and result.succeeded_count == 60
    # the first chunk goes alone and its answer names the limit; then 4 chunks are in flight
    assert count_429(hubspot_emulator) <= 3
    assert hubspot_emulator.associations("contacts", "companies") == {
        (str(a), str(b)) for a, b in PAIRS
    }


class MintingCallable:
    """What a user's OAuth helper does: refresh the token once its lifetime has passed
    (counted from before the refresh request, as the server counts from later)."""

    def __init__(self, hub: Emulator, lifetime: float) -> None:
        self.hub, self.lifetime = hub, lifetime
        self.token, self.expires = "", 0.0

    def __call__(self) -> str:
        now = time.monotonic()
        if now >= self.expires:
            self.token = self.hub.faults.mint_token()
            self.expires = now + self.lifetime
        return self.token


@pytest.mark.parametrize("version", ["2026-03"])
def test_tokens_expiring_in_flight_are_refreshed(hubspot_emulator: Emulator, version: str) -> None:
    hub = hubspot_emulator
    hub.reset()
    hub.faults.expire_tokens(0.2).add_latency(0.05)
    token = MintingCallable(hub, 0.2)

    async def run() -> Any:
        async with AsyncClient(token, version=version, base_url=hub.url) as client:
            with mock.patch("hubspot_associations._batch_operations.WRITE_CHUNK", SMALL):
                return await client.batch.associate_default("contacts", "companies", PAIRS * 2)

    with (
        Client(token, version=version, base_url=hub.url) as client,
        mock.patch("hubspot_associations._batch_operations.WRITE_CHUNK", SMALL),
    ):
        result = client.batch.associate_default("contacts", "companies", PAIRS * 2)
    assert result.ok and result.succeeded_count == 120, result.errors[:1]
    result = asyncio.run(run())
    assert result.ok and result.succeeded_count == 120, result.errors[:1]
    assert hub.stats().by_status.get(401, 0) >= 1  # tokens did expire on the way


def test_a_static_token_that_expires_is_fatal(hubspot_emulator: Emulator) -> None:
    hub = hubspot_emulator
    hub.reset()
    hub.faults.expire_tokens(0.0)
    with Client(hub.faults.mint_token(), base_url=hub.url) as client:
        result = client.batch.associate_default("contacts", "companies", PAIRS[:20])
    assert result.failed_count == 20 and result.errors[0].category == "EXPIRED_AUTHENTICATION"
    assert hub.stats().requests == 1  # no retry, and the rest was not sent


# --- the limiter on a fake clock -------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


HEADERS = {
    "X-HubSpot-RateLimit-Max": "2",
    "X-HubSpot-RateLimit-Remaining": "1",
    "X-HubSpot-RateLimit-Interval-Milliseconds": "1000",
}


def test_the_limiter_learns_the_limit_from_the_headers() -> None:
    clock = Clock()
    limiter = RateLimiter(None, clock=clock)
    assert isinstance(limiter, Limiter)
    assert [limiter.reserve() for _ in range(3)] == [0.0, 0.0, 0.0]  # nothing known yet
    limiter.observe(200, HEADERS)
    assert limiter.reserve() > 1.0  # 2 per second, 3 already sent at 0
    assert "2 per 1s" in repr(limiter)


def test_a_configured_cap_wins_when_it_is_stricter() -> None:
    clock = Clock()
    limiter = RateLimiter(1, window=10.0, clock=clock)
    limiter.observe(200, HEADERS)  # the account allows 2/s; the user asked for 1 per 10 s
    assert limiter.reserve() == 0.0 and limiter.reserve() == 10.0


def test_a_429_pauses_every_request_and_daily_fails_fast() -> None:
    clock = Clock()
    limiter = RateLimiter(None, clock=clock)
    limiter.observe(429, {"Retry-After": "3"})
    assert limiter.reserve() == 3.0
    clock.now = 10.0
    limiter.observe(429, {"X-HubSpot-RateLimit-Daily-Remaining": "0"})
    with pytest.raises(DailyRateLimitError):
        limiter.reserve()


def test_other_apps_using_the_window_pause_the_client() -> None:
    clock = Clock()
    limiter = RateLimiter(None, clock=clock)
    limiter.observe(200, HEADERS)
    limiter.reserve()
    limiter.observe(200, {**HEADERS, "X-HubSpot-RateLimit-Remaining": "0"})
    assert limiter.reserve() >= 1.0


def test_our_own_late_arriving_request_is_not_taken_for_another_app() -> None:
    # A serial client: request 1 booked at 0.0 reaches the server a little later; request 2
    # booked at 0.9. An answer at 1.05 says nothing remains: both are ours, no extra pause.
    clock = Clock()
    limiter = RateLimiter(None, clock=clock)
    limiter.observe(200, HEADERS)
    assert limiter.reserve() == 0.0
    clock.now = 0.9
    assert limiter.reserve() == 0.0
    clock.now = 1.05
    limiter.observe(200, {**HEADERS, "X-HubSpot-RateLimit-Remaining": "0"})
    assert limiter.reserve() == pytest.approx(1.105 - 1.05)  # the window, not a pause


def test_the_learned_limit_is_shared_by_threads() -> None:
    clock = Clock()
    limiter = RateLimiter(None, clock=clock)
    limiter.observe(200, {**HEADERS, "X-HubSpot-RateLimit-Max": "10"})
    waits: list[float] = []
    lock = threading.Lock()

    def work() -> None:
        for _ in range(10):
            wait = limiter.reserve()
            with lock:
                waits.append(wait)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # 10 per second: 40 requests spread over 4 windows, 10 in each
    assert [round(w) for w in sorted(waits)] == [0] * 10 + [1] * 10 + [2] * 10 + [3] * 10
