"""Which API versions exist, and how a version name maps to its generated raw client.

Versions are discovered from the subpackages of ``hubspot_associations_raw``: ``v4`` is
"v4", ``v2026_03`` is "2026-03". A new HubSpot version dropped into ``spec/`` and
regenerated shows up here without a code change. Version modules and their operation
modules are imported lazily, on first use, and cached.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import typing
from functools import cache
from types import ModuleType
from typing import Any

from .errors import HubSpotError

RAW_PACKAGE = "hubspot_associations_raw"

_DATED = re.compile(r"^v(\d{4})_(\d{2})$")
_NUMBERED = re.compile(r"^v(\d+)$")


class UnsupportedVersionError(HubSpotError, ValueError):
    """The version asked for has no generated client in this installation."""


class UnsupportedOperation(HubSpotError):
    """The selected API version does not have this operation (e.g. search in v4)."""

    def __init__(self, operation: str, version: str, supported_by: tuple[str, ...]) -> None:
        where = ", ".join(supported_by) if supported_by else "no installed version"
        super().__init__(
            f"operation {operation!r} is not available in API version {version!r} "
            f"(available in: {where})"
        )
        self.operation = operation
        self.version = version
        self.supported_by = supported_by


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


@cache
def _discover() -> dict[str, str]:
    raw = importlib.import_module(RAW_PACKAGE)
    found: dict[str, str] = {}
    for info in pkgutil.iter_modules(raw.__path__):
        name = version_name(info.name)
        if info.ispkg and name is not None:
            found[name] = info.name
    return dict(sorted(found.items(), key=lambda item: _sort_key(item[0])))


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
        self.package = f"{RAW_PACKAGE}.{packages[name]}"
        self._operations: dict[str, ModuleType] | None = None

    def __repr__(self) -> str:
        return f"ApiVersion({self.name!r})"

    def _index(self) -> dict[str, ModuleType]:
        if self._operations is None:
            self._operations = _operation_index(self.package)
        return self._operations

    def has(self, operation: str) -> bool:
        return operation in self._index()

    def operation(self, operation: str) -> ModuleType:
        """The generated module of ``operation`` (``sync_detailed``/``asyncio_detailed``)."""
        index = self._index()
        if operation not in index:
            owners = tuple(v for v in supported_versions() if ApiVersion(v).has(operation))
            raise UnsupportedOperation(operation, self.name, owners)
        return index[operation]

    def raw_client_class(self) -> Any:
        """The generated (unauthenticated) ``Client`` class; we add auth per request."""
        return importlib.import_module(f"{self.package}.client").Client

    def body_converter(self, operation: str) -> Any:
        """Turns a wire-shaped JSON body into the generated request model of ``operation``."""
        return _body_converter(self.operation(operation))


@cache
def _operation_index(package: str) -> dict[str, ModuleType]:
    """Operation name -> generated module, over every tag folder under ``api/``."""
    api = importlib.import_module(f"{package}.api")
    index: dict[str, ModuleType] = {}
    for tag in pkgutil.iter_modules(api.__path__):
        tag_module = importlib.import_module(f"{api.__name__}.{tag.name}")
        for op in pkgutil.iter_modules(tag_module.__path__):
            # Python keywords and builtins get a trailing underscore (list -> list_).
            index[op.name.rstrip("_")] = importlib.import_module(f"{tag_module.__name__}.{op.name}")
    return index


@cache
def _body_converter(module: ModuleType) -> Any:
    hints = typing.get_type_hints(module.sync_detailed)
    annotation = hints.get("body")
    if annotation is None:
        return None
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        return lambda body: [item.from_dict(entry) for entry in body]
    return annotation.from_dict
