"""The pytest fixture, the plugin's cheap import, and the command line."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from hubspot_associations.cli import main
from hubspot_associations.testing import Emulator

BIN = Path(sys.executable).parent


def test_fixture_gives_a_running_fresh_emulator(hubspot_emulator: Emulator) -> None:
    assert hubspot_emulator.running
    assert hubspot_emulator.requests == []
    assert hubspot_emulator.associations("contacts", "companies") == set()
    hubspot_emulator.faults.fail_next(5)
    hubspot_emulator.store.associate("0-1", "1", "0-2", "2", [])


def test_fixture_state_does_not_leak_between_tests(hubspot_emulator: Emulator) -> None:
    assert hubspot_emulator.associations("contacts", "companies") == set()
    assert hubspot_emulator.faults.rules == []


def test_factory_fixture_makes_configured_emulators(hubspot_emulator_factory: Any) -> None:
    hub = hubspot_emulator_factory(strict_records=True, access_tokens=["secret"])
    other = hubspot_emulator_factory()
    assert hub.running and other.running and hub.port != other.port
    assert not hub.store.record_exists("0-1", "1")
    assert other.store.record_exists("0-1", "1")


def test_plugin_imports_without_the_emulator_extra() -> None:
    code = (
        "import sys\n"
        "for name in ('starlette', 'uvicorn', 'rich'):\n"
        "    sys.modules[name] = None\n"
        "import hubspot_associations.testing.pytest_plugin as p\n"
        "assert p.hubspot_emulator\n"
        "try:\n"
        "    from hubspot_associations.testing import Emulator\n"
        "except ImportError as exc:\n"
        "    assert 'emulator extra' in str(exc), exc\n"
        "else:\n"
        "    raise SystemExit('expected ImportError')\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.no_contract
def test_cli_emulator_serves_until_interrupted() -> None:
    port = _free_port()
    exe = BIN / "hubspot-associations"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "hubspot_associations.cli"]
    proc = subprocess.Popen(
        [*cmd, "emulator", "--port", str(port), "--rate-limit", "100"],
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}/crm/associations/v4/contacts/companies/labels"
        deadline = time.monotonic() + 20
        while True:
            try:
                resp = httpx.get(url, headers={"Authorization": "Bearer t"})
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.1)
        assert resp.status_code == 200
        assert resp.headers["X-HubSpot-RateLimit-Max"] == "100"
        assert httpx.get(url).status_code == 401
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=10)
    assert proc.returncode == 0
    assert b"emulator on http://127.0.0.1" in (proc.stderr.read() if proc.stderr else b"")


def test_cli_rejects_unknown_versions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--api-version", "v3"]) == 2
    assert "'v3' is not one of" in capsys.readouterr().err
