"""Property: after a bulk create with injected faults, the emulator holds exactly the inputs
the client reported as succeeded - nothing lost, nothing duplicated, nothing extra."""

from __future__ import annotations

import asyncio
import random
from typing import Any

import pytest
from hubspot_associations import AsyncClient, Client
from hubspot_associations.testing import Emulator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .helpers import VERSIONS

PRIMARY = ("HUBSPOT_DEFINED", 1)

# Faults that strike before the emulator does any work: a request that fails did nothing.
before = st.fixed_dictionaries(
    {
        "statuses": st.lists(st.sampled_from([429, 500, 502, 503, 504]), max_size=6),
        "random_rate": st.sampled_from([0.0, 0.1, 0.3]),
        "drop": st.booleans(),
        "seed": st.integers(0, 10_000),
    }
)


def _inputs(draw: Any) -> list[tuple[int, int]]:
    """Small hand-shaped lists, or big ones (several 2,000-input chunks) from a seed."""
    if draw(st.booleans()):
        pairs = st.tuples(st.integers(1, 60), st.integers(1, 60))
        return list(draw(st.lists(pairs, min_size=1, max_size=40)))
    size, seed = draw(st.sampled_from([1999, 2001, 4100])), draw(st.integers(0, 99))
    rng = random.Random(seed)
    return [(rng.randint(1, 3000), rng.randint(1, 60)) for _ in range(size)]


@pytest.mark.no_contract  # big bodies: the spec checks run elsewhere, this is about state
@pytest.mark.parametrize("version", VERSIONS)
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large, HealthCheck.large_base_example],
)  # fmt: skip
@given(data=st.data(), faults=before, deleted=st.sets(st.integers(1, 60), max_size=4))
@pytest.mark.slow
def test_state_equals_reported_successes(
    hubspot_emulator: Emulator, version: str, data: Any, faults: Any, deleted: set[int]
) -> None:
    hub = hubspot_emulator
    hub.reset()
    hub.delete_records("companies", deleted)
    hub.faults.rate_limit(None)
    for status in faults["statuses"]:
        hub.faults.fail_next(1, status=status, match="batch_create", retry_after=0)
    if faults["random_rate"]:
        hub.faults.fail_randomly(faults["random_rate"], match="batch_create", retry_after=0)
    if faults["drop"]:
        hub.faults.drop_next(1, match="batch_create")
    hub.faults.reseed(faults["seed"])
    inputs = [(f, t, [PRIMARY]) for f, t in _inputs(data.draw)]

    with Client("t", version=version, base_url=hub.url, max_retries=2) as client:
        result = client.batch.create("contacts", "companies", inputs)

    reported = [(i.from_id, i.to_id) for i in result.succeeded]
    failed = [(i.from_id, i.to_id) for i in result.failed_inputs]
    # every input exactly once, as a success or a failure
    assert sorted(reported + failed) == sorted((str(f), str(t)) for f, t, _ in inputs)
    # the emulator holds exactly the reported successes (duplicates collapse to one)
    assert hub.associations("contacts", "companies") == set(reported)
    # and both directions agree
    assert hub.associations("companies", "contacts") == {(t, f) for f, t in reported}
    # an input naming a deleted company never succeeds
    assert not any(int(t) in deleted for _, t in reported)


@pytest.mark.no_contract
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    seed=st.integers(0, 10_000),
    size=st.sampled_from([2001, 4500, 6500]),
    rate=st.sampled_from([0.1, 0.3]),
    version=st.sampled_from(VERSIONS),
)
@pytest.mark.slow
def test_async_chunks_in_parallel_keep_the_property(
    hubspot_emulator: Emulator, seed: int, size: int, rate: float, version: str
) -> None:
    """The async client sends chunks concurrently; random 5xx/429 strike some of them."""
    hub = hubspot_emulator
    hub.reset()
    hub.faults.reseed(seed).fail_randomly(
        rate, statuses=(429, 502, 503), match="batch_associate_default", retry_after=0
    )
    rng = random.Random(seed)
    pairs = [(rng.randint(1, 5000), rng.randint(1, 80)) for _ in range(size)]

    async def run() -> Any:
        async with AsyncClient(
            "t", version=version, base_url=hub.url, max_retries=1, max_concurrency=4
        ) as client:
            return await client.batch.associate_default("contacts", "companies", pairs)

    result = asyncio.run(run())
    reported = {(p.from_id, p.to_id) for p in result.succeeded}
    failed = {(p.from_id, p.to_id) for p in result.failed_inputs}
    assert len(result.succeeded) + len(result.failed_inputs) == size
    assert hub.associations("contacts", "companies") == reported
    assert not (failed - reported) & hub.associations("contacts", "companies")
