"""The click application behind ``hubspot-associations``.

Job commands share one set of options (``_job_options``); a new shared option (say a
shared rate-limit backend) is one more decorator there and one more ``JobOptions`` or
client argument.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from .. import _validation as check
from ..client import TOKEN_ENV, Client
from ..errors import HubSpotError
from ..jobs import KINDS, JobError, JobOptions, JobReport, run_job
from ..versions import latest_version, supported_versions

F = TypeVar("F", bound=Callable[..., Any])

INPUT_HELP = {
    "create": "CSV/JSONL rows: from_id,to_id,category,type_id (one association type per row)",
    "associate-default": "CSV/JSONL rows: from_id,to_id",
    "archive": "CSV/JSONL rows: from_id,to_id",
    "archive-labels": "CSV/JSONL rows: from_id,to_id,category,type_id",
    "read": "CSV/JSONL rows: id",
}


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
def cli() -> None:
    """HubSpot CRM Associations: resumable bulk jobs from CSV/JSONL files, a local emulator,
    and a demo.

    \b
    Exit status: 0 every input succeeded, 1 some inputs failed (see the failures file),
    2 usage errors and fatal errors (bad input file, bad token, DAILY limit).
    """


def _object_type(ctx: click.Context, param: click.Parameter, value: str) -> str:
    try:
        return check.object_type(value, param.human_readable_name)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


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
        click.argument("from_type", callback=_object_type),
        click.argument("to_type", callback=_object_type),
        click.argument("input", default="-", metavar="[INPUT]"),
        click.option("--format", "input_format", type=click.Choice(["csv", "jsonl"]),
                     help="input format (default: from the file name; csv for stdin)"),
        click.option("--output", "-o", type=click.Path(dir_okay=False),
                     help="results file, .csv or .jsonl (read: default next to the input)"),
        click.option("--failures", type=click.Path(dir_okay=False),
                     help="failures file (default: INPUT's name + .<command>.failures.csv/.jsonl)"),
        click.option("--journal", type=click.Path(dir_okay=False),
                     help="journal file (default: INPUT's name + .<command>.journal)"),
        click.option("--restart", is_flag=True,
                     help="forget the journal and start over"),
        click.option("--dry-run", is_flag=True,
                     help="validate and count the rows; send nothing, write nothing"),
        click.option("--api-version", type=click.Choice(supported_versions()),
                     default=latest_version(), show_default=True, help="HubSpot API version"),
        click.option("--base-url", default="https://api.hubapi.com", show_default=True,
                     help="API root, e.g. a local emulator's http://127.0.0.1:8080"),
        click.option("--token", hidden=True,
                     help="access token (prefer the HUBSPOT_ACCESS_TOKEN variable)"),
        click.option("--rate-limit", type=click.IntRange(min=1), metavar="N",
                     help="at most N requests per 10 seconds (your account's tier)"),
        click.option("--redis", "redis_url", metavar="URL",
                     help="share the rate limit with every worker of the account through "
                     "Redis, e.g. redis://127.0.0.1:6379/0?key=portal-123 (the redis extra)"),
        click.option("--shard", callback=_shard, metavar="K/N",
                     help="run worker K of N: every N-th row from the K-th, with its own "
                     "journal and failures file"),
        click.option("--concurrency", type=click.IntRange(1, 32), default=4, show_default=True,
                     help="chunks in flight at once"),
        click.option("--max-retries", type=click.IntRange(0, 20), default=5, show_default=True,
                     help="retries per request (429s, 5xx, dropped connections)"),
        click.option("--chunk-size", type=click.IntRange(min=1), hidden=True),
        click.option("--progress", type=click.Choice(["auto", "bar", "lines", "none"]),
                     default="auto", show_default=True,
                     help="bar on a terminal, periodic lines otherwise"),
        click.option("--progress-interval", type=click.FloatRange(min=0), default=10.0,
                     show_default=True, help="seconds between progress lines"),
    ]  # fmt: skip
    for option in reversed(options):
        func = option(func)
    return func


def _make_job_command(name: str) -> None:
    kind = KINDS[name]

    @cli.command(
        name,
        short_help=kind.summary.capitalize(),
        help=f"{kind.summary.capitalize()}, from INPUT (a file, or - for stdin).\n\n"
        f"{INPUT_HELP[name]}; a header row names the columns. The token comes from "
        f"{TOKEN_ENV}. Killed or stopped, the same command resumes from the journal.",
    )
    @_job_options
    def command(**params: Any) -> None:
        raise SystemExit(_run_job_command(name, params))


for _name in KINDS:
    _make_job_command(_name)


def _run_job_command(name: str, p: dict[str, Any]) -> int:
    kind = KINDS[name]
    err = sys.stderr
    token = p["token"]
    if token:
        click.echo(
            "warning: --token puts the token in your shell history and the process list; "
            f"set {TOKEN_ENV} instead",
            err=True,
        )
    token = token or os.environ.get(TOKEN_ENV) or None
    if token is None and not p["dry_run"]:
        click.echo(f"error: no access token: set {TOKEN_ENV}", err=True)
        return 2
    if p["input"] == "-" and sys.stdin.isatty():
        click.echo("error: no INPUT file given and standard input is a terminal", err=True)
        return 2

    def client_factory() -> Client:
        return Client(
            token,
            version=p["api_version"],
            base_url=p["base_url"],
            max_retries=p["max_retries"],
            rate_limit=p["rate_limit"],
            rate_limit_backend=p["redis_url"],
        )

    options = JobOptions(
        kind=kind,
        from_type=p["from_type"],
        to_type=p["to_type"],
        input=p["input"],
        input_format=p["input_format"],
        output=p["output"],
        failures=p["failures"],
        journal=p["journal"],
        restart=p["restart"],
        dry_run=p["dry_run"],
        concurrency=p["concurrency"],
        chunk_size=p["chunk_size"],
        shard=p["shard"],
    )
    title = f"{name} {p['from_type']} -> {p['to_type']}"
    reporter = _reporter(p["progress"], title, p["progress_interval"], err)
    try:
        if not p["dry_run"]:
            client_factory().close()  # configuration errors (a bad --base-url) before any work
        report = run_job(options, client_factory, reporter)
    except (JobError, HubSpotError) as exc:  # HubSpotError: a bad --base-url, Redis away
        click.echo(f"error: {exc}", err=True)
        return 2
    _summary(report, title, p["input"], err)
    return report.exit_code


def _reporter(mode: str, title: str, interval: float, err: Any) -> Any:
    from ..jobs.progress import BarReporter, LineReporter
    from ..jobs.runner import Silent

    if mode == "auto":
        mode = "bar" if err.isatty() else "lines"
    if mode == "bar":
        return BarReporter(title)
    if mode == "lines":
        return LineReporter(title, interval, err)
    return Silent()


def _summary(report: JobReport, title: str, source: str, err: Any) -> None:
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
        line("results", str(report.output))
    if report.failures is not None and not report.dry_run:
        line("failures file", f"{report.failures}" + ("" if report.failed else " (empty)"))
    if report.journal is not None:
        n = report.chunks_recorded
        per = f" ({report.record_seconds / n * 1000:.2f} ms per chunk)" if n else ""
        line("journal", f"{report.journal}{per}")
    if report.fatal:
        click.echo(f"error: {report.fatal}; the job stopped. Run the same command to resume "
                   "once the cause is fixed.", err=True)  # fmt: skip


# --- the emulator and the demo --------------------------------------------------------------


@cli.command("emulator")
@click.option("--host", default="127.0.0.1", show_default=True, help="interface to bind")
@click.option("--port", type=int, default=8080, show_default=True, help="port (0 = any free)")
@click.option(
    "--strict-records",
    is_flag=True,
    help="only seeded record ids exist (default: every digit-string id exists)",
)
@click.option(
    "--records",
    multiple=True,
    metavar="TYPE=IDS",
    callback=lambda ctx, param, values: [_records(v) for v in values],
    help="seed records, e.g. contacts=1-1000,2005 (repeatable; for --strict-records)",
)
@click.option(
    "--request-log",
    type=click.IntRange(min=0),
    default=10_000,
    show_default=True,
    metavar="N",
    help="keep the last N requests in memory (0 turns the log off)",
)
@click.option("--token", multiple=True, help="accept only this bearer token (repeatable)")
@click.option("--rate-limit", type=int, metavar="N", help="N requests per --interval")
@click.option(
    "--interval", type=float, default=10.0, show_default=True, help="rate-limit window, seconds"
)
@click.option("--daily-limit", type=int, metavar="N", help="N requests in all (DAILY 429s)")
@click.option("--retry-after", type=float, help="send Retry-After (seconds) on 429s")
@click.option(
    "--error-rate",
    type=float,
    default=0.0,
    metavar="P",
    help="answer a fraction P of requests with a random 502/503/504",
)
@click.option("--latency", type=float, default=0.0, help="added latency, seconds")
@click.option("--seed", type=int, default=0, help="seed for random faults")
def emulator_command(**a: Any) -> None:  # fmt: skip
    """Serve a stateful, in-memory HubSpot CRM Associations API until Ctrl-C.

    Point a client at http://HOST:PORT with any bearer token.
    """
    from hubspot_associations.testing import Emulator, Faults

    faults = Faults(seed=a["seed"])
    if a["rate_limit"] is not None or a["daily_limit"] is not None:
        faults.rate_limit(
            a["rate_limit"], a["interval"], daily=a["daily_limit"], retry_after=a["retry_after"]
        )
    if a["error_rate"]:
        faults.fail_randomly(a["error_rate"])
    if a["latency"]:
        faults.add_latency(a["latency"])
    hub = Emulator(
        host=a["host"],
        port=a["port"],
        faults=faults,
        strict_records=a["strict_records"],
        access_tokens=list(a["token"]) or None,
        log_limit=a["request_log"],
        record_bodies=a["request_log"] > 0,
    )
    for object_type, ids in a["records"]:
        hub.seed_records(object_type, ids)
    seeded = sum(len(ids) for _, ids in a["records"])

    def ready(url: str) -> None:  # after binding: the real port, also for --port 0
        click.echo(
            f"HubSpot associations emulator on {url} ({', '.join(supported_versions())}; "
            f"{seeded} seeded record(s); Ctrl-C to stop)",
            err=True,
        )

    with contextlib.suppress(KeyboardInterrupt):
        hub.serve_forever(on_ready=ready)


def _records(text: str) -> tuple[str, list[str]]:
    """``contacts=1-100,205`` -> ("contacts", ["1", ..., "100", "205"])."""
    object_type, sep, spec = text.partition("=")
    if not sep or not object_type or not spec:
        raise click.BadParameter(f"expected TYPE=IDS like contacts=1-100,205: {text!r}")
    ids: list[str] = []
    for part in spec.split(","):
        low, dash, high = part.strip().partition("-")
        digits = low.isascii() and low.isdigit()
        if not digits or (dash and not (high.isascii() and high.isdigit())):
            raise click.BadParameter(f"not an id or a range of ids: {part!r}")
        first, last = int(low), int(high) if dash else int(low)
        if last < first or last - first >= 10_000_000:
            raise click.BadParameter(f"bad range {part!r} (at most 10,000,000 ids)")
        ids.extend(str(i) for i in range(first, last + 1))
    return object_type, ids


@cli.command("demo")
@click.option(
    "--version",
    "version",
    type=click.Choice(supported_versions()),
    default=latest_version(),
    show_default=True,
    help="API version",
)
@click.option(
    "--count",
    type=click.IntRange(min=100),
    default=40_000,
    show_default=True,
    help="rows in the CSV the job imports",
)
@click.option("--no-faults", is_flag=True, help="run without injected faults")
@click.option(
    "--seed", type=int, default=7, show_default=True, help="seed for the data and the faults"
)
@click.option(
    "--workdir",
    type=click.Path(file_okay=False),
    help="where to write the CSV, journal and failures (default: a temporary folder)",
)
def demo_command(version: str, count: int, no_faults: bool, seed: int,
                 workdir: str | None) -> None:  # fmt: skip
    """A bulk job from a CSV through this command line against an embedded emulator with
    faults: killed half-way, resumed, then checked against the emulator's state."""
    from hubspot_associations.demo import run_demo

    raise SystemExit(
        run_demo(version=version, count=count, faults=not no_faults, seed=seed, workdir=workdir)
    )


def run(argv: Sequence[str] | None = None) -> int:
    """Run the click application and return the exit status instead of exiting."""
    try:
        cli.main(args=list(argv) if argv is not None else None,
                 prog_name="hubspot-associations", standalone_mode=False)  # fmt: skip
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.UsageError as exc:
        exc.show()
        return 2
    except click.ClickException as exc:
        exc.show()
        return 2
    except (click.Abort, KeyboardInterrupt):
        click.echo("interrupted: the journal keeps what was done; run the same command to "
                   "resume", err=True)  # fmt: skip
        return 130
    return 0
