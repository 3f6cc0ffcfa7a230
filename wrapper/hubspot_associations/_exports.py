"""A package's PEP 562 ``__getattr__``: its public names imported from their submodules on
first access (``hubspot_associations`` itself, ``hubspot_associations.testing``), so importing
the package stays cheap (README: import cost).

No ``typing`` at run time: this module is part of ``import hubspot_associations``.
"""

from __future__ import annotations

import importlib
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any


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
