"""The emulator's record search (POST /crm/v3/objects/{objectType}/search): filters,
query, sorts and offset paging over the seeded records' properties."""

from __future__ import annotations

import re
from typing import Any

from ._model import Store, normalize_object_type
from ._replies import HttpError, Reply
from ._requests import Ctx

__all__ = ["SEARCH_MAX", "h_search"]

SEARCH_MAX = 200


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
