"""Every public operation as a plan (see ``_plans``), shared by the sync and async clients.

Each method validates its arguments at call time (so bad input fails before any request,
even for lazy iterators) and returns a plan or stream that the client's driver runs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from . import _validation as check
from ._accounting import body_errors
from ._batch_operations import BatchOperations, _results
from ._plans import (
    Call,
    Plan,
    Stream,
    emit,
    emit_all,
    fetch,
    nothing,
    request,
)
from ._wire import error_context, error_sub_category, is_no_associations
from .errors import (
    FAILED,
    MAX_MESSAGE,
    APIStatusError,
    MalformedResponseError,
    error_from_response,
)
from .models import (
    Association,
    AssociationLimit,
    AssociationType,
    CreatedAssociation,
    HighUsageReport,
    LabelDefinition,
    Record,
    parse_association,
    parse_default,
    parse_label_definition,
    parse_labels_pair,
    parse_limit,
    parse_record,
    parse_report,
    to_types,
)
from .pagination import (
    Associations,
    CursorPager,
    ListPage,
    cycle_error,
    decode_list_page,
    next_cursor,
)

T = TypeVar("T")

MAX_PAGE_SIZE = 500


def _raise_body_errors(body: Any) -> None:
    """Single-record calls answer with a batch body; an error in it is an error of the call."""
    errors = body_errors(body)
    if errors:
        first = errors[0]
        error = APIStatusError(
            first.message[:MAX_MESSAGE] or "the operation failed",
            status=200,
            category=first.category[:200],
            sub_category=first.sub_category,
            context={k: list(v) for k, v in first.context.items()},
            body=body,
        )
        error.outcome = FAILED  # HubSpot answered that it did not do it
        raise error


# What GET list answers where batch read reports a per-item error about the record.
_STATUS_OF_CATEGORY = {"OBJECT_NOT_FOUND": 404, "VALIDATION_ERROR": 400}


def _raise_record_error(body: Any, record: str) -> None:
    """Raise the per-item error of a batch-read answer that concerns ``record``, except
    "no associations", which is an empty result."""
    errors = body.get("errors") if isinstance(body, Mapping) else None
    for error in errors if isinstance(errors, list) else []:
        if not isinstance(error, Mapping):
            continue
        ids = {i for values in error_context(error.get("context")).values() for i in values}
        if record not in ids:
            continue
        if is_no_associations(error_sub_category(error.get("subCategory"))):
            return
        status = _STATUS_OF_CATEGORY.get(str(error.get("category")), 400)
        raise error_from_response(status, {}, json.dumps(error).encode())


# HubSpot's ids of its standard object types (custom objects are named by id, 2-<n>).
_TYPE_IDS = {
    "contact": "0-1", "company": "0-2", "deal": "0-3", "ticket": "0-5", "product": "0-7",
    "line_item": "0-8", "quote": "0-14", "task": "0-27", "note": "0-46", "meeting": "0-47",
    "call": "0-48", "email": "0-49",
}  # fmt: skip
_TYPE_IDS |= {("companies" if n == "company" else n + "s"): i for n, i in _TYPE_IDS.items()}


def _type_id(object_type: str) -> str | None:
    """``0-1`` stays; ``contacts``/``CONTACT`` -> ``0-1``; other names -> None."""
    if re.fullmatch(r"\d+-\d+", object_type):
        return object_type
    return _TYPE_IDS.get(object_type.lower())


def _with_object_types(
    found: list[LabelDefinition], from_type: str, to_type: str
) -> list[LabelDefinition]:
    """Versions whose label definitions leave out the object type ids (2025-09, 2026-09)
    get them from the request, when it named the types by id or by a standard object's
    name, so every version gives the same ``LabelDefinition``s."""
    ids = (_type_id(from_type), _type_id(to_type))
    return [
        replace(
            d,
            from_object_type_id=d.from_object_type_id or ids[0],
            to_object_type_id=d.to_object_type_id or ids[1],
        )
        for d in found
    ]


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_") or "label"


def _list_of(parse: Callable[[Any], T]) -> Callable[[Any], list[T]]:
    """A parser of a ``{"results": [...]}`` body: each result parsed."""
    return lambda body: [parse(r) for r in _results(body)]


def _about(made: list[CreatedAssociation], frm: str, to: str) -> list[CreatedAssociation]:
    """The results about the pair asked for (either direction); an answer with none does not
    say it was made: ``MalformedResponseError``, outcome unknown (it may have been)."""
    mine = [m for m in made if (m.from_id, m.to_id) in ((frm, to), (to, frm))]
    if not mine:
        named = ", ".join(f"{m.from_id}->{m.to_id}" for m in made[:3]) or "nothing"
        raise MalformedResponseError(
            f"the answer does not mention the association {frm}->{to} (it names {named}): "
            "it may have been made",
            status=200,
            category="UNACCOUNTED",
        )
    return mine


def _created_default(body: Any, frm: str, to: str) -> CreatedAssociation:
    _raise_body_errors(body)
    made = _about([parse_default(r) for r in _results(body)], frm, to)
    types = tuple(t for m in made if m.from_id == frm for t in m.types)
    return CreatedAssociation(frm, to, types or tuple(t for m in made for t in m.types))


def _created_labelled(
    body: Any, frm: str, to: str, specs: tuple[AssociationType, ...]
) -> CreatedAssociation:
    (made,) = _about([parse_labels_pair(body)], frm, to)
    return CreatedAssociation(frm, to, specs, made.labels)


def _label_definitions(body: Any, from_type: str, to_type: str) -> list[LabelDefinition]:
    found = [parse_label_definition(r) for r in _results(body)]
    return _with_object_types(found, from_type, to_type)


class Operations(BatchOperations):
    """Builds the plans of one client (its version and retry policy)."""

    # --- records -----------------------------------------------------------------------

    def records_list(
        self, object_type: Any, object_id: Any, to_object_type: Any, page_size: Any
    ) -> Stream[Association]:
        args = {
            "object_type": check.object_type(object_type, "object_type"),
            "object_id": check.record_id(object_id, "object_id"),
            "to_object_type": check.object_type(to_object_type, "to_object_type"),
            "limit": check.integer(page_size, "page_size", low=1, high=MAX_PAGE_SIZE),
        }
        if not self.version.has("list") and self.version.has("batch_read"):
            return self._list_by_batch_read(args)
        self._call("list", args)
        return self._list(args)

    def _list(self, args: Mapping[str, Any]) -> Stream[Association]:
        """Pages decoded compactly (like batch read), handed out a page at a time."""
        pager = CursorPager()
        build = Associations()
        while not pager.done:
            query = {**args, **({"after": pager.after} if pager.after else {})}
            answer = yield from request(Call("list", query, None, decode_list_page), self.policy)
            body = answer.body
            del answer
            if isinstance(body, ListPage):
                items = build.page(pager, body)
            else:
                items = [parse_association(wire) for wire in pager.advance(body)]
            yield from emit_all(items)

    def _list_by_batch_read(self, args: Mapping[str, Any]) -> Stream[Association]:
        """``records.list`` where the version has no GET list (2026-09): batch read of the
        one record, following its cursor; the same ``Association``s, page by page (the page
        size is the server's). An unknown record fails as the GET list would."""
        record = args["object_id"]
        path = {"from_object_type": args["object_type"], "to_object_type": args["to_object_type"]}
        after: str | None = None
        seen: set[str] = set()
        pages = 0
        while True:
            wanted = {"id": record, **({"after": after} if after else {})}
            call = Call("batch_read", path, {"inputs": [wanted]})
            answer = yield from request(call, self.policy)
            pages += 1
            after = None
            found: list[Any] = []
            for result in _results(answer.body):
                source = result.get("from")
                if not isinstance(source, Mapping) or str(source.get("id")) != record:
                    continue
                targets = result.get("to")
                found.extend(w for w in (targets if isinstance(targets, list) else []))
                after = next_cursor(result)
            _raise_record_error(answer.body, record)
            if after is not None and after in seen:  # it would page forever
                raise cycle_error(after, pages)
            for wire in found:
                if isinstance(wire, Mapping):
                    yield from emit(parse_association(wire))
            if after is None:
                return
            seen.add(after)

    def search(
        self,
        object_type: Any,
        query: str | None,
        filter_groups: Sequence[Mapping[str, Any]],
        properties: Sequence[str],
        sorts: Sequence[str],
        page_size: int,
    ) -> Stream[Record]:
        args = {"object_type": check.object_type(object_type, "object_type")}
        body: dict[str, Any] = {
            "filterGroups": [dict(g) for g in filter_groups],
            "properties": [check.text(p, "properties[]") for p in properties],
            "sorts": [check.text(s, "sorts[]") for s in sorts],
            "limit": check.integer(page_size, "page_size", low=1, high=200),
        }
        if query is not None:
            body["query"] = check.text(query, "query")
        self._call("search", args)
        return self._paged("search", args, lambda: body, parse_record, cursor_in_body=True)

    def _paged(
        self,
        operation: str,
        args: Mapping[str, Any],
        body: Callable[[], dict[str, Any]],
        parse: Callable[[Any], T],
        cursor_in_body: bool = False,
    ) -> Stream[T]:
        pager = CursorPager()
        while not pager.done:
            if cursor_in_body:
                call = Call(operation, args, {**body(), "after": pager.after or "0"})
            else:
                call = Call(operation, {**args, **({"after": pager.after} if pager.after else {})})
            answer = yield from request(call, self.policy)
            for wire in pager.advance(answer.body):
                yield from emit(parse(wire))

    def associate(
        self, from_type: Any, from_id: Any, to_type: Any, to_id: Any, types: Any
    ) -> Plan[CreatedAssociation]:
        frm = check.record_id(from_id, "from_id")
        to = check.record_id(to_id, "to_id")
        path = (check.object_type(from_type, "from_type"), check.object_type(to_type, "to_type"))
        if types is None:
            call = self._call(
                "create_default",
                {
                    "from_object_type": path[0],
                    "from_object_id": frm,
                    "to_object_type": path[1],
                    "to_object_id": to,
                },
            )
            return fetch(call, self.policy, lambda body: _created_default(body, frm, to))
        specs = to_types(types, "types")
        call = self._call(
            "create",
            {
                "object_type": path[0],
                "object_id": frm,
                "to_object_type": path[1],
                "to_object_id": to,
            },
            [t.to_wire() for t in specs],
        )
        return fetch(call, self.policy, lambda body: _created_labelled(body, frm, to, specs))

    def remove(self, from_type: Any, from_id: Any, to_type: Any, to_id: Any) -> Plan[None]:
        call = self._call(
            "archive",
            {
                "object_type": check.object_type(from_type, "from_type"),
                "object_id": check.record_id(from_id, "from_id"),
                "to_object_type": check.object_type(to_type, "to_type"),
                "to_object_id": check.record_id(to_id, "to_id"),
            },
        )
        return fetch(call, self.policy, nothing)

    # --- label definitions ---------------------------------------------------------------

    def labels_list(self, from_type: Any, to_type: Any) -> Plan[list[LabelDefinition]]:
        args = self._batch_path("labels_list", from_type, to_type)
        return self._labels(Call("labels_list", args))

    def labels_create(
        self, from_type: Any, to_type: Any, label: Any, name: Any, inverse_label: Any
    ) -> Plan[list[LabelDefinition]]:
        args = self._batch_path("labels_create", from_type, to_type)
        body = {"label": check.text(label, "label")}
        body["name"] = _slug(label) if name is None else check.text(name, "name")
        if inverse_label is not None:
            body["inverseLabel"] = check.text(inverse_label, "inverse_label")
        return self._labels_create(args, body)

    def _labels_create(
        self, args: Mapping[str, Any], body: Mapping[str, Any]
    ) -> Plan[list[LabelDefinition]]:
        """Create a label. If an attempt's answer was lost and the retry hears "already
        exists", the lost attempt made it: answer with the label as it now exists."""
        try:
            return (yield from self._labels(Call("labels_create", args, body)))
        except APIStatusError as exc:
            if not exc.may_have_applied or not 400 <= (exc.status or 0) < 500:
                raise
            lost = exc
        frm, to = args["from_object_type"], args["to_object_type"]
        wanted = [(frm, to, body["label"])]
        if body.get("inverseLabel") is not None:
            wanted.append((to, frm, body["inverseLabel"]))
        found: list[LabelDefinition] = []
        for a, b, label in wanted:
            pair = {"from_object_type": a, "to_object_type": b}
            defined = yield from self._labels(Call("labels_list", pair))
            mine = [d for d in defined if d.label == label and d.category == "USER_DEFINED"]
            if len(mine) != 1:
                raise lost  # not (only) ours: the error stands
            found.extend(mine)
        return found

    def labels_update(
        self, from_type: Any, to_type: Any, type_id: Any, label: Any, inverse_label: Any
    ) -> Plan[None]:
        args = self._batch_path("labels_update", from_type, to_type)
        body: dict[str, Any] = {
            "associationTypeId": check.integer(type_id, "type_id", low=1),
            "label": check.text(label, "label"),
        }
        if inverse_label is not None:
            body["inverseLabel"] = check.text(inverse_label, "inverse_label")
        return fetch(Call("labels_update", args, body), self.policy, nothing)

    def labels_delete(self, from_type: Any, to_type: Any, type_id: Any) -> Plan[None]:
        args: dict[str, Any] = self._batch_path("labels_archive", from_type, to_type)
        args["association_type_id"] = check.integer(type_id, "type_id", low=1)
        return fetch(Call("labels_archive", args), self.policy, nothing)

    def _labels(self, call: Call) -> Plan[list[LabelDefinition]]:
        frm, to = call.args["from_object_type"], call.args["to_object_type"]
        return fetch(call, self.policy, lambda body: _label_definitions(body, frm, to))

    # --- limits ------------------------------------------------------------------------

    def limits_list(self, from_type: Any, to_type: Any) -> Plan[list[AssociationLimit]]:
        if from_type is None and to_type is None:
            return fetch(self._call("limits_list_all", {}), self.policy, _list_of(parse_limit))
        if from_type is None or to_type is None:
            raise ValueError("give both from_type and to_type, or neither (all limits)")
        args = self._batch_path("limits_list", from_type, to_type)
        return fetch(Call("limits_list", args), self.policy, _list_of(parse_limit))

    # --- reports -----------------------------------------------------------------------

    def high_usage(self, user_id: Any) -> Plan[HighUsageReport]:
        call = self._call(
            "high_usage_report", {"user_id": check.integer(user_id, "user_id", low=1)}
        )
        return fetch(call, self.policy, parse_report)
