"""What an answer says about associations is read, never guessed (issue 16): association types
that do not decode raise ``MalformedResponseError`` (``records.list``) or fail that id
(``batch.read``) instead of vanishing; ids and type ids out of range are refused like inputs."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from hubspot_associations import MalformedResponseError

from .fakes import VERSIONS, batch_body, body_of, list_page, make_client, reply, to_item

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
def test_list_raises_for_association_types_that_do_not_decode(version: str, case: str) -> None:
    page = [association("5", BAD_TYPES[case])]
    client, _, _ = make_client(version, lambda r: list_page(r, page), max_retries=0)
    with pytest.raises(MalformedResponseError):
        list(client.records.list("contacts", 1, "companies"))


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
