"""Suite-wide: every HubSpot request and response in every test is checked against spec/."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.contract import ContractChecker

TOTALS: Counter[str] = Counter()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "no_contract: the test sends or answers off-spec traffic on purpose"
    )
    config.addinivalue_line(
        "markers",
        "slow: takes 10 s or more (the default run runs them; -m 'not slow' leaves them out)",
    )


@pytest.fixture(autouse=True)
def contract(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ContractChecker]:
    checker = ContractChecker()
    if request.node.get_closest_marker("no_contract") is None:
        send = httpx.Client.send
        asend = httpx.AsyncClient.send

        def checked_send(self: httpx.Client, req: httpx.Request, **kw: Any) -> httpx.Response:
            try:
                response = send(self, req, **kw)
            except httpx.HTTPError:
                checker.check(req, None)
                raise
            if kw.get("stream"):
                response.read()
            checker.check(req, response)
            return response

        async def checked_asend(
            self: httpx.AsyncClient, req: httpx.Request, **kw: Any
        ) -> httpx.Response:
            try:
                response = await asend(self, req, **kw)
            except httpx.HTTPError:
                checker.check(req, None)
                raise
            if kw.get("stream"):
                await response.aread()
            checker.check(req, response)
            return response

        monkeypatch.setattr(httpx.Client, "send", checked_send)
        monkeypatch.setattr(httpx.AsyncClient, "send", checked_asend)
    yield checker
    TOTALS.update(checker.counts)
    assert not checker.violations, "contract violations:\n" + "\n".join(checker.violations)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if TOTALS:
        figures = ", ".join(f"{k}: {v}" for k, v in sorted(TOTALS.items()))
        terminalreporter.write_line(f"contract checks against spec/ passed for {figures}")
