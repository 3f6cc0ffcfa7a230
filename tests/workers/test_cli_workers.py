"""The done-when test of issue 12, with the command line: 4 worker processes
(``--shard K/4``), each creating 10,000 associations through the emulator limited to 10
requests per second, sharing the Redis limiter (``--redis``); one of them SIGKILLed
mid-job and started again with the same command."""

from __future__ import annotations

import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hubspot_associations.testing.redis_server import RedisServer

from tests.cli.helpers import chunks_done, read_failures, run, start
from tests.workers.harness import EmulatorProcess

WORKERS, ROWS, PER_SECOND, CHUNK = 4, 40_000, 10, 1_000

pytestmark = pytest.mark.no_contract  # the traffic is in other processes


@pytest.fixture(scope="module")
def hub() -> Iterator[EmulatorProcess]:
    with EmulatorProcess(PER_SECOND) as emulator:
        yield emulator


def write_input(path: Path) -> set[tuple[str, str]]:
    pairs = {(str(7_000_000 + i), str(300_000 + i % 811)) for i in range(ROWS)}
    with path.open("w") as f:
        f.write("from_id,to_id\n")
        for a, b in sorted(pairs):
            f.write(f"{a},{b}\n")
    return pairs


@pytest.mark.slow
def test_four_cli_workers_one_killed_and_resumed(
    hub: EmulatorProcess, redis_server: RedisServer, tmp_path: Path
) -> None:
    hub.call("clear")
    source = tmp_path / "pairs.csv"
    wanted = write_input(source)

    def args(k: int) -> list[str]:
        return [
            "associate-default", "contacts", "companies", str(source),
            "--shard", f"{k}/{WORKERS}",
            # margin: four CLI processes, the emulator and Redis share 2 cores; a slot's
            # request can reach the emulator 0.1 s (the default margin) after its booking
            "--redis", redis_server.url + "?window=1&margin=0.25",
            "--rate-limit", str(PER_SECOND),
            "--base-url", hub.url,
            "--chunk-size", str(CHUNK),
            "--progress", "none",
        ]  # fmt: skip

    workers = {k: start(args(k)) for k in range(1, WORKERS + 1)}
    journal = tmp_path / f"pairs.associate-default.contacts-companies.shard-1-of-{WORKERS}.journal"
    deadline = time.monotonic() + 120
    while chunks_done(journal) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert workers[1].poll() is None, "worker 1 finished before it could be killed"
    workers[1].send_signal(signal.SIGKILL)
    workers[1].communicate(timeout=60)
    finished_before = chunks_done(journal)
    assert 3 <= finished_before < ROWS // WORKERS // CHUNK

    restarted = run(args(1))  # the same command again
    outputs = {k: p.communicate(timeout=600) for k, p in workers.items() if k != 1}
    assert restarted.returncode == 0, restarted.stderr
    assert all(workers[k].returncode == 0 for k in outputs), outputs
    # It resumed: the chunks it had finished were not sent again.
    resumed = re.search(
        r"resumed\s+([\d,]+) rows were already done \(([\d,]+) chunks", restarted.stderr
    )
    assert resumed is not None, restarted.stderr
    assert int(resumed[2].replace(",", "")) == finished_before

    # 0 lost, exactly-once state: the emulator holds every row, no failure anywhere.
    assert hub.pairs() == wanted
    for k in range(1, WORKERS + 1):
        assert (
            read_failures(
                tmp_path
                / f"pairs.associate-default.contacts-companies.shard-{k}-of-{WORKERS}.failures.csv"
            )
            == []
        )
    _, by_status = hub.stats()
    # Each chunk answered once, but for those in flight at the kill (at most --concurrency 4).
    assert ROWS // CHUNK <= by_status[200] <= ROWS // CHUNK + 4
    assert by_status.get(429, 0) <= 2, by_status
