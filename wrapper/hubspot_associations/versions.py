"""Which API versions exist, what each one's operations are, and how to build their requests.

Everything here is read from what ``scripts/regenerate`` writes from ``spec/``: the version
list (``hubspot_associations_raw.VERSIONS``) and, per version, its facts table
(``hubspot_associations_raw.<module>.facts.OPERATIONS``: method, path template, parameters,
success statuses, request schema, batch cap of each operation). A new HubSpot version
dropped into ``spec/`` and regenerated shows up here without a code change. Tables and the
generated modules (for ``client.raw``) are imported lazily, on first use, and cached.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any
from urllib.parse import quote

from .errors import UnsupportedOperation, UnsupportedVersionError

RAW_PACKAGE = "hubspot_associations_raw"

_DATED = re.compile(r"^v(\d{4})_(\d{2})$")
_NUMBERED = re.compile(r"^v(\d+)$")


def version_name(package: str) -> str | None:
    """The HubSpot name of a generated subpackage: ``v2026_03`` -> ``2026-03``."""
    dated = _DATED.match(package)
    if dated:
        return f"{dated.group(1)}-{dated.group(2)}"
    if _NUMBERED.match(package):
        return package
    return None


def _sort_key(name: str) -> tuple[int, str]:
    # Numbered versions (v4) predate HubSpot's date-based ones (2025-09, 2026-03, ...).
    return (1, name) if name[:1].isdigit() else (0, name.rjust(8, "0"))


def _generated(module: str = "") -> ModuleType:
    """The one function that touches the generated package: ``hubspot_associations_raw``
    or one of its modules (``v2026_03.facts``...), imported on first use."""
    return importlib.import_module(f"{RAW_PACKAGE}.{module}" if module else RAW_PACKAGE)


@cache
def _discover() -> dict[str, str]:
    """HubSpot version name -> generated subpackage, from the generated version list."""
    raw = _generated()
    found: dict[str, str] = dict(raw.VERSIONS)
    return dict(sorted(found.items(), key=lambda item: _sort_key(item[0])))


@dataclass(frozen=True)
class OperationFacts:
    """One operation of one version, as its facts table describes it."""

    name: str
    method: str
    path: str
    path_params: Mapping[str, str]  # wire name -> argument name
    query_params: Mapping[str, str]
    success: Mapping[int, str | None]  # 2xx status -> response schema (None: no body)
    request_schema: str | None
    max_inputs: int | None
    document: str = ""  # the spec document it comes from: associations, schema

    def request(self, args: Mapping[str, Any], body: Any = None) -> dict[str, Any]:
        """``method``, ``url`` (the template with every path segment percent-encoded),
        ``params`` and the JSON body, ready for ``httpx.Client.request``."""
        known = set(self.path_params.values()) | set(self.query_params.values())
        unknown = sorted(set(args) - known)
        if unknown:
            raise TypeError(f"{self.name} takes no argument {', '.join(unknown)}")
        values: dict[str, str] = {}
        for wire, argument in self.path_params.items():
            value = args.get(argument)
            if value is None:
                raise TypeError(f"{self.name} needs the path argument {argument}")
            values[wire] = quote(str(value), safe="")
        request: dict[str, Any] = {"method": self.method, "url": self.path.format_map(values)}
        params = {
            wire: args[argument]
            for wire, argument in self.query_params.items()
            if args.get(argument) is not None
        }
        if params:
            request["params"] = params
        if body is not None:
            request["json"] = body
        return request


@cache
def _facts(module: str) -> dict[str, OperationFacts]:
    table: dict[str, dict[str, Any]] = _generated(f"{module}.facts").OPERATIONS
    return {
        name: OperationFacts(
            name,
            entry["method"],
            entry["path"],
            dict(entry["path_params"]),
            dict(entry["query_params"]),
            dict(entry["success"]),
            entry["request"],
            entry["max_inputs"],
            entry["document"],
        )
        for name, entry in table.items()
    }


def supported_versions() -> tuple[str, ...]:
    """Installed API versions, oldest first."""
    return tuple(_discover())


def latest_version() -> str:
    """The newest installed API version (the default of ``Client``)."""
    versions = supported_versions()
    if not versions:
        raise UnsupportedVersionError(f"no generated API version found in {RAW_PACKAGE}")
    return versions[-1]


class ApiVersion:
    """One installed API version: its generated package and operations, loaded on demand."""

    def __init__(self, name: str) -> None:
        packages = _discover()
        if not isinstance(name, str):
            raise TypeError(f"version must be a str, got {type(name).__name__}")
        if name not in packages:
            raise UnsupportedVersionError(
                f"unknown API version {name!r}; supported versions: "
                + ", ".join(repr(v) for v in packages)
            )
        self.name = name
        self.module = packages[name]  # v2026_03
        self.package = f"{RAW_PACKAGE}.{self.module}"

    def __repr__(self) -> str:
        return f"ApiVersion({self.name!r})"

    @property
    def operations(self) -> dict[str, OperationFacts]:
        """This version's facts table: operation name -> ``OperationFacts``."""
        return _facts(self.module)

    def has(self, operation: str) -> bool:
        return operation in self.operations

    def facts(self, operation: str) -> OperationFacts:
        """The table entry of ``operation``; ``UnsupportedOperation`` naming the versions
        that have it when this one does not."""
        found = self.operations.get(operation)
        if found is None:
            owners = tuple(v for v in supported_versions() if ApiVersion(v).has(operation))
            raise UnsupportedOperation(operation, self.name, owners)
        return found

    def operation(self, operation: str) -> ModuleType:
        """The generated module of ``operation`` (``sync_detailed``/``asyncio_detailed``),
        for callers of ``client.raw``."""
        self.facts(operation)
        return _operation_index(self.module)[operation]

    def raw_client_class(self) -> Any:
        """The generated (unauthenticated) ``Client`` class; we add auth per request."""
        return _generated(f"{self.module}.client").Client

    def pydantic_models(self) -> ModuleType:
        """The version's generated pydantic models (the emulator validates bodies with them)."""
        return _generated(f"{self.module}.pydantic_models")


@cache
def _operation_index(module: str) -> dict[str, ModuleType]:
    """Operation name -> generated module, over every tag folder under ``api/``."""
    api = _generated(f"{module}.api")
    index: dict[str, ModuleType] = {}
    for tag in pkgutil.iter_modules(api.__path__):
        tag_module = _generated(f"{module}.api.{tag.name}")
        for op in pkgutil.iter_modules(tag_module.__path__):
            # Python keywords and builtins get a trailing underscore (list -> list_).
            index[op.name.rstrip("_")] = _generated(f"{module}.api.{tag.name}.{op.name}")
    return index
