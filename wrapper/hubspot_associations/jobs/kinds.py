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
from ..errors import HubSpotError
from ..models import AssociationInput, AssociationType, CreatedAssociation, Pair

INVALID_ROW = "INVALID_ROW"

PAIR = ("from_id", "to_id")
LABELLED = ("from_id", "to_id", "category", "type_id")
RESULT_COLUMNS = ("from_id", "to_id", "category", "type_id", "label")


class RowError(ValueError):
    """A row that cannot become an input: a failure of that row, never sent."""


@dataclass(frozen=True)
class Failure:
    """One failed input row: what goes into the failures file."""

    line: int
    input: Mapping[str, str] | Sequence[str]
    category: str
    message: str
    correlation_id: str | None = None


@dataclass
class Outcome:
    """What became of one chunk: result records, failed rows, and a fatal error if any."""

    sent: int
    succeeded: int
    results: list[dict[str, Any]]
    failures: list[Failure]
    fatal: HubSpotError | None = None


# Sends one chunk of inputs; returns the failures (each naming its SDK-normalised inputs)
# and the result records for the output file.
Send = Callable[[Client, str, str, list[Any]], tuple[list[BatchFailure[Any]], list[Any]]]


@dataclass(frozen=True)
class JobKind:
    """One command: its columns, row parser, sender and result formatter."""

    name: str
    summary: str
    columns: tuple[str, ...]
    chunk_size: int
    parse: Callable[[Sequence[str | None]], Hashable]
    send: Send
    key: Callable[[Any], Hashable]  # an SDK-normalised input -> the key ``parse`` returned
    result_columns: tuple[str, ...]
    verb: str  # for the summary: "created", "archived", "read"


# --- row parsing -----------------------------------------------------------------------------
# A parser gets the values of the kind's columns, in order (None: absent), and returns the
# input in the form the SDK's batch call takes, which is also the key its failures are
# matched back to rows by: (from_id, to_id), (from_id, to_id, ((category, type_id),)), or id.
# These run once per row in the main thread, so they stay plain.


def _record_id(value: str | None, name: str) -> str:
    if value is None:
        raise RowError(f"{name} is missing")
    text = value.strip()
    if text.isdigit() and text.isascii() and len(text) <= 30:
        return text
    if not text:
        raise RowError(f"{name} is empty")
    shown = text if len(text) <= 40 else text[:37] + "..."
    raise RowError(f"{name} must be a record id of decimal digits, got {shown!r}")


def _type(category: str | None, type_id: str | None) -> tuple[str, int]:
    cat = (category or "").strip().upper()
    if cat not in check.CATEGORIES:
        raise RowError(f"category must be one of {', '.join(check.CATEGORIES)}, got {cat!r}")
    raw = (type_id or "").strip()
    if not (raw.isdigit() and raw.isascii()) or not 1 <= int(raw) <= check.INT32_MAX:
        raise RowError(f"type_id must be a positive integer, got {raw[:40]!r}")
    return cat, int(raw)


def parse_pair(values: Sequence[str | None]) -> Hashable:
    return _record_id(values[0], "from_id"), _record_id(values[1], "to_id")


def parse_labelled(values: Sequence[str | None]) -> Hashable:
    return (
        _record_id(values[0], "from_id"),
        _record_id(values[1], "to_id"),
        (_type(values[2], values[3]),),
    )


def parse_id(values: Sequence[str | None]) -> Hashable:
    return _record_id(values[0], "id")


def _pair_key(item: Pair) -> Hashable:
    return item.from_id, item.to_id


def _labelled_key(item: AssociationInput) -> Hashable:
    return item.from_id, item.to_id, tuple((t.category, t.type_id) for t in item.types)


def _id_key(item: str) -> Hashable:
    return item


# --- sending one chunk -----------------------------------------------------------------------


def _type_lines(from_id: str, to_id: str, types: Sequence[AssociationType]) -> list[Any]:
    return [
        {"from_id": from_id, "to_id": to_id, "category": t.category, "type_id": t.type_id,
         "label": t.label}
        for t in types
    ]  # fmt: skip


def _created_lines(results: Sequence[Any]) -> list[Any]:
    lines: list[Any] = []
    for r in results:
        if isinstance(r, CreatedAssociation):
            lines.extend(_type_lines(r.from_id, r.to_id, r.types))
    return lines


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
    return result.errors, lines


def _send_default(client: Client, a: str, b: str, items: list[Any]) -> Any:
    result = client.batch.associate_default(a, b, items)
    return result.errors, _created_lines(result.results)


def _send_archive(client: Client, a: str, b: str, items: list[Any]) -> Any:
    result = client.batch.archive(a, b, items)
    lines = [{"from_id": p.from_id, "to_id": p.to_id} for p in result.succeeded]
    return result.errors, lines


def _send_archive_labels(client: Client, a: str, b: str, items: list[Any]) -> Any:
    result = client.batch.archive_labels(a, b, items)
    lines = [
        {"from_id": i.from_id, "to_id": i.to_id, "category": t.category, "type_id": t.type_id}
        for i in result.succeeded
        for t in i.types
    ]
    return result.errors, lines


def _send_read(client: Client, a: str, b: str, items: list[Any]) -> Any:
    read = client.batch.read(a, b, items)
    lines: list[Any] = []
    for record in read:
        for association in record.associations:
            lines.extend(_type_lines(record.from_id, association.to_id, association.types))
    return read.errors, lines


KINDS: dict[str, JobKind] = {
    kind.name: kind
    for kind in (
        JobKind("create", "create labelled associations", LABELLED, WRITE_CHUNK,
                parse_labelled, _send_create, _labelled_key, RESULT_COLUMNS, "created"),
        JobKind("associate-default", "create default (unlabelled) associations", PAIR,
                WRITE_CHUNK, parse_pair, _send_default, _pair_key, RESULT_COLUMNS, "created"),
        JobKind("archive", "remove every association between pairs", PAIR, WRITE_CHUNK,
                parse_pair, _send_archive, _pair_key, PAIR, "archived"),
        JobKind("archive-labels", "remove labels (association types) from pairs", LABELLED,
                WRITE_CHUNK, parse_labelled, _send_archive_labels, _labelled_key, LABELLED,
                "archived"),
        JobKind("read", "export the associations of a list of record ids", ("id",),
                READ_CHUNK, parse_id, _send_read, _id_key, RESULT_COLUMNS, "read"),
    )
}  # fmt: skip


def run_chunk(
    kind: JobKind,
    client: Client,
    from_type: str,
    to_type: str,
    valid: Sequence[tuple[int, Any, Hashable]],
    invalid: Sequence[Failure],
    as_row: Callable[[Any], Mapping[str, str]],
) -> Outcome:
    """Send the chunk's valid inputs in one batch call; tie every outcome back to its row."""
    failures = list(invalid)
    if not valid:
        return Outcome(0, 0, [], sorted(failures, key=lambda f: f.line))
    rows: dict[Hashable, deque[tuple[int, Any]]] = defaultdict(deque)
    for line, fields, item in valid:
        rows[item].append((line, fields))
    items = (
        list(dict.fromkeys(item for _, _, item in valid))
        if kind.name == "read"
        else [item for _, _, item in valid]
    )
    try:
        errors, results = kind.send(client, from_type, to_type, items)
    except (HubSpotError, TypeError, ValueError) as exc:
        # Not expected (batch calls report failures in their result, and rows are checked
        # by the SDK's own rules first); if it happens, every row of the chunk fails with it.
        category = getattr(exc, "category", None) or type(exc).__name__
        message = getattr(exc, "message", None) or str(exc)
        correlation = getattr(exc, "correlation_id", None)
        failures.extend(
            Failure(line, as_row(fields), category, message, correlation)
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
            queue = rows.get(kind.key(item))
            while queue:  # reads: every row naming a failed id; writes: one row per input
                line, fields = queue.popleft()
                failures.append(
                    Failure(
                        line,
                        as_row(fields),
                        failure.category,
                        failure.message,
                        failure.correlation_id,
                    )
                )
                if kind.name != "read":
                    break
    failures.sort(key=lambda f: f.line)
    done = len(valid) - (len(failures) - len(invalid))
    return Outcome(len(valid), done, results, failures, fatal)
