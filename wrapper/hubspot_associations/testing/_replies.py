"""What the emulator answers: HubSpot's Error body, batch bodies and the JSON of types.

`HttpError` is a whole-request error (raised by checks and handlers, answered by the app);
`ItemError` (from `_model`) is a per-item one, inside a batch body or turned into an
`HttpError` by `item_to_http` for single-record calls. Also the bodies of injected faults.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ._model import ItemError, TypeDef

__all__ = [
    "HttpError",
    "Reply",
    "batch_body",
    "error_body",
    "injected",
    "item_to_http",
    "now",
    "rate_limited",
    "spec_with_label",
    "standard_error",
    "user_configuration",
]

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


def now() -> str:
    """The current time as HubSpot writes it (ISO 8601, milliseconds, Z)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class Reply:
    """An answer: status, JSON body (None: no body) and headers."""

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
        "completedAt": now(),
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


def item_to_http(err: ItemError) -> HttpError:
    """A per-item error as the whole-request error of a single-record call."""
    return HttpError(
        err.status, err.message, err.category, sub_category=err.sub_category, context=err.context
    )


def rate_limited(policy: str, headers: dict[str, str]) -> HttpError:
    """The 429 of a spent rate limit (``policy``: TEN_SECONDLY_ROLLING or DAILY)."""
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


def injected(status: int, retry_after: float | None = None) -> HttpError:
    """The error answer of an injected fault with this status."""
    err = _injected_error(status)
    if retry_after is not None:
        err.headers["Retry-After"] = str(max(0, math.ceil(retry_after)))
    return err


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
