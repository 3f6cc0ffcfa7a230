"""A Redis URL with a parameter nobody knows is a configuration error naming it (issue 16),
not "cannot reach the Redis rate limiter". No Redis server is needed: nothing is sent."""

from __future__ import annotations

import pytest
from hubspot_associations import Client, ConfigurationError
from hubspot_associations.errors import RateLimitBackendError

pytest.importorskip("redis")

# port 1: nothing listens there, so a URL that passed the checks would be "cannot reach"
UNKNOWN = [
    ("redis://127.0.0.1:1/0?foo=bar", "foo"),
    ("redis://:secret@127.0.0.1:1/0?windw=10&key=acct", "windw"),
    ("rediss://127.0.0.1:1/0?socket_timout=1", "socket_timout"),
    ("unix:///tmp/no-such.sock?dbb=1", "dbb"),
]


@pytest.mark.parametrize(("url", "name"), UNKNOWN)
def test_an_unknown_url_parameter_is_a_configuration_error(url: str, name: str) -> None:
    with pytest.raises(ConfigurationError, match=f"unknown parameter '{name}'") as raised:
        Client("tok", rate_limit_backend=url)
    assert "secret" not in str(raised.value)
    assert not isinstance(raised.value, RateLimitBackendError)


@pytest.mark.parametrize(
    "url",
    [
        "redis://127.0.0.1:1/0?window=10&key=acct&socket_keepalive=true",
        "rediss://127.0.0.1:1/0?ssl_cert_reqs=none&client_name=worker",
        "unix:///tmp/no-such-redis.sock?window=10&db=0",  # was read as unix:/tmp/...: refused
    ],
)
def test_known_parameters_pass_and_only_then_the_server_is_missed(url: str) -> None:
    with pytest.raises(RateLimitBackendError, match="cannot reach"):
        Client("tok", rate_limit_backend=url)


@pytest.mark.parametrize(
    "url",
    [
        "redis://127.0.0.1:1/0?max=-1",
        "redis://127.0.0.1:1/0?max=0",
        "redis://127.0.0.1:1/0?daily=0",
        "redis://127.0.0.1:1/0?key=",
        "redis://127.0.0.1:1/0?key={a}",
        "redis://127.0.0.1:1/0?window=inf",
        "redis://127.0.0.1:1/0?window=nan",
        "redis://127.0.0.1:1/0?margin=nan",
        "redis://127.0.0.1:1/0?margin=-1",
        "redis://:secret@[::1/0",  # not a URL: urlsplit refuses it
    ],
)
def test_a_bad_url_parameter_value_is_a_configuration_error(url: str) -> None:
    # Was a bare ValueError (a traceback in the CLI), or for inf/nan a limiter that cannot
    # pace; now a ConfigurationError the CLI reports on one line, before Redis is tried.
    with pytest.raises(ConfigurationError) as raised:
        Client("tok", rate_limit_backend=url)
    assert "secret" not in str(raised.value)
    assert not isinstance(raised.value, RateLimitBackendError)
