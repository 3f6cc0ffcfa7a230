"""Sync against the emulator, with ``Client`` and ``AsyncClient``: the plan, exactly its
changes applied, idempotence, labels by name, refusals, the prune limit, stale plans."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from hubspot_associations import (
    FAILED,
    AssociationType,
    AuthenticationError,
    BatchError,
    Client,
    syncing,
)
from hubspot_associations.syncing import PlanRefusedError, PruneLimitError, SyncError, SyncPlan
from hubspot_associations.syncing.planfile import SENT
from hubspot_associations.testing import Emulator, _log

from .helpers import COMPANIES, CONTACTS, DEFAULT, PRIMARY, Sync, requests, seed, state, writes

pytest.importorskip("uvicorn")


@pytest.fixture(params=[False, True], ids=["sync", "async"])
def sync(request: pytest.FixtureRequest, hubspot_emulator: Emulator) -> Sync:
    return Sync(hubspot_emulator, request.param)


def billing(hub: Emulator) -> tuple[str, int]:
    with Client("test", base_url=hub.url) as client:
        made = client.labels.create(CONTACTS, COMPANIES, "Billing contact")
    return (made[0].category, made[0].type_id)


def test_plan_apply_then_nothing_left_to_do(sync: Sync) -> None:
    hub = sync.hub
    bill = billing(hub)
    seed(hub, [
        (1, 10, [PRIMARY]),      # Primary to drop, Billing to add
        (1, 11, []),             # not in the file: archived (prune)
        (2, 20, [bill]),         # as desired
        (9, 90, []),             # another from-id: never touched
    ])  # fmt: skip
    desired = [
        (1, 10, "Billing contact"),
        ("1", "12", [PRIMARY, "Billing contact"]),  # new, two labels
        (2, 20, AssociationType(*bill)),
        (3, 30),  # new, no label
        (3, 30, None),  # the same pair again
    ]
    plan = sync.plan(desired, prune=True, max_prune=1)  # 10 % of 3 would be 0
    counts = plan.counts
    assert (counts.create, counts.add_labels, counts.remove_labels, counts.archive) == (2, 1, 1, 1)
    assert (counts.rows, counts.from_ids, counts.current, counts.refused) == (5, 3, 3, 0)
    assert {str(c) for c in plan} == {
        "archive 1 -> 11",
        "remove_labels 1 -> 10 [Primary]",
        "add_labels 1 -> 10 [Billing contact]",
        "create 1 -> 12 [Primary, Billing contact]",
        "create 3 -> 30 [unlabelled]",
    }
    assert state(hub)[("1", "11")] == {DEFAULT}  # planning changed nothing

    hub.clear_log()
    result = sync.apply(plan)
    assert result.ok and result.succeeded == 5
    assert writes(hub) == {"batch_create": 3, "batch_archive": 1, "batch_archive_labels": 1}
    assert state(hub) == {
        ("1", "10"): {DEFAULT, bill},
        ("1", "12"): {DEFAULT, PRIMARY, bill},
        ("2", "20"): {DEFAULT, bill},
        ("3", "30"): {DEFAULT},
        ("9", "90"): {DEFAULT},
    }
    again = sync.plan(desired, prune=True, max_prune=1)
    assert len(again) == 0 and again.counts.changes == 0
    assert again.fingerprint == plan.fingerprint


def test_without_prune_nothing_outside_the_file_goes(sync: Sync) -> None:
    # A user-defined label: a second Primary company would demote the first (HubSpot's rule).
    bill = billing(sync.hub)
    seed(sync.hub, [(1, 10, []), (1, 11, [bill])])
    plan = sync.plan([(1, 10, "Billing contact")])
    assert [str(c) for c in plan] == ["add_labels 1 -> 10 [Billing contact]"]
    sync.apply(plan)
    assert state(sync.hub) == {("1", "10"): {DEFAULT, bill}, ("1", "11"): {DEFAULT, bill}}


def test_refused_rows_change_nothing_and_name_what_is_known(sync: Sync) -> None:
    hub = sync.hub
    billing(hub)
    seed(hub, [(1, 10, []), (1, 11, []), (2, 20, []), (2, 21, [])])
    desired: list[Any] = [
        (1, 11, "Biling contact"),  # typo: refused; the pair is held as it is
        (2, "n/a"),  # unreadable to-id: refused; from-id 2 is not pruned at all
        (2, 20),
        ("x", 1),
        "not a row",
        (3, 30, ("USER_DEFINED", 999)),
    ]
    plan = sync.plan(desired, prune=True, max_prune=10)
    refused = {r.row: r for r in plan.refused()}
    assert sorted(refused) == [0, 1, 3, 4, 5]
    assert refused[0].category == "UNKNOWN_LABEL"
    assert "'Biling contact'" in refused[0].message
    assert refused[0].message == (  # the one resolver's message, as the CLI jobs say it
        "no label 'Biling contact' from contacts to companies; the labels are: "
        "'Billing contact', 'Primary'"
    )
    assert refused[5].category == "UNKNOWN_LABEL" and "USER_DEFINED:999" in refused[5].message
    assert "HUBSPOT_DEFINED:279 (unlabelled)" in refused[5].message
    assert {refused[i].category for i in (1, 3, 4)} == {"INVALID_ROW"}
    assert refused[4].input == "'not a row'"
    assert [str(c) for c in plan] == ["archive 1 -> 10"]  # 1->11 held; 2 held from prune
    sync.apply(plan)
    assert set(state(hub)) == {("1", "11"), ("2", "20"), ("2", "21")}


def test_prune_refuses_more_than_a_tenth_before_anything_changes(sync: Sync) -> None:
    hub = sync.hub
    seed(hub, [(1, 100 + i, []) for i in range(20)])
    desired = [(1, 100), (1, 101)]  # a truncated export: 18 of 20 would go
    before = state(hub)
    hub.clear_log()
    with pytest.raises(PruneLimitError) as caught:
        sync.plan(desired, prune=True)
    error = caught.value
    assert (error.archive, error.limit) == (18, 2)  # 10 % of 20
    assert "max_prune=2 (10 % of them, the default)" in str(error)
    assert "nothing was changed" in str(error)
    assert error.plan.status == "refused" and error.plan.counts.archive == 18
    assert set(requests(hub)) == {"labels_list", "batch_read"}
    with pytest.raises(PlanRefusedError) as refused:
        sync.apply(error.plan)
    assert refused.value.reason == "prune_limit"
    assert state(hub) == before
    with pytest.raises(PruneLimitError, match=r"max_prune=17 \(given\)"):
        sync.plan(desired, prune=True, max_prune=17)
    result = sync.apply(sync.plan(desired, prune=True, max_prune=18))
    assert result.succeeded == 18 and set(state(hub)) == {("1", "100"), ("1", "101")}


def test_stale_or_changed_plans_are_refused(sync: Sync, tmp_path: Path) -> None:
    desired = [(1, 10), (1, 11)]
    plan = sync.plan(desired, path=tmp_path / "p.plan")
    with pytest.raises(PlanRefusedError) as stale:
        sync.apply(plan, max_age=0)
    assert stale.value.reason == "stale" and "older than max_age=0 s" in str(stale.value)
    with pytest.raises(PlanRefusedError) as changed:
        sync.apply(plan, desired=[(1, 10), (1, 12)])
    assert changed.value.reason == "inputs_changed"
    assert state(sync.hub) == {}
    result = sync.apply(str(tmp_path / "p.plan"), max_age=3600, desired=iter(desired))
    assert result.succeeded == 2
    assert sync.apply(plan, max_age=0).succeeded == 2  # nothing left to send: not stale


def test_save_load_and_summary(sync: Sync, tmp_path: Path) -> None:
    seed(sync.hub, [(5, 50, [])])
    plan = sync.plan([(5, 51), (5, 52), (6, 60)], prune=True, max_prune=1)
    plan.save(tmp_path / "copy.plan")
    loaded = SyncPlan.load(tmp_path / "copy.plan")
    assert list(loaded) == list(plan) and loaded.counts == plan.counts
    assert (loaded.from_type, loaded.to_type, loaded.prune, loaded.max_prune) == (
        CONTACTS, COMPANIES, True, 1)  # fmt: skip
    rows = syncing.fingerprint([(5, 51), (5, 52), (6, 60)])
    assert loaded.fingerprint == plan.fingerprint == f"{rows}/contacts/companies/prune=True"
    assert set(loaded.seconds) == {"labels", "ingest", "reads", "compare", "finish"}
    summary = plan.summary(sample=1)
    assert summary.splitlines() == [
        "sync plan contacts -> companies (ready), 3 desired row(s) over 2 from-id(s) holding "
        "1 association(s): 3 to create, 0 to add labels to, 0 to remove labels from, "
        "1 to archive",
        "  archive 5 -> 50",
        "  create 5 -> 51 [unlabelled]",
        "  ... 2 more create",
    ]
    temporary = plan.path
    plan.close()
    assert not temporary.exists()  # a plan made without path= is removed when closed
    assert sync.apply(loaded).succeeded == 4
    loaded.close()


def test_apply_sends_exactly_the_differences_in_chunks(
    sync: Sync, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_log, "RECORDED_BODY_LIMIT", 2**30)  # keep the bodies of 2,000 inputs
    hub = sync.hub
    seed(hub, [(f, 7, []) for f in range(1, 1001)])
    desired = [(f, t) for f in range(1, 1001) for t in (7, 8, 9)]  # 1,000 exist already
    plan = sync.plan(desired)
    assert plan.counts.create == 2000
    hub.clear_log()
    sync.apply(plan)
    creates = [len(r.body["inputs"]) for r in hub.requests if r.operation == "batch_create"]
    assert creates == [2000]
    desired += [(f, t) for f in range(1, 1001) for t in (10, 11)] + [(1001, 1)]
    hub.clear_log()
    sync.apply(sync.plan(desired))
    creates = [len(r.body["inputs"]) for r in hub.requests if r.operation == "batch_create"]
    assert sorted(creates) == [1, 2000]  # AsyncClient sends both at once
    assert requests(hub)["batch_read"] == 2  # 1,001 from-ids: two batch reads


def test_a_chunk_whose_answer_was_lost_is_read_back_not_sent_twice(sync: Sync) -> None:
    hub = sync.hub
    plan = sync.plan([(1, 10), (1, 11), (2, 20, "Primary")])
    # as if a crash came after the chunk was sent and two of its changes took effect
    seed(hub, [(1, 10, []), (2, 20, [PRIMARY])])
    (index, _, _), = plan._chunks("create", 0)  # fmt: skip
    plan._begin()
    plan._mark("create", [index], SENT)
    plan._commit()
    hub.clear_log()
    result = sync.apply(plan)
    assert result.ok and result.succeeded == 3
    assert writes(hub) == {"batch_create": 1}  # only 1 -> 11
    assert requests(hub)["batch_read"] == 1


def test_failed_changes_are_recorded_once(hubspot_emulator_factory: Any) -> None:
    hub = hubspot_emulator_factory(strict_records=True)
    hub.seed_records(CONTACTS, [1, 2])
    hub.seed_records(COMPANIES, [10])
    sync = Sync(hub, False)
    plan = sync.plan([(1, 10), (1, 99), (2, 10)])
    assert abs(plan.created_at.timestamp() - time.time()) < 60
    progress: list[tuple[int, int]] = []
    result = sync.apply(plan, on_progress=lambda done, total: progress.append((done, total)))
    assert progress == [(3, 3)]
    assert (result.succeeded, result.failed, result.unknown, result.ok) == (2, 1, 0, False)
    (failure,) = result.failures()
    assert str(failure.change) == "create 1 -> 99 [unlabelled]"
    assert failure.category == "OBJECT_NOT_FOUND" and failure.outcome == FAILED
    with pytest.raises(BatchError, match="1 of 3 change"):
        result.raise_for_errors()
    hub.clear_log()
    again = sync.apply(plan)
    assert len(hub.requests) == 0 and len(list(again.failures())) == 1


def test_a_fatal_error_stops_apply_and_the_next_run_finishes(sync: Sync) -> None:
    hub = sync.hub
    plan = sync.plan([(1, 10), (2, 20, "Primary")])  # one create chunk
    hub.faults.fail_next(1, 401, match="batch_create")
    with pytest.raises(AuthenticationError):
        sync.apply(plan)
    assert plan.result().pending == 2 and state(hub) == {}
    assert sync.apply(plan).ok
    assert set(state(hub)) == {("1", "10"), ("2", "20")}


def test_plan_resumes_after_the_reads_stopped(sync: Sync, tmp_path: Path) -> None:
    hub = sync.hub
    desired = [(f, 1) for f in range(1, 1501)]
    path = tmp_path / "p.plan"
    hub.faults.fail_next(1, 401, match="batch_read")
    with pytest.raises(AuthenticationError):
        sync.plan(desired, path=path)
    with SyncPlan.load(path) as unfinished:
        assert unfinished.status == "reading"
        with pytest.raises(PlanRefusedError, match="unfinished") as refused:
            sync.apply(unfinished)
        assert refused.value.reason == "unfinished"
    hub.clear_log()
    plan = sync.plan(desired, path=path)  # the same input: the reads go on
    assert requests(hub) == {"batch_read": 2}  # no labels again
    assert plan.counts.create == 1500
    hub.faults.fail_next(1, 401, match="batch_read")
    with pytest.raises(AuthenticationError):
        sync.plan(desired, path=path)
    hub.clear_log()
    changed = sync.plan(desired[:10], path=path)  # another input: it starts over
    assert requests(hub) == {"batch_read": 1}  # with the labels the interrupted plan read
    assert changed.counts.create == 10
    sync.apply(changed)
    with pytest.raises(SyncError, match="being applied"):
        sync.plan(desired, path=path)


def test_a_resumed_plan_reads_generator_rows_once_changed_or_not(
    sync: Sync, tmp_path: Path
) -> None:
    """Rows given as a generator can be read once: resuming compares them as it takes them
    in, so changed rows make a plan of the new rows (it used to be empty), and the same rows
    let the reads go on."""
    hub = sync.hub
    path = tmp_path / "p.plan"
    first = [(f, 1) for f in range(1, 1501)]
    hub.faults.fail_next(1, 401, match="batch_read")
    with pytest.raises(AuthenticationError):
        sync.plan(iter(first), path=path)
    hub.clear_log()
    same = sync.plan(iter(first), path=path)
    assert requests(hub) == {"batch_read": 2}  # no labels: the interrupted plan goes on
    assert same.counts.create == 1500

    hub.faults.fail_next(1, 401, match="batch_read")
    with pytest.raises(AuthenticationError):
        sync.plan(iter(first), path=path)
    changed = [(f, 2, "Primary") for f in range(1, 1201)]
    plan = sync.plan((row for row in changed), path=path)
    assert (plan.counts.rows, plan.counts.create, plan.counts.from_ids) == (1200, 1200, 1200)
    assert {(c.from_id, c.to_id) for c in plan} == {(str(f), "2") for f in range(1, 1201)}
    assert plan.fingerprint.startswith(syncing.fingerprint(changed))
    sync.apply(plan)
    assert len(sync.plan(iter(changed))) == 0


def test_a_failing_desired_iterable_leaves_an_unfinished_plan(sync: Sync, tmp_path: Path) -> None:
    def rows() -> Any:
        yield (1, 10)
        raise OSError("the export went away")

    with pytest.raises(OSError, match="went away"):
        sync.plan(rows(), path=tmp_path / "p.plan")
    assert SyncPlan.load(tmp_path / "p.plan").status == "ingesting"
    assert sync.plan([(1, 10)], path=tmp_path / "p.plan").counts.create == 1


def test_files_that_are_not_plans_are_refused(tmp_path: Path, hubspot_emulator: Emulator) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    text = tmp_path / "notes.txt"
    text.write_text("hello " * 1000)
    for path in (other, text):
        with pytest.raises(ValueError, match="not a sync plan file"):
            SyncPlan.load(path)
    with pytest.raises(FileNotFoundError):
        SyncPlan.load(tmp_path / "missing")
    with Client("test", base_url=hubspot_emulator.url) as client:
        with pytest.raises(ValueError, match="not a sync plan file"):
            syncing.plan(client, CONTACTS, COMPANIES, [(1, 2)], path=other)
        with pytest.raises(TypeError, match="desired must be an iterable"):
            syncing.plan(client, CONTACTS, COMPANIES, "1,2")  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="prune must be a bool"):
            syncing.plan(client, CONTACTS, COMPANIES, [], prune=1)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="from_type"):
            syncing.plan(client, "../x", COMPANIES, [])
        with pytest.raises(TypeError, match="plan must be a SyncPlan"):
            syncing.apply(client, 42)  # type: ignore[arg-type]
    with sqlite3.connect(other) as db:  # nothing was added to someone else's database
        assert [n for (n,) in db.execute("SELECT name FROM sqlite_master")] == ["t"]
