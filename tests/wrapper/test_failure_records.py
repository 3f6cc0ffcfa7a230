"""One failure record per failed request (issue 19), not one per input: 2,000 inputs that met
one 503 are one ``BatchFailure`` holding them all; each input still maps to its failure."""

from __future__ import annotations

import httpx
import pytest
from hubspot_associations import UNKNOWN, BatchError, Pair

from .fakes import VERSIONS, batch_body, body_of, error_response, make_client, reply

PAIRS = [(i, i + 1) for i in range(1, 4501)]  # three chunks of at most 2,000


def test_a_failed_request_is_one_failure_whatever_its_size() -> None:
    client, recorder, _ = make_client(
        "2026-03", lambda r: error_response(503, "UNAVAILABLE", "down"), max_retries=0
    )
    result = client.batch.associate_default("contacts", "companies", PAIRS)
    assert len(recorder.requests) == 3 and len(result.errors) == 3
    assert [len(f.inputs) for f in result.errors] == [2000, 2000, 500]
    assert result.failed_count == 4500 and len(result.unknown_inputs) == 4500
    assert all(f.outcome == UNKNOWN and f.status == 503 for f in result.errors)
    mapped = list(result.failures_by_input())
    assert [item for item, _ in mapped] == [Pair(str(a), str(b)) for a, b in PAIRS]
    assert {id(failure) for _, failure in mapped} == {id(f) for f in result.errors}
    with pytest.raises(BatchError, match="4500 of 4500 inputs failed"):
        result.raise_for_errors()


@pytest.mark.parametrize("version", VERSIONS)
def test_chunks_skipped_after_a_fatal_error_are_one_failure_each(version: str) -> None:
    client, recorder, _ = make_client(
        version, lambda r: error_response(401, "INVALID_AUTHENTICATION", "no")
    )
    result = client.batch.associate_default("contacts", "companies", PAIRS)
    assert len(recorder.requests) == 1  # the rest were not sent
    assert [len(f.inputs) for f in result.errors] == [2000, 2000, 500]


@pytest.mark.parametrize("version", VERSIONS)
def test_batch_read_keeps_one_failure_per_failed_request(version: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        ids = [item["id"] for item in body_of(request)["inputs"]]
        if ids[0] == "1":
            return error_response(400, "VALIDATION_ERROR", "bad chunk")
        return reply(
            request, "batch_read", batch_body([{"from": {"id": i}, "to": []} for i in ids])
        )

    client, _, _ = make_client(version, handler)
    read = client.batch.read("contacts", "companies", range(1, 2501))
    assert len(list(read)) == 1500
    (failure,) = read.errors
    assert failure.inputs == tuple(str(i) for i in range(1, 1001))


def test_a_big_job_that_fails_keeps_one_record_per_chunk() -> None:
    """200,000 inputs that all fail (the token was revoked): 100 records, not 200,000."""
    client, _, _ = make_client(
        "2026-03", lambda r: error_response(401, "INVALID_AUTHENTICATION", "no")
    )
    pairs = ((i, i + 1) for i in range(1, 200_001))
    result = client.batch.associate_default("contacts", "companies", pairs, keep="failures")
    assert len(result.errors) == 100 and result.failed_count == 200_000
