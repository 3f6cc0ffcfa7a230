"""Bulk associations through hubspot-associations and HubSpot's own two Python SDKs.

Run it as scripts/benchmark (which sets up .venv-bench with the peers). The emulator runs in a
separate process on 127.0.0.1 (the same `Emulator` the `hubspot-associations emulator` command
serves, driven over a pipe so the benchmark can read its request counter and set faults), so
each SDK's CPU time is the client's own. Every SDK does the same job:

1. create N default contact->company associations (contact i -> company i // 1200, fresh ids
   every run), chunked at 2,000 per request;
2. read them back with batch read from both sides: every contact (one company each, 1,000 ids
   per request) and every company (1,200 contacts each, so each company needs three pages of
   its own cursor).

For the peers, the chunking and per-id paging loops are the ones a user has to write; ours
does both itself. Prints the median of --repeat runs and ratios of ours against each SDK on the
same API version. Then a fault scenario (ten-secondly 429s and a 502, SDK defaults, no retry
code written by the user): how much of the job each SDK completes.
Measures and prints only: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from rich.console import Console
from rich.table import Table

TOKEN = "benchmark"
READ_CAP, WRITE_CAP = 1000, 2000
PER_COMPANY = 1200  # > 2 pages of 500: every company id pages through its own cursor


@dataclass
class Work:
    """One run's data: fresh ids, so runs never see each other's associations."""

    pairs: list[tuple[str, str]]
    contacts: list[str]
    companies: list[str]

    @classmethod
    def make(cls, run: int, n: int) -> Work:
        contact0, company0 = 10_000_000 * (run + 1), 900_000 + 1_000 * run
        pairs = [(str(contact0 + i), str(company0 + i // PER_COMPANY)) for i in range(n)]
        return cls(pairs, [a for a, _ in pairs], sorted({b for _, b in pairs}, key=int))


@dataclass
class Tally:
    """What a job reports as it goes (kept when a job stops on an exception)."""

    created: int = 0
    read: int = 0
    laps: list[tuple[float, float]] = field(default_factory=list)

    def lap(self) -> None:
        self.laps.append((time.perf_counter(), time.process_time()))


Job = Callable[[str, Work, Tally], None]


# ------------------------------------------------------------------------------ our SDK


def ours_sync(version: str) -> Job:
    def job(url: str, work: Work, tally: Tally) -> None:
        from hubspot_associations import Client

        with Client(access_token=TOKEN, base_url=url, version=version) as client:
            created = client.batch.associate_default("contacts", "companies", work.pairs)
            tally.created = len(created.succeeded)
            created.raise_for_errors()
            tally.lap()
            for from_type, to_type, ids in (
                ("contacts", "companies", work.contacts),
                ("companies", "contacts", work.companies),
            ):
                records = client.batch.read(from_type, to_type, ids)
                for record in records:
                    tally.read += len(record.associations)
                records.raise_for_errors()

    return job


def ours_async(version: str) -> Job:
    def job(url: str, work: Work, tally: Tally) -> None:
        from hubspot_associations import AsyncClient

        async def main() -> None:
            async with AsyncClient(access_token=TOKEN, base_url=url, version=version) as client:
                created = await client.batch.associate_default("contacts", "companies", work.pairs)
                tally.created = len(created.succeeded)
                created.raise_for_errors()
                tally.lap()
                for from_type, to_type, ids in (
                    ("contacts", "companies", work.contacts),
                    ("companies", "contacts", work.companies),
                ):
                    records = client.batch.read(from_type, to_type, ids)
                    async for record in records:
                        tally.read += len(record.associations)
                    records.raise_for_errors()

        asyncio.run(main())

    return job


# ----------------------------------------------------- hubspot-api-client (v4, urllib3)


def hubspot_api_client(url: str, work: Work, tally: Tally) -> None:
    import hubspot
    from hubspot.crm.associations.v4 import (
        BatchInputPublicDefaultAssociationMultiPost,
        BatchInputPublicFetchAssociationsBatchRequest,
        PublicDefaultAssociationMultiPost,
        PublicFetchAssociationsBatchRequest,
        PublicObjectId,
    )

    # `host` is the base URL; the token goes out as `Authorization: Bearer`.
    api = hubspot.Client.create(access_token=TOKEN, host=url).crm.associations.v4.batch_api
    for start in range(0, len(work.pairs), WRITE_CAP):  # the user chunks
        inputs = [
            PublicDefaultAssociationMultiPost(_from=PublicObjectId(id=a), to=PublicObjectId(id=b))
            for a, b in work.pairs[start : start + WRITE_CAP]
        ]
        answer = api.create_default(
            "contacts", "companies", BatchInputPublicDefaultAssociationMultiPost(inputs=inputs)
        )
        tally.created += len(answer.results)
    tally.lap()
    for from_type, to_type, ids in (
        ("contacts", "companies", work.contacts),
        ("companies", "contacts", work.companies),
    ):
        pending: list[tuple[str, str | None]] = [(i, None) for i in ids]
        while pending:  # the user follows each id's cursor
            chunk, pending = pending[:READ_CAP], pending[READ_CAP:]
            body = BatchInputPublicFetchAssociationsBatchRequest(
                inputs=[
                    PublicFetchAssociationsBatchRequest(id=i, after=after) for i, after in chunk
                ]
            )
            answer = api.get_page(from_type, to_type, body)
            for result in answer.results:
                tally.read += len(result.to)
                if result.paging and result.paging.next:
                    pending.append((result._from.id, result.paging.next.after))


# --------------------------------------------------------- hubspot-sdk (2026-03, httpx)


def hubspot_sdk(url: str, work: Work, tally: Tally) -> None:
    from hubspot_sdk import HubSpot

    # base_url (or $HUBSPOT_BASE_URL); the token goes out as `Authorization: Bearer`.
    with HubSpot(access_token=TOKEN, base_url=url) as client:
        batch = client.crm.associations.batch
        for start in range(0, len(work.pairs), WRITE_CAP):  # the user chunks
            inputs = [
                {"from": {"id": a}, "to": {"id": b}}
                for a, b in work.pairs[start : start + WRITE_CAP]
            ]
            answer = batch.create_default("companies", from_object_type="contacts", inputs=inputs)
            tally.created += len(answer.results)
        tally.lap()
        for from_type, to_type, ids in (
            ("contacts", "companies", work.contacts),
            ("companies", "contacts", work.companies),
        ):
            pending: list[tuple[str, str | None]] = [(i, None) for i in ids]
            while pending:  # the user follows each id's cursor
                chunk, pending = pending[:READ_CAP], pending[READ_CAP:]
                page = batch.get(
                    to_type,
                    from_object_type=from_type,
                    inputs=[{"id": i, **({"after": a} if a else {})} for i, a in chunk],
                )
                for result in page.results:
                    tally.read += len(result.to)
                    if result.paging and result.paging.next:
                        pending.append((result.from_.id, result.paging.next.after))


# ------------------------------------------------- the emulator, in a process of its own


def serve(conn: Connection) -> None:
    """Child process: run the emulator and answer commands from the benchmark over a pipe."""
    from hubspot_associations.testing import Emulator

    with Emulator(record_bodies=False, log_limit=None) as hub:
        conn.send(hub.url)
        while True:
            command, *args = conn.recv()
            if command == "stop":
                break
            if command == "clear":
                hub.clear_log()
                hub.faults.clear()
                hub.faults.limits.reset_counters()
                conn.send(None)
            elif command == "faults":
                per_second, failed_op = args
                hub.faults.rate_limit(per_second, interval=1.0, retry_after=1)
                hub.faults.fail_next(1, status=502, match=failed_op)
                # and a 429 on the first read of the companies' side (every SDK meets one)
                hub.faults.fail_next(
                    1, status=429, match="companies/contacts/batch/read", retry_after=1
                )
                conn.send(None)
            elif command == "stats":
                stats = hub.stats()
                conn.send((stats.requests, dict(stats.by_status)))
            elif command == "stored":  # associations held for these contacts
                contacts = set(args[0])
                pairs = hub.associations("contacts", "companies")
                conn.send(sum(1 for a, _ in pairs if a in contacts))


class Hub:
    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._proc = context.Process(target=serve, args=(child,), daemon=True)
        self._proc.start()
        self.url: str = self._conn.recv()

    def call(self, *command: Any) -> Any:
        self._conn.send(command)
        return self._conn.recv()

    def close(self) -> None:
        self._conn.send(("stop",))
        self._proc.join(timeout=10)
        if self._proc.is_alive():
            self._proc.kill()


# ------------------------------------------------------------------------------ harness


@dataclass
class Run:
    wall: float
    cpu: float
    create_wall: float
    read_wall: float
    requests: int
    statuses: dict[int, int]
    created: int
    read: int
    stored: int
    error: str | None = None


def measure(hub: Hub, job: Job, work: Work, faults: tuple[int, str] | None = None) -> Run:
    hub.call("clear")
    if faults is not None:
        hub.call("faults", *faults)
    tally, error = Tally(), None
    tally.lap()
    try:
        job(hub.url, work, tally)
    except Exception as exc:  # the fault scenario: where an SDK gives up
        status = getattr(exc, "status", None) or getattr(exc, "status_code", None)
        error = f"{type(exc).__name__}" + (f" {status}" if status else "")
    tally.lap()
    (w0, c0), (w1, _), (w2, c2) = tally.laps[0], tally.laps[-2], tally.laps[-1]
    requests, statuses = hub.call("stats")
    stored = hub.call("stored", work.contacts)
    return Run(
        w2 - w0, c2 - c0, w1 - w0, w2 - w1, requests, statuses,
        tally.created, tally.read, stored, error,
    )  # fmt: skip


SDKS: list[tuple[str, str, Job]] = [
    ("hubspot-associations Client", "2026-03", ours_sync("2026-03")),
    ("hubspot-associations AsyncClient", "2026-03", ours_async("2026-03")),
    ("hubspot-sdk 0.1.0a9", "2026-03", hubspot_sdk),
    ("hubspot-associations Client", "v4", ours_sync("v4")),
    ("hubspot-associations AsyncClient", "v4", ours_async("v4")),
    ("hubspot-api-client 12.0.0", "v4", hubspot_api_client),
]


def speed_table(n: int, repeat: int, results: dict[tuple[str, str], list[Run]]) -> Table:
    table = Table(
        title=f"{n:,} default associations created, then batch-read back from both sides "
        f"({2 * n:,} read); median of {repeat} runs",
    )
    columns = ["SDK", "API", "wall s", "create s", "read s", "client CPU s", "requests",
               "created", "read", "ours/this wall", "ours/this CPU"]  # fmt: skip
    for column in columns:
        table.add_column(column, justify="left" if column in ("SDK", "API") else "right")
    for (name, version), runs in results.items():
        ours = results[("hubspot-associations Client", version)]
        wall, cpu = (statistics.median(getattr(r, a) for r in runs) for a in ("wall", "cpu"))
        our_wall, our_cpu = (
            statistics.median(getattr(r, a) for r in ours) for a in ("wall", "cpu")
        )
        last = runs[-1]
        table.add_row(
            name,
            version,
            f"{wall:.2f}",
            f"{statistics.median(r.create_wall for r in runs):.2f}",
            f"{statistics.median(r.read_wall for r in runs):.2f}",
            f"{cpu:.2f}",
            str(last.requests),
            f"{last.created:,}" + ("" if last.stored == last.created else f" ({last.stored:,})"),
            f"{last.read:,}",
            f"{our_wall / wall:.2f}",
            f"{our_cpu / cpu:.2f}",
        )
    return table


def fault_table(n: int, per_second: int, results: dict[tuple[str, str], Run]) -> Table:
    table = Table(
        title=f"Faults: 429 TEN_SECONDLY_ROLLING (Retry-After: 1) beyond {per_second} requests/s "
        "and on the first read of the companies, a 502 on the first batch read; each SDK with "
        "its defaults, no retry code of the user's; created = associations the emulator holds",
    )
    columns = ["SDK", "API", f"created of {n:,}", f"read of {2 * n:,}", "429s", "5xx",
               "requests", "wall s", "stopped by"]  # fmt: skip
    for column in columns:
        table.add_column(
            column, justify="left" if column in ("SDK", "API", "stopped by") else "right"
        )
    for (name, version), run in results.items():
        table.add_row(
            name,
            version,
            f"{run.stored:,}",
            f"{run.read:,}",
            str(run.statuses.get(429, 0)),
            str(sum(c for s, c in run.statuses.items() if s >= 500)),
            str(run.requests),
            f"{run.wall:.1f}",
            run.error or "- (complete)",
        )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark against HubSpot's Python SDKs.")
    parser.add_argument("--n", type=int, default=20_000, help="associations per run")
    parser.add_argument("--repeat", type=int, default=3, help="runs per SDK (median shown)")
    parser.add_argument("--fault-n", type=int, default=10_000, help="associations, fault run")
    parser.add_argument("--per-second", type=int, default=4, help="rate limit, fault run")
    parser.add_argument("--no-faults", action="store_true", help="skip the fault scenario")
    args = parser.parse_args()

    console = Console(width=160)
    hub = Hub()
    run = 0
    speed: dict[tuple[str, str], list[Run]] = {}
    faults: dict[tuple[str, str], Run] = {}
    try:
        for _, _, job in SDKS:  # warm-up: imports and first connections
            measure(hub, job, Work.make(run := run + 1, 2 * PER_COMPANY))
        for _ in range(args.repeat):  # interleaved, so drift hits every SDK alike
            for name, version, job in SDKS:
                result = measure(hub, job, Work.make(run := run + 1, args.n))
                speed.setdefault((name, version), []).append(result)
                if result.error:
                    console.print(f"[red]{name} ({version}) failed: {result.error}")
        console.print(speed_table(args.n, args.repeat, speed))
        console.print(
            "ours/this: hubspot-associations Client's figure divided by this row's, same API "
            "version (below 1.00: ours takes less). Requests as counted by the emulator. "
            f"{sys.implementation.name} {platform.python_version()}, {os.cpu_count()} cores, "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}."
        )
        if not args.no_faults:
            for name, version, job in SDKS:
                work = Work.make(run := run + 1, args.fault_n)
                faults[(name, version)] = measure(
                    hub, job, work, faults=(args.per_second, "batch_read")
                )
            console.print(fault_table(args.fault_n, args.per_second, faults))
    finally:
        hub.close()


if __name__ == "__main__":
    main()
