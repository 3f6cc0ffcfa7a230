"""The demo job: a realistic bulk associations run through the SDK, on the embedded emulator.

``hubspot-associations demo [--version v4|2026-03]`` starts the emulator in-process, seeds it,
and runs what a CRM sync job does: 20,000 contact -> company associations in batches, a
"Decision maker" label with a limit of one company per contact, labelled associations (some
refused by the limit, some naming companies that were deleted), everything read back with
pagination, some associations removed, and a final check that the emulator holds exactly what
the client reported as done. The emulator injects faults all along (ten-secondly 429s, a 502,
a 503, a dropped connection, a malformed body) and the client rides them out.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from hubspot_associations import USER_DEFINED, BatchFailure, Client
from hubspot_associations.testing import Emulator, Faults

BIG_ACCOUNT = 1  # company 1 has 1,500 contacts: its reads page
BIG_ACCOUNT_SIZE = 1_500
COMPANIES = 500
DELETED_COMPANIES = (13, 257, 499)  # gone from the CRM: associations to them fail


def company_of(contact: int) -> int:
    """Which company a contact works at: the big account first, the rest spread evenly."""
    if contact <= BIG_ACCOUNT_SIZE:
        return BIG_ACCOUNT
    return 2 + contact % (COMPANIES - 1)


@dataclass
class Tally:
    """What the job did, as the client reported it."""

    created: int = 0
    labelled: int = 0
    read_records: int = 0
    read_associations: int = 0
    listed: int = 0
    removed: int = 0
    failures: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    live: set[tuple[str, str]] = field(default_factory=set)

    def fail(self, step: str, errors: Iterable[BatchFailure[object]]) -> None:
        for failure in errors:
            reason = failure.message
            self.failures[(step, failure.category, _generic(reason))] += max(1, len(failure.inputs))


def _generic(message: str) -> str:
    """Messages without their ids, so equal reasons group together."""
    words = ["#" if w.strip(",.").isdigit() else w for w in message.split()]
    return " ".join(words)


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description:<34}"),
        BarColumn(bar_width=36),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )


def _faults(seed: int, enabled: bool) -> Faults:
    faults = Faults(seed=seed)
    if enabled:
        # A tight ten-secondly policy (scaled down to a 1 s window so the demo stays short),
        # plus one of each kind of transient failure on the hot paths.
        faults.rate_limit(5, interval=1.0)
        faults.fail_next(1, status=502, match="batch_associate_default")
        faults.fail_next(1, status=503, match="batch_read")
        faults.drop_next(1, match="batch_create")
        faults.malform_next(1, match="batch_archive")
    return faults


def run_demo(
    *,
    version: str = "2026-03",
    count: int = 20_000,
    faults: bool = True,
    seed: int = 7,
    console: Console | None = None,
) -> int:
    """Run the job; print progress and a summary; 0 when the final state check passes."""
    console = console or Console()
    started = time.monotonic()
    console.rule(f"[bold]hubspot-associations demo[/] - API {version}, embedded emulator")
    tally = Tally()
    with Emulator(faults=_faults(seed, faults)) as hub:
        hub.delete_records("companies", DELETED_COMPANIES)
        console.print(
            f"emulator on {hub.url}; {count:,} contacts, {COMPANIES} companies "
            f"({len(DELETED_COMPANIES)} deleted); faults {'on' if faults else 'off'}"
        )
        with Client("demo-token", version=version, base_url=hub.url, max_retries=6) as client:
            _job(client, tally, count, console)
            stats = client.stats
            state = hub.associations("contacts", "companies")
        hub_stats = hub.stats()
    elapsed = time.monotonic() - started
    ok = state == tally.live
    _summary(console, version, tally, stats.requests, stats.retries, stats.retry_wait,
             hub_stats.faults, hub_stats.requests, elapsed, ok, len(state))  # fmt: skip
    return 0 if ok else 1


def _job(client: Client, tally: Tally, count: int, console: Console) -> None:
    contacts = list(range(1, count + 1))
    pairs = [(c, company_of(c)) for c in contacts]

    with _progress(console) as progress:
        # 1. default associations: one call, the SDK splits it at HubSpot's cap of 2,000
        task = progress.add_task("create contact -> company", total=len(pairs))
        result = client.batch.associate_default(
            "contacts", "companies", pairs, on_progress=_advance(progress, task)
        )
        tally.fail("create", result.errors)
        tally.created = len(result.succeeded)
        tally.live.update((p.from_id, p.to_id) for p in result.succeeded)

        # 2. a label, limited to one company per contact, and labelled associations
        label, *_ = client.labels.create(
            "contacts", "companies", "Decision maker", inverse_label="Has decision maker"
        )
        limit = client.limits.create("contacts", "companies", [(USER_DEFINED, label.type_id, 1)])
        limit.raise_for_errors()
        makers = [(c, company_of(c), [(USER_DEFINED, label.type_id)]) for c in contacts[::10]]
        # 50 contacts named decision maker at a second company: the limit refuses those
        makers += [
            (c, 2 + (c + 7) % 400, [(USER_DEFINED, label.type_id)]) for c in contacts[:500:10]
        ]
        task = progress.add_task("label decision makers", total=len(makers))
        labelled = client.batch.create(
            "contacts", "companies", makers, on_progress=_advance(progress, task)
        )
        tally.fail("label", labelled.errors)
        tally.labelled = len(labelled.succeeded)
        tally.live.update((i.from_id, i.to_id) for i in labelled.succeeded)

        # 3. read everything back: per-id cursors, lazily
        task = progress.add_task("read contacts -> companies", total=len(contacts))
        read = client.batch.read("contacts", "companies", contacts)
        for record in read:
            tally.read_records += 1
            tally.read_associations += len(record.associations)
            progress.advance(task)
        tally.fail("read", read.errors)

        companies = [c for c in range(1, COMPANIES + 1) if c not in DELETED_COMPANIES]
        task = progress.add_task("read companies -> contacts", total=len(companies))
        for record in client.batch.read("companies", "contacts", companies):
            tally.read_associations += len(record.associations)
            progress.advance(task)

        task = progress.add_task("list the big account (pages)", total=None)
        for _ in client.records.list("companies", BIG_ACCOUNT, "contacts", page_size=500):
            tally.listed += 1
        progress.update(task, total=tally.listed, completed=tally.listed)

        # 4. remove every 20th contact's association
        doomed = sorted(
            (p for p in tally.live if int(p[0]) % 20 == 0), key=lambda p: (int(p[0]), int(p[1]))
        )
        task = progress.add_task("remove departed contacts", total=len(doomed))
        removed = client.batch.archive(
            "contacts", "companies", doomed, on_progress=_advance(progress, task)
        )
        tally.fail("remove", removed.errors)
        tally.removed = len(removed.succeeded)
        tally.live.difference_update((p.from_id, p.to_id) for p in removed.succeeded)


def _advance(progress: Progress, task: TaskID) -> Callable[[int, int], None]:
    """An SDK ``on_progress`` callback (done, total) that moves a progress bar."""

    def update(done: int, total: int) -> None:
        progress.update(task, completed=done, total=total)

    return update


def _summary(
    console: Console,
    version: str,
    tally: Tally,
    requests: int,
    retries: int,
    retry_wait: float,
    injected: Counter[str],
    served: int,
    elapsed: float,
    ok: bool,
    stored: int,
) -> None:
    table = Table(title=f"Summary - API {version}", show_header=True, header_style="bold")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("associations created (default)", f"{tally.created:,}")
    table.add_row("labelled 'Decision maker'", f"{tally.labelled:,}")
    table.add_row("records read back (contacts)", f"{tally.read_records:,}")
    table.add_row("associations read (both directions)", f"{tally.read_associations:,}")
    table.add_row("big account listed, paged", f"{tally.listed:,}")
    table.add_row("associations removed", f"{tally.removed:,}")
    table.add_row("inputs failed", f"{sum(tally.failures.values()):,}")
    table.add_row("requests sent by the client", f"{requests:,}")
    table.add_row("requests served by the emulator", f"{served:,}")
    table.add_row("retries (waited)", f"{retries:,} ({retry_wait:.1f} s)")
    faults = ", ".join(f"{k} x{v}" for k, v in sorted(injected.items())) or "none"
    table.add_row("faults injected", faults)
    table.add_row("time", f"{elapsed:.1f} s")
    console.print(table)

    if tally.failures:
        reasons = Table(title="Failed inputs, by reason", header_style="bold")
        reasons.add_column("step")
        reasons.add_column("category")
        reasons.add_column("reason")
        reasons.add_column("inputs", justify="right")
        for (step, category, reason), n in sorted(tally.failures.items()):
            reasons.add_row(step, category, reason, f"{n:,}")
        console.print(reasons)

    verdict = "[green]OK[/]" if ok else "[red]MISMATCH[/]"
    console.print(
        f"state check {verdict}: the emulator holds {stored:,} contact -> company associations, "
        f"exactly the {len(tally.live):,} the client reported as created and not removed"
        if ok
        else f"state check {verdict}: emulator {stored:,} vs client {len(tally.live):,}"
    )
