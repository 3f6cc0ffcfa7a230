"""Reports: the high-usage report of records near their association limits."""

from __future__ import annotations

from .._settings import Timeout
from ..models import HighUsageReport
from ._resource import AsyncResource, Resource


class AsyncReports(AsyncResource):
    async def high_usage(self, user_id: int, *, timeout: Timeout = None) -> HighUsageReport:
        """Ask HubSpot to email a report of records near their association limits."""
        return await self._at(timeout)._run(self._ops.high_usage(user_id))


# --- sync twins: written by scripts/derive from the async classes above; do not edit ---


class Reports(Resource):
    def high_usage(self, user_id: int, *, timeout: Timeout = None) -> HighUsageReport:
        """Ask HubSpot to email a report of records near their association limits."""
        return self._at(timeout)._run(self._ops.high_usage(user_id))
