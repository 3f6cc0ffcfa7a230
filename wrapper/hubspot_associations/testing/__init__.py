"""A local HubSpot CRM Associations emulator, for tests and demos (like moto for AWS).

``from hubspot_associations.testing import Emulator, Faults``. Needs the ``emulator`` extra
(starlette, uvicorn, rich): ``pip install 'hubspot-associations[emulator]'``. Importing this
package alone stays cheap; the server parts load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._exports import package_getattr

if TYPE_CHECKING:
    from ._faults import Faults, RateLimit
    from ._log import RecordedRequest, Stats
    from ._server import Emulator

__all__ = ["Emulator", "Faults", "RateLimit", "RecordedRequest", "Stats"]

_WHERE = {
    "Emulator": "_server",
    "Faults": "_faults",
    "RateLimit": "_faults",
    "RecordedRequest": "_log",
    "Stats": "_log",
}


__getattr__ = package_getattr(
    __name__,
    _WHERE,
    "hubspot_associations.testing.{name} needs the emulator extra: "
    "pip install 'hubspot-associations[emulator]'",
)
