"""Rows the SDK would refuse are refused by the command first, with the SDK's own checks: a
recorded ``INVALID_ROW`` failure in every command, never a crash, and the job finishes."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from hubspot_associations.batching import BatchResult, ChunkResult
from hubspot_associations.cli import main
from hubspot_associations.jobs import KINDS
from hubspot_associations.jobs.kinds import run_chunk
from hubspot_associations.jobs.source import MAX_ROW
from hubspot_associations.models import Pair
from hubspot_associations.testing import Emulator

from .helpers import read_failures

Capture = pytest.CaptureFixture[str]

# Cells the CSV parser reads fine but HubSpot's ids are not: leading zeros (HubSpot would
# read record 7), beyond int64, 20 digits, non-ASCII digits, a sign.
BAD_IDS = ["007", "9223372036854775808", "12345678901234567890", "١٢", "+5", "1e3"]


@pytest.mark.parametrize(
    ("command", "header", "row"),
    [
        ("create", "from_id,to_id,category,type_id", "{a},{b},HUBSPOT_DEFINED,1"),
        ("associate-default", "from_id,to_id", "{a},{b}"),
        ("archive", "from_id,to_id", "{a},{b}"),
        ("archive-labels", "from_id,to_id,category,type_id", "{a},{b},HUBSPOT_DEFINED,1"),
        ("read", "id", "{a}"),
    ],
)
def test_ids_the_sdk_refuses_are_invalid_rows_in_every_command(
    hub: Emulator, tmp_path: Path, capsys: Capture, command: str, header: str, row: str
) -> None:
    lines = [header, row.format(a=1, b=101)]
    for i, bad in enumerate(BAD_IDS):
        lines.append(row.format(a=bad, b=200 + i))
        if "{b}" in row:
            lines.append(row.format(a=300 + i, b=bad))
    lines.append(row.format(a=2, b=102))
    source = tmp_path / "in.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    failures = tmp_path / "failures.csv"
    args = [
        command,
        "contacts",
        "companies",
        str(source),
        "--failures",
        str(failures),
        "--base-url",
        hub.url,
        "--progress",
        "none",
        "-o",
        str(tmp_path / "out.csv"),
    ]
    assert main(args) == 1
    assert "Traceback" not in capsys.readouterr().err
    bad = read_failures(failures)
    assert {f["error_category"] for f in bad} == {"INVALID_ROW"}
    assert sorted(int(f["line"]) for f in bad) == list(range(3, len(lines)))
    assert "without leading zeros" in bad[0]["message"]  # the SDK's own words
    assert main(args) == 1  # run again: the job had finished, nothing crashes
    assert "already finished" in capsys.readouterr().err


class _Answers:
    """A stand-in for ``client.batch`` whose archive answers for the first input only."""

    def archive(self, from_type: str, to_type: str, items: list[Pair]) -> BatchResult[Pair, object]:
        result: BatchResult[Pair, object] = BatchResult()
        result.add(ChunkResult(0, 0, tuple(items), (items[0],), (), ()))
        return result


def test_rows_the_answer_does_not_account_for_are_failures_not_successes() -> None:
    client = SimpleNamespace(batch=_Answers())
    valid = [(2, ["1", "101"], Pair("1", "101")), (3, ["2", "102"], Pair("2", "102"))]
    outcome = run_chunk(
        KINDS["archive"],
        client,
        "contacts",
        "companies",  # type: ignore[arg-type]
        valid,
        [],
        lambda raw: dict(zip(("from_id", "to_id"), raw, strict=True)),
    )
    assert outcome.succeeded == 1
    assert [(f.line, f.category) for f in outcome.failures] == [(3, "UNACCOUNTED")]
    assert outcome.results == [{"from_id": "1", "to_id": "101"}]


def test_a_long_cell_in_an_ignored_column_is_read(hub: Emulator, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    notes = "x" * 300_000  # over the csv module's 128 KiB field limit
    source.write_text(f"from_id,to_id,notes\n1,101,{notes}\n2,102,short\n")
    assert main(["associate-default", "contacts", "companies", str(source),
                 "--base-url", hub.url, "--progress", "none"]) == 0  # fmt: skip
    assert hub.associations("contacts", "companies") == {("1", "101"), ("2", "102")}


def test_a_row_past_the_bound_refuses_a_csv_and_fails_a_jsonl_row_alone(
    hub: Emulator, tmp_path: Path, capsys: Capture
) -> None:
    huge = "y" * (MAX_ROW + 10)
    source = tmp_path / "in.csv"
    source.write_text(f'from_id,to_id,notes\n1,101,ok\n2,102,"never closed\n{huge}\n3,103,ok\n')
    args = ["associate-default", "contacts", "companies", "--base-url", hub.url,
            "--progress", "none"]  # fmt: skip
    assert main([*args, str(source)]) == 2
    err = capsys.readouterr().err
    assert "the row that line 4 is part of is longer than 16 MiB" in err
    assert "never closed" in err and hub.associations("contacts", "companies") == set()

    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(
        '{"from_id": 1, "to_id": 101}\n'
        f'{{"from_id": 2, "to_id": 102, "notes": "{huge}"}}\n'
        '{"from_id": 3, "to_id": 103}\n'
    )
    assert main([*args, str(jsonl)]) == 1
    failures = tmp_path / "in.associate-default.contacts-companies.failures.jsonl"
    (failure,) = [json.loads(line) for line in failures.read_text().splitlines()]
    assert (failure["line"], failure["message"]) == (2, "longer than 16 MiB")
    assert hub.associations("contacts", "companies") == {("1", "101"), ("3", "103")}


@pytest.mark.parametrize(
    ("command", "header", "row"),
    [
        ("associate-default", "from_id,to_id,from_id", "1,101,2"),
        ("read", "id,id", "1,2"),
        ("create", "from_id,to_id,label,label", "1,101,Primary,Billing"),
    ],
)
def test_a_header_naming_a_column_twice_refuses_the_file(
    hub: Emulator, tmp_path: Path, capsys: Capture, command: str, header: str, row: str
) -> None:
    # Was one of the two cells taken silently (the job then acted on a guess): which one is
    # meant only the file's author knows.
    source = tmp_path / "in.csv"
    source.write_text(f"{header},notes,notes\n{row},a,b\n")
    assert main([command, "contacts", "companies", str(source), "--base-url", hub.url,
                 "--progress", "none"]) == 2  # fmt: skip
    (line,) = capsys.readouterr().err.splitlines()
    column = header.split(",")[-1]
    assert line.startswith(f"error: {source} names the column {column} twice")
    assert hub.associations("contacts", "companies") == set()
    assert not hub.requests or all("labels" in r.path for r in hub.requests)
