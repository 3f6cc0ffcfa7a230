"""Answers the client must not believe: redirects, undeclared statuses, bodies of the wrong
shape. Every operation, sync and async: an error naming the status, an excerpt of the body
and the correlation id; never a bare Python error, never a success."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from hubspot_associations import (
    UNKNOWN,
    AsyncClient,
    BatchResult,
    Client,
    HubSpotError,
    MalformedResponseError,
    UnexpectedResponseError,
)
from hubspot_associations.versions import ApiVersion

from .fakes import VERSIONS, make_async_client, make_client

pytestmark = pytest.mark.no_contract

CORRELATION = "3f0c2a4e-0000-4000-8000-00000000beef"

HOSTILE: dict[str, tuple[int, dict[str, str], bytes]] = {
    "302 to a login page": (
        302,
        {"Location": "https://sso.example.test/login", "Content-Type": "text/html"},
        b"<html><body>Please sign in</body></html>",
    ),
    "301 without body": (301, {"Location": "http://127.0.0.1:9/elsewhere"}, b""),
    "200 {}": (200, {"Content-Type": "application/json"}, b"{}"),
    "200 [1,2,3]": (200, {"Content-Type": "application/json"}, b"[1,2,3]"),
    "200 empty": (200, {}, b""),
    "200 html": (200, {"Content-Type": "text/html"}, b"<html>proxy page</html>"),
    "204 empty": (204, {}, b""),
    "201 results of the wrong shape": (
        201,
        {"Content-Type": "application/json"},
        b'{"status":"COMPLETE","results":[{"weird":1},"x",null],"paging":{"next":{"after":[]}}}',
    ),
    "200 results of the wrong shape": (
        200,
        {"Content-Type": "application/json"},
        b'{"status":"COMPLETE","results":[{"toObjectId":null,"from":7,"category":1,"typeId":"x"}],'
        b'"userId":"me","fromObjectId":{}}',
    ),
}

# The operation behind each call whose success may be a 204 or a body the SDK does not read.
OPERATION = {
    "remove": "archive", "labels.update": "labels_update", "labels.delete": "labels_archive",
    "batch.archive": "batch_archive", "batch.archive_labels": "batch_archive_labels",
    "limits.purge": "limits_batch_purge",
}  # fmt: skip


def declares(version: str, name: str, status: int) -> bool:
    operation = OPERATION.get(name)
    return operation is not None and status in ApiVersion(version).facts(operation).success


PAIRS = [(1, 10), (2, 20), (3, 30)]
TYPED = [(1, 10, [("USER_DEFINED", 36)]), (2, 20, [("USER_DEFINED", 36)])]
LIMITS = [("USER_DEFINED", 36, 1)]

SINGLE: dict[str, Callable[[Any], Any]] = {
    "records.list": lambda c: c.records.list("contacts", 1, "companies"),
    "associate": lambda c: c.records.associate("contacts", 1, "companies", 2),
    "associate labelled": lambda c: c.records.associate(
        "contacts", 1, "companies", 2, [("USER_DEFINED", 36)]
    ),
    "remove": lambda c: c.records.remove("contacts", 1, "companies", 2),
    "labels.list": lambda c: c.labels.list("contacts", "companies"),
    "labels.create": lambda c: c.labels.create("contacts", "companies", "Boss"),
    "labels.update": lambda c: c.labels.update("contacts", "companies", 36, "Chief"),
    "labels.delete": lambda c: c.labels.delete("contacts", "companies", 36),
    "limits.list": lambda c: c.limits.list("contacts", "companies"),
    "limits.list_all": lambda c: c.limits.list(),
    "reports.high_usage": lambda c: c.reports.high_usage(7),
}
BATCH: dict[str, Callable[[Any], Any]] = {
    "batch.create": lambda c: c.batch.create("contacts", "companies", TYPED),
    "batch.associate_default": lambda c: c.batch.associate_default("contacts", "companies", PAIRS),
    "batch.archive": lambda c: c.batch.archive("contacts", "companies", PAIRS),
    "batch.archive_labels": lambda c: c.batch.archive_labels("contacts", "companies", TYPED),
    "limits.create": lambda c: c.limits.create("contacts", "companies", LIMITS),
    "limits.update": lambda c: c.limits.update("contacts", "companies", LIMITS),
    "limits.purge": lambda c: c.limits.purge("contacts", "companies", [("USER_DEFINED", 36)]),
}
READ_IDS = [1, 2, 3]


def hostile(case: str) -> Callable[[httpx.Request], httpx.Response]:
    status, headers, content = HOSTILE[case]

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            status, headers={**headers, "X-HubSpot-Correlation-Id": CORRELATION}, content=content
        )

    return handler


def legit(version: str, name: str, case: str) -> bool:
    """A 204 where the operation's success is a 204, or (for removals, whose results the SDK
    does not read) a complete BatchResponse where its success is a 200 with a body."""
    status = HOSTILE[case][0]
    if case == "200 results of the wrong shape":
        return declares(version, name, 200)
    return status == 204 and declares(version, name, 204)


def check_error(error: HubSpotError, case: str) -> None:
    status = HOSTILE[case][0]
    assert isinstance(error, UnexpectedResponseError), repr(error)
    assert error.status == status
    assert error.correlation_id == CORRELATION
    text = str(error)
    assert f"HTTP {status}" in text and CORRELATION in text
    if HOSTILE[case][2]:
        assert HOSTILE[case][2][:12].decode() in text  # an excerpt of what came back
    if 200 <= status < 300:
        assert isinstance(error, MalformedResponseError)
        assert error.outcome == UNKNOWN and error.may_have_applied


def check_batch(result: BatchResult[Any, Any], inputs: int, case: str) -> None:
    assert result.succeeded == []
    assert len(result.failed_inputs) == inputs
    for failure in result.errors:
        assert failure.error is not None
        check_error(failure.error, case)
        assert failure.correlation_id == CORRELATION


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("case", list(HOSTILE))
@pytest.mark.parametrize("name", list(SINGLE))
def test_single_calls_refuse_hostile_answers(version: str, case: str, name: str) -> None:
    if legit(version, name, case):
        pytest.skip("a 204 is this operation's success")
    client, recorder, _ = make_client(version, hostile(case), max_retries=1)
    with pytest.raises(HubSpotError) as info:
        result = SINGLE[name](client)
        if name == "records.list":
            list(result)
    check_error(info.value, case)
    status = HOSTILE[case][0]
    retried = 200 <= status < 300 and name not in ("labels.create", "reports.high_usage")
    assert len(recorder.requests) == (2 if retried else 1)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("case", list(HOSTILE))
@pytest.mark.parametrize("name", list(BATCH))
def test_batch_writes_never_report_success_on_a_hostile_answer(
    version: str, case: str, name: str
) -> None:
    if legit(version, name, case):
        pytest.skip("a 204 is this operation's success")
    client, _, _ = make_client(version, hostile(case), max_retries=0)
    result = BATCH[name](client)
    inputs = {"batch.create": 2, "batch.archive_labels": 2, "limits.create": 1,
              "limits.update": 1, "limits.purge": 1}.get(name, 3)  # fmt: skip
    check_batch(result, inputs, case)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("case", list(HOSTILE))
def test_batch_read_never_reports_no_associations_on_a_hostile_answer(
    version: str, case: str
) -> None:
    client, _, _ = make_client(version, hostile(case), max_retries=0)
    read = client.batch.read("contacts", "companies", READ_IDS)
    assert list(read) == []
    assert sorted(i for f in read.errors for i in f.inputs) == ["1", "2", "3"]
    for failure in read.errors:
        assert failure.error is not None
        check_error(failure.error, case)


@pytest.mark.parametrize("case", list(HOSTILE))
def test_search_refuses_hostile_answers(case: str) -> None:
    client, _, _ = make_client("2026-03", hostile(case), max_retries=0)
    with pytest.raises(HubSpotError) as info:
        list(client.records.search("contacts", query="x"))
    check_error(info.value, case)


ASYNC_SINGLE: dict[str, Callable[[AsyncClient], Awaitable[Any]]] = {
    "associate": lambda c: c.records.associate("contacts", 1, "companies", 2),
    "labels.list": lambda c: c.labels.list("contacts", "companies"),
    "reports.high_usage": lambda c: c.reports.high_usage(7),
}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("case", list(HOSTILE))
async def test_async_client_refuses_hostile_answers(version: str, case: str) -> None:
    client, _, _ = make_async_client(version, hostile(case), max_retries=0)
    for call in ASYNC_SINGLE.values():
        with pytest.raises(HubSpotError) as info:
            await call(client)
        check_error(info.value, case)
    with pytest.raises(HubSpotError) as info:
        [a async for a in client.records.list("contacts", 1, "companies")]
    check_error(info.value, case)
    result = await client.batch.associate_default("contacts", "companies", PAIRS)
    check_batch(result, 3, case)
    read = client.batch.read("contacts", "companies", READ_IDS)
    assert [r async for r in read] == []
    assert sum(len(f.inputs) for f in read.errors) == 3


@pytest.mark.parametrize("version", VERSIONS)
def test_redirects_are_not_followed_even_by_a_user_http_client(version: str) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.host == "127.0.0.1":
            return httpx.Response(307, headers={"Location": "http://evil.example.test/steal"})
        return httpx.Response(200, json={"results": []})

    http = httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=True)
    client = Client("tok", version=version, base_url="http://127.0.0.1:9", http_client=http)
    with pytest.raises(UnexpectedResponseError, match="HTTP 307"):
        client.labels.list("contacts", "companies")
    assert all("evil" not in url for url in seen)


def test_an_error_message_of_50_mb_is_bounded_in_the_exception_text() -> None:
    huge = json.dumps(
        {"status": "error", "category": "VALIDATION_ERROR", "message": "x" * 50_000_000}
    )

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            400, content=huge.encode(), headers={"Content-Type": "application/json"}
        )

    client, _, _ = make_client("v4", handler)
    with pytest.raises(HubSpotError) as info:
        client.labels.list("contacts", "companies")
    assert len(str(info.value)) < 1000
    assert len(repr(info.value)) < 1000
    assert info.value.body is None  # not kept: larger than errors.MAX_KEPT_BODY


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(
    ("call", "body"),
    [
        (
            lambda c: c.records.associate("contacts", 1, "companies", 2),
            {"status": "COMPLETE", "results": [], "errors": [{"context": {"fromObjectId": 5}}]},
        ),
        (
            lambda c: c.records.associate("contacts", 1, "companies", 2),
            {"status": "COMPLETE", "results": [], "errors": {"0": "x"}},
        ),
        (
            lambda c: c.reports.high_usage(7),
            {"userId": 7, "userEmail": "a@b.c", "enqueueTime": {"value": 10**20}},
        ),
        (
            lambda c: c.reports.high_usage(7),
            {"userId": True, "userEmail": "a@b.c"},
        ),
        (
            lambda c: c.labels.list("contacts", "companies"),
            {"results": [{"category": "USER_DEFINED", "typeId": 1e400}]},
        ),
    ],
)
def test_odd_fields_in_single_call_answers_are_errors_not_crashes(
    version: str, call: Callable[[Client], Any], body: Any
) -> None:
    content = json.dumps(body).replace("Infinity", "1e400").encode()
    client, _, _ = make_client(
        version, lambda r: httpx.Response(200, content=content), max_retries=0
    )
    with pytest.raises(HubSpotError) as info:
        call(client)
    assert info.value.status == 200


def test_a_malformed_list_entry_is_named_by_its_position() -> None:
    """The shape check names the entry of a list that broke it, by its position."""
    good = {"category": "USER_DEFINED", "typeId": 1, "label": "a"}
    body = {"results": [good, good, {"category": "USER_DEFINED", "typeId": "x"}]}
    client, _, _ = make_client("2026-03", lambda r: httpx.Response(200, json=body), max_retries=0)
    with pytest.raises(HubSpotError) as info:
        client.labels.list("contacts", "companies")
    assert "results: [2] typeId: expected an integer" in str(info.value)
