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
import itertools
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
    listed: int = 0
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
            tally.lap()
            for company in work.companies:
                for _ in client.records.list("companies", company, "contacts"):
                    tally.listed += 1

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
                tally.lap()
                for company in work.companies:
                    async for _ in client.records.list("companies", company, "contacts"):
                        tally.listed += 1

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
    tally.lap()
    basic = hubspot.Client.create(access_token=TOKEN, host=url).crm.associations.v4.basic_api
    for company in work.companies:  # the user follows the cursor
        after = None
        while True:
            page = basic.get_page("companies", company, "contacts", after=after, limit=500)
            tally.listed += len(page.results)
            if not (page.paging and page.paging.next):
                break
            after = page.paging.next.after


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
        tally.lap()
        for company in work.companies:  # its pages iterate across cursors by themselves
            for _ in client.crm.associations.list(
                "contacts", object_type="companies", object_id=company, limit=500
            ):
                tally.listed += 1


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
            elif command == "reset":  # forget every association (frees the emulator's memory)
                hub.reset()
                conn.send(None)
            elif command == "pace":  # HubSpot's headers on every answer, 429 beyond the limit
                per_interval, interval = args
                hub.faults.rate_limit(per_interval, interval=interval)
                conn.send(None)
            elif command == "tokens":  # minted tokens live `lifetime` s; answers take `latency`
                lifetime, latency = args
                hub.faults.expire_tokens(lifetime).add_latency(latency)
                conn.send(None)
            elif command == "log":  # (arrival, status) of each request, for diagnosis
                conn.send([(r.at - r.duration, r.status) for r in hub.requests])
            elif command == "mint":
                conn.send(hub.faults.mint_token())
            elif command == "seed_read":  # contacts -> companies, written straight into the store
                counts, company0 = args
                spec = {("HUBSPOT_DEFINED", 279)}  # one shared set: nothing writes to it
                store = hub.store
                with store.lock:
                    for contact, count in counts:
                        store._assoc[("0-1", contact, "0-2")] = {
                            str(company0 + k): spec for k in range(count)
                        }
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
    phase_cpu: tuple[float, ...]
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
    laps = tally.laps
    (w0, c0), (w2, c2) = laps[0], laps[-1]
    w1 = laps[1][0] if len(laps) > 2 else w2
    w_read = laps[2][0] if len(laps) > 3 else w2  # the read phase ends where the list begins
    phase_cpu = tuple(b[1] - a[1] for a, b in itertools.pairwise(laps))
    requests, statuses = hub.call("stats")
    stored = hub.call("stored", work.contacts)
    return Run(
        w2 - w0, c2 - c0, w1 - w0, w_read - w1, phase_cpu, requests, statuses,
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


PHASES = ("create", "read", "list")


def cpu_table(results: dict[tuple[str, str], list[Run]]) -> Table:
    """Client CPU per phase, ours against the best (lowest) peer of that phase."""
    table = Table(title="Client CPU per phase (s, median); ratio = ours / best peer's")
    for column in ["SDK", "API", *(f"{p} CPU s" for p in PHASES), *(f"{p} ratio" for p in PHASES)]:
        table.add_column(column, justify="left" if column in ("SDK", "API") else "right")
    medians = {
        key: [statistics.median(r.phase_cpu[i] for r in runs) for i in range(len(PHASES))]
        for key, runs in results.items()
        if all(len(r.phase_cpu) >= len(PHASES) for r in runs)
    }
    peers = [v for (name, _), v in medians.items() if not name.startswith("hubspot-associations")]
    best = [min(p[i] for p in peers) for i in range(len(PHASES))] if peers else None
    for (name, version), cpu in medians.items():
        ratios = [f"{c / b:.2f}" for c, b in zip(cpu, best, strict=True)] if best else []
        table.add_row(name, version, *(f"{c:.3f}" for c in cpu), *ratios)
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


# ------------------------------------------------------ scenarios of issue 7, in fresh processes


def _status_mib(field: str) -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def memory_child(kind: str, url: str, n: int, conn: Connection) -> None:
    """A fresh process: warm up, reset the peak, run one big job, report the peak's growth."""
    from hubspot_associations import AsyncClient, Client

    types = [("HUBSPOT_DEFINED", 279)]
    base_contact = 200_000_000

    def inputs(count: int, start: int = 0) -> Any:  # a generator, as if read from a file
        for i in range(start, start + count):
            yield (base_contact + i, 5_000_000 + i // 1000, types)

    def counted(chunks: Any) -> tuple[int, int]:
        ok = failed = 0
        for chunk in chunks:
            ok += len(chunk.succeeded)
            failed += len(chunk.failed_inputs)
        return ok, failed

    async def counted_async(client: Any, source: Any) -> tuple[int, int]:
        ok = failed = 0
        async for chunk in client.batch.stream_create("contacts", "companies", source):
            ok += len(chunk.succeeded)
            failed += len(chunk.failed_inputs)
        return ok, failed

    def reset_peak() -> float:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")  # VmHWM := VmRSS
        return _status_mib("VmRSS")

    result: tuple[int, int]
    with Client(access_token=TOKEN, base_url=url, version="2026-03") as client:
        counted(client.batch.stream_create("contacts", "companies", inputs(4000, n)))  # warm-up
        list(client.batch.read("contacts", "companies", ["1"]))
        if kind == "async-stream":

            async def run() -> tuple[tuple[int, int], float, float, float]:
                async with AsyncClient(access_token=TOKEN, base_url=url) as aclient:
                    await counted_async(aclient, inputs(4000, n + 4000))  # warm-up
                    base = reset_peak()
                    t0, c0 = time.perf_counter(), time.process_time()
                    done = await counted_async(aclient, inputs(n))
                    return done, base, time.perf_counter() - t0, time.process_time() - c0

            result, base, wall, cpu = asyncio.run(run())
        else:
            base = reset_peak()
            t0, c0 = time.perf_counter(), time.process_time()
            if kind == "stream":
                result = counted(client.batch.stream_create("contacts", "companies", inputs(n)))
            elif kind == "keep-failures":
                aggregate = client.batch.create("contacts", "companies", inputs(n), keep="failures")
                result = (aggregate.succeeded_count, aggregate.failed_count)
            else:  # read: count only
                read = client.batch.read("contacts", "companies", (str(i) for i in range(1, 1001)))
                total = sum(len(record.associations) for record in read)
                result = (total, sum(len(f.inputs) for f in read.errors))
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    conn.send((kind, _status_mib("VmHWM") - base, *result, wall, cpu))


def decoder_child(kind: str, conn: Connection) -> None:
    """Decode one batch read answer of 1,000 ids x 500 associations; CPU and peak over body."""
    import gc
    import json

    item = {
        "toObjectId": "10000000",
        "associationTypes": [{"category": "HUBSPOT_DEFINED", "typeId": 279, "label": None}],
    }
    items = [{**item, "toObjectId": str(10_000_000 + i)} for i in range(500)]
    body = json.dumps(
        {
            "status": "COMPLETE",
            "results": [
                {"from": {"id": str(k)}, "to": items, "paging": {"next": {"after": "500"}}}
                for k in range(1000)
            ],
        },
        separators=(",", ":"),
    ).encode()
    del items
    gc.collect()
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")
    base = _status_mib("VmRSS")
    c0 = time.process_time()
    if kind == "msgspec typed (the SDK)":
        from hubspot_associations.pagination import BatchReadState, decode_read_page

        state = BatchReadState([])
        page = decode_read_page(body)
        state.on_answer([(str(k), None) for k in range(1000)], page)
        count = sum(len(kept) for kept in state._gathered.values())  # kept for their next page
    else:
        if kind == "json.loads":
            tree = json.loads(body)
        elif kind == "orjson.loads":
            import orjson

            tree = orjson.loads(body)
        else:
            import msgspec

            tree = msgspec.json.decode(body)
        count = sum(len(r["to"]) for r in tree["results"])
    conn.send((kind, len(body) / 2**20, count, time.process_time() - c0,
               _status_mib("VmHWM") - base))  # fmt: skip


def decoder_scenario(console: Console) -> None:
    table = Table(title="Decoding one batch read answer (1,000 ids x 500 associations)")
    for column in ["decoder", "body MiB", "associations", "CPU s", "peak over body MiB"]:
        table.add_column(column, justify="left" if column == "decoder" else "right")
    kinds = ["json.loads", "orjson.loads", "msgspec tree", "msgspec typed (the SDK)"]
    # the SDK's row includes building its Association objects, which it keeps for the ids'
    # next pages; the others only decode into a dict tree
    for kind in kinds:
        _, size, count, cpu, peak = in_fresh_process(decoder_child, kind)
        table.add_row(kind, f"{size:.0f}", f"{count:,}", f"{cpu:.2f}", f"{peak:.0f}")
    console.print(table)


def in_fresh_process(target: Callable[..., None], *args: Any) -> Any:
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    proc = context.Process(target=target, args=(*args, child))
    proc.start()
    answer = parent.recv()
    proc.join()
    return answer


READ_COUNTS = [("1", 100_000)] + [(str(i), 901 if i < 902 else 900) for i in range(2, 1001)]


def memory_scenario(hub: Hub, console: Console, n: int, kinds: list[str]) -> None:
    table = Table(
        title="Memory: peak RSS growth of a fresh process (VmHWM after the job - VmRSS before; "
        "emulator in its own process)",
    )
    for column in ["job", "peak growth MiB", "goal MiB", "succeeded / read", "failed",
                   "wall s", "client CPU s"]:  # fmt: skip
        table.add_column(column, justify="left" if column == "job" else "right")
    names = {
        "stream": (f"batch.stream_create, {n:,} inputs from a generator (Client)", 64),
        "async-stream": (f"batch.stream_create, {n:,} inputs from a generator (AsyncClient)", 64),
        "keep-failures": (f'batch.create(..., keep="failures"), {n:,} from a generator', 64),
        "read": (
            "batch.read of 1,000,000 associations (1,000 ids, one with 100,000), counting",
            200,
        ),
    }
    for kind in kinds:
        hub.call("reset")
        if kind == "read":
            hub.call("seed_read", READ_COUNTS, 7_000_000)
        _, growth, ok, failed, wall, cpu = in_fresh_process(memory_child, kind, hub.url, n)
        name, goal = names[kind]
        table.add_row(name, f"{growth:.1f}", f"<= {goal}", f"{ok:,}", f"{failed:,}",
                      f"{wall:.1f}", f"{cpu:.1f}")  # fmt: skip
        console.print(f"{name}: +{growth:.1f} MiB, {ok:,} ok, {failed:,} failed, {wall:.1f} s")
    hub.call("reset")
    console.print(table)


def pacing_child(url: str, n: int, is_async: bool, conn: Connection) -> None:
    from hubspot_associations import AsyncClient, Client

    types = [("HUBSPOT_DEFINED", 279)]
    inputs = [(300_000_000 + i, 6_000_000 + i // 1000, types) for i in range(n)]
    t0 = time.perf_counter()
    if is_async:

        async def run() -> Any:
            async with AsyncClient(access_token=TOKEN, base_url=url) as client:
                return await client.batch.create("contacts", "companies", inputs)

        result = asyncio.run(run())
    else:
        with Client(access_token=TOKEN, base_url=url) as client:
            result = client.batch.create("contacts", "companies", inputs)
    conn.send((result.succeeded_count, result.failed_count, time.perf_counter() - t0))


def token_child(
    url: str, n: int, is_async: bool, lifetime: float, address: Any, conn: Connection
) -> None:
    """40,000 creates with a token callable that refreshes like an OAuth helper: a new token
    (minted by the emulator) once the old one's lifetime, counted from before the refresh
    request, has passed."""
    from multiprocessing.connection import Client as Pipe

    from hubspot_associations import AsyncClient, Client

    mint = Pipe(address, authkey=b"bench")
    state = {"token": "", "expires": 0.0}

    def token() -> str:
        now = time.monotonic()
        if now >= state["expires"]:
            mint.send("mint")
            state["token"], state["expires"] = mint.recv(), now + lifetime
        return str(state["token"])

    types = [("HUBSPOT_DEFINED", 279)]
    inputs = [(400_000_000 + i, 6_100_000 + i // 1000, types) for i in range(n)]
    t0 = time.perf_counter()
    if is_async:

        async def run() -> Any:
            async with AsyncClient(access_token=token, base_url=url) as client:
                return await client.batch.create("contacts", "companies", inputs)

        result = asyncio.run(run())
    else:
        with Client(access_token=token, base_url=url) as client:
            result = client.batch.create("contacts", "companies", inputs)
    mint.send("bye")
    conn.send((result.succeeded_count, result.failed_count, time.perf_counter() - t0))


def pacing_scenario(hub: Hub, console: Console, n: int, per_second: int) -> None:
    requests = -(-n // WRITE_CAP)
    minimum = requests / per_second
    hub.call("clear")
    _, _, floor = in_fresh_process(pacing_child, hub.url, n, False)  # no limit: the server's time
    table = Table(
        title=f"Pacing: {n:,} creates ({requests} requests) under {per_second} requests/s "
        "(429 TEN_SECONDLY_ROLLING beyond; rate-limit headers on every answer), client defaults; "
        f"the same job without a limit takes {floor:.1f} s (Client)",
    )
    for column in ["client", "succeeded", "failed", "429s", "wall s", f"x {minimum:.0f} s",
                   f"x max({minimum:.0f} s, unlimited)"]:  # fmt: skip
        table.add_column(column, justify="left" if column == "client" else "right")
    for name, is_async in (("Client", False), ("AsyncClient", True)):
        hub.call("clear")
        hub.call("pace", per_second, 1.0)
        ok, failed, wall = in_fresh_process(pacing_child, hub.url, n, is_async)
        _, statuses = hub.call("stats")
        table.add_row(name, f"{ok:,}", f"{failed:,}", str(statuses.get(429, 0)), f"{wall:.2f}",
                      f"{wall / minimum:.2f}", f"{wall / max(minimum, floor):.2f}")  # fmt: skip
    hub.call("clear")
    console.print(table)


def token_scenario(hub: Hub, console: Console, n: int, lifetime: float, latency: float) -> None:
    from multiprocessing.connection import Listener

    table = Table(
        title=f"Tokens: {n:,} creates, tokens expiring {lifetime:g} s after minting, "
        f"{latency * 1000:.0f} ms latency, access_token=<a callable that refreshes>",
    )
    for column in ["client", "succeeded", "failed", "401s", "tokens minted", "wall s"]:
        table.add_column(column, justify="left" if column == "client" else "right")
    listener = Listener(("127.0.0.1", 0), authkey=b"bench")
    for name, is_async in (("Client", False), ("AsyncClient", True)):
        hub.call("clear")
        hub.call("tokens", lifetime, latency)
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        proc = context.Process(
            target=token_child, args=(hub.url, n, is_async, lifetime, listener.address, child)
        )
        proc.start()
        minted = 0
        with listener.accept() as minter:  # the child's OAuth refreshes, served by the emulator
            while (message := minter.recv()) != "bye":
                assert message == "mint"
                minted += 1
                minter.send(hub.call("mint"))
        ok, failed, wall = parent.recv()
        proc.join()
        _, statuses = hub.call("stats")
        table.add_row(name, f"{ok:,}", f"{failed:,}", str(statuses.get(401, 0)), str(minted),
                      f"{wall:.2f}")  # fmt: skip
    listener.close()
    hub.call("clear")
    console.print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark against HubSpot's Python SDKs.")
    parser.add_argument("--n", type=int, default=20_000, help="associations per run")
    parser.add_argument("--repeat", type=int, default=3, help="runs per SDK (median shown)")
    parser.add_argument("--fault-n", type=int, default=10_000, help="associations, fault run")
    parser.add_argument("--per-second", type=int, default=4, help="rate limit, fault run")
    parser.add_argument("--no-faults", action="store_true", help="skip the fault scenario")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed comparison")
    parser.add_argument(
        "--memory", nargs="*", metavar="JOB", choices=["stream", "async-stream", "keep-failures",
        "read"], help="memory jobs in fresh processes (none named: stream and read)",
    )  # fmt: skip
    parser.add_argument("--memory-n", type=int, default=1_000_000, help="creates, memory jobs")
    parser.add_argument("--decoders", action="store_true", help="json/orjson/msgspec figures")
    parser.add_argument("--pacing", action="store_true", help="creates under a tight limit")
    parser.add_argument("--pacing-n", type=int, default=40_000)
    parser.add_argument("--pacing-rate", type=int, default=2, help="requests per second")
    parser.add_argument("--tokens", action="store_true", help="creates with expiring tokens")
    parser.add_argument("--tokens-n", type=int, default=40_000)
    parser.add_argument("--token-lifetime", type=float, default=0.5)
    parser.add_argument("--token-latency", type=float, default=0.1)
    args = parser.parse_args()

    console = Console(width=160)
    hub = Hub()
    run = 0
    speed: dict[tuple[str, str], list[Run]] = {}
    faults: dict[tuple[str, str], Run] = {}
    try:
        if args.decoders:
            decoder_scenario(console)
        if args.memory is not None:
            memory_scenario(hub, console, args.memory_n, args.memory or ["stream", "read"])
        if args.pacing:
            pacing_scenario(hub, console, args.pacing_n, args.pacing_rate)
        if args.tokens:
            token_scenario(hub, console, args.tokens_n, args.token_lifetime, args.token_latency)
        if args.no_speed:
            return
        for _, _, job in SDKS:  # warm-up: imports and first connections
            measure(hub, job, Work.make(run := run + 1, 2 * PER_COMPANY))
        for _ in range(args.repeat):  # interleaved, so drift hits every SDK alike
            for name, version, job in SDKS:
                result = measure(hub, job, Work.make(run := run + 1, args.n))
                speed.setdefault((name, version), []).append(result)
                if result.error:
                    console.print(f"[red]{name} ({version}) failed: {result.error}")
        console.print(speed_table(args.n, args.repeat, speed))
        console.print(cpu_table(speed))
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
