"""The bulk-job invariant, as a property: whatever the cells of the input and whatever
HubSpot answers (lost answers, empty or foreign results, 207s without context, garbage,
hostile rate-limit headers, a 401 or a DAILY 429 that stops the job), every input row ends
exactly once: succeeded (in the results file) or failed (in the failures file, with its
outcome), and the counts add up. A job stopped by a fatal answer is resumed, then checked.

The answers come from the emulator (so they change its state as HubSpot would) through an
``httpx.MockTransport`` that, per request, forwards and then mangles the answer, or answers
itself without forwarding. Which answer a request gets depends on its body and attempt, not
on thread timing, so an example replays the same way.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from hubspot_associations import Client
from hubspot_associations.jobs import KINDS, JobOptions, JobReport, run_job
from hubspot_associations.testing import Emulator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.no_contract  # the answers are off-spec on purpose

BAD_IDS = ["", " ", "007", "9" * 20, "9223372036854775808", "١٢", "-1", "+1", "1.0", "abc",
           "1 2", "x" * 60, "0x1f"]  # fmt: skip
BAD_CATEGORIES = ["", "nope", "HUBSPOT", "USER DEFINED"]
BAD_TYPE_IDS = ["", "0", "-1", "2147483648", "9" * 30, "x", "1.5"]
HOSTILE_WAITS = ["inf", "1e308", "-5", "soon", "99999999999999999999", "nan", ""]

ANSWERS = ["ok", "ok", "ok", "lost", "empty", "foreign", "no-context-207", "500", "429",
           "garbage", "wrong-shape", "huge-ids", "401", "daily"]  # fmt: skip


def _cell(valid: str, bad: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.just(valid), st.just(valid), st.just(valid), st.sampled_from(bad))


@st.composite
def inputs(draw: st.DrawFn, command: str) -> list[list[str]]:
    """Data rows (without the header), each with a unique from id when valid."""
    n = draw(st.integers(1, 14))
    rows: list[list[str]] = []
    for i in range(n):
        from_id = draw(_cell(str(1000 + i), BAD_IDS))
        if command == "read":
            row = [from_id]
        else:
            row = [from_id, draw(_cell(str(500 + i % 3), BAD_IDS))]
            if command in ("create", "archive-labels"):
                row += [draw(_cell("HUBSPOT_DEFINED", BAD_CATEGORIES)),
                        draw(_cell("1", BAD_TYPE_IDS))]  # fmt: skip
        if draw(st.integers(0, 9)) == 0:
            row = [*row, "extra"] if draw(st.booleans()) else row[:-1]  # wrong field count
        if len(row) < 2 and not "".join(row).strip():
            row = ["blank"]  # a line with no text is no row (skipped, as blank lines are)
        rows.append(row)
    return rows


def _offset_ids(value: Any) -> Any:
    """Every id in an answer moved to a record nobody asked about."""
    if isinstance(value, dict):
        return {
            k: (str(int(v) + 10**12) if k.lower() in ("id", "fromobjectid", "toobjectid")
                and isinstance(v, str) and v.isdigit() else _offset_ids(v))
            for k, v in value.items()
        }  # fmt: skip
    if isinstance(value, list):
        return [_offset_ids(v) for v in value]
    return value


class Mangler:
    """The transport: per request, one answer drawn from ``script``."""

    def __init__(self, hub: Emulator, script: list[str], waits: list[str]) -> None:
        self.hub, self.script, self.waits = hub, script, waits
        self.attempts: Counter[int] = Counter()
        self.forward = httpx.Client(base_url=hub.url)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        key = zlib.crc32(body + request.url.path.encode())
        attempt = self.attempts[key]
        self.attempts[key] += 1
        answer = self.script[(key + attempt) % len(self.script)]
        wait = self.waits[(key + attempt) % len(self.waits)]
        if answer in ("500", "429", "401", "daily"):  # answered here: nothing applied
            status = {"500": 500, "429": 429, "401": 401, "daily": 429}[answer]
            policy = "DAILY" if answer == "daily" else "TEN_SECONDLY_ROLLING"
            headers = {"Retry-After": wait, "X-HubSpot-RateLimit-Interval-Milliseconds": wait}
            return httpx.Response(status, headers=headers, json={
                "status": "error", "message": "no", "category": "RATE_LIMITS"
                if status == 429 else "ERROR", "policyName": policy})  # fmt: skip
        real = self.forward.request(request.method, request.url.raw_path.decode(),
                                    content=body, headers=dict(request.headers))  # fmt: skip
        if answer == "lost":
            raise httpx.RemoteProtocolError("connection closed after the request was applied")
        if answer == "garbage":
            return httpx.Response(200, content=b'{"results": [{"from": ')
        if answer == "wrong-shape":
            return httpx.Response(200, json={"results": "none"})
        try:
            data = real.json()
        except ValueError:
            return httpx.Response(real.status_code, content=real.content)
        if isinstance(data, dict):
            if answer == "empty":
                data["results"] = []
            elif answer == "foreign":
                data = _offset_ids(data)
            elif answer == "huge-ids":
                data = json.loads(json.dumps(_offset_ids(data)).replace('"10000000', '"-1000'))
            elif answer == "no-context-207":
                data["results"] = []
                data["errors"] = [{"status": "error", "category": "VALIDATION_ERROR",
                                   "message": "something failed", "context": {}}]  # fmt: skip
                return httpx.Response(207, json=data)
        return httpx.Response(real.status_code, json=data)


def _factory(transport: httpx.MockTransport | None, hub: Emulator) -> Callable[[], Client]:
    def make() -> Client:
        http = httpx.Client(transport=transport) if transport is not None else None
        client = Client("test-token", base_url=hub.url, http_client=http, max_retries=1)
        client._sleep = lambda seconds: None  # hostile waits must not stall the test
        return client

    return make


def _run(command: str, source: Path, folder: Path, factory: Callable[[], Client],
         chunk: int, concurrency: int) -> JobReport:  # fmt: skip
    options = JobOptions(
        kind=KINDS[command], from_type="contacts", to_type="companies", input=str(source),
        output=str(folder / "out.csv"), failures=str(folder / "failures.csv"),
        journal=str(folder / "journal"), chunk_size=chunk, concurrency=concurrency,
    )  # fmt: skip
    return run_job(options, factory)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.data(),
    command=st.sampled_from(sorted(KINDS)),
    script=st.lists(st.sampled_from(ANSWERS), min_size=1, max_size=6),
    waits=st.lists(st.sampled_from(HOSTILE_WAITS), min_size=1, max_size=3),
    chunk=st.integers(1, 4),
    concurrency=st.integers(1, 3),
)
def test_every_row_ends_exactly_once(
    hubspot_emulator_session: Emulator,
    data: st.DataObject,
    command: str,
    script: list[str],
    waits: list[str],
    chunk: int,
    concurrency: int,
) -> None:
    hub = hubspot_emulator_session
    hub.reset()
    rows = data.draw(inputs(command))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "in.csv"
        with source.open("w", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(KINDS[command].columns)
            writer.writerows(rows)
        mangler = Mangler(hub, script, waits)
        report = _run(command, source, folder, _factory(httpx.MockTransport(mangler), hub),
                      chunk, concurrency)  # fmt: skip
        if report.fatal is not None:  # a 401 or a DAILY 429: resume once the cause is gone
            report = _run(command, source, folder, _factory(None, hub), chunk, concurrency)
        assert report.fatal is None
        mangler.forward.close()

        failures = list(csv.DictReader(io.StringIO((folder / "failures.csv").read_text())))
        failed = Counter(int(f["line"]) for f in failures)
        lines = set(range(2, len(rows) + 2))
        assert all(n == 1 for n in failed.values()), "a row failed twice"
        assert set(failed) <= lines
        assert {f["outcome"] for f in failures} <= {"failed", "unknown"}
        assert report.rows == len(rows)
        assert report.succeeded + report.failed == len(rows)
        assert report.failed == len(failures)
        assert report.exit_code == (1 if failures else 0)
        if command != "read":  # a read may succeed with no association: no line to see
            results = list(csv.DictReader(io.StringIO((folder / "out.csv").read_text())))
            succeeded = {int(r["from_id"]) - 1000 + 2 for r in results}
            assert succeeded.isdisjoint(failed), "a row both succeeded and failed"
            assert succeeded | set(failed) == lines, "a row is in neither file"
            assert len(succeeded) == report.succeeded
