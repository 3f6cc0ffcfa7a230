"""Async parity, proven: every public sync method has an async twin with the same name,
signature and docstring; the async methods run against the emulator."""

from __future__ import annotations

import functools
import inspect
from typing import Any

import pytest
from hubspot_associations import USER_DEFINED, AsyncClient, client, raw_responses
from hubspot_associations.resources import batch, labels, limits, records, reports, sync
from hubspot_associations.versions import ApiVersion

from .fakes import VERSIONS

PAIRS = [
    (client.Client, client.AsyncClient),
    (raw_responses.RawResponses, raw_responses.AsyncRawResponses),
    (records.Records, records.AsyncRecords),
    (batch.Batch, batch.AsyncBatch),
    (labels.Labels, labels.AsyncLabels),
    (limits.Limits, limits.AsyncLimits),
    (reports.Reports, reports.AsyncReports),
    (sync.Sync, sync.AsyncSync),
]
# The only differences between the two clients, each for a reason.
RENAMED = {"close": "aclose"}  # an awaited close
ASYNC_ONLY_OPTIONS = {"with_options": {"max_concurrency"}}  # batch chunks in flight


def public(cls: type) -> dict[str, Any]:
    return {n: m for n, m in vars(cls).items() if not n.startswith("_")}


def as_sync(annotation: str) -> str:
    """An async annotation written as its sync twin's."""
    for a, s in (
        ("AsyncIterator[", "Iterator["),
        ("AsyncBatchReadIterator", "BatchReadIterator"),
        ("AsyncRawResponses", "RawResponses"),
        ("AsyncRecords", "Records"),
        ("AsyncBatch", "Batch"),
        ("AsyncLabels", "Labels"),
        ("AsyncLimits", "Limits"),
        ("AsyncReports", "Reports"),
        ("AsyncSync", "Sync"),
        ("AsyncClient", "Client"),
    ):
        annotation = annotation.replace(a, s)
    return annotation


def shape(member: Any, drop: frozenset[str] | set[str] = frozenset()) -> tuple[Any, ...]:
    if isinstance(member, (property, functools.cached_property)):
        getter = member.fget if isinstance(member, property) else member.func
        return ("property", as_sync(str(inspect.signature(getter).return_annotation)))
    signature = inspect.signature(member)
    parameters = [
        (p.name, p.kind, as_sync(str(p.annotation)), repr(p.default))
        for p in signature.parameters.values()
        if p.name not in drop
    ]
    return ("method", parameters, as_sync(str(signature.return_annotation)))


def doc(member: Any) -> str | None:
    if isinstance(member, functools.cached_property):
        return member.func.__doc__
    return (member.fget if isinstance(member, property) else member).__doc__


@pytest.mark.parametrize(("sync", "asynchronous"), PAIRS, ids=[p[0].__name__ for p in PAIRS])
def test_every_sync_method_has_an_identical_async_twin(sync: type, asynchronous: type) -> None:
    sync_members, async_members = public(sync), public(asynchronous)
    assert sorted(RENAMED.get(n, n) for n in sync_members) == sorted(async_members)
    for name, member in sync_members.items():
        twin = async_members[RENAMED.get(name, name)]
        assert doc(member), f"{sync.__name__}.{name} has no docstring"
        assert doc(member) == doc(twin), f"{asynchronous.__name__}.{name}: another docstring"
        drop = ASYNC_ONLY_OPTIONS.get(name, set()) if sync is client.Client else set()
        assert shape(member) == shape(twin, drop), f"{asynchronous.__name__}.{name}"
        # a call that returns an iterator is not awaited; every other one is
        if sync is not client.Client and "Iterator" not in str(shape(member)[-1]):
            assert inspect.iscoroutinefunction(twin), f"{asynchronous.__name__}.{name}"


pytest.importorskip("uvicorn")

SEARCHABLE = [v for v in VERSIONS if ApiVersion(v).has("search")]


@pytest.mark.parametrize("version", SEARCHABLE)
async def test_async_search(version: str, hubspot_emulator: Any) -> None:
    hub = hubspot_emulator
    hub.seed_records("contacts", {"1": {"email": "ann@x.io"}, "2": {"email": "bob@y.io"}})
    hub.seed_records("contacts", {"3": {"email": "cid@x.io"}})
    async with AsyncClient("test", version=version, base_url=hub.url) as client:
        found = [
            r.id
            async for r in client.records.search(
                "contacts", query="x.io", properties=["email"], page_size=1
            )
        ]
    assert found == ["1", "3"]


@pytest.mark.parametrize("version", VERSIONS)
async def test_async_labels_limits_reports_and_archive_labels(
    version: str, hubspot_emulator: Any
) -> None:
    hub = hubspot_emulator
    async with AsyncClient("test", version=version, base_url=hub.url) as client:
        (label, *_) = await client.labels.create("contacts", "companies", "Buyer")
        assert label.label == "Buyer" and label.category == USER_DEFINED
        listed = await client.labels.list("contacts", "companies")
        assert [d.label for d in listed if d.type_id == label.type_id] == ["Buyer"]
        await client.labels.update("contacts", "companies", label.type_id, "Main buyer")
        listed = await client.labels.list("contacts", "companies", timeout=5)
        assert [d.label for d in listed if d.type_id == label.type_id] == ["Main buyer"]

        types = [(USER_DEFINED, label.type_id)]
        made = await client.batch.create("contacts", "companies", [(1, 2, types)])
        assert made.ok and hub.association_types("contacts", 1, "companies", 2)
        removed = await client.batch.archive_labels("contacts", "companies", [(1, 2, types)])
        assert removed.ok and len(removed.succeeded) == 1
        assert (USER_DEFINED, label.type_id) not in {
            (c, t) for c, t, _ in hub.association_types("contacts", 1, "companies", 2)
        }

        limit = [(USER_DEFINED, label.type_id, 3)]
        created = await client.limits.create("contacts", "companies", limit)
        assert created.ok and created.results[0].max_to_object_ids == 3
        updated = await client.limits.update("contacts", "companies", [(*types[0], 5)])
        assert updated.ok and updated.results[0].max_to_object_ids == 5
        every = await client.limits.list()
        assert any(x.type_id == label.type_id for x in every)
        purged = await client.limits.purge("contacts", "companies", types)
        assert purged.ok
        assert not [
            x
            for x in await client.limits.list("contacts", "companies")
            if x.type_id == label.type_id
        ]
        chunks = [c async for c in client.limits.stream_create("contacts", "companies", limit)]
        assert [(len(c.succeeded), c.failures) for c in chunks] == [(1, ())]
        chunks = [
            c async for c in client.limits.stream_update("contacts", "companies", [(*types[0], 4)])
        ]
        assert chunks[0].results[0].max_to_object_ids == 4
        chunks = [c async for c in client.limits.stream_purge("contacts", "companies", types)]
        assert [(len(c.succeeded), c.failures) for c in chunks] == [(1, ())]

        report = await client.reports.high_usage(7)
        assert report.user_id == 7

        await client.labels.delete("contacts", "companies", label.type_id)
        listed = await client.labels.list("contacts", "companies")
        assert label.type_id not in {d.type_id for d in listed}
