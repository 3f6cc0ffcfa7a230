"""Every operation of every spec/ document is served by the emulator, under the same name,
and the emulator serves nothing the spec does not have (besides the v4 paths HubSpot's own
hubspot-api-client uses for the schema API). The expected routes are read from spec/ itself,
so a version the emulator does not serve fails here."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest
from hubspot_associations.testing import Emulator, Faults
from hubspot_associations.testing._model import Store
from hubspot_associations.testing._routing import VERSIONS, build_operations, prefixes

SPEC = Path(__file__).resolve().parents[2] / "spec"
SPEC_VERSIONS = sorted(p.name for p in SPEC.iterdir() if (p / "associations.json").exists())


def _spec_operations(version: str) -> set[tuple[str, str, str]]:
    ops = set()
    for doc in sorted((SPEC / version).glob("*.json")):
        for path, methods in json.loads(doc.read_text())["paths"].items():
            for method, op in methods.items():
                if method in {"get", "put", "post", "delete", "patch"}:
                    ops.add((method.upper(), path, op["operationId"]))
    return ops


def test_every_spec_version_is_served() -> None:
    assert sorted(VERSIONS) == SPEC_VERSIONS


@pytest.mark.parametrize("version", SPEC_VERSIONS)
def test_emulator_routes_equal_the_spec(version: str) -> None:
    spec = _spec_operations(version)
    ops = [o for o in build_operations() if o.version == version]
    assert {(o.method, o.template, o.name) for o in ops if not o.alias} == spec
    aliases = {(o.method, o.template, o.name) for o in ops if o.alias}
    p = prefixes(version)
    expected = {
        (method, p["A"] + path[len(p["S"]) :], name)
        for method, path, name in spec
        if name.startswith(("labels_", "limits_")) and p["S"] != p["A"]
    }
    assert aliases == expected


@pytest.mark.parametrize("version", SPEC_VERSIONS)
def test_every_spec_path_resolves_to_its_operation(version: str) -> None:
    app = Emulator(faults=Faults()).app
    for method, path, name in _spec_operations(version):
        concrete = re.sub(r"\{[^}]+\}", "1", path)
        op, _, _ = app.resolve(method, concrete)
        assert op is not None and op.name == name and op.version == version, (method, path)


@pytest.mark.no_contract  # hubspot-api-client's paths are not in spec/
def test_hubspot_api_client_paths_for_labels_and_limits(hubspot_emulator: Emulator) -> None:
    """hubspot-api-client sends the v4 schema API under /crm/v4/associations/...: those
    paths reach the same operations and the same state."""
    served = [o for o in build_operations() if o.alias]
    assert {o.version for o in served} == {
        v for v in VERSIONS if prefixes(v)["S"] != prefixes(v)["A"]
    }
    for version in {o.version for o in served}:
        base = prefixes(version)["A"]
        with httpx.Client(
            base_url=hubspot_emulator.url, headers={"Authorization": "Bearer t"}
        ) as c:
            made = c.post(f"{base}/contacts/companies/labels", json={"label": "Buyer", "name": "b"})
            assert made.status_code == 200, made.text
            type_id = made.json()["results"][0]["typeId"]
            labels = c.get(f"{base}/contacts/companies/labels").json()["results"]
            assert "Buyer" in [t["label"] for t in labels]
            limit = {"category": "USER_DEFINED", "typeId": type_id, "maxToObjectIds": 2}
            created = c.post(
                f"{base}/definitions/configurations/contacts/companies/batch/create",
                json={"inputs": [limit]},
            )
            assert created.status_code in (200, 201), created.text
            every = c.get(f"{base}/definitions/configurations/all").json()["results"]
            assert [x["userEnforcedMaxToObjectIds"] for x in every if x["typeId"] == type_id] == [2]
            gone = c.delete(f"{base}/contacts/companies/labels/{type_id}")
            assert gone.status_code == 204


def test_store_is_independent_per_emulator() -> None:
    first, second = Store(), Store()
    first.associate("0-1", "1", "0-2", "2", [])
    assert second.pairs("0-1", "0-2") == set()
