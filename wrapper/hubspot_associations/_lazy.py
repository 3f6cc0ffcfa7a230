"""Imports deferred to first use, for imports only some paths need.

``LazyModule``: ``client.py`` reaches asyncio, httpx, logging and the SDK's own plans,
answer checks and iterators through these, so building a ``Client`` imports none of them
(the first ``AsyncClient``, the first call, the first request do).
``package_getattr``: a package's names imported from their submodules on first access
(``hubspot_associations`` itself, ``hubspot_associations.testing``).

No ``typing`` at run time: this module is part of ``import hubspot_associations``.
"""

from __future__ import annotations

import importlib
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any


class LazyModule:
    """Stands for the module ``name``; every attribute read goes to the real module.

    Given ``namespace`` (a module's ``globals()``) and ``alias`` (the global this stands
    in), the first attribute read also rebinds that global to the real module, so later
    reads in hot paths are plain module attribute reads.
    """

    def __init__(self, name: str, namespace: dict[str, Any] | None = None, alias: str = "") -> None:
        self._name = name
        self._namespace = namespace
        self._alias = alias

    def __getattr__(self, attr: str) -> Any:
        module = importlib.import_module(self._name)
        if self._namespace is not None and self._namespace.get(self._alias) is self:
            self._namespace[self._alias] = module
        return getattr(module, attr)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"


def package_getattr(
    package: str, where: Mapping[str, str], missing: str | None = None
) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``name`` is imported from its submodule
    ``where[name]`` on first access and kept on the package. ``missing``: the message of the
    ``ImportError`` when the submodule's own imports fail (an extra not installed)."""

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        try:
            value = getattr(importlib.import_module(f".{module}", package), name)
        except ImportError as exc:
            if missing is None:
                raise
            raise ImportError(missing.format(name=name)) from exc
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
