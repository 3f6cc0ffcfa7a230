"""Association limits: how many records one record may be associated with, per type."""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator, Iterable, Iterator

from .._batch_operations import LIMITS_CREATE, LIMITS_PURGE, LIMITS_UPDATE
from .._settings import Timeout
from ..batching import BatchResult, ChunkResult
from ..literals import Keep, ObjectType
from ..models import (
    AssociationLimit,
    AssociationType,
    AssociationTypeLike,
    LimitInput,
    LimitInputLike,
)
from ._resource import AsyncResource, Resource


class AsyncLimits(AsyncResource):
    """Association limits (max associated records per association type)."""

    async def list(
        self,
        from_type: ObjectType | None = None,
        to_type: ObjectType | None = None,
        *,
        timeout: Timeout = None,
    ) -> builtins.list[AssociationLimit]:
        """Limits between two object types, or every limit of the account."""
        return await self._at(timeout)._run(self._ops.limits_list(from_type, to_type))

    async def create(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
        inputs: Iterable[LimitInputLike],
        *,
        keep: Keep = "all",
    ) -> BatchResult[LimitInput, AssociationLimit]:
        """Set limits: inputs are ``(category, type_id, max_to_object_ids)`` or ``LimitInput``."""
        return await self._client._run(
            self._ops.batch(
                LIMITS_CREATE, from_type, to_type, inputs, None, self._max_concurrency, keep
            )
        )

    def stream_create(
        self, from_type: ObjectType, to_type: ObjectType, inputs: Iterable[LimitInputLike]
    ) -> AsyncIterator[ChunkResult[LimitInput, AssociationLimit]]:
        """``create``, one ``ChunkResult`` per chunk, reading ``inputs`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(
                LIMITS_CREATE, from_type, to_type, inputs, None, self._max_concurrency
            )
        )

    async def update(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
        inputs: Iterable[LimitInputLike],
        *,
        keep: Keep = "all",
    ) -> BatchResult[LimitInput, AssociationLimit]:
        """Change existing limits (same inputs as ``create``)."""
        return await self._client._run(
            self._ops.batch(
                LIMITS_UPDATE, from_type, to_type, inputs, None, self._max_concurrency, keep
            )
        )

    def stream_update(
        self, from_type: ObjectType, to_type: ObjectType, inputs: Iterable[LimitInputLike]
    ) -> AsyncIterator[ChunkResult[LimitInput, AssociationLimit]]:
        """``update``, one ``ChunkResult`` per chunk, reading ``inputs`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(
                LIMITS_UPDATE, from_type, to_type, inputs, None, self._max_concurrency
            )
        )

    async def purge(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
        types: Iterable[AssociationTypeLike],
        *,
        keep: Keep = "all",
    ) -> BatchResult[AssociationType, object]:
        """Remove the limits of the given association types (back to HubSpot's default)."""
        return await self._client._run(
            self._ops.batch(
                LIMITS_PURGE, from_type, to_type, types, None, self._max_concurrency, keep
            )
        )

    def stream_purge(
        self, from_type: ObjectType, to_type: ObjectType, types: Iterable[AssociationTypeLike]
    ) -> AsyncIterator[ChunkResult[AssociationType, object]]:
        """``purge``, one ``ChunkResult`` per chunk, reading ``types`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(
                LIMITS_PURGE, from_type, to_type, types, None, self._max_concurrency
            )
        )


# --- sync twins: written by scripts/derive from the async classes above; do not edit ---


class Limits(Resource):
    """Association limits (max associated records per association type)."""

    def list(
        self,
        from_type: ObjectType | None = None,
        to_type: ObjectType | None = None,
        *,
        timeout: Timeout = None,
    ) -> builtins.list[AssociationLimit]:
        """Limits between two object types, or every limit of the account."""
        return self._at(timeout)._run(self._ops.limits_list(from_type, to_type))

    def create(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
        inputs: Iterable[LimitInputLike],
        *,
        keep: Keep = "all",
    ) -> BatchResult[LimitInput, AssociationLimit]:
        """Set limits: inputs are ``(category, type_id, max_to_object_ids)`` or ``LimitInput``."""
        return self._client._run(
            self._ops.batch(
                LIMITS_CREATE, from_type, to_type, inputs, None, self._max_concurrency, keep
            )
        )

    def stream_create(
        self, from_type: ObjectType, to_type: ObjectType, inputs: Iterable[LimitInputLike]
    ) -> Iterator[ChunkResult[LimitInput, AssociationLimit]]:
        """``create``, one ``ChunkResult`` per chunk, reading ``inputs`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(
                LIMITS_CREATE, from_type, to_type, inputs, None, self._max_concurrency
            )
        )

    def update(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
        inputs: Iterable[LimitInputLike],
        *,
        keep: Keep = "all",
    ) -> BatchResult[LimitInput, AssociationLimit]:
        """Change existing limits (same inputs as ``create``)."""
        return self._client._run(
            self._ops.batch(
                LIMITS_UPDATE, from_type, to_type, inputs, None, self._max_concurrency, keep
            )
        )

    def stream_update(
        self, from_type: ObjectType, to_type: ObjectType, inputs: Iterable[LimitInputLike]
    ) -> Iterator[ChunkResult[LimitInput, AssociationLimit]]:
        """``update``, one ``ChunkResult`` per chunk, reading ``inputs`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(
                LIMITS_UPDATE, from_type, to_type, inputs, None, self._max_concurrency
            )
        )

    def purge(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
        types: Iterable[AssociationTypeLike],
        *,
        keep: Keep = "all",
    ) -> BatchResult[AssociationType, object]:
        """Remove the limits of the given association types (back to HubSpot's default)."""
        return self._client._run(
            self._ops.batch(
                LIMITS_PURGE, from_type, to_type, types, None, self._max_concurrency, keep
            )
        )

    def stream_purge(
        self, from_type: ObjectType, to_type: ObjectType, types: Iterable[AssociationTypeLike]
    ) -> Iterator[ChunkResult[AssociationType, object]]:
        """``purge``, one ``ChunkResult`` per chunk, reading ``types`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(
                LIMITS_PURGE, from_type, to_type, types, None, self._max_concurrency
            )
        )
