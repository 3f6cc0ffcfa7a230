"""The one exception hierarchy of the SDK, and the single place that maps answers to it.

``HubSpotError``
 ├── ``APIConnectionError`` (network failure, no answer) ── ``APITimeoutError``
 ├── ``APIStatusError`` (an answer with status >= 400)
 │    ├── ``ValidationError`` 400   ├── ``AuthenticationError`` 401
 │    ├── ``MissingScopesError`` 403 (``.scopes``)   ├── ``NotFoundError`` 404
 │    ├── ``RateLimitError`` 429 (``.policy``) ── ``DailyRateLimitError``
 │    ├── ``ServerError`` 5xx
 │    └── ``MalformedResponseError`` (a 2xx whose body is not JSON)
 ├── ``BatchError`` (``BatchResult.raise_for_errors()``)
 └── ``ConfigurationError`` (no token, bad settings)

No exception holds the request, its headers or the access token: only what HubSpot
answered (status, category, correlation id, message, context, response headers).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import httpx

TEN_SECONDLY = "TEN_SECONDLY_ROLLING"
DAILY = "DAILY"


class HubSpotError(Exception):
    """Base of every error this SDK raises."""

    status: int | None = None
    category: str | None = None
    correlation_id: str | None = None

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConfigurationError(HubSpotError, ValueError):
    """The client cannot be used as configured (e.g. no access token)."""


class APIConnectionError(HubSpotError):
    """No answer from HubSpot: connection refused or dropped, DNS, TLS..."""

    category = "CONNECTION_ERROR"


class APITimeoutError(APIConnectionError):
    """HubSpot did not answer within the timeout."""

    category = "TIMEOUT"


class APIStatusError(HubSpotError):
    """HubSpot answered with an error status."""

    def __init__(
        self,
        message: str,
        *,
        status: int,
        category: str | None = None,
        sub_category: str | None = None,
        correlation_id: str | None = None,
        context: Mapping[str, list[str]] | None = None,
        headers: Mapping[str, str] | None = None,
        body: Any = None,
    ) -> None:
        self.status = status
        self.category = category
        self.sub_category = sub_category
        self.correlation_id = correlation_id
        self.context: dict[str, list[str]] = dict(context or {})
        self.headers: dict[str, str] = dict(headers or {})
        self.body = body
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only fields: rebuild from the instance dict (pickling, multiprocessing).
        return (_rebuild, (type(self), self.message, dict(self.__dict__)))

    def __str__(self) -> str:
        text = f"HTTP {self.status}"
        if self.category:
            text += f" {self.category}"
        text += f": {self.message}"
        if self.correlation_id:
            text += f" (correlation id {self.correlation_id})"
        return text

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status}, category={self.category!r}, "
            f"message={self.message!r}, correlation_id={self.correlation_id!r})"
        )


class ValidationError(APIStatusError):
    """400: HubSpot rejected the request (``VALIDATION_ERROR``)."""


class AuthenticationError(APIStatusError):
    """401: the access token is missing, invalid or expired."""


class MissingScopesError(APIStatusError):
    """403: the token lacks scopes; ``.scopes`` lists what HubSpot said is required."""

    @property
    def scopes(self) -> list[str]:
        found: list[str] = []
        contexts = [self.context]
        if isinstance(self.body, dict):
            contexts += [
                e.get("context") or {} for e in self.body.get("errors") or [] if isinstance(e, dict)
            ]
        for context in contexts:
            for values in context.values():
                for scope in values if isinstance(values, list) else [values]:
                    if isinstance(scope, str) and scope not in found:
                        found.append(scope)
        return found

    def __str__(self) -> str:
        text = super().__str__()
        return f"{text}; scopes: {', '.join(self.scopes)}" if self.scopes else text


class NotFoundError(APIStatusError):
    """404: the record, type or label does not exist."""


class RateLimitError(APIStatusError):
    """429: a HubSpot rate limit was hit; ``.policy`` names it (e.g. TEN_SECONDLY_ROLLING)."""

    @property
    def policy(self) -> str | None:
        return rate_limit_policy(self.body, self.headers)

    @property
    def retry_after(self) -> float | None:
        return retry_after_seconds(self.headers)

    def __str__(self) -> str:
        return f"{super().__str__()} [policy {self.policy or 'unknown'}]"


class DailyRateLimitError(RateLimitError):
    """429 with policy DAILY: the account's daily quota is spent; retrying today is pointless."""


class ServerError(APIStatusError):
    """5xx: a HubSpot-side failure (502/503/504 are retried before this is raised)."""


class MalformedResponseError(APIStatusError):
    """A 2xx answer whose body could not be read as JSON, even after retries."""


class BatchError(HubSpotError):
    """Raised by ``BatchResult.raise_for_errors()``; ``.failures`` holds every failure."""

    def __init__(self, message: str, failures: list[Any]) -> None:
        super().__init__(message)
        self.failures = failures


def _rebuild(cls: type[APIStatusError], message: str, state: dict[str, Any]) -> APIStatusError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: ValidationError,
    401: AuthenticationError,
    403: MissingScopesError,
    404: NotFoundError,
    429: RateLimitError,
}


def parse_json(content: bytes) -> Any:
    """The JSON of a body, or None when it is empty or not JSON (an HTML 502 page)."""
    if not content:
        return None
    try:
        return json.loads(content)
    except ValueError:
        return None


def header(headers: Mapping[str, str], name: str) -> str | None:
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return value
    return None


def rate_limit_policy(body: Any, headers: Mapping[str, str]) -> str | None:
    """Which limit a 429 is about: the body's ``policyName``, else a spent daily header."""
    if isinstance(body, dict) and isinstance(body.get("policyName"), str):
        return str(body["policyName"]).upper()
    if header(headers, "X-HubSpot-RateLimit-Daily-Remaining") == "0":
        return DAILY
    return None


def retry_after_seconds(headers: Mapping[str, str], *, interval: bool = True) -> float | None:
    """``Retry-After`` (seconds), else (if ``interval``) the rate-limit window's length."""
    names = [("Retry-After", 1.0)]
    if interval:
        names.append(("X-HubSpot-RateLimit-Interval-Milliseconds", 0.001))
    for name, scale in names:
        value = header(headers, name)
        if value is None:
            continue
        try:
            seconds = float(value) * scale
        except ValueError:
            continue
        if seconds >= 0:
            return seconds
    return None


def _context(value: Any) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        return {}
    return {str(k): [str(x) for x in (v if isinstance(v, list) else [v])] for k, v in value.items()}


def error_from_response(status: int, headers: Mapping[str, str], content: bytes) -> APIStatusError:
    """Map an error answer to the exception class for its status (and rate-limit policy)."""
    body = parse_json(content)
    fields = body if isinstance(body, dict) else {}
    message = fields.get("message")
    if not isinstance(message, str) or not message:
        message = content[:200].decode("utf-8", "replace").strip() or "no message"
    cls: type[APIStatusError] = _BY_STATUS.get(status, APIStatusError)
    if status >= 500:
        cls = ServerError
    if status == 429 and rate_limit_policy(body, headers) == DAILY:
        cls = DailyRateLimitError
    sub = fields.get("subCategory")
    return cls(
        message,
        status=status,
        category=fields.get("category") if isinstance(fields.get("category"), str) else None,
        sub_category=sub if isinstance(sub, str) else (json.dumps(sub) if sub else None),
        correlation_id=(
            str(fields["correlationId"]) if fields.get("correlationId") is not None else None
        ),
        context=_context(fields.get("context")),
        headers=headers,
        body=body,
    )


def error_from_exception(exc: BaseException) -> HubSpotError:
    """Map a transport exception (httpx) to the SDK's connection errors."""
    if isinstance(exc, HubSpotError):
        return exc
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"request timed out: {type(exc).__name__}")
    return APIConnectionError(f"connection failed: {type(exc).__name__}: {exc}")


class RateLimitBackendError(HubSpotError):
    """The shared rate limiter's store (Redis) cannot be reached: at start, or lost mid-job.

    Raised instead of sending unthrottled: requests stop until the store is back."""
