"""The I/O-free half shared by ``Client`` and ``AsyncClient``.

Every operation is written once, as a *plan*: a generator that yields effects and gets
their outcomes sent back. ``Send(call)`` asks the driver to run one attempt of a generated
operation and answers with an ``Answer`` or the transport exception; ``Sleep(s)`` asks it to
wait; ``Gather(plans)`` to run sub-plans (the async driver runs them concurrently, bounded);
``Spawn(plan)`` to start a sub-plan and answer with a handle at once (the sync driver runs it
to the end there and then, the async one starts a task) and ``Wait(handle)`` for its result,
which is how a batch keeps a bounded number of chunks in flight while reading its input
lazily; ``Emit(item)`` hands an item to the user of a lazy iterator. Chunking, aggregation,
pagination state and retry decisions all live in plans; the sync and async drivers in
``client.py`` only perform the effects.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from . import answers
from .errors import (
    UNKNOWN,
    AuthenticationError,
    DailyRateLimitError,
    HubSpotError,
    MissingScopesError,
    RateLimitBackendError,
    error_from_exception,
    error_from_response,
    parse_json,
    unexpected_response,
)
from .retry import Answer, Budget, Outcome, RetryPolicy, decide, is_malformed

logger = logging.getLogger("hubspot_associations")

T = TypeVar("T")


@dataclass(frozen=True)
class Call:
    """One operation of the generated client: its name, path/query arguments and body.

    ``body`` is wire-shaped JSON; the driver converts it to the generated request model.
    ``decode`` reads a 2xx answer's body (default: a JSON tree).
    """

    operation: str
    args: Mapping[str, Any] = field(default_factory=dict)
    body: Any = None
    decode: Callable[[bytes], Any] = parse_json


@dataclass(frozen=True)
class Send:
    call: Call


@dataclass(frozen=True)
class Sleep:
    seconds: float


@dataclass(frozen=True)
class Gather:
    plans: Sequence[Generator[Any, Any, Any]]


@dataclass(frozen=True)
class Spawn:
    plan: Generator[Any, Any, Any]


@dataclass(frozen=True)
class Wait:
    handle: Any  # what the driver answered to a Spawn


@dataclass(frozen=True)
class Emit(Generic[T]):
    item: T


@dataclass(frozen=True)
class EmitAll(Generic[T]):
    """Several items at once (a page), handed out one by one."""

    items: Sequence[T]


Effect = Send | Sleep | Gather | Spawn | Wait
Plan = Generator[Effect, Any, T]
Stream = Generator[Effect | Emit[T] | EmitAll[T], Any, None]


@dataclass
class Stats:
    """Counters of one client: attempts sent, retries made, seconds slept before retries."""

    requests: int = 0
    retries: int = 0
    retry_wait: float = 0.0


def may_have_applied(outcome: Outcome) -> bool:
    """Whether an attempt that did not succeed may still have taken effect."""
    if isinstance(outcome, BaseException):
        return error_from_exception(outcome).outcome == UNKNOWN
    return outcome.status >= 500 or outcome.status < 400


def request(call: Call, policy: RetryPolicy) -> Plan[Answer]:
    """Send ``call`` until it succeeds or ``retry.decide`` says stop; raise on failure.

    Every answer is checked against what the operation declares (``answers.examine``).
    When an attempt whose answer was lost is followed by a failure, the failure's
    ``outcome`` is ``UNKNOWN``: the lost attempt may have been applied.
    """
    budget = Budget()
    retries = 0
    lost = False
    while True:
        outcome: Outcome = yield Send(call)
        outcome = answers.examine(call.operation, outcome)
        decision = decide(outcome, budget, policy)
        if not decision.retry:
            break
        lost = lost or may_have_applied(outcome)
        logger.info(
            "retrying %s in %.2fs (%s): %s",
            call.operation,
            decision.wait,
            decision.kind,
            decision.reason,
        )
        yield Sleep(decision.wait)
        budget = budget.after(decision)
        retries += 1
    error: HubSpotError | None = None
    if isinstance(outcome, BaseException):
        error = error_from_exception(outcome)
    elif outcome.status >= 400:
        error = error_from_response(outcome.status, outcome.headers, outcome.content)
    elif outcome.problem is not None or is_malformed(outcome):
        error = unexpected_response(
            outcome.problem or "the answer body is not valid JSON",
            outcome.status,
            outcome.headers,
            outcome.content,
            too_large=outcome.truncated,
        )
    if error is None and isinstance(outcome, Answer):
        return outcome
    assert error is not None
    if lost:
        error.mark_unknown(f"after {retries} retries; an earlier attempt's answer was lost")
    # `from None`: httpx exceptions hold the request, whose headers hold the token.
    raise error from None


def is_fatal(exc: HubSpotError) -> bool:
    """Errors that every later request of the same call would hit too (a lost shared rate
    limiter included: nothing is sent without it)."""
    return isinstance(
        exc,
        (AuthenticationError, MissingScopesError, DailyRateLimitError, RateLimitBackendError),
    )


def single(call: Call, policy: RetryPolicy) -> Plan[Any]:
    """One request; the parsed JSON body of its answer (None when empty)."""
    answer = yield from request(call, policy)
    return answer.body
