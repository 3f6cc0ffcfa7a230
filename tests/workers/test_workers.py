"""Four worker processes, one account (the emulator limited to 10 requests per second), one
shared Redis limiter: nothing lost, every association exactly once, (almost) no 429."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hubspot_associations.testing.redis_server import RedisServer

from tests.workers.harness import EmulatorProcess, run_workers, worker_pairs

WORKERS, COUNT, PER_SECOND = 4, 10_000, 10

pytestmark = pytest.mark.no_contract  # the traffic is in other processes


@pytest.fixture(scope="module")
def hub() -> Iterator[EmulatorProcess]:
    with EmulatorProcess(PER_SECOND) as emulator:
        yield emulator


@pytest.mark.slow
def test_four_workers_share_the_account_limit(
    hub: EmulatorProcess, redis_server: RedisServer
) -> None:
    scenario = run_workers(
        hub, redis_server.url + "?window=1", workers=WORKERS, count=COUNT, per_second=PER_SECOND
    )
    assert [w.error for w in scenario.workers] == [None] * WORKERS
    # 0 lost: every input reported as succeeded, none failed, each exactly once.
    assert [len(w.failed) for w in scenario.workers] == [0] * WORKERS
    reported = [pair for w in scenario.workers for pair in w.succeeded]
    assert len(reported) == len(set(reported)) == WORKERS * COUNT
    # The emulator holds exactly the inputs of the four workers.
    wanted = {(str(a), str(b)) for w in range(WORKERS) for a, b in worker_pairs(w, COUNT)}
    assert set(reported) == wanted
    assert hub.pairs() == wanted
    # The shared budget kept the account (almost) free of 429s.
    assert scenario.too_many <= 2, scenario.by_status
