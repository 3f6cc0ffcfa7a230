"""``hubspot-associations sync`` (issue 17): the plan first, nothing changed without --apply,
exactly the plan applied, idempotent, the prune limit, stale or changed plans refused, the
plan file as the journal (one process at a time), and each failure once."""

from __future__ import annotations

import io
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hubspot_associations import Client, syncing
from hubspot_associations.cli import main
from hubspot_associations.jobs.lock import JobLock
from hubspot_associations.testing import Emulator

from ..syncing.helpers import DEFAULT, PRIMARY, requests, seed, state
from .helpers import job, read_failures

Capture = pytest.CaptureFixture[str]
BASE = "desired.sync.contacts-companies"


def sync(hub: Emulator, capsys: Capture, *args: str) -> tuple[int, dict[str, Any]]:
    """``sync`` with ``--json``: its exit status and its summary."""
    code = job(hub, "sync", *args, "--json")
    out = capsys.readouterr().out.strip().splitlines()
    return code, json.loads(out[-1])


def write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def billing(hub: Emulator) -> int:
    with Client("test", base_url=hub.url) as client:
        return client.labels.create("contacts", "companies", "Billing contact")[0].type_id


def test_plan_then_apply_then_nothing_left_to_do(
    hub: Emulator, tmp_path: Path, capsys: Capture
) -> None:
    type_id = billing(hub)
    seed(hub, [(1, 10, []), (1, 11, [PRIMARY]), (2, 20, []), (2, 21, []), (9, 90, [])])
    source = write(tmp_path / "desired.csv", (
        "from_id,to_id,label,category,type_id\n"
        "1,10,billing CONTACT,,\n"  # a label by its text (case and spaces do not matter)
        "1,11,,,\n"  # associated, no label: Primary comes off
        "1,12,,HUBSPOT_DEFINED,1\n"  # a label by its type
        "2,20,,,\n"  # 2 -> 21 is not in the file: archived with --prune
        "3,30,Billing contact,,\n"
    ))  # fmt: skip
    before = state(hub)
    hub.clear_log()
    prune = ("--prune", "--max-prune", "1")  # 10 % of the 4 current associations is 0
    code, plan = sync(hub, capsys, "contacts", "companies", str(source), *prune)
    assert code == 0 and plan["planned"] and not plan["applied"]
    assert plan["changes"] == {"archive": 1, "remove_labels": 1, "add_labels": 1, "create": 2}
    assert (plan["rows"], plan["from_ids"], plan["current"]) == (5, 3, 4)
    assert state(hub) == before  # nothing changed
    assert set(requests(hub)) == {"labels_list", "batch_read"}
    changes = (tmp_path / f"{BASE}.changes.csv").read_text().splitlines()
    assert changes == [
        "change,from_id,to_id,category,type_id,label",
        "archive,2,21,,,",
        "remove_labels,1,11,HUBSPOT_DEFINED,1,Primary",
        f"add_labels,1,10,USER_DEFINED,{type_id},Billing contact",
        "create,1,12,HUBSPOT_DEFINED,1,Primary",
        f"create,3,30,USER_DEFINED,{type_id},Billing contact",
    ]
    assert read_failures(tmp_path / f"{BASE}.failures.csv") == []

    hub.clear_log()
    code, applied = sync(hub, capsys, "contacts", "companies", str(source), *prune, "--apply")
    assert code == 0 and not applied["planned"] and applied["applied"]
    assert "batch_read" not in requests(hub)  # the plan `sync` showed, applied as it was
    assert applied["succeeded"] == 5 and applied["pending"] == 0
    billed = ("USER_DEFINED", type_id)
    assert state(hub) == {
        ("1", "10"): {DEFAULT, billed}, ("1", "11"): {DEFAULT}, ("1", "12"): {DEFAULT, PRIMARY},
        ("2", "20"): {DEFAULT}, ("3", "30"): {DEFAULT, billed}, ("9", "90"): {DEFAULT},
    }  # fmt: skip

    code, again = sync(hub, capsys, "contacts", "companies", str(source), *prune)
    assert code == 0 and again["planned"]  # the applied plan is planned afresh
    assert again["changes"] == {"archive": 0, "remove_labels": 0, "add_labels": 0, "create": 0}
    code, again = sync(hub, capsys, "contacts", "companies", str(source), *prune, "--apply")
    assert code == 0 and again["succeeded"] == 0 and again["changes"]["create"] == 0


def test_the_plan_for_people_and_dry_run(hub: Emulator, tmp_path: Path, capsys: Capture) -> None:
    source = write(tmp_path / "desired.csv", "from_id,to_id\n" + "".join(
        f"{f},{100 + f}\n" for f in range(1, 8)))  # fmt: skip
    assert job(hub, "sync", "contacts", "companies", str(source), "--dry-run") == 0
    err = capsys.readouterr().err
    assert "plan: sync contacts -> companies, from " in err
    assert "to create             7\n" in err
    assert "to archive            0 (no --prune)" in err
    assert err.count("create 1 -> 101 [unlabelled]") == 1
    assert "create 4 -> 104" not in err  # three of each kind
    assert f"{BASE}.changes.csv (every change)" in err
    assert err.rstrip().endswith("run the same command with --apply (within 1 h)")
    assert hub.associations("contacts", "companies") == set()
    assert job(hub, "sync", "contacts", "companies", str(source), "--dry-run", "--apply") == 2
    assert "--dry-run is the plan without --apply" in capsys.readouterr().err

    assert job(hub, "sync", "contacts", "companies", str(source), "--apply") == 0
    err = capsys.readouterr().err
    assert " s ago: 0 to archive, 0 to remove labels from, 0 to add labels to, 7 to create\n" in err
    assert "created               7 of 7" in err and "failures file" in err


def test_refused_rows_are_failures_with_their_line_and_hold_their_pairs(
    hub: Emulator, tmp_path: Path, capsys: Capture
) -> None:
    seed(hub, [(1, 10, [PRIMARY]), (1, 11, []), (2, 20, []), (2, 21, [])])
    source = write(tmp_path / "desired.csv", (
        "from_id,to_id,label\n"
        "1,10,Biling contact\n"  # unknown: 1 -> 10 keeps its Primary label
        "\n"
        "2,20,,too,many\n"  # unreadable: from-id 2 is not pruned at all
        "x,1,\n"
        "3,30,\n"
    ))  # fmt: skip
    code, plan = sync(hub, capsys, "contacts", "companies", str(source), "--prune",
                      "--max-prune", "10")  # fmt: skip
    assert code == 1  # refused rows: status 1, as for the other commands' refused rows
    assert plan["changes"] == {"archive": 1, "remove_labels": 0, "add_labels": 0, "create": 1}
    assert plan["failures_by_category"] == {"INVALID_ROW": 2, "UNKNOWN_LABEL": 1}
    failures = read_failures(tmp_path / f"{BASE}.failures.csv")
    columns = ("line", "from_id", "to_id", "labels", "error_category")
    assert [tuple(f[c] for c in columns) for f in failures] == [
        ("2", "1", "10", "Biling contact", "UNKNOWN_LABEL"),
        ("4", "2", "20", "", "INVALID_ROW"),
        ("5", "x", "1", "", "INVALID_ROW"),
    ]  # fmt: skip
    assert failures[0]["message"].startswith("no label 'Biling contact' from contacts to ")
    assert failures[1]["message"] == "the row has 5 fields, the header names 3"
    assert failures[2]["message"].startswith("from_id must be a record id")
    assert {f["outcome"] for f in failures} == {"failed"}

    assert job(hub, "sync", "contacts", "companies", str(source), "--prune", "--max-prune",
               "10", "--apply") == 1  # fmt: skip
    assert state(hub) == {
        ("1", "10"): {DEFAULT, PRIMARY},
        ("2", "20"): {DEFAULT},
        ("2", "21"): {DEFAULT},
        ("3", "30"): {DEFAULT},
    }  # fmt: skip  (1 -> 11 archived; the refused rows changed nothing)
    assert read_failures(tmp_path / f"{BASE}.failures.csv") == failures  # each once


def test_jsonl_input_and_failed_changes_once_with_their_outcome(
    hubspot_emulator_factory: Any, tmp_path: Path, capsys: Capture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("HUBSPOT_ACCESS_TOKEN", "test-token")
    hub = hubspot_emulator_factory(strict_records=True)
    hub.seed_records("contacts", range(1, 10))
    hub.seed_records("companies", range(1, 10))
    source = write(tmp_path / "desired.jsonl", "".join(
        json.dumps(row) + "\n" for row in (
            {"from_id": 1, "to_id": 2, "label": "Primary"},
            {"from_id": 1, "to_id": "777"},  # no such company: fails when applied
            [1, 3],
        )))  # fmt: skip
    hub.faults.drop_next(1, match="batch_create", after_processing=True)
    code = job(hub, "sync", "contacts", "companies", str(source), "--apply", "--max-retries", "0")
    assert code == 1
    failures = [json.loads(line) for line in (tmp_path / f"{BASE}.failures.jsonl").open()]
    assert [(f["line"], f["error_category"]) for f in failures][:1] == [(3, "INVALID_ROW")]
    changes = [(f["input"]["change"], f["input"]["to_id"], f["outcome"]) for f in failures[1:]]
    assert sorted(changes) == [("create", "2", "unknown"), ("create", "777", "unknown")]
    capsys.readouterr()

    code, again = sync(hub, capsys, "contacts", "companies", str(source), "--apply")
    assert code == 1 and again["planned"]  # applied to the end: planned afresh
    assert again["changes"]["create"] == 1 and again["failures_by_category"] == {
        "INVALID_ROW": 1, "OBJECT_NOT_FOUND": 1}  # fmt: skip
    failures = [json.loads(line) for line in (tmp_path / f"{BASE}.failures.jsonl").open()]
    assert [(f["line"], f["input"].get("to_id"), f["outcome"]) for f in failures] == [
        (3, "3", "failed"), (None, "777", "failed")]  # fmt: skip
    assert hub.associations("contacts", "companies") == {("1", "2")}


def test_prune_over_the_limit_is_refused_before_anything_changes(
    hub: Emulator, tmp_path: Path, capsys: Capture
) -> None:
    seed(hub, [(1, c, []) for c in range(10, 20)])
    source = write(tmp_path / "desired.csv", "from_id,to_id\n1,10\n1,11\n")  # a truncated export
    assert job(hub, "sync", "contacts", "companies", str(source), "--prune", "--apply") == 2
    err = capsys.readouterr().err
    assert "to archive            8 (at most 1)" in err  # the plan is shown
    assert err.rstrip().splitlines()[-1] == (
        "error: prune would archive 8 of the 10 current associations of the input's from-ids, "
        "more than 1 (10 % of them, the default): nothing was changed. If the input is "
        "complete, run again with --max-prune 8"
    )
    assert len(hub.associations("contacts", "companies")) == 10
    assert job(hub, "sync", "apply", str(tmp_path / f"{BASE}.plan")) == 2
    assert "archives 8 pairs, more than its limit of 1: plan again, with --max-prune 8" in (
        capsys.readouterr().err)  # fmt: skip
    assert job(hub, "sync", "contacts", "companies", str(source), "--prune", "--apply",
               "--max-prune", "8") == 0  # fmt: skip
    assert hub.associations("contacts", "companies") == {("1", "10"), ("1", "11")}


def test_a_plan_of_no_changes_says_so_instead_of_asking_for_apply(
    hub: Emulator, tmp_path: Path, capsys: Capture
) -> None:
    seed(hub, [(1, 10, [])])
    source = write(tmp_path / "desired.csv", "from_id,to_id\n1,10\n")
    assert job(hub, "sync", "contacts", "companies", str(source)) == 0
    err = capsys.readouterr().err
    assert "to create             0\n" in err
    assert err.rstrip().splitlines()[-1] == (
        "nothing to change: the associations of the input's from-ids match it"
    )


def test_a_labels_column_is_refused_not_read_as_no_label(
    hub: Emulator, tmp_path: Path, capsys: Capture
) -> None:
    type_id = billing(hub)
    seed(hub, [(1, 10, [("USER_DEFINED", type_id)])])
    before = state(hub)
    # a typo of `label`, or a failures file fed back: read as "no label", it would take
    # Billing contact off 1 -> 10 (and plan the opposite of a failed remove_labels)
    source = write(tmp_path / "desired.csv", "from_id,to_id,labels\n1,10,Billing contact\n")
    assert job(hub, "sync", "contacts", "companies", str(source), "--apply") == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {source} has a `labels` column, which sync does not read")
    assert state(hub) == before
    assert not (tmp_path / f"{BASE}.plan").exists()


def test_a_jsonl_row_with_a_labels_key_is_refused_alone_and_its_from_id_kept(
    hub: Emulator, tmp_path: Path
) -> None:
    type_id = billing(hub)
    seed(hub, [(1, 10, [("USER_DEFINED", type_id)]), (1, 11, []), (2, 20, [])])
    source = write(tmp_path / "desired.jsonl", (
        '{"from_id": "1", "to_id": "10", "labels": "Billing contact"}\n'
        '{"from_id": "2", "to_id": "21"}\n'
    ))  # fmt: skip
    assert job(hub, "sync", "contacts", "companies", str(source), "--prune", "--max-prune",
               "10", "--apply") == 1  # fmt: skip
    # the row is refused: 1 -> 10 keeps its label, and 1's other pair is not pruned
    assert ("USER_DEFINED", type_id, "Billing contact") in hub.association_types(
        "contacts", 1, "companies", 10
    )
    assert hub.association_types("contacts", 1, "companies", 11) != []
    assert hub.association_types("contacts", 2, "companies", 20) == []  # pruned
    failures = tmp_path / "desired.sync.contacts-companies.failures.jsonl"
    (refused,) = [json.loads(line) for line in failures.read_text().splitlines()]
    assert (refused["line"], refused["error_category"]) == (1, "INVALID_ROW")
    assert refused["message"].startswith("labels is not read, label is")


def test_stale_or_changed_plans_are_refused_or_planned_again(
    hub: Emulator, tmp_path: Path, capsys: Capture
) -> None:
    source = write(tmp_path / "desired.csv", "from_id,to_id\n1,10\n")
    plan = tmp_path / f"{BASE}.plan"
    assert job(hub, "sync", "contacts", "companies", str(source)) == 0
    assert job(hub, "sync", "apply", str(plan), "--max-age", "0s") == 2
    err = capsys.readouterr().err
    assert "older than --max-age (0 s), and has changes left to send" in err
    # `sync apply` takes no --restart: the message names the command that plans again
    assert f"Plan again with `hubspot-associations sync contacts companies {source}`, or " in err
    write(source, "from_id,to_id\n1,11\n")
    assert job(hub, "sync", "apply", str(plan)) == 2
    err = capsys.readouterr().err
    assert err == (
        f"error: the input {source} changed since the plan in {plan} was made: plan again "
        f"with `hubspot-associations sync contacts companies {source}`\n"
    )
    assert hub.associations("contacts", "companies") == set()
    source.rename(tmp_path / "moved.csv")
    assert job(hub, "sync", "apply", str(plan)) == 2
    assert "the input this plan was made from cannot be read (cannot read " in (
        capsys.readouterr().err)  # fmt: skip
    (tmp_path / "moved.csv").rename(source)
    code, applied = sync(hub, capsys, "contacts", "companies", str(source), "--apply")
    assert code == 0 and applied["planned"]  # another input: planned again, then applied
    assert hub.associations("contacts", "companies") == {("1", "11")}

    write(source, "from_id,to_id\n1,12\n")
    assert job(hub, "sync", "contacts", "companies", str(source)) == 0
    capsys.readouterr()
    assert job(hub, "sync", "contacts", "companies", str(source), "--apply", "--max-age", "0") == 0
    assert "planned again: the plan in " in capsys.readouterr().err  # stale, nothing applied


def test_a_plan_being_applied_goes_on_and_is_not_planned_over(
    hub: Emulator, tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write(tmp_path / "desired.csv", "from_id,to_id\n" + "".join(
        f"{f},1\n" for f in range(1, 4001)))  # two create chunks  # fmt: skip
    hub.faults.fail_next(1, 401, match="batch_create")
    code, stopped = sync(hub, capsys, "contacts", "companies", str(source), "--apply")
    assert code == 2 and stopped["error"].startswith("HubSpot stopped the apply: ")
    hub.faults.fail_next(1, 401, match="batch_create")  # one chunk done, then stopped again
    code, stopped = sync(hub, capsys, "contacts", "companies", str(source), "--apply")
    assert code == 2 and stopped["succeeded"] == 2000 and stopped["pending"] == 2000
    assert job(hub, "sync", "contacts", "companies", str(source)) == 2
    assert (
        "holds the plan of this input being applied (2,000 of 4,000 changes done): "
        "finish it with --apply, or start over with --restart" in capsys.readouterr().err
    )
    assert job(hub, "sync", "apply", f"{tmp_path / BASE}.plan", "--max-age", "0") == 2
    assert (
        f"Plan again with `hubspot-associations sync contacts companies {source} --restart` "
        "(what was applied stays applied), or raise --max-age"
    ) in capsys.readouterr().err
    hub.clear_log()
    code, done = sync(hub, capsys, "contacts", "companies", str(source), "--apply")
    assert code == 0 and done["resumed"] == 2000 and done["succeeded"] == 4000
    assert requests(hub) == {"batch_create": 1}  # only the chunk not yet applied
    assert len(hub.associations("contacts", "companies")) == 4000

    with JobLock(Path(f"{tmp_path / BASE}.plan.lock")):  # another run holds the plan file
        assert job(hub, "sync", "contacts", "companies", str(source), "--restart") == 2
        err = capsys.readouterr().err
        assert err == (f"error: the plan file {tmp_path / BASE}.plan is in use by process "
                       f"{os.getpid()} (another run of this sync): wait for it to end, or "
                       "stop it\n")  # fmt: skip


def test_standard_input_and_a_plan_made_by_the_library(
    hub: Emulator, tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch,
    state_home: Path,
) -> None:  # fmt: skip
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"from_id,to_id\n1,10\n")))
    code, plan = sync(hub, capsys, "contacts", "companies")
    assert code == 0 and Path(plan["plan"]).parent == state_home / "jobs"
    assert Path(plan["plan"]).name.startswith("stdin-")
    assert job(hub, "sync", "apply", plan["plan"]) == 0  # no file to compare: its content
    assert hub.associations("contacts", "companies") == {("1", "10")}

    with Client("test", base_url=hub.url) as client:
        syncing.plan(client, "contacts", "companies", [(2, 20), ("x", 1)],
                     path=tmp_path / "mine.plan").close()  # fmt: skip
    assert job(hub, "sync", "apply", str(tmp_path / "mine.plan")) == 1
    (refused,) = read_failures(tmp_path / "mine.failures.csv")
    assert refused["line"] == "" and refused["error_category"] == "INVALID_ROW"
    assert refused["message"].endswith("(row 2 of the input, ('x', 1))")
    assert ("2", "20") in hub.associations("contacts", "companies")


def test_what_stops_sync_is_one_line_and_status_2(
    hub: Emulator, tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write(tmp_path / "desired.csv", "from_id,to_id\n1,10\n")
    not_a_plan = write(tmp_path / "other.plan", "hello")
    assert job(hub, "sync", "contacts", "companies", str(source), "--plan", str(not_a_plan)) == 2
    assert capsys.readouterr().err.startswith(f"error: {not_a_plan} is not a sync plan file")
    assert job(hub, "sync", "apply", str(tmp_path / "missing.plan")) == 2
    assert capsys.readouterr().err.startswith("error: no plan file at ")
    assert job(hub, "sync", "contacts", "companies", str(tmp_path / "nope.csv")) == 2
    assert capsys.readouterr().err.startswith("error: cannot read ")
    for option, path in (("--plan", source / "p.plan"), ("--changes", Path("/dev/full"))):
        assert job(hub, "sync", "contacts", "companies", str(source), option, str(path)) == 2
        err = capsys.readouterr().err  # a path under a file; a full disk
        assert err.startswith(f"error: cannot write {path}") and err.count("\n") == 1
    assert Path("/dev/full").is_char_device()  # written to, never replaced
    hub.faults.fail_next(1, 401, match="batch_read")
    code, failed = sync(hub, capsys, "contacts", "companies", str(source))
    assert code == 2 and failed["error"].startswith("HubSpot stopped the plan: ")
    assert job(hub, "sync", "apply", str(tmp_path / f"{BASE}.plan")) == 2
    assert "is unfinished: run the `hubspot-associations sync` that made it again" in (
        capsys.readouterr().err)  # fmt: skip
    monkeypatch.delenv("HUBSPOT_ACCESS_TOKEN")
    assert main(["sync", "contacts", "companies", str(source)]) == 2
    assert "no access token" in capsys.readouterr().err
    with sqlite3.connect(tmp_path / f"{BASE}.plan") as db:  # the interrupted plan is kept
        assert db.execute("SELECT value FROM meta WHERE key = 'status'").fetchone() == (
            '"reading"',)  # fmt: skip
