"""Bad input is refused before any request, naming the argument; paths cannot be escaped.

(A bad *item* among a batch's inputs is a failure of its own instead: test_streaming.py.)"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from .fakes import VERSIONS, batch_body, make_client

TRAVERSAL = "1/../../v3/owners"


def anything(request: httpx.Request) -> httpx.Response:
    if request.url.path.startswith("/crm/v4/"):
        return httpx.Response(204)  # v4 archive
    return httpx.Response(200, json=batch_body([]))


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(
    ("call", "error", "argument"),
    [
        (lambda c: c.records.remove("contacts", TRAVERSAL, "companies", 2), ValueError, "from_id"),
        (
            lambda c: list(c.records.list("contacts", TRAVERSAL, "companies")),
            ValueError,
            "object_id",
        ),
        (lambda c: c.records.list("../v3", 1, "companies"), ValueError, "object_type"),
        (lambda c: c.records.associate("contacts", 1, "companies", "2?x=1"), ValueError, "to_id"),
        (lambda c: c.batch.archive("contacts", "companies", "12"), TypeError, "pairs"),
        (lambda c: c.batch.create("contacts", "companies", 12), TypeError, "inputs"),
        (lambda c: c.batch.stream_create("contacts", "companies", None), TypeError, "inputs"),
        (lambda c: c.batch.read("contacts", "companies", 7), TypeError, "ids"),
        (lambda c: c.records.remove(1, 1, "companies", 2), TypeError, "from_type"),
        (lambda c: c.records.remove("contacts", True, "companies", 2), TypeError, "from_id"),
        (lambda c: c.records.remove("contacts", -1, "companies", 2), ValueError, "from_id"),
        (lambda c: c.labels.delete("contacts", "companies", "36"), TypeError, "type_id"),
        (lambda c: c.limits.list("contacts"), ValueError, "from_type and to_type"),
        (lambda c: c.reports.high_usage(0), ValueError, "user_id"),
        (
            lambda c: list(c.records.list("contacts", 1, "companies", page_size=501)),
            ValueError,
            "page_size",
        ),
    ],
)
def test_bad_input_fails_before_any_request(
    version: str, call: Any, error: type, argument: str
) -> None:
    client, recorder, _ = make_client(version, anything)
    with pytest.raises(error, match=argument):
        call(client)
    assert recorder.requests == []


@pytest.mark.parametrize("version", VERSIONS)
def test_valid_object_types_and_ids_are_accepted(version: str) -> None:
    client, recorder, _ = make_client(version, anything)
    client.batch.archive("2-123456", "0-2", [(9223372036854775807, "7")])
    client.batch.archive("p_cars", "line_items", [])
    (request,) = recorder.requests
    assert "/2-123456/0-2/batch/archive" in request.url.path
    assert (
        request.content == b'{"inputs":[{"from":{"id":"9223372036854775807"},"to":[{"id":"7"}]}]}'
    )


ARABIC_ONE = "\u0661"  # ARABIC-INDIC DIGIT ONE, a Unicode digit that str.isdigit() and \d accept
HOSTILE_IDS: list[Any] = [
    "1\n",  # a trailing newline: `$` matches before it
    "12\n",
    ARABIC_ONE,
    "1" + ARABIC_ONE,
    "\uff11",  # fullwidth digit one
    "007",  # HubSpot would read record 7
    "01",
    " 1",
    "1 ",
    "9223372036854775808",  # 2**63: beyond HubSpot's int64 ids
    "9" * 30,
    2**63,
    10**5000,  # repr() of this int raises in Python 3.11+: the message must not
    -1,
]
HOSTILE_TYPES = [
    "contacts\n",
    "contacts ",
    "cont\u0430cts",  # Cyrillic a
    "2-" + ARABIC_ONE,
    "2-0123",
    "0" * 10 + "-1",
    "2-" + "1" * 19,
    "p_cars\n",
    "",
]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(
    "bad",
    HOSTILE_IDS,
    ids=lambda v: repr(v)[:20] if not isinstance(v, int) or v < 10**20 else "huge int",
)
def test_hostile_record_ids_are_refused_before_any_request(version: str, bad: Any) -> None:
    client, recorder, _ = make_client(version, anything)
    with pytest.raises(ValueError, match="from_id") as info:
        client.records.remove("contacts", bad, "companies", 2)
    # In batches a bad input is a failure of its own, never sent (the rest would go on).
    read = client.batch.read("contacts", "companies", [bad])
    assert list(read) == []
    assert [(f.category, f.inputs) for f in read.errors] == [("INVALID_INPUT", (bad,))]
    assert "ids[0]" in read.errors[0].message
    archived = client.batch.archive("contacts", "companies", [(1, bad)])
    assert [(f.category, f.inputs) for f in archived.errors] == [("INVALID_INPUT", ((1, bad),))]
    assert "pairs[0] to_id" in archived.errors[0].message
    assert recorder.requests == []
    assert len(str(info.value)) < 300


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("bad", HOSTILE_TYPES, ids=repr)
def test_hostile_object_types_are_refused_before_any_request(version: str, bad: str) -> None:
    client, recorder, _ = make_client(version, anything)
    with pytest.raises(ValueError, match="from_type"):
        client.batch.archive(bad, "companies", [(1, 2)])
    with pytest.raises(ValueError, match="object_type"):
        client.records.list(bad, 1, "companies")
    assert recorder.requests == []


@pytest.mark.parametrize("version", VERSIONS)
def test_record_id_bounds_are_inclusive(version: str) -> None:
    client, recorder, _ = make_client(version, anything)
    client.batch.archive("contacts", "companies", [(0, "9223372036854775807"), ("0", 2**63 - 1)])
    assert len(recorder.requests) == 1
