"""The client end to end against the local emulator, for every version, with faults."""

from __future__ import annotations

from typing import Any

import pytest
from hubspot_associations import (
    USER_DEFINED,
    AssociationInput,
    AssociationType,
    AsyncClient,
    Client,
    DailyRateLimitError,
    UnsupportedOperation,
)
from hubspot_associations.versions import ApiVersion

from .fakes import VERSIONS

pytest.importorskip("uvicorn")

PRIMARY = ("HUBSPOT_DEFINED", 1)


def client_for(hub: Any, version: str, **options: Any) -> Client:
    return Client("test-token", version=version, base_url=hub.url, **options)


@pytest.mark.no_contract  # a malformed body is off-spec on purpose
@pytest.mark.parametrize("version", VERSIONS)
def test_bulk_create_read_archive_with_faults(version: str, hubspot_emulator: Any) -> None:
    hub = hubspot_emulator
    hub.faults.fail_next(1, 502).drop_next(1, after_processing=True).malform_next(1)
    hub.faults.rate_limit(4, interval=0.2)
    with client_for(hub, version) as client:
        inputs = [(i, 900000 + i, [PRIMARY]) for i in range(1, 4501)]
        result = client.batch.create("contacts", "companies", inputs)
        assert result.ok, result.errors[:3]
        assert len(result.succeeded) == 4500
        assert hub.associations("contacts", "companies") >= {
            (str(i), str(900000 + i)) for i in range(1, 4501)
        }
        assert client.stats.retries >= 2

        read = client.batch.read("contacts", "companies", [1, 2, 3, 777777])
        got = {r.from_id: r.to_ids for r in read}
        assert got["1"] == ("900001",) and got["777777"] == ()
        assert not read.errors

        archived = client.batch.archive("contacts", "companies", [(1, 900001), (2, 900002)])
        assert archived.ok and len(archived.succeeded) == 2
        assert ("1", "900001") not in hub.associations("contacts", "companies")


@pytest.mark.parametrize("version", VERSIONS)
def test_list_pages_and_labels(version: str, hubspot_emulator: Any) -> None:
    with client_for(hubspot_emulator, version) as client:
        made = client.batch.associate_default(
            "contacts", "companies", [(5, 1000 + i) for i in range(1203)]
        )
        assert made.ok and made.results
        listed = list(client.records.list("contacts", 5, "companies", page_size=500))
        assert len(listed) == 1203 and len({a.to_id for a in listed}) == 1203
        assert len(hubspot_emulator.requests) == 1 + 3  # one batch, three pages

        (label, *_) = client.labels.create("contacts", "companies", "Decision maker")
        assert label.category == USER_DEFINED and label.label == "Decision maker"
        types = [(USER_DEFINED, label.type_id)]
        created = client.records.associate("contacts", 5, "companies", 1000, types=types)
        assert "Decision maker" in created.labels
        associations = {a.to_id: a for a in client.records.list("contacts", 5, "companies")}
        assert "Decision maker" in associations["1000"].labels
        assert any(d.type_id == label.type_id for d in client.labels.list("contacts", "companies"))
        client.labels.delete("contacts", "companies", label.type_id)
        client.records.remove("contacts", 5, "companies", 1000)
        assert ("5", "1000") not in hubspot_emulator.associations("contacts", "companies")


@pytest.mark.parametrize("version", VERSIONS)
def test_daily_limit_from_the_emulator_fails_fast(version: str, hubspot_emulator: Any) -> None:
    hubspot_emulator.faults.rate_limit(None, daily=1)
    with client_for(hubspot_emulator, version) as client:
        client.labels.list("contacts", "companies")
        with pytest.raises(DailyRateLimitError):
            client.labels.list("contacts", "companies")
        assert client.stats.retries == 0


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.slow
async def test_async_bulk_against_the_emulator(version: str, hubspot_emulator: Any) -> None:
    hubspot_emulator.faults.fail_next(2, 503)
    async with AsyncClient(
        "test-token", version=version, base_url=hubspot_emulator.url, max_concurrency=3
    ) as client:
        pairs = [(i, 5000 + i) for i in range(1, 6001)]
        result = await client.batch.associate_default("contacts", "companies", pairs)
        assert result.ok and len(result.succeeded) == 6000
        read = client.batch.read("contacts", "companies", range(1, 1501))
        count = 0
        async for record in read:
            count += 1
            assert record.to_ids == (str(5000 + int(record.from_id)),)
        assert count == 1500 and not read.errors


def user_job(client: Client, hub: Any) -> dict[str, Any]:
    """Code a user writes once: it must give the same results on every API version."""
    hub.delete_records("companies", [404])
    out: dict[str, Any] = {}
    made = client.batch.create(
        "contacts", "companies", [(1, 10, [PRIMARY]), (1, 11, [PRIMARY]), (2, 404, [PRIMARY])]
    )
    out["created"] = (made.results, made.succeeded, [(f.category, f.inputs) for f in made.errors])
    default = client.batch.associate_default("contacts", "companies", [(3, 10), (3, 404)])
    out["default"] = (default.succeeded, [(f.category, f.inputs) for f in default.errors])
    out["listed"] = list(client.records.list("contacts", 1, "companies", page_size=1))
    out["empty"] = list(client.records.list("contacts", 99, "companies"))
    read = client.batch.read("contacts", "companies", [1, 3, 99])
    out["read"] = (list(read), [(f.category, f.inputs) for f in read.errors])
    (label, *_) = client.labels.create("contacts", "0-2", "Buyer", inverse_label="Bought by")
    out["labels"] = [d for d in client.labels.list("contacts", "0-2") if d.label == "Buyer"]
    limit = [(USER_DEFINED, label.type_id, 1)]
    out["limits"] = client.limits.create("contacts", "companies", limit).results
    again = client.limits.create("contacts", "companies", limit)
    out["limit twice"] = [(f.category, f.inputs) for f in again.errors]
    updated = client.limits.update("contacts", "companies", [(USER_DEFINED, 424242, 2)])
    out["bad update"] = [(f.category, f.inputs) for f in updated.errors]
    purged = client.limits.purge("contacts", "companies", [(USER_DEFINED, label.type_id)])
    out["purged"] = (purged.ok, purged.succeeded)
    archived = client.batch.archive("contacts", "companies", [(1, 11)])
    out["archived"] = (archived.ok, archived.succeeded)
    out["after"] = sorted(a.to_id for a in client.records.list("contacts", 1, "companies"))
    try:
        list(client.records.search("contacts", query="x"))
        out["search"] = "ran"
    except UnsupportedOperation as exc:
        out["search"] = ("unsupported", exc.supported_by)
    return out


def test_the_same_user_code_gives_the_same_results_on_every_version(
    hubspot_emulator_factory: Any,
) -> None:
    """records.list through batch read (2026-09), per-item errors in 200 bodies instead of
    207s, limits answering 200 instead of 201/207, archive answering 200 or 204, label
    definitions without object type ids: none of it shows."""
    results = {}
    for version in VERSIONS:
        hub = hubspot_emulator_factory()
        with client_for(hub, version) as client:
            results[version] = user_job(client, hub)
    with_search = tuple(v for v in VERSIONS if ApiVersion(v).has("search"))
    for version, got in results.items():
        expected_search = "ran" if version in with_search else ("unsupported", with_search)
        assert got.pop("search") == expected_search, version
    first = results[VERSIONS[0]]
    assert [a.to_id for a in first["listed"]] == ["10", "11"] and first["empty"] == []
    failed = AssociationInput("2", "404", (AssociationType(*PRIMARY),))
    assert first["created"][2] == [("OBJECT_NOT_FOUND", (failed,))]
    assert first["labels"][0].from_object_type_id == "0-1" and first["limit twice"]
    assert first["bad update"] and first["after"] == ["10"]
    for version in VERSIONS[1:]:
        assert results[version] == first, version
