"""The ``User-Agent`` every request of the SDK carries, unless the user set their own.

Built on the first request (httpx is imported then, not by ``Client(...)``)."""

from __future__ import annotations

import sys
from functools import cache

from ._version import __version__


@cache
def user_agents() -> tuple[str, str]:
    """(what httpx sends when nobody set a User-Agent: the only value the SDK replaces,
    the SDK's own: e.g. ``hubspot-associations/0.1.0 python/3.11.7 httpx/0.28.1``)."""
    import httpx

    python = f"{sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}"
    return (
        f"python-httpx/{httpx.__version__}",
        f"hubspot-associations/{__version__} python/{python} httpx/{httpx.__version__}",
    )
