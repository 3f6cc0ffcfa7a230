"""``Client`` and ``AsyncClient``: the drivers that perform the plans of ``_operations``.

Both share configuration (``_Settings``), every operation (``Operations``) and every
decision (retry, chunking, aggregation, paging); they differ only in how effects are
performed: blocking calls and ``time.sleep`` here, ``await`` and ``asyncio.sleep`` there,
with batch chunks sent concurrently (``max_concurrency``) by the async client.
"""

from __future__ import annotations

import asyncio
import builtins
import contextlib
import contextvars
import logging
import math
import os
import re
import time
from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Awaitable,
    Callable,
    Generator,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from types import TracebackType
from typing import Any, TypeVar

import httpx

from ._base import (
    Call,
    Effect,
    Emit,
    EmitAll,
    Gather,
    Plan,
    Send,
    Sleep,
    Spawn,
    Stats,
    Stream,
    Wait,
)
from ._operations import (
    ARCHIVE,
    ARCHIVE_LABELS,
    ASSOCIATE_DEFAULT,
    CREATE,
    LIMITS_CREATE,
    LIMITS_PURGE,
    LIMITS_UPDATE,
    Operations,
)
from .answers import BodyReader, UndecodableBody
from .batching import KEEP_ALL, BatchResult, ChunkResult, Progress
from .errors import FAILED, UNKNOWN, CallTimeoutError, ConfigurationError, HubSpotError
from .models import (
    Association,
    AssociationInput,
    AssociationInputLike,
    AssociationLimit,
    AssociationType,
    AssociationTypeLike,
    CreatedAssociation,
    HighUsageReport,
    LabelDefinition,
    LimitInput,
    LimitInputLike,
    Pair,
    PairLike,
    Record,
)
from .pagination import AsyncBatchReadIterator, BatchReadIterator
from .ratelimit import Limiter, RateLimiter
from .retry import Answer, Outcome, RetryPolicy
from .versions import ApiVersion, latest_version

logger = logging.getLogger("hubspot_associations")

DEFAULT_BASE_URL = "https://api.hubapi.com"
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ANSWER_BYTES = 128 * 2**20  # a full batch read page is ~75 MB at most
TOKEN_ENV = "HUBSPOT_ACCESS_TOKEN"

# RFC 6750 b64token: what a bearer token may be. Anything else (a trailing newline read
# from a file, a space, a non-ASCII character) is refused before it reaches a header.
_BEARER_TOKEN = re.compile(r"[A-Za-z0-9\-._~+/]+=*", re.ASCII)

# When the current call must be over (time.monotonic()), if the client has a call_timeout.
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "hubspot_associations_deadline", default=None
)

T = TypeVar("T")
TokenSource = str | Callable[[], str]
Ids = Iterable[str | int]


class _Token:
    """Where the bearer token comes from; never shown in str/repr."""

    def __init__(self, source: TokenSource | None) -> None:
        if source is None:
            source = os.environ.get(TOKEN_ENV) or None
        if source is None:
            raise ConfigurationError(
                f"no HubSpot access token: pass access_token=... or set {TOKEN_ENV}"
            )
        if not callable(source) and (not isinstance(source, str) or not source.strip()):
            raise ConfigurationError("access_token must be a non-empty str or a callable")
        if isinstance(source, str):
            _check_token(source, "access_token")
        self._source = source
        self._last: str | None = None
        self.generation = 0  # how many different tokens the source has given so far

    def __repr__(self) -> str:
        return "<token hidden>"

    @property
    def refreshes(self) -> bool:
        """A callable can give a fresh token after a 401; a fixed string cannot."""
        return callable(self._source)

    def __call__(self) -> str:
        if not callable(self._source):
            return self._source
        token = self._source()
        if not isinstance(token, str) or not token.strip():
            raise ConfigurationError("the access_token callable returned no token")
        token = _check_token(token, "the token the access_token callable returned")
        if token != self._last:  # only a number leaves this object, never the token
            self._last = token
            self.generation += 1
        return token


def _check_token(token: str, what: str) -> str:
    """``token`` if it can be a bearer token; the error never contains the token."""
    if _BEARER_TOKEN.fullmatch(token):
        return token
    if token != token.strip():
        reason = "leading or trailing whitespace (a newline read from a file?); strip it"
    elif any(c.isspace() for c in token):
        reason = "whitespace"
    else:
        reason = "characters a bearer token cannot have (RFC 6750: A-Z a-z 0-9 - . _ ~ + / =)"
    raise ConfigurationError(f"{what} is not a valid bearer token: it has {reason}")


def _check_seconds(value: Any, argument: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigurationError(f"{argument} must be a number of seconds or None")
    if not (value > 0 and math.isfinite(value)):
        raise ConfigurationError(f"{argument} must be a positive, finite number of seconds")
    return float(value)


def _check_timeout(value: Any) -> float | httpx.Timeout | None:
    if isinstance(value, httpx.Timeout):
        for phase in ("connect", "read", "write", "pool"):
            _check_seconds(getattr(value, phase), f"timeout.{phase}")
        return value
    if value is not None and not isinstance(value, (int, float)):
        raise ConfigurationError("timeout must be a number of seconds, an httpx.Timeout or None")
    return _check_seconds(value, "timeout")


def _check_base_url(value: Any) -> str:
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        raise ConfigurationError("base_url must be an http(s) URL")
    try:
        url = httpx.URL(value)
    except (httpx.InvalidURL, ValueError):
        raise ConfigurationError("base_url is not a valid URL") from None
    if url.userinfo:
        # Never echoed: it holds a password. The bearer token is the only credential sent.
        raise ConfigurationError("base_url must not contain credentials (user:password@host)")
    if not url.host or url.query or url.fragment:
        raise ConfigurationError("base_url must be scheme://host[:port][/path], no query")
    return value.rstrip("/")


class _BearerAuth(httpx.Auth):
    """Sets ``Authorization`` on each request, asking the token source every time."""

    def __init__(self, token: _Token, stand_in: _HttpStandIn | None = None) -> None:
        self._token = token
        self._stand_in = stand_in

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self._token()}"
        if self._stand_in is not None:  # which token the attempt carried (a number)
            self._stand_in.token_generation = self._token.generation
        yield request


class _HttpStandIn:
    """What the generated client sees as its httpx client, for one attempt.

    It forwards to the wrapper's sender (auth, rate limit, logging) and keeps the raw
    answer, so status and headers are known even when the generated code cannot parse
    the body (an HTML 502, an off-spec 429).
    """

    def __init__(self, send: Callable[..., Any]) -> None:
        self._send = send
        self.response: httpx.Response | None = None
        self.token_generation = 0
        self.truncated = False
        self.problem: str | None = None

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        return self._send(self, method, url, **kwargs)


def _limiter(rate_limit: int | None, backend: str | Limiter | None) -> Limiter:
    """In-process by default; a ``redis://`` URL shares the budget between workers
    (``RedisRateLimiter``, the ``redis`` extra); or any ``Limiter`` of your own."""
    if backend is None:
        return RateLimiter(rate_limit)
    if isinstance(backend, str):
        from .ratelimit_redis import RedisRateLimiter

        return RedisRateLimiter.from_url(backend, rate_limit)
    if isinstance(backend, Limiter):
        if rate_limit is not None:
            raise ConfigurationError("give rate_limit to your Limiter, not to the client")
        return backend
    raise TypeError("rate_limit_backend must be a redis:// URL or a Limiter")


class _Settings:
    """Configuration and the I/O-free steps both clients use around each attempt."""

    def __init__(
        self,
        access_token: TokenSource | None,
        version: str | None,
        base_url: str,
        timeout: float | httpx.Timeout | None,
        max_retries: int,
        rate_limit: int | None,
        call_timeout: float | None = None,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
        rate_limit_backend: str | Limiter | None = None,
    ) -> None:
        self.base_url = _check_base_url(base_url)
        self.timeout = _check_timeout(timeout)
        self.call_timeout = _check_seconds(call_timeout, "call_timeout")
        if isinstance(max_answer_bytes, bool) or not isinstance(max_answer_bytes, int):
            raise ConfigurationError("max_answer_bytes must be an int")
        if max_answer_bytes < 1024:
            raise ConfigurationError("max_answer_bytes must be at least 1024")
        self.max_answer_bytes = max_answer_bytes
        self.token = _Token(access_token)
        self.auth = _BearerAuth(self.token)
        self.version = ApiVersion(latest_version() if version is None else version)
        self.policy = RetryPolicy(max_retries=max_retries, refresh_token=self.token.refreshes)
        # Every request of the client is paced by one limiter: the configured cap, and what
        # the answers' rate-limit headers and 429s teach it.
        self.limiter: Limiter = _limiter(rate_limit, rate_limit_backend)
        self.operations = Operations(self.version, self.policy)
        self.stats = Stats()

    def describe(self, cls: str) -> str:
        return f"{cls}(version={self.version.name!r}, base_url={self.base_url!r})"

    def prepare(self, call: Call) -> dict[str, Any]:
        """The request for ``call``: method, url, params, json, from the version's facts table.

        The table (written by scripts/regenerate from spec/) gives the method and the path
        template; every path segment is percent-encoded, and the wire-shaped body is sent as
        JSON as it is (no round trip through the generated attrs models). The answer is read
        from its raw JSON too, so the generated ``_parse_response`` is skipped.
        """
        request = self.version.facts(call.operation).request(call.args, call.body)
        self.stats.requests += 1
        return request

    def raw_client(self, stand_in: Any, is_async: bool) -> Any:
        raw = self.version.raw_client_class()(base_url=self.base_url)
        if is_async:
            raw.set_async_httpx_client(stand_in)
        else:
            raw.set_httpx_client(stand_in)
        return raw

    def auth_for(self, stand_in: _HttpStandIn) -> httpx.Auth:
        """The attempt's auth; with a token callable it notes which token the attempt
        carried (a number), so a 401 can tell a renewed token from the refused one."""
        return _BearerAuth(self.token, stand_in) if self.token.refreshes else self.auth

    def build(
        self, http: httpx.Client | httpx.AsyncClient, method: str, url: str, kwargs: dict[str, Any]
    ) -> httpx.Request:
        """The attempt's request, its timeouts capped by what is left of ``call_timeout``."""
        timeout: float | httpx.Timeout | None = self.timeout
        deadline = _DEADLINE.get()
        if deadline is not None:
            left = max(deadline - time.monotonic(), 0.001)
            base = httpx.Timeout(self.timeout if self.timeout is not None else http.timeout)
            timeout = httpx.Timeout(
                connect=min(base.connect or left, left),
                read=min(base.read or left, left),
                write=min(base.write or left, left),
                pool=min(base.pool or left, left),
            )
        if timeout is not None:
            kwargs["timeout"] = timeout
        request = http.build_request(method, self.base_url + url, **kwargs)
        request.headers["Accept-Encoding"] = "gzip, deflate"  # what BodyReader decodes
        return request

    def deadline_left(self) -> float | None:
        """Seconds left of the current call's ``call_timeout`` (None: no bound)."""
        deadline = _DEADLINE.get()
        return None if deadline is None else deadline - time.monotonic()

    def call_timed_out(self, sent: bool) -> CallTimeoutError:
        return CallTimeoutError(
            f"call_timeout of {self.call_timeout:g}s reached before the answer",
            outcome=UNKNOWN if sent else FAILED,
        )

    @contextlib.contextmanager
    def call_scope(self) -> Iterator[None]:
        """Start the ``call_timeout`` clock, unless a call (this one's caller) already did."""
        if self.call_timeout is None or _DEADLINE.get() is not None:
            yield
            return
        token = _DEADLINE.set(time.monotonic() + self.call_timeout)
        try:
            yield
        finally:
            _DEADLINE.reset(token)

    def reader(self, response: httpx.Response, stand_in: _HttpStandIn) -> BodyReader | None:
        """How to read this answer's body within ``max_answer_bytes`` (None: unreadable)."""
        if response.is_stream_consumed:  # already read (an event hook, a wrapping transport)
            reader = BodyReader("identity", self.max_answer_bytes)
            reader.feed(response.content)
            return reader
        try:
            return BodyReader(response.headers.get("Content-Encoding", ""), self.max_answer_bytes)
        except UndecodableBody as exc:
            stand_in.problem = str(exc) if response.status_code < 400 else None
            return None

    def feed(self, reader: BodyReader, chunk: bytes, stand_in: _HttpStandIn) -> bool:
        """Read one raw chunk; False to stop (size bound reached, or undecodable)."""
        try:
            more = reader.feed(chunk)
        except UndecodableBody as exc:
            stand_in.problem = str(exc)
            reader.parts.clear()
            return False
        left = self.deadline_left()
        if left is not None and left <= 0:
            raise self.call_timed_out(sent=True)
        return more

    @staticmethod
    def keep(stand_in: _HttpStandIn, response: httpx.Response, reader: BodyReader | None) -> None:
        """Store the body read (decoded, bounded) as the response's content."""
        response._content = reader.content if reader is not None else b""
        stand_in.truncated = reader is not None and reader.truncated
        if stand_in.problem is not None and response.status_code >= 400:
            stand_in.problem = None  # an error answer: its status says enough
        stand_in.response = response

    def wait_for_slot(self) -> float:
        return self.limiter.reserve()

    def observe(self, response: httpx.Response) -> None:
        self.limiter.observe(response.status_code, response.headers)

    def log(self, method: str, response: httpx.Response, started: float) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s %s -> %d (%.0f ms)",
                method.upper(),
                response.request.url,
                response.status_code,
                (time.monotonic() - started) * 1000,
            )

    def outcome(self, stand_in: _HttpStandIn, exc: Exception | None, call: Call) -> Outcome:
        """The attempt's ``Answer``, or the transport error that prevented one."""
        response = stand_in.response
        if response is None or isinstance(exc, CallTimeoutError):
            if isinstance(exc, (httpx.TransportError, HubSpotError)):
                return exc  # a transport error, call_timeout, or the limiter's DAILY stop
            raise exc if exc is not None else RuntimeError("no response recorded")
        declared = frozenset(self.version.facts(call.operation).success)  # from the spec
        return Answer(
            response.status_code,
            dict(response.headers),
            response.content,
            decode=call.decode,
            token=stand_in.token_generation,
            declared=declared,
            truncated=stand_in.truncated,
            problem=stand_in.problem,
        )

    def capped(self, seconds: float) -> float:
        """A wait cut at the call's deadline (the next attempt then fails with it)."""
        left = self.deadline_left()
        return seconds if left is None else max(0.0, min(seconds, left))

    def slept(self, seconds: float) -> None:
        self.stats.retries += 1
        self.stats.retry_wait += seconds


class Client:
    """Synchronous HubSpot CRM Associations client.

    ``Client(access_token=..., version="2026-03")``; see the README for every option.
    """

    def __init__(
        self,
        access_token: TokenSource | None = None,
        *,
        version: str | None = None,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = 3,
        http_client: httpx.Client | None = None,
        rate_limit: int | None = None,
        call_timeout: float | None = None,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
        rate_limit_backend: str | Limiter | None = None,
    ) -> None:
        self._settings = _Settings(
            access_token,
            version,
            base_url,
            timeout,
            max_retries,
            rate_limit,
            call_timeout,
            max_answer_bytes,
            rate_limit_backend,
        )
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise TypeError("http_client must be an httpx.Client (use AsyncClient for async)")
        self._own_http = http_client is None
        self._http = http_client or httpx.Client(timeout=timeout or DEFAULT_TIMEOUT)
        self._sleep: Callable[[float], None] = time.sleep
        self._raw: Any = None
        ops = self._settings.operations
        self.records = Records(self, ops)
        self.batch = Batch(self, ops)
        self.labels = Labels(self, ops)
        self.limits = Limits(self, ops)
        self.reports = Reports(self, ops)

    def __repr__(self) -> str:
        settings = self.__dict__.get("_settings")  # absent if the constructor raised
        return settings.describe("Client") if settings else "Client(<not configured>)"

    @property
    def version(self) -> str:
        return self._settings.version.name

    @property
    def stats(self) -> Stats:
        """Requests sent, retries made and seconds waited, since the client was made."""
        return self._settings.stats

    @property
    def raw(self) -> Any:
        """The generated client of the selected version (auth, rate limit, logging included;
        no retries): pass it as ``client=`` to ``hubspot_associations_raw.<v>.api...``."""
        if self._raw is None:
            self._raw = self._settings.raw_client(_HttpStandIn(self._send), is_async=False)
        return self._raw

    def close(self) -> None:
        if self.__dict__.get("_own_http"):
            self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # --- the driver ----------------------------------------------------------------------

    def _send(self, stand_in: _HttpStandIn, method: str, url: str, **kwargs: Any) -> httpx.Response:
        settings = self._settings
        wait = settings.wait_for_slot()
        if wait > 0:
            self._sleep(wait)
        left = settings.deadline_left()
        if left is not None and left <= 0:
            raise settings.call_timed_out(sent=False)
        started = time.monotonic()
        request = settings.build(self._http, method, url, kwargs)
        # Redirects are never followed (also with a user's http_client): a 3xx is an error.
        # The body is read through the size and call_timeout bounds (settings.add_part).
        response = self._http.send(
            request, auth=settings.auth_for(stand_in), follow_redirects=False, stream=True
        )
        try:
            reader = settings.reader(response, stand_in)
            if reader is not None and not response.is_stream_consumed:
                for chunk in response.iter_raw():
                    if not settings.feed(reader, chunk, stand_in):
                        break
        finally:
            response.close()
        settings.keep(stand_in, response, reader)
        settings.observe(response)
        settings.log(method, response, started)
        return response

    def _attempt(self, call: Call) -> Outcome:
        stand_in = _HttpStandIn(self._send)
        request = self._settings.prepare(call)
        try:
            stand_in.request(**request)
        except Exception as exc:
            return self._settings.outcome(stand_in, exc, call)
        return self._settings.outcome(stand_in, None, call)

    def _perform(self, effect: Effect) -> Any:
        if isinstance(effect, Send):
            return self._attempt(effect.call)
        if isinstance(effect, Sleep):
            self._settings.slept(effect.seconds)
            self._sleep(self._settings.capped(effect.seconds))
            return None
        if isinstance(effect, Gather):
            return [self._run(plan) for plan in effect.plans]
        if isinstance(effect, Spawn):  # no concurrency here: run it now, the result is the handle
            return self._run(effect.plan)
        if isinstance(effect, Wait):
            return effect.handle
        raise TypeError(f"unknown effect {effect!r}")

    def _run(self, plan: Plan[T]) -> T:
        reply: Any = None
        with self._settings.call_scope():
            while True:
                try:
                    effect = plan.send(reply)
                    reply = None  # not kept while the next effect runs (answers can be big)
                except StopIteration as stop:
                    result: T = stop.value
                    return result
                reply = self._perform(effect)

    def _stream(self, stream: Stream[T]) -> Iterator[T]:
        reply: Any = None
        while True:
            with self._settings.call_scope():  # call_timeout bounds each step (page)
                while True:
                    try:
                        effect = stream.send(reply)
                        reply = None
                    except StopIteration:
                        return
                    if isinstance(effect, (Emit, EmitAll)):
                        break
                    reply = self._perform(effect)
            if isinstance(effect, Emit):
                yield effect.item
            else:
                yield from effect.items


class AsyncClient:
    """Asynchronous HubSpot CRM Associations client: ``Client`` with ``await``/``async for``.

    Batch chunks are sent concurrently, at most ``max_concurrency`` at a time.
    """

    def __init__(
        self,
        access_token: TokenSource | None = None,
        *,
        version: str | None = None,
        base_url: str = DEFAULT_BASE_URL,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = 3,
        http_client: httpx.AsyncClient | None = None,
        rate_limit: int | None = None,
        max_concurrency: int = 4,
        call_timeout: float | None = None,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
        rate_limit_backend: str | Limiter | None = None,
    ) -> None:
        self._settings = _Settings(
            access_token,
            version,
            base_url,
            timeout,
            max_retries,
            rate_limit,
            call_timeout,
            max_answer_bytes,
            rate_limit_backend,
        )
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise TypeError("http_client must be an httpx.AsyncClient (use Client for sync)")
        if isinstance(max_concurrency, bool) or not isinstance(max_concurrency, int):
            raise TypeError("max_concurrency must be an int")
        if max_concurrency < 1:
            raise ValueError("max_concurrency must be >= 1")
        self._own_http = http_client is None
        self._http = http_client or httpx.AsyncClient(timeout=timeout or DEFAULT_TIMEOUT)
        self._sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
        self._max_concurrency = max_concurrency
        self._raw: Any = None
        ops = self._settings.operations
        self.records = AsyncRecords(self, ops)
        self.batch = AsyncBatch(self, ops)
        self.labels = AsyncLabels(self, ops)
        self.limits = AsyncLimits(self, ops)
        self.reports = AsyncReports(self, ops)

    def __repr__(self) -> str:
        settings = self.__dict__.get("_settings")
        return settings.describe("AsyncClient") if settings else "AsyncClient(<not configured>)"

    @property
    def version(self) -> str:
        return self._settings.version.name

    @property
    def stats(self) -> Stats:
        return self._settings.stats

    @property
    def raw(self) -> Any:
        """The generated client of the selected version, for ``asyncio_detailed`` calls."""
        if self._raw is None:
            self._raw = self._settings.raw_client(_HttpStandIn(self._send), is_async=True)
        return self._raw

    async def aclose(self) -> None:
        if self.__dict__.get("_own_http"):
            await self._http.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    # --- the driver ----------------------------------------------------------------------

    async def _send(
        self, stand_in: _HttpStandIn, method: str, url: str, **kwargs: Any
    ) -> httpx.Response:
        settings = self._settings
        wait = settings.wait_for_slot()
        if wait > 0:
            await self._sleep(wait)
        left = settings.deadline_left()
        if left is not None and left <= 0:
            raise settings.call_timed_out(sent=False)
        started = time.monotonic()
        request = settings.build(self._http, method, url, kwargs)
        try:
            async with asyncio.timeout(left):  # None: no bound
                response = await self._http.send(
                    request, auth=settings.auth_for(stand_in), follow_redirects=False, stream=True
                )
                try:
                    reader = settings.reader(response, stand_in)
                    if reader is not None and not response.is_stream_consumed:
                        async for chunk in response.aiter_raw():
                            if not settings.feed(reader, chunk, stand_in):
                                break
                finally:
                    await response.aclose()
        except TimeoutError:
            raise settings.call_timed_out(sent=True) from None
        settings.keep(stand_in, response, reader)
        settings.observe(response)
        settings.log(method, response, started)
        return response

    async def _attempt(self, call: Call) -> Outcome:
        stand_in = _HttpStandIn(self._send)
        request = self._settings.prepare(call)
        try:
            await stand_in.request(**request)
        except Exception as exc:
            return self._settings.outcome(stand_in, exc, call)
        return self._settings.outcome(stand_in, None, call)

    async def _perform(self, effect: Effect) -> Any:
        if isinstance(effect, Send):
            return await self._attempt(effect.call)
        if isinstance(effect, Sleep):
            self._settings.slept(effect.seconds)
            await self._sleep(self._settings.capped(effect.seconds))
            return None
        if isinstance(effect, Gather):
            gate = asyncio.Semaphore(self._max_concurrency)

            async def bounded(plan: Plan[Any]) -> Any:
                async with gate:
                    return await self._run(plan)

            return await asyncio.gather(*(bounded(plan) for plan in effect.plans))
        if isinstance(effect, Spawn):  # the plan keeps the number in flight bounded
            return asyncio.ensure_future(self._run(effect.plan))
        if isinstance(effect, Wait):
            return await effect.handle
        raise TypeError(f"unknown effect {effect!r}")

    async def _run(self, plan: Plan[T]) -> T:
        reply: Any = None
        with self._settings.call_scope():
            while True:
                try:
                    effect = plan.send(reply)
                    reply = None  # not kept while the next effect runs (answers can be big)
                except StopIteration as stop:
                    result: T = stop.value
                    return result
                reply = await self._perform(effect)

    async def _stream(self, stream: Stream[T]) -> AsyncGenerator[T, None]:
        reply: Any = None
        spawned: list[asyncio.Future[Any]] = []
        try:
            while True:
                with self._settings.call_scope():  # call_timeout bounds each step (page)
                    while True:
                        try:
                            effect = stream.send(reply)
                            reply = None
                        except StopIteration:
                            return
                        if isinstance(effect, (Emit, EmitAll)):
                            break
                        reply = await self._perform(effect)
                        if isinstance(effect, Spawn):
                            spawned = [f for f in spawned if not f.done()]
                            spawned.append(reply)
                if isinstance(effect, Emit):
                    yield effect.item
                else:
                    for item in effect.items:
                        yield item
        finally:  # the caller stopped early: chunks still in flight are not waited for
            for future in spawned:
                future.cancel()


# --- resources: thin sync/async pairs over the shared operations ---------------------------


class _Resource:
    def __init__(self, client: Any, operations: Operations) -> None:
        self._client = client
        self._ops = operations
        # batch chunks in flight at once (and read ahead of the one being reported)
        self._window: int = getattr(client, "_max_concurrency", 1)


class Records(_Resource):
    """Associations of single records."""

    _client: Client

    def list(
        self, object_type: str, object_id: str | int, to_object_type: str, *, page_size: int = 500
    ) -> Iterator[Association]:
        """Every association of one record to ``to_object_type``; pages fetched lazily."""
        return self._client._stream(
            self._ops.records_list(object_type, object_id, to_object_type, page_size)
        )

    def associate(
        self,
        from_type: str,
        from_id: str | int,
        to_type: str,
        to_id: str | int,
        types: Sequence[AssociationTypeLike] | None = None,
    ) -> CreatedAssociation:
        """Associate two records: with ``types`` (labels), or the default type when None."""
        return self._client._run(self._ops.associate(from_type, from_id, to_type, to_id, types))

    def remove(self, from_type: str, from_id: str | int, to_type: str, to_id: str | int) -> None:
        """Remove every association between two records."""
        self._client._run(self._ops.remove(from_type, from_id, to_type, to_id))

    def search(
        self,
        object_type: str,
        *,
        query: str | None = None,
        filter_groups: Sequence[Mapping[str, Any]] = (),
        properties: Sequence[str] = (),
        sorts: Sequence[str] = (),
        page_size: int = 100,
    ) -> Iterator[Record]:
        """Search records (``UnsupportedOperation`` in versions without search)."""
        return self._client._stream(
            self._ops.search(object_type, query, filter_groups, properties, sorts, page_size)
        )


class Batch(_Resource):
    """Batch operations: any number of inputs, split at HubSpot's caps.

    Each write comes in two forms: ``create(...)`` returns one ``BatchResult`` over all
    chunks (``keep="failures"`` keeps only counts and failures), and ``stream_create(...)``
    yields one ``ChunkResult`` per chunk as it completes, reading the inputs lazily.
    """

    _client: Client

    def read(self, from_type: str, to_type: str, ids: Ids) -> BatchReadIterator:
        """Associations of many records, one ``RecordAssociations`` per id, lazily."""
        state, stream = self._ops.batch_read(from_type, to_type, ids)
        return BatchReadIterator(self._client._stream(stream), state)

    def create(
        self,
        from_type: str,
        to_type: str,
        inputs: Iterable[AssociationInputLike],
        *,
        on_progress: Progress | None = None,
        keep: str = KEEP_ALL,
    ) -> BatchResult[AssociationInput, CreatedAssociation]:
        """Labelled associations; inputs are ``(from_id, to_id, types)`` or ``AssociationInput``."""
        return self._client._run(
            self._ops.batch(CREATE, from_type, to_type, inputs, on_progress, 1, keep)
        )

    def stream_create(
        self,
        from_type: str,
        to_type: str,
        inputs: Iterable[AssociationInputLike],
        *,
        on_progress: Progress | None = None,
    ) -> Iterator[ChunkResult[AssociationInput, CreatedAssociation]]:
        """``create``, one ``ChunkResult`` per chunk, reading ``inputs`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(CREATE, from_type, to_type, inputs, on_progress, 1)
        )

    def associate_default(
        self,
        from_type: str,
        to_type: str,
        pairs: Iterable[PairLike],
        *,
        on_progress: Progress | None = None,
        keep: str = KEEP_ALL,
    ) -> BatchResult[Pair, CreatedAssociation]:
        """Default (unlabelled) associations between ``(from_id, to_id)`` pairs."""
        return self._client._run(
            self._ops.batch(ASSOCIATE_DEFAULT, from_type, to_type, pairs, on_progress, 1, keep)
        )

    def stream_associate_default(
        self,
        from_type: str,
        to_type: str,
        pairs: Iterable[PairLike],
        *,
        on_progress: Progress | None = None,
    ) -> Iterator[ChunkResult[Pair, CreatedAssociation]]:
        """``associate_default``, one ``ChunkResult`` per chunk, reading ``pairs`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(ASSOCIATE_DEFAULT, from_type, to_type, pairs, on_progress, 1)
        )

    def archive(
        self,
        from_type: str,
        to_type: str,
        pairs: Iterable[PairLike],
        *,
        on_progress: Progress | None = None,
        keep: str = KEEP_ALL,
    ) -> BatchResult[Pair, object]:
        """Remove every association between each ``(from_id, to_id)`` pair."""
        return self._client._run(
            self._ops.batch(ARCHIVE, from_type, to_type, pairs, on_progress, 1, keep)
        )

    def stream_archive(
        self,
        from_type: str,
        to_type: str,
        pairs: Iterable[PairLike],
        *,
        on_progress: Progress | None = None,
    ) -> Iterator[ChunkResult[Pair, object]]:
        """``archive``, one ``ChunkResult`` per chunk, reading ``pairs`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(ARCHIVE, from_type, to_type, pairs, on_progress, 1)
        )

    def archive_labels(
        self,
        from_type: str,
        to_type: str,
        inputs: Iterable[AssociationInputLike],
        *,
        on_progress: Progress | None = None,
        keep: str = KEEP_ALL,
    ) -> BatchResult[AssociationInput, object]:
        """Remove the given association types (labels) between each pair."""
        return self._client._run(
            self._ops.batch(ARCHIVE_LABELS, from_type, to_type, inputs, on_progress, 1, keep)
        )

    def stream_archive_labels(
        self,
        from_type: str,
        to_type: str,
        inputs: Iterable[AssociationInputLike],
        *,
        on_progress: Progress | None = None,
    ) -> Iterator[ChunkResult[AssociationInput, object]]:
        """``archive_labels``, one ``ChunkResult`` per chunk, reading ``inputs`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(ARCHIVE_LABELS, from_type, to_type, inputs, on_progress, 1)
        )


class Labels(_Resource):
    """Association label definitions between two object types."""

    _client: Client

    def list(self, from_type: str, to_type: str) -> builtins.list[LabelDefinition]:
        return self._client._run(self._ops.labels_list(from_type, to_type))

    def create(
        self,
        from_type: str,
        to_type: str,
        label: str,
        *,
        name: str | None = None,
        inverse_label: str | None = None,
    ) -> builtins.list[LabelDefinition]:
        """Define a label (``inverse_label`` makes a paired one); returns the new types."""
        return self._client._run(
            self._ops.labels_create(from_type, to_type, label, name, inverse_label)
        )

    def update(
        self,
        from_type: str,
        to_type: str,
        type_id: int,
        label: str,
        *,
        inverse_label: str | None = None,
    ) -> None:
        self._client._run(
            self._ops.labels_update(from_type, to_type, type_id, label, inverse_label)
        )

    def delete(self, from_type: str, to_type: str, type_id: int) -> None:
        self._client._run(self._ops.labels_delete(from_type, to_type, type_id))


class Limits(_Resource):
    """Association limits (max associated records per association type)."""

    _client: Client

    def list(
        self, from_type: str | None = None, to_type: str | None = None
    ) -> builtins.list[AssociationLimit]:
        """Limits between two object types, or every limit of the account."""
        return self._client._run(self._ops.limits_list(from_type, to_type))

    def create(
        self,
        from_type: str,
        to_type: str,
        inputs: Iterable[LimitInputLike],
        *,
        keep: str = KEEP_ALL,
    ) -> BatchResult[LimitInput, AssociationLimit]:
        return self._client._run(
            self._ops.batch(LIMITS_CREATE, from_type, to_type, inputs, None, 1, keep)
        )

    def stream_create(
        self, from_type: str, to_type: str, inputs: Iterable[LimitInputLike]
    ) -> Iterator[ChunkResult[LimitInput, AssociationLimit]]:
        return self._client._stream(
            self._ops.batch_stream(LIMITS_CREATE, from_type, to_type, inputs, None, 1)
        )

    def update(
        self,
        from_type: str,
        to_type: str,
        inputs: Iterable[LimitInputLike],
        *,
        keep: str = KEEP_ALL,
    ) -> BatchResult[LimitInput, AssociationLimit]:
        return self._client._run(
            self._ops.batch(LIMITS_UPDATE, from_type, to_type, inputs, None, 1, keep)
        )

    def stream_update(
        self, from_type: str, to_type: str, inputs: Iterable[LimitInputLike]
    ) -> Iterator[ChunkResult[LimitInput, AssociationLimit]]:
        return self._client._stream(
            self._ops.batch_stream(LIMITS_UPDATE, from_type, to_type, inputs, None, 1)
        )

    def purge(
        self,
        from_type: str,
        to_type: str,
        types: Iterable[AssociationTypeLike],
        *,
        keep: str = KEEP_ALL,
    ) -> BatchResult[AssociationType, object]:
        return self._client._run(
            self._ops.batch(LIMITS_PURGE, from_type, to_type, types, None, 1, keep)
        )

    def stream_purge(
        self, from_type: str, to_type: str, types: Iterable[AssociationTypeLike]
    ) -> Iterator[ChunkResult[AssociationType, object]]:
        return self._client._stream(
            self._ops.batch_stream(LIMITS_PURGE, from_type, to_type, types, None, 1)
        )


class Reports(_Resource):
    _client: Client

    def high_usage(self, user_id: int) -> HighUsageReport:
        """Ask HubSpot to email a report of records near their association limits."""
        return self._client._run(self._ops.high_usage(user_id))


class AsyncRecords(_Resource):
    _client: AsyncClient

    def list(
        self, object_type: str, object_id: str | int, to_object_type: str, *, page_size: int = 500
    ) -> AsyncIterator[Association]:
        return self._client._stream(
            self._ops.records_list(object_type, object_id, to_object_type, page_size)
        )

    async def associate(
        self,
        from_type: str,
        from_id: str | int,
        to_type: str,
        to_id: str | int,
        types: Sequence[AssociationTypeLike] | None = None,
    ) -> CreatedAssociation:
        return await self._client._run(
            self._ops.associate(from_type, from_id, to_type, to_id, types)
        )

    async def remove(
        self, from_type: str, from_id: str | int, to_type: str, to_id: str | int
    ) -> None:
        await self._client._run(self._ops.remove(from_type, from_id, to_type, to_id))

    def search(
        self,
        object_type: str,
        *,
        query: str | None = None,
        filter_groups: Sequence[Mapping[str, Any]] = (),
        properties: Sequence[str] = (),
        sorts: Sequence[str] = (),
        page_size: int = 100,
    ) -> AsyncIterator[Record]:
        return self._client._stream(
            self._ops.search(object_type, query, filter_groups, properties, sorts, page_size)
        )


class AsyncBatch(_Resource):
    _client: AsyncClient

    def read(self, from_type: str, to_type: str, ids: Ids) -> AsyncBatchReadIterator:
        state, stream = self._ops.batch_read(from_type, to_type, ids)
        return AsyncBatchReadIterator(self._client._stream(stream), state)

    async def create(
        self,
        from_type: str,
        to_type: str,
        inputs: Iterable[AssociationInputLike],
        *,
        on_progress: Progress | None = None,
        keep: str = KEEP_ALL,
    ) -> BatchResult[AssociationInput, CreatedAssociation]:
        return await self._client._run(
            self._ops.batch(CREATE, from_type, to_type, inputs, on_progress, self._window, keep)
        )

    def stream_create(
        self,
        from_type: str,
        to_type: str,
        inputs: Iterable[AssociationInputLike],
        *,
        on_progress: Progress | None = None,
    ) -> AsyncIterator[ChunkResult[AssociationInput, CreatedAssociation]]:
        return self._client._stream(
            self._ops.batch_stream(CREATE, from_type, to_type, inputs, on_progress, self._window)
        )

    async def associate_default(
        self,
        from_type: str,
        to_type: str,
        pairs: Iterable[PairLike],
        *,
        on_progress: Progress | None = None,
        keep: str = KEEP_ALL,
    ) -> BatchResult[Pair, CreatedAssociation]:
        return await self._client._run(
            self._ops.batch(
                ASSOCIATE_DEFAULT, from_type, to_type, pairs, on_progress, self._window, keep
            )
        )

    def stream_associate_default(
        self,
        from_type: str,
        to_type: str,
        pairs: Iterable[PairLike],
        *,
        on_progress: Progress | None = None,
    ) -> AsyncIterator[ChunkResult[Pair, CreatedAssociation]]:
        return self._client._stream(
            self._ops.batch_stream(
                ASSOCIATE_DEFAULT, from_type, to_type, pairs, on_progress, self._window
            )
        )

    async def archive(
        self,
        from_type: str,
        to_type: str,
        pairs: Iterable[PairLike],
        *,
        on_progress: Progress | None = None,
        keep: str = KEEP_ALL,
    ) -> BatchResult[Pair, object]:
        return await self._client._run(
            self._ops.batch(ARCHIVE, from_type, to_type, pairs, on_progress, self._window, keep)
        )

    def stream_archive(
        self,
        from_type: str,
        to_type: str,
        pairs: Iterable[PairLike],
        *,
        on_progress: Progress | None = None,
    ) -> AsyncIterator[ChunkResult[Pair, object]]:
        return self._client._stream(
            self._ops.batch_stream(ARCHIVE, from_type, to_type, pairs, on_progress, self._window)
        )

    async def archive_labels(
        self,
        from_type: str,
        to_type: str,
        inputs: Iterable[AssociationInputLike],
        *,
        on_progress: Progress | None = None,
        keep: str = KEEP_ALL,
    ) -> BatchResult[AssociationInput, object]:
        return await self._client._run(
            self._ops.batch(
                ARCHIVE_LABELS, from_type, to_type, inputs, on_progress, self._window, keep
            )
        )

    def stream_archive_labels(
        self,
        from_type: str,
        to_type: str,
        inputs: Iterable[AssociationInputLike],
        *,
        on_progress: Progress | None = None,
    ) -> AsyncIterator[ChunkResult[AssociationInput, object]]:
        return self._client._stream(
            self._ops.batch_stream(
                ARCHIVE_LABELS, from_type, to_type, inputs, on_progress, self._window
            )
        )


class AsyncLabels(_Resource):
    _client: AsyncClient

    async def list(self, from_type: str, to_type: str) -> builtins.list[LabelDefinition]:
        return await self._client._run(self._ops.labels_list(from_type, to_type))

    async def create(
        self,
        from_type: str,
        to_type: str,
        label: str,
        *,
        name: str | None = None,
        inverse_label: str | None = None,
    ) -> builtins.list[LabelDefinition]:
        return await self._client._run(
            self._ops.labels_create(from_type, to_type, label, name, inverse_label)
        )

    async def update(
        self,
        from_type: str,
        to_type: str,
        type_id: int,
        label: str,
        *,
        inverse_label: str | None = None,
    ) -> None:
        await self._client._run(
            self._ops.labels_update(from_type, to_type, type_id, label, inverse_label)
        )

    async def delete(self, from_type: str, to_type: str, type_id: int) -> None:
        await self._client._run(self._ops.labels_delete(from_type, to_type, type_id))


class AsyncLimits(_Resource):
    _client: AsyncClient

    async def list(
        self, from_type: str | None = None, to_type: str | None = None
    ) -> builtins.list[AssociationLimit]:
        return await self._client._run(self._ops.limits_list(from_type, to_type))

    async def create(
        self,
        from_type: str,
        to_type: str,
        inputs: Iterable[LimitInputLike],
        *,
        keep: str = KEEP_ALL,
    ) -> BatchResult[LimitInput, AssociationLimit]:
        return await self._client._run(
            self._ops.batch(LIMITS_CREATE, from_type, to_type, inputs, None, self._window, keep)
        )

    def stream_create(
        self, from_type: str, to_type: str, inputs: Iterable[LimitInputLike]
    ) -> AsyncIterator[ChunkResult[LimitInput, AssociationLimit]]:
        return self._client._stream(
            self._ops.batch_stream(LIMITS_CREATE, from_type, to_type, inputs, None, self._window)
        )

    async def update(
        self,
        from_type: str,
        to_type: str,
        inputs: Iterable[LimitInputLike],
        *,
        keep: str = KEEP_ALL,
    ) -> BatchResult[LimitInput, AssociationLimit]:
        return await self._client._run(
            self._ops.batch(LIMITS_UPDATE, from_type, to_type, inputs, None, self._window, keep)
        )

    def stream_update(
        self, from_type: str, to_type: str, inputs: Iterable[LimitInputLike]
    ) -> AsyncIterator[ChunkResult[LimitInput, AssociationLimit]]:
        return self._client._stream(
            self._ops.batch_stream(LIMITS_UPDATE, from_type, to_type, inputs, None, self._window)
        )

    async def purge(
        self,
        from_type: str,
        to_type: str,
        types: Iterable[AssociationTypeLike],
        *,
        keep: str = KEEP_ALL,
    ) -> BatchResult[AssociationType, object]:
        return await self._client._run(
            self._ops.batch(LIMITS_PURGE, from_type, to_type, types, None, self._window, keep)
        )

    def stream_purge(
        self, from_type: str, to_type: str, types: Iterable[AssociationTypeLike]
    ) -> AsyncIterator[ChunkResult[AssociationType, object]]:
        return self._client._stream(
            self._ops.batch_stream(LIMITS_PURGE, from_type, to_type, types, None, self._window)
        )


class AsyncReports(_Resource):
    _client: AsyncClient

    async def high_usage(self, user_id: int) -> HighUsageReport:
        return await self._client._run(self._ops.high_usage(user_id))
