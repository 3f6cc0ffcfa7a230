"""Success only for what the answer accounts for (issue 16): a 2xx batch answer whose results
are empty or about other ids, or whose error names no input, leaves the inputs it does not
account for ``unknown`` (before, every input counted as succeeded); single calls raise."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import httpx
import pytest
from hubspot_associations import UNKNOWN, BatchResult, MalformedResponseError, Pair
from hubspot_associations.batching import UNACCOUNTED

from .fakes import (
    VERSIONS,
    batch_body,
    default_result,
    item_error,
    labels_pair,
    make_client,
    reply,
)

TYPES = [("HUBSPOT_DEFINED", 1)]
PAIRS = [(1, 10), (2, 20), (3, 30)]


def answering(
    operation: str, results: list[Any], errors: Sequence[Any] = ()
) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        return reply(request, operation, batch_body(results, list(errors)), partial=bool(errors))

    return handler


def pairs_of(items: list[Any]) -> list[tuple[str, str]]:
    return [(i.from_id, i.to_id) for i in items]


def unaccounted(result: BatchResult[Any, Any]) -> list[tuple[str, str]]:
    found = [f for f in result.errors if f.category == UNACCOUNTED]
    assert all(f.outcome == UNKNOWN for f in found)
    return [pair for f in found for pair in pairs_of(list(f.inputs))]


def write(client: Any, operation: str) -> BatchResult[Any, Any]:
    if operation == "batch_create":
        return client.batch.create("contacts", "companies", [(a, b, TYPES) for a, b in PAIRS])  # type: ignore[no-any-return]
    return client.batch.associate_default("contacts", "companies", PAIRS)  # type: ignore[no-any-return]


def result_of(operation: str, frm: str, to: str) -> dict[str, Any]:
    return labels_pair(frm, to) if operation == "batch_create" else default_result(frm, to)


WRITES = ["batch_create", "batch_associate_default"]


@pytest.mark.parametrize("operation", WRITES)
@pytest.mark.parametrize("version", VERSIONS)
def test_an_empty_answer_leaves_every_input_unknown(version: str, operation: str) -> None:
    client, _, _ = make_client(version, answering(operation, []))
    result = write(client, operation)
    assert result.succeeded == [] and result.results == []
    assert unaccounted(result) == [("1", "10"), ("2", "20"), ("3", "30")]
    assert len(result.unknown_inputs) == 3


@pytest.mark.parametrize("operation", WRITES)
@pytest.mark.parametrize("version", VERSIONS)
def test_results_about_other_ids_are_not_believed(version: str, operation: str) -> None:
    made = [result_of(operation, "1", "10"), result_of(operation, "9", "99")]
    client, _, _ = make_client(version, answering(operation, made))
    result = write(client, operation)
    assert pairs_of(result.succeeded) == [("1", "10")]
    assert [(r.from_id, r.to_id) for r in result.results] == [("1", "10")]
    assert unaccounted(result) == [("2", "20"), ("3", "30")]


@pytest.mark.parametrize("operation", WRITES)
@pytest.mark.parametrize("version", VERSIONS)
def test_an_error_without_context_leaves_the_unanswered_inputs_unknown(
    version: str, operation: str
) -> None:
    made = [result_of(operation, "1", "10")]
    errors = [item_error("VALIDATION_ERROR", "something failed", {})]
    client, _, _ = make_client(version, answering(operation, made, errors))
    result = write(client, operation)
    assert pairs_of(result.succeeded) == [("1", "10")]
    assert unaccounted(result) == [("2", "20"), ("3", "30")]
    assert result.total == 3 and result.failed_count == 2


@pytest.mark.parametrize("version", VERSIONS)
def test_a_result_in_the_other_direction_accounts_for_the_pair(version: str) -> None:
    made = [default_result(b, a) for a, b in (("1", "10"), ("2", "20"), ("3", "30"))]
    client, _, _ = make_client(version, answering("batch_associate_default", made))
    result = client.batch.associate_default("contacts", "companies", PAIRS)
    assert result.ok and pairs_of(result.succeeded) == [("1", "10"), ("2", "20"), ("3", "30")]


ARCHIVES = ["batch_archive", "batch_archive_labels"]


def archive(client: Any, operation: str) -> BatchResult[Any, Any]:
    if operation == "batch_archive":
        return client.batch.archive("contacts", "companies", PAIRS)  # type: ignore[no-any-return]
    return client.batch.archive_labels("contacts", "companies", [(a, b, TYPES) for a, b in PAIRS])  # type: ignore[no-any-return]


@pytest.mark.parametrize("operation", ARCHIVES)
@pytest.mark.parametrize("version", VERSIONS)
def test_archive_answers_are_accounted_for_too(version: str, operation: str) -> None:
    client, _, _ = make_client(version, answering(operation, []))
    assert archive(client, operation).succeeded_count == 3  # a status-only answer: all done
    if version == "v4":
        return  # v4 answers 204 without a body: no per-item errors to read
    named = item_error("OBJECT_NOT_FOUND", "no 2", {"fromObjectId": ["2"]})
    nameless = item_error("VALIDATION_ERROR", "something failed", {})
    client, _, _ = make_client(version, answering(operation, [], [named]))
    result = archive(client, operation)
    assert result.succeeded_count == 2 and unaccounted(result) == []
    client, _, _ = make_client(version, answering(operation, [], [named, nameless]))
    result = archive(client, operation)
    assert result.succeeded_count == 0 and unaccounted(result) == [("1", "10"), ("3", "30")]
    assert [f.category for f in result.errors] == [
        "OBJECT_NOT_FOUND",
        "VALIDATION_ERROR",
        UNACCOUNTED,
    ]


@pytest.mark.parametrize("version", VERSIONS)
def test_limits_results_must_name_the_type_asked_for(version: str) -> None:
    made = [{"category": "USER_DEFINED", "typeId": 7, "maxToObjectIds": 5}]
    client, _, _ = make_client(version, answering("limits_batch_create", made))
    result = client.limits.create("contacts", "companies", [("USER_DEFINED", 8, 5)])
    assert result.succeeded == [] and result.results == []
    assert [f.category for f in result.errors] == [UNACCOUNTED]


@pytest.mark.parametrize("made", [[], [default_result("9", "99")]], ids=["empty", "other ids"])
@pytest.mark.parametrize("version", VERSIONS)
def test_associate_raises_when_the_answer_does_not_mention_the_pair(
    version: str, made: list[Any]
) -> None:
    client, _, _ = make_client(version, lambda r: httpx.Response(200, json=batch_body(made)))
    with pytest.raises(MalformedResponseError, match="does not mention") as raised:
        client.records.associate("contacts", 1, "companies", 10)
    assert raised.value.outcome == UNKNOWN


@pytest.mark.parametrize("version", VERSIONS)
def test_associate_with_labels_raises_for_an_answer_about_another_pair(version: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return reply(request, "create", labels_pair("9", "99", ["x"]))

    client, _, _ = make_client(version, handler)
    with pytest.raises(MalformedResponseError, match="does not mention") as raised:
        client.records.associate("contacts", 1, "companies", 10, types=TYPES)
    assert raised.value.outcome == UNKNOWN
    client, _, _ = make_client(version, lambda r: reply(r, "create", labels_pair("10", "1")))
    made = client.records.associate("contacts", 1, "companies", 10, types=TYPES)
    assert (made.from_id, made.to_id) == ("1", "10")


def test_the_pairs_of_a_result_are_compared_as_normalised_ids() -> None:
    client, _, _ = make_client(
        "2026-03", answering("batch_associate_default", [default_result("1", "10")])
    )
    result = client.batch.associate_default("contacts", "companies", [Pair("1", "10"), (1, 10)])
    assert result.succeeded_count == 2
