"""The emulator's public names and where its parts live (the module map of docs/emulator.md)."""

from __future__ import annotations

import importlib
from pathlib import Path

import hubspot_associations.testing as testing

MODULE_MAP = Path(__file__).resolve().parents[2] / "docs" / "emulator.md"


def test_public_names_are_unchanged() -> None:
    assert sorted(testing.__all__) == [
        "Emulator",
        "Faults",
        "RateLimit",
        "RecordedRequest",
        "Stats",
    ]
    for name in testing.__all__:
        assert getattr(testing, name).__name__ == name


def test_every_private_module_is_in_the_docs_module_map() -> None:
    folder = Path(testing.__file__).parent
    modules = sorted(p.name for p in folder.glob("_*.py") if p.name != "__init__.py")
    text = MODULE_MAP.read_text()
    for module in modules:
        importlib.import_module(f"hubspot_associations.testing.{module[:-3]}")
        assert f"| `{module}` |" in text, module
