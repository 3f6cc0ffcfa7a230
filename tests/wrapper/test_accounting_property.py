"""Property (issue 16): whatever a server answers to the SDK's batch writes and reads (odd
statuses, results for other ids or none, errors naming some inputs or none, unreadable
bodies, lost connections, hostile rate-limit headers), every input ends exactly once as
succeeded, failed or unknown; success only for what the final answer accounts for; no
exception escapes; no wait is unbounded; and the same client works afterwards."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from hubspot_associations import FAILED, INVALID_INPUT, UNKNOWN, Client
from hubspot_associations.models import to_association_input, to_pair
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.spec_facts import success

from .fakes import (
    VERSIONS,
    batch_body,
    body_of,
    default_result,
    item_error,
    labels_pair,
    make_client,
    ok_status,
    to_item,
    version_of,
)

pytestmark = pytest.mark.no_contract  # the answers break the spec on purpose

HOSTILE_HEADERS = [
    ("Retry-After", "inf"), ("Retry-After", "nan"), ("Retry-After", "1e308"),
    ("Retry-After", "-5"), ("Retry-After", "99999999999"), ("Retry-After", "0.01"),
    ("X-HubSpot-RateLimit-Interval-Milliseconds", "inf"),
    ("X-HubSpot-RateLimit-Interval-Milliseconds", "1e308"),
    ("X-HubSpot-RateLimit-Max", "inf"), ("X-HubSpot-RateLimit-Max", "1"),
    ("X-HubSpot-RateLimit-Remaining", "nan"), ("X-HubSpot-RateLimit-Remaining", "0"),
    ("X-HubSpot-RateLimit-Daily-Remaining", "0"), ("X-HubSpot-RateLimit-Daily-Remaining", "-1"),
]  # fmt: skip
TRANSPORT_ERRORS = [httpx.ReadTimeout, httpx.ConnectError, httpx.RemoteProtocolError]


@dataclass
class Recipe:
    """One answer, described relative to the request's inputs (positions into them)."""

    status: int = 0  # 0: the operation's success status in the request's version
    headers: list[tuple[str, str]] = field(default_factory=list)
    shape: str = "batch"  # batch | empty | not json | no results | raise
    results: list[int] | None = None  # None: every input; -1: a pair nobody asked for
    reverse: bool = False  # results name (to, from)
    errors: list[tuple[list[int], bool]] = field(default_factory=list)  # (positions, context)
    policy: str | None = None  # a 429's policyName
    exc: int = 0
    odd: str | None = None  # results with a string typeId, or ids out of range


GOOD = Recipe()


@st.composite
def recipes(draw: st.DrawFn) -> Recipe:
    positions = st.lists(st.integers(-1, 5), max_size=6)
    return Recipe(
        status=draw(st.sampled_from([0] * 4 + [200, 201, 204, 207, 400, 401, 404, 429, 500, 502])),
        headers=draw(st.lists(st.sampled_from(HOSTILE_HEADERS), max_size=3)),
        shape=draw(st.sampled_from(["batch"] * 6 + ["empty", "not json", "no results", "raise"])),
        results=draw(st.none() | positions),
        reverse=draw(st.booleans()),
        errors=draw(st.lists(st.tuples(positions, st.booleans()), max_size=3)),
        policy=draw(st.sampled_from([None, "TEN_SECONDLY_ROLLING", "DAILY"])),
        exc=draw(st.integers(0, len(TRANSPORT_ERRORS) - 1)),
        odd=draw(st.sampled_from([None, None, None, "type", "id"])),
    )  # fmt: skip


class Server:
    """Answers each request with the next recipe (then GOOD), and remembers the last one."""

    def __init__(self, operation: str, plan: list[Recipe]) -> None:
        self.operation, self.plan = operation, list(plan)
        self.last: tuple[list[Any], Recipe, int] | None = None

    def __call__(self, request: httpx.Request) -> httpx.Response:
        recipe = self.plan.pop(0) if self.plan else GOOD
        inputs = body_of(request)["inputs"]
        status = recipe.status or ok_status(version_of(request), self.operation)
        self.last = (inputs, recipe, status)
        if recipe.shape == "raise":
            raise TRANSPORT_ERRORS[recipe.exc]("lost", request=request)
        body = self.body(inputs, recipe, status)
        content = b"" if body is None else httpx.Response(200, json=body).content
        if recipe.shape == "not json":
            content = b"<html>proxy</html>"
        return httpx.Response(status, headers=recipe.headers, content=content)

    def body(self, inputs: list[Any], recipe: Recipe, status: int) -> Any:
        if recipe.shape == "empty" or status == 204:
            return None
        if status >= 400:
            body = {"status": "error", "category": "X", "message": "no", "correlationId": "c"}
            return {**body, "policyName": recipe.policy} if recipe.policy else body
        pairs = [pair_of(self.operation, i) for i in inputs]
        named = [pairs[p] if 0 <= p < len(pairs) else ("9", "99") for p in positions(recipe, pairs)]
        if recipe.odd == "id":
            named = [(frm, "-" + to) for frm, to in named]
        made = [self.result(*(pair[::-1] if recipe.reverse else pair)) for pair in named]
        if recipe.odd == "type":
            made = [{**m, **ODD_TYPES} if "toObjectId" in m else odd_to(m) for m in made]
        errors = [
            item_error(
                "VALIDATION_ERROR",
                "bad",
                context_of([pairs[p] for p in ps if 0 <= p < len(pairs)]) if ctx else {},
            )
            for ps, ctx in recipe.errors
        ]
        body = batch_body(made, errors)
        return {"status": "COMPLETE"} if recipe.shape == "no results" else body

    def result(self, frm: str, to: str) -> Any:
        if self.operation == "batch_read":
            return {"from": {"id": frm}, "to": [to_item(to)]}
        if self.operation == "batch_create":
            return labels_pair(frm, to)
        return default_result(frm, to)


ODD_TYPES = {"associationTypes": [{"category": "HUBSPOT_DEFINED", "typeId": "279"}]}
ODD_SPEC = {"associationSpec": {"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 0}}


def odd_to(made: dict[str, Any]) -> dict[str, Any]:
    """A result whose association types do not decode, or hold a type id out of range."""
    if "to" in made and isinstance(made["to"], list):
        return {**made, "to": [{**t, **ODD_TYPES} for t in made["to"]]}
    return {**made, **ODD_SPEC}


def pair_of(operation: str, item: Any) -> tuple[str, str]:
    if operation == "batch_read":
        return item["id"], "500"
    if operation == "batch_archive":
        return item["from"]["id"], item["to"][0]["id"]
    return item["from"]["id"], item["to"]["id"]


def positions(recipe: Recipe, inputs: list[Any]) -> list[int]:
    return list(range(len(inputs))) if recipe.results is None else recipe.results


def context_of(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    return {"fromObjectId": [a for a, _ in pairs], "toObjectId": [b for _, b in pairs]}


TYPES = [("HUBSPOT_DEFINED", 1)]


TYPES_OF = ("contacts", "companies")


def labelled(items: list[Any]) -> list[Any]:
    return [(*i, TYPES) for i in items]


WRITES = {
    "batch_create": lambda c, items: c.batch.create("contacts", "companies", labelled(items)),
    "batch_associate_default": lambda c, items: c.batch.associate_default(*TYPES_OF, items),
    "batch_archive": lambda c, items: c.batch.archive(*TYPES_OF, items),
    "batch_archive_labels": lambda c, items: c.batch.archive_labels(*TYPES_OF, labelled(items)),
}
RAW_IDS = st.sampled_from([1, 2, 3, "4", "5", 6, "007", -1, "x", 2**64])


def normalised(operation: str, raw: Any) -> Any:
    """The input as the result reports it: normalised when valid, as given when not."""
    try:
        if operation in ("batch_create", "batch_archive_labels"):
            return to_association_input((*raw, TYPES), "x")
        return to_pair(raw, "x")
    except (TypeError, ValueError):
        return (*raw, TYPES) if operation in ("batch_create", "batch_archive_labels") else raw


def check_write(
    operation: str, version: str, items: list[Any], result: Any, server: Server
) -> None:
    expected = Counter(repr(normalised(operation, i)) for i in items)
    accounted = [*result.succeeded, *(i for f in result.errors for i in f.inputs)]
    assert Counter(repr(i) for i in accounted) == expected  # each input exactly once
    assert result.total == len(items)
    for failure in result.errors:
        assert failure.outcome in (FAILED, UNKNOWN)
        if failure.category == INVALID_INPUT:
            assert failure.outcome == FAILED
    if not result.succeeded:
        return
    assert server.last is not None
    inputs, recipe, status = server.last  # the final answer of the (one) chunk
    assert status in success(version, operation)
    assert status == 204 or recipe.shape in ("batch", "empty"), recipe
    if operation in ("batch_create", "batch_associate_default"):
        named = {
            pair_of(operation, inputs[p])
            for p in positions(recipe, inputs)
            if p in range(len(inputs))
        }
        named |= {(b, a) for a, b in named}
        assert all((i.from_id, i.to_id) in named for i in result.succeeded), (recipe, result)
    elif status != 204:
        assert all(ctx for _, ctx in recipe.errors), recipe  # an error naming none: no success


def bounded(sleeps: list[float]) -> bool:
    return all(math.isfinite(s) and 0 <= s <= 66 for s in sleeps)


SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@SETTINGS
@given(
    version=st.sampled_from(VERSIONS),
    operation=st.sampled_from(list(WRITES)),
    items=st.lists(st.tuples(RAW_IDS, RAW_IDS), max_size=6),
    plan=st.lists(recipes(), max_size=4),
)
def test_batch_writes_account_for_every_input_exactly_once(
    version: str, operation: str, items: list[Any], plan: list[Recipe]
) -> None:
    server = Server(operation, plan)
    client, _, sleeps = make_client(version, server, max_retries=2)
    with client:
        result = WRITES[operation](client, items)  # raises nothing
        check_write(operation, version, items, result, server)
        assert bounded(sleeps), sleeps
        usable(client, server, version)


def usable(client: Client, server: Server, version: str) -> None:
    """The same client, once the server behaves, works (unless a DAILY limit was announced)."""
    server.operation, server.plan = "batch_associate_default", []
    result = client.batch.associate_default("contacts", "companies", [(1, 2)])
    assert result.ok or all(f.category == "RATE_LIMITS" for f in result.errors), result.errors


@SETTINGS
@given(
    version=st.sampled_from(VERSIONS),
    ids=st.lists(RAW_IDS, max_size=6),
    plan=st.lists(recipes(), max_size=4),
)
def test_batch_read_accounts_for_every_id_exactly_once(
    version: str, ids: list[Any], plan: list[Recipe]
) -> None:
    server = Server("batch_read", plan)
    client, _, sleeps = make_client(version, server, max_retries=2)
    with client:
        read = client.batch.read("contacts", "companies", ids)
        records = list(read)  # raises nothing
    valid: dict[str, None] = {}
    invalid: list[Any] = []
    for raw in ids:
        try:
            valid.setdefault(to_pair((raw, 1), "x").from_id)
        except (TypeError, ValueError):
            invalid.append(raw)
    found = [r.from_id for r in records] + [i for f in read.errors for i in f.inputs]
    assert Counter(map(repr, found)) == Counter(map(repr, [*valid, *invalid]))
    for record in records:
        assert all(a.to_id.isdigit() and a.types for a in record.associations), record
    assert bounded(sleeps), sleeps
