"""``hubspot-associations sync FROM TO [INPUT]`` and ``sync apply PLAN``: make the
associations of a file's from-ids match it, with a plan to read before anything changes
(``jobs.sync``); the plan and the summary for people, or (``--json``) for programs."""

from __future__ import annotations

import re
import sys
from typing import Any

import click

from .._settings import TOKEN_ENV
from ..client import AsyncClient
from ..errors import HubSpotError
from ..jobs import JobError
from ..jobs.sync import (
    SyncOptions,
    SyncReport,
    apply_plan_file,
    clock,
    run_sync,
)
from ..syncing import ADD_LABELS, ARCHIVE, CREATE, REMOVE_LABELS
from ._jobs import client_options, emit_json, reporter, run_options
from ._options import env, object_type, token

_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def _many(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


# Each kind of change: what the plan says of it, and what the summary says once applied.
_KINDS = {
    ARCHIVE: ("to archive", "archived"),
    REMOVE_LABELS: ("to remove labels from", "labels removed"),
    ADD_LABELS: ("to add labels to", "labels added"),
    CREATE: ("to create", "created"),
}


def _duration(ctx: click.Context, param: click.Parameter, value: str | float) -> float:
    if isinstance(value, float):
        return value
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", value)
    if found is None:
        raise click.BadParameter(f"expected a duration like 90s, 30m, 2h or 1d, got {value!r}")
    return float(found[1]) * _UNITS[found[2]]


def _max_age_option(func: Any) -> Any:
    return click.option(
        "--max-age", default="1h", show_default=True, callback=_duration, metavar="DURATION",
        envvar=env("--max-age"), show_envvar=True,
        help="apply refuses a plan older than this (90s, 30m, 2h, 1d) with changes left to "
        "send: HubSpot may have changed since it was read",
    )(func)  # fmt: skip


def _json_option(func: Any) -> Any:
    return click.option(
        "--json", "as_json", is_flag=True,
        help="print the summary as one JSON object on standard output",
    )(func)  # fmt: skip


@click.command("sync", short_help="Make the associations of a file's from-ids match it",
               epilog="""\b
Examples:
  $ hubspot-associations sync contacts companies desired.csv
  $ hubspot-associations sync contacts companies desired.csv --apply
  $ hubspot-associations sync contacts companies desired.csv --prune --apply
  $ hubspot-associations sync apply desired.sync.contacts-companies.plan
  $ hubspot-associations sync apply --help
""")  # fmt: skip
@click.argument(
    "from_type",
    callback=object_type,
    shell_complete=lambda _c, _p, incomplete: ["apply"] if "apply".startswith(incomplete) else [],
)  # `sync apply PLAN`
@click.argument("to_type", callback=object_type)
@click.argument("input", default="-", metavar="[INPUT]")
@click.option("--apply", "apply_", is_flag=True,
              help="make the changes: the plan `sync` made of this input, if it is no older "
              "than --max-age, or else a new one")  # fmt: skip
@click.option("--dry-run", is_flag=True, help="plan only: what sync does without --apply")
@click.option("--prune", is_flag=True,
              help="also archive the associations of the input's from-ids that it does not "
              "hold")  # fmt: skip
@click.option("--max-prune", type=click.IntRange(min=0), metavar="N",
              help="with --prune: archive at most N (default: 10 % of the current "
              "associations of the input's from-ids); more refuses the plan")  # fmt: skip
@_max_age_option
@click.option("--format", "input_format", type=click.Choice(["csv", "jsonl"]),
              help="input format (default: from the file name; csv for stdin)")  # fmt: skip
@click.option("--plan", "plan_path", type=click.Path(dir_okay=False),
              help="plan file (default: beside the input, named after the command)")  # fmt: skip
@click.option("--changes", type=click.Path(dir_okay=False),
              help="the plan for people: every change, .csv or .jsonl (default: beside the "
              "input)")  # fmt: skip
@click.option("--failures", type=click.Path(dir_okay=False),
              help="failures file: the rows the plan refuses, then the changes that fail "
              "(default: beside the input)")  # fmt: skip
@click.option("--restart", is_flag=True,
              help="forget the plan file (even one being applied) and plan afresh")  # fmt: skip
@_json_option
@run_options
def sync_command(**p: Any) -> None:
    """Make the associations of the from-ids in INPUT (a file, or - for stdin) match it.

    \b
    CSV/JSONL rows: from_id,to_id, and optionally a label by its text (label) or by
    category,type_id. A pair with no label means "associated, no label". Several rows of
    one pair add up. Only the from-ids in INPUT are read, and only they change.

    Without --apply (or with --dry-run), sync reads their current associations, writes the
    plan and prints its counts and a few changes: nothing changes in HubSpot. The plan file
    is also the journal of --apply: killed or stopped, the same command goes on.
    """
    if p["apply_"] and p["dry_run"]:
        raise click.UsageError("--dry-run is the plan without --apply: give one of them")
    raise SystemExit(_run(p))


@click.command("sync apply", short_help="Apply a sync plan file", epilog="""\b
Examples:
  $ hubspot-associations sync contacts companies desired.csv   # writes the plan
  $ hubspot-associations sync apply desired.sync.contacts-companies.plan
""")  # fmt: skip
@click.argument("plan", type=click.Path(dir_okay=False))
@_max_age_option
@click.option("--failures", type=click.Path(dir_okay=False),
              help="failures file (default: the one `sync` named for this plan)")  # fmt: skip
@_json_option
@run_options
def sync_apply_command(**p: Any) -> None:
    """Make the changes of the plan in PLAN (written by `sync`). Refused if the plan is
    older than --max-age with changes left to send, or if its input changed since.
    Killed or stopped, the same command goes on (the plan file is the journal)."""
    raise SystemExit(_run(p, plan_file=p["plan"]))


def _run(p: dict[str, Any], plan_file: str | None = None) -> int:
    as_json = p["as_json"]
    access_token = token(p["token"])

    def fail(message: str) -> int:
        click.echo(f"error: {message}", err=True)
        if as_json:
            emit_json(sys.stdout, {"command": "sync", "error": message, "exit_code": 2})
        return 2

    if access_token is None:
        return fail(f"no access token: set {TOKEN_ENV}")
    if plan_file is None and p["input"] == "-" and sys.stdin.isatty():
        return fail("no INPUT file given and standard input is a terminal")

    def client_factory() -> AsyncClient:
        return AsyncClient(access_token, max_concurrency=p["concurrency"], **client_options(p))

    show = None if as_json else _show
    try:
        client_factory()  # configuration errors (a bad --base-url) before any work
        if plan_file is not None:
            title = "sync apply"
            progress = reporter(p["progress"], title, p["progress_interval"], sys.stderr,
                                unit="changes")  # fmt: skip
            report = apply_plan_file(
                plan_file, client_factory, max_age=p["max_age"], failures=p["failures"],
                reporter=progress, show=show,
            )  # fmt: skip
        else:
            title = f"sync {p['from_type']} -> {p['to_type']}"
            progress = reporter(p["progress"], title, p["progress_interval"], sys.stderr,
                                unit="changes")  # fmt: skip
            options = SyncOptions(
                p["from_type"], p["to_type"], p["input"], p["input_format"], p["plan_path"],
                p["changes"], p["failures"], p["apply_"], p["prune"], p["max_prune"],
                p["max_age"], p["restart"],
            )  # fmt: skip
            report = run_sync(options, client_factory, progress, show)
    except (JobError, HubSpotError) as exc:  # HubSpotError: a bad --base-url, Redis away
        return fail(str(exc))
    if as_json:
        emit_json(sys.stdout, record(report))
    elif report.applied:
        _summary(report)
    elif report.fatal is None and report.counts is not None and report.counts.changes == 0:
        click.echo("nothing to change: the associations of the input's from-ids match it",
                   err=True)  # fmt: skip
    elif report.fatal is None:
        click.echo(f"nothing was changed: to make these changes, run the same command with "
                   f"--apply (within {clock(p['max_age'])})", err=True)  # fmt: skip
    if report.fatal is not None:
        click.echo(f"error: {report.fatal}", err=True)
    return report.exit_code


# --- for people ----------------------------------------------------------------------------


def _line(label: str, value: str) -> None:
    click.echo(f"  {label:<22}{value}", err=True)


def _show(report: SyncReport) -> None:
    """The plan: its counts, a few changes, its files."""
    c = report.counts
    assert c is not None
    where = "standard input" if report.input == "-" else report.input
    title = f"plan: sync {report.from_type} -> {report.to_type}, from {where}"
    if not report.planned:  # shown in full when it was made: its counts are enough
        counts = ", ".join(f"{getattr(c, kind):,} {planned}" for kind, (planned, _) in
                           _KINDS.items())  # fmt: skip
        click.echo(f"{title}, made {clock(report.age)} ago: {counts}", err=True)
        return
    click.echo(title, err=True)
    if report.replanned:
        _line("", f"planned again: {report.replanned}")
    _line("desired rows", f"{c.rows:,} over {_many(c.from_ids, 'from-id')}, which have "
                          f"{_many(c.current, 'association')} now")  # fmt: skip
    if c.refused:
        _line("refused", f"{c.refused:,} (rows and unread from-ids: they change nothing; "
                         "see the failures file)")  # fmt: skip
    for kind, (planned, _) in _KINDS.items():
        count = getattr(c, kind)
        note = ""
        if kind == ARCHIVE:
            note = f" (at most {report.prune_limit:,})" if report.prune else " (no --prune)"
        _line(planned, f"{count:,}{note}")
    for i, sample in enumerate(report.samples):
        _line("for example" if i == 0 else "", sample)
    _line("plan file", str(report.plan))
    if report.changes is not None:
        _line("changes file", f"{report.changes} (every change)")
    _line("failures file", str(report.failures))


def _summary(report: SyncReport) -> None:
    """What apply did (over every run on this plan)."""
    click.echo(f"summary: sync {report.from_type} -> {report.to_type}", err=True)
    if report.resumed:
        _line("resumed", f"{report.resumed:,} changes were done by an earlier run")
    for kind, (_, done) in _KINDS.items():
        result = report.kinds.get(kind)
        if result is not None and result.planned:
            _line(done, f"{result.succeeded:,} of {result.planned:,}")
    unknown = (
        f" ({report.unknown:,} may have been applied: outcome unknown)" if report.unknown else ""
    )
    _line("failed", f"{report.failed:,}{unknown}")
    if report.pending:
        _line("not sent yet", f"{report.pending:,}")
    if report.refused:
        _line("refused rows", f"{report.refused:,}")
    if report.categories:
        _line("failures by category",
              ", ".join(f"{k} {n:,}" for k, n in report.categories.most_common()))  # fmt: skip
    _line("requests (this run)", f"{report.requests:,} ({report.retries:,} retries)")
    _line("time (this run)", f"{report.seconds:.1f} s")
    _line("failures file", f"{report.failures}" + ("" if report.exit_code else " (empty)"))
    _line("plan file", f"{report.plan} (the journal)")


# --- for programs --------------------------------------------------------------------------


def record(report: SyncReport) -> dict[str, Any]:
    """The summary for programs (``--json``)."""
    c = report.counts

    def path(value: Any) -> str | None:
        return None if value is None else str(value)

    return {
        "command": "sync",
        "from_type": report.from_type,
        "to_type": report.to_type,
        "input": report.input,
        "planned": report.planned,
        "applied": report.applied,
        "status": report.status,
        "rows": c.rows if c else 0,
        "from_ids": c.from_ids if c else 0,
        "current": c.current if c else 0,
        "refused": report.refused,
        "changes": {kind: getattr(c, kind) if c else 0 for kind in _KINDS},
        "prune": report.prune,
        "max_prune": report.prune_limit,
        "succeeded": report.succeeded,
        "failed": report.failed,
        "unknown": report.unknown,
        "pending": report.pending,
        "resumed": report.resumed,
        "failures_by_category": dict(report.categories.most_common()),
        "requests": report.requests,
        "retries": report.retries,
        "seconds": round(report.seconds, 3),
        "plan": path(report.plan),
        "changes_file": path(report.changes),
        "failures": path(report.failures),
        "error": report.fatal,
        "exit_code": report.exit_code,
    }
