"""The files of ``hubspot-associations sync`` around its plan file: the input's rows as the
sync engine (``syncing``) takes them, the readable plan (every change, CSV or JSONL) and the
failures file.

Both files are written whole from the plan file, which is the apply journal: to
``<file>.partial`` first, fsynced, then renamed over the old one. So a kill leaves the last
complete file, the next run writes it again, and each failure is in the failures file once.
The failures file starts with the rows the plan refused, with their line in the input (read
again to find them), and ends with the changes that failed when applied.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..batching import WRITE_CHUNK
from ..syncing import ChangeFailure, Refusal, SyncPlan
from .kinds import INVALID_ROW, PAIR, Failure, JobKind
from .sinks import FAILURE_COLUMNS, Sink, output_format
from .source import Source


def _unused(*args: Any) -> Any:  # pragma: no cover - sync reads rows with Source.rows
    raise NotImplementedError("sync rows go to syncing.plan, not through chunks")


# The input of sync: from_id,to_id, and a label by its text or by category,type_id.
SYNC = JobKind(
    "sync", "make the associations of the input's from-ids match it", PAIR, WRITE_CHUNK,
    _unused, _unused, (), "synced", optional=("label", "category", "type_id"),
    slips=(("labels", "label"),),
)  # fmt: skip
CHANGE_COLUMNS = ("change", "from_id", "to_id", "category", "type_id", "label")
FAILURES = ("line", "change", "from_id", "to_id", "labels", *FAILURE_COLUMNS)
_BATCH = 2000  # lines rendered at once
_POSITION = re.compile(r"^desired\[\d+\] ")  # how the engine names a row: by its position


# --- the rows ----------------------------------------------------------------------------


def _labels(text: str | None, category: str | None, type_id: str | None) -> Any:
    """A row's labels as ``syncing`` takes them: its text, its (category, type_id), both, or
    None. A type id that is not a number is handed on as it is: the engine refuses the row."""
    labels: list[Any] = []
    if text is not None and text.strip():
        labels.append(text)
    category, type_id = (category or "").strip().upper(), (type_id or "").strip()
    if category or type_id:
        number = type_id.isascii() and type_id.isdigit() and len(type_id) <= 18
        labels.append((category, int(type_id) if number else type_id))
    if not labels:
        return None
    return labels[0] if len(labels) == 1 and isinstance(labels[0], str) else labels


def desired_rows(source: Source) -> Iterator[Any]:
    """One row for ``syncing.plan`` per data row of the input, so a refusal's ``row`` is the
    row's position. A row this command cannot read goes on in a form the engine refuses:
    ``(from_id, None)`` when its from_id can be read, which holds that from-id from pruning
    (a broken row never removes data), else None."""
    for _line, fields, values, _problem in source.rows():
        if values is None:
            held = _cell(source.as_row(fields), "from_id")
            yield (held, None) if held else None
            continue
        from_id, to_id, text, category, type_id = values
        yield ((from_id or "").strip(), (to_id or "").strip(), _labels(text, category, type_id))


# --- writing a file whole ----------------------------------------------------------------


def _write_whole(path: Path, columns: tuple[str, ...], render: Any, keep: int = 0) -> None:
    """Write ``path`` anew through ``<path>.partial``: the first ``keep`` bytes of the old
    file as they are (or else the header), then ``render(sink)``'s text. Something that is
    not a file (``/dev/stdout``, a pipe) is written as it is, never replaced."""
    special = path.exists() and not path.is_file()
    if special:
        keep = 0
    partial = path if special else Path(f"{path}.partial")
    sink = Sink(partial, output_format(str(path), None), columns)
    if keep:
        with open(path, "rb") as old, open(partial, "wb") as new:
            while left := keep - new.tell():
                block = old.read(min(left, 1 << 20))
                if not block:
                    raise OSError(f"{path} is shorter than {keep:,} bytes")
                new.write(block)
    sink.open(keep)
    try:
        render(sink)
        sink.sync()
    finally:
        sink.close()
    if not special:
        os.replace(partial, path)


def _batches(items: Iterable[Any]) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def write_changes(plan: SyncPlan, path: Path) -> None:
    """Every change of the plan, a line per label (``archive``: one line, no label)."""

    def records() -> Iterator[Mapping[str, Any]]:
        for change in plan.changes():
            line = {"change": change.kind, "from_id": change.from_id, "to_id": change.to_id}
            if not change.types:
                yield line
            for t in change.types:
                yield {**line, "category": t.category, "type_id": t.type_id, "label": t.label}

    def render(sink: Sink) -> None:
        for batch in _batches(records()):
            sink.append(sink.render(batch))

    _write_whole(path, CHANGE_COLUMNS, render)


# --- the failures file -------------------------------------------------------------------


def _cell(cells: Mapping[str, Any], name: str) -> str:
    return str(cells.get(name, "")).strip()  # a JSON array's values need not be text


def _named(cells: Mapping[str, Any]) -> str:
    """What a row's label cells name: its text and its ``CATEGORY:type_id``."""
    text, category, type_id = (_cell(cells, c) for c in ("label", "category", "type_id"))
    typed = f"{category}:{type_id}" if category or type_id else ""
    return "; ".join(part for part in (text, typed) if part)


def _refused_rows(plan: SyncPlan, source: Source | None) -> Iterator[Failure]:
    """The plan's refusals as failures: a refused row with its line and cells (the input read
    again, in step with the refusals, which are in input order), a from-id that could not be
    read with its id. Without the input, a row is named by its position and its values."""
    refusals = plan.refused()
    unread: list[Refusal] = []
    pending = next(refusals, None)
    if source is not None:
        for index, (line, fields, _values, problem) in enumerate(source.rows()):
            while pending is not None and pending.row is None:
                unread.append(pending)
                pending = next(refusals, None)
            if pending is None:
                break
            if pending.row != index:
                continue
            cells = source.as_row(fields)
            row = {"from_id": _cell(cells, "from_id"), "to_id": _cell(cells, "to_id"),
                   "labels": _named(cells)}  # fmt: skip
            category = INVALID_ROW if problem is not None else pending.category
            message = problem or _POSITION.sub("", pending.message)  # the line says where
            yield Failure(line, row, category, message)
            pending = next(refusals, None)
    for refusal in [*([pending] if pending is not None else []), *refusals]:
        if refusal.row is None:
            unread.append(refusal)
        else:
            where = f"row {refusal.row + 1} of the input, {refusal.input}"
            yield Failure(0, {}, refusal.category, f"{refusal.message} ({where})")
    for refusal in unread:
        yield Failure(0, {"from_id": refusal.input}, refusal.category, refusal.message)


def _failed_change(failure: ChangeFailure) -> Failure:
    change = failure.change
    names = "; ".join(t.label or f"{t.category}:{t.type_id}" for t in change.types)
    row = {"change": change.kind, "from_id": change.from_id, "to_id": change.to_id,
           "labels": "" if change.kind == "archive" else names}  # fmt: skip
    return Failure(0, row, failure.category, failure.message, failure.correlation_id,
                   failure.outcome)  # fmt: skip


def write_refusals(plan: SyncPlan, source: Source | None, path: Path) -> int:
    """The failures file of a plan not yet applied: its refused rows. Its length in bytes."""

    def render(sink: Sink) -> None:
        for batch in _batches(_refused_rows(plan, source)):
            sink.append(sink.render_failures(batch))

    _write_whole(path, FAILURES, render)
    return path.stat().st_size


def write_failures(plan: SyncPlan, path: Path, refused_bytes: int | None) -> None:
    """The failures file after apply: the refused rows (the first ``refused_bytes`` of the
    file, as the plan wrote them; made again from the plan if they are not there whole),
    then every change that failed, each once."""
    whole = refused_bytes is not None and path.exists() and path.stat().st_size >= refused_bytes
    keep = refused_bytes if whole and refused_bytes is not None else 0

    def render(sink: Sink) -> None:
        if not keep:
            for batch in _batches(_refused_rows(plan, None)):
                sink.append(sink.render_failures(batch))
        for batch in _batches(plan.failures()):
            sink.append(sink.render_failures(_failed_change(f) for f in batch))

    _write_whole(path, FAILURES, render, keep)
