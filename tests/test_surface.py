"""What every request carries and what the SDK tells about itself: the ``User-Agent`` a
server sees (Client and AsyncClient), the ``HUBSPOT_ASSOCIATIONS_LOG`` switch, and the
correlation id of a proxy's HTML error page."""

from __future__ import annotations

import asyncio
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import hubspot_associations
import pytest
from hubspot_associations import AsyncClient, Client, ServerError, supported_versions

TOKEN = "pat-na1-NEVER-IN-LOGS-0000"
LATEST = list(supported_versions())[-1]
CORRELATION = "7a1d2c3b-0000-4000-8000-0000000c0ffe"


class _Server(http.server.ThreadingHTTPServer):
    seen: list[dict[str, str]]
    answer: tuple[int, dict[str, str], bytes]


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.server.seen.append(dict(self.headers.items()))
        status, headers, body = self.server.answer
        self.send_response(status)
        for name, value in {**headers, "Content-Length": str(len(body))}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_DELETE = _answer

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[_Server]:
    """A plain HTTP server on 127.0.0.1 that records the headers of every request."""
    srv = _Server(("127.0.0.1", 0), _Handler)
    srv.seen = []
    srv.answer = (200, {"Content-Type": "application/json"}, b'{"results": []}')
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()


def url(srv: _Server) -> str:
    return f"http://127.0.0.1:{srv.server_address[1]}"


def expected_user_agent() -> str:
    python = ".".join(str(part) for part in sys.version_info[:3])
    return (
        f"hubspot-associations/{hubspot_associations.__version__} "
        f"python/{python} httpx/{httpx.__version__}"
    )


def test_user_agent_names_sdk_python_and_httpx_sync(server: _Server) -> None:
    with Client(TOKEN, version=LATEST, base_url=url(server)) as client:
        client.labels.list("contacts", "companies")
    assert server.seen, "no request reached the server"
    assert {seen["User-Agent"] for seen in server.seen} == {expected_user_agent()}


def test_user_agent_names_sdk_python_and_httpx_async(server: _Server) -> None:
    async def main() -> None:
        async with AsyncClient(TOKEN, version=LATEST, base_url=url(server)) as client:
            await client.labels.list("contacts", "companies")

    asyncio.run(main())
    assert server.seen, "no request reached the server"
    assert {seen["User-Agent"] for seen in server.seen} == {expected_user_agent()}


def test_the_users_own_user_agent_wins(server: _Server) -> None:
    """An http_client with its own User-Agent keeps it (README: User-Agent)."""
    http = httpx.Client(headers={"User-Agent": "my-app/2.0"})
    with Client(TOKEN, version=LATEST, base_url=url(server), http_client=http) as client:
        client.labels.list("contacts", "companies")

    async def main() -> None:
        ahttp = httpx.AsyncClient(headers={"User-Agent": "my-app/2.0"})
        async with AsyncClient(
            TOKEN, version=LATEST, base_url=url(server), http_client=ahttp
        ) as aclient:
            await aclient.labels.list("contacts", "companies")
        await ahttp.aclose()

    asyncio.run(main())
    http.close()
    assert [seen["User-Agent"] for seen in server.seen] == ["my-app/2.0", "my-app/2.0"]


def test_an_http_client_without_its_own_user_agent_gets_the_sdks(server: _Server) -> None:
    http = httpx.Client()
    with Client(TOKEN, version=LATEST, base_url=url(server), http_client=http) as client:
        client.labels.list("contacts", "companies")
    http.close()
    assert server.seen[0]["User-Agent"] == expected_user_agent()


PROXY_502 = (
    502,
    {"Content-Type": "text/html", "X-HubSpot-Correlation-Id": CORRELATION},
    b"<html><head><title>502 Bad Gateway</title></head>"
    b"<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
)


def check_proxy_error(error: ServerError) -> None:
    assert error.status == 502
    assert error.correlation_id == CORRELATION
    assert CORRELATION in str(error)
    assert TOKEN not in str(error) and TOKEN not in repr(error)


@pytest.mark.no_contract  # an HTML 502 from a proxy is not in HubSpot's spec
def test_proxy_html_502_gives_the_correlation_id_sync(server: _Server) -> None:
    server.answer = PROXY_502
    with (
        Client(TOKEN, version=LATEST, base_url=url(server), max_retries=0) as client,
        pytest.raises(ServerError) as info,
    ):
        client.labels.list("contacts", "companies")
    check_proxy_error(info.value)


@pytest.mark.no_contract
def test_proxy_html_502_gives_the_correlation_id_async(server: _Server) -> None:
    server.answer = PROXY_502

    async def main() -> None:
        async with AsyncClient(TOKEN, version=LATEST, base_url=url(server), max_retries=0) as c:
            await c.labels.list("contacts", "companies")

    with pytest.raises(ServerError) as info:
        asyncio.run(main())
    check_proxy_error(info.value)


LOGGED_CALL = f"""
import hubspot_associations as h
with h.Client({TOKEN!r}, version={LATEST!r}, base_url=BASE, max_retries=0) as c:
    c.labels.list("contacts", "companies")
"""


def run_logged(server: _Server, level: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "HUBSPOT_ASSOCIATIONS_LOG"}
    if level is not None:
        env["HUBSPOT_ASSOCIATIONS_LOG"] = level
    code = f"BASE = {url(server)!r}\n" + LOGGED_CALL
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("level", ["debug", "DEBUG"])
def test_log_switch_debug_writes_request_lines_to_stderr(server: _Server, level: str) -> None:
    done = run_logged(server, level)
    assert done.returncode == 0, done.stderr
    assert "GET " in done.stderr and "/labels" in done.stderr and "-> 200" in done.stderr
    assert "hubspot_associations DEBUG" in done.stderr
    assert TOKEN not in done.stderr and TOKEN not in done.stdout
    assert done.stdout == ""


def test_log_switch_info_shows_retries_not_requests(server: _Server) -> None:
    server.answer = (503, {"Retry-After": "0"}, b"")
    env_code = (
        f"BASE = {url(server)!r}\n"
        "import hubspot_associations as h\n"
        f"c = h.Client({TOKEN!r}, version={LATEST!r}, base_url=BASE, max_retries=1)\n"
        "try:\n"
        "    c.labels.list('contacts', 'companies')\n"
        "except h.ServerError:\n"
        "    pass\n"
    )
    env = {**os.environ, "HUBSPOT_ASSOCIATIONS_LOG": "info"}
    done = subprocess.run(
        [sys.executable, "-c", env_code], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "retrying" in done.stderr
    assert "-> 503" not in done.stderr  # request lines are debug
    assert TOKEN not in done.stderr


def test_no_log_switch_no_output(server: _Server) -> None:
    done = run_logged(server, None)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_log_switch_with_an_unknown_level_warns(server: _Server) -> None:
    done = run_logged(server, "loud")
    assert done.returncode == 0, done.stderr
    assert "HUBSPOT_ASSOCIATIONS_LOG='loud' ignored" in done.stderr
    assert "-> 200" not in done.stderr
