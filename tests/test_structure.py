"""The SDK's shape: one concern per module, none longer than a reader can hold (README:
the module map)."""

from __future__ import annotations

from pathlib import Path

import hubspot_associations

PACKAGE = Path(hubspot_associations.__file__).parent
MAX_LINES = 600


def test_no_module_of_the_sdk_is_over_600_lines() -> None:
    sizes = {
        str(path.relative_to(PACKAGE)): len(path.read_text().splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert len(sizes) > 40  # the walk found the package
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}


def test_every_resource_has_its_client_attribute_on_both_clients() -> None:
    """A resource module (``resources/<name>.py``) is ``client.<name>`` on both clients."""
    from hubspot_associations import AsyncClient, Client

    names = {p.stem for p in (PACKAGE / "resources").glob("[!_]*.py")}
    assert {"records", "batch", "labels", "limits", "reports", "sync"} <= names
    for name in names:
        for cls in (Client, AsyncClient):
            resource = getattr(cls(access_token="x"), name)
            assert type(resource).__module__ == f"hubspot_associations.resources.{name}"
