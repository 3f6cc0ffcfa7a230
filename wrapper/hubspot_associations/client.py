"""``Client`` and ``AsyncClient``: the drivers that perform the plans of ``_operations``.

Both share configuration (``_Settings``), every operation (``Operations``) and every
decision (retry, chunking, aggregation, paging); they differ only in how effects are
performed: blocking calls and ``time.sleep`` here, ``await`` and ``asyncio.sleep`` there,
with batch chunks sent concurrently (``max_concurrency``) by the async client.
"""

from __future__ import annotations

import builtins
import contextlib
import contextvars
import dataclasses
import functools
import math
import os
import re
import sys
import threading
import time
from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Self, TypeAlias, TypeVar
from urllib.parse import urlsplit

from ._lazy import LazyModule
from ._retry import RetryPolicy
from ._user_agent import user_agents
from ._wire import Answer, Outcome
from .errors import (
    FAILED,
    UNKNOWN,
    CallTimeoutError,
    ConfigurationError,
    HubSpotError,
    UndecodableBody,
    redact,
    redact_headers,
)
from .ratelimit import Limiter, RateLimiter
from .responses import Exchange, RawClient, RawResponse, exchange, record, recording
from .versions import ApiVersion, latest_version

if TYPE_CHECKING:
    import asyncio
    import logging

    import httpx

    from . import _answers, _base, _operations, pagination
    from ._base import Call, Effect, Plan, Stream
    from ._operations import Operations
    from .batching import BatchResult, ChunkResult, Progress
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
else:  # imported when first used, not by `Client(...)` (README: import cost): asyncio by an
    # AsyncClient's first call; the plans, answer checks and iterators by the first call; httpx
    # and logging by the first request. Each global becomes the real module on first use.
    asyncio = LazyModule("asyncio", globals(), "asyncio")
    logging = LazyModule("logging", globals(), "logging")
    httpx = LazyModule("httpx", globals(), "httpx")
    _answers = LazyModule("hubspot_associations._answers", globals(), "_answers")
    _base = LazyModule("hubspot_associations._base", globals(), "_base")
    _operations = LazyModule("hubspot_associations._operations", globals(), "_operations")
    pagination = LazyModule("hubspot_associations.pagination", globals(), "pagination")

LOGGER = "hubspot_associations"

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
Timeout: TypeAlias = "float | httpx.Timeout | None"


class _Unset:
    """An option ``with_options`` leaves as it is (None is a value some options take)."""

    def __repr__(self) -> str:
        return "<unset>"


UNSET: Any = _Unset()


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
    def last(self) -> str | None:
        """The token sent last (what answers are scrubbed of; see ``errors.redact``)."""
        return self._source if isinstance(self._source, str) else self._last

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
    loaded = sys.modules.get("httpx")  # an httpx.Timeout given means httpx is imported
    if loaded is not None and isinstance(value, loaded.Timeout):
        for phase in ("connect", "read", "write", "pool"):
            _check_seconds(getattr(value, phase), f"timeout.{phase}")
        given: httpx.Timeout = value
        return given
    if value is not None and not isinstance(value, (int, float)):
        raise ConfigurationError("timeout must be a number of seconds, an httpx.Timeout or None")
    return _check_seconds(value, "timeout")


def _check_base_url(value: Any) -> str:
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        raise ConfigurationError("base_url must be an http(s) URL")
    try:
        url = urlsplit(value)
        url.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        raise ConfigurationError("base_url is not a valid URL") from None
    if "@" in url.netloc:
        # Never echoed: it holds a password. The bearer token is the only credential sent.
        raise ConfigurationError("base_url must not contain credentials (user:password@host)")
    if not url.hostname or url.query or url.fragment or any(c.isspace() for c in value):
        raise ConfigurationError("base_url must be scheme://host[:port][/path], no query")
    return value.rstrip("/")


class _Attempt:
    """The state of one HTTP attempt, owned by the driver (``_send`` fills it in): the
    answer as read (bounded, decoded), which token it carried (a number, never the token),
    whether its body was cut at ``max_answer_bytes`` or could not be decoded."""

    __slots__ = ("problem", "response", "token_generation", "truncated")

    def __init__(self) -> None:
        self.response: httpx.Response | None = None
        self.token_generation = 0
        self.truncated = False
        self.problem: str | None = None


class _RawSender:
    """What ``client.raw`` (the generated client) is given as its httpx client.

    Generated operations call only ``get_httpx_client().request(method=, url=, ...)``
    (``get_async_httpx_client()`` for ``asyncio_detailed``), which tests/wrapper/
    test_raw_client.py pins for every operation of every version. Each call is one attempt
    through the driver's sender: auth, rate limit, bounds, logging, recording; no retries.
    """

    def __init__(self, send: Callable[..., Any]) -> None:
        self._send = send

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        return self._send(_Attempt(), method, url, **kwargs)


def _raw_client(version: ApiVersion, base_url: str, sender: _RawSender, is_async: bool) -> Any:
    """The generated client of ``version``, sending through ``sender``."""
    raw = version.raw_client_class()(base_url=base_url)
    if is_async:
        raw.set_async_httpx_client(sender)
    else:
        raw.set_httpx_client(sender)
    return raw


def _check_answer_bytes(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigurationError("max_answer_bytes must be an int")
    if value < 1024:
        raise ConfigurationError("max_answer_bytes must be at least 1024")
    return value


def _retry_policy(max_retries: Any, refresh_token: bool) -> RetryPolicy:
    try:
        return RetryPolicy(max_retries=max_retries, refresh_token=refresh_token)
    except (TypeError, ValueError) as exc:
        raise ConfigurationError(str(exc)) from None


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


@dataclasses.dataclass
class Stats:
    """Counters of one client: attempts sent, retries made, seconds slept before retries."""

    requests: int = 0
    retries: int = 0
    retry_wait: float = 0.0


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
        self.max_answer_bytes = _check_answer_bytes(max_answer_bytes)
        self.token = _Token(access_token)
        self.version = ApiVersion(latest_version() if version is None else version)
        self.policy = RetryPolicy(max_retries=max_retries, refresh_token=self.token.refreshes)
        # Every request of the client is paced by one limiter: the configured cap, and what
        # the answers' rate-limit headers and 429s teach it.
        self.limiter: Limiter = _limiter(rate_limit, rate_limit_backend)
        self.stats = Stats()

    @functools.cached_property
    def operations(self) -> Operations:
        """Every operation's plan for this version and retry policy; built on the first call
        (with the modules behind it: README, import cost)."""
        return _operations.Operations(self.version, self.policy)

    def with_options(
        self, timeout: Any, max_retries: Any, call_timeout: Any, max_answer_bytes: Any
    ) -> _Settings:
        """A copy with the given options (``UNSET``: as here), checked like the constructor's;
        the token source, limiter and stats are the same objects."""
        new = object.__new__(_Settings)
        new.__dict__.update(self.__dict__)
        if timeout is not UNSET:
            new.timeout = _check_timeout(timeout)
        if call_timeout is not UNSET:
            new.call_timeout = _check_seconds(call_timeout, "call_timeout")
        if max_answer_bytes is not UNSET:
            new.max_answer_bytes = _check_answer_bytes(max_answer_bytes)
        if max_retries is not UNSET:
            new.policy = _retry_policy(max_retries, self.token.refreshes)
            new.__dict__.pop("operations", None)  # rebuilt with the new policy
        return new

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

    def authorize(self, request: httpx.Request, attempt: _Attempt) -> httpx.Request:
        """Set the attempt's bearer token (asking a token callable each time) and note which
        token it carried (a number), so a 401 can tell a renewed token from the refused one.
        Sent with ``auth=None``: an ``http_client``'s own auth does not replace it."""
        request.headers["Authorization"] = f"Bearer {self.token()}"
        attempt.token_generation = self.token.generation
        return request

    def record(
        self,
        request: httpx.Request,
        response: httpx.Response | None,
        started: float,
        error: BaseException | None = None,
    ) -> None:
        """Hand the attempt to the recorders of this client (``with_raw_response``,
        ``recording()``): the answer's status and headers; never the request's headers."""
        elapsed = time.monotonic() - started
        made = exchange(request.method, str(request.url), response, elapsed, error, self.token.last)
        record(self.stats, made)

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
        httpx_default, ours = user_agents()
        if request.headers.get("User-Agent") == httpx_default:  # nobody chose their own
            request.headers["User-Agent"] = ours
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

    def reader(self, response: httpx.Response, attempt: _Attempt) -> _answers.BodyReader | None:
        """How to read this answer's body within ``max_answer_bytes`` (None: unreadable)."""
        if response.is_stream_consumed:  # already read (an event hook, a wrapping transport)
            reader = _answers.BodyReader("identity", self.max_answer_bytes)
            reader.feed(response.content)
            return reader
        try:
            return _answers.BodyReader(
                response.headers.get("Content-Encoding", ""), self.max_answer_bytes
            )
        except UndecodableBody as exc:
            attempt.problem = str(exc) if response.status_code < 400 else None
            return None

    def feed(self, reader: _answers.BodyReader, chunk: bytes, attempt: _Attempt) -> bool:
        """Read one raw chunk; False to stop (size bound reached, or undecodable)."""
        try:
            more = reader.feed(chunk)
        except UndecodableBody as exc:
            attempt.problem = str(exc)
            reader.parts.clear()
            return False
        left = self.deadline_left()
        if left is not None and left <= 0:
            raise self.call_timed_out(sent=True)
        return more

    def keep(
        self, attempt: _Attempt, response: httpx.Response, reader: _answers.BodyReader | None
    ) -> None:
        """Store the body read (decoded, bounded, the token cut out) as the response's content."""
        secret = self.token.last
        response._content = redact(reader.content if reader is not None else b"", secret)
        response.headers = redact_headers(response.headers, secret)
        attempt.truncated = reader is not None and reader.truncated
        if attempt.problem is not None and response.status_code >= 400:
            attempt.problem = None  # an error answer: its status says enough
        attempt.response = response

    def wait_for_slot(self) -> float:
        return self.limiter.reserve()

    def observe(self, response: httpx.Response) -> None:
        self.limiter.observe(response.status_code, response.headers)

    def log(self, method: str, response: httpx.Response, started: float) -> None:
        logger = logging.getLogger(LOGGER)
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug(
                "%s %s -> %d (%.0f ms)",
                method.upper(),
                response.request.url,
                response.status_code,
                (time.monotonic() - started) * 1000,
            )

    def outcome(self, attempt: _Attempt, exc: Exception | None, call: Call) -> Outcome:
        """The attempt's ``Answer``, or the transport error that prevented one."""
        response = attempt.response
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
            token=attempt.token_generation,
            declared=declared,
            truncated=attempt.truncated,
            problem=attempt.problem,
        )

    def capped(self, seconds: float) -> float:
        """A wait cut at the call's deadline (the next attempt then fails with it)."""
        left = self.deadline_left()
        return seconds if left is None else max(0.0, min(seconds, left))

    def slept(self, seconds: float) -> None:
        self.stats.retries += 1
        self.stats.retry_wait += seconds


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
    """What ``Client`` and ``AsyncClient`` share beyond ``_Settings``: the read-only views,
    ``client.raw``, ``recording()`` and the copy behind ``with_options``."""

    _settings: _Settings
    _raw: RawClient | None
    _send: Callable[..., Any]  # the driver's one-attempt sender
    _is_async = False

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

    @property
    def raw(self) -> RawClient:
        """The generated client of the selected version (auth, rate limit, logging included;
        no retries): pass it as ``client=`` to the ``sync_detailed`` (``Client``) or
        ``asyncio_detailed`` (``AsyncClient``) functions of ``hubspot_associations_raw.<v>.api``."""
        if self._raw is None:
            settings = self._settings
            sender = _RawSender(self._send)
            self._raw = _raw_client(
                settings.version, settings.base_url, sender, is_async=self._is_async
            )
        return self._raw

    def recording(self) -> contextlib.AbstractContextManager[list[Exchange]]:
        """``with client.recording() as exchanges:`` collects every HTTP attempt this client
        (and its ``with_options`` copies) makes in the block, in this thread or task (and the
        tasks it starts): paged, streamed and failed calls included."""
        return recording(self._settings.stats)

    def _copy(self, settings: _Settings) -> Self:
        """A copy on ``settings`` sharing everything else; the pool stays the original's."""
        copy = object.__new__(type(self))
        copy.__dict__.update(self.__dict__)
        copy._settings = settings
        copy.__dict__["_own_http"] = False
        return copy


class Client(_ClientBase):
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
        self._pool = _Pool(http_client, lambda: httpx.Client(timeout=timeout or DEFAULT_TIMEOUT))
        self._sleep: Callable[[float], None] = time.sleep
        self._bind()

    def _bind(self) -> None:
        self._raw: RawClient | None = None
        self.records = Records(self)
        self.batch = Batch(self)
        self.labels = Labels(self)
        self.limits = Limits(self)
        self.reports = Reports(self)

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
        settings = self._settings.with_options(timeout, max_retries, call_timeout, max_answer_bytes)
        copy = self._copy(settings)
        copy._bind()
        return copy

    @property
    def with_raw_response(self) -> RawResponses:
        """The same calls, each returning a ``RawResponse``: status, headers, correlation id
        and every HTTP attempt (``.exchanges``) behind the result, which ``.parse()`` gives.
        Calls that return an iterator are not here: use ``recording()`` around them."""
        return RawResponses(self)

    def close(self) -> None:
        """Close the HTTP connections the client opened (never those of your ``http_client``;
        a ``with_options`` copy closes nothing)."""
        if self.__dict__.get("_own_http"):
            self._pool.closed = True
            built = self._pool.built
            if built is not None:
                built.close()

    @property
    def _http(self) -> httpx.Client:
        return self._pool.get()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # --- the driver ----------------------------------------------------------------------

    def _send(self, attempt: _Attempt, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """One attempt: wait for the limiter, send, read the body within its bounds, fill in
        ``attempt`` and hand the exchange to the recorders."""
        settings = self._settings
        wait = settings.wait_for_slot()
        if wait > 0:
            self._sleep(wait)
        left = settings.deadline_left()
        if left is not None and left <= 0:
            raise settings.call_timed_out(sent=False)
        started = time.monotonic()
        request = settings.build(self._http, method, url, kwargs)
        response: httpx.Response | None = None
        try:
            # Redirects are never followed (also with a user's http_client): a 3xx is an
            # error. The body is read through the size and call_timeout bounds (feed).
            response = self._http.send(
                settings.authorize(request, attempt), auth=None, follow_redirects=False, stream=True
            )
            try:
                reader = settings.reader(response, attempt)
                if reader is not None and not response.is_stream_consumed:
                    for chunk in response.iter_raw():
                        if not settings.feed(reader, chunk, attempt):
                            break
            finally:
                response.close()
        except BaseException as exc:
            settings.record(request, response, started, exc)
            raise
        settings.keep(attempt, response, reader)
        settings.record(request, response, started)
        settings.observe(response)
        settings.log(method, response, started)
        return response

    def _attempt(self, call: Call) -> Outcome:
        attempt = _Attempt()
        request = self._settings.prepare(call)
        try:
            self._send(attempt, **request)
        except Exception as exc:
            return self._settings.outcome(attempt, exc, call)
        return self._settings.outcome(attempt, None, call)

    def _perform(self, effect: Effect) -> Any:
        if isinstance(effect, _base.Send):
            return self._attempt(effect.call)
        if isinstance(effect, _base.Sleep):
            self._settings.slept(effect.seconds)
            self._sleep(self._settings.capped(effect.seconds))
            return None
        if isinstance(effect, _base.Gather):
            return [self._run(plan) for plan in effect.plans]
        if isinstance(
            effect, _base.Spawn
        ):  # no concurrency here: run it now, the result is the handle
            return self._run(effect.plan)
        if isinstance(effect, _base.Wait):
            return effect.handle
        if isinstance(effect, _base.Cancel):  # every spawned plan has already ended
            return list(effect.handles)
        raise TypeError(f"unknown effect {effect!r}")

    def _run(self, plan: Plan[T]) -> T:
        """Run a plan; an exception performing an effect is thrown into it at its yield."""
        reply: Any = None
        error: BaseException | None = None
        with self._settings.call_scope():
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

    def _stream(self, stream: Stream[T]) -> Iterator[T]:
        reply: Any = None
        error: BaseException | None = None
        try:
            while True:
                with self._settings.call_scope():  # call_timeout bounds each step (page)
                    while True:
                        try:
                            effect = stream.send(reply) if error is None else stream.throw(error)
                            reply = error = None
                        except StopIteration:
                            return
                        if isinstance(effect, (_base.Emit, _base.EmitAll)):
                            break
                        try:
                            reply = self._perform(effect)
                        except BaseException as exc:
                            error = exc
                if isinstance(effect, _base.Emit):
                    yield effect.item
                else:
                    yield from effect.items
        finally:  # the caller stopped early (or it failed): the plan ends here, not at GC
            stream.close()


class AsyncClient(_ClientBase):
    """Asynchronous HubSpot CRM Associations client: ``Client`` with ``await``/``async for``.

    Batch chunks are sent concurrently, at most ``max_concurrency`` at a time.
    """

    _is_async = True

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
        max_concurrency = _check_concurrency(max_concurrency)
        self._own_http = http_client is None
        self._pool = _Pool(
            http_client, lambda: httpx.AsyncClient(timeout=timeout or DEFAULT_TIMEOUT)
        )
        self._sleep: Callable[[float], Awaitable[None]] = _async_sleep
        self._max_concurrency = max_concurrency
        self._bind()

    def _bind(self) -> None:
        self._raw: RawClient | None = None
        self.records = AsyncRecords(self)
        self.batch = AsyncBatch(self)
        self.labels = AsyncLabels(self)
        self.limits = AsyncLimits(self)
        self.reports = AsyncReports(self)

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
        settings = self._settings.with_options(timeout, max_retries, call_timeout, max_answer_bytes)
        copy = self._copy(settings)
        if max_concurrency is not UNSET:
            copy._max_concurrency = _check_concurrency(max_concurrency)
        copy._bind()
        return copy

    @property
    def with_raw_response(self) -> AsyncRawResponses:
        """The same calls, each returning a ``RawResponse``: status, headers, correlation id
        and every HTTP attempt (``.exchanges``) behind the result, which ``.parse()`` gives.
        Calls that return an iterator are not here: use ``recording()`` around them."""
        return AsyncRawResponses(self)

    async def aclose(self) -> None:
        """Close the HTTP connections the client opened (never those of your ``http_client``;
        a ``with_options`` copy closes nothing)."""
        if self.__dict__.get("_own_http"):
            self._pool.closed = True
            built = self._pool.built
            if built is not None:
                await built.aclose()

    @property
    def _http(self) -> httpx.AsyncClient:
        return self._pool.get()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    # --- the driver ----------------------------------------------------------------------

    async def _send(
        self, attempt: _Attempt, method: str, url: str, **kwargs: Any
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
        response: httpx.Response | None = None
        try:
            async with asyncio.timeout(left):  # None: no bound
                response = await self._http.send(
                    settings.authorize(request, attempt),
                    auth=None,
                    follow_redirects=False,
                    stream=True,
                )
                try:
                    reader = settings.reader(response, attempt)
                    if reader is not None and not response.is_stream_consumed:
                        async for chunk in response.aiter_raw():
                            if not settings.feed(reader, chunk, attempt):
                                break
                finally:
                    await response.aclose()
        except TimeoutError:
            settings.record(request, response, started, TimeoutError())
            raise settings.call_timed_out(sent=True) from None
        except BaseException as exc:
            settings.record(request, response, started, exc)
            raise
        settings.keep(attempt, response, reader)
        settings.record(request, response, started)
        settings.observe(response)
        settings.log(method, response, started)
        return response

    async def _attempt(self, call: Call) -> Outcome:
        attempt = _Attempt()
        request = self._settings.prepare(call)
        try:
            await self._send(attempt, **request)
        except Exception as exc:
            return self._settings.outcome(attempt, exc, call)
        return self._settings.outcome(attempt, None, call)

    async def _perform(self, effect: Effect) -> Any:
        if isinstance(effect, _base.Send):
            return await self._attempt(effect.call)
        if isinstance(effect, _base.Sleep):
            self._settings.slept(effect.seconds)
            await self._sleep(self._settings.capped(effect.seconds))
            return None
        if isinstance(effect, _base.Gather):
            gate = asyncio.Semaphore(self._max_concurrency)

            async def bounded(plan: Plan[Any]) -> Any:
                async with gate:
                    return await self._run(plan)

            tasks = [asyncio.ensure_future(bounded(plan)) for plan in effect.plans]
            try:
                return await asyncio.gather(*tasks)
            finally:  # one failed or we were cancelled: none is left running unobserved
                await _settle(tasks)
        if isinstance(effect, _base.Spawn):  # the plan keeps the number in flight bounded
            return asyncio.ensure_future(self._run(effect.plan))
        if isinstance(effect, _base.Wait):
            return await effect.handle
        if isinstance(effect, _base.Cancel):
            return await _settle(effect.handles)
        raise TypeError(f"unknown effect {effect!r}")

    async def _run(self, plan: Plan[T]) -> T:
        """Run a plan; an exception performing an effect (a task's cancellation too) is
        thrown into it at its yield. Sub-plans it spawned never outlive it."""
        reply: Any = None
        error: BaseException | None = None
        spawned: list[asyncio.Future[Any]] = []
        try:
            with self._settings.call_scope():
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
                    if isinstance(effect, _base.Spawn) and error is None:
                        spawned = [f for f in spawned if not f.done()]
                        spawned.append(reply)
        finally:
            await _settle(spawned)

    async def _stream(self, stream: Stream[T]) -> AsyncGenerator[T, None]:
        reply: Any = None
        error: BaseException | None = None
        spawned: list[asyncio.Future[Any]] = []
        try:
            while True:
                with self._settings.call_scope():  # call_timeout bounds each step (page)
                    while True:
                        try:
                            effect = stream.send(reply) if error is None else stream.throw(error)
                            reply = error = None
                        except StopIteration:
                            return
                        if isinstance(effect, (_base.Emit, _base.EmitAll)):
                            break
                        try:
                            reply = await self._perform(effect)
                        except BaseException as exc:
                            error = exc
                        if isinstance(effect, _base.Spawn) and error is None:
                            spawned = [f for f in spawned if not f.done()]
                            spawned.append(reply)
                if isinstance(effect, _base.Emit):
                    yield effect.item
                else:
                    for item in effect.items:
                        yield item
        finally:  # the caller stopped early: chunks in flight are cancelled and waited for
            stream.close()
            await _settle(spawned)


async def _async_sleep(seconds: float) -> None:
    """``asyncio.sleep``, reached on first use: building an ``AsyncClient`` imports no asyncio."""
    await asyncio.sleep(seconds)


def _check_concurrency(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigurationError("max_concurrency must be an int")
    if value < 1:
        raise ConfigurationError("max_concurrency must be >= 1")
    return value


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


# --- resources: thin sync/async pairs over the shared operations ---------------------------


class _Resource:
    _client: _ClientBase

    def __init__(self, client: _ClientBase) -> None:
        self._client = client
        # batch chunks in flight at once (and read ahead of the one being reported)
        self._window: int = getattr(client, "_max_concurrency", 1)

    @property
    def _ops(self) -> Operations:
        return self._client._settings.operations


class _SyncResource(_Resource):
    _client: Client

    def _at(self, timeout: Timeout) -> Client:
        """The client for one call: this one, or a copy with the call's ``timeout``."""
        return self._client if timeout is None else self._client.with_options(timeout=timeout)


class _AsyncResource(_Resource):
    _client: AsyncClient

    def _at(self, timeout: Timeout) -> AsyncClient:
        """The client for one call: this one, or a copy with the call's ``timeout``."""
        return self._client if timeout is None else self._client.with_options(timeout=timeout)


class Records(_SyncResource):
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
        *,
        timeout: Timeout = None,
    ) -> CreatedAssociation:
        """Associate two records: with ``types`` (labels), or the default type when None."""
        return self._at(timeout)._run(
            self._ops.associate(from_type, from_id, to_type, to_id, types)
        )

    def remove(
        self,
        from_type: str,
        from_id: str | int,
        to_type: str,
        to_id: str | int,
        *,
        timeout: Timeout = None,
    ) -> None:
        """Remove every association between two records."""
        self._at(timeout)._run(self._ops.remove(from_type, from_id, to_type, to_id))

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


class Batch(_SyncResource):
    """Batch operations: any number of inputs, split at HubSpot's caps.

    Each write comes in two forms: ``create(...)`` returns one ``BatchResult`` over all
    chunks (``keep="failures"`` keeps only counts and failures), and ``stream_create(...)``
    yields one ``ChunkResult`` per chunk as it completes, reading the inputs lazily.
    """

    _client: Client

    def read(self, from_type: str, to_type: str, ids: Ids) -> BatchReadIterator:
        """Associations of many records, one ``RecordAssociations`` per id, lazily."""
        state, stream = self._ops.batch_read(from_type, to_type, ids)
        return pagination.BatchReadIterator(self._client._stream(stream), state)

    def create(
        self,
        from_type: str,
        to_type: str,
        inputs: Iterable[AssociationInputLike],
        *,
        on_progress: Progress | None = None,
        keep: str = "all",
    ) -> BatchResult[AssociationInput, CreatedAssociation]:
        """Labelled associations; inputs are ``(from_id, to_id, types)`` or ``AssociationInput``."""
        return self._client._run(
            self._ops.batch(_operations.CREATE, from_type, to_type, inputs, on_progress, 1, keep)
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
            self._ops.batch_stream(_operations.CREATE, from_type, to_type, inputs, on_progress, 1)
        )

    def associate_default(
        self,
        from_type: str,
        to_type: str,
        pairs: Iterable[PairLike],
        *,
        on_progress: Progress | None = None,
        keep: str = "all",
    ) -> BatchResult[Pair, CreatedAssociation]:
        """Default (unlabelled) associations between ``(from_id, to_id)`` pairs."""
        return self._client._run(
            self._ops.batch(
                _operations.ASSOCIATE_DEFAULT, from_type, to_type, pairs, on_progress, 1, keep
            )
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
            self._ops.batch_stream(
                _operations.ASSOCIATE_DEFAULT, from_type, to_type, pairs, on_progress, 1
            )
        )

    def archive(
        self,
        from_type: str,
        to_type: str,
        pairs: Iterable[PairLike],
        *,
        on_progress: Progress | None = None,
        keep: str = "all",
    ) -> BatchResult[Pair, object]:
        """Remove every association between each ``(from_id, to_id)`` pair."""
        return self._client._run(
            self._ops.batch(_operations.ARCHIVE, from_type, to_type, pairs, on_progress, 1, keep)
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
            self._ops.batch_stream(_operations.ARCHIVE, from_type, to_type, pairs, on_progress, 1)
        )

    def archive_labels(
        self,
        from_type: str,
        to_type: str,
        inputs: Iterable[AssociationInputLike],
        *,
        on_progress: Progress | None = None,
        keep: str = "all",
    ) -> BatchResult[AssociationInput, object]:
        """Remove the given association types (labels) between each pair."""
        return self._client._run(
            self._ops.batch(
                _operations.ARCHIVE_LABELS, from_type, to_type, inputs, on_progress, 1, keep
            )
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
            self._ops.batch_stream(
                _operations.ARCHIVE_LABELS, from_type, to_type, inputs, on_progress, 1
            )
        )


class Labels(_SyncResource):
    """Association label definitions between two object types."""

    _client: Client

    def list(
        self, from_type: str, to_type: str, *, timeout: Timeout = None
    ) -> builtins.list[LabelDefinition]:
        """Every label (association type) defined from ``from_type`` to ``to_type``."""
        return self._at(timeout)._run(self._ops.labels_list(from_type, to_type))

    def create(
        self,
        from_type: str,
        to_type: str,
        label: str,
        *,
        name: str | None = None,
        inverse_label: str | None = None,
        timeout: Timeout = None,
    ) -> builtins.list[LabelDefinition]:
        """Define a label (``inverse_label`` makes a paired one); returns the new types."""
        return self._at(timeout)._run(
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
        timeout: Timeout = None,
    ) -> None:
        """Rename a label (and its inverse, with ``inverse_label``)."""
        self._at(timeout)._run(
            self._ops.labels_update(from_type, to_type, type_id, label, inverse_label)
        )

    def delete(
        self, from_type: str, to_type: str, type_id: int, *, timeout: Timeout = None
    ) -> None:
        """Delete a label definition."""
        self._at(timeout)._run(self._ops.labels_delete(from_type, to_type, type_id))


class Limits(_SyncResource):
    """Association limits (max associated records per association type)."""

    _client: Client

    def list(
        self,
        from_type: str | None = None,
        to_type: str | None = None,
        *,
        timeout: Timeout = None,
    ) -> builtins.list[AssociationLimit]:
        """Limits between two object types, or every limit of the account."""
        return self._at(timeout)._run(self._ops.limits_list(from_type, to_type))

    def create(
        self,
        from_type: str,
        to_type: str,
        inputs: Iterable[LimitInputLike],
        *,
        keep: str = "all",
    ) -> BatchResult[LimitInput, AssociationLimit]:
        """Set limits: inputs are ``(category, type_id, max_to_object_ids)`` or ``LimitInput``."""
        return self._client._run(
            self._ops.batch(_operations.LIMITS_CREATE, from_type, to_type, inputs, None, 1, keep)
        )

    def stream_create(
        self, from_type: str, to_type: str, inputs: Iterable[LimitInputLike]
    ) -> Iterator[ChunkResult[LimitInput, AssociationLimit]]:
        """``create``, one ``ChunkResult`` per chunk, reading ``inputs`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(_operations.LIMITS_CREATE, from_type, to_type, inputs, None, 1)
        )

    def update(
        self,
        from_type: str,
        to_type: str,
        inputs: Iterable[LimitInputLike],
        *,
        keep: str = "all",
    ) -> BatchResult[LimitInput, AssociationLimit]:
        """Change existing limits (same inputs as ``create``)."""
        return self._client._run(
            self._ops.batch(_operations.LIMITS_UPDATE, from_type, to_type, inputs, None, 1, keep)
        )

    def stream_update(
        self, from_type: str, to_type: str, inputs: Iterable[LimitInputLike]
    ) -> Iterator[ChunkResult[LimitInput, AssociationLimit]]:
        """``update``, one ``ChunkResult`` per chunk, reading ``inputs`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(_operations.LIMITS_UPDATE, from_type, to_type, inputs, None, 1)
        )

    def purge(
        self,
        from_type: str,
        to_type: str,
        types: Iterable[AssociationTypeLike],
        *,
        keep: str = "all",
    ) -> BatchResult[AssociationType, object]:
        """Remove the limits of the given association types (back to HubSpot's default)."""
        return self._client._run(
            self._ops.batch(_operations.LIMITS_PURGE, from_type, to_type, types, None, 1, keep)
        )

    def stream_purge(
        self, from_type: str, to_type: str, types: Iterable[AssociationTypeLike]
    ) -> Iterator[ChunkResult[AssociationType, object]]:
        """``purge``, one ``ChunkResult`` per chunk, reading ``types`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(_operations.LIMITS_PURGE, from_type, to_type, types, None, 1)
        )


class Reports(_SyncResource):
    _client: Client

    def high_usage(self, user_id: int, *, timeout: Timeout = None) -> HighUsageReport:
        """Ask HubSpot to email a report of records near their association limits."""
        return self._at(timeout)._run(self._ops.high_usage(user_id))


class AsyncRecords(_AsyncResource):
    _client: AsyncClient

    def list(
        self, object_type: str, object_id: str | int, to_object_type: str, *, page_size: int = 500
    ) -> AsyncIterator[Association]:
        """Every association of one record to ``to_object_type``; pages fetched lazily."""
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
        *,
        timeout: Timeout = None,
    ) -> CreatedAssociation:
        """Associate two records: with ``types`` (labels), or the default type when None."""
        return await self._at(timeout)._run(
            self._ops.associate(from_type, from_id, to_type, to_id, types)
        )

    async def remove(
        self,
        from_type: str,
        from_id: str | int,
        to_type: str,
        to_id: str | int,
        *,
        timeout: Timeout = None,
    ) -> None:
        """Remove every association between two records."""
        await self._at(timeout)._run(self._ops.remove(from_type, from_id, to_type, to_id))

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
        """Search records (``UnsupportedOperation`` in versions without search)."""
        return self._client._stream(
            self._ops.search(object_type, query, filter_groups, properties, sorts, page_size)
        )


class AsyncBatch(_AsyncResource):
    _client: AsyncClient

    def read(self, from_type: str, to_type: str, ids: Ids) -> AsyncBatchReadIterator:
        """Associations of many records, one ``RecordAssociations`` per id, lazily."""
        state, stream = self._ops.batch_read(from_type, to_type, ids)
        return pagination.AsyncBatchReadIterator(self._client._stream(stream), state)

    async def create(
        self,
        from_type: str,
        to_type: str,
        inputs: Iterable[AssociationInputLike],
        *,
        on_progress: Progress | None = None,
        keep: str = "all",
    ) -> BatchResult[AssociationInput, CreatedAssociation]:
        """Labelled associations; inputs are ``(from_id, to_id, types)`` or ``AssociationInput``."""
        return await self._client._run(
            self._ops.batch(
                _operations.CREATE, from_type, to_type, inputs, on_progress, self._window, keep
            )
        )

    def stream_create(
        self,
        from_type: str,
        to_type: str,
        inputs: Iterable[AssociationInputLike],
        *,
        on_progress: Progress | None = None,
    ) -> AsyncIterator[ChunkResult[AssociationInput, CreatedAssociation]]:
        """``create``, one ``ChunkResult`` per chunk, reading ``inputs`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(
                _operations.CREATE, from_type, to_type, inputs, on_progress, self._window
            )
        )

    async def associate_default(
        self,
        from_type: str,
        to_type: str,
        pairs: Iterable[PairLike],
        *,
        on_progress: Progress | None = None,
        keep: str = "all",
    ) -> BatchResult[Pair, CreatedAssociation]:
        """Default (unlabelled) associations between ``(from_id, to_id)`` pairs."""
        return await self._client._run(
            self._ops.batch(
                _operations.ASSOCIATE_DEFAULT,
                from_type,
                to_type,
                pairs,
                on_progress,
                self._window,
                keep,
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
        """``associate_default``, one ``ChunkResult`` per chunk, reading ``pairs`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(
                _operations.ASSOCIATE_DEFAULT, from_type, to_type, pairs, on_progress, self._window
            )
        )

    async def archive(
        self,
        from_type: str,
        to_type: str,
        pairs: Iterable[PairLike],
        *,
        on_progress: Progress | None = None,
        keep: str = "all",
    ) -> BatchResult[Pair, object]:
        """Remove every association between each ``(from_id, to_id)`` pair."""
        return await self._client._run(
            self._ops.batch(
                _operations.ARCHIVE, from_type, to_type, pairs, on_progress, self._window, keep
            )
        )

    def stream_archive(
        self,
        from_type: str,
        to_type: str,
        pairs: Iterable[PairLike],
        *,
        on_progress: Progress | None = None,
    ) -> AsyncIterator[ChunkResult[Pair, object]]:
        """``archive``, one ``ChunkResult`` per chunk, reading ``pairs`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(
                _operations.ARCHIVE, from_type, to_type, pairs, on_progress, self._window
            )
        )

    async def archive_labels(
        self,
        from_type: str,
        to_type: str,
        inputs: Iterable[AssociationInputLike],
        *,
        on_progress: Progress | None = None,
        keep: str = "all",
    ) -> BatchResult[AssociationInput, object]:
        """Remove the given association types (labels) between each pair."""
        return await self._client._run(
            self._ops.batch(
                _operations.ARCHIVE_LABELS,
                from_type,
                to_type,
                inputs,
                on_progress,
                self._window,
                keep,
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
        """``archive_labels``, one ``ChunkResult`` per chunk, reading ``inputs`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(
                _operations.ARCHIVE_LABELS, from_type, to_type, inputs, on_progress, self._window
            )
        )


class AsyncLabels(_AsyncResource):
    _client: AsyncClient

    async def list(
        self, from_type: str, to_type: str, *, timeout: Timeout = None
    ) -> builtins.list[LabelDefinition]:
        """Every label (association type) defined from ``from_type`` to ``to_type``."""
        return await self._at(timeout)._run(self._ops.labels_list(from_type, to_type))

    async def create(
        self,
        from_type: str,
        to_type: str,
        label: str,
        *,
        name: str | None = None,
        inverse_label: str | None = None,
        timeout: Timeout = None,
    ) -> builtins.list[LabelDefinition]:
        """Define a label (``inverse_label`` makes a paired one); returns the new types."""
        return await self._at(timeout)._run(
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
        timeout: Timeout = None,
    ) -> None:
        """Rename a label (and its inverse, with ``inverse_label``)."""
        await self._at(timeout)._run(
            self._ops.labels_update(from_type, to_type, type_id, label, inverse_label)
        )

    async def delete(
        self, from_type: str, to_type: str, type_id: int, *, timeout: Timeout = None
    ) -> None:
        """Delete a label definition."""
        await self._at(timeout)._run(self._ops.labels_delete(from_type, to_type, type_id))


class AsyncLimits(_AsyncResource):
    _client: AsyncClient

    async def list(
        self,
        from_type: str | None = None,
        to_type: str | None = None,
        *,
        timeout: Timeout = None,
    ) -> builtins.list[AssociationLimit]:
        """Limits between two object types, or every limit of the account."""
        return await self._at(timeout)._run(self._ops.limits_list(from_type, to_type))

    async def create(
        self,
        from_type: str,
        to_type: str,
        inputs: Iterable[LimitInputLike],
        *,
        keep: str = "all",
    ) -> BatchResult[LimitInput, AssociationLimit]:
        """Set limits: inputs are ``(category, type_id, max_to_object_ids)`` or ``LimitInput``."""
        return await self._client._run(
            self._ops.batch(
                _operations.LIMITS_CREATE, from_type, to_type, inputs, None, self._window, keep
            )
        )

    def stream_create(
        self, from_type: str, to_type: str, inputs: Iterable[LimitInputLike]
    ) -> AsyncIterator[ChunkResult[LimitInput, AssociationLimit]]:
        """``create``, one ``ChunkResult`` per chunk, reading ``inputs`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(
                _operations.LIMITS_CREATE, from_type, to_type, inputs, None, self._window
            )
        )

    async def update(
        self,
        from_type: str,
        to_type: str,
        inputs: Iterable[LimitInputLike],
        *,
        keep: str = "all",
    ) -> BatchResult[LimitInput, AssociationLimit]:
        """Change existing limits (same inputs as ``create``)."""
        return await self._client._run(
            self._ops.batch(
                _operations.LIMITS_UPDATE, from_type, to_type, inputs, None, self._window, keep
            )
        )

    def stream_update(
        self, from_type: str, to_type: str, inputs: Iterable[LimitInputLike]
    ) -> AsyncIterator[ChunkResult[LimitInput, AssociationLimit]]:
        """``update``, one ``ChunkResult`` per chunk, reading ``inputs`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(
                _operations.LIMITS_UPDATE, from_type, to_type, inputs, None, self._window
            )
        )

    async def purge(
        self,
        from_type: str,
        to_type: str,
        types: Iterable[AssociationTypeLike],
        *,
        keep: str = "all",
    ) -> BatchResult[AssociationType, object]:
        """Remove the limits of the given association types (back to HubSpot's default)."""
        return await self._client._run(
            self._ops.batch(
                _operations.LIMITS_PURGE, from_type, to_type, types, None, self._window, keep
            )
        )

    def stream_purge(
        self, from_type: str, to_type: str, types: Iterable[AssociationTypeLike]
    ) -> AsyncIterator[ChunkResult[AssociationType, object]]:
        """``purge``, one ``ChunkResult`` per chunk, reading ``types`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(
                _operations.LIMITS_PURGE, from_type, to_type, types, None, self._window
            )
        )


class AsyncReports(_AsyncResource):
    _client: AsyncClient

    async def high_usage(self, user_id: int, *, timeout: Timeout = None) -> HighUsageReport:
        """Ask HubSpot to email a report of records near their association limits."""
        return await self._at(timeout)._run(self._ops.high_usage(user_id))


# --- with_raw_response: the same calls, each with the HTTP attempts behind its result -------

# Calls that return an iterator: their requests happen as it is consumed, after the call
# returns, so they have no RawResponse; ``client.recording()`` around the loop sees them.
_ITERATORS = frozenset({"records.list", "records.search", "batch.read"})


def _refuse_iterator(resource: str, method: str) -> None:
    if method.startswith("stream_") or f"{resource}.{method}" in _ITERATORS:
        raise AttributeError(
            f"{resource}.{method} returns an iterator, whose requests are sent as it is "
            "consumed: use `with client.recording() as exchanges:` around the loop"
        )


class _RawCalls:
    """One resource's calls, each returning a ``RawResponse``."""

    def __init__(self, resource: _SyncResource, name: str, owner: object) -> None:
        self._resource = resource
        self._name = name
        self._owner = owner

    def __getattr__(self, method: str) -> Callable[..., RawResponse[Any]]:
        _refuse_iterator(self._name, method)
        call = getattr(self._resource, method)
        owner = self._owner

        def with_raw_response(*args: Any, **kwargs: Any) -> RawResponse[Any]:
            with recording(owner) as exchanges:
                result = call(*args, **kwargs)
            return RawResponse(result, exchanges)

        with_raw_response.__doc__ = call.__doc__
        return with_raw_response


class _AsyncRawCalls:
    """One async resource's calls, each returning (awaited) a ``RawResponse``."""

    def __init__(self, resource: _AsyncResource, name: str, owner: object) -> None:
        self._resource = resource
        self._name = name
        self._owner = owner

    def __getattr__(self, method: str) -> Callable[..., Awaitable[RawResponse[Any]]]:
        _refuse_iterator(self._name, method)
        call = getattr(self._resource, method)
        owner = self._owner

        async def with_raw_response(*args: Any, **kwargs: Any) -> RawResponse[Any]:
            with recording(owner) as exchanges:
                result = await call(*args, **kwargs)
            return RawResponse(result, exchanges)

        with_raw_response.__doc__ = call.__doc__
        return with_raw_response


class RawResponses:
    """``client.with_raw_response``: ``.labels.list(...)`` and every other call that returns
    a result (not an iterator) gives a ``RawResponse`` wrapping that result."""

    def __init__(self, client: Client) -> None:
        owner = client._settings.stats
        self.records = _RawCalls(client.records, "records", owner)
        self.batch = _RawCalls(client.batch, "batch", owner)
        self.labels = _RawCalls(client.labels, "labels", owner)
        self.limits = _RawCalls(client.limits, "limits", owner)
        self.reports = _RawCalls(client.reports, "reports", owner)


class AsyncRawResponses:
    """``AsyncClient.with_raw_response``: as ``RawResponses``, each call awaited."""

    def __init__(self, client: AsyncClient) -> None:
        owner = client._settings.stats
        self.records = _AsyncRawCalls(client.records, "records", owner)
        self.batch = _AsyncRawCalls(client.batch, "batch", owner)
        self.labels = _AsyncRawCalls(client.labels, "labels", owner)
        self.limits = _AsyncRawCalls(client.limits, "limits", owner)
        self.reports = _AsyncRawCalls(client.reports, "reports", owner)
