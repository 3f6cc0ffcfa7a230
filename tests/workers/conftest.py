"""A real redis-server on 127.0.0.1 (random free port, temp dir, no persistence) per session,
flushed before each test; ``redis_server_factory`` starts private ones (e.g. to kill)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import redis
from hubspot_associations.testing.redis_server import RedisServer


@pytest.fixture(scope="session")
def redis_server_session() -> Iterator[RedisServer]:
    with RedisServer() as server:
        yield server


@pytest.fixture
def redis_server(redis_server_session: RedisServer) -> Iterator[RedisServer]:
    client = redis.Redis.from_url(redis_server_session.url)
    client.flushall()
    client.close()
    yield redis_server_session


@pytest.fixture
def redis_server_factory() -> Iterator[Callable[[], RedisServer]]:
    started: list[RedisServer] = []

    def start() -> RedisServer:
        server = RedisServer().start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
