"""CLI benchmark: a 1,000,000-row CSV import with ``hubspot-associations associate-default``
against the emulator, beside the same job written with the library, each in a fresh process.

Run with ``scripts/benchmark --cli [--rows N]`` (or ``python benchmarks/cli.py``).
It prints, and asserts nothing:

- the CLI's peak RSS growth: ``VmHWM`` at the end minus ``VmRSS`` after the imports, read
  from ``/proc/self/status`` in a fresh process (the issue's goal: <= 100 MiB);
- throughput of the CLI (threads, ``--concurrency 4``) and of the library's form of the same
  job (the CSV read lazily into ``AsyncClient.batch.stream_associate_default``, the streamed
  form, ``max_concurrency=4``),
  each against a fresh emulator in its own process, and their ratio (goal: >= 0.90);
- the journal's cost per chunk: append + fsync of the output files + the SQLite commit.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _proc import status


def write_csv(path: Path, rows: int) -> int:
    """from_id,to_id rows; every 10,000th is malformed. Returns the well-formed count."""
    good = 0
    with path.open("w") as f:
        f.write("from_id,to_id\n")
        for i in range(1, rows + 1):
            if i % 10_000 == 0:
                f.write(f"{i},n/a\n")
            else:
                f.write(f"{i},{1 + i % 5000}\n")
                good += 1
    return good


# --- children: each job runs in a fresh process ----------------------------------------------


def child_cli(url: str, source: str, work: str) -> dict[str, Any]:
    from hubspot_associations.cli._app import run  # imports first: the baseline is after them

    os.environ["HUBSPOT_ACCESS_TOKEN"] = "bench"
    rss = status("VmRSS")
    started = time.perf_counter()
    code = run(["associate-default", "contacts", "companies", source, "--base-url", url,
                "--journal", f"{work}/cli.journal", "--failures", f"{work}/cli.failures.csv",
                "--output", f"{work}/cli.created.csv", "--progress", "lines",
                "--progress-interval", "30", "--concurrency", "4"])  # fmt: skip
    return {"exit": code, "seconds": time.perf_counter() - started, "rss": rss,
            "hwm": status("VmHWM")}  # fmt: skip


def child_library(url: str, source: str, work: str) -> dict[str, Any]:
    from hubspot_associations import AsyncClient

    rss = status("VmRSS")
    started = time.perf_counter()

    def pairs(f: Any) -> Any:  # the file read lazily, as the CLI reads it
        reader = csv.reader(f)
        next(reader)
        return ((a, b) for a, b in reader if a.isdigit() and b.isdigit())

    async def job() -> tuple[int, int]:
        created = failed = 0
        async with AsyncClient("bench", base_url=url, max_concurrency=4, max_retries=5) as client:
            with open(source, newline="") as f:
                stream = client.batch.stream_associate_default("contacts", "companies", pairs(f))
                async for chunk in stream:  # the streamed form: one outcome per chunk
                    created += len(chunk.succeeded)
                    failed += len(chunk.failed_inputs)
        return created, failed

    created, failed = asyncio.run(job())
    return {"exit": 0 if not failed else 1, "seconds": time.perf_counter() - started,
            "rss": rss, "hwm": status("VmHWM"), "created": created}  # fmt: skip


# --- the parent --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class EmulatorProcess:
    """``hubspot-associations emulator`` in its own process, fresh for each run."""

    def __enter__(self) -> str:
        port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "hubspot_associations.cli", "emulator", "--port", str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return url
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("the emulator did not start") from None
                time.sleep(0.1)

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def run_child(kind: str, source: Path, work: Path) -> dict[str, Any]:
    with EmulatorProcess() as url:
        out = subprocess.run(
            [sys.executable, str(Path(__file__)), "--child", kind, url, str(source), str(work)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    if kind == "cli":
        print(out.stderr, end="", flush=True)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    result["stderr"] = out.stderr
    return result


def journal_cost(stderr: str) -> str:
    for line in stderr.splitlines():
        if line.strip().startswith("journal") and "per chunk" in line:
            return line.split("(")[-1].rstrip(")")
    return "?"


def isolated_journal_cost(work: Path, chunks: int = 200) -> tuple[float, float]:
    """ms per chunk for the journal alone (no other thread): (commit only, append + fsync +
    commit), with a 2,000-row chunk's worth of result lines."""
    from hubspot_associations.jobs.journal import Journal
    from hubspot_associations.jobs.sinks import Sink

    journal = Journal(work / "iso.journal")
    journal.start({"command": "bench"})
    out = Sink(work / "iso.out.csv", "csv", ("from_id", "to_id"))
    fails = Sink(work / "iso.fail.csv", "csv", ("line", "from_id", "to_id"))
    out.open(0)
    fails.open(0)
    text = "".join(f"{i},{i % 5000},HUBSPOT_DEFINED,279,\n" for i in range(2000))
    commit = total = 0.0
    for index in range(chunks):
        started = time.perf_counter()
        out.append(text)
        out.sync()
        fails.sync()
        before = time.perf_counter()
        journal.record_chunk(index, 2000, 2000, 2000, 0, 0, {},
                             written=(index + 1, out.length, fails.length))  # fmt: skip
        done = time.perf_counter()
        commit += done - before
        total += done - started
    journal.close()
    out.close()
    fails.close()
    return commit / chunks * 1000, total / chunks * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, url, source, work = args.child
        result = (child_cli if kind == "cli" else child_library)(url, source, work)
        print(json.dumps(result))
        return

    with tempfile.TemporaryDirectory(prefix="hubspot-bench-cli-") as tmp:
        work = Path(tmp)
        source = work / "pairs.csv"
        good = write_csv(source, args.rows)
        mib = source.stat().st_size / 2**20
        print(f"{args.rows:,}-row CSV ({mib:.1f} MiB, {good:,} well-formed rows); "
              f"emulator in its own process, fresh per run; CPython {sys.version.split()[0]}, "
              f"{os.cpu_count()} cores", flush=True)  # fmt: skip
        cli = run_child("cli", source, work)
        lib = run_child("library", source, work)
        commit_ms, chunk_ms = isolated_journal_cost(work)
    growth = (cli["hwm"] - cli["rss"]) / 2**20
    lib_growth = (lib["hwm"] - lib["rss"]) / 2**20
    cli_rate, lib_rate = args.rows / cli["seconds"], args.rows / lib["seconds"]
    print(f"{'':<34}{'seconds':>9}{'rows/s':>10}{'peak RSS growth':>18}")
    print(f"{'CLI associate-default (4 threads)':<34}{cli['seconds']:>9.1f}{cli_rate:>10,.0f}"
          f"{growth:>14.1f} MiB")  # fmt: skip
    print(f"{'library AsyncClient, streamed':<34}{lib['seconds']:>9.1f}{lib_rate:>10,.0f}"
          f"{lib_growth:>14.1f} MiB")  # fmt: skip
    print(f"CLI throughput / library: {cli_rate / lib_rate:.2f} (goal >= 0.90)")
    print(f"CLI peak RSS growth: {growth:.1f} MiB (goal <= 100 MiB)")
    print(
        f"journal cost per chunk, in the job: {journal_cost(cli['stderr'])} (main thread's "
        "wall time for append + fsync + SQLite commit, waiting for the GIL included)"
    )
    print(
        f"journal cost per chunk, alone: {chunk_ms:.2f} ms (SQLite commit alone "
        f"{commit_ms:.2f} ms; 2,000 result lines appended and fsynced)"
    )
    print(f"CLI exit status {cli['exit']} (1: the malformed rows failed, as they should)")


if __name__ == "__main__":
    main()
