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

from .errors import (
    AuthenticationError,
    DailyRateLimitError,
    HubSpotError,
    MalformedResponseError,
    MissingScopesError,
    error_from_exception,
    error_from_response,
    parse_json,
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


def request(call: Call, policy: RetryPolicy) -> Plan[Answer]:
    """Send ``call`` until it succeeds or ``retry.decide`` says stop; raise on failure."""
    budget = Budget()
    while True:
        outcome: Outcome = yield Send(call)
        decision = decide(outcome, budget, policy)
        if not decision.retry:
            break
        logger.info(
            "retrying %s in %.2fs (%s): %s",
            call.operation,
            decision.wait,
            decision.kind,
            decision.reason,
        )
        yield Sleep(decision.wait)
        budget = budget.after(decision)
    if isinstance(outcome, BaseException):
        # `from None`: httpx exceptions hold the request, whose headers hold the token.
        raise error_from_exception(outcome) from None
    if outcome.status >= 400:
        raise error_from_response(outcome.status, outcome.headers, outcome.content)
    if is_malformed(outcome):
        raise MalformedResponseError(
            "the answer body is not valid JSON",
            status=outcome.status,
            category="MALFORMED_RESPONSE",
            headers=outcome.headers,
        )
    return outcome


def is_fatal(exc: HubSpotError) -> bool:
    """Errors that every later request of the same call would hit too."""
    return isinstance(exc, (AuthenticationError, MissingScopesError, DailyRateLimitError))


def single(call: Call, policy: RetryPolicy) -> Plan[Any]:
    """One request; the parsed JSON body of its answer (None when empty)."""
    answer = yield from request(call, policy)
    return answer.body
