"""A local HubSpot CRM Associations emulator, for tests and demos (like moto for AWS).

``from hubspot_associations.testing import Emulator, Faults``. Needs the ``emulator`` extra
(starlette, uvicorn, rich): ``pip install 'hubspot-associations[emulator]'``. Importing this
package alone stays cheap; the server parts load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._app import RecordedRequest, Stats
    from ._faults import Faults, RateLimit
    from ._server import Emulator

__all__ = ["Emulator", "Faults", "RateLimit", "RecordedRequest", "Stats"]

_WHERE = {
    "Emulator": "._server",
    "Faults": "._faults",
    "RateLimit": "._faults",
    "RecordedRequest": "._app",
    "Stats": "._app",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    try:
        mod = importlib.import_module(module, __name__)
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise ImportError(
            f"hubspot_associations.testing.{name} needs the emulator extra: "
            "pip install 'hubspot-associations[emulator]'"
        ) from exc
    return getattr(mod, name)
