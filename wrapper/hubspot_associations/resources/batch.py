"""Batch operations: any number of inputs, split at HubSpot's caps; results per chunk or in one."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator

from .._batch_operations import ARCHIVE, ARCHIVE_LABELS, ASSOCIATE_DEFAULT, CREATE
from ..batching import BatchResult, ChunkResult, Progress
from ..literals import Keep, ObjectType
from ..models import AssociationInput, AssociationInputLike, CreatedAssociation, Pair, PairLike
from ..pagination import AsyncBatchReadIterator, BatchReadIterator
from ._resource import AsyncResource, Resource

Ids = Iterable[str | int]


class AsyncBatch(AsyncResource):
    """Batch operations: any number of inputs, split at HubSpot's caps.

    Each write comes in two forms: ``create(...)`` returns one ``BatchResult`` over all
    chunks (``keep="failures"`` keeps only counts and failures), and ``stream_create(...)``
    yields one ``ChunkResult`` per chunk as it completes, reading the inputs lazily.
    """

    def read(self, from_type: ObjectType, to_type: ObjectType, ids: Ids) -> AsyncBatchReadIterator:
        """Associations of many records, one ``RecordAssociations`` per id, lazily."""
        state, stream = self._ops.batch_read(from_type, to_type, ids)
        return AsyncBatchReadIterator(self._client._stream(stream), state)

    async def create(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
        inputs: Iterable[AssociationInputLike],
        *,
        on_progress: Progress | None = None,
        keep: Keep = "all",
    ) -> BatchResult[AssociationInput, CreatedAssociation]:
        """Labelled associations; inputs are ``(from_id, to_id, types)`` or ``AssociationInput``."""
        return await self._client._run(
            self._ops.batch(
                CREATE, from_type, to_type, inputs, on_progress, self._max_concurrency, keep
            )
        )

    def stream_create(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
        inputs: Iterable[AssociationInputLike],
        *,
        on_progress: Progress | None = None,
    ) -> AsyncIterator[ChunkResult[AssociationInput, CreatedAssociation]]:
        """``create``, one ``ChunkResult`` per chunk, reading ``inputs`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(
                CREATE, from_type, to_type, inputs, on_progress, self._max_concurrency
            )
        )

    async def associate_default(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
        pairs: Iterable[PairLike],
        *,
        on_progress: Progress | None = None,
        keep: Keep = "all",
    ) -> BatchResult[Pair, CreatedAssociation]:
        """Default (unlabelled) associations between ``(from_id, to_id)`` pairs."""
        return await self._client._run(
            self._ops.batch(
                ASSOCIATE_DEFAULT,
                from_type,
                to_type,
                pairs,
                on_progress,
                self._max_concurrency,
                keep,
            )
        )

    def stream_associate_default(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
        pairs: Iterable[PairLike],
        *,
        on_progress: Progress | None = None,
    ) -> AsyncIterator[ChunkResult[Pair, CreatedAssociation]]:
        """``associate_default``, one ``ChunkResult`` per chunk, reading ``pairs`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(
                ASSOCIATE_DEFAULT, from_type, to_type, pairs, on_progress, self._max_concurrency
            )
        )

    async def archive(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
        pairs: Iterable[PairLike],
        *,
        on_progress: Progress | None = None,
        keep: Keep = "all",
    ) -> BatchResult[Pair, object]:
        """Remove every association between each ``(from_id, to_id)`` pair."""
        return await self._client._run(
            self._ops.batch(
                ARCHIVE, from_type, to_type, pairs, on_progress, self._max_concurrency, keep
            )
        )

    def stream_archive(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
        pairs: Iterable[PairLike],
        *,
        on_progress: Progress | None = None,
    ) -> AsyncIterator[ChunkResult[Pair, object]]:
        """``archive``, one ``ChunkResult`` per chunk, reading ``pairs`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(
                ARCHIVE, from_type, to_type, pairs, on_progress, self._max_concurrency
            )
        )

    async def archive_labels(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
        inputs: Iterable[AssociationInputLike],
        *,
        on_progress: Progress | None = None,
        keep: Keep = "all",
    ) -> BatchResult[AssociationInput, object]:
        """Remove the given association types (labels) between each pair."""
        return await self._client._run(
            self._ops.batch(
                ARCHIVE_LABELS,
                from_type,
                to_type,
                inputs,
                on_progress,
                self._max_concurrency,
                keep,
            )
        )

    def stream_archive_labels(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
        inputs: Iterable[AssociationInputLike],
        *,
        on_progress: Progress | None = None,
    ) -> AsyncIterator[ChunkResult[AssociationInput, object]]:
        """``archive_labels``, one ``ChunkResult`` per chunk, reading ``inputs`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(
                ARCHIVE_LABELS, from_type, to_type, inputs, on_progress, self._max_concurrency
            )
        )


# --- sync twins: written by scripts/derive from the async classes above; do not edit ---


class Batch(Resource):
    """Batch operations: any number of inputs, split at HubSpot's caps.

    Each write comes in two forms: ``create(...)`` returns one ``BatchResult`` over all
    chunks (``keep="failures"`` keeps only counts and failures), and ``stream_create(...)``
    yields one ``ChunkResult`` per chunk as it completes, reading the inputs lazily.
    """

    def read(self, from_type: ObjectType, to_type: ObjectType, ids: Ids) -> BatchReadIterator:
        """Associations of many records, one ``RecordAssociations`` per id, lazily."""
        state, stream = self._ops.batch_read(from_type, to_type, ids)
        return BatchReadIterator(self._client._stream(stream), state)

    def create(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
        inputs: Iterable[AssociationInputLike],
        *,
        on_progress: Progress | None = None,
        keep: Keep = "all",
    ) -> BatchResult[AssociationInput, CreatedAssociation]:
        """Labelled associations; inputs are ``(from_id, to_id, types)`` or ``AssociationInput``."""
        return self._client._run(
            self._ops.batch(
                CREATE, from_type, to_type, inputs, on_progress, self._max_concurrency, keep
            )
        )

    def stream_create(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
        inputs: Iterable[AssociationInputLike],
        *,
        on_progress: Progress | None = None,
    ) -> Iterator[ChunkResult[AssociationInput, CreatedAssociation]]:
        """``create``, one ``ChunkResult`` per chunk, reading ``inputs`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(
                CREATE, from_type, to_type, inputs, on_progress, self._max_concurrency
            )
        )

    def associate_default(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
        pairs: Iterable[PairLike],
        *,
        on_progress: Progress | None = None,
        keep: Keep = "all",
    ) -> BatchResult[Pair, CreatedAssociation]:
        """Default (unlabelled) associations between ``(from_id, to_id)`` pairs."""
        return self._client._run(
            self._ops.batch(
                ASSOCIATE_DEFAULT,
                from_type,
                to_type,
                pairs,
                on_progress,
                self._max_concurrency,
                keep,
            )
        )

    def stream_associate_default(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
        pairs: Iterable[PairLike],
        *,
        on_progress: Progress | None = None,
    ) -> Iterator[ChunkResult[Pair, CreatedAssociation]]:
        """``associate_default``, one ``ChunkResult`` per chunk, reading ``pairs`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(
                ASSOCIATE_DEFAULT, from_type, to_type, pairs, on_progress, self._max_concurrency
            )
        )

    def archive(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
        pairs: Iterable[PairLike],
        *,
        on_progress: Progress | None = None,
        keep: Keep = "all",
    ) -> BatchResult[Pair, object]:
        """Remove every association between each ``(from_id, to_id)`` pair."""
        return self._client._run(
            self._ops.batch(
                ARCHIVE, from_type, to_type, pairs, on_progress, self._max_concurrency, keep
            )
        )

    def stream_archive(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
        pairs: Iterable[PairLike],
        *,
        on_progress: Progress | None = None,
    ) -> Iterator[ChunkResult[Pair, object]]:
        """``archive``, one ``ChunkResult`` per chunk, reading ``pairs`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(
                ARCHIVE, from_type, to_type, pairs, on_progress, self._max_concurrency
            )
        )

    def archive_labels(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
        inputs: Iterable[AssociationInputLike],
        *,
        on_progress: Progress | None = None,
        keep: Keep = "all",
    ) -> BatchResult[AssociationInput, object]:
        """Remove the given association types (labels) between each pair."""
        return self._client._run(
            self._ops.batch(
                ARCHIVE_LABELS,
                from_type,
                to_type,
                inputs,
                on_progress,
                self._max_concurrency,
                keep,
            )
        )

    def stream_archive_labels(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
        inputs: Iterable[AssociationInputLike],
        *,
        on_progress: Progress | None = None,
    ) -> Iterator[ChunkResult[AssociationInput, object]]:
        """``archive_labels``, one ``ChunkResult`` per chunk, reading ``inputs`` lazily."""
        return self._client._stream(
            self._ops.batch_stream(
                ARCHIVE_LABELS, from_type, to_type, inputs, on_progress, self._max_concurrency
            )
        )
