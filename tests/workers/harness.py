"""Several worker processes, one emulator process, one Redis: the multi-worker scenario.

Used by tests/workers/test_workers.py and benchmarks/workers.py. The emulator runs in
a process of its own (rate limited like one HubSpot account), each worker in its own
process (as separate machines would), all on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

CHUNK = 2_000  # HubSpot's batch cap for batch/associate/default


def serve(conn: Connection, per_second: int) -> None:
    """Child process: an emulator allowing ``per_second`` requests per rolling second."""
    from hubspot_associations.testing import Emulator, Faults

    faults = Faults().rate_limit(per_second, interval=1.0)
    with Emulator(faults=faults, record_bodies=False, log_limit=None) as hub:
        conn.send(hub.url)
        while True:
            (command,) = conn.recv()
            if command == "stop":
                conn.send(None)
                break
            if command == "clear":
                hub.reset()
                hub.faults.rate_limit(per_second, interval=1.0)
                conn.send(None)
            elif command == "stats":
                stats = hub.stats()
                conn.send((stats.requests, dict(stats.by_status)))
            elif command == "log":  # (arrival, duration, status) of every request
                conn.send([(r.at, r.duration, r.status) for r in hub.requests])
            elif command == "pairs":
                conn.send(sorted(hub.associations("contacts", "companies")))


class EmulatorProcess:
    """The emulator in a process of its own; ``stats()`` and ``pairs()`` ask it over a pipe."""

    def __init__(self, per_second: int) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._proc = context.Process(target=serve, args=(child, per_second), daemon=True)
        self._proc.start()
        self.url: str = self._conn.recv()

    def call(self, *command: Any) -> Any:
        self._conn.send(command)
        return self._conn.recv()

    def stats(self) -> tuple[int, dict[int, int]]:
        requests, by_status = self.call("stats")
        return requests, {int(k): v for k, v in by_status.items()}

    def pairs(self) -> set[tuple[str, str]]:
        return {tuple(p) for p in self.call("pairs")}  # type: ignore[misc]

    def close(self) -> None:
        with contextlib.suppress(EOFError, OSError):
            self.call("stop")
        self._proc.join(timeout=10)
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join(timeout=10)

    def __enter__(self) -> EmulatorProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def worker_pairs(worker: int, count: int) -> list[tuple[int, int]]:
    """Worker ``worker``'s own contact→company pairs (disjoint between workers)."""
    base = 1_000_000 * (worker + 1)
    return [(base + i, 500_000 + (base + i) % 997) for i in range(count)]


@dataclass
class WorkerResult:
    worker: int
    succeeded: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[tuple[str, str], str]] = field(default_factory=list)
    error: str | None = None


def run_worker(
    url: str,
    limiter_spec: str | None,
    worker: int,
    count: int,
    per_second: int,
    go: Any = None,
    out: Any = None,
    ready: Any = None,
) -> WorkerResult:
    """One worker: ``count`` default associations through the Client.

    ``limiter_spec``: a ``redis://`` URL (the shared limiter at ``per_second`` per the URL's
    ``window``, e.g. ``redis://127.0.0.1:6379/0?window=1``), ``"own"``
    (a limiter of its own at the account's limit: what each worker does when it knows
    nothing of the others), or None (the client's defaults). With ``go`` (an event) it waits
    for the start signal once ready (``ready``, a queue, hears of it); with ``out`` (a queue)
    it puts its result there."""
    from hubspot_associations import Client
    from hubspot_associations.ratelimit import RateLimiter

    result = WorkerResult(worker)
    try:
        options: dict[str, Any] = {}
        if limiter_spec == "own":
            options["rate_limit_backend"] = RateLimiter(per_second, window=1.0)
        elif limiter_spec is not None:
            options.update(rate_limit=per_second, rate_limit_backend=limiter_spec)
        pairs = worker_pairs(worker, count)
        with Client(access_token="test", base_url=url, version="2026-03", **options) as client:
            if ready is not None:
                ready.put(worker)
            if go is not None:
                go.wait()
            batch = client.batch.associate_default("contacts", "companies", pairs)
        result.succeeded = [(p.from_id, p.to_id) for p in batch.succeeded]
        result.failed = [
            ((p.from_id, p.to_id), failure.message)
            for failure in batch.errors
            for p in failure.inputs
        ]
    except Exception as exc:
        result.error = f"{type(exc).__name__}: {exc}"
    if out is not None:
        out.put(result)
    return result


@dataclass
class Scenario:
    workers: list[WorkerResult]
    seconds: float
    requests: int
    by_status: dict[int, int]

    @property
    def too_many(self) -> int:
        return self.by_status.get(429, 0)


def run_workers(
    hub: EmulatorProcess,
    limiter_spec: str | None,
    *,
    workers: int,
    count: int,
    per_second: int,
) -> Scenario:
    """``workers`` processes, each creating ``count`` associations, started together once
    all are ready (imports and set-up are not timed)."""
    hub.call("clear")
    context = multiprocessing.get_context("spawn")
    go, out, ready = context.Event(), context.Queue(), context.Queue()
    procs = [
        context.Process(
            target=run_worker,
            args=(hub.url, limiter_spec, w, count, per_second, go, out, ready),
        )
        for w in range(workers)
    ]
    for proc in procs:
        proc.start()
    for _ in procs:  # every worker imported and connected: start them together
        ready.get(timeout=120)
    started = time.monotonic()
    go.set()
    results = [out.get(timeout=600) for _ in procs]
    seconds = time.monotonic() - started
    for proc in procs:
        proc.join(timeout=30)
    requests, by_status = hub.stats()
    return Scenario(sorted(results, key=lambda r: r.worker), seconds, requests, by_status)


def minimum_seconds(workers: int, count: int, per_second: int) -> float:
    """The least time the account's limit allows: every request at the limit's rate."""
    requests = workers * -(-count // CHUNK)
    return requests / per_second
