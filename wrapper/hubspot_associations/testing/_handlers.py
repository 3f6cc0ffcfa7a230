"""The operation handlers (one per operation name, the same in every version) and the table
of them, `HANDLERS`. A handler reads a checked request (`Ctx`), changes the `Store` and
returns a `Reply`; search is in `_search`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from typing import Any

from ._model import ItemError, Spec, TypeDef, type_name
from ._replies import (
    HttpError,
    Reply,
    batch_body,
    item_to_http,
    spec_with_label,
    user_configuration,
)
from ._requests import Ctx
from ._search import h_search

__all__ = ["HANDLERS", "Handler", "batch_reply"]

Handler = Callable[[Ctx], Reply]
LIST_MAX = 500


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
        raise item_to_http(err) from None


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


# Associations Schema API: labels and limits ------------------------------------------
def h_labels_list(c: Ctx) -> Reply:
    a, b = c.otype("fromObjectType"), c.otype("toObjectType")
    types = sorted(c.store.types(a, b), key=lambda t: (t.category != "HUBSPOT_DEFINED", t.type_id))
    return Reply(200, {"results": [spec_with_label(t) for t in types]})


def h_labels_create(c: Ctx) -> Reply:
    a, b = c.otype("fromObjectType"), c.otype("toObjectType")
    body = c.body
    if not str(body["label"]).strip() or not str(body["name"]).strip():
        raise HttpError(400, "label and name must not be empty")
    try:
        created = c.store.create_label(a, b, body["name"], body["label"], body.get("inverseLabel"))
    except ItemError as err:
        raise item_to_http(err) from None
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
        raise item_to_http(err) from None
    return Reply(204)


def h_labels_archive(c: Ctx) -> Reply:
    a, b = c.otype("fromObjectType"), c.otype("toObjectType")
    try:
        c.store.delete_label(a, b, c.int_param("associationTypeId"))
    except ItemError as err:
        raise item_to_http(err) from None
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
