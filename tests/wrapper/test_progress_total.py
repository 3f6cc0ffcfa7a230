"""``on_progress(done, total)`` (issue 19): ``total`` is ``len(inputs)`` when the input has a
length, and None when it has not (a generator), never a guess such as the inputs read so far."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from .fakes import batch_body, make_async_client, make_client, reply

PAIRS = [(i, i + 1) for i in range(1, 4501)]


def ok(request: httpx.Request) -> httpx.Response:
    return reply(request, "batch_archive", batch_body([]))


def generator() -> Iterator[tuple[int, int]]:
    yield from PAIRS


SOURCES = {
    "list": (lambda: list(PAIRS), 4500),
    "generator expression": (lambda: ((i, i + 1) for i in range(1, 4501)), None),
    "generator": (generator, None),
    "dict keys": (lambda: dict.fromkeys(PAIRS).keys(), 4500),
    "tuple": (lambda: tuple(PAIRS), 4500),
}


@pytest.mark.parametrize("source", list(SOURCES))
def test_progress_knows_the_total_only_when_the_input_has_a_length(source: str) -> None:
    make, total = SOURCES[source]
    client, _, _ = make_client("2026-03", ok)
    seen: list[tuple[int, int | None]] = []
    result = client.batch.archive(
        "contacts", "companies", make(), on_progress=lambda d, t: seen.append((d, t))
    )
    assert result.succeeded_count == 4500
    assert seen == [(2000, total), (4000, total), (4500, total)]


async def test_async_progress_says_when_the_total_is_unknown() -> None:
    client, _, _ = make_async_client("2026-03", ok)
    seen: list[tuple[int, int | None]] = []
    await client.batch.archive(
        "contacts", "companies", generator(), on_progress=lambda d, t: seen.append((d, t))
    )
    assert seen == [(2000, None), (4000, None), (4500, None)]
