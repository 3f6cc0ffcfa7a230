"""Every command-line test keeps the state folder (stdin jobs' files) in its own tmp_path;
``hub``: the emulator, with a token in the environment."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hubspot_associations.testing import Emulator


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    state = tmp_path / "xdg-state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    return state / "hubspot-associations"


@pytest.fixture
def hub(hubspot_emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> Iterator[Emulator]:
    monkeypatch.setenv("HUBSPOT_ACCESS_TOKEN", "test-token")
    yield hubspot_emulator
