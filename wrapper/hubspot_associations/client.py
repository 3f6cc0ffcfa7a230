"""``Client`` and ``AsyncClient``: their options, resources, copies and connections.

What a client is made of, each in its own module: its options, checked (``_settings``); its
resources, ``client.records``, ``.batch``, ``.labels``, ``.limits``, ``.reports``
(``resources/``), which build plans (``_operations``); the driver that performs them
(``_drivers``), blocking here, awaiting there; ``with_raw_response`` (``raw_responses``).
Building a client imports none of httpx, asyncio or the plans: a resource's module comes
with its first use, the driver and httpx with the first request (README: import cost).
"""

from __future__ import annotations

import contextlib
import functools
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

from ._settings import (
    DEFAULT_MAX_ANSWER_BYTES,
    DEFAULT_TIMEOUT,
    UNSET,
    AsyncTokenSource,
    Settings,
    Stats,
    Timeout,
    TokenSource,
)
from .responses import Exchange, RawClient, recording

if TYPE_CHECKING:
    import httpx

    from ._deadline import Threads
    from ._drivers import AsyncDriver, Driver, SyncDriver
    from ._plans import Plan, Stream
    from .literals import ApiVersionName
    from .ratelimit import Limiter
    from .raw_responses import AsyncRawResponses, RawResponses
    from .resources.batch import AsyncBatch, Batch
    from .resources.labels import AsyncLabels, Labels
    from .resources.limits import AsyncLimits, Limits
    from .resources.records import AsyncRecords, Records
    from .resources.reports import AsyncReports, Reports
    from .resources.sync import AsyncSync, Sync

T = TypeVar("T")
H = TypeVar("H", "httpx.Client", "httpx.AsyncClient")


class _Pool(Generic[H]):
    """The client's httpx client, built on first use: building one loads the CA bundle into
    an SSL context (~40 ms), which a client that is made but never used (a CLI's ``--help``,
    a dry run) should not pay. ``with_options`` copies share it."""

    def __init__(self, given: H | None, factory: Callable[[], H]) -> None:
        self._factory: Callable[[], H] = factory
        self._http: H | None = given  # the user's http_client: nothing to build
        self._lock = threading.Lock()
        self.closed = False
        self._threads: Threads | None = None

    def threads(self) -> Threads:
        """The threads attempts run on under a ``call_timeout`` (``_deadline``), made with
        the first such attempt."""
        if self._threads is None:
            with self._lock:
                if self._threads is None:
                    from ._deadline import Threads

                    self._threads = Threads()
        return self._threads

    def close_threads(self) -> None:
        """Cut every attempt still running on a thread and end the idle threads."""
        if self._threads is not None:
            self._threads.close()

    def get(self) -> H:
        http = self._http
        if http is None:
            with self._lock:
                if self._http is None:
                    if self.closed:
                        raise RuntimeError("the client is closed; make a new one")
                    self._http = self._factory()
                http = self._http
        return http

    @property
    def built(self) -> H | None:
        return self._http


class _ClientBase:
    """What ``Client`` and ``AsyncClient`` share: the read-only views, ``client.raw``,
    ``recording()`` and the copy behind ``with_options``."""

    _settings: Settings
    _pool: _Pool[Any]
    _sleep: Callable[[float], Any]
    _own_http = False  # True: the pool is this client's to close (not a copy's, not a user's)
    _is_copy = False  # a with_options copy: closing it closes nothing

    if TYPE_CHECKING:

        @property
        def _driver(self) -> Driver: ...  # each client's own, built with the first request

    def __repr__(self) -> str:
        name = type(self).__name__
        settings = self.__dict__.get("_settings")  # absent if the constructor raised
        return settings.describe(name) if settings else f"{name}(<not configured>)"

    @property
    def version(self) -> str:
        """The API version in use: ``"v4"``, ``"2025-09"``, ``"2026-03"``, ``"2026-09"``..."""
        return self._settings.version.name

    @property
    def stats(self) -> Stats:
        """Requests sent, retries made and seconds waited, since the client was made."""
        return self._settings.stats

    @functools.cached_property
    def raw(self) -> RawClient:
        """The generated client of the selected version (auth, rate limit, logging included;
        no retries): pass it as ``client=`` to the ``sync_detailed`` (``Client``) or
        ``asyncio_detailed`` (``AsyncClient``) functions of ``hubspot_associations_raw.<v>.api``."""
        return self._driver.raw_client()

    def recording(self) -> contextlib.AbstractContextManager[list[Exchange]]:
        """``with client.recording() as exchanges:`` collects every HTTP attempt this client
        (and its ``with_options`` copies) makes in the block, in this thread or task (and the
        tasks it starts): paged, streamed and failed calls included."""
        return recording(self._settings.stats)

    def _copy(self, settings: Settings) -> Self:
        """A copy on ``settings`` sharing the pool (which stays the original's) and the sleep;
        its resources, driver and raw client are its own, built on first use."""
        copy = object.__new__(type(self))
        copy._settings = settings
        copy._pool = self._pool
        copy._sleep = self._sleep
        copy._own_http = False
        copy._is_copy = True
        return copy


def _httpx_client(timeout: Timeout) -> httpx.Client:
    import httpx  # with the first request, not with Client(...) (README: import cost)

    return httpx.Client(timeout=timeout or DEFAULT_TIMEOUT)


def _httpx_async_client(timeout: Timeout) -> httpx.AsyncClient:
    import httpx

    return httpx.AsyncClient(timeout=timeout or DEFAULT_TIMEOUT)


async def _async_sleep(seconds: float) -> None:
    """``asyncio.sleep``, imported with the first wait: ``AsyncClient(...)`` imports no asyncio."""
    import asyncio

    await asyncio.sleep(seconds)


class Client(_ClientBase):
    """Synchronous HubSpot CRM Associations client.

    ``Client(access_token=..., version="2026-03")``; see the README for every option.
    """

    _pool: _Pool[httpx.Client]
    _sleep: Callable[[float], None]

    def __init__(
        self,
        access_token: TokenSource | None = None,
        *,
        version: ApiVersionName | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = 3,
        http_client: httpx.Client | None = None,
        rate_limit: int | None = None,
        call_timeout: float | None = None,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
        rate_limit_backend: str | Limiter | None = None,
    ) -> None:
        self._settings = Settings(
            "Client",
            access_token=access_token,
            version=version,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            http_client=http_client,
            rate_limit=rate_limit,
            call_timeout=call_timeout,
            max_answer_bytes=max_answer_bytes,
            rate_limit_backend=rate_limit_backend,
        )
        self._own_http = http_client is None
        self._pool = _Pool(http_client, lambda: _httpx_client(self._settings.timeout))
        self._sleep = time.sleep

    def with_options(
        self,
        *,
        timeout: Timeout = UNSET,
        max_retries: int = UNSET,
        call_timeout: float | None = UNSET,
        max_answer_bytes: int = UNSET,
    ) -> Client:
        """A copy of the client with other options, for one call or a block of calls.

        It shares this client's connection pool, token source, rate limiter and stats;
        closing it closes nothing (the pool is this client's). Options not given stay as
        they are; a bad one raises ``ConfigurationError`` here, as in the constructor.
        """
        return self._copy(
            self._settings.replace(
                timeout=timeout,
                max_retries=max_retries,
                call_timeout=call_timeout,
                max_answer_bytes=max_answer_bytes,
            )
        )

    @functools.cached_property
    def records(self) -> Records:
        """Associations of single records."""
        from .resources.records import Records

        return Records(self)

    @functools.cached_property
    def batch(self) -> Batch:
        """Batch operations: any number of inputs, split at HubSpot's caps."""
        from .resources.batch import Batch

        return Batch(self)

    @functools.cached_property
    def labels(self) -> Labels:
        """Association label definitions between two object types."""
        from .resources.labels import Labels

        return Labels(self)

    @functools.cached_property
    def limits(self) -> Limits:
        """Association limits (max associated records per association type)."""
        from .resources.limits import Limits

        return Limits(self)

    @functools.cached_property
    def reports(self) -> Reports:
        """Reports on the account's use of associations."""
        from .resources.reports import Reports

        return Reports(self)

    @functools.cached_property
    def sync(self) -> Sync:
        """Make the associations of a file's from-ids match it: a plan to read, then apply."""
        from .resources.sync import Sync

        return Sync(self)

    @property
    def with_raw_response(self) -> RawResponses:
        """The same calls, each returning a ``RawResponse``: status, headers, correlation id
        and every HTTP attempt (``.exchanges``) behind the result, which ``.parse()`` gives.
        Calls that return an iterator are not here: use ``recording()`` around them."""
        from .raw_responses import RawResponses

        return RawResponses(self)

    def close(self) -> None:
        """Close the HTTP connections the client opened (never those of your ``http_client``;
        a ``with_options`` copy closes nothing), and end the threads its calls with a
        ``call_timeout`` ran on."""
        if self._is_copy or "_pool" not in self.__dict__:  # a copy; a constructor that raised
            return
        self._pool.close_threads()
        if self._own_http:
            self._pool.closed = True
            built = self._pool.built
            if built is not None:
                built.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @property
    def _http(self) -> httpx.Client:
        return self._pool.get()

    @functools.cached_property
    def _driver(self) -> SyncDriver:
        from ._drivers import SyncDriver  # httpx and the plans: with the first request

        return SyncDriver(self)

    def _run(self, plan: Plan[T]) -> T:
        return self._driver.run(plan)

    def _stream(self, stream: Stream[T]) -> Iterator[T]:
        return self._driver.stream(stream)


class AsyncClient(_ClientBase):
    """Asynchronous HubSpot CRM Associations client: ``Client`` with ``await``/``async for``.

    Batch chunks are sent concurrently, at most ``max_concurrency`` at a time.
    """

    _pool: _Pool[httpx.AsyncClient]
    _sleep: Callable[[float], Awaitable[None]]

    def __init__(
        self,
        access_token: AsyncTokenSource | None = None,
        *,
        version: ApiVersionName | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = 3,
        http_client: httpx.AsyncClient | None = None,
        rate_limit: int | None = None,
        max_concurrency: int = 4,
        call_timeout: float | None = None,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
        rate_limit_backend: str | Limiter | None = None,
    ) -> None:
        self._settings = Settings(
            "AsyncClient",
            access_token=access_token,
            version=version,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            http_client=http_client,
            rate_limit=rate_limit,
            max_concurrency=max_concurrency,
            call_timeout=call_timeout,
            max_answer_bytes=max_answer_bytes,
            rate_limit_backend=rate_limit_backend,
        )
        self._own_http = http_client is None
        self._pool = _Pool(http_client, lambda: _httpx_async_client(self._settings.timeout))
        self._sleep = _async_sleep

    def with_options(
        self,
        *,
        timeout: Timeout = UNSET,
        max_retries: int = UNSET,
        call_timeout: float | None = UNSET,
        max_answer_bytes: int = UNSET,
        max_concurrency: int = UNSET,
    ) -> AsyncClient:
        """A copy of the client with other options, for one call or a block of calls.

        It shares this client's connection pool, token source, rate limiter and stats;
        closing it closes nothing (the pool is this client's). Options not given stay as
        they are; a bad one raises ``ConfigurationError`` here, as in the constructor.
        """
        return self._copy(
            self._settings.replace(
                timeout=timeout,
                max_retries=max_retries,
                call_timeout=call_timeout,
                max_answer_bytes=max_answer_bytes,
                max_concurrency=max_concurrency,
            )
        )

    @functools.cached_property
    def records(self) -> AsyncRecords:
        """Associations of single records."""
        from .resources.records import AsyncRecords

        return AsyncRecords(self)

    @functools.cached_property
    def batch(self) -> AsyncBatch:
        """Batch operations: any number of inputs, split at HubSpot's caps."""
        from .resources.batch import AsyncBatch

        return AsyncBatch(self)

    @functools.cached_property
    def labels(self) -> AsyncLabels:
        """Association label definitions between two object types."""
        from .resources.labels import AsyncLabels

        return AsyncLabels(self)

    @functools.cached_property
    def limits(self) -> AsyncLimits:
        """Association limits (max associated records per association type)."""
        from .resources.limits import AsyncLimits

        return AsyncLimits(self)

    @functools.cached_property
    def reports(self) -> AsyncReports:
        """Reports on the account's use of associations."""
        from .resources.reports import AsyncReports

        return AsyncReports(self)

    @functools.cached_property
    def sync(self) -> AsyncSync:
        """Make the associations of a file's from-ids match it: a plan to read, then apply."""
        from .resources.sync import AsyncSync

        return AsyncSync(self)

    @property
    def with_raw_response(self) -> AsyncRawResponses:
        """The same calls, each returning a ``RawResponse``: status, headers, correlation id
        and every HTTP attempt (``.exchanges``) behind the result, which ``.parse()`` gives.
        Calls that return an iterator are not here: use ``recording()`` around them."""
        from .raw_responses import AsyncRawResponses

        return AsyncRawResponses(self)

    async def aclose(self) -> None:
        """Close the HTTP connections the client opened (never those of your ``http_client``;
        a ``with_options`` copy closes nothing), and end the threads its calls with a
        ``call_timeout`` ran on."""
        if self._is_copy or "_pool" not in self.__dict__:  # a copy; a constructor that raised
            return
        self._pool.close_threads()
        if self._own_http:
            self._pool.closed = True
            built = self._pool.built
            if built is not None:
                await built.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    @property
    def _http(self) -> httpx.AsyncClient:
        return self._pool.get()

    @functools.cached_property
    def _driver(self) -> AsyncDriver:
        from ._drivers import AsyncDriver  # httpx, asyncio and the plans: with the first call

        return AsyncDriver(self)

    def _run(self, plan: Plan[T]) -> Awaitable[T]:
        return self._driver.run(plan)

    def _stream(self, stream: Stream[T]) -> AsyncIterator[T]:
        return self._driver.stream(stream)
