"""Reading a job's input: CSV or JSONL, from a file or stdin, streamed in fixed chunks.

A chunk is ``chunk_size`` consecutive data rows (the header and blank lines are not rows),
so chunk ``k`` always holds the same rows of the same input: that is what the journal keys
on. A file is read once up front (``scan``): its SHA-256 fingerprint, its row count (for
the progress bar) and every file-level problem (not UTF-8, a NUL byte, an empty file, a
missing column) are found before anything is sent. Standard input is first copied to an
anonymous temporary file (``spool``), then read like a file: so a job fed on standard input
is known by its content too, and the same rows piped again are the same job. A named pipe
(a FIFO, ``<(...)``) can be read only once too: it is spooled like standard input.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .kinds import INVALID_ROW, Failure, JobKind, RowError
from .labels import LabelResolver

FORMATS = ("csv", "jsonl")
_BLOCK = 1 << 20
# The longest row (in characters) read: what bounds memory, whatever a file holds. A CSV
# cell may take all of it (the csv module's own limit, 128 KiB, would refuse a whole file
# for one long notes cell in a column the job ignores). A longer CSV row refuses the file
# (a quote never closed swallows the rest of it); a longer JSONL line fails that row alone.
MAX_ROW = 16 << 20


class InputError(Exception):
    """The input as a whole cannot be used (nothing is sent)."""


def input_format(path: str, given: str | None) -> str:
    if given is not None:
        return given
    suffix = Path(path).suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    return "csv"


def _is_pipe(path: str) -> bool:
    """A named input that can be read only once (a FIFO, ``/dev/fd/N`` of ``<(...)``)."""
    try:
        return stat.S_ISFIFO(os.stat(path).st_mode)
    except OSError:  # missing or unreadable: reading it says why
        return False


@dataclass
class Chunk:
    index: int
    first_line: int
    rows: int = 0
    valid: list[tuple[int, Any, Hashable]] = field(default_factory=list)  # line, raw, input
    invalid: list[Failure] = field(default_factory=list)


@dataclass(frozen=True)
class Scan:
    rows: int
    fingerprint: str


class _Hashing(io.RawIOBase):
    """A binary file that feeds every byte it reads into a SHA-256 (when ``hash``) and
    refuses NUL bytes, which no text CSV/JSONL holds (a spreadsheet, UTF-16 text). Closing
    it leaves ``raw`` open."""

    def __init__(self, raw: IO[bytes], name: str, hash: bool = True) -> None:
        self._raw = raw
        self._name = name
        self._hash = hash
        self.sha = hashlib.sha256()
        self.size = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        nul = data.find(b"\x00")
        if nul >= 0:
            raise InputError(
                f"{self._name} is not a text file: a NUL byte at byte {self.size + nul + 1:,} "
                "(a spreadsheet or UTF-16 file? save it as CSV UTF-8)"
            )
        if self._hash:
            self.sha.update(data)
        self.size += n
        return n


def _where_not_utf8(f: IO[bytes]) -> str:
    f.seek(0)
    for number, line in enumerate(f, 1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            return f"line {number}, byte {exc.start + 1} (0x{line[exc.start]:02x})"
    return "somewhere"  # pragma: no cover - the decoder found it, this scan must too


class Source:
    """One input: a path, or ``-`` for standard input."""

    def __init__(
        self,
        path: str,
        fmt: str | None,
        kind: JobKind,
        shard: tuple[int, int] | None = None,
        labels: LabelResolver | None = None,
    ) -> None:
        self.path = path
        self.labels = labels  # resolves a ``label`` cell (kinds that take one)
        # (k, n): only the data rows whose 0-based ordinal is k-1 modulo n (``--shard k/n``)
        self.shard = shard
        # standard input, or a pipe given by name (``<(zcat big.csv.gz)``, a FIFO): read once,
        # so spooled like standard input, and the job's files go to the state folder
        self.stdin = path == "-" or _is_pipe(path)
        self.format = input_format(path, fmt)
        self.kind = kind
        self.columns: list[str] = []
        self._spool: IO[bytes] | None = None

    @property
    def job_input(self) -> str:
        """The input as the job's file names know it: ``-`` for what is read only once."""
        return "-" if self.stdin else self.path

    @property
    def name(self) -> str:
        return "standard input" if self.path == "-" else self.path

    # --- opening ---------------------------------------------------------------------------

    def spool(self, folder: Path | None = None) -> None:
        """Copy standard input to an anonymous temporary file (in ``folder``), to read it
        like a file. Nothing is left behind, even if the process is killed."""
        if self.stdin and self._spool is None:
            spool = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 - closed in close()
            try:
                if self.path == "-":
                    shutil.copyfileobj(sys.stdin.buffer, spool, _BLOCK)
                else:
                    with self._binary() as raw:
                        shutil.copyfileobj(raw, spool, _BLOCK)
                spool.flush()
            except BaseException:
                spool.close()
                raise
            self._spool = spool

    def close(self) -> None:
        if self._spool is not None:
            self._spool.close()
            self._spool = None

    @contextlib.contextmanager
    def _binary(self) -> Iterator[IO[bytes]]:
        if self._spool is not None:
            self._spool.seek(0)
            yield self._spool
            return
        if self.path == "-":  # not spooled: read once, as it comes
            yield sys.stdin.buffer
            return
        try:
            raw = open(self.path, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise InputError(f"cannot read {self.path}: {exc.strerror or exc}") from None
        with raw:
            yield raw

    def _text(self, raw: IO[bytes]) -> io.TextIOWrapper:
        # utf-8-sig: a byte-order mark (Excel writes one) is not part of the first column name
        return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline="")

    def scan(self) -> Scan:
        """Read the whole file once: fingerprint, row count, and every file-level problem."""
        with self._binary() as raw:
            hashing = _Hashing(raw, self.name)
            text = self._text(io.BufferedReader(hashing, _BLOCK))
            rows = 0
            try:
                for _ in self._records(text, count_only=True):
                    rows += 1
            except UnicodeDecodeError:
                where = _where_not_utf8(raw)
                raise InputError(f"{self.name} is not UTF-8 text: {where}") from None
            digest = hashing.sha.hexdigest()
            return Scan(rows, f"sha256:{digest}:{hashing.size}")

    # --- records ---------------------------------------------------------------------------

    def _records(self, text: IO[str], count_only: bool = False) -> Iterator[tuple[int, Any]]:
        """(line, fields) per data row: a list of str (CSV) or the decoded JSON (JSONL)."""
        if self.format == "csv":
            yield from self._csv(text)
        else:
            yield from self._jsonl(text, count_only)

    def _csv(self, text: IO[str]) -> Iterator[tuple[int, Any]]:
        if csv.field_size_limit() < MAX_ROW:  # process-wide: only ever raised
            csv.field_size_limit(MAX_ROW)
        taken = [0]  # characters handed to the reader since its last record
        reader = csv.reader(self._bounded(text, taken), strict=True)
        try:
            header = next(reader, None)
            while header is not None and not any(h.strip() for h in header):
                header = next(reader, None)
            if header is None:
                raise InputError(f"{self.name} is empty: expected a header row naming "
                                 f"{self.kind.needs}")  # fmt: skip
            self._set_columns([h.strip() for h in header])
            taken[0] = 0
            for fields in reader:
                taken[0] = 0
                if not fields or (len(fields) == 1 and not fields[0].strip()):
                    continue
                yield reader.line_num, fields
        except csv.Error as exc:
            raise InputError(
                f"{self.name} is not readable as CSV (line {reader.line_num}): {exc}"
            ) from None

    def _bounded(self, text: IO[str], taken: list[int]) -> Iterator[str]:
        """The lines of ``text``, refusing a row (a record over several lines) past MAX_ROW."""
        number = 0
        while line := text.readline(MAX_ROW + 1):
            number += 1
            taken[0] += len(line)
            if taken[0] > MAX_ROW:
                raise InputError(
                    f"{self.name} is not readable as CSV: the row that line {number} is part "
                    f"of is longer than {MAX_ROW >> 20} MiB (a quote that is never closed?)"
                )
            yield line

    def _jsonl(self, text: IO[str], count_only: bool) -> Iterator[tuple[int, Any]]:
        first = True
        number = 0
        while line := text.readline(MAX_ROW + 1):
            number += 1
            if len(line) > MAX_ROW:  # a row of its own; skip the rest of it, unread
                while not line.endswith("\n") and (line := text.readline(_BLOCK)):
                    pass
                too_long: RowError | None = RowError(f"longer than {MAX_ROW >> 20} MiB")
            elif not line.strip():
                continue
            else:
                too_long = None
            if first:
                first = False
                self._set_columns(list(self.kind.read_columns))
            if count_only:
                yield number, None
                continue
            if too_long is not None:
                yield number, too_long
                continue
            try:
                value = json.loads(line)
            except ValueError as exc:
                yield number, RowError(f"not valid JSON: {exc}")
                continue
            except RecursionError:
                yield number, RowError("not a row: JSON nested too deeply")
                continue
            yield number, value
        if first:
            raise InputError(f"{self.name} is empty: expected one JSON object per line with "
                             f"{self.kind.needs}")  # fmt: skip

    def _set_columns(self, columns: list[str]) -> None:
        missing = self.kind.missing(columns)
        if missing:
            raise InputError(
                f"{self.name} lacks the column(s) {', '.join(missing)}: the header row must "
                f"name {self.kind.needs} (it names {', '.join(columns) or 'nothing'})"
            )
        twice = [c for c in self.kind.read_columns if columns.count(c) > 1]
        if twice:  # which of the two cells is meant only the file's author knows
            raise InputError(f"{self.name} names the column {twice[0]} twice: keep one")
        self.columns = columns

    def as_row(self, raw: Any) -> Mapping[str, str]:
        """A raw row (CSV fields or a JSON object) as column -> value, for failures."""
        if isinstance(raw, dict):
            return {
                str(k): str(v) for k, v in raw.items()
                if isinstance(v, (str, int)) and not isinstance(v, bool)
            }  # fmt: skip
        if isinstance(raw, list):
            return dict(zip(self.columns, raw, strict=False))
        return {}

    def _values(
        self, raw: Any, wanted: list[int | None]
    ) -> tuple[list[str | None] | None, str | None]:
        """The values of the kind's ``read_columns`` in a raw row, or why it is unusable."""
        if isinstance(raw, RowError):
            return None, str(raw)
        if self.format == "jsonl":
            if not isinstance(raw, dict):
                return None, f"expected a JSON object, got {type(raw).__name__}"
            for slip, column in self.kind.slips:
                if slip in raw and column not in raw:
                    return None, f"{slip} is not read, {column} is: a row naming {slip} " \
                        "is refused rather than read without it"  # fmt: skip
            values: list[str | None] = []
            for name in self.kind.read_columns:
                value = raw.get(name)
                if isinstance(value, bool) or not isinstance(value, (str, int, type(None))):
                    return None, f"{name} must be a string or an integer"
                values.append(None if value is None else str(value))
            return values, None
        if len(raw) != len(self.columns):
            return None, f"the row has {len(raw)} fields, the header names {len(self.columns)}"
        return [None if i is None else raw[i] for i in wanted], None

    def rows(self) -> Iterator[tuple[int, Any, list[str | None] | None, str | None]]:
        """Every data row (of this shard): its line, its raw fields, and the values of the
        kind's ``read_columns`` (None: absent), or why the row cannot be used."""
        with self._binary() as raw:
            text = self._text(io.BufferedReader(_Hashing(raw, self.name, hash=False), _BLOCK))
            wanted: list[int | None] | None = None
            take, among = (self.shard[0] - 1, self.shard[1]) if self.shard else (0, 1)
            ordinal = -1
            try:
                for line, fields in self._records(text):
                    ordinal += 1
                    if ordinal % among != take:
                        continue
                    if wanted is None:
                        wanted = [self.columns.index(c) if c in self.columns else None
                                  for c in self.kind.read_columns]  # fmt: skip
                    yield (line, fields, *self._values(fields, wanted))
            except UnicodeDecodeError as exc:
                raise InputError(f"{self.name} is not UTF-8 text: {exc.reason}") from None

    def shown(self, fields: Any) -> Mapping[str, str] | Sequence[str]:
        """A raw row as a failure names it: by column, or as it is if it has too few or too
        many fields for the header."""
        if isinstance(fields, list) and len(fields) != len(self.columns):
            return fields
        return self.as_row(fields)

    def chunks(self, size: int) -> Iterator[Chunk]:
        """Stream the input as chunks of ``size`` rows, each row parsed and validated."""
        chunk: Chunk | None = None
        index = 0
        parse = self.kind.parse
        for line, fields, values, problem in self.rows():
            if chunk is None:
                chunk = Chunk(index, line)
            chunk.rows += 1
            category = INVALID_ROW
            if values is not None:
                try:
                    chunk.valid.append((line, fields, parse(values, self.labels)))
                except RowError as exc:
                    problem, category = str(exc), exc.category
            if problem is not None:
                chunk.invalid.append(Failure(line, self.shown(fields), category, problem))
            if chunk.rows == size:
                yield chunk
                chunk, index = None, index + 1
        if chunk is not None:
            yield chunk
