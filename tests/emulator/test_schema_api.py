"""Associations Schema API: label definitions and limits, stored and enforced; auth; validation."""

from __future__ import annotations

import pytest
from hubspot_associations.testing import Emulator

from .helpers import Api, assert_error


def _create_label(api: Api, name: str = "manager", inverse: str | None = "Managed by") -> list:
    body = {"name": name, "label": "Manager"}
    if inverse:
        body["inverseLabel"] = inverse
    resp = api.post(api.s("contacts/companies/labels"), body)
    assert resp.status_code == 200, resp.text
    return resp.json()["results"]


def test_label_lifecycle(api: Api) -> None:
    listed = api.get(api.s("contacts/companies/labels")).json()["results"]
    assert {"category": "HUBSPOT_DEFINED", "typeId": 279, "label": None} in listed
    assert {"category": "HUBSPOT_DEFINED", "typeId": 1, "label": "Primary"} in listed

    forward, inverse = _create_label(api)
    assert forward["category"] == "USER_DEFINED" and forward["label"] == "Manager"
    assert inverse["label"] == "Managed by" and inverse["typeId"] != forward["typeId"]
    back = api.get(api.s("companies/contacts/labels")).json()["results"]
    assert inverse in back

    # use it: labelled association, visible from both sides with the label
    resp = api.create([(1, 2)], [("USER_DEFINED", forward["typeId"])])
    assert resp.status_code == api.ok("batch_create")
    assert resp.json()["results"][0]["labels"] == ["Manager"]
    assert ("USER_DEFINED", inverse["typeId"], "Managed by") in api.hub.association_types(
        "companies", 2, "contacts", 1
    )

    # rename
    resp = api.put(
        api.s("contacts/companies/labels"),
        {"associationTypeId": forward["typeId"], "label": "Boss", "inverseLabel": "Bossed"},
    )
    assert resp.status_code == api.ok("labels_update")
    types = api.read([1]).json()["results"][0]["to"][0]
    assert {"category": "USER_DEFINED", "typeId": forward["typeId"], "label": "Boss"} in types[
        "associationTypes"
    ]

    # delete: gone from the definitions and from the associations
    resp = api.delete(api.s(f"contacts/companies/labels/{forward['typeId']}"))
    assert resp.status_code == api.ok("labels_archive")
    assert forward["typeId"] not in [
        t["typeId"] for t in api.get(api.s("contacts/companies/labels")).json()["results"]
    ]
    assert api.hub.association_types("contacts", 1, "companies", 2) == [
        ("HUBSPOT_DEFINED", 279, None)
    ]


def test_label_without_inverse_returns_one_definition(api: Api) -> None:
    (only,) = _create_label(api, inverse=None)
    back = api.get(api.s("companies/contacts/labels")).json()["results"]
    assert any(t["label"] == "Manager" and t["category"] == "USER_DEFINED" for t in back)
    assert only["label"] == "Manager"


def test_duplicate_label_name_is_400(api: Api) -> None:
    _create_label(api)
    resp = api.post(api.s("contacts/companies/labels"), {"name": "manager", "label": "X"})
    assert_error(resp, 400, "VALIDATION_ERROR")


def test_unknown_label_update_and_delete_are_404(api: Api) -> None:
    resp = api.put(api.s("contacts/companies/labels"), {"associationTypeId": 4242, "label": "x"})
    assert_error(resp, 404, "OBJECT_NOT_FOUND")
    assert_error(api.delete(api.s("contacts/companies/labels/279")), 404)  # built-in


def test_unknown_label_type_in_batch_create_is_item_error(api: Api) -> None:
    resp = api.create([(1, 2)], [("USER_DEFINED", 987654)])
    assert resp.status_code == api.partial("batch_create")
    assert resp.json()["errors"][0]["category"] == "VALIDATION_ERROR"


def test_limit_of_one_refuses_a_second_association(api: Api) -> None:
    (forward,) = _create_label(api, inverse=None)
    spec = {"category": "USER_DEFINED", "typeId": forward["typeId"]}
    url = api.s("definitions/configurations/contacts/companies/batch/create")
    resp = api.post(url, {"inputs": [{**spec, "maxToObjectIds": 1}]})
    assert resp.status_code == api.ok("limits_batch_create"), resp.text
    assert resp.json()["results"] == [{**spec, "label": "Manager", "userEnforcedMaxToObjectIds": 1}]

    first = api.create([(1, 10)], [("USER_DEFINED", forward["typeId"])])
    assert first.status_code == api.ok("batch_create")
    second = api.create([(1, 11), (2, 11)], [("USER_DEFINED", forward["typeId"])])
    assert second.status_code == api.partial("batch_create")
    body = second.json()
    assert [r["fromObjectId"] for r in body["results"]] == ["2"]
    (err,) = body["errors"]
    assert err["category"] == "VALIDATION_ERROR"
    assert err["context"]["fromObjectId"] == ["1"]
    assert api.hub.associations("contacts", "companies") == {("1", "10"), ("2", "11")}
    # re-adding the same one is fine (idempotent)
    assert api.create([(1, 10)], [("USER_DEFINED", forward["typeId"])]).status_code == api.ok(
        "batch_create"
    )

    # listed per pair and in all
    pair = api.get(api.s("definitions/configurations/contacts/companies")).json()["results"]
    assert {**spec, "label": "Manager", "userEnforcedMaxToObjectIds": 1} in pair
    every = api.get(api.s("definitions/configurations/all")).json()["results"]
    assert [c["typeId"] for c in every] == [forward["typeId"]]

    # creating it again: per-item error
    again = api.post(url, {"inputs": [{**spec, "maxToObjectIds": 3}]})
    assert again.status_code == api.partial("limits_batch_create")
    assert again.json()["numErrors"] == 1

    # update to 2 allows the second
    upd = api.post(
        api.s("definitions/configurations/contacts/companies/batch/update"),
        {"inputs": [{**spec, "maxToObjectIds": 2}]},
    )
    assert upd.status_code == api.ok("limits_batch_update")
    assert upd.json()["results"] == [{**spec, "userEnforcedMaxToObjectIds": 2}]
    labelled = [("USER_DEFINED", forward["typeId"])]
    assert api.create([(1, 11)], labelled).status_code == api.ok("batch_create")
    assert api.create([(1, 12)], labelled).status_code == api.partial("batch_create")

    # purge removes the limit
    purge = api.post(
        api.s("definitions/configurations/contacts/companies/batch/purge"), {"inputs": [spec]}
    )
    assert purge.status_code == api.ok("limits_batch_purge")
    assert api.create([(1, 12)], labelled).status_code == api.ok("batch_create")
    assert api.get(api.s("definitions/configurations/all")).json()["results"] == []


def test_limit_on_the_default_type_applies_to_both_directions(api: Api) -> None:
    url = api.s("definitions/configurations/companies/contacts/batch/create")
    body = {"inputs": [{"category": "HUBSPOT_DEFINED", "typeId": 280, "maxToObjectIds": 1}]}
    assert api.post(url, body).status_code == api.ok("limits_batch_create")
    assert api.create([(1, 10)]).status_code == api.ok("batch_create")
    # company 10 may only have one contact: a second contact -> company 10 fails
    resp = api.create([(2, 10)])
    assert resp.status_code == api.partial("batch_create")
    assert resp.json()["numErrors"] == 1
    assert api.hub.associations("contacts", "companies") == {("1", "10")}


def test_update_without_a_limit_and_unknown_types_are_item_errors(api: Api) -> None:
    upd = api.post(
        api.s("definitions/configurations/contacts/companies/batch/update"),
        {"inputs": [{"category": "HUBSPOT_DEFINED", "typeId": 279, "maxToObjectIds": 2}]},
    )
    assert upd.status_code == api.partial("limits_batch_update")
    assert upd.json()["numErrors"] == 1
    bad = api.post(
        api.s("definitions/configurations/contacts/companies/batch/create"),
        {"inputs": [{"category": "USER_DEFINED", "typeId": 31337, "maxToObjectIds": 2}]},
    )
    assert bad.status_code == api.partial("limits_batch_create")
    assert bad.json()["numErrors"] == 1


# ------------------------------------------------------------------------ auth & validation
@pytest.mark.no_contract
@pytest.mark.parametrize("header", [None, "Basic abc", "Bearer  x y", "bearer"])
def test_401_without_a_bearer_token(hubspot_emulator: Emulator, version: str, header: str) -> None:
    api = Api(hubspot_emulator, version, token=None)
    headers = {"Authorization": header} if header is not None else {}
    resp = api.get(api.s("contacts/companies/labels"), headers=headers)
    assert_error(resp, 401, "INVALID_AUTHENTICATION")
    assert hubspot_emulator.requests[-1].status == 401


@pytest.mark.no_contract
def test_only_listed_tokens_when_configured(version: str) -> None:
    with Emulator(access_tokens=["good"]) as hub:
        assert (
            Api(hub, version, "good")
            .get(Api(hub, version).s("contacts/companies/labels"))
            .is_success
        )
        bad = Api(hub, version, "bad")
        assert_error(bad.get(bad.s("contacts/companies/labels")), 401, "INVALID_AUTHENTICATION")


@pytest.mark.no_contract
@pytest.mark.parametrize(
    ("rest", "body"),
    [
        ("contacts/companies/batch/create", {}),
        ("contacts/companies/batch/create", {"inputs": [{"from": {"id": 1}, "to": {"id": "2"},
                                                         "types": []}]}),
        ("contacts/companies/batch/create", {"inputs": [{"from": {"id": "1"}, "to": {"id": "2"},
          "types": [{"associationCategory": "SOMETHING", "associationTypeId": 1}]}]}),
        ("contacts/companies/batch/create", {"inputs": [{"from": {"id": "1"}, "to": {"id": "2"},
          "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": "1"}]}]}),
        ("contacts/companies/batch/read", {"inputs": "1"}),
        ("contacts/companies/batch/read", {"inputs": [{"after": "x"}]}),
        ("contacts/companies/batch/archive",
         {"inputs": [{"from": {"id": "1"}, "to": {"id": "2"}}]}),
        ("contacts/companies/batch/associate/default", [1, 2]),
        ("contacts/companies/batch/read", None),
    ],
)  # fmt: skip
def test_bodies_the_spec_forbids_are_400(api: Api, rest: str, body: object) -> None:
    resp = api.post(api.a(rest), body) if body is not None else api.http.post(api.a(rest))
    err = assert_error(resp, 400, "VALIDATION_ERROR")
    assert api.hub.associations("contacts", "companies") == set()
    if body is not None:
        assert err["errors"] and all("message" in e for e in err["errors"])


@pytest.mark.no_contract
def test_invalid_json_and_schema_bodies_are_400(api: Api) -> None:
    resp = api.http.post(
        api.a("contacts/companies/batch/read"),
        content=b'{"inputs": [',
        headers={"content-type": "application/json"},
    )
    assert_error(resp, 400, "VALIDATION_ERROR")
    assert_error(api.put(api.o("contacts/1/associations/companies/2"), {"a": 1}), 400)
    assert_error(api.post(api.s("contacts/companies/labels"), {"label": "x"}), 400)
    assert_error(
        api.post(
            api.s("definitions/configurations/contacts/companies/batch/purge"), {"inputs": [{}]}
        ),
        400,
    )
