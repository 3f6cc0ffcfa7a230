"""Every operation sends exactly the request its version's spec describes."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hubspot_associations import (
    HUBSPOT_DEFINED,
    USER_DEFINED,
    AssociationType,
    CreatedAssociation,
    LabelDefinition,
    UnsupportedOperation,
)
from hubspot_associations.versions import ApiVersion

from tests.spec_facts import VERSIONS, has

from .fakes import (
    TOKEN,
    batch_body,
    batch_path,
    body_of,
    labels_pair,
    make_async_client,
    make_client,
    objects_path,
    operation_of,
    reply,
    schema_path,
)

LABEL = {"category": "USER_DEFINED", "typeId": 36, "label": "Manager"}
LIMIT = {
    "category": "USER_DEFINED",
    "typeId": 36,
    "label": "Manager",
    "userEnforcedMaxToObjectIds": 3,
}
DEFAULT = {
    "from": {"id": "1"},
    "to": {"id": "2"},
    "associationSpec": {"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 279},
}
REVERSE = {
    "from": {"id": "2"},
    "to": {"id": "1"},
    "associationSpec": {"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 280},
}


REPORT = {
    "userId": 7,
    "userEmail": "ops@example.com",
    "enqueueTime": {"value": 1767225600000, "dateOnly": False, "timeZoneShift": 0},
}
# Operation -> a spec-valid body of its success answer (dropped where the status has none).
BODIES: dict[str, Any] = {
    "batch_create": batch_body([labels_pair("1", "2", ["Manager"])]),
    "batch_associate_default": batch_body([DEFAULT]),
    "batch_archive": batch_body([]),
    "batch_archive_labels": batch_body([]),
    "limits_batch_purge": batch_body([]),
    "limits_batch_update": batch_body([LIMIT]),
    "limits_batch_create": batch_body([LIMIT]),
    "limits_list": {"results": [LIMIT]},
    "limits_list_all": {"results": [LIMIT]},
    "create_default": batch_body([DEFAULT, REVERSE]),
    "high_usage_report": REPORT,
    "labels_list": {"results": [LABEL]},
    "labels_create": {"results": [LABEL]},
    "labels_update": None,
    "labels_archive": None,
    "create": labels_pair("1", "2", ["Manager"]),
    "archive": None,
}


class _Blocking:
    """An ``AsyncClient`` driven from the same test code as a ``Client``: each call is run
    to its end on one event loop, an async iterator is read into a list."""

    def __init__(self, target: Any, runner: asyncio.Runner) -> None:
        self._target = target
        self._runner = runner

    def __getattr__(self, name: str) -> Any:
        member = getattr(self._target, name)
        if not callable(member):
            return _Blocking(member, self._runner)

        def call(*args: Any, **kwargs: Any) -> Any:
            result = member(*args, **kwargs)
            if inspect.isawaitable(result):
                return self._runner.run(result)  # type: ignore[arg-type]
            if hasattr(result, "__aiter__"):
                return iter(self._runner.run(_collect(result)))
            return result

        return call


async def _collect(items: Any) -> list[Any]:
    return [item async for item in items]


@pytest.fixture(params=["sync", "async"])
def make(request: pytest.FixtureRequest) -> Iterator[Any]:
    """``make_client`` for the sync client, and the same over an ``AsyncClient``."""
    if request.param == "sync":
        yield make_client
        return
    with asyncio.Runner() as runner:

        def make_blocking(version: str, handler: Any, **options: Any) -> Any:
            client, recorder, sleeps = make_async_client(version, handler, **options)
            return _Blocking(client, runner), recorder, sleeps

        yield make_blocking


def answer(request: httpx.Request) -> httpx.Response:
    """Spec-valid answers for every operation of every version."""
    operation = operation_of(request)
    return reply(request, operation, BODIES[operation])


TYPE = AssociationType(USER_DEFINED, 36)
TYPE_WIRE = {"associationCategory": "USER_DEFINED", "associationTypeId": 36}

# (call, method, path template, body); {b} = batch prefix, {o} = objects, {s} = schema.
CASES: list[tuple[str, Any, str, str, Any]] = [
    (
        "batch.create",
        lambda c: c.batch.create("contacts", "companies", [(1, "2", [TYPE])]),
        "POST",
        "{b}/create",
        {"inputs": [{"from": {"id": "1"}, "to": {"id": "2"}, "types": [TYPE_WIRE]}]},
    ),
    (
        "batch.associate_default",
        lambda c: c.batch.associate_default("contacts", "companies", [("1", 2)]),
        "POST",
        "{b}/associate/default",
        {"inputs": [{"from": {"id": "1"}, "to": {"id": "2"}}]},
    ),
    (
        "batch.archive",
        lambda c: c.batch.archive("contacts", "companies", [(1, 2)]),
        "POST",
        "{b}/archive",
        {"inputs": [{"from": {"id": "1"}, "to": [{"id": "2"}]}]},
    ),
    (
        "batch.archive_labels",
        lambda c: c.batch.archive_labels("contacts", "companies", [(1, 2, [("USER_DEFINED", 36)])]),
        "POST",
        "{b}/labels/archive",
        {"inputs": [{"from": {"id": "1"}, "to": {"id": "2"}, "types": [TYPE_WIRE]}]},
    ),
    (
        "records.associate default",
        lambda c: c.records.associate("contacts", 1, "companies", 2),
        "PUT",
        "{o}/contacts/1/associations/default/companies/2",
        None,
    ),
    (
        "records.associate labelled",
        lambda c: c.records.associate("contacts", 1, "companies", 2, types=[TYPE]),
        "PUT",
        "{o}/contacts/1/associations/companies/2",
        [TYPE_WIRE],
    ),
    (
        "records.remove",
        lambda c: c.records.remove("0-1", "1", "0-2", "2"),
        "DELETE",
        "{o}/0-1/1/associations/0-2/2",
        None,
    ),
    (
        "labels.list",
        lambda c: c.labels.list("contacts", "companies"),
        "GET",
        "{s}/contacts/companies/labels",
        None,
    ),
    (
        "labels.create",
        lambda c: c.labels.create("contacts", "companies", "Manager", inverse_label="Managed by"),
        "POST",
        "{s}/contacts/companies/labels",
        {"label": "Manager", "name": "manager", "inverseLabel": "Managed by"},
    ),
    (
        "labels.update",
        lambda c: c.labels.update("contacts", "companies", 36, "Boss"),
        "PUT",
        "{s}/contacts/companies/labels",
        {"associationTypeId": 36, "label": "Boss"},
    ),
    (
        "labels.delete",
        lambda c: c.labels.delete("contacts", "companies", 36),
        "DELETE",
        "{s}/contacts/companies/labels/36",
        None,
    ),
    (
        "limits.list all",
        lambda c: c.limits.list(),
        "GET",
        "{s}/definitions/configurations/all",
        None,
    ),
    (
        "limits.list",
        lambda c: c.limits.list("contacts", "companies"),
        "GET",
        "{s}/definitions/configurations/contacts/companies",
        None,
    ),
    (
        "limits.create",
        lambda c: c.limits.create("contacts", "companies", [("USER_DEFINED", 36, 3)]),
        "POST",
        "{s}/definitions/configurations/contacts/companies/batch/create",
        {"inputs": [{"category": "USER_DEFINED", "typeId": 36, "maxToObjectIds": 3}]},
    ),
    (
        "limits.update",
        lambda c: c.limits.update("contacts", "companies", [("USER_DEFINED", 36, 5)]),
        "POST",
        "{s}/definitions/configurations/contacts/companies/batch/update",
        {"inputs": [{"category": "USER_DEFINED", "typeId": 36, "maxToObjectIds": 5}]},
    ),
    (
        "limits.purge",
        lambda c: c.limits.purge("contacts", "companies", [TYPE]),
        "POST",
        "{s}/definitions/configurations/contacts/companies/batch/purge",
        {"inputs": [{"category": "USER_DEFINED", "typeId": 36}]},
    ),
    (
        "reports.high_usage",
        lambda c: c.reports.high_usage(7),
        "POST",
        "{b0}/usage/high-usage-report/7",
        None,
    ),
]


def expand(template: str, version: str) -> str:
    return template.format(
        b=batch_path(version, "contacts", "companies", "x").rsplit("/", 1)[0],
        b0=batch_path(version, "A", "B", "x").split("/A/")[0],
        o=objects_path(version, "x").rsplit("/", 1)[0],
        s=schema_path(version, "x").rsplit("/", 1)[0],
    )


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(
    ("name", "call", "method", "path", "body"), CASES, ids=[c[0] for c in CASES]
)
def test_exact_request(
    make: Any, version: str, name: str, call: Any, method: str, path: str, body: Any
) -> None:
    client, recorder, _ = make(version, answer)
    call(client)
    (request,) = recorder.requests
    assert request.method == method
    assert request.url.path == expand(path, version)
    assert body_of(request) == body
    assert request.headers["authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize("version", VERSIONS)
def test_results_are_the_same_types_in_both_versions(make: Any, version: str) -> None:
    client, _, _ = make(version, answer)
    assert client.records.associate("contacts", 1, "companies", 2) == CreatedAssociation(
        "1", "2", (AssociationType(HUBSPOT_DEFINED, 279),)
    )
    made = client.records.associate("contacts", 1, "companies", 2, types=[TYPE])
    assert made == CreatedAssociation("1", "2", (TYPE,), ("Manager",))
    assert client.labels.list("contacts", "companies") == [
        LabelDefinition(USER_DEFINED, 36, "Manager", "0-1", "0-2")
    ]
    assert client.limits.list()[0].max_to_object_ids == 3
    report = client.reports.high_usage(7)
    assert (report.user_email, report.enqueued_at and report.enqueued_at.year) == (
        "ops@example.com",
        2026,
    )
    archived = client.batch.archive("contacts", "companies", [(1, 2), (3, 4)])
    assert archived.ok and archived.succeeded == [archived.succeeded[0], archived.succeeded[1]]
    assert [p.from_id for p in archived.succeeded] == ["1", "3"] and archived.results == []


@pytest.mark.parametrize("version", [v for v in VERSIONS if not has(v, "search")])
def test_search_is_unsupported_before_any_request(make: Any, version: str) -> None:
    client, recorder, _ = make(version, answer)
    with pytest.raises(UnsupportedOperation) as raised:
        client.records.search("contacts")
    owners = tuple(v for v in VERSIONS if has(v, "search"))
    assert owners and raised.value.supported_by == owners
    assert f"'search' is not available in API version '{version}'" in str(raised.value)
    assert "available in: " + ", ".join(owners) in str(raised.value)
    assert recorder.requests == []


@pytest.mark.parametrize("version", [v for v in VERSIONS if has(v, "search")])
def test_search_pages(make: Any, version: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        after = int(body_of(request)["after"])
        record = {
            "id": str(after + 1),
            "properties": {"email": f"{after}@x.io"},
            "archived": False,
            "createdAt": "2026-01-01T00:00:00Z",
            "updatedAt": "2026-01-01T00:00:00Z",
        }
        body: dict[str, Any] = {"total": 3, "results": [record]}
        if after < 2:
            body["paging"] = {"next": {"after": str(after + 1)}}
        return httpx.Response(200, json=body)

    client, recorder, _ = make(version, handler)
    found = list(client.records.search("contacts", query="x", properties=["email"], page_size=1))
    assert [r.id for r in found] == ["1", "2", "3"]
    assert recorder.paths == [objects_path(version, "contacts/search")] * 3
    assert body_of(recorder.requests[0]) == {
        "after": "0",
        "filterGroups": [],
        "properties": ["email"],
        "sorts": [],
        "limit": 1,
        "query": "x",
    }


def _declares_object_type_ids(version: str) -> bool:
    """Whether the version's label definitions (labels_list answer) carry the type ids."""
    import importlib
    import typing

    api = ApiVersion(version)
    models = importlib.import_module(f"{api.package}.pydantic_models")
    answer = getattr(models, str(api.facts("labels_list").success[200]))
    (item,) = typing.get_args(answer.model_fields["results"].annotation)
    return "fromObjectTypeId" in {f.alias or n for n, f in item.model_fields.items()}


@pytest.mark.parametrize("by", [("contacts", "companies"), ("0-1", "0-2"), ("CONTACT", "0-2")])
def test_label_definitions_are_the_same_with_or_without_object_type_ids(
    by: tuple[str, str],
) -> None:
    """Where the spec has them, HubSpot sends fromObjectTypeId/toObjectTypeId; 2025-09 and
    2026-09 leave them out. Every version gives the same LabelDefinitions."""
    with_ids = [v for v in VERSIONS if _declares_object_type_ids(v)]
    assert with_ids and set(with_ids) != set(VERSIONS)
    got = {}
    for version in VERSIONS:
        ids = {"fromObjectTypeId": "0-1", "toObjectTypeId": "0-2"} if version in with_ids else {}

        def handler(request: httpx.Request, ids: dict[str, str] = ids) -> httpx.Response:
            return httpx.Response(200, json={"results": [{**LABEL, **ids}]})

        client, _, _ = make_client(version, handler)
        got[version] = client.labels.list(*by)
    expected = [LabelDefinition(USER_DEFINED, 36, "Manager", "0-1", "0-2")]
    assert got == {v: expected for v in VERSIONS}
