"""Command-line conventions (issue 19): --version, --output - for pipes, --json summaries,
environment fallbacks, shell completion, examples in every --help, --api-version
everywhere, one line when the emulator extra is missing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hubspot_associations import Client, __version__, supported_versions
from hubspot_associations.cli import main
from hubspot_associations.testing import Emulator

from .helpers import COMMAND, env, run

Capture = pytest.CaptureFixture[str]


def test_version_names_the_sdk_and_the_api_versions(capsys: Capture) -> None:
    assert main(["--version"]) == 0
    out = capsys.readouterr().out
    assert out == (
        f"hubspot-associations {__version__} (HubSpot API versions "
        f"{', '.join(supported_versions())})\n"
    )


def test_read_to_standard_output_is_jsonl_alone_and_everything_else_on_stderr(
    hub: Emulator, tmp_path: Path
) -> None:
    with Client("t", base_url=hub.url) as client:
        client.batch.associate_default("contacts", "companies", [(1, 101), (2, 102)])
    ids = tmp_path / "ids.csv"
    ids.write_text("id\n1\n2\nx\n")
    args = ["read", "contacts", "companies", str(ids), "-o", "-", "--base-url", hub.url,
            "--progress", "lines", "--progress-interval", "0"]  # fmt: skip
    for _ in range(2):  # a fresh job each time: the second run prints the results again
        done = run(args)
        assert done.returncode == 1, done.stderr
        lines = [json.loads(line) for line in done.stdout.splitlines()]
        assert {(r["from_id"], r["to_id"]) for r in lines} == {("1", "101"), ("2", "102")}
        assert "summary: read contacts -> companies" in done.stderr
        assert "results               standard output" in done.stderr
    assert not list(tmp_path.glob("*.journal*"))  # nothing to resume from a pipe
    # its failures never go over those of the resumable job (`read` without -o -), whose
    # journal records how far its failures file is written
    piped = tmp_path / "ids.read.contacts-companies.stdout.failures.csv"
    assert len(piped.read_text().splitlines()) == 2
    assert f"failures file         {piped}" in done.stderr
    assert not (tmp_path / "ids.read.contacts-companies.failures.csv").exists()


def test_json_prints_one_summary_object(hub: Emulator, tmp_path: Path, capsys: Capture) -> None:
    source = tmp_path / "in.csv"
    source.write_text("from_id,to_id\n1,101\nx,102\n")
    code = main(["associate-default", "contacts", "companies", str(source), "--json",
                 "--base-url", hub.url, "--progress", "none"])  # fmt: skip
    out, err = capsys.readouterr()
    summary = json.loads(out)
    assert code == summary["exit_code"] == 1
    assert summary["rows"] == 2 and summary["succeeded"] == 1 and summary["failed"] == 1
    assert summary["failures_by_category"] == {"INVALID_ROW": 1}
    assert summary["failures"].endswith("in.associate-default.contacts-companies.failures.csv")
    assert summary["error"] is None and err == ""
    # a job that cannot run: the error in the JSON too, and one line on stderr
    code = main(["associate-default", "contacts", "companies", str(tmp_path / "nope.csv"),
                 "--json", "--base-url", hub.url])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 2 and json.loads(out)["exit_code"] == 2
    assert "cannot read" in json.loads(out)["error"] and err.startswith("error: cannot read")


def test_base_url_and_common_options_come_from_the_environment(
    hub: Emulator, tmp_path: Path
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("from_id,to_id\n1,101\n")
    variables = {**env(), "HUBSPOT_BASE_URL": hub.url, "HUBSPOT_ASSOCIATIONS_API_VERSION": "v4",
                 "HUBSPOT_ASSOCIATIONS_PROGRESS": "none"}  # fmt: skip
    done = subprocess.run([*COMMAND, "associate-default", "contacts", "companies", str(source)],
                          env=variables, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    (request,) = [r for r in hub.requests if r.operation == "batch_associate_default"]
    assert "/crm/v4/associations/contacts/companies/batch" in request.path
    assert "associate-default contacts -> companies:" not in done.stderr  # --progress none
    flagged = subprocess.run(
        [*COMMAND, "associate-default", "contacts", "companies", str(source), "--restart",
         "--api-version", "2025-09"],
        env=variables, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert flagged.returncode == 0, flagged.stderr  # a flag wins over the variable
    assert any("/2025-09/" in r.path for r in hub.requests)
    bad = subprocess.run([*COMMAND, "archive", "contacts", "companies", str(source)],
                         env={**variables, "HUBSPOT_ASSOCIATIONS_CONCURRENCY": "99"},
                         capture_output=True, text=True, timeout=120)  # fmt: skip
    assert bad.returncode == 2 and "99 is not in the range 1<=x<=32" in bad.stderr


def test_shell_completion_is_served_by_the_documented_variable() -> None:
    script = subprocess.run(COMMAND, env={**env(), "_HUBSPOT_ASSOCIATIONS_COMPLETE":
                            "bash_source"}, capture_output=True, text=True)  # fmt: skip
    assert script.returncode == 0
    assert "_hubspot_associations_completion()" in script.stdout
    words = subprocess.run(
        COMMAND,
        env={**env(), "_HUBSPOT_ASSOCIATIONS_COMPLETE": "bash_complete",
             "COMP_WORDS": "hubspot-associations ar", "COMP_CWORD": "1"},
        capture_output=True, text=True,
    )  # fmt: skip
    assert words.stdout.split() == ["plain,archive", "plain,archive-labels"]
    assert "_HUBSPOT_ASSOCIATIONS_COMPLETE=bash_source" in run(["--help"]).stdout
    for typed, cword, offered in (
        ("sync ap", "2", ["plain,apply"]),  # `sync apply PLAN` is reached by completion too
        ("sync apply --max-a", "3", ["plain,--max-age"]),
    ):
        words = subprocess.run(
            COMMAND,
            env={**env(), "_HUBSPOT_ASSOCIATIONS_COMPLETE": "bash_complete",
                 "COMP_WORDS": f"hubspot-associations {typed}", "COMP_CWORD": cword},
            capture_output=True, text=True,
        )  # fmt: skip
        assert words.stdout.split() == offered


@pytest.mark.parametrize(
    "command",
    ["create", "associate-default", "archive", "archive-labels", "read", "emulator", "demo"],
)
def test_every_command_help_has_examples(command: str, capsys: Capture) -> None:
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert "Examples:" in out and f"$ hubspot-associations {command} " in out


@pytest.mark.parametrize("command", ["create", "read", "demo"])
def test_api_version_everywhere(command: str, capsys: Capture) -> None:
    assert main([command, "--help"]) == 0
    assert "--api-version" in capsys.readouterr().out


BLOCK_EMULATOR = """
import sys
for name in ("uvicorn", "starlette", "pydantic"):
    sys.modules[name] = None  # as if only the cli extra were installed
from hubspot_associations.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("command", [["emulator"], ["demo", "--count", "100"]])
def test_without_the_emulator_extra_one_line_says_so(command: list[str]) -> None:
    done = subprocess.run([sys.executable, "-c", BLOCK_EMULATOR, *command], env=env(),
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"hubspot-associations: the {command[0]} needs the emulator extra (uvicorn is missing): "
        "pip install 'hubspot-associations[emulator]'"
    ]


def test_a_closed_standard_output_is_one_line_not_a_traceback(
    hub: Emulator, tmp_path: Path
) -> None:
    with Client("t", base_url=hub.url) as client:
        client.batch.associate_default("contacts", "companies", [(i, 100) for i in range(1, 50)])
    ids = tmp_path / "ids.csv"
    ids.write_text("id\n" + "".join(f"{i}\n" for i in range(1, 50)))
    proc = subprocess.Popen(
        [*COMMAND, "read", "contacts", "companies", str(ids), "-o", "-", "--base-url", hub.url,
         "--progress", "none", "--chunk-size", "5"],
        env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first result: `| head -0`
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 2
    assert err.splitlines() == ["error: standard output was closed before every result was written"]
