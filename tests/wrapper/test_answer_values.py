"""What an answer says about associations is read, never guessed (issue 16): association types
that do not decode raise ``MalformedResponseError`` (``records.list``) or fail that id
(``batch.read``) instead of vanishing; ids and type ids out of range are refused like inputs."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from hubspot_associations import MalformedResponseError

from .fakes import (
    VERSIONS,
    batch_body,
    body_of,
    default_result,
    list_page,
    make_client,
    reply,
    to_item,
)

pytestmark = pytest.mark.no_contract  # the answers below break the spec on purpose

GOOD_TYPES = [{"category": "HUBSPOT_DEFINED", "typeId": 279}]
BAD_TYPES: dict[str, Any] = {
    "string typeId": [{"category": "HUBSPOT_DEFINED", "typeId": "279"}],
    "no typeId": [{"category": "HUBSPOT_DEFINED"}],
    "number category": [{"category": 1, "typeId": 279}],
    "not a list": "HUBSPOT_DEFINED",
    "null item": [None],
}


def association(to_id: Any, types: Any) -> dict[str, Any]:
    return {"toObjectId": to_id, "associationTypes": types}


def read_answering(per_id: dict[str, list[Any]]) -> Any:
    """A batch read handler answering each asked id with ``per_id[id]`` as its ``to``."""

    def handler(request: httpx.Request) -> httpx.Response:
        ids = [item["id"] for item in body_of(request)["inputs"]]
        results = [{"from": {"id": i}, "to": per_id[i]} for i in ids]
        return reply(request, "batch_read", batch_body(results))

    return handler


def read(version: str, per_id: dict[str, list[Any]]) -> tuple[list[Any], list[Any]]:
    client, _, _ = make_client(version, read_answering(per_id), max_retries=0)
    iterator = client.batch.read("contacts", "companies", list(per_id))
    found = {r.from_id: r.to_ids for r in iterator}
    return sorted(found.items()), [(f.category, f.inputs) for f in iterator.errors]


@pytest.mark.parametrize("case", list(BAD_TYPES))
@pytest.mark.parametrize("version", VERSIONS)
def test_batch_read_fails_the_id_whose_types_do_not_decode(version: str, case: str) -> None:
    per_id = {"1": [association("5", BAD_TYPES[case])], "2": [association("6", GOOD_TYPES)]}
    assert read(version, per_id) == ([("2", ("6",))], [("MALFORMED_RESPONSE", ("1",))])


@pytest.mark.parametrize("version", VERSIONS)
def test_types_shared_by_many_associations_are_still_read_once(version: str) -> None:
    page = [to_item(str(i)) for i in range(1, 6)]
    client, _, _ = make_client(version, lambda r: list_page(r, page))
    found = list(client.records.list("contacts", 1, "companies"))
    assert [a.to_id for a in found] == ["1", "2", "3", "4", "5"]
    assert len({id(a.types[0]) for a in found}) == 1 and found[0].types[0].type_id == 279


# --- ids and type ids out of range ------------------------------------------------------------

BAD_IDS: list[Any] = [
    "-5", -5, 10**30, str(10**30), 2**63, "9223372036854775808", "\u0661\u0662", "007", "", " 5",
    "5\n", 1.5, True,
]  # fmt: skip
BAD_TYPE_IDS: list[Any] = [0, -1, 2**31, 10**30, 1.0]


BAD_ENTRIES = {
    **{f"types {name}": association("5", types) for name, types in BAD_TYPES.items()},
    **{f"id {to_id!r}": association(to_id, GOOD_TYPES) for to_id in BAD_IDS},
    **{
        f"type id {type_id!r}": association("5", [{"category": "USER_DEFINED", "typeId": type_id}])
        for type_id in BAD_TYPE_IDS
    },
}


@pytest.mark.parametrize("entry", list(BAD_ENTRIES))
@pytest.mark.parametrize("version", VERSIONS)
def test_list_raises_for_an_association_it_cannot_read(version: str, entry: str) -> None:
    page = [association("5", GOOD_TYPES), BAD_ENTRIES[entry]]
    client, _, _ = make_client(version, lambda r: list_page(r, page), max_retries=0)
    with pytest.raises(MalformedResponseError):
        list(client.records.list("contacts", 1, "companies"))


@pytest.mark.parametrize("to_id", BAD_IDS, ids=repr)
@pytest.mark.parametrize("version", VERSIONS)
def test_batch_read_never_returns_an_id_out_of_range(version: str, to_id: Any) -> None:
    per_id = {"1": [association(to_id, GOOD_TYPES)], "2": [association("6", GOOD_TYPES)]}
    found, errors = read(version, per_id)
    assert "1" not in dict(found)
    assert all(category == "MALFORMED_RESPONSE" for category, _ in errors)
    assert len(found) + sum(len(inputs) for _, inputs in errors) == 2


def test_the_largest_ids_are_still_read() -> None:
    biggest = str(2**63 - 1)
    page = [
        association(biggest, GOOD_TYPES),
        association(0, GOOD_TYPES),
        association(7, GOOD_TYPES),
    ]
    for version in VERSIONS:
        client, _, _ = make_client(version, lambda r: list_page(r, page))
        found = [a.to_id for a in client.records.list("contacts", 1, "companies")]
        assert found == [biggest, "0", "7"]


@pytest.mark.parametrize("bad", ["from", "type id"])
@pytest.mark.parametrize("version", VERSIONS)
def test_a_write_answer_with_ids_out_of_range_is_no_success(version: str, bad: str) -> None:
    made = default_result("-1" if bad == "from" else "1", "10", 0 if bad == "type id" else 279)

    def handler(request: httpx.Request) -> httpx.Response:
        return reply(request, "batch_associate_default", batch_body([made]))

    client, _, _ = make_client(version, handler, max_retries=0)
    result = client.batch.associate_default("contacts", "companies", [(1, 10)])
    assert result.succeeded == [] and result.results == [] and result.unknown_inputs


@pytest.mark.parametrize("type_id", BAD_TYPE_IDS, ids=repr)
@pytest.mark.parametrize("version", VERSIONS)
def test_label_and_limit_type_ids_are_range_checked(version: str, type_id: Any) -> None:
    label = {"category": "USER_DEFINED", "typeId": type_id, "label": "x"}
    limit = {"category": "USER_DEFINED", "typeId": type_id, "maxToObjectIds": 3}

    def handler(request: httpx.Request) -> httpx.Response:
        if "configurations" in request.url.path:
            return httpx.Response(200, json={"results": [limit]})
        return httpx.Response(200, json={"results": [label]})

    client, _, _ = make_client(version, handler, max_retries=0)
    with pytest.raises(MalformedResponseError):
        client.labels.list("contacts", "companies")
    with pytest.raises(MalformedResponseError):
        client.limits.list("contacts", "companies")
