"""A 200,000-row job, SIGKILLed at five random points and resumed each time, ends exactly as
if it had run once: the emulator holds the input minus the reported failures, and each
failure is in the failures file once."""

from __future__ import annotations

import random
import signal
import time
from collections import Counter
from pathlib import Path

import pytest
from hubspot_associations.testing import Emulator, Faults

from .helpers import DELETED, chunks_done, read_failures, start, write_pairs

ROWS = 200_000
CHUNKS = ROWS // 2000
CONCURRENCY = 4


@pytest.mark.no_contract
@pytest.mark.slow
def test_killed_five_times_the_job_ends_as_if_run_once(tmp_path: Path) -> None:
    source = tmp_path / "contacts.csv"
    pairs, bad_lines = write_pairs(source, ROWS)
    faults = (
        Faults(seed=11)
        .fail_randomly(0.03, match="batch_associate_default")
        .drop_next(2, match="batch_associate_default", after_processing=True)
        .malform_next(2, match="batch_associate_default")
    )
    rng = random.Random(20261123)
    kill_points = sorted(rng.sample(range(5, CHUNKS - 5), 5))
    with Emulator(faults=faults, record_bodies=False) as hub:
        hub.delete_records("companies", DELETED)
        args = ["associate-default", "contacts", "companies", str(source),
                "--base-url", hub.url, "--concurrency", str(CONCURRENCY), "--progress", "none",
                "--api-version", "2026-03"]  # fmt: skip
        journal = tmp_path / "contacts.associate-default.contacts-companies.journal"
        kills = 0
        for point in kill_points:
            proc = start(args)
            deadline = time.monotonic() + 300
            while proc.poll() is None and chunks_done(journal) < point:
                assert time.monotonic() < deadline, "the job made no progress"
                time.sleep(0.02)
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
            proc.communicate(timeout=60)
        final = start(args)
        _out, err = final.communicate(timeout=600)
        assert final.returncode == 1, err  # some inputs failed: exit status 1
        state = hub.associations("contacts", "companies")
        served = hub.stats().by_operation["batch_associate_default"]
        injected = sum(hub.stats().faults.values())

    assert kills >= 4  # the kills landed mid-job
    failures = read_failures(
        tmp_path / "contacts.associate-default.contacts-companies.failures.csv"
    )
    lines = Counter(int(f["line"]) for f in failures)
    assert all(n == 1 for n in lines.values()), "a failure is reported more than once"
    failed_pairs = {(f["from_id"], f["to_id"]) for f in failures}
    # the emulator holds exactly the input minus the reported failures
    assert state == pairs - failed_pairs
    assert bad_lines <= set(lines)
    assert {f["error_category"] for f in failures} == {"INVALID_ROW", "OBJECT_NOT_FOUND"}
    not_found = {f["to_id"] for f in failures if f["error_category"] == "OBJECT_NOT_FOUND"}
    assert not_found == {str(c) for c in DELETED}
    assert f"failed                {len(failures):,}" in err
    # answered chunks were not sent again: at most the chunks in flight at each kill
    assert served - injected <= CHUNKS + kills * CONCURRENCY
