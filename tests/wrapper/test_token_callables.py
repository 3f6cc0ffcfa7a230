"""Token callables (issue 16): ``AsyncClient`` awaits an ``async def`` one (within the call's
``call_timeout``), ``Client`` refuses one clearly, when it is made or, for a sync callable
that returns an awaitable, when it is called, before anything is sent."""

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
