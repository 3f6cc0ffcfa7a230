"""Checks on user input, made before any request is sent.

Object types are names (``contacts``, ``line_items``, ``p_cars``) or type ids (``0-1``,
custom objects ``2-<n>``); record ids are decimal digit strings (ints accepted). A value
that is neither is refused with a ``TypeError``/``ValueError`` naming the argument, so an
id like ``1/../../v3/owners`` can never reach another endpoint. The generated client
also percent-encodes every path segment (``quote(..., safe="")``), as a second line of defence.

Every check matches the whole value (``fullmatch``: ``$`` would also match before a trailing
newline) against ASCII-only character classes (``\\d`` would accept Arabic-Indic and other
Unicode digits), with bounds: a record id is the canonical decimal form of an integer in
0..2**63-1 (HubSpot's int64 ids), so ``"007"`` (which HubSpot would read as record 7) and
``"1\n"`` are refused rather than sent.
"""

from __future__ import annotations

import re
from typing import Any, get_args

from .literals import Category

CATEGORIES: tuple[Category, ...] = get_args(Category)

_TYPE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,99}", re.ASCII)
_TYPE_ID = re.compile(r"(?:0|[1-9][0-9]{0,8})-(?:0|[1-9][0-9]{0,17})", re.ASCII)
_RECORD_ID = re.compile(r"0|[1-9][0-9]{0,18}", re.ASCII)
INT32_MAX = 2**31 - 1
RECORD_ID_MAX = 2**63 - 1


def _describe(value: Any) -> str:
    if isinstance(value, int) and value.bit_length() > 64:
        return f"an int of {value.bit_length()} bits"  # repr() of a huge int can raise
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def object_type(value: Any, argument: str) -> str:
    """A valid object type (name or ``<n>-<m>`` id), or TypeError/ValueError."""
    if not isinstance(value, str):
        raise TypeError(f"{argument} must be a str object type, got {type(value).__name__}")
    if not (_TYPE_NAME.fullmatch(value) or _TYPE_ID.fullmatch(value)):
        raise ValueError(
            f"{argument} must be an object type name like 'contacts' or a type id like "
            f"'0-1' or '2-123', got {_describe(value)}"
        )
    return value


def record_id(value: Any, argument: str) -> str:
    """A record id as HubSpot's decimal digit string; ints are accepted."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TypeError(f"{argument} must be a str or int record id, got {type(value).__name__}")
    if isinstance(value, int):
        if not 0 <= value <= RECORD_ID_MAX:
            raise ValueError(
                f"{argument} must be a record id between 0 and 2**63-1, got {_describe(value)}"
            )
        return str(value)
    if not _RECORD_ID.fullmatch(value) or int(value) > RECORD_ID_MAX:
        raise ValueError(
            f"{argument} must be a record id of ASCII decimal digits without leading zeros "
            f"(at most 2**63-1), got {_describe(value)}"
        )
    return value


def is_record_id(value: Any) -> bool:
    """Whether ``value`` is a record id as ``record_id`` takes it, without converting: what
    an answer's ids are held to (an int in range, or the canonical digit string)."""
    if type(value) is int:
        return 0 <= value <= RECORD_ID_MAX
    return (
        type(value) is str
        and _RECORD_ID.fullmatch(value) is not None
        and (len(value) < 19 or int(value) <= RECORD_ID_MAX)
    )


def is_type_id(value: Any) -> bool:
    """Whether ``value`` is an association type id as inputs take it (an int, 1..2**31-1)."""
    return type(value) is int and 1 <= value <= INT32_MAX


def integer(value: Any, argument: str, *, low: int = 0, high: int = INT32_MAX) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{argument} must be an int, got {type(value).__name__}")
    if not low <= value <= high:
        raise ValueError(f"{argument} must be between {low} and {high}, got {value}")
    return value


def category(value: Any, argument: str) -> Category:
    text = getattr(value, "value", value)  # accept str-valued enums
    if not isinstance(text, str):
        raise TypeError(f"{argument} must be a str category, got {type(value).__name__}")
    for known in CATEGORIES:
        if text == known:
            return known
    raise ValueError(f"{argument} must be one of {', '.join(CATEGORIES)}, got {text!r}")


def text(value: Any, argument: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{argument} must be a str, got {type(value).__name__}")
    if not value.strip():
        raise ValueError(f"{argument} must not be empty")
    return value
