"""Honest outcomes: "failed" never hides "may have been written"; a retried create whose first
answer was lost is recognised; summaries count distinct errors, not inputs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from hubspot_associations import (
    FAILED,
    UNKNOWN,
    APIConnectionError,
    AsyncClient,
    BatchError,
    Client,
    HubSpotError,
    ValidationError,
)

from .fakes import (
    VERSIONS,
    batch_body,
    error_response,
    item_error,
    labels_pair,
    make_async_client,
    make_client,
    reply,
)

pytest.importorskip("uvicorn")

PRIMARY = ("HUBSPOT_DEFINED", 1)


def raising(exc: type[httpx.TransportError]) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc("boom", request=request)

    return handler


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(
    ("handler", "outcome"),
    [
        (raising(httpx.ConnectError), FAILED),  # never sent
        (raising(httpx.ConnectTimeout), FAILED),
        (raising(httpx.ReadTimeout), UNKNOWN),  # sent, answer lost
        (raising(httpx.RemoteProtocolError), UNKNOWN),
        (raising(httpx.ReadError), UNKNOWN),
        (lambda r: error_response(400, "VALIDATION_ERROR", "no"), FAILED),  # HubSpot refused
        (lambda r: error_response(429, "RATE_LIMITS", "slow", policyName="DAILY"), FAILED),
        (lambda r: error_response(502, "BAD_GATEWAY", "gateway"), UNKNOWN),
        (lambda r: httpx.Response(201, json={"status": "COMPLETE"}), UNKNOWN),  # unbelievable
    ],
)
@pytest.mark.no_contract
def test_every_failure_says_whether_it_may_have_been_applied(
    version: str, handler: Any, outcome: str
) -> None:
    client, _, _ = make_client(version, handler, max_retries=1)
    result = client.batch.create("contacts", "companies", [(1, 2, [PRIMARY]), (3, 4, [PRIMARY])])
    assert result.succeeded == []
    assert {f.outcome for f in result.errors} == {outcome}
    assert result.unknown_inputs == (result.failed_inputs if outcome == UNKNOWN else [])
    assert ("may have been applied" in str(result.errors[0])) == (outcome == UNKNOWN)
    with pytest.raises(HubSpotError) as info:
        client.records.associate("contacts", 1, "companies", 2)
    assert info.value.outcome == outcome
    assert info.value.may_have_applied == (outcome == UNKNOWN)


@pytest.mark.no_contract
@pytest.mark.parametrize("version", VERSIONS)
def test_a_refusal_after_a_lost_answer_may_still_have_been_applied(version: str) -> None:
    answers: list[Any] = [httpx.ReadTimeout, error_response(400, "VALIDATION_ERROR", "exists")]

    def handler(request: httpx.Request) -> httpx.Response:
        answer = answers.pop(0)
        if isinstance(answer, type):
            raise answer("lost", request=request)
        return answer

    client, _, _ = make_client(version, handler)
    with pytest.raises(ValidationError) as info:
        client.records.associate("contacts", 1, "companies", 2)
    assert info.value.outcome == UNKNOWN
    assert "answer was lost" in str(info.value)


@pytest.mark.parametrize("version", VERSIONS)
def test_a_label_created_by_an_attempt_whose_answer_was_lost_is_returned(
    version: str, hubspot_emulator: Any
) -> None:
    hub = hubspot_emulator
    hub.faults.drop_next(1, match="labels_create", after_processing=True)
    with Client("test", version=version, base_url=hub.url) as client:
        made = client.labels.create("contacts", "companies", "Boss", inverse_label="Employee")
        assert [d.label for d in made] == ["Boss", "Employee"]
        listed = client.labels.list("contacts", "companies")
        assert [d.type_id for d in listed if d.label == "Boss"] == [made[0].type_id]
        # a genuine duplicate (no answer lost) is still an error
        with pytest.raises(ValidationError, match="already exists"):
            client.labels.create("contacts", "companies", "Boss")


@pytest.mark.parametrize("version", VERSIONS)
async def test_async_label_create_recognises_its_own_lost_attempt(
    version: str, hubspot_emulator: Any
) -> None:
    hub = hubspot_emulator
    hub.faults.drop_next(1, match="labels_create", after_processing=True)
    async with AsyncClient("test", version=version, base_url=hub.url) as client:
        made = await client.labels.create("contacts", "companies", "Owner")
        assert [d.label for d in made] == ["Owner"]


@pytest.mark.parametrize("version", VERSIONS)
def test_a_lost_batch_answer_is_reported_as_unknown_and_was_in_fact_applied(
    version: str, hubspot_emulator: Any
) -> None:
    hub = hubspot_emulator
    hub.faults.drop_next(1, match="batch_associate_default", after_processing=True)
    with Client("test", version=version, base_url=hub.url, max_retries=0) as client:
        result = client.batch.associate_default("contacts", "companies", [(1, 2), (3, 4)])
    assert result.succeeded == []
    assert sorted(p.from_id for p in result.unknown_inputs) == ["1", "3"]
    assert all(f.may_have_applied and f.outcome == UNKNOWN for f in result.errors)
    assert hub.associations("contacts", "companies") == {("1", "2"), ("3", "4")}
    with pytest.raises(BatchError, match="may have been applied"):
        result.raise_for_errors()


@pytest.mark.parametrize("version", VERSIONS)
async def test_async_lost_answers_are_unknown_too(version: str) -> None:
    client, _, _ = make_async_client(version, raising(httpx.ReadTimeout), max_retries=0)
    result = await client.batch.archive("contacts", "companies", [(1, 2)])
    assert result.unknown_inputs == result.failed_inputs != []
    with pytest.raises(APIConnectionError) as info:
        await client.labels.list("contacts", "companies")
    assert info.value.may_have_applied


@pytest.mark.parametrize("version", VERSIONS)
def test_one_401_on_10000_inputs_is_one_error_in_the_summary(version: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return error_response(401, "INVALID_AUTHENTICATION", "The token has expired.")

    client, recorder, _ = make_client(version, handler)
    pairs = [(i, i + 1) for i in range(1, 10_001)]
    result = client.batch.associate_default("contacts", "companies", pairs)
    assert len(recorder.requests) == 1
    with pytest.raises(BatchError) as info:
        result.raise_for_errors()
    text = str(info.value)
    assert text.startswith("1 distinct error(s); 10000 of 10000 inputs failed")
    assert "10000 inputs: INVALID_AUTHENTICATION: The token has expired." in text
    assert "8000" not in text and len(text) < 500
    assert "failed=10000" in repr(result)


@pytest.mark.parametrize("version", VERSIONS)
def test_summaries_group_item_errors_by_error(version: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        errors = [
            item_error("OBJECT_NOT_FOUND", "missing", {"fromObjectId": [str(i)]})
            for i in range(1, 6)
        ] + [item_error("VALIDATION_ERROR", "limit", {"fromObjectId": ["6"]})]
        made = [labels_pair(str(i), "99") for i in (7, 8)]
        return reply(request, "batch_create", batch_body(made, errors), partial=True)

    client, _, _ = make_client(version, handler)
    result = client.batch.create("contacts", "companies", [(i, 99, [PRIMARY]) for i in range(1, 9)])
    with pytest.raises(BatchError) as info:
        result.raise_for_errors()
    assert str(info.value).startswith("2 distinct error(s); 6 of 8 inputs failed")
    assert "5 inputs: OBJECT_NOT_FOUND: missing" in str(info.value)


@pytest.mark.parametrize("version", VERSIONS)
def test_batch_read_summary_counts_ids_per_distinct_error(version: str) -> None:
    client, _, _ = make_client(
        version, lambda r: error_response(403, "MISSING_SCOPES", "scopes"), max_retries=0
    )
    read = client.batch.read("contacts", "companies", range(1, 2501))
    assert list(read) == []
    with pytest.raises(BatchError, match=r"^batch read: 1 distinct error\(s\); 2500 of 2500 id"):
        read.raise_for_errors()


@pytest.mark.no_contract
@pytest.mark.parametrize("version", VERSIONS)
def test_chunks_never_sent_after_a_fatal_error_are_failed_even_if_it_was_unknown(
    version: str,
) -> None:
    """Chunk 1: the answer is lost, the retry hears 401 (unknown: the first attempt may have
    written). Chunks 2 and 3 are never sent: failed, not unknown."""
    answers: list[Any] = [httpx.ReadTimeout, error_response(401, "INVALID_AUTHENTICATION", "x")]

    def handler(request: httpx.Request) -> httpx.Response:
        answer = answers.pop(0)
        if isinstance(answer, type):
            raise answer("lost", request=request)
        return answer

    client, recorder, _ = make_client(version, handler)
    pairs = [(i, i + 1) for i in range(1, 5001)]
    result = client.batch.associate_default("contacts", "companies", pairs)
    assert len(recorder.requests) == 2
    assert len(result.unknown_inputs) == 2000  # the first chunk only
    assert len(result.failed_inputs) == 5000
    read_client, _, _ = make_client(
        version, lambda r: error_response(401, "INVALID_AUTHENTICATION", "x")
    )
    read = read_client.batch.read("contacts", "companies", range(1, 2501))
    assert list(read) == []
    assert {f.outcome for f in read.errors} == {FAILED}
