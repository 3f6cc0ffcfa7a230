"""Running the ``hubspot-associations`` command as a subprocess against a local emulator."""

from __future__ import annotations

import csv
import os
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

COMMAND = [sys.executable, "-m", "hubspot_associations.cli"]
DELETED = (13, 257)  # companies gone from the CRM: associations to them fail per item


def env(token: str | None = "test-token") -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if k != "HUBSPOT_ACCESS_TOKEN"}
    if token is not None:
        out["HUBSPOT_ACCESS_TOKEN"] = token
    return out


def start(
    args: Sequence[str], token: str | None = "test-token", stdin: IO[bytes] | None = None
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*COMMAND, *args],
        env=env(token),
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run(
    args: Sequence[str], token: str | None = "test-token", stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMAND, *args],
        env=env(token),
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        timeout=600,
    )


def company(i: int) -> int:
    return 1 + i % 500


def write_pairs(path: Path, n: int) -> tuple[set[tuple[str, str]], set[int]]:
    """A CSV of n contact -> company rows, some of them bad; (valid pairs, bad lines)."""
    pairs: set[tuple[str, str]] = set()
    bad: set[int] = set()
    with path.open("w", newline="") as f:
        f.write("from_id,to_id\n")
        for i in range(1, n + 1):
            line = i + 1
            if i % 4999 == 0:
                f.write(f"{i},not-an-id\n")
                bad.add(line)
            elif i % 7919 == 0:
                f.write(f"{i},{company(i)},extra\n")  # too many fields
                bad.add(line)
            else:
                f.write(f"{i},{company(i)}\n")
                pairs.add((str(i), str(company(i))))
    return pairs, bad


def read_failures(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as f:
        return list(csv.DictReader(f))


def _journal_figure(journal: Path, query: str) -> int:
    """A number the journal holds (0 while it does not exist or is being written)."""
    try:
        db = sqlite3.connect(f"file:{journal}?mode=ro", uri=True, timeout=0.2)
        try:
            return int(db.execute(query).fetchone()[0])
        finally:
            db.close()
    except (sqlite3.Error, TypeError):
        return 0


def chunks_done(journal: Path) -> int:
    return _journal_figure(journal, "SELECT count(*) FROM chunks")


def written_through(journal: Path) -> int:
    """How many chunks, from the first, the journal records as answered and written."""
    return _journal_figure(journal, "SELECT written_through FROM progress")


def job(hub: Any, *args: str) -> int:
    """The command in-process against the emulator ``hub``, without progress output."""
    from hubspot_associations.cli import main

    return main([*args, "--base-url", hub.url, "--progress", "none"])
