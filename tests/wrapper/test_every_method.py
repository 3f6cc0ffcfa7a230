"""Every public resource method of Client and AsyncClient, once each, against the emulator:
the async twins and the streamed forms are the same calls as the sync ones."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from hubspot_associations import (
    USER_DEFINED,
    AsyncClient,
    BatchResult,
    ChunkResult,
    Client,
    LabelDefinition,
)

pytest.importorskip("uvicorn")

VERSION = "2026-03"  # has every operation, search included
PAIRS = [(1, 10), (2, 20)]


def sync_calls(client: Client) -> dict[str, Any]:
    got: dict[str, Any] = {}
    labels = client.labels.create("contacts", "companies", "Boss", name="boss")
    type_id = next(d.type_id for d in labels if d.label == "Boss")
    typed = [(1, 10, [(USER_DEFINED, type_id)]), (2, 20, [(USER_DEFINED, type_id)])]
    limits = [(USER_DEFINED, type_id, 5)]
    got["labels.create"] = labels
    got["batch.associate_default"] = client.batch.associate_default("contacts", "companies", PAIRS)
    got["batch.create"] = client.batch.create("contacts", "companies", typed)
    got["records.associate"] = client.records.associate("contacts", 3, "companies", 30)
    got["records.list"] = list(client.records.list("contacts", 1, "companies"))
    got["records.search"] = list(client.records.search("companies", page_size=5))
    got["batch.read"] = list(client.batch.read("contacts", "companies", [1, 2]))
    got["labels.list"] = client.labels.list("contacts", "companies")
    got["labels.update"] = client.labels.update("contacts", "companies", type_id, "Chief")
    types = [(USER_DEFINED, type_id)]
    got["limits.stream_create"] = list(client.limits.stream_create("contacts", "companies", limits))
    got["limits.stream_update"] = list(client.limits.stream_update("contacts", "companies", limits))
    got["limits.stream_purge"] = list(client.limits.stream_purge("contacts", "companies", types))
    got["limits.create"] = client.limits.create("contacts", "companies", limits)
    got["limits.update"] = client.limits.update("contacts", "companies", limits)
    got["limits.list"] = client.limits.list("contacts", "companies")
    got["limits.list_all"] = client.limits.list()
    got["limits.purge"] = client.limits.purge("contacts", "companies", types)
    got["reports.high_usage"] = client.reports.high_usage(7)
    got["batch.stream_create"] = list(client.batch.stream_create("contacts", "companies", typed))
    got["batch.stream_associate_default"] = list(
        client.batch.stream_associate_default("contacts", "companies", PAIRS)
    )
    got["batch.stream_archive_labels"] = list(
        client.batch.stream_archive_labels("contacts", "companies", typed)
    )
    got["batch.archive_labels"] = client.batch.archive_labels("contacts", "companies", typed)
    got["batch.stream_archive"] = list(client.batch.stream_archive("contacts", "companies", PAIRS))
    got["batch.archive"] = client.batch.archive("contacts", "companies", PAIRS)
    got["records.remove"] = client.records.remove("contacts", 3, "companies", 30)
    got["sync.plan"] = client.sync.plan("contacts", "companies", [(4, 40, "Chief")])
    got["sync.apply"] = client.sync.apply(got["sync.plan"])
    client.records.remove("contacts", 4, "companies", 40)
    got["labels.delete"] = client.labels.delete("contacts", "companies", type_id)
    return got


async def async_calls(client: AsyncClient) -> dict[str, Any]:
    async def all_of(items: Any) -> list[Any]:
        return [item async for item in items]

    got: dict[str, Any] = {}
    labels = await client.labels.create("contacts", "companies", "Boss", name="boss")
    type_id = next(d.type_id for d in labels if d.label == "Boss")
    typed = [(1, 10, [(USER_DEFINED, type_id)]), (2, 20, [(USER_DEFINED, type_id)])]
    limits = [(USER_DEFINED, type_id, 5)]
    types = [(USER_DEFINED, type_id)]
    b, lim = client.batch, client.limits
    got["labels.create"] = labels
    got["batch.associate_default"] = await b.associate_default("contacts", "companies", PAIRS)
    got["batch.create"] = await b.create("contacts", "companies", typed)
    got["records.associate"] = await client.records.associate("contacts", 3, "companies", 30)
    got["records.list"] = await all_of(client.records.list("contacts", 1, "companies"))
    got["records.search"] = await all_of(client.records.search("companies", page_size=5))
    got["batch.read"] = await all_of(b.read("contacts", "companies", [1, 2]))
    got["labels.list"] = await client.labels.list("contacts", "companies")
    got["labels.update"] = await client.labels.update("contacts", "companies", type_id, "Chief")
    got["limits.stream_create"] = await all_of(lim.stream_create("contacts", "companies", limits))
    got["limits.stream_update"] = await all_of(lim.stream_update("contacts", "companies", limits))
    got["limits.stream_purge"] = await all_of(lim.stream_purge("contacts", "companies", types))
    got["limits.create"] = await lim.create("contacts", "companies", limits)
    got["limits.update"] = await lim.update("contacts", "companies", limits)
    got["limits.list"] = await lim.list("contacts", "companies")
    got["limits.list_all"] = await lim.list()
    got["limits.purge"] = await lim.purge("contacts", "companies", types)
    got["reports.high_usage"] = await client.reports.high_usage(7)
    got["batch.stream_create"] = await all_of(b.stream_create("contacts", "companies", typed))
    got["batch.stream_associate_default"] = await all_of(
        b.stream_associate_default("contacts", "companies", PAIRS)
    )
    got["batch.stream_archive_labels"] = await all_of(
        b.stream_archive_labels("contacts", "companies", typed)
    )
    got["batch.archive_labels"] = await b.archive_labels("contacts", "companies", typed)
    got["batch.stream_archive"] = await all_of(b.stream_archive("contacts", "companies", PAIRS))
    got["batch.archive"] = await b.archive("contacts", "companies", PAIRS)
    got["records.remove"] = await client.records.remove("contacts", 3, "companies", 30)
    got["sync.plan"] = await client.sync.plan("contacts", "companies", [(4, 40, "Chief")])
    got["sync.apply"] = await client.sync.apply(got["sync.plan"])
    await client.records.remove("contacts", 4, "companies", 40)
    got["labels.delete"] = await client.labels.delete("contacts", "companies", type_id)
    return got


def check(got: dict[str, Any]) -> None:
    for name, value in got.items():
        if isinstance(value, BatchResult):
            assert value.ok, (name, value.errors)
        if isinstance(value, list) and value and isinstance(value[0], ChunkResult):
            assert all(not chunk.failures for chunk in value), name
    assert any(isinstance(d, LabelDefinition) and d.label == "Boss" for d in got["labels.create"])
    assert {a.to_id for a in got["records.list"]} == {"10"}
    assert {(r.from_id, r.to_ids) for r in got["batch.read"]} == {("1", ("10",)), ("2", ("20",))}
    assert any(d.label == "Chief" for d in got["labels.list"]) is False  # listed before update
    assert len(got["batch.stream_create"]) == 1
    assert [str(change) for change in got["sync.plan"]] == ["create 4 -> 40 [Chief]"]
    assert got["sync.apply"].ok and got["sync.apply"].succeeded == 1


def test_every_method_sync(hubspot_emulator: Any) -> None:
    with Client("test", version=VERSION, base_url=hubspot_emulator.url) as client:
        got = sync_calls(client)
    check(got)
    assert hubspot_emulator.associations("contacts", "companies") == set()


def test_every_method_async(hubspot_emulator: Any) -> None:
    async def main() -> dict[str, Any]:
        async with AsyncClient("test", version=VERSION, base_url=hubspot_emulator.url) as c:
            return await async_calls(c)

    check(asyncio.run(main()))
    assert hubspot_emulator.associations("contacts", "companies") == set()
