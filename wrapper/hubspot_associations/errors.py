"""The one exception hierarchy of the SDK, and the single place that maps answers to it.

``HubSpotError``
 ├── ``APIConnectionError`` (network failure, no answer) ── ``APITimeoutError``
 │                                                           └── ``CallTimeoutError``
 ├── ``APIStatusError`` (an answer with status >= 400)
 │    ├── ``ValidationError`` 400   ├── ``AuthenticationError`` 401
 │    ├── ``MissingScopesError`` 403 (``.scopes``)   ├── ``NotFoundError`` 404
 │    ├── ``RateLimitError`` 429 (``.policy``) ── ``DailyRateLimitError``
 │    ├── ``ServerError`` 5xx
 │    └── ``UnexpectedResponseError`` (an answer the operation does not declare: a 3xx, ...)
 │         ├── ``MalformedResponseError`` (a 2xx whose body is not JSON or lacks what we read)
 │         ├── ``ResponseTooLargeError`` (a body over the client's ``max_answer_bytes``)
 │         └── ``PagingCycleError`` (a paging cursor that comes back)
 ├── ``BatchError`` (``BatchResult.raise_for_errors()``)
 └── ``ConfigurationError`` (no token, bad settings)

No exception holds the request, its headers or the access token: only what HubSpot
answered (status, category, correlation id, message, context, response headers), with
bounded text (``MAX_MESSAGE`` characters of a message, ``MAX_EXCERPT`` of a body), and
any ``Authorization``/``Bearer`` value a transport library puts in its messages scrubbed.

Every error says what may have happened to the request: ``.outcome`` is ``FAILED`` when
it was not applied (HubSpot refused it, or it was never sent) and ``UNKNOWN`` when it may
have been (the answer was lost after sending: a read timeout, a dropped connection, a 5xx
from a gateway, a 2xx we could not read, or an earlier attempt of the same call had one
of those).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import quote

from ._wire import (
    DAILY,
    error_context,
    error_sub_category,
    header,
    parse_json,
    rate_limit_policy,
    retry_after_seconds,
)
from .literals import Outcome

if TYPE_CHECKING:
    import httpx

FAILED: Final = "failed"  # not applied: HubSpot refused it, or it was never sent
UNKNOWN: Final = "unknown"  # may have been applied: the answer was lost after it was sent

MAX_MESSAGE = 500  # characters of a message (HubSpot's or a transport library's) kept
MAX_EXCERPT = 200  # characters of an answer body quoted when it has no message
MAX_KEPT_BODY = 1 << 20  # error bodies larger than this are not kept on the exception

_SECRET = re.compile(
    r"(?i)(bearer\s+|authorization[\"']?\s*[:=,]\s*[\"']?(?:bearer\s+)?)"
    r"[^\s\"',;)}\]]+"
)


def scrub(text: str) -> str:
    """``text`` without any bearer token or Authorization value, and bounded in length."""
    cleaned = _SECRET.sub(lambda m: m.group(1) + "<redacted>", text)
    if len(cleaned) > MAX_MESSAGE:
        cleaned = cleaned[:MAX_MESSAGE] + f"... ({len(cleaned) - MAX_MESSAGE} more characters)"
    return cleaned


# The access token, should an answer echo it back (a proxy, a misconfigured gateway, an error
# quoting the request), is cut out of the answer's body and headers as soon as they are read
# (``Client``'s driver calls ``redact``), so no exception, batch failure, log line or recorded
# exchange built from the answer can hold it. Tokens under MIN_SECRET characters are left
# alone: real ones are 36+ characters, and cutting "t" out of every answer would garble it.
REDACTED = "<redacted>"
MIN_SECRET = 8


def _secret_forms(secret: str | None) -> tuple[str, list[str]]:
    """How an answer may spell ``secret``: as is, JSON-escaped (``/`` as ``\\/``) and
    percent-encoded (``+``, ``/``, ``=``); and a part all of them contain, searched first, so
    an answer without the token costs one search. No forms for a short secret."""
    if secret is None or len(secret) < MIN_SECRET:
        return "", []
    forms = list(dict.fromkeys([secret, secret.replace("/", "\\/"), quote(secret, safe="")]))
    return max(re.split(r"[/+=]", secret), key=len), forms


def redact(content: bytes, secret: str | None) -> bytes:
    """``content`` with every form of ``secret`` replaced by ``<redacted>`` (the same object
    when it has none)."""
    part, forms = _secret_forms(secret)
    if not forms or part.encode() not in content:
        return content
    for form in forms:
        content = content.replace(form.encode(), REDACTED.encode())
    return content


def redact_text(text: str, secret: str | None) -> str:
    """``text`` (a header value, a message) with every form of ``secret`` replaced."""
    part, forms = _secret_forms(secret)
    if not forms or part not in text:
        return text
    for form in forms:
        text = text.replace(form, REDACTED)
    return text


def redact_headers(headers: httpx.Headers, secret: str | None) -> httpx.Headers:
    """``headers`` with every form of ``secret`` cut out of their values (the same object when
    none has it)."""
    import httpx  # only an answer's headers come here: httpx is loaded

    items = headers.multi_items()
    cleaned = [(k, redact_text(v, secret)) for k, v in items]
    return headers if cleaned == items else httpx.Headers(cleaned)


def excerpt(content: bytes, limit: int = MAX_EXCERPT) -> str:
    """A short, printable excerpt of an answer body for messages."""
    text = content[: limit * 4].decode("utf-8", "replace")
    text = " ".join(text.split())
    if len(text) > limit or len(content) > limit * 4:
        return text[:limit] + f"... ({len(content)} bytes)"
    return text or "(empty body)"


class HubSpotError(Exception):
    """Base of every error this SDK raises."""

    status: int | None = None
    category: str | None = None
    correlation_id: str | None = None
    outcome: Outcome = FAILED

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @property
    def may_have_applied(self) -> bool:
        """True when the request may have taken effect although this error was raised."""
        return self.outcome == UNKNOWN

    def mark_unknown(self, reason: str) -> None:
        """An earlier attempt of the same call lost its answer: it may have been applied."""
        if self.outcome != UNKNOWN:
            self.outcome = UNKNOWN
            self.message = f"{self.message} ({reason})"
            self.args = (self.message,)


class ConfigurationError(HubSpotError, ValueError):
    """The client cannot be used as configured (e.g. no access token)."""


class APIConnectionError(HubSpotError):
    """No answer from HubSpot: connection refused or dropped, DNS, TLS...

    ``outcome`` is ``FAILED`` when the request cannot have been sent (connection refused,
    connect timeout) and ``UNKNOWN`` when it was sent and the answer was lost.
    """

    category = "CONNECTION_ERROR"

    def __init__(self, message: str, *, outcome: Outcome = UNKNOWN) -> None:
        super().__init__(message)
        self.outcome = outcome


class APITimeoutError(APIConnectionError):
    """HubSpot did not answer within the timeout."""

    category = "TIMEOUT"


class CallTimeoutError(APITimeoutError):
    """The client's ``call_timeout`` ran out before the call had its answer."""

    category = "CALL_TIMEOUT"


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
        # An answer HubSpot gave to refuse the request: not applied. A 5xx (often a gateway
        # that lost HubSpot's answer) or an answer we cannot believe: it may have been.
        self.outcome = FAILED if 400 <= status < 500 else UNKNOWN

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
        errors = self.body.get("errors") if isinstance(self.body, dict) else None
        if isinstance(errors, list):
            contexts += [error_context(e.get("context")) for e in errors if isinstance(e, dict)]
        for context in contexts:
            for values in context.values():
                for scope in values:
                    if scope not in found:
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


class UnexpectedResponseError(APIStatusError):
    """An answer the operation does not declare: a 3xx (redirects are not followed), a
    status the spec does not list for it (a 204 where a body is due), ..."""


class MalformedResponseError(UnexpectedResponseError):
    """A 2xx answer whose body is not JSON or lacks the fields the SDK reads, even after
    retries (when retrying is safe)."""


class ResponseTooLargeError(UnexpectedResponseError):
    """An answer body (after decompression) larger than the client's ``max_answer_bytes``."""


class PagingCycleError(UnexpectedResponseError):
    """A paging cursor came back after it had been followed: the pages would never end."""


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


def correlation_id(fields: Mapping[str, Any], headers: Mapping[str, str]) -> str | None:
    """The body's ``correlationId``, else the ``X-HubSpot-Correlation-Id`` header."""
    value = fields.get("correlationId")
    if value is None:
        value = header(headers, "X-HubSpot-Correlation-Id")
    return None if value is None else str(value)[:100]


def error_from_response(status: int, headers: Mapping[str, str], content: bytes) -> APIStatusError:
    """Map an error answer to the exception class for its status (and rate-limit policy)."""
    body = parse_json(content) if len(content) <= MAX_KEPT_BODY else None
    fields = body if isinstance(body, dict) else {}
    message = fields.get("message")
    if not isinstance(message, str) or not message.strip():
        message = excerpt(content)
    elif len(message) > MAX_MESSAGE:
        message = message[:MAX_MESSAGE] + f"... ({len(message) - MAX_MESSAGE} more characters)"
    cls: type[APIStatusError] = _BY_STATUS.get(status, APIStatusError)
    if status >= 500:
        cls = ServerError
    if status == 429 and rate_limit_policy(body, headers) == DAILY:
        cls = DailyRateLimitError
    return cls(
        message,
        status=status,
        category=_short(fields.get("category")),
        sub_category=error_sub_category(fields.get("subCategory")),
        correlation_id=correlation_id(fields, headers),
        context=error_context(fields.get("context")),
        headers=headers,
        body=body,
    )


def _short(value: Any, limit: int = 200) -> str | None:
    return value[:limit] if isinstance(value, str) else None


def _not_sent(exc: BaseException) -> bool:
    """A transport failure before any byte of the request was sent: not applied."""
    import httpx  # imported by the request that failed (Client(...) imports none: README)

    return isinstance(
        exc,
        (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol),
    )


def error_from_exception(exc: BaseException) -> HubSpotError:
    """Map a transport exception (httpx) to the SDK's connection errors, text scrubbed."""
    if isinstance(exc, HubSpotError):
        return exc
    import httpx

    outcome: Outcome = FAILED if _not_sent(exc) else UNKNOWN
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"request timed out: {type(exc).__name__}", outcome=outcome)
    return APIConnectionError(
        f"connection failed{_origin(exc)}: {type(exc).__name__}: {scrub(str(exc))}",
        outcome=outcome,
    )


def _origin(exc: BaseException) -> str:
    """`` to https://host[:port]``: which server could not be reached (the reason alone, say
    "Name or service not known", does not say which). Never the path or the query."""
    try:
        url = exc.request.url  # type: ignore[attr-defined]  # httpx.RequestError's
        return f" to {url.scheme}://{url.netloc.decode('ascii')}"
    except Exception:  # no request attached: the reason alone
        return ""


_CATEGORY: dict[type[UnexpectedResponseError], str] = {
    UnexpectedResponseError: "UNEXPECTED_RESPONSE",
    MalformedResponseError: "MALFORMED_RESPONSE",
    ResponseTooLargeError: "RESPONSE_TOO_LARGE",
}


def unexpected_response(
    problem: str,
    status: int,
    headers: Mapping[str, str],
    content: bytes,
    *,
    too_large: bool = False,
) -> UnexpectedResponseError:
    """An answer the SDK will not believe: status, what is wrong, a body excerpt, the id."""
    cls: type[UnexpectedResponseError] = UnexpectedResponseError
    if too_large:
        cls = ResponseTooLargeError
    elif 200 <= status < 300:
        cls = MalformedResponseError
    body = parse_json(content) if len(content) <= MAX_KEPT_BODY else None
    fields = body if isinstance(body, dict) else {}
    return cls(
        f"{problem}; body: {excerpt(content)}",
        status=status,
        category=_CATEGORY[cls],
        correlation_id=correlation_id(fields, headers),
        headers=headers,
    )


class RateLimitBackendError(HubSpotError):
    """The shared rate limiter's store (Redis) cannot be reached: at start, or lost mid-job.

    Raised instead of sending unthrottled: requests stop until the store is back."""


class UndecodableBody(Exception):
    """A body in an encoding we did not ask for, or corrupt."""


class UnsupportedVersionError(ConfigurationError):
    """The version asked for has no generated client in this installation."""


class UnsupportedOperation(HubSpotError):
    """The selected API version does not have this operation (e.g. search in v4)."""

    def __init__(self, operation: str, version: str, supported_by: tuple[str, ...]) -> None:
        where = ", ".join(supported_by) if supported_by else "no installed version"
        super().__init__(
            f"operation {operation!r} is not available in API version {version!r} "
            f"(available in: {where})"
        )
        self.operation = operation
        self.version = version
        self.supported_by = supported_by


class BatchInterruptedError(HubSpotError):
    """A batch call stopped by something other than HubSpot's answers: an exception from
    ``on_progress``, from the input iterable, or any unexpected error (raised ``from`` it).
    A token callable that raises fails its chunk instead (``ConfigurationError``).

    ``.result`` is a ``BatchResult`` of what was accounted for before the stop: the inputs
    of answered chunks with their real outcome, and the inputs of chunks that were sent but
    whose answer is not known as failures with ``outcome == UNKNOWN`` (may have been
    applied). Inputs never sent are not in it. It always covers the first ``result.total``
    inputs, in order: resume from there. For the streamed forms it holds only the chunks
    that were not handed to the caller. ``KeyboardInterrupt``, ``asyncio.CancelledError``
    and ``SystemExit`` are re-raised as they are, with the same partial result reachable
    through ``hubspot_associations.partial_result(exc)``.
    """

    category = "INTERRUPTED"

    def __init__(self, message: str, result: Any) -> None:
        super().__init__(message)
        self.result = result
        if result.unknown_inputs:
            self.outcome = UNKNOWN
