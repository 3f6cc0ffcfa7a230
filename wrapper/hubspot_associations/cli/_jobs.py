"""The job commands (create, associate-default, archive, archive-labels, read): one set of
options (``_job_options``), one runner call, a summary for people or (``--json``) programs."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, TypeVar

import click

from .._settings import TOKEN_ENV
from ..client import Client
from ..errors import ConfigurationError, HubSpotError
from ..jobs import KINDS, JobError, JobOptions, JobReport, run_job
from ._options import connection_options, env, object_type, token

F = TypeVar("F", bound=Callable[..., Any])

INPUT_HELP = {
    "create": "CSV/JSONL rows: from_id,to_id,category,type_id (one association type per row), "
    "or from_id,to_id,label with a label's text",
    "associate-default": "CSV/JSONL rows: from_id,to_id",
    "archive": "CSV/JSONL rows: from_id,to_id",
    "archive-labels": "CSV/JSONL rows: from_id,to_id,category,type_id, or from_id,to_id,label",
    "read": "CSV/JSONL rows: id",
}

EXAMPLES = {
    "create": [
        "hubspot-associations create contacts companies labels.csv",
        "hubspot-associations create contacts companies labels.csv --dry-run",
        "printf 'from_id,to_id,label\\n1,101,Billing contact\\n' | \\",
        "    hubspot-associations create contacts companies",
        "cat labels.jsonl | hubspot-associations create contacts companies --format jsonl",
    ],
    "associate-default": [
        "hubspot-associations associate-default contacts companies pairs.csv",
        "hubspot-associations associate-default contacts companies pairs.csv --shard 1/4 \\",
        "    --redis redis://127.0.0.1:6379/0?key=portal-123",
    ],
    "archive": [
        "hubspot-associations archive contacts companies pairs.csv --json",
        "hubspot-associations archive contacts companies pairs.csv --restart",
    ],
    "archive-labels": [
        "hubspot-associations archive-labels contacts companies labels.csv",
    ],
    "read": [
        "hubspot-associations read contacts companies ids.csv",
        "hubspot-associations read contacts companies ids.csv -o - | jq -r .to_id",
    ],
}


def _shard(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    try:
        k, n = (int(part) for part in value.split("/"))
    except ValueError:
        raise click.BadParameter(f"expected K/N, e.g. 2/4, got {value!r}") from None
    if not 1 <= k <= n:
        raise click.BadParameter(f"K/N needs 1 <= K <= N, got {value!r}")
    return (k, n)


def _job_options(func: F) -> F:
    options = [
        click.argument("from_type", callback=object_type),
        click.argument("to_type", callback=object_type),
        click.argument("input", default="-", metavar="[INPUT]"),
        click.option("--format", "input_format", type=click.Choice(["csv", "jsonl"]),
                     help="input format (default: from the file name; csv for stdin)"),
        click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True),
                     help="results file, .csv or .jsonl, or - for standard output (JSONL; "
                     "not resumable); read: by default beside the input"),
        click.option("--failures", type=click.Path(dir_okay=False),
                     help="failures file (default: beside the input, named after the job)"),
        click.option("--journal", type=click.Path(dir_okay=False),
                     help="journal file (default: beside the input, named after the job)"),
        click.option("--restart", is_flag=True,
                     help="forget the journal and start over"),
        click.option("--dry-run", is_flag=True,
                     help="validate and count the rows; send nothing; write only the rows "
                     "it would refuse to the failures file"),
        click.option("--json", "as_json", is_flag=True,
                     help="print the summary as one JSON object on standard output "
                     "(standard error with --output -)"),
        click.option("--shard", callback=_shard, metavar="K/N",
                     help="run worker K of N: every N-th row from the K-th, with its own "
                     "journal and failures file"),
        click.option("--chunk-size", type=click.IntRange(min=1), hidden=True),
    ]  # fmt: skip
    func = run_options(func)  # listed after the job's own options
    for option in reversed(options):
        func = option(func)
    return func


def run_options(func: F) -> F:
    """--rate-limit, --redis, --concurrency, --progress, --progress-interval and the
    connection options: what every command that sends many requests takes (jobs, sync)."""
    options = [
        click.option("--rate-limit", type=click.IntRange(min=1), metavar="N",
                     envvar=env("--rate-limit"), show_envvar=True,
                     help="at most N requests per 10 seconds (your account's tier)"),
        click.option("--redis", "redis_url", metavar="URL", envvar=env("--redis"),
                     show_envvar=True,
                     help="share the rate limit with every worker of the account through "
                     "Redis, e.g. redis://127.0.0.1:6379/0?key=portal-123 (the redis extra)"),
        click.option("--concurrency", type=click.IntRange(1, 32), default=4, show_default=True,
                     envvar=env("--concurrency"), show_envvar=True,
                     help="chunks in flight at once"),
        click.option("--progress", type=click.Choice(["auto", "bar", "lines", "none"]),
                     default="auto", show_default=True, envvar=env("--progress"),
                     show_envvar=True, help="bar on a terminal, periodic lines otherwise"),
        click.option("--progress-interval", type=click.FloatRange(min=0), default=10.0,
                     show_default=True, envvar=env("--progress-interval"), show_envvar=True,
                     help="seconds between progress lines"),
    ]  # fmt: skip
    func = connection_options(func)
    for option in reversed(options):
        func = option(func)
    return func


def _help(name: str) -> str:
    return (
        f"{KINDS[name].summary.capitalize()}, from INPUT (a file, or - for stdin).\n\n"
        f"{INPUT_HELP[name]}; a header row names the columns. The token comes from "
        f"{TOKEN_ENV}. Killed or stopped, the same command resumes from the journal."
    )


def _examples(name: str) -> str:
    lines = (f"    {line}" if line.startswith(" ") else f"  $ {line}" for line in EXAMPLES[name])
    return "\b\nExamples:\n" + "\n".join(lines)  # continued lines: no prompt


def job_commands() -> list[click.Command]:
    def make(name: str) -> click.Command:
        @click.command(name, short_help=KINDS[name].summary.capitalize(), help=_help(name),
                       epilog=_examples(name))  # fmt: skip
        @_job_options
        def command(**params: Any) -> None:
            raise SystemExit(run_job_command(name, params))

        return command

    return [make(name) for name in KINDS]


# The command's parameters that are JobOptions fields of the same name.
_JOB_OPTIONS = ("from_type", "to_type", "input", "input_format", "output", "failures", "journal",
                "restart", "dry_run", "concurrency", "chunk_size", "shard")  # fmt: skip


def run_job_command(name: str, p: dict[str, Any]) -> int:
    kind = KINDS[name]
    err = sys.stderr
    summary_to = sys.stderr if p["output"] == "-" else sys.stdout
    access_token = token(p["token"])
    title = f"{name} {p['from_type']} -> {p['to_type']}"

    def fail(message: str) -> int:
        click.echo(f"error: {message}", err=True)
        if p["as_json"]:
            emit_json(summary_to, {"command": name, "error": message, "exit_code": 2})
        return 2

    if access_token is None and not p["dry_run"]:
        return fail(f"no access token: set {TOKEN_ENV}")
    if p["input"] == "-" and sys.stdin.isatty():
        return fail("no INPUT file given and standard input is a terminal")

    def client_factory() -> Client:
        if access_token is None:  # a dry run that reads labels: say it as a command would
            raise ConfigurationError(f"no access token: set {TOKEN_ENV}")
        return Client(access_token, **client_options(p))

    options = JobOptions(kind, **{name: p[name] for name in _JOB_OPTIONS})
    progress = reporter(p["progress"], title, p["progress_interval"], err)
    try:
        if not p["dry_run"]:
            client_factory().close()  # configuration errors (a bad --base-url) before any work
        report = run_job(options, client_factory, progress)
    except (JobError, HubSpotError) as exc:  # HubSpotError: a bad --base-url, Redis away
        return fail(str(exc))
    if p["as_json"]:
        emit_json(summary_to, summary_record(report, p))
    else:
        _summary(report, title, p["input"])
    if report.fatal and p["as_json"]:
        click.echo(f"error: {report.fatal}", err=True)
    return report.exit_code


def client_options(p: dict[str, Any]) -> dict[str, Any]:
    """A client's options from the command's (``run_options``)."""
    return {
        "version": p["api_version"],
        "base_url": p["base_url"],
        "max_retries": p["max_retries"],
        "rate_limit": p["rate_limit"],
        "rate_limit_backend": p["redis_url"],
    }


def emit_json(stream: IO[str], record: dict[str, Any]) -> None:
    stream.write(json.dumps(record) + "\n")
    stream.flush()


def reporter(mode: str, title: str, interval: float, err: Any, unit: str = "rows") -> Any:
    from ..jobs.progress import BarReporter, LineReporter
    from ..jobs.runner import Silent

    if mode == "auto":
        mode = "bar" if err.isatty() else "lines"
    if mode == "bar":
        return BarReporter(title, unit=unit)
    if mode == "lines":
        return LineReporter(title, interval, err, unit=unit)
    return Silent()


def _path(path: Path | None) -> str | None:
    if path is None:
        return None
    return "-" if str(path) == "-" else str(path)


def summary_record(report: JobReport, p: dict[str, Any]) -> dict[str, Any]:
    """The summary for programs (``--json``): counts, files, the error if the job stopped."""
    return {
        "command": report.kind,
        "from_type": p["from_type"],
        "to_type": p["to_type"],
        "input": p["input"],
        "dry_run": report.dry_run,
        "already_finished": report.already_finished,
        "rows": report.rows,
        "succeeded": report.succeeded,
        "failed": report.failed,
        "unknown": report.unknown,
        "invalid": report.invalid,
        "failures_by_category": dict(report.categories.most_common()),
        "resumed_rows": report.rows_skipped,
        "requests": report.requests,
        "retries": report.retries,
        "seconds": round(report.elapsed, 3),
        "results": _path(report.output),
        "failures": _path(report.failures),
        "journal": _path(report.journal),
        "error": report.fatal,
        "exit_code": report.exit_code,
    }


def _summary(report: JobReport, title: str, source: str) -> None:
    def line(label: str, value: str) -> None:
        click.echo(f"  {label:<22}{value}", err=True)

    where = "standard input" if source == "-" else source
    click.echo(f"summary: {title}, from {where}" + (" (dry run)" if report.dry_run else ""),
               err=True)  # fmt: skip
    if report.already_finished:
        line("", "this job had already finished: nothing sent (use --restart to run it again)")
    line("rows", f"{report.rows:,}")
    if report.dry_run:
        line("valid rows", f"{report.rows - report.invalid:,} (would be sent)")
        line("invalid rows", f"{report.invalid:,}")
    else:
        if report.rows_skipped:
            line("resumed", f"{report.rows_skipped:,} rows were already done "
                            f"({report.chunks_skipped:,} chunks, not sent again)")  # fmt: skip
        line(KINDS[report.kind].verb if report.kind != "read" else "ids read",
             f"{report.succeeded:,}")  # fmt: skip
        unknown = (
            f" ({report.unknown:,} may have been applied: the answer was lost; outcome "
            "'unknown' in the failures file)" if report.unknown else ""
        )  # fmt: skip
        line("failed", f"{report.failed:,}{unknown}")
    if report.categories:
        cats = ", ".join(f"{c} {n:,}" for c, n in report.categories.most_common())
        line("failures by category", cats)
    if not report.dry_run:
        line("requests (this run)", f"{report.requests:,} ({report.retries:,} retries)")
    new_rows = report.rows - report.rows_skipped
    if not report.already_finished:
        rate = new_rows / report.elapsed if report.elapsed > 0 else 0.0
        line("time (this run)", f"{report.elapsed:.1f} s ({rate:,.0f} rows/s)")
    if report.output is not None and not report.dry_run:
        line("results", "standard output" if str(report.output) == "-" else str(report.output))
    if report.failures is not None:
        line("failures file", f"{report.failures}" + ("" if report.failed else " (empty)"))
    if report.journal is not None:
        n = report.chunks_recorded
        per = f" ({report.record_seconds / n * 1000:.2f} ms per chunk)" if n else ""
        line("journal", f"{report.journal}{per}")
    elif str(report.output) == "-":
        line("journal", "none kept: results on standard output are a fresh job each time")
    if report.fatal:
        click.echo(f"error: {report.fatal}; the job stopped. Run the same command to resume "
                   "once the cause is fixed.", err=True)  # fmt: skip
