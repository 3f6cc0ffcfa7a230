"""The job's output files (results and failures), CSV or JSONL, appended chunk by chunk.

Lines are rendered to text first (the journal can hold them while earlier chunks are still
in flight), then appended; ``sync`` flushes and fsyncs before the journal records the new
length, and ``truncate`` cuts a file back to the recorded length on resume. A write that
fails (a full disk) raises ``OSError`` naming the file.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from .kinds import Failure

# ``error_category``, not ``category``: the inputs of create and archive-labels have a
# ``category`` column of their own, and the file must read back as an input.
FAILURE_COLUMNS = ("outcome", "error_category", "message", "correlation_id")
STDOUT_NAME = "standard output"  # how errors name it


def output_format(path: str, given: str | None) -> str:
    if given is not None:
        return given
    return "csv" if Path(path).suffix.lower() == ".csv" else "jsonl"


class Sink:
    """One output file."""

    def __init__(self, path: Path, fmt: str, columns: Sequence[str]) -> None:
        self.path = path
        self.format = fmt
        self.columns = tuple(columns)
        self.stdout = str(path) == "-"  # --output -: written, flushed, never closed
        self._file: IO[bytes] | None = None
        self._length = 0

    @property
    def name(self) -> str:
        return STDOUT_NAME if self.stdout else str(self.path)

    def open(self, length: int) -> None:
        """Open for appending after the first ``length`` bytes (0: a fresh file)."""
        self._length = length
        if length == 0:
            with self._naming():
                if self.stdout:
                    self._file = sys.stdout.buffer
                else:
                    self._file = open(self.path, "wb")  # noqa: SIM115 - closed in close()
                if self.format == "csv":
                    self.append(self._csv([self.columns]))
            return
        size = self.path.stat().st_size if self.path.exists() else -1
        if size < length:
            raise FileNotFoundError(
                f"{self.path} is shorter than the journal recorded ({max(size, 0):,} < "
                f"{length:,} bytes): was it moved or edited? Use --restart to start over."
            )
        with self._naming():
            self._file = open(self.path, "r+b")  # noqa: SIM115
            self._file.truncate(length)
            self._file.seek(length)

    def close(self) -> None:
        if self._file is not None:
            # Whatever a failed close loses was never recorded in the journal (sync was).
            with contextlib.suppress(OSError):
                if self.stdout:
                    self._file.flush()
                else:
                    self._file.close()
            self._file = None

    @property
    def length(self) -> int:
        return self._length

    def append(self, text: str) -> None:
        assert self._file is not None
        if text:
            data = text.encode()
            with self._naming():
                self._file.write(data)
            self._length += len(data)

    def sync(self) -> None:
        assert self._file is not None
        with self._naming():
            self._file.flush()
            if stat.S_ISREG(os.fstat(self._file.fileno()).st_mode):  # not a pipe, /dev/...
                os.fsync(self._file.fileno())

    @contextlib.contextmanager
    def _naming(self) -> Iterator[None]:
        """OSErrors of writes name no file: name this one."""
        try:
            yield
        except OSError as exc:
            if exc.filename is not None:
                raise
            raise OSError(exc.errno, exc.strerror, self.name) from None

    @staticmethod
    def _csv(rows: Iterable[Sequence[Any]]) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerows(rows)
        return buffer.getvalue()

    def render(self, records: Iterable[Mapping[str, Any]]) -> str:
        if self.format == "csv":
            return self._csv(
                ["" if r.get(c) is None else r.get(c) for c in self.columns] for r in records
            )
        return "".join(json.dumps(r, separators=(",", ":")) + "\n" for r in records)

    def render_failures(self, failures: Iterable[Failure]) -> str:
        if self.format == "csv":
            inputs = self.columns[1 : -len(FAILURE_COLUMNS)]
            rows: list[list[Any]] = []
            for f in failures:
                values = (
                    list(f.input.get(c, "") for c in inputs)
                    if isinstance(f.input, Mapping)
                    else (list(f.input) + [""] * len(inputs))[: len(inputs)]
                )
                rows.append([f.line or "", *values, f.outcome, f.category, f.message,
                             f.correlation_id or ""])  # fmt: skip
            return self._csv(rows)
        return "".join(
            json.dumps(
                {"line": f.line or None,
                 "input": dict(f.input) if isinstance(f.input, Mapping) else list(f.input),
                 "outcome": f.outcome, "error_category": f.category, "message": f.message,
                 "correlation_id": f.correlation_id},
                separators=(",", ":"),
            ) + "\n"
            for f in failures
        )  # fmt: skip
