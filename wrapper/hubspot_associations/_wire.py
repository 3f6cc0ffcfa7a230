"""The wire: what one attempt got back (``Answer``), and how its JSON and headers are read.

Pure helpers with no I/O and no exceptions of their own, shared by the retry decisions,
the error mapping, the answer checks and the rate limiters.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

DAILY = "DAILY"


def parse_json(content: bytes) -> Any:
    """The JSON of a body, or None when it is empty or not JSON (an HTML 502 page)."""
    if not content:
        return None
    try:
        return json.loads(content)
    except (ValueError, RecursionError):  # RecursionError: JSON nested deeper than Python's stack
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
    if daily_spent(headers):
        return DAILY
    return None


def daily_spent(headers: Mapping[str, str]) -> bool:
    """Whether ``X-HubSpot-RateLimit-Daily-Remaining`` says the day's quota is used up."""
    return header_number(headers, "X-HubSpot-RateLimit-Daily-Remaining", integer=True) == 0


# Header values are read strictly and bounded, so no answer can make a wait infinite, NaN or
# too long to sleep (``time.sleep(1e12)`` raises OverflowError): a number is plain ASCII
# decimal ("3", "0.5", "10000"); "inf", "nan", "1e308", "-5", "0x10", "1_0" or non-ASCII
# digits count as no header at all.
MAX_SERVER_WAIT = 86_400.0  # seconds: a longer wait a header names is read as this
MAX_WINDOW = 60.0  # seconds: a longer rate-limit window is not believed (HubSpot's: 1-10 s)
MAX_REQUESTS = 1_000_000  # per window: a larger X-HubSpot-RateLimit-Max is not believed
_DECIMAL = re.compile(r"[0-9]{1,15}(?:\.[0-9]{1,9})?", re.ASCII)
_INTEGER = re.compile(r"[0-9]{1,15}", re.ASCII)


def header_number(headers: Mapping[str, str], name: str, *, integer: bool = False) -> float | None:
    """A header's value as a finite number >= 0 (an integer if ``integer``), or None when it
    is absent or not a plain decimal number."""
    value = header(headers, name)
    if value is None:
        return None
    value = value.strip()
    return float(value) if (_INTEGER if integer else _DECIMAL).fullmatch(value) else None


def retry_after_seconds(headers: Mapping[str, str], *, interval: bool = True) -> float | None:
    """``Retry-After`` (seconds), else (if ``interval``) the rate-limit window's length; at
    most ``MAX_SERVER_WAIT``. (A ``Retry-After`` HTTP date is not read: HubSpot sends seconds.)"""
    seconds = header_number(headers, "Retry-After")
    if seconds is None and interval:
        millis = header_number(headers, "X-HubSpot-RateLimit-Interval-Milliseconds")
        seconds = None if millis is None else millis / 1000
    return None if seconds is None else min(seconds, MAX_SERVER_WAIT)


def announced_limit(headers: Mapping[str, str]) -> tuple[int, float] | None:
    """(requests, window in seconds) from ``X-HubSpot-RateLimit-Max`` and
    ``-Interval-Milliseconds``, or None unless both are there and believable (1 to
    ``MAX_REQUESTS`` requests, a window above 0 and at most ``MAX_WINDOW``)."""
    count = header_number(headers, "X-HubSpot-RateLimit-Max", integer=True)
    millis = header_number(headers, "X-HubSpot-RateLimit-Interval-Milliseconds")
    if count is None or millis is None:
        return None
    if not 1 <= count <= MAX_REQUESTS or not 0 < millis <= MAX_WINDOW * 1000:
        return None
    return int(count), millis / 1000


@dataclass(frozen=True)
class Answer:
    """What one attempt got back: status, headers and raw body.

    ``decode`` turns the body into what the plan reads (by default a JSON tree; batch read
    decodes straight into compact records); it returns None for a body it cannot read.
    ``declared``: the success statuses the operation declares (empty: unknown);
    ``truncated``: the body was cut at the client's size bound; ``problem``/``retry_safe``:
    set by ``_answers.examine`` when the answer cannot be believed.
    """

    status: int
    headers: Mapping[str, str]
    content: bytes
    decode: Callable[[bytes], Any] = parse_json
    token: int = 0  # which of the token callable's tokens the attempt carried (a count)
    declared: frozenset[int] = frozenset()
    truncated: bool = False
    problem: str | None = None
    retry_safe: bool = True

    @cached_property
    def body(self) -> Any:
        """The decoded body, decoded once however many readers ask (None if empty/unreadable)."""
        if not self.content or self.status >= 300:
            return parse_json(self.content)
        return self.decode(self.content)


Outcome = Answer | BaseException


def is_malformed(answer: Answer) -> bool:
    """A success whose body is not JSON (cut off, proxy page): retried like a 5xx."""
    if not 200 <= answer.status < 300 or not answer.content:
        return False
    return answer.body is None


# An error's ``context`` and ``subCategory``: read the same way for whole-request errors
# (``errors.error_from_response``) and per-item errors of batch bodies (``_accounting.ItemError``).
# Answers may be hostile, so what is kept is bounded.
MAX_CONTEXT_KEYS = 50
MAX_CONTEXT_VALUES = 2000  # in all keys together: a batch names at most a chunk's inputs
MAX_CONTEXT_TEXT = 200  # characters of a key or a value (record ids are 19 digits at most)
MAX_SUB_CATEGORY = 200
NO_ASSOCIATIONS_FOUND = "NO_ASSOCIATIONS_FOUND"


def _text(value: Any) -> str:
    """A context value as text: a string stays, anything else is its compact JSON."""
    if isinstance(value, str):
        return value
    try:
        return json.dumps(value, separators=(",", ":"), sort_keys=True)
    except (TypeError, ValueError, RecursionError):
        return type(value).__name__


def error_context(value: Any) -> dict[str, list[str]]:
    """An error's ``context`` as ``{key: [text, ...]}``.

    A list gives its items as strings (``{"ids": ["1", 2]}`` -> ``{"ids": ["1", "2"]}``), a
    scalar one item (``{"ids": "123"}`` -> ``{"ids": ["123"]}``, never ``["1", "2", "3"]``),
    anything that is not a JSON object ``{}``. Bounded: the first ``MAX_CONTEXT_KEYS`` keys,
    ``MAX_CONTEXT_VALUES`` values in all, each key and value cut at ``MAX_CONTEXT_TEXT``.
    """
    if not isinstance(value, dict):
        return {}
    out: dict[str, list[str]] = {}
    room = MAX_CONTEXT_VALUES
    for key, values in value.items():
        if len(out) >= MAX_CONTEXT_KEYS:
            break
        items = values if isinstance(values, list) else [values]
        kept = [_text(v)[:MAX_CONTEXT_TEXT] for v in items[:room]]
        room -= len(kept)
        out.setdefault(str(key)[:MAX_CONTEXT_TEXT], []).extend(kept)
    return out


def error_sub_category(value: Any) -> str | None:
    """An error's ``subCategory`` as text, or None.

    The wire sends a string, which stays (``"crm.associations.NO_ASSOCIATIONS_FOUND"``); the
    published OpenAPI documents type it as an object, which becomes its compact JSON with
    sorted keys (``{"b": 1, "a": 2}`` -> ``'{"a":2,"b":1}'``); None, ``""``, ``{}`` and ``[]``
    are None. Cut at ``MAX_SUB_CATEGORY`` characters.
    """
    if value is None or value in ("", {}, []):
        return None
    return _text(value)[:MAX_SUB_CATEGORY]


def is_no_associations(sub: str | None) -> bool:
    """Whether a ``subCategory`` (as read by `error_sub_category`) says "no associations": it is
    ``NO_ASSOCIATIONS_FOUND`` or ends with ``.NO_ASSOCIATIONS_FOUND``
    (``crm.associations.NO_ASSOCIATIONS_FOUND``); no other text containing it counts."""
    if sub is None:
        return False
    return sub == NO_ASSOCIATIONS_FOUND or sub.endswith("." + NO_ASSOCIATIONS_FOUND)
