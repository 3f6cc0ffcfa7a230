"""``rate_limit_backend`` on Client and AsyncClient: the shared limiter seen from a client."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable

import pytest
from hubspot_associations import AsyncClient, Client, ConfigurationError, DailyRateLimitError
from hubspot_associations.errors import RateLimitBackendError
from hubspot_associations.ratelimit import RateLimiter
from hubspot_associations.ratelimit_redis import RedisRateLimiter
from hubspot_associations.testing import Emulator
from hubspot_associations.testing.redis_server import RedisServer


def pairs(start: int, count: int) -> list[tuple[int, int]]:
    return [(start + i, 900_000 + i % 50) for i in range(count)]


def test_a_redis_url_selects_the_shared_limiter(redis_server: RedisServer) -> None:
    url = redis_server.url + "?key=portal-1&window=5"
    with Client(access_token="t", rate_limit=7, rate_limit_backend=url) as client:
        limiter = client._settings.limiter
    assert isinstance(limiter, RedisRateLimiter)
    assert (limiter.max_requests, limiter.window, limiter.key) == (7, 5.0, "portal-1")


def test_a_limiter_of_your_own(redis_server: RedisServer) -> None:
    mine = RateLimiter(3, window=1.0)
    assert Client(access_token="t", rate_limit_backend=mine)._settings.limiter is mine
    with pytest.raises(ConfigurationError, match="give rate_limit to your Limiter"):
        Client(access_token="t", rate_limit=3, rate_limit_backend=mine)
    with pytest.raises(TypeError, match="rate_limit_backend"):
        Client(access_token="t", rate_limit_backend=42)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="redis://"):
        AsyncClient(access_token="t", rate_limit_backend="memcached://127.0.0.1:1")


def test_unreachable_redis_fails_when_the_client_is_made() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(RateLimitBackendError, match="cannot reach the Redis rate limiter"):
        Client(access_token="t", rate_limit=10, rate_limit_backend=f"redis://127.0.0.1:{port}/0")


def test_two_clients_share_the_account_limit(
    redis_server: RedisServer, hubspot_emulator_factory: Callable[..., Emulator]
) -> None:
    hub = hubspot_emulator_factory()
    hub.faults.rate_limit(4, interval=1.0)
    url = redis_server.url + "?window=1"
    results = []

    def job(start: int) -> None:
        with Client(
            access_token="t", base_url=hub.url, rate_limit=4, rate_limit_backend=url
        ) as client:
            # 12 requests of 50 each
            for k in range(12):
                results.append(
                    client.batch.associate_default(
                        "contacts", "companies", pairs(start + 50 * k, 50)
                    )
                )

    threads = [threading.Thread(target=job, args=(n * 1_000_000,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(len(r.succeeded) for r in results) == 2 * 12 * 50
    assert all(r.ok for r in results)
    assert len(hub.associations("contacts", "companies")) == 2 * 12 * 50
    assert hub.stats().by_status.get(429, 0) <= 2


def test_a_daily_429_seen_by_one_client_stops_the_other(
    redis_server: RedisServer, hubspot_emulator_factory: Callable[..., Emulator]
) -> None:
    hub = hubspot_emulator_factory()
    hub.faults.rate_limit(None, daily=1)
    first = Client(access_token="t", base_url=hub.url, rate_limit_backend=redis_server.url)
    other = Client(access_token="t", base_url=hub.url, rate_limit_backend=redis_server.url)
    first.records.associate("contacts", 1, "companies", 2)
    with pytest.raises(DailyRateLimitError):
        first.records.associate("contacts", 3, "companies", 4)
    sent = hub.stats().requests
    with pytest.raises(DailyRateLimitError):
        other.records.associate("contacts", 5, "companies", 6)
    assert hub.stats().requests == sent  # refused before sending


def test_redis_lost_mid_job_stops_the_job(
    redis_server_factory: Callable[[], RedisServer],
    hubspot_emulator_factory: Callable[..., Emulator],
) -> None:
    server = redis_server_factory()
    hub = hubspot_emulator_factory()
    client = Client(
        access_token="t", base_url=hub.url, rate_limit=100, rate_limit_backend=server.url
    )

    def stream() -> object:
        for i in range(10_000):
            if i == 4_000:  # two chunks answered, the third being filled: Redis dies
                server.kill()
            yield (5_000_000 + i, 1)

    result = client.batch.associate_default("contacts", "companies", stream())
    # The two answered chunks succeeded; nothing was sent without the limiter: the rest are
    # failures naming the lost limiter (like a DAILY 429, a fatal error for the call).
    assert len(result.succeeded) == 4_000 == len(hub.associations("contacts", "companies"))
    assert hub.stats().requests == 2
    assert len(result.failed_inputs) == 6_000
    errors = {type(failure.error) for failure in result.errors}
    assert errors == {RateLimitBackendError}
    assert "without the shared limit" in result.errors[0].message
    with pytest.raises(RateLimitBackendError):  # a single call raises it
        client.records.associate("contacts", 1, "companies", 2)


async def test_async_client_shares_the_limiter_and_stops_on_a_lost_redis(
    redis_server_factory: Callable[[], RedisServer],
    hubspot_emulator_factory: Callable[..., Emulator],
) -> None:
    server = redis_server_factory()
    hub = hubspot_emulator_factory()
    async with AsyncClient(
        access_token="t", base_url=hub.url, rate_limit=100, rate_limit_backend=server.url
    ) as client:
        result = await client.batch.associate_default("contacts", "companies", pairs(1, 3_000))
        assert result.ok and len(result.succeeded) == 3_000
        assert isinstance(client._settings.limiter, RedisRateLimiter)
        server.kill()
        result = await client.batch.associate_default("contacts", "companies", pairs(10_000, 10))
        assert {type(f.error) for f in result.errors} == {RateLimitBackendError}
        assert len(result.failed_inputs) == 10
        with pytest.raises(RateLimitBackendError):
            await client.records.associate("contacts", 1, "companies", 2)
