"""Splitting inputs into HubSpot-sized chunks and folding chunk outcomes into one result.

Pure: no I/O. The invariant kept here: every input appears exactly once in the
``BatchResult``, either in ``succeeded`` or in the ``inputs`` of exactly one failure.

- Per-item errors are read from any batch answer body (200, 201 or 207), and tied to
  the inputs their ``context`` ids name (``{"ids": [...]}``, ``fromObjectId``/``toObjectId``...).
- A chunk that failed as a whole (a 400, retries exhausted, a DAILY 429) becomes one
  failure per input of that chunk, carrying the exception.
- An error no input can be tied to is kept, with ``inputs == ()``.
- Each failure says what may have happened: ``outcome`` is ``FAILED`` (not applied: HubSpot
  answered with an error, or the chunk was never sent) or ``UNKNOWN`` (the chunk was sent and
  its answer lost or unbelievable: it may have been applied). ``BatchResult.unknown_inputs``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from .errors import FAILED, UNKNOWN, BatchError, HubSpotError

READ_CHUNK = 1000
WRITE_CHUNK = 2000

I = TypeVar("I")  # noqa: E741 - an input
R = TypeVar("R")  # a result
T = TypeVar("T")
# Results are read-only to users, so a BatchResult[Pair, X] is a BatchResult[object, object].
I_co = TypeVar("I_co", covariant=True)
R_co = TypeVar("R_co", covariant=True)

# How an input is recognised in an error's context: (from/primary id, to/secondary id).
Keys = tuple[str, str | None]

# Called after each chunk with (inputs done so far, inputs in all), e.g. for a progress bar.
Progress = Callable[[int, int], None]

# What a context key names: the "from" side, either side ("ids"), or the "to" side.
# Specific "from" keys win over the generic ones.
_KEY_KIND = {
    **dict.fromkeys(("fromobjectid", "fromobjectids", "fromid", "fromids"), "from"),
    **dict.fromkeys(("ids", "id", "objectid", "objectids"), "generic"),
    **dict.fromkeys(("toobjectid", "toobjectids", "toid", "toids"), "to"),
}


def chunked(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


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
    outcome: str = FAILED

    @property
    def may_have_applied(self) -> bool:
        return self.outcome == UNKNOWN

    def __str__(self) -> str:
        maybe = "; may have been applied" if self.may_have_applied else ""
        return f"{self.category}: {self.message} ({len(self.inputs)} input(s){maybe})"


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


class BatchResult(Generic[I_co, R_co]):
    """The outcome of one batch call over all its chunks."""

    def __init__(self) -> None:
        self.results: list[R_co] = []
        self.succeeded: list[I_co] = []
        self.errors: list[BatchFailure[I_co]] = []

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def failed_inputs(self) -> list[I_co]:
        """Every input that did not succeed (including ``unknown_inputs``)."""
        return [item for failure in self.errors for item in failure.inputs]

    @property
    def unknown_inputs(self) -> list[I_co]:
        """Inputs whose request was sent but whose answer was lost: they may have been
        applied. Reading them back tells; retrying them is safe for idempotent writes."""
        return [
            item for failure in self.errors if failure.may_have_applied for item in failure.inputs
        ]

    def __repr__(self) -> str:
        return (
            f"BatchResult(results={len(self.results)}, succeeded={len(self.succeeded)}, "
            f"failed={len(self.failed_inputs)}, unknown={len(self.unknown_inputs)})"
        )

    def raise_for_errors(self) -> None:
        """Raise one ``BatchError`` summarising every failure, if there is any."""
        if not self.errors:
            return
        total = len(self.succeeded) + len(self.failed_inputs)
        raise BatchError(summarize(self.errors, total), list(self.errors))


@dataclass(frozen=True)
class ItemError:
    """One ``StandardError`` of a batch answer body."""

    category: str
    message: str
    sub_category: str | None
    context: dict[str, tuple[str, ...]]
    status: str | None = None

    @classmethod
    def parse(cls, wire: Any) -> ItemError:
        wire = wire if isinstance(wire, dict) else {}
        context = wire.get("context") if isinstance(wire.get("context"), dict) else {}
        sub = wire.get("subCategory")
        return cls(
            str(wire.get("category") or "UNKNOWN"),
            str(wire.get("message") or ""),
            None if sub is None else str(sub),
            {
                str(k): tuple(str(x) for x in (v if isinstance(v, list) else [v]))
                for k, v in (context or {}).items()
            },
            None if wire.get("status") is None else str(wire.get("status")),
        )

    def ids(self) -> tuple[set[str], set[str]]:
        """The ids this error names: (from-side ids, to-side ids); both empty if none."""
        named: dict[str, set[str]] = {"from": set(), "generic": set(), "to": set()}
        for name, values in self.context.items():
            kind = _KEY_KIND.get(name.lower())
            if kind is not None:
                named[kind].update(values)
        froms, tos = named["from"] or named["generic"], named["to"]
        if not froms and not tos:
            froms = {v for values in self.context.values() for v in values}
        return froms, tos

    def matches(self, keys: Keys) -> bool:
        froms, tos = self.ids()
        if not froms and not tos:
            return False  # no ids at all: tied to no input (kept with inputs == ())
        primary, secondary = keys
        if froms and primary not in froms:
            return False
        return not (tos and secondary is not None and secondary not in tos)


def body_errors(body: Any) -> list[ItemError]:
    """Per-item errors of any batch answer body (200, 201 or 207)."""
    if not isinstance(body, dict) or not isinstance(body.get("errors"), list):
        return []
    return [ItemError.parse(e) for e in body["errors"]]


def tie_errors(
    errors: Iterable[ItemError], keys: Sequence[Keys]
) -> list[tuple[ItemError, list[int]]]:
    """Each error with the positions of the inputs it claims; an input is claimed once.

    Inputs are indexed by id, so a chunk of 2,000 inputs with 2,000 errors costs 2,000 look-ups
    rather than 4,000,000 comparisons; `ItemError.matches` decides each candidate.
    """
    by_primary: dict[str, list[int]] = {}
    by_secondary: dict[str | None, list[int]] = {}
    for i, (primary, secondary) in enumerate(keys):
        by_primary.setdefault(primary, []).append(i)
        by_secondary.setdefault(secondary, []).append(i)
    claimed: set[int] = set()
    tied: list[tuple[ItemError, list[int]]] = []
    for error in errors:
        froms, tos = error.ids()
        if froms:
            candidates = [i for f in froms for i in by_primary.get(f, ())]
        else:  # only to-side ids: inputs with that to id, or with none to compare
            candidates = [i for t in (*tos, None) for i in by_secondary.get(t, ())]
        positions = sorted(
            i for i in set(candidates) if i not in claimed and error.matches(keys[i])
        )
        claimed.update(positions)
        tied.append((error, positions))
    return tied


def chunk_failure(
    items: Sequence[I], exc: HubSpotError, *, sent: bool = True
) -> list[BatchFailure[I]]:
    """A chunk that failed as a whole: one failure per input, all sharing the exception.

    ``sent=False``: the chunk was never sent (an earlier chunk's 401/403/DAILY 429), so its
    outcome is ``FAILED`` whatever the exception says about the request it came from."""
    category = exc.category or type(exc).__name__
    outcome = exc.outcome if sent else FAILED
    return [
        BatchFailure(
            (item,),
            category,
            exc.message,
            getattr(exc, "sub_category", None),
            {k: tuple(v) for k, v in getattr(exc, "context", {}).items()},
            exc.status,
            exc.correlation_id,
            exc,
            outcome,
        )
        for item in items
    ]


class Aggregator(Generic[I, R]):
    """Folds chunk outcomes, in any order, into one ``BatchResult``."""

    def __init__(self, keys: Callable[[I], Keys]) -> None:
        self._keys = keys
        self.result: BatchResult[I, R] = BatchResult()

    def add_answer(self, items: Sequence[I], body: Any, results: Sequence[R]) -> None:
        """A chunk HubSpot answered with 2xx: successes are the inputs no error claims."""
        self.result.results.extend(results)
        tied = tie_errors(body_errors(body), [self._keys(item) for item in items])
        failed: set[int] = set()
        for error, positions in tied:
            failed.update(positions)
            self.result.errors.append(
                BatchFailure(
                    tuple(items[i] for i in positions),
                    error.category,
                    error.message,
                    error.sub_category,
                    error.context,
                )
            )
        self.result.succeeded.extend(item for i, item in enumerate(items) if i not in failed)

    def add_failure(self, items: Sequence[I], exc: HubSpotError, *, sent: bool = True) -> None:
        self.result.errors.extend(chunk_failure(items, exc, sent=sent))
