"""The SDK's shape: one concern per module, none longer than a reader can hold, each named
in the module map (docs/building.md)."""

from __future__ import annotations

from pathlib import Path

import hubspot_associations

DOCS = Path(__file__).resolve().parents[1] / "docs"
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


def test_the_module_map_names_every_module() -> None:
    """A newcomer finds every module of the SDK in docs/building.md's module map: each
    top-level module and package in a row, each module of ``jobs/``, ``cli/`` and
    ``syncing/`` in its package's row (``testing/`` is the emulator: one row)."""
    text = (DOCS / "building.md").read_text()
    table = text.split("the module map", 1)[1].split("**Sync and async", 1)[0]
    rows = {line.split("|")[1].strip(): line for line in table.splitlines() if line[:3] == "| `"}
    mapped = " ".join(rows)
    missing = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"
               and f"`{p.name}`" not in mapped]  # fmt: skip
    missing += [f"{p.name}/" for p in PACKAGE.iterdir()
                if (p / "__init__.py").exists() and f"`{p.name}/`" not in mapped]  # fmt: skip
    for package in ("jobs", "cli", "syncing"):
        row = rows[f"`{package}/`"]
        missing += [f"{package}/{p.name}" for p in (PACKAGE / package).glob("*.py")
                    if p.stem not in ("__init__", "__main__")
                    and f"`{p.name}`" not in row and f"`{p.stem}`" not in row]  # fmt: skip
    assert missing == []
