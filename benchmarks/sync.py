"""Sync benchmark (issue 17): plan and apply 1,000,000 desired pairs over 100,000 from-ids
against an emulator portal that already holds 90 % of them plus 5 % extra.

Run with ``scripts/benchmark --sync [--pairs N --from-ids M]`` (or ``python
benchmarks/sync.py``). It prints, and asserts nothing:

- plan: peak RSS growth (``VmHWM`` at the end minus ``VmRSS`` after the imports and the
  client, read from ``/proc/self/status`` in a fresh process; goal <= 150 MiB), wall time
  and its split (``SyncPlan.seconds``: labels, ingest of the desired rows into SQLite,
  batch reads = requests and answers, compare = diff and writes, finish), requests sent;
- apply: wall time, requests and inputs per operation, against the plan's counts (goal:
  exactly the differences);
- a second plan after the apply: zero changes (idempotent, and the apply was exact).

The desired set: from-ids 1..M, ten to-ids each; the first of each is labelled "Primary".
The portal: every desired pair but the fourth of each from-id (90 %); the first pair of odd
from-ids without its label, the second of every 20th from-id with an extra user label,
"Billing contact" (not a second "Primary": HubSpot, and the emulator, keep one Primary
company per contact); one extra pair on every even from-id (5 %). So the plan is: M/10 x 10
creates, M/2 labels to add, M/20 labels to remove, M/2 archives (with prune; default
max_prune 10 % holds).

The emulator runs in its own process. It is seeded by filling its store directly, in the
exact shape ``Store.associate`` leaves (checked against it on a sample first): seeding
950,000 associations through ``associate`` takes about a minute (60 us each), directly
a few seconds; the state served is the same.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from _proc import status

PRIMARY = ("HUBSPOT_DEFINED", 1)
BILLING = "Billing contact"  # a user label, made first in every store (so its type id agrees)


def to_id(f: int, k: int) -> int:
    return 1_000_000 + (f * 7 + k * 13) % 50_000


def write_desired(path: Path, from_ids: int, per: int) -> None:
    with path.open("w") as out:
        out.write("from_id,to_id,label\n")
        for f in range(1, from_ids + 1):
            out.write("".join(
                f"{f},{to_id(f, k)},{'Primary' if k == 0 else ''}\n" for k in range(per)
            ))  # fmt: skip


def portal(from_ids: int, per: int) -> Iterator[tuple[str, str, str | None]]:
    """(from_id, to_id, label: "Primary", BILLING or None) of every association the portal
    holds."""
    for f in range(1, from_ids + 1):
        for k in range(per):
            if k == 3:
                continue  # 10 % missing: to create
            label = "Primary" if k == 0 and f % 2 == 0 else None
            yield str(f), str(to_id(f, k)), BILLING if k == 1 and f % 20 == 0 else label
        if f % 2 == 0:
            yield str(f), str(2_000_000 + f), None  # 5 % extra: to archive with prune


# --- children ------------------------------------------------------------------------------


def child_emulator(port: int, from_ids: int, per: int) -> None:
    from hubspot_associations.testing import Emulator
    from hubspot_associations.testing._model import Store

    a, b = "0-1", "0-2"

    def seed(store: Store, rows: Any) -> None:
        default = store.default_type(a, b)
        (billing,) = store.create_label(a, b, "billing_contact", BILLING, None)
        primary = store.find_type(a, b, PRIMARY)
        assert primary is not None
        labels = {"Primary": primary, BILLING: billing}
        links = store._assoc  # the shape Store.associate leaves, both directions
        for f, t, label in rows:
            forward, back = {default.spec}, {default.inverse_spec}
            if label is not None:
                forward.add(labels[label].spec)
                back.add(labels[label].inverse_spec)
            links.setdefault((a, f, b), {})[t] = forward
            links.setdefault((b, t, a), {})[f] = back

    sample = list(portal(200, per))
    direct, reference = Store(), Store()
    seed(direct, sample)
    (made,) = reference.create_label(a, b, "billing_contact", BILLING, None)
    specs = {"Primary": [PRIMARY], BILLING: [made.spec], None: []}
    for f, t, label in sample:
        reference.associate(a, f, b, t, specs[label])
    assert direct.snapshot() == reference.snapshot(), "direct seeding differs from associate"

    hub = Emulator(port=port, record_bodies=False, log_limit=1000)
    started = time.perf_counter()
    seed(hub.store, portal(from_ids, per))
    seeded = time.perf_counter() - started
    print(json.dumps({"seeded_seconds": seeded}), flush=True)
    hub.serve_forever()


def counting_client(url: str, requests: Counter[str], inputs: Counter[str]) -> Any:
    import httpx
    from hubspot_associations import Client

    def count(request: httpx.Request) -> None:
        path = request.url.path
        operation = path.split("/batch/", 1)[1] if "/batch/" in path else path.rsplit("/", 1)[-1]
        requests[operation] += 1
        if request.content:
            inputs[operation] += len(json.loads(request.content).get("inputs", []))

    http = httpx.Client(timeout=120, event_hooks={"request": [count]})
    return Client("bench", base_url=url, http_client=http, max_retries=5)


def rows(source: str) -> Iterator[tuple[str, str, str | None]]:
    import csv

    with open(source, newline="") as f:
        reader = csv.reader(f)
        next(reader)
        for a, b, label in reader:
            yield a, b, label or None


def child_plan(url: str, source: str, plan_path: str) -> dict[str, Any]:
    from hubspot_associations import syncing

    requests: Counter[str] = Counter()
    inputs: Counter[str] = Counter()
    client = counting_client(url, requests, inputs)
    rss = status("VmRSS")
    started = time.perf_counter()
    plan = syncing.plan(client, "contacts", "companies", rows(source), prune=True, path=plan_path)
    seconds = time.perf_counter() - started
    counts = plan.counts
    cpu = os.times()
    return {"seconds": seconds, "rss": rss, "hwm": status("VmHWM"), "split": plan.seconds,
            "cpu": cpu.user + cpu.system,
            "counts": vars(counts), "requests": dict(requests), "inputs": dict(inputs),
            "file": os.path.getsize(plan_path)}  # fmt: skip


def child_apply(url: str, plan_path: str) -> dict[str, Any]:
    from hubspot_associations import syncing

    requests: Counter[str] = Counter()
    inputs: Counter[str] = Counter()
    client = counting_client(url, requests, inputs)
    rss = status("VmRSS")
    started = time.perf_counter()
    result = syncing.apply(client, plan_path)
    seconds = time.perf_counter() - started
    kinds = {k: vars(v) for k, v in result.kinds.items()}
    cpu = os.times()
    return {"seconds": seconds, "cpu": cpu.user + cpu.system, "rss": rss,
            "hwm": status("VmHWM"), "kinds": kinds, "requests": dict(requests),
            "inputs": dict(inputs)}  # fmt: skip


# --- the parent ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_of(pid: int) -> float:
    """User + system CPU seconds of a process so far (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_child(*args: str, server: int) -> dict[str, Any]:
    before = cpu_of(server)
    out = subprocess.run(
        [sys.executable, str(Path(__file__)), "--child", *args],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    result["server_cpu"] = cpu_of(server) - before
    return result


def mib(n: float) -> str:
    return f"{n / 2**20:.1f} MiB"


def report_plan(name: str, plan: dict[str, Any]) -> None:
    split = plan["split"]
    total = sum(split.values())
    parts = ", ".join(f"{k} {v:.1f} s ({100 * v / total:.0f} %)" for k, v in split.items() if total)
    print(f"{name}: {plan['seconds']:.1f} s; peak RSS growth {mib(plan['hwm'] - plan['rss'])} "
          f"(goal <= 150 MiB); plan file {mib(plan['file'])}")  # fmt: skip
    print(f"  split: {parts}")
    print(
        f"  CPU: plan process {plan['cpu']:.1f} s, emulator {plan['server_cpu']:.1f} s "
        "(on a loaded machine, wall time is more than their sum)"
    )
    print(f"  requests: {plan['requests']}, ids read: {plan['inputs'].get('read', 0):,}")
    c = plan["counts"]
    print(f"  counts: rows {c['rows']:,}, from-ids {c['from_ids']:,}, current "
          f"{c['current']:,}, create {c['create']:,}, add_labels {c['add_labels']:,}, "
          f"remove_labels {c['remove_labels']:,}, archive {c['archive']:,}, "
          f"refused {c['refused']:,}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1_000_000)
    parser.add_argument("--from-ids", type=int, default=100_000)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "emulator":
            child_emulator(int(rest[0]), int(rest[1]), int(rest[2]))
            return
        result = child_plan(*rest) if kind == "plan" else child_apply(*rest)
        print(json.dumps(result))
        return

    per = args.pairs // args.from_ids
    with tempfile.TemporaryDirectory(prefix="hubspot-bench-sync-") as tmp:
        work = Path(tmp)
        source = work / "desired.csv"
        write_desired(source, args.from_ids, per)
        port = free_port()
        emulator = subprocess.Popen(
            [sys.executable, str(Path(__file__)), "--child", "emulator", str(port),
             str(args.from_ids), str(per)],
            stdout=subprocess.PIPE, stderr=(work / "emulator.log").open("w"), text=True,
        )  # fmt: skip
        try:
            assert emulator.stdout is not None
            line = emulator.stdout.readline()
            if not line:  # it died before serving: say why
                emulator.wait(timeout=30)
                sys.exit("the emulator process failed:\n" + (work / "emulator.log").read_text())
            seeded = json.loads(line)["seeded_seconds"]
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.1)
            print(f"{args.pairs:,} desired pairs over {args.from_ids:,} from-ids "
                  f"({mib(source.stat().st_size)} CSV); emulator in its own process, seeded "
                  f"in {seeded:.1f} s; CPython {sys.version.split()[0]}, {os.cpu_count()} cores",
                  flush=True)  # fmt: skip
            pid = emulator.pid
            first = run_child("plan", url, str(source), str(work / "first.plan"), server=pid)
            report_plan("plan", first)
            applied = run_child("apply", url, str(work / "first.plan"), server=pid)
            second = run_child("plan", url, str(source), str(work / "second.plan"), server=pid)
        finally:
            emulator.terminate()
            emulator.wait(timeout=30)
    c = first["counts"]
    sent = applied["inputs"]
    print(f"apply: {applied['seconds']:.1f} s; peak RSS growth "
          f"{mib(applied['hwm'] - applied['rss'])}; CPU: apply process {applied['cpu']:.1f} s, "
          f"emulator {applied['server_cpu']:.1f} s; requests {applied['requests']}")  # fmt: skip
    print(f"  inputs sent: archive {sent.get('archive', 0):,} (planned {c['archive']:,}), "
          f"archive labels {sent.get('labels/archive', 0):,} "
          f"(planned {c['remove_labels']:,}), create {sent.get('create', 0):,} (planned "
          f"{c['create'] + c['add_labels']:,} = create + add_labels)")  # fmt: skip
    print(f"  result: {applied['kinds']}")
    report_plan("plan again after apply", second)


if __name__ == "__main__":
    main()
