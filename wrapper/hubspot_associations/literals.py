"""The closed sets of the SDK's vocabulary as ``Literal`` types, defined once.

A type checker then refuses ``"HUBSPOT_DEFIEND"`` or ``keep="failure"`` before anything
runs, and an editor offers the values. Where the set is open, the alias still names the
known values but takes any ``str``: ``ObjectType`` accepts ``"contacts"`` and custom object
types alike (``"p_cars"``, ``"2-123"``); the SDK checks every value at run time anyway
(``_validation``). ``tests/wrapper/test_literals.py`` keeps each alias equal to the set the
code uses (``CATEGORIES``, ``supported_versions()``...).
"""

from __future__ import annotations

from typing import Literal, TypeAlias

import hubspot_associations_raw as _raw

# An association type's category. Closed: HubSpot defines these four.
Category: TypeAlias = Literal["HUBSPOT_DEFINED", "USER_DEFINED", "INTEGRATOR_DEFINED", "WORK"]

# HubSpot's standard object types, by name and by type id.
StandardObjectType: TypeAlias = Literal[
    "contacts", "companies", "deals", "tickets", "products", "line_items", "quotes", "tasks",
    "notes", "meetings", "calls", "emails",
    "0-1", "0-2", "0-3", "0-5", "0-7", "0-8", "0-14", "0-27", "0-46", "0-47", "0-48", "0-49",
]  # fmt: skip
# Open: custom object types ("p_cars", "2-123") are object types too.
ObjectType: TypeAlias = StandardObjectType | str

# The API versions this release has generated clients for (``supported_versions()``),
# written by scripts/regenerate with the generated code: a new version needs no edit here.
ApiVersionName: TypeAlias = _raw.ApiVersionName

# What a batch call keeps of its results (``BatchResult``).
Keep: TypeAlias = Literal["all", "failures"]

# What may have happened to a request that failed (``HubSpotError.outcome``,
# ``BatchFailure.outcome``): not applied, or maybe applied (its answer was lost).
Outcome: TypeAlias = Literal["failed", "unknown"]

# Why inputs failed (``BatchFailure.kind``), and so what to do about them; see
# ``batching.failure_kind`` for the rules and ``RETRYABLE`` for the kinds worth sending again.
FailureKind: TypeAlias = Literal[
    "invalid_input",  # refused before sending (a bad id, a bad tuple): fix the input
    "rejected",  # HubSpot refused it (400, 404, 409, a per-item error): fix the input
    "auth",  # 401/403: fix the token or its scopes, then send again
    "rate_limit",  # 429 (ten-secondly retries used up, or the DAILY quota): send again later
    "server_error",  # 5xx after retries: send again later
    "connection",  # no answer: connection refused/dropped, timeouts, shared limiter lost
    "bad_answer",  # an answer not believed, or not accounting for the input (UNACCOUNTED)
    "interrupted",  # the call was stopped (on_progress, Ctrl-C...) before the answer came
]
