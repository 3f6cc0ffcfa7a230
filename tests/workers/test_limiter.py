"""The Redis limiter against a real redis-server: what several workers sharing it would see."""

from __future__ import annotations

import multiprocessing
import socket
import time
from collections.abc import Callable

import pytest
import redis
from hubspot_associations import ConfigurationError, DailyRateLimitError
from hubspot_associations.errors import RateLimitBackendError
from hubspot_associations.ratelimit_redis import RedisRateLimiter, redact_url
from hubspot_associations.testing.redis_server import RedisServer


def workers(
    url: str, n: int, max_requests: int | None = 10, **options: object
) -> list[RedisRateLimiter]:
    """``n`` limiters on one Redis, as ``n`` workers of one account would have."""
    return [RedisRateLimiter(url, max_requests, **options) for _ in range(n)]  # type: ignore[arg-type]


def test_workers_share_one_rolling_window(redis_server: RedisServer) -> None:
    a, b, c = workers(redis_server.url, 3, 10, window=10.0)
    waits = [limiter.reserve() for _ in range(10) for limiter in (a, b, c)]
    # 30 requests, 10 per 10 s for the three together: 10 now, 10 a window later, 10 after.
    assert sum(w == 0 for w in waits) == 10
    assert sum(9 < w <= 10.5 for w in waits) == 10
    assert sum(19 < w <= 20.5 for w in waits) == 10


def test_the_margin_widens_the_window(redis_server: RedisServer) -> None:
    limiter = RedisRateLimiter(redis_server.url, 1, window=10.0)  # default margin: 2 %
    assert limiter.margin == 0.2
    limiter.reserve()
    assert 10.1 < limiter.reserve() <= 10.2
    exact = RedisRateLimiter(redis_server.url, 1, window=10.0, margin=0, key="exact")
    exact.reserve()
    assert 9.9 < exact.reserve() <= 10.0


def test_accounts_are_separate_keys(redis_server: RedisServer) -> None:
    one = RedisRateLimiter(redis_server.url, 2, key="portal-1")
    other = RedisRateLimiter(redis_server.url, 2, key="portal-2")
    assert [one.reserve(), one.reserve()] == [0.0, 0.0]
    assert [other.reserve(), other.reserve()] == [0.0, 0.0]
    assert one.reserve() > 9


def _book(url: str, count: int, start: multiprocessing.synchronize.Event) -> list[float]:
    limiter = RedisRateLimiter(url, 5, window=10.0)  # margin 0.2 s
    start.wait()
    return [time.time() + limiter.reserve() for _ in range(count)]


def test_processes_never_book_more_than_the_limit_in_any_window(redis_server: RedisServer) -> None:
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        go = manager.Event()
        with context.Pool(4) as pool:
            pending = [pool.apply_async(_book, (redis_server.url, 4, go)) for _ in range(4)]
            time.sleep(0.5)
            go.set()
            slots = sorted(t for result in pending for t in result.get(timeout=60))
            pool.close()  # let the workers exit by themselves rather than be terminated
            pool.join()
    assert len(slots) == 16
    # Any 6 consecutive bookings span at least the window: never 6 in 10 seconds. (Slots are
    # booked on Redis' clock and read here on ours, a round trip later: within the margin.)
    for i in range(len(slots) - 5):
        assert slots[i + 5] - slots[i] >= 10.0


def test_shared_daily_count_stops_every_worker(redis_server: RedisServer) -> None:
    a, b = workers(redis_server.url, 2, None, daily_limit=5)
    for _ in range(3):
        a.reserve()
    b.reserve()
    b.reserve()
    for limiter in (a, b):
        with pytest.raises(DailyRateLimitError) as caught:
            limiter.reserve()
        assert caught.value.policy == "DAILY"
        assert "daily limit of 5" in str(caught.value)


def test_a_daily_429_seen_by_one_worker_stops_the_others(redis_server: RedisServer) -> None:
    a, b = workers(redis_server.url, 2)
    b.reserve()
    a.observe(
        429, {"X-HubSpot-RateLimit-Daily": "1000", "X-HubSpot-RateLimit-Daily-Remaining": "0"}
    )
    with pytest.raises(DailyRateLimitError):
        b.reserve()
    with pytest.raises(DailyRateLimitError):
        a.reserve()


def test_daily_remaining_zero_on_a_success_stops_the_next_request(
    redis_server: RedisServer,
) -> None:
    a, b = workers(redis_server.url, 2)
    a.observe(200, {"X-HubSpot-RateLimit-Daily-Remaining": "0"})
    with pytest.raises(DailyRateLimitError):
        b.reserve()


def test_stop_daily_and_reset(redis_server: RedisServer) -> None:
    a, b = workers(redis_server.url, 2)
    a.stop_daily()
    with pytest.raises(DailyRateLimitError):
        b.reserve()
    a.reset()
    assert b.reserve() == 0.0


def test_a_ten_secondly_429_pauses_every_worker(redis_server: RedisServer) -> None:
    a, b = workers(redis_server.url, 2, 100)
    assert b.reserve() == 0.0
    a.observe(429, {"Retry-After": "3", "X-HubSpot-RateLimit-Interval-Milliseconds": "10000"})
    assert 2.5 < b.reserve() <= 3.0
    a.observe(429, {"X-HubSpot-RateLimit-Interval-Milliseconds": "2000"})
    assert 2.5 < b.reserve() <= 3.0  # a shorter pause never shortens the current one


def test_pacing_learned_from_headers_without_a_configured_limit(
    redis_server: RedisServer,
) -> None:
    a, b = workers(redis_server.url, 2, None, margin=0.0)
    assert [a.reserve() for _ in range(5)] == [0.0] * 5  # nothing known yet: no pacing
    a.observe(
        200, {"X-HubSpot-RateLimit-Max": "2", "X-HubSpot-RateLimit-Interval-Milliseconds": "1000"}
    )
    waits = [b.reserve() for _ in range(4)]
    assert waits[:2] == [0.0, 0.0]
    assert all(0.9 < w <= 1.0 for w in waits[2:])


def test_headers_tighter_than_the_configured_limit_win(redis_server: RedisServer) -> None:
    a, b = workers(redis_server.url, 2, 190)
    a.observe(
        200, {"X-HubSpot-RateLimit-Max": "3", "X-HubSpot-RateLimit-Interval-Milliseconds": "10000"}
    )
    waits = [b.reserve() for _ in range(4)]
    assert waits[:3] == [0.0] * 3 and waits[3] > 9


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_unreachable_redis_is_a_clear_error_at_start() -> None:
    url = f"redis://:s3cret-pass@127.0.0.1:{_closed_port()}/0"
    with pytest.raises(RateLimitBackendError) as caught:
        RedisRateLimiter(url, 10, socket_timeout=0.5)
    message = str(caught.value)
    assert "cannot reach the Redis rate limiter" in message
    assert "s3cret-pass" not in message and "***" in message


def test_redis_lost_mid_job_stops_instead_of_sending_unthrottled(
    redis_server_factory: Callable[[], RedisServer],
) -> None:
    server = redis_server_factory()
    limiter = RedisRateLimiter(server.url, 10, socket_timeout=0.5)
    assert limiter.reserve() == 0.0
    server.kill()
    limiter.observe(
        200, {"X-HubSpot-RateLimit-Max": "9", "X-HubSpot-RateLimit-Interval-Milliseconds": "10000"}
    )  # no raise
    with pytest.raises(RateLimitBackendError) as caught:
        limiter.reserve()
    assert "without the shared limit" in str(caught.value)
    with pytest.raises(RateLimitBackendError):
        limiter.reserve()
    # Back on the same port (its state and scripts gone): the limiter works again.
    server.start()
    assert limiter.reserve() == 0.0


def test_from_url_reads_our_parameters_and_passes_the_rest(redis_server: RedisServer) -> None:
    url = redis_server.url + "?window=2&daily=7&key=portal-9&tz=Europe/Berlin&margin=0.05"
    limiter = RedisRateLimiter.from_url(url + "&max=4&socket_keepalive=true")
    assert (limiter.max_requests, limiter.window, limiter.daily_limit) == (4, 2.0, 7)
    assert (limiter.key, str(limiter.timezone), limiter.margin) == (
        "portal-9",
        "Europe/Berlin",
        0.05,
    )
    assert RedisRateLimiter.from_url(url, 4).max_requests == 4
    with pytest.raises(ConfigurationError, match="disagree"):
        RedisRateLimiter.from_url(url + "&max=4", 5)
    with pytest.raises(ConfigurationError, match="redis://"):
        RedisRateLimiter.from_url("http://127.0.0.1:1/0", 5)
    with pytest.raises(ConfigurationError, match="bad rate limit parameter"):
        RedisRateLimiter.from_url(redis_server.url + "?window=soon", 5)
    with pytest.raises(ConfigurationError, match="time zone"):
        RedisRateLimiter.from_url(redis_server.url + "?tz=Mars/Olympus", 5)


def test_bad_arguments() -> None:
    with pytest.raises(TypeError):
        RedisRateLimiter("redis://127.0.0.1:1/0", "10")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        RedisRateLimiter("redis://127.0.0.1:1/0", 0)
    with pytest.raises(ValueError):
        RedisRateLimiter("redis://127.0.0.1:1/0", 10, key="a{b}")


def test_a_redis_client_of_your_own(redis_server: RedisServer) -> None:
    client = redis.Redis.from_url(redis_server.url)
    limiter = RedisRateLimiter(client, 1, window=5.0)
    assert limiter.reserve() == 0.0
    assert 4.9 < limiter.reserve() <= 5.1
    assert "127.0.0.1" in repr(limiter)


def test_redact_url() -> None:
    assert redact_url("redis://user:pw@host:6379/0") == "redis://user:***@host:6379/0"
    assert redact_url("redis://:pw@host/0") == "redis://:***@host/0"
    assert redact_url("redis://host:6379/0") == "redis://host:6379/0"
