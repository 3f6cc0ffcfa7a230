"""Versions are discovered from the generated package; operations map to it lazily."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from hubspot_associations import (
    Client,
    UnsupportedOperation,
    UnsupportedVersionError,
    latest_version,
    supported_versions,
)
from hubspot_associations.versions import ApiVersion, version_name

from .fakes import BASE, VERSIONS

SPEC = Path(__file__).resolve().parents[2] / "spec"


def test_supported_versions_come_from_the_generated_package() -> None:
    import hubspot_associations_raw

    spec = sorted(p.name for p in SPEC.iterdir() if (p / "associations.json").exists())
    assert sorted(supported_versions()) == sorted(hubspot_associations_raw.VERSIONS) == spec
    # HubSpot's numbered versions come before its date versions, dates in order.
    numbered = [v for v in supported_versions() if v.startswith("v")]
    dated = [v for v in supported_versions() if not v.startswith("v")]
    assert supported_versions() == (*numbered, *sorted(dated))
    assert latest_version() == supported_versions()[-1] == max(dated)
    assert Client("t", base_url=BASE).version == latest_version()


def test_package_names_map_to_hubspot_version_names() -> None:
    assert version_name("v2026_03") == "2026-03"
    assert version_name("v2026_09") == "2026-09"
    assert version_name("v4") == "v4"
    assert version_name("models") is None


def test_unknown_version_lists_the_supported_ones() -> None:
    listed = ", ".join(repr(v) for v in supported_versions())
    with pytest.raises(UnsupportedVersionError) as raised:
        Client("t", version="2019-01", base_url=BASE)
    assert str(raised.value) == f"unknown API version '2019-01'; supported versions: {listed}"
    with pytest.raises(ValueError):
        Client("t", version="v3", base_url=BASE)


@pytest.mark.parametrize("version", VERSIONS)
def test_every_wrapper_operation_exists_in_the_generated_client(version: str) -> None:
    api = ApiVersion(version)
    names = [
        "batch_read", "batch_create", "batch_associate_default", "batch_archive",
        "batch_archive_labels", "list", "create", "create_default", "archive",
        "high_usage_report", "labels_list", "labels_create", "labels_update", "labels_archive",
        "limits_list_all", "limits_list", "limits_batch_create", "limits_batch_update",
        "limits_batch_purge",
    ]  # fmt: skip
    names += ["list", "search"]
    for name in names:
        if not api.has(name):
            with pytest.raises(UnsupportedOperation):
                api.operation(name)
            continue
        module = api.operation(name)
        assert module.__name__.startswith(api.package)
        assert callable(module.sync_detailed) and callable(module.asyncio_detailed)
        # The table and the generated request builder agree on method and path.
        facts = api.facts(name)
        kwargs = {arg: "x1" for arg in facts.path_params.values()}
        body: Any = SimpleNamespace(to_dict=dict)
        if facts.request_schema is None:
            body = None
        elif facts.request_schema.startswith("list:"):
            body = []
        built = module._get_kwargs(**kwargs, **({"body": body} if body is not None else {}))
        assert built["method"].upper() == facts.method
        assert built["url"] == facts.request(kwargs)["url"]
    # GET list and search are the only operations some versions lack.
    assert set(names) - set(api.operations) <= {"list", "search"}


@pytest.mark.parametrize("version", VERSIONS)
def test_raw_is_the_generated_client_of_the_version(version: str) -> None:
    client = Client("t", version=version, base_url=BASE)
    package = ApiVersion(version).package
    assert type(client.raw).__module__ == f"{package}.client"
    assert client.raw is client.raw  # made once, cached per client


@pytest.mark.parametrize("version", VERSIONS)
def test_raw_client_sends_with_auth_through_the_wrapper(version: str) -> None:
    import importlib

    from .fakes import TOKEN, batch_body, make_client

    client, recorder, _ = make_client(version, lambda r: httpx.Response(200, json=batch_body([])))
    package = ApiVersion(version).package
    batch_read = importlib.import_module(f"{package}.api.associations.batch_read")
    models = importlib.import_module(f"{package}.models")
    body = models.BatchInputPublicFetchAssociationsBatchRequest.from_dict({"inputs": [{"id": "1"}]})
    response = batch_read.sync_detailed("contacts", "companies", client=client.raw, body=body)
    assert response.status_code == 200 and response.parsed.results == []
    assert recorder.requests[0].headers["authorization"] == f"Bearer {TOKEN}"


def test_request_building_encodes_every_path_segment() -> None:
    facts = ApiVersion(latest_version()).facts("batch_read")
    built = facts.request(
        {"from_object_type": "a/../b", "to_object_type": "c d?"}, {"inputs": [{"id": "1"}]}
    )
    assert built["method"] == "POST"
    assert built["url"].endswith("/a%2F..%2Fb/c%20d%3F/batch/read")
    assert built["json"] == {"inputs": [{"id": "1"}]}
    with pytest.raises(TypeError, match="to_object_type"):
        facts.request({"from_object_type": "contacts"})
    with pytest.raises(TypeError, match="takes no argument limit"):
        facts.request({"from_object_type": "a", "to_object_type": "b", "limit": 3})
