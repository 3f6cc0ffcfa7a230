"""The ``Literal`` aliases (issue 19): each equals the set the code uses, so adding a version or
a category cannot leave it behind; and a type checker refuses a typo where the set is closed
while custom object types stay possible."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import get_args

import pytest
from hubspot_associations import (
    FAILED,
    HUBSPOT_DEFINED,
    INTEGRATOR_DEFINED,
    UNKNOWN,
    USER_DEFINED,
    WORK,
    supported_versions,
)
from hubspot_associations import literals as lit
from hubspot_associations._operations import _TYPE_IDS
from hubspot_associations._validation import CATEGORIES
from hubspot_associations.batching import KEEP_ALL, KEEP_FAILURES, RETRYABLE, BatchFailure


def test_each_alias_is_the_set_the_code_uses() -> None:
    assert get_args(lit.Category) == CATEGORIES
    assert set(CATEGORIES) == {HUBSPOT_DEFINED, USER_DEFINED, INTEGRATOR_DEFINED, WORK}
    assert set(get_args(lit.ApiVersionName)) == set(supported_versions())
    assert get_args(lit.Keep) == (KEEP_ALL, KEEP_FAILURES)
    assert get_args(lit.Outcome) == (FAILED, UNKNOWN)
    assert set(get_args(lit.FailureKind)) > RETRYABLE
    standard = set(get_args(lit.StandardObjectType))
    assert standard == {name for name in _TYPE_IDS if name.endswith("s")} | set(_TYPE_IDS.values())


@pytest.mark.parametrize(
    "category", ["INVALID_INPUT", "INTERRUPTED", "UNACCOUNTED", "RATE_LIMITS", "X", ""]
)
@pytest.mark.parametrize("status", [None, 400, 401, 403, 404, 429, 500, 503])
def test_every_failure_has_a_kind_of_the_alias(category: str, status: int | None) -> None:
    assert BatchFailure((), category, "m", status=status).kind in get_args(lit.FailureKind)


GOOD = """
from hubspot_associations import AssociationType, BatchResult, HUBSPOT_DEFINED, LimitInput
from hubspot_associations.literals import ApiVersionName, ObjectType
from hubspot_associations.models import AssociationTypeLike

types: list[AssociationTypeLike] = [("HUBSPOT_DEFINED", 279), (HUBSPOT_DEFINED, 1)]
custom: ObjectType = "p_cars"
standard: ObjectType = "contacts"
limit = LimitInput("USER_DEFINED", 7, 5)
kept: BatchResult[object, object] = BatchResult("failures")
read_back = AssociationType("SOME_FUTURE_CATEGORY", 1)  # results take any str
version: ApiVersionName = "2026-03"
"""
BAD = """
from hubspot_associations import BatchResult, Client, LimitInput
from hubspot_associations.models import AssociationTypeLike

types: list[AssociationTypeLike] = [("HUBSPOT_DEFIEND", 279)]
limit = LimitInput("USER_DEFINDE", 7, 5)
kept: BatchResult[object, object] = BatchResult("failure")
from hubspot_associations import ApiVersionName
version: ApiVersionName = "2026-04"

def call(client: "Client") -> None:
    client.batch.associate_default("contacts", "p_cars", [(1, 2)], keep="failure")
    client.records.list("contacts", 1, "2-123")
"""


def mypy(tmp_path: Path, source: str) -> tuple[str, int]:
    api = pytest.importorskip("mypy.api")
    path = tmp_path / "snippet.py"
    path.write_text(textwrap.dedent(source))
    root = Path(__file__).resolve().parents[2]
    cache = root / ".mypy_cache"
    out, err, code = api.run(["--strict", "--cache-dir", str(cache), str(path)])
    return out + err, code


def test_a_type_checker_refuses_a_typo_and_takes_custom_object_types(tmp_path: Path) -> None:
    out, code = mypy(tmp_path, GOOD)
    assert code == 0, out
    out, code = mypy(tmp_path, BAD)
    lines = {line.split(":")[1] for line in out.splitlines() if ": error:" in line}
    # each typo (keep= of a resource call too), and nothing else: custom object types pass
    assert code == 1 and lines == {"5", "6", "7", "9", "12"}, out
