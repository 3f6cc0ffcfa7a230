"""Fault injection: rate limits, scripted and random errors, latency, drops, malformed bodies.

A :class:`Faults` object is shared between the test (or the CLI) and the server thread; every
method takes its lock, so it can be changed while requests are in flight. Methods return the
object itself so a configuration reads as one chained expression::

    Faults(seed=7).rate_limit(100, interval=10).fail_next(2, status=502, match="batch_create")
"""

from __future__ import annotations

import math
import random
import re
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Literal

Policy = Literal["TEN_SECONDLY_ROLLING", "DAILY"]
FaultKind = Literal["status", "drop", "malformed", "latency"]

__all__ = ["Decision", "FaultRule", "Faults", "RateLimit"]


@dataclass
class RateLimit:
    """HubSpot-style limits: `max_requests` per rolling `interval` seconds, plus a daily cap."""

    max_requests: int | None = None
    interval: float = 10.0
    daily: int | None = None
    retry_after: float | None = None  # seconds to send in Retry-After on secondly 429s

    def __post_init__(self) -> None:
        self._window: deque[float] = deque()
        self._day_count = 0

    def check(self, now: float) -> tuple[Policy | None, dict[str, str]]:
        """Count one request; return the policy it violates (if any) and the headers to send."""
        while self._window and self._window[0] <= now - self.interval:
            self._window.popleft()
        violated: Policy | None = None
        if self.daily is not None and self._day_count >= self.daily:
            violated = "DAILY"
        elif self.max_requests is not None and len(self._window) >= self.max_requests:
            violated = "TEN_SECONDLY_ROLLING"
        else:
            self._window.append(now)
            self._day_count += 1
        headers: dict[str, str] = {}
        if self.max_requests is not None:
            headers["X-HubSpot-RateLimit-Max"] = str(self.max_requests)
            headers["X-HubSpot-RateLimit-Remaining"] = str(
                max(0, self.max_requests - len(self._window))
            )
            headers["X-HubSpot-RateLimit-Interval-Milliseconds"] = str(int(self.interval * 1000))
        if self.daily is not None:
            headers["X-HubSpot-RateLimit-Daily"] = str(self.daily)
            headers["X-HubSpot-RateLimit-Daily-Remaining"] = str(
                max(0, self.daily - self._day_count)
            )
        if violated == "TEN_SECONDLY_ROLLING" and self.retry_after is not None:
            headers["Retry-After"] = str(max(0, math.ceil(self.retry_after)))
        return violated, headers

    def reset_counters(self) -> None:
        self._window.clear()
        self._day_count = 0


@dataclass
class FaultRule:
    """One injected fault. `match` is an operation name (`batch_create`) or a regex on the path."""

    kind: FaultKind
    match: str | None = None
    method: str | None = None
    remaining: int | None = None  # None: unlimited
    probability: float = 1.0
    status: int = 502
    delay: tuple[float, float] = (0.0, 0.0)
    after_processing: bool = False  # drops only: do the work, then lose the response
    retry_after: float | None = None  # status faults: send Retry-After (seconds)
    statuses: tuple[int, ...] = ()  # status faults: draw one of these (else `status`)
    hits: int = 0

    def matches(self, method: str, operation: str | None, path: str) -> bool:
        if self.remaining is not None and self.remaining <= 0:
            return False
        if self.method is not None and self.method.upper() != method.upper():
            return False
        if self.match is None:
            return True
        return self.match == operation or re.search(self.match, path) is not None


@dataclass
class Decision:
    """What the faults decided for one request."""

    rate_limited: Policy | None = None
    rate_headers: dict[str, str] = field(default_factory=dict)
    status: int | None = None
    retry_after: float | None = None
    delay: float = 0.0
    drop: bool = False
    drop_after: bool = False
    malformed: bool = False


class Faults:
    """Run-time configurable faults; thread-safe."""

    def __init__(self, *, seed: int | None = 0) -> None:
        self._lock = threading.Lock()
        self._seed = seed
        self._rng = random.Random(seed)
        self._rules: list[FaultRule] = []
        self.limits = RateLimit()
        self.injected: Counter[str] = Counter()
        self.token_lifetime: float | None = None
        self._tokens: dict[str, float] = {}  # minted token -> when it expires (monotonic)
        self._minted = 0

    # ----------------------------------------------------------- configuration
    def rate_limit(
        self,
        max_requests: int | None,
        interval: float = 10.0,
        *,
        daily: int | None = None,
        retry_after: float | None = None,
    ) -> Faults:
        """Allow `max_requests` per rolling `interval` seconds (TEN_SECONDLY_ROLLING 429s beyond),
        and at most `daily` requests in all (DAILY 429s beyond). None disables a limit."""
        with self._lock:
            self.limits = RateLimit(max_requests, interval, daily, retry_after)
        return self

    def daily_limit(self, max_requests: int | None) -> Faults:
        with self._lock:
            self.limits.daily = max_requests
        return self

    def _add(self, rule: FaultRule) -> Faults:
        with self._lock:
            self._rules.append(rule)
        return self

    def fail_next(
        self,
        n: int = 1,
        status: int = 502,
        *,
        match: str | None = None,
        method: str | None = None,
        retry_after: float | None = None,
    ) -> Faults:
        """The next `n` matching requests get `status` (with an Error body) and change nothing.

        `retry_after` adds a Retry-After header (seconds) to those answers."""
        return self._add(
            FaultRule("status", match, method, remaining=n, status=status, retry_after=retry_after)
        )

    def fail_randomly(
        self,
        probability: float,
        statuses: tuple[int, ...] = (502, 503, 504),
        *,
        match: str | None = None,
        method: str | None = None,
        retry_after: float | None = None,
    ) -> Faults:
        """Each matching request fails with probability `probability` (seeded RNG), with a
        status drawn from `statuses`."""
        return self._add(
            FaultRule(
                "status",
                match,
                method,
                probability=probability,
                statuses=tuple(statuses),
                retry_after=retry_after,
            )
        )

    def add_latency(
        self,
        seconds: float,
        jitter: float = 0.0,
        *,
        match: str | None = None,
        method: str | None = None,
        n: int | None = None,
    ) -> Faults:
        """Delay matching requests by `seconds` (+ up to `jitter`) before answering."""
        return self._add(
            FaultRule("latency", match, method, remaining=n, delay=(seconds, seconds + jitter))
        )

    def drop_next(
        self,
        n: int = 1,
        *,
        match: str | None = None,
        method: str | None = None,
        after_processing: bool = False,
    ) -> Faults:
        """Close the connection of the next `n` matching requests without a complete response.

        With `after_processing=True` the request takes effect first (the client never learns)."""
        return self._add(
            FaultRule("drop", match, method, remaining=n, after_processing=after_processing)
        )

    def drop_randomly(
        self,
        probability: float,
        *,
        match: str | None = None,
        method: str | None = None,
        after_processing: bool = False,
    ) -> Faults:
        """Close the connection of each matching request with probability `probability`
        (seeded RNG); `after_processing=True` as for :meth:`drop_next`."""
        return self._add(
            FaultRule(
                "drop", match, method, probability=probability, after_processing=after_processing
            )
        )

    def malform_next(
        self, n: int = 1, *, match: str | None = None, method: str | None = None
    ) -> Faults:
        """Answer the next `n` matching requests with a truncated, unparsable JSON body
        (the request itself takes effect)."""
        return self._add(FaultRule("malformed", match, method, remaining=n))

    def malform_randomly(
        self, probability: float, *, match: str | None = None, method: str | None = None
    ) -> Faults:
        return self._add(FaultRule("malformed", match, method, probability=probability))

    def expire_tokens(self, lifetime: float | None) -> Faults:
        """Tokens from :meth:`mint_token` stop working `lifetime` seconds after minting (401
        ``EXPIRED_AUTHENTICATION``, as HubSpot answers an expired OAuth access token).
        None: minted tokens never expire."""
        with self._lock:
            self.token_lifetime = lifetime
        return self

    def mint_token(self) -> str:
        """A new access token (what an OAuth refresh returns), valid for the token lifetime."""
        with self._lock:
            self._minted += 1
            token = f"emulator-oauth-{self._minted}-{self._rng.getrandbits(32):08x}"
            now = time.monotonic()
            lifetime = self.token_lifetime
            self._tokens[token] = math.inf if lifetime is None else now + lifetime
            if len(self._tokens) > 10_000:  # forget the oldest (they answer as unknown)
                for old in list(self._tokens)[:5_000]:
                    del self._tokens[old]
            return token

    def token_expired(self, token: str) -> float | None:
        """Seconds since a minted token expired; None if it is valid or not minted here."""
        with self._lock:
            expires = self._tokens.get(token)
        now = time.monotonic()
        if expires is None or now < expires:
            return None
        return now - expires

    def reseed(self, seed: int | None) -> Faults:
        """Restart the random faults' generator from `seed`."""
        with self._lock:
            self._seed = seed
            self._rng = random.Random(seed)
        return self

    def clear(self) -> Faults:
        """Remove every rule and rate limit; reset counters and the RNG."""
        with self._lock:
            self._rules.clear()
            self.limits = RateLimit()
            self.injected.clear()
            self.token_lifetime = None
            self._rng = random.Random(self._seed)
        return self

    @property
    def rules(self) -> list[FaultRule]:
        with self._lock:
            return list(self._rules)

    # ------------------------------------------------------------- decisions
    def rate_check(self) -> tuple[Policy | None, dict[str, str]]:
        with self._lock:
            policy, headers = self.limits.check(time.monotonic())
            if policy is not None:
                self.injected[f"429 {policy}"] += 1
            return policy, headers

    def decide(self, method: str, operation: str | None, path: str) -> Decision:
        decision = Decision()
        with self._lock:
            for rule in self._rules:
                if not rule.matches(method, operation, path):
                    continue
                if rule.probability < 1.0 and self._rng.random() >= rule.probability:
                    continue
                if rule.kind == "latency":
                    lo, hi = rule.delay
                    decision.delay += lo if hi <= lo else self._rng.uniform(lo, hi)
                elif rule.kind == "status":
                    if decision.status is not None or decision.drop:
                        continue
                    status = self._rng.choice(rule.statuses) if rule.statuses else rule.status
                    decision.status = status
                    decision.retry_after = rule.retry_after
                    self.injected[f"status {status}"] += 1
                elif rule.kind == "drop":
                    if decision.status is not None or decision.drop:
                        continue
                    decision.drop = True
                    decision.drop_after = rule.after_processing
                    self.injected["dropped"] += 1
                elif rule.kind == "malformed":
                    if decision.malformed:
                        continue
                    decision.malformed = True
                    self.injected["malformed"] += 1
                else:  # pragma: no cover
                    continue
                rule.hits += 1
                if rule.remaining is not None:
                    rule.remaining -= 1
            if decision.delay:
                self.injected["delayed"] += 1
        return decision
