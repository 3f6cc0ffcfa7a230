"""Splitting inputs into HubSpot-sized chunks and folding chunk outcomes into results.

Pure: no I/O. The invariant kept here: every input appears exactly once, in the
``ChunkResult`` of its chunk and in the ``BatchResult``, either in ``succeeded`` or in the
``inputs`` of exactly one failure.

- An input that fails validation is a failure of its own (category ``INVALID_INPUT``,
  the input as given, the reason) and is never sent.
- A chunk that failed as a whole (a 400, retries exhausted, a DAILY 429) is one failure
  holding all its inputs and the exception: one record per failed request.
- What a 2xx answer says about each input (per-item errors, results, ``UNACCOUNTED``):
  ``_accounting``.
- Each failure has a ``kind`` (``literals.FailureKind``: why it failed, and so what to do)
  and ``retryable`` (``RETRYABLE`` kinds: worth sending again as it is).
- Each failure says what may have happened: ``outcome`` is ``FAILED`` (not applied: HubSpot
  answered with an error, or the chunk was never sent) or ``UNKNOWN`` (the chunk was sent and
  its answer lost or unbelievable: it may have been applied). ``BatchResult.unknown_inputs``.

Interruption (``interrupted``, ``partial_result``): when something other than HubSpot's
answers stops a batch call (an exception from ``on_progress`` or the input iterable, a
``KeyboardInterrupt``, a task's cancellation), what was done is kept
in a ``BatchResult``: answered chunks with their outcome, chunks sent whose answer is not
known as one failure of category ``INTERRUPTED`` with ``outcome == UNKNOWN``; inputs never
sent are left out, so it covers the first ``result.total`` inputs. ``Exception``s become a
``BatchInterruptedError`` (``.result``) raised from them; other ``BaseException``s are
re-raised as they are, the result reachable through ``partial_result(exc)``. A token
callable that raises does not stop the call: that chunk fails (``ConfigurationError``,
``outcome == FAILED``, nothing was sent) and the next chunk asks it again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Final, Generic, TypeVar

from .errors import (
    FAILED,
    UNKNOWN,
    APIConnectionError,
    AuthenticationError,
    BatchError,
    BatchInterruptedError,
    HubSpotError,
    MissingScopesError,
    RateLimitBackendError,
    RateLimitError,
    UnexpectedResponseError,
)
from .literals import FailureKind, Keep, Outcome

READ_CHUNK = 1000
WRITE_CHUNK = 2000

I = TypeVar("I")  # noqa: E741 - an input
T = TypeVar("T")
# Results are read-only to users, so a BatchResult[Pair, X] is a BatchResult[object, object].
I_co = TypeVar("I_co", covariant=True)
R_co = TypeVar("R_co", covariant=True)

# Called after each chunk with (inputs done so far, inputs in all), e.g. for a progress bar.
# "In all" is len(inputs) when the input has a len(), and None when it has not (a generator):
# then the total is not known until the end.
Progress = Callable[[int, int | None], None]

# The category of a failure found before sending: the input did not pass validation.
INVALID_INPUT = "INVALID_INPUT"
# The category of the inputs of a chunk in flight when the call was interrupted.
INTERRUPTED = "INTERRUPTED"
# The category of inputs a 2xx answer accounts for neither with a result nor with an error.
UNACCOUNTED = "UNACCOUNTED"
KEEP_ALL: Final = "all"
KEEP_FAILURES: Final = "failures"
# The failure kinds worth sending the inputs of again, as they are (``retryable_inputs``).
RETRYABLE: frozenset[FailureKind] = frozenset(
    {"rate_limit", "server_error", "connection", "bad_answer", "interrupted"}
)


def keep_mode(keep: object) -> Keep:
    """``keep`` if it is one of the ``Keep`` values, else ``ValueError``."""
    if keep == KEEP_ALL or keep == KEEP_FAILURES:  # noqa: SIM109 - mypy narrows this form
        return keep
    raise ValueError(f"keep must be {KEEP_ALL!r} or {KEEP_FAILURES!r}, got {keep!r}")


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items (the last one shorter), reading ``items`` lazily."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


@dataclass(frozen=True)
class BatchFailure(Generic[I_co]):
    """Inputs that failed, with HubSpot's category and message.

    ``error`` is set when a whole chunk failed (the exception that ended it).
    ``outcome``: ``FAILED`` (not applied) or ``UNKNOWN`` (sent, answer lost: may have been
    applied); ``may_have_applied`` says the same as a bool.
    """

    inputs: tuple[I_co, ...]
    category: str
    message: str
    sub_category: str | None = None
    context: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    status: int | None = None
    correlation_id: str | None = None
    error: HubSpotError | None = None
    outcome: Outcome = FAILED

    @property
    def may_have_applied(self) -> bool:
        return self.outcome == UNKNOWN

    @property
    def kind(self) -> FailureKind:
        """Why the inputs failed, in one of a few kinds (``literals.FailureKind``)."""
        return failure_kind(self)

    @property
    def retryable(self) -> bool:
        """Whether sending the inputs again, as they are, may succeed (``RETRYABLE``)."""
        return failure_kind(self) in RETRYABLE

    def __str__(self) -> str:
        maybe = "; may have been applied" if self.may_have_applied else ""
        return f"{self.category}: {self.message} ({len(self.inputs)} input(s){maybe})"


def failure_kind(failure: BatchFailure[Any]) -> FailureKind:
    """The kind of a failure, from its category, status and exception (first rule wins):
    ``INVALID_INPUT`` -> invalid_input; ``INTERRUPTED`` -> interrupted; ``UNACCOUNTED`` or an
    answer not believed (``UnexpectedResponseError``) -> bad_answer; 429 or category
    ``RATE_LIMITS`` -> rate_limit; 401/403 -> auth; no answer (``APIConnectionError``, the
    shared rate limiter lost) -> connection; 5xx -> server_error; anything else -> rejected."""
    category, status, error = failure.category, failure.status, failure.error
    if category == INVALID_INPUT:
        return "invalid_input"
    if category == INTERRUPTED:
        return "interrupted"
    if category == UNACCOUNTED or isinstance(error, UnexpectedResponseError):
        return "bad_answer"
    if status == 429 or category == "RATE_LIMITS" or isinstance(error, RateLimitError):
        return "rate_limit"
    if status in (401, 403) or isinstance(error, (AuthenticationError, MissingScopesError)):
        return "auth"
    if isinstance(error, (APIConnectionError, RateLimitBackendError)):
        return "connection"
    if status is not None and status >= 500:
        return "server_error"
    return "rejected"


def retryable_inputs(failures: Iterable[BatchFailure[I]]) -> list[I]:
    """The inputs of the failures whose kind is in ``RETRYABLE``, in order."""
    return [item for failure in failures if failure.retryable for item in failure.inputs]


def summarize(failures: Sequence[BatchFailure[Any]], total: int, what: str = "inputs") -> str:
    """One line over many failures: distinct errors and how many inputs each hit."""
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for failure in failures:
        key = (failure.category, failure.message, failure.status, failure.outcome)
        group = groups.setdefault(key, [failure, 0])
        group[1] += len(failure.inputs)
    failed = sum(len(f.inputs) for f in failures)
    unknown = sum(len(f.inputs) for f in failures if f.may_have_applied)
    text = f"{len(groups)} distinct error(s); {failed} of {total} {what} failed"
    if unknown:
        text += f" ({unknown} of them may have been applied: the answer was lost)"
    shown = [
        f"{count} {what}: {first.category}: {first.message}" for first, count in groups.values()
    ]
    text += ": " + "; ".join(shown[:5])
    if len(shown) > 5:
        text += f"; and {len(shown) - 5} more"
    return text


@dataclass(frozen=True)
class ChunkResult(Generic[I_co, R_co]):
    """The outcome of one chunk of a streamed batch call.

    ``index`` counts chunks from 0; ``offset`` is the position of the chunk's first input in
    the input stream; ``inputs`` are the chunk's inputs in input order (normalised, or as
    given when they failed validation). Each of them is in ``succeeded`` or in the
    ``inputs`` of exactly one of ``failures``; ``results`` is what HubSpot returned.
    """

    index: int
    offset: int
    inputs: tuple[Any, ...]
    succeeded: tuple[I_co, ...]
    failures: tuple[BatchFailure[I_co], ...]
    results: tuple[R_co, ...]

    @property
    def failed_inputs(self) -> list[I_co]:
        return [item for failure in self.failures for item in failure.inputs]

    def retryable_inputs(self) -> list[I_co]:
        """This chunk's inputs worth sending again (see ``BatchResult.retryable_inputs``)."""
        return retryable_inputs(self.failures)


class BatchResult(Generic[I_co, R_co]):
    """The outcome of one batch call over all its chunks.

    With ``keep="failures"`` only the counts and the failures are kept (flat memory for
    jobs of millions): ``results`` and ``succeeded`` then raise instead of lying empty.
    """

    def __init__(self, keep: Keep = KEEP_ALL) -> None:
        self.keep: Keep = keep_mode(keep)
        self._results: list[R_co] = []
        self._succeeded: list[I_co] = []
        self.errors: list[BatchFailure[I_co]] = []
        self.succeeded_count = 0
        self.failed_count = 0

    def add(self, chunk: ChunkResult[Any, Any]) -> None:
        """Fold one chunk in."""
        if self.keep == KEEP_ALL:
            self._results.extend(chunk.results)
            self._succeeded.extend(chunk.succeeded)
        self.errors.extend(chunk.failures)
        self.succeeded_count += len(chunk.succeeded)
        self.failed_count += sum(len(f.inputs) for f in chunk.failures)

    def merge(self, other: BatchResult[Any, Any]) -> None:
        """Fold in another result (kept with ``keep="all"``) after this one's inputs."""
        if self.keep == KEEP_ALL:
            self._results.extend(other._results)
            self._succeeded.extend(other._succeeded)
        self.errors.extend(other.errors)
        self.succeeded_count += other.succeeded_count
        self.failed_count += other.failed_count

    def _kept(self, name: str) -> None:
        if self.keep != KEEP_ALL:
            raise AttributeError(
                f"{name} were not kept (keep={self.keep!r}); use succeeded_count, "
                "or the streamed form of the call to see every chunk"
            )

    @property
    def results(self) -> list[R_co]:
        """What HubSpot returned, in input order."""
        self._kept("results")
        return self._results

    @property
    def succeeded(self) -> list[I_co]:
        """The inputs that succeeded (normalised), in input order."""
        self._kept("succeeded inputs")
        return self._succeeded

    @property
    def total(self) -> int:
        return self.succeeded_count + self.failed_count

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def failed_inputs(self) -> list[I_co]:
        """Every input that did not succeed (including ``unknown_inputs``)."""
        return [item for failure in self.errors for item in failure.inputs]

    def retryable_inputs(self) -> list[I_co]:
        """The inputs worth sending again as they are, in the order of ``errors``: those of
        failures whose ``kind`` is in ``RETRYABLE`` (rate limits, 5xx, no answer, answers not
        believed or not accounting for them, interruptions). Association writes are
        idempotent, so sending again inputs that may have been applied is safe."""
        return retryable_inputs(self.errors)

    def failures_by_input(self) -> Iterator[tuple[I_co, BatchFailure[I_co]]]:
        """Every input that did not succeed with its failure, in the order of ``errors``
        (a failure of a whole request is one record shared by its inputs)."""
        for failure in self.errors:
            for item in failure.inputs:
                yield item, failure

    @property
    def unknown_inputs(self) -> list[I_co]:
        """Inputs whose request was sent but whose answer was lost: they may have been
        applied. Reading them back tells; retrying them is safe for idempotent writes."""
        return [
            item for failure in self.errors if failure.may_have_applied for item in failure.inputs
        ]

    def __repr__(self) -> str:
        return (
            f"BatchResult(succeeded={self.succeeded_count}, failed={self.failed_count}, "
            f"unknown={len(self.unknown_inputs)}, errors={len(self.errors)}, keep={self.keep!r})"
        )

    def raise_for_errors(self) -> None:
        """Raise one ``BatchError`` summarising every failure, if there is any."""
        if not self.errors:
            return
        raise BatchError(summarize(self.errors, self.total), list(self.errors))


def chunk_failure(
    items: Sequence[I], exc: HubSpotError, *, sent: bool = True
) -> list[BatchFailure[I]]:
    """A chunk that failed as a whole: one failure holding all its inputs and the exception
    (not one per input: 2,000 inputs that met one 503 are one failure, as they were one
    request). Empty for no inputs.

    ``sent=False``: the chunk was never sent (an earlier chunk's 401/403/DAILY 429), so its
    outcome is ``FAILED`` whatever the exception says about the request it came from."""
    if not items:
        return []
    return [
        BatchFailure(
            tuple(items),
            exc.category or type(exc).__name__,
            exc.message,
            getattr(exc, "sub_category", None),
            {k: tuple(v) for k, v in getattr(exc, "context", {}).items()},
            exc.status,
            exc.correlation_id,
            exc,
            exc.outcome if sent else FAILED,
        )
    ]


def invalid_input(value: Any, exc: Exception) -> BatchFailure[Any]:
    """An input that failed validation: its own failure, never sent."""
    return BatchFailure((value,), INVALID_INPUT, str(exc))


# Where the partial result of an interrupted call is kept on a BaseException re-raised as is.
_PARTIAL = "_hubspot_associations_partial"
_NOTE = "_hubspot_associations_note"


def interrupted_chunk(
    index: int,
    offset: int,
    reported: Sequence[Any],
    items: Sequence[I],
    invalid: Sequence[BatchFailure[Any]],
    *,
    sent: bool = True,
) -> ChunkResult[I, Any]:
    """A chunk in flight when the call was interrupted. ``sent``: it was sent (or being
    sent), so its valid inputs may have been applied; else it was never sent (``FAILED``).
    The invalid inputs were never sent either way."""
    failures: list[BatchFailure[Any]] = list(invalid)
    if items:
        failures.append(
            BatchFailure(
                tuple(items),
                INTERRUPTED,
                "the call was interrupted before this chunk's answer was known"
                if sent
                else "the call was interrupted before this chunk was sent",
                outcome=UNKNOWN if sent else FAILED,
            )
        )
    return ChunkResult(index, offset, tuple(reported), (), tuple(failures), ())


def _describe(exc: BaseException, result: BatchResult[Any, Any]) -> str:
    unknown = len(result.unknown_inputs)
    return (
        f"the batch call was interrupted by {type(exc).__name__}: {result.total} input(s) "
        f"accounted for ({result.succeeded_count} succeeded, {result.failed_count - unknown} "
        f"failed, {unknown} may have been applied); the inputs after them were not sent"
    )


def interrupted(
    exc: BaseException, result: BatchResult[Any, Any], *, fresh: bool = True
) -> BaseException:
    """The exception to raise for a call that ``exc`` stopped, carrying ``result``.

    A ``BatchInterruptedError`` (its cause set to ``exc``) for an ``Exception``; ``exc`` itself
    for any other ``BaseException`` (``KeyboardInterrupt``, ``CancelledError``...), with the
    result attached (``partial_result``) and a note saying so. ``fresh=False``: ``exc`` may
    be this call's own ``BatchInterruptedError``, which then carries ``result`` instead."""
    if isinstance(exc, BatchInterruptedError) and not fresh:
        exc.result = result
        exc.message = _describe(exc.__cause__ or exc, result) + "; see .result"
        exc.args = (exc.message,)
        exc.outcome = UNKNOWN if result.unknown_inputs else FAILED
        return exc
    if isinstance(exc, Exception):
        error = BatchInterruptedError(_describe(exc, result) + "; see .result", result)
        error.__cause__ = exc
        error.__suppress_context__ = True
        return error
    setattr(exc, _PARTIAL, result)
    notes = getattr(exc, "__notes__", None)
    old = getattr(exc, _NOTE, None)
    if notes is not None and old in notes:
        notes.remove(old)
    note = f"hubspot_associations: {_describe(exc, result)}; partial_result(exc) has them"
    setattr(exc, _NOTE, note)
    exc.add_note(note)
    return exc


def partial_result(
    exc: BaseException | None, *, chain: bool = True
) -> BatchResult[Any, Any] | None:
    """What an interrupted batch call did before ``exc`` stopped it: a ``BatchResult``, or
    None if ``exc`` (or an exception it was raised from) did not stop a batch call.

    Works for ``BatchInterruptedError`` (the same as ``.result``) and for the exceptions
    re-raised as they are (``KeyboardInterrupt``, ``asyncio.CancelledError``...), also when
    raised anew while handling one of those (``chain=False``: only ``exc`` itself)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, BatchInterruptedError):
            result: BatchResult[Any, Any] = exc.result
            return result
        found = getattr(exc, _PARTIAL, None)
        if isinstance(found, BatchResult):
            return found
        exc = (exc.__cause__ or exc.__context__) if chain else None
    return None
