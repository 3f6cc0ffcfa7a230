"""Problems of the machine, not of the rows (a full disk, a folder that cannot be written,
/dev/full, Redis away): one line on stderr, exit status 2, the journal intact, and the same
command resumes once the cause is gone. A row nested too deeply is a failure of that row."""

from __future__ import annotations

import contextlib
import csv
import json
import resource
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hubspot_associations.cli import main
from hubspot_associations.testing import Emulator

from .helpers import COMMAND, env

Capture = pytest.CaptureFixture[str]


def pairs_file(path: Path, n: int) -> set[tuple[str, str]]:
    pairs = {(str(i), str(100 + i % 500)) for i in range(1, n + 1)}
    path.write_text("from_id,to_id\n" + "".join(f"{a},{b}\n" for a, b in sorted(pairs)))
    return pairs


def one_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err
    return lines[0]


def intact(journal: Path) -> int:
    """The journal passes SQLite's integrity check; returns its chunk count."""
    db = sqlite3.connect(journal)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(db.execute("SELECT count(*) FROM chunks").fetchone()[0])
    finally:
        db.close()


def results(path: Path) -> list[tuple[str, str]]:
    with path.open(newline="") as f:
        return [(r["from_id"], r["to_id"]) for r in csv.DictReader(f)]


@pytest.mark.no_contract
def test_a_full_disk_stops_the_job_with_one_line_and_it_resumes(
    hub: Emulator, tmp_path: Path
) -> None:
    source = tmp_path / "in.csv"
    pairs = pairs_file(source, 6_000)
    out = tmp_path / "out.csv"
    args = [*COMMAND, "associate-default", "contacts", "companies", str(source), "-o", str(out),
            "--base-url", hub.url, "--progress", "none", "--chunk-size", "500"]  # fmt: skip

    def small_disk() -> None:  # every file this process writes ends at 96 KiB: "disk full"
        resource.setrlimit(resource.RLIMIT_FSIZE, (96 * 1024, 96 * 1024))

    full = subprocess.run(args, env=env(), capture_output=True, text=True, timeout=300,
                          preexec_fn=small_disk)  # fmt: skip
    assert full.returncode == 2
    line = one_error_line(full.stderr)
    assert "run the same command again once this is fixed" in line
    journal = tmp_path / "in.associate-default.contacts-companies.journal"
    done = intact(journal)
    assert 0 < done < 12  # it stopped part-way
    again = subprocess.run(args, env=env(), capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "resumed" in again.stderr
    assert sorted(results(out)) == sorted(pairs)  # every row once: nothing lost, no repeats
    assert hub.associations("contacts", "companies") == pairs


@pytest.mark.parametrize("option", ["--output", "--failures"])
def test_dev_full_is_one_line_and_another_file_then_works(
    hub: Emulator, tmp_path: Path, capsys: Capture, option: str
) -> None:
    source = tmp_path / "in.csv"
    pairs = pairs_file(source, 10)
    with source.open("a") as f:
        f.write("x,1\n")  # one failure: a line for the failures file too
    args = ["associate-default", "contacts", "companies", str(source), "--base-url", hub.url,
            "--progress", "none"]  # fmt: skip
    assert main([*args, option, "/dev/full"]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert "cannot write /dev/full: No space left on device" in line
    assert intact(tmp_path / "in.associate-default.contacts-companies.journal") == 0
    assert main([*args, option, str(tmp_path / "elsewhere.csv")]) == 1  # nothing was done yet
    assert hub.associations("contacts", "companies") == pairs


@contextlib.contextmanager
def read_only_folder(folder: Path) -> Iterator[bool]:
    """Make ``folder`` refuse new files, even to root (``chattr +i``); False if impossible."""
    folder.mkdir()
    folder.chmod(0o555)
    probe = folder / "probe"
    try:
        probe.touch()
    except OSError:
        yield True
        folder.chmod(0o755)
        return
    probe.unlink()
    immutable = subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
    try:
        yield immutable
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)


def test_a_read_only_output_folder_is_one_line_before_the_journal_exists(
    hub: Emulator, tmp_path: Path, capsys: Capture
) -> None:
    source = tmp_path / "in.csv"
    pairs = pairs_file(source, 10)
    folder = tmp_path / "locked"
    args = ["associate-default", "contacts", "companies", str(source), "--base-url", hub.url,
            "--progress", "none", "-o", str(folder / "out.csv")]  # fmt: skip
    with read_only_folder(folder) as read_only:
        if not read_only:
            pytest.skip("no way to make a folder read-only here (root without chattr)")
        assert main(args) == 2
        line = one_error_line(capsys.readouterr().err)
        assert f"cannot write {folder / 'out.csv'}:" in line
        assert not (tmp_path / "in.associate-default.contacts-companies.journal").exists()
    assert main(args) == 0  # the folder writable again: the same command runs
    assert hub.associations("contacts", "companies") == pairs


def test_an_output_path_under_a_file_is_one_line(
    hub: Emulator, tmp_path: Path, capsys: Capture
) -> None:
    source = tmp_path / "in.csv"
    pairs_file(source, 10)
    args = ["read", "contacts", "companies", str(source), "--base-url", hub.url,
            "--progress", "none", "--format", "csv", "-o", str(source / "out.csv")]  # fmt: skip
    source.write_text("id\n1\n")
    assert main(args) == 2
    assert "Not a directory" in one_error_line(capsys.readouterr().err)


def test_an_unreachable_redis_is_one_line_and_nothing_is_sent(
    hub: Emulator, tmp_path: Path, capsys: Capture
) -> None:
    source = tmp_path / "in.csv"
    pairs = pairs_file(source, 10)
    args = ["associate-default", "contacts", "companies", str(source), "--base-url", hub.url,
            "--progress", "none"]  # fmt: skip
    assert main([*args, "--redis", "redis://127.0.0.1:1/0"]) == 2
    assert "cannot reach the Redis rate limiter" in one_error_line(capsys.readouterr().err)
    assert hub.associations("contacts", "companies") == set()
    assert main(args) == 0
    assert hub.associations("contacts", "companies") == pairs


def test_an_unreachable_api_names_the_server_it_could_not_reach(
    capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUBSPOT_ACCESS_TOKEN", "test-token")
    # "Name or service not known" alone does not say which server: a wrong --base-url, or
    # HUBSPOT_BASE_URL unset (HubSpot itself)?
    args = ["labels", "list", "contacts", "companies", "--max-retries", "0"]
    assert main([*args, "--base-url", "http://127.0.0.1:1"]) == 2
    line = one_error_line(capsys.readouterr().err)
    assert line.startswith("error: connection failed to http://127.0.0.1:1: ConnectError: ")


def test_a_row_nested_too_deeply_is_a_failure_of_that_row(
    hub: Emulator, tmp_path: Path, capsys: Capture
) -> None:
    source = tmp_path / "in.jsonl"
    rows = [json.dumps({"from_id": 1, "to_id": 101}), '{"from_id": ' + "[" * 100_000,
            json.dumps({"from_id": 2, "to_id": 102})]  # fmt: skip
    source.write_text("\n".join(rows) + "\n")
    args = ["associate-default", "contacts", "companies", str(source), "--base-url", hub.url,
            "--progress", "none"]  # fmt: skip
    assert main(args) == 1
    failures = tmp_path / "in.associate-default.contacts-companies.failures.jsonl"
    (failure,) = [json.loads(line) for line in failures.read_text().splitlines()]
    assert failure["line"] == 2 and failure["error_category"] == "INVALID_ROW"
    assert "nested too deeply" in failure["message"]
    assert hub.associations("contacts", "companies") == {("1", "101"), ("2", "102")}


def _job_args(hub: Emulator, source: Path, *extra: str) -> list[str]:
    return [*COMMAND, "associate-default", "contacts", "companies", str(source),
            "--base-url", hub.url, *extra]  # fmt: skip


@pytest.mark.parametrize(
    ("extra", "stream"),
    [
        (["--json", "--progress", "none"], "stdout"),  # the JSON summary
        (["--progress", "none"], "stderr"),  # the text summary
        (["--progress", "lines", "--progress-interval", "0", "--chunk-size", "100"], "stderr"),
    ],
)
def test_a_full_standard_stream_is_exit_2_and_the_job_resumes(
    hub: Emulator, tmp_path: Path, extra: list[str], stream: str
) -> None:
    # Was a traceback and exit 1 ("some rows failed"), or with stderr full a job cut short
    # by its first progress line and still exit 1.
    source = tmp_path / "in.csv"
    pairs = pairs_file(source, 1_000)
    args = _job_args(hub, source, *extra)
    with open("/dev/full", "w") as full:
        ran = subprocess.run(args, env=env(), text=True, timeout=300, stdin=subprocess.DEVNULL,
                             stdout=full if stream == "stdout" else subprocess.PIPE,
                             stderr=full if stream == "stderr" else subprocess.PIPE)  # fmt: skip
    assert ran.returncode == 2
    if stream == "stdout":
        line = one_error_line(ran.stderr)
        assert line == "error: cannot write standard output or error: No space left on device"
    journal = tmp_path / "in.associate-default.contacts-companies.journal"
    intact(journal)
    again = subprocess.run(args, env=env(), capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert hub.associations("contacts", "companies") == pairs


@pytest.mark.parametrize(
    "command",
    [
        ["labels", "list", "contacts", "companies"],
        ["sync", "contacts", "companies", "IN", "--json"],
    ],
)
def test_other_commands_with_a_full_stdout_are_one_line_and_exit_2(
    hub: Emulator, tmp_path: Path, command: list[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("from_id,to_id,label\n1,101,Primary\n")
    args = [*COMMAND, *(str(source) if c == "IN" else c for c in command), "--base-url", hub.url]
    with open("/dev/full", "w") as full:
        ran = subprocess.run(args, env=env(), text=True, timeout=300, stdin=subprocess.DEVNULL,
                             stdout=full, stderr=subprocess.PIPE)  # fmt: skip
    assert ran.returncode == 2
    assert "No space left on device" in one_error_line(ran.stderr)


def test_closed_standard_streams_are_no_traceback(hub: Emulator, tmp_path: Path) -> None:
    # `>&- 2>&-`: Python leaves sys.stdout None (was an AttributeError traceback, exit 1),
    # and the journal could have taken descriptor 1 for stray writes.
    source = tmp_path / "in.csv"
    pairs = pairs_file(source, 10)
    args = _job_args(hub, source, "--json", "--progress", "lines")
    for closed in ((1,), (1, 2)):
        code = "import os, sys; [os.close(fd) for fd in %r]; os.execv(sys.executable, %r)"
        ran = subprocess.run([sys.executable, "-c", code % (closed, args)], env=env(),
                             stdin=subprocess.DEVNULL, capture_output=True, text=True,
                             timeout=300)  # fmt: skip
        assert ran.returncode == 0, ran.stderr
        assert "Traceback" not in ran.stderr
    assert hub.associations("contacts", "companies") == pairs
    journal = tmp_path / "in.associate-default.contacts-companies.journal"
    intact(journal)
