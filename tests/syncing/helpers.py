"""Running ``syncing.plan``/``apply`` with either client, and reading the emulator's state."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

from hubspot_associations import AsyncClient, Client, syncing
from hubspot_associations.testing import Emulator

CONTACTS, COMPANIES = "contacts", "companies"
DEFAULT = ("HUBSPOT_DEFINED", 279)
PRIMARY = ("HUBSPOT_DEFINED", 1)


class Sync:
    """``plan``/``apply`` through a ``Client`` or, ``is_async``, an ``AsyncClient`` (a fresh
    one per call, each call in its own event loop)."""

    def __init__(self, hub: Emulator, is_async: bool, **options: Any) -> None:
        self.hub = hub
        self.is_async = is_async
        self.options = options

    def _run(self, name: str, *args: Any, **kwargs: Any) -> Any:
        function = getattr(syncing, name)
        if not self.is_async:
            with Client("test", base_url=self.hub.url, **self.options) as client:
                return function(client, *args, **kwargs)

        async def run() -> Any:
            async with AsyncClient("test", base_url=self.hub.url, **self.options) as client:
                return await function(client, *args, **kwargs)

        return asyncio.run(run())

    def plan(self, desired: Any, **kwargs: Any) -> syncing.SyncPlan:
        plan: syncing.SyncPlan = self._run("plan", CONTACTS, COMPANIES, desired, **kwargs)
        return plan

    def apply(self, plan: Any, **kwargs: Any) -> syncing.SyncResult:
        result: syncing.SyncResult = self._run("apply", plan, **kwargs)
        return result


def state(hub: Emulator, from_ids: Any = None) -> dict[tuple[str, str], frozenset[tuple[str, int]]]:
    """(from_id, to_id) -> the (category, type_id) of every type, contacts to companies."""
    out = {}
    for f, t in hub.associations(CONTACTS, COMPANIES):
        if from_ids is None or f in from_ids:
            types = hub.association_types(CONTACTS, f, COMPANIES, t)
            out[(f, t)] = frozenset((c, i) for c, i, _ in types)
    return out


def seed(hub: Emulator, rows: Any) -> None:
    """(from_id, to_id, [(category, type_id), ...]) associations, straight into the store."""
    for f, t, types in rows:
        hub.store.associate("0-1", str(f), "0-2", str(t), list(types))


def writes(hub: Emulator) -> Counter[str]:
    """Inputs sent per write operation (batch create, archive, archive labels)."""
    sent: Counter[str] = Counter()
    for request in hub.requests:
        if request.operation in ("batch_create", "batch_archive", "batch_archive_labels"):
            sent[request.operation] += len(request.body["inputs"])
    return sent


def requests(hub: Emulator) -> Counter[str]:
    return Counter(r.operation or "?" for r in hub.requests)
