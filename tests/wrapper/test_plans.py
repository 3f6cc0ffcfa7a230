"""Plans (issue 11): a raw ``yield`` of an effect only inside the typed helpers of ``_plans``,
so mypy checks what crosses every yield; every single-request operation is the one generic
``fetch`` plan."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import hubspot_associations
import pytest
from hubspot_associations import _plans
from hubspot_associations._operations import Operations
from hubspot_associations._retry import RetryPolicy
from hubspot_associations.versions import ApiVersion

PACKAGE = Path(hubspot_associations.__file__).parent
EFFECTS = {"Send", "Sleep", "Gather", "Spawn", "Wait", "Cancel", "Emit", "EmitAll"}
HELPERS = {"send", "sleep", "gather", "spawn", "wait", "cancel", "emit", "emit_all", "forward"}


def plan_like(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A function typed as a plan or stream (or a generator of effects)."""
    returns = ast.unparse(function.returns) if function.returns else ""
    return any(name in returns for name in ("Plan[", "Stream[", "Effect"))


def raw_yields() -> list[tuple[str, str, int]]:
    """(module, function, line) of each raw yield of an effect, or any raw yield in a plan."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(function):
                if not isinstance(node, ast.Yield):
                    continue
                value = node.value
                names_effect = (
                    isinstance(value, ast.Call)
                    and isinstance(value.func, ast.Name)
                    and value.func.id in EFFECTS
                )
                if names_effect or plan_like(function):
                    found.append((path.stem, function.name, node.lineno))
    return found


def test_raw_yields_of_effects_only_in_the_typed_helpers() -> None:
    found = raw_yields()
    outside = [(m, f, line) for m, f, line in found if m != "_plans" or f not in HELPERS]
    assert not outside, f"raw yield outside the helpers of _plans: {outside}"
    # and every helper is there, each with its one raw yield
    assert sorted(f for m, f, _ in found) == sorted(HELPERS)


def test_the_check_sees_a_raw_yield() -> None:
    source = "def plan(call) -> Plan[int]:\n    answer = yield Send(call)\n    return 1\n"
    function = ast.parse(source).body[0]
    assert isinstance(function, ast.FunctionDef) and plan_like(function)


OPS = Operations(ApiVersion("2026-03"), RetryPolicy())
V4 = Operations(ApiVersion("v4"), RetryPolicy())

SINGLE_REQUEST: dict[str, Any] = {
    "labels.list": lambda: OPS.labels_list("contacts", "companies"),
    "labels.update": lambda: OPS.labels_update("contacts", "companies", 5, "x", None),
    "labels.delete": lambda: OPS.labels_delete("contacts", "companies", 5),
    "limits.list": lambda: OPS.limits_list("contacts", "companies"),
    "limits.list all": lambda: OPS.limits_list(None, None),
    "reports.high_usage": lambda: OPS.high_usage(7),
    "records.associate default": lambda: OPS.associate("contacts", 1, "companies", 2, None),
    "records.associate labelled": lambda: OPS.associate(
        "contacts", 1, "companies", 2, [("USER_DEFINED", 3)]
    ),
    "records.remove": lambda: OPS.remove("contacts", 1, "companies", 2),
    "v4 labels.list": lambda: V4.labels_list("contacts", "companies"),
}


@pytest.mark.parametrize("name", sorted(SINGLE_REQUEST))
def test_single_request_operations_are_the_generic_fetch_plan(name: str) -> None:
    plan = SINGLE_REQUEST[name]()
    try:
        assert plan.gi_code is _plans.fetch.__code__
    finally:
        plan.close()
