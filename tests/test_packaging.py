"""The wheel users install carries the SDK, the generated raw clients and the entry points."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_ships_wrapper_generated_and_entry_points(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("hubspot_associations-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in [
        "hubspot_associations/__init__.py",
        "hubspot_associations/py.typed",
        "hubspot_associations/testing/pytest_plugin.py",
        "hubspot_associations_raw/__init__.py",
        "hubspot_associations_raw/py.typed",
        "hubspot_associations_raw/v4/api/associations/batch_read.py",
        "hubspot_associations_raw/v2026_03/api/associations/search.py",
        "hubspot_associations_raw/v2026_03/pydantic_models.py",
    ]:
        assert expected in names, expected
    assert not any(n.startswith(("tests/", "spec/", "scripts/")) for n in names)
    (entry_points,) = [n for n in names if n.endswith("entry_points.txt")]
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "hubspot-associations = hubspot_associations.cli:main" in text
    assert "hubspot_associations = hubspot_associations.testing.pytest_plugin" in text
