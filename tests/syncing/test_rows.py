"""Desired rows: the forms a row and its labels may take, what is refused and why, label
resolution, the fingerprint; and the plan that drives a read stream."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hubspot_associations import AssociationInput, AssociationType, LabelDefinition, Pair
from hubspot_associations._plans import emit, emit_all, sleep
from hubspot_associations.syncing import SyncPlan, fingerprint
from hubspot_associations.syncing.planner import _drain
from hubspot_associations.syncing.rows import LabelBook, RowError, parse_row

BOOK = LabelBook(
    [
        LabelDefinition("HUBSPOT_DEFINED", 279, None),
        LabelDefinition("HUBSPOT_DEFINED", 1, "Primary"),
        LabelDefinition("USER_DEFINED", 501, "Billing"),
        LabelDefinition("USER_DEFINED", 502, "Billing"),
        LabelDefinition("USER_DEFINED", 503, "Owner"),
    ],
    "contacts",
    "companies",
)


@pytest.mark.parametrize(
    ("row", "parsed"),
    [
        (("1", "2"), ("1", "2", ())),
        (("1", "2", None), ("1", "2", ())),
        (("1", "2", "Owner"), ("1", "2", ("Owner",))),
        ([1, 2, ["Owner", ("USER_DEFINED", 503)]], ("1", "2", ("Owner", ("USER_DEFINED", 503)))),
        ((1, 2, ("USER_DEFINED", 503)), ("1", "2", (("USER_DEFINED", 503),))),
        (Pair("1", "2"), ("1", "2", ())),
        (
            AssociationInput("1", "2", (AssociationType("USER_DEFINED", 503),)),
            ("1", "2", (("USER_DEFINED", 503),)),
        ),
        (("9223372036854775807", "2"), ("9223372036854775807", "2", ())),  # 19 digits: checked
    ],
)
def test_rows_in_every_form(row: Any, parsed: Any) -> None:
    assert parse_row(row, 0) == parsed


@pytest.mark.parametrize(
    ("row", "message", "held"),
    [
        ("1,2", r"must be a \(from_id, to_id\)", (None, None)),
        ((1,), r"must be a \(from_id, to_id\)", (None, None)),
        (("01", "2"), r"desired\[7\] from_id must be a record id", (None, None)),
        (("1", "9223372036854775808"), "to_id must be a record id", ("1", None)),
        (("1", "2", "  "), "is an empty label", ("1", "2")),
        (("1", "2", 5), "must be None, a label or a sequence", ("1", "2")),
        (("1", "2", [5]), r"labels\[0\] must be a label's text", ("1", "2")),
        (("1", "2", [("NOPE", 1)]), r"labels\[0\]\[0\] \(category\) must be one of", ("1", "2")),
    ],
)
def test_rows_that_cannot_be_read(row: Any, message: str, held: tuple[Any, Any]) -> None:
    with pytest.raises(RowError, match=message) as caught:
        parse_row(row, 7)
    assert caught.value.category == "INVALID_ROW"
    assert (caught.value.from_id, caught.value.to_id) == held


def test_labels_resolve_by_text_or_type_and_defaults_drop_out() -> None:
    assert BOOK.keys(("1", "2", ("Owner", ("HUBSPOT_DEFINED", 1)))) == (
        "HUBSPOT_DEFINED:1,USER_DEFINED:503"
    )
    assert BOOK.keys(("1", "2", (("HUBSPOT_DEFINED", 279),))) == ""  # the default type
    assert BOOK.default == "HUBSPOT_DEFINED:279"
    # the text is matched as the CLI jobs match it: exactly, then ignoring case and spaces
    assert BOOK.keys(("1", "2", ("  owner ",))) == "USER_DEFINED:503"
    with pytest.raises(RowError, match=r"label 'Billing' names 2 association types "
                       r"\(USER_DEFINED 501, USER_DEFINED 502\)") as caught:  # fmt: skip
        BOOK.keys(("1", "2", ("Billing",)))
    assert (caught.value.category, caught.value.from_id, caught.value.to_id) == (
        "UNKNOWN_LABEL", "1", "2")  # fmt: skip
    assert BOOK.types("USER_DEFINED:503") == (AssociationType("USER_DEFINED", 503, "Owner"),)


def test_the_fingerprint_follows_the_rows() -> None:
    rows = [("1", "2"), (1, 2, "Owner"), ("x", "y")]
    assert fingerprint(rows) == fingerprint(iter(rows))
    assert fingerprint(rows).startswith("3-")
    assert fingerprint(rows) != fingerprint(rows[:2])
    assert fingerprint([("1", "2", "Owner")]) == fingerprint([(1, 2, ["Owner"])])
    assert fingerprint([("1", "2", "Owner")]) != fingerprint([("1", "2", "Billing")])
    many = [(str(i), "1") for i in range(10_000)]  # more than one hashed batch
    assert fingerprint(many) == fingerprint(iter(many)) != fingerprint(many[:-1])


def test_a_plan_file_of_another_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.plan"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("INSERT INTO meta VALUES ('format', '99')")
    with pytest.raises(ValueError, match="another format"):
        SyncPlan.load(path)


def test_drain_hands_out_every_item_and_throws_errors_into_the_stream() -> None:
    def stream() -> Any:
        yield from emit(1)
        yield from emit_all([2, 3])
        try:
            yield from sleep(0)
        except ValueError:
            yield from emit(4)

    items: list[int] = []
    plan = _drain(stream(), items.append)
    assert type(plan.send(None)).__name__ == "Sleep"
    with pytest.raises(StopIteration):
        plan.throw(ValueError("from the driver"))
    assert items == [1, 2, 3, 4]


def test_a_rolled_back_step_leaves_the_plan_as_the_file_has_it() -> None:
    with SyncPlan.temporary() as plan:
        plan._reset(from_type="contacts", to_type="companies")
        plan._begin()
        plan._set(status="reading", read_through="42")
        plan._rollback()  # a failed commit (a full disk) or an interrupted chunk
        assert plan.status == "ingesting" and "read_through" not in plan._meta
