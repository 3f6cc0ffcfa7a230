"""Labels by their text (issue 17): ``labels list|create`` without Python, a ``label`` column
in ``create`` and ``archive-labels`` resolved through the labels API, an unknown label a
failure naming the known ones, and ``--dry-run`` writing the rows it would refuse."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hubspot_associations.cli import main
from hubspot_associations.jobs.labels import LabelResolver, LabelsUnavailable, UnknownLabel
from hubspot_associations.models import LabelDefinition
from hubspot_associations.testing import Emulator

from .helpers import job, read_failures

Capture = pytest.CaptureFixture[str]


def billing(hub: Emulator, capsys: Capture) -> int:
    """Create the "Billing contact" label; its type id."""
    assert main(["labels", "create", "contacts", "companies", "Billing contact", "--json",
                 "--base-url", hub.url]) == 0  # fmt: skip
    (made,) = json.loads(capsys.readouterr().out)
    assert (made["category"], made["label"]) == ("USER_DEFINED", "Billing contact")
    return int(made["type_id"])


def test_labels_list_and_create_from_the_command_line(hub: Emulator, capsys: Capture) -> None:
    type_id = billing(hub, capsys)
    assert main(["labels", "list", "contacts", "companies", "--base-url", hub.url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["category", "type_id", "label"]
    assert f"USER_DEFINED         {type_id}  Billing contact" in lines
    assert "HUBSPOT_DEFINED      279  (unlabelled)" in lines
    assert "HUBSPOT_DEFINED        1  Primary" in lines
    assert main(["labels", "list", "contacts", "companies", "--json", "--base-url", hub.url]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {"category": "USER_DEFINED", "type_id": type_id, "label": "Billing contact"} in listed
    assert main(["labels", "create", "contacts", "companies", " ", "--base-url", hub.url]) == 2
    assert capsys.readouterr().err.startswith("error: ")


def test_labels_need_a_token(capsys: Capture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HUBSPOT_ACCESS_TOKEN", raising=False)
    assert main(["labels", "list", "contacts", "companies"]) == 2
    assert "HUBSPOT_ACCESS_TOKEN" in capsys.readouterr().err


def test_a_label_column_creates_and_archives_by_the_labels_text(
    hub: Emulator, tmp_path: Path, capsys: Capture
) -> None:
    type_id = billing(hub, capsys)
    source = tmp_path / "in.csv"
    source.write_text(
        "from_id,to_id,label,category,type_id\n"
        "1,101,Billing contact,,\n"
        "2,102,  billing CONTACT ,,\n"  # case and spaces do not matter
        "3,103,Invoice contact,,\n"  # no such label
        f"4,104,Billing contact,USER_DEFINED,{type_id}\n"  # both: they agree
        "5,105,Billing contact,HUBSPOT_DEFINED,1\n"  # both: they disagree
        "6,106,,HUBSPOT_DEFINED,1\n"  # no label: category and type_id
        "7,107,,,\n"  # neither
    )
    assert job(hub, "create", "contacts", "companies", str(source)) == 1
    for contact, company in ((1, 101), (2, 102), (4, 104)):
        assert ("USER_DEFINED", type_id, "Billing contact") in hub.association_types(
            "contacts", contact, "companies", company
        )
    assert ("HUBSPOT_DEFINED", 1, "Primary") in hub.association_types(
        "contacts", 6, "companies", 106
    )
    failures = read_failures(tmp_path / "in.create.contacts-companies.failures.csv")
    assert [(f["line"], f["error_category"], f["label"]) for f in failures] == [
        ("4", "UNKNOWN_LABEL", "Invoice contact"),
        ("6", "INVALID_ROW", "Billing contact"),
        ("8", "INVALID_ROW", ""),
    ]
    assert failures[0]["message"] == (
        "no label 'Invoice contact' from contacts to companies; the labels are: "
        "'Billing contact', 'Primary'"
    )
    assert "the row says HUBSPOT_DEFINED 1" in failures[1]["message"]
    assert failures[2]["message"] == "give category and type_id, or label"

    removal = tmp_path / "remove.jsonl"
    removal.write_text('{"from_id": "1", "to_id": "101", "label": "Billing contact"}\n')
    assert job(hub, "archive-labels", "contacts", "companies", str(removal)) == 0
    assert ("USER_DEFINED", type_id, "Billing contact") not in hub.association_types(
        "contacts", 1, "companies", 101
    )


def test_a_file_without_type_columns_or_label_is_refused(
    hub: Emulator, tmp_path: Path, capsys: Capture
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("from_id,to_id,category\n1,101,USER_DEFINED\n")
    assert job(hub, "create", "contacts", "companies", str(source)) == 2
    assert (
        "lacks the column(s) type_id: the header row must name from_id, to_id, category, "
        "type_id (or label instead of category, type_id)"
    ) in capsys.readouterr().err


def test_dry_run_writes_the_rows_it_would_refuse_and_reads_only_the_labels(
    hub: Emulator, tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    billing(hub, capsys)
    hub.clear_log()
    source = tmp_path / "in.csv"
    source.write_text(
        "from_id,to_id,label\n1,101,Billing contact\n007,102,Billing contact\n3,103,Nope\n"
    )
    assert job(hub, "create", "contacts", "companies", str(source), "--dry-run") == 1
    refused = read_failures(tmp_path / "in.create.contacts-companies.dry-run.failures.csv")
    assert [(f["line"], f["outcome"], f["error_category"]) for f in refused] == [
        ("3", "failed", "INVALID_ROW"),
        ("4", "failed", "UNKNOWN_LABEL"),
    ]
    assert [r.operation for r in hub.requests] == ["labels_list"]  # nothing else sent
    assert hub.associations("contacts", "companies") == set()
    assert not (tmp_path / "in.create.contacts-companies.failures.csv").exists()
    assert not list(tmp_path.glob("*.journal"))
    err = capsys.readouterr().err
    assert "invalid rows          2" in err and "dry-run.failures.csv" in err

    monkeypatch.delenv("HUBSPOT_ACCESS_TOKEN")  # labels cannot be read: one line, exit 2
    assert job(hub, "create", "contacts", "companies", str(source), "--dry-run") == 2
    err = capsys.readouterr().err
    assert err == (  # what the command line needs, not the library's `access_token=...`
        "error: cannot read the labels of contacts -> companies: no access token: set "
        "HUBSPOT_ACCESS_TOKEN (the label column needs them)\n"
    )


@pytest.mark.parametrize("command", ["associate-default", "archive", "read"])
def test_dry_run_of_every_command_writes_its_refusals(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HUBSPOT_ACCESS_TOKEN", raising=False)  # a dry run needs no token
    data = "id\n1\nx\n" if command == "read" else "from_id,to_id\n1,2\nx,3\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    failures = tmp_path / "refused.jsonl"
    assert main([command, "contacts", "companies", "--dry-run", "--failures", str(failures),
                 "--progress", "none"]) == 1  # fmt: skip
    (refused,) = [json.loads(line) for line in failures.read_text().splitlines()]
    assert (refused["line"], refused["error_category"]) == (3, "INVALID_ROW")


def definitions(*labels: tuple[str, int, str | None]) -> list[LabelDefinition]:
    return [LabelDefinition(category, type_id, label) for category, type_id, label in labels]


def test_the_resolver_reads_once_and_refuses_ambiguous_text() -> None:
    calls = []

    def fetch() -> list[LabelDefinition]:
        calls.append(1)
        return definitions(
            ("USER_DEFINED", 5, "Owner"), ("USER_DEFINED", 6, "owner"),
            ("HUBSPOT_DEFINED", 279, None), ("USER_DEFINED", 7, "Payer"),
        )  # fmt: skip

    labels = LabelResolver("contacts", "companies", fetch)
    assert calls == []  # nothing read before it is needed
    assert labels.resolve("Owner").type_id == 5  # the exact text wins
    assert labels.resolve(" payer ").type_id == 7
    with pytest.raises(UnknownLabel, match=r"names 2 association types \(USER_DEFINED 5, "):
        labels.resolve("OWNER")
    assert labels.label_of("USER_DEFINED", 7) == "Payer" and calls == [1]

    many = LabelResolver("a", "b", lambda: definitions(*[("USER_DEFINED", i, f"L{i:02}")
                                                         for i in range(30)]))  # fmt: skip
    with pytest.raises(UnknownLabel, match=r"'L19' and 10 more$"):
        many.resolve("nope")

    def broken() -> list[LabelDefinition]:
        raise OSError("no route")

    with pytest.raises(LabelsUnavailable, match="cannot read the labels of a -> b: no route"):
        LabelResolver("a", "b", broken).resolve("x")


def test_a_failures_file_has_one_column_per_name_and_reads_back_as_an_input(
    hub: Emulator, tmp_path: Path
) -> None:
    # create's input has a ``category`` column of its own: the failure's is error_category
    source = tmp_path / "in.csv"
    source.write_text("from_id,to_id,category,type_id\n"
                      "1,101,HUBSPOT_DEFINED,1\n2,102,HUBSPOT_DEFINED,987654\n")  # fmt: skip
    assert job(hub, "create", "contacts", "companies", str(source)) == 1
    failures = tmp_path / "in.create.contacts-companies.failures.csv"
    header = failures.read_text().splitlines()[0].split(",")
    assert header == ["line", "from_id", "to_id", "category", "type_id", "label", "outcome",
                      "error_category", "message", "correlation_id"]  # fmt: skip
    (failure,) = read_failures(failures)
    assert (failure["line"], failure["category"], failure["type_id"]) == (
        "3", "HUBSPOT_DEFINED", "987654")  # fmt: skip
    assert failure["outcome"] == "failed" and failure["error_category"] != "HUBSPOT_DEFINED"
    # fixed and fed back as the input, the failed row alone is sent again
    retry = tmp_path / "retry.csv"
    retry.write_text(failures.read_text().replace(",987654,", ",1,"))
    assert job(hub, "create", "contacts", "companies", str(retry)) == 0
    assert ("HUBSPOT_DEFINED", 1, "Primary") in hub.association_types(
        "contacts", 2, "companies", 102
    )
