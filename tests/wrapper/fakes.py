"""Spec-valid HubSpot answers and a recording MockTransport, for the wrapper's tests."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import httpx
from hubspot_associations import AsyncClient, Client
from hubspot_associations.ratelimit import RateLimiter
from hubspot_associations.versions import ApiVersion

from tests.spec_facts import VERSIONS, ok_status, partial_status

BASE = "http://127.0.0.1:9"
TOKEN = "pat-na1-SECRET-TOKEN-0000"
STAMPS = {
    "status": "COMPLETE",
    "startedAt": "2026-03-01T10:00:00Z",
    "completedAt": "2026-03-01T10:00:01Z",
}

Handler = Callable[[httpx.Request], httpx.Response]


def prefix(version: str, operation: str) -> str:
    """The literal start of an operation's path in a version (from its facts table)."""
    return ApiVersion(version).facts(operation).path.split("/{")[0]


def version_of(request: httpx.Request) -> str:
    """The API version a request's path belongs to."""
    path = request.url.path
    for version in VERSIONS:
        starts = {prefix(version, op) for op in ("batch_read", "archive", "labels_list")}
        if any(path.startswith(start + "/") for start in starts):
            return version
    raise AssertionError(f"no API version has the path {path}")


def reply(
    request: httpx.Request, operation: str, body: Any = None, *, partial: bool = False
) -> httpx.Response:
    """The answer of `operation` as the request's version gives it: its success status (or
    207 for a partial failure where the version has 207), with `body` unless that status
    has none (v4's 204s)."""
    version = version_of(request)
    status = partial_status(version, operation) if partial else ok_status(version, operation)
    if ApiVersion(version).facts(operation).success[status] is None:
        return httpx.Response(status)
    return httpx.Response(status, json=body)


def operation_of(request: httpx.Request) -> str:
    """The operation a request calls, matched against its version's path templates."""
    version = version_of(request)
    parts = request.url.path.strip("/").split("/")
    for name, facts in ApiVersion(version).operations.items():
        template = facts.path.strip("/").split("/")
        if (
            facts.method == request.method
            and len(template) == len(parts)
            and all(t.startswith("{") or t == p for t, p in zip(template, parts, strict=True))
        ):
            return name
    raise AssertionError(f"no operation of {version} at {request.method} {request.url.path}")


def list_page(request: httpx.Request, items: list[Any], after: str | None = None) -> httpx.Response:
    """One page of a record's associations, as `records.list` asks for it: a GET list
    answer, or (versions without GET list) a batch-read answer for the one id."""
    paging = {"paging": {"next": {"after": after}}} if after else {}
    if request.method == "GET":
        return httpx.Response(200, json={"results": items, **paging})
    (item,) = body_of(request)["inputs"]
    result = {"from": {"id": item["id"]}, "to": items, **paging}
    return reply(request, "batch_read", batch_body([result]))


def batch_path(version: str, from_type: str, to_type: str, tail: str) -> str:
    return f"{prefix(version, 'batch_read')}/{from_type}/{to_type}/batch/{tail}"


def objects_path(version: str, rest: str) -> str:
    return f"{prefix(version, 'archive')}/{rest}"


def schema_path(version: str, rest: str) -> str:
    return f"{prefix(version, 'labels_list')}/{rest}"


def batch_body(results: Iterable[Any], errors: Iterable[Any] = ()) -> dict[str, Any]:
    body: dict[str, Any] = {**STAMPS, "results": list(results)}
    errors = list(errors)
    if errors:
        body["errors"] = errors
        body["numErrors"] = len(errors)
    return body


def item_error(
    category: str, message: str, context: Mapping[str, list[str]], sub: str | None = None
) -> dict[str, Any]:
    error: dict[str, Any] = {
        "status": "error",
        "category": category,
        "message": message,
        "context": dict(context),
        "errors": [],
        "links": {},
    }
    if sub is not None:
        error["subCategory"] = sub
    return error


def error_response(
    status: int, category: str, message: str, headers: Mapping[str, str] | None = None, **extra: Any
) -> httpx.Response:
    body = {
        "status": "error",
        "category": category,
        "message": message,
        "correlationId": str(uuid.UUID(int=status)),
        **extra,
    }
    return httpx.Response(status, json=body, headers=dict(headers or {}))


def rate_limited(policy: str, headers: Mapping[str, str] | None = None) -> httpx.Response:
    return error_response(
        429,
        "RATE_LIMITS",
        f"You have reached your {policy.lower()} limit.",
        headers,
        policyName=policy,
        errorType="RATE_LIMIT",
    )


def labels_pair(from_id: str, to_id: str, labels: list[str] | None = None) -> dict[str, Any]:
    return {
        "fromObjectTypeId": "0-1",
        "fromObjectId": from_id,
        "toObjectTypeId": "0-2",
        "toObjectId": to_id,
        "labels": labels or [],
    }


def default_result(from_id: str, to_id: str, type_id: int = 279) -> dict[str, Any]:
    """A result of a default association (batch associate-default, records.associate)."""
    spec = {"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": type_id}
    return {"from": {"id": from_id}, "to": {"id": to_id}, "associationSpec": spec}


def to_item(to_id: str, type_id: int = 279, label: str | None = None) -> dict[str, Any]:
    return {
        "toObjectId": to_id,
        "associationTypes": [{"category": "HUBSPOT_DEFINED", "typeId": type_id, "label": label}],
    }


def body_of(request: httpx.Request) -> Any:
    return json.loads(request.content) if request.content else None


class Recorder:
    """A MockTransport handler that records every request it answers."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.handler(request)

    @property
    def paths(self) -> list[str]:
        return [r.url.path for r in self.requests]


class FakeClock:
    """Time that passes only when the client sleeps (the limiter reads it); every sleep is
    recorded, none is slept."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


def _fake_time(client: Client | AsyncClient, options: Mapping[str, Any]) -> FakeClock:
    clock = FakeClock()
    client._settings.limiter = RateLimiter(options.get("rate_limit"), clock=clock)
    return clock


def make_client(
    version: str, handler: Handler, token: Any = TOKEN, **options: Any
) -> tuple[Client, Recorder, list[float]]:
    """A Client on a MockTransport; sleeps are recorded, not slept (a fake clock moves)."""
    recorder = Recorder(handler)
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    client = Client(token, version=version, base_url=BASE, http_client=http, **options)
    clock = _fake_time(client, options)
    client._sleep = clock.sleep
    return client, recorder, clock.sleeps


def make_async_client(
    version: str, handler: Handler, token: Any = TOKEN, **options: Any
) -> tuple[AsyncClient, Recorder, list[float]]:
    """``make_client``'s AsyncClient."""
    recorder = Recorder(handler)
    http = httpx.AsyncClient(transport=httpx.MockTransport(recorder))
    client = AsyncClient(token, version=version, base_url=BASE, http_client=http, **options)
    clock = _fake_time(client, options)
    client._sleep = clock.async_sleep
    return client, recorder, clock.sleeps
