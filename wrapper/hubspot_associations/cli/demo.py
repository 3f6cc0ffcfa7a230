"""The demo job: a bulk import from a CSV through the command line, killed and resumed.

``hubspot-associations demo [--api-version V]`` writes a CSV of contact -> company rows as a
CRM export would have them (a few bad ones among them: ids like ``N/A``, an empty cell, a
company name with an unquoted comma), starts the emulator in-process with faults (a tight
ten-secondly rate limit, random 502/503/504s, dropped connections, a malformed body, deleted
companies), runs ``hubspot-associations associate-default`` on the file, SIGKILLs it half-way,
runs the same command again (it resumes from its journal), and checks the emulator's state:
it must hold exactly the rows of the file minus the failures the job reported, each failure
once in the failures file.

Then sync: a tenth of what was imported changes in a second file (rows moved to another
company, rows removed, rows given the label "Billing contact"); ``sync --prune`` shows the
plan, ``sync --prune --apply`` makes it so, and the emulator must hold exactly that file for
its contacts, while the contacts whose rows were removed (not in the file) keep theirs.
"""

from __future__ import annotations

import csv
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from hubspot_associations import latest_version
from hubspot_associations.testing import Emulator, Faults

COMPANIES = 500
DELETED_COMPANIES = (13, 257, 499)  # gone from the CRM: associations to them fail
LABEL = "Billing contact"


def company_of(contact: int) -> int:
    return 1 + contact % COMPANIES


def write_csv(path: Path, count: int, seed: int) -> set[tuple[str, str]]:
    """The job's input; returns the (contact, company) pairs of its well-formed rows."""
    rng = random.Random(seed)
    pairs: set[tuple[str, str]] = set()
    with path.open("w", newline="") as f:
        f.write("from_id,to_id,contact_email,company_name\n")
        for contact in range(1, count + 1):
            company = company_of(contact)
            email = f"person{contact}@example.com"
            roll = rng.random()
            if roll < 0.001:
                f.write(f"N/A,{company},{email},Company {company}\n")
            elif roll < 0.002:
                f.write(f"{contact},,{email},\n")
            elif roll < 0.003:
                f.write(f"{contact},{company},{email},Acme, Inc.\n")  # unquoted comma
            else:
                f.write(f'{contact},{company},{email},"Company {company}, Ltd."\n')
                pairs.add((str(contact), str(company)))
    return pairs


@dataclass
class Desired:
    """The sync step's file: contact -> (company, label) per row, and what changed."""

    rows: dict[str, tuple[str, str]]
    moved: int = 0
    removed: set[str] = field(default_factory=set)
    labelled: int = 0


def write_desired(path: Path, current: set[tuple[str, str]], seed: int) -> Desired:
    """The imported pairs with a tenth changed: 4 % moved to another company, 3 % removed,
    3 % labelled."""
    rng = random.Random(seed + 1)
    desired = Desired({})
    with path.open("w", newline="") as f:
        f.write("from_id,to_id,label\n")
        for contact, company in sorted(current, key=lambda pair: int(pair[0])):
            roll, label = rng.random(), ""
            if roll < 0.04:
                other = int(company)
                while other == int(company) or other in DELETED_COMPANIES:
                    other = rng.randint(1, COMPANIES)
                company = str(other)
                desired.moved += 1
            elif roll < 0.07:
                desired.removed.add(contact)
                continue
            elif roll < 0.10:
                label = LABEL
                desired.labelled += 1
            f.write(f"{contact},{company},{label}\n")
            desired.rows[contact] = (company, label)
    return desired


def _faults(seed: int, enabled: bool) -> Faults:
    faults = Faults(seed=seed)
    if enabled:
        # A tight ten-secondly policy (scaled down to a 1 s window so the demo stays short),
        # random gateway errors, lost answers to requests that took effect, a malformed body.
        faults.rate_limit(3, interval=1.0, retry_after=1)
        faults.fail_randomly(0.04, match="batch_associate_default")
        faults.drop_next(2, match="batch_associate_default", after_processing=True)
        faults.malform_randomly(0.05, match="batch_associate_default")
    return faults


def _sync_faults(faults: Faults, enabled: bool) -> None:
    """For the sync step: a looser rate limit (it reads every contact of the file once),
    gateway errors on the reads, a lost answer to a write that took effect."""
    faults.clear()
    if enabled:
        faults.rate_limit(20, interval=1.0, retry_after=1)
        faults.fail_randomly(0.05, match="batch_read")
        faults.drop_next(1, match="batch_create", after_processing=True)


def _done_chunks(journal: Path) -> int:
    try:
        db = sqlite3.connect(f"file:{journal}?mode=ro", uri=True, timeout=0.2)
        try:
            return int(db.execute("SELECT count(*) FROM chunks").fetchone()[0])
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def run_demo(
    *,
    version: str | None = None,
    count: int = 40_000,
    faults: bool = True,
    seed: int = 7,
    workdir: str | None = None,
    console: Console | None = None,
) -> int:
    """Run the demo; print the job's progress and summary; 0 when the state check passes."""
    console = console or Console(stderr=True)
    version = version or latest_version()
    if workdir is None:
        with tempfile.TemporaryDirectory(prefix="hubspot-demo-") as tmp:
            return _demo(version, count, faults, seed, Path(tmp), console)
    Path(workdir).mkdir(parents=True, exist_ok=True)
    return _demo(version, count, faults, seed, Path(workdir), console)


def _demo(version: str, count: int, faults: bool, seed: int, work: Path, console: Console) -> int:
    started = time.monotonic()
    console.rule(f"[bold]hubspot-associations demo[/] - a CLI job, API {version}")
    source = work / "contacts-companies.csv"
    pairs = write_csv(source, count, seed)
    chunks = -(-count // 2000)
    console.print(f"wrote {source} ({count:,} rows, {count - len(pairs):,} of them malformed)")
    with Emulator(faults=_faults(seed, faults), record_bodies=False) as hub:
        hub.delete_records("companies", DELETED_COMPANIES)
        command = [
            sys.executable, "-m", "hubspot_associations.cli", "associate-default",
            "contacts", "companies", str(source), "--base-url", hub.url,
            "--api-version", version, "--output", str(work / "created.csv"),
            "--progress-interval", "2",
        ]  # fmt: skip
        shown = ["hubspot-associations", *command[3:]]
        console.print(
            f"emulator on {hub.url}, {len(DELETED_COMPANIES)} companies deleted, "
            f"faults {'on' if faults else 'off'}\n$ HUBSPOT_ACCESS_TOKEN=... {' '.join(shown)}"
        )
        env = {**os.environ, "HUBSPOT_ACCESS_TOKEN": "demo-token"}
        journal = work / "contacts-companies.associate-default.contacts-companies.journal"

        proc = _start(command, env, console)
        half = max(1, chunks // 2)
        while proc.poll() is None and _done_chunks(journal) < half:
            time.sleep(0.02)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            _finish(proc, console)
            console.print(
                f"[bold red]killed the job with SIGKILL[/] after {_done_chunks(journal)} of "
                f"{chunks} chunks; running the same command again resumes it:"
            )
            console.print(f"$ HUBSPOT_ACCESS_TOKEN=... {' '.join(shown)}")
            proc = _start(command, env, console)
        code = _finish(proc, console)
        state = hub.associations("contacts", "companies")
        stats = hub.stats()
        synced = _sync_step(hub, work, version, env, console, state, seed, faults)

    with (work / "contacts-companies.associate-default.contacts-companies.failures.csv").open(
        newline=""
    ) as f:
        failures = list(csv.DictReader(f))
    lines = Counter(row["line"] for row in failures)
    failed = {(row["from_id"], row["to_id"]) for row in failures}
    expected = pairs - failed
    once = all(n == 1 for n in lines.values())
    ok = state == expected and once and code == (1 if failures else 0)

    table = Table(title=f"Demo check - API {version}", header_style="bold")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("rows in the CSV", f"{count:,}")
    table.add_row("failures reported (each once)", f"{len(failures):,}")
    for category, n in Counter(row["error_category"] for row in failures).most_common():
        table.add_row(f"  {category}", f"{n:,}")
    table.add_row("associations the emulator holds", f"{len(state):,}")
    table.add_row("requests served by the emulator", f"{stats.requests:,}")
    injected = ", ".join(f"{k} x{v}" for k, v in sorted(stats.faults.items())) or "none"
    table.add_row("faults injected", injected)
    table.add_row("job exit status", str(code))
    for what, value in synced.rows:
        table.add_row(what, value)
    table.add_row("time", f"{time.monotonic() - started:.1f} s")
    console.print(table)
    if ok:
        console.print(
            f"state check [green]OK[/]: the emulator holds exactly the {len(expected):,} "
            "well-formed rows the job did not report as failed, and each failure is in the "
            "failures file once"
        )
    else:
        console.print(
            f"state check [red]MISMATCH[/]: emulator {len(state):,} vs expected "
            f"{len(expected):,}; failures reported once: {once}; exit status {code}"
        )
    console.print(synced.verdict)
    return 0 if ok and synced.ok else 1


@dataclass
class _Synced:
    ok: bool
    verdict: str
    rows: list[tuple[str, str]]


def _sync_step(
    hub: Emulator, work: Path, version: str, env: dict[str, str], console: Console,
    imported: set[tuple[str, str]], seed: int, faults: bool,
) -> _Synced:  # fmt: skip
    """Change a tenth of what was imported in a file, show the plan, apply it, check it."""
    desired_path = work / "desired.csv"  # named relative to work, where the commands run
    desired = write_desired(desired_path, imported, seed)
    console.rule("[bold]sync[/] - make the associations of a file's contacts match it")
    console.print(
        f"wrote {desired_path}: the {len(imported):,} imported pairs, {desired.moved:,} moved "
        f"to another company, {len(desired.removed):,} removed, {desired.labelled:,} labelled "
        f"{LABEL!r}"
    )
    _sync_faults(hub.faults, faults)
    hub.clear_log()  # the import's requests are counted: these are sync's
    base = [sys.executable, "-m", "hubspot_associations.cli"]
    common = ["--base-url", hub.url, "--api-version", version]
    codes = []
    for args in (
        ["labels", "create", "contacts", "companies", LABEL],
        ["sync", "contacts", "companies", desired_path.name, "--prune"],
        ["sync", "contacts", "companies", desired_path.name, "--prune", "--apply",
         "--progress-interval", "2"],
    ):  # fmt: skip
        shown = [f"'{a}'" if " " in a else a for a in args]
        console.print(f"$ HUBSPOT_ACCESS_TOKEN=... hubspot-associations {' '.join(shown)}")
        codes.append(_finish(_start([*base, *args, *common], env, console, work), console))

    wanted = {(contact, company) for contact, (company, _) in desired.rows.items()}
    held = {pair for pair in hub.associations("contacts", "companies")
            if pair[0] in desired.rows}  # fmt: skip
    labels_ok = all(
        {text for _, _, text in hub.association_types("contacts", contact, "companies", company)
         if text} == ({label} if label else set())
        for contact, (company, label) in desired.rows.items()
    )  # fmt: skip
    kept = {pair for pair in imported if pair[0] in desired.removed}
    still = {pair for pair in hub.associations("contacts", "companies")
             if pair[0] in desired.removed}  # fmt: skip
    ok = codes == [0, 0, 0] and held == wanted and labels_ok and still == kept
    stats = hub.stats()
    injected = ", ".join(f"{k} x{v}" for k, v in sorted(stats.faults.items())) or "none"
    rows = [
        ("sync: rows changed", f"{desired.moved:,} moved, {len(desired.removed):,} removed, "
                               f"{desired.labelled:,} labelled"),
        ("sync: requests served", f"{stats.requests:,}"),
        ("sync: faults injected", injected),
        ("sync exit statuses (label, plan, apply)", ", ".join(map(str, codes))),
    ]  # fmt: skip
    if ok:
        verdict = (
            f"sync check [green]OK[/]: for the {len(desired.rows):,} contacts of "
            f"{desired_path.name}, the emulator holds exactly its pairs and labels; the "
            f"{len(desired.removed):,} contacts whose rows were removed kept theirs"
        )
    else:
        verdict = (
            f"sync check [red]MISMATCH[/]: pairs {len(held):,} vs {len(wanted):,} wanted, "
            f"labels as wanted: {labels_ok}, removed contacts kept theirs: {still == kept}, "
            f"exit statuses {codes}"
        )
    return _Synced(ok, verdict, rows)


def _start(
    command: list[str], env: dict[str, str], console: Console, cwd: Path | None = None
) -> subprocess.Popen[str]:
    # On a terminal the job draws its own progress bar; otherwise its lines come through here.
    pipe = None if console.is_terminal else subprocess.PIPE
    return subprocess.Popen(
        command, env=env, stdin=subprocess.DEVNULL, stdout=pipe, stderr=pipe, text=True, cwd=cwd
    )


def _finish(proc: subprocess.Popen[str], console: Console) -> int:
    out, err = proc.communicate()
    for text in (out, err):
        if text:
            console.print(text.rstrip(), markup=False, highlight=False)
    return proc.returncode
