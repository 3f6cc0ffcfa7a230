"""What several commands share: argument checks, the common options and their environment
variables, the token, the message for a missing extra.

Environment: ``HUBSPOT_ACCESS_TOKEN`` (the token) and ``HUBSPOT_BASE_URL`` (the API root)
are HubSpot-wide; every other common option ``--foo-bar`` falls back to
``HUBSPOT_ASSOCIATIONS_FOO_BAR`` (``--api-version`` to ``HUBSPOT_ASSOCIATIONS_API_VERSION``).
A flag on the command line wins over the variable.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

import click

from .. import _validation as check
from .._settings import DEFAULT_BASE_URL, TOKEN_ENV
from ..versions import latest_version, supported_versions

F = TypeVar("F", bound=Callable[..., Any])

PREFIX = "HUBSPOT_ASSOCIATIONS_"
BASE_URL_ENV = "HUBSPOT_BASE_URL"


def env(option: str) -> str:
    """``--max-retries`` -> ``HUBSPOT_ASSOCIATIONS_MAX_RETRIES``."""
    return PREFIX + option.lstrip("-").replace("-", "_").upper()


def object_type(ctx: click.Context, param: click.Parameter, value: str) -> str:
    try:
        return check.object_type(value, param.human_readable_name)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def api_version_option(func: F) -> F:
    return click.option(
        "--api-version", type=click.Choice(supported_versions()), default=latest_version(),
        show_default=True, envvar=env("--api-version"), show_envvar=True,
        help="HubSpot API version",
    )(func)  # fmt: skip


def connection_options(func: F) -> F:
    """--base-url, the hidden --token and --max-retries: what every command that calls
    HubSpot takes."""
    options = [
        click.option("--base-url", default=DEFAULT_BASE_URL, show_default=True,
                     envvar=BASE_URL_ENV, show_envvar=True,
                     help="API root, e.g. a local emulator's http://127.0.0.1:8080"),
        click.option("--token", hidden=True,
                     help=f"access token (prefer the {TOKEN_ENV} variable)"),
        click.option("--max-retries", type=click.IntRange(0, 20), default=5, show_default=True,
                     envvar=env("--max-retries"), show_envvar=True,
                     help="retries per request (429s, 5xx, dropped connections)"),
    ]  # fmt: skip
    for option in reversed(options):
        func = option(func)
    return api_version_option(func)


def token(given: str | None) -> str | None:
    """The token: ``--token`` (with a warning) or the environment."""
    if given:
        click.echo(
            "warning: --token puts the token in your shell history and the process list; "
            f"set {TOKEN_ENV} instead",
            err=True,
        )
    return given or os.environ.get(TOKEN_ENV) or None


def needs_extra(extra: str, what: str, exc: ImportError) -> str:
    """The one line said when ``what`` needs an extra that is not installed."""
    missing = exc.name or getattr(exc.__cause__, "name", None) or "a dependency"
    return (
        f"hubspot-associations: {what} needs the {extra} extra ({missing} is missing): "
        f"pip install 'hubspot-associations[{extra}]'"
    )
