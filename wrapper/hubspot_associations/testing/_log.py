"""The request log: what the emulator received and answered, kept for the test to read."""

from __future__ import annotations

import json
import threading
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Any

__all__ = ["RECORDED_BODY_LIMIT", "RecordedRequest", "RequestLog", "Stats", "recorded_body"]


@dataclass(frozen=True)
class RecordedRequest:
    """One request the emulator received, and what it answered."""

    method: str
    path: str
    query: dict[str, str]
    body: Any  # parsed JSON, the raw text if it was not JSON, or None
    status: int  # 0 when the connection was dropped before an answer
    operation: str | None
    version: str | None
    fault: str | None  # "429 TEN_SECONDLY_ROLLING", "status 502", "dropped", "malformed", ...
    at: float
    duration: float


@dataclass
class Stats:
    """Counters over the request log."""

    requests: int = 0
    by_status: Counter[int] = field(default_factory=Counter)
    by_operation: Counter[str] = field(default_factory=Counter)
    faults: Counter[str] = field(default_factory=Counter)


# Bodies larger than this are logged as a size only: three rejected 14 MB bodies must not
# grow the request log by hundreds of MB.
RECORDED_BODY_LIMIT = 64 * 1024


def recorded_body(raw: bytes) -> Any:
    """What the request log keeps of a body: its JSON, else its text, or just its size."""
    if len(raw) > RECORDED_BODY_LIMIT:
        return f"<{len(raw)} bytes, not recorded>"
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):  # not JSON, or nested deeper than Python's stack
        return raw.decode("utf-8", "replace")


class RequestLog:
    """The last `limit` requests (None: all), appended from the server thread, read from any."""

    def __init__(self, limit: int | None) -> None:
        self._log: deque[RecordedRequest] = deque(maxlen=limit)
        self._lock = threading.Lock()

    def append(self, entry: RecordedRequest) -> None:
        with self._lock:
            self._log.append(entry)

    def entries(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._log)

    def clear(self) -> None:
        with self._lock:
            self._log.clear()

    def stats(self) -> Stats:
        stats = Stats()
        for r in self.entries():
            stats.requests += 1
            stats.by_status[r.status] += 1
            stats.by_operation[r.operation or "?"] += 1
            if r.fault:
                stats.faults[r.fault] += 1
        return stats
