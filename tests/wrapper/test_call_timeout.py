"""``call_timeout`` bounds a whole call against a real server on 127.0.0.1 that trickles its
status line a byte at a time (each byte resets httpx's per-read timeouts), in both clients,
with their own connection pool and with a user's ``http_client``; it bounds a token callable
that hangs too. What a timed-out call leaves behind ends soon: the server sees its
connection closed, and no worker thread of the client outlives the call or its close."""

from __future__ import annotations

import asyncio
import functools
import queue
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any
from unittest import mock

import httpx
import pytest
from hubspot_associations import (
    FAILED,
    UNKNOWN,
    APIConnectionError,
    AsyncClient,
    CallTimeoutError,
    Client,
    _deadline,
)
from hubspot_associations._deadline import THREAD_NAME
from hypothesis import given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.no_contract

CALL_TIMEOUT = 0.5
TRICKLE_FOR = 30.0  # what one connection would take to give up: far beyond any bound asserted
BOUND = CALL_TIMEOUT + 4.0  # generous on a loaded machine; the bug took TRICKLE_FOR


class Trickler:
    """An HTTP server that answers each connection with a status line and headers that never
    end, one byte every 50 ms (``silent``: nothing at all), for at most ``TRICKLE_FOR``
    seconds. ``closed`` is set when a client has closed its connection."""

    def __init__(self, silent: bool = False) -> None:
        self.silent = silent
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self.connections = 0
        self.closed = threading.Event()
        self._stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._trickle, args=(conn,), daemon=True).start()

    def _trickle(self, conn: socket.socket) -> None:
        head = iter(b"HTTP/1.1 200 OK\r\nX-Slow: " + b"x" * 100_000)
        until = time.monotonic() + TRICKLE_FOR
        conn.settimeout(0.05)
        with conn:
            while not self._stop.is_set() and time.monotonic() < until:
                try:
                    if conn.recv(65536) == b"":  # the request is read and dropped
                        break
                except TimeoutError:
                    pass
                except OSError:
                    break
                try:
                    if not self.silent:
                        conn.sendall(bytes([next(head)]))
                except OSError:
                    break
            else:
                return
            self.closed.set()

    def stop(self) -> None:
        self._stop.set()
        self._listener.close()


@pytest.fixture
def trickler() -> Iterator[Trickler]:
    server = Trickler()
    yield server
    server.stop()


@pytest.fixture
def silent() -> Iterator[Trickler]:
    server = Trickler(silent=True)
    yield server
    server.stop()


def workers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == THREAD_NAME and t.is_alive()]


def no_workers_soon() -> bool:
    until = time.monotonic() + 3.0
    while workers() and time.monotonic() < until:
        time.sleep(0.02)
    return not workers()


@pytest.mark.parametrize("own_pool", [True, False], ids=["own-pool", "http_client"])
def test_sync_call_timeout_bounds_a_trickled_status_line(
    trickler: Trickler, own_pool: bool
) -> None:
    http = None if own_pool else httpx.Client(timeout=10)
    client = Client("t", base_url=trickler.url, call_timeout=CALL_TIMEOUT, http_client=http)
    started = time.monotonic()
    with pytest.raises(CallTimeoutError) as info:
        client.labels.list("contacts", "companies")
    assert time.monotonic() - started < BOUND
    assert info.value.outcome == UNKNOWN  # sent: it may have been applied
    assert trickler.connections == 1  # no retry once the call's time is spent
    assert trickler.closed.wait(BOUND)  # the connection was cut, not left trickling
    client.close()
    assert no_workers_soon()
    if http is not None:
        http.close()


@pytest.mark.parametrize("own_pool", [True, False], ids=["own-pool", "http_client"])
async def test_async_call_timeout_bounds_a_trickled_status_line(
    trickler: Trickler, own_pool: bool
) -> None:
    http = None if own_pool else httpx.AsyncClient(timeout=10)
    client = AsyncClient("t", base_url=trickler.url, call_timeout=CALL_TIMEOUT, http_client=http)
    started = time.monotonic()
    with pytest.raises(CallTimeoutError) as info:
        await client.labels.list("contacts", "companies")
    assert time.monotonic() - started < BOUND
    assert info.value.outcome == UNKNOWN
    assert trickler.connections == 1
    assert await asyncio.to_thread(trickler.closed.wait, BOUND)
    await client.aclose()
    if http is not None:
        await http.aclose()


def test_closing_the_client_ends_a_call_in_flight(silent: Trickler) -> None:
    """A call waiting on a silent server (its call_timeout and read timeout still far) ends
    when another thread closes the client: its connection is cut, its worker thread ends."""
    client = Client("t", base_url=silent.url, call_timeout=60, timeout=30, max_retries=0)
    raised: list[BaseException] = []

    def call() -> None:
        try:
            client.labels.list("contacts", "companies")
        except BaseException as exc:
            raised.append(exc)

    caller = threading.Thread(target=call)
    caller.start()
    while silent.connections == 0 and caller.is_alive():
        time.sleep(0.02)
    time.sleep(0.2)
    client.close()
    caller.join(BOUND)
    assert not caller.is_alive()
    assert len(raised) == 1 and isinstance(raised[0], APIConnectionError)
    assert raised[0].outcome == UNKNOWN
    assert silent.closed.wait(BOUND)
    assert no_workers_soon()


class Hang:
    """A token callable that blocks until released (the test's end), counting its calls."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        self.release.wait(TRICKLE_FOR)
        return "t"


@pytest.fixture
def hang() -> Iterator[Hang]:
    token = Hang()
    yield token
    token.release.set()


def test_sync_call_timeout_bounds_a_token_callable_that_hangs(
    trickler: Trickler, hang: Hang
) -> None:
    with Client(hang, base_url=trickler.url, call_timeout=CALL_TIMEOUT) as client:
        started = time.monotonic()
        with pytest.raises(CallTimeoutError) as info:
            client.labels.list("contacts", "companies")
        assert time.monotonic() - started < BOUND
    assert info.value.outcome == FAILED  # nothing was sent
    assert trickler.connections == 0 and hang.calls == 1


async def test_async_call_timeout_bounds_a_blocking_token_callable(
    trickler: Trickler, hang: Hang
) -> None:
    async with AsyncClient(hang, base_url=trickler.url, call_timeout=CALL_TIMEOUT) as client:
        started = time.monotonic()
        with pytest.raises(CallTimeoutError) as info:
            await client.labels.list("contacts", "companies")
        assert time.monotonic() - started < BOUND
    assert info.value.outcome == FAILED
    assert trickler.connections == 0 and hang.calls == 1


def test_a_call_within_its_call_timeout_is_answered_and_recorded(hubspot_emulator: Any) -> None:
    """The worker thread is invisible: same answer, same recorded exchange, the token
    callable asked once, no thread left."""
    asked: list[str] = []

    def token() -> str:
        asked.append(threading.current_thread().name)
        return "t"

    client = Client(token, base_url=hubspot_emulator.url, call_timeout=10)
    with client, client.recording() as exchanges:
        created = client.labels.create("contacts", "companies", "Mentor")
        labels = client.labels.list("contacts", "companies")
    assert [label.type_id for label in labels if label.label == "Mentor"] == [
        label.type_id for label in created
    ]
    assert [(e.method, e.status_code) for e in exchanges] == [("POST", 200), ("GET", 200)]
    assert asked == [THREAD_NAME, THREAD_NAME]
    assert no_workers_soon()


def test_idle_threads_end_by_themselves(
    hubspot_emulator: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A client never closed leaves no thread behind for long: an idle one ends."""
    monkeypatch.setattr(_deadline, "IDLE", 0.1)
    client = Client("t", base_url=hubspot_emulator.url, call_timeout=10)
    client.labels.list("contacts", "companies")
    client.labels.list("contacts", "companies")
    assert len(workers()) == 1  # reused, not one per attempt
    assert no_workers_soon()


class SlowToGiveUp(queue.SimpleQueue):  # type: ignore[type-arg]
    """A job queue whose idle threads take a moment to give up after their time-out: the
    moment a new attempt may claim such a thread (it must then wait for that attempt)."""

    def get(self, block: bool = True, timeout: float | None = None) -> Any:
        try:
            return super().get(block, timeout)
        except queue.Empty:
            time.sleep(0.002)
            raise


@settings(max_examples=25, deadline=None)
@given(
    idle=st.sampled_from([0.0005, 0.002, 0.01]),
    gaps=st.lists(st.sampled_from([0.0, 0.0005, 0.002, 0.01]), min_size=1, max_size=30),
)
def test_every_attempt_given_to_the_threads_runs_exactly_once(
    idle: float, gaps: list[float]
) -> None:
    """However the idle threads' time-outs interleave with new attempts (IDLE made tiny),
    each attempt runs once, its caller gets its own result, and close ends every thread."""
    ran: list[int] = []

    def attempt(n: int) -> int:
        ran.append(n)
        return n

    threads = _deadline.Threads()
    threads._jobs = SlowToGiveUp()
    with mock.patch.object(_deadline, "IDLE", idle):
        waiting = []
        for n, gap in enumerate(gaps):
            waiting.append(_deadline.Worker(functools.partial(attempt, n), cut=lambda: None))
            threads.run(waiting[-1])
            time.sleep(gap)
        assert [worker.wait(10) for worker in waiting] == list(range(len(gaps)))
    assert sorted(ran) == list(range(len(gaps)))
    threads.close()
    assert no_workers_soon()


def test_calls_from_many_threads_share_the_client_s_threads(hubspot_emulator: Any) -> None:
    client = Client("t", base_url=hubspot_emulator.url, call_timeout=10)
    answers: list[int] = []

    def calls() -> None:
        for _ in range(10):
            answers.append(len(client.labels.list("contacts", "companies")))

    callers = [threading.Thread(target=calls) for _ in range(6)]
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join(60)
    assert len(answers) == 60 and len(set(answers)) == 1
    assert len(workers()) <= 6  # at most one per call in flight
    client.close()
    assert no_workers_soon()
