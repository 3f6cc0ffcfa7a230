"""The demo (a CLI job killed half-way and resumed, then a sync of a tenth of it changed)
runs end to end on every API version, and its state checks pass."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hubspot_associations import supported_versions
from hubspot_associations.cli.demo import run_demo
from rich.console import Console


@pytest.mark.no_contract  # the demo injects a malformed body and dropped connections
@pytest.mark.parametrize("version", supported_versions())
@pytest.mark.slow
def test_demo_kills_resumes_and_state_matches(version: str, tmp_path: Path) -> None:
    out = io.StringIO()
    code = run_demo(
        version=version, count=8_000, workdir=str(tmp_path), console=Console(file=out, width=120)
    )
    text = out.getvalue()
    assert code == 0, text
    assert "killed the job with SIGKILL" in text
    assert "resuming" in text  # the second run picked up the journal
    assert "state check OK: the emulator holds exactly the " in text
    assert " well-formed rows the job did not report as failed" in text
    assert "INVALID_ROW" in text and "OBJECT_NOT_FOUND" in text
    assert "nothing was changed: to make these changes" in text  # sync showed the plan
    assert "to archive " in text and "labels added " in text  # then applied it
    assert "sync check OK" in text
