"""Helpers for the emulator tests: a bearer-token httpx client and per-version paths."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from hubspot_associations.testing import Emulator
from hubspot_associations.testing._routing import prefixes

from tests.spec_facts import VERSIONS, has, ok_status, partial_status, success

__all__ = ["VERSIONS", "Api", "assert_error", "has", "ok_status", "partial_status", "success"]


class Api:
    """Thin httpx wrapper: `api.a("contacts/companies/batch/create")` -> versioned path."""

    def __init__(self, hub: Emulator, version: str, token: str | None = "test") -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.hub = hub
        self.version = version
        self.http = httpx.Client(base_url=hub.url, headers=headers, timeout=10)
        self.prefix = prefixes(version)

    @staticmethod
    def statuses(version: str, operation: str) -> set[int]:
        return success(version, operation)

    def ok(self, operation: str) -> int:
        """This version's status for a complete success of `operation` (201, 200, 204)."""
        return ok_status(self.version, operation)

    def partial(self, operation: str) -> int:
        """This version's status for a partial failure of `operation` (207, or 200/201)."""
        return partial_status(self.version, operation)

    def need(self, operation: str) -> None:
        """Skip the test on a version without `operation` (GET list and search in 2026-09)."""
        if not has(self.version, operation):
            pytest.skip(f"API version {self.version} has no {operation}")

    def a(self, rest: str) -> str:
        return f"{self.prefix['A']}/{rest}"

    def o(self, rest: str) -> str:
        return f"{self.prefix['O']}/{rest}"

    def s(self, rest: str) -> str:
        return f"{self.prefix['S']}/{rest}"

    def post(self, path: str, body: Any = None, **kw: Any) -> httpx.Response:
        return self.http.post(path, json=body, **kw)

    def get(self, path: str, **kw: Any) -> httpx.Response:
        return self.http.get(path, **kw)

    def put(self, path: str, body: Any = None, **kw: Any) -> httpx.Response:
        return self.http.put(path, json=body, **kw) if body is not None else self.http.put(path)

    def delete(self, path: str, **kw: Any) -> httpx.Response:
        return self.http.delete(path, **kw)

    # shortcuts
    def create(self, pairs: list[tuple[Any, Any]], types: list[tuple[str, int]] | None = None,
               frm: str = "contacts", to: str = "companies") -> httpx.Response:  # fmt: skip
        specs = [{"associationCategory": c, "associationTypeId": i} for c, i in types or []]
        if not specs:
            specs = [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": 279}]
        inputs = [{"from": {"id": str(f)}, "to": {"id": str(t)}, "types": specs} for f, t in pairs]
        return self.post(self.a(f"{frm}/{to}/batch/create"), {"inputs": inputs})

    def read(self, ids: list[Any], frm: str = "contacts", to: str = "companies",
             after: dict[str, str] | None = None) -> httpx.Response:  # fmt: skip
        inputs = [{"id": str(i)} for i in ids]
        for item in inputs:
            if after and item["id"] in after:
                item["after"] = after[item["id"]]
        return self.post(self.a(f"{frm}/{to}/batch/read"), {"inputs": inputs})


def assert_error(resp: httpx.Response, status: int, category: str | None = None) -> dict[str, Any]:
    """The response is `status` with HubSpot's Error body."""
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = resp.json()
    assert body["status"] == "error"
    assert isinstance(body["message"], str) and body["message"]
    uuid.UUID(body["correlationId"])
    if category is not None:
        assert body["category"] == category, body
    return body
