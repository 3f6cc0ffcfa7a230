"""The Redis limiter against hostile rate-limit headers (issue 16): no header value pauses the
workers for longer than ``MAX_PAUSE``, breaks the shared state, or is learned as a limit."""

from __future__ import annotations

import pytest
from hubspot_associations.ratelimit_redis import RedisRateLimiter
from hubspot_associations.testing.redis_server import RedisServer

MAX_PAUSE = 60.0  # hubspot_associations.ratelimit.MAX_PAUSE


@pytest.mark.parametrize(
    "value", ["inf", "nan", "1e308", "-5", "1000000000000", "99999999999999999"]
)
def test_a_hostile_retry_after_pauses_the_workers_a_bounded_time(
    redis_server: RedisServer, value: str
) -> None:
    a, b = (RedisRateLimiter(redis_server.url, 100, key="hostile") for _ in range(2))
    a.observe(429, {"Retry-After": value})
    # neither the worker that saw it nor another one is broken or paused for long
    assert all(0 <= limiter.reserve() <= MAX_PAUSE for limiter in (a, b, a))


@pytest.mark.parametrize("value", ["inf", "1e308", "1e3", "-1", "0", "99999999999999999999"])
def test_a_hostile_announced_limit_is_not_shared(redis_server: RedisServer, value: str) -> None:
    a, b = (RedisRateLimiter(redis_server.url, None, key="announced") for _ in range(2))
    a.observe(
        200, {"X-HubSpot-RateLimit-Max": "1", "X-HubSpot-RateLimit-Interval-Milliseconds": value}
    )
    a.observe(
        200, {"X-HubSpot-RateLimit-Max": value, "X-HubSpot-RateLimit-Interval-Milliseconds": "10"}
    )
    assert [b.reserve() for _ in range(3)] == [0.0, 0.0, 0.0]
