"""What every resource stands on: its client, the plans of its calls (``Operations``), how
many batch chunks it keeps in flight, and the client for one call with its own ``timeout``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .._operations import Operations
    from .._settings import Timeout
    from ..client import AsyncClient, Client


class AsyncResource:
    _client: AsyncClient

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    @property
    def _ops(self) -> Operations:
        return self._client._settings.operations

    @property
    def _max_concurrency(self) -> int:
        """Batch chunks in flight at once (and read ahead of the one being reported)."""
        return self._client._settings.max_concurrency

    def _at(self, timeout: Timeout) -> AsyncClient:
        """The client for one call: this one, or a copy with the call's ``timeout``."""
        return self._client if timeout is None else self._client.with_options(timeout=timeout)


# --- sync twins: written by scripts/derive from the async classes above; do not edit ---


class Resource:
    _client: Client

    def __init__(self, client: Client) -> None:
        self._client = client

    @property
    def _ops(self) -> Operations:
        return self._client._settings.operations

    @property
    def _max_concurrency(self) -> int:
        """Batch chunks in flight at once (and read ahead of the one being reported)."""
        return self._client._settings.max_concurrency

    def _at(self, timeout: Timeout) -> Client:
        """The client for one call: this one, or a copy with the call's ``timeout``."""
        return self._client if timeout is None else self._client.with_options(timeout=timeout)
