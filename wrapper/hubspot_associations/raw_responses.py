"""``client.with_raw_response``: the calls of every resource, each returning a ``RawResponse``
with the HTTP attempts behind its result (``responses``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from .responses import RawResponse, recording

if TYPE_CHECKING:
    from .client import AsyncClient, Client
    from .resources._resource import AsyncResource, SyncResource

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

    def __init__(self, resource: SyncResource, name: str, owner: object) -> None:
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

    def __init__(self, resource: AsyncResource, name: str, owner: object) -> None:
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
