"""Secrets stay secret (tokens, credentials in URLs), settings are checked when the client is
made, and what an answer may cost is bounded (body size, gzip bombs, a trickling server)."""

from __future__ import annotations

import asyncio
import gzip
import logging
import sys
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from hubspot_associations import (
    APIConnectionError,
    AsyncClient,
    CallTimeoutError,
    Client,
    ConfigurationError,
    HubSpotError,
    MalformedResponseError,
    ResponseTooLargeError,
    ValidationError,
)

from .fakes import BASE, TOKEN, VERSIONS, batch_body, make_async_client, make_client

pytestmark = pytest.mark.no_contract

BAD_TOKENS = [
    TOKEN + "\n",
    TOKEN + "\r\n",
    " " + TOKEN,
    TOKEN[:8] + " " + TOKEN[8:],
    TOKEN + "\u00e9",
    TOKEN + "\x00",
    "Bearer " + TOKEN,
]


@pytest.mark.parametrize("bad", BAD_TOKENS, ids=repr)
@pytest.mark.parametrize("cls", [Client, AsyncClient])
def test_bad_tokens_are_refused_without_echoing_them(cls: Any, bad: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        cls(bad, base_url=BASE)
    assert TOKEN not in str(info.value) and TOKEN not in repr(info.value)
    assert TOKEN[8:20] not in str(info.value)


def test_a_bad_token_from_the_environment_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUBSPOT_ACCESS_TOKEN", TOKEN + "\n")
    with pytest.raises(ConfigurationError, match="whitespace") as info:
        Client(base_url=BASE)
    assert TOKEN not in str(info.value)


@pytest.mark.parametrize("version", VERSIONS)
def test_a_bad_token_from_a_callable_fails_the_call_without_a_request(
    version: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="hubspot_associations")
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"results": []})

    http = httpx.Client(transport=httpx.MockTransport(handler))
    client = Client(lambda: TOKEN + "\n", version=version, base_url=BASE, http_client=http)
    with pytest.raises(ConfigurationError) as info:
        client.labels.list("contacts", "companies")
    assert sent == []
    assert TOKEN not in str(info.value)
    assert TOKEN not in caplog.text


@pytest.mark.parametrize("version", VERSIONS)
def test_authorization_values_in_transport_errors_are_scrubbed(
    version: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="hubspot_associations")

    def handler(request: httpx.Request) -> httpx.Response:
        header = request.headers["Authorization"]
        raise httpx.RemoteProtocolError(
            f"Illegal header value {header!r}; headers: {{'authorization': '{header}'}}",
            request=request,
        )

    client, _, _ = make_client(version, handler, max_retries=1)
    with pytest.raises(APIConnectionError) as info:
        client.labels.list("contacts", "companies")
    result = client.batch.associate_default("contacts", "companies", [(1, 2)])
    texts = [str(info.value), repr(info.value), caplog.text]
    texts += [str(f) + f.message + repr(f.error) for f in result.errors]
    for text in texts:
        assert TOKEN not in text
    assert "<redacted>" in str(info.value)


@pytest.mark.parametrize("cls", [Client, AsyncClient])
def test_credentials_in_base_url_are_refused_and_never_echoed(cls: Any) -> None:
    with pytest.raises(ConfigurationError) as info:
        cls("tok", base_url="http://admin:hunter2-secret@127.0.0.1:9")
    assert "hunter2" not in str(info.value) and "admin" not in str(info.value)


@pytest.mark.parametrize(
    "url", ["ftp://127.0.0.1", "http://", "http://127.0.0.1:9/?token=x", "http://127.0.0.1#f", 7]
)
def test_bad_base_urls_are_configuration_errors(url: Any) -> None:
    with pytest.raises(ConfigurationError):
        Client("tok", base_url=url)


@pytest.mark.parametrize("cls", [Client, AsyncClient])
def test_repr_of_a_client_whose_constructor_raised(cls: Any) -> None:
    try:
        cls("tok", base_url=BASE, timeout=-1)
    except ConfigurationError:
        traceback = sys.exc_info()[2]
    half = None
    while traceback is not None and not isinstance(half, cls):
        half = traceback.tb_frame.f_locals.get("self")
        traceback = traceback.tb_next
    assert isinstance(half, cls)
    assert "not configured" in repr(half)
    if cls is Client:
        half.close()
    else:
        asyncio.run(half.aclose())


BAD_SECONDS: list[Any] = [0, -1, -0.5, "5", float("nan"), float("inf"), True, [1]]


@pytest.mark.parametrize("value", BAD_SECONDS, ids=repr)
@pytest.mark.parametrize("cls", [Client, AsyncClient])
def test_timeouts_are_checked_when_the_client_is_made(cls: Any, value: Any) -> None:
    with pytest.raises(ConfigurationError, match="timeout"):
        cls("tok", base_url=BASE, timeout=value)
    with pytest.raises(ConfigurationError, match="call_timeout"):
        cls("tok", base_url=BASE, call_timeout=value)


def test_httpx_timeouts_are_checked_too() -> None:
    with pytest.raises(ConfigurationError, match=r"timeout\.read"):
        Client("tok", base_url=BASE, timeout=httpx.Timeout(5.0, read=0))
    Client("tok", base_url=BASE, timeout=httpx.Timeout(5.0, read=None))
    Client("tok", base_url=BASE, timeout=2, call_timeout=10)


@pytest.mark.parametrize("value", [0, 100, -1, "1MB", 2.5, True])
def test_max_answer_bytes_is_checked(value: Any) -> None:
    with pytest.raises(ConfigurationError, match="max_answer_bytes"):
        Client("tok", base_url=BASE, max_answer_bytes=value)


# --- what an answer may cost ----------------------------------------------------------------


class Trickle:
    """An answer that never ends: one byte at a time, with a pause."""

    def __init__(self) -> None:
        self.sent = 0

    def __iter__(self) -> Iterator[bytes]:
        yield b'{"results": ['
        while True:
            time.sleep(0.01)
            self.sent += 1
            yield b" "

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield b'{"results": ['
        while True:
            await asyncio.sleep(0.01)
            self.sent += 1
            yield b" "


@pytest.mark.parametrize("version", VERSIONS)
def test_call_timeout_bounds_a_trickling_answer(version: str) -> None:
    trickle = Trickle()
    client, recorder, _ = make_client(
        version, lambda r: httpx.Response(200, content=iter(trickle)), call_timeout=0.3
    )
    with pytest.raises(CallTimeoutError) as info:
        client.labels.list("contacts", "companies")
    assert info.value.may_have_applied  # sent: the answer was lost
    assert len(recorder.requests) == 1  # no retry once the call's time is spent
    assert isinstance(info.value, HubSpotError)


@pytest.mark.parametrize("version", VERSIONS)
async def test_async_call_timeout_bounds_a_trickling_answer(version: str) -> None:
    trickle = Trickle()
    client, _, _ = make_async_client(
        version, lambda r: httpx.Response(200, content=trickle.__aiter__()), call_timeout=0.3
    )
    with pytest.raises(CallTimeoutError):
        await client.labels.list("contacts", "companies")


@pytest.mark.parametrize("version", VERSIONS)
def test_call_timeout_bounds_the_waits_between_retries(version: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503, json={"status": "error", "message": "busy"})

    slept: list[float] = []
    client, recorder, _ = make_client(version, handler, call_timeout=0.2, max_retries=50)
    client._sleep = lambda s: (slept.append(s), time.sleep(s))[1]  # type: ignore[func-returns-value]
    with pytest.raises(HubSpotError):
        client.labels.list("contacts", "companies")
    assert len(recorder.requests) < 50
    assert all(s <= 0.2 for s in slept)


class Raw(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body as the network gives it: raw (still encoded) chunks, read only on demand."""

    def __init__(self, data: bytes, chunk: int = 65536) -> None:
        self.chunks = [data[i : i + chunk] for i in range(0, len(data), chunk)]

    def __iter__(self) -> Iterator[bytes]:
        yield from self.chunks

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self.chunks:
            yield chunk


def raw(status: int, data: bytes, headers: dict[str, str] | None = None) -> Any:
    return lambda request: httpx.Response(status, stream=Raw(data), headers=headers or {})


def bomb(size: int) -> bytes:
    return gzip.compress(b'{"results": [' + b" " * size + b"]}", compresslevel=9)


@pytest.mark.parametrize("version", VERSIONS)
def test_a_gzip_bomb_costs_at_most_max_answer_bytes(version: str) -> None:
    compressed = bomb(64 * 2**20)  # 64 MiB inflated, ~64 KiB on the wire
    client, _, _ = make_client(
        version,
        raw(200, compressed, {"Content-Encoding": "gzip"}),
        max_answer_bytes=2**20,
    )
    with pytest.raises(ResponseTooLargeError) as info:
        client.labels.list("contacts", "companies")
    assert "max_answer_bytes" in str(info.value)
    assert len(str(info.value)) < 1000


@pytest.mark.parametrize("version", VERSIONS)
async def test_async_answers_are_bounded_too(version: str) -> None:
    compressed = bomb(8 * 2**20)
    client, _, _ = make_async_client(
        version,
        raw(200, compressed, {"Content-Encoding": "gzip"}),
        max_answer_bytes=2**20,
    )
    with pytest.raises(ResponseTooLargeError):
        await client.labels.list("contacts", "companies")


@pytest.mark.parametrize("version", VERSIONS)
def test_a_compressed_answer_within_the_bound_is_read(version: str) -> None:
    body = gzip.compress(b'{"results": []}')
    client, _, _ = make_client(version, raw(200, body, {"Content-Encoding": "gzip"}))
    assert client.labels.list("contacts", "companies") == []


@pytest.mark.parametrize("version", VERSIONS)
def test_a_huge_error_body_is_cut_and_still_maps_to_its_status(version: str) -> None:
    body = b'{"status":"error","category":"VALIDATION_ERROR","message":"' + b"x" * 3_000_000
    client, _, _ = make_client(version, raw(400, body), max_answer_bytes=2**20)
    with pytest.raises(ValidationError) as info:
        client.labels.list("contacts", "companies")
    assert len(str(info.value)) < 1000


@pytest.mark.parametrize(
    ("headers", "content"),
    [
        ({"Content-Encoding": "gzip"}, b"not gzip at all"),
        ({"Content-Encoding": "br"}, b"\x1b\x00\x00"),
        ({"Content-Encoding": "gzip"}, gzip.compress(b'{"results": []}')[:-12]),
        ({}, b"[" * 200_000 + b"]" * 200_000),  # nested deeper than Python's stack
    ],
    ids=["corrupt gzip", "unasked encoding", "cut gzip", "deep JSON"],
)
@pytest.mark.parametrize("version", VERSIONS)
def test_undecodable_answers_are_malformed_responses(
    version: str, headers: dict[str, str], content: bytes
) -> None:
    client, recorder, _ = make_client(version, raw(200, content, headers), max_retries=1)
    with pytest.raises(MalformedResponseError):
        client.labels.list("contacts", "companies")
    assert len(recorder.requests) == 2  # a read: retried once
    result = client.batch.associate_default("contacts", "companies", [(1, 2)])
    assert result.succeeded == [] and result.errors[0].error is not None


def test_requests_ask_only_for_encodings_the_client_bounds() -> None:
    client, recorder, _ = make_client("v4", lambda r: httpx.Response(200, json=batch_body([])))
    client.batch.associate_default("contacts", "companies", [(1, 2)])
    assert recorder.requests[0].headers["Accept-Encoding"] == "gzip, deflate"
