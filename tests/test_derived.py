"""The code scripts/derive writes from one hand-written source is current, and what it gives
type checkers is exact: the sync twins of the async resources, ``with_raw_response`` typed
per method, the package's public names."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_the_derived_code_is_current() -> None:
    """An edit of an async resource (or of ``_PUBLIC``) without scripts/derive fails here."""
    done = subprocess.run(
        [sys.executable, "scripts/derive.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_an_edit_of_an_async_resource_reaches_its_sync_twin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import derive
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    package = tmp_path / "hubspot_associations"
    shutil.copytree(derive.PACKAGE, package)
    monkeypatch.setattr(derive, "PACKAGE", package)
    monkeypatch.setattr(derive, "RESOURCES", package / "resources")
    assert {p.name: t for p, t in derive.derived().items()} == {
        p.name: p.read_text() for p in derive.derived()
    }
    labels = package / "resources" / "labels.py"
    old = '"""Delete a label definition."""'
    new = '"""Delete a label definition, for good."""'
    labels.write_text(labels.read_text().replace(old, new, 1))  # the async class only
    written = derive.derived()[labels]
    assert written != labels.read_text()  # --check would fail: the sync twin is stale
    twin = written[written.index(derive.TWINS) :]
    assert "def delete(" in twin and "Delete a label definition, for good." in twin


TYPED = """
from hubspot_associations import AsyncClient, Client

def sync(client: Client) -> None:
    reveal_type(client.with_raw_response.labels.list("contacts", "companies"))
    reveal_type(client.with_raw_response.batch.archive("contacts", "companies", []).parse())
    client.with_raw_response.records.list  # an iterator: not offered

async def asynchronous(client: AsyncClient) -> None:
    reveal_type(await client.with_raw_response.reports.high_usage(7))
    reveal_type(client.records.list("contacts", 1, "companies"))
"""


@pytest.mark.slow
def test_raw_responses_are_typed_per_method(tmp_path: Path) -> None:
    from mypy import api

    source = tmp_path / "typed.py"
    source.write_text(TYPED)
    out, _, _ = api.run(["--strict", "--cache-dir", str(tmp_path / "cache"), str(source)])
    revealed = [line.split("Revealed type is ")[1] for line in out.splitlines() if "Rev" in line]
    assert [r.replace("hubspot_associations.", "") for r in revealed] == [
        '"responses.RawResponse[list[models.LabelDefinition]]"',
        '"batching.BatchResult[models.Pair, object]"',
        '"responses.RawResponse[models.HighUsageReport]"',
        '"typing.AsyncIterator[models.Association]"',
    ], out
    assert '"RawRecords" has no attribute "list"' in out, out
