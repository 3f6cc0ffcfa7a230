"""The five bulk jobs: which columns a row needs, how a row becomes an SDK input, how a chunk
of inputs is sent with today's public API, and what a result line looks like.

Each chunk is sent with one ``client.batch.<op>(...)`` call of at most one HubSpot batch
(2,000 inputs for writes, 1,000 ids for reads), so a chunk is one request plus its retries
(and, for reads, the per-id paging).
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .. import _validation as check
from .._plans import is_fatal
from ..batching import READ_CHUNK, WRITE_CHUNK, BatchFailure
from ..client import Client
from ..errors import FAILED, UNKNOWN, HubSpotError
from ..models import AssociationInput, AssociationType, CreatedAssociation, Pair
from .labels import UNKNOWN_LABEL, LabelResolver, UnknownLabel

INVALID_ROW = "INVALID_ROW"
REFUSED = (INVALID_ROW, UNKNOWN_LABEL)  # the categories of rows refused before sending

PAIR = ("from_id", "to_id")
LABELLED = ("from_id", "to_id", "category", "type_id")
RESULT_COLUMNS = ("from_id", "to_id", "category", "type_id", "label")


class RowError(ValueError):
    """A row that cannot become an input: a failure of that row (``category``), never sent."""

    def __init__(self, message: str, category: str = INVALID_ROW) -> None:
        super().__init__(message)
        self.category = category


@dataclass(frozen=True)
class Failure:
    """One failed input row: what goes into the failures file.

    ``outcome`` is the SDK's: ``failed`` (not applied: refused, or never sent) or ``unknown``
    (sent, and the answer lost: it may have been applied; read it back before resending
    anything that is not idempotent)."""

    line: int  # 0: not a row of the input (a sync change that failed), written empty
    input: Mapping[str, str] | Sequence[str]
    category: str
    message: str
    correlation_id: str | None = None
    outcome: str = FAILED


@dataclass
class Outcome:
    """What became of one chunk: result records, failed rows, and a fatal error if any."""

    sent: int
    succeeded: int
    results: list[dict[str, Any]]
    failures: list[Failure]
    fatal: HubSpotError | None = None


# Sends one chunk of inputs; returns the failures (each naming its SDK-normalised inputs),
# the inputs that succeeded (None: all that did not fail) and the records for the output file.
Send = Callable[
    [Client, str, str, list[Any]],
    tuple[list[BatchFailure[Any]], Sequence[Any] | None, list[Any]],
]


# Parses the values of a kind's ``read_columns`` (None: absent) into an SDK input; the
# resolver turns a ``label`` cell into its association type.
Parse = Callable[[Sequence[str | None], LabelResolver | None], Hashable]


@dataclass(frozen=True)
class JobKind:
    """One command: its columns, row parser, sender and result formatter."""

    name: str
    summary: str
    columns: tuple[str, ...]
    chunk_size: int
    parse: Parse
    send: Send
    result_columns: tuple[str, ...]
    verb: str  # for the summary: "created", "archived", "read"
    labels: bool = False  # a ``label`` column may stand for ``category,type_id``
    optional: tuple[str, ...] = ()  # columns read when the input has them
    # (name, the column it is a slip for): a row naming it but not the column is refused,
    # not read as if the column were empty (sync: ``labels`` would drop a pair's labels)
    slips: tuple[tuple[str, str], ...] = ()

    @property
    def read_columns(self) -> tuple[str, ...]:
        """The columns a row's values are taken from (the failures file repeats them)."""
        return (*self.columns, *(("label",) if self.labels else ()), *self.optional)

    def missing(self, header: Sequence[str]) -> list[str]:
        """The columns ``header`` lacks for this kind."""
        needed = PAIR if self.labels and "label" in header else self.columns
        return [c for c in needed if c not in header]

    @property
    def needs(self) -> str:
        """The columns, said for people."""
        either = " (or label instead of category, type_id)" if self.labels else ""
        optional = f" (and, if you like, {', '.join(self.optional)})" if self.optional else ""
        return ", ".join(self.columns) + either + optional


# --- row parsing -----------------------------------------------------------------------------
# A parser gets the values of the kind's columns, in order (None: absent), and returns the
# input as the SDK's batch call takes it after normalising it (a ``Pair``, an
# ``AssociationInput`` or an id string), which is also the key its successes and failures are
# matched back to rows by. The checks are the SDK's own (``_validation``), so a row the SDK
# would refuse is refused here, as a failure of that row, before anything is sent.
# These run once per row in the main thread, so they stay plain.


def _checked(check_value: Callable[..., Any], value: Any, name: str, **bounds: int) -> Any:
    try:
        return check_value(value, name, **bounds)
    except (TypeError, ValueError) as exc:
        raise RowError(str(exc)) from None


def _record_id(value: str | None, name: str) -> str:
    if value is None:
        raise RowError(f"{name} is missing")
    text = value.strip()
    if not text:
        raise RowError(f"{name} is empty")
    return str(_checked(check.record_id, text, name))


def _type(category: str | None, type_id: str | None) -> AssociationType:
    cat = _checked(check.category, (category or "").strip().upper(), "category")
    raw = (type_id or "").strip()
    # int() of a long digit string is slow (and refused past 4,300 digits): bound it first
    if not (raw.isdigit() and raw.isascii() and len(raw) <= 10):
        raise RowError(f"type_id must be a positive integer, got {raw[:40]!r}")
    return AssociationType(cat, _checked(check.integer, int(raw), "type_id", low=1))


def parse_pair(values: Sequence[str | None], labels: LabelResolver | None) -> Hashable:
    return Pair(_record_id(values[0], "from_id"), _record_id(values[1], "to_id"))


def parse_labelled(values: Sequence[str | None], labels: LabelResolver | None) -> Hashable:
    """from_id, to_id, and the type: category and type_id, or a label's text."""
    from_id, to_id = _record_id(values[0], "from_id"), _record_id(values[1], "to_id")
    category, type_id, text = ((v or "").strip() for v in values[2:5])
    if not text:
        if not category and not type_id and labels is not None:
            raise RowError("give category and type_id, or label")
        return AssociationInput(from_id, to_id, (_type(category, type_id),))
    assert labels is not None  # only kinds with a label column read one
    try:
        found = labels.resolve(text)
    except UnknownLabel as exc:
        raise RowError(str(exc), UNKNOWN_LABEL) from None
    if category or type_id:  # both given: they must agree
        given = _type(category, type_id)
        if (given.category, given.type_id) != (found.category, found.type_id):
            raise RowError(f"label {text!r} is {found.category} {found.type_id}, the row says "
                           f"{given.category} {given.type_id}")  # fmt: skip
    return AssociationInput(from_id, to_id, (AssociationType(found.category, found.type_id),))


def parse_id(values: Sequence[str | None], labels: LabelResolver | None) -> Hashable:
    return _record_id(values[0], "id")


# --- sending one chunk -----------------------------------------------------------------------
# A sender returns the SDK's failures, the inputs it reports as succeeded (None for reads:
# every id not failed, the SDK emits or fails each id once) and the result records.


def _type_lines(from_id: str, to_id: str, types: Sequence[AssociationType]) -> list[Any]:
    return [
        {"from_id": from_id, "to_id": to_id, "category": t.category, "type_id": t.type_id,
         "label": t.label}
        for t in types
    ]  # fmt: skip


def _send_create(client: Client, a: str, b: str, items: list[Any]) -> Any:
    result = client.batch.create(a, b, items)
    labels: dict[tuple[str, str], str] = {}
    for r in result.results:
        if isinstance(r, CreatedAssociation) and r.labels:
            labels[(r.from_id, r.to_id)] = "; ".join(r.labels)
    lines = [
        {"from_id": i.from_id, "to_id": i.to_id, "category": t.category, "type_id": t.type_id,
         "label": labels.get((i.from_id, i.to_id))}
        for i in result.succeeded
        for t in i.types
    ]  # fmt: skip
    return result.errors, result.succeeded, lines


def _send_default(client: Client, a: str, b: str, items: list[Any]) -> Any:
    result = client.batch.associate_default(a, b, items)
    types: dict[tuple[str, str], list[AssociationType]] = defaultdict(list)
    for r in result.results:
        if isinstance(r, CreatedAssociation):
            types[(r.from_id, r.to_id)].extend(r.types)
    lines: list[Any] = []
    for pair in result.succeeded:  # a line per succeeded pair, with the types HubSpot named
        found = types.get((pair.from_id, pair.to_id))
        if found:
            lines.extend(_type_lines(pair.from_id, pair.to_id, found))
        else:
            lines.append({"from_id": pair.from_id, "to_id": pair.to_id})
    return result.errors, result.succeeded, lines


def _send_archive(client: Client, a: str, b: str, items: list[Any]) -> Any:
    result = client.batch.archive(a, b, items)
    lines = [{"from_id": p.from_id, "to_id": p.to_id} for p in result.succeeded]
    return result.errors, result.succeeded, lines


def _send_archive_labels(client: Client, a: str, b: str, items: list[Any]) -> Any:
    result = client.batch.archive_labels(a, b, items)
    lines = [
        {"from_id": i.from_id, "to_id": i.to_id, "category": t.category, "type_id": t.type_id}
        for i in result.succeeded
        for t in i.types
    ]
    return result.errors, result.succeeded, lines


def _send_read(client: Client, a: str, b: str, items: list[Any]) -> Any:
    read = client.batch.read(a, b, items)
    lines: list[Any] = []
    for record in read:
        for association in record.associations:
            lines.extend(_type_lines(record.from_id, association.to_id, association.types))
    return read.errors, None, lines


KINDS: dict[str, JobKind] = {
    kind.name: kind
    for kind in (
        JobKind("create", "create labelled associations", LABELLED, WRITE_CHUNK,
                parse_labelled, _send_create, RESULT_COLUMNS, "created", labels=True),
        JobKind("associate-default", "create default (unlabelled) associations", PAIR,
                WRITE_CHUNK, parse_pair, _send_default, RESULT_COLUMNS, "created"),
        JobKind("archive", "remove every association between pairs", PAIR, WRITE_CHUNK,
                parse_pair, _send_archive, PAIR, "archived"),
        JobKind("archive-labels", "remove labels (association types) from pairs", LABELLED,
                WRITE_CHUNK, parse_labelled, _send_archive_labels, LABELLED, "archived",
                labels=True),
        JobKind("read", "export the associations of a list of record ids", ("id",),
                READ_CHUNK, parse_id, _send_read, RESULT_COLUMNS, "read"),
    )
}  # fmt: skip

# Said of the rows of a chunk whose answer named neither their success nor their failure.
UNACCOUNTED = "UNACCOUNTED"


def run_chunk(
    kind: JobKind,
    client: Client,
    from_type: str,
    to_type: str,
    valid: Sequence[tuple[int, Any, Hashable]],
    invalid: Sequence[Failure],
    as_row: Callable[[Any], Mapping[str, str]],
) -> Outcome:
    """Send the chunk's valid inputs in one batch call; tie every outcome back to its row.

    Every row ends exactly once: invalid, failed (as the SDK says), succeeded (as the SDK
    says), or, if the answer accounts for it neither way, failed as ``UNACCOUNTED``."""
    failures = list(invalid)
    if not valid:
        return Outcome(0, 0, [], sorted(failures, key=lambda f: f.line))
    rows: dict[Hashable, deque[tuple[int, Any]]] = defaultdict(deque)
    for line, fields, item in valid:
        rows[item].append((line, fields))
    reads = kind.name == "read"
    items = list(rows) if reads else [item for _, _, item in valid]
    try:
        errors, succeeded, results = kind.send(client, from_type, to_type, items)
    except Exception as exc:
        # Not expected (batch calls report failures in their result); if it happens, every
        # row of the chunk fails with it, and the job goes on.
        category = getattr(exc, "category", None) or type(exc).__name__
        message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        correlation = getattr(exc, "correlation_id", None)
        outcome = exc.outcome if isinstance(exc, HubSpotError) else UNKNOWN
        failures.extend(
            Failure(line, as_row(fields), category, message, correlation, outcome)
            for line, fields, _ in valid
        )
        failures.sort(key=lambda f: f.line)
        fatal_error = exc if isinstance(exc, HubSpotError) and is_fatal(exc) else None
        return Outcome(len(valid), 0, [], failures, fatal_error)
    fatal: HubSpotError | None = None
    for failure in errors:
        if failure.error is not None and is_fatal(failure.error):
            fatal = failure.error
        for item in failure.inputs:
            for line, fields in _take(rows, item, everyone=reads):
                failures.append(Failure(line, as_row(fields), failure.category, failure.message,
                                        failure.correlation_id, failure.outcome))  # fmt: skip
    done = 0
    if succeeded is None:  # reads: every id the SDK did not fail
        done = sum(len(queue) for queue in rows.values())
    else:
        for item in succeeded:
            done += len(_take(rows, item, everyone=False))
        for queue in rows.values():
            failures.extend(
                Failure(line, as_row(fields), UNACCOUNTED,
                        "the answer named neither the success nor the failure of this input",
                        outcome=UNKNOWN)
                for line, fields in queue
            )  # fmt: skip
    failures.sort(key=lambda f: f.line)
    return Outcome(len(valid), done, results, failures, fatal)


def _take(
    rows: dict[Hashable, deque[tuple[int, Any]]], item: Any, *, everyone: bool
) -> list[tuple[int, Any]]:
    """The row(s) an input the SDK reports stands for: one row per input for writes, every
    row naming the id for reads; none if the input is not one of the chunk's."""
    try:
        queue = rows.get(item)
    except TypeError:  # an unhashable input: not one the chunk sent
        return []
    if not queue:
        return []
    if everyone:
        taken = list(queue)
        queue.clear()
        return taken
    return [queue.popleft()]
