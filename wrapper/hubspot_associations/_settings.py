"""A client's options: each one checked by ``check``, the one validator, whichever way it is
given (``Client(...)``, ``AsyncClient(...)``, ``with_options(...)``, a call's ``timeout=``),
and what follows from them: the token source, the API version, the retry policy, the rate
limiter and the client's ``Stats``.

Cheap to import and to run: building a client imports no httpx, asyncio or plans (README:
import cost); the plans (``operations``) are built with the first call.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import inspect
import math
import os
import re
import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeAlias
from urllib.parse import urlsplit

from ._retry import RetryPolicy
from .errors import ConfigurationError
from .ratelimit import Limiter, RateLimiter
from .versions import ApiVersion, latest_version

if TYPE_CHECKING:
    import httpx

    from ._operations import Operations

DEFAULT_BASE_URL = "https://api.hubapi.com"
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ANSWER_BYTES = 128 * 2**20  # a full batch read page is ~75 MB at most
TOKEN_ENV = "HUBSPOT_ACCESS_TOKEN"
BASE_URL_ENV = "HUBSPOT_BASE_URL"  # base_url when none is given (the emulator's, a proxy's)

# RFC 6750 b64token: what a bearer token may be. Anything else (a trailing newline read
# from a file, a space, a non-ASCII character) is refused before it reaches a header.
_BEARER_TOKEN = re.compile(r"[A-Za-z0-9\-._~+/]+=*", re.ASCII)

TokenSource = str | Callable[[], str]
# AsyncClient also awaits a token callable's awaitable (an ``async def`` one).
AsyncTokenSource = str | Callable[[], str] | Callable[[], Awaitable[str]]
Timeout: TypeAlias = "float | httpx.Timeout | None"


class _Unset:
    """An option ``with_options`` leaves as it is (None is a value some options take)."""

    def __repr__(self) -> str:
        return "<unset>"


UNSET: Any = _Unset()


class OptionTypeError(ConfigurationError, TypeError):
    """A ``ConfigurationError`` about an option of the wrong type; a ``TypeError`` too, as
    such a mistake always was."""


def _is_async(source: Any) -> bool:
    """An ``async def`` function, or an object whose ``__call__`` is one."""
    return inspect.iscoroutinefunction(source) or inspect.iscoroutinefunction(
        getattr(source, "__call__", None)  # noqa: B004 - the method itself is looked at
    )


def _no_awaitable(given: Any) -> None:
    """A sync client cannot await what a token callable gave: refuse it (closed, so Python
    does not warn that a coroutine was never awaited)."""
    if isinstance(given, Awaitable):
        close = getattr(given, "close", None)
        if callable(close):
            close()
        raise ConfigurationError(
            "the access_token callable returned an awaitable: Client needs the token itself "
            "(AsyncClient awaits an async token callable)"
        )


def _failed(exc: Exception) -> ConfigurationError:
    """The error for a token callable that raised: before anything was sent, so ``FAILED``.
    Its own exception becomes the cause; its text is not copied (it may hold a token)."""
    return ConfigurationError(
        f"the access_token callable raised {type(exc).__name__}, so nothing was sent "
        "(its exception is this one's __cause__)"
    )


class _Token:
    """Where the bearer token comes from; never shown in str/repr. ``client``: the class it
    is for (only ``AsyncClient`` can await an ``async def`` callable)."""

    def __init__(self, source: AsyncTokenSource | None, client: str = "Client") -> None:
        if source is None:
            source = os.environ.get(TOKEN_ENV) or None
        if source is None:
            raise ConfigurationError(
                f"no HubSpot access token: pass access_token=... or set {TOKEN_ENV}"
            )
        if not callable(source) and not isinstance(source, str):
            raise OptionTypeError("access_token must be a non-empty str or a callable")
        if isinstance(source, str) and not source.strip():
            raise ConfigurationError("access_token must be a non-empty str or a callable")
        if isinstance(source, str):
            _check_token(source, "access_token")
        if client != "AsyncClient" and _is_async(source):
            raise ConfigurationError(
                "access_token is an async function: Client needs one that returns the token "
                "(AsyncClient awaits an async one)"
            )
        self._source = source
        self.is_async = _is_async(source)
        self._last: str | None = None
        self.generation = 0  # how many different tokens the source has given so far

    def __repr__(self) -> str:
        return "<token hidden>"

    @property
    def last(self) -> str | None:
        """The token sent last (what answers are scrubbed of; see ``errors.redact``)."""
        return self._source if isinstance(self._source, str) else self._last

    @property
    def refreshes(self) -> bool:
        """A callable can give a fresh token after a 401; a fixed string cannot."""
        return callable(self._source)

    def __call__(self) -> str:
        """The token for the next request, for a sync client (``settle`` for an async one)."""
        if not callable(self._source):
            return self._source
        given = self.ask()
        _no_awaitable(given)
        return self.accept(given)

    async def settle(self, given: Any) -> str:
        """``accept`` what the source gave, awaited first if it is awaitable (AsyncClient)."""
        if isinstance(given, Awaitable):
            try:
                given = await given
            except Exception as exc:
                raise _failed(exc) from exc
        return self.accept(given)

    def ask(self) -> Any:
        """What the source gives (not checked yet: ``accept``); a fixed token as it is."""
        if not callable(self._source):
            return self._source
        try:
            return self._source()
        except Exception as exc:
            raise _failed(exc) from exc

    def accept(self, token: Any) -> str:
        """``token`` if the source gave a valid one (``ConfigurationError`` if not)."""
        if not isinstance(token, str) or not token.strip():
            raise ConfigurationError("the access_token callable returned no token")
        checked = _check_token(token, "the token the access_token callable returned")
        if checked != self._last:  # only a number leaves this object, never the token
            self._last = checked
            self.generation += 1
        return checked


def _check_token(token: str, what: str) -> str:
    """``token`` if it can be a bearer token; the error never contains the token."""
    if _BEARER_TOKEN.fullmatch(token):
        return token
    if token != token.strip():
        reason = "leading or trailing whitespace (a newline read from a file?); strip it"
    elif any(c.isspace() for c in token):
        reason = "whitespace"
    else:
        reason = "characters a bearer token cannot have (RFC 6750: A-Z a-z 0-9 - . _ ~ + / =)"
    raise ConfigurationError(f"{what} is not a valid bearer token: it has {reason}")


# --- the checks, one per option -------------------------------------------------------------


def _seconds(value: Any, option: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise OptionTypeError(f"{option} must be a number of seconds or None")
    if not (value > 0 and math.isfinite(value)):
        raise ConfigurationError(f"{option} must be a positive, finite number of seconds")
    return float(value)


def _timeout(value: Any) -> float | httpx.Timeout | None:
    loaded = sys.modules.get("httpx")  # an httpx.Timeout given means httpx is imported
    if loaded is not None and isinstance(value, loaded.Timeout):
        for phase in ("connect", "read", "write", "pool"):
            _seconds(getattr(value, phase), f"timeout.{phase}")
        given: httpx.Timeout = value
        return given
    if value is not None and not isinstance(value, (int, float)):
        raise OptionTypeError("timeout must be a number of seconds, an httpx.Timeout or None")
    return _seconds(value, "timeout")


def _count(value: Any, option: str, low: int, what: str = "") -> int:
    """An int of at least ``low``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise OptionTypeError(f"{option} must be an int{what}")
    if value < low:
        raise ConfigurationError(f"{option} must be >= {low}")
    return value


def _rate_limit(value: Any) -> int | None:
    if value is None:
        return None
    return _count(value, "rate_limit", 1, " (requests per 10 seconds)")


def _answer_bytes(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise OptionTypeError("max_answer_bytes must be an int")
    if value < 1024:
        raise ConfigurationError("max_answer_bytes must be at least 1024")
    return value


def _base_url(value: Any) -> str:
    if not isinstance(value, str):
        raise OptionTypeError("base_url must be an http(s) URL")
    if not value.startswith(("http://", "https://")):
        raise ConfigurationError("base_url must be an http(s) URL")
    try:
        url = urlsplit(value)
        url.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        raise ConfigurationError("base_url is not a valid URL") from None
    if "@" in url.netloc:
        # Never echoed: it holds a password. The bearer token is the only credential sent.
        raise ConfigurationError("base_url must not contain credentials (user:password@host)")
    if not url.hostname or url.query or url.fragment or any(c.isspace() for c in value):
        raise ConfigurationError("base_url must be scheme://host[:port][/path], no query")
    return value.rstrip("/")


def _base_url_or_env(value: Any) -> str:
    """``base_url`` as given; if None, ``$HUBSPOT_BASE_URL`` when set, checked the same way;
    else HubSpot's."""
    if value is not None:
        return _base_url(value)
    from_env = os.environ.get(BASE_URL_ENV)
    if not from_env:
        return DEFAULT_BASE_URL
    try:
        return _base_url(from_env)
    except ConfigurationError as exc:  # its message never echoes the URL (credentials)
        raise type(exc)(f"{BASE_URL_ENV}: {exc.message}") from None


def _version(value: Any) -> ApiVersion:
    if value is None:
        return ApiVersion(latest_version())
    if not isinstance(value, str):
        raise OptionTypeError(
            "version must be a str (see supported_versions()) or None (the latest)"
        )
    return ApiVersion(value)  # UnsupportedVersionError (a ConfigurationError) lists them


def _backend(value: Any) -> str | Limiter | None:
    if value is None or isinstance(value, (str, Limiter)):
        return value
    raise OptionTypeError("rate_limit_backend must be a redis:// URL or a Limiter")


def _http_client(value: Any, client: str) -> Any:
    """None, or an httpx client of the kind ``client`` sends with. An httpx client given
    means httpx is imported: without it nothing can be one."""
    if value is None:
        return None
    loaded = sys.modules.get("httpx")
    if loaded is None or not isinstance(value, getattr(loaded, client)):
        other = "Client for sync" if client == "AsyncClient" else "AsyncClient for async"
        raise OptionTypeError(f"http_client must be an httpx.{client} (use {other})")
    return value


_CHECKS: dict[str, Callable[[Any], Any]] = {
    "version": _version,
    "base_url": _base_url_or_env,
    "timeout": _timeout,
    "max_retries": lambda value: _count(value, "max_retries", 0),
    "rate_limit": _rate_limit,
    "call_timeout": lambda value: _seconds(value, "call_timeout"),
    "max_answer_bytes": _answer_bytes,
    "rate_limit_backend": _backend,
    "max_concurrency": lambda value: _count(value, "max_concurrency", 1),
}


def check(option: str, value: Any, client: str = "Client") -> Any:
    """``value`` as a client keeps it, if it is a valid ``option``; else ``ConfigurationError``
    (an ``OptionTypeError`` for a value of the wrong type). ``client``: the class it is for
    (``http_client`` must be of the matching httpx kind)."""
    if option == "http_client":
        return _http_client(value, client)
    if option == "access_token":
        return _Token(value, client)
    return _CHECKS[option](value)


def _limiter(rate_limit: int | None, backend: str | Limiter | None) -> Limiter:
    """In-process by default; a ``redis://`` URL shares the budget between workers
    (``RedisRateLimiter``, the ``redis`` extra); or any ``Limiter`` of your own."""
    if backend is None:
        return RateLimiter(rate_limit)
    if isinstance(backend, str):
        from .ratelimit_redis import RedisRateLimiter

        return RedisRateLimiter.from_url(backend, rate_limit)
    if rate_limit is not None:
        raise ConfigurationError("give rate_limit to your Limiter, not to the client")
    return backend


@dataclasses.dataclass
class Stats:
    """Counters of one client: attempts sent, retries made, seconds slept before retries."""

    requests: int = 0
    retries: int = 0
    retry_wait: float = 0.0


class Settings:
    """One client's options, checked, and what follows from them. ``with_options`` copies
    (``replace``) share the token source, the limiter and the stats."""

    def __init__(self, client: str, **options: Any) -> None:
        # Every option is checked here, http_client too (the client keeps that one itself).
        checked = {name: check(name, value, client) for name, value in options.items()}
        self.base_url: str = checked["base_url"]
        self.timeout: float | httpx.Timeout | None = checked["timeout"]
        self.call_timeout: float | None = checked["call_timeout"]
        self.max_answer_bytes: int = checked["max_answer_bytes"]
        # Batch chunks in flight at once, and sub-plans run at once (1: the sync client).
        self.max_concurrency: int = checked.get("max_concurrency", 1)
        self.token: _Token = checked["access_token"]
        self.version: ApiVersion = checked["version"]
        self.max_retries: int = checked["max_retries"]
        self.policy = RetryPolicy(max_retries=self.max_retries, refresh_token=self.token.refreshes)
        # Every request of the client is paced by one limiter: the configured cap, and what
        # the answers' rate-limit headers and 429s teach it.
        self.limiter: Limiter = _limiter(checked["rate_limit"], checked["rate_limit_backend"])
        self.stats = Stats()

    @functools.cached_property
    def operations(self) -> Operations:
        """Every operation's plan for this version and retry policy; built on the first call
        (with the modules behind it: README, import cost)."""
        from ._operations import Operations

        return Operations(self.version, self.policy)

    def replace(self, **options: Any) -> Settings:
        """A copy with the given options (``UNSET``: as here), each checked by ``check``."""
        new = copy.copy(self)
        for name, value in options.items():
            if value is not UNSET:
                setattr(new, name, check(name, value))
        if new.max_retries != self.max_retries:
            new.policy = RetryPolicy(max_retries=new.max_retries, refresh_token=new.token.refreshes)
            new.__dict__.pop("operations", None)  # rebuilt with the new policy
        return new

    def describe(self, cls: str) -> str:
        return f"{cls}(version={self.version.name!r}, base_url={self.base_url!r})"
