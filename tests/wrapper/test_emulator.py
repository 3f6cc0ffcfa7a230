"""The client end to end against the local emulator, for both versions, with faults."""

from __future__ import annotations

from typing import Any

import pytest
from hubspot_associations import (
    USER_DEFINED,
    AsyncClient,
    Client,
    DailyRateLimitError,
)

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
