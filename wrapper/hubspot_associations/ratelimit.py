"""Client-side throttle: at most N requests per rolling window (HubSpot: per 10 seconds).

One ``RateLimiter`` is shared by every call of one client, across threads and asyncio
tasks. ``reserve()`` books the next free slot under a lock and returns how long the caller
must wait for it; the caller then sleeps with ``time.sleep`` or ``asyncio.sleep``. Set it
to the account's tier (100 or 190 per 10 s) so bulk jobs run near the limit without 429s.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable


class RateLimiter:
    def __init__(
        self,
        max_requests: int,
        window: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if isinstance(max_requests, bool) or not isinstance(max_requests, int):
            raise TypeError("rate_limit must be an int (requests per 10 seconds)")
        if max_requests < 1:
            raise ValueError("rate_limit must be >= 1")
        if window <= 0:
            raise ValueError("window must be > 0")
        self.max_requests = max_requests
        self.window = window
        self._clock = clock
        self._lock = threading.Lock()
        # Start times of the last `max_requests` booked requests (some may lie ahead).
        self._slots: deque[float] = deque(maxlen=max_requests)

    def __repr__(self) -> str:
        return f"RateLimiter({self.max_requests} per {self.window:g}s)"

    def reserve(self) -> float:
        """Book a slot; return the seconds to wait before sending (0 when free now)."""
        with self._lock:
            now = self._clock()
            start = now
            if len(self._slots) == self.max_requests:
                start = max(now, self._slots[0] + self.window)
            self._slots.append(start)
            return start - now
