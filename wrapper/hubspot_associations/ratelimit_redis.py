"""A rate limiter shared by every worker of one HubSpot account, kept in Redis.

HubSpot's limits belong to the account, not to a process. ``RedisRateLimiter`` implements
the client's ``Limiter`` interface (``reserve()`` / ``observe()``) with its state in Redis,
so any number of processes, containers or machines book their requests from one budget:

- the rolling window (``max_requests`` per ``window`` seconds; HubSpot's ten-secondly
  limit): the last ``max_requests`` booked start times live in a Redis list, and one atomic
  Lua script books the next slot (the oldest booked time plus the window, or now), so two
  workers never get the same slot. The script reads Redis' own clock (``TIME``): workers on
  different machines need not agree on the time;
- the daily count (``daily_limit``): one counter per day of the account's time zone;
- a shared stop: once one worker sees a ``DAILY`` 429 (or the daily header reach 0, or the
  shared count run out), every worker's next ``reserve()`` raises ``DailyRateLimitError``;
- pacing from HubSpot's headers on top: a ten-secondly 429 seen by one worker pauses every
  worker (``Retry-After``, else the interval header); a ``X-HubSpot-RateLimit-Max`` /
  ``-Interval-Milliseconds`` tighter than the configured limit (or no configured limit at
  all) becomes the shared limit.

Redis unreachable at start: ``RateLimitBackendError`` from the constructor. Redis lost
mid-job: ``reserve()`` raises ``RateLimitBackendError``, so the call stops instead of
sending unthrottled. The redis client is imported here only: install the ``redis`` extra.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import threading
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ._wire import DAILY, announced_limit, daily_spent, rate_limit_policy, retry_after_seconds
from .errors import (
    ConfigurationError,
    DailyRateLimitError,
    RateLimitBackendError,
)
from .ratelimit import MAX_PAUSE

__all__ = ["RedisRateLimiter", "redact_url"]

# KEYS: slots (sorted set: request id -> the time it is booked for), pause, stop, daily,
#       learned, seq
# ARGV: max_requests (0: none configured), window, daily_limit (0: none), day_ttl, margin
# Returns {"wait", seconds, id} or {"stop", reason}; numbers as strings (Lua numbers returned
# to Redis are truncated to integers).
_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local stop = redis.call('GET', KEYS[3])
if stop then return {'stop', stop} end
local max = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local learned = redis.call('HMGET', KEYS[5], 'max', 'window')
if learned[1] and learned[2] then
  local lmax = tonumber(learned[1])
  local lwin = tonumber(learned[2])
  if max == 0 or lmax / lwin <= max / window then
    max = lmax
    window = lwin
  end
end
local daily = tonumber(ARGV[3])
if daily > 0 then
  local used = tonumber(redis.call('GET', KEYS[4]) or '0')
  if used >= daily then
    local reason = 'the shared daily limit of ' .. daily .. ' requests is used up'
    redis.call('SET', KEYS[3], reason, 'EX', ARGV[4])
    return {'stop', reason}
  end
  redis.call('INCR', KEYS[4])
  redis.call('EXPIRE', KEYS[4], ARGV[4])
end
local start = now
local pause = tonumber(redis.call('GET', KEYS[2]) or '0')
if pause > start then start = pause end
local id = redis.call('INCR', KEYS[6])
if max > 0 then
  window = window + tonumber(ARGV[5])
  -- Requests that count from before now - window cannot limit this one or a later one.
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. string.format('%.6f', now - window))
  if redis.call('ZCARD', KEYS[1]) >= max then
    -- At most max - 1 requests count from later than the max-th latest: one window after
    -- it, this one makes max in any window.
    local kth = redis.call('ZREVRANGE', KEYS[1], max - 1, max - 1, 'WITHSCORES')
    local after = tonumber(kth[2]) + window
    if after > start then start = after end
  end
  redis.call('ZADD', KEYS[1], string.format('%.6f', start), id)
  redis.call('PEXPIRE', KEYS[1], math.ceil((start - now + window) * 1000) + 60000)
end
return {'wait', string.format('%.6f', start - now), tostring(id)}
"""

# KEYS: pause. ARGV: seconds. Pause every worker until now + seconds (never shortens it).
_PAUSE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local seconds = tonumber(ARGV[1])
local until_ = now + seconds
local pause = tonumber(redis.call('GET', KEYS[1]) or '0')
if until_ > pause then
  local ttl = math.ceil(seconds * 1000) + 1000
  redis.call('SET', KEYS[1], string.format('%.6f', until_), 'PX', ttl)
end
return 1
"""

_OWN_PARAMS = {"max", "window", "daily", "key", "tz", "margin"}


def redact_url(url: str) -> str:
    """``url`` without its password (for messages, logs and repr)."""
    try:
        parts = urlsplit(url)
    except ValueError:  # not a URL (``redis://[::1``): blank out any user:password@
        return re.sub(r"//[^/?#]*@", "//***@", url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    user = f"{parts.username}:***@" if parts.username else ":***@"
    return urlunsplit((parts.scheme, user + host, parts.path, parts.query, parts.fragment))


def _positive(name: str, value: Any, kind: type, *, allow_none: bool = False) -> Any:
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float) if kind is float else int):
        raise TypeError(f"{name} must be {'a number' if kind is float else 'an int'}")
    if not value > 0 or not math.isfinite(value):  # nan and inf: no window can pace
        raise ValueError(f"{name} must be a finite number > 0")
    return value


class RedisRateLimiter:
    """The client's ``Limiter`` with its state in Redis, shared by every worker of an account.

    ``RedisRateLimiter("redis://127.0.0.1:6379/0", 190)`` allows 190 requests per rolling
    10 seconds across every process using the same Redis and ``key`` (name one key per
    HubSpot account, e.g. its portal id). ``window`` is the rolling window in seconds,
    ``daily_limit`` the account's daily quota (shared count; None: count nothing and rely on
    HubSpot's DAILY 429), ``timezone`` the account's (its day starts the daily count),
    ``margin`` seconds added to the window to absorb the jitter between booking a slot and
    the request reaching HubSpot, which differs between workers (default: 2 % of the window,
    0.2 s of HubSpot's 10 s, and at least 0.1 s).
    ``max_requests=None`` paces only by what HubSpot's headers announce.
    """

    def __init__(
        self,
        redis: str | Any,
        max_requests: int | None = None,
        *,
        window: float = 10.0,
        daily_limit: int | None = None,
        key: str = "default",
        timezone: str = "UTC",
        margin: float | None = None,
        socket_timeout: float = 2.0,
    ) -> None:
        self.max_requests: int | None = _positive("rate_limit", max_requests, int, allow_none=True)
        self.window: float = float(_positive("window", window, float))
        self.daily_limit: int | None = _positive("daily_limit", daily_limit, int, allow_none=True)
        if margin is None:
            margin = max(0.1, self.window / 50)
        if (
            isinstance(margin, bool)
            or not isinstance(margin, (int, float))
            or not (0 <= margin < math.inf)
        ):
            raise ValueError("margin must be a finite number >= 0")
        self.margin = float(margin)
        if not isinstance(key, str) or not key or any(c in key for c in "{}"):
            raise ValueError("key must be a non-empty str without braces")
        self.key = key
        try:
            self.timezone = ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
            raise ConfigurationError(f"unknown time zone {timezone!r}") from exc
        self._redis, self._where = _connect(redis, socket_timeout)
        # One hash slot for every key of an account (Redis Cluster): the {key} hash tag.
        prefix = f"hubspot-associations:{{{key}}}:"
        self._keys = {
            name: prefix + name for name in ("slots", "pause", "stop", "daily", "learned", "seq")
        }
        self._lost: BaseException | None = None
        self._lock = threading.Lock()
        self._learned: tuple[int, float] | None = None
        try:
            self._redis.ping()
            self._reserve_script = self._redis.register_script(_RESERVE)
            self._pause_script = self._redis.register_script(_PAUSE)
        except Exception as exc:
            raise RateLimitBackendError(
                f"cannot reach the Redis rate limiter at {self._where}: {type(exc).__name__}: {exc}"
            ) from exc

    @classmethod
    def from_url(cls, url: str, max_requests: int | None = None) -> RedisRateLimiter:
        """From ``redis://[:password@]host:port/db?window=10&daily=250000&key=acct&tz=UTC``.

        Our own query parameters (``max``, ``window``, ``daily``, ``key``, ``tz``,
        ``margin``) configure the limiter; the rest of the URL goes to the redis client.
        ``max`` may stand in for ``max_requests`` (giving both, different, is an error).
        """
        if not isinstance(url, str):
            raise TypeError("rate_limit_backend must be a redis:// URL or a Limiter")
        try:
            parts = urlsplit(url)
        except ValueError as exc:
            raise ConfigurationError(f"bad Redis URL {redact_url(url)!r}: {exc}") from None
        if parts.scheme not in ("redis", "rediss", "unix"):
            raise ConfigurationError(
                f"rate_limit_backend must be a redis://, rediss:// or unix:// URL, "
                f"got {redact_url(url)!r}"
            )
        ours: dict[str, str] = {}
        theirs: list[tuple[str, str]] = []
        for name, value in parse_qsl(parts.query, keep_blank_values=True):
            (ours.__setitem__(name, value) if name in _OWN_PARAMS else theirs.append((name, value)))
        # Not urlunsplit: it turns unix:///path into unix:/path, which redis refuses.
        base = url.split("#", 1)[0].split("?", 1)[0]
        connection_url = f"{base}?{urlencode(theirs)}" if theirs else base
        try:
            url_max = int(ours["max"]) if "max" in ours else None
            window = float(ours.get("window", "10"))
            daily = int(ours["daily"]) if "daily" in ours else None
            margin = float(ours["margin"]) if "margin" in ours else None
        except ValueError as exc:
            raise ConfigurationError(f"bad rate limit parameter in {redact_url(url)!r}") from exc
        if max_requests is not None and url_max is not None and max_requests != url_max:
            raise ConfigurationError(
                f"rate_limit={max_requests} and max={url_max} in the Redis URL disagree"
            )
        try:
            return cls(
                connection_url,
                max_requests if max_requests is not None else url_max,
                window=window,
                daily_limit=daily,
                key=ours.get("key", "default"),
                timezone=ours.get("tz", "UTC"),
                margin=margin,
            )
        except ConfigurationError:
            raise
        except ValueError as exc:  # a value out of range (max=0, key=): the URL's fault
            raise ConfigurationError(f"bad Redis URL {redact_url(url)!r}: {exc}") from None

    def __repr__(self) -> str:
        limit = f"{self.max_requests} per {self.window:g}s" if self.max_requests else "headers"
        return f"RedisRateLimiter({limit}, key={self.key!r}, at {self._where})"

    # --- the Limiter interface -----------------------------------------------------------

    def reserve(self) -> float:
        """Book the next shared slot; return the seconds to wait before sending.

        Raises ``DailyRateLimitError`` once the account's daily limit is reached (by any
        worker), ``RateLimitBackendError`` when Redis cannot be reached.
        """
        if self._lost is not None:
            lost, self._lost = self._lost, None
            raise self._backend_error(lost)
        day, ttl = self._day()
        try:
            kind, value, *_ = self._reserve_script(
                keys=[
                    self._keys["slots"],
                    self._keys["pause"],
                    self._keys["stop"],
                    f"{self._keys['daily']}:{day}",
                    self._keys["learned"],
                    self._keys["seq"],
                ],
                args=[
                    self.max_requests or 0,
                    repr(self.window),
                    self.daily_limit or 0,
                    ttl,
                    repr(self.margin),
                ],
            )
        except Exception as exc:
            raise self._backend_error(exc) from exc
        kind = _text(kind)
        if kind == "stop":
            raise _daily_error(_text(value))
        return max(0.0, float(_text(value)))

    def observe(self, status: int, headers: Mapping[str, str]) -> None:
        """Share what one answer says: a DAILY 429 stops every worker, a ten-secondly 429
        pauses them, the rate-limit headers set the shared limit when tighter.

        Never raises: a Redis failure here is raised by the next ``reserve()``."""
        try:
            self._observe(status, headers)
        except Exception as exc:
            self._lost = exc

    def stop_daily(self, reason: str = "HubSpot answered 429 DAILY") -> None:
        """Stop every worker until the account's next day (a DAILY 429 was seen)."""
        _, ttl = self._day()
        try:
            self._redis.set(self._keys["stop"], reason, ex=ttl)
        except Exception as exc:
            raise self._backend_error(exc) from exc

    def reset(self) -> None:
        """Forget the shared state of this key (slots, pause, daily count and stop)."""
        try:
            day, _ = self._day()
            names = [self._keys[k] for k in ("slots", "pause", "stop", "learned", "seq")]
            self._redis.delete(*names, f"{self._keys['daily']}:{day}")
        except Exception as exc:
            raise self._backend_error(exc) from exc
        self._learned = None

    def close(self) -> None:
        """Close the connections to Redis."""
        self._redis.close()

    # --- internals -----------------------------------------------------------------------

    def _observe(self, status: int, headers: Mapping[str, str]) -> None:
        if status == 429:
            if rate_limit_policy(None, headers) == DAILY:
                self.stop_daily(
                    "HubSpot answered 429 DAILY (X-HubSpot-RateLimit-Daily-Remaining 0)"
                )
                return
            pause = min(retry_after_seconds(headers) or self.window, MAX_PAUSE)
            self._pause_script(keys=[self._keys["pause"]], args=[repr(pause)])
        elif 200 <= status < 300 and daily_spent(headers):
            self.stop_daily("HubSpot's X-HubSpot-RateLimit-Daily-Remaining reached 0")
        self._learn(headers)

    def _learn(self, headers: Mapping[str, str]) -> None:
        learned = announced_limit(headers)
        if learned is None or learned == self._learned:
            return
        with self._lock:
            self._learned = learned
        name = self._keys["learned"]
        self._redis.hset(name, mapping={"max": learned[0], "window": learned[1]})
        self._redis.expire(name, 86_400)

    def _day(self) -> tuple[str, int]:
        """The account's current day (daily counter key) and seconds until it ends (+1 h)."""
        now = dt.datetime.now(self.timezone)
        tomorrow = (now + dt.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
        return now.date().isoformat(), math.ceil((tomorrow - now).total_seconds()) + 3600

    def _backend_error(self, exc: BaseException) -> RateLimitBackendError:
        return RateLimitBackendError(
            f"lost the Redis rate limiter at {self._where} ({type(exc).__name__}: {exc}); "
            "stopping rather than sending without the shared limit"
        )


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _daily_error(reason: str) -> DailyRateLimitError:
    return DailyRateLimitError(
        f"daily rate limit reached, shared by every worker: {reason}",
        status=429,
        category="RATE_LIMITS",
        body={"policyName": DAILY},
    )


def _check_parameters(client: Any, url: str) -> None:
    """Refuse a URL query parameter the redis client does not know (``?socket_timout=1``):
    redis-py passes it on to each connection, which would fail on first use, reported as
    "cannot reach". Building one connection object (no I/O) finds it now."""
    pool = client.connection_pool
    try:
        pool.connection_class(**pool.connection_kwargs)
    except TypeError as exc:
        found = re.search(r"keyword argument '(\w+)'", str(exc))
        name = found.group(1) if found else str(exc)
        raise ConfigurationError(
            f"unknown parameter {name!r} in the Redis URL {redact_url(url)!r} (ours: "
            f"{', '.join(sorted(_OWN_PARAMS))}; the others go to the redis client)"
        ) from None


def _connect(redis: str | Any, socket_timeout: float) -> tuple[Any, str]:
    try:
        import redis as redis_lib
        from redis.backoff import ExponentialBackoff
        from redis.retry import Retry
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise ConfigurationError(
            "the Redis rate limiter needs the redis extra: "
            "pip install 'hubspot-associations[redis]'"
        ) from exc
    if isinstance(redis, str):
        try:
            client = redis_lib.Redis.from_url(
                redis,
                socket_timeout=socket_timeout,
                socket_connect_timeout=socket_timeout,
                # A blip is retried (twice, 0.1-0.5 s apart); a lost server is an error.
                retry=Retry(ExponentialBackoff(cap=0.5, base=0.1), 2),
                health_check_interval=30,
            )
        except ValueError as exc:
            raise ConfigurationError(f"bad Redis URL {redact_url(redis)!r}: {exc}") from exc
        _check_parameters(client, redis)
        return client, redact_url(redis)
    if not hasattr(redis, "register_script"):
        raise TypeError("redis must be a redis:// URL or a redis.Redis client")
    kwargs = redis.connection_pool.connection_kwargs
    return redis, f"{kwargs.get('host', '?')}:{kwargs.get('port', '?')}/{kwargs.get('db', 0)}"
