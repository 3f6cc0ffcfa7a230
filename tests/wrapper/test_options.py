"""``with_options``: a copy for one call or a block, sharing the pool; per-call ``timeout=``."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from hubspot_associations import (
    AsyncClient,
    Client,
    ConfigurationError,
    ServerError,
    latest_version,
)

from .fakes import BASE, TOKEN, error_response, make_async_client, make_client

LABELS = {"results": [{"category": "USER_DEFINED", "typeId": 36, "label": "Manager"}]}


def ok(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=LABELS)


def read_timeout(request: httpx.Request) -> float | None:
    timeout: dict[str, float | None] = request.extensions["timeout"]
    return timeout["read"]


def test_a_copy_shares_the_pool_and_closing_it_closes_nothing() -> None:
    with Client(TOKEN, base_url=BASE) as client:
        copy = client.with_options(timeout=5)
        assert copy._http is client._http  # one connection pool
        assert copy._settings.limiter is client._settings.limiter
        assert copy._settings.token is client._settings.token
        with copy:
            pass
        copy.close()
        assert not client._http.is_closed  # the original still owns and uses it
    assert client._http.is_closed


def test_options_apply_to_the_copy_only_and_stats_are_shared() -> None:
    client, recorder, _ = make_client(latest_version(), ok, timeout=20)
    client.labels.list("contacts", "companies")
    client.with_options(timeout=2.5).labels.list("contacts", "companies")
    client.labels.list("contacts", "companies")
    assert [read_timeout(r) for r in recorder.requests] == [20, 2.5, 20]
    assert client.stats.requests == 3  # the copy's request counts in the original's stats
    assert "SECRET" not in repr(client.with_options(max_retries=0))


def test_max_retries_of_a_copy() -> None:
    def unavailable(request: httpx.Request) -> httpx.Response:
        return error_response(503, "SERVICE_UNAVAILABLE", "down")

    client, recorder, _ = make_client(latest_version(), unavailable, max_retries=3)
    with pytest.raises(ServerError):
        client.with_options(max_retries=0).labels.list("contacts", "companies")
    assert len(recorder.requests) == 1
    with pytest.raises(ServerError):
        client.labels.list("contacts", "companies")
    assert len(recorder.requests) == 1 + 4


def test_call_timeout_of_a_copy() -> None:
    client, _, _ = make_client(latest_version(), ok)
    assert client.with_options(call_timeout=7).with_options()._settings.call_timeout == 7.0
    assert client._settings.call_timeout is None
    copy = client.with_options(max_answer_bytes=4096)
    assert copy._settings.max_answer_bytes == 4096 and copy.labels.list("a", "b")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"timeout": 0}, "timeout must be a positive"),
        ({"timeout": "5"}, "timeout must be a number"),
        ({"call_timeout": -1}, "call_timeout must be a positive"),
        ({"max_retries": -1}, "max_retries must be >= 0"),
        ({"max_retries": "3"}, "max_retries must be an int"),
        ({"max_answer_bytes": 10}, "max_answer_bytes must be at least 1024"),
    ],
)
def test_bad_options_raise_configuration_error(options: dict[str, Any], message: str) -> None:
    client = Client(TOKEN, base_url=BASE)
    with pytest.raises(ConfigurationError, match=message):
        client.with_options(**options)
    with pytest.raises(ConfigurationError, match=message):
        AsyncClient(TOKEN, base_url=BASE).with_options(**options)
    with pytest.raises(TypeError):
        client.with_options(base_url="http://elsewhere")  # type: ignore[call-arg]


# Every option a client takes: (option, a bad value, the message, whether the value is of the
# wrong type: then the error is a TypeError too, as it always was).
BAD = [
    ("access_token", "", "access_token must be a non-empty str", False),
    ("access_token", 123, "access_token must be a non-empty str or a callable", True),
    ("version", "2019-01", "unknown API version '2019-01'", False),
    ("version", 4, "version must be a str", True),
    ("base_url", "127.0.0.1:8080", "base_url must be an http", False),
    ("base_url", b"http://x", "base_url must be an http", True),
    ("timeout", 0, "timeout must be a positive", False),
    ("timeout", "5", "timeout must be a number", True),
    ("max_retries", -1, "max_retries must be >= 0", False),
    ("max_retries", "3", "max_retries must be an int", True),
    ("http_client", object(), "http_client must be an httpx", True),
    ("rate_limit", 0, "rate_limit must be >= 1", False),
    ("rate_limit", "190", "rate_limit must be an int", True),
    ("call_timeout", -1, "call_timeout must be a positive", False),
    ("call_timeout", "1", "call_timeout must be a number", True),
    ("max_answer_bytes", 10, "max_answer_bytes must be at least 1024", False),
    ("max_answer_bytes", 2048.0, "max_answer_bytes must be an int", True),
    ("rate_limit_backend", "memcached://127.0.0.1:1", "redis://", False),
    ("rate_limit_backend", 42, "rate_limit_backend must be a redis:// URL or a Limiter", True),
    ("max_concurrency", 0, "max_concurrency must be >= 1", False),
    ("max_concurrency", True, "max_concurrency must be an int", True),
]
COPY_OPTIONS = {"timeout", "max_retries", "call_timeout", "max_answer_bytes", "max_concurrency"}


@pytest.mark.parametrize("cls", [Client, AsyncClient])
@pytest.mark.parametrize(
    ("option", "value", "message", "wrong_type"), BAD, ids=[f"{b[0]}={b[1]!r}" for b in BAD]
)
def test_every_bad_option_raises_configuration_error_whichever_way_it_is_given(
    cls: type[Client | AsyncClient], option: str, value: Any, message: str, wrong_type: bool
) -> None:
    """One validator: the constructor and ``with_options`` (a call's ``timeout=`` is
    ``with_options``) raise the same ``ConfigurationError``."""
    if option == "max_concurrency" and cls is Client:
        pytest.skip("the sync client sends one chunk at a time: it has no max_concurrency")
    with pytest.raises(ConfigurationError, match=message) as raised:
        cls(**{"access_token": TOKEN, "base_url": BASE, option: value})
    assert isinstance(raised.value, TypeError) is wrong_type
    if option in COPY_OPTIONS:
        with pytest.raises(ConfigurationError, match=message) as raised:
            cls(TOKEN, base_url=BASE).with_options(**{option: value})
        assert isinstance(raised.value, TypeError) is wrong_type


def test_async_max_concurrency_is_checked() -> None:
    client = AsyncClient(TOKEN, base_url=BASE)
    assert client.with_options(max_concurrency=2)._settings.max_concurrency == 2
    assert client.batch._max_concurrency == 4
    assert client.with_options(max_concurrency=2).batch._max_concurrency == 2
    with pytest.raises(ConfigurationError, match="max_concurrency must be >= 1"):
        client.with_options(max_concurrency=0)


CALLS = [
    ("labels.list", lambda c, t: c.labels.list("contacts", "companies", timeout=t)),
    ("labels.create", lambda c, t: c.labels.create("contacts", "companies", "M", timeout=t)),
    ("labels.update", lambda c, t: c.labels.update("contacts", "companies", 36, "M", timeout=t)),
    ("labels.delete", lambda c, t: c.labels.delete("contacts", "companies", 36, timeout=t)),
    ("limits.list", lambda c, t: c.limits.list(timeout=t)),
    ("reports.high_usage", lambda c, t: c.reports.high_usage(7, timeout=t)),
    ("records.associate", lambda c, t: c.records.associate("contacts", 1, "0-2", 2, timeout=t)),
    ("records.remove", lambda c, t: c.records.remove("contacts", 1, "0-2", 2, timeout=t)),
]


@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize(("name", "call"), CALLS, ids=[c[0] for c in CALLS])
def test_per_call_timeout(kind: str, name: str, call: Any) -> None:
    from .test_requests import answer

    make = make_client if kind == "sync" else make_async_client
    client, recorder, _ = make(latest_version(), answer, timeout=30)

    def run(timeout: Any) -> None:
        result = call(client, timeout)
        if kind == "async":
            asyncio.run(result)

    run(1.5)
    run(None)
    run(httpx.Timeout(4.0, read=9.0))
    assert [read_timeout(r) for r in recorder.requests] == [1.5, 30, 9.0]
    with pytest.raises(ConfigurationError):
        run(-1)


def test_the_connection_pool_is_built_on_the_first_request() -> None:
    """Building an httpx client loads the CA bundle (~40 ms): a client made and never used
    does not pay it. Copies share the one pool; closing before use closes it for good."""
    from hubspot_associations import Client

    client = Client(TOKEN, base_url="http://127.0.0.1:9")
    copy = client.with_options(timeout=5)
    assert client._pool.built is None and copy._pool is client._pool
    http = client._http  # the first request would do this
    assert isinstance(http, httpx.Client) and copy._http is http
    client.close()
    assert http.is_closed
    unused = Client(TOKEN, base_url="http://127.0.0.1:9")
    unused.close()
    assert unused._pool.built is None  # nothing was built, nothing to close
    with pytest.raises(RuntimeError, match="closed"):
        unused.labels.list("contacts", "companies")
