"""The emulator under abuse: hostile ids, deep JSON, huge bodies, disconnects, the CLI."""

from __future__ import annotations

import logging
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from hubspot_associations.testing import Emulator

from .helpers import Api

HOSTILE_IDS = ["1\n", "\u0661", "007", "\uff11", "9223372036854775808", " 1"]


@pytest.mark.no_contract
@pytest.mark.parametrize("bad", HOSTILE_IDS, ids=repr)
def test_hostile_ids_in_bodies_are_refused_not_stored(
    api: Api, hubspot_emulator: Emulator, bad: str
) -> None:
    answer = api.create([(bad, "10")])
    assert answer.status_code in (200, 207)  # 207 where the version has it
    assert len(answer.json()["errors"]) == 1
    assert hubspot_emulator.associations("contacts", "companies") == set()


@pytest.mark.no_contract
@pytest.mark.parametrize("bad", ["1\n", "\u0661", "007"], ids=repr)
def test_hostile_ids_in_paths_are_refused(api: Api, bad: str) -> None:
    from urllib.parse import quote

    answer = api.put(api.o(f"contacts/{quote(bad, safe='')}/associations/default/companies/10"))
    assert answer.status_code == 400
    assert answer.json()["category"] == "VALIDATION_ERROR"


@pytest.mark.no_contract
@pytest.mark.parametrize("bad", ["contacts\n", "cont\u0430cts", "2-0123", "contacts "], ids=repr)
def test_hostile_object_types_are_refused(api: Api, bad: str) -> None:
    from urllib.parse import quote

    answer = api.post(api.a(f"{quote(bad, safe='')}/companies/batch/read"), {"inputs": []})
    assert answer.status_code == 400


DEEP_BODIES = [
    b'{"inputs":' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    b'{"inputs":[{"id":"1","x":' + b'{"a":' * 5_000 + b"1" + b"}" * 5_000 + b"}]}",
]


@pytest.mark.no_contract
@pytest.mark.parametrize("body", DEEP_BODIES, ids=["deep list", "deep object"])
def test_deeply_nested_json_is_a_400_not_a_500(
    api: Api, hubspot_emulator: Emulator, body: bytes
) -> None:
    answer = api.http.post(
        api.a("contacts/companies/batch/read"),
        content=body,
        headers={"Content-Type": "application/json"},
    )
    assert answer.status_code == 400
    assert answer.json()["category"] == "VALIDATION_ERROR"
    assert hubspot_emulator.requests[-1].status == 400


@pytest.mark.no_contract
def test_the_request_log_keeps_sizes_not_huge_bodies(api: Api, hubspot_emulator: Emulator) -> None:
    huge = b'{"inputs": [' + b'{"id": "1"},' * 300_000 + b'{"id": "2"}]}'  # 3.6 MB, refused
    answer = api.http.post(
        api.a("contacts/companies/batch/read"),
        content=huge,
        headers={"Content-Type": "application/json"},
    )
    assert answer.status_code == 400
    recorded = hubspot_emulator.requests[-1].body
    assert recorded == f"<{len(huge)} bytes, not recorded>"


def test_the_request_log_can_be_turned_off() -> None:
    with Emulator(log_limit=0) as hub:
        api = Api(hub, "v4")
        assert api.read([1]).status_code in (200, 207)
        assert hub.requests == []
        api.http.close()


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.mark.no_contract
def test_client_disconnects_do_not_log_tracebacks(hubspot_emulator: Emulator) -> None:
    seen = _Records()
    logger = logging.getLogger("uvicorn.error")
    logger.addHandler(seen)
    try:
        port = int(hubspot_emulator.url.rsplit(":", 1)[1])
        for _ in range(3):
            with socket.create_connection(("127.0.0.1", port)) as sock:
                sock.sendall(
                    b"POST /crm/v4/associations/contacts/companies/batch/read HTTP/1.1\r\n"
                    b'Host: x\r\nAuthorization: Bearer t\r\nContent-Length: 1000\r\n\r\n{"in'
                )
        # the emulator still answers, and said nothing about the disconnects
        assert Api(hubspot_emulator, "v4").read([1]).status_code in (200, 207)
    finally:
        logger.removeHandler(seen)
    assert [r for r in seen.records if r.levelno >= logging.ERROR or r.exc_info] == []


@pytest.mark.no_contract
def test_cli_port_0_prints_the_real_port_and_seeds_strict_records() -> None:
    exe = Path(sys.executable).parent / "hubspot-associations"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "hubspot_associations.cli"]
    proc = subprocess.Popen(
        [*cmd, "emulator", "--port", "0", "--strict-records", "--records", "contacts=1-3",
         "--records", "companies=10,12", "--request-log", "0"],
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        assert proc.stderr is not None
        banner = proc.stderr.readline().decode()
        found = re.search(r"emulator on (http://127\.0\.0\.1:(\d+))", banner)
        assert found and found.group(2) != "0", banner
        assert "5 seeded record(s)" in banner
        url = found.group(1)
        inputs = [
            {"from": {"id": f}, "to": {"id": "10"},
             "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 279}]}
            for f in ("1", "5")
        ]  # fmt: skip
        answer = httpx.post(
            f"{url}/crm/v4/associations/contacts/companies/batch/create",
            json={"inputs": inputs},
            headers={"Authorization": "Bearer t"},
        )
        assert answer.status_code == 207
        (error,) = answer.json()["errors"]
        assert "5" in str(error["context"])
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=10)
    assert proc.returncode == 0


@pytest.mark.parametrize("bad", ["contacts", "contacts=", "=1", "contacts=1-x", "contacts=5-1"])
def test_cli_refuses_bad_record_seeds(bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    from hubspot_associations.cli import main

    assert main(["emulator", "--records", bad]) == 2  # a usage error, nothing served
    err = capsys.readouterr().err
    assert "TYPE=IDS" in err or "range" in err or "not an id" in err
