"""An error's ``context`` and ``subCategory`` are read by one parser (``_wire``): the same
input gives the same result for per-item errors of batch bodies and whole-request errors."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from hubspot_associations import APIStatusError, MissingScopesError, NotFoundError
from hubspot_associations._accounting import ItemError
from hubspot_associations._operations import _raise_body_errors, _raise_record_error
from hubspot_associations._wire import (
    MAX_CONTEXT_KEYS,
    MAX_CONTEXT_TEXT,
    MAX_CONTEXT_VALUES,
    MAX_SUB_CATEGORY,
    error_context,
    error_sub_category,
    is_no_associations,
)
from hubspot_associations.errors import error_from_response

from .fakes import VERSIONS, batch_body, body_of, item_error, make_client, reply

# (context, subCategory) as answers may send them, and what every reader must make of them.
CASES: list[tuple[Any, Any, dict[str, list[str]], str | None]] = [
    ({"ids": "123"}, None, {"ids": ["123"]}, None),
    ({"ids": ["1", 2, True]}, "", {"ids": ["1", "2", "true"]}, None),
    ({"ids": 123}, "crm.associations.NO_ASSOCIATIONS_FOUND", {"ids": ["123"]},
     "crm.associations.NO_ASSOCIATIONS_FOUND"),
    ({"ids": [None, {"b": 1, "a": 2}]}, {}, {"ids": ["null", '{"a":2,"b":1}']}, None),
    (["123"], {"b": "x", "a": 1}, {}, '{"a":1,"b":"x"}'),
    ("123", [], {}, None),
    (None, {"code": "NO_ASSOCIATIONS_FOUND"}, {}, '{"code":"NO_ASSOCIATIONS_FOUND"}'),
    ({}, 7, {}, "7"),
]  # fmt: skip


def _wire_error(context: Any, sub: Any) -> dict[str, Any]:
    error: dict[str, Any] = {"status": "error", "category": "OBJECT_NOT_FOUND", "message": "m"}
    if context is not None:
        error["context"] = context
    if sub is not None:
        error["subCategory"] = sub
    return error


@pytest.mark.parametrize(("context", "sub", "want_context", "want_sub"), CASES)
def test_one_reading_of_context_and_sub_category_everywhere(
    context: Any, sub: Any, want_context: dict[str, list[str]], want_sub: str | None
) -> None:
    wire = _wire_error(context, sub)
    assert error_context(context) == want_context
    assert error_sub_category(sub) == want_sub

    item = ItemError.parse(wire)  # a per-item error of a batch body
    whole = error_from_response(404, {}, json.dumps(wire).encode())  # a whole-request error
    with pytest.raises(APIStatusError) as raised:  # a single-record call's batch-body error
        _raise_body_errors(batch_body([], [wire]))
    assert {k: list(v) for k, v in item.context.items()} == want_context
    assert whole.context == want_context
    assert raised.value.context == want_context
    assert item.sub_category == whole.sub_category == raised.value.sub_category == want_sub


def test_a_scalar_id_names_one_record_not_its_digits() -> None:
    assert error_context({"ids": "123"}) == {"ids": ["123"]}
    assert ItemError.parse(_wire_error({"ids": "123"}, None)).ids() == ({"123"}, set())
    body = batch_body([], [_wire_error({"ids": "123"}, None)])
    with pytest.raises(NotFoundError):  # the error is about record 123, not 1, 2 and 3
        _raise_record_error(body, "123")
    _raise_record_error(body, "1")  # not about record 1: nothing raised


def test_context_that_is_not_an_object_is_empty() -> None:
    for value in (None, "ids", 3, ["a"], True):
        assert error_context(value) == {}


def test_context_is_bounded() -> None:
    many_keys = {f"k{i}": "v" for i in range(MAX_CONTEXT_KEYS * 3)}
    assert len(error_context(many_keys)) == MAX_CONTEXT_KEYS
    many_values = {"a": list(range(MAX_CONTEXT_VALUES)), "b": list(range(50))}
    read = error_context(many_values)
    assert sum(len(v) for v in read.values()) == MAX_CONTEXT_VALUES
    long = "x" * (MAX_CONTEXT_TEXT * 100)
    ((key, values),) = error_context({long: [long]}).items()
    assert len(key) == MAX_CONTEXT_TEXT and values == ["x" * MAX_CONTEXT_TEXT]
    assert len(error_sub_category("y" * 10_000) or "") == MAX_SUB_CATEGORY


@pytest.mark.parametrize(
    ("sub", "expected"),
    [
        ("NO_ASSOCIATIONS_FOUND", True),
        ("crm.associations.NO_ASSOCIATIONS_FOUND", True),
        ("crm.associations.NO_ASSOCIATIONS_FOUND_IN_PORTAL", False),
        ("NOT_NO_ASSOCIATIONS_FOUND", False),
        ("crm.associations.no_associations_found", False),
        ('{"code":"NO_ASSOCIATIONS_FOUND"}', False),
        ("", False),
        (None, False),
    ],
)
def test_no_associations_is_recognised_exactly(sub: str | None, expected: bool) -> None:
    assert is_no_associations(sub) is expected


@pytest.mark.parametrize(
    "sub", ["crm.associations.NO_ASSOCIATIONS_FOUND_IN_PORTAL", {"code": "NO_ASSOCIATIONS_FOUND"}]
)
def test_a_sub_category_only_containing_no_associations_is_an_error(sub: Any) -> None:
    body = batch_body([], [_wire_error({"fromObjectId": ["5"]}, sub)])
    with pytest.raises(NotFoundError):
        _raise_record_error(body, "5")


def test_no_associations_of_a_record_is_an_empty_result() -> None:
    wire = _wire_error({"fromObjectId": "5"}, "crm.associations.NO_ASSOCIATIONS_FOUND")
    _raise_record_error(batch_body([], [wire]), "5")  # nothing raised


@pytest.mark.parametrize("version", VERSIONS)
def test_batch_read_recognises_no_associations_exactly(version: str) -> None:
    subs = {
        "1": "crm.associations.NO_ASSOCIATIONS_FOUND",
        "2": "NO_ASSOCIATIONS_FOUND",
        "3": "crm.associations.NO_ASSOCIATIONS_FOUND_LATER",
        "4": {"code": "NO_ASSOCIATIONS_FOUND"},
    }

    def handler(request: httpx.Request) -> httpx.Response:
        errors = [
            {**item_error("OBJECT_NOT_FOUND", "m", {"fromObjectId": [i["id"]]}), "subCategory": sub}
            for i in body_of(request)["inputs"]
            for sub in [subs[i["id"]]]
        ]
        return reply(request, "batch_read", batch_body([], errors), partial=True)

    client, _, _ = make_client(version, handler)
    read = client.batch.read("contacts", "companies", [1, 2, 3, 4])
    assert {r.from_id: r.to_ids for r in read} == {"1": (), "2": ()}
    failures = sorted((f.inputs, f.sub_category) for f in read.errors)
    assert failures == [
        (("3",), "crm.associations.NO_ASSOCIATIONS_FOUND_LATER"),
        (("4",), '{"code":"NO_ASSOCIATIONS_FOUND"}'),
    ]


def test_scopes_of_nested_errors_are_read_by_the_same_parser() -> None:
    body = {
        "status": "error",
        "category": "MISSING_SCOPES",
        "message": "m",
        "context": {"requiredScopes": "crm.objects.contacts.write"},
        "errors": [{"context": {"requiredScopes": ["crm.objects.deals.read"]}}, "junk"],
    }
    error = error_from_response(403, {}, json.dumps(body).encode())
    assert isinstance(error, MissingScopesError)
    assert error.scopes == ["crm.objects.contacts.write", "crm.objects.deals.read"]
