"""The click application behind ``hubspot-associations``: the group (``--version``, shell
completion), the emulator and the demo; the job commands are in ``_jobs.py``, the labels
commands in ``_labels.py``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from .._version import __version__
from ..versions import supported_versions
from ._jobs import job_commands
from ._labels import labels
from ._options import BASE_URL_ENV, PREFIX, api_version_option, needs_extra
from ._sync import sync_apply_command, sync_command

EPILOG = f"""\b
Environment:
  HUBSPOT_ACCESS_TOKEN     the access token (of a private app, or an OAuth access token)
  {BASE_URL_ENV:<24} the API root (--base-url)
  {PREFIX}<OPTION>   any other common option, e.g. {PREFIX}CONCURRENCY=8

\b
Shell completion (bash; zsh and fish alike, with zsh_source or fish_source):
  eval "$(_HUBSPOT_ASSOCIATIONS_COMPLETE=bash_source hubspot-associations)"
"""


class _Commands(click.Group):
    """The commands, and ``sync apply PLAN`` beside ``sync FROM TO [INPUT]``."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if name == "sync" and rest[:1] == ["apply"]:
            return "sync apply", sync_apply_command, rest[1:]
        return name, command, rest

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OSError as exc:  # before click's own handler makes a broken pipe exit 1
            raise SystemExit(_os_error(exc)) from None


@click.group(
    cls=_Commands,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=EPILOG,
)
@click.version_option(
    __version__,
    "--version",
    prog_name="hubspot-associations",
    message=f"%(prog)s %(version)s (HubSpot API versions {', '.join(supported_versions())})",
)
def cli() -> None:
    """HubSpot CRM Associations: resumable bulk jobs from CSV/JSONL files, sync (make the
    associations of a file's records match it), association labels, a local emulator, and a
    demo.

    \b
    Exit status: 0 every input succeeded, 1 some inputs failed (see the failures file),
    2 usage errors and fatal errors (bad input file, bad token, DAILY limit, full disk).
    """


for _command in job_commands():
    cli.add_command(_command)
cli.add_command(sync_command)
cli.add_command(labels)


# --- the emulator and the demo --------------------------------------------------------------


@cli.command(
    "emulator",
    epilog="""\b
Examples:
  $ hubspot-associations emulator --port 8080
  $ hubspot-associations emulator --port 8080 --rate-limit 100 --interval 10 --error-rate 0.02
  $ hubspot-associations emulator --port 0 --strict-records --records contacts=1-1000
""",
)
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
    try:
        from hubspot_associations.testing import Emulator, Faults
    except ImportError as exc:
        raise SystemExit(_needs_emulator("the emulator", exc)) from None

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


@cli.command(
    "demo",
    epilog="""\b
Examples:
  $ hubspot-associations demo
  $ hubspot-associations demo --count 8000 --no-faults --workdir demo-run
""",
)
@api_version_option
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
def demo_command(api_version: str, count: int, no_faults: bool, seed: int,
                 workdir: str | None) -> None:  # fmt: skip
    """A bulk job from a CSV through this command line against an embedded emulator with
    faults: killed half-way, resumed, then checked against the emulator's state; then a
    sync of a tenth of it changed: the plan shown, applied, checked."""
    try:
        from .demo import run_demo  # imports the emulator's server
    except ImportError as exc:
        raise SystemExit(_needs_emulator("the demo", exc)) from None
    raise SystemExit(
        run_demo(version=api_version, count=count, faults=not no_faults, seed=seed, workdir=workdir)
    )


def _needs_emulator(what: str, exc: ImportError) -> int:
    click.echo(needs_extra("emulator", what, exc), err=True)
    return 2


def run(argv: Sequence[str] | None = None) -> int:
    """Run the click application and return the exit status instead of exiting."""
    try:
        result = cli.main(args=list(argv) if argv is not None else None,
                          prog_name="hubspot-associations", standalone_mode=False)  # fmt: skip
    except SystemExit as exc:
        _quiet_closed_stdout()
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.UsageError as exc:
        exc.show()
        return 2
    except click.ClickException as exc:
        exc.show()
        return 2
    except OSError as exc:  # --help or --version to a full standard output
        _quiet_closed_stdout()
        return _os_error(exc)
    except (click.Abort, KeyboardInterrupt):
        click.echo("interrupted: the journal keeps what was done; run the same command to "
                   "resume", err=True)  # fmt: skip
        return 130
    return result if isinstance(result, int) else 0


_WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EPIPE, errno.EIO, errno.EBADF}


def _os_error(exc: OSError) -> int:
    """A write to a full or vanished standard output or error (the summary, progress, a
    table), or an OS refusal no command words (a port in use): one line and exit 2, never
    a traceback and 1 ("some rows failed"); a job's journal keeps what was done."""
    where = f"{exc.filename}: " if exc.filename else ""
    if not where and exc.errno in _WRITE_ERRORS:
        where = "cannot write standard output or error: "
    with contextlib.suppress(OSError, ValueError):
        click.echo(f"error: {where}{exc.strerror or exc}", err=True)
    return 2


def _quiet_closed_stdout() -> None:
    """After its reader went away (``-o - | head``) or its disk filled (``> /dev/full``),
    standard output or error cannot take what is left in its buffer; point it at /dev/null
    so the interpreter's last flush does not print a traceback (and turn the status to 120)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
