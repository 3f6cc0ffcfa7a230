"""``sync --apply`` killed with SIGKILL while planning and twice while applying, then run
again: the emulator holds exactly the file's state for its from-ids, and each failure is in
the failures file once (the library's own five-kill test is tests/syncing/test_kill.py)."""

from __future__ import annotations

import signal
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hubspot_associations.testing import Emulator

from ..syncing.helpers import DEFAULT, PRIMARY, seed, state
from .helpers import read_failures, run, start

pytest.importorskip("uvicorn")

FROM_IDS = 9_000  # 9 batch reads; 5 create chunks, 3 archive chunks
COMPANIES = 200  # 1..200 exist; 999 does not: creating a pair with it fails
BASE = "desired.sync.contacts-companies"


def figure(plan: Path, query: str) -> str | None:
    """A value the plan file holds (None while it is not there or being written)."""
    try:
        db = sqlite3.connect(f"file:{plan}?mode=ro", uri=True, timeout=0.2)
        try:
            row = db.execute(query).fetchone()
            return None if row is None else str(row[0])
        finally:
            db.close()
    except sqlite3.Error:
        return None


def kill_when(args: list[str], ready: Callable[[], bool]) -> bool:
    """Start the command; SIGKILL it once ``ready()``. Whether it was killed (not done)."""
    proc = start(args)
    deadline = time.monotonic() + 120
    while proc.poll() is None and not ready():
        assert time.monotonic() < deadline, "the command made no progress"
        time.sleep(0.005)
    killed = proc.poll() is None
    if killed:
        proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    return killed


@pytest.mark.no_contract  # the commands' traffic is not this process's
def test_sync_apply_killed_while_planning_and_applying_ends_as_if_run_once(
    tmp_path: Path, hubspot_emulator_factory: Callable[..., Emulator]
) -> None:
    hub = hubspot_emulator_factory(strict_records=True, record_bodies=False)
    hub.seed_records("contacts", range(1, FROM_IDS + 1))
    hub.seed_records("companies", range(1, COMPANIES + 1))
    hub.faults.add_latency(0.02)
    expected: dict[tuple[str, str], frozenset[tuple[str, int]]] = {}
    failing = set()
    current = []
    with (tmp_path / "desired.csv").open("w") as out:
        out.write("from_id,to_id,label\n")
        for f in range(1, FROM_IDS + 1):
            t = 1 + f % COMPANIES
            label = "Primary" if f % 3 == 0 else ""
            out.write(f"{f},{t},{label}\n")
            expected[(str(f), str(t))] = frozenset({DEFAULT, PRIMARY} if label else {DEFAULT})
            if f % 2:
                current.append((f, 1 + (f + 7) % COMPANIES, [PRIMARY]))  # archived by prune
            if f % 5 == 0:
                current.append((f, t, [PRIMARY]))  # Primary comes off unless f % 3 == 0
            if f % 1000 == 0:
                out.write(f"{f},999,\n")
                failing.add((str(f), "999"))
    seed(hub, current)
    args = ["sync", "contacts", "companies", str(tmp_path / "desired.csv"), "--apply",
            "--prune", "--max-prune", str(FROM_IDS), "--base-url", hub.url,
            "--progress", "none", "--concurrency", "2"]  # fmt: skip
    plan = tmp_path / f"{BASE}.plan"

    def reading() -> bool:  # a chunk of reads recorded, more to come
        return figure(plan, "SELECT value FROM meta WHERE key = 'read_through'") not in (
            None, '""')  # fmt: skip

    def applied(chunks: int) -> Callable[[], bool]:
        def ready() -> bool:
            done = figure(plan, "SELECT count(*) FROM chunks WHERE state = 2")
            return done is not None and int(done) >= chunks

        return ready

    assert kill_when(args, reading), "the plan finished before the kill"
    assert figure(plan, "SELECT value FROM meta WHERE key = 'status'") == '"reading"'
    assert kill_when(args, applied(2)), "apply finished before the first kill"
    assert kill_when(args, applied(5)), "apply finished before the second kill"
    final = run(args)
    assert final.returncode == 1, final.stderr  # the creates with company 999 failed
    assert "resumed" in final.stderr

    assert state(hub, {str(f) for f in range(1, FROM_IDS + 1)}) == expected
    failures = read_failures(tmp_path / f"{BASE}.failures.csv")
    assert Counter((f["from_id"], f["to_id"]) for f in failures) == Counter(failing)  # once
    assert {(f["change"], f["error_category"], f["outcome"]) for f in failures} == {
        ("create", "OBJECT_NOT_FOUND", "failed")}  # fmt: skip

    again = run(args[:4] + args[5:])  # planned again: only what failed is left to do
    assert again.returncode == 0, again.stderr
    assert f"to create             {len(failing)}\n" in again.stderr
    assert "to archive            0" in again.stderr
