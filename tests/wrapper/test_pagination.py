"""Lazy paging: list follows `after`; batch read follows each id's own cursor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from unittest import mock

import httpx
import pytest
from hubspot_associations import (
    Association,
    AssociationType,
    NotFoundError,
    PagingCycleError,
    RecordAssociations,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.spec_facts import VERSIONS, has

from .fakes import (
    batch_body,
    batch_path,
    body_of,
    error_response,
    item_error,
    make_async_client,
    make_client,
    objects_path,
    reply,
    to_item,
)

PAGES = 12
PER_PAGE = 5


def list_handler(request: httpx.Request) -> httpx.Response:
    """One record's associations, PAGES pages of PER_PAGE: through GET list or, in versions
    without it, through batch read of that one id."""
    if request.method == "GET":
        after = request.url.params.get("after")
    else:
        (item,) = body_of(request)["inputs"]
        after = item.get("after")
    page = int(after or "0")
    start = page * PER_PAGE
    items = [to_item(str(1000 + start + i)) for i in range(PER_PAGE)]
    paging = {"paging": {"next": {"after": str(page + 1)}}} if page + 1 < PAGES else {}
    if request.method == "GET":
        return httpx.Response(200, json={"results": items, **paging})
    return reply(request, "batch_read", batch_body([{"from": {"id": "42"}, "to": items, **paging}]))


@pytest.mark.parametrize("version", VERSIONS)
def test_list_follows_after_across_many_pages(version: str) -> None:
    client, recorder, _ = make_client(version, list_handler)
    found = list(client.records.list("contacts", 42, "companies", page_size=PER_PAGE))
    assert [a.to_id for a in found] == [str(1000 + i) for i in range(PAGES * PER_PAGE)]
    assert found[0] == Association("1000", (AssociationType("HUBSPOT_DEFINED", 279),))
    assert len(recorder.requests) == PAGES
    cursors = [None] + [str(p) for p in range(1, PAGES)]
    if has(version, "list"):
        path = objects_path(version, "contacts/42/associations/companies")
        assert recorder.paths == [path] * PAGES
        assert [r.url.params.get("after") for r in recorder.requests] == cursors
        assert {r.url.params["limit"] for r in recorder.requests} == {str(PER_PAGE)}
    else:  # no GET list (2026-09): batch read of the one id, following its cursor
        assert recorder.paths == [batch_path(version, "contacts", "companies", "read")] * PAGES
        assert [body_of(r)["inputs"] for r in recorder.requests] == [
            [{"id": "42", **({"after": c} if c else {})}] for c in cursors
        ]


@pytest.mark.parametrize("version", [v for v in VERSIONS if not has(v, "list")])
def test_list_without_get_list_fails_and_ends_like_get_list(version: str) -> None:
    """Through batch read: an unknown record is a NotFoundError (GET list answers 404), a
    record without associations an empty list, and a cursor that does not move is an error
    (as with GET list), after the first page."""

    def handler(request: httpx.Request) -> httpx.Response:
        (item,) = body_of(request)["inputs"]
        rid = item["id"]
        if rid == "404":
            error = item_error("OBJECT_NOT_FOUND", "No contact with id 404", {"ids": ["404"]})
            return reply(request, "batch_read", batch_body([], [error]), partial=True)
        if rid == "5":
            error = item_error(
                "OBJECT_NOT_FOUND",
                "No companies is associated with contacts 5.",
                {"fromObjectId": ["5"]},
                "crm.associations.NO_ASSOCIATIONS_FOUND",
            )
            return reply(request, "batch_read", batch_body([], [error]), partial=True)
        stuck = {"paging": {"next": {"after": "same"}}}
        result = {"from": {"id": rid}, "to": [to_item("1")], **stuck}
        return reply(request, "batch_read", batch_body([result]))

    client, _, _ = make_client(version, handler)
    with pytest.raises(NotFoundError, match="No contact with id 404"):
        list(client.records.list("contacts", 404, "companies"))
    assert list(client.records.list("contacts", 5, "companies")) == []
    seen: list[str] = []
    with pytest.raises(PagingCycleError):
        seen.extend(a.to_id for a in client.records.list("contacts", 6, "companies"))
    assert seen == ["1"]


@pytest.mark.parametrize("version", VERSIONS)
def test_list_is_lazy(version: str) -> None:
    client, recorder, _ = make_client(version, list_handler)
    items = client.records.list("contacts", 42, "companies", page_size=PER_PAGE)
    assert recorder.requests == []  # nothing sent before iteration starts
    first = next(items)
    assert first.to_id == "1000" and len(recorder.requests) == 1
    for _ in range(PER_PAGE - 1):
        next(items)
    assert len(recorder.requests) == 1  # the second page only when the first is used up
    next(items)
    assert len(recorder.requests) == 2


@pytest.mark.parametrize("version", VERSIONS)
async def test_async_list_is_lazy_and_complete(version: str) -> None:
    client, recorder, _ = make_async_client(version, list_handler)
    items = client.records.list("contacts", 42, "companies", page_size=PER_PAGE)
    first = await items.__anext__()
    assert first.to_id == "1000" and len(recorder.requests) == 1
    rest = [a.to_id async for a in items]
    assert len(rest) == PAGES * PER_PAGE - 1 and len(recorder.requests) == PAGES


def reader(
    pages_of: dict[str, int], missing: frozenset[str] = frozenset()
) -> Callable[[httpx.Request], httpx.Response]:
    """Batch read: id i has pages_of[i] pages of 2 associations; `missing` ids do not exist."""

    def handler(request: httpx.Request) -> httpx.Response:
        results, errors = [], []
        for item in body_of(request)["inputs"]:
            rid, page = item["id"], int(item.get("after", "0"))
            if rid in missing:
                errors.append(item_error("OBJECT_NOT_FOUND", f"no {rid}", {"ids": [rid]}))
                continue
            if pages_of.get(rid, 0) == 0:
                errors.append(
                    item_error(
                        "OBJECT_NOT_FOUND",
                        f"No companies is associated with contacts {rid}.",
                        {"fromObjectId": [rid]},
                        "crm.associations.NO_ASSOCIATIONS_FOUND",
                    )
                )
                continue
            result: dict[str, Any] = {
                "from": {"id": rid},
                "to": [to_item(f"{rid}0{page}{k}") for k in range(2)],
            }
            if page + 1 < pages_of[rid]:
                result["paging"] = {"next": {"after": str(page + 1)}}
            results.append(result)
        return reply(request, "batch_read", batch_body(results, errors), partial=bool(errors))

    return handler


@pytest.mark.parametrize("version", VERSIONS)
def test_batch_read_follows_each_ids_cursor(version: str) -> None:
    pages = {"1": 1, "2": 3, "3": 0, "4": 2}
    client, recorder, _ = make_client(version, reader(pages, frozenset({"5"})))
    read = client.batch.read("contacts", "companies", [1, "2", 3, 4, 5, "1"])
    got = {r.from_id: r.to_ids for r in read}
    assert got == {
        "1": ("1000", "1001"),
        "2": ("2000", "2001", "2010", "2011", "2020", "2021"),
        "3": (),  # NO_ASSOCIATIONS_FOUND: an empty result, not a failure
        "4": ("4000", "4001", "4010", "4011"),
    }
    assert [(f.inputs, f.category) for f in read.errors] == [(("5",), "OBJECT_NOT_FOUND")]
    assert recorder.paths == [batch_path(version, "contacts", "companies", "read")] * 3
    assert body_of(recorder.requests[0]) == {
        "inputs": [{"id": i} for i in ["1", "2", "3", "4", "5"]]  # duplicates sent once
    }
    assert body_of(recorder.requests[1]) == {
        "inputs": [{"id": "2", "after": "1"}, {"id": "4", "after": "1"}]
    }
    assert body_of(recorder.requests[2]) == {"inputs": [{"id": "2", "after": "2"}]}


@pytest.mark.parametrize("version", VERSIONS)
def test_batch_read_chunks_at_1000_and_is_lazy(version: str) -> None:
    ids = list(range(1, 2501))
    client, recorder, _ = make_client(version, reader({str(i): 1 for i in ids}))
    read = client.batch.read("contacts", "companies", ids)
    assert recorder.requests == []
    first = next(read)
    assert first == RecordAssociations(
        "1",
        (
            Association("1000", (AssociationType("HUBSPOT_DEFINED", 279),)),
            Association("1001", (AssociationType("HUBSPOT_DEFINED", 279),)),
        ),
    )
    assert len(recorder.requests) == 1
    rest = list(read)
    assert len(rest) == 2499 and not read.errors
    assert [len(body_of(r)["inputs"]) for r in recorder.requests] == [1000, 1000, 500]


@pytest.mark.parametrize("version", VERSIONS)
async def test_async_batch_read(version: str) -> None:
    client, recorder, _ = make_async_client(version, reader({"1": 2, "2": 0}, frozenset({"9"})))
    read = client.batch.read("contacts", "companies", [1, 2, 9])
    got = {r.from_id: r.to_ids async for r in read}
    assert got == {"1": ("1000", "1001", "1010", "1011"), "2": ()}
    assert [f.inputs for f in read.errors] == [("9",)]
    with pytest.raises(Exception, match="OBJECT_NOT_FOUND"):
        read.raise_for_errors()
    assert len(recorder.requests) == 2


@settings(max_examples=50, deadline=None)
@given(
    ids=st.lists(st.integers(min_value=1, max_value=40), max_size=40),
    pages=st.dictionaries(st.integers(1, 40), st.integers(0, 4)),
    missing=st.frozensets(st.integers(1, 40), max_size=6),
    rejected_calls=st.frozensets(st.integers(0, 30), max_size=4),
    version=st.sampled_from(VERSIONS),
)
def test_batch_read_every_id_exactly_once(
    ids: list[int],
    pages: dict[int, int],
    missing: frozenset[int],
    rejected_calls: frozenset[int],
    version: str,
) -> None:
    """Small chunks, random cursors, missing ids and whole-chunk rejections."""
    answer = reader({str(k): v for k, v in pages.items()}, frozenset(str(m) for m in missing))
    calls = [0]

    def handler(request: httpx.Request) -> httpx.Response:
        calls[0] += 1
        if calls[0] - 1 in rejected_calls:
            return error_response(400, "VALIDATION_ERROR", "rejected")
        return answer(request)

    client, _, _ = make_client(version, handler)
    with mock.patch("hubspot_associations._batch_operations.READ_CHUNK", 7):
        read = client.batch.read("contacts", "companies", ids)
        done = [r.from_id for r in read]
    failed = [i for f in read.errors for i in f.inputs]
    assert sorted(done + failed) == sorted({str(i) for i in ids})
    for from_id in done:
        assert int(from_id) not in missing


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("cursors", [["same"], ["a", "b"], ["a", "b", "c"]], ids=str)
def test_a_cursor_that_comes_back_is_an_error_not_an_endless_loop(
    version: str, cursors: list[str]
) -> None:
    """a, a... / a, b, a, b... / a, b, c, a...: stop with an error after one round."""

    def next_after(sent: str | None) -> str:
        return cursors[0] if sent is None else cursors[(cursors.index(sent) + 1) % len(cursors)]

    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            after = next_after(request.url.params.get("after"))
            body = {"results": [to_item("7")], "paging": {"next": {"after": after}}}
            return httpx.Response(200, json=body)
        sent = body_of(request)["inputs"][0].get("after")
        paging = {"next": {"after": next_after(sent)}}
        result = {"from": {"id": "1"}, "to": [to_item("7")], "paging": paging}
        return httpx.Response(200, json=batch_body([result]))

    client, recorder, _ = make_client(version, handler)
    seen: list[str] = []
    with pytest.raises(PagingCycleError, match="came back"):
        seen.extend(a.to_id for a in client.records.list("contacts", 1, "companies"))
    assert seen == ["7"] * len(cursors)  # each page once, the repeated one not
    assert len(recorder.requests) == len(cursors) + 1
    read = client.batch.read("contacts", "companies", [1, 2])
    assert list(read) == []  # 2 was left out: not believed empty
    failures = {f.category: f for f in read.errors}
    assert failures["PAGING_CYCLE"].inputs == ("1",)
    assert isinstance(failures["PAGING_CYCLE"].error, PagingCycleError)
    assert failures["UNACCOUNTED"].inputs == ("2",) and len(failures) == 2


@pytest.mark.parametrize("version", VERSIONS)
async def test_async_paging_cycles_are_errors_too(version: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        after = "b" if request.url.params.get("after") == "a" else "a"
        if request.method == "GET":
            body = {"results": [to_item("7")], "paging": {"next": {"after": after}}}
            return httpx.Response(200, json=body)
        sent = body_of(request)["inputs"][0].get("after")
        paging = {"next": {"after": "b" if sent == "a" else "a"}}
        result = {"from": {"id": "1"}, "to": [to_item("7")], "paging": paging}
        return reply(request, "batch_read", batch_body([result]))

    client, recorder, _ = make_async_client(version, handler)
    with pytest.raises(PagingCycleError):
        [a async for a in client.records.list("contacts", 1, "companies")]
    assert len(recorder.requests) == 3
    read = client.batch.read("contacts", "companies", [1])
    assert [r async for r in read] == []
    assert read.errors[0].category == "PAGING_CYCLE"
