"""Token callables (issue 16): ``AsyncClient`` awaits an ``async def`` one (within the call's
``call_timeout``), ``Client`` refuses one clearly, when it is made or, for a sync callable
that returns an awaitable, when it is called, before anything is sent. One that raises
fails the call with outcome ``failed`` (nothing was sent), its exception as the cause, no
token in the text."""

from __future__ import annotations

import asyncio
import functools
import gc
import time
import warnings
from typing import Any

import httpx
import pytest
from hubspot_associations import (
    FAILED,
    UNKNOWN,
    CallTimeoutError,
    Client,
    ConfigurationError,
)

from .fakes import BASE, TOKEN, error_response, make_async_client, make_client

pytestmark = pytest.mark.no_contract

VERSION = "2026-03"
LABELS = {"results": [{"category": "HUBSPOT_DEFINED", "typeId": 279, "label": None}]}


def labels(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=LABELS)


async def fetch_token() -> str:
    await asyncio.sleep(0)
    return TOKEN


class AsyncCallable:
    async def __call__(self) -> str:
        return await fetch_token()


ASYNC_SOURCES = {
    "async def": fetch_token,
    "async __call__": AsyncCallable(),
    "partial of async def": functools.partial(fetch_token),
}


@pytest.mark.parametrize("source", ASYNC_SOURCES.values(), ids=ASYNC_SOURCES.keys())
async def test_async_client_awaits_an_async_token_callable(source: Any) -> None:
    client, recorder, _ = make_async_client(VERSION, labels, token=source)
    found = await client.labels.list("contacts", "companies")
    assert [label.type_id for label in found] == [279]
    assert [r.headers["Authorization"] for r in recorder.requests] == [f"Bearer {TOKEN}"]


async def test_async_client_awaits_what_a_sync_token_callable_returns() -> None:
    client, recorder, _ = make_async_client(VERSION, labels, token=lambda: fetch_token())
    await client.labels.list("contacts", "companies")
    assert recorder.requests[0].headers["Authorization"] == f"Bearer {TOKEN}"


async def test_an_async_token_callable_is_awaited_again_after_a_401() -> None:
    tokens = iter(["expired", "fresh"])

    async def token() -> str:
        return next(tokens)

    def handler(request: httpx.Request) -> httpx.Response:
        if request.headers["Authorization"] == "Bearer expired":
            return error_response(401, "EXPIRED_AUTHENTICATION", "The OAuth token expired.")
        return labels(request)

    client, recorder, _ = make_async_client(VERSION, handler, token=token)
    await client.labels.list("contacts", "companies")
    assert [r.headers["Authorization"] for r in recorder.requests] == [
        "Bearer expired",
        "Bearer fresh",
    ]


async def test_call_timeout_bounds_an_async_token_callable() -> None:
    async def token() -> str:
        await asyncio.sleep(30)
        return TOKEN

    client, recorder, _ = make_async_client(VERSION, labels, token=token, call_timeout=0.3)
    started = time.monotonic()
    with pytest.raises(CallTimeoutError) as info:
        await client.labels.list("contacts", "companies")
    assert time.monotonic() - started < 5
    assert info.value.outcome == FAILED  # nothing was sent
    assert recorder.requests == []


@pytest.mark.parametrize("source", ASYNC_SOURCES.values(), ids=ASYNC_SOURCES.keys())
def test_client_refuses_an_async_token_callable_when_made(source: Any) -> None:
    with pytest.raises(ConfigurationError, match="async function: Client needs"):
        Client(source, base_url=BASE)


def test_client_refuses_a_token_callable_that_returns_an_awaitable() -> None:
    client, recorder, _ = make_client(VERSION, labels, token=lambda: fetch_token())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(ConfigurationError, match="returned an awaitable") as info:
            client.labels.list("contacts", "companies")
        gc.collect()
    assert recorder.requests == []
    assert info.value.outcome == FAILED
    assert [str(w.message) for w in caught if "never awaited" in str(w.message)] == []


class VaultDown(Exception):
    pass


def raising() -> str:
    raise VaultDown(f"could not renew Bearer {TOKEN}; token={TOKEN}")


async def raising_async() -> str:
    await asyncio.sleep(0)
    return raising()


def check_failed(error: ConfigurationError, recorder: Any) -> None:
    assert error.outcome == FAILED
    assert isinstance(error.__cause__, VaultDown)
    assert "access_token callable raised VaultDown" in str(error)
    assert TOKEN not in str(error) and TOKEN not in repr(error)
    assert recorder.requests == []


@pytest.mark.parametrize("call_timeout", [None, 10.0], ids=["no call_timeout", "call_timeout"])
def test_a_raising_token_callable_fails_the_call_before_sending(call_timeout: Any) -> None:
    client, recorder, _ = make_client(VERSION, labels, token=raising, call_timeout=call_timeout)
    with pytest.raises(ConfigurationError) as info:
        client.labels.list("contacts", "companies")
    check_failed(info.value, recorder)


@pytest.mark.parametrize("source", [raising, raising_async], ids=["def", "async def"])
@pytest.mark.parametrize("call_timeout", [None, 10.0], ids=["no call_timeout", "call_timeout"])
async def test_async_a_raising_token_callable_fails_the_call_before_sending(
    source: Any, call_timeout: Any
) -> None:
    client, recorder, _ = make_async_client(
        VERSION, labels, token=source, call_timeout=call_timeout
    )
    with pytest.raises(ConfigurationError) as info:
        await client.labels.list("contacts", "companies")
    check_failed(info.value, recorder)


def test_a_token_callable_raising_after_a_lost_answer_is_unknown() -> None:
    """The first attempt's answer was lost (a 503): it may have been applied, so the call's
    failure is unknown even though the retry never left."""
    calls = 0

    def token() -> str:
        nonlocal calls
        calls += 1
        return TOKEN if calls == 1 else raising()

    def handler(request: httpx.Request) -> httpx.Response:
        return error_response(503, "SERVICE_UNAVAILABLE", "busy")

    client, recorder, _ = make_client(VERSION, handler, token=token)
    with pytest.raises(ConfigurationError) as info:
        client.records.associate("contacts", 1, "companies", 2)
    assert info.value.outcome == UNKNOWN and len(recorder.requests) == 1
    assert isinstance(info.value.__cause__, VaultDown)
