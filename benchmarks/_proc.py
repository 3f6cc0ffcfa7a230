"""What the benchmarks read of their own process (they run as scripts: ``benchmarks/`` is on
``sys.path``)."""

from __future__ import annotations

from pathlib import Path


def status(field: str) -> int:
    """A /proc/self/status figure (VmRSS, VmHWM) in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise KeyError(field)
