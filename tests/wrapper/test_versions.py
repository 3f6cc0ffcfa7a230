"""Versions are discovered from the generated package; operations map to it lazily."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from hubspot_associations import (
    Client,
    UnsupportedVersionError,
    latest_version,
    supported_versions,
)
from hubspot_associations.versions import ApiVersion, version_name

from .fakes import BASE, VERSIONS


def test_supported_versions_come_from_the_generated_package() -> None:
    assert supported_versions() == ("v4", "2026-03")
    assert latest_version() == "2026-03"
    assert Client("t", base_url=BASE).version == "2026-03"


def test_package_names_map_to_hubspot_version_names() -> None:
    assert version_name("v2026_03") == "2026-03"
    assert version_name("v2026_09") == "2026-09"
    assert version_name("v4") == "v4"
    assert version_name("models") is None


def test_unknown_version_lists_the_supported_ones() -> None:
    with pytest.raises(UnsupportedVersionError, match=r"'2025-09'.*'v4', '2026-03'"):
        Client("t", version="2025-09", base_url=BASE)
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
    for name in names:
        module = api.operation(name)
        assert module.__name__.startswith(api.package)
        assert callable(module.sync_detailed) and callable(module.asyncio_detailed)
    assert api.has("search") == (version != "v4")


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


def test_a_new_generated_version_needs_no_wrapper_change(tmp_path: Path) -> None:
    """Copy the generated package with an extra `v2026_09` subpackage: the wrapper finds it."""
    import hubspot_associations_raw

    source = Path(hubspot_associations_raw.__file__).parent
    target = tmp_path / "hubspot_associations_raw"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(source / "v2026_03", target / "v2026_09")
    script = (
        "from hubspot_associations import Client, supported_versions, latest_version\n"
        "print(supported_versions(), latest_version())\n"
        "c = Client('t', base_url='http://127.0.0.1:9')\n"
        "print(c.version, type(c.raw).__module__)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines() == [
        "('v4', '2026-03', '2026-09') 2026-09",
        "2026-09 hubspot_associations_raw.v2026_09.client",
    ]
