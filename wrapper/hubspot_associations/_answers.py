"""Which answers an operation may get, and whether an answer has the shape the SDK reads.

Pure: no I/O. ``examine(operation, outcome)`` runs on every attempt's outcome (in
``_plans.request``, for sync and async alike) and returns it unchanged when it can be
believed, or a copy carrying ``problem`` (what is wrong) and ``retry_safe`` when it cannot:

- a status below 200 or a 3xx (redirects are never followed: a proxy's login page or a
  redirect to another host is not HubSpot's answer), never retried;
- a 2xx the operation does not declare in the selected version's spec (``declared``, from
  the version's facts table, e.g. a 204 where a body is due), retried when safe;
- a 2xx whose body is empty, not JSON, or lacks a field the SDK reads (``{}`` for a batch
  answer, ``[1, 2, 3]``, a result without ``toObjectId``...), retried when safe;
- a 2xx body cut at the client's ``max_answer_bytes``, never retried.

Answers with a status >= 400 are left to ``errors.error_from_response``. The shapes below
check exactly what ``models``' parsers, ``batching`` and ``pagination`` read, so a body
that passes cannot make them fail with a ``KeyError``/``TypeError``/``ValueError``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import msgspec

from ._validation import is_record_id, is_type_id
from ._wire import Answer, Outcome

# Repeating these after a lost answer could do something twice that must happen once.
NOT_RETRY_SAFE = frozenset({"labels_create", "high_usage_report"})

# --- shapes: None when fine, else what is wrong ------------------------------------------

Check = Callable[[Any], str | None]


def _is_id(value: Any) -> bool:
    """A ``from`` id of batch read: only matched against the ids asked for, never returned."""
    if type(value) is dict:
        value = value.get("id")
    return type(value) is str or type(value) is int


def _fields(**checks: Check) -> Check:
    """An object with these fields (a name ending in ``_`` may be absent or null).

    Written for speed: it runs over every result of every answer (40,000 associations of a
    batch read cost about as much to check as to decode with a naive version)."""
    spec = tuple((name.rstrip("_"), name.endswith("_"), check) for name, check in checks.items())

    def check(value: Any) -> str | None:
        if type(value) is not dict:
            return f"expected an object, got {_kind(value)}"
        get = value.get
        for key, optional, field_check in spec:
            field = get(key)
            if field is None:
                if optional:
                    continue
                return f"missing {key!r}"
            if field_check is not _any:
                problem = field_check(field)
                if problem is not None:
                    return f"{key}: {problem}"
        return None

    return check


def _list_of(item: Check) -> Check:
    def check(value: Any) -> str | None:
        if type(value) is not list:
            return f"expected a list, got {_kind(value)}"
        if item is _any:
            return None
        for index, entry in enumerate(value):
            problem = item(entry)
            if problem is not None:
                return f"[{index}] {problem}"
        return None

    return check


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _str(value: Any) -> str | None:
    return None if type(value) is str else f"expected a string, got {_kind(value)}"


def _int(value: Any) -> str | None:
    return None if type(value) is int else f"expected an integer, got {_kind(value)}"


def _id(value: Any) -> str | None:
    """A record id (or ``{"id": ...}``) held to the checks of inputs (``_validation``)."""
    if type(value) is dict:
        value = value.get("id")
    if is_record_id(value):
        return None
    shown = repr(value)[:40] if type(value) in (str, int) else _kind(value)
    return f"expected a record id (0..2**63-1, canonical digits), got {shown}"


def _type_id(value: Any) -> str | None:
    if is_type_id(value):
        return None
    shown = repr(value)[:40] if type(value) is int else _kind(value)
    return f"expected an integer type id in 1..2**31-1, got {shown}"


def _from_id(value: Any) -> str | None:
    return None if _is_id(value) else f"expected a record id, got {_kind(value)}"


def _any(value: Any) -> str | None:
    return None


def _cursor(value: Any) -> str | None:
    return None if type(value) in (str, int) else "expected a cursor string"


def _millis(value: Any) -> str | None:
    """A timestamp in milliseconds that ``datetime`` can hold (year 1970..9999)."""
    if type(value) is int and 0 <= value < 253_402_300_800_000:
        return None
    return "expected milliseconds since 1970"


def _optional_str(value: Any) -> str | None:
    return None if value is None or type(value) is str else "expected a string or null"


_TYPE = _fields(category=_str, typeId=_type_id, label_=_optional_str)
_SPEC = _fields(associationCategory=_str, associationTypeId=_type_id)
_PAGING = _fields(next_=_fields(after_=_cursor))
_ERRORS = _list_of(_fields())


def _fast(fits: Callable[[Any], bool], check: Check) -> Check:
    """``check``, with ``fits`` deciding the common case fast (the hot path of big answers);
    ``check`` runs only to say what is wrong."""
    return lambda value: None if fits(value) else check(value)


def _associations_fit(items: Any) -> bool:
    """A list of associations (``toObjectId`` + ``associationTypes``), in one loop."""
    if type(items) is not list:
        return False
    for item in items:
        if type(item) is not dict:
            return False
        if not is_record_id(item.get("toObjectId")):
            return False
        types = item.get("associationTypes")
        if types is None:
            continue
        if type(types) is not list:
            return False
        for t in types:
            if type(t) is not dict or type(t.get("category")) is not str:
                return False
            if not is_type_id(t.get("typeId")):
                return False
            label = t.get("label")
            if label is not None and type(label) is not str:
                return False
    return True


def _read_item_fits(value: Any) -> bool:
    if type(value) is not dict:
        return False
    frm = value.get("from")
    if type(frm) is not dict or not _is_id(frm.get("id")):
        return False
    to = value.get("to")
    if to is not None and not _associations_fit(to):
        return False
    paging = value.get("paging")
    return paging is None or _PAGING(paging) is None


_ASSOCIATION = _fields(toObjectId=_id, associationTypes_=_list_of(_TYPE))
_ASSOCIATIONS = _fast(_associations_fit, _list_of(_ASSOCIATION))


def _spec_or_type(value: Any) -> str | None:
    if type(value) is dict and "associationCategory" in value:
        return _SPEC(value)
    return _TYPE(value)


def _batch(item: Check) -> Check:
    """A BatchResponse: ``status``, ``results`` of ``item``, optional ``errors``."""
    return _fields(status=_str, results=_list_of(item), errors_=_ERRORS)


def _collection(item: Check) -> Check:
    return _fields(results=_list_of(item), paging_=_PAGING)


_LABELS_PAIR = _fields(fromObjectId=_id, toObjectId=_id, labels_=_list_of(_optional_str))
_DEFAULT = _fields(**{"from": _id, "to": _id, "associationSpec_": _spec_or_type})
_LABEL = _fields(category=_str, typeId=_type_id, label_=_optional_str)
_LIMIT = _fields(
    category=_str, typeId=_type_id, maxToObjectIds_=_int, userEnforcedMaxToObjectIds_=_int
)
_READ_ITEM = _fast(
    _read_item_fits,
    _fields(**{"from": _fields(id=_from_id), "to_": _ASSOCIATIONS, "paging_": _PAGING}),
)
_RECORD = _fields(id=_id, properties_=_fields(), archived_=_any)

SHAPES: dict[str, Check] = {
    "list": _fields(results=_ASSOCIATIONS, paging_=_PAGING),
    "search": _collection(_RECORD),
    "batch_read": _batch(_READ_ITEM),
    "batch_create": _batch(_LABELS_PAIR),
    "batch_associate_default": _batch(_DEFAULT),
    "batch_archive": _batch(_any),
    "batch_archive_labels": _batch(_any),
    "create_default": _batch(_DEFAULT),
    "create": _LABELS_PAIR,
    "labels_list": _fields(results=_list_of(_LABEL)),
    "labels_create": _fields(results=_list_of(_LABEL)),
    "limits_list": _fields(results=_list_of(_LIMIT)),
    "limits_list_all": _fields(results=_list_of(_LIMIT)),
    "limits_batch_create": _batch(_LIMIT),
    "limits_batch_update": _batch(_LIMIT),
    "limits_batch_purge": _batch(_any),
    "high_usage_report": _fields(userId=_int, userEmail=_str, enqueueTime_=_fields(value_=_millis)),
}


def problem(operation: str, answer: Answer) -> str | None:
    """What makes ``answer`` unbelievable as an answer to ``operation``, or None."""
    status = answer.status
    if status >= 400:
        return None
    if status < 200 or status >= 300:
        return f"HTTP {status} is not an answer {operation} can have (redirects are not followed)"
    if answer.truncated:
        return "the answer is larger than the client's max_answer_bytes"
    if answer.declared and status not in answer.declared:
        expected = ", ".join(str(s) for s in sorted(answer.declared))
        return f"HTTP {status} is not an answer {operation} declares (expected {expected})"
    if status == 204:
        return None
    shape = SHAPES.get(operation)
    if shape is None:
        return None
    if not answer.content.strip():
        return f"an empty body where {operation} answers with JSON"
    body = answer.body
    if body is None:
        return "the body is not valid JSON"
    if isinstance(body, msgspec.Struct):  # decoded by a typed decoder: the shape held
        return None
    found = shape(body)
    return None if found is None else f"the body is not a {operation} answer: {found}"


def examine(operation: str, outcome: Outcome) -> Outcome:
    """``outcome`` itself when it can be believed, else a copy saying what is wrong."""
    if isinstance(outcome, BaseException):
        return outcome
    found = outcome.problem or problem(operation, outcome)
    if found is None:
        return outcome
    safe = 200 <= outcome.status < 300 and not outcome.truncated and operation not in NOT_RETRY_SAFE
    return dataclasses.replace(outcome, problem=found[:300], retry_safe=safe)
