"""One HTTP attempt, everything but the send itself, for both drivers (``_drivers``).

``Transport`` builds an attempt's request from the version's facts table, sets its bearer
token, caps its timeouts by what is left of the call's ``call_timeout``, reads its body
within ``max_answer_bytes``, hands it to the recorders and the log, and turns it into the
plan's ``Outcome``. Imported with the first request (README: import cost).
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import time
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import httpx

from ._deadline import Threads, in_thread
from ._plans import Call
from ._settings import Settings
from ._user_agent import user_agents
from ._wire import Answer, Outcome
from .errors import (
    FAILED,
    UNKNOWN,
    CallTimeoutError,
    HubSpotError,
    UndecodableBody,
    redact,
    redact_headers,
)
from .responses import Exchange, record

LOGGER = "hubspot_associations"
_NEVER_KEPT = ("authorization", "proxy-authorization", "cookie", "set-cookie")

# When the current call must be over (time.monotonic()), if the client has a call_timeout.
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "hubspot_associations_deadline", default=None
)


def exchange(
    method: str,
    url: str,
    response: httpx.Response | None,
    elapsed: float,
    error: BaseException | None = None,
    secret: str | None = None,
) -> Exchange:
    """An ``Exchange`` from an attempt: only the answer's headers, minus any credential (and
    the access token ``secret``, should a header echo it)."""
    kept = [] if response is None else response.headers.multi_items()
    headers = redact_headers(
        httpx.Headers([(k, v) for k, v in kept if k.lower() not in _NEVER_KEPT]), secret
    )
    return Exchange(
        method.upper(),
        url,
        None if response is None else response.status_code,
        headers,
        elapsed,
        None if error is None else type(error).__name__,
    )


class BodyReader:
    """Decodes a body chunk by chunk (identity, gzip, deflate: the encodings the client asks
    for), keeping at most ``limit`` decoded bytes. Decompression itself is bounded too, so a
    gzip bomb costs ``limit`` bytes of memory, not what it would inflate to."""

    def __init__(self, encoding: str, limit: int) -> None:
        name = encoding.strip().lower()
        if name in ("", "identity"):
            self._inflate: Any = None
        elif name in ("gzip", "x-gzip", "deflate"):
            self._inflate = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header
        else:
            raise UndecodableBody(f"the body is in an encoding we did not ask for: {name[:40]!r}")
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0
        self.truncated = False

    def feed(self, raw: bytes) -> bool:
        """Take a raw chunk; False once the limit is reached (stop reading)."""
        if self._inflate is None:
            return self._add(raw)
        data = raw
        while data:
            try:
                out = self._inflate.decompress(data, self.limit - self.size + 1)
            except zlib.error as exc:
                raise UndecodableBody(f"the body could not be decompressed: {exc}") from None
            data = self._inflate.unconsumed_tail
            if not self._add(out):
                return False
            if not out:
                break
        return True

    def _add(self, chunk: bytes) -> bool:
        if self.size + len(chunk) > self.limit:
            self.parts.append(chunk[: self.limit - self.size])
            self.size = self.limit
            self.truncated = True
            return False
        self.parts.append(chunk)
        self.size += len(chunk)
        return True

    @property
    def content(self) -> bytes:
        return b"".join(self.parts)


class Attempt:
    """The state of one HTTP attempt, owned by the driver (``_send`` fills it in): the
    answer as read (bounded, decoded), which token it carried (a number, never the token),
    whether its body was cut at ``max_answer_bytes`` or could not be decoded; whether the
    request was handed to httpx (from then on it may have been sent) and whether the call
    gave up on it (``call_timeout``: what its worker does later is not recorded)."""

    __slots__ = ("abandoned", "handed", "problem", "response", "token_generation", "truncated")

    def __init__(self) -> None:
        self.response: httpx.Response | None = None
        self.token_generation = 0
        self.truncated = False
        self.problem: str | None = None
        self.handed = False
        self.abandoned = False


class Transport:
    """The steps of an attempt around the driver's send, on one client's settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def prepare(self, call: Call) -> dict[str, Any]:
        """The request for ``call``: method, url, params, json, from the version's facts table.

        The table (written by scripts/regenerate from spec/) gives the method and the path
        template; every path segment is percent-encoded, and the wire-shaped body is sent as
        JSON as it is (no round trip through the generated attrs models). The answer is read
        from its raw JSON too, so the generated ``_parse_response`` is skipped.
        """
        request = self.settings.version.facts(call.operation).request(call.args, call.body)
        self.settings.stats.requests += 1
        return request

    def authorize(self, request: httpx.Request, attempt: Attempt) -> httpx.Request:
        """Set the attempt's bearer token (asking a token callable each time) and note which
        token it carried (a number), so a 401 can tell a renewed token from the refused one.
        Sent with ``auth=None``: an ``http_client``'s own auth does not replace it."""
        return self._bear(request, attempt, self.settings.token())

    async def authorize_async(
        self, request: httpx.Request, attempt: Attempt, threads: Callable[[], Threads]
    ) -> httpx.Request:
        """``authorize`` for ``AsyncClient``: what a token callable returns is awaited if it
        is awaitable (an ``async def`` one). Under a ``call_timeout``, a sync one runs on a
        thread: one that blocks must not hold the event loop past the deadline."""
        token = self.settings.token
        if not token.refreshes:
            return self.authorize(request, attempt)
        if _DEADLINE.get() is not None and not token.is_async:
            given = await in_thread(token.ask, threads())
        else:
            given = token.ask()
        return self._bear(request, attempt, await token.settle(given))

    def _bear(self, request: httpx.Request, attempt: Attempt, token: str) -> httpx.Request:
        request.headers["Authorization"] = f"Bearer {token}"
        attempt.token_generation = self.settings.token.generation
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
        record(
            self.settings.stats,
            exchange(
                request.method, str(request.url), response, elapsed, error, self.settings.token.last
            ),
        )

    def build(
        self, http: httpx.Client | httpx.AsyncClient, method: str, url: str, kwargs: dict[str, Any]
    ) -> httpx.Request:
        """The attempt's request, its timeouts capped by what is left of ``call_timeout``."""
        timeout: float | httpx.Timeout | None = self.settings.timeout
        deadline = _DEADLINE.get()
        if deadline is not None:
            left = max(deadline - time.monotonic(), 0.001)
            base = httpx.Timeout(
                self.settings.timeout if self.settings.timeout is not None else http.timeout
            )
            timeout = httpx.Timeout(
                connect=min(base.connect or left, left),
                read=min(base.read or left, left),
                write=min(base.write or left, left),
                pool=min(base.pool or left, left),
            )
        if timeout is not None:
            kwargs["timeout"] = timeout
        request = http.build_request(method, self.settings.base_url + url, **kwargs)
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
            f"call_timeout of {self.settings.call_timeout:g}s reached before the answer",
            outcome=UNKNOWN if sent else FAILED,
        )

    @contextlib.contextmanager
    def call_scope(self) -> Iterator[None]:
        """Start the ``call_timeout`` clock, unless a call (this one's caller) already did."""
        if self.settings.call_timeout is None or _DEADLINE.get() is not None:
            yield
            return
        token = _DEADLINE.set(time.monotonic() + self.settings.call_timeout)
        try:
            yield
        finally:
            _DEADLINE.reset(token)

    def reader(self, response: httpx.Response, attempt: Attempt) -> BodyReader | None:
        """How to read this answer's body within ``max_answer_bytes`` (None: unreadable)."""
        if response.is_stream_consumed:  # already read (an event hook, a wrapping transport)
            reader = BodyReader("identity", self.settings.max_answer_bytes)
            reader.feed(response.content)
            return reader
        try:
            return BodyReader(
                response.headers.get("Content-Encoding", ""), self.settings.max_answer_bytes
            )
        except UndecodableBody as exc:
            attempt.problem = str(exc) if response.status_code < 400 else None
            return None

    def feed(self, reader: BodyReader, chunk: bytes, attempt: Attempt) -> bool:
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

    def keep(self, attempt: Attempt, response: httpx.Response, reader: BodyReader | None) -> None:
        """Store the body read (decoded, bounded, the token cut out) as the response's content."""
        secret = self.settings.token.last
        response._content = redact(reader.content if reader is not None else b"", secret)
        response.headers = redact_headers(response.headers, secret)
        attempt.truncated = reader is not None and reader.truncated
        if attempt.problem is not None and response.status_code >= 400:
            attempt.problem = None  # an error answer: its status says enough
        attempt.response = response

    def wait_for_slot(self) -> float:
        return self.settings.limiter.reserve()

    def observe(self, response: httpx.Response) -> None:
        self.settings.limiter.observe(response.status_code, response.headers)

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

    def outcome(self, attempt: Attempt, exc: Exception | None, call: Call) -> Outcome:
        """The attempt's ``Answer``, or the transport error that prevented one."""
        response = attempt.response
        if response is None or isinstance(exc, CallTimeoutError):
            if isinstance(exc, (httpx.TransportError, HubSpotError)):
                return exc  # a transport error, call_timeout, or the limiter's DAILY stop
            raise exc if exc is not None else RuntimeError("no response recorded")
        declared = frozenset(self.settings.version.facts(call.operation).success)  # from the spec
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
        self.settings.stats.retries += 1
        self.settings.stats.retry_wait += seconds
