"""The demo job runs end to end (smaller, same faults) and its state check passes."""

from __future__ import annotations

import io

import pytest
from hubspot_associations.demo import run_demo
from rich.console import Console


@pytest.mark.no_contract  # the demo injects a malformed body and a dropped connection
@pytest.mark.parametrize("version", ["v4", "2026-03"])
def test_demo_rides_out_faults_and_state_matches(version: str) -> None:
    out = io.StringIO()
    code = run_demo(version=version, count=2_500, console=Console(file=out, width=120))
    text = out.getvalue()
    assert code == 0, text
    assert "state check OK" in text
    assert "status 502 x1" in text and "dropped x1" in text
    assert "OBJECT_NOT_FOUND" in text and "VALIDATION_ERROR" in text
