"""Association label definitions between two object types."""

from __future__ import annotations

import builtins

from .._settings import Timeout
from ..literals import ObjectType
from ..models import LabelDefinition
from ._resource import AsyncResource, Resource


class AsyncLabels(AsyncResource):
    """Association label definitions between two object types."""

    async def list(
        self, from_type: ObjectType, to_type: ObjectType, *, timeout: Timeout = None
    ) -> builtins.list[LabelDefinition]:
        """Every label (association type) defined from ``from_type`` to ``to_type``."""
        return await self._at(timeout)._run(self._ops.labels_list(from_type, to_type))

    async def create(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
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
        from_type: ObjectType,
        to_type: ObjectType,
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
        self, from_type: ObjectType, to_type: ObjectType, type_id: int, *, timeout: Timeout = None
    ) -> None:
        """Delete a label definition."""
        await self._at(timeout)._run(self._ops.labels_delete(from_type, to_type, type_id))


# --- sync twins: written by scripts/derive from the async classes above; do not edit ---


class Labels(Resource):
    """Association label definitions between two object types."""

    def list(
        self, from_type: ObjectType, to_type: ObjectType, *, timeout: Timeout = None
    ) -> builtins.list[LabelDefinition]:
        """Every label (association type) defined from ``from_type`` to ``to_type``."""
        return self._at(timeout)._run(self._ops.labels_list(from_type, to_type))

    def create(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
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
        from_type: ObjectType,
        to_type: ObjectType,
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
        self, from_type: ObjectType, to_type: ObjectType, type_id: int, *, timeout: Timeout = None
    ) -> None:
        """Delete a label definition."""
        self._at(timeout)._run(self._ops.labels_delete(from_type, to_type, type_id))
