"""Property: against a hostile server on 127.0.0.1 (random status, headers, body shapes, cut
bodies, dropped connections, garbage, trickling answers), every call either returns a result
consistent with what the server said or raises a ``HubSpotError``: never a bare Python
error, never a hang, never success on a non-answer."""

from __future__ import annotations

import asyncio
import gzip
import json
import socket
import socketserver
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from hubspot_associations import (
    AsyncClient,
    BatchResult,
    Client,
    HubSpotError,
)
from hubspot_associations.versions import ApiVersion, supported_versions
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.no_contract

STATUSES = [200, 201, 204, 207, 301, 302, 303, 307, 400, 401, 403, 404, 409, 429, 500, 502, 503]
KEYS = [
    "results", "status", "paging", "next", "after", "errors", "toObjectId", "associationTypes",
    "category", "typeId", "label", "from", "to", "id", "fromObjectId", "labels", "userId",
    "userEmail", "message", "correlationId", "policyName", "context", "associationSpec",
]  # fmt: skip


@dataclass
class Plan:
    """What the stub answers to every request of one example."""

    mode: str = "answer"  # answer | cut | close | garbage | trickle
    status: int = 200
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""


class Stub(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    plan = Plan()
    requests = 0


class Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.settimeout(5)
        data = b""
        try:
            while b"\r\n\r\n" not in data:
                chunk = sock.recv(65536)
                if not chunk:
                    return
                data += chunk
            head, _, rest = data.partition(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            while len(rest) < length:
                chunk = sock.recv(65536)
                if not chunk:
                    return
                rest += chunk
            server: Stub = self.server  # type: ignore[assignment]
            server.requests += 1
            self.answer(sock, server.plan)
        except OSError:
            return

    @staticmethod
    def answer(sock: socket.socket, plan: Plan) -> None:
        if plan.mode == "close":
            return
        if plan.mode == "garbage":
            sock.sendall(plan.body or b"\x00\xffnot http at all\r\n\r\n")
            return
        lines = [f"HTTP/1.1 {plan.status} X".encode()]
        lines += [f"{k}: {v}".encode("latin-1") for k, v in plan.headers]
        declared = len(plan.body) + (100 if plan.mode == "cut" else 0)
        lines += [f"Content-Length: {declared}".encode(), b"Connection: close"]
        sock.sendall(b"\r\n".join(lines) + b"\r\n\r\n")
        if plan.mode == "trickle":
            for byte in plan.body[:40]:
                time.sleep(0.05)
                sock.sendall(bytes([byte]))
            time.sleep(3)
            return
        sock.sendall(plan.body)


@pytest.fixture(scope="module")
def stub() -> Iterator[Stub]:
    server = Stub(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.text(max_size=8)
    | st.sampled_from(["COMPLETE", "1", "USER_DEFINED", "a", "DAILY"]),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(KEYS), inner, max_size=5),
    max_leaves=20,
)  # fmt: skip


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    mode = draw(st.sampled_from(["answer"] * 12 + ["cut", "close", "garbage", "trickle"]))
    status = draw(st.sampled_from(STATUSES) | st.integers(100, 599).filter(lambda s: s != 101))
    kind = draw(st.sampled_from(["json", "json", "json", "bytes", "empty", "gzip", "bad gzip"]))
    headers: list[tuple[str, str]] = []
    if kind in ("json", "gzip"):
        body = json.dumps(draw(json_values)).encode()
        headers.append(("Content-Type", "application/json"))
        if kind == "gzip":
            body = gzip.compress(body)
            headers.append(("Content-Encoding", "gzip"))
    elif kind == "bad gzip":
        body = b"\x1f\x8b garbage"
        headers.append(("Content-Encoding", "gzip"))
    elif kind == "bytes":
        body = draw(st.binary(max_size=60))
    else:
        body = b""
    extra = st.sampled_from(
        [
            ("Retry-After", "1"), ("Retry-After", "nan"), ("Retry-After", "1e308"),
            ("Retry-After", "-5"), ("X-HubSpot-RateLimit-Interval-Milliseconds", "x"),
            ("X-HubSpot-RateLimit-Daily-Remaining", "0"), ("Location", "http://evil.test/"),
            ("X-HubSpot-Correlation-Id", "c" * 300), ("Content-Type", "text/html"),
        ]
    )  # fmt: skip
    headers += draw(st.lists(extra, max_size=3))
    return Plan(mode, status, headers, body)


PAIRS = [(1, 10), (2, 20)]
TYPED = [(1, 10, [("HUBSPOT_DEFINED", 1)])]


OPERATIONS = {
    "labels.list": "labels_list", "records.list": "list", "associate": "create_default",
    "remove": "archive", "batch.associate_default": "batch_associate_default",
    "batch.create": "batch_create", "batch.read": "batch_read", "batch.archive": "batch_archive",
    "reports.high_usage": "high_usage_report",
}  # fmt: skip


def declared(version: str) -> dict[str, set[int]]:
    """Each call's success statuses in this version's spec (facts table)."""
    api = ApiVersion(version)
    found: dict[str, set[int]] = {}
    for name, operation in OPERATIONS.items():
        if not api.has(operation) and operation == "list":
            operation = "batch_read"  # records.list through batch read (no GET list)
        found[name] = set(api.facts(operation).success) if api.has(operation) else set()
    return found


CALLS: dict[str, Callable[[Client], Any]] = {
    "labels.list": lambda c: c.labels.list("contacts", "companies"),
    "records.list": lambda c: list(c.records.list("contacts", 1, "companies")),
    "associate": lambda c: c.records.associate("contacts", 1, "companies", 2),
    "remove": lambda c: c.records.remove("contacts", 1, "companies", 2),
    "batch.associate_default": lambda c: c.batch.associate_default("contacts", "companies", PAIRS),
    "batch.create": lambda c: c.batch.create("contacts", "companies", TYPED),
    "batch.read": lambda c: c.batch.read("contacts", "companies", [1, 2]),
    "batch.archive": lambda c: c.batch.archive("contacts", "companies", PAIRS),
    "reports.high_usage": lambda c: c.reports.high_usage(7),
}


def is_answer(plan: Plan) -> bool:
    """A complete 2xx answer (a 204 has no body, so a "cut" or "trickled" body does not
    cut or slow it: HTTP reads no body after a 204)."""
    complete = plan.mode == "answer" or (plan.mode in ("cut", "trickle") and plan.status == 204)
    return complete and 200 <= plan.status < 300


def check_consistent(name: str, version: str, plan: Plan, outcome: Any) -> None:
    """What the call gave back is what the server's answer allows."""
    believable = is_answer(plan) and plan.status in declared(version)[name]
    if isinstance(outcome, HubSpotError):
        if plan.mode == "answer" and outcome.status is not None and plan.status >= 300:
            assert outcome.status == plan.status
        return
    if isinstance(outcome, BatchResult):
        for failure in outcome.errors:
            assert failure.error is None or isinstance(failure.error, HubSpotError)
        if outcome.succeeded:
            assert believable, (plan, outcome)
        return
    if name == "batch.read":
        records, errors = outcome
        assert all(isinstance(e.error, (HubSpotError, type(None))) for e in errors)
        if records:
            assert believable, (plan, records)
        assert len(records) + sum(len(e.inputs) for e in errors) == 2
        return
    assert believable, (plan, outcome)  # a single call returned: the answer was one


def run(client: Client, name: str) -> Any:
    try:
        result = CALLS[name](client)
        if name == "batch.read":
            return list(result), list(result.errors)
        return result
    except HubSpotError as exc:
        return exc


@pytest.mark.parametrize("version", supported_versions())
@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(plan=plans(), name=st.sampled_from(list(CALLS)))
@pytest.mark.slow
def test_hostile_answers_give_a_consistent_result_or_a_hubspot_error(
    stub: Stub, version: str, plan: Plan, name: str
) -> None:
    stub.plan = plan
    client = Client(
        "tok", version=version, base_url=f"http://127.0.0.1:{stub.server_address[1]}",
        max_retries=1, timeout=2, call_timeout=1.5, max_answer_bytes=4096,
    )  # fmt: skip
    client._sleep = lambda seconds: None
    with client:
        outcome = run(client, name)  # any other exception fails the test
    check_consistent(name, version, plan, outcome)


ASYNC_CALLS: dict[str, Callable[[AsyncClient], Any]] = {
    "labels.list": lambda c: c.labels.list("contacts", "companies"),
    "associate": lambda c: c.records.associate("contacts", 1, "companies", 2),
    "batch.associate_default": lambda c: c.batch.associate_default("contacts", "companies", PAIRS),
    "batch.create": lambda c: c.batch.create("contacts", "companies", TYPED),
}


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(plan=plans(), name=st.sampled_from(list(ASYNC_CALLS)))
@pytest.mark.slow
def test_async_hostile_answers_give_a_consistent_result_or_a_hubspot_error(
    stub: Stub, plan: Plan, name: str
) -> None:
    stub.plan = plan

    async def main() -> Any:
        client = AsyncClient(
            "tok", version="2026-03", base_url=f"http://127.0.0.1:{stub.server_address[1]}",
            max_retries=1, timeout=2, call_timeout=1.5, max_answer_bytes=4096,
        )  # fmt: skip

        async def no_sleep(seconds: float) -> None:
            return None

        client._sleep = no_sleep
        async with client:
            try:
                return await ASYNC_CALLS[name](client)
            except HubSpotError as exc:
                return exc

    outcome = asyncio.run(main())
    check_consistent(name, "2026-03", plan, outcome)
