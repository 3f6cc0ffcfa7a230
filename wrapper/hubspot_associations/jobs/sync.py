"""``hubspot-associations sync``: make the associations of a file's from-ids match it, with the
library's two steps (``syncing.plan``, then ``syncing.apply``) and the other jobs' ways.

Files, beside the input (in the state folder for standard input), named after the input, the
command and the object types: ``desired.sync.contacts-companies.plan`` (the plan, an SQLite
file, which is also the apply journal), ``....changes.csv`` (the plan for people: every
change) and ``....failures.csv`` (the rows the plan refused, then the changes that failed).
One process per plan file (the jobs' lock). The plan's notes record what it was made from
(the input's path and SHA-256, the options), so:

- ``sync`` plans, and changes nothing. An interrupted plan of the same rows goes on; a plan
  applied to the end is planned afresh; a plan being applied is refused (finish it first).
- ``sync --apply`` applies the plan ``sync`` made, if it is of the same input and options
  and no older than ``max_age``; else it plans first. A plan being applied goes on (the
  journal), unless it is older than ``max_age`` or of another input: refused.
- ``sync apply PLAN`` applies a plan file, refused if older than ``max_age`` or if its input
  changed since.

Every stop the command cannot get past is a ``JobError`` (one line, exit status 2).
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from .. import syncing
from ..client import AsyncClient
from ..errors import HubSpotError
from ..syncing import KINDS, KindResult, PlanCounts, PlanRefusedError, PruneLimitError, SyncPlan
from ..syncing.planfile import READY
from .paths import ensure, job_base
from .runner import JobError, Reporter, Silent, locked, scanned
from .source import InputError, Source
from .sync_files import SYNC, desired_rows, write_changes, write_failures, write_refusals

DEFAULT_MAX_AGE = 3600.0  # seconds a plan may wait before apply refuses it
SAMPLE = 3  # changes of each kind shown


@dataclass
class SyncOptions:
    from_type: str
    to_type: str
    input: str
    input_format: str | None = None
    plan: str | None = None  # the plan file (default beside the input)
    changes: str | None = None
    failures: str | None = None
    apply: bool = False
    prune: bool = False
    max_prune: int | None = None
    max_age: float = DEFAULT_MAX_AGE
    restart: bool = False


@dataclass
class SyncReport:
    """What the command did, for the summary and the exit status."""

    from_type: str = ""
    to_type: str = ""
    input: str = "-"
    plan: Path | None = None
    changes: Path | None = None
    failures: Path | None = None
    status: str = ""  # the plan's: ready, refused (over the prune limit)
    counts: PlanCounts | None = None
    samples: list[str] = field(default_factory=list)
    prune: bool = False
    prune_limit: int | None = None
    planned: bool = False  # this run made the plan; else it applied one made before
    replanned: str | None = None  # why an existing plan was not applied as it was
    age: float = 0.0  # of the plan, seconds
    applied: bool = False  # apply ran (to the end, or until ``fatal``)
    resumed: int = 0  # changes applied by earlier runs
    kinds: dict[str, KindResult] = field(default_factory=dict)
    succeeded: int = 0
    failed: int = 0  # changes that failed when applied
    unknown: int = 0  # of ``failed``: may have been applied
    pending: int = 0
    categories: Counter[str] = field(default_factory=Counter)  # refusals and failures
    requests: int = 0
    retries: int = 0
    seconds: float = 0.0
    fatal: str | None = None  # why the command stopped (exit status 2)

    @property
    def refused(self) -> int:
        return self.counts.refused if self.counts is not None else 0

    @property
    def exit_code(self) -> int:
        if self.fatal is not None:
            return 2
        return 1 if self.refused or self.failed else 0


ClientFactory = Callable[[], AsyncClient]


@dataclass(frozen=True)
class _Files:
    plan: Path
    changes: Path
    failures: Path


_RESUME = "; the plan file keeps what was done: run the same command again once this is fixed"


def run_sync(
    options: SyncOptions,
    client_factory: ClientFactory,
    reporter: Reporter | None = None,
    show: Callable[[SyncReport], None] | None = None,
) -> SyncReport:
    """``sync FROM TO INPUT [--apply]``: plan (or take the plan made before), ``show`` it,
    and with ``apply`` send it. Raises ``JobError`` for what stops it before the plan is
    shown; a stop after that is the report's ``fatal``."""
    started = time.monotonic()
    report = SyncReport(options.from_type, options.to_type, options.input, prune=options.prune)
    source = Source(options.input, options.input_format, SYNC)
    try:
        with _environment(None):
            scan = scanned(source)
            _refuse_labels_column(source)
            base = job_base(source.job_input, "sync", options.from_type, options.to_type, None,
                            scan.fingerprint)  # fmt: skip
            if source.stdin:
                ensure(base.parent)
        fmt = source.format
        files = _Files(
            Path(options.plan or f"{base}.plan"),
            Path(options.changes or f"{base}.changes.{fmt}"),
            Path(options.failures or f"{base}.failures.{fmt}"),
        )
        report.plan, report.changes, report.failures = files.plan, files.changes, files.failures
        identity = {
            "input": "-" if source.stdin else str(Path(options.input).resolve()),
            "input_fingerprint": scan.fingerprint,
            "input_format": fmt,
            "from_type": options.from_type,
            "to_type": options.to_type,
            "prune": options.prune,
            "max_prune": options.max_prune,
            "failures": str(files.failures.resolve()),  # where its refused rows were written
        }
        with _environment(files.plan), locked(files.plan, "the plan file", "sync"):
            if options.restart:
                _remove(files.plan)
            plan = _existing(files.plan, options, identity, report)
            run = _Run(client_factory, report)
            try:
                if plan is None:
                    plan = run.sync(lambda c: _plan(c, options, source, files.plan, report))
                    write_changes(plan, files.changes)
                    refused_bytes = write_refusals(plan, source, files.failures)
                    plan.annotate(identity=identity, refused_bytes=refused_bytes,
                                  changes=str(files.changes.resolve()),
                                  failures=str(files.failures.resolve()))  # fmt: skip
                elif not files.changes.exists():
                    write_changes(plan, files.changes)
                _describe(plan, report)
                if show is not None:
                    show(report)
                if options.apply and report.fatal is None:
                    max_age = None if report.planned else options.max_age  # fresh: made now
                    run.apply(plan, max_age, files.failures, reporter or Silent())
            finally:
                if plan is not None:
                    plan.close()
    finally:
        source.close()
    report.seconds = time.monotonic() - started
    return report


def apply_plan_file(
    path: str,
    client_factory: ClientFactory,
    *,
    max_age: float = DEFAULT_MAX_AGE,
    failures: str | None = None,
    reporter: Reporter | None = None,
    show: Callable[[SyncReport], None] | None = None,
) -> SyncReport:
    """``sync apply PLAN``: send the plan in a plan file; refused (``JobError``) if it is older
    than ``max_age`` with changes left to send, or if the input it was made from changed."""
    started = time.monotonic()
    report = SyncReport(plan=Path(path))
    plan_path = Path(path)
    with _environment(plan_path), locked(plan_path, "the plan file", "sync"):
        try:
            plan = SyncPlan.load(plan_path)
        except (FileNotFoundError, ValueError) as exc:
            raise JobError(str(exc)) from None
        try:
            notes = plan.notes
            made_from = notes.get("identity") or {}
            report.from_type, report.to_type = plan.from_type, plan.to_type
            report.input = str(made_from.get("input", "-"))
            report.prune = plan.prune
            _check_input(made_from, plan_path)
            default = plan_path.with_suffix("") if plan_path.suffix == ".plan" else plan_path
            report.failures = Path(failures or notes.get("failures") or f"{default}.failures.csv")
            report.changes = Path(notes["changes"]) if "changes" in notes else None
            _describe(plan, report)
            if show is not None:
                show(report)
            run = _Run(client_factory, report)
            run.apply(plan, max_age, report.failures, reporter or Silent())
        finally:
            plan.close()
    report.seconds = time.monotonic() - started
    return report


# --- the steps -----------------------------------------------------------------------------


def _existing(
    path: Path, options: SyncOptions, identity: dict[str, Any], report: SyncReport
) -> SyncPlan | None:
    """The plan in ``path`` to apply as it is, or None: plan (an interrupted plan of the
    same rows goes on). Refuses (``JobError``) to plan over a plan being applied."""
    if not path.exists():
        return None
    try:
        plan = SyncPlan.load(path)
    except ValueError as exc:
        raise JobError(f"{exc}: choose another --plan, or remove it") from None
    ours = plan.notes.get("identity") == identity
    if plan.apply_started:
        result = plan.result()
        if result.pending == 0:  # applied to the end: the next sync plans afresh
            plan.close()
            _remove(path)
            return None
        done = f"{result.succeeded + result.failed:,} of {len(plan):,} changes done"
        if not ours:
            plan.close()
            raise JobError(
                f"{path} holds a plan being applied ({done}) that was made from another "
                f"input or with other options: finish it with `hubspot-associations sync "
                f"apply {path}`, or start over with --restart"
            )
        if not options.apply:
            plan.close()
            raise JobError(
                f"{path} holds the plan of this input being applied ({done}): finish it "
                "with --apply, or start over with --restart"
            )
        return plan  # the journal: apply goes on (refused if older than max_age)
    if options.apply and plan.status == READY and ours:
        if plan.age <= options.max_age:
            return plan  # the plan `sync` showed: applied as it is
        report.replanned = f"the plan in {path} was older than --max-age ({clock(plan.age)})"
    plan.close()
    return None


async def _plan(
    client: AsyncClient, options: SyncOptions, source: Source, path: Path, report: SyncReport
) -> SyncPlan:
    report.planned = True
    try:
        return await syncing.plan(
            client, options.from_type, options.to_type, desired_rows(source),
            prune=options.prune, max_prune=options.max_prune, path=path,
        )  # fmt: skip
    except PruneLimitError as exc:
        how = "--max-prune" if options.max_prune is not None else "10 % of them, the default"
        current = exc.plan.counts.current
        report.fatal = (
            f"prune would archive {exc.archive:,} of the {current:,} current associations of "
            f"the input's from-ids, more than {exc.limit:,} ({how}): nothing was changed. "
            f"If the input is complete, run again with --max-prune {exc.archive}"
        )
        return exc.plan
    except HubSpotError as exc:
        raise JobError(f"HubSpot stopped the plan: {_reason(exc)}{_RESUME}") from None


class _Run:
    """One client for the command's calls (plan, then apply), each run in an event loop."""

    def __init__(self, client_factory: ClientFactory, report: SyncReport) -> None:
        self.client_factory, self.report = client_factory, report

    def sync(self, call: Callable[[AsyncClient], Awaitable[Any]]) -> Any:
        async def run() -> Any:
            client = self.client_factory()
            try:
                return await call(client)
            finally:
                self.report.requests += client.stats.requests
                self.report.retries += client.stats.retries
                await client.aclose()

        return asyncio.run(run())

    def apply(
        self, plan: SyncPlan, max_age: float | None, failures: Path, reporter: Reporter
    ) -> None:
        report = self.report
        before = plan.result()
        report.resumed = before.succeeded + before.failed
        done, failed = [report.resumed], [before.failed]

        resumed, started = plan.apply_started, [False]

        def progress(now: int, total: int | None) -> None:
            if not started[0]:  # once apply has taken the plan (it may refuse it first)
                reporter.start(total, report.resumed, resumed)
                started[0] = True
            failed_now = plan.result().failed
            reporter.advance(now - done[0], failed_now - failed[0])
            done[0], failed[0] = now, failed_now

        try:
            self.sync(lambda c: syncing.apply(c, plan, max_age=max_age, on_progress=progress))
        except PlanRefusedError as exc:
            raise JobError(_refusal(exc, plan, max_age)) from None
        except HubSpotError as exc:  # fatal: every later request would fail too
            report.fatal = f"HubSpot stopped the apply: {_reason(exc)}{_RESUME}"
        finally:
            if started[0]:
                reporter.stop()
        report.applied = True
        write_failures(plan, failures, plan.notes.get("refused_bytes"))
        _describe(plan, report)


def _describe(plan: SyncPlan, report: SyncReport) -> None:
    """The plan and what has been applied of it, into the report."""
    report.status = plan.status
    report.counts = plan.counts
    report.prune_limit = plan.max_prune
    report.age = plan.age
    report.samples = [str(c) for kind in KINDS for c in islice(plan.changes(kind), SAMPLE)]
    result = plan.result()
    report.kinds = dict(result.kinds)
    report.succeeded, report.failed = result.succeeded, result.failed
    report.unknown, report.pending = result.unknown, result.pending
    report.categories = Counter(r.category for r in plan.refused())
    report.categories.update(f.category for f in plan.failures())


def _check_input(made_from: dict[str, Any], plan_path: Path) -> None:
    """Refuse a plan whose input file changed since it was made (or is gone)."""
    given = made_from.get("input")
    if not given or given == "-":
        return  # a plan of standard input is known by its content only
    command = _replan(made_from)
    source = Source(given, made_from.get("input_format"), SYNC)
    try:
        scan = source.scan()
    except InputError as exc:
        raise JobError(f"the input this plan was made from cannot be read ({exc}): "
                       f"plan again with `{command}`") from None  # fmt: skip
    finally:
        source.close()
    if scan.fingerprint != made_from.get("input_fingerprint"):
        raise JobError(f"the input {given} changed since the plan in {plan_path} was made: "
                       f"plan again with `{command}`")  # fmt: skip


def _refuse_labels_column(source: Source) -> None:
    """A ``labels`` column is not read (other columns are ignored): its pairs would be planned
    with no label, and lose the labels they have. It is a typo of ``label``, or a failures
    file fed back, whose failed changes are no desired state (a failed ``remove_labels``).
    A CSV's header says it for the whole file; a JSONL row is refused alone (``SYNC.slips``)."""
    for slip, column in source.kind.slips if source.format == "csv" else ():
        if slip in source.columns and column not in source.columns:
            raise JobError(
                f"{source.name} has a `{slip}` column, which sync does not read: give a "
                f"label's text in a `{column}` column, one label per row. A sync failures "
                "file is not an input: run sync on the desired file again, it plans what is "
                "left to do"
            )


def _replan(made_from: dict[str, Any]) -> str:
    """The ``sync`` command that plans the input of a plan again, with its options."""
    command = (f"hubspot-associations sync {made_from.get('from_type')} "
               f"{made_from.get('to_type')} {made_from.get('input')}")  # fmt: skip
    if made_from.get("prune"):
        command += " --prune"
    if made_from.get("max_prune") is not None:
        command += f" --max-prune {made_from['max_prune']}"
    return command


def _refusal(exc: PlanRefusedError, plan: SyncPlan, max_age: float | None) -> str:
    if exc.reason == "stale":
        made_from = plan.notes.get("identity")
        again = "Plan again"  # `sync apply` takes no --restart: name the command that does
        if made_from:
            restart = " --restart" if plan.apply_started else ""
            again += f" with `{_replan(made_from)}{restart}`"
        kept = " (what was applied stays applied)" if plan.apply_started else ""
        return (
            f"the plan in {plan.path} is {clock(plan.age)} old, older than --max-age "
            f"({clock(max_age or 0)}), and has changes left to send: HubSpot may have changed "
            f"since it was read. {again}{kept}, or raise --max-age"
        )
    if exc.reason == "unfinished":
        return (f"the plan in {plan.path} is unfinished: run the `hubspot-associations sync` "
                "that made it again to finish it")  # fmt: skip
    if exc.reason == "prune_limit":
        return (f"the plan in {plan.path} archives {plan.counts.archive:,} pairs, more than "
                f"its limit of {plan.max_prune:,}: plan again, with --max-prune "
                f"{plan.counts.archive} if that is meant")  # fmt: skip
    return f"{exc} (plan file {plan.path})"


def _reason(exc: HubSpotError) -> str:
    status = getattr(exc, "status", None)
    return f"{type(exc).__name__}{f' ({status})' if status else ''}: {exc.message}"


def clock(seconds: float) -> str:
    """A duration for people: ``45 s``, ``12 min``, ``3 h 05 min``."""
    seconds = int(seconds)
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min"
    minutes = seconds // 60 % 60
    return f"{seconds // 3600} h" + (f" {minutes:02d} min" if minutes else "")


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


@contextlib.contextmanager
def _environment(plan: Path | None) -> Iterator[None]:
    """The machine's problems (a full disk, a folder that cannot be written) as one line."""
    keeps = "" if plan is None else _RESUME
    try:
        yield
    except sqlite3.Error as exc:
        raise JobError(f"cannot write the plan file {plan}: {exc}{keeps}") from None
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        raise JobError(f"cannot write {where}{exc.strerror or exc}{keeps}") from None
