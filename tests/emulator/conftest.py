"""Fixtures for the emulator tests (the hubspot_emulator fixture comes from our pytest plugin)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hubspot_associations.testing import Emulator

from .helpers import VERSIONS, Api


@pytest.fixture(params=VERSIONS)
def version(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def api(hubspot_emulator: Emulator, version: str) -> Iterator[Api]:
    client = Api(hubspot_emulator, version)
    yield client
    client.http.close()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    from .test_schemathesis import EXAMPLES

    if EXAMPLES:
        figures = ", ".join(f"{k}: {v}" for k, v in sorted(EXAMPLES.items()))
        total = sum(EXAMPLES.values())
        terminalreporter.write_line(
            f"schemathesis examples against the emulator: {total} ({figures})"
        )
