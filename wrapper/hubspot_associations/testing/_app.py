"""The emulator's ASGI application: routing, auth, validation, faults and the handlers."""

from __future__ import annotations

import asyncio
import importlib
import json
import logging
import math
import re
import threading
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl, unquote

import pydantic
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from ..versions import ApiVersion, OperationFacts, supported_versions
from ._faults import Decision, Faults
from ._model import (
    ItemError,
    Spec,
    Store,
    TypeDef,
    is_record_id,
    normalize_object_type,
    type_name,
)

__all__ = ["VERSIONS", "EmulatorApp", "RecordedRequest", "Stats", "prefixes"]

# The versions served, from the generated facts tables (scripts/regenerate, from spec/).
VERSIONS = supported_versions()
WRITE_CAP = 2000  # limits batches: the spec declares no cap, HubSpot refuses larger bodies
LIST_MAX = 500
SEARCH_MAX = 200


def prefixes(version: str) -> dict[str, str]:
    """Where a version's APIs live, read from its facts table: "A" the Associations API's
    batch operations, "O" the record operations, "S" the Associations Schema API."""
    facts = ApiVersion(version).operations

    def start(name: str) -> str:
        return facts[name].path.split("/{")[0]

    return {"A": start("batch_read"), "O": start("archive"), "S": start("labels_list")}


_CATEGORY_BY_STATUS = {
    400: "VALIDATION_ERROR",
    401: "INVALID_AUTHENTICATION",
    403: "MISSING_SCOPES",
    404: "OBJECT_NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    409: "CONFLICT",
    415: "VALIDATION_ERROR",
    429: "RATE_LIMITS",
}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# ---------------------------------------------------------------------------- records & stats
@dataclass(frozen=True)
class RecordedRequest:
    """One request the emulator received, and what it answered."""

    method: str
    path: str
    query: dict[str, str]
    body: Any  # parsed JSON, the raw text if it was not JSON, or None
    status: int  # 0 when the connection was dropped before an answer
    operation: str | None
    version: str | None
    fault: str | None  # "429 TEN_SECONDLY_ROLLING", "status 502", "dropped", "malformed", ...
    at: float
    duration: float


@dataclass
class Stats:
    """Counters over the request log."""

    requests: int = 0
    by_status: Counter[int] = field(default_factory=Counter)
    by_operation: Counter[str] = field(default_factory=Counter)
    faults: Counter[str] = field(default_factory=Counter)


# ------------------------------------------------------------------------------ replies
@dataclass
class Reply:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


class HttpError(Exception):
    """A whole-request error, answered with HubSpot's Error body."""

    def __init__(
        self,
        status: int,
        message: str,
        category: str | None = None,
        *,
        sub_category: str | None = None,
        context: dict[str, list[str]] | None = None,
        errors: list[dict[str, Any]] | None = None,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.category = category or _CATEGORY_BY_STATUS.get(status, "INTERNAL_ERROR")
        self.sub_category = sub_category
        self.context = context
        self.errors = errors
        self.extra = extra or {}
        self.headers = headers or {}

    def reply(self) -> Reply:
        return Reply(self.status, error_body(self), dict(self.headers))


def error_body(err: HttpError) -> dict[str, Any]:
    body: dict[str, Any] = {
        "status": "error",
        "message": err.message,
        "correlationId": str(uuid.uuid4()),
        "category": err.category,
    }
    if err.sub_category:
        body["subCategory"] = err.sub_category
    if err.context:
        body["context"] = err.context
    if err.errors:
        body["errors"] = err.errors
    body.update(err.extra)
    return body


def standard_error(err: ItemError) -> dict[str, Any]:
    out: dict[str, Any] = {
        "status": "error",
        "category": err.category,
        "message": err.message,
        "context": err.context,
        "errors": [],
        "links": {},
    }
    if err.sub_category:
        out["subCategory"] = err.sub_category
    return out


def batch_body(
    results: list[Any], errors: list[ItemError] | None = None, *, started: str
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "status": "COMPLETE",
        "results": results,
        "requestedAt": started,
        "startedAt": started,
        "completedAt": _now(),
    }
    if errors:
        body["errors"] = [standard_error(e) for e in errors]
        body["numErrors"] = len(errors)
    return body


def spec_with_label(t: TypeDef, a: str | None = None, b: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"category": t.category, "typeId": t.type_id, "label": t.label}
    if a is not None and b is not None:
        out["fromObjectTypeId"] = a
        out["toObjectTypeId"] = b
    return out


def user_configuration(t: TypeDef) -> dict[str, Any]:
    out: dict[str, Any] = {"category": t.category, "typeId": t.type_id}
    if t.label is not None:
        out["label"] = t.label
    if t.limit is not None:
        out["userEnforcedMaxToObjectIds"] = t.limit
    return out


# ---------------------------------------------------------------------------- validation
_MODEL_MODULES: dict[str, ModuleType] = {}


def _models(version: str) -> ModuleType:
    mod = _MODEL_MODULES.get(version)
    if mod is None:
        mod = importlib.import_module(f"{ApiVersion(version).package}.pydantic_models")
        _MODEL_MODULES[version] = mod
    return mod


_ADAPTERS: dict[tuple[str, str], pydantic.TypeAdapter[Any]] = {}


def _adapter(version: str, model: str) -> pydantic.TypeAdapter[Any]:
    key = (version, model)
    adapter = _ADAPTERS.get(key)
    if adapter is None:
        name, is_list = (model[5:], True) if model.startswith("list:") else (model, False)
        cls = getattr(_models(version), name)
        adapter = pydantic.TypeAdapter(list[cls] if is_list else cls)  # type: ignore[valid-type]
        _ADAPTERS[key] = adapter
    return adapter


def validate_body(version: str, model: str, raw: bytes) -> Any:
    """Parse and validate a JSON body against the spec's model; HttpError 400 if it fails."""
    if not raw.strip():
        raise HttpError(400, "Invalid input JSON: the request body is empty")
    try:
        value = _adapter(version, model).validate_json(raw, strict=True)
    except pydantic.ValidationError as exc:
        details = [
            {
                "message": str(e.get("msg", "invalid")),
                "in": ".".join(str(p) for p in e.get("loc", ())) or "body",
                "code": str(e.get("type", "invalid")).upper(),
            }
            for e in exc.errors(include_url=False)[:20]
        ]
        first = details[0] if details else {"message": "invalid", "in": "body"}
        raise HttpError(
            400,
            f"Invalid input JSON: {first['in']}: {first['message']}",
            errors=details,
        ) from None
    dumped = (
        [v.model_dump(mode="json", by_alias=True, exclude_none=True) for v in value]
        if isinstance(value, list)
        else value.model_dump(mode="json", by_alias=True, exclude_none=True)
    )
    where = _out_of_int32(dumped, "body")
    if where is not None:
        raise HttpError(
            400,
            f"Invalid input JSON: {where}: not a 32-bit integer",
            errors=[{"message": "not a 32-bit integer", "in": where, "code": "INT32"}],
        )
    return dumped


def _out_of_int32(value: Any, where: str) -> str | None:
    """Where an integer in the body exceeds the spec's int32 format (every request integer
    in spec/ is int32; the generated models only say `int`)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return None if -(2**31) <= value < 2**31 else where
    if isinstance(value, dict):
        items: Iterable[tuple[Any, Any]] = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        found = _out_of_int32(item, f"{where}.{key}")
        if found is not None:
            return found
    return None


# ------------------------------------------------------------------------------- routing
Handler = Callable[["Ctx"], Reply]


@dataclass(frozen=True)
class Operation:
    version: str
    name: str
    method: str
    segments: tuple[str, ...]
    handler: Handler
    model: str | None  # request schema ("list:X" = a JSON array of X), None without a body
    template: str
    success: tuple[tuple[int, str | None], ...]  # 2xx status -> response schema (None: empty)
    cap: int  # most inputs per batch request
    alias: bool = False  # served at hubspot-api-client's path, not in spec/

    def match(self, parts: Sequence[str]) -> dict[str, str] | None:
        if len(parts) != len(self.segments):
            return None
        params: dict[str, str] = {}
        for want, got in zip(self.segments, parts, strict=True):
            if want.startswith("{"):
                if not got:
                    return None
                params[want[1:-1]] = got
            elif want != got:
                return None
        return params


@dataclass
class Ctx:
    store: Store
    version: str
    params: dict[str, str]
    query: dict[str, str]
    body: Any
    started: str
    success: dict[int, str | None]
    cap: int

    @property
    def ok_status(self) -> int:
        """The status of a complete success in this version (201, 200 or 204)."""
        return min(s for s in self.success if s != 207)

    def otype(self, name: str) -> str:
        raw = self.params[name]
        tid = normalize_object_type(raw)
        if tid is None:
            raise HttpError(400, f"Unable to infer object type from: {raw}")
        return tid

    def record_id(self, name: str) -> str:
        raw = self.params[name]
        if not is_record_id(raw):
            raise HttpError(400, f"Invalid object id {raw!r}: ids are decimal digit strings")
        return raw

    def int_param(self, name: str) -> int:
        raw = self.params[name]
        if not re.fullmatch(r"-?[0-9]{1,10}", raw) or not -(2**31) <= int(raw) < 2**31:
            raise HttpError(400, f"Invalid {name} {raw!r}: expected a 32-bit integer")
        return int(raw)

    def inputs(self) -> list[dict[str, Any]]:
        inputs: list[dict[str, Any]] = self.body["inputs"]
        cap = self.cap
        if len(inputs) > cap:
            raise HttpError(
                400,
                f"Batch input size {len(inputs)} exceeds the limit of {cap} inputs per request",
                context={"limit": [str(cap)], "size": [str(len(inputs))]},
            )
        return inputs


def batch_reply(c: Ctx, results: list[Any], errors: list[ItemError]) -> Reply:
    """A batch answer as the version gives it: 207 for partial failures where the version
    has 207, else its success status with the errors inside the body, or 204 and no body."""
    if errors and 207 in c.success:
        return Reply(207, batch_body(results, errors, started=c.started))
    status = c.ok_status
    if c.success[status] is None:
        return Reply(status)
    return Reply(status, batch_body(results, errors, started=c.started))


def _spec(d: dict[str, Any]) -> Spec:
    if "associationCategory" in d:
        return (str(d["associationCategory"]), int(d["associationTypeId"]))
    return (str(d["category"]), int(d["typeId"]))


# ------------------------------------------------------------------------------ handlers
def h_batch_read(c: Ctx) -> Reply:
    a, b = c.otype("fromObjectType"), c.otype("toObjectType")
    results: list[dict[str, Any]] = []
    errors: list[ItemError] = []
    page_size = c.store.batch_read_page_size
    for item in c.inputs():
        rid = item["id"]
        if not c.store.record_exists(a, rid):
            errors.append(
                ItemError(
                    "OBJECT_NOT_FOUND",
                    f"No {type_name(a)} with id {rid} exists",
                    {"ids": [rid]},
                )
            )
            continue
        try:
            items, nxt = c.store.page(a, rid, b, item.get("after"), page_size)
        except ValueError as exc:
            errors.append(ItemError("VALIDATION_ERROR", str(exc), {"ids": [rid]}))
            continue
        if not items and item.get("after") is None:
            errors.append(
                ItemError(
                    "OBJECT_NOT_FOUND",
                    f"No {type_name(b)} is associated with {type_name(a)} {rid}.",
                    {"fromObjectId": [rid]},
                    sub_category="crm.associations.NO_ASSOCIATIONS_FOUND",
                )
            )
            continue
        result: dict[str, Any] = {
            "from": {"id": rid},
            "to": [
                {"toObjectId": to_id, "associationTypes": [spec_with_label(t) for t in types]}
                for to_id, types in items
            ],
        }
        if nxt is not None:
            result["paging"] = {"next": {"after": nxt}}
        results.append(result)
    return batch_reply(c, results, errors)


def _labels_between(a: str, aid: str, b: str, bid: str, types: Iterable[TypeDef]) -> dict[str, Any]:
    return {
        "fromObjectTypeId": a,
        "fromObjectId": aid,
        "toObjectTypeId": b,
        "toObjectId": bid,
        "labels": [t.label for t in types if t.label is not None],
    }


def _batch_associate(c: Ctx, labelled: bool) -> tuple[list[dict[str, Any]], list[ItemError]]:
    a, b = c.otype("fromObjectType"), c.otype("toObjectType")
    results: list[dict[str, Any]] = []
    errors: list[ItemError] = []
    for item in c.inputs():
        aid, bid = item["from"]["id"], item["to"]["id"]
        specs = [_spec(t) for t in item["types"]] if labelled else []
        try:
            types = c.store.associate(a, aid, b, bid, specs)
        except ItemError as err:
            errors.append(err)
            continue
        if labelled:
            results.append(_labels_between(a, aid, b, bid, types))
        else:
            results.append(_default_result(c, a, aid, b, bid))
    return results, errors


def h_batch_create(c: Ctx) -> Reply:
    results, errors = _batch_associate(c, labelled=True)
    return batch_reply(c, results, errors)


def _default_result(c: Ctx, a: str, aid: str, b: str, bid: str) -> dict[str, Any]:
    d = c.store.default_type(a, b)
    return {
        "from": {"id": aid},
        "to": {"id": bid},
        "associationSpec": {"associationCategory": d.category, "associationTypeId": d.type_id},
    }


def h_batch_associate_default(c: Ctx) -> Reply:
    results, errors = _batch_associate(c, labelled=False)
    return batch_reply(c, results, errors)


def _archive_reply(c: Ctx, errors: list[ItemError]) -> Reply:
    return batch_reply(c, [], errors)


def _missing(c: Ctx, a: str, aid: str, b: str, bid: str) -> ItemError | None:
    missing = [i for t, i in ((a, aid), (b, bid)) if not c.store.record_exists(t, i)]
    if not missing:
        return None
    return ItemError(
        "OBJECT_NOT_FOUND",
        f"No records found with ids {', '.join(missing)}",
        {"fromObjectId": [aid], "toObjectId": [bid], "ids": missing},
    )


def h_batch_archive(c: Ctx) -> Reply:
    a, b = c.otype("fromObjectType"), c.otype("toObjectType")
    errors: list[ItemError] = []
    for item in c.inputs():
        aid = item["from"]["id"]
        for to in item["to"]:
            err = _missing(c, a, aid, b, to["id"])
            if err is not None:
                errors.append(err)
            else:
                c.store.remove(a, aid, b, to["id"])
    return _archive_reply(c, errors)


def h_batch_archive_labels(c: Ctx) -> Reply:
    a, b = c.otype("fromObjectType"), c.otype("toObjectType")
    errors: list[ItemError] = []
    for item in c.inputs():
        aid, bid = item["from"]["id"], item["to"]["id"]
        err = _missing(c, a, aid, b, bid)
        if err is not None:
            errors.append(err)
            continue
        c.store.remove_types(a, aid, b, bid, [_spec(t) for t in item["types"]])
    return _archive_reply(c, errors)


def _associate_one(c: Ctx, a: str, aid: str, b: str, bid: str, specs: list[Spec]) -> list[TypeDef]:
    try:
        return c.store.associate(a, aid, b, bid, specs)
    except ItemError as err:
        raise HttpError(
            err.status,
            err.message,
            err.category,
            sub_category=err.sub_category,
            context=err.context,
        ) from None


def h_create_default(c: Ctx) -> Reply:
    a, aid = c.otype("fromObjectType"), c.record_id("fromObjectId")
    b, bid = c.otype("toObjectType"), c.record_id("toObjectId")
    _associate_one(c, a, aid, b, bid, [])
    return Reply(200, batch_body([_default_result(c, a, aid, b, bid)], started=c.started))


def h_create(c: Ctx) -> Reply:
    a, aid = c.otype("objectType"), c.record_id("objectId")
    b, bid = c.otype("toObjectType"), c.record_id("toObjectId")
    types = _associate_one(c, a, aid, b, bid, [_spec(t) for t in c.body])
    return Reply(c.ok_status, _labels_between(a, aid, b, bid, types))


def h_archive(c: Ctx) -> Reply:
    a, aid = c.otype("objectType"), c.record_id("objectId")
    b, bid = c.otype("toObjectType"), c.record_id("toObjectId")
    c.store.remove(a, aid, b, bid)
    return Reply(c.ok_status)


def h_list(c: Ctx) -> Reply:
    a, aid = c.otype("objectType"), c.record_id("objectId")
    b = c.otype("toObjectType")
    raw_limit = c.query.get("limit", str(LIST_MAX))
    if not re.fullmatch(r"-?[0-9]{1,10}", raw_limit):
        raise HttpError(400, f"Invalid limit {raw_limit!r}: expected an integer")
    limit = int(raw_limit)
    if not 1 <= limit <= LIST_MAX:
        raise HttpError(400, f"limit must be between 1 and {LIST_MAX}, got {limit}")
    if not c.store.record_exists(a, aid):
        raise HttpError(404, f"No {type_name(a)} with id {aid} exists", context={"ids": [aid]})
    try:
        items, nxt = c.store.page(a, aid, b, c.query.get("after"), limit)
    except ValueError as exc:
        raise HttpError(400, str(exc)) from None
    body: dict[str, Any] = {
        "results": [
            {"toObjectId": to_id, "associationTypes": [spec_with_label(t) for t in types]}
            for to_id, types in items
        ]
    }
    if nxt is not None:
        body["paging"] = {"next": {"after": nxt}}
    return Reply(200, body)


def h_high_usage_report(c: Ctx) -> Reply:
    user_id = c.int_param("userId")
    return Reply(
        200,
        {
            "enqueueTime": {
                "dateOnly": False,
                "timeZoneShift": 0,
                "value": int(time.time() * 1000),
            },
            "userEmail": f"user{user_id}@example.com",
            "userId": user_id,
        },
    )


def _filter_ok(store: Store, a: str, rid: str, props: dict[str, str], f: dict[str, Any]) -> bool:
    name, op = str(f["propertyName"]), str(f["operator"])
    if name.startswith("associations."):
        other = normalize_object_type(name.split(".", 1)[1])
        if other is None:
            return False
        linked = {to for to, _ in store.page(a, rid, other, None, 10**9)[0]}
        wanted = [str(f.get("value", ""))] + [str(v) for v in f.get("values", [])]
        hit = any(w in linked for w in wanted if w)
        return hit if op in ("EQ", "IN") else not hit
    value = rid if name == "hs_object_id" else props.get(name)
    target = f.get("value")
    values = [str(v) for v in f.get("values", [])]
    if op == "HAS_PROPERTY":
        return value is not None
    if op == "NOT_HAS_PROPERTY":
        return value is None
    if value is None:
        return op in ("NEQ", "NOT_IN", "NOT_CONTAINS_TOKEN")
    if op == "EQ":
        return value.lower() == str(target).lower()
    if op == "NEQ":
        return value.lower() != str(target).lower()
    if op == "IN":
        return value.lower() in [v.lower() for v in values]
    if op == "NOT_IN":
        return value.lower() not in [v.lower() for v in values]
    if op in ("CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN"):
        token = str(target or "").strip("*").lower()
        found = token in value.lower()
        return found if op == "CONTAINS_TOKEN" else not found

    def num(x: Any) -> float | str:
        try:
            return float(x)
        except (TypeError, ValueError):
            return str(x)

    v, t = num(value), num(target)
    if type(v) is not type(t):
        return False
    if op == "GT":
        return v > t  # type: ignore[operator]
    if op == "GTE":
        return v >= t  # type: ignore[operator]
    if op == "LT":
        return v < t  # type: ignore[operator]
    if op == "LTE":
        return v <= t  # type: ignore[operator]
    if op == "BETWEEN":
        hi = num(f.get("highValue"))
        return type(hi) is type(v) and t <= v <= hi  # type: ignore[operator]
    return False


def h_search(c: Ctx) -> Reply:
    a = c.otype("objectType")
    req = c.body
    limit = int(req["limit"])
    if not 0 <= limit <= SEARCH_MAX:
        raise HttpError(400, f"limit must be between 0 and {SEARCH_MAX}, got {limit}")
    after = str(req["after"]) or "0"
    if not re.fullmatch(r"[0-9]{1,9}", after):
        raise HttpError(400, f"Invalid after {after!r}: expected a numeric offset")
    if len(req["filterGroups"]) > 5 or sum(len(g["filters"]) for g in req["filterGroups"]) > 18:
        raise HttpError(400, "Too many filters: at most 5 groups and 18 filters in all")
    records = c.store.records(a)
    query = str(req.get("query") or "").lower()
    hits: list[tuple[str, dict[str, str]]] = []
    for rid in sorted(records, key=lambda r: (len(r), r)):
        props = records[rid]
        groups = req["filterGroups"]
        if groups and not any(
            all(_filter_ok(c.store, a, rid, props, f) for f in g["filters"]) for g in groups
        ):
            continue
        if query and not any(query in v.lower() for v in props.values()) and query != rid:
            continue
        hits.append((rid, props))
    for key in reversed(req["sorts"]):
        desc = key.startswith("-")
        prop = key.lstrip("-")
        hits.sort(key=lambda h, p=prop: h[1].get(p, ""), reverse=desc)  # type: ignore[misc]
    start = int(after)
    page = hits[start : start + limit]
    wanted = set(req["properties"])
    created = c.store.created_at
    body: dict[str, Any] = {
        "total": len(hits),
        "results": [
            {
                "id": rid,
                "properties": {
                    "hs_object_id": rid,
                    **{k: v for k, v in props.items() if not wanted or k in wanted},
                },
                "createdAt": created,
                "updatedAt": created,
                "archived": False,
            }
            for rid, props in page
        ],
    }
    if start + limit < len(hits) and limit > 0:
        body["paging"] = {"next": {"after": str(start + limit)}}
    return Reply(200, body)


# Schema API -----------------------------------------------------------------------------
def h_labels_list(c: Ctx) -> Reply:
    a, b = c.otype("fromObjectType"), c.otype("toObjectType")
    types = sorted(c.store.types(a, b), key=lambda t: (t.category != "HUBSPOT_DEFINED", t.type_id))
    return Reply(200, {"results": [spec_with_label(t) for t in types]})


def _item_to_http(err: ItemError) -> HttpError:
    return HttpError(
        err.status, err.message, err.category, sub_category=err.sub_category, context=err.context
    )


def h_labels_create(c: Ctx) -> Reply:
    a, b = c.otype("fromObjectType"), c.otype("toObjectType")
    body = c.body
    if not str(body["label"]).strip() or not str(body["name"]).strip():
        raise HttpError(400, "label and name must not be empty")
    try:
        created = c.store.create_label(a, b, body["name"], body["label"], body.get("inverseLabel"))
    except ItemError as err:
        raise _item_to_http(err) from None
    return Reply(200, {"results": [spec_with_label(t) for t in created]})


def h_labels_update(c: Ctx) -> Reply:
    a, b = c.otype("fromObjectType"), c.otype("toObjectType")
    body = c.body
    if not str(body["label"]).strip():
        raise HttpError(400, "label must not be empty")
    try:
        c.store.update_label(
            a, b, int(body["associationTypeId"]), body["label"], body.get("inverseLabel")
        )
    except ItemError as err:
        raise _item_to_http(err) from None
    return Reply(204)


def h_labels_archive(c: Ctx) -> Reply:
    a, b = c.otype("fromObjectType"), c.otype("toObjectType")
    try:
        c.store.delete_label(a, b, c.int_param("associationTypeId"))
    except ItemError as err:
        raise _item_to_http(err) from None
    return Reply(204)


def h_limits_list_all(c: Ctx) -> Reply:
    return Reply(200, {"results": [user_configuration(t) for t in c.store.limits()]})


def h_limits_list(c: Ctx) -> Reply:
    a, b = c.otype("fromObjectType"), c.otype("toObjectType")
    limited = [t for t in c.store.limits(a, b) if t.limit is not None]
    return Reply(200, {"results": [user_configuration(t) for t in limited]})


def _limit_batch(c: Ctx, create: bool) -> tuple[list[TypeDef], list[ItemError]]:
    a, b = c.otype("fromObjectType"), c.otype("toObjectType")
    done: list[TypeDef] = []
    errors: list[ItemError] = []
    for item in c.inputs():
        limit = int(item["maxToObjectIds"])
        if limit < 1:
            errors.append(
                ItemError(
                    "VALIDATION_ERROR",
                    f"maxToObjectIds must be at least 1, got {limit}",
                    {"typeId": [str(item["typeId"])]},
                )
            )
            continue
        try:
            done.append(c.store.set_limit(a, b, _spec(item), limit, create=create))
        except ItemError as err:
            errors.append(err)
    return done, errors


def h_limits_batch_create(c: Ctx) -> Reply:
    done, errors = _limit_batch(c, create=True)
    results = [user_configuration(t) for t in done]
    return batch_reply(c, results, errors)


def h_limits_batch_update(c: Ctx) -> Reply:
    done, errors = _limit_batch(c, create=False)
    results = [
        {"category": t.category, "typeId": t.type_id, "userEnforcedMaxToObjectIds": t.limit}
        for t in done
    ]
    return batch_reply(c, results, errors)


def h_limits_batch_purge(c: Ctx) -> Reply:
    a, b = c.otype("fromObjectType"), c.otype("toObjectType")
    errors: list[ItemError] = []
    for item in c.inputs():
        spec = _spec(item)
        if c.store.find_type(a, b, spec) is None:
            errors.append(
                ItemError(
                    "VALIDATION_ERROR",
                    f"Association type {spec[1]} ({spec[0]}) is not defined from {a} to {b}",
                    {"typeId": [str(spec[1])]},
                )
            )
            continue
        c.store.set_limit(a, b, spec, None, create=False)
    return _archive_reply(c, errors)


# --------------------------------------------------------------------------- route table
# Operation name (the same in every version) -> its handler. Which operations a version has,
# their methods, paths, request models, caps and success statuses come from its facts table.
HANDLERS: dict[str, Handler] = {
    "high_usage_report": h_high_usage_report,
    "batch_archive": h_batch_archive,
    "batch_associate_default": h_batch_associate_default,
    "batch_create": h_batch_create,
    "batch_archive_labels": h_batch_archive_labels,
    "batch_read": h_batch_read,
    "create_default": h_create_default,
    "search": h_search,
    "list": h_list,
    "create": h_create,
    "archive": h_archive,
    "limits_list_all": h_limits_list_all,
    "limits_list": h_limits_list,
    "limits_batch_create": h_limits_batch_create,
    "limits_batch_purge": h_limits_batch_purge,
    "limits_batch_update": h_limits_batch_update,
    "labels_list": h_labels_list,
    "labels_update": h_labels_update,
    "labels_create": h_labels_create,
    "labels_archive": h_labels_archive,
}


def _operation(version: str, facts: OperationFacts, path: str, alias: bool) -> Operation:
    return Operation(
        version,
        facts.name,
        facts.method,
        tuple(path.strip("/").split("/")),
        HANDLERS[facts.name],
        facts.request_schema,
        path,
        tuple(sorted(facts.success.items())),
        facts.max_inputs or WRITE_CAP,
        alias,
    )


def build_operations(versions: Iterable[str] | None = None) -> list[Operation]:
    """Every route of the served versions, from their facts tables.

    The Associations Schema operations are also served under the version's Associations
    API prefix when it differs (v4: /crm/v4/associations/... besides
    /crm/associations/v4/...), the paths HubSpot's own hubspot-api-client sends.
    """
    ops: list[Operation] = []
    for version in VERSIONS if versions is None else versions:
        prefix = prefixes(version)
        for facts in ApiVersion(version).operations.values():
            ops.append(_operation(version, facts, facts.path, alias=False))
            schema_api = facts.document == "schema" and facts.path.startswith(prefix["S"] + "/")
            if schema_api and prefix["S"] != prefix["A"]:
                alias = prefix["A"] + facts.path[len(prefix["S"]) :]
                ops.append(_operation(version, facts, alias, alias=True))
    # Literal segments beat parameters: try the most specific templates first.
    ops.sort(key=lambda o: sum(s.startswith("{") for s in o.segments))
    return ops


# ------------------------------------------------------------------------------- the app
# Bodies larger than this are logged as a size only: three rejected 14 MB bodies must not
# grow the request log by hundreds of MB.
RECORDED_BODY_LIMIT = 64 * 1024


def _recorded_body(raw: bytes) -> Any:
    """What the request log keeps of a body: its JSON, else its text, or just its size."""
    if len(raw) > RECORDED_BODY_LIMIT:
        return f"<{len(raw)} bytes, not recorded>"
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):  # not JSON, or nested deeper than Python's stack
        return raw.decode("utf-8", "replace")


class DroppedConnection(Exception):
    """Raised on purpose to make the server close a connection without a complete answer."""


class _DropFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        while exc is not None:
            if isinstance(exc, DroppedConnection):
                return False
            exc = exc.__cause__ or exc.__context__
        return True


_DROP_FILTER = _DropFilter()
logging.getLogger("uvicorn.error").addFilter(_DROP_FILTER)


class _DroppedResponse(Response):
    """Starts an answer, sends part of it and then breaks the connection."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"4096")],
            }
        )
        await send({"type": "http.response.body", "body": b'{"status":"COMPL', "more_body": True})
        raise DroppedConnection("connection dropped by fault injection")


class EmulatorApp:
    """The ASGI application: Starlette requests and responses, one dispatcher for all paths."""

    def __init__(
        self,
        store: Store,
        faults: Faults,
        *,
        access_tokens: Iterable[str] | None = None,
        record_bodies: bool = True,
        log_limit: int | None = 100_000,
    ) -> None:
        self.store = store
        self.faults = faults
        self.access_tokens = frozenset(access_tokens) if access_tokens is not None else None
        self.record_bodies = record_bodies
        self.operations = build_operations()
        self._log: deque[RecordedRequest] = deque(maxlen=log_limit)
        self._log_lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Every path goes to one dispatcher (no Starlette router: its path patterns do not
        # match every byte a client may percent-encode, and each miss must be an Error body).
        if scope["type"] != "http":  # lifespan and websockets: nothing to do
            return
        try:
            response = await self._endpoint(Request(scope, receive))
        except ClientDisconnect:  # the client went away mid-request: nobody to answer
            return
        await response(scope, receive, send)

    # ------------------------------------------------------------------- log
    @property
    def requests(self) -> list[RecordedRequest]:
        with self._log_lock:
            return list(self._log)

    def clear_log(self) -> None:
        with self._log_lock:
            self._log.clear()

    def stats(self) -> Stats:
        stats = Stats()
        for r in self.requests:
            stats.requests += 1
            stats.by_status[r.status] += 1
            stats.by_operation[r.operation or "?"] += 1
            if r.fault:
                stats.faults[r.fault] += 1
        return stats

    # --------------------------------------------------------------- routing
    def resolve(
        self, method: str, raw_path: str
    ) -> tuple[Operation | None, dict[str, str], list[str]]:
        """(operation, params, methods allowed on the path) for a request."""
        parts = [unquote(p) for p in raw_path.strip("/").split("/")]
        allowed: list[str] = []
        for op in self.operations:
            params = op.match(parts)
            if params is None:
                continue
            if op.method == method:
                return op, params, [op.method]
            allowed.append(op.method)
        return None, {}, allowed

    # ------------------------------------------------------------- endpoint
    async def _endpoint(self, request: Request) -> Response:
        started_at = time.monotonic()
        raw_path = request.scope.get("raw_path", b"").split(b"?")[0].decode("latin-1")
        raw_path = raw_path or request.url.path
        method = request.method
        query = dict(parse_qsl(request.url.query, keep_blank_values=True))
        raw = await request.body()
        op, params, allowed = self.resolve(method, raw_path)
        fault: str | None = None
        rate_headers: dict[str, str] = {}
        decision = Decision()
        reply: Reply
        try:
            if op is None:
                if allowed:
                    raise HttpError(
                        405,
                        f"Method {method} is not allowed on {raw_path}",
                        headers={"Allow": ", ".join(sorted(set(allowed)))},
                    )
                raise HttpError(404, f"No operation at {method} {raw_path}")
            self._authenticate(request)
            policy, rate_headers = self.faults.rate_check()
            if policy is not None:
                fault = f"429 {policy}"
                raise self._rate_limited(policy, rate_headers)
            decision = self.faults.decide(method, op.name, raw_path)
            if decision.delay:
                await asyncio.sleep(decision.delay)
            self._check_expiry(request)  # after the latency: a token can expire on the way
            if decision.drop and not decision.drop_after:
                self._record(method, raw_path, query, raw, 0, op, "dropped", started_at)
                return _DroppedResponse()
            if decision.status is not None:
                fault = f"status {decision.status}"
                raise self._injected(decision.status, decision.retry_after)
            # In a worker thread: the event loop stays free to take (and authenticate, rate-
            # limit and delay) other requests on arrival, as HubSpot does, while one is handled.
            reply = await asyncio.to_thread(self._handle, op, params, query, raw)
        except HttpError as err:
            reply = err.reply()
        except ItemError as err:  # pragma: no cover - handlers convert these
            reply = _item_to_http(err).reply()
        if decision.drop:  # after processing: the work is done, the answer is lost
            self._record(method, raw_path, query, raw, 0, op, "dropped", started_at)
            return _DroppedResponse()
        headers = {**rate_headers, **reply.headers}
        headers.setdefault("X-HubSpot-Correlation-Id", str(uuid.uuid4()))
        if reply.body is None:
            content = b""
        else:
            content = json.dumps(reply.body, separators=(",", ":")).encode()
        status = reply.status
        media_type: str | None = "application/json" if reply.body is not None else None
        if decision.malformed and op is not None:
            fault = "malformed"
            if content:
                content = content[: max(1, len(content) // 2)]
            else:
                status, content = 200, b"<html><body>upstream error</body>"
            media_type = "application/json"
        self._record(method, raw_path, query, raw, status, op, fault, started_at)
        return Response(content, status_code=status, headers=headers, media_type=media_type)

    def _authenticate(self, request: Request) -> None:
        auth = request.headers.get("authorization", "")
        parts = auth.split()
        token = parts[1] if len(parts) == 2 else ""
        if len(parts) != 2 or parts[0].lower() != "bearer":
            raise HttpError(
                401,
                "Authentication credentials not found. This API supports OAuth 2.0 "
                "authentication and private app access tokens.",
                "INVALID_AUTHENTICATION",
            )
        if self.access_tokens is not None and token not in self.access_tokens:
            raise HttpError(
                401,
                "The access token provided is invalid or has expired.",
                "INVALID_AUTHENTICATION",
                sub_category="INVALID_OAUTH_TOKEN",
            )

    def _handle(
        self, op: Operation, params: dict[str, str], query: dict[str, str], raw: bytes
    ) -> Reply:
        body = validate_body(op.version, op.model, raw) if op.model else None
        ctx = Ctx(self.store, op.version, params, query, body, _now(), dict(op.success), op.cap)
        return op.handler(ctx)

    def _check_expiry(self, request: Request) -> None:
        token = request.headers.get("authorization", "").partition(" ")[2].strip()
        expired = self.faults.token_expired(token)
        if expired is not None:
            raise HttpError(
                401,
                f"The OAuth token used to make this call expired {int(expired)} second(s) ago.",
                "EXPIRED_AUTHENTICATION",
            )

    @staticmethod
    def _rate_limited(policy: str, headers: dict[str, str]) -> HttpError:
        if policy == "DAILY":
            message = "You have reached your daily limit."
        else:
            message = "You have reached your ten_secondly_rolling limit."
        return HttpError(
            429,
            message,
            "RATE_LIMITS",
            extra={"errorType": "RATE_LIMIT", "policyName": policy, "groupName": "emulator"},
            headers=headers,
        )

    @staticmethod
    def _injected(status: int, retry_after: float | None = None) -> HttpError:
        err = EmulatorApp._injected_error(status)
        if retry_after is not None:
            err.headers["Retry-After"] = str(max(0, math.ceil(retry_after)))
        return err

    @staticmethod
    def _injected_error(status: int) -> HttpError:
        if status == 429:
            return HttpError(
                429,
                "You have reached your ten_secondly_rolling limit.",
                "RATE_LIMITS",
                extra={"errorType": "RATE_LIMIT", "policyName": "TEN_SECONDLY_ROLLING"},
            )
        if status == 403:
            return HttpError(
                403,
                "This app hasn't been granted all required scopes to make this call.",
                "MISSING_SCOPES",
                context={"requiredScopes": ["crm.objects.contacts.write"]},
            )
        message = {
            500: "Internal error",
            502: "Bad gateway: the upstream service did not answer in time",
            503: "Service unavailable, try again",
            504: "Gateway timeout",
        }.get(status, f"Injected failure {status}")
        return HttpError(status, message, _CATEGORY_BY_STATUS.get(status, "INTERNAL_ERROR"))

    def _record(
        self,
        method: str,
        path: str,
        query: dict[str, str],
        raw: bytes,
        status: int,
        op: Operation | None,
        fault: str | None,
        started_at: float,
    ) -> None:
        body: Any = None
        if raw and self.record_bodies:
            body = _recorded_body(raw)
        entry = RecordedRequest(
            method=method,
            path=unquote(path),
            query=query,
            body=body,
            status=status,
            operation=op.name if op else None,
            version=op.version if op else None,
            fault=fault,
            at=time.time(),
            duration=time.monotonic() - started_at,
        )
        with self._log_lock:
            self._log.append(entry)
