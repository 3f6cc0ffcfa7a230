"""The public surface: ``__all__``, ``__version__``, and every type a public signature uses."""

from __future__ import annotations

import functools
import importlib.metadata
import inspect
import json
import subprocess
import sys
import types
import typing
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import hubspot_associations
import pytest
from hubspot_associations import AsyncClient, Client


def test_every_name_in_all_is_importable_and_public() -> None:
    namespace: dict[str, Any] = {}
    exec("from hubspot_associations import *", namespace)
    for name in hubspot_associations.__all__:
        assert getattr(hubspot_associations, name) is namespace[name], name
        assert not name.startswith("_") or name == "__version__", f"private name {name!r}"
    assert len(set(hubspot_associations.__all__)) == len(hubspot_associations.__all__)
    assert set(hubspot_associations.__all__) <= set(dir(hubspot_associations))


def test_unknown_attribute_raises_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = hubspot_associations.no_such_name  # type: ignore[attr-defined]
    assert not hasattr(hubspot_associations, "Operations")  # private modules stay private


def test_version_is_the_installed_distributions() -> None:
    assert hubspot_associations.__version__ == importlib.metadata.version("hubspot-associations")
    major, minor, patch = hubspot_associations.__version__.split(".")[:3]
    assert major.isdigit() and minor.isdigit() and patch[:1].isdigit()


def _types_in(hint: Any) -> Iterator[Any]:
    """Every class or function a type hint mentions, unions and generics opened."""
    origin = typing.get_origin(hint)
    if origin is not None:
        if isinstance(origin, type) or callable(origin):
            yield origin
        for arg in typing.get_args(hint):
            if isinstance(arg, list):  # Callable[[A, B], R]
                for item in arg:
                    yield from _types_in(item)
            else:
                yield from _types_in(arg)
    elif isinstance(hint, (type, types.FunctionType)):
        yield hint


def _public_methods(obj: object) -> Iterator[tuple[str, Callable[..., Any]]]:
    for name, member in inspect.getmembers(type(obj)):
        if not name.startswith("_") and callable(member):
            yield f"{type(obj).__name__}.{name}", member


def _signatures() -> Iterator[tuple[str, Callable[..., Any]]]:
    yield "Client", Client.__init__
    yield "AsyncClient", AsyncClient.__init__
    for cls in (Client, AsyncClient):
        client = cls(access_token="x")
        yield from _public_methods(client)
        for name, member in vars(cls).items():  # client.records, client.batch, ...
            if isinstance(member, functools.cached_property) and name not in ("raw", "_driver"):
                yield from _public_methods(getattr(client, name))


def test_every_type_in_a_public_signature_is_exported() -> None:
    missing: dict[str, set[str]] = {}
    seen = 0
    from hubspot_associations import (
        batching,
        literals,
        models,
        pagination,
        ratelimit,
        raw_responses,
    )

    # The client's annotations name types and aliases it imports only for type checkers
    # (they load with the first call: README, import cost): resolved here from the modules
    # that define them, then each type found is looked up on the package.
    defined = {**vars(ratelimit), **vars(raw_responses), **vars(literals)}
    defined |= {**vars(models), **vars(batching), **vars(pagination), "httpx": httpx}
    for where, function in _signatures():
        namespace = {**defined, **vars(sys.modules[function.__module__])}
        hints = typing.get_type_hints(function, globalns=namespace)
        for hint in hints.values():
            for used in _types_in(hint):
                module = getattr(used, "__module__", "")
                if not module.startswith("hubspot_associations"):
                    continue  # httpx, the standard library
                seen += 1
                name = used.__name__
                if getattr(hubspot_associations, name, None) is not used:
                    missing.setdefault(name, set()).add(where)
    assert seen > 20  # the walk found the SDK's own types at all
    assert not missing, (
        "used in public signatures but not exported from hubspot_associations:\n"
        + ("\n".join(f"  {name}: {sorted(where)}" for name, where in sorted(missing.items())))
    )


def _printed_by(code: str) -> Any:
    """The JSON that ``code`` prints, run in a fresh interpreter (nothing imported yet)."""
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def test_import_loads_nothing_heavy() -> None:
    """`import hubspot_associations` alone loads none of httpx, asyncio, msgspec, the
    generated code, the CLI or the emulator; building a Client or an AsyncClient loads no
    asyncio, httpx, ssl or logging either, nor the SDK's plans, answer checks, models and
    iterators (they come with the first call and the first request)."""
    code = (
        "import json, sys\n"
        "before = set(sys.modules)\n"
        "import hubspot_associations\n"
        "after_import = sorted(set(sys.modules) - before)\n"
        "hubspot_associations.Client(access_token='x')\n"
        "hubspot_associations.AsyncClient(access_token='x')\n"
        "after_client = sorted(set(sys.modules) - before)\n"
        "print(json.dumps([after_import, after_client]))\n"
    )
    after_import, after_client = _printed_by(code)
    heavy = (
        "asyncio",
        "msgspec",
        "httpx",
        "httpcore",
        "hubspot_associations_raw",
        "click",
        "rich",
        "redis",
        "pydantic",
        "starlette",
        "hubspot_associations.testing",
        "hubspot_associations.jobs",
        "hubspot_associations.cli",
        "hubspot_associations.client",
    )
    loaded = [m for m in after_import if m.split(".")[0] in heavy or m.startswith(heavy)]
    assert not loaded, f"import hubspot_associations loaded {loaded}"
    not_for_a_client = (
        "asyncio",
        "httpx",
        "httpcore",
        "ssl",
        "click",
        "rich",
        "hubspot_associations_raw.",
        "redis",
        "hubspot_associations.testing",
        "hubspot_associations.jobs",
        "hubspot_associations.cli.",
        "logging",
        "msgspec",
        "hubspot_associations._operations",
        "hubspot_associations._drivers",
        "hubspot_associations._transport",
        "hubspot_associations.resources",
        "hubspot_associations.raw_responses",
        "hubspot_associations._plans",
        "hubspot_associations._answers",
        "hubspot_associations.pagination",
        "hubspot_associations.batching",
        "hubspot_associations.models",
    )
    loaded = [
        m
        for m in after_client
        if m.split(".")[0] in not_for_a_client or m.startswith(not_for_a_client)
    ]
    assert not loaded, f"Client(...) loaded {loaded}"


def test_a_resource_imports_its_module_and_the_first_call_the_plans_and_httpx() -> None:
    """Where the import boundaries are: `client.labels` imports its module (and the models
    it returns); the first call (here, to a closed port) the plans, the driver and httpx."""
    code = (
        "import json, sys\n"
        "import hubspot_associations\n"
        "client = hubspot_associations.Client('x', base_url='http://127.0.0.1:9', max_retries=0)\n"
        "labels = client.labels\n"
        "names = ('httpx', 'hubspot_associations.models', 'hubspot_associations._operations',\n"
        "         'hubspot_associations._drivers')\n"
        "seen = [sorted(m for m in names if m in sys.modules)]\n"
        "try:\n"
        "    labels.list('contacts', 'companies')\n"
        "except hubspot_associations.APIConnectionError:\n"
        "    pass\n"
        "seen.append(sorted(m for m in names if m in sys.modules))\n"
        "print(json.dumps(seen))\n"
    )
    assert _printed_by(code) == [
        ["hubspot_associations.models"],
        [
            "httpx",
            "hubspot_associations._drivers",
            "hubspot_associations._operations",
            "hubspot_associations.models",
        ],
    ]
