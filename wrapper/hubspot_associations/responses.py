"""The HTTP behind a result: every attempt a call made (``Exchange``), and ``RawResponse``.

``client.with_raw_response.labels.list(...)`` returns a ``RawResponse``: the status, headers
and correlation id of the call's last HTTP attempt, every attempt it made (retries included)
as ``.exchanges``, and ``.parse()`` for the result the plain call returns.
``with client.recording() as exchanges:`` collects the attempts of every call made in the
block, paging and streaming calls and calls that raised included.

Exchanges are recorded by the client's attempt path (``Client._send``); they hold the
answer's headers, never the request's, so neither the ``Authorization`` header nor the
token is ever kept.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from ._lazy import LazyModule
from .errors import redact_headers

if TYPE_CHECKING:
    import httpx
else:  # imported on the first request, not by `Client(...)` (README: import cost)
    httpx = LazyModule("httpx")

T = TypeVar("T")

CORRELATION_HEADER = "X-HubSpot-Correlation-Id"
_NEVER_KEPT = ("authorization", "proxy-authorization", "cookie", "set-cookie")


@dataclass(frozen=True)
class Exchange:
    """One HTTP attempt: what was asked, and what came back (or why nothing did)."""

    method: str
    url: str
    status_code: int | None  # None: no answer (connection error, timeout)
    headers: httpx.Headers = field(repr=False)  # the answer's headers ({} without an answer)
    elapsed: float  # seconds, from sending to the end of the body (or the failure)
    error: str | None = None  # the type of the error that ended the attempt, if one did

    @property
    def correlation_id(self) -> str | None:
        """HubSpot's ``X-HubSpot-Correlation-Id`` of the answer (quote it to HubSpot support)."""
        value: str | None = self.headers.get(CORRELATION_HEADER)
        return value


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


# The recorders active in this context: (owner, list). A client appends the exchanges of its
# attempts to the lists whose owner is its own (shared by its ``with_options`` copies).
_RECORDERS: contextvars.ContextVar[tuple[tuple[object, list[Exchange]], ...]] = (
    contextvars.ContextVar("hubspot_associations_recorders", default=())
)


def record(owner: object, made: Exchange) -> None:
    for who, exchanges in _RECORDERS.get():
        if who is owner:
            exchanges.append(made)


@contextlib.contextmanager
def recording(owner: object) -> Iterator[list[Exchange]]:
    """Collect the exchanges ``owner``'s attempts make in this context (and the tasks it
    starts) until the block ends."""
    exchanges: list[Exchange] = []
    token = _RECORDERS.set((*_RECORDERS.get(), (owner, exchanges)))
    try:
        yield exchanges
    finally:
        _RECORDERS.reset(token)


class RawResponse(Generic[T]):
    """The result of one call together with the HTTP attempts that produced it.

    ``status_code``, ``headers`` and ``correlation_id`` are those of the last attempt (for a
    call of one request: its final answer, after any retries); ``exchanges`` lists every
    attempt in the order they ended. A batch call with no input sends nothing: then
    ``status_code`` and ``correlation_id`` are None and ``headers`` is empty.
    """

    def __init__(self, result: T, exchanges: list[Exchange]) -> None:
        self._result = result
        self.exchanges: tuple[Exchange, ...] = tuple(exchanges)

    def __repr__(self) -> str:
        return f"<RawResponse status_code={self.status_code} exchanges={len(self.exchanges)}>"

    @property
    def _last(self) -> Exchange | None:
        return self.exchanges[-1] if self.exchanges else None

    @property
    def status_code(self) -> int | None:
        last = self._last
        return None if last is None else last.status_code

    @property
    def headers(self) -> httpx.Headers:
        last = self._last
        return httpx.Headers() if last is None else last.headers

    @property
    def correlation_id(self) -> str | None:
        last = self._last
        return None if last is None else last.correlation_id

    @property
    def elapsed(self) -> float:
        """Seconds spent in HTTP attempts in all (waits between retries not included)."""
        return sum(e.elapsed for e in self.exchanges)

    def parse(self) -> T:
        """What the call returns without ``with_raw_response``."""
        return self._result


class RawClient(Protocol):
    """``client.raw``: the generated ``Client`` of the selected version
    (``hubspot_associations_raw.<version>.client.Client``), wired to the wrapper's sender.

    Each version's generated package has its own ``Client`` class, so this protocol names
    what they share; to hand it to one version's generated functions under mypy, cast it to
    that version's class (``cast(v2026_03.client.Client, client.raw)``).
    """

    raise_on_unexpected_status: bool

    # What the generated functions call: the wrapper's sender, which has only ``request``.
    def get_httpx_client(self) -> Any: ...

    def get_async_httpx_client(self) -> Any: ...

    def with_headers(self, headers: dict[str, str]) -> Any: ...
