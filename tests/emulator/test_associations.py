"""Associations API behaviour, per version: status codes, both directions, paging, caps."""

from __future__ import annotations

import pytest
from hubspot_associations.testing import Emulator

from .helpers import VERSIONS, Api, assert_error, has

PRIMARY = ("HUBSPOT_DEFINED", 1)


def test_batch_create_201_and_both_directions(api: Api) -> None:
    resp = api.create([(1, 10), (2, 10)], [PRIMARY])
    assert resp.status_code == api.ok("batch_create"), resp.text
    body = resp.json()
    assert body["status"] == "COMPLETE"
    assert {"startedAt", "completedAt"} <= body.keys()
    assert "errors" not in body
    assert body["results"][0] == {
        "fromObjectTypeId": "0-1",
        "fromObjectId": "1",
        "toObjectTypeId": "0-2",
        "toObjectId": "10",
        "labels": ["Primary"],
    }
    # the company sees both contacts, with the inverse types 2 (Primary) and 280
    read = api.read([10], frm="companies", to="contacts")
    assert read.status_code == 200
    (result,) = read.json()["results"]
    assert result["from"] == {"id": "10"}
    assert [t["toObjectId"] for t in result["to"]] == ["1", "2"]
    types = result["to"][0]["associationTypes"]
    assert {"category": "HUBSPOT_DEFINED", "typeId": 280, "label": None} in types
    assert {"category": "HUBSPOT_DEFINED", "typeId": 2, "label": "Primary"} in types
    assert api.hub.associations("contacts", "companies") == {("1", "10"), ("2", "10")}
    assert api.hub.associations("0-2", "0-1") == {("10", "1"), ("10", "2")}


def test_type_names_and_ids_are_the_same_type(api: Api) -> None:
    api.need("list")
    assert api.create([(1, 2)], frm="0-1", to="COMPANY").status_code == api.ok("batch_create")
    listed = api.get(api.o("contact/1/associations/0-2")).json()
    assert listed["results"][0]["toObjectId"] == "2"


def test_unknown_object_type_is_400(api: Api) -> None:
    assert_error(api.create([(1, 2)], frm="widgets"), 400, "VALIDATION_ERROR")


def test_207_with_per_item_errors_for_unknown_records(api: Api) -> None:
    api.hub.delete_records("companies", [404])
    resp = api.create([(1, 10), (2, 404)])
    assert resp.status_code == api.partial("batch_create"), resp.text
    body = resp.json()
    assert [r["toObjectId"] for r in body["results"]] == ["10"]
    assert body["numErrors"] == 1
    (err,) = body["errors"]
    assert err["category"] == "OBJECT_NOT_FOUND"
    assert err["status"] == "error"
    assert err["context"]["toObjectId"] == ["404"]
    assert err["context"]["ids"] == ["404"]
    assert err["errors"] == [] and err["links"] == {}


def test_strict_records_only_knows_seeded_ids(version: str) -> None:
    with Emulator(strict_records=True) as hub:
        api = Api(hub, version)
        hub.seed_records("contacts", [1, 2])
        hub.seed_records("companies", {"10": {"name": "Acme"}})
        resp = api.create([(1, 10), (3, 10)])
        assert resp.status_code == api.partial("batch_create")
        assert resp.json()["errors"][0]["context"]["ids"] == ["3"]
        read = api.read([1, 3])
        assert read.status_code == api.partial("batch_read")
        (err,) = read.json()["errors"]
        assert err["category"] == "OBJECT_NOT_FOUND" and err["context"] == {"ids": ["3"]}
        assert "subCategory" not in err  # unknown record, not "no associations"


def test_non_digit_ids_are_item_errors(api: Api) -> None:
    resp = api.create([("abc", 10)])
    assert resp.status_code == api.partial("batch_create")
    assert resp.json()["results"] == []


def test_batch_read_no_associations_is_207_no_associations_found(api: Api) -> None:
    api.create([(1, 10)])
    resp = api.read([1, 2])
    assert resp.status_code == api.partial("batch_read")
    body = resp.json()
    assert [r["from"]["id"] for r in body["results"]] == ["1"]
    (err,) = body["errors"]
    assert err["category"] == "OBJECT_NOT_FOUND"
    assert err["subCategory"] == "crm.associations.NO_ASSOCIATIONS_FOUND"
    assert "2" in err["context"]["fromObjectId"]


def test_batch_read_per_id_cursor_paging(api: Api) -> None:
    pairs = [(1, 1000 + i) for i in range(1200)] + [(2, 5)]
    assert api.create(pairs[:1100]).status_code == api.ok("batch_create")
    assert api.create(pairs[1100:]).status_code == api.ok("batch_create")
    seen: list[str] = []
    after: dict[str, str] = {}
    pages = 0
    while True:
        resp = api.read([1], after=after)
        assert resp.status_code == 200
        (result,) = resp.json()["results"]
        seen += [t["toObjectId"] for t in result["to"]]
        pages += 1
        if "paging" not in result:
            break
        after = {"1": result["paging"]["next"]["after"]}
    assert pages == 3  # 500 + 500 + 200
    assert seen == [str(1000 + i) for i in range(1200)]
    # ids without more pages carry no paging
    both = api.read([1, 2]).json()["results"]
    assert "paging" in both[0] and "paging" not in both[1]


@pytest.mark.no_contract  # over the spec's limits on purpose
def test_batch_read_cap_is_1000(api: Api) -> None:
    # all have no associations
    assert api.read(list(range(1, 1001))).status_code == api.partial("batch_read")
    assert_error(api.read(list(range(1, 1002))), 400, "VALIDATION_ERROR")


@pytest.mark.no_contract  # over the spec's limits on purpose
def test_write_caps_are_2000(api: Api) -> None:
    assert api.create([(1, i) for i in range(1, 2001)]).status_code == api.ok("batch_create")
    assert_error(api.create([(1, i) for i in range(1, 2002)]), 400, "VALIDATION_ERROR")
    inputs = [{"from": {"id": "1"}, "to": {"id": str(i)}} for i in range(2001)]
    resp = api.post(api.a("contacts/companies/batch/associate/default"), {"inputs": inputs})
    assert_error(resp, 400)
    resp = api.post(
        api.a("contacts/companies/batch/archive"),
        {"inputs": [{"from": {"id": str(i)}, "to": [{"id": "1"}]} for i in range(2001)]},
    )
    assert_error(resp, 400)


def test_list_paging_with_after_and_limit(api: Api) -> None:
    api.need("list")
    api.create([(7, i) for i in range(1, 26)])
    got: list[str] = []
    params: dict[str, str | int] = {"limit": 10}
    pages = 0
    while True:
        resp = api.get(api.o("contacts/7/associations/companies"), params=params)
        assert resp.status_code == 200
        body = resp.json()
        got += [r["toObjectId"] for r in body["results"]]
        pages += 1
        if "paging" not in body:
            break
        params = {"limit": 10, "after": body["paging"]["next"]["after"]}
    assert pages == 3
    assert got == [str(i) for i in range(1, 26)]


@pytest.mark.no_contract
@pytest.mark.parametrize("limit", ["0", "501", "-1", "ten"])
def test_list_limit_must_be_1_to_500(api: Api, limit: str) -> None:
    api.need("list")
    resp = api.get(api.o("contacts/7/associations/companies"), params={"limit": limit})
    assert_error(resp, 400, "VALIDATION_ERROR")


def test_list_rejects_foreign_cursor(api: Api) -> None:
    api.need("list")
    resp = api.get(api.o("contacts/7/associations/companies"), params={"after": "zzz"})
    assert_error(resp, 400)


def test_list_limit_500_is_fine_and_default(api: Api) -> None:
    api.need("list")
    api.create([(7, i) for i in range(1, 600)])
    body = api.get(api.o("contacts/7/associations/companies"), params={"limit": 500}).json()
    assert len(body["results"]) == 500 and "paging" in body
    assert len(api.get(api.o("contacts/7/associations/companies")).json()["results"]) == 500


def test_associate_default_batch_and_single(api: Api) -> None:
    inputs = [{"from": {"id": "1"}, "to": {"id": "2"}}]
    resp = api.post(api.a("contacts/companies/batch/associate/default"), {"inputs": inputs})
    assert resp.status_code == 200
    (res,) = resp.json()["results"]
    assert res["associationSpec"] == {
        "associationCategory": "HUBSPOT_DEFINED",
        "associationTypeId": 279,
    }
    resp = api.put(api.o("deals/5/associations/default/contacts/6"))
    assert resp.status_code == 200
    assert resp.json()["results"][0]["associationSpec"]["associationTypeId"] == 3
    assert api.hub.association_types("contacts", 6, "deals", 5) == [("HUBSPOT_DEFINED", 4, None)]


def test_associate_default_unknown_record_is_error_in_200_body(api: Api) -> None:
    api.hub.delete_records("contacts", ["9"])
    inputs = [{"from": {"id": "9"}, "to": {"id": "2"}}, {"from": {"id": "1"}, "to": {"id": "2"}}]
    resp = api.post(api.a("contacts/companies/batch/associate/default"), {"inputs": inputs})
    assert resp.status_code == 200
    assert resp.json()["numErrors"] == 1


def test_custom_object_types_get_a_default_type(api: Api) -> None:
    resp = api.create([(1, 2)], frm="2-123", to="contacts", types=[])
    assert resp.status_code == api.partial("batch_create")
    inputs = [{"from": {"id": "1"}, "to": {"id": "2"}}]
    resp = api.post(api.a("2-123/contacts/batch/associate/default"), {"inputs": inputs})
    spec = resp.json()["results"][0]["associationSpec"]
    labels = api.get(api.s("contacts/2-123/labels")).json()["results"]
    assert labels[0]["label"] is None and labels[0]["typeId"] != spec["associationTypeId"]
    back = api.read([2], frm="contacts", to="2-123").json()["results"][0]["to"]
    assert back[0]["associationTypes"][0]["typeId"] == labels[0]["typeId"]


def test_put_labels_between_two_records_and_delete(api: Api) -> None:
    resp = api.put(
        api.o("contacts/1/associations/companies/2"),
        [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 1}],
    )
    assert resp.status_code == api.ok("create")
    assert resp.json()["labels"] == ["Primary"]
    assert api.delete(api.o("contacts/1/associations/companies/2")).status_code == api.ok("archive")
    assert api.hub.associations("contacts", "companies") == set()
    assert api.hub.associations("companies", "contacts") == set()
    # deleting what is not there is still 204
    assert api.delete(api.o("contacts/1/associations/companies/2")).status_code == api.ok("archive")


def test_put_unknown_type_is_400(api: Api) -> None:
    resp = api.put(
        api.o("contacts/1/associations/companies/2"),
        [{"associationCategory": "USER_DEFINED", "associationTypeId": 999999}],
    )
    assert_error(resp, 400, "VALIDATION_ERROR")


def test_path_ids_must_be_digits(api: Api) -> None:
    assert_error(api.delete(api.o("contacts/1%2F..%2Fx/associations/companies/2")), 400)
    assert_error(api.delete(api.o("contacts/abc/associations/companies/2")), 400)


def test_batch_archive_status_per_version(api: Api) -> None:
    api.create([(1, 10), (1, 11), (2, 10)])
    resp = api.post(
        api.a("contacts/companies/batch/archive"),
        {"inputs": [{"from": {"id": "1"}, "to": [{"id": "10"}, {"id": "11"}]}]},
    )
    assert resp.status_code == api.ok("batch_archive")
    if resp.status_code == 204:
        assert resp.content == b""
    else:
        assert resp.json()["status"] == "COMPLETE" and resp.json()["results"] == []
    assert api.hub.associations("contacts", "companies") == {("2", "10")}
    assert api.hub.associations("companies", "contacts") == {("10", "2")}


def test_batch_archive_labels_keeps_the_default(api: Api) -> None:
    api.create([(1, 10)], [PRIMARY])
    resp = api.post(
        api.a("contacts/companies/batch/labels/archive"),
        {
            "inputs": [
                {
                    "from": {"id": "1"},
                    "to": {"id": "10"},
                    "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 1}],
                }
            ]
        },
    )
    assert resp.status_code == api.ok("batch_archive_labels")
    assert api.hub.association_types("contacts", 1, "companies", 10) == [
        ("HUBSPOT_DEFINED", 279, None)
    ]
    assert api.hub.association_types("companies", 10, "contacts", 1) == [
        ("HUBSPOT_DEFINED", 280, None)
    ]


def _type_ids(api: Api, a: str, aid: int, b: str, bid: int) -> list[int]:
    return [t for _, t, _ in api.hub.association_types(a, aid, b, bid)]


def test_one_primary_company_per_contact_the_old_one_is_demoted(api: Api) -> None:
    assert api.create([(1, 10)], [PRIMARY]).status_code == api.ok("batch_create")
    assert api.create([(1, 11)], [PRIMARY]).status_code == api.ok("batch_create")
    # 10 stays associated, without the Primary label, in both directions
    assert api.hub.associations("contacts", "companies") == {("1", "10"), ("1", "11")}
    assert _type_ids(api, "contacts", 1, "companies", 10) == [279]
    assert _type_ids(api, "companies", 10, "contacts", 1) == [280]
    assert _type_ids(api, "contacts", 1, "companies", 11) == [1, 279]
    assert _type_ids(api, "companies", 11, "contacts", 1) == [2, 280]
    (result,) = api.read([1]).json()["results"]
    primaries = [
        t["toObjectId"]
        for t in result["to"]
        if {"category": "HUBSPOT_DEFINED", "typeId": 1, "label": "Primary"} in t["associationTypes"]
    ]
    assert primaries == ["11"]
    # setting the same Primary again changes nothing; other contacts keep theirs
    api.create([(2, 10), (1, 11)], [PRIMARY])
    assert _type_ids(api, "contacts", 2, "companies", 10) == [1, 279]
    assert _type_ids(api, "contacts", 1, "companies", 11) == [1, 279]


def test_the_last_primary_of_one_batch_wins(api: Api) -> None:
    resp = api.create([(1, 10), (1, 11), (1, 12)], [PRIMARY])
    assert resp.status_code == api.ok("batch_create")
    assert [_type_ids(api, "contacts", 1, "companies", c) for c in (10, 11, 12)] == [
        [279],
        [279],
        [1, 279],
    ]


def test_primary_set_from_the_company_side_demotes_too(api: Api) -> None:
    api.create([(1, 10)], [PRIMARY])
    api.create([(11, 1)], [("HUBSPOT_DEFINED", 2)], frm="companies", to="contacts")
    assert _type_ids(api, "contacts", 1, "companies", 10) == [279]
    assert _type_ids(api, "companies", 10, "contacts", 1) == [280]
    assert _type_ids(api, "contacts", 1, "companies", 11) == [1, 279]


@pytest.mark.parametrize(("frm", "primary", "default"), [("deals", 5, 341), ("tickets", 26, 339)])
def test_deals_and_tickets_have_one_primary_company(
    api: Api, frm: str, primary: int, default: int
) -> None:
    api.create([(7, 30)], [("HUBSPOT_DEFINED", primary)], frm=frm)
    api.create([(7, 31)], [("HUBSPOT_DEFINED", primary)], frm=frm)
    assert _type_ids(api, frm, 7, "companies", 30) == [default]
    assert _type_ids(api, frm, 7, "companies", 31) == sorted([primary, default])


@pytest.mark.parametrize(
    "version", [v for v in VERSIONS if Api.statuses(v, "batch_archive") != {204}]
)
def test_archive_with_a_body_reports_unknown_records(
    hubspot_emulator: Emulator, version: str
) -> None:
    api = Api(hubspot_emulator, version)
    hubspot_emulator.delete_records("companies", [5])
    resp = api.post(
        api.a("contacts/companies/batch/archive"),
        {"inputs": [{"from": {"id": "1"}, "to": [{"id": "5"}]}]},
    )
    assert resp.status_code == 200
    assert resp.json()["numErrors"] == 1


def test_high_usage_report(api: Api) -> None:
    resp = api.post(api.a("usage/high-usage-report/42"))
    assert resp.status_code == 200
    body = resp.json()
    assert body["userId"] == 42 and body["enqueueTime"]["dateOnly"] is False


@pytest.mark.no_contract
def test_high_usage_report_user_id_must_be_an_integer(api: Api) -> None:
    assert_error(api.post(api.a("usage/high-usage-report/abc")), 400)


@pytest.mark.parametrize("version", [v for v in VERSIONS if has(v, "search")])
def test_search(hubspot_emulator: Emulator, version: str) -> None:
    api = Api(hubspot_emulator, version)
    api.hub.seed_records(
        "contacts",
        {"1": {"email": "a@x.com", "firstname": "Ada"}, "2": {"email": "b@y.com"}, "3": {}},
    )
    api.create([(1, 10), (3, 10)])
    body = {
        "after": "0",
        "limit": 10,
        "properties": ["email"],
        "sorts": [],
        "filterGroups": [
            {"filters": [{"propertyName": "associations.company", "operator": "EQ", "value": "10"}]}
        ],
    }
    resp = api.post(api.o("contacts/search"), body)
    assert resp.status_code == 200, resp.text
    out = resp.json()
    assert out["total"] == 2
    assert [r["id"] for r in out["results"]] == ["1", "3"]
    assert out["results"][0]["properties"] == {"hs_object_id": "1", "email": "a@x.com"}
    body["filterGroups"] = [
        {"filters": [{"propertyName": "email", "operator": "CONTAINS_TOKEN", "value": "*y.com"}]}
    ]
    assert [r["id"] for r in api.post(api.o("contacts/search"), body).json()["results"]] == ["2"]
    body["filterGroups"], body["limit"] = [], 1
    page = api.post(api.o("contacts/search"), body).json()
    assert page["total"] == 3 and page["paging"]["next"]["after"] == "1"
    body["limit"] = 201
    assert_error(api.post(api.o("contacts/search"), body), 400)


@pytest.mark.no_contract
@pytest.mark.parametrize("version", [v for v in VERSIONS if not has(v, "search")])
def test_no_search_where_the_version_has_none(hubspot_emulator: Emulator, version: str) -> None:
    api = Api(hubspot_emulator, version)
    resp = api.post(api.o("contacts/search"), {"after": "0", "limit": 1, "properties": [],
                                                "sorts": [], "filterGroups": []})  # fmt: skip
    assert_error(resp, 404)


@pytest.mark.no_contract
def test_unknown_path_and_method_get_error_bodies(api: Api) -> None:
    assert_error(api.get("/crm/v3/owners"), 404, "OBJECT_NOT_FOUND")
    assert_error(api.get(api.a("contacts/companies/batch/read")), 405)
    assert_error(api.get(api.o("contacts/1/search")), 404)
