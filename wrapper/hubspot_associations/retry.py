"""When to retry a request, and how long to wait first. Pure: no I/O, no clock.

``decide(outcome, attempt, policy)`` looks at one attempt's outcome (an answer or a
transport exception) and returns a ``RetryDecision``. The sync and async clients run the
same request loop around it; only their sleep differs.

- 429 ``TEN_SECONDLY_ROLLING`` (or no policy named): wait ``Retry-After``, else
  ``X-HubSpot-RateLimit-Interval-Milliseconds``, else exponential backoff with jitter.
- 429 ``DAILY``: never retried (the quota resets tomorrow).
- 502/503/504, timeouts, connection errors and 2xx answers with an unreadable body:
  exponential backoff with jitter (HubSpot's association writes are idempotent).
- Every other status: never retried.
- At most ``policy.max_retries`` retries; a server-requested wait longer than
  ``policy.max_wait`` is not waited for.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import httpx

from .errors import DAILY, parse_json, rate_limit_policy, retry_after_seconds

RETRYABLE_STATUSES = frozenset({502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """Bounds of the retry loop. ``backoff_base * 2**attempt`` capped at ``backoff_max``."""

    max_retries: int = 3
    backoff_base: float = 0.5
    backoff_max: float = 8.0
    max_wait: float = 60.0

    def __post_init__(self) -> None:
        if isinstance(self.max_retries, bool) or not isinstance(self.max_retries, int):
            raise TypeError("max_retries must be an int")
        if self.max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        if self.backoff_base < 0 or self.backoff_max < 0 or self.max_wait < 0:
            raise ValueError("backoff and wait bounds must be >= 0")


@dataclass(frozen=True)
class Answer:
    """What one attempt got back: status, headers and raw body.

    ``declared``: the success statuses the operation declares (empty: unknown);
    ``truncated``: the body was cut at the client's size bound; ``problem``/``retry_safe``:
    set by ``answers.examine`` when the answer cannot be believed.
    """

    status: int
    headers: Mapping[str, str]
    content: bytes
    declared: frozenset[int] = frozenset()
    truncated: bool = False
    problem: str | None = None
    retry_safe: bool = True

    @cached_property
    def body(self) -> Any:
        """The body's JSON, decoded once however many readers ask (None if empty or not JSON)."""
        return parse_json(self.content)


@dataclass(frozen=True)
class RetryDecision:
    retry: bool
    wait: float = 0.0
    reason: str = ""


Outcome = Answer | BaseException


def is_malformed(answer: Answer) -> bool:
    """A success whose body is not JSON (cut off, proxy page): retried like a 5xx."""
    if not 200 <= answer.status < 300 or not answer.content:
        return False
    return answer.body is None


def backoff(attempt: int, policy: RetryPolicy, rng: Callable[[], float] = random.random) -> float:
    """Exponential backoff with "equal jitter": half fixed, half random."""
    ceiling = min(policy.backoff_max, policy.backoff_base * (2**attempt))
    return float(ceiling / 2 + rng() * ceiling / 2)


def decide(
    outcome: Outcome,
    attempt: int,
    policy: RetryPolicy,
    rng: Callable[[], float] = random.random,
) -> RetryDecision:
    """Whether attempt number ``attempt`` (0-based) should be followed by another one."""
    if isinstance(outcome, BaseException):
        if not isinstance(outcome, httpx.TransportError):
            return RetryDecision(False, reason=f"not retryable: {type(outcome).__name__}")
        return _bounded(attempt, policy, backoff(attempt, policy, rng), type(outcome).__name__)
    status = outcome.status
    if outcome.problem is not None:
        if not outcome.retry_safe:
            return RetryDecision(False, reason=f"not retried: {outcome.problem}")
        return _bounded(attempt, policy, backoff(attempt, policy, rng), "unbelievable answer")
    if is_malformed(outcome):
        return _bounded(attempt, policy, backoff(attempt, policy, rng), "unreadable body")
    if status == 429:
        policy_name = rate_limit_policy(outcome.body, outcome.headers)
        if policy_name == DAILY:
            return RetryDecision(False, reason="daily rate limit: failing fast")
        wait = retry_after_seconds(outcome.headers)
        if wait is None:
            wait = backoff(attempt, policy, rng)
        return _bounded(attempt, policy, wait, f"429 {policy_name or 'rate limit'}")
    if status in RETRYABLE_STATUSES:
        wait = retry_after_seconds(outcome.headers, interval=False)
        if wait is None or wait > policy.backoff_max:
            wait = backoff(attempt, policy, rng)
        return _bounded(attempt, policy, wait, f"HTTP {status}")
    return RetryDecision(False, reason=f"HTTP {status} is not retried")


def _bounded(attempt: int, policy: RetryPolicy, wait: float, reason: str) -> RetryDecision:
    if attempt >= policy.max_retries:
        return RetryDecision(False, reason=f"{reason}: {policy.max_retries} retries exhausted")
    if wait > policy.max_wait:
        return RetryDecision(False, reason=f"{reason}: asked to wait {wait:.0f}s")
    return RetryDecision(True, wait, reason)
