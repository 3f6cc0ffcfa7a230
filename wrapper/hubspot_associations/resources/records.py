"""Associations of single records: list, associate, remove, search."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from typing import Any

from .._settings import Timeout
from ..literals import ObjectType
from ..models import Association, AssociationTypeLike, CreatedAssociation, Record
from ._resource import AsyncResource, Resource


class AsyncRecords(AsyncResource):
    """Associations of single records."""

    def list(
        self,
        object_type: ObjectType,
        object_id: str | int,
        to_object_type: ObjectType,
        *,
        page_size: int = 500,
    ) -> AsyncIterator[Association]:
        """Every association of one record to ``to_object_type``; pages fetched lazily."""
        return self._client._stream(
            self._ops.records_list(object_type, object_id, to_object_type, page_size)
        )

    async def associate(
        self,
        from_type: ObjectType,
        from_id: str | int,
        to_type: ObjectType,
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
        from_type: ObjectType,
        from_id: str | int,
        to_type: ObjectType,
        to_id: str | int,
        *,
        timeout: Timeout = None,
    ) -> None:
        """Remove every association between two records."""
        await self._at(timeout)._run(self._ops.remove(from_type, from_id, to_type, to_id))

    def search(
        self,
        object_type: ObjectType,
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


# --- sync twins: written by scripts/derive from the async classes above; do not edit ---


class Records(Resource):
    """Associations of single records."""

    def list(
        self,
        object_type: ObjectType,
        object_id: str | int,
        to_object_type: ObjectType,
        *,
        page_size: int = 500,
    ) -> Iterator[Association]:
        """Every association of one record to ``to_object_type``; pages fetched lazily."""
        return self._client._stream(
            self._ops.records_list(object_type, object_id, to_object_type, page_size)
        )

    def associate(
        self,
        from_type: ObjectType,
        from_id: str | int,
        to_type: ObjectType,
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
        from_type: ObjectType,
        from_id: str | int,
        to_type: ObjectType,
        to_id: str | int,
        *,
        timeout: Timeout = None,
    ) -> None:
        """Remove every association between two records."""
        self._at(timeout)._run(self._ops.remove(from_type, from_id, to_type, to_id))

    def search(
        self,
        object_type: ObjectType,
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
