"""``Client`` and ``AsyncClient``: the drivers that perform the plans of ``_operations``.

Both share configuration (``_Settings``), every operation (``Operations``) and every
decision (retry, chunking, aggregation, paging); they differ only in how effects are
performed: blocking calls and ``time.sleep`` here, ``await`` and ``asyncio.sleep`` there,
with batch chunks sent concurrently (``max_concurrency``) by the async client.
"""

from __future__ import annotations

import asyncio
import builtins
import logging
import os
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

from . import answers
from ._base import Call, Effect, Emit, Gather, Plan, Send, Sleep, Stats, Stream
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
from .batching import BatchResult, Progress
from .errors import ConfigurationError
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
from .ratelimit import RateLimiter
from .retry import Answer, Outcome, RetryPolicy
from .versions import ApiVersion, latest_version

logger = logging.getLogger("hubspot_associations")

DEFAULT_BASE_URL = "https://api.hubapi.com"
DEFAULT_TIMEOUT = 30.0
TOKEN_ENV = "HUBSPOT_ACCESS_TOKEN"

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
        self._source = source

    def __repr__(self) -> str:
        return "<token hidden>"

    def __call__(self) -> str:
        token = self._source() if callable(self._source) else self._source
        if not isinstance(token, str) or not token.strip():
            raise ConfigurationError("the access_token callable returned no token")
        return token


class _BearerAuth(httpx.Auth):
    """Sets ``Authorization`` on each request, asking the token source every time."""

    def __init__(self, token: _Token) -> None:
        self._token = token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self._token()}"
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

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        return self._send(self, method, url, **kwargs)


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
    ) -> None:
        if not isinstance(base_url, str) or not base_url.startswith(("http://", "https://")):
            raise ConfigurationError("base_url must be an http(s) URL")
        self.token = _Token(access_token)
        self.auth = _BearerAuth(self.token)
        self.version = ApiVersion(latest_version() if version is None else version)
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.policy = RetryPolicy(max_retries=max_retries)
        self.limiter = RateLimiter(rate_limit) if rate_limit is not None else None
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

    def request_args(self, url: str, kwargs: dict[str, Any]) -> dict[str, Any]:
        if self.timeout is not None:
            kwargs["timeout"] = self.timeout
        # Redirects are never followed (also with a user's http_client): a 3xx is an error.
        return {"url": self.base_url + url, "auth": self.auth, **kwargs, "follow_redirects": False}

    def wait_for_slot(self) -> float:
        return self.limiter.reserve() if self.limiter is not None else 0.0

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
        if response is None:
            if isinstance(exc, httpx.TransportError):
                return exc
            raise exc if exc is not None else RuntimeError("no response recorded")
        declared = answers.declared_statuses(self.version.operation(call.operation))
        return Answer(response.status_code, dict(response.headers), response.content, declared)

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
    ) -> None:
        self._settings = _Settings(
            access_token, version, base_url, timeout, max_retries, rate_limit
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
        return self._settings.describe("Client")

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
        if self._own_http:
            self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # --- the driver ----------------------------------------------------------------------

    def _send(self, stand_in: _HttpStandIn, method: str, url: str, **kwargs: Any) -> httpx.Response:
        wait = self._settings.wait_for_slot()
        if wait > 0:
            self._sleep(wait)
        started = time.monotonic()
        response = self._http.request(method, **self._settings.request_args(url, kwargs))
        stand_in.response = response
        self._settings.log(method, response, started)
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
            self._sleep(effect.seconds)
            return None
        if isinstance(effect, Gather):
            return [self._run(plan) for plan in effect.plans]
        raise TypeError(f"unknown effect {effect!r}")

    def _run(self, plan: Plan[T]) -> T:
        reply: Any = None
        while True:
            try:
                effect = plan.send(reply)
            except StopIteration as stop:
                result: T = stop.value
                return result
            reply = self._perform(effect)

    def _stream(self, stream: Stream[T]) -> Iterator[T]:
        reply: Any = None
        while True:
            try:
                effect = stream.send(reply)
            except StopIteration:
                return
            if isinstance(effect, Emit):
                reply = None
                yield effect.item
            else:
                reply = self._perform(effect)


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
    ) -> None:
        self._settings = _Settings(
            access_token, version, base_url, timeout, max_retries, rate_limit
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
        return self._settings.describe("AsyncClient")

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
        if self._own_http:
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
        wait = self._settings.wait_for_slot()
        if wait > 0:
            await self._sleep(wait)
        started = time.monotonic()
        response = await self._http.request(method, **self._settings.request_args(url, kwargs))
        stand_in.response = response
        self._settings.log(method, response, started)
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
            await self._sleep(effect.seconds)
            return None
        if isinstance(effect, Gather):
            gate = asyncio.Semaphore(self._max_concurrency)

            async def bounded(plan: Plan[Any]) -> Any:
                async with gate:
                    return await self._run(plan)

            return await asyncio.gather(*(bounded(plan) for plan in effect.plans))
        raise TypeError(f"unknown effect {effect!r}")

    async def _run(self, plan: Plan[T]) -> T:
        reply: Any = None
        while True:
            try:
                effect = plan.send(reply)
            except StopIteration as stop:
                result: T = stop.value
                return result
            reply = await self._perform(effect)

    async def _stream(self, stream: Stream[T]) -> AsyncGenerator[T, None]:
        reply: Any = None
        while True:
            try:
                effect = stream.send(reply)
            except StopIteration:
                return
            if isinstance(effect, Emit):
                reply = None
                yield effect.item
            else:
                reply = await self._perform(effect)


# --- resources: thin sync/async pairs over the shared operations ---------------------------


class _Resource:
    def __init__(self, client: Any, operations: Operations) -> None:
        self._client = client
        self._ops = operations


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
    """Batch operations: any number of inputs, split at HubSpot's caps, one result."""

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
    ) -> BatchResult[AssociationInput, CreatedAssociation]:
        """Labelled associations; inputs are ``(from_id, to_id, types)`` or ``AssociationInput``."""
        return self._client._run(self._ops.batch(CREATE, from_type, to_type, inputs, on_progress))

    def associate_default(
        self,
        from_type: str,
        to_type: str,
        pairs: Iterable[PairLike],
        *,
        on_progress: Progress | None = None,
    ) -> BatchResult[Pair, CreatedAssociation]:
        """Default (unlabelled) associations between ``(from_id, to_id)`` pairs."""
        return self._client._run(
            self._ops.batch(ASSOCIATE_DEFAULT, from_type, to_type, pairs, on_progress)
        )

    def archive(
        self,
        from_type: str,
        to_type: str,
        pairs: Iterable[PairLike],
        *,
        on_progress: Progress | None = None,
    ) -> BatchResult[Pair, object]:
        """Remove every association between each ``(from_id, to_id)`` pair."""
        return self._client._run(self._ops.batch(ARCHIVE, from_type, to_type, pairs, on_progress))

    def archive_labels(
        self,
        from_type: str,
        to_type: str,
        inputs: Iterable[AssociationInputLike],
        *,
        on_progress: Progress | None = None,
    ) -> BatchResult[AssociationInput, object]:
        """Remove the given association types (labels) between each pair."""
        return self._client._run(
            self._ops.batch(ARCHIVE_LABELS, from_type, to_type, inputs, on_progress)
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
        self, from_type: str, to_type: str, inputs: Iterable[LimitInputLike]
    ) -> BatchResult[LimitInput, AssociationLimit]:
        return self._client._run(self._ops.batch(LIMITS_CREATE, from_type, to_type, inputs))

    def update(
        self, from_type: str, to_type: str, inputs: Iterable[LimitInputLike]
    ) -> BatchResult[LimitInput, AssociationLimit]:
        return self._client._run(self._ops.batch(LIMITS_UPDATE, from_type, to_type, inputs))

    def purge(
        self, from_type: str, to_type: str, types: Iterable[AssociationTypeLike]
    ) -> BatchResult[AssociationType, object]:
        return self._client._run(self._ops.batch(LIMITS_PURGE, from_type, to_type, types))


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
    ) -> BatchResult[AssociationInput, CreatedAssociation]:
        return await self._client._run(
            self._ops.batch(CREATE, from_type, to_type, inputs, on_progress)
        )

    async def associate_default(
        self,
        from_type: str,
        to_type: str,
        pairs: Iterable[PairLike],
        *,
        on_progress: Progress | None = None,
    ) -> BatchResult[Pair, CreatedAssociation]:
        return await self._client._run(
            self._ops.batch(ASSOCIATE_DEFAULT, from_type, to_type, pairs, on_progress)
        )

    async def archive(
        self,
        from_type: str,
        to_type: str,
        pairs: Iterable[PairLike],
        *,
        on_progress: Progress | None = None,
    ) -> BatchResult[Pair, object]:
        return await self._client._run(
            self._ops.batch(ARCHIVE, from_type, to_type, pairs, on_progress)
        )

    async def archive_labels(
        self,
        from_type: str,
        to_type: str,
        inputs: Iterable[AssociationInputLike],
        *,
        on_progress: Progress | None = None,
    ) -> BatchResult[AssociationInput, object]:
        return await self._client._run(
            self._ops.batch(ARCHIVE_LABELS, from_type, to_type, inputs, on_progress)
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
        self, from_type: str, to_type: str, inputs: Iterable[LimitInputLike]
    ) -> BatchResult[LimitInput, AssociationLimit]:
        return await self._client._run(self._ops.batch(LIMITS_CREATE, from_type, to_type, inputs))

    async def update(
        self, from_type: str, to_type: str, inputs: Iterable[LimitInputLike]
    ) -> BatchResult[LimitInput, AssociationLimit]:
        return await self._client._run(self._ops.batch(LIMITS_UPDATE, from_type, to_type, inputs))

    async def purge(
        self, from_type: str, to_type: str, types: Iterable[AssociationTypeLike]
    ) -> BatchResult[AssociationType, object]:
        return await self._client._run(self._ops.batch(LIMITS_PURGE, from_type, to_type, types))


class AsyncReports(_Resource):
    _client: AsyncClient

    async def high_usage(self, user_id: int) -> HighUsageReport:
        return await self._client._run(self._ops.high_usage(user_id))
