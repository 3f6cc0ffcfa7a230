"""The job commands as a user runs them: bad input files, row failures, dry runs, journals
that do not match, fatal errors, stdin and JSONL, every kind of job, exit statuses."""

from __future__ import annotations

import io
import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from hubspot_associations.cli import main
from hubspot_associations.testing import Emulator, Faults

from .helpers import DELETED, chunks_done, job, read_failures, start, write_pairs, written_through

Capture = pytest.CaptureFixture[str]


def sent(hub: Emulator) -> int:
    return sum(1 for r in hub.requests if (r.operation or "").startswith("batch"))


def settled(hub: Emulator) -> int:
    """``sent`` once it has not moved for half a second."""
    count = sent(hub)
    while True:
        time.sleep(0.5)
        if sent(hub) == count:
            return count
        count = sent(hub)


# --- input files that cannot be used: a clear message, exit 2, nothing sent -------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"from_id,company\n1,2\n", "lacks the column(s) to_id"),
        (b"from_id,to_id\n1,2\n3,\x004\n", "not a text file: a NUL byte at byte 21"),
        (b'from_id,to_id\n1,2\n3,"4"5\n6,7\n', "not readable as CSV (line 3)"),
        (b"", "is empty: expected a header row naming from_id, to_id"),
        (b"\n\n", "is empty"),
        (
            b"from_id,to_id\n1,2\n" * 3000 + b"5,caf\xe9\n",
            "not UTF-8 text: line 6001, byte 6 (0xe9)",
        ),
    ],
    ids=["missing-column", "nul-byte", "bad-quoting", "empty", "blank-lines-only", "not-utf8"],
)
def test_unusable_input_is_refused_before_anything_is_sent(
    hub: Emulator, tmp_path: Path, capsys: Capture, content: bytes, expected: str
) -> None:
    source = tmp_path / "in.csv"
    source.write_bytes(content)
    code = job(hub, "associate-default", "contacts", "companies", str(source))
    err = capsys.readouterr().err
    assert code == 2
    assert expected in err
    assert sent(hub) == 0
    assert not (tmp_path / "in.associate-default.contacts-companies.failures.csv").exists()


def test_a_missing_file_is_a_usage_error(hub: Emulator, tmp_path: Path, capsys: Capture) -> None:
    code = job(hub, "archive", "contacts", "companies", str(tmp_path / "nope.csv"))
    assert code == 2
    assert "cannot read" in capsys.readouterr().err


def test_a_row_with_too_many_fields_fails_alone(
    hub: Emulator, tmp_path: Path, capsys: Capture
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("from_id,to_id\n1,101\n2,102,oops\n3,103\n")
    assert job(hub, "associate-default", "contacts", "companies", str(source)) == 1
    (failure,) = read_failures(tmp_path / "in.associate-default.contacts-companies.failures.csv")
    assert failure["line"] == "3" and failure["error_category"] == "INVALID_ROW"
    assert "3 fields, the header names 2" in failure["message"]
    assert hub.associations("contacts", "companies") == {("1", "101"), ("3", "103")}


def test_all_good_exits_0_and_the_failures_file_is_empty(
    hub: Emulator, tmp_path: Path, capsys: Capture
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("to_id,from_id\n101,1\n102,2\n")  # any column order
    args = ["associate-default", "contacts", "companies", str(source), "--base-url", hub.url]
    assert main([*args, "--progress", "lines", "--progress-interval", "0"]) == 0
    err = capsys.readouterr().err
    assert "associate-default contacts -> companies: 2/2 rows (100.0 %), 0 failed" in err
    assert "rows/s" in err and "ETA" in err
    assert read_failures(tmp_path / "in.associate-default.contacts-companies.failures.csv") == []
    assert hub.associations("contacts", "companies") == {("1", "101"), ("2", "102")}


def test_dry_run_validates_and_counts_and_sends_nothing(
    hub: Emulator, tmp_path: Path, capsys: Capture
) -> None:
    source = tmp_path / "in.csv"
    _, bad = write_pairs(source, 10_000)
    assert job(hub, "associate-default", "contacts", "companies", str(source), "--dry-run") == 1
    err = capsys.readouterr().err
    assert "rows                  10,000" in err
    assert f"invalid rows          {len(bad)}" in err
    assert sent(hub) == 0
    assert (
        not list(tmp_path.glob("in.*journal*"))
        and not (tmp_path / "in.associate-default.contacts-companies.failures.csv").exists()
    )


# --- the journal ---------------------------------------------------------------------------------


def test_a_changed_input_is_refused_and_restart_starts_over(
    hub: Emulator, tmp_path: Path, capsys: Capture
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("from_id,to_id\n1,101\n")
    assert job(hub, "associate-default", "contacts", "companies", str(source)) == 0
    source.write_text("from_id,to_id\n1,101\n2,102\n")
    capsys.readouterr()
    assert job(hub, "associate-default", "contacts", "companies", str(source)) == 2
    err = capsys.readouterr().err
    assert "does not match this job" in err and "--restart" in err
    args = ("associate-default", "contacts", "companies", str(source), "--restart")
    assert job(hub, *args) == 0
    assert hub.associations("contacts", "companies") == {("1", "101"), ("2", "102")}


def test_a_journal_of_another_output_says_so_not_that_the_input_changed(
    hub: Emulator, tmp_path: Path, capsys: Capture
) -> None:
    source = tmp_path / "ids.csv"
    source.write_text("id\n1\n")
    assert job(hub, "read", "contacts", "companies", str(source)) == 0
    other = tmp_path / "other.csv"
    capsys.readouterr()
    assert job(hub, "read", "contacts", "companies", str(source), "-o", str(other)) == 2
    journal = tmp_path / "ids.read.contacts-companies.journal"
    assert capsys.readouterr().err == (
        f"error: the journal {journal} does not match this job: it records output = "
        f"'{tmp_path / 'ids.read.contacts-companies.associations.csv'}', this run has "
        f"'{other}'. Use --restart to start over, or --journal to choose another file.\n"
    )


def test_a_finished_job_run_again_sends_nothing(
    hub: Emulator, tmp_path: Path, capsys: Capture
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("from_id,to_id\n1,101\n2,x\n")
    assert job(hub, "associate-default", "contacts", "companies", str(source)) == 1
    before = sent(hub)
    assert job(hub, "associate-default", "contacts", "companies", str(source)) == 1
    assert sent(hub) == before
    assert "already finished" in capsys.readouterr().err
    assert (
        len(read_failures(tmp_path / "in.associate-default.contacts-companies.failures.csv")) == 1
    )


@pytest.mark.no_contract
@pytest.mark.slow
def test_killed_and_resumed_files_equal_an_uninterrupted_run(tmp_path: Path) -> None:
    runs = {}
    for name, kill in (("once", False), ("killed", True)):
        folder = tmp_path / name
        folder.mkdir()
        source = folder / "contacts.csv"
        write_pairs(source, 30_000)
        with Emulator(faults=Faults(seed=3).fail_randomly(0.05), record_bodies=False) as hub:
            hub.delete_records("companies", DELETED)
            created = str(folder / "created.jsonl")
            args = ["associate-default", "contacts", "companies", str(source), "-o", created,
                    "--base-url", hub.url, "--progress", "none"]  # fmt: skip
            if kill:
                proc = start(args)
                while (
                    proc.poll() is None
                    and chunks_done(
                        folder / "contacts.associate-default.contacts-companies.journal"
                    )
                    < 6
                ):
                    time.sleep(0.02)
                proc.send_signal(signal.SIGKILL)
                proc.communicate()
            proc = start(args)
            proc.communicate(timeout=300)
            assert proc.returncode == 1
            runs[name] = (
                (
                    folder / "contacts.associate-default.contacts-companies.failures.csv"
                ).read_bytes(),
                (folder / "created.jsonl").read_bytes(),
                hub.associations("contacts", "companies"),
            )
    assert runs["once"] == runs["killed"]
    assert runs["once"][0].count(b"\n") > 1


@pytest.mark.no_contract
@pytest.mark.slow
def test_a_job_from_stdin_resumes_and_its_journal_refuses_a_different_stream(
    hubspot_emulator: Emulator, tmp_path: Path
) -> None:
    hub = hubspot_emulator
    source, changed = tmp_path / "in.csv", tmp_path / "changed.csv"
    pairs, _ = write_pairs(source, 40_000)
    changed.write_text(source.read_text().replace("\n3000,", "\n3000000,"))  # in chunk 1
    journal = tmp_path / "stdin.journal"
    args = ["associate-default", "contacts", "companies", "-", "--journal", str(journal),
            "--failures", str(tmp_path / "f.csv"), "--base-url", hub.url, "--progress", "none",
            "--concurrency", "2"]  # fmt: skip
    with source.open("rb") as stdin:
        proc = start(args, stdin=stdin)
        while proc.poll() is None and written_through(journal) < 3:
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
    assert written_through(journal) < 20  # killed mid-job
    before = settled(hub)  # requests the killed job had on the wire may still arrive
    with changed.open("rb") as stdin:
        proc = start(args, stdin=stdin)
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 2 and "does not match this job: it records input_fingerprint" in err
    assert sent(hub) == before  # refused before sending anything
    with source.open("rb") as stdin:
        proc = start(args, stdin=stdin)
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err
    failed = {(f["from_id"], f["to_id"]) for f in read_failures(tmp_path / "f.csv")}
    assert hub.associations("contacts", "companies") == pairs - failed


# --- fatal errors: exit 2 with the reason; the job resumes once fixed --------------------------


def test_a_bad_token_stops_the_job_with_status_2(
    hubspot_emulator_factory: object,
    tmp_path: Path,
    capsys: Capture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hub = hubspot_emulator_factory(access_tokens=["good"])  # type: ignore[operator]
    source = tmp_path / "in.csv"
    source.write_text("from_id,to_id\n1,101\n")
    monkeypatch.setenv("HUBSPOT_ACCESS_TOKEN", "wrong")
    assert job(hub, "associate-default", "contacts", "companies", str(source)) == 2
    assert "AuthenticationError (401)" in capsys.readouterr().err
    monkeypatch.setenv("HUBSPOT_ACCESS_TOKEN", "good")
    assert job(hub, "associate-default", "contacts", "companies", str(source)) == 0
    assert hub.associations("contacts", "companies") == {("1", "101")}


def test_the_daily_limit_stops_the_job_and_it_resumes_later(
    hub: Emulator, tmp_path: Path, capsys: Capture
) -> None:
    source = tmp_path / "in.csv"
    write_pairs(source, 9_000)
    hub.faults.rate_limit(None, daily=2)
    assert job(hub, "associate-default", "contacts", "companies", str(source),
               "--concurrency", "1") == 2  # fmt: skip
    assert "DailyRateLimitError (429)" in capsys.readouterr().err
    assert len(hub.associations("contacts", "companies")) == 4000 - 0  # two chunks went in
    hub.faults.clear()
    assert job(hub, "associate-default", "contacts", "companies", str(source)) == 1
    assert (
        len(hub.associations("contacts", "companies"))
        + len(read_failures(tmp_path / "in.associate-default.contacts-companies.failures.csv"))
        == 9_000
    )


def test_no_token_is_a_usage_error(
    tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HUBSPOT_ACCESS_TOKEN", raising=False)
    source = tmp_path / "in.csv"
    source.write_text("from_id,to_id\n1,101\n")
    assert main(["archive", "contacts", "companies", str(source)]) == 2
    assert "HUBSPOT_ACCESS_TOKEN" in capsys.readouterr().err


def test_a_token_flag_warns_about_shell_history(
    hub: Emulator, tmp_path: Path, capsys: Capture
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("from_id,to_id\n1,101\n")
    assert job(hub, "associate-default", "contacts", "companies", str(source), "--token", "t") == 0
    assert "shell history" in capsys.readouterr().err


def test_a_named_pipe_is_read_once_like_standard_input(
    hub: Emulator, tmp_path: Path, state_home: Path
) -> None:
    """``<(zcat big.csv.gz)`` or a FIFO: read once (it cannot be read twice), its files in the
    state folder (not beside ``/dev/fd/63``). It used to hang re-opening the FIFO."""
    fifo = tmp_path / "pairs.csv"
    os.mkfifo(fifo)

    def feed() -> None:
        with fifo.open("w") as f:
            f.write("from_id,to_id\n1,101\n2,102\n")

    threading.Thread(target=feed, daemon=True).start()
    proc = start(["associate-default", "contacts", "companies", str(fifo), "--json",
                  "--base-url", hub.url, "--progress", "none"])  # fmt: skip
    try:
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert hub.associations("contacts", "companies") == {("1", "101"), ("2", "102")}
    summary = json.loads(out)
    assert summary["journal"].startswith(str(state_home / "jobs" / "stdin-"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pairs.csv", "xdg-state"]


# --- every kind of job; stdin and JSONL ----------------------------------------------------------


def test_labelled_jsonl_from_stdin_then_labels_removed_then_pairs_archived(
    hub: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [
        {"from_id": i, "to_id": 100 + i, "category": "HUBSPOT_DEFINED", "type_id": 1}
        for i in range(1, 6)
    ]
    rows.append({"from_id": 9, "to_id": 109, "category": "NOPE", "type_id": 1})
    data = "".join(json.dumps(r) + "\n" for r in rows) + "not json\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    journal, failures = tmp_path / "j", tmp_path / "f.jsonl"
    args = ("--format", "jsonl", "--journal", str(journal), "--failures", str(failures))
    assert (
        job(hub, "create", "contacts", "companies", "-", *args, "-o", str(tmp_path / "o.csv")) == 1
    )
    assert ("HUBSPOT_DEFINED", 1, "Primary") in hub.association_types(
        "contacts", 1, "companies", 101
    )
    bad = [json.loads(line) for line in failures.read_text().splitlines()]
    assert [(b["line"], b["error_category"]) for b in bad] == [
        (6, "INVALID_ROW"),
        (7, "INVALID_ROW"),
    ]
    assert "category must be one of" in bad[0]["message"]
    assert "1,101,HUBSPOT_DEFINED,1,Primary" in (tmp_path / "o.csv").read_text()

    labels = tmp_path / "labels.csv"
    labels.write_text("from_id,to_id,category,type_id\n1,101,HUBSPOT_DEFINED,1\n")
    assert job(hub, "archive-labels", "contacts", "companies", str(labels)) == 0
    assert ("HUBSPOT_DEFINED", 1) not in [
        t[:2] for t in hub.association_types("contacts", 1, "companies", 101)
    ]

    pairs = tmp_path / "pairs.csv"
    pairs.write_text("from_id,to_id\n2,102\n3,103\n")
    assert job(hub, "archive", "contacts", "companies", str(pairs)) == 0
    assert ("2", "102") not in hub.associations("contacts", "companies")
    assert ("4", "104") in hub.associations("contacts", "companies")


def test_read_exports_the_associations_of_a_list_of_ids(hub: Emulator, tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("from_id,to_id\n" + "".join(f"{i},{700 + i % 3}\n" for i in range(1, 2501)))
    assert job(hub, "associate-default", "contacts", "companies", str(pairs)) == 0
    ids = tmp_path / "ids.csv"
    ids.write_text("id\n" + "".join(f"{i}\n" for i in range(1, 2501)) + "x\n")
    assert job(hub, "read", "contacts", "companies", str(ids)) == 1
    lines = (tmp_path / "ids.read.contacts-companies.associations.csv").read_text().splitlines()
    assert lines[0] == "from_id,to_id,category,type_id,label"
    assert {tuple(line.split(",")[:2]) for line in lines[1:]} == {
        (str(i), str(700 + i % 3)) for i in range(1, 2501)
    }
    (failure,) = read_failures(tmp_path / "ids.read.contacts-companies.failures.csv")
    assert failure["id"] == "x"


def test_unknown_versions_and_object_types_are_usage_errors(capsys: Capture) -> None:
    assert main(["demo", "--api-version", "v3"]) == 2
    assert "v3" in capsys.readouterr().err
    assert main(["archive", "contacts", "../x", "in.csv", "--dry-run"]) == 2
    assert "object type" in capsys.readouterr().err


def test_a_stdin_job_with_other_rows_is_another_job_and_leaves_no_files_here(
    hub: Emulator,
    tmp_path: Path,
    capsys: Capture,
    monkeypatch: pytest.MonkeyPatch,
    state_home: Path,
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)

    def piped(text: str) -> int:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
        return job(hub, "associate-default", "contacts", "companies")

    assert piped("from_id,to_id\n1,101\n") == 0
    assert piped("from_id,to_id\n2,102\n3,103\n") == 0  # new rows: sent, not "finished"
    assert hub.associations("contacts", "companies") == {("1", "101"), ("2", "102"), ("3", "103")}
    capsys.readouterr()
    before = sent(hub)
    assert piped("from_id,to_id\n2,102\n3,103\n") == 0  # the same rows again: that job is done
    assert sent(hub) == before
    err = capsys.readouterr().err
    assert "already finished" in err
    assert list(here.iterdir()) == []  # nothing in the working folder
    files = sorted(p.name for p in (state_home / "jobs").iterdir())
    assert len(files) == 4 and all(".associate-default.contacts-companies." in f for f in files)
    assert str(state_home / "jobs") in err  # the summary says where they are


def test_jobs_on_other_object_types_of_one_file_are_distinct_jobs(
    hub: Emulator, tmp_path: Path, capsys: Capture
) -> None:
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("from_id,to_id\n1,101\n")
    assert job(hub, "associate-default", "contacts", "companies", str(pairs)) == 0
    assert job(hub, "associate-default", "contacts", "deals", str(pairs)) == 0
    ids = tmp_path / "ids.csv"
    ids.write_text("id\n1\n")
    assert job(hub, "read", "contacts", "companies", str(ids)) == 0
    assert job(hub, "read", "contacts", "deals", str(ids)) == 0  # not "does not match"
    companies = tmp_path / "ids.read.contacts-companies.journal"
    kept = companies.read_bytes()
    assert job(hub, "read", "contacts", "deals", str(ids), "--restart") == 0
    assert companies.read_bytes() == kept  # --restart of one job leaves the other alone
    assert "1,101" in (tmp_path / "ids.read.contacts-companies.associations.csv").read_text()
    assert "1,101" in (tmp_path / "ids.read.contacts-deals.associations.csv").read_text()


@pytest.mark.no_contract
def test_a_second_process_on_a_journal_exits_2_naming_the_holder(
    hub: Emulator, tmp_path: Path, capsys: Capture
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("from_id,to_id\n" + "".join(f"{i},{100 + i}\n" for i in range(1, 41)))
    hub.faults.add_latency(0.3)
    args = ["associate-default", "contacts", "companies", str(source), "--base-url", hub.url,
            "--progress", "none", "--chunk-size", "2", "--concurrency", "1"]  # fmt: skip
    first = start(args)
    journal = tmp_path / "in.associate-default.contacts-companies.journal"
    while first.poll() is None and chunks_done(journal) < 2:
        time.sleep(0.02)
    assert first.poll() is None
    failures = tmp_path / "in.associate-default.contacts-companies.failures.csv"
    kept = failures.read_bytes()
    assert main([*args, "--restart"]) == 2
    err = capsys.readouterr().err
    assert f"is in use by process {first.pid}" in err and err.count("\n") == 1
    assert journal.exists() and chunks_done(journal) >= 2  # --restart wiped nothing
    assert failures.read_bytes().startswith(kept)
    first.send_signal(signal.SIGKILL)  # the kernel drops the lock of a killed holder
    first.communicate()
    hub.faults.clear()
    assert main(args) == 0
    assert len(hub.associations("contacts", "companies")) == 40
    assert not Path(f"{journal}.lock").exists()


@pytest.mark.no_contract  # a dropped connection
def test_a_lost_answer_is_failed_with_outcome_unknown_not_plainly_failed(
    hub: Emulator, tmp_path: Path, capsys: Capture
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("from_id,to_id\n1,101\n2,102\nx,103\n4,13\n5,105\n6,106\n")
    hub.delete_records("companies", [13])
    hub.faults.drop_next(1, match="batch_associate_default", after_processing=True)
    args = ("associate-default", "contacts", "companies", str(source), "--chunk-size", "2",
            "--max-retries", "0", "--concurrency", "1")  # fmt: skip
    assert job(hub, *args) == 1
    failures = read_failures(tmp_path / "in.associate-default.contacts-companies.failures.csv")
    assert [(f["line"], f["outcome"], f["error_category"]) for f in failures] == [
        ("2", "unknown", "CONNECTION_ERROR"),  # sent, answer lost: applied in fact
        ("3", "unknown", "CONNECTION_ERROR"),
        ("4", "failed", "INVALID_ROW"),
        ("5", "failed", "OBJECT_NOT_FOUND"),
    ]
    assert ("1", "101") in hub.associations("contacts", "companies")
    err = capsys.readouterr().err
    assert "failed                4 (2 may have been applied: the answer was lost" in err


def test_the_state_folder_follows_xdg_and_survives_a_missing_home(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from hubspot_associations.jobs.paths import state_dir

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert state_dir() == tmp_path / "hubspot-associations"
    monkeypatch.setenv("XDG_STATE_HOME", "relative/ignored")  # the spec: absolute paths only
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert state_dir() == tmp_path / "home" / ".local" / "state" / "hubspot-associations"

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert state_dir().name.startswith("hubspot-associations-")
