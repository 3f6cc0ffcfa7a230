"""Every operation of every spec/ document is served by the emulator, under the same name,
and the emulator serves nothing the spec does not have."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hubspot_associations.testing import Emulator, Faults
from hubspot_associations.testing._app import VERSIONS, build_operations
from hubspot_associations.testing._model import Store

SPEC = Path(__file__).resolve().parents[2] / "spec"


def _spec_operations(version: str) -> set[tuple[str, str, str]]:
    ops = set()
    for doc in sorted((SPEC / version).glob("*.json")):
        for path, methods in json.loads(doc.read_text())["paths"].items():
            for method, op in methods.items():
                if method in {"get", "put", "post", "delete", "patch"}:
                    ops.add((method.upper(), path, op["operationId"]))
    return ops


@pytest.mark.parametrize("version", VERSIONS)
def test_emulator_routes_equal_the_spec(version: str) -> None:
    spec = _spec_operations(version)
    served = {(o.method, o.template, o.name) for o in build_operations() if o.version == version}
    assert served == spec
    assert len(served) == {"v4": 19, "2026-03": 20}[version]


@pytest.mark.parametrize("version", VERSIONS)
def test_every_spec_path_resolves_to_its_operation(version: str) -> None:
    app = Emulator(faults=Faults()).app
    for method, path, name in _spec_operations(version):
        concrete = re.sub(r"\{[^}]+\}", "1", path)
        op, _, _ = app.resolve(method, concrete)
        assert op is not None and op.name == name and op.version == version, (method, path)


def test_store_is_independent_per_emulator() -> None:
    first, second = Store(), Store()
    first.associate("0-1", "1", "0-2", "2", [])
    assert second.pairs("0-1", "0-2") == set()
