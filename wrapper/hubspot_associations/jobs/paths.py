"""Where a job keeps its journal, failures file and results when not told.

Next to the input file, named after what makes the job distinct: the input's name, the
command, the object types and the shard, e.g. ``ids.read.contacts-deals.journal`` beside
``ids.csv``, so ``read contacts deals ids.csv`` and ``read contacts companies ids.csv`` are two
jobs, and ``--restart`` of one leaves the other alone. A job fed on standard input has no
folder of its own: its files go to the state folder (``state_dir()``), named after the
SHA-256 of its content, so each distinct input is its own job and the working folder stays
clean.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

APP = "hubspot-associations"


def state_dir() -> Path:
    """``$XDG_STATE_HOME/hubspot-associations`` (by default ``~/.local/state/...``): the
    files of jobs fed on standard input, and the copy of that input while a job runs."""
    root = os.environ.get("XDG_STATE_HOME") or ""
    if os.path.isabs(root):
        return Path(root) / APP
    try:
        return Path.home() / ".local" / "state" / APP
    except RuntimeError:  # no home folder to be found (a bare container user)
        return Path(tempfile.gettempdir()) / f"{APP}-{os.getuid() if hasattr(os, 'getuid') else 0}"


def ensure(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


@dataclass(frozen=True)
class JobPaths:
    journal: Path
    failures: Path
    output: Path | None


def job_base(
    input_path: str,
    command: str,
    from_type: str,
    to_type: str,
    shard: tuple[int, int] | None,
    fingerprint: str,
) -> Path:
    """The common start of the job's default file names (without a suffix)."""
    if input_path == "-":
        digest = fingerprint.split(":")[1][:16]
        base = state_dir() / "jobs" / f"stdin-{digest}"
    else:
        path = Path(input_path)
        base = path.with_suffix("") if path.suffix else path
    name = f"{base.name}.{command}.{from_type}-{to_type}"
    if shard is not None:
        name += f".shard-{shard[0]}-of-{shard[1]}"
    return base.with_name(name)


def default_paths(
    base: Path,
    fmt: str,
    *,
    journal: str | None,
    failures: str | None,
    output: str | None,
    read: bool,
    dry_run: bool = False,
    piped: bool = False,
) -> JobPaths:
    """The given paths, or the defaults: ``BASE.journal``, ``BASE.failures.<fmt>`` and, for
    reads, ``BASE.associations.<fmt>``. A dry run's failures (the rows it would refuse) go
    to ``BASE.dry-run.failures.<fmt>``, and those of a run with its results on standard
    output (``piped``: a fresh job each time) to ``BASE.stdout.failures.<fmt>``: never over
    the failures file of a resumable run, whose journal records how far it is written."""
    out = Path(f"{base}.associations.{fmt}") if read else None
    kind = "dry-run." if dry_run else "stdout." if piped else ""
    kept = Path(f"{base}.{kind}failures.{fmt}")
    return JobPaths(
        Path(journal) if journal else Path(f"{base}.journal"),
        Path(failures) if failures else kept,
        Path(output) if output else out,
    )
