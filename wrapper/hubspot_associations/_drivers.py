"""The drivers: they perform the effects of the plans (``_plans``) for the two clients.

Every decision (retries, chunking, aggregation, paging) is in the plans, shared by both
clients; a driver only performs what a plan asks for: one HTTP attempt (``Send``), a wait
(``Sleep``), sub-plans (``Gather``, ``Spawn``, ``Wait``, ``Cancel``) and the items of a lazy
iterator (``Emit``). ``SyncDriver`` blocks, sleeps with the client's ``time.sleep`` and runs
sub-plans one after another; ``AsyncDriver`` awaits, and runs up to ``max_concurrency``
sub-plans (batch chunks) at once as tasks. A client builds its driver with its first request,
which is when httpx and asyncio are imported (README: import cost).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator, Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from ._deadline import Worker, cut
from ._plans import (
    Call,
    Cancel,
    Effect,
    Emit,
    EmitAll,
    Gather,
    Plan,
    Send,
    Sleep,
    Spawn,
    Stream,
    Wait,
)
from ._transport import Attempt, Transport
from ._wire import Outcome

if TYPE_CHECKING:
    from .client import AsyncClient, Client
    from .responses import RawClient

T = TypeVar("T")


class RawSender:
    """What ``client.raw`` (the generated client) is given as its httpx client.

    Generated operations call only ``get_httpx_client().request(method=, url=, ...)``
    (``get_async_httpx_client()`` for ``asyncio_detailed``), which tests/wrapper/
    test_raw_client.py pins for every operation of every version. Each call is one attempt
    through the driver's sender: auth, rate limit, bounds, logging, recording; no retries.
    """

    def __init__(self, send: Callable[..., Any]) -> None:
        self._send = send

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        return self._send(Attempt(), method, url, **kwargs)


class Driver:
    """What both drivers share: their client, and the attempt steps on its settings."""

    _is_async = False

    def __init__(self, client: Client | AsyncClient) -> None:
        self._client = client
        self._transport = Transport(client._settings)

    send: Callable[..., Any]  # one attempt (a blocking call, or a coroutine)

    def raw_client(self) -> RawClient:
        """The generated client of the client's version, sending through ``send``."""
        settings = self._transport.settings
        raw: Any = settings.version.raw_client_class()(base_url=settings.base_url)
        if self._is_async:
            raw.set_async_httpx_client(RawSender(self.send))
        else:
            raw.set_httpx_client(RawSender(self.send))
        made: RawClient = raw
        return made


class SyncDriver(Driver):
    """Performs plans for a ``Client``: blocking calls and ``time.sleep``; sub-plans run one
    after another."""

    _client: Client

    def send(self, attempt: Attempt, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """One attempt: wait for the limiter, send, read the body within its bounds, fill in
        ``attempt`` and hand the exchange to the recorders. Under a ``call_timeout`` the
        exchange runs in a worker thread the call waits on until its deadline (``_deadline``:
        httpx's per-read timeouts do not bound a server that trickles)."""
        transport = self._transport
        wait = transport.wait_for_slot()
        if wait > 0:
            self._client._sleep(wait)
        left = transport.deadline_left()
        if left is not None and left <= 0:
            raise transport.call_timed_out(sent=False)
        started = time.monotonic()
        http = self._client._http
        request = transport.build(http, method, url, kwargs)
        if left is None:
            return self._exchange(http, request, attempt, started)

        def give_up() -> None:
            attempt.abandoned = True
            cut(http, request)

        worker = Worker(lambda: self._exchange(http, request, attempt, started), give_up)
        self._client._pool.threads().run(worker)
        try:
            return worker.wait(left)
        except TimeoutError:
            transport.record(request, None, started, TimeoutError())
            raise transport.call_timed_out(sent=attempt.handed) from None

    def _exchange(
        self, http: httpx.Client, request: httpx.Request, attempt: Attempt, started: float
    ) -> httpx.Response:
        transport = self._transport
        response: httpx.Response | None = None
        try:
            transport.authorize(request, attempt)
            attempt.handed = True
            # Redirects are never followed (also with a user's http_client): a 3xx is an
            # error. The body is read through the size and call_timeout bounds (feed).
            response = http.send(request, auth=None, follow_redirects=False, stream=True)
            try:
                reader = transport.reader(response, attempt)
                if reader is not None and not response.is_stream_consumed:
                    for chunk in response.iter_raw():
                        if not transport.feed(reader, chunk, attempt):
                            break
            finally:
                response.close()
        except BaseException as exc:
            if not attempt.abandoned:
                transport.record(request, response, started, exc)
            raise
        transport.keep(attempt, response, reader)
        if not attempt.abandoned:
            transport.record(request, response, started)
        transport.observe(response)
        transport.log(request.method, response, started)
        return response

    def _attempt(self, call: Call) -> Outcome:
        attempt = Attempt()
        request = self._transport.prepare(call)
        try:
            self.send(attempt, **request)
        except Exception as exc:
            return self._transport.outcome(attempt, exc, call)
        return self._transport.outcome(attempt, None, call)

    def _perform(self, effect: Effect) -> Any:
        if isinstance(effect, Send):
            return self._attempt(effect.call)
        if isinstance(effect, Sleep):
            self._transport.slept(effect.seconds)
            self._client._sleep(self._transport.capped(effect.seconds))
            return None
        if isinstance(effect, Gather):
            return [self.run(plan) for plan in effect.plans]
        if isinstance(effect, Spawn):  # no concurrency here: run it now, the result is the handle
            return self.run(effect.plan)
        if isinstance(effect, Wait):
            return effect.handle
        if isinstance(effect, Cancel):  # every spawned plan has already ended
            return list(effect.handles)
        raise TypeError(f"unknown effect {effect!r}")

    def run(self, plan: Plan[T]) -> T:
        """Run a plan; an exception performing an effect is thrown into it at its yield."""
        reply: Any = None
        error: BaseException | None = None
        with self._transport.call_scope():
            while True:
                try:
                    effect = plan.send(reply) if error is None else plan.throw(error)
                    reply = error = None  # not kept while the next effect runs (answers are big)
                except StopIteration as stop:
                    result: T = stop.value
                    return result
                try:
                    reply = self._perform(effect)
                except BaseException as exc:  # KeyboardInterrupt too: the plan accounts for it
                    error = exc

    def stream(self, stream: Stream[T]) -> Iterator[T]:
        reply: Any = None
        error: BaseException | None = None
        try:
            while True:
                with self._transport.call_scope():  # call_timeout bounds each step (page)
                    while True:
                        try:
                            effect = stream.send(reply) if error is None else stream.throw(error)
                            reply = error = None
                        except StopIteration:
                            return
                        if isinstance(effect, (Emit, EmitAll)):
                            break
                        try:
                            reply = self._perform(effect)
                        except BaseException as exc:
                            error = exc
                if isinstance(effect, Emit):
                    yield effect.item
                else:
                    yield from effect.items
        finally:  # the caller stopped early (or it failed): the plan ends here, not at GC
            stream.close()


class AsyncDriver(Driver):
    """Performs plans for an ``AsyncClient``: ``await`` and ``asyncio.sleep``; sub-plans (batch
    chunks) run as tasks, at most ``max_concurrency`` at a time."""

    _client: AsyncClient
    _is_async = True

    async def send(self, attempt: Attempt, method: str, url: str, **kwargs: Any) -> httpx.Response:
        transport = self._transport
        wait = transport.wait_for_slot()
        if wait > 0:
            await self._client._sleep(wait)
        left = transport.deadline_left()
        if left is not None and left <= 0:
            raise transport.call_timed_out(sent=False)
        started = time.monotonic()
        request = transport.build(self._client._http, method, url, kwargs)
        response: httpx.Response | None = None
        try:
            async with asyncio.timeout(left):  # None: no bound
                await transport.authorize_async(request, attempt, self._client._pool.threads)
                attempt.handed = True
                response = await self._client._http.send(
                    request, auth=None, follow_redirects=False, stream=True
                )
                try:
                    reader = transport.reader(response, attempt)
                    if reader is not None and not response.is_stream_consumed:
                        async for chunk in response.aiter_raw():
                            if not transport.feed(reader, chunk, attempt):
                                break
                finally:
                    await response.aclose()
        except TimeoutError:
            transport.record(request, response, started, TimeoutError())
            raise transport.call_timed_out(sent=attempt.handed) from None
        except BaseException as exc:
            transport.record(request, response, started, exc)
            raise
        transport.keep(attempt, response, reader)
        transport.record(request, response, started)
        transport.observe(response)
        transport.log(method, response, started)
        return response

    async def _attempt(self, call: Call) -> Outcome:
        attempt = Attempt()
        request = self._transport.prepare(call)
        try:
            await self.send(attempt, **request)
        except Exception as exc:
            return self._transport.outcome(attempt, exc, call)
        return self._transport.outcome(attempt, None, call)

    async def _perform(self, effect: Effect) -> Any:
        if isinstance(effect, Send):
            return await self._attempt(effect.call)
        if isinstance(effect, Sleep):
            self._transport.slept(effect.seconds)
            await self._client._sleep(self._transport.capped(effect.seconds))
            return None
        if isinstance(effect, Gather):
            gate = asyncio.Semaphore(self._transport.settings.max_concurrency)

            async def bounded(plan: Plan[Any]) -> Any:
                async with gate:
                    return await self.run(plan)

            tasks = [asyncio.ensure_future(bounded(plan)) for plan in effect.plans]
            try:
                return await asyncio.gather(*tasks)
            finally:  # one failed or we were cancelled: none is left running unobserved
                await _settle(tasks)
        if isinstance(effect, Spawn):  # the plan keeps the number in flight bounded
            return asyncio.ensure_future(self.run(effect.plan))
        if isinstance(effect, Wait):
            return await effect.handle
        if isinstance(effect, Cancel):
            return await _settle(effect.handles)
        raise TypeError(f"unknown effect {effect!r}")

    async def run(self, plan: Plan[T]) -> T:
        """Run a plan; an exception performing an effect (a task's cancellation too) is
        thrown into it at its yield. Sub-plans it spawned never outlive it."""
        reply: Any = None
        error: BaseException | None = None
        spawned: list[asyncio.Future[Any]] = []
        try:
            with self._transport.call_scope():
                while True:
                    try:
                        effect = plan.send(reply) if error is None else plan.throw(error)
                        reply = error = None  # not kept while the next effect runs
                    except StopIteration as stop:
                        result: T = stop.value
                        return result
                    try:
                        reply = await self._perform(effect)
                    except BaseException as exc:
                        error = exc
                    if isinstance(effect, Spawn) and error is None:
                        spawned = [f for f in spawned if not f.done()]
                        spawned.append(reply)
        finally:
            await _settle(spawned)

    async def stream(self, stream: Stream[T]) -> AsyncGenerator[T, None]:
        reply: Any = None
        error: BaseException | None = None
        spawned: list[asyncio.Future[Any]] = []
        try:
            while True:
                with self._transport.call_scope():  # call_timeout bounds each step (page)
                    while True:
                        try:
                            effect = stream.send(reply) if error is None else stream.throw(error)
                            reply = error = None
                        except StopIteration:
                            return
                        if isinstance(effect, (Emit, EmitAll)):
                            break
                        try:
                            reply = await self._perform(effect)
                        except BaseException as exc:
                            error = exc
                        if isinstance(effect, Spawn) and error is None:
                            spawned = [f for f in spawned if not f.done()]
                            spawned.append(reply)
                if isinstance(effect, Emit):
                    yield effect.item
                else:
                    for item in effect.items:
                        yield item
        finally:  # the caller stopped early: chunks in flight are cancelled and waited for
            stream.close()
            await _settle(spawned)


async def _settle(tasks: Sequence[asyncio.Future[Any]]) -> list[Any]:
    """Cancel the tasks still running and wait until every one has ended; each one's result,
    or None when it was cancelled or raised (its exception is retrieved, never left
    unobserved). Cancelled while waiting, it still waits, then re-raises the cancellation."""
    for task in tasks:
        task.cancel()
    cancelled: BaseException | None = None
    pending = [task for task in tasks if not task.done()]
    while pending:
        try:
            await asyncio.wait(pending)
        except asyncio.CancelledError as exc:
            cancelled = exc
        pending = [task for task in pending if not task.done()]
    results = [
        None if task.cancelled() or task.exception() is not None else task.result()
        for task in tasks
    ]
    if cancelled is not None:
        raise cancelled
    return results
