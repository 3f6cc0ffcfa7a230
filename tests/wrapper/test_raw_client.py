"""``client.raw``: the generated client wired to the wrapper's sender, pinned for every
operation of every version; and the one function that touches generated modules."""

from __future__ import annotations

import ast
import asyncio
import inspect
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from hubspot_associations import RawClient
from hubspot_associations.versions import ApiVersion

from .fakes import TOKEN, VERSIONS, error_response, make_async_client, make_client

WRAPPER = Path(__file__).resolve().parents[2] / "wrapper" / "hubspot_associations"


def arguments(function: Any, request_schema: str | None) -> dict[str, Any]:
    """A value for every required argument of a generated function (``client`` aside)."""
    args: dict[str, Any] = {}
    for name, parameter in inspect.signature(function).parameters.items():
        if name == "client" or parameter.default is not inspect.Parameter.empty:
            continue
        args[name] = "1"
        if name == "body":
            listed = (request_schema or "").startswith("list:")
            args[name] = [] if listed else SimpleNamespace(to_dict=dict)
    return args


def not_found(request: httpx.Request) -> httpx.Response:
    return error_response(404, "OBJECT_NOT_FOUND", "no such thing")


@pytest.mark.no_contract  # fake bodies: this pins the plumbing, not the payloads
@pytest.mark.parametrize("version", VERSIONS)
def test_every_generated_operation_sends_through_the_wrapper(version: str) -> None:
    """The sender given to ``client.raw`` has only ``request``: this fails if any generated
    operation (sync_detailed and asyncio_detailed) used anything else of its httpx client."""
    api = ApiVersion(version)
    sync, sync_recorder, _ = make_client(version, not_found)
    asynchronous, async_recorder, _ = make_async_client(version, not_found)
    for name, facts in api.operations.items():
        module = api.operation(name)
        for client, recorder, run in (
            (sync, sync_recorder, lambda f, **kw: f(**kw)),
            (asynchronous, async_recorder, lambda f, **kw: asyncio.run(f(**kw))),
        ):
            function = module.sync_detailed if client is sync else module.asyncio_detailed
            args = arguments(function, facts.request_schema)
            response = run(function, client=client.raw, **args)
            assert response.status_code == 404, name
            request = recorder.requests[-1]
            path_args = {a: "1" for a in facts.path_params.values()}
            assert (request.method, request.url.path) == (
                facts.method,
                facts.request(path_args)["url"],
            ), name
            assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert len(sync_recorder.requests) == len(api.operations) == len(async_recorder.requests)


def test_raw_is_typed_and_records_its_exchanges() -> None:
    version = VERSIONS[-1]
    client, _, _ = make_client(version, not_found)
    raw: RawClient = client.raw
    assert raw is client.raw and raw.raise_on_unexpected_status is False
    labels_list = ApiVersion(version).operation("labels_list")
    with client.recording() as exchanges:
        labels_list.sync_detailed("contacts", "companies", client=raw)
    assert [e.status_code for e in exchanges] == [404]  # one attempt: no retries under raw
    assert client.with_options(timeout=2).raw is not raw  # a copy has its own, same pool


def _own_submodule(call: ast.Call) -> bool:
    """``import_module(name, __name__)`` or ``import_module(f".{x}", package)``: a package
    importing its own submodule lazily."""
    if len(call.args) != 2:
        return False
    name, package = call.args
    relative = (
        isinstance(name, ast.JoinedStr)
        and isinstance(name.values[0], ast.Constant)
        and str(name.values[0].value).startswith(".")
    )
    return relative or (isinstance(package, ast.Name) and package.id == "__name__")


def _imports_of_generated(path: Path) -> list[str]:
    """Functions of a module that import a module by name (importlib) or the raw package."""
    tree = ast.parse(path.read_text())
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                if (
                    (
                        isinstance(inner, ast.Call)
                        and isinstance(inner.func, ast.Attribute)
                        and inner.func.attr == "import_module"
                        and not _own_submodule(inner)
                    )
                    or (
                        isinstance(inner, ast.ImportFrom)
                        and (inner.module or "").startswith("hubspot_associations_raw")
                    )
                    or (
                        isinstance(inner, ast.Import)
                        and any(a.name.startswith("hubspot_associations_raw") for a in inner.names)
                    )
                ):
                    found.append(f"{path.name}:{node.name}")
    return found


def test_one_function_touches_the_generated_modules() -> None:
    found = set()
    for path in WRAPPER.rglob("*.py"):
        found.update(_imports_of_generated(path))
    assert found == {"versions.py:_generated"}
