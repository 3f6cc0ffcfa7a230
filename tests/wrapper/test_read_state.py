"""Batch read's per-id cursors in-process: answers the compact decoder refuses go through the
generic JSON path; an id whose associations are unreadable fails alone."""

from __future__ import annotations

import json
from typing import Any

from hubspot_associations import MalformedResponseError, PagingCycleError
from hubspot_associations.pagination import BatchReadState, ReadPage, decode_read_page


def to(to_id: Any) -> dict[str, Any]:
    return {"toObjectId": to_id, "associationTypes": [{"category": "HUBSPOT_DEFINED", "typeId": 1}]}


def test_an_answer_of_another_shape_is_read_by_the_generic_path() -> None:
    state = BatchReadState(["1", "2", "3", "4"])
    chunk = state.next_chunk()
    assert chunk == [("1", None), ("2", None), ("3", None), ("4", None)]
    answer = {  # no "status": the compact ReadPage decoder refuses it, the JSON is fine
        "results": [
            {"from": {"id": "1"}, "to": [to(10), to(11)]},
            {"from": {"id": "2"}, "to": [to(20)], "paging": {"next": {"after": "p2"}}},
            "not an object",
            {"from": "not an object"},
            {"from": {"id": "999"}, "to": [to(1)]},  # not asked: ignored
        ],
        "errors": [
            {
                "status": "error",
                "category": "OBJECT_NOT_FOUND",
                "message": "no such record",
                "context": {"fromObjectId": ["4"]},
            }
        ],
    }
    body = decode_read_page(json.dumps(answer).encode())
    assert not isinstance(body, ReadPage)
    done = {r.from_id: r.to_ids for r in state.on_answer(chunk, body)}
    assert done["1"] == ("10", "11")
    assert "3" not in done  # left out by HubSpot: not believed empty
    assert "2" not in done  # its next page is pending
    assert state.next_chunk() == [("2", "p2")]
    assert [(f.inputs, f.category, f.outcome) for f in state.errors] == [
        (("4",), "OBJECT_NOT_FOUND", "failed"),
        (("3",), "UNACCOUNTED", "unknown"),
    ]


def test_an_id_with_unreadable_associations_fails_alone() -> None:
    state = BatchReadState(["1", "2"])
    chunk = state.next_chunk()
    answer = {
        "status": "COMPLETE",
        "results": [
            {"from": {"id": "1"}, "to": "garbage"},
            {"from": {"id": "2"}, "to": [to(20)]},
            {"from": {"id": "3"}, "to": [to(30)]},  # not asked: ignored
        ],
    }
    body = decode_read_page(json.dumps(answer).encode())
    assert isinstance(body, ReadPage)
    done = state.on_answer(chunk, body)
    assert [(r.from_id, r.to_ids) for r in done] == [("2", ("20",))]
    (failure,) = state.errors
    assert failure.inputs == ("1",)
    assert isinstance(failure.error, MalformedResponseError)
    assert "the associations of 1 are not readable" in str(failure.error)


def test_a_cursor_that_comes_back_is_a_paging_cycle() -> None:
    state = BatchReadState(["1"])
    page = {"from": {"id": "1"}, "to": [to(10)], "paging": {"next": {"after": "a"}}}
    body = decode_read_page(json.dumps({"results": [page]}).encode())  # generic path
    assert state.on_answer(state.next_chunk(), body) == []
    chunk = state.next_chunk()
    assert chunk == [("1", "a")]
    assert state.on_answer(chunk, body) == []  # "a" again
    (failure,) = state.errors
    assert isinstance(failure.error, PagingCycleError)
    assert state.next_chunk() == []


def test_only_an_error_naming_an_id_says_it_has_no_associations() -> None:
    """An id the answer leaves out, or that only a NO_ASSOCIATIONS error naming no id could
    be about, is not believed empty: UNACCOUNTED, outcome unknown (issue 16)."""
    no_associations = {
        "status": "error", "category": "OBJECT_NOT_FOUND", "message": "none",
        "subCategory": "crm.associations.NO_ASSOCIATIONS_FOUND",
    }  # fmt: skip
    for answer, empty, unaccounted in (
        ({"status": "COMPLETE", "results": []}, [], ("1", "2")),
        ({"status": "COMPLETE", "results": [], "errors": [
            {**no_associations, "context": {"fromObjectId": ["2"]}}]}, ["2"], ("1",)),
        ({"status": "COMPLETE", "results": [], "errors": [no_associations]}, [], ("1", "2")),
    ):  # fmt: skip
        state = BatchReadState(["1", "2"])
        done = state.on_answer(state.next_chunk(), decode_read_page(json.dumps(answer).encode()))
        assert [(r.from_id, r.to_ids) for r in done] == [(i, ()) for i in empty]
        assert [(f.inputs, f.category, f.outcome) for f in state.errors] == (
            [(unaccounted, "UNACCOUNTED", "unknown")]
        )
