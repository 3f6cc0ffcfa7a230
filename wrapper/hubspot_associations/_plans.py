"""Plans and their effects: the I/O-free half shared by ``Client`` and ``AsyncClient``.

Every operation is written once, as a *plan*: a generator that yields effects and gets
their outcomes sent back. ``Send(call)`` asks the driver to run one attempt of a generated
operation and answers with an ``Answer`` or the transport exception; ``Sleep(s)`` asks it to
wait; ``Gather(plans)`` to run sub-plans (the async driver runs them concurrently, bounded);
``Spawn(plan)`` to start a sub-plan and answer with a handle at once (the sync driver runs it
to the end there and then, the async one starts a task) and ``Wait(handle)`` for its result,
which is how a batch keeps a bounded number of chunks in flight while reading its input
lazily; ``Cancel(handles)`` to stop spawned sub-plans (cancel those still running, wait until
each has ended, answer with each one's result or None), which is how an interrupted batch
accounts for the chunks it had in flight; ``Emit(item)`` hands an item to the user of a
lazy iterator.
An exception raised while performing an effect (a ``KeyboardInterrupt``, a task's
cancellation) is thrown into the plan at its ``yield``, so plans can account for
what was done before re-raising. Chunking, aggregation,
pagination state and retry decisions all live in plans; the sync and async drivers in
``_drivers.py`` only perform the effects.

Plans never ``yield`` an effect themselves: they ``yield from`` the typed helpers below
(``send``, ``sleep``, ``gather``, ``spawn``, ``wait``, ``cancel``, ``emit``, ``emit_all``,
``forward``), the only places with a raw ``yield``, so mypy checks what crosses each one
(``tests/wrapper/test_plans.py`` keeps it so). ``fetch`` is the one plan of a single request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from . import _answers as answers
from ._retry import Budget, RetryPolicy, decide
from ._wire import Answer, Outcome, is_malformed, parse_json
from .errors import (
    UNKNOWN,
    AuthenticationError,
    ConfigurationError,
    DailyRateLimitError,
    HubSpotError,
    MissingScopesError,
    RateLimitBackendError,
    error_from_exception,
    error_from_response,
    unexpected_response,
)

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
class Cancel:
    """Stop spawned sub-plans; the answer is each one's result, or None if it did not end
    with one (cancelled, or raised). No sub-plan is left running when the answer comes."""

    handles: Sequence[Any]


@dataclass(frozen=True)
class Emit(Generic[T]):
    item: T


@dataclass(frozen=True)
class EmitAll(Generic[T]):
    """Several items at once (a page), handed out one by one."""

    items: Sequence[T]


Effect = Send | Sleep | Gather | Spawn | Wait | Cancel
Plan = Generator[Effect, Any, T]
Stream = Generator[Effect | Emit[T] | EmitAll[T], Any, None]


class Handle(Generic[T]):
    """What ``spawn`` answers: the driver's handle of a started sub-plan whose result is a T."""

    __slots__ = ("ref",)

    def __init__(self, ref: Any) -> None:
        self.ref = ref  # the sync driver's result itself, or the async driver's task


# --- the typed helpers: the only raw yields of effects ------------------------------------


def send(call: Call) -> Generator[Effect, Any, Outcome]:
    """One attempt of ``call``: its ``Answer``, or the transport exception."""
    outcome: Outcome = yield Send(call)
    return outcome


def sleep(seconds: float) -> Generator[Effect, Any, None]:
    yield Sleep(seconds)


def gather(plans: Sequence[Plan[T]]) -> Generator[Effect, Any, list[T]]:
    """Run sub-plans (concurrently in the async driver); their results in order."""
    results: list[T] = yield Gather(plans)
    return results


def spawn(plan: Plan[T]) -> Generator[Effect, Any, Handle[T]]:
    """Start a sub-plan; its handle at once (``wait`` for its result)."""
    ref = yield Spawn(plan)
    return Handle(ref)


def wait(handle: Handle[T]) -> Generator[Effect, Any, T]:
    result: T = yield Wait(handle.ref)
    return result


def cancel(handles: Sequence[Handle[T]]) -> Generator[Effect, Any, list[T | None]]:
    """Stop spawned sub-plans (see ``Cancel``): each one's result, or None."""
    results: list[T | None] = yield Cancel(tuple(h.ref for h in handles))
    return results


def emit(item: T) -> Generator[Emit[T], Any, None]:
    yield Emit(item)


def emit_all(items: Sequence[T]) -> Generator[EmitAll[T], Any, None]:
    yield EmitAll(items)


def forward(effect: Effect) -> Generator[Effect, Any, Any]:
    """Pass an effect of another plan on to the driver (a combinator such as a fold); the
    answer, for that plan."""
    answer = yield effect
    return answer


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
        outcome = yield from send(call)
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
        yield from sleep(decision.wait)
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
    # `from None`: httpx exceptions hold the request, whose headers hold the token. A token
    # callable's failure (a ConfigurationError) keeps the callable's own exception as cause.
    raise error from (error.__cause__ if isinstance(error, ConfigurationError) else None)


def is_fatal(exc: HubSpotError) -> bool:
    """Errors that every later request of the same call would hit too (a lost shared rate
    limiter included: nothing is sent without it)."""
    return isinstance(
        exc,
        (AuthenticationError, MissingScopesError, DailyRateLimitError, RateLimitBackendError),
    )


def fetch(call: Call, policy: RetryPolicy, parse: Callable[[Any], T]) -> Plan[T]:
    """The plan of every single-request operation: send ``call`` (``request``: retries,
    checks) and return ``parse`` of its answer's JSON body (None when empty)."""
    answer = yield from request(call, policy)
    return parse(answer.body)


def nothing(body: Any) -> None:
    """For operations that answer nothing worth returning (deletes, updates)."""
    return None
