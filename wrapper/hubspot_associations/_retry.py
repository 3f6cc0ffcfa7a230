"""When to retry a request, and how long to wait first. Pure: no I/O, no clock.

``decide(outcome, attempt, policy)`` looks at one attempt's outcome (an answer or a
transport exception) and returns a ``RetryDecision``. The sync and async clients run the
same request loop around it; only their sleep differs.

- 429 ``TEN_SECONDLY_ROLLING`` (or no policy named): expected traffic, not a failure. Wait
  ``Retry-After``, else ``X-HubSpot-RateLimit-Interval-Milliseconds``, else exponential
  backoff, plus jitter, and retry. These retries do not use up ``max_retries``: they are
  bounded by time instead, ``policy.rate_limit_wait`` seconds of such waits per request.
- 429 ``DAILY``: never retried (the quota resets tomorrow).
- 502/503/504, timeouts, connection errors and 2xx answers with an unreadable body:
  exponential backoff with jitter (HubSpot's association writes are idempotent), at most
  ``policy.max_retries`` times.
- 401 with a token callable (``policy.refresh_token``): retried once at once, the retry
  asking the callable for the token again; a second 401 in a row is final.
- Every other status: never retried. A server-requested wait longer than
  ``policy.max_wait`` is not waited for.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from ._wire import DAILY, Outcome, is_malformed, rate_limit_policy, retry_after_seconds

RETRYABLE_STATUSES = frozenset({502, 503, 504})
MAX_REFRESHES = 3  # 401 retries of one request, each with a token the callable renewed


@dataclass(frozen=True)
class RetryPolicy:
    """Bounds of the retry loop. ``backoff_base * 2**attempt`` capped at ``backoff_max``."""

    max_retries: int = 3
    backoff_base: float = 0.5
    backoff_max: float = 8.0
    max_wait: float = 60.0
    rate_limit_wait: float = 300.0  # seconds of TEN_SECONDLY 429 waits one request may spend
    refresh_token: bool = False  # the token comes from a callable: retry a 401 once

    def __post_init__(self) -> None:
        if isinstance(self.max_retries, bool) or not isinstance(self.max_retries, int):
            raise TypeError("max_retries must be an int")
        if self.max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        if min(self.backoff_base, self.backoff_max, self.max_wait, self.rate_limit_wait) < 0:
            raise ValueError("backoff and wait bounds must be >= 0")


RETRY_FAILURE, RETRY_RATE_LIMIT, RETRY_AUTH = "failure", "rate limit", "auth"


@dataclass(frozen=True)
class RetryDecision:
    retry: bool
    wait: float = 0.0
    reason: str = ""
    kind: str = RETRY_FAILURE  # which budget the retry uses (see `Budget`)
    token: int = 0  # 401s: the token (count) that was refused


@dataclass(frozen=True)
class Budget:
    """What one request has used so far: failure retries, seconds waited on ten-secondly
    429s, and whether the last attempt was a 401 retried with a fresh token."""

    failures: int = 0
    rate_waited: float = 0.0
    refreshed: bool = False
    refused_token: int = -1  # the token (count) the last 401 refused
    refreshes: int = 0

    def after(self, decision: RetryDecision) -> Budget:
        if decision.kind == RETRY_RATE_LIMIT:
            return Budget(self.failures, self.rate_waited + decision.wait, refreshes=self.refreshes)
        if decision.kind == RETRY_AUTH:
            return Budget(self.failures, self.rate_waited, True, decision.token, self.refreshes + 1)
        return Budget(self.failures + 1, self.rate_waited, refreshes=self.refreshes)


def backoff(attempt: int, policy: RetryPolicy, rng: Callable[[], float] = random.random) -> float:
    """Exponential backoff with "equal jitter": half fixed, half random."""
    ceiling = min(policy.backoff_max, policy.backoff_base * (2**attempt))
    return float(ceiling / 2 + rng() * ceiling / 2)


def jitter(wait: float, rng: Callable[[], float] = random.random) -> float:
    """A server-named wait plus up to 10 % (at least 50 ms): chunks that met one 429
    together do not come back together."""
    return wait + rng() * max(0.05, wait * 0.1)


def decide(
    outcome: Outcome,
    attempt: int | Budget,
    policy: RetryPolicy,
    rng: Callable[[], float] = random.random,
) -> RetryDecision:
    """Whether an attempt should be followed by another one.

    ``attempt`` is the request's ``Budget`` so far (an int: failure retries made)."""
    budget = attempt if isinstance(attempt, Budget) else Budget(failures=attempt)
    attempt = budget.failures
    if isinstance(outcome, BaseException):
        import httpx  # imported by the request that failed (Client(...) imports none: README)

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
        wait = backoff(attempt, policy, rng) if wait is None else jitter(wait, rng)
        reason = f"429 {policy_name or 'rate limit'}"
        if wait > policy.max_wait:
            return RetryDecision(False, reason=f"{reason}: asked to wait {wait:.0f}s")
        if budget.rate_waited + wait > policy.rate_limit_wait:
            return RetryDecision(
                False, reason=f"{reason}: waited {budget.rate_waited:.0f}s on rate limits already"
            )
        return RetryDecision(True, wait, reason, RETRY_RATE_LIMIT)
    if status == 401:
        # Retry once with the callable's token. A second 401 in a row is final, unless the
        # callable did give a new token and that one expired on the way too (it happens when
        # tokens live seconds, not 30 minutes): it gets a retry of its own, 3 at most.
        renewed = budget.refreshed and outcome.token != budget.refused_token
        fresh = not budget.refreshed or renewed
        if policy.refresh_token and fresh and budget.refreshes < MAX_REFRESHES:
            return RetryDecision(
                True, 0.0, "401: retrying with a fresh token", RETRY_AUTH, outcome.token
            )
        return RetryDecision(False, reason="HTTP 401 is not retried")
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
