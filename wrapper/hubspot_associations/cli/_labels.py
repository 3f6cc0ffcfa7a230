"""``hubspot-associations labels list|create FROM TO``: association labels without Python."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

import click

from .._settings import TOKEN_ENV
from ..client import Client
from ..errors import HubSpotError
from ..models import LabelDefinition
from ._options import connection_options, object_type, token


def _pair(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.argument("to_type", callback=object_type)(func)
    return click.argument("from_type", callback=object_type)(func)


def _json_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True,
                        help="print the labels as one JSON array")(func)  # fmt: skip


@click.group("labels", epilog="""\b
Examples:
  $ hubspot-associations labels list contacts companies
  $ hubspot-associations labels create contacts companies "Billing contact"
  $ hubspot-associations labels create contacts companies Manager --inverse-label "Reports to"
""")  # fmt: skip
def labels() -> None:
    """Association labels between two object types: list them, create one.

    A job's `label` column names labels by their text; these commands show and make them.
    """


@labels.command("list", epilog="""\b
Examples:
  $ hubspot-associations labels list contacts companies
  $ hubspot-associations labels list contacts companies --json | jq -r '.[].label'
""")  # fmt: skip
@_pair
@_json_option
@connection_options
def list_command(from_type: str, to_type: str, as_json: bool, **p: Any) -> None:
    """Every label (association type) from FROM_TYPE to TO_TYPE."""
    raise SystemExit(_call(p, lambda c: c.labels.list(from_type, to_type), as_json))


@labels.command("create", epilog="""\b
Examples:
  $ hubspot-associations labels create contacts companies "Billing contact"
  $ hubspot-associations labels create contacts companies Manager --inverse-label "Reports to"
""")  # fmt: skip
@_pair
@click.argument("label")
@click.option("--name", help="internal name (default: from the label)")
@click.option("--inverse-label", help="the paired label read from TO_TYPE's side")
@_json_option
@connection_options
def create_command(from_type: str, to_type: str, label: str, name: str | None,
                   inverse_label: str | None, as_json: bool, **p: Any) -> None:  # fmt: skip
    """Define LABEL from FROM_TYPE to TO_TYPE; prints the association type(s) made."""
    raise SystemExit(_call(
        p,
        lambda c: c.labels.create(from_type, to_type, label, name=name,
                                  inverse_label=inverse_label),
        as_json,
    ))  # fmt: skip


def _call(p: dict[str, Any], call: Callable[[Client], Iterable[LabelDefinition]],
          as_json: bool) -> int:  # fmt: skip
    access_token = token(p["token"])
    if access_token is None:
        click.echo(f"error: no access token: set {TOKEN_ENV}", err=True)
        return 2
    try:
        with Client(access_token, version=p["api_version"], base_url=p["base_url"],
                    max_retries=p["max_retries"]) as client:  # fmt: skip
            found = list(call(client))
    except (HubSpotError, ValueError) as exc:
        click.echo(f"error: {exc}", err=True)
        return 2
    if as_json:
        records = [{"category": d.category, "type_id": d.type_id, "label": d.label}
                   for d in found]  # fmt: skip
        click.echo(json.dumps(records))
        return 0
    width = max((len(d.category) for d in found), default=8)
    click.echo(f"{'category':<{width}}  {'type_id':>7}  label")
    for d in found:
        click.echo(f"{d.category:<{width}}  {d.type_id:>7}  {d.label or '(unlabelled)'}")
    return 0
