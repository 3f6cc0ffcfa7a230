"""Reliability: ``plan`` and ``apply``, each killed with SIGKILL at five random moments (in a
child process, a random delay after a random request started) and run again each time, end
as if each had run once: the emulator holds exactly the desired state, and every change that
failed is in the plan's failures once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hubspot_associations import Client, syncing
from hubspot_associations.syncing import SyncPlan
from hubspot_associations.testing import Emulator

from .helpers import DEFAULT, PRIMARY, seed, state
from .sync_child import rows

pytest.importorskip("uvicorn")

FROM_IDS = 16_000  # 16 batch reads
COMPANIES = 300  # ids 1..300 exist; 999 does not: creating a pair with it fails
MISSING = "999"
CHILD = Path(__file__).with_name("sync_child.py")


def scenario(path: Path) -> tuple[dict[tuple[str, str], frozenset[tuple[str, int]]], set[str]]:
    """Write the desired CSV; seed nothing yet. Returns the expected final state of the file's
    from-ids and the changes expected to fail."""
    expected: dict[tuple[str, str], frozenset[tuple[str, int]]] = {}
    failing = set()
    with path.open("w") as out:
        for f in range(1, FROM_IDS + 1):
            for k in range(2):
                t = str(1 + (f * 7 + k * 131) % COMPANIES)
                label = "Primary" if k == 0 and f % 3 == 0 else ""
                out.write(f"{f},{t},{label}\n")
                expected[(str(f), t)] = frozenset({DEFAULT, PRIMARY} if label else {DEFAULT})
            if f % 500 == 0:
                out.write(f"{f},{MISSING},\n")
                failing.add(f"create {f} -> {MISSING} [unlabelled]")
        out.write("x,1,\n")  # refused at plan time, once
    return expected, failing


def current(hub: Emulator) -> None:
    """Half the desired pairs, some with labels to drop, plus extras to archive."""
    rows = []
    for f in range(1, FROM_IDS + 1):
        t = str(1 + (f * 7) % COMPANIES)
        if f % 2:
            rows.append((f, t, [PRIMARY] if f % 5 == 0 else []))
        if f % 4 == 0:
            rows.append((f, 1 + (f * 7 + 17) % COMPANIES, []))  # never desired (k=0,1 differ)
    seed(hub, rows)


def run(args: list[str], rng: random.Random, kill_after: int | None) -> int:
    """Run the child; with ``kill_after``, SIGKILL it a random moment (0-150 ms) after that
    request started. Its exit status (-9 when killed)."""
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    seen = 0
    for line in proc.stdout:
        if line.strip() == "request":
            seen += 1
            if kill_after is not None and seen == kill_after:
                time.sleep(rng.uniform(0, 0.15))
                os.kill(proc.pid, signal.SIGKILL)
                break
    _, err = proc.communicate(timeout=300)
    assert proc.returncode in (0, -signal.SIGKILL), err
    return proc.returncode


@pytest.mark.no_contract  # the children's traffic is not this process's
def test_plan_and_apply_killed_five_times_each_end_as_if_run_once(
    tmp_path: Path, hubspot_emulator_factory: Callable[..., Emulator]
) -> None:
    seed_value = int(os.environ.get("SYNC_KILL_SEED", "1"))  # seed 1 kills mid-chunk
    rng = random.Random(seed_value)
    hub = hubspot_emulator_factory(strict_records=True, record_bodies=False)
    hub.seed_records("contacts", range(1, FROM_IDS + 1))
    hub.seed_records("companies", range(1, COMPANIES + 1))
    hub.faults.add_latency(0.01)
    desired = tmp_path / "desired.csv"
    expected, failing = scenario(desired)
    current(hub)
    plan_path = tmp_path / "sync.plan"
    for phase, most in (("plan", 3), ("apply", 2)):
        args = [hub.url, phase, str(plan_path), str(desired)]
        kills = sum(run(args, rng, rng.randint(1, most)) == -signal.SIGKILL for _ in range(5))
        assert kills == 5, f"seed {seed_value}: {phase} ended before its kills"
        assert run(args, rng, None) == 0

    with SyncPlan.load(plan_path) as plan:
        changes = [(c.kind, c.from_id, c.to_id) for c in plan]
        failures = [str(f.change) for f in plan.failures()]
        refused = list(plan.refused())
        result = plan.result()
    assert len(set(changes)) == len(changes), f"seed {seed_value}: a change planned twice"
    assert sorted(failures) == sorted(failing), f"seed {seed_value}"  # each once
    assert [r.input for r in refused] == ["('x', '1', None)"]
    assert result.failed == len(failing) and result.pending == 0
    got = state(hub, {str(f) for f in range(1, FROM_IDS + 1)})
    assert got == expected, f"seed {seed_value}"
    with Client("test", base_url=hub.url) as client:  # planned again: only what failed is left
        again = syncing.plan(client, "contacts", "companies", rows(desired), prune=True)
        assert sorted(str(c) for c in again) == sorted(failing)
