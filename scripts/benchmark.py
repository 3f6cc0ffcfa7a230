"""Bulk associations through hubspot-associations and HubSpot's own two Python SDKs.

Run it as scripts/benchmark (which sets up .venv-bench with the peers). The emulator runs as
a separate process on 127.0.0.1, so each SDK's CPU time is the client's own. Every SDK does
the same job: create N default contact->company associations, then batch-read them back,
following per-id paging. For the peers, the chunking and paging loops are the ones a user has
to write; ours does both itself. Prints the median of --repeat runs and ratios against ours.
Measures and prints only: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

TOKEN = "benchmark"
READ_CAP, WRITE_CAP = 1000, 2000


@dataclass
class Run:
    wall: float
    cpu: float
    requests: int
    created: int
    read: int


Job = Callable[[str, list[tuple[str, str]]], tuple[int, int, int]]


def pairs_for(run: int, n: int) -> list[tuple[str, str]]:
    """Fresh contacts per run (so runs never overlap); 1,000 companies shared."""
    base = 10_000_000 * (run + 1)
    return [(str(base + i), str(900_000 + i % 1000)) for i in range(n)]


# ------------------------------------------------------------------------------ our SDK


def ours_sync(version: str) -> Job:
    def job(url: str, pairs: list[tuple[str, str]]) -> tuple[int, int, int]:
        from hubspot_associations import Client

        with Client(access_token=TOKEN, base_url=url, version=version) as client:
            created = client.batch.associate_default("contacts", "companies", pairs)
            read = sum(
                len(r.associations)
                for r in client.batch.read("contacts", "companies", [a for a, _ in pairs])
            )
            return len(created.succeeded), read, client.stats.requests

    return job


def ours_async(version: str) -> Job:
    def job(url: str, pairs: list[tuple[str, str]]) -> tuple[int, int, int]:
        from hubspot_associations import AsyncClient

        async def main() -> tuple[int, int, int]:
            async with AsyncClient(access_token=TOKEN, base_url=url, version=version) as client:
                created = await client.batch.associate_default("contacts", "companies", pairs)
                read = 0
                async for r in client.batch.read("contacts", "companies", [a for a, _ in pairs]):
                    read += len(r.associations)
                return len(created.succeeded), read, client.stats.requests

        return asyncio.run(main())

    return job


# ----------------------------------------------------- hubspot-api-client (v4, urllib3)


def hubspot_api_client(url: str, pairs: list[tuple[str, str]]) -> tuple[int, int, int]:
    import hubspot
    from hubspot.crm.associations.v4 import (
        BatchInputPublicDefaultAssociationMultiPost,
        BatchInputPublicFetchAssociationsBatchRequest,
        PublicDefaultAssociationMultiPost,
        PublicFetchAssociationsBatchRequest,
        PublicObjectId,
    )

    api = hubspot.Client.create(access_token=TOKEN, host=url).crm.associations.v4.batch_api
    created = requests = 0
    for start in range(0, len(pairs), WRITE_CAP):  # the user chunks
        inputs = [
            PublicDefaultAssociationMultiPost(_from=PublicObjectId(id=a), to=PublicObjectId(id=b))
            for a, b in pairs[start : start + WRITE_CAP]
        ]
        answer = api.create_default(
            "contacts", "companies", BatchInputPublicDefaultAssociationMultiPost(inputs=inputs)
        )
        requests += 1
        created += len(answer.results)
    read = 0
    pending = [(a, None) for a, _ in pairs]
    while pending:  # the user follows each id's cursor
        chunk, pending = pending[:READ_CAP], pending[READ_CAP:]
        body = BatchInputPublicFetchAssociationsBatchRequest(
            inputs=[PublicFetchAssociationsBatchRequest(id=i, after=after) for i, after in chunk]
        )
        answer = api.get_page("contacts", "companies", body)
        requests += 1
        for result in answer.results:
            read += len(result.to)
            if result.paging and result.paging.next:
                pending.append((result._from.id, result.paging.next.after))
    return created, read, requests


# --------------------------------------------------------- hubspot-sdk (2026-03, httpx)


def hubspot_sdk(url: str, pairs: list[tuple[str, str]]) -> tuple[int, int, int]:
    from hubspot_sdk import HubSpot

    client = HubSpot(access_token=TOKEN, base_url=url)
    batch = client.crm.associations.batch
    created = requests = 0
    for start in range(0, len(pairs), WRITE_CAP):
        inputs = [{"from": {"id": a}, "to": {"id": b}} for a, b in pairs[start : start + WRITE_CAP]]
        answer = batch.create_default("companies", from_object_type="contacts", inputs=inputs)
        requests += 1
        created += len(answer.results)
    read = 0
    pending: list[tuple[str, str | None]] = [(a, None) for a, _ in pairs]
    while pending:
        chunk, pending = pending[:READ_CAP], pending[READ_CAP:]
        inputs_read = [{"id": i, **({"after": after} if after else {})} for i, after in chunk]
        page = batch.get("companies", from_object_type="contacts", inputs=inputs_read)
        requests += 1
        for result in page.results:
            read += len(result.to)
            if result.paging and result.paging.next:
                pending.append((result.from_.id, result.paging.next.after))
    client.close()
    return created, read, requests


# ------------------------------------------------------------------------------ harness


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_emulator() -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    cli = Path(sys.executable).parent / "hubspot-associations"
    proc = subprocess.Popen(
        [str(cli), "emulator", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.get(url + "/", timeout=0.2)
            return proc, url
        except httpx.TransportError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("the emulator did not start")


def measure(job: Job, url: str, n: int, run: int) -> Run:
    pairs = pairs_for(run, n)
    wall, cpu = time.perf_counter(), time.process_time()
    created, read, requests = job(url, pairs)
    return Run(time.perf_counter() - wall, time.process_time() - cpu, requests, created, read)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark against HubSpot's Python SDKs.")
    parser.add_argument("--n", type=int, default=20_000, help="associations per run")
    parser.add_argument("--repeat", type=int, default=3, help="runs per SDK (median shown)")
    args = parser.parse_args()

    sdks: list[tuple[str, str, Job]] = [
        ("hubspot-associations Client", "2026-03", ours_sync("2026-03")),
        ("hubspot-associations Client", "v4", ours_sync("v4")),
        ("hubspot-associations AsyncClient", "2026-03", ours_async("2026-03")),
        ("hubspot-sdk 0.1.0a9", "2026-03", hubspot_sdk),
        ("hubspot-api-client 12.0.0", "v4", hubspot_api_client),
    ]
    proc, url = start_emulator()
    results: dict[str, list[Run]] = {}
    try:
        for index, (_, _, job) in enumerate(sdks):  # warm-up: imports and first connections
            measure(job, url, 10, 1000 + index)
        for repeat in range(args.repeat):  # interleaved, so drift hits every SDK alike
            for index, (name, version, job) in enumerate(sdks):
                key = f"{name} ({version})"
                results.setdefault(key, []).append(
                    measure(job, url, args.n, repeat * len(sdks) + index)
                )
    finally:
        proc.terminate()
        proc.wait()

    console = Console(width=150)
    table = Table(
        title=f"{args.n:,} default associations created, then batch-read back; "
        f"median of {args.repeat} runs, emulator in its own process on 127.0.0.1",
    )
    for column in (
        "SDK (API version)",
        "wall s",
        "client CPU s",
        "requests",
        "created",
        "read",
        "wall vs ours",
        "CPU vs ours",
    ):
        table.add_column(column, justify="left" if column.startswith("SDK") else "right")
    base = results["hubspot-associations Client (2026-03)"]
    base_wall = statistics.median(r.wall for r in base)
    base_cpu = statistics.median(r.cpu for r in base)
    for key, runs in results.items():
        wall = statistics.median(r.wall for r in runs)
        cpu = statistics.median(r.cpu for r in runs)
        last = runs[-1]
        table.add_row(
            key,
            f"{wall:.2f}",
            f"{cpu:.2f}",
            str(last.requests),
            f"{last.created:,}",
            f"{last.read:,}",
            f"{wall / base_wall:.2f}x",
            f"{cpu / base_cpu:.2f}x",
        )
    console.print(table)
    console.print(
        f"Ratios are SDK / hubspot-associations Client (2026-03): above 1.00x is slower than "
        f"ours. Python {sys.version.split()[0]}, {os.cpu_count()} cores."
    )


if __name__ == "__main__":
    main()
