"""``call_timeout`` for blocking work: run it in a thread the call waits on for what is left.

httpx's timeouts bound each read, and a server that sends its status line a byte at a time
resets them: a blocking call can outlast its ``call_timeout`` many times over. So, only when a
call has a ``call_timeout``, ``Client`` runs each attempt (token callable, send, body) as a
``Worker`` on one of the client's ``Threads``: the call waits for it until the deadline, then
gives up with ``CallTimeoutError`` and ``cut``s the attempt's connection, so the worker's
blocking read fails at once and its thread is free again instead of trickling on.
``AsyncClient`` needs no thread for its own I/O (``asyncio.timeout`` cancels it), only for a
blocking token callable (``in_thread``).

A Python thread cannot be stopped: a token callable that hangs keeps its (daemon) thread
until it returns; the call does not wait for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import queue
import socket
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    import httpx

T = TypeVar("T")

THREAD_NAME = "hubspot-associations-call"
IDLE = 5.0  # seconds a thread with nothing to run waits for more before it ends


class Worker(Generic[T]):
    """``work()``, to be run once on another thread (in a copy of the caller's context: its
    deadline, its recorders) while the caller ``wait``s. ``cut`` makes the work's blocking
    I/O fail now."""

    def __init__(self, work: Callable[[], T], cut: Callable[[], None]) -> None:
        self._work = work
        self._cut = cut
        self._context = contextvars.copy_context()
        self._done = threading.Event()
        self._result: T | None = None
        self._error: BaseException | None = None
        self.on_done: Callable[[Worker[T]], None] | None = None

    def run(self) -> None:
        """Run the work (on the worker's thread); never raises."""
        try:
            self._result = self._context.run(self._work)
        except BaseException as exc:  # handed to the waiting call
            self._error = exc
        self._done.set()
        if self.on_done is not None:
            self.on_done(self)

    def wait(self, timeout: float) -> T:
        """The work's result (or its exception) if it ends within ``timeout`` seconds; else
        ``TimeoutError``, and the work is cut. Interrupted (Ctrl-C), it is cut too."""
        try:
            finished = self._done.wait(timeout)
        except BaseException:
            self.cut()
            raise
        if not finished:
            self.cut()
            raise TimeoutError
        return self.result()

    def result(self) -> T:
        """What the ended work returned, or raise what it raised."""
        error, self._error = self._error, None  # raised once: no cycle kept through it
        if error is not None:
            raise error
        return self._result  # type: ignore[return-value] # set: the work returned

    def cut(self) -> None:
        with contextlib.suppress(Exception):  # best effort: else it ends with its timeouts
            self._cut()


class Threads:
    """The daemon threads one client's workers run on. Reused: starting a thread costs about
    0.6 ms, as much as a whole request to a local server; a thread with nothing to run for
    ``IDLE`` seconds ends, and every idle one ends when the client is closed. ``running``
    holds the workers not ended yet (``close`` cuts them)."""

    def __init__(self) -> None:
        self.running: set[Worker[Any]] = set()
        self._jobs: queue.SimpleQueue[Worker[Any] | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._idle = 0  # threads waiting for a job that no run() has claimed yet
        self._closed = False

    def run(self, worker: Worker[Any]) -> None:
        """Start ``worker`` on an idle thread, or on a new one."""
        with self._lock:
            self.running.add(worker)
            claimed = self._idle > 0  # an idle thread takes it (or another job: all alike)
            if claimed:
                self._idle -= 1
        self._jobs.put(worker)
        if not claimed:
            threading.Thread(target=self._serve, name=THREAD_NAME, daemon=True).start()

    def _serve(self) -> None:
        job = self._jobs.get()
        while job is not None:
            job.run()
            with self._lock:
                self.running.discard(job)
                job = None  # its answer is not kept while idle
                if self._closed:
                    return
                self._idle += 1
            try:
                job = self._jobs.get(timeout=IDLE)
            except queue.Empty:
                with self._lock:
                    if self._idle:  # unclaimed: leave
                        self._idle -= 1
                        return
                job = self._jobs.get()  # claimed by run(): its job is in the queue

    def close(self) -> None:
        """Cut every worker still running (its call waiting or not) and end idle threads."""
        with self._lock:
            running = list(self.running)
            self._closed = True
            idle, self._idle = self._idle, 0
        for worker in running:
            worker.cut()
        for _ in range(idle):
            self._jobs.put(None)


def cut(http: httpx.Client, request: httpx.Request) -> None:
    """Shut down the socket of the HTTP/1.1 connection carrying ``request``, so the thread
    blocked reading it wakes now with an error (httpcore then drops the connection).

    httpx has no public way to find the connection a request is on: this looks for it in
    the pool of httpx's own transport (httpcore's), matching the request's extensions (the
    dict httpx hands to httpcore as it is). Anything else (another transport, HTTP/2, where
    the connection carries other requests too) is left alone: the worker then ends with its
    per-read timeouts, each capped at the call's ``call_timeout``."""
    transport = http._transport_for_url(request.url)
    pool = getattr(transport, "_pool", None)
    for pending in list(getattr(pool, "_requests", ())):
        if pending.request.extensions is not request.extensions:
            continue
        connection = pending.connection
        while connection is not None and not hasattr(connection, "_network_stream"):
            connection = getattr(connection, "_connection", None)  # a proxy's, HTTPConnection's
        if connection is None or type(connection).__name__ != "HTTP11Connection":
            return
        sock = connection._network_stream.get_extra_info("socket")
        if isinstance(sock, socket.socket):
            with contextlib.suppress(OSError):  # already closed
                sock.shutdown(socket.SHUT_RDWR)
        return


async def in_thread(work: Callable[[], T], threads: Threads) -> T:
    """``work()`` (blocking) on one of ``threads``, awaited: a deadline around the await
    bounds the call, though the thread itself goes on until ``work`` returns."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(worker: Worker[T]) -> None:
        if future.done():  # the awaiting call gave up (its deadline, a cancellation)
            return
        try:
            future.set_result(worker.result())
        except BaseException as exc:
            future.set_exception(exc)

    def done(worker: Worker[T]) -> None:  # on the worker's thread
        with contextlib.suppress(RuntimeError):  # the loop is closed: nobody waits any more
            loop.call_soon_threadsafe(settle, worker)

    worker = Worker(work, lambda: None)
    worker.on_done = done
    threads.run(worker)
    return await future
