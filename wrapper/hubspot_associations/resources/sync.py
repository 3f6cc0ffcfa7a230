"""Sync: make HubSpot's associations match a desired set, with a plan to read first
(``syncing``: the plan file, the comparison, the two steps)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from .. import syncing
from ..batching import Progress
from ..literals import ObjectType
from ..syncing import SyncPlan, SyncResult
from ._resource import AsyncResource, Resource


class AsyncSync(AsyncResource):
    """Make the associations of a desired set's from-ids match it: ``plan``, read, ``apply``."""

    async def plan(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
        desired: Iterable[Any],
        *,
        prune: bool = False,
        max_prune: int | None = None,
        path: str | os.PathLike[str] | None = None,
    ) -> SyncPlan:
        """Read the current associations of every from-id in ``desired`` and write the
        changes that would make them match it to a plan file; nothing changes in HubSpot.

        ``desired``: ``(from_id, to_id)`` or ``(from_id, to_id, labels)`` rows, read once and
        lazily (labels: texts, ``AssociationType``s or ``(category, type_id)``). ``prune``
        also plans to archive their associations ``desired`` does not hold, at most
        ``max_prune`` (default 10 % of their current ones; more raises ``PruneLimitError``).
        ``path``: the plan file (default a temporary one); the same call again continues an
        interrupted plan."""
        return await syncing.plan(
            self._client, from_type, to_type, desired, prune=prune, max_prune=max_prune, path=path
        )

    async def apply(
        self,
        plan: SyncPlan | str | os.PathLike[str],
        *,
        max_age: float | timedelta | None = None,
        desired: Iterable[Any] | None = None,
        on_progress: Progress | None = None,
    ) -> SyncResult:
        """Send exactly the plan's changes; the ``SyncResult`` of every run on this plan.
        Run it again after a crash: it continues, never sending a change twice where it can
        know. A plan older than ``max_age`` (seconds or a ``timedelta``), made from another
        ``desired`` set (when given), unfinished or over its prune limit raises
        ``PlanRefusedError`` before anything is sent."""
        return await syncing.apply(
            self._client, plan, max_age=max_age, desired=desired, on_progress=on_progress
        )


# --- sync twins: written by scripts/derive from the async classes above; do not edit ---


class Sync(Resource):
    """Make the associations of a desired set's from-ids match it: ``plan``, read, ``apply``."""

    def plan(
        self,
        from_type: ObjectType,
        to_type: ObjectType,
        desired: Iterable[Any],
        *,
        prune: bool = False,
        max_prune: int | None = None,
        path: str | os.PathLike[str] | None = None,
    ) -> SyncPlan:
        """Read the current associations of every from-id in ``desired`` and write the
        changes that would make them match it to a plan file; nothing changes in HubSpot.

        ``desired``: ``(from_id, to_id)`` or ``(from_id, to_id, labels)`` rows, read once and
        lazily (labels: texts, ``AssociationType``s or ``(category, type_id)``). ``prune``
        also plans to archive their associations ``desired`` does not hold, at most
        ``max_prune`` (default 10 % of their current ones; more raises ``PruneLimitError``).
        ``path``: the plan file (default a temporary one); the same call again continues an
        interrupted plan."""
        return syncing.plan(
            self._client, from_type, to_type, desired, prune=prune, max_prune=max_prune, path=path
        )

    def apply(
        self,
        plan: SyncPlan | str | os.PathLike[str],
        *,
        max_age: float | timedelta | None = None,
        desired: Iterable[Any] | None = None,
        on_progress: Progress | None = None,
    ) -> SyncResult:
        """Send exactly the plan's changes; the ``SyncResult`` of every run on this plan.
        Run it again after a crash: it continues, never sending a change twice where it can
        know. A plan older than ``max_age`` (seconds or a ``timedelta``), made from another
        ``desired`` set (when given), unfinished or over its prune limit raises
        ``PlanRefusedError`` before anything is sent."""
        return syncing.apply(
            self._client, plan, max_age=max_age, desired=desired, on_progress=on_progress
        )
