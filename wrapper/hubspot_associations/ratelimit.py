"""Client-side pacing: the ``Limiter`` interface and the in-process ``RateLimiter``.

Every request of one client goes through one ``Limiter``, whatever thread, asyncio task or
batch chunk sends it: ``reserve()`` books the next slot and says how long to wait before
sending (the driver sleeps with ``time.sleep`` or ``asyncio.sleep``), and ``observe()`` is
told about every answer, so the limiter learns the account's limit from HubSpot's
``X-HubSpot-RateLimit-Max`` / ``-Remaining`` / ``-Interval-Milliseconds`` headers and pauses
everyone after a ten-secondly 429. Another implementation (e.g. one shared through Redis by
several processes) only has to provide these two methods.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from typing import Protocol, runtime_checkable

from ._wire import announced_limit, daily_spent, header_number, retry_after_seconds
from .errors import DailyRateLimitError

# A server-learned window is paced with this much slack: the server counts arrivals, the
# client books departures, and one request's way there (a new connection, a 2,000-input body)
# can take tens of milliseconds longer than another's. 10 % of the window, at most 0.25 s
# (2.5 % of HubSpot's 10 s windows).
MARGIN = 0.1
MAX_SLACK = 0.25
# After a DAILY 429 every request fails at once without being sent, for this long (HubSpot
# resets the quota at midnight in the account's time zone, which the client does not know).
DAILY_PAUSE = 600.0
# The longest a ten-secondly 429 pauses every request: a longer Retry-After fails the request
# that got it (``RetryPolicy.max_wait``), but is not believed for everyone after it.
MAX_PAUSE = 60.0


@runtime_checkable
class Limiter(Protocol):
    """What a client paces itself with. Implementations must be thread-safe."""

    def reserve(self) -> float:
        """Book the next request slot; return the seconds to wait before sending.

        Raises ``DailyRateLimitError`` if the account's DAILY limit was hit."""
        ...

    def observe(self, status: int, headers: Mapping[str, str]) -> None:
        """Learn from every answer: the rate-limit headers, and 429s."""
        ...


class RateLimiter:
    """At most N requests per rolling window, N and the window configured or learned.

    ``RateLimiter(190)`` caps the client at 190 requests per 10 s; ``RateLimiter(None)``
    starts without a cap and takes the account's from the first answer's headers (the
    smaller of the two wins when both are known). A ten-secondly 429 pauses every request
    until its ``Retry-After`` (else the window) has passed; a DAILY 429 makes ``reserve``
    raise ``DailyRateLimitError`` for ``DAILY_PAUSE`` seconds.
    """

    def __init__(
        self,
        max_requests: int | None = None,
        window: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_requests is not None:
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
        self._learned: tuple[int, float] | None = None  # (max, window) from the headers
        self._slots: deque[float] = deque()  # start times of booked requests, oldest first
        self._paused_until = 0.0
        self._daily_until: float | None = None

    def __repr__(self) -> str:
        limit = self._limit()
        if limit is None:
            return "RateLimiter(learning from the answers)"
        return f"RateLimiter({limit[0]} per {limit[1]:g}s)"

    def _limit(self) -> tuple[int, float, float] | None:
        """(requests, window, slack) in force: the stricter of configured and learned."""
        configured = None if self.max_requests is None else (self.max_requests, self.window, 0.0)
        learned = None
        if self._learned is not None:
            count, window = self._learned
            learned = (count, window, min(window * MARGIN, MAX_SLACK) + 0.005)
        if configured is None or learned is None:
            return configured or learned
        # the lower rate (requests per second) is the stricter one
        if learned[0] / learned[1] < configured[0] / configured[1]:
            return learned
        return configured

    def reserve(self) -> float:
        """Book a slot; return the seconds to wait before sending (0 when free now)."""
        with self._lock:
            now = self._clock()
            if self._daily_until is not None:
                if now < self._daily_until:
                    raise DailyRateLimitError(
                        "the account's DAILY rate limit was reached; not sending",
                        status=429,
                        category="RATE_LIMITS",
                    )
                self._daily_until = None
            start = max(now, self._paused_until)
            limit = self._limit()
            if limit is not None:
                count, window, slack = limit
                while len(self._slots) > count:
                    self._slots.popleft()
                if len(self._slots) == count:
                    start = max(start, self._slots[0] + window + slack)
            self._slots.append(start)
            if limit is None and len(self._slots) > 1000:
                self._slots.popleft()
            return start - now

    def observe(self, status: int, headers: Mapping[str, str]) -> None:
        """Learn the account's limit from the headers; pause everyone after a 429."""
        announced = announced_limit(headers)
        with self._lock:
            now = self._clock()
            if announced is not None:
                self._learned = announced
            if status != 429:
                self._others_busy(now, header_number(headers, "X-HubSpot-RateLimit-Remaining"))
                return
            if daily_spent(headers):
                self._daily_until = now + DAILY_PAUSE
                return
            wait = retry_after_seconds(headers)
            if wait is None:
                wait = self._learned[1] if self._learned is not None else 1.0
            self._paused_until = max(self._paused_until, now + min(wait, MAX_PAUSE))

    def _others_busy(self, now: float, remaining: float | None) -> None:
        """Nothing remains in the window although this client's own bookings leave room:
        other apps of the account use it up, so wait a window (under the lock).

        The server counts a request when it arrives, up to ``MAX_SLACK`` after we booked
        it (a 2,000-input body takes a while to send): a booking that old still counts as
        ours, or a serial client's own requests would read as another app's."""
        limit = self._limit()
        if remaining is None or remaining > 0 or limit is None:
            return
        count, window, _ = limit
        ours = sum(1 for start in self._slots if now - window - MAX_SLACK < start <= now)
        if ours < count:
            self._paused_until = max(self._paused_until, now + window)
