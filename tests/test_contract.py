"""The contract checker itself: it passes spec-valid traffic and catches every kind of drift."""

from __future__ import annotations

import httpx

from tests.contract import ContractChecker

TS = "2026-01-01T00:00:00Z"
READ_BODY = {
    "status": "COMPLETE",
    "startedAt": TS,
    "completedAt": TS,
    "results": [
        {
            "from": {"id": "1"},
            "to": [
                {
                    "toObjectId": "2",
                    "associationTypes": [
                        {"category": "HUBSPOT_DEFINED", "typeId": 279, "label": None}
                    ],
                }
            ],
        }
    ],
}
ARCHIVE_BODY = {"inputs": [{"from": {"id": "1"}, "to": [{"id": "2"}]}]}


def handler(request: httpx.Request) -> httpx.Response:
    if request.url.path.endswith("/batch/read"):
        return httpx.Response(200, json=READ_BODY)
    if request.url.path.endswith("/batch/archive"):
        return httpx.Response(204)  # right for v4, wrong for 2026-03
    return httpx.Response(200, json={"bogus": 1})


def client() -> httpx.Client:
    return httpx.Client(
        transport=httpx.MockTransport(handler),
        base_url="http://127.0.0.1",
        headers={"Authorization": "Bearer test"},
    )


def test_spec_valid_traffic_is_counted(contract: ContractChecker) -> None:
    c = client()
    c.post("/crm/v4/associations/contacts/companies/batch/read", json={"inputs": [{"id": "1"}]})
    c.post("/crm/v4/associations/contacts/companies/batch/archive", json=ARCHIVE_BODY)
    assert contract.violations == []
    assert contract.counts["requests v4"] == 2
    assert contract.counts["responses v4"] == 2


def test_violations_are_caught(contract: ContractChecker) -> None:
    c = client()
    c.post("/crm/associations/2026-03/contacts/companies/batch/archive", json=ARCHIVE_BODY)
    c.post("/crm/associations/2026-03/contacts/companies/batch/read", json={"inputs": "x"})
    c.get("/crm/objects/2026-03/contacts/1/associations/companies", params={"limit": 501})
    c.get("/crm/v4/objects/contacts/1/associations/companies")  # body is not the spec's
    found = list(contract.violations)
    contract.violations.clear()  # they were the point of this test
    assert [v.split(" (")[0] for v in found] == [
        "response 204 to POST /crm/associations/2026-03/contacts/companies/batch/archive",
        "request POST /crm/associations/2026-03/contacts/companies/batch/read",
        "request GET /crm/objects/2026-03/contacts/1/associations/companies",
        "response 200 to GET /crm/v4/objects/contacts/1/associations/companies",
    ]


def test_unversioned_paths_are_not_checked(contract: ContractChecker) -> None:
    client().get("/_emulator/state")
    assert contract.violations == [] and not contract.counts
